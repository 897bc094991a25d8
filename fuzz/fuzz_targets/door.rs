//! Fuzzes the API doors: any KMS or IAM operation with any JSON input, and any bytes as a ciphertext,
//! must give a response or an AWS error — never a panic — and a denied or failed call must
//! leave the keys as they were.
#![no_main]

use kms_core::api::{Caller, Operation};
use kms_core::clock::Timestamp;
use kms_core::entropy::Entropy;
use kms_core::ids::{AccountId, Region};
use kms_core::policy::{Policy, PolicyKind};
use kms_core::world::World;
use libfuzzer_sys::fuzz_target;
use serde_json::json;

const ALICE: &str = "arn:aws:iam::111122223333:user/Alice";

fn world() -> Option<(World, String)> {
    let account = AccountId::parse("111122223333").ok()?;
    let mut w = World::new(Region::default_region(), account, Timestamp::DEFAULT_START, Entropy::seeded(1));
    let all = Policy::parse(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#, PolicyKind::Identity).ok()?;
    w.setup_principal(ALICE, Some("Alice"), vec![("all".into(), all)]).ok()?;
    let out = w.call(&Caller::new(ALICE), "CreateKey", &json!({})).output.ok()?;
    let id = out["KeyMetadata"]["KeyId"].as_str()?.to_string();
    w.call(&Caller::new(ALICE), "CreateAlias", &json!({"AliasName": "alias/fuzz", "TargetKeyId": id})).output.ok()?;
    Some((w, id))
}

fuzz_target!(|data: &[u8]| {
    let Some((mut w, key_id)) = world() else { return };
    let Some((&selector, rest)) = data.split_first() else { return };
    let alice = Caller::new(ALICE);
    // Any bytes as a ciphertext blob.
    let blob = kms_core::b64::encode(rest);
    let r = w.call(&alice, "Decrypt", &json!({"CiphertextBlob": blob, "KeyId": if selector % 2 == 0 { key_id.as_str() } else { "alias/fuzz" }}));
    assert!(r.output.is_err() || rest.len() > 19);
    // Any JSON as the input of any operation.
    if let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) {
        let kms = Operation::ALL.len();
        let pick = usize::from(selector) % (kms + kms_core::iam::OPERATIONS.len());
        let before = (w.keys().to_vec(), w.principals().to_vec());
        if let Some(op) = Operation::ALL.get(pick) {
            let r = w.call(&alice, op.name(), &input);
            if r.output.is_err() {
                assert_eq!(w.keys(), before.0.as_slice(), "{op:?} failed but changed the keys");
            }
        } else if let Some(op) = kms_core::iam::OPERATIONS.get(pick - kms) {
            if w.iam(&alice, op, &input).is_err() {
                assert_eq!(w.principals(), before.1.as_slice(), "{op} failed but changed the principals");
            }
        }
        let _ = w.advance(kms_core::clock::Duration::days(i64::from(selector)));
    }
});
