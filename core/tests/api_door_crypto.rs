//! Cryptography through the door: Encrypt, Decrypt, ReEncrypt, data keys, and what a damaged ciphertext gives.
//! responses and error codes AWS gives.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

#[path = "support/door.rs"]
mod support;

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
