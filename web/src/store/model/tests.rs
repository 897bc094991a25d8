use super::*;
use kms_core::policy::{Policy, PolicyKind};
use kms_core::scenario::Scenario;
use serde_json::json;

const ROOT: &str = "arn:aws:iam::123412341234:root";
const ALICE: &str = "arn:aws:iam::123412341234:user/Alice";
const BOB: &str = "arn:aws:iam::123412341234:user/Bob";
const CMK_A: &str = "arn:aws:kms:us-east-1:123412341234:key/aaaaaaaa-0000-4000-8000-00000000000a";

fn seed_world() -> World {
    let mut s = Scenario::load(include_str!("../../../../tests/scenarios/cmk-access.json"))
        .expect("the preset loads");
    s.seed = Some(7);
    s.build_world().expect("and builds")
}

/// What each slice of the world holds, to compare before and after a call.
fn projection(w: &World, s: Slice) -> String {
    let blank = Policy::parse(
        r#"{"Version":"2012-10-17","Statement":[]}"#,
        PolicyKind::Key,
    )
    .unwrap();
    match s {
        Slice::Principals => format!(
            "{:?}",
            w.principals()
                .iter()
                .map(|p| (p.principal.arn().to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        ),
        Slice::Policies => format!(
            "{:?}{:?}",
            w.keys()
                .iter()
                .map(|k| k.policy.text().to_string())
                .collect::<Vec<_>>(),
            w.principals()
                .iter()
                .map(|p| (p.policy_names.clone(), p.policies.clone()))
                .collect::<Vec<_>>()
        ),
        Slice::Keys => format!(
            "{:?}{:?}",
            w.keys()
                .iter()
                .map(|k| {
                    let mut k = k.clone();
                    k.policy = blank.clone();
                    k
                })
                .collect::<Vec<_>>(),
            w.aliases()
        ),
        Slice::Grants => format!("{:?}", w.grants()),
        Slice::S3 => format!("{:?}", w.buckets()),
        Slice::Audit => format!("{:?}", w.audit_log()),
        Slice::Clock => format!("{:?}", w.now()),
    }
}

/// Every kind of change the page makes, as (service, caller, operation, input).
fn script() -> Vec<(Service, &'static str, &'static str, Value)> {
    let k = CMK_A;
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Sid":"root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123412341234:root"},"Action":"kms:*","Resource":"*"}]}"#;
    let iam_policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}"#;
    vec![
        (
            Service::Kms,
            ROOT,
            "CreateKey",
            json!({"Description": "new", "Tags": [{"TagKey": "a", "TagValue": "b"}]}),
        ),
        (
            Service::Kms,
            ALICE,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": "aGk="}),
        ),
        (
            Service::Kms,
            BOB,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": "aGk="}),
        ),
        (Service::Kms, ROOT, "DescribeKey", json!({"KeyId": k})),
        (
            Service::Kms,
            ROOT,
            "UpdateKeyDescription",
            json!({"KeyId": k, "Description": "changed"}),
        ),
        (Service::Kms, ROOT, "DisableKey", json!({"KeyId": k})),
        (Service::Kms, ROOT, "EnableKey", json!({"KeyId": k})),
        (
            Service::Kms,
            ROOT,
            "EnableKeyRotation",
            json!({"KeyId": k, "RotationPeriodInDays": 90}),
        ),
        (Service::Kms, ROOT, "RotateKeyOnDemand", json!({"KeyId": k})),
        (
            Service::Kms,
            ROOT,
            "DisableKeyRotation",
            json!({"KeyId": k}),
        ),
        (
            Service::Kms,
            ROOT,
            "TagResource",
            json!({"KeyId": k, "Tags": [{"TagKey": "x", "TagValue": "y"}]}),
        ),
        (
            Service::Kms,
            ROOT,
            "UntagResource",
            json!({"KeyId": k, "TagKeys": ["x"]}),
        ),
        (
            Service::Kms,
            ROOT,
            "CreateAlias",
            json!({"AliasName": "alias/new", "TargetKeyId": k}),
        ),
        (
            Service::Kms,
            ROOT,
            "UpdateAlias",
            json!({"AliasName": "alias/new", "TargetKeyId": "cccccccc-0000-4000-8000-00000000000c"}),
        ),
        (
            Service::Kms,
            ROOT,
            "DeleteAlias",
            json!({"AliasName": "alias/new"}),
        ),
        (
            Service::Kms,
            ROOT,
            "PutKeyPolicy",
            json!({"KeyId": k, "Policy": policy}),
        ),
        (
            Service::Kms,
            ROOT,
            "CreateGrant",
            json!({"KeyId": k, "GranteePrincipal": BOB, "Operations": ["Encrypt"]}),
        ),
        (
            Service::Kms,
            ROOT,
            "ScheduleKeyDeletion",
            json!({"KeyId": k, "PendingWindowInDays": 7}),
        ),
        (Service::Kms, ROOT, "CancelKeyDeletion", json!({"KeyId": k})),
        (Service::Kms, ROOT, "EnableKey", json!({"KeyId": k})),
        (
            Service::Iam,
            ROOT,
            "CreateUser",
            json!({"UserName": "Erin"}),
        ),
        (
            Service::Iam,
            ROOT,
            "PutUserPolicy",
            json!({"UserName": "Erin", "PolicyName": "p", "PolicyDocument": iam_policy}),
        ),
        (
            Service::Iam,
            ROOT,
            "DeleteUser",
            json!({"UserName": "Erin"}),
        ),
        (
            Service::Iam,
            ROOT,
            "DeleteUserPolicy",
            json!({"UserName": "Erin", "PolicyName": "p"}),
        ),
        (
            Service::Iam,
            ROOT,
            "DeleteUser",
            json!({"UserName": "Erin"}),
        ),
        (
            Service::S3,
            ALICE,
            "CreateBucket",
            json!({"Bucket": "notes"}),
        ),
        (
            Service::S3,
            ALICE,
            "PutObject",
            json!({"Bucket": "notes", "Key": "a", "Body": "aGk=", "ServerSideEncryption": "aws:kms"}),
        ),
        (
            Service::S3,
            ALICE,
            "PutObject",
            json!({"Bucket": "notes", "Key": "b", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k, "BucketKeyEnabled": true}),
        ),
        (
            Service::S3,
            ALICE,
            "GetObject",
            json!({"Bucket": "notes", "Key": "b"}),
        ),
        (
            Service::S3,
            BOB,
            "GetObject",
            json!({"Bucket": "notes", "Key": "b"}),
        ),
        (
            Service::S3,
            ALICE,
            "DeleteObject",
            json!({"Bucket": "notes", "Key": "a"}),
        ),
        (
            Service::Kms,
            "arn:aws:iam::123412341234:user/Nobody",
            "Encrypt",
            json!({"KeyId": k, "Plaintext": "aGk="}),
        ),
        (Service::Kms, ROOT, "NoSuchOperation", json!({})),
    ]
}

#[test]
fn every_change_notifies_the_slices_it_touched() {
    let mut m = Model::new(seed_world());
    let mut grant_id = None;
    for (service, who, op, mut input) in script() {
        if op == "RetireGrant" {
            input["GrantId"] = json!(grant_id.clone());
        }
        let before: Vec<String> = Slice::ALL
            .iter()
            .map(|s| projection(m.world(), *s))
            .collect();
        let (record, slices) = m.dispatch(
            &Caller::new(who),
            Request {
                service,
                operation: op,
                input: &input,
            },
        );
        if op == "CreateGrant" {
            grant_id = record.output.as_ref().ok().map(|o| o["GrantId"].clone());
        }
        for (s, was) in Slice::ALL.iter().zip(&before) {
            if projection(m.world(), *s) != *was {
                assert!(
                    slices.contains(*s),
                    "{op} as {who} changed {s:?} without saying so ({:?})",
                    record.output
                );
            }
        }
        if !may_change(service, op) {
            for s in [
                Slice::Principals,
                Slice::Policies,
                Slice::Keys,
                Slice::Grants,
                Slice::Clock,
            ] {
                assert_eq!(
                    projection(m.world(), s),
                    before[Slice::ALL.iter().position(|x| *x == s).unwrap()],
                    "{op} is not undoable but changed {s:?}"
                );
            }
        }
    }
    // And the script did what it meant to: the calls succeeded or failed as written.
    let outcomes: Vec<(String, bool)> = m
        .calls()
        .iter()
        .filter(|c| c.made_by.is_none())
        .map(|c| (c.operation.clone(), c.ok()))
        .collect();
    assert!(
        outcomes.contains(&(String::from("DeleteUser"), false)),
        "DeleteConflict first"
    );
    assert!(outcomes.contains(&(String::from("DeleteUser"), true)));
    assert_eq!(
        outcomes.iter().filter(|(_, ok)| !ok).count(),
        5,
        "{outcomes:?}"
    );
}

#[test]
fn undo_takes_back_changes_and_redo_does_them_again() {
    let start = seed_world();
    let mut m = Model::new(start.clone());
    let root = Caller::new(ROOT);
    let input = json!({"KeyId": CMK_A});
    m.dispatch(
        &root,
        Request {
            service: Service::Kms,
            operation: "DisableKey",
            input: &input,
        },
    );
    let disabled = m.world().clone();
    // A read and a refused call are recorded but are no undo steps.
    m.dispatch(
        &root,
        Request {
            service: Service::Kms,
            operation: "DescribeKey",
            input: &input,
        },
    );
    m.dispatch(
        &Caller::new(BOB),
        Request {
            service: Service::Kms,
            operation: "EnableKey",
            input: &input,
        },
    );
    m.dispatch(
        &root,
        Request {
            service: Service::Kms,
            operation: "EnableKey",
            input: &input,
        },
    );
    m.advance(Duration::days(1), "Advance the clock by 1 day")
        .unwrap();
    assert_eq!(m.calls().len(), 4);
    assert_eq!(m.undo_label(), Some("Advance the clock by 1 day"));

    assert_eq!(m.undo().as_deref(), Some("Advance the clock by 1 day"));
    assert_eq!(
        m.undo().as_deref(),
        Some("EnableKey (as root of 123412341234)")
    );
    // Back to just after DisableKey: the read's and the refusal's audit events went with it.
    assert_eq!(m.world().keys(), disabled.keys());
    assert_eq!(
        m.undo().as_deref(),
        Some("DisableKey (as root of 123412341234)")
    );
    assert_eq!(m.world(), &start, "three undos: the world as it was");
    assert_eq!(m.undo(), None);

    assert_eq!(
        m.redo().as_deref(),
        Some("DisableKey (as root of 123412341234)")
    );
    // Redo gives the world as it was when Undo was pressed: the read and the refusal too.
    assert_eq!(m.world().keys(), disabled.keys());
    assert_eq!(m.world().audit_log().len(), 3);
    // A new call ends the redo path.
    m.dispatch(
        &root,
        Request {
            service: Service::Kms,
            operation: "DescribeKey",
            input: &input,
        },
    );
    assert_eq!(m.redo_label(), None);
}

#[test]
fn a_group_is_one_undo_step_and_reset_is_undoable() {
    let start = seed_world();
    let mut m = Model::new(start.clone());
    let root = Caller::new(ROOT);
    m.begin_group("Create key");
    let (created, _) = m.dispatch(
        &root,
        Request {
            service: Service::Kms,
            operation: "CreateKey",
            input: &json!({}),
        },
    );
    let id = created.output.as_ref().unwrap()["KeyMetadata"]["KeyId"].clone();
    m.dispatch(
        &root,
        Request {
            service: Service::Kms,
            operation: "CreateAlias",
            input: &json!({"AliasName": "alias/w", "TargetKeyId": id}),
        },
    );
    m.end_group();
    assert_eq!(m.undo_label(), Some("Create key"));
    let with_key = m.world().clone();
    m.reset();
    assert_eq!(m.world(), &start);
    assert_eq!(m.undo().as_deref(), Some("Reset"));
    assert_eq!(m.world(), &with_key);
    assert_eq!(m.undo().as_deref(), Some("Create key"));
    assert_eq!(m.world(), &start);
}

#[test]
fn a_loaded_world_is_where_reset_returns_by_name_and_undo_puts_the_old_start_back() {
    let notes = seed_world();
    let mut m = Model::new(notes.clone());
    assert_eq!(m.start_name(), NOTES_WORLD);
    let mut other = seed_world();
    other.advance(Duration::days(3)).expect("the clock moves");
    assert_ne!(other, notes);
    m.load(other.clone(), "Play “Grants”", "“Grants”");
    assert_eq!((m.world(), m.start()), (&other, &other));
    assert_eq!(m.start_name(), "“Grants”");
    m.reset();
    assert_eq!(m.world(), &other);
    // Undo of the reset, then of the load: the study notes' world and its name are back.
    m.undo();
    assert_eq!(m.undo().as_deref(), Some("Play “Grants”"));
    assert_eq!((m.world(), m.start()), (&notes, &notes));
    assert_eq!(m.start_name(), NOTES_WORLD);
    // Redo loads it again, name and all.
    assert_eq!(m.redo().as_deref(), Some("Play “Grants”"));
    assert_eq!((m.start(), m.start_name()), (&other, "“Grants”"));
}

#[test]
fn the_history_and_the_call_list_are_bounded() {
    let mut m = Model::new(seed_world());
    let root = Caller::new(ROOT);
    let input = json!({"KeyId": CMK_A, "Description": "d"});
    for _ in 0..(MAX_UNDO + 5) {
        m.dispatch(
            &root,
            Request {
                service: Service::Kms,
                operation: "UpdateKeyDescription",
                input: &input,
            },
        );
    }
    let mut undone = 0;
    while m.undo().is_some() {
        undone += 1;
    }
    assert_eq!(undone, MAX_UNDO);
    let describe = json!({"KeyId": CMK_A});
    for _ in 0..(MAX_CALLS + 3) {
        m.dispatch(
            &root,
            Request {
                service: Service::Kms,
                operation: "DescribeKey",
                input: &describe,
            },
        );
    }
    assert_eq!(m.calls().len(), MAX_CALLS);
    assert_eq!(
        m.calls().back().unwrap().seq,
        (MAX_UNDO + 5 + MAX_CALLS + 3) as u64
    );
}

#[test]
fn the_calls_s3_makes_to_kms_are_calls_of_their_own() {
    let mut m = Model::new(seed_world());
    let alice = Caller::new(ALICE);
    m.dispatch(
        &alice,
        Request {
            service: Service::S3,
            operation: "CreateBucket",
            input: &json!({"Bucket": "notes"}),
        },
    );
    let put = json!({"Bucket": "notes", "Key": "a", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": CMK_A});
    let (record, _) = m.dispatch(
        &alice,
        Request {
            service: Service::S3,
            operation: "PutObject",
            input: &put,
        },
    );
    assert!(record.ok(), "{:?}", record.output);
    assert_eq!(record.kms_calls.len(), 1);
    let child = m
        .calls()
        .iter()
        .find(|c| c.seq == record.kms_calls[0])
        .unwrap();
    assert_eq!(child.operation, "GenerateDataKey");
    assert_eq!(child.service, Service::Kms);
    assert_eq!(child.made_by, Some(record.seq));
    assert_eq!(child.caller, ALICE);
    assert_eq!(child.input["KeyId"], CMK_A);
    assert_eq!(child.decisions.len(), 1);
    // Bob may not use CMK-A: S3's call to KMS is refused, and says so in its own record.
    let (denied, _) = m.dispatch(
        &Caller::new(BOB),
        Request {
            service: Service::S3,
            operation: "PutObject",
            input: &put,
        },
    );
    assert_eq!(denied.output.as_ref().unwrap_err().code, "AccessDenied");
    let child = Arc::clone(
        m.calls()
            .iter()
            .find(|c| c.made_by == Some(denied.seq))
            .unwrap(),
    );
    assert_eq!(
        child.output.as_ref().unwrap_err().code,
        "AccessDeniedException"
    );
    assert!(!child.decisions.is_empty());
    // The next call's number comes after the children's.
    let (next, _) = m.dispatch(
        &alice,
        Request {
            service: Service::Kms,
            operation: "DescribeKey",
            input: &json!({"KeyId": CMK_A}),
        },
    );
    assert_eq!(next.seq, child.seq + 1);
}

mod every_operation;
