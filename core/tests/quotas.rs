//! Every quota an operation can reach, through the door, with AWS's exception (and its
//! words where AWS has them). Each test quotes the sentence it follows.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

#[path = "support/door.rs"]
mod support;

use serde_json::json;
use support::*;

#[test]
fn a_key_policy_over_32_kb_is_a_limit_not_a_validation_error() {
    // API Reference, PutKeyPolicy and CreateKey: "If the key policy exceeds the length
    // constraint, KMS returns a LimitExceededException." Key policy quota: "The maximum
    // length of each key policy document is 32 KB (32,768 bytes)."
    let mut w = world(1);
    let k = new_key(&mut w);
    let policy = |bytes: usize| {
        let head = r#"{"Version":"2012-10-17","Statement":[{"Sid":""#;
        let tail = r#"","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#;
        format!(
            "{head}{}{tail}",
            "x".repeat(bytes - head.len() - tail.len())
        )
    };
    assert_eq!(policy(32_768).len(), 32_768);
    ok(
        &mut w,
        ALICE,
        "PutKeyPolicy",
        json!({"KeyId": k, "Policy": policy(32_768)}),
    );
    let e = err(
        &mut w,
        ALICE,
        "PutKeyPolicy",
        json!({"KeyId": k, "Policy": policy(32_769)}),
    );
    assert_eq!(e.code.as_str(), "LimitExceededException", "{e}");
    assert!(e.message.contains("32769 bytes"), "{e}");
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateKey",
            json!({"Policy": policy(40_000)})
        ),
        "LimitExceededException"
    );
}

#[test]
fn a_key_policy_holds_only_the_characters_kms_allows() {
    // "A key policy document can include only the following characters: Printable ASCII
    // characters; Printable characters in the Basic Latin and Latin-1 Supplement character
    // set; The tab, line feed, and carriage return special characters".
    let mut w = world(2);
    let k = new_key(&mut w);
    let with = |sid: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"{sid}","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111122223333:root"}},"Action":"kms:*","Resource":"*"}}]}}"#
        )
    };
    ok(
        &mut w,
        ALICE,
        "PutKeyPolicy",
        json!({"KeyId": k, "Policy": with("café")}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "PutKeyPolicy",
            json!({"KeyId": k, "Policy": with("key 🔑")})
        ),
        "ValidationException"
    );
}

#[test]
fn overly_permissive_conditions_are_refused_in_kms_words() {
    // conditions-kms: "If you create or update a policy that includes a ForAllValues set
    // operator with the kms:EncryptionContext:context-key, AWS KMS returns the following
    // error message: OverlyPermissiveCondition:EncryptionContext: Using the ForAllValues
    // set operator with a single-valued condition key matches requests without the
    // specified encryption context or with an unspecified encryption context. To fix,
    // remove ForAllValues."
    let mut w = world(3);
    let k = new_key(&mut w);
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Bob"},"Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:EncryptionContext:Department":"IT"}}}]}"#;
    let e = err(
        &mut w,
        ALICE,
        "PutKeyPolicy",
        json!({"KeyId": k, "Policy": policy}),
    );
    assert_eq!(e.code.as_str(), "MalformedPolicyDocumentException");
    assert_eq!(
        e.message,
        "OverlyPermissiveCondition:EncryptionContext: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified encryption context or with an unspecified encryption context. To fix, remove ForAllValues."
    );
}

#[test]
fn fifty_aliases_per_key() {
    // Quotas: "You can associate up to 50 aliases with each customer managed key. …
    // You might encounter this quota when you create or update an alias."
    let mut w = world(4);
    let k = new_key(&mut w);
    for i in 0..50 {
        ok(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": format!("alias/a{i}"), "TargetKeyId": k}),
        );
    }
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "CreateAlias",
            json!({"AliasName": "alias/a50", "TargetKeyId": k})
        ),
        "LimitExceededException"
    );
    let other = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "CreateAlias",
        json!({"AliasName": "alias/elsewhere", "TargetKeyId": other}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "UpdateAlias",
            json!({"AliasName": "alias/elsewhere", "TargetKeyId": k})
        ),
        "LimitExceededException",
        "updating an alias onto a full key reaches the quota too"
    );
}

#[test]
fn fifty_tags_per_key_and_the_words_of_tag_errors() {
    // "Each resource can have up to 50 user-created tags." Tag keys 1–128, values 0–256;
    // reserved `aws:` keys, duplicates and too many tags are TagExceptions (as AWS words
    // them when recorded: "Tags beginning with aws: are reserved", "Duplicate tag keys",
    // "Too many tags").
    let mut w = world(5);
    let tags = |n: usize| -> Vec<serde_json::Value> {
        (0..n)
            .map(|i| json!({"TagKey": format!("t{i}"), "TagValue": "v"}))
            .collect()
    };
    ok(&mut w, ALICE, "CreateKey", json!({"Tags": tags(50)}));
    let e = err(&mut w, ALICE, "CreateKey", json!({"Tags": tags(51)}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("TagException", "Too many tags")
    );
    let e = err(
        &mut w,
        ALICE,
        "CreateKey",
        json!({"Tags": [{"TagKey": "a", "TagValue": "1"}, {"TagKey": "a", "TagValue": "2"}]}),
    );
    assert_eq!(e.message, "Duplicate tag keys");
    let e = err(
        &mut w,
        ALICE,
        "CreateKey",
        json!({"Tags": [{"TagKey": "AWS:x", "TagValue": "1"}]}),
    );
    assert_eq!(e.message, "Tags beginning with aws: are reserved");
    let e = err(
        &mut w,
        ALICE,
        "CreateKey",
        json!({"Tags": [{"TagKey": "k".repeat(129), "TagValue": "1"}]}),
    );
    assert_eq!(e.code.as_str(), "ValidationException");
    assert!(e.message.contains("at 'tags.1.member.tagKey'"), "{e}");
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "TagResource",
        json!({"KeyId": k, "Tags": tags(50)}),
    );
    assert_eq!(
        code(
            &mut w,
            ALICE,
            "TagResource",
            json!({"KeyId": k, "Tags": [{"TagKey": "one-more", "TagValue": "v"}]})
        ),
        "LimitExceededException"
    );
    assert_eq!(
        ok(&mut w, ALICE, "ListResourceTags", json!({"KeyId": k}))["Tags"]
            .as_array()
            .unwrap()
            .len(),
        50,
        "a refused TagResource changes nothing"
    );
}

#[test]
fn twenty_five_on_demand_rotations() {
    // RotateKeyOnDemand: "You can perform on-demand key rotation a maximum of 25 times per
    // KMS key."
    let mut w = world(6);
    let k = new_key(&mut w);
    for _ in 0..25 {
        ok(&mut w, ALICE, "RotateKeyOnDemand", json!({"KeyId": k}));
    }
    let e = err(&mut w, ALICE, "RotateKeyOnDemand", json!({"KeyId": k}));
    assert_eq!(e.code.as_str(), "LimitExceededException");
    assert!(
        e.message
            .starts_with("The on-demand rotations limit has been reached for the given keyId."),
        "{e}"
    );
}

#[test]
fn request_sizes_and_ranges() {
    let mut w = world(7);
    let k = new_key(&mut w);
    let refused = [
        // Encrypt: "SYMMETRIC_DEFAULT: 4096 bytes".
        ("Encrypt", json!({"KeyId": k, "Plaintext": b64(&[0; 4097])})),
        ("Encrypt", json!({"KeyId": k, "Plaintext": ""})),
        // CiphertextBlob: 1–6144 bytes.
        ("Decrypt", json!({"CiphertextBlob": b64(&[1; 6145])})),
        // NumberOfBytes: 1–1024.
        ("GenerateRandom", json!({"NumberOfBytes": 1025})),
        ("GenerateRandom", json!({"NumberOfBytes": 0})),
        (
            "GenerateDataKey",
            json!({"KeyId": k, "NumberOfBytes": 1025}),
        ),
        // "You must specify either the KeySpec or the NumberOfBytes parameter (but not
        // both)".
        ("GenerateDataKey", json!({"KeyId": k})),
        (
            "GenerateDataKey",
            json!({"KeyId": k, "NumberOfBytes": 32, "KeySpec": "AES_256"}),
        ),
        // Description: 0–8192.
        (
            "UpdateKeyDescription",
            json!({"KeyId": k, "Description": "d".repeat(8193)}),
        ),
        // ScheduleKeyDeletion: "it must be between 7 and 30, inclusive."
        (
            "ScheduleKeyDeletion",
            json!({"KeyId": k, "PendingWindowInDays": 6}),
        ),
        (
            "ScheduleKeyDeletion",
            json!({"KeyId": k, "PendingWindowInDays": 31}),
        ),
        // RotationPeriodInDays: 90–2560.
        (
            "EnableKeyRotation",
            json!({"KeyId": k, "RotationPeriodInDays": 89}),
        ),
        (
            "EnableKeyRotation",
            json!({"KeyId": k, "RotationPeriodInDays": 2561}),
        ),
        // ListKeys: Limit 1–1000.
        ("ListKeys", json!({"Limit": 1001})),
        ("ListKeys", json!({"Limit": 0})),
    ];
    for (op, input) in refused {
        assert_eq!(
            code(&mut w, ALICE, op, input.clone()),
            "ValidationException",
            "{op} {input}"
        );
    }
    ok(
        &mut w,
        ALICE,
        "Encrypt",
        json!({"KeyId": k, "Plaintext": b64(&[0; 4096])}),
    );
    ok(
        &mut w,
        ALICE,
        "GenerateRandom",
        json!({"NumberOfBytes": 1024}),
    );
    ok(
        &mut w,
        ALICE,
        "UpdateKeyDescription",
        json!({"KeyId": k, "Description": "d".repeat(8192)}),
    );
    ok(
        &mut w,
        ALICE,
        "EnableKeyRotation",
        json!({"KeyId": k, "RotationPeriodInDays": 2560}),
    );
}

#[test]
fn describe_key_while_pending_deletion_shows_the_deletion_date_only() {
    // KeyMetadata: DeletionDate "is present only when the KMS key is scheduled for
    // deletion"; PendingDeletionWindowInDays "is present only when the KeyState of the KMS
    // key is PendingReplicaDeletion".
    let mut w = world(8);
    let k = new_key(&mut w);
    ok(
        &mut w,
        ALICE,
        "ScheduleKeyDeletion",
        json!({"KeyId": k, "PendingWindowInDays": 7}),
    );
    let m = &ok(&mut w, ALICE, "DescribeKey", json!({"KeyId": k}))["KeyMetadata"];
    assert_eq!(m["KeyState"], "PendingDeletion");
    assert_eq!(m["DeletionDate"], 1_767_225_600 + 7 * 86_400);
    assert!(m.get("PendingDeletionWindowInDays").is_none(), "{m}");
}
