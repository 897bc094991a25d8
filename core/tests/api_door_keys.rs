//! Keys through the door: states, and deletion and rotation on the clock.
//! responses and error codes AWS gives.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

#[path = "support/door.rs"]
mod support;

use kms_core::clock::Duration;
use serde_json::json;
use support::*;

#[test]
fn key_states_give_the_documented_errors() {
    let mut w = world(5);
    let k = new_key(&mut w);
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    ok(&mut w, ALICE, "DisableKey", json!({"KeyId": k}));
    let e = err(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    assert_eq!(e.code.as_str(), "DisabledException");
    assert_eq!(
        e.message,
        format!("arn:aws:kms:us-east-1:111122223333:key/{k} is disabled.")
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": enc["CiphertextBlob"]})
        ),
        "DisabledException"
    );
    assert_eq!(
        code(&mut w, ALICE, "EnableKeyRotation", json!({"KeyId": k})),
        "DisabledException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateGrant",
            json!({"KeyId": k, "GranteePrincipal": BOB, "Operations": ["Decrypt"]})
        ),
        "DisabledException"
    );
    // Still possible while disabled.
    ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": k}));
    ok(&mut w, ALICE, "GetKeyPolicy", json!({"KeyId": k}));
    ok(
        &mut w,
        ALICE,
        "CreateAlias",
        json!({"AliasName": "alias/off", "TargetKeyId": k}),
    );

    let s = ok(
        &mut w,
        ALICE,
        "ScheduleKeyDeletion",
        json!({"KeyId": k, "PendingWindowInDays": 7}),
    );
    assert_eq!(s["KeyState"], "PendingDeletion");
    assert_eq!(s["PendingWindowInDays"], 7);
    let e = err(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "KMSInvalidStateException",
            format!("arn:aws:kms:us-east-1:111122223333:key/{k} is pending deletion.").as_str()
        )
    );
    for op in ["EnableKey", "DisableKey", "ScheduleKeyDeletion"] {
        assert_eq!(
            code(&mut w, ALICE, op, json!({"KeyId": k})),
            "KMSInvalidStateException",
            "{op}"
        );
    }
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "UpdateKeyDescription",
            json!({"KeyId": k, "Description": "d"})
        ),
        "KMSInvalidStateException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/x", "TargetKeyId": k})
        ),
        "KMSInvalidStateException"
    );
    ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": k}));
    ok(
        &mut w,
        ALICE,
        "DeleteAlias",
        json!({"AliasName": "alias/off"}),
    );
    ok(&mut w, ALICE, "CancelKeyDeletion", json!({"KeyId": k}));
    let d = ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": k}));
    assert_eq!(
        d["KeyMetadata"]["KeyState"], "Disabled",
        "a cancelled deletion leaves the key disabled"
    );
    assert_eq!(
        code(&mut w, ALICE, "CancelKeyDeletion", json!({"KeyId": k})),
        "KMSInvalidStateException"
    );
}

#[test]
fn deletion_on_the_clock_destroys_the_key_forever() {
    let mut w = world(6);
    let k = new_key(&mut w);
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"gone")}),
    );
    ok(
        &mut w,
        ALICE,
        "ScheduleKeyDeletion",
        json!({"KeyId": k, "PendingWindowInDays": 7}),
    );
    let fired = w.advance(Duration::days(6)).unwrap().events;
    assert!(fired.is_empty());
    ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": k}));
    let fired = w.advance(Duration::days(1)).unwrap().events;
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].event_name, "DeleteKey");
    assert_eq!(fired[0].to_json()["eventType"], "AwsServiceEvent");
    assert_eq!(
        code(&mut w, ALICE, "DescribeKey", json!({"KeyId": k})),
        "NotFoundException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": enc["CiphertextBlob"]})
        ),
        "NotFoundException"
    );
}

#[test]
fn rotation_keeps_every_version() {
    let mut w = world(7);
    let k = new_key(&mut w);
    let old = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"v1")}),
    );
    ok(
        &mut w,
        ALICE,
        "EnableKeyRotation",
        json!({"KeyId": k, "RotationPeriodInDays": 90}),
    );
    let st = ok(&mut w, ALICE, "GetKeyRotationStatus", json!({"KeyId": k}));
    assert_eq!(
        (
            st["KeyRotationEnabled"].as_bool(),
            st["RotationPeriodInDays"].as_i64()
        ),
        (Some(true), Some(90))
    );
    let fired = w.advance(Duration::days(200)).unwrap().events;
    assert_eq!(
        fired.iter().filter(|e| e.event_name == "RotateKey").count(),
        2
    );
    let new = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"v3")}),
    );
    assert_ne!(old["CiphertextBlob"], new["CiphertextBlob"]);
    assert_eq!(
        unb64(
            &ok(
                &mut w,
                ALICE,
                "Decrypt",
                json!({"CiphertextBlob": old["CiphertextBlob"]})
            )["Plaintext"]
        ),
        b"v1"
    );
    ok(&mut w, ALICE, "RotateKeyOnDemand", json!({"KeyId": k}));
    let rot = ok(&mut w, ALICE, "ListKeyRotations", json!({"KeyId": k}));
    let types: Vec<&str> = rot["Rotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["RotationType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["AUTOMATIC", "AUTOMATIC", "ON_DEMAND"]);
    for _ in 1..25 {
        ok(&mut w, ALICE, "RotateKeyOnDemand", json!({"KeyId": k}));
    }
    assert_eq!(
        code(&mut w, ALICE, "RotateKeyOnDemand", json!({"KeyId": k})),
        "LimitExceededException"
    );
    assert_eq!(
        unb64(
            &ok(
                &mut w,
                ALICE,
                "Decrypt",
                json!({"CiphertextBlob": old["CiphertextBlob"]})
            )["Plaintext"]
        ),
        b"v1"
    );
    // Rotation pauses while disabled.
    ok(&mut w, ALICE, "DisableKey", json!({"KeyId": k}));
    assert!(w.advance(Duration::days(400)).unwrap().events.is_empty());
}
