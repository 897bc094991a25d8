use super::*;

#[test]
fn a_statements_lines_are_marked_from_its_opening_brace() {
    let text = "{\n  \"Statement\": [\n    {\n      \"Sid\": \"a\"\n    },\n    {\n      \"Sid\": \"b\"\n    }\n  ]\n}";
    let second = text.match_indices('{').nth(2).unwrap().0;
    let lines = marked_lines(text, &[second]);
    let marked: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.1)
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(marked, [6, 7, 8]);
}

#[test]
fn elements_show_where_a_statement_stopped_matching() {
    assert_eq!(
        element_marks(Some(StatementCheck::ActionNotCovered), false).map(|m| m.1),
        ["ok", "no", "skip", "skip"]
    );
    assert_eq!(
        element_marks(Some(StatementCheck::Applies), true).map(|m| m.1),
        ["ok"; 4]
    );
}

#[test]
fn facts_read_the_context_lines() {
    let t = FactsText {
        context: String::from("app=notes\n"),
        via: String::new(),
        token: String::new(),
    };
    assert_eq!(t.context().unwrap().get("app"), Some("notes"));
    assert!(FactsText::default().context().is_none());
}
