//! The simulator's answers held to AWS's own models (the descriptors, generated from
//! botocore by `scripts/models.py`): every response of every scenario in `tests/` has only
//! the members, types, enum values and limits the model gives, every error is one the model
//! lists for the operation (or one the service answers for any), and malformed requests
//! of every operation are refused with the service's validation codes.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

#[path = "support/door.rs"]
mod support;

use std::path::Path;

use kms_core::api::Caller;
use kms_core::scenario::{Runner, Scenario};
use kms_core::service::{Descriptor, Response, Service, check_output};
use serde_json::{Value, json};
use support::{ALICE, BOB, ROOT, world};

/// Holds one response to its operation's model.
fn holds(service: Service, op: &str, r: &Response, seen: &mut usize) {
    let d = service
        .operation(op)
        .unwrap_or_else(|| panic!("no {service} {op}"));
    match &r.output {
        Ok(v) => {
            if let Err(v2) = check_output(d, v) {
                panic!("{service} {op} answered {v} which is not its model's shape: {v2:?}");
            }
        }
        Err(e) => assert!(
            d.may_answer(&e.code),
            "{service} {op} answered {} ({}), which AWS's model does not list for it",
            e.code,
            e.message
        ),
    }
    if let Err(e) = &r.output {
        assert!(
            d.outcomes().contains(&e.code.as_str()) || Descriptor::not_about_the_request(&e.code),
            "{service} {op} answered {}, which is not among the outcomes a prediction offers: {:?}",
            e.code,
            d.outcomes()
        );
    }
    for c in &r.children {
        let cd = c.service.operation(c.operation).unwrap();
        match &c.output {
            Ok(v) => check_output(cd, v).unwrap(),
            Err(e) => assert!(cd.may_answer(&e.code), "{}", e.code),
        }
    }
    *seen += 1;
}

#[test]
fn every_scenario_call_answers_in_its_models_shape() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests");
    let mut seen = 0;
    let mut files = 0;
    for dir in ["scenarios", "fidelity"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let scenario = Scenario::load(&text).unwrap();
            let mut runner = Runner::new(&scenario).unwrap();
            files += 1;
            // Replays each call step through the door on a copy, to see its whole response.
            while let Some(prepared) = runner.prepare_call() {
                let Ok(p) = prepared else {
                    runner.step();
                    continue;
                };
                let (service, op) = Service::split(&p.operation);
                let mut copy = runner.world.clone();
                let caller = Caller {
                    principal: &p.principal,
                    region: None,
                    via_service: p.via.as_deref(),
                };
                let r = copy.request(&caller, service, op, &p.input);
                holds(service, op, &r, &mut seen);
                runner.step();
            }
            if runner.step().is_some() {
                runner.run_all();
            }
        }
    }
    assert!(files >= 17, "{files} scenario files");
    assert!(seen >= 150, "only {seen} calls were held to the models");
}

/// A request of each operation with every member missing, and one with every member of
/// the wrong type: each refused with the service's own codes, before any work.
#[test]
fn malformed_requests_are_refused_with_the_services_codes() {
    for service in Service::ALL {
        for d in service.operations() {
            let mut w = world(3);
            let mut before = w.clone();
            let caller = Caller::new(ALICE);
            let wrong: serde_json::Map<String, Value> = d
                .input()
                .iter()
                .map(|m| {
                    let v = match m.shape.kind {
                        kms_core::service::Kind::String => json!(7),
                        _ => json!("seven"),
                    };
                    (m.name.to_string(), v)
                })
                .collect();
            for input in [json!({}), Value::Object(wrong), json!({"NoSuchMember": 1})] {
                let r = w.request(&caller, service, d.name(), &input);
                let mut n = 0;
                if d.input().iter().any(|m| m.required) || input != json!({}) {
                    let e = r.output.as_ref().expect_err(d.name());
                    assert!(
                        matches!(
                            e.code.as_str(),
                            "ValidationException"
                                | "SerializationException"
                                | "InvalidArgument"
                                | "ValidationError"
                        ),
                        "{service} {} {input}: {e}",
                        d.name()
                    );
                    assert_eq!(e.status, 400);
                }
                holds(service, d.name(), &r, &mut n);
                if input == json!({}) {
                    // An operation without required members may do its work.
                    before = w.clone();
                }
            }
            assert_eq!(w.keys(), before.keys(), "{}", d.name());
            assert_eq!(w.buckets(), before.buckets(), "{}", d.name());
            assert_eq!(w.principals(), before.principals(), "{}", d.name());
        }
    }
}

#[test]
fn validation_errors_speak_as_aws_does() {
    let mut w = world(4);
    let alice = Caller::new(ALICE);
    let e = w
        .request(&alice, Service::Kms, "Encrypt", &json!({}))
        .output
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert_eq!(
        e.message,
        "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null; Value null at 'plaintext' failed to satisfy constraint: Member must not be null"
    );
    let e = w
        .request(
            &alice,
            Service::Kms,
            "GenerateDataKey",
            &json!({"KeyId": "alias/x", "KeySpec": "AES_512"}),
        )
        .output
        .unwrap_err();
    assert_eq!(
        e.message,
        "1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]"
    );
    // A plaintext is never quoted back.
    let e = w
        .request(
            &alice,
            Service::Kms,
            "Encrypt",
            &json!({"KeyId": "alias/x", "Plaintext": ""}),
        )
        .output
        .unwrap_err();
    assert!(
        e.message
            .starts_with("1 validation error detected: Value at 'plaintext'"),
        "{}",
        e.message
    );
    let e = w
        .request(&alice, Service::Kms, "Encrypt", &json!({"KeyId": 7}))
        .output
        .unwrap_err();
    assert_eq!(e.code, "SerializationException");
    let e = w
        .request(
            &alice,
            Service::Kms,
            "ListKeys",
            &json!({"Limit": 0, "Marker": ""}),
        )
        .output
        .unwrap_err();
    assert!(
        e.message.starts_with("2 validation errors"),
        "{}",
        e.message
    );
    // IAM and S3 in their own words.
    let e = w
        .request(&alice, Service::Iam, "CreateUser", &json!({}))
        .output
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("ValidationError", 400));
    let e = w
        .request(&alice, Service::S3, "GetObject", &json!({"Bucket": "b"}))
        .output
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("InvalidArgument", 400));
}

#[test]
fn an_unknown_operation_changes_nothing_and_is_not_audited() {
    let mut w = world(5);
    let before = w.clone();
    let root = Caller::new(ROOT);
    for (service, op, code, status) in [
        (Service::Kms, "encrypt", "UnknownOperationException", 400),
        (Service::S3, "DeleteBucket", "NotImplemented", 501),
        // Once a fallback deleted an inline policy for any name with "User" in it.
        (Service::Iam, "UpdateUser", "InvalidAction", 400),
        (Service::Iam, "ListUsers", "InvalidAction", 400),
    ] {
        let r = w.request(
            &root,
            service,
            op,
            &json!({"UserName": "Alice", "PolicyName": "all"}),
        );
        let e = r.output.unwrap_err();
        assert_eq!((e.code.as_str(), e.status), (code, status), "{op}");
        assert!(r.descriptor.is_none());
    }
    assert_eq!(
        w.request(&root, Service::Kms, "encrypt", &json!({}))
            .output
            .unwrap_err()
            .message,
        "Unknown operation `encrypt`: did you mean `Encrypt`?"
    );
    assert_eq!(w, before);
}

#[test]
fn the_audit_log_never_holds_a_sensitive_member() {
    let mut w = world(6);
    let alice = Caller::new(ALICE);
    let key = w
        .request(&alice, Service::Kms, "CreateKey", &json!({}))
        .output
        .unwrap()["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_string();
    let enc = w
        .request(
            &alice,
            Service::Kms,
            "Encrypt",
            &json!({"KeyId": key, "Plaintext": "c2VjcmV0"}),
        )
        .output
        .unwrap();
    let blob = enc["CiphertextBlob"].as_str().unwrap().to_string();
    let grant = w
        .request(
            &alice,
            Service::Kms,
            "CreateGrant",
            &json!({"KeyId": key, "GranteePrincipal": BOB, "Operations": ["Decrypt"]}),
        )
        .output
        .unwrap();
    let token = grant["GrantToken"].as_str().unwrap().to_string();
    w.request(
        &Caller::new(BOB),
        Service::Kms,
        "Decrypt",
        &json!({"CiphertextBlob": blob, "GrantTokens": [token]}),
    )
    .output
    .unwrap();
    w.request(
        &alice,
        Service::S3,
        "CreateBucket",
        &json!({"Bucket": "logs"}),
    )
    .output
    .unwrap();
    let put = w.request(
        &alice,
        Service::S3,
        "PutObject",
        &json!({"Bucket": "logs", "Key": "a", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": key}),
    );
    assert_eq!(put.children.len(), 1);
    let data_key = put.children[0].output.as_ref().unwrap()["Plaintext"]
        .as_str()
        .unwrap()
        .to_string();
    let log = serde_json::to_string(
        &w.audit_log()
            .iter()
            .map(|e| e.to_json())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    for secret in ["c2VjcmV0", blob.as_str(), token.as_str(), data_key.as_str()] {
        assert!(!log.contains(secret), "the audit log holds {secret}");
    }
    assert!(log.contains("\"GrantId\""), "{log}");
}
