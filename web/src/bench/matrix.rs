//! The access matrix's benchmark: a world of N principals and M keys with realistic
//! policies (each key's policy trusts the account, names some principals, denies one with a
//! condition; each principal's IAM policy allows some keys under a condition), and the
//! whole matrix computed in wasm. Also the same world as a save, so the browser benchmark
//! can open the page on it and time a keystroke in the policy editor.

use kms_core::World;
use kms_core::api::RequestFacts;
use kms_core::context::EncryptionContext;
use kms_core::ids::KeyArn;
use kms_core::matrix::Axes;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use crate::panels::access::vm;

const ACCOUNT: &str = "123412341234";

fn arn(i: usize) -> String {
    format!("arn:aws:iam::{ACCOUNT}:user/user{i:03}")
}

fn key_id(k: usize) -> String {
    format!("{k:08x}-0000-4000-8000-{k:012x}")
}

/// The scenario file of a world of `principals` users and `keys` keys.
pub fn scenario(principals: usize, keys: usize) -> Value {
    let users: Vec<Value> = (0..principals)
        .map(|i| {
            let own: Vec<String> = (0..keys)
                .filter(|k| (k + i) % 3 == 0)
                .map(|k| format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/{}", key_id(k)))
                .collect();
            json!({"arn": arn(i), "name": format!("user{i:03}"), "policies": [{
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
                     "Resource": if own.is_empty() { json!("*") } else { json!(own) },
                     "Condition": {"StringEquals": {"kms:EncryptionContext:app": "billing"}}},
                    {"Effect": "Allow", "Action": "kms:DescribeKey", "Resource": "*"}
                ]
            }]})
        })
        .collect();
    let key_list: Vec<Value> = (0..keys)
        .map(|k| {
            let named: Vec<String> = (0..principals).filter(|i| (i + 2 * k) % 7 == 0).map(arn).collect();
            let denied = arn((k * 5) % principals.max(1));
            json!({"name": format!("key{k:03}"), "keyId": key_id(k), "aliases": [format!("alias/key{k:03}")], "policy": {
                "Version": "2012-10-17",
                "Statement": [
                    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT}:root")}, "Action": "kms:*", "Resource": "*"},
                    {"Sid": "Users", "Effect": "Allow", "Principal": {"AWS": if named.is_empty() { json!(arn(0)) } else { json!(named) }},
                     "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"},
                    {"Sid": "No deletion", "Effect": "Deny", "Principal": {"AWS": denied}, "Action": ["kms:ScheduleKeyDeletion", "kms:Decrypt"], "Resource": "*",
                     "Condition": {"StringNotEquals": {"kms:CallerAccount": ACCOUNT}}}
                ]
            }})
        })
        .collect();
    json!({
        "format": "kms-playground/scenario@1",
        "title": format!("Benchmark: {principals} principals × {keys} keys"),
        "seed": 1,
        "principals": users,
        "keys": key_list,
    })
}

/// The world of [`scenario`].
pub fn world(principals: usize, keys: usize) -> Result<World, JsValue> {
    let text = scenario(principals, keys).to_string();
    kms_core::scenario::Scenario::load(&text)
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?
        .build_world()
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Milliseconds for the whole matrix of `principals` × `keys` × `actions` (the first of the
/// panel's 20 actions), computed in wasm: the median of `rounds`. Returns [median, cells,
/// allowed cells].
#[wasm_bindgen]
pub fn bench_matrix(
    principals: u32,
    keys: u32,
    actions: u32,
    rounds: u32,
) -> Result<Vec<f64>, JsValue> {
    let w = world(principals as usize, keys as usize)?;
    let p: Vec<String> = w
        .principals()
        .iter()
        .map(|r| r.principal.arn().to_string())
        .collect();
    let p_refs: Vec<&str> = p.iter().map(String::as_str).collect();
    let k: Vec<KeyArn> = w.keys().iter().map(|k| k.arn.clone()).collect();
    let k_refs: Vec<&KeyArn> = k.iter().collect();
    let acts: Vec<kms_core::action::Action> =
        vm::actions().into_iter().take(actions as usize).collect();
    let ctx: EncryptionContext = [("app", "billing")].into_iter().collect();
    let facts = RequestFacts {
        context: Some(&ctx),
        ..RequestFacts::default()
    };
    let axes = Axes {
        principals: &p_refs,
        keys: &k_refs,
        actions: &acts,
    };
    let mut times = Vec::new();
    let mut cells = 0;
    let mut allowed = 0;
    for _ in 0..rounds.max(1) {
        let start = super::now();
        let out = w.access_matrix(&axes, &facts, false, None);
        times.push(super::now() - start);
        cells = out.len();
        allowed = out
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    Some(
                        kms_core::authz::Rule::KeyPolicy
                            | kms_core::authz::Rule::Iam
                            | kms_core::authz::Rule::Grant
                    )
                )
            })
            .count();
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    Ok(vec![median, cells as f64, allowed as f64])
}

/// The same world as a save of the playground (`localStorage`'s `kms-playground/save`),
/// acting as its root user.
#[wasm_bindgen]
pub fn bench_world_save(principals: u32, keys: u32) -> Result<String, JsValue> {
    let w = world(principals as usize, keys as usize)?;
    Ok(crate::persist::encode(
        &w,
        &format!("arn:aws:iam::{ACCOUNT}:root"),
        "us-east-1",
        None,
    )
    .0)
}
