use super::*;
use alloc::string::String;

/// A lesson around one key that Alice may use and Bob may not.
fn lesson(goals: &str, solution: &str) -> String {
    format!(
        r#"{{
  "format": "kms-playground/scenario@1",
  "title": "t",
  "seed": 3,
  "principals": [
    {{"name": "Alice", "arn": "arn:aws:iam::111122223333:user/Alice",
      "policies": [{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}]}}]}},
    {{"name": "Bob", "arn": "arn:aws:iam::111122223333:user/Bob"}}
  ],
  "keys": [{{"name": "K", "aliases": ["alias/k"]}}],
  "lesson": {{
    "id": "one-key",
    "text": ["A paragraph."],
    "goals": {goals},
    "solution": {solution}
  }}
}}"#
    )
}

const BOB_ENCRYPTS: &str = r#"[{"id": "bob", "text": "Let Bob encrypt with K",
  "hints": ["A grant", "CreateGrant"],
  "when": {"all": [
    {"decision": {"as": "Bob", "check": "kms:Encrypt", "key": "K", "expect": "allow"}},
    {"key": {"key": "alias/k", "policy": "unchanged"}}
  ]}}]"#;

const GRANT: &str = r#"[{"id": "g", "as": "Alice", "call": "CreateGrant",
  "input": {"KeyId": "K", "GranteePrincipal": "arn:aws:iam::111122223333:user/Bob", "Operations": ["Encrypt"]}, "expect": "ok"},
  {"advance": "5m"}]"#;

#[test]
fn a_solution_that_meets_its_goal_from_a_world_that_does_not() {
    let l = Lesson::load(&lesson(BOB_ENCRYPTS, GRANT)).unwrap();
    assert_eq!(l.id, "one-key");
    assert_eq!(l.goals[0].hints.len(), 2);
    let report = l.check().unwrap();
    assert!(report.ok(), "{report:?}");
}

#[test]
fn check_names_a_goal_met_at_the_start_and_one_the_solution_misses() {
    // Alice may already encrypt: met at the start. The "solution" changes nothing, so
    // Bob's goal stays unmet.
    let goals = r#"[
      {"id": "alice", "text": "Alice encrypts", "when": {"decision": {"as": "Alice", "check": "kms:Encrypt", "key": "K", "expect": "allow"}}},
      {"id": "bob", "text": "Bob encrypts", "when": {"decision": {"as": "Bob", "check": "kms:Encrypt", "key": "K", "expect": "allow"}}}]"#;
    let solution = r#"[{"as": "Bob", "call": "Encrypt", "input": {"KeyId": "K", "Plaintext": "aGk="}, "expect": "ok"}]"#;
    let report = Lesson::load(&lesson(goals, solution))
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(report.met_at_start, ["alice"]);
    assert_eq!(report.unmet_after_solution, ["bob"]);
    assert_eq!(report.failed_steps.len(), 1);
    assert!(
        report.failed_steps[0].starts_with("solution[0] (Encrypt as arn:aws:iam::111122223333:user/Bob): expected ok, got AccessDeniedException"),
        "{:?}",
        report.failed_steps
    );
}

#[test]
fn a_key_policy_changed_to_let_bob_in_does_not_meet_unchanged() {
    let policy = r#"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}"#;
    let solution = format!(
        r#"[{{"as": "Alice", "call": "PutKeyPolicy", "input": {{"KeyId": "K", "PolicyName": "default", "Policy": "{policy}"}}, "expect": "ok"}}]"#
    );
    let report = Lesson::load(&lesson(BOB_ENCRYPTS, &solution))
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(report.unmet_after_solution, ["bob"]);
}

#[test]
fn events_count_from_the_lesson_start_and_match_on_every_field_given() {
    let goals = r#"[{"id": "denied", "text": "See Bob refused",
      "when": {"event": {"eventName": "Encrypt", "as": "Bob", "key": "alias/k", "outcome": "AccessDeniedException"}}}]"#;
    let solution = r#"[{"as": "Bob", "call": "Encrypt", "input": {"KeyId": "alias/k", "Plaintext": "aGk="}, "expect": "AccessDeniedException"}]"#;
    let l = Lesson::load(&lesson(goals, solution)).unwrap();
    assert!(l.check().unwrap().ok());
    // The same refusal made before the lesson starts (in its setup) does not count.
    let mut with_setup = l.clone();
    with_setup.setup = l.solution.clone();
    let world = with_setup.start().unwrap();
    assert_eq!(with_setup.met(&world, &Baseline::of(&world)), [false]);
    assert_eq!(with_setup.met(&world, &Baseline::default()), [true]);
}

#[test]
fn errors_in_the_lesson_field_are_located() {
    let goals = r#"[{"id": "x", "text": "t", "when": {"decision": {"as": "Zed", "check": "kms:Encrypt", "key": "K", "expect": "allow"}}},
      {"id": "x", "text": "t", "when": {"key": {"key": "K", "keyState": "Melted"}}},
      {"id": "y", "text": "t", "when": {"all": []}},
      {"id": "z", "text": "t", "when": {"teleport": {}}},
      {"id": "w", "text": "t", "when": {"key": {"key": "K"}, "alias": {"name": "alias/k"}}},
      {"id": "x", "text": "t", "when": {"alias": {"name": "alias/k"}}}]"#;
    let errors = Lesson::load(&lesson(goals, "[]")).unwrap_err();
    let said: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let has = |s: &str| said.iter().any(|e| e.contains(s));
    assert!(
        has("lesson.goals[0].when.decision.as: unknown principal \"Zed\""),
        "{said:#?}"
    );
    assert!(
        has("lesson.goals[1].when.key.keyState: unknown key state `Melted`"),
        "{said:#?}"
    );
    assert!(
        has("lesson.goals[5].id: the goal id `x` is already used"),
        "{said:#?}"
    );
    assert!(
        has("lesson.goals[2].when.all: `all` is a non-empty list of facts"),
        "{said:#?}"
    );
    assert!(
        has("lesson.goals[3].when.teleport: unknown fact `teleport`"),
        "{said:#?}"
    );
    assert!(
        has("lesson.goals[4].when: a goal's fact is an object with exactly one field"),
        "{said:#?}"
    );
    // Every error has a line and column in the file.
    assert!(errors.iter().all(|e| e.loc.line > 1), "{errors:?}");
}

#[test]
fn a_file_without_a_lesson_is_a_scenario_not_a_lesson() {
    let text = r#"{"format": "kms-playground/scenario@1"}"#;
    let errors = Lesson::load(text).unwrap_err();
    assert!(errors[0].message.starts_with("not a lesson"), "{errors:?}");
    // And a lesson file is a scenario too: the page can open its world.
    assert!(Scenario::load(&lesson(BOB_ENCRYPTS, GRANT)).is_ok());
}

#[test]
fn a_goal_with_too_many_parts_is_cut_off_with_an_error() {
    let part = r#"{"key": {"key": "K"}}"#;
    let wide = format!(r#"{{"all": [{}]}}"#, [part; 80].join(","));
    let goals = format!(r#"[{{"id": "n", "text": "t", "when": {wide}}}]"#);
    let errors = Lesson::load(&lesson(&goals, "[]")).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("at most 64 facts")),
        "{errors:?}"
    );
}

#[test]
fn a_baseline_knows_its_lessons_world_and_no_other() {
    let l = Lesson::load(&lesson(BOB_ENCRYPTS, GRANT)).unwrap();
    let start = l.start().unwrap();
    let b = Baseline::of(&start);
    assert!(b.matches(&start));
    let mut later = start.clone();
    let caller = crate::api::Caller::new("arn:aws:iam::111122223333:user/Alice");
    let _ = later.request(
        &caller,
        crate::service::Service::Kms,
        "CreateKey",
        &serde_json::json!({}),
    );
    assert!(
        b.matches(&later),
        "the lesson's world, changed by the learner"
    );
    assert!(!b.matches(&World::default()), "another world");
}
