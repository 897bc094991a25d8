//! Fuzzes the API doors: any KMS or IAM operation with any JSON input, and any bytes as a ciphertext,
//! must give a response or an AWS error — never a panic — and a denied or failed call must
//! leave the keys as they were.
#![no_main]

use kms_core::service::Service;
use kms_core::api::Caller;
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
    w = w.with_principal(ALICE, Some("Alice"), vec![("all".into(), all)]).ok()?;
    let out = w.request(&Caller::new(ALICE), Service::Kms, "CreateKey", &json!({})).output.ok()?;
    let id = out["KeyMetadata"]["KeyId"].as_str()?.to_string();
    w.request(&Caller::new(ALICE), Service::Kms, "CreateAlias", &json!({"AliasName": "alias/fuzz", "TargetKeyId": id})).output.ok()?;
    Some((w, id))
}

fuzz_target!(|data: &[u8]| {
    let Some((mut w, key_id)) = world() else { return };
    let Some((&selector, rest)) = data.split_first() else { return };
    let alice = Caller::new(ALICE);
    // Any bytes as a ciphertext blob.
    let blob = kms_core::b64::encode(rest);
    let r = w.request(&alice, Service::Kms, "Decrypt", &json!({"CiphertextBlob": blob, "KeyId": if selector % 2 == 0 { key_id.as_str() } else { "alias/fuzz" }}));
    assert!(r.output.is_err() || rest.len() > 19);
    // Any JSON as the input of any operation.
    if let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) {
        // Any operation of any service, picked by the selector, through the one door.
        let all: Vec<_> = Service::ALL.iter().flat_map(|s| s.operations()).collect();
        let d = all[usize::from(selector) % all.len()];
        let before = (w.keys().to_vec(), w.principals().to_vec(), w.buckets().to_vec());
        let r = w.request(&alice, d.service, d.name(), &input);
        if r.output.is_err() {
            assert_eq!(w.keys(), before.0.as_slice(), "{} failed but changed the keys", d.name());
            assert_eq!(w.principals(), before.1.as_slice(), "{} failed but changed the principals", d.name());
            assert_eq!(w.buckets(), before.2.as_slice(), "{} failed but changed the buckets", d.name());
        }
        let _ = w.advance(kms_core::clock::Duration::days(i64::from(selector)));
    }
});
