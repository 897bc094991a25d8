//! The simulated KMS through its one door: every operation as a learner calls it, with the
//! responses and error codes AWS gives.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

#[path = "support/door.rs"]
mod support;

use kms_core::api::Caller;
use kms_core::clock::Duration;
use serde_json::json;
use support::*;

#[test]
fn encrypt_decrypt_round_trip_with_context() {
    let mut w = world(1);
    let k = new_key(&mut w);
    let ctx = json!({"app": "demo", "Department": "IT"});
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"hello world"), "EncryptionContext": ctx}),
    );
    assert_eq!(enc["EncryptionAlgorithm"], "SYMMETRIC_DEFAULT");
    assert!(enc["KeyId"].as_str().unwrap().ends_with(&k));
    let blob = enc["CiphertextBlob"].clone();
    // Order of the pairs does not matter.
    let dec = ok(
        &mut w,
        ALICE,
        "Decrypt",
        json!({"CiphertextBlob": blob, "EncryptionContext": {"Department": "IT", "app": "demo"}}),
    );
    assert_eq!(unb64(&dec["Plaintext"]), b"hello world");
    assert_eq!(dec["KeyId"], enc["KeyId"]);
    // Another context, a missing one, or changed case: InvalidCiphertextException.
    for bad in [
        json!({"app": "demo"}),
        json!({}),
        json!({"app": "Demo", "Department": "IT"}),
        json!({"App": "demo", "Department": "IT"}),
    ] {
        assert_eq!(
            code(
                &mut w,
                ALICE,
                "Decrypt",
                json!({"CiphertextBlob": blob, "EncryptionContext": bad})
            ),
            "InvalidCiphertextException"
        );
    }
}

#[test]
fn every_flipped_byte_of_a_ciphertext_is_refused() {
    let mut w = world(2);
    let k = new_key(&mut w);
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"secret")}),
    );
    let bytes = unb64(&enc["CiphertextBlob"]);
    for i in 0..bytes.len() {
        for bit in [0x01u8, 0x80] {
            let mut b = bytes.clone();
            b[i] ^= bit;
            assert_eq!(
                code(&mut w, ALICE, "Decrypt", json!({"CiphertextBlob": b64(&b)})),
                "InvalidCiphertextException",
                "byte {i} bit {bit:#x}"
            );
        }
    }
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": b64(&bytes[..bytes.len() - 1])})
        ),
        "InvalidCiphertextException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": b64(b"x")})
        ),
        "InvalidCiphertextException"
    );
}

#[test]
fn limits_and_validation() {
    let mut w = world(3);
    let k = new_key(&mut w);
    let v = |w: &mut _, op, input| code(w, ALICE, op, input);
    assert_eq!(
        v(&mut w, "Encrypt", json!({"KeyId": k, "Plaintext": ""})),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(&[0; 4097])})
        ),
        "ValidationException"
    );
    ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(&[0; 4096])}),
    );
    assert_eq!(
        v(&mut w, "Encrypt", json!({"KeyId": k})),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": "not base64!"})
        ),
        "SerializationException"
    );
    assert_eq!(
        v(
            &mut w,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"x"), "Bogus": 1})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "Decrypt",
            json!({"CiphertextBlob": b64(&[1; 6145])})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(&mut w, "GenerateDataKey", json!({"KeyId": k})),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "GenerateDataKey",
            json!({"KeyId": k, "KeySpec": "AES_256", "NumberOfBytes": 32})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "GenerateDataKey",
            json!({"KeyId": k, "NumberOfBytes": 0})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "GenerateDataKey",
            json!({"KeyId": k, "NumberOfBytes": 1025})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "GenerateDataKey",
            json!({"KeyId": k, "KeySpec": "AES_512"})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(&mut w, "GenerateRandom", json!({"NumberOfBytes": 1025})),
        "ValidationException"
    );
    assert_eq!(
        unb64(
            &ok(
                &mut w,
                ALICE,
                "GenerateRandom",
                json!({"NumberOfBytes": 1024})
            )["Plaintext"]
        )
        .len(),
        1024
    );
    assert_eq!(
        v(
            &mut w,
            "ScheduleKeyDeletion",
            json!({"KeyId": k, "PendingWindowInDays": 6})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "ScheduleKeyDeletion",
            json!({"KeyId": k, "PendingWindowInDays": 31})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "EnableKeyRotation",
            json!({"KeyId": k, "RotationPeriodInDays": 89})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "EnableKeyRotation",
            json!({"KeyId": k, "RotationPeriodInDays": 2561})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"x"), "GrantTokens": vec!["a"; 11]})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(
            &mut w,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"x"), "EncryptionAlgorithm": "RSAES_OAEP_SHA_256"})
        ),
        "ValidationException"
    );
    assert_eq!(
        v(&mut w, "CreateKey", json!({"KeySpec": "RSA_2048"})),
        "UnsupportedOperationException"
    );
    assert_eq!(
        v(&mut w, "ListKeys", json!({"Marker": "bogus"})),
        "InvalidMarkerException"
    );
    assert_eq!(
        v(&mut w, "Frobnicate", json!({})),
        "UnknownOperationException"
    );
    assert_eq!(
        code(
            &mut w,
            "arn:aws:iam::111122223333:user/Nobody",
            "ListKeys",
            json!({})
        ),
        "UnrecognizedClientException"
    );
}

#[test]
fn data_keys_and_envelope_basics() {
    let mut w = world(4);
    let k = new_key(&mut w);
    let gdk = ok(
        &mut w,
        ALICE,
        "GenerateDataKey",
        json!({"KeyId": k, "KeySpec": "AES_256", "EncryptionContext": {"file": "a.txt"}}),
    );
    let plain = unb64(&gdk["Plaintext"]);
    assert_eq!(plain.len(), 32);
    let dec = ok(
        &mut w,
        ALICE,
        "Decrypt",
        json!({"CiphertextBlob": gdk["CiphertextBlob"], "EncryptionContext": {"file": "a.txt"}}),
    );
    assert_eq!(unb64(&dec["Plaintext"]), plain);
    let wp = ok(
        &mut w,
        ALICE,
        "GenerateDataKeyWithoutPlaintext",
        json!({"KeyId": k, "NumberOfBytes": 16}),
    );
    assert!(wp.get("Plaintext").is_none());
    assert_eq!(
        unb64(
            &ok(
                &mut w,
                ALICE,
                "Decrypt",
                json!({"CiphertextBlob": wp["CiphertextBlob"]})
            )["Plaintext"]
        )
        .len(),
        16
    );
    // The plaintext data key is never in the audit log.
    let log = serde_json::to_string(
        &w.audit_log()
            .iter()
            .map(|e| e.to_json())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(!log.contains(gdk["Plaintext"].as_str().unwrap()));
    assert!(!log.contains(dec["Plaintext"].as_str().unwrap()));
}

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

#[test]
fn key_ids_aliases_arns_and_regions() {
    let mut w = world(8);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "CreateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": k}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/app", "TargetKeyId": k})
        ),
        "AlreadyExistsException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/aws/mine", "TargetKeyId": k})
        ),
        "InvalidAliasNameException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "app2", "TargetKeyId": k})
        ),
        // AWS answers a missing prefix with "ValidationException: Alias must start with
        // the prefix \"alias/\"" (recorded against AWS).
        "ValidationException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/bad name", "TargetKeyId": k})
        ),
        "ValidationException"
    );
    let arn = format!("arn:aws:kms:us-east-1:111122223333:key/{k}");
    for id in [
        k.as_str(),
        arn.as_str(),
        "alias/app",
        "arn:aws:kms:us-east-1:111122223333:alias/app",
    ] {
        let d = ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": id}));
        assert_eq!(d["KeyMetadata"]["Arn"], arn.as_str(), "{id}");
    }
    assert_eq!(
        code(&mut w, ALICE, "DescribeKey", json!({"KeyId": "alias/nope"})),
        "NotFoundException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "DescribeKey",
            json!({"KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"})
        ),
        "NotFoundException"
    );
    assert_eq!(
        code(&mut w, ALICE, "DescribeKey", json!({"KeyId": "not-a-key"})),
        "NotFoundException"
    );
    // From another region the key does not exist.
    let other = Caller {
        principal: ALICE,
        region: Some("eu-west-1"),
        via_service: None,
    };
    assert_eq!(
        w.call(&other, "DescribeKey", &json!({"KeyId": k}))
            .output
            .unwrap_err()
            .code
            .as_str(),
        "NotFoundException"
    );
    assert_eq!(
        w.call(&other, "DescribeKey", &json!({"KeyId": arn}))
            .output
            .unwrap_err()
            .code
            .as_str(),
        "NotFoundException"
    );
    let created = w.call(&other, "CreateKey", &json!({})).output.unwrap();
    assert!(
        created["KeyMetadata"]["Arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:kms:eu-west-1:")
    );
    // Update and delete.
    let k2 = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "UpdateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": k2}),
    );
    assert_eq!(
        ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": "alias/app"}))["KeyMetadata"]["KeyId"],
        k2.as_str()
    );
    let l = ok(&mut w, ALICE, "ListAliases", json!({"KeyId": k2}));
    assert_eq!(l["Aliases"].as_array().unwrap().len(), 1);
    ok(
        &mut w,
        ALICE,
        "DeleteAlias",
        json!({"AliasName": "alias/app"}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "DeleteAlias",
            json!({"AliasName": "alias/app"})
        ),
        "NotFoundException"
    );
    // Decrypt naming another key than the blob's.
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": enc["CiphertextBlob"], "KeyId": k2})
        ),
        "IncorrectKeyException"
    );
    ok(
        &mut w,
        ALICE,
        "Decrypt",
        json!({"CiphertextBlob": enc["CiphertextBlob"], "KeyId": k}),
    );
}

#[test]
fn paging_follows_markers() {
    let mut w = world(9);
    for _ in 0..5 {
        new_key(&mut w);
    }
    let mut seen = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let mut input = json!({"Limit": 2});
        if let Some(m) = &marker {
            input["Marker"] = json!(m);
        }
        let page = ok(&mut w, ALICE, "ListKeys", input);
        seen.extend(
            page["Keys"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k["KeyId"].as_str().unwrap().to_string()),
        );
        if page["Truncated"] == json!(true) {
            marker = Some(page["NextMarker"].as_str().unwrap().to_string());
        } else {
            break;
        }
    }
    assert_eq!(seen.len(), 5);
    assert_eq!(
        code(&mut w, ALICE, "ListKeys", json!({"Limit": 0})),
        "ValidationException"
    );
}

#[test]
fn authorization_through_the_door() {
    let mut w = world(10);
    let k = new_key(&mut w);
    let e = err(
        &mut w,
        BOB,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    assert_eq!(e.code.as_str(), "AccessDeniedException");
    assert_eq!(
        e.message,
        format!(
            "User: {BOB} is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:111122223333:key/{k} because no resource-based policy allows the kms:Encrypt action"
        )
    );
    let r = call(
        &mut w,
        BOB,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    assert_eq!(r.decisions.len(), 1);
    assert!(
        r.decisions[0]
            .hint
            .as_ref()
            .unwrap()
            .contains("none of Bob's IAM policies")
    );
    // Eve (another account) cannot even see a key the key policy does not share.
    let arn = format!("arn:aws:kms:us-east-1:111122223333:key/{k}");
    assert_eq!(
        code(&mut w, EVE, "DescribeKey", json!({"KeyId": arn})),
        "AccessDeniedException"
    );
    // Bob cannot create keys without IAM permission; root can.
    assert_eq!(
        code(&mut w, BOB, "CreateKey", json!({})),
        "AccessDeniedException"
    );
    ok(&mut w, ROOT, "CreateKey", json!({}));
    // DryRun.
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"x"), "DryRun": true})
        ),
        "DryRunOperationException"
    );
    assert_eq!(
        code(
            &mut w,
            BOB,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"x"), "DryRun": true})
        ),
        "AccessDeniedException"
    );
}

#[test]
fn key_policies_and_the_lockout_safety_check() {
    let mut w = world(11);
    let k = new_key(&mut w);
    let p = ok(&mut w, ALICE, "GetKeyPolicy", json!({"KeyId": k}));
    assert!(
        p["Policy"]
            .as_str()
            .unwrap()
            .contains("Enable IAM User Permissions")
    );
    assert_eq!(
        ok(&mut w, ALICE, "ListKeyPolicies", json!({"KeyId": k}))["PolicyNames"],
        json!(["default"])
    );
    let bob_only = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{BOB}"}},"Action":"kms:Encrypt","Resource":"*"}}]}}"#
    );
    let e = err(
        &mut w,
        ALICE,
        "PutKeyPolicy",
        json!({"KeyId": k, "Policy": bob_only}),
    );
    assert_eq!(e.code.as_str(), "MalformedPolicyDocumentException");
    assert!(
        e.message
            .contains("will not allow you to update the key policy")
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "PutKeyPolicy",
            json!({"KeyId": k, "Policy": "{not json"})
        ),
        "MalformedPolicyDocumentException"
    );
    let ghost = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Ghost"},"Action":"kms:*","Resource":"*"}]}"#;
    assert!(
        err(
            &mut w,
            ALICE,
            "PutKeyPolicy",
            json!({"KeyId": k, "Policy": ghost})
        )
        .message
        .contains("does not exist")
    );
    ok(
        &mut w,
        ALICE,
        "PutKeyPolicy",
        json!({"KeyId": k, "Policy": bob_only, "BypassPolicyLockoutSafetyCheck": true}),
    );
    // Now Alice is locked out; Bob may encrypt.
    assert_eq!(
        code(&mut w, ALICE, "GetKeyPolicy", json!({"KeyId": k})),
        "AccessDeniedException"
    );
    ok(
        &mut w,
        BOB,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
}

#[test]
fn grants_through_the_door() {
    let mut w = world(12);
    let k = new_key(&mut w);
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x"), "EncryptionContext": {"dept": "IT"}}),
    );
    let g = ok(
        &mut w,
        ALICE,
        "CreateGrant",
        json!({"KeyId": k, "GranteePrincipal": BOB, "Operations": ["Decrypt"], "RetiringPrincipal": ALICE, "Name": "bob", "Constraints": {"EncryptionContextSubset": {"dept": "IT"}}}),
    );
    let token = g["GrantToken"].as_str().unwrap().to_string();
    let dec = json!({"CiphertextBlob": enc["CiphertextBlob"], "EncryptionContext": {"dept": "IT"}});
    assert_eq!(
        code(&mut w, BOB, "Decrypt", dec.clone()),
        "AccessDeniedException",
        "not propagated yet"
    );
    let mut with_token = dec.clone();
    with_token["GrantTokens"] = json!([token]);
    ok(&mut w, BOB, "Decrypt", with_token);
    w.advance(Duration::minutes(5)).unwrap();
    ok(&mut w, BOB, "Decrypt", dec.clone());
    // The same name and parameters: the same grant, a new token.
    let again = ok(
        &mut w,
        ALICE,
        "CreateGrant",
        json!({"KeyId": k, "GranteePrincipal": BOB, "Operations": ["Decrypt"], "RetiringPrincipal": ALICE, "Name": "bob", "Constraints": {"EncryptionContextSubset": {"dept": "IT"}}}),
    );
    assert_eq!(again["GrantId"], g["GrantId"]);
    assert_ne!(again["GrantToken"], g["GrantToken"]);
    let list = ok(&mut w, ALICE, "ListGrants", json!({"KeyId": k}));
    assert_eq!(list["Grants"].as_array().unwrap().len(), 1);
    assert_eq!(list["Grants"][0]["Operations"], json!(["Decrypt"]));
    assert_eq!(
        ok(
            &mut w,
            ALICE,
            "ListRetirableGrants",
            json!({"RetiringPrincipal": ALICE})
        )["Grants"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Bob (grantee without RetireGrant) cannot retire it; Alice (retiring principal) can.
    assert_eq!(
        code(
            &mut w,
            BOB,
            "RetireGrant",
            json!({"KeyId": k, "GrantId": g["GrantId"]})
        ),
        "AccessDeniedException"
    );
    ok(
        &mut w,
        ALICE,
        "RetireGrant",
        json!({"KeyId": k, "GrantId": g["GrantId"]}),
    );
    assert_eq!(code(&mut w, BOB, "Decrypt", dec), "AccessDeniedException");
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateGrant",
            json!({"KeyId": k, "GranteePrincipal": BOB, "Operations": ["Destroy"]})
        ),
        "ValidationException"
    );
    let g2 = ok(
        &mut w,
        ALICE,
        "CreateGrant",
        json!({"KeyId": k, "GranteePrincipal": BOB, "Operations": ["Encrypt"]}),
    );
    ok(
        &mut w,
        ALICE,
        "RevokeGrant",
        json!({"KeyId": k, "GrantId": g2["GrantId"]}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "RevokeGrant",
            json!({"KeyId": k, "GrantId": g2["GrantId"]})
        ),
        "NotFoundException"
    );
}

#[test]
fn re_encrypt_moves_ciphertext_between_keys_without_revealing_it() {
    let mut w = world(13);
    let (a, b) = (new_key(&mut w), new_key(&mut w));
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": a, "Plaintext": b64(b"moving"), "EncryptionContext": {"v": "1"}}),
    );
    let re = ok(
        &mut w,
        ALICE,
        "ReEncrypt",
        json!({"CiphertextBlob": enc["CiphertextBlob"], "SourceEncryptionContext": {"v": "1"}, "DestinationKeyId": b, "DestinationEncryptionContext": {"v": "2"}}),
    );
    assert!(re.get("Plaintext").is_none());
    assert!(re["KeyId"].as_str().unwrap().ends_with(&b));
    assert_eq!(
        unb64(
            &ok(
                &mut w,
                ALICE,
                "Decrypt",
                json!({"CiphertextBlob": re["CiphertextBlob"], "EncryptionContext": {"v": "2"}})
            )["Plaintext"]
        ),
        b"moving"
    );
    let r = call(
        &mut w,
        BOB,
        "ReEncrypt",
        json!({"CiphertextBlob": enc["CiphertextBlob"], "SourceEncryptionContext": {"v": "1"}, "DestinationKeyId": b}),
    );
    assert_eq!(r.output.unwrap_err().code.as_str(), "AccessDeniedException");
    assert!(r.decisions[0].reason.contains("kms:ReEncryptFrom"));
}

#[test]
fn the_audit_log_records_every_call_allowed_or_denied() {
    let mut w = world(14);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x"), "EncryptionContext": {"app": "a"}}),
    );
    err(
        &mut w,
        BOB,
        "Decrypt",
        json!({"CiphertextBlob": b64(b"junk")}),
    );
    err(
        &mut w,
        BOB,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    let events: Vec<serde_json::Value> = w.audit_log().iter().map(|e| e.to_json()).collect();
    assert_eq!(events.len(), 4);
    let enc = &events[1];
    assert_eq!(enc["eventName"], "Encrypt");
    assert_eq!(enc["eventSource"], "kms.amazonaws.com");
    assert_eq!(enc["userIdentity"]["arn"], ALICE);
    assert_eq!(enc["userIdentity"]["type"], "IAMUser");
    assert_eq!(
        enc["requestParameters"]["encryptionContext"],
        json!({"app": "a"})
    );
    assert_eq!(enc["responseElements"], serde_json::Value::Null);
    assert_eq!(enc["resources"][0]["type"], "AWS::KMS::Key");
    assert_eq!(enc["eventType"], "AwsApiCall");
    assert!(enc["requestParameters"].get("plaintext").is_none());
    assert_eq!(events[3]["errorCode"], "AccessDeniedException");
    assert_eq!(events[2]["errorCode"], "InvalidCiphertextException");
    assert_eq!(events[0]["eventName"], "CreateKey");
    assert!(events[0]["responseElements"]["KeyMetadata"].is_object());
    // Calls made by a service on the principal's behalf say so.
    let via = Caller {
        principal: ALICE,
        region: None,
        via_service: Some("s3.us-east-1.amazonaws.com"),
    };
    w.call(
        &via,
        "GenerateDataKey",
        &json!({"KeyId": k, "KeySpec": "AES_256"}),
    )
    .output
    .unwrap();
    assert_eq!(
        w.audit_log().last().unwrap().to_json()["userIdentity"]["invokedBy"],
        "s3.amazonaws.com"
    );
}

#[test]
fn seeded_worlds_replay_byte_for_byte() {
    let run = || {
        let mut w = world(42);
        let k = new_key(&mut w);
        let enc = ok(
            &mut w,
            ALICE,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"same")}),
        );
        let gdk = ok(
            &mut w,
            ALICE,
            "GenerateDataKey",
            json!({"KeyId": k, "NumberOfBytes": 32}),
        );
        (k, enc, gdk, w)
    };
    let (k1, e1, g1, w1) = run();
    let (k2, e2, g2, w2) = run();
    assert_eq!((k1, e1, g1), (k2, e2, g2));
    assert_eq!(w1, w2);
    let mut w3 = world(43);
    assert_ne!(new_key(&mut w3), run().0);
}

#[test]
fn tags() {
    let mut w = world(15);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "TagResource",
        json!({"KeyId": k, "Tags": [{"TagKey": "team", "TagValue": "red"}, {"TagKey": "env", "TagValue": "dev"}]}),
    );
    ok(
        &mut w,
        ALICE,
        "TagResource",
        json!({"KeyId": k, "Tags": [{"TagKey": "team", "TagValue": "blue"}]}),
    );
    ok(
        &mut w,
        ALICE,
        "UntagResource",
        json!({"KeyId": k, "TagKeys": ["env"]}),
    );
    assert_eq!(
        ok(&mut w, ALICE, "ListResourceTags", json!({"KeyId": k}))["Tags"],
        json!([{"TagKey": "team", "TagValue": "blue"}])
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "TagResource",
            json!({"KeyId": k, "Tags": [{"TagKey": "aws:x", "TagValue": "y"}]})
        ),
        "TagException"
    );
}

#[test]
fn aws_managed_keys_are_made_once_and_users_cannot_change_them() {
    let mut w = world(16);
    let account = w.account();
    let region = w.region().clone();
    let arn = w.aws_managed_key(account, &region, "s3").unwrap();
    assert_eq!(
        w.aws_managed_key(account, &region, "s3").unwrap(),
        arn,
        "created on first use only"
    );
    let d = ok(
        &mut w,
        ALICE,
        "DescribeKey",
        json!({"KeyId": "alias/aws/s3"}),
    );
    assert_eq!(d["KeyMetadata"]["KeyManager"], "AWS");
    assert!(
        w.keys()
            .iter()
            .find(|k| k.arn == arn)
            .unwrap()
            .next_rotation()
            .is_some(),
        "AWS managed keys rotate yearly"
    );
    // Nobody in the account may use it directly, change it or delete it.
    for (op, input) in [
        (
            "Encrypt",
            json!({"KeyId": "alias/aws/s3", "Plaintext": b64(b"x")}),
        ),
        ("DisableKey", json!({"KeyId": arn})),
        ("ScheduleKeyDeletion", json!({"KeyId": arn})),
        (
            "PutKeyPolicy",
            json!({"KeyId": arn, "Policy": ALLOW_ALL_KMS}),
        ),
        ("RotateKeyOnDemand", json!({"KeyId": arn})),
    ] {
        assert_eq!(
            code(&mut w, ALICE, op, input),
            "AccessDeniedException",
            "{op}"
        );
    }
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "DeleteAlias",
            json!({"AliasName": "alias/aws/s3"})
        ),
        "InvalidAliasNameException"
    );
    // Through S3, any principal of the account may use it.
    let via = Caller {
        principal: BOB,
        region: None,
        via_service: Some("s3.us-east-1.amazonaws.com"),
    };
    let r = w.call(
        &via,
        "GenerateDataKey",
        &json!({"KeyId": "alias/aws/s3", "KeySpec": "AES_256"}),
    );
    assert!(r.output.is_ok(), "{:?}", r.output);
    assert_eq!(r.decisions[0].rule.as_str(), "key-policy");
    // Not from another account, even through S3.
    let eve = Caller {
        principal: EVE,
        region: None,
        via_service: Some("s3.us-east-1.amazonaws.com"),
    };
    assert_eq!(
        w.call(
            &eve,
            "GenerateDataKey",
            &json!({"KeyId": arn, "KeySpec": "AES_256"})
        )
        .output
        .unwrap_err()
        .code
        .as_str(),
        "AccessDeniedException"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn encrypt_then_decrypt_gives_the_plaintext_back(
            plaintext in proptest::collection::vec(any::<u8>(), 1..=4096),
            context in proptest::collection::btree_map("[a-zA-Z:/]{1,12}", "\\\\PC{0,16}", 0..5),
            seed in any::<u64>(),
        ) {
            let mut w = world(seed);
            let k = new_key(&mut w);
            let enc = ok(&mut w, ALICE, "Encrypt", json!({"KeyId": k, "Plaintext": b64(&plaintext), "EncryptionContext": context}));
            prop_assert!(unb64(&enc["CiphertextBlob"]).len() <= 6144);
            let dec = ok(&mut w, ALICE, "Decrypt", json!({"CiphertextBlob": enc["CiphertextBlob"], "EncryptionContext": context}));
            prop_assert_eq!(unb64(&dec["Plaintext"]), plaintext);
        }
    }
}

mod review_fixes {
    use super::*;
    use kms_core::policy::{Policy, PolicyKind};

    fn shared_key_for_account_b(w: &mut kms_core::world::World, extra_actions: &str) -> String {
        let policy = format!(
            r#"{{"Version":"2012-10-17","Statement":[
              {{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111122223333:root"}},"Action":"kms:*","Resource":"*"}},
              {{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::444455556666:root"}},"Action":[{extra_actions}],"Resource":"*"}}]}}"#
        );
        let out = ok(w, ALICE, "CreateKey", json!({"Policy": policy}));
        out["KeyMetadata"]["Arn"].as_str().unwrap().to_string()
    }

    #[test]
    fn the_root_user_of_another_account_needs_no_identity_policy() {
        let mut w = world(31);
        let arn = shared_key_for_account_b(&mut w, r#""kms:Encrypt","kms:Decrypt""#);
        let enc = ok(
            &mut w,
            "arn:aws:iam::444455556666:root",
            "Encrypt",
            json!({"KeyId": arn, "Plaintext": b64(b"x")}),
        );
        assert!(enc["CiphertextBlob"].is_string());
        // A user of that account still needs its own IAM policy.
        let none = Policy::parse(
            r#"{"Version":"2012-10-17","Statement":[]}"#,
            PolicyKind::Identity,
        )
        .unwrap();
        w.setup_principal(
            "arn:aws:iam::444455556666:user/Mallory",
            Some("Mallory"),
            vec![none],
        )
        .unwrap();
        assert_eq!(
            code(
                &mut w,
                "arn:aws:iam::444455556666:user/Mallory",
                "Encrypt",
                json!({"KeyId": arn, "Plaintext": b64(b"x")})
            ),
            "AccessDeniedException"
        );
    }

    #[test]
    fn create_key_conditions_see_the_request_and_the_new_keys_defaults() {
        let mut w = world(32);
        let p = Policy::parse(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"kms:CreateKey","Resource":"*","Condition":{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT","kms:KeyUsage":"ENCRYPT_DECRYPT"},"Bool":{"kms:MultiRegion":"false"}}},
            {"Effect":"Deny","Action":"kms:CreateKey","Resource":"*","Condition":{"Bool":{"kms:BypassPolicyLockoutSafetyCheck":"true"}}},
            {"Effect":"Allow","Action":["kms:PutKeyPolicy"],"Resource":"*"}]}"#, PolicyKind::Identity).unwrap();
        w.setup_principal("arn:aws:iam::111122223333:user/Dana", Some("Dana"), vec![p])
            .unwrap();
        let dana = "arn:aws:iam::111122223333:user/Dana";
        ok(&mut w, dana, "CreateKey", json!({}));
        let r = call(
            &mut w,
            dana,
            "CreateKey",
            json!({"BypassPolicyLockoutSafetyCheck": true}),
        );
        assert_eq!(r.output.unwrap_err().code.as_str(), "AccessDeniedException");
        assert_eq!(r.decisions[0].rule.as_str(), "explicit-deny");
        // Tags at creation need kms:TagResource too.
        assert_eq!(
            code(
                &mut w,
                dana,
                "CreateKey",
                json!({"Tags": [{"TagKey": "team", "TagValue": "red"}]})
            ),
            "AccessDeniedException"
        );
        ok(
            &mut w,
            ALICE,
            "CreateKey",
            json!({"Tags": [{"TagKey": "team", "TagValue": "red"}]}),
        );
    }

    #[test]
    fn a_refused_tag_resource_leaves_the_tags_as_they_were() {
        let mut w = world(33);
        let k = new_key(&mut w);
        let tags: Vec<_> = (0..45)
            .map(|i| json!({"TagKey": format!("k{i}"), "TagValue": "v"}))
            .collect();
        ok(
            &mut w,
            ALICE,
            "TagResource",
            json!({"KeyId": k, "Tags": tags}),
        );
        let more: Vec<_> = (45..55)
            .map(|i| json!({"TagKey": format!("k{i}"), "TagValue": "v"}))
            .collect();
        assert_eq!(
            code(
                &mut w,
                ALICE,
                "TagResource",
                json!({"KeyId": k, "Tags": more})
            ),
            "LimitExceededException"
        );
        assert_eq!(
            ok(&mut w, ALICE, "ListResourceTags", json!({"KeyId": k}))["Tags"]
                .as_array()
                .unwrap()
                .len(),
            45
        );
    }

    #[test]
    fn another_regions_endpoint_cannot_decrypt() {
        let mut w = world(34);
        let k = new_key(&mut w);
        let enc = ok(
            &mut w,
            ALICE,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"x")}),
        );
        let eu = Caller {
            principal: ALICE,
            region: Some("eu-west-1"),
            via_service: None,
        };
        let e = w
            .call(
                &eu,
                "Decrypt",
                &json!({"CiphertextBlob": enc["CiphertextBlob"]}),
            )
            .output
            .unwrap_err();
        assert_eq!(e.code.as_str(), "NotFoundException");
        ok(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": enc["CiphertextBlob"]}),
        );
    }

    #[test]
    fn grants_made_by_another_account_are_issued_by_the_keys_account() {
        let mut w = world(35);
        let arn = shared_key_for_account_b(&mut w, r#""kms:CreateGrant""#);
        let g = ok(
            &mut w,
            EVE,
            "CreateGrant",
            json!({"KeyId": arn, "GranteePrincipal": EVE, "Operations": ["Decrypt"]}),
        );
        let list = ok(&mut w, ALICE, "ListGrants", json!({"KeyId": arn}));
        assert_eq!(
            list["Grants"][0]["IssuingAccount"],
            "arn:aws:iam::111122223333:root"
        );
        // Alice (the key's account, allowed kms:RetireGrant) may retire it.
        ok(
            &mut w,
            ALICE,
            "RetireGrant",
            json!({"KeyId": arn, "GrantId": g["GrantId"]}),
        );
    }
}
