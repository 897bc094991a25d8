//! A call and a `check` step read the same request facts. For generated requests of the
//! operations on a key, the decision the door makes is compared with the decision
//! `World::check_access` (what a scenario's `check` step asks) makes for the same request
//! described as facts, under a key policy whose statements each read one fact: which
//! statements applied is the fingerprint of the facts each side derived.
//!
//! Grant facts (`kms:GrantOperations`, `kms:GranteePrincipal`, ...) are left out: a
//! `check` step cannot carry them.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use kms_core::World;
use kms_core::action::Action;
use kms_core::api::{Caller, RequestFacts};
use kms_core::authz::{Decision, RequestTags};
use kms_core::context::EncryptionContext;
use kms_core::scenario::Scenario;
use kms_core::service::Service;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const PROBE: &str = "arn:aws:iam::111122223333:user/Probe";

/// One statement per fact, each naming the fact it reads in its Sid.
const PROBES: &[(&str, &str)] = &[
    (
        "context-purpose",
        r#"{"StringEquals": {"kms:EncryptionContext:purpose": "report"}}"#,
    ),
    (
        "context-keys-present",
        r#"{"Null": {"kms:EncryptionContextKeys": "false"}}"#,
    ),
    (
        "context-keys-any-team",
        r#"{"ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": "team"}}"#,
    ),
    (
        "via-s3",
        r#"{"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}"#,
    ),
    ("not-via", r#"{"Null": {"kms:ViaService": "true"}}"#),
    (
        "algorithm",
        r#"{"StringEquals": {"kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}}"#,
    ),
    (
        "algorithm-absent",
        r#"{"Null": {"kms:EncryptionAlgorithm": "true"}}"#,
    ),
    (
        "bypass-absent",
        r#"{"Null": {"kms:BypassPolicyLockoutSafetyCheck": "true"}}"#,
    ),
    (
        "bypass-true",
        r#"{"Bool": {"kms:BypassPolicyLockoutSafetyCheck": "true"}}"#,
    ),
    (
        "rotation-short",
        r#"{"NumericLessThan": {"kms:RotationPeriodInDays": "180"}}"#,
    ),
    (
        "rotation-absent",
        r#"{"Null": {"kms:RotationPeriodInDays": "true"}}"#,
    ),
    (
        "pending-short",
        r#"{"NumericLessThan": {"kms:ScheduleKeyDeletionPendingWindowInDays": "15"}}"#,
    ),
    (
        "pending-absent",
        r#"{"Null": {"kms:ScheduleKeyDeletionPendingWindowInDays": "true"}}"#,
    ),
    (
        "tag-keys-a",
        r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}}"#,
    ),
    (
        "request-tag-a",
        r#"{"StringEquals": {"aws:RequestTag/a": "1"}}"#,
    ),
    (
        "request-alias",
        r#"{"StringEquals": {"kms:RequestAlias": "alias/probe"}}"#,
    ),
    (
        "request-alias-absent",
        r#"{"Null": {"kms:RequestAlias": "true"}}"#,
    ),
];

fn world() -> World {
    let statements: Vec<Value> = std::iter::once(json!({
        "Sid": "root", "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "kms:*", "Resource": "*"
    }))
    .chain(PROBES.iter().map(|(sid, cond)| {
        json!({
            "Sid": sid, "Effect": "Allow", "Principal": {"AWS": PROBE},
            "Action": "kms:*", "Resource": "*",
            "Condition": serde_json::from_str::<Value>(cond).unwrap(),
        })
    }))
    .collect();
    let scenario = json!({
        "format": "kms-playground/scenario@1",
        "seed": 5,
        "principals": [{"name": "Probe", "arn": PROBE}],
        "keys": [{"name": "K", "aliases": ["alias/probe"],
                  "policy": {"Version": "2012-10-17", "Statement": statements}}],
    });
    Scenario::load(&scenario.to_string())
        .unwrap()
        .build_world()
        .unwrap()
}

/// Which probe statements applied.
fn fingerprint(d: &Decision) -> Vec<String> {
    let mut applied: Vec<String> = d
        .trace
        .iter()
        .filter(|t| t.applies)
        .filter_map(|t| t.statement.as_ref().and_then(|s| s.sid.clone()))
        .collect();
    applied.sort();
    applied
}

/// A generated request: the operation and the parameters that carry facts.
#[derive(Clone, Debug)]
struct Case {
    op: &'static str,
    by_alias: bool,
    via_s3: bool,
    context: Option<Vec<(String, String)>>,
    days: Option<i64>,
    bypass: Option<bool>,
    tags: Vec<(String, String)>,
}

fn case() -> impl Strategy<Value = Case> {
    let ops = prop::sample::select(vec![
        "Encrypt",
        "GenerateDataKey",
        "GenerateDataKeyWithoutPlaintext",
        "DescribeKey",
        "PutKeyPolicy",
        "EnableKeyRotation",
        "ScheduleKeyDeletion",
        "TagResource",
        "UntagResource",
        "GetKeyPolicy",
        "ListResourceTags",
        "DisableKey",
    ]);
    let pair = (
        prop::sample::select(vec!["purpose", "team", "app"]),
        prop::sample::select(vec!["report", "blue", ""]),
    )
        .prop_map(|(k, v)| (k.to_string(), v.to_string()));
    (
        ops,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::collection::vec(pair.clone(), 0..3)),
        prop::option::of(prop::sample::select(vec![
            7i64, 10, 20, 30, 90, 120, 365, 400,
        ])),
        prop::option::of(any::<bool>()),
        prop::collection::vec(
            (
                prop::sample::select(vec!["a", "b"]),
                prop::sample::select(vec!["1", "2"]),
            )
                .prop_map(|(k, v)| (k.to_string(), v.to_string())),
            1..3,
        ),
    )
        .prop_map(|(op, by_alias, via_s3, context, days, bypass, tags)| Case {
            op,
            by_alias,
            via_s3,
            context,
            days,
            bypass,
            tags,
        })
}

/// The request in the AWS shape, with only the members the operation has.
fn input(c: &Case, key: &str, policy: &str) -> Value {
    let mut m = Map::new();
    m.insert("KeyId".into(), json!(key));
    let context = || {
        c.context
            .as_ref()
            .map(|p| Value::Object(p.iter().map(|(k, v)| (k.clone(), json!(v))).collect()))
    };
    match c.op {
        "Encrypt" => {
            m.insert("Plaintext".into(), json!("aGk="));
            if let Some(x) = context() {
                m.insert("EncryptionContext".into(), x);
            }
        }
        "GenerateDataKey" | "GenerateDataKeyWithoutPlaintext" => {
            m.insert("KeySpec".into(), json!("AES_256"));
            if let Some(x) = context() {
                m.insert("EncryptionContext".into(), x);
            }
        }
        "PutKeyPolicy" => {
            m.insert("Policy".into(), json!(policy));
            if let Some(b) = c.bypass {
                m.insert("BypassPolicyLockoutSafetyCheck".into(), json!(b));
            }
        }
        "EnableKeyRotation" => {
            if let Some(d) = c.days.filter(|d| (90..=2560).contains(d)) {
                m.insert("RotationPeriodInDays".into(), json!(d));
            }
        }
        "ScheduleKeyDeletion" => {
            if let Some(d) = c.days.filter(|d| (7..=30).contains(d)) {
                m.insert("PendingWindowInDays".into(), json!(d));
            }
        }
        "TagResource" => {
            let tags: Vec<Value> = c
                .tags
                .iter()
                .map(|(k, v)| json!({"TagKey": k, "TagValue": v}))
                .collect();
            m.insert("Tags".into(), json!(tags));
        }
        "UntagResource" => {
            let keys: Vec<&String> = c.tags.iter().map(|(k, _)| k).collect();
            m.insert("TagKeys".into(), json!(keys));
        }
        _ => {}
    }
    Value::Object(m)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_call_and_a_check_step_read_the_same_facts(c in case()) {
        let mut w = world();
        let key = w.keys()[0].arn.as_str().to_string();
        let policy = w.keys()[0].policy.text().to_string();
        let named = if c.by_alias { String::from("alias/probe") } else { key.clone() };
        let via = c.via_s3.then_some("s3.us-east-1.amazonaws.com");
        let caller = Caller { principal: PROBE, region: None, via_service: via };
        let request = input(&c, &named, &policy);
        let before = w.clone();
        let r = w.request(&caller, Service::Kms, c.op, &request);
        let Some(door) = r.decisions.last() else {
            // Refused before authorization (a malformed request): nothing to compare.
            prop_assert!(r.output.is_err());
            return Ok(());
        };
        // The same request as a check step describes it.
        let context: Option<EncryptionContext> = request.get("EncryptionContext").map(|m| {
            let mut ctx = EncryptionContext::new();
            for (k, v) in m.as_object().unwrap() {
                ctx.insert(k.clone(), v.as_str().unwrap());
            }
            ctx
        });
        let pairs: Vec<(String, String)> = c.tags.clone();
        let keys: Vec<String> = c.tags.iter().map(|(k, _)| k.clone()).collect();
        let tags = match c.op {
            "TagResource" => Some(RequestTags::Pairs(&pairs)),
            "UntagResource" => Some(RequestTags::Keys(&keys)),
            _ => None,
        };
        let int = |name: &str| request.get(name).and_then(Value::as_i64);
        let facts = RequestFacts {
            context: context.as_ref(),
            via_service: None,
            tags,
            grant_tokens: &[],
            rotation_period_days: int("RotationPeriodInDays"),
            pending_window_days: int("PendingWindowInDays"),
            bypass_lockout_check: request.get("BypassPolicyLockoutSafetyCheck").and_then(Value::as_bool),
        };
        let action = Action::from_name(c.op).unwrap();
        let check = before
            .check_access(&caller, action, Some(&named), &facts)
            .unwrap();
        prop_assert_eq!(
            fingerprint(door),
            fingerprint(&check),
            "{} {}: the door and the check step read different facts",
            c.op,
            request
        );
        prop_assert_eq!(door.effect, check.effect);
        prop_assert_eq!(door.rule, check.rule);
    }
}
