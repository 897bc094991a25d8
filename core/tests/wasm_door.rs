//! The door in a real browser: Encrypt, Decrypt and GenerateDataKey with the platform's
//! randomness (`crypto.getRandomValues` through getrandom), in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

use kms_core::api::Caller;
use kms_core::policy::{Policy, PolicyKind};
use kms_core::service::Service;
use kms_core::world::World;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ALICE: &str = "arn:aws:iam::111122223333:user/Alice";

fn world() -> World {
    let mut w = World::default();
    let all = Policy::parse(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#, PolicyKind::Identity).unwrap();
    w = w
        .with_principal(ALICE, Some("Alice"), vec![("all".into(), all)])
        .unwrap();
    w
}

#[wasm_bindgen_test]
fn encrypt_decrypt_and_data_keys_in_the_browser() {
    assert_eq!(
        *World::default().entropy(),
        kms_core::entropy::Entropy::Platform
    );
    let mut w = world();
    let alice = Caller::new(ALICE);
    let key = w
        .request(&alice, Service::Kms, "CreateKey", &json!({}))
        .output
        .unwrap();
    let key_id = key["KeyMetadata"]["KeyId"].as_str().unwrap().to_string();
    let plaintext = kms_core::b64::encode(b"hello from the browser");
    let enc = w.request(&alice, Service::Kms, "Encrypt", &json!({"KeyId": key_id, "Plaintext": plaintext, "EncryptionContext": {"where": "chromium"}})).output.unwrap();
    let dec = w.request(&alice, Service::Kms, "Decrypt", &json!({"CiphertextBlob": enc["CiphertextBlob"], "EncryptionContext": {"where": "chromium"}})).output.unwrap();
    assert_eq!(dec["Plaintext"], plaintext);
    let wrong = w
        .request(
            &alice,
            Service::Kms,
            "Decrypt",
            &json!({"CiphertextBlob": enc["CiphertextBlob"]}),
        )
        .output
        .unwrap_err();
    assert_eq!(wrong.code.as_str(), "InvalidCiphertextException");

    let a = w
        .request(
            &alice,
            Service::Kms,
            "GenerateDataKey",
            &json!({"KeyId": key_id, "KeySpec": "AES_256"}),
        )
        .output
        .unwrap();
    let b = w
        .request(
            &alice,
            Service::Kms,
            "GenerateDataKey",
            &json!({"KeyId": key_id, "KeySpec": "AES_256"}),
        )
        .output
        .unwrap();
    assert_ne!(
        a["Plaintext"], b["Plaintext"],
        "the platform gives fresh randomness"
    );
    assert_eq!(
        kms_core::b64::decode(a["Plaintext"].as_str().unwrap())
            .unwrap()
            .len(),
        32
    );
    let back = w
        .request(
            &alice,
            Service::Kms,
            "Decrypt",
            &json!({"CiphertextBlob": a["CiphertextBlob"]}),
        )
        .output
        .unwrap();
    assert_eq!(back["Plaintext"], a["Plaintext"]);
}
