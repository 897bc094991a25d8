//! The seed notes' worked example, cell by cell: Alice, Bob, Charlie and David against
//! CMK-A, CMK-B and CMK-C in account 123412341234.

#[path = "support/fixture.rs"]
mod support;

use kms_core::authz::Rule;
use kms_core::policy::Effect;
use support::{Facts, Fixture};

const ACCOUNT: &str = "123412341234";

fn user(name: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:user/{name}")
}

fn key_arn(id: &str) -> String {
    format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/{id}")
}

const A_ID: &str = "aaaaaaaa-0000-4000-8000-00000000000a";
const B_ID: &str = "bbbbbbbb-0000-4000-8000-00000000000b";
const C_ID: &str = "cccccccc-0000-4000-8000-00000000000c";

fn keys() -> Vec<Fixture> {
    let root = format!("arn:aws:iam::{ACCOUNT}:root");
    let a = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{{"AWS":"{root}"}},"Action":"kms:*","Resource":"*"}}]}}"#
    );
    let b = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Allow Bob and Charlie","Effect":"Allow","Principal":{{"AWS":["{}","{}"]}},"Action":"kms:*","Resource":"*"}}]}}"#,
        user("Bob"),
        user("Charlie")
    );
    let c = format!(
        r#"{{"Version":"2012-10-17","Statement":[
            {{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{{"AWS":"{root}"}},"Action":"kms:*","Resource":"*"}},
            {{"Sid":"Deny Bob Charlie David","Effect":"Deny","Principal":{{"AWS":["{}","{}","{}"]}},"Action":"kms:*","Resource":"*"}},
            {{"Sid":"Allow Alice","Effect":"Allow","Principal":{{"AWS":"{}"}},"Action":"kms:*","Resource":"*"}}]}}"#,
        user("Bob"),
        user("Charlie"),
        user("David"),
        user("Alice")
    );
    let iam = |actions: &str, keys: &[&str]| {
        let resources: Vec<String> = keys.iter().map(|k| format!("\"{}\"", key_arn(k))).collect();
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{actions},"Resource":[{}]}}]}}"#,
            resources.join(",")
        )
    };
    let with_iam = |f: Fixture| {
        f.with_iam(&user("Alice"), &iam("\"kms:*\"", &[A_ID, B_ID]))
            .with_iam(&user("Charlie"), &iam("\"kms:Encrypt\"", &[A_ID]))
            .with_iam(&user("David"), &iam("\"kms:*\"", &[B_ID, C_ID]))
    };
    vec![
        with_iam(Fixture::new("CMK-A", &key_arn(A_ID), &a)),
        with_iam(Fixture::new("CMK-B", &key_arn(B_ID), &b)),
        with_iam(Fixture::new("CMK-C", &key_arn(C_ID), &c)),
    ]
}

/// Expected (rule) for each principal × key, for Encrypt and for Decrypt.
fn expected(who: &str, key: &str, action: &str) -> Rule {
    use Rule::*;
    match (who, key, action) {
        ("Alice", "CMK-A", _) => Iam,
        ("Alice", "CMK-B", _) => ImplicitDeny,
        ("Alice", "CMK-C", _) => KeyPolicy,
        ("Bob", "CMK-A", _) => ImplicitDeny,
        ("Bob", "CMK-B", _) => KeyPolicy,
        ("Bob", "CMK-C", _) => ExplicitDeny,
        ("Charlie", "CMK-A", "kms:Encrypt") => Iam,
        ("Charlie", "CMK-A", _) => ImplicitDeny,
        ("Charlie", "CMK-B", _) => KeyPolicy,
        ("Charlie", "CMK-C", _) => ExplicitDeny,
        ("David", "CMK-A", _) => ImplicitDeny,
        ("David", "CMK-B", _) => ImplicitDeny,
        ("David", "CMK-C", _) => ExplicitDeny,
        _ => unreachable!(),
    }
}

#[test]
fn every_cell_of_the_seed_example_holds_with_its_rule() {
    let keys = keys();
    let mut cells = 0;
    for who in ["Alice", "Bob", "Charlie", "David"] {
        for key in &keys {
            for action in [
                "kms:Encrypt",
                "kms:Decrypt",
                "kms:GenerateDataKey",
                "kms:DescribeKey",
            ] {
                let (out, d) = key.decide(&user(who), action, &Facts::default());
                let want = expected(who, &key.key_name, action);
                assert_eq!(
                    out.rule, want,
                    "{who} {action} {}: {}",
                    key.key_name, d.reason
                );
                assert_eq!(
                    out.is_allowed(),
                    matches!(want, Rule::Iam | Rule::KeyPolicy | Rule::Grant)
                );
                assert_eq!(d.effect, out.effect);
                assert_eq!(d.effect == Effect::Allow, d.hint.is_none(), "{}", d.reason);
                cells += 1;
            }
        }
    }
    assert_eq!(cells, 4 * 3 * 4);
}

#[test]
fn the_reasons_name_the_deciding_statements() {
    let keys = keys();
    let (_, d) = keys[0].decide(&user("Alice"), "kms:Encrypt", &Facts::default());
    assert_eq!(
        d.matched.len(),
        2,
        "the enabling key policy statement and the IAM statement"
    );
    assert_eq!(
        d.matched[0].sid.as_deref(),
        Some("Enable IAM User Permissions")
    );
    assert_eq!(d.matched[1].policy, "Alice's IAM policy 1");
    assert!(
        d.reason.contains("lets IAM policies decide"),
        "{}",
        d.reason
    );

    let (_, d) = keys[1].decide(&user("Alice"), "kms:Encrypt", &Facts::default());
    let hint = d.hint.unwrap();
    assert!(
        hint.contains("CMK-B's key policy does not enable IAM policies"),
        "{hint}"
    );
    assert!(hint.contains("name Alice in it"), "{hint}");

    let (_, d) = keys[2].decide(&user("Bob"), "kms:Decrypt", &Facts::default());
    assert_eq!(d.matched[0].sid.as_deref(), Some("Deny Bob Charlie David"));
    assert_eq!(d.matched[0].loc.line, 3);
    assert!(
        d.reason.contains("explicit deny overrides every allow"),
        "{}",
        d.reason
    );

    let (_, d) = keys[0].decide(&user("Bob"), "kms:Encrypt", &Facts::default());
    assert!(
        d.hint
            .unwrap()
            .contains("none of Bob's IAM policies allows kms:Encrypt")
    );

    let (_, d) = keys[0].decide(&user("Charlie"), "kms:Decrypt", &Facts::default());
    assert!(
        d.hint
            .unwrap()
            .contains("none of Charlie's IAM policies allows kms:Decrypt")
    );

    let (_, d) = keys[2].decide(&user("Alice"), "kms:Encrypt", &Facts::default());
    assert!(
        d.reason
            .contains("CMK-C's key policy allows kms:Encrypt to Alice directly"),
        "{}",
        d.reason
    );
}

#[test]
fn access_denied_messages_follow_aws() {
    let keys = keys();
    let (out, _) = keys[2].decide(&user("Bob"), "kms:Decrypt", &Facts::default());
    let msg = kms_core::authz::access_denied_message(
        &out,
        &user("Bob"),
        kms_core::action::Action::Decrypt,
        &keys[2].key_arn,
    );
    assert_eq!(
        msg,
        format!(
            "User: {} is not authorized to perform: kms:Decrypt on resource: {} with an explicit deny in a resource-based policy",
            user("Bob"),
            keys[2].key_arn
        )
    );
    let (out, _) = keys[1].decide(&user("Alice"), "kms:Decrypt", &Facts::default());
    let msg = kms_core::authz::access_denied_message(
        &out,
        &user("Alice"),
        kms_core::action::Action::Decrypt,
        &keys[1].key_arn,
    );
    assert!(msg.ends_with("because no resource-based policy allows the kms:Decrypt action"));
}
