//! What the Scenarios panel shows, as pure functions: the gallery's cards, a guided play's
//! prediction choices and how a prediction and an expectation came out, the errors of a
//! file that does not load, and the names of exported files.

use kms_core::authz::Rule;
use kms_core::policy::Effect;
use kms_core::scenario::{Expect, Scenario, ScenarioError, Step, StepKind, StepResult};

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

/// The answers a learner chooses from before a step: `None` when the step expects nothing
/// (then it is simply run).
pub fn choices(step: &Step) -> Option<Vec<String>> {
    let expect = step.expect.as_ref()?;
    Some(match (&step.kind, expect) {
        (StepKind::Check { .. }, Expect::ExplicitDeny | Expect::ImplicitDeny) => vec![
            String::from("allow"),
            String::from("explicit deny"),
            String::from("implicit deny"),
        ],
        (StepKind::Check { .. }, _) => vec![String::from("allow"), String::from("deny")],
        (StepKind::Advance(_), _) => return None,
        (StepKind::Call { .. }, e) => {
            let mut out = vec![String::from("succeeds")];
            if let Expect::Error(code) = e {
                out.push(code.clone());
            }
            if matches!(e, Expect::AnyError) {
                out.push(String::from("fails"));
            }
            for code in [
                "AccessDeniedException",
                "InvalidCiphertextException",
                "DisabledException",
                "NotFoundException",
            ] {
                if out.len() < 4 && !out.iter().any(|c| c == code) {
                    out.push(String::from(code));
                }
            }
            out
        }
    })
}

/// What a step did, in the words of [`choices`] (`allow`, `explicit deny`, `succeeds`,
/// or the error code), with the same granularity as the choices offered.
pub fn outcome(r: &StepResult, fine: bool) -> String {
    if let Some(e) = &r.error {
        return e.code.clone();
    }
    match (&r.decision, &r.output) {
        (Some(d), None) => match (d.effect, d.rule, fine) {
            (Effect::Allow, _, _) => String::from("allow"),
            (_, Rule::ExplicitDeny, true) => String::from("explicit deny"),
            (_, _, true) => String::from("implicit deny"),
            _ => String::from("deny"),
        },
        _ => String::from("succeeds"),
    }
}

/// Whether a prediction matches what the step did.
pub fn predicted_right(prediction: &str, r: &StepResult, choices: &[String]) -> bool {
    let fine = choices.iter().any(|c| c == "explicit deny");
    let got = outcome(r, fine);
    prediction == got || (prediction == "fails" && r.error.is_some())
}

/// The plain sentence of a step whose expectation was not met, as the command line says
/// it; `None` when it was met or expected nothing.
pub fn unmet(r: &StepResult) -> Option<String> {
    match (r.met, &r.expected) {
        (Some(false), Some(e)) => Some(format!(
            "Not as the scenario expects: it expected {e}, and the step gave {}.",
            outcome(r, true)
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
    use kms_core::scenario::Runner;

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

    #[test]
    fn predictions_are_judged_against_what_happened() {
        let s = Scenario::load(&preset("cmk-access")).unwrap();
        let mut r = Runner::new(&s).unwrap();
        let mut right = 0;
        for step in s.steps.clone() {
            let result = r.step().unwrap();
            let Some(options) = choices(&step) else {
                continue;
            };
            // Predicting what the author expected is right whenever the step met it.
            let expected = match step.expect.as_ref().unwrap() {
                Expect::Ok | Expect::OkWith(_) => String::from("succeeds"),
                Expect::Error(c) => c.clone(),
                Expect::AnyError => String::from("fails"),
                Expect::Allow => String::from("allow"),
                Expect::Deny => String::from("deny"),
                Expect::ExplicitDeny => String::from("explicit deny"),
                Expect::ImplicitDeny => String::from("implicit deny"),
            };
            assert!(
                options.contains(&expected),
                "{expected} offered: {options:?}"
            );
            assert_eq!(result.met, Some(true));
            assert!(predicted_right(&expected, &result, &options));
            let wrong = options.iter().find(|o| **o != expected).unwrap();
            assert!(!predicted_right(wrong, &result, &options));
            assert_eq!(unmet(&result), None);
            right += 1;
        }
        assert_eq!(right, 22);
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
    fn exported_files_are_named_after_their_title() {
        assert_eq!(
            export_name("CMK access: key policies, IAM"),
            "cmk-access-key-policies-iam.json"
        );
        assert_eq!(export_name("!!"), "kms-playground-world.json");
    }
}
