//! Fuzzes the simulated S3: any sequence of S3 operations with any JSON input gives a
//! response or an S3 error, never a panic; a failed request leaves the buckets as they
//! were; what was put with SSE-KMS comes back.
#![no_main]

use kms_core::service::Service;
use kms_core::api::Caller;
use kms_core::clock::{Duration, Timestamp};
use kms_core::entropy::Entropy;
use kms_core::ids::{AccountId, Region};
use kms_core::policy::{Policy, PolicyKind};
use kms_core::world::World;
use libfuzzer_sys::fuzz_target;
use serde_json::json;

const ALICE: &str = "arn:aws:iam::111122223333:user/Alice";
const BOB: &str = "arn:aws:iam::111122223333:user/Bob";

fn world() -> Option<World> {
    let mut w = World::new(Region::default_region(), AccountId::DEFAULT, Timestamp::DEFAULT_START, Entropy::seeded(1));
    let all = Policy::parse(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#, PolicyKind::Identity).ok()?;
    w = w.with_principal(ALICE, Some("Alice"), vec![("all".into(), all)]).ok()?;
    w = w.with_principal(BOB, Some("Bob"), vec![]).ok()?;
    let id = w.request(&Caller::new(ALICE), Service::Kms, "CreateKey", &json!({})).output.ok()?["KeyMetadata"]["KeyId"].as_str()?.to_string();
    w.request(&Caller::new(ALICE), Service::Kms, "CreateAlias", &json!({"AliasName": "alias/s3", "TargetKeyId": id})).output.ok()?;
    w.request(&Caller::new(ALICE), Service::S3, "CreateBucket", &json!({"Bucket": "fuzz"})).output.ok()?;
    Some(w)
}

fuzz_target!(|data: &[u8]| {
    let Some(mut w) = world() else { return };
    for part in data.split(|b| *b == 0xff).take(16) {
        let Some((&selector, rest)) = part.split_first() else { continue };
        let who = Caller::new(if selector & 0x80 == 0 { ALICE } else { BOB });
        let ops = Service::S3.operations();
        let op = ops[usize::from(selector & 0x7f) % ops.len()].name();
        let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) else { continue };
        let before = w.buckets().to_vec();
        let r = w.request(&who, Service::S3, op, &input);
        if r.output.is_err() {
            assert_eq!(w.buckets(), before.as_slice(), "{op} failed but changed the buckets");
        }
        for step in &r.steps {
            let _ = step.to_json();
        }
        if selector & 0x40 != 0 {
            let _ = w.advance(Duration::hours(i64::from(selector & 0x3f)));
        }
    }
    // A round trip always works for Alice.
    let body = kms_core::b64::encode(data.get(..data.len().min(64)).unwrap_or_default());
    let alice = Caller::new(ALICE);
    let put = json!({"Bucket": "fuzz", "Key": "rt", "Body": body, "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "alias/s3", "BucketKeyEnabled": data.len() % 2 == 0});
    if w.request(&alice, Service::S3, "PutObject", &put).output.is_ok() {
        let got = w.request(&alice, Service::S3, "GetObject", &json!({"Bucket": "fuzz", "Key": "rt"})).output.expect("what was put comes back");
        assert_eq!(got["Body"], json!(body));
    }
});
