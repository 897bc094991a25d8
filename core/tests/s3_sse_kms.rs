//! S3 with SSE-KMS through the simulated S3: uploads and downloads with customer and AWS
//! managed keys, denials, disabled keys, and S3 Bucket Keys cutting KMS calls.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code"
)]

#[path = "support/door.rs"]
mod support;

use kms_core::api::Caller;
use kms_core::policy::{Policy, PolicyKind};
use kms_core::s3::Actor;
use kms_core::service::{Response, Service};
use kms_core::world::World;
use serde_json::{Value, json};
use support::*;

const CAROL: &str = "arn:aws:iam::111122223333:user/Carol";

fn s3(w: &mut World, who: &str, op: &str, input: Value) -> Response {
    w.request(
        &Caller::new(who),
        Service::S3,
        op.trim_start_matches("s3:"),
        &input,
    )
}

fn setup() -> (World, String) {
    let mut w = world(21);
    // Carol may only generate data keys (upload), not decrypt (download).
    let carol = Policy::parse(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:GenerateDataKey","Resource":"*"}]}"#, PolicyKind::Identity).unwrap();
    w = w
        .with_principal(CAROL, Some("Carol"), vec![("carol".into(), carol)])
        .unwrap();
    let k = new_key(&mut w);
    s3(&mut w, ALICE, "CreateBucket", json!({"Bucket": "reports"}))
        .output
        .unwrap();
    (w, k)
}

fn kms_events(w: &World) -> usize {
    w.audit_log()
        .iter()
        .filter(|e| e.user_identity.invoked_by.as_deref() == Some("s3.amazonaws.com"))
        .count()
}

#[test]
fn upload_and_download_with_a_customer_key() {
    let (mut w, k) = setup();
    let ctx = b64(br#"{"project":"apollo"}"#);
    let put = s3(
        &mut w,
        ALICE,
        "s3:PutObject",
        json!({"Bucket": "reports", "Key": "q1.txt", "Body": b64(b"quarterly numbers"), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k, "SSEKMSEncryptionContext": ctx}),
    );
    let out = put.output.unwrap();
    assert_eq!(out["ServerSideEncryption"], "aws:kms");
    assert!(out["SSEKMSKeyId"].as_str().unwrap().ends_with(&k));
    let titles: Vec<&str> = put.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "PutObject",
            "GenerateDataKey",
            "Data key",
            "Encrypt",
            "Store",
            "Drop the plaintext key",
            "200 OK"
        ]
    );
    assert_eq!(
        (put.steps[1].from, put.steps[1].to),
        (Actor::S3, Actor::Kms)
    );
    assert_eq!(put.steps[1].decision.as_ref().unwrap().rule.as_str(), "iam");
    assert!(
        put.steps[1]
            .data
            .iter()
            .any(|(l, v)| l == "EncryptionContext"
                && v.contains("arn:aws:s3:::reports/q1.txt")
                && v.contains("apollo"))
    );

    let get = s3(
        &mut w,
        ALICE,
        "GetObject",
        json!({"Bucket": "reports", "Key": "q1.txt"}),
    );
    let out = get.output.unwrap();
    assert_eq!(unb64(&out["Body"]), b"quarterly numbers");
    let titles: Vec<&str> = get.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "GetObject",
            "Decrypt",
            "Plaintext data key",
            "Decrypt",
            "200 OK",
            "Drop the plaintext key"
        ]
    );
    // Both KMS calls are in the audit log, invoked by S3, with the S3 context.
    let events: Vec<Value> = w
        .audit_log()
        .iter()
        .map(|e| e.to_json())
        .filter(|e| e["userIdentity"]["invokedBy"] == "s3.amazonaws.com")
        .collect();
    assert_eq!(
        events
            .iter()
            .map(|e| e["eventName"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["GenerateDataKey", "Decrypt"]
    );
    assert_eq!(
        events[0]["requestParameters"]["encryptionContext"]["aws:s3:arn"],
        "arn:aws:s3:::reports/q1.txt"
    );
    // HeadObject does not call KMS.
    let head = s3(
        &mut w,
        ALICE,
        "HeadObject",
        json!({"Bucket": "reports", "Key": "q1.txt"}),
    );
    assert_eq!(head.output.unwrap()["ContentLength"], 17);
    assert_eq!(kms_events(&w), 2);
}

#[test]
fn the_aws_managed_key_is_created_on_first_use() {
    let (mut w, _) = setup();
    let put = s3(
        &mut w,
        BOB,
        "PutObject",
        json!({"Bucket": "reports", "Key": "a", "Body": b64(b"x"), "ServerSideEncryption": "aws:kms"}),
    );
    assert!(put.output.is_ok(), "{:?}", put.output);
    assert_eq!(put.steps[1].title, "Create aws/s3");
    assert_eq!(
        put.steps[2].decision.as_ref().unwrap().rule.as_str(),
        "key-policy",
        "aws/s3's policy allows any principal of the account through S3"
    );
    let put2 = s3(
        &mut w,
        BOB,
        "PutObject",
        json!({"Bucket": "reports", "Key": "b", "Body": b64(b"y"), "ServerSideEncryption": "aws:kms"}),
    );
    assert!(
        put2.steps.iter().all(|s| s.title != "Create aws/s3"),
        "created once"
    );
    assert_eq!(
        unb64(
            &s3(
                &mut w,
                BOB,
                "GetObject",
                json!({"Bucket": "reports", "Key": "a"})
            )
            .output
            .unwrap()["Body"]
        ),
        b"x"
    );
    // Bob cannot use aws/s3 directly, only through S3.
    assert_eq!(
        code(
            &mut w,
            BOB,
            "Encrypt",
            json!({"KeyId": "alias/aws/s3", "Plaintext": b64(b"x")})
        ),
        "AccessDeniedException"
    );
}

#[test]
fn denials_are_s3_errors_with_the_kms_decision() {
    let (mut w, k) = setup();
    // Bob has no permission on the customer key: the upload is refused.
    let put = s3(
        &mut w,
        BOB,
        "PutObject",
        json!({"Bucket": "reports", "Key": "x", "Body": b64(b"x"), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k}),
    );
    let e = put.output.unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("AccessDenied", 403));
    assert!(e.message.contains("kms:GenerateDataKey"));
    assert!(!put.steps.last().unwrap().ok);
    assert_eq!(put.decisions[0].rule.as_str(), "implicit-deny");
    assert!(w.buckets()[0].objects.is_empty(), "nothing was stored");
    // Carol may upload (GenerateDataKey) but not download (Decrypt).
    s3(&mut w, CAROL, "PutObject", json!({"Bucket": "reports", "Key": "c", "Body": b64(b"carol"), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k})).output.unwrap();
    let get = s3(
        &mut w,
        CAROL,
        "GetObject",
        json!({"Bucket": "reports", "Key": "c"}),
    );
    assert_eq!(get.output.unwrap_err().code, "AccessDenied");
    assert!(get.decisions[0].reason.contains("kms:Decrypt"));
    // Alice can read it.
    assert_eq!(
        unb64(
            &s3(
                &mut w,
                ALICE,
                "GetObject",
                json!({"Bucket": "reports", "Key": "c"})
            )
            .output
            .unwrap()["Body"]
        ),
        b"carol"
    );
}

#[test]
fn disabled_and_deleted_keys_stop_both_directions() {
    let (mut w, k) = setup();
    s3(&mut w, ALICE, "PutObject", json!({"Bucket": "reports", "Key": "d", "Body": b64(b"d"), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k})).output.unwrap();
    ok(&mut w, ALICE, "DisableKey", json!({"KeyId": k}));
    assert_eq!(
        s3(
            &mut w,
            ALICE,
            "GetObject",
            json!({"Bucket": "reports", "Key": "d"})
        )
        .output
        .unwrap_err()
        .code,
        "KMS.DisabledException"
    );
    assert_eq!(s3(&mut w, ALICE, "PutObject", json!({"Bucket": "reports", "Key": "e", "Body": b64(b"e"), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k})).output.unwrap_err().code, "KMS.DisabledException");
    ok(
        &mut w,
        ALICE,
        "ScheduleKeyDeletion",
        json!({"KeyId": k, "PendingWindowInDays": 7}),
    );
    assert_eq!(
        s3(
            &mut w,
            ALICE,
            "GetObject",
            json!({"Bucket": "reports", "Key": "d"})
        )
        .output
        .unwrap_err()
        .code,
        "KMS.KMSInvalidStateException"
    );
    w.advance(kms_core::clock::Duration::days(7)).unwrap();
    assert_eq!(
        s3(
            &mut w,
            ALICE,
            "GetObject",
            json!({"Bucket": "reports", "Key": "d"})
        )
        .output
        .unwrap_err()
        .code,
        "KMS.NotFoundException"
    );
}

#[test]
fn bucket_keys_cut_kms_calls() {
    let (mut w, k) = setup();
    for i in 0..10 {
        s3(&mut w, ALICE, "PutObject", json!({"Bucket": "reports", "Key": format!("plain-{i}"), "Body": b64(b"x"), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k})).output.unwrap();
    }
    let without = kms_events(&w);
    assert_eq!(without, 10);
    for i in 0..10 {
        let r = s3(
            &mut w,
            ALICE,
            "PutObject",
            json!({"Bucket": "reports", "Key": format!("bk-{i}"), "Body": b64(format!("body {i}").as_bytes()), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k, "BucketKeyEnabled": true}),
        );
        assert_eq!(r.output.unwrap()["BucketKeyEnabled"], true);
        if i > 0 {
            assert!(
                r.steps.iter().any(|s| s.title == "Reuse bucket key"),
                "upload {i}"
            );
        }
    }
    assert_eq!(kms_events(&w) - without, 1, "ten uploads, one KMS call");
    let e = w
        .audit_log()
        .iter()
        .rev()
        .find(|e| e.user_identity.invoked_by.is_some())
        .unwrap()
        .to_json();
    assert_eq!(
        e["requestParameters"]["encryptionContext"]["aws:s3:arn"], "arn:aws:s3:::reports",
        "the bucket key's context is the bucket ARN"
    );
    for i in 0..10 {
        assert_eq!(
            unb64(
                &s3(
                    &mut w,
                    ALICE,
                    "GetObject",
                    json!({"Bucket": "reports", "Key": format!("bk-{i}")})
                )
                .output
                .unwrap()["Body"]
            ),
            format!("body {i}").as_bytes()
        );
    }
    assert_eq!(
        kms_events(&w) - without,
        1,
        "downloads reuse the held bucket key too"
    );
    // After the bucket key's lifetime, S3 asks KMS again.
    w.advance(kms_core::s3::BUCKET_KEY_LIFETIME).unwrap();
    s3(
        &mut w,
        ALICE,
        "GetObject",
        json!({"Bucket": "reports", "Key": "bk-3"}),
    )
    .output
    .unwrap();
    assert_eq!(kms_events(&w) - without, 2);
    // Another requester gets its own bucket key (and its own authorization).
    let r = s3(
        &mut w,
        BOB,
        "GetObject",
        json!({"Bucket": "reports", "Key": "bk-3"}),
    );
    assert_eq!(r.output.unwrap_err().code, "AccessDenied");
}

#[test]
fn s3_errors_and_listing() {
    let (mut w, _) = setup();
    assert_eq!(
        s3(
            &mut w,
            ALICE,
            "GetObject",
            json!({"Bucket": "nope", "Key": "a"})
        )
        .output
        .unwrap_err()
        .code,
        "NoSuchBucket"
    );
    assert_eq!(
        s3(
            &mut w,
            ALICE,
            "GetObject",
            json!({"Bucket": "reports", "Key": "a"})
        )
        .output
        .unwrap_err()
        .code,
        "NoSuchKey"
    );
    assert_eq!(
        s3(&mut w, ALICE, "CreateBucket", json!({"Bucket": "reports"}))
            .output
            .unwrap_err()
            .code,
        "BucketAlreadyOwnedByYou"
    );
    assert_eq!(
        s3(&mut w, ALICE, "CreateBucket", json!({"Bucket": "Bad_Name"}))
            .output
            .unwrap_err()
            .code,
        "InvalidBucketName"
    );
    assert_eq!(
        s3(
            &mut w,
            ALICE,
            "PutObject",
            json!({"Bucket": "reports", "Key": "a", "SSEKMSKeyId": "x"})
        )
        .output
        .unwrap_err()
        .code,
        "InvalidArgument"
    );
    assert_eq!(s3(&mut w, ALICE, "PutObject", json!({"Bucket": "reports", "Key": "a", "ServerSideEncryption": "aws:kms", "SSEKMSEncryptionContext": "not base64 json"})).output.unwrap_err().code, "InvalidArgument");
    // Default encryption is SSE-S3: no KMS call.
    let r = s3(
        &mut w,
        ALICE,
        "PutObject",
        json!({"Bucket": "reports", "Key": "dir/a", "Body": b64(b"plain")}),
    );
    assert_eq!(r.output.unwrap()["ServerSideEncryption"], "AES256");
    assert_eq!(kms_events(&w), 0);
    s3(
        &mut w,
        ALICE,
        "PutObject",
        json!({"Bucket": "reports", "Key": "dir/b", "Body": b64(b"2")}),
    )
    .output
    .unwrap();
    s3(
        &mut w,
        ALICE,
        "PutObject",
        json!({"Bucket": "reports", "Key": "top", "Body": b64(b"3")}),
    )
    .output
    .unwrap();
    let l = s3(
        &mut w,
        ALICE,
        "ListObjectsV2",
        json!({"Bucket": "reports", "Prefix": "dir/", "MaxKeys": 1}),
    )
    .output
    .unwrap();
    assert_eq!(l["KeyCount"], 1);
    assert_eq!(l["IsTruncated"], true);
    let l2 = s3(&mut w, ALICE, "ListObjectsV2", json!({"Bucket": "reports", "Prefix": "dir/", "ContinuationToken": l["NextContinuationToken"]})).output.unwrap();
    assert_eq!(l2["Contents"][0]["Key"], "dir/b");
    // With a delimiter, the keys under `dir/` roll up into one common prefix, which counts
    // as one entry of a page; the page after it skips the keys it stands for.
    let l = s3(
        &mut w,
        ALICE,
        "ListObjectsV2",
        json!({"Bucket": "reports", "Delimiter": "/"}),
    )
    .output
    .unwrap();
    assert_eq!(l["CommonPrefixes"], json!([{"Prefix": "dir/"}]));
    let keys: Vec<&str> = l["Contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["Key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["top"]);
    assert_eq!(l["KeyCount"], 2);
    assert_eq!(l["Delimiter"], "/");
    let p1 = s3(
        &mut w,
        ALICE,
        "ListObjectsV2",
        json!({"Bucket": "reports", "Delimiter": "/", "MaxKeys": 1}),
    )
    .output
    .unwrap();
    assert_eq!(p1["CommonPrefixes"], json!([{"Prefix": "dir/"}]));
    assert_eq!(p1["IsTruncated"], true);
    let p2 = s3(&mut w, ALICE, "ListObjectsV2", json!({"Bucket": "reports", "Delimiter": "/", "ContinuationToken": p1["NextContinuationToken"]})).output.unwrap();
    assert_eq!(
        p2["Contents"], l["Contents"],
        "after the prefix: `top` alone, not dir/b"
    );
    assert!(p2.get("CommonPrefixes").is_none());
    let under = s3(
        &mut w,
        ALICE,
        "ListObjectsV2",
        json!({"Bucket": "reports", "Prefix": "dir/", "Delimiter": "/"}),
    )
    .output
    .unwrap();
    assert_eq!(under["Contents"].as_array().unwrap().len(), 2);
    s3(
        &mut w,
        ALICE,
        "DeleteObject",
        json!({"Bucket": "reports", "Key": "top"}),
    )
    .output
    .unwrap();
    assert_eq!(
        s3(
            &mut w,
            ALICE,
            "GetObject",
            json!({"Bucket": "reports", "Key": "top"})
        )
        .output
        .unwrap_err()
        .code,
        "NoSuchKey"
    );
    assert_eq!(
        s3(
            &mut w,
            "arn:aws:iam::111122223333:user/Nobody",
            "ListObjectsV2",
            json!({"Bucket": "reports"})
        )
        .output
        .unwrap_err()
        .code,
        "InvalidAccessKeyId"
    );
}

#[test]
fn create_bucket_in_us_east_1_takes_no_location_constraint() {
    let mut w = world(77);
    let e = s3(
        &mut w,
        ALICE,
        "CreateBucket",
        json!({"Bucket": "east", "CreateBucketConfiguration": {"LocationConstraint": "us-east-1"}}),
    )
    .output
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.status),
        ("InvalidLocationConstraint", 400)
    );
    s3(&mut w, ALICE, "CreateBucket", json!({"Bucket": "east"}))
        .output
        .unwrap();
    // Sent to another Region's endpoint, it must name that Region.
    let eu = Caller {
        principal: ALICE,
        region: Some("eu-west-1"),
        via_service: None,
    };
    let e = w
        .request(&eu, Service::S3, "CreateBucket", &json!({"Bucket": "west"}))
        .output
        .unwrap_err();
    assert_eq!(e.code, "IllegalLocationConstraintException");
    let ok =
        json!({"Bucket": "west", "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}});
    w.request(&eu, Service::S3, "CreateBucket", &ok)
        .output
        .unwrap();
    let west = w.buckets().iter().find(|b| b.name == "west").unwrap();
    assert_eq!(west.region.as_str(), "eu-west-1");
}
