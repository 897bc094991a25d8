use super::*;

const GLOB: Syntax = Syntax {
    wildcards: true,
    variables: true,
};
const EXACT: Syntax = Syntax {
    wildcards: false,
    variables: true,
};

struct Alice;
impl Variables for Alice {
    fn variable(&self, v: &Variable) -> Option<&str> {
        match v {
            Variable::Username => Some("Alice"),
            Variable::PrincipalAccount => Some("111122223333"),
            _ => None,
        }
    }
}

fn m(pat: &str, text: &str) -> bool {
    Pattern::compile(pat, GLOB).matches(text, &Alice, false)
}

#[test]
fn wildcards() {
    assert!(m("*", ""));
    assert!(m("*", "anything"));
    assert!(m(
        "arn:aws:kms:*:111122223333:key/*",
        "arn:aws:kms:us-east-1:111122223333:key/abc"
    ));
    assert!(!m(
        "arn:aws:kms:*:111122223333:key/*",
        "arn:aws:kms:us-east-1:444455556666:key/abc"
    ));
    assert!(m("a?c", "abc") && m("a?c", "aéc") && !m("a?c", "ac"));
    assert!(m("*a*b*c*", "xxaxxbxxcxx") && !m("*a*b*c*", "xxaxxcxxbxx"));
    assert!(m("ab*", "ab") && !m("ab*", "a"));
    assert!(!m("", "x") && m("", ""));
}

#[test]
fn variables_resolve_from_the_request() {
    assert!(m("home/${aws:username}/*", "home/Alice/docs"));
    assert!(!m("home/${aws:username}/*", "home/Bob/docs"));
    assert!(m("${aws:PrincipalAccount}", "111122223333"));
    // A variable without a value matches nothing, not even `*`-like text.
    assert!(!m("${aws:PrincipalArn}*", "anything"));
    assert!(!m("x${aws:SourceIp}", "x"));
    // Escapes.
    assert!(m("a${*}b${?}${$}", "a*b?$"));
    assert!(!m("a${*}b", "axxb"));
    assert_eq!(
        Pattern::compile("${aws:SourceIp}", GLOB)
            .unmodelled_variables()
            .collect::<Vec<_>>(),
        ["aws:SourceIp"]
    );
    // Variables off (policy Version 2008-10-17): literal text.
    let old = Pattern::compile(
        "${aws:username}",
        Syntax {
            wildcards: true,
            variables: false,
        },
    );
    assert!(old.matches("${aws:username}", &Alice, false));
}

#[test]
fn exact_patterns_take_wildcards_literally() {
    let p = Pattern::compile("a*b", EXACT);
    assert!(p.matches("a*b", &NoVariables, false) && !p.matches("axb", &NoVariables, false));
    let p = Pattern::compile("Finance", EXACT);
    assert!(p.matches("FINANCE", &NoVariables, true) && !p.matches("FINANCE", &NoVariables, false));
    assert!(Pattern::compile("*", GLOB).is_match_all() && !p.is_match_all());
}

/// A naive recursive matcher to compare against.
#[cfg(not(target_arch = "wasm32"))]
fn naive(p: &[char], t: &[char]) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some(('*', rest)) => (0..=t.len()).any(|i| naive(rest, &t[i..])),
        Some(('?', rest)) => !t.is_empty() && naive(rest, &t[1..]),
        Some((c, rest)) => t.first() == Some(c) && naive(rest, &t[1..]),
    }
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #[test]
    fn agrees_with_a_naive_matcher(p in "[ab*?é]{0,7}", t in "[abé]{0,9}") {
        let pc: Vec<char> = p.chars().collect();
        let tc: Vec<char> = t.chars().collect();
        let want = naive(&pc, &tc);
        proptest::prop_assert_eq!(Pattern::compile(&p, GLOB).matches(&t, &NoVariables, false), want);
        if p.is_ascii() && t.is_ascii() {
            proptest::prop_assert_eq!(glob_match(p.as_bytes(), t.as_bytes(), false), want);
        }
    }

    #[test]
    fn longer_patterns_agree_with_the_naive_matcher(p in "[ab*?]{0,14}", t in "[ab]{0,18}") {
        let pc: Vec<char> = p.chars().collect();
        let tc: Vec<char> = t.chars().collect();
        let want = naive(&pc, &tc);
        proptest::prop_assert_eq!(Pattern::compile(&p, GLOB).matches(&t, &NoVariables, false), want);
        proptest::prop_assert_eq!(glob_match(p.as_bytes(), t.as_bytes(), false), want);
        let upper = t.to_uppercase();
        proptest::prop_assert_eq!(glob_match(p.as_bytes(), upper.as_bytes(), true), want);
    }

    #[test]
    fn variables_match_as_their_values_would(
        before in "[ab*?]{0,4}", after in "[ab*?]{0,4}", t in "[abAlice]{0,12}"
    ) {
        // `${aws:username}` is Alice; its letters are plain text, never wildcards.
        let p = std::format!("{before}${{aws:username}}{after}");
        let mut pc: Vec<char> = before.chars().collect();
        pc.extend(['A', 'l', 'i', 'c', 'e']);
        pc.extend(after.chars());
        let tc: Vec<char> = t.chars().collect();
        proptest::prop_assert_eq!(m(&p, &t), naive(&pc, &tc));
    }

    #[test]
    fn ignore_case_matches_the_lowercased_text(p in "[aAbB*]{0,6}", t in "[aAbB]{0,8}") {
        let lower = Pattern::compile(&p.to_lowercase(), GLOB).matches(&t.to_lowercase(), &NoVariables, false);
        proptest::prop_assert_eq!(Pattern::compile(&p, GLOB).matches(&t, &NoVariables, true), lower);
    }
}

/// A request with a matching budget.
struct Bounded(Budget);
impl Variables for Bounded {
    fn variable(&self, v: &Variable) -> Option<&str> {
        Alice.variable(v)
    }
    fn budget(&self) -> Option<&Budget> {
        Some(&self.0)
    }
}

#[test]
fn long_literal_pieces_match_in_linear_time() {
    // The shape from the security review: a 10,000-character piece between stars
    // against a 70,000-character text costs about their sum, not their product.
    let pattern = std::format!("*{}b*", "a".repeat(10_000));
    let text = "a".repeat(70_000);
    let vars = Bounded(Budget::new(200_000));
    let p = Pattern::compile(&pattern, GLOB);
    assert!(!p.matches(&text, &vars, false));
    assert_eq!(
        vars.0.cuts(),
        0,
        "linear matching stays inside a small budget"
    );
    assert!(p.matches(&std::format!("{text}b"), &vars, false));
    // The same for prefixes, suffixes and ARN-like texts.
    let arn = std::format!("arn:aws:iam::111122223333:user/{}/Name", "x".repeat(500));
    assert!(Pattern::compile("arn:aws:iam::*:user/*/Name", GLOB).matches(&arn, &vars, false));
    assert!(!Pattern::compile("arn:aws:iam::*:user/*/Nam", GLOB).matches(&arn, &vars, false));
}

#[test]
fn matching_that_needs_more_than_the_budget_is_cut_short() {
    // `?` pieces are compared position by position: this one would take millions of
    // steps, so the budget stops it and says so.
    let pattern = std::format!("*{}b*", "?a".repeat(1_000));
    let text = "a".repeat(5_000);
    let vars = Bounded(Budget::new(MAX_MATCH_WORK));
    assert!(!Pattern::compile(&pattern, GLOB).matches(&text, &vars, false));
    assert_eq!(vars.0.cuts(), 1);
    // Once spent, every later match that has work to do is cut short too.
    assert!(!Pattern::compile("a*b", GLOB).matches("axb", &vars, false));
    assert_eq!(vars.0.cuts(), 2);
    // Without a budget (outside a decision), the answer is the true one.
    assert!(
        Pattern::compile(&std::format!("*{}b*", "?a".repeat(50)), GLOB).matches(
            &std::format!("{}b", "a".repeat(200)),
            &NoVariables,
            false
        )
    );
}

#[test]
fn byte_globs_for_action_names() {
    assert!(glob_match(
        b"GenerateDataKey*",
        b"GenerateDataKeyWithoutPlaintext",
        false
    ));
    assert!(glob_match(b"generatedatakey", b"GenerateDataKey", true));
    assert!(!glob_match(b"generatedatakey", b"GenerateDataKey", false));
    assert!(glob_match(b"*", b"", false) && !glob_match(b"?", b"", false));
    assert!(
        glob_match(b"*crypt", b"Decrypt", false) && !glob_match(b"*crypt", b"Decrypted", false)
    );
}
