//! How values read on the page: times, durations, long identifiers, states and decisions.
//! Pure functions, tested natively.

use kms_core::authz::{Decision, Rule};
use kms_core::clock::{Duration, Timestamp};
use kms_core::keys::KeyState;
use kms_core::policy::Effect;

/// `2026-01-01T00:00:00Z` → `2026-01-01 00:00 UTC` (seconds only when they are not 0).
pub fn time(t: Timestamp) -> String {
    let s = t.to_string();
    let (date, rest) = s.split_once('T').unwrap_or((&s, ""));
    let rest = rest.trim_end_matches('Z');
    let hm = rest.get(..5).unwrap_or(rest);
    let secs = rest.get(6..8).filter(|s| *s != "00");
    match secs {
        Some(sec) => format!("{date} {hm}:{sec} UTC"),
        None => format!("{date} {hm} UTC"),
    }
}

/// A span for people: `6 days 23 hours`, `4 minutes`, `45 seconds`: the two largest units.
pub fn span(d: Duration) -> String {
    let mut secs = d.as_seconds().max(0);
    if secs == 0 {
        return String::from("0 seconds");
    }
    let units = [
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    let mut parts = Vec::new();
    for (size, name) in units {
        let n = secs / size;
        if n > 0 {
            parts.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
            secs -= n * size;
        }
        if parts.len() == 2 || (!parts.is_empty() && n == 0) {
            break;
        }
    }
    parts.join(" ")
}

/// How long until `then` from `now`: `in 6 days 23 hours`, or `now` when it is due.
pub fn until(now: Timestamp, then: Timestamp) -> String {
    if then <= now {
        String::from("now")
    } else {
        format!("in {}", span(then.since(now)))
    }
}

/// Shortens `s` to at most `max` characters by cutting its middle: ARNs keep their start
/// (service, region, account) and their end (the key ID's tail).
pub fn middle(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max || max < 5 {
        return String::from(s);
    }
    let keep = max - 1;
    let head = keep / 2;
    let tail = keep - head;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(n - tail).collect();
    format!("{start}…{end}")
}

/// A key state as the console words it.
pub fn state(s: KeyState) -> &'static str {
    match s {
        KeyState::Enabled => "Enabled",
        KeyState::Disabled => "Disabled",
        KeyState::PendingDeletion => "Pending deletion",
    }
}

/// The symbol that goes with a key state (never colour alone).
pub fn state_symbol(s: KeyState) -> &'static str {
    match s {
        KeyState::Enabled => "✓",
        KeyState::Disabled => "⏸",
        KeyState::PendingDeletion => "⌛",
    }
}

/// How a decision reads: symbol, word and the CSS class of its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// `✓`, `✕` or `–`.
    pub symbol: &'static str,
    /// `Allowed`, `Explicit deny`, `Implicit deny`, `Allowed by grant`.
    pub word: &'static str,
    /// `allow`, `deny`, `implicit`, `grant`.
    pub class: &'static str,
}

/// The verdict of a rule.
pub fn verdict(rule: Rule) -> Verdict {
    match rule {
        Rule::ExplicitDeny => Verdict {
            symbol: "✕",
            word: "Explicit deny",
            class: "deny",
        },
        Rule::ImplicitDeny => Verdict {
            symbol: "–",
            word: "Implicit deny",
            class: "implicit",
        },
        Rule::Grant => Verdict {
            symbol: "✓",
            word: "Allowed by a grant",
            class: "grant",
        },
        Rule::KeyPolicy | Rule::Iam => Verdict {
            symbol: "✓",
            word: "Allowed",
            class: "allow",
        },
    }
}

/// Which layer decided, in words a learner can hold on to.
pub fn rule_words(rule: Rule) -> &'static str {
    match rule {
        Rule::ExplicitDeny => "a Deny statement applied: an explicit deny beats every allow",
        Rule::KeyPolicy => "the key policy allows this principal itself",
        Rule::Iam => {
            "the key policy trusts the account, so an IAM policy could decide, and it allows"
        }
        Rule::Grant => "a grant on the key allows it",
        Rule::ImplicitDeny => "nothing allows it: what is not allowed is denied",
    }
}

/// Whether a decision allowed.
pub fn allowed(d: &Decision) -> bool {
    d.effect == Effect::Allow
}

/// Why a call failed, in the playground's words, with what would change it: the denial
/// that refused it; or, when authorization allowed every step, what refused it then (a
/// key's state says so). `None` when no authorization ran (the request was malformed, or
/// names nothing that exists).
pub fn why_failed(
    decisions: &[Decision],
    code: &str,
    message: &str,
) -> Option<(String, Option<String>)> {
    if let Some(d) = decisions.iter().rev().find(|d| !allowed(d)) {
        return Some((d.reason.clone(), d.hint.clone()));
    }
    let last = decisions.last()?;
    let allowed = format!("Authorization allowed the call ({})", rule_words(last.rule));
    Some(match code {
        "DisabledException" | "KMSInvalidStateException" | "KeyUnavailableException" => (
            format!(
                "{allowed}; the key's state refused it. KMS uses a key only while it is Enabled, whoever asks."
            ),
            Some(String::from(
                "enable the key (EnableKey), or cancel its deletion (CancelKeyDeletion) if it is pending deletion.",
            )),
        ),
        "MalformedPolicyDocumentException"
            if message.contains("will not allow you to update the key policy") =>
        {
            (
                format!(
                    "{allowed}; then KMS's lockout safety check refused the new policy: it would leave you unable to change the key policy again. A key policy without the account's root statement, and with no one else allowed kms:PutKeyPolicy, locks everyone out of the key, and then only AWS Support can restore access."
                ),
                Some(String::from(
                    "keep the \"Enable IAM User Permissions\" statement, or allow yourself kms:PutKeyPolicy in the new policy.",
                )),
            )
        }
        _ => (
            format!("{allowed}; then KMS refused the request itself: AWS's message says why."),
            None,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn times_read_as_people_write_them() {
        assert_eq!(time(at("2026-01-01T00:00:00Z")), "2026-01-01 00:00 UTC");
        assert_eq!(time(at("2026-03-09T17:05:42Z")), "2026-03-09 17:05:42 UTC");
    }

    #[test]
    fn spans_keep_the_two_largest_units() {
        assert_eq!(span(Duration::days(7)), "7 days");
        assert_eq!(
            span(Duration::seconds(7 * 86_400 - 3_600)),
            "6 days 23 hours"
        );
        assert_eq!(span(Duration::minutes(5)), "5 minutes");
        assert_eq!(span(Duration::seconds(3_661)), "1 hour 1 minute");
        assert_eq!(
            span(Duration::seconds(86_401)),
            "1 day",
            "no hours: stop there"
        );
        assert_eq!(span(Duration::seconds(0)), "0 seconds");
        let now = at("2026-01-01T00:00:00Z");
        assert_eq!(until(now, now.plus(Duration::days(30))), "in 30 days");
        assert_eq!(until(now, now), "now");
    }

    #[test]
    fn long_identifiers_lose_their_middle() {
        let arn = "arn:aws:kms:us-east-1:123412341234:key/aaaaaaaa-0000-4000-8000-00000000000a";
        let short = middle(arn, 40);
        assert_eq!(short.chars().count(), 40);
        assert!(short.starts_with("arn:aws:kms:us-east") && short.ends_with("00000000000a"));
        assert!(short.contains('…'));
        assert_eq!(middle("alias/x", 40), "alias/x");
    }

    #[test]
    fn verdicts_carry_a_symbol_and_a_word() {
        for rule in [
            Rule::ExplicitDeny,
            Rule::KeyPolicy,
            Rule::Iam,
            Rule::Grant,
            Rule::ImplicitDeny,
        ] {
            let v = verdict(rule);
            assert!(!v.symbol.is_empty() && !v.word.is_empty());
            assert!(!rule_words(rule).is_empty());
        }
        assert_ne!(verdict(Rule::Grant).class, verdict(Rule::Iam).class);
    }
}
