//! What the Scenarios panel shows, as pure functions: the gallery's cards, a guided play's
//! prediction choices and how a prediction and an expectation came out, the errors of a
//! file that does not load, and the names of exported files.

use kms_core::authz::Rule;
use kms_core::policy::Effect;
use kms_core::scenario::{Runner, Scenario, ScenarioError, Step, StepKind, StepResult};
use kms_core::service::Service;
use serde_json::Value;

/// The presets, in the order the gallery shows them: file name and what it teaches.
pub const PRESETS: [(&str, &str); 7] = [
    (
        "cmk-access",
        "The study notes' exercise: key policies, IAM policies through the account, and the explicit deny that overrules them.",
    ),
    (
        "encryption-context",
        "Why Decrypt needs the same context, and how policies read it.",
    ),
    (
        "envelope-basics",
        "Data keys: KMS encrypts at most 4 KB, a data key encrypts the rest.",
    ),
    (
        "grants-and-tokens",
        "Grants delegate use of one key; a grant token works before the grant propagates.",
    ),
    (
        "rotation-and-deletion",
        "New key material on the clock, old ciphertexts still open; deletion's waiting period.",
    ),
    (
        "cross-account",
        "Two accounts must both say yes: the key policy and the other account's IAM.",
    ),
    (
        "sse-kms",
        "S3's four upload and four download steps, the calls S3 makes to KMS, and Bucket Keys.",
    ),
];

/// A gallery card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// The preset's file name (no extension).
    pub name: String,
    /// Its title.
    pub title: String,
    /// What it teaches.
    pub teaches: String,
    /// How long it is: "22 steps, 22 to predict".
    pub length: String,
}

/// The card of a preset, from its file's text.
pub fn card(name: &str, teaches: &str, text: &str) -> Result<Card, String> {
    let s = Scenario::load(text).map_err(|e| errors_text(&e))?;
    let predict = s.steps.iter().filter(|st| st.expect.is_some()).count();
    Ok(Card {
        name: String::from(name),
        title: s.title.clone().unwrap_or_else(|| String::from(name)),
        teaches: String::from(teaches),
        length: format!(
            "{}, {predict} to predict · {}, {}",
            count(s.steps.len(), "step"),
            count(s.principals.len(), "principal"),
            count(s.keys.len(), "key")
        ),
    })
}

/// `1 key`, `3 keys`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A file's errors, one per line, each with its JSON path and line:column.
pub fn errors_text(errors: &[ScenarioError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The answers to an authorization question, in their fixed order.
pub const CHECK_CHOICES: [&str; 3] = ["allow", "implicit deny", "explicit deny"];

/// The answers a learner chooses from before a step: `None` when the step expects nothing
/// (then it is simply run). They depend on the kind of question only, never on the
/// answer: an authorization question always offers [`CHECK_CHOICES`]; a call offers
/// success and the outcomes its operation can have (`Descriptor::outcomes`), in the
/// operation's fixed order.
pub fn choices(step: &Step) -> Option<Vec<String>> {
    step.expect.as_ref()?;
    match &step.kind {
        StepKind::Check { .. } => Some(CHECK_CHOICES.iter().map(|c| String::from(*c)).collect()),
        StepKind::Advance(_) => None,
        StepKind::Call { operation, .. } => {
            let (service, name) = Service::split(operation);
            let mut out = vec![String::from("succeeds")];
            if let Some(d) = service.operation(name) {
                out.extend(d.outcomes().into_iter().map(String::from));
            }
            Some(out)
        }
    }
}

/// What a step did, in the words of [`choices`] (`allow`, `explicit deny`, `succeeds`,
/// or the error code).
pub fn outcome(r: &StepResult) -> String {
    if let Some(e) = &r.error {
        return e.code.clone();
    }
    match (&r.decision, &r.output) {
        (Some(d), None) => match (d.effect, d.rule) {
            (Effect::Allow, _) => String::from("allow"),
            (_, Rule::ExplicitDeny) => String::from("explicit deny"),
            _ => String::from("implicit deny"),
        },
        _ => String::from("succeeds"),
    }
}

/// Whether a prediction matches what the step did.
pub fn predicted_right(prediction: &str, r: &StepResult) -> bool {
    prediction == outcome(r)
}

/// What a step asks, in full, before the learner predicts: the request a call sends
/// (references resolved), or the facts an authorization question is asked with.
#[derive(Clone, Debug, PartialEq)]
pub struct Asked {
    /// Lines of "what: value", each standing alone.
    pub facts: Vec<(String, String)>,
    /// The request, for a call.
    pub request: Option<Value>,
    /// The call as the AWS CLI would send it.
    pub twin: Option<String>,
}

/// What the next step of `runner`, `step`, asks.
pub fn asked(runner: &Runner, step: &Step, region: &str) -> Asked {
    let mut facts = Vec::new();
    let mut request = None;
    let mut twin = None;
    match &step.kind {
        StepKind::Call { via, .. } => {
            if let Some(Ok(p)) = runner.prepare_call() {
                let (service, name) = Service::split(&p.operation);
                request = Some(p.input.clone());
                let sent_to = p.region.as_deref().unwrap_or(region);
                twin = Some(crate::cli::command(service, name, &p.input, sent_to));
                if let Some(r) = &p.region {
                    facts.push((String::from("AWS Region"), r.clone()));
                }
                facts.push((
                    String::from("Operation"),
                    format!("{} {name}", service.label()),
                ));
                for (member, text) in readable_blobs(&p.input) {
                    facts.push((format!("{member} reads"), text));
                }
            }
            if let Some(v) = via {
                facts.push((
                    String::from("kms:ViaService"),
                    format!("{v} (a service calls on the principal's behalf)"),
                ));
            }
        }
        StepKind::Check {
            action,
            key,
            facts: f,
            ..
        } => {
            facts.push((String::from("Action"), action.to_string()));
            facts.push((
                String::from("Key"),
                key.clone()
                    .unwrap_or_else(|| String::from("(none: the action needs no key)")),
            ));
            facts.push((
                String::from("kms:ViaService"),
                f.via.clone().map_or_else(
                    || String::from("none: the principal calls KMS directly"),
                    |v| format!("{v} (a service calls on the principal's behalf)"),
                ),
            ));
            if let Some(c) = &f.context {
                facts.push((
                    String::from("Encryption context"),
                    serde_json::to_string(c.as_map()).unwrap_or_default(),
                ));
            }
            if !f.grant_tokens.is_empty() {
                facts.push((
                    String::from("Grant tokens"),
                    format!("{} presented", f.grant_tokens.len()),
                ));
            }
            if let Some(tags) = &f.tags {
                let t: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
                facts.push((String::from("aws:RequestTag"), t.join(", ")));
            }
            if let Some(keys) = &f.tag_keys {
                facts.push((String::from("aws:TagKeys"), keys.join(", ")));
            }
            if let Some(d) = f.rotation_period_days {
                facts.push((String::from("kms:RotationPeriodInDays"), d.to_string()));
            }
            if let Some(d) = f.pending_window_days {
                facts.push((
                    String::from("kms:ScheduleKeyDeletionPendingWindowInDays"),
                    d.to_string(),
                ));
            }
            if let Some(b) = f.bypass_lockout_check {
                facts.push((
                    String::from("kms:BypassPolicyLockoutSafetyCheck"),
                    b.to_string(),
                ));
            }
        }
        StepKind::Advance(_) => {}
    }
    Asked {
        facts,
        request,
        twin,
    }
}

/// Top-level blob members of a request that read as text (`Plaintext` of an Encrypt),
/// with their text, so a learner sees what is encrypted.
fn readable_blobs(input: &Value) -> Vec<(String, String)> {
    let Some(map) = input.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter(|(k, _)| matches!(k.as_str(), "Plaintext" | "Body"))
        .filter_map(|(k, v)| {
            let bytes = kms_core::b64::decode(v.as_str()?).ok()?;
            let n = bytes.len();
            let text = String::from_utf8(bytes).ok()?;
            if text.chars().any(char::is_control) {
                return None;
            }
            // A long text is shown by its start and its size: the size is what a question
            // about KMS's 4 KB limit asks about.
            let shown = if text.chars().count() > 80 {
                let start: String = text.chars().take(40).collect();
                let size = n
                    .to_string()
                    .as_bytes()
                    .rchunks(3)
                    .rev()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect::<Vec<_>>()
                    .join(",");
                format!("\"{start}…\" ({size} bytes)")
            } else {
                format!("\"{text}\"")
            };
            Some((k.clone(), shown))
        })
        .collect()
}

/// The plain sentence of a step whose expectation was not met, as the command line says
/// it; `None` when it was met or expected nothing.
pub fn unmet(r: &StepResult) -> Option<String> {
    match (r.met, &r.expected) {
        (Some(false), Some(e)) => Some(format!(
            "Not as the scenario expects: it expected {e}, and the step gave {}.",
            outcome(r)
        )),
        _ => None,
    }
}

/// A file name for an exported world: its title in lower case, words joined by hyphens.
pub fn export_name(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        String::from("kms-playground-world.json")
    } else {
        format!("{out}.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kms_core::scenario::Expect;
    use std::collections::BTreeMap;

    fn preset(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/../tests/scenarios/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn every_preset_has_a_card() {
        for (name, teaches) in PRESETS {
            let c = card(name, teaches, &preset(name)).unwrap();
            assert!(!c.title.is_empty() && c.title != name, "{name} has a title");
            assert!(c.length.contains(" steps, "), "{}", c.length);
        }
        let c = card("cmk-access", "", &preset("cmk-access")).unwrap();
        assert_eq!(c.length, "22 steps, 22 to predict · 4 principals, 3 keys");
    }

    #[test]
    fn a_file_that_does_not_load_says_where() {
        let e = card(
            "x",
            "",
            r#"{"format": "kms-playground/scenario@1", "keys": 3}"#,
        )
        .unwrap_err();
        assert!(e.contains("keys"), "{e}");
        assert!(e.contains("1:"), "with its line and column: {e}");
    }

    /// Every expectation a step can carry.
    fn every_expect() -> Vec<Option<Expect>> {
        vec![
            None,
            Some(Expect::Ok),
            Some(Expect::Error(String::from("AccessDeniedException"))),
            Some(Expect::Error(String::from("NoSuchKey"))),
            Some(Expect::AnyError),
            Some(Expect::Allow),
            Some(Expect::Deny),
            Some(Expect::ExplicitDeny),
            Some(Expect::ImplicitDeny),
        ]
    }

    /// What a question is about: its kind, and for a call its operation.
    fn kind_of(step: &Step) -> String {
        match &step.kind {
            StepKind::Call { operation, .. } => format!("call {operation}"),
            StepKind::Check { .. } => String::from("check"),
            StepKind::Advance(_) => String::from("advance"),
        }
    }

    #[test]
    fn every_question_of_a_kind_offers_the_same_choices_in_every_preset() {
        let mut offered: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut asked = 0;
        for (name, _) in PRESETS {
            let s = Scenario::load(&preset(name)).unwrap();
            for step in &s.steps {
                let Some(c) = choices(step) else { continue };
                asked += 1;
                let seen = offered.entry(kind_of(step)).or_insert_with(|| c.clone());
                assert_eq!(*seen, c, "{name}: {} offers other choices", kind_of(step));
                assert!(c.len() >= 3, "{name}: {c:?}");
            }
        }
        assert!(asked > 60, "{asked} questions");
        assert_eq!(
            offered["check"],
            ["allow", "implicit deny", "explicit deny"]
        );
        let encrypt = &offered["call Encrypt"];
        assert_eq!(encrypt[..2], ["succeeds", "AccessDeniedException"]);
        assert!(encrypt.contains(&String::from("DisabledException")));
    }

    #[test]
    fn the_answers_position_carries_no_information() {
        // The choices are a function of the question alone: whatever a step expects, the
        // same choices in the same order. So where the right one sits says nothing.
        for (name, _) in PRESETS {
            let s = Scenario::load(&preset(name)).unwrap();
            for step in &s.steps {
                if step.expect.is_none() {
                    continue;
                }
                let mut asked = step.clone();
                let mut all = Vec::new();
                for e in every_expect().into_iter().flatten() {
                    asked.expect = Some(e);
                    all.push(choices(&asked));
                }
                assert!(
                    all.windows(2).all(|w| w[0] == w[1]),
                    "{name}: {} changes its choices with its answer",
                    kind_of(step)
                );
            }
        }
    }

    #[test]
    fn predictions_are_judged_against_what_happened() {
        let mut right = 0;
        for (name, _) in PRESETS {
            let s = Scenario::load(&preset(name)).unwrap();
            let mut r = Runner::new(&s).unwrap();
            for step in s.steps.clone() {
                let result = r.step().unwrap();
                let Some(options) = choices(&step) else {
                    continue;
                };
                // What happened is always offered, predicting it is right, and any other
                // choice is wrong.
                let got = outcome(&result);
                assert!(
                    options.contains(&got),
                    "{name}: {got} offered in {options:?}"
                );
                assert_eq!(result.met, Some(true), "{name}");
                assert!(predicted_right(&got, &result));
                for other in options.iter().filter(|o| **o != got) {
                    assert!(!predicted_right(other, &result));
                }
                assert_eq!(unmet(&result), None);
                right += 1;
            }
        }
        assert!(right > 60, "{right}");
    }

    #[test]
    fn a_step_shows_what_it_asks_before_the_prediction() {
        let s = Scenario::load(&preset("sse-kms")).unwrap();
        let r = Runner::new(&s).unwrap();
        let checks: Vec<Asked> = s
            .steps
            .iter()
            .filter(|st| matches!(st.kind, StepKind::Check { .. }))
            .map(|st| asked(&r, st, "us-east-1"))
            .collect();
        // The two Decrypt questions about alias/aws/s3 differ in what they ask: one comes
        // through S3, one is direct.
        let via: Vec<&String> = checks
            .iter()
            .flat_map(|a| {
                a.facts
                    .iter()
                    .filter(|(k, _)| k == "kms:ViaService")
                    .map(|(_, v)| v)
            })
            .collect();
        assert!(
            via.iter()
                .any(|v| v.starts_with("s3.us-east-1.amazonaws.com")),
            "{via:?}"
        );
        assert!(via.iter().any(|v| v.contains("directly")), "{via:?}");
        // A call shows its request, its aws twin, and what its plaintext reads.
        let s = Scenario::load(&preset("cmk-access")).unwrap();
        let mut r = Runner::new(&s).unwrap();
        let at = s
            .steps
            .iter()
            .position(
                |st| matches!(&st.kind, StepKind::Call { operation, .. } if operation == "Encrypt"),
            )
            .unwrap();
        for _ in 0..at {
            r.step().unwrap();
        }
        let a = asked(&r, &s.steps[at], "us-east-1");
        assert!(a.request.unwrap().get("KeyId").is_some());
        assert!(a.twin.unwrap().starts_with("aws kms encrypt --key-id "));
        assert!(
            a.facts
                .iter()
                .any(|(k, v)| k == "Plaintext reads" && v.contains("Hello")),
            "{:?}",
            a.facts
        );
    }

    #[test]
    fn every_note_stands_alone() {
        // A note is read after one step, maybe alone in the Access panel's exercise: it
        // never continues another ("…but"), and a question's note names who it is about.
        for (name, _) in PRESETS {
            let s = Scenario::load(&preset(name)).unwrap();
            for step in &s.steps {
                let Some(note) = &step.note else { continue };
                assert!(
                    !note.starts_with("...") && !note.ends_with("...") && !note.contains('…'),
                    "{name}: {note}"
                );
                if let StepKind::Check { principal, .. } = &step.kind {
                    let who = s
                        .principals
                        .iter()
                        .find(|p| p.name.as_deref() == Some(principal) || p.arn == *principal)
                        .and_then(|p| p.name.clone())
                        .unwrap_or_default();
                    assert!(note.contains(&who), "{name}: {note} does not name {who}");
                }
            }
        }
    }

    #[test]
    fn an_unmet_expectation_is_said_plainly() {
        let text = r#"{"format": "kms-playground/scenario@1",
            "principals": [{"name": "Alice", "arn": "arn:aws:iam::111122223333:user/Alice"}],
            "steps": [{"as": "Alice", "call": "DescribeKey", "input": {"KeyId": "alias/nope"}, "expect": "ok"}]}"#;
        let s = Scenario::load(text).unwrap();
        let r = Runner::new(&s).unwrap().step().unwrap();
        assert_eq!(r.met, Some(false));
        let said = unmet(&r).unwrap();
        assert_eq!(
            said,
            "Not as the scenario expects: it expected ok, and the step gave NotFoundException."
        );
    }

    #[test]
    fn a_long_text_in_a_request_is_shown_by_its_start_and_its_size() {
        let long = kms_core::b64::encode(&[b'x'; 4097]);
        let facts = readable_blobs(&serde_json::json!({"Plaintext": long, "KeyId": "k"}));
        assert_eq!(
            facts,
            vec![(
                String::from("Plaintext"),
                format!("\"{}…\" (4,097 bytes)", "x".repeat(40))
            )]
        );
        let short = readable_blobs(&serde_json::json!({"Body": "aGVsbG8="}));
        assert_eq!(short[0].1, "\"hello\"");
    }

    #[test]
    fn exported_files_are_named_after_their_title() {
        assert_eq!(
            export_name("CMK access: key policies, IAM"),
            "cmk-access-key-policies-iam.json"
        );
        assert_eq!(export_name("!!"), "kms-playground-world.json");
    }
}
