use super::*;
use crate::api::Caller;
use crate::service::{Service, ServiceError};
use serde_json::json;

const ROOT: &str = "arn:aws:iam::111122223333:root";
const OTHER_ROOT: &str = "arn:aws:iam::444455556666:root";
const ALLOW_ENCRYPT: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}"#;

fn world() -> World {
    crate::scenario::Scenario::load(r#"{"format":"kms-playground/scenario@1","seed":1}"#)
        .unwrap()
        .build_world()
        .unwrap()
}

fn iam(w: &mut World, who: &str, op: &str, input: Value) -> Result<Value, ServiceError> {
    w.request(&Caller::new(who), Service::Iam, op, &input)
        .output
}

fn code(r: Result<Value, ServiceError>) -> String {
    r.unwrap_err().code
}

#[test]
fn a_user_is_created_given_a_policy_and_can_then_call_kms() {
    let mut w = world();
    let out = iam(&mut w, ROOT, "CreateUser", json!({"UserName": "Erin"})).unwrap();
    let user = &out["User"];
    assert_eq!(user["Arn"], "arn:aws:iam::111122223333:user/Erin");
    assert_eq!(user["UserName"], "Erin");
    assert_eq!(user["Path"], "/");
    let id = user["UserId"].as_str().unwrap();
    assert!(id.starts_with("AIDA") && id.len() == 21, "{id}");
    assert_eq!(user["CreateDate"], format!("{}", w.now()));

    let erin = "arn:aws:iam::111122223333:user/Erin";
    assert!(w.principal(erin).unwrap().policies.is_empty());
    iam(
        &mut w,
        ROOT,
        "PutUserPolicy",
        json!({"UserName": "Erin", "PolicyName": "EncryptAnything", "PolicyDocument": ALLOW_ENCRYPT}),
    )
    .unwrap();
    let record = w.principal(erin).unwrap();
    assert_eq!(record.policy_names, ["EncryptAnything"]);
    assert_eq!(record.policies.len(), 1);

    // With the default key policy (root: kms:*), the IAM policy now lets Erin encrypt.
    let key = w
        .request(&Caller::new(ROOT), Service::Kms, "CreateKey", &json!({}))
        .output
        .unwrap();
    let key_id = key["KeyMetadata"]["KeyId"].as_str().unwrap();
    let r = w.request(
        &Caller::new(erin),
        Service::Kms,
        "Encrypt",
        &json!({"KeyId": key_id, "Plaintext": "aGk="}),
    );
    assert!(r.output.is_ok(), "{:?}", r.output);
}

#[test]
fn the_errors_are_iams() {
    let mut w = world();
    iam(&mut w, ROOT, "CreateUser", json!({"UserName": "Erin"})).unwrap();
    let again = iam(&mut w, ROOT, "CreateUser", json!({"UserName": "Erin"})).unwrap_err();
    assert_eq!(again.code, "EntityAlreadyExists");
    assert_eq!(again.message, "User with name Erin already exists.");
    assert_eq!(again.status, 409);

    let missing = iam(&mut w, ROOT, "DeleteUser", json!({"UserName": "Nobody"})).unwrap_err();
    assert_eq!(missing.code, "NoSuchEntity");
    assert_eq!(
        missing.message,
        "The user with name Nobody cannot be found."
    );

    assert_eq!(
        code(iam(&mut w, ROOT, "CreateUser", json!({}))),
        "ValidationError"
    );
    let bad = iam(&mut w, ROOT, "CreateUser", json!({"UserName": "no spaces"})).unwrap_err();
    assert!(bad.message.contains("+=,.@_-"), "{bad}");
    assert_eq!(
        code(iam(
            &mut w,
            ROOT,
            "CreateUser",
            json!({"UserName": "x".repeat(65)})
        )),
        "ValidationError"
    );
    assert_eq!(
        code(iam(
            &mut w,
            ROOT,
            "CreateUser",
            json!({"UserName": "Erin2", "Path": "/dev/"})
        )),
        "ValidationError"
    );

    let malformed = iam(
        &mut w,
        ROOT,
        "PutUserPolicy",
        json!({"UserName": "Erin", "PolicyName": "p", "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}"}),
    )
    .unwrap_err();
    assert_eq!(malformed.code, "MalformedPolicyDocument");
    assert!(malformed.message.contains("line 1"), "{malformed}");

    let no_policy = iam(
        &mut w,
        ROOT,
        "DeleteUserPolicy",
        json!({"UserName": "Erin", "PolicyName": "p"}),
    )
    .unwrap_err();
    assert_eq!(no_policy.code, "NoSuchEntity");
    assert_eq!(
        no_policy.message,
        "The user policy with name p cannot be found."
    );

    assert_eq!(
        code(iam(&mut w, ROOT, "AttachUserPolicy", json!({}))),
        "InvalidAction"
    );
    assert_eq!(
        code(iam(
            &mut w,
            "arn:aws:iam::111122223333:user/Ghost",
            "CreateUser",
            json!({"UserName": "G"})
        )),
        "InvalidClientTokenId"
    );
    assert_eq!(
        code(iam(&mut w, ROOT, "CreateUser", json!([1]))),
        "ValidationError"
    );
}

#[test]
fn a_user_with_policies_cannot_be_deleted_until_they_are_gone() {
    let mut w = world();
    iam(&mut w, ROOT, "CreateUser", json!({"UserName": "Erin"})).unwrap();
    let put = json!({"UserName": "Erin", "PolicyName": "p", "PolicyDocument": ALLOW_ENCRYPT});
    iam(&mut w, ROOT, "PutUserPolicy", put.clone()).unwrap();
    // Putting a policy of the same name replaces it.
    iam(&mut w, ROOT, "PutUserPolicy", put).unwrap();
    let erin = "arn:aws:iam::111122223333:user/Erin";
    assert_eq!(w.principal(erin).unwrap().policies.len(), 1);
    let conflict = iam(&mut w, ROOT, "DeleteUser", json!({"UserName": "Erin"})).unwrap_err();
    assert_eq!(conflict.code, "DeleteConflict");
    assert_eq!(
        conflict.message,
        "Cannot delete entity, must delete policies first."
    );
    iam(
        &mut w,
        ROOT,
        "DeleteUserPolicy",
        json!({"UserName": "Erin", "PolicyName": "p"}),
    )
    .unwrap();
    iam(&mut w, ROOT, "DeleteUser", json!({"UserName": "Erin"})).unwrap();
    assert!(w.principal(erin).is_none());
}

#[test]
fn roles_need_a_trust_policy_and_live_in_the_callers_account() {
    let mut w = world();
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    assert_eq!(
        code(iam(
            &mut w,
            OTHER_ROOT,
            "CreateRole",
            json!({"RoleName": "Reader"})
        )),
        "ValidationError"
    );
    assert_eq!(
        code(iam(
            &mut w,
            OTHER_ROOT,
            "CreateRole",
            json!({"RoleName": "Reader", "AssumeRolePolicyDocument": "{"})
        )),
        "MalformedPolicyDocument"
    );
    let out = iam(
        &mut w,
        OTHER_ROOT,
        "CreateRole",
        json!({"RoleName": "Reader", "AssumeRolePolicyDocument": trust}),
    )
    .unwrap();
    assert_eq!(out["Role"]["Arn"], "arn:aws:iam::444455556666:role/Reader");
    assert!(out["Role"]["RoleId"].as_str().unwrap().starts_with("AROA"));
    // The root of one account cannot reach the roles of another: the name is looked up
    // in the caller's own account.
    assert_eq!(
        code(iam(
            &mut w,
            ROOT,
            "DeleteRole",
            json!({"RoleName": "Reader"})
        )),
        "NoSuchEntity"
    );
    iam(
        &mut w,
        OTHER_ROOT,
        "DeleteRole",
        json!({"RoleName": "Reader"}),
    )
    .unwrap();
}

#[test]
fn every_recognised_call_is_audited_as_cloudtrail_records_iam() {
    let mut w = world();
    let before = w.audit_log().len();
    iam(&mut w, ROOT, "CreateUser", json!({"UserName": "Erin"})).unwrap();
    let _ = iam(&mut w, ROOT, "CreateUser", json!({"UserName": "Erin"}));
    let _ = iam(&mut w, ROOT, "Nope", json!({}));
    let log = w.audit_log();
    assert_eq!(
        log.len(),
        before + 2,
        "an unknown operation is not recorded"
    );
    let ok = log[before].to_json();
    assert_eq!(ok["eventSource"], "iam.amazonaws.com");
    assert_eq!(ok["eventName"], "CreateUser");
    assert_eq!(ok["awsRegion"], "us-east-1");
    assert_eq!(ok["requestParameters"]["userName"], "Erin");
    assert_eq!(ok["responseElements"]["user"]["userName"], "Erin");
    assert_eq!(ok["userIdentity"]["type"], "Root");
    let failed = log[before + 1].to_json();
    assert_eq!(failed["errorCode"], "EntityAlreadyExists");
    // And an event survives a saved world.
    let back = AuditEvent::from_json(&ok).unwrap();
    assert_eq!(back, log[before]);
}

#[test]
fn named_policies_survive_a_saved_world_and_unnamed_ones_get_default_names() {
    let mut w = world();
    iam(&mut w, ROOT, "CreateUser", json!({"UserName": "Erin"})).unwrap();
    for name in ["policy-2", "Second"] {
        iam(
            &mut w,
            ROOT,
            "PutUserPolicy",
            json!({"UserName": "Erin", "PolicyName": name, "PolicyDocument": ALLOW_ENCRYPT}),
        )
        .unwrap();
    }
    let saved = serde_json::to_string(&w.to_scenario(None)).unwrap();
    let back = crate::scenario::Scenario::load(&saved)
        .unwrap()
        .build_world()
        .unwrap();
    assert_eq!(back, w);
    // A document alone is `policy-<n>`.
    let s = crate::scenario::Scenario::load(&format!(
        r#"{{"format":"kms-playground/scenario@1","principals":[{{"arn":"arn:aws:iam::111122223333:user/A","policies":[{ALLOW_ENCRYPT}]}}]}}"#
    ))
    .unwrap();
    assert_eq!(s.principals[0].policies[0].0, "policy-1");
    // A duplicate name is refused at its place.
    let errs = crate::scenario::Scenario::load(&format!(
        r#"{{"format":"kms-playground/scenario@1","principals":[{{"arn":"arn:aws:iam::111122223333:user/A","policies":[{{"PolicyName":"x","PolicyDocument":{ALLOW_ENCRYPT}}},{{"PolicyName":"x","PolicyDocument":{ALLOW_ENCRYPT}}}]}}]}}"#
    ))
    .unwrap_err();
    assert!(
        errs.iter()
            .any(|e| e.path == "principals[0].policies[1].PolicyName"),
        "{errs:?}"
    );
}

#[test]
fn unique_ids_are_stable_and_distinct() {
    let a = unique_id("AIDA", "arn:aws:iam::111122223333:user/A");
    assert_eq!(a, unique_id("AIDA", "arn:aws:iam::111122223333:user/A"));
    assert_ne!(a, unique_id("AIDA", "arn:aws:iam::111122223333:user/B"));
    assert!(
        a.chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))
    );
}
