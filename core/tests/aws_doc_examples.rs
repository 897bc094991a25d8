//! The AWS documentation's own examples of key policies, IAM policies, condition keys and
//! grants (core/tests/corpus/aws_doc_examples.json), each request with the outcome and
//! the deciding rule the documentation states.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

#[path = "support/fixture.rs"]
mod support;

use kms_core::action::{Action, ActionSet};
use kms_core::authz::{self, GrantRequest, KeyFacts, Names, Request, Rule};
use kms_core::clock::Timestamp;
use kms_core::context::EncryptionContext;
use kms_core::grants::{Grant, GrantConstraints};
use kms_core::ids::{GrantId, KeyArn};
use kms_core::policy::{Policy, PolicyKind};
use kms_core::principal::Principal;
use serde_json::Value;
use support::Fixture;

const DEFAULT_KEY_ARN: &str =
    "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn context(v: Option<&Value>) -> Option<EncryptionContext> {
    v.map(|v| {
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect()
    })
}

fn constraints(v: Option<&Value>) -> GrantConstraints {
    GrantConstraints {
        equals: context(v.and_then(|c| c.get("EncryptionContextEquals"))),
        subset: context(v.and_then(|c| c.get("EncryptionContextSubset"))),
    }
}

fn operations(v: &Value) -> ActionSet {
    ActionSet::from_actions(
        &v.as_array()
            .unwrap()
            .iter()
            .map(|o| Action::from_name(o.as_str().unwrap()).unwrap())
            .collect::<Vec<_>>(),
    )
}

fn rule(name: &str) -> Rule {
    match name {
        "key-policy" => Rule::KeyPolicy,
        "iam" => Rule::Iam,
        "grant" => Rule::Grant,
        "explicit-deny" => Rule::ExplicitDeny,
        "implicit-deny" => Rule::ImplicitDeny,
        other => panic!("unknown rule {other}"),
    }
}

#[test]
fn every_documented_example_decides_as_aws_documents() {
    let text = include_str!("corpus/aws_doc_examples.json");
    let cases: Vec<Value> = serde_json::from_str(text).unwrap();
    let (mut requests, mut failures) = (0, Vec::new());
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let key_arn = case
            .get("keyArn")
            .and_then(Value::as_str)
            .unwrap_or(DEFAULT_KEY_ARN);
        let mut f = Fixture::new(name, key_arn, &case["keyPolicy"].to_string());
        if let Some(a) = case.get("aliases") {
            f.aliases = a
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect();
        }
        if let Some(iam) = case.get("iamPolicies") {
            for (who, policies) in iam.as_object().unwrap() {
                for p in policies.as_array().unwrap() {
                    f = f.with_iam(who, &p.to_string());
                }
            }
        }
        for (i, g) in case
            .get("grants")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            f.grants.push(Grant {
                grant_id: GrantId::parse(&format!("grant{i}")).unwrap(),
                tokens: vec![format!("token-{i}")],
                key_arn: KeyArn::parse(key_arn).unwrap(),
                name: None,
                grantee: g["GranteePrincipal"].as_str().unwrap().to_string(),
                retiring: g
                    .get("RetiringPrincipal")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                operations: operations(&g["Operations"]),
                constraints: constraints(g.get("Constraints")),
                issuing_account: f.account,
                created: Timestamp::DEFAULT_START,
                // Documented grants are in effect (already propagated).
                effective: Timestamp::DEFAULT_START,
            });
        }
        for r in case["requests"].as_array().unwrap() {
            requests += 1;
            let principal = Principal::parse(r["principal"].as_str().unwrap()).unwrap();
            let action = Action::from_iam_name(r["action"].as_str().unwrap()).unwrap();
            let iam: &[Policy] = f
                .iam
                .iter()
                .find(|(k, _)| {
                    *k == principal.arn() || *k == principal.principal_arn_for_conditions()
                })
                .map_or(&[], |(_, v)| v.as_slice());
            let ctx = context(r.get("encryptionContext")).or_else(|| {
                // Cryptographic operations always carry a (possibly empty) context.
                matches!(
                    action,
                    Action::Encrypt
                        | Action::Decrypt
                        | Action::GenerateDataKey
                        | Action::GenerateDataKeyWithoutPlaintext
                        | Action::ReEncryptFrom
                        | Action::ReEncryptTo
                )
                .then(EncryptionContext::new)
            });
            let no_constraints = GrantConstraints::default();
            let mut req = Request::new(&principal, iam, action, Timestamp::DEFAULT_START);
            req.encryption_context = ctx.as_ref();
            req.via_service = r.get("viaService").and_then(Value::as_str);
            req.request_alias = r.get("requestAlias").and_then(Value::as_str);
            if let Some(ops) = r.get("grantOperations") {
                req.grant = Some(GrantRequest {
                    operations: operations(ops),
                    grantee: r
                        .get("granteePrincipal")
                        .and_then(Value::as_str)
                        .unwrap_or(""),
                    retiring: None,
                    constraints: &no_constraints,
                });
            }
            let key: KeyFacts<'_> = f.key_facts();
            let out = authz::authorize(&req, &key, &f.grants);
            let want = rule(r["rule"].as_str().unwrap());
            if out.rule != want {
                let short = principal.short_name();
                let d = authz::explain(
                    &out,
                    &req,
                    Some(&key),
                    &f.grants,
                    &Names {
                        principal: &short,
                        key: name,
                    },
                );
                failures.push(format!(
                    "{name}: {} {}: expected {want}, got {} — {} (docs: {})",
                    principal.arn(),
                    action,
                    out.rule,
                    d.reason,
                    r["why"].as_str().unwrap_or("")
                ));
            }
        }
    }
    assert!(
        cases.len() >= 25 && requests >= 100,
        "{} cases, {requests} requests",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {requests} requests decided differently:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_documented_policy_reads_without_errors() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("corpus/aws_doc_examples.json")).unwrap();
    for case in &cases {
        let checked = Policy::check(&case["keyPolicy"].to_string(), PolicyKind::Key);
        assert!(
            checked.policy.is_some(),
            "{}: {:?}",
            case["name"],
            checked.diagnostics
        );
    }
}
