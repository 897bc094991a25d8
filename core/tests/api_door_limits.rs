//! Request validation through the door: every parameter's limits and AWS's words for them.
//! responses and error codes AWS gives.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

#[path = "support/door.rs"]
mod support;

use serde_json::json;
use support::*;

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
        // An algorithm of AWS's enum that a symmetric key cannot use: "incompatible with
        // the type of key material in the KMS key (KeySpec)".
        "InvalidKeyUsageException"
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
