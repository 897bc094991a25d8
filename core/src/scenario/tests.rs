//! Tests of scenario loading and running.

use super::*;
use crate::api::Caller;
use crate::clock::Duration;
use crate::service::Service;
use alloc::string::ToString;
use serde_json::json;

const MINIMAL: &str = r#"{
  "format": "kms-playground/scenario@1",
  "title": "t",
  "seed": 7,
  "principals": [
    {"name": "Alice", "arn": "arn:aws:iam::111122223333:user/Alice",
     "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}]}
  ],
  "keys": [{"name": "CMK-A", "aliases": ["alias/cmk-a"]}],
  "steps": [
    {"id": "enc", "as": "Alice", "call": "Encrypt",
     "input": {"KeyId": "alias/cmk-a", "Plaintext": "aGVsbG8=", "EncryptionContext": {"app": "demo"}},
     "expect": "ok"},
    {"as": "Alice", "call": "Decrypt",
     "input": {"CiphertextBlob": "${enc.CiphertextBlob}", "EncryptionContext": {"app": "demo"}},
     "expect": {"ok": {"Plaintext": "aGVsbG8="}}},
    {"as": "Alice", "check": "kms:Decrypt", "key": "CMK-A", "expect": "allow"},
    {"advance": "30d"}
  ]
}"#;

#[test]
fn a_minimal_scenario_runs_and_meets_its_expectations() {
    let s = Scenario::load(MINIMAL).unwrap();
    assert_eq!(s.steps.len(), 4);
    let mut r = Runner::new(&s).unwrap();
    let results = r.run_all();
    assert_eq!(results.len(), 4);
    for res in &results[..3] {
        assert_eq!(res.met, Some(true), "{:?}", res.to_json());
    }
    assert_eq!(
        results[3].output.as_ref().unwrap()["now"],
        "2026-01-31T00:00:00Z"
    );
    assert!(
        results[1].input["CiphertextBlob"].as_str().unwrap().len() > 20,
        "the reference was resolved"
    );
    assert_eq!(results[2].decision.as_ref().unwrap().rule.as_str(), "iam");
}

#[test]
fn errors_are_all_reported_with_paths() {
    let bad = r#"{
  "format": "kms-playground/scenario@2",
  "region": "mars",
  "principals": [{"name": "A", "arn": "alice"}],
  "keys": [{"name": "K", "keyId": "nope", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Encrpyt", "Resource": "*", "Principal": "*"}]}}],
  "grants": [{"key": "CMK-Z", "granteePrincipal": "arn:aws:iam::111122223333:user/B", "operations": ["Fly"]}],
  "steps": [
    {"as": "Zed", "call": "Encrypt", "input": {"KeyId": "K", "CiphertextBlob": "${nope.X}"}},
    {"as": "A", "call": "Encrypte"},
    {"as": "A", "check": "kms:Dance", "key": "K"},
    {"advance": "3 weeks"},
    {"frobnicate": 1},
    {"as": "A", "call": "s3:Teleport"}
  ],
  "extra": 1
}"#;
    let errs = Scenario::load(bad).unwrap_err();
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    for want in [
        "extra",
        "format",
        "region",
        "principals[0].arn",
        "keys[0].keyId",
        "keys[0].policy.Statement[0].Action",
        "grants[0].operations[0]",
        "grants[0].key",
        "steps[0].as",
        "steps[0].input.CiphertextBlob",
        "steps[1].call",
        "steps[2].check",
        "steps[3].advance",
        "steps[4]",
        "steps[5].call",
    ] {
        assert!(paths.contains(&want), "missing {want} in {paths:?}");
    }
    let e = errs.iter().find(|e| e.path == "steps[1].call").unwrap();
    assert!(e.message.contains("did you mean `Encrypt`"), "{e}");
    let format = errs.iter().find(|e| e.path == "format").unwrap();
    assert_eq!(format.loc.line, 2);
}

#[test]
fn malformed_files_never_panic() {
    for text in [
        "",
        "{",
        "[]",
        "null",
        "{\"format\": 1}",
        "{\"format\":\"kms-playground/scenario@1\",\"steps\":{}}",
        "{\"format\":\"kms-playground/scenario@1\",\"principals\":[1]}",
        "{\"format\":\"kms-playground/scenario@1\",\"seed\":-1}",
    ] {
        assert!(Scenario::load(text).is_err(), "{text}");
    }
    let huge = alloc::format!(
        "{{\"format\":\"kms-playground/scenario@1\",\"title\":\"{}\"}}",
        "x".repeat(MAX_FILE_BYTES)
    );
    assert!(
        Scenario::load(&huge).unwrap_err()[0]
            .message
            .contains("at most")
    );
}

#[test]
fn a_world_round_trips_through_a_scenario_file() {
    let s = Scenario::load(MINIMAL).unwrap();
    let mut r = Runner::new(&s).unwrap();
    let results = r.run_all();
    assert!(results.iter().all(|x| x.met != Some(false)));
    let alice = Caller::new("arn:aws:iam::111122223333:user/Alice");
    let w = &mut r.world;
    // Some history: rotation, a grant, tags, a disabled key, a pending deletion, a second alias.
    let k2 = w
        .request(
            &alice,
            Service::Kms,
            "CreateKey",
            &json!({"Description": "second"}),
        )
        .output
        .unwrap()["KeyMetadata"]["KeyId"]
        .as_str()
        .unwrap()
        .to_string();
    for (op, input) in [
        (
            "EnableKeyRotation",
            json!({"KeyId": "CMK-A", "RotationPeriodInDays": 90}),
        ),
        ("RotateKeyOnDemand", json!({"KeyId": "CMK-A"})),
        (
            "CreateGrant",
            json!({"KeyId": "CMK-A", "GranteePrincipal": "arn:aws:iam::111122223333:user/Alice", "Operations": ["Decrypt"], "Name": "g", "Constraints": {"EncryptionContextEquals": {"a": "b"}}}),
        ),
        (
            "TagResource",
            json!({"KeyId": "CMK-A", "Tags": [{"TagKey": "team", "TagValue": "red"}]}),
        ),
        (
            "CreateAlias",
            json!({"AliasName": "alias/second", "TargetKeyId": k2}),
        ),
        (
            "ScheduleKeyDeletion",
            json!({"KeyId": k2, "PendingWindowInDays": 9}),
        ),
    ] {
        w.request(&alice, Service::Kms, op, &input).output.unwrap();
    }
    w.request(
        &alice,
        Service::S3,
        "CreateBucket",
        &json!({"Bucket": "saved"}),
    )
    .output
    .unwrap();
    w.request(&alice, Service::S3, "PutObject", &json!({"Bucket": "saved", "Key": "k", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "CMK-A", "BucketKeyEnabled": true})).output.unwrap();
    w.request(
        &alice,
        Service::S3,
        "PutObject",
        &json!({"Bucket": "saved", "Key": "plain", "Body": "aGk="}),
    )
    .output
    .unwrap();
    w.advance(Duration::days(100)).unwrap();
    let enc = w
        .request(
            &alice,
            Service::Kms,
            "Encrypt",
            &json!({"KeyId": "CMK-A", "Plaintext": "aGk="}),
        )
        .output
        .unwrap();

    let saved = w.to_scenario(Some("saved"));
    let text = serde_json::to_string_pretty(&saved).unwrap();
    let loaded = Scenario::load(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let mut back = loaded.build_world().unwrap();
    assert_eq!(&back, &r.world, "world → file → world gives the same world");
    // And it behaves the same: old ciphertexts decrypt, the random stream continues alike.
    let d = back
        .request(
            &alice,
            Service::Kms,
            "Decrypt",
            &json!({"CiphertextBlob": enc["CiphertextBlob"]}),
        )
        .output
        .unwrap();
    assert_eq!(d["Plaintext"], "aGk=");
    assert_eq!(
        back.request(
            &alice,
            Service::S3,
            "GetObject",
            &json!({"Bucket": "saved", "Key": "k"})
        )
        .output
        .unwrap()["Body"],
        "aGk="
    );
    let mut original = r.world.clone();
    original
        .request(
            &alice,
            Service::Kms,
            "Decrypt",
            &json!({"CiphertextBlob": enc["CiphertextBlob"]}),
        )
        .output
        .unwrap();
    original
        .request(
            &alice,
            Service::S3,
            "GetObject",
            &json!({"Bucket": "saved", "Key": "k"}),
        )
        .output
        .unwrap();
    assert_eq!(back, original);
    // Saving again gives the same file.
    assert_eq!(
        back.to_scenario(Some("saved")),
        original.to_scenario(Some("saved"))
    );
}

#[test]
fn a_corrupt_saved_state_is_refused_when_the_file_loads_with_its_position() {
    let s = Scenario::load(MINIMAL).unwrap();
    let w = Runner::new(&s).unwrap().world;
    let saved = w.to_scenario(None);
    let refused = |edit: &dyn Fn(&mut Value), path: &str, needle: &str| {
        let mut bad = saved.clone();
        edit(&mut bad);
        let text = serde_json::to_string_pretty(&bad).unwrap();
        let errs = Scenario::load(&text).unwrap_err();
        let e = errs
            .iter()
            .find(|e| e.path == path)
            .unwrap_or_else(|| panic!("no error at {path}: {errs:?}"));
        assert!(e.message.contains(needle), "{e}");
        assert!(e.loc.line > 1, "a real position: {e}");
    };
    refused(
        &|v| v["keys"][0]["state"]["materials"][0]["material"] = json!("AAAA"),
        "keys[0].state.materials[0].material",
        "32 bytes",
    );
    refused(
        &|v| v["keys"][0]["state"]["keyState"] = json!("Exploded"),
        "keys[0].state.keyState",
        "Enabled",
    );
    refused(
        &|v| v["keys"][0]["state"]["pendingWindowInDays"] = json!(4_294_967_303u64),
        "keys[0].state.pendingWindowInDays",
        "7 to 30",
    );
    refused(
        &|v| v["keys"][0]["state"]["materials"][0]["version"] = json!(4_294_967_297u64),
        "keys[0].state.materials[0].version",
        "whole number",
    );
    refused(
        &|v| {
            v["keys"][0]["state"]["rotation"] =
                json!({"periodInDays": 0, "next": "2026-04-01T00:00:00Z"})
        },
        "keys[0].state.rotation.periodInDays",
        "90 to 2560",
    );
    refused(
        &|v| v["state"]["aliases"][0]["name"] = json!("alias/renamed"),
        "state.aliases",
        "disagree",
    );
    refused(
        &|v| v["state"]["aliases"][0]["name"] = json!("<img src=x onerror=alert(1)>"),
        "state.aliases[0].name",
        "not an alias name",
    );
}

/// The saved worlds the fuzzer once broke (fuzz/regressions/saved_world): each must load,
/// build, and come back the same through world → file → world.
#[test]
fn the_saved_worlds_the_fuzzer_found_round_trip() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/regressions/saved_world"
    );
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut s = Scenario::load(&text).unwrap_or_else(|e| panic!("{path:?}: {e:?}"));
        s.seed = s.seed.or(Some(0));
        let world = s.build_world().unwrap();
        let saved = serde_json::to_string(&world.to_scenario(None)).unwrap();
        let back = Scenario::load(&saved)
            .unwrap_or_else(|e| panic!("{path:?} saved: {e:?}"))
            .build_world()
            .unwrap();
        assert_eq!(back, world, "{path:?}: world → file → world");
        seen += 1;
    }
    assert!(seen >= 2, "the regressions are there: {seen}");
}

/// The files the fuzzer found that loaded but could not be saved back
/// (fuzz/regressions/saved_world_refused): loading refuses them now, with a position.
#[test]
fn the_saved_worlds_the_fuzzer_found_unsaveable_are_refused() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/regressions/saved_world_refused"
    );
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let errs = Scenario::load(&text).expect_err(&std::format!("{path:?} is refused"));
        assert!(errs.iter().all(|e| e.loc.line >= 1), "{errs:?}");
        seen += 1;
    }
    assert!(seen >= 1, "the regressions are there: {seen}");
}

#[test]
fn a_world_with_the_platforms_randomness_saves_and_loads_back() {
    let mut s = Scenario::load(MINIMAL).unwrap();
    s.seed = None;
    let mut w = s.build_world().unwrap();
    w.request(
        &Caller::new("arn:aws:iam::111122223333:root"),
        Service::Kms,
        "CreateKey",
        &json!({}),
    )
    .output
    .unwrap();
    let saved = serde_json::to_string(&w.to_scenario(None)).unwrap();
    assert!(!saved.contains("entropyPosition"), "no position to keep");
    let back = Scenario::load(&saved)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .build_world()
        .unwrap();
    assert_eq!(back, w);
}

/// The playground sends a guided play's calls through its own store: prepared by the
/// runner, sent elsewhere, finished by the runner. Every step must come out as `step()`
/// gives it, references to earlier outputs included.
#[test]
fn a_call_sent_through_another_door_is_checked_as_step_checks_it() {
    let text = include_str!("../../../tests/scenarios/envelope-basics.json");
    let s = Scenario::load(text).unwrap();
    let mut alone = Runner::new(&s).unwrap();
    let mut split = Runner::new(&s).unwrap();
    let mut elsewhere = split.world.clone();
    let mut calls = 0;
    while !alone.finished() {
        let a = alone.step().unwrap();
        let b = match split.prepare_call() {
            Some(prepared) => {
                calls += 1;
                let (out, decision) = match &prepared {
                    Ok(p) => {
                        let caller = Caller {
                            principal: &p.principal,
                            region: None,
                            via_service: p.via.as_deref(),
                        };
                        let (service, op) = Service::split(&p.operation);
                        let r = elsewhere.request(&caller, service, op, &p.input);
                        (
                            r.output.map_err(StepError::from),
                            r.decisions.last().cloned(),
                        )
                    }
                    Err(e) => (Err(e.clone()), None),
                };
                split
                    .finish_call(prepared, out, decision, Vec::new())
                    .unwrap()
            }
            None => {
                split.world = elsewhere.clone();
                let r = split.step().unwrap();
                elsewhere = split.world.clone();
                r
            }
        };
        assert_eq!((a.index, &a.what, a.met), (b.index, &b.what, b.met));
        assert_eq!(a.error.map(|e| e.code), b.error.map(|e| e.code));
        assert_eq!(a.met, Some(true), "step {} as the file expects", a.index);
    }
    assert!(
        calls >= 5,
        "the file's calls went through the other door: {calls}"
    );
    assert!(split.finished());
    assert!(
        split.outputs().contains_key("dk"),
        "outputs kept for references"
    );
}

#[test]
fn a_call_step_goes_to_the_region_it_names() {
    let text = MINIMAL.replace(
        r#"{"advance": "30d"}"#,
        r#"{"as": "Alice", "call": "Encrypt", "region": "eu-west-1",
            "input": {"KeyId": "alias/cmk-a", "Plaintext": "aGk="}, "expect": "NotFoundException"},
           {"as": "Alice", "call": "CreateKey", "region": "eu-west-1", "expect": "ok"}"#,
    );
    // The key of us-east-1 is not found from eu-west-1; a key made there is made there.
    let s = Scenario::load(&text).unwrap();
    let mut r = Runner::new(&s).unwrap();
    let results = r.run_all();
    assert_eq!(results[3].met, Some(true), "{:?}", results[3].to_json());
    assert_eq!(results[4].met, Some(true), "{:?}", results[4].to_json());
    let event = r
        .world
        .audit_log()
        .iter()
        .rev()
        .find(|e| e.event_name == "CreateKey")
        .unwrap();
    assert_eq!(event.aws_region, "eu-west-1");
    // A Region that does not exist is refused where it is written.
    let bad = MINIMAL.replace(
        r#"{"advance": "30d"}"#,
        r#"{"as": "Alice", "call": "ListKeys", "region": "the moon"}"#,
    );
    let errors = Scenario::load(&bad).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "steps[3].region");
}
