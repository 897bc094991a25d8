//! Names through the door: key IDs, ARNs, aliases and regions; paging; tags; AWS managed keys.
//! responses and error codes AWS gives.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

#[path = "support/door.rs"]
mod support;

use kms_core::api::Caller;
use kms_core::service::Service;
use serde_json::json;
use support::*;

#[test]
fn key_ids_aliases_arns_and_regions() {
    let mut w = world(8);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "CreateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": k}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/app", "TargetKeyId": k})
        ),
        "AlreadyExistsException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/aws/mine", "TargetKeyId": k})
        ),
        "InvalidAliasNameException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "app2", "TargetKeyId": k})
        ),
        // AWS answers a missing prefix with "ValidationException: Alias must start with
        // the prefix \"alias/\"" (recorded against AWS).
        "ValidationException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/bad name", "TargetKeyId": k})
        ),
        "ValidationException"
    );
    let arn = format!("arn:aws:kms:us-east-1:111122223333:key/{k}");
    for id in [
        k.as_str(),
        arn.as_str(),
        "alias/app",
        "arn:aws:kms:us-east-1:111122223333:alias/app",
    ] {
        let d = ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": id}));
        assert_eq!(d["KeyMetadata"]["Arn"], arn.as_str(), "{id}");
    }
    assert_eq!(
        code(&mut w, ALICE, "DescribeKey", json!({"KeyId": "alias/nope"})),
        "NotFoundException"
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "DescribeKey",
            json!({"KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"})
        ),
        "NotFoundException"
    );
    assert_eq!(
        code(&mut w, ALICE, "DescribeKey", json!({"KeyId": "not-a-key"})),
        "NotFoundException"
    );
    // From another region the key does not exist.
    let other = Caller {
        principal: ALICE,
        region: Some("eu-west-1"),
        via_service: None,
    };
    assert_eq!(
        w.request(&other, Service::Kms, "DescribeKey", &json!({"KeyId": k}))
            .output
            .unwrap_err()
            .code
            .as_str(),
        "NotFoundException"
    );
    assert_eq!(
        w.request(&other, Service::Kms, "DescribeKey", &json!({"KeyId": arn}))
            .output
            .unwrap_err()
            .code
            .as_str(),
        "NotFoundException"
    );
    let created = w
        .request(&other, Service::Kms, "CreateKey", &json!({}))
        .output
        .unwrap();
    assert!(
        created["KeyMetadata"]["Arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:kms:eu-west-1:")
    );
    // Update and delete.
    let k2 = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "UpdateAlias",
        json!({"AliasName": "alias/app", "TargetKeyId": k2}),
    );
    assert_eq!(
        ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": "alias/app"}))["KeyMetadata"]["KeyId"],
        k2.as_str()
    );
    let l = ok(&mut w, ALICE, "ListAliases", json!({"KeyId": k2}));
    assert_eq!(l["Aliases"].as_array().unwrap().len(), 1);
    ok(
        &mut w,
        ALICE,
        "DeleteAlias",
        json!({"AliasName": "alias/app"}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "DeleteAlias",
            json!({"AliasName": "alias/app"})
        ),
        "NotFoundException"
    );
    // Decrypt naming another key than the blob's.
    let enc = ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(b"x")}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": enc["CiphertextBlob"], "KeyId": k2})
        ),
        "IncorrectKeyException"
    );
    ok(
        &mut w,
        ALICE,
        "Decrypt",
        json!({"CiphertextBlob": enc["CiphertextBlob"], "KeyId": k}),
    );
}

#[test]
fn paging_follows_markers() {
    let mut w = world(9);
    for _ in 0..5 {
        new_key(&mut w);
    }
    let mut seen = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let mut input = json!({"Limit": 2});
        if let Some(m) = &marker {
            input["Marker"] = json!(m);
        }
        let page = ok(&mut w, ALICE, "ListKeys", input);
        seen.extend(
            page["Keys"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k["KeyId"].as_str().unwrap().to_string()),
        );
        if page["Truncated"] == json!(true) {
            marker = Some(page["NextMarker"].as_str().unwrap().to_string());
        } else {
            break;
        }
    }
    assert_eq!(seen.len(), 5);
    assert_eq!(
        code(&mut w, ALICE, "ListKeys", json!({"Limit": 0})),
        "ValidationException"
    );
}

#[test]
fn tags() {
    let mut w = world(15);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "TagResource",
        json!({"KeyId": k, "Tags": [{"TagKey": "team", "TagValue": "red"}, {"TagKey": "env", "TagValue": "dev"}]}),
    );
    ok(
        &mut w,
        ALICE,
        "TagResource",
        json!({"KeyId": k, "Tags": [{"TagKey": "team", "TagValue": "blue"}]}),
    );
    ok(
        &mut w,
        ALICE,
        "UntagResource",
        json!({"KeyId": k, "TagKeys": ["env"]}),
    );
    assert_eq!(
        ok(&mut w, ALICE, "ListResourceTags", json!({"KeyId": k}))["Tags"],
        json!([{"TagKey": "team", "TagValue": "blue"}])
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "TagResource",
            json!({"KeyId": k, "Tags": [{"TagKey": "aws:x", "TagValue": "y"}]})
        ),
        "TagException"
    );
}

#[test]
fn aws_managed_keys_are_made_once_and_users_cannot_change_them() {
    let mut w = world(16);
    // S3 creates aws/s3 the first time it needs it, and only then.
    ok(
        &mut w,
        ALICE,
        "s3:CreateBucket",
        json!({"Bucket": "first-use"}),
    );
    let put = json!({"Bucket": "first-use", "Key": "k", "Body": b64(b"x"), "ServerSideEncryption": "aws:kms"});
    let first = ok(&mut w, ALICE, "s3:PutObject", put.clone());
    let arn = first["SSEKMSKeyId"].as_str().unwrap().to_string();
    let keys = w.keys().len();
    let second = ok(&mut w, ALICE, "s3:PutObject", put);
    assert_eq!(
        second["SSEKMSKeyId"],
        arn.as_str(),
        "created on first use only"
    );
    assert_eq!(w.keys().len(), keys);
    let d = ok(
        &mut w,
        ALICE,
        "DescribeKey",
        json!({"KeyId": "alias/aws/s3"}),
    );
    assert_eq!(d["KeyMetadata"]["KeyManager"], "AWS");
    assert!(
        w.keys()
            .iter()
            .find(|k| k.arn.as_str() == arn)
            .unwrap()
            .next_rotation()
            .is_some(),
        "AWS managed keys rotate yearly"
    );
    // Nobody in the account may use it directly, change it or delete it.
    for (op, input) in [
        (
            "Encrypt",
            json!({"KeyId": "alias/aws/s3", "Plaintext": b64(b"x")}),
        ),
        ("DisableKey", json!({"KeyId": arn})),
        ("ScheduleKeyDeletion", json!({"KeyId": arn})),
        (
            "PutKeyPolicy",
            json!({"KeyId": arn, "Policy": ALLOW_ALL_KMS}),
        ),
        ("RotateKeyOnDemand", json!({"KeyId": arn})),
    ] {
        assert_eq!(
            code(&mut w, ALICE, op, input),
            "AccessDeniedException",
            "{op}"
        );
    }
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "DeleteAlias",
            json!({"AliasName": "alias/aws/s3"})
        ),
        "InvalidAliasNameException"
    );
    // Through S3, any principal of the account may use it.
    let via = Caller {
        principal: BOB,
        region: None,
        via_service: Some("s3.us-east-1.amazonaws.com"),
    };
    let r = w.request(
        &via,
        Service::Kms,
        "GenerateDataKey",
        &json!({"KeyId": "alias/aws/s3", "KeySpec": "AES_256"}),
    );
    assert!(r.output.is_ok(), "{:?}", r.output);
    assert_eq!(r.decisions[0].rule.as_str(), "key-policy");
    // Not from another account, even through S3.
    let eve = Caller {
        principal: EVE,
        region: None,
        via_service: Some("s3.us-east-1.amazonaws.com"),
    };
    assert_eq!(
        w.request(
            &eve,
            Service::Kms,
            "GenerateDataKey",
            &json!({"KeyId": arn, "KeySpec": "AES_256"})
        )
        .output
        .unwrap_err()
        .code
        .as_str(),
        "AccessDeniedException"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn encrypt_then_decrypt_gives_the_plaintext_back(
            plaintext in proptest::collection::vec(any::<u8>(), 1..=4096),
            context in proptest::collection::btree_map("[a-zA-Z:/]{1,12}", "\\\\PC{0,16}", 0..5),
            seed in any::<u64>(),
        ) {
            let mut w = world(seed);
            let k = new_key(&mut w);
            let enc = ok(&mut w, ALICE, "Encrypt", json!({"KeyId": k, "Plaintext": b64(&plaintext), "EncryptionContext": context}));
            prop_assert!(unb64(&enc["CiphertextBlob"]).len() <= 6144);
            let dec = ok(&mut w, ALICE, "Decrypt", json!({"CiphertextBlob": enc["CiphertextBlob"], "EncryptionContext": context}));
            prop_assert_eq!(unb64(&dec["Plaintext"]), plaintext);
        }
    }
}

mod review_fixes {
    use super::*;
    use kms_core::policy::{Policy, PolicyKind};

    fn shared_key_for_account_b(w: &mut kms_core::world::World, extra_actions: &str) -> String {
        let policy = format!(
            r#"{{"Version":"2012-10-17","Statement":[
              {{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111122223333:root"}},"Action":"kms:*","Resource":"*"}},
              {{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::444455556666:root"}},"Action":[{extra_actions}],"Resource":"*"}}]}}"#
        );
        let out = ok(w, ALICE, "CreateKey", json!({"Policy": policy}));
        out["KeyMetadata"]["Arn"].as_str().unwrap().to_string()
    }

    #[test]
    fn the_root_user_of_another_account_needs_no_identity_policy() {
        let mut w = world(31);
        let arn = shared_key_for_account_b(&mut w, r#""kms:Encrypt","kms:Decrypt""#);
        let enc = ok(
            &mut w,
            "arn:aws:iam::444455556666:root",
            "Encrypt",
            json!({"KeyId": arn, "Plaintext": b64(b"x")}),
        );
        assert!(enc["CiphertextBlob"].is_string());
        // A user of that account still needs its own IAM policy.
        let none = Policy::parse(
            r#"{"Version":"2012-10-17","Statement":[]}"#,
            PolicyKind::Identity,
        )
        .unwrap();
        w = w
            .with_principal(
                "arn:aws:iam::444455556666:user/Mallory",
                Some("Mallory"),
                vec![("none".into(), none)],
            )
            .unwrap();
        assert_eq!(
            code(
                &mut w,
                "arn:aws:iam::444455556666:user/Mallory",
                "Encrypt",
                json!({"KeyId": arn, "Plaintext": b64(b"x")})
            ),
            "AccessDeniedException"
        );
    }

    #[test]
    fn create_key_conditions_see_the_request_and_the_new_keys_defaults() {
        let mut w = world(32);
        let p = Policy::parse(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"kms:CreateKey","Resource":"*","Condition":{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT","kms:KeyUsage":"ENCRYPT_DECRYPT"},"Bool":{"kms:MultiRegion":"false"}}},
            {"Effect":"Deny","Action":"kms:CreateKey","Resource":"*","Condition":{"Bool":{"kms:BypassPolicyLockoutSafetyCheck":"true"}}},
            {"Effect":"Allow","Action":["kms:PutKeyPolicy"],"Resource":"*"}]}"#, PolicyKind::Identity).unwrap();
        w = w
            .with_principal(
                "arn:aws:iam::111122223333:user/Dana",
                Some("Dana"),
                vec![("dana".into(), p)],
            )
            .unwrap();
        let dana = "arn:aws:iam::111122223333:user/Dana";
        ok(&mut w, dana, "CreateKey", json!({}));
        let r = call(
            &mut w,
            dana,
            "CreateKey",
            json!({"BypassPolicyLockoutSafetyCheck": true}),
        );
        assert_eq!(r.output.unwrap_err().code.as_str(), "AccessDeniedException");
        assert_eq!(r.decisions[0].rule.as_str(), "explicit-deny");
        // Tags at creation need kms:TagResource too.
        assert_eq!(
            code(
                &mut w,
                dana,
                "CreateKey",
                json!({"Tags": [{"TagKey": "team", "TagValue": "red"}]})
            ),
            "AccessDeniedException"
        );
        ok(
            &mut w,
            ALICE,
            "CreateKey",
            json!({"Tags": [{"TagKey": "team", "TagValue": "red"}]}),
        );
    }

    #[test]
    fn a_refused_tag_resource_leaves_the_tags_as_they_were() {
        let mut w = world(33);
        let k = new_key(&mut w);
        let tags: Vec<_> = (0..45)
            .map(|i| json!({"TagKey": format!("k{i}"), "TagValue": "v"}))
            .collect();
        ok(
            &mut w,
            ALICE,
            "TagResource",
            json!({"KeyId": k, "Tags": tags}),
        );
        let more: Vec<_> = (45..55)
            .map(|i| json!({"TagKey": format!("k{i}"), "TagValue": "v"}))
            .collect();
        assert_eq!(
            code(
                &mut w,
                ALICE,
                "TagResource",
                json!({"KeyId": k, "Tags": more})
            ),
            "LimitExceededException"
        );
        assert_eq!(
            ok(&mut w, ALICE, "ListResourceTags", json!({"KeyId": k}))["Tags"]
                .as_array()
                .unwrap()
                .len(),
            45
        );
    }

    #[test]
    fn another_regions_endpoint_cannot_decrypt() {
        let mut w = world(34);
        let k = new_key(&mut w);
        let enc = ok(
            &mut w,
            ALICE,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": b64(b"x")}),
        );
        let eu = Caller {
            principal: ALICE,
            region: Some("eu-west-1"),
            via_service: None,
        };
        let e = w
            .request(
                &eu,
                Service::Kms,
                "Decrypt",
                &json!({"CiphertextBlob": enc["CiphertextBlob"]}),
            )
            .output
            .unwrap_err();
        assert_eq!(e.code.as_str(), "NotFoundException");
        ok(
            &mut w,
            ALICE,
            "Decrypt",
            json!({"CiphertextBlob": enc["CiphertextBlob"]}),
        );
    }

    #[test]
    fn grants_made_by_another_account_are_issued_by_the_keys_account() {
        let mut w = world(35);
        let arn = shared_key_for_account_b(&mut w, r#""kms:CreateGrant""#);
        let g = ok(
            &mut w,
            EVE,
            "CreateGrant",
            json!({"KeyId": arn, "GranteePrincipal": EVE, "Operations": ["Decrypt"]}),
        );
        let list = ok(&mut w, ALICE, "ListGrants", json!({"KeyId": arn}));
        assert_eq!(
            list["Grants"][0]["IssuingAccount"],
            "arn:aws:iam::111122223333:root"
        );
        // Alice (the key's account, allowed kms:RetireGrant) may retire it.
        ok(
            &mut w,
            ALICE,
            "RetireGrant",
            json!({"KeyId": arn, "GrantId": g["GrantId"]}),
        );
    }
}
