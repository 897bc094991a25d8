use super::*;
use crate::api::Caller;
use crate::context::EncryptionContext;
use crate::policy::PolicyKind;
use crate::scenario::Scenario;
use crate::service::Service;
use alloc::string::ToString;
use serde_json::json;

fn seed_world() -> World {
    let s = Scenario::load(include_str!("../../../tests/scenarios/cmk-access.json")).unwrap();
    s.build_world().unwrap()
}

const ACTIONS: [Action; 6] = [
    Action::Decrypt,
    Action::Encrypt,
    Action::DescribeKey,
    Action::PutKeyPolicy,
    Action::CreateGrant,
    Action::CreateKey,
];

fn everyone(w: &World) -> Vec<String> {
    let mut p: Vec<String> = w
        .principals()
        .iter()
        .map(|r| r.principal.arn().to_string())
        .collect();
    p.push(String::from("arn:aws:iam::123412341234:root"));
    p.push(String::from("arn:aws:iam::999999999999:root"));
    p.push(String::from("arn:aws:iam::123412341234:user/Nobody"));
    p
}

/// Every cell equals what the door's own authorization question answers.
fn agrees_with_check_access(w: &World, facts: &RequestFacts<'_>) {
    let principals = everyone(w);
    let p: Vec<&str> = principals.iter().map(String::as_str).collect();
    let arns: Vec<KeyArn> = w.keys().iter().map(|k| k.arn.clone()).collect();
    let keys: Vec<&KeyArn> = arns.iter().collect();
    let axes = Axes {
        principals: &p,
        keys: &keys,
        actions: &ACTIONS,
    };
    let cells = w.access_matrix(&axes, facts, false, None);
    assert_eq!(cells.len(), p.len() * keys.len() * ACTIONS.len());
    let mut i = 0;
    for who in &p {
        for key in &keys {
            for action in ACTIONS {
                let expected = if action.is_iam_only() {
                    None
                } else {
                    w.check_access(&Caller::new(who), action, Some(key.as_str()), facts)
                        .ok()
                        .map(|d| d.rule)
                };
                assert_eq!(cells[i], expected, "{who} {action:?} on {key}");
                i += 1;
            }
        }
    }
}

#[test]
fn the_matrix_decides_as_the_door_does() {
    let w = seed_world();
    agrees_with_check_access(&w, &RequestFacts::default());
    let ctx: EncryptionContext = [("lesson", "cmk-access")].into_iter().collect();
    agrees_with_check_access(
        &w,
        &RequestFacts {
            context: Some(&ctx),
            via_service: Some("s3.us-east-1.amazonaws.com"),
            ..RequestFacts::default()
        },
    );
    // The seed notes' answers, cell by cell.
    let who = |n: &str| alloc::format!("arn:aws:iam::123412341234:user/{n}");
    let names = ["Alice", "Bob", "Charlie", "David"].map(who);
    let p: Vec<&str> = names.iter().map(String::as_str).collect();
    let arns: Vec<KeyArn> = w.keys().iter().map(|k| k.arn.clone()).collect();
    let keys: Vec<&KeyArn> = arns.iter().collect();
    let cells = w.access_matrix(
        &Axes {
            principals: &p,
            keys: &keys,
            actions: &[Action::Decrypt],
        },
        &RequestFacts::default(),
        false,
        None,
    );
    use Rule::*;
    assert_eq!(
        cells.into_iter().flatten().collect::<Vec<_>>(),
        [
            Iam,
            ImplicitDeny,
            KeyPolicy, // Alice
            ImplicitDeny,
            KeyPolicy,
            ExplicitDeny, // Bob
            ImplicitDeny,
            KeyPolicy,
            ExplicitDeny, // Charlie
            ImplicitDeny,
            ImplicitDeny,
            ExplicitDeny, // David
        ]
    );
}

#[test]
fn grants_and_their_tokens_count_as_at_the_door() {
    let mut w = seed_world();
    let root = Caller::new("arn:aws:iam::123412341234:root");
    let out = w
        .request(&root, Service::Kms,
            "CreateGrant",
            &json!({"KeyId": "arn:aws:kms:us-east-1:123412341234:key/aaaaaaaa-0000-4000-8000-00000000000a", "GranteePrincipal": "arn:aws:iam::123412341234:user/Bob", "Operations": ["Decrypt"]}),
        )
        .output
        .unwrap();
    // Not yet in effect: the token decides.
    agrees_with_check_access(&w, &RequestFacts::default());
    let tokens = [out["GrantToken"].as_str().unwrap().to_string()];
    agrees_with_check_access(
        &w,
        &RequestFacts {
            grant_tokens: &tokens,
            ..RequestFacts::default()
        },
    );
    w.advance(crate::clock::Duration::minutes(5)).unwrap();
    agrees_with_check_access(&w, &RequestFacts::default());
}

#[test]
fn a_draft_takes_the_place_of_the_saved_policy_and_changes_nothing() {
    let w = seed_world();
    let before = w.clone();
    let a = w.keys()[0].arn.clone();
    let alice = "arn:aws:iam::123412341234:user/Alice";
    let bob = "arn:aws:iam::123412341234:user/Bob";
    let axes = Axes {
        principals: &[alice, bob],
        keys: &[&a],
        actions: &[Action::Decrypt],
    };
    let facts = RequestFacts::default();
    // CMK-A without its root statement: Alice loses her IAM path.
    let no_root = Policy::parse(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123412341234:user/Bob"},"Action":"kms:*","Resource":"*"}]}"#,
        PolicyKind::Key,
    )
    .unwrap();
    let drafted = w.access_matrix(
        &axes,
        &facts,
        false,
        Some(Draft::KeyPolicy {
            key: &a,
            policy: &no_root,
        }),
    );
    assert_eq!(drafted, [Some(Rule::ImplicitDeny), Some(Rule::KeyPolicy)]);
    // Bob with an IAM policy that allows: still nothing on CMK-A without... it trusts IAM.
    let allow = Policy::parse(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}"#,
        PolicyKind::Identity,
    )
    .unwrap();
    let drafted = w.access_matrix(
        &axes,
        &facts,
        false,
        Some(Draft::IamPolicy {
            principal: bob,
            name: "new",
            policy: &allow,
        }),
    );
    assert_eq!(drafted, [Some(Rule::Iam), Some(Rule::Iam)]);
    assert_eq!(w, before, "a draft changes nothing");
    assert_eq!(
        w.access_matrix(&axes, &facts, false, None),
        [Some(Rule::Iam), Some(Rule::ImplicitDeny)]
    );
}

#[test]
fn cells_that_cannot_be_decided_say_so() {
    let w = seed_world();
    let gone = KeyArn::parse(
        "arn:aws:kms:us-east-1:123412341234:key/00000000-0000-4000-8000-000000000000",
    )
    .unwrap();
    let cells = w.access_matrix(
        &Axes {
            principals: &[
                "arn:aws:iam::123412341234:user/Ghost",
                "arn:aws:iam::123412341234:user/Alice",
            ],
            keys: &[&gone],
            actions: &[Action::Decrypt, Action::CreateKey],
        },
        &RequestFacts::default(),
        false,
        None,
    );
    assert_eq!(cells, [None, None, None, None]);
}

#[test]
fn every_preset_and_fidelity_world_agrees_with_the_door() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests");
    let mut seen = 0;
    for dir in ["scenarios", "fidelity"] {
        for entry in std::fs::read_dir(alloc::format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(mut s) = Scenario::load(&text) else {
                continue;
            };
            s.seed = s.seed.or(Some(1));
            let Ok(w) = s.build_world() else { continue };
            agrees_with_check_access(&w, &RequestFacts::default());
            seen += 1;
        }
    }
    assert!(seen >= 10, "{seen} worlds");
}
