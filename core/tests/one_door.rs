//! One door: after a world is built, only [`World::request`] changes it (and the clock,
//! through `advance`). Every scenario of `tests/` is played request by request; each
//! change a request makes is within the parts its descriptor names, is counted by the
//! world's change counters (which the page's notification and undo read), and is recorded
//! in the audit log — but S3's object writes, which CloudTrail records only as data events
//! (off unless a trail asks: docs/FIDELITY.md).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::Path;

use kms_core::World;
use kms_core::api::Caller;
use kms_core::policy::{Policy, PolicyKind};
use kms_core::scenario::{Runner, Scenario};
use kms_core::service::{Parts, Service};
use serde_json::json;

/// What each part of the world holds, to compare before and after a request.
fn parts(w: &World) -> Vec<(Parts, String)> {
    let blank = Policy::parse(
        r#"{"Version":"2012-10-17","Statement":[]}"#,
        PolicyKind::Key,
    )
    .unwrap();
    let keys: Vec<_> = w
        .keys()
        .iter()
        .map(|k| {
            let mut k = k.clone();
            k.policy = blank.clone();
            k
        })
        .collect();
    vec![
        (
            Parts::PRINCIPALS,
            format!(
                "{:?}",
                w.principals()
                    .iter()
                    .map(|p| (p.principal.arn().to_string(), p.name.clone()))
                    .collect::<Vec<_>>()
            ),
        ),
        (
            Parts::POLICIES,
            format!(
                "{:?} {:?}",
                w.principals()
                    .iter()
                    .map(|p| (&p.policy_names, &p.policies))
                    .collect::<Vec<_>>(),
                w.keys().iter().map(|k| k.policy.text()).collect::<Vec<_>>()
            ),
        ),
        (Parts::KEYS, format!("{keys:?} {:?}", w.aliases())),
        (Parts::GRANTS, format!("{:?}", w.grants())),
        (Parts::S3, format!("{:?}", w.buckets())),
    ]
}

/// Sends one request on the world and holds what changed to the door's rules.
fn send(
    w: &mut World,
    caller: &Caller<'_>,
    service: Service,
    op: &str,
    input: &serde_json::Value,
) -> usize {
    let before = parts(w);
    let events = w.audit_log().len();
    let versions = w.versions();
    let r = w.request(caller, service, op, input);
    let after = parts(w);
    // The change counters say every change the request made, the audit log's included.
    let counted = w.versions().changed_since(&versions);
    for (b, a) in before.iter().zip(&after) {
        if b.1 != a.1 {
            assert!(
                counted.contains(b.0),
                "{service} {op} changed {:?} without counting it",
                b.0
            );
        }
    }
    assert_eq!(
        w.audit_log().len() != events,
        counted.contains(Parts::AUDIT),
        "{service} {op}: the audit counter and the log disagree"
    );
    let changed: Vec<Parts> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| b.0)
        .collect();
    let Some(d) = r.descriptor else {
        assert!(changed.is_empty(), "{op}, unknown, changed the world");
        assert_eq!(w.audit_log().len(), events);
        return 0;
    };
    for p in &changed {
        assert!(
            d.changes.contains(*p),
            "{service} {op} changed {p:?}, which its descriptor does not name"
        );
        assert!(
            r.ok(),
            "{service} {op} failed ({:?}) but changed {p:?}",
            r.output
        );
    }
    let data_event = service == Service::S3 && op != "CreateBucket";
    let unaudited_ok = changed.is_empty() || (data_event && changed == [Parts::S3]);
    if !unaudited_ok {
        assert!(
            w.audit_log().len() > events,
            "{service} {op} changed {changed:?} without an audit event"
        );
    }
    changed.len()
}

#[test]
fn only_requests_change_the_world_and_each_change_is_audited() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests");
    let (mut requests, mut changes) = (0, 0);
    for dir in ["scenarios", "fidelity"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let scenario = Scenario::load(&text).unwrap();
            let mut runner = Runner::new(&scenario).unwrap();
            // The runner sends each call step through the door; replay it on a copy.
            loop {
                if let Some(Ok(p)) = runner.prepare_call() {
                    let (service, op) = Service::split(&p.operation);
                    let mut copy = runner.world.clone();
                    let caller = Caller {
                        principal: &p.principal,
                        region: None,
                        via_service: p.via.as_deref(),
                    };
                    changes += send(&mut copy, &caller, service, op, &p.input);
                    requests += 1;
                }
                // Every step, calls included, leaves the world as the door left it.
                let before = runner.world.audit_log().len();
                if runner.step().is_none() {
                    break;
                }
                assert!(runner.world.audit_log().len() >= before);
            }
        }
    }
    assert!(requests >= 150, "{requests} requests");
    assert!(changes >= 40, "{changes} changes");
}

#[test]
fn iam_and_s3_management_calls_are_audited_too() {
    let scenario = Scenario::load(include_str!("../../tests/scenarios/cmk-access.json")).unwrap();
    let mut w = scenario.build_world().unwrap();
    let account = w.principals()[0].principal.account_str().to_string();
    let root_arn = format!("arn:aws:iam::{account}:root");
    let caller = Caller::new(&root_arn);
    assert_eq!(
        send(
            &mut w,
            &caller,
            Service::Iam,
            "CreateUser",
            &json!({"UserName": "Erin"})
        ),
        2
    );
    assert_eq!(
        send(
            &mut w,
            &caller,
            Service::S3,
            "CreateBucket",
            &json!({"Bucket": "audited"})
        ),
        1
    );
    let last = w.audit_log().last().unwrap();
    assert_eq!(
        (last.event_source.as_str(), last.event_name.as_str()),
        ("s3.amazonaws.com", "CreateBucket")
    );
    assert_eq!(last.resources, ["arn:aws:s3:::audited"]);
    assert_eq!(
        send(
            &mut w,
            &caller,
            Service::S3,
            "PutObject",
            &json!({"Bucket": "audited", "Key": "k", "Body": "aGk=", "ServerSideEncryption": "AES256"})
        ),
        1
    );
    // GetObject keeps the bucket key it had KMS decrypt: a change to S3 (once missed by a
    // table that said GetObject changes nothing).
    let key = w
        .request(&caller, Service::Kms, "CreateKey", &json!({}))
        .output
        .unwrap()["KeyMetadata"]["Arn"]
        .as_str()
        .unwrap()
        .to_string();
    let put = json!({"Bucket": "audited", "Key": "bk", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": key, "BucketKeyEnabled": true});
    send(&mut w, &caller, Service::S3, "PutObject", &put);
    let v = w.versions();
    w.advance(kms_core::clock::Duration::hours(2)).unwrap();
    assert!(w.versions().changed_since(&v).contains(Parts::CLOCK));
    let get = json!({"Bucket": "audited", "Key": "bk"});
    assert_eq!(send(&mut w, &caller, Service::S3, "GetObject", &get), 1);
}
