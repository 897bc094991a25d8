use super::*;
use kms_core::matrix::Draft;
use kms_core::policy::{Policy, PolicyKind};
use kms_core::scenario::Scenario;

fn world() -> World {
    crate::starting_world().unwrap()
}

const ALICE: &str = "arn:aws:iam::123412341234:user/Alice";
const BOB: &str = "arn:aws:iam::123412341234:user/Bob";

fn cmk(w: &World, handle: &str) -> KeyArn {
    w.keys()
        .iter()
        .find(|k| w.key_handle(&k.arn) == Some(handle))
        .unwrap()
        .arn
        .clone()
}

#[test]
fn twenty_actions_in_three_groups() {
    assert_eq!(actions().len(), 20);
    assert_eq!(GROUPS.map(|(g, _)| g), ["Use", "Manage", "Grants"]);
}

#[test]
fn the_three_views_put_the_same_decisions_in_their_places() {
    let w = world();
    let facts = RequestFacts::default();
    let a = cmk(&w, "CMK-A");
    let by_action = grid(&w, &View::Action(Action::Decrypt), &facts, false, None);
    assert_eq!(by_action.rows.len(), 5, "the root user and the four");
    assert_eq!(by_action.cols.len(), 3);
    let alice_row = by_action.rows.iter().position(|r| r.0 == ALICE).unwrap();
    assert_eq!(by_action.cell(alice_row, 0), Some(Rule::Iam));
    assert_eq!(by_action.cell(alice_row, 1), Some(Rule::ImplicitDeny));
    assert_eq!(by_action.cell(alice_row, 2), Some(Rule::KeyPolicy));

    let by_key = grid(&w, &View::Key(a.clone()), &facts, false, None);
    let decrypt = by_key.cols.iter().position(|c| c.0 == "Decrypt").unwrap();
    let alice = by_key.rows.iter().position(|r| r.0 == ALICE).unwrap();
    assert_eq!(by_key.cell(alice, decrypt), Some(Rule::Iam));
    assert_eq!(by_key.cols.len(), 20);
    let (who, key, action) = &by_key.coords(alice * 20 + decrypt).unwrap();
    assert_eq!((who.as_str(), key, *action), (ALICE, &a, Action::Decrypt));

    let by_principal = grid(
        &w,
        &View::Principal(String::from(ALICE)),
        &facts,
        false,
        None,
    );
    assert_eq!(by_principal.rows.len(), 3);
    assert_eq!(by_principal.cell(0, decrypt), Some(Rule::Iam));
}

#[test]
fn a_draft_without_the_root_statement_takes_alices_access() {
    let w = world();
    let a = cmk(&w, "CMK-A");
    let facts = RequestFacts::default();
    let view = View::Key(a.clone());
    let saved = grid(&w, &view, &facts, false, None);
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123412341234:user/Bob"},"Action":"kms:*","Resource":"*"}]}"#;
    let policy = Policy::parse(text, PolicyKind::Key).unwrap();
    let draft = grid(
        &w,
        &view,
        &facts,
        false,
        Some(Draft::KeyPolicy {
            key: &a,
            policy: &policy,
        }),
    );
    let changed = changes(&saved, &draft);
    assert!(!changed.is_empty());
    let alice = saved.rows.iter().position(|r| r.0 == ALICE).unwrap();
    let decrypt = saved.cols.iter().position(|c| c.0 == "Decrypt").unwrap();
    let i = alice * saved.cols.len() + decrypt;
    assert!(changed.contains(&(i, Some(Rule::Iam), Some(Rule::ImplicitDeny))));
}

/// The fix the page offers for `who` decrypting with `key`, as its Access panel drafts it.
fn decrypt_fix(w: &World, who: &str, key: &KeyArn, d: &Decision) -> Option<Fix> {
    let (p, k) = page_names(w, who, key)?;
    let names = kms_core::authz::Names {
        principal: &p,
        key: &k,
    };
    let facts = RequestFacts::default();
    kms_core::fix::suggest(w, who, key, Action::Decrypt, d, &facts, &names)
}

#[test]
fn fixes_are_offered_only_when_the_core_says_they_work() {
    let w = world();
    let facts = RequestFacts::default();
    // Bob has no IAM policy; CMK-A trusts IAM: the fix goes in his (new) IAM policy.
    let a = cmk(&w, "CMK-A");
    let d = explain(&w, BOB, &a, Action::Decrypt, &facts).unwrap();
    assert_eq!(d.rule, Rule::ImplicitDeny);
    let fix = decrypt_fix(&w, BOB, &a, &d).unwrap();
    assert_eq!(
        fix.target,
        FixTarget::Iam(String::from(BOB), String::from("kms-access"))
    );
    assert!(
        fix.text.contains("\"Action\": \"kms:Decrypt\""),
        "{}",
        fix.text
    );
    // CMK-B ignores IAM: the fix names Alice in its key policy.
    let b = cmk(&w, "CMK-B");
    let d = explain(&w, ALICE, &b, Action::Decrypt, &facts).unwrap();
    let fix = decrypt_fix(&w, ALICE, &b, &d).unwrap();
    assert_eq!(fix.target, FixTarget::KeyPolicy(b.clone()));
    assert!(fix.text.contains(ALICE));
    assert!(
        fix.text.find("Allow Bob and Charlie").unwrap()
            < fix.text.find("Allow Alice to Decrypt").unwrap(),
        "appended, order kept"
    );
    // CMK-C denies Bob explicitly: the fix takes the Deny statement out.
    let c = cmk(&w, "CMK-C");
    let d = explain(&w, BOB, &c, Action::Decrypt, &facts).unwrap();
    assert_eq!(d.rule, Rule::ExplicitDeny);
    let fix = decrypt_fix(&w, BOB, &c, &d);
    // Without the Deny, Bob is still not allowed (nothing names him): no fix is offered.
    assert_eq!(fix, None);
    // David on CMK-C: denied explicitly; his IAM policy allows CMK-C, so taking the Deny
    // out works.
    let david = "arn:aws:iam::123412341234:user/David";
    let d = explain(&w, david, &c, Action::Decrypt, &facts).unwrap();
    let fix = decrypt_fix(&w, david, &c, &d).unwrap();
    assert_eq!(fix.target, FixTarget::KeyPolicy(c));
    assert!(!fix.text.contains("Deny Bob Charlie David"));
}

#[test]
fn statements_are_added_and_removed_keeping_the_documents_order() {
    let text = r#"{"Version":"2012-10-17","Statement":{"Sid":"one","Effect":"Allow"}}"#;
    let added = add_statement(text, obj(vec![("Sid", string("two"))])).unwrap();
    assert!(added.find("one").unwrap() < added.find("two").unwrap());
    assert!(added.find("Version").unwrap() < added.find("Statement").unwrap());
    let removed = remove_statement(&added, 0).unwrap();
    assert!(!removed.contains("\"one\"") && removed.contains("\"two\""));
    assert_eq!(remove_statement(&removed, 5), None);
}

#[test]
fn the_study_notes_exercise_is_the_decrypt_grid_with_the_notes_reasoning() {
    let w = world();
    let s = Scenario::load(crate::STARTING_SCENARIO).unwrap();
    let q = exercise(&w, &s, Action::Decrypt);
    assert_eq!(
        q.len(),
        12,
        "Alice, Bob, Charlie and David × CMK-A, B and C"
    );
    assert!(
        q.iter().all(|x| x.note.is_some()),
        "the world gives the notes' answers"
    );
    let bob_c = q
        .iter()
        .find(|x| x.who.0 == "Bob" && x.key.0 == "CMK-C")
        .unwrap();
    assert_eq!(bob_c.answer, Some(Rule::ExplicitDeny));
    assert!(right("deny", bob_c.answer) && !right("allow", bob_c.answer));
    assert!(lesson(bob_c.answer).contains("explicit deny"));
}

#[test]
fn principals_whose_names_look_alike_are_named_with_their_arns() {
    let rows = |names: &[(&str, &str)]| {
        names
            .iter()
            .map(|(a, l)| (a.to_string(), l.to_string()))
            .collect::<Vec<_>>()
    };
    let notes = rows(&[
        ("arn:aws:iam::111122223333:user/Alice", "Alice"),
        ("arn:aws:iam::111122223333:user/Bob", "Bob"),
    ]);
    assert_eq!(lookalike_warning(&notes), None);
    // "Admin" and "Аdmin" with a Cyrillic А: two principals, one name to the eye.
    let spoof = rows(&[
        ("arn:aws:iam::111122223333:user/Admin", "Admin"),
        ("arn:aws:iam::111122223333:user/Admin2", "\u{0410}dmin"),
    ]);
    let w = lookalike_warning(&spoof).unwrap();
    assert!(
        w.contains("user/Admin)") && w.contains("user/Admin2)"),
        "{w}"
    );
}
