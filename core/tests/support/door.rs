//! Helpers for tests through the API door.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "test helpers fail loudly; each test file uses part of them"
)]

use kms_core::api::Caller;
use kms_core::clock::Timestamp;
use kms_core::entropy::Entropy;
use kms_core::ids::{AccountId, Region};
use kms_core::policy::{Policy, PolicyKind};
use kms_core::service::{Response, Service, ServiceError};
use kms_core::world::World;
use serde_json::Value;

pub const ROOT: &str = "arn:aws:iam::111122223333:root";
pub const ALICE: &str = "arn:aws:iam::111122223333:user/Alice";
pub const BOB: &str = "arn:aws:iam::111122223333:user/Bob";
pub const EVE: &str = "arn:aws:iam::444455556666:user/Eve";

pub const ALLOW_ALL_KMS: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#;

/// A seeded world: Alice may do anything with KMS through IAM; Bob has no policy; Eve is
/// in another account with a policy allowing everything.
pub fn world(seed: u64) -> World {
    let mut w = World::new(
        Region::default_region(),
        AccountId::parse("111122223333").unwrap(),
        Timestamp::DEFAULT_START,
        Entropy::seeded(seed),
    );
    let all = Policy::parse(ALLOW_ALL_KMS, PolicyKind::Identity).unwrap();
    w = w
        .with_principal(ALICE, Some("Alice"), vec![("all".into(), all.clone())])
        .unwrap();
    w = w.with_principal(BOB, Some("Bob"), vec![]).unwrap();
    w = w
        .with_principal(EVE, Some("Eve"), vec![("all".into(), all)])
        .unwrap();
    w
}

pub fn call(w: &mut World, who: &str, op: &str, input: Value) -> Response {
    let (service, op) = Service::split(op);
    w.request(&Caller::new(who), service, op, &input)
}

pub fn ok(w: &mut World, who: &str, op: &str, input: Value) -> Value {
    match call(w, who, op, input).output {
        Ok(v) => v,
        Err(e) => panic!("{op} as {who} failed: {e}"),
    }
}

pub fn err(w: &mut World, who: &str, op: &str, input: Value) -> ServiceError {
    match call(w, who, op, input).output {
        Ok(v) => panic!("{op} as {who} should fail, got {v}"),
        Err(e) => e,
    }
}

pub fn code(w: &mut World, who: &str, op: &str, input: Value) -> String {
    err(w, who, op, input).code
}

/// Creates a key as Alice and returns its key ID.
pub fn new_key(w: &mut World) -> String {
    let out = ok(
        w,
        ALICE,
        "CreateKey",
        serde_json::json!({"Description": "test key"}),
    );
    out["KeyMetadata"]["KeyId"].as_str().unwrap().to_string()
}

pub fn b64(bytes: &[u8]) -> String {
    kms_core::b64::encode(bytes)
}

pub fn unb64(v: &Value) -> Vec<u8> {
    kms_core::b64::decode(v.as_str().unwrap()).unwrap()
}
