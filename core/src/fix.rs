//! Drafting a fix for a denied request: the smallest change to one policy that would allow
//! it — the Deny statement taken out, or an Allow added to the principal's IAM policy (when
//! the key policy lets IAM decide) or to the key policy — offered only when the decision
//! engine says the change would allow it. Nothing in the world changes.

use alloc::format;
use alloc::string::String;
use alloc::vec;

use crate::action::Action;
use crate::api::RequestFacts;
use crate::authz::{Decision, Names, Rule, Source};
use crate::ids::KeyArn;
use crate::json::{Json, Loc, Member, Value};
use crate::matrix::{Axes, Draft};
use crate::policy::edit::{add_statement, object, remove_statement, string};
use crate::policy::{Effect, Policy, PolicyKind};
use crate::principal::Principal;
use crate::world::World;

/// Where a fix goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixTarget {
    /// The key policy of this key.
    KeyPolicy(KeyArn),
    /// The IAM policy of this principal with this name (new when it has none by it).
    Iam(String, String),
}

/// A change to one policy that would allow a denied cell, checked by the core.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Which policy.
    pub target: FixTarget,
    /// Its text with the change.
    pub text: String,
    /// What the change does, in words.
    pub what: String,
}

/// Whether `action` on `key` by `principal` would be allowed with `draft`.
fn allows(
    w: &World,
    principal: &str,
    key: &KeyArn,
    action: Action,
    facts: &RequestFacts<'_>,
    draft: Draft<'_>,
) -> bool {
    let cells = w.access_matrix(
        &Axes {
            principals: &[principal],
            keys: &[key],
            actions: &[action],
        },
        facts,
        false,
        Some(draft),
    );
    matches!(cells.first(), Some(Some(r)) if !matches!(r, Rule::ExplicitDeny | Rule::ImplicitDeny))
}

/// A fix for a denied cell: for an explicit deny, the Deny statement taken out; otherwise
/// an Allow statement in the principal's IAM policy when the key policy lets IAM decide,
/// else in the key policy. Offered only when the core says it would allow the cell.
pub fn suggest(
    w: &World,
    principal: &str,
    key: &KeyArn,
    action: Action,
    decision: &Decision,
    facts: &RequestFacts<'_>,
    names: &Names<'_>,
) -> Option<Fix> {
    let k = w.keys().iter().find(|k| k.arn == *key)?;
    let (who, name) = (names.principal, names.key);
    let try_key = |text: String, what: String| {
        let policy = Policy::parse(&text, PolicyKind::Key).ok()?;
        allows(
            w,
            principal,
            key,
            action,
            facts,
            Draft::KeyPolicy {
                key,
                policy: &policy,
            },
        )
        .then(|| Fix {
            target: FixTarget::KeyPolicy(key.clone()),
            text,
            what,
        })
    };
    let try_iam = |pname: String, text: String, what: String| {
        let policy = Policy::parse(&text, PolicyKind::Identity).ok()?;
        allows(
            w,
            principal,
            key,
            action,
            facts,
            Draft::IamPolicy {
                principal,
                name: &pname,
                policy: &policy,
            },
        )
        .then(|| Fix {
            target: FixTarget::Iam(String::from(principal), pname.clone()),
            text,
            what,
        })
    };
    if decision.rule == Rule::ExplicitDeny {
        let deny = decision.matched.iter().find(|m| m.effect == Effect::Deny)?;
        return match deny.at.source {
            Source::KeyPolicy => try_key(
                remove_statement(k.policy.text(), deny.at.statement)?,
                format!(
                    "Take statement {} out of {name}'s key policy: an explicit deny beats every allow.",
                    deny.label
                ),
            ),
            Source::Iam(i) => {
                let record = w.principal(principal)?;
                let pname = record.policy_names.get(i)?.clone();
                let text = remove_statement(record.policies.get(i)?.text(), deny.at.statement)?;
                let what = format!(
                    "Take statement {} out of {who}'s IAM policy {pname}.",
                    deny.label
                );
                try_iam(pname, text, what)
            }
        };
    }
    // Through IAM: a statement in the principal's first IAM policy (or a new one).
    let p = Principal::parse(principal).ok()?;
    if let Some(record) = w.principal(principal).filter(|_| p.account() == k.account) {
        let (pname, base) = match (record.policy_names.first(), record.policies.first()) {
            (Some(n), Some(pol)) => (n.clone(), String::from(pol.text())),
            _ => (
                String::from("kms-access"),
                String::from("{\"Version\": \"2012-10-17\", \"Statement\": []}"),
            ),
        };
        let stmt = object(vec![
            ("Sid", string(&format!("Allow{}", action.name()))),
            ("Effect", string("Allow")),
            ("Action", string(&format!("kms:{}", action.name()))),
            ("Resource", string(key.as_str())),
        ]);
        let what = format!(
            "Allow kms:{} on {name} in {who}'s IAM policy {pname}: {name}'s key policy lets IAM policies decide.",
            action.name()
        );
        if let Some(fix) = add_statement(&base, stmt).and_then(|text| try_iam(pname, text, what)) {
            return Some(fix);
        }
    }
    // In the key policy: name the principal.
    let stmt = object(vec![
        ("Sid", string(&format!("Allow {who} to {}", action.name()))),
        ("Effect", string("Allow")),
        (
            "Principal",
            Value::Object(vec![Member {
                key: String::from("AWS"),
                key_loc: Loc::default(),
                value: Json {
                    value: string(principal),
                    loc: Loc::default(),
                },
            }]),
        ),
        ("Action", string(&format!("kms:{}", action.name()))),
        ("Resource", string("*")),
    ]);
    try_key(
        add_statement(k.policy.text(), stmt)?,
        format!(
            "Name {who} in {name}'s key policy, allowing kms:{}.",
            action.name()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Caller;
    use crate::scenario::Scenario;
    use crate::service::Service;
    use serde_json::json;

    const NOTES: &str = include_str!("../../tests/scenarios/cmk-access.json");
    const ROOT: &str = "arn:aws:iam::123412341234:root";

    fn key(w: &World, handle: &str) -> KeyArn {
        w.keys()
            .iter()
            .find(|k| w.key_handle(&k.arn) == Some(handle))
            .map(|k| k.arn.clone())
            .unwrap_or_else(|| panic!("no key {handle}"))
    }

    /// A drafted fix, applied through the door as the account's root user, allows what it
    /// was drafted for: the draft and the world agree.
    #[test]
    fn a_drafted_fix_applied_through_the_door_allows_the_request() {
        let mut w = Scenario::load(NOTES).unwrap().build_world().unwrap();
        let facts = RequestFacts::default();
        let names = Names {
            principal: "Them",
            key: "The key",
        };
        // (who is denied, on which key, who may change that key's policy)
        for (who, handle, admin) in [
            ("arn:aws:iam::123412341234:user/Bob", "CMK-A", ROOT),
            (
                "arn:aws:iam::123412341234:user/Alice",
                "CMK-B",
                "arn:aws:iam::123412341234:user/Bob",
            ),
        ] {
            let arn = key(&w, handle);
            let caller = Caller::new(who);
            let decide = |w: &World| {
                w.check_access(&caller, Action::Decrypt, Some(arn.as_str()), &facts)
                    .unwrap()
            };
            let denied = decide(&w);
            assert_eq!(
                denied.effect,
                Effect::Deny,
                "{who} on {handle} starts denied"
            );
            let fix = suggest(&w, who, &arn, Action::Decrypt, &denied, &facts, &names).unwrap();
            assert!(
                fix.what.contains("Them") || fix.what.contains("The key"),
                "{}",
                fix.what
            );
            let root = Caller::new(ROOT);
            match &fix.target {
                FixTarget::KeyPolicy(k) => {
                    w.request(
                        &Caller::new(admin),
                        Service::Kms,
                        "PutKeyPolicy",
                        &json!({"KeyId": k.as_str(), "PolicyName": "default", "Policy": fix.text}),
                    )
                    .output
                    .unwrap();
                }
                FixTarget::Iam(p, name) => {
                    let user = p.rsplit('/').next().unwrap();
                    w.request(
                        &root,
                        Service::Iam,
                        "PutUserPolicy",
                        &json!({"UserName": user, "PolicyName": name, "PolicyDocument": fix.text}),
                    )
                    .output
                    .unwrap();
                }
            }
            let after = decide(&w);
            assert_eq!(
                after.effect,
                Effect::Allow,
                "{who} on {handle}: {}",
                after.reason
            );
        }
    }

    #[test]
    fn statements_are_added_and_taken_out_keeping_the_rest() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "one"}]}"#;
        let added = add_statement(text, object(vec![("Sid", string("two"))])).unwrap();
        assert!(added.find("\"one\"").unwrap() < added.find("\"two\"").unwrap());
        let removed = remove_statement(&added, 0).unwrap();
        assert!(!removed.contains("\"one\"") && removed.contains("\"two\""));
        assert_eq!(remove_statement(&removed, 5), None);
        assert_eq!(add_statement("[1]", object(vec![])), None);
    }
}
