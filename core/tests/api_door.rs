//! The simulated KMS through its one door: authorization, key policies, grants and the audit log, as a learner meets them, with the responses and error codes AWS gives.
//! responses and error codes AWS gives.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

#[path = "support/door.rs"]
mod support;

use kms_core::api::Caller;
use kms_core::clock::Duration;
use kms_core::service::Service;
use serde_json::json;
use support::*;

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
    w.request(
        &via,
        Service::Kms,
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
