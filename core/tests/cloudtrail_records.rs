//! The audit log's records of KMS's own events and of S3's management events, held to the
//! example records of the KMS Developer Guide (ct-rotatekey, ct-deletekey) and the
//! CloudTrail record of CreateBucket: the members they have, and those they do not.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

#[path = "support/door.rs"]
mod support;

use kms_core::clock::Duration;
use serde_json::{Value, json};
use support::{ALICE, new_key, ok, world};

fn last(w: &kms_core::World, name: &str) -> Value {
    w.audit_log()
        .iter()
        .rev()
        .find(|e| e.event_name == name)
        .unwrap_or_else(|| panic!("no {name} event"))
        .to_json()
}

/// The members every service event has, as in the guide's examples.
fn is_service_event(e: &Value, key_id: &str) {
    assert_eq!(
        e["userIdentity"],
        json!({"accountId": "111122223333", "invokedBy": "AWS Internal"})
    );
    assert_eq!(e["eventSource"], "kms.amazonaws.com");
    assert_eq!(e["sourceIPAddress"], "AWS Internal");
    assert_eq!(e["userAgent"], "AWS Internal");
    assert_eq!(e["requestParameters"], Value::Null);
    assert_eq!(e["responseElements"], Value::Null);
    assert_eq!(e["readOnly"], false);
    assert_eq!(e["eventType"], "AwsServiceEvent");
    assert_eq!(e["recipientAccountId"], "111122223333");
    assert_eq!(e["eventCategory"], "Management");
    assert_eq!(e["resources"][0]["type"], "AWS::KMS::Key");
    assert_eq!(e["resources"][0]["accountId"], "111122223333");
    assert!(e["resources"][0]["ARN"].as_str().unwrap().ends_with(key_id));
    assert_eq!(e["serviceEventDetails"]["keyId"], key_id);
    assert!(e.get("errorCode").is_none());
}

#[test]
fn an_automatic_rotation_is_a_rotate_key_service_event() {
    let mut w = world(41);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "EnableKeyRotation",
        json!({"KeyId": k, "RotationPeriodInDays": 90}),
    );
    w.advance(Duration::days(91)).unwrap();
    let e = last(&w, "RotateKey");
    is_service_event(&e, &k);
    assert_eq!(e["serviceEventDetails"]["rotationType"], "AUTOMATIC");
}

#[test]
fn an_on_demand_rotation_is_the_call_and_then_a_rotate_key_service_event() {
    let mut w = world(42);
    let k = new_key(&mut w);
    ok(&mut w, ALICE, "RotateKeyOnDemand", json!({"KeyId": k}));
    let names: Vec<&str> = w
        .audit_log()
        .iter()
        .map(|e| e.event_name.as_str())
        .collect();
    assert_eq!(names[names.len() - 2..], ["RotateKeyOnDemand", "RotateKey"]);
    let e = last(&w, "RotateKey");
    is_service_event(&e, &k);
    assert_eq!(e["serviceEventDetails"]["rotationType"], "ON_DEMAND");
    // The call itself is Alice's.
    let call = last(&w, "RotateKeyOnDemand");
    assert_eq!(call["userIdentity"]["type"], "IAMUser");
    assert_eq!(call["eventType"], "AwsApiCall");
}

#[test]
fn the_end_of_a_waiting_period_is_a_delete_key_service_event() {
    let mut w = world(43);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "ScheduleKeyDeletion",
        json!({"KeyId": k, "PendingWindowInDays": 7}),
    );
    w.advance(Duration::days(8)).unwrap();
    let e = last(&w, "DeleteKey");
    is_service_event(&e, &k);
    assert!(e["serviceEventDetails"].get("rotationType").is_none());
}

#[test]
fn create_bucket_is_recorded_with_the_bucket_as_its_resource() {
    let mut w = world(44);
    ok(
        &mut w,
        ALICE,
        "s3:CreateBucket",
        json!({"Bucket": "records"}),
    );
    let e = last(&w, "CreateBucket");
    assert_eq!(e["eventSource"], "s3.amazonaws.com");
    assert_eq!(e["userIdentity"]["type"], "IAMUser");
    assert_eq!(e["requestParameters"]["bucketName"], "records");
    assert_eq!(
        e["resources"],
        json!([{"accountId": "111122223333", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::records"}])
    );
    // Saved and read back (a saved world keeps its log), the record is the same.
    let back = kms_core::audit::AuditEvent::from_json(&e).unwrap();
    assert_eq!(back.to_json(), e);
    let rotate = {
        let k = new_key(&mut w);
        ok(&mut w, ALICE, "RotateKeyOnDemand", json!({"KeyId": k}));
        last(&w, "RotateKey")
    };
    assert_eq!(
        kms_core::audit::AuditEvent::from_json(&rotate)
            .unwrap()
            .to_json(),
        rotate
    );
}

#[test]
fn a_record_has_only_cloudtrail_members_and_the_saved_world_keeps_the_simulators_rule_apart() {
    let mut w = world(43);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": "aGk="}),
    );
    let event = w
        .audit_log()
        .iter()
        .rev()
        .find(|e| e.event_name == "Encrypt")
        .unwrap();
    assert!(event.decision_rule.is_some());
    // The record as CloudTrail writes it: no playground field, marked or not.
    let record = event.to_json();
    let members: Vec<&String> = record.as_object().unwrap().keys().collect();
    assert!(
        members.iter().all(|m| !m.starts_with("simulator")),
        "{members:?}"
    );
    // The save keeps the rule, apart and named as the simulator's, and reads it back.
    let saved = event.to_saved();
    assert_eq!(
        saved["simulatorDecisionRule"],
        json!(event.decision_rule.unwrap().as_str())
    );
    let back = kms_core::audit::AuditEvent::from_json(&saved).unwrap();
    assert_eq!(back.decision_rule, event.decision_rule);
    assert_eq!(back.to_json(), record);
}
