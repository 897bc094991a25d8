//! Every operation of every service through the page's model: the slices the world's change
//! counters say changed are notified, and a change is an undo step.

use super::*;

/// A request for each operation of each service, in an order where most succeed.
fn every_operation(
    grant_token: &str,
    grant_id: &str,
    blob: &str,
) -> Vec<(Service, &'static str, Value)> {
    let k = CMK_A;
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123412341234:root"},"Action":"sts:AssumeRole"}]}"#;
    let allow = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}"#;
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Sid":"root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123412341234:root"},"Action":"kms:*","Resource":"*"}]}"#;
    let put = json!({"Bucket": "every", "Key": "o", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": k, "BucketKeyEnabled": true});
    vec![
        (Service::Kms, "CreateKey", json!({"Description": "every"})),
        (Service::Kms, "DescribeKey", json!({"KeyId": k})),
        (Service::Kms, "ListKeys", json!({"Limit": 5})),
        (
            Service::Kms,
            "UpdateKeyDescription",
            json!({"KeyId": k, "Description": "d"}),
        ),
        (Service::Kms, "DisableKey", json!({"KeyId": k})),
        (Service::Kms, "EnableKey", json!({"KeyId": k})),
        (
            Service::Kms,
            "Encrypt",
            json!({"KeyId": k, "Plaintext": "aGk="}),
        ),
        (Service::Kms, "Decrypt", json!({"CiphertextBlob": blob})),
        (
            Service::Kms,
            "ReEncrypt",
            json!({"CiphertextBlob": blob, "DestinationKeyId": k}),
        ),
        (
            Service::Kms,
            "GenerateDataKey",
            json!({"KeyId": k, "KeySpec": "AES_256"}),
        ),
        (
            Service::Kms,
            "GenerateDataKeyWithoutPlaintext",
            json!({"KeyId": k, "NumberOfBytes": 32}),
        ),
        (Service::Kms, "GenerateRandom", json!({"NumberOfBytes": 8})),
        (
            Service::Kms,
            "CreateAlias",
            json!({"AliasName": "alias/every", "TargetKeyId": k}),
        ),
        (
            Service::Kms,
            "UpdateAlias",
            json!({"AliasName": "alias/every", "TargetKeyId": k}),
        ),
        (Service::Kms, "ListAliases", json!({})),
        (
            Service::Kms,
            "DeleteAlias",
            json!({"AliasName": "alias/every"}),
        ),
        (Service::Kms, "EnableKeyRotation", json!({"KeyId": k})),
        (Service::Kms, "GetKeyRotationStatus", json!({"KeyId": k})),
        (Service::Kms, "RotateKeyOnDemand", json!({"KeyId": k})),
        (Service::Kms, "ListKeyRotations", json!({"KeyId": k})),
        (Service::Kms, "DisableKeyRotation", json!({"KeyId": k})),
        (
            Service::Kms,
            "GetKeyPolicy",
            json!({"KeyId": k, "PolicyName": "default"}),
        ),
        (Service::Kms, "ListKeyPolicies", json!({"KeyId": k})),
        (
            Service::Kms,
            "PutKeyPolicy",
            json!({"KeyId": k, "PolicyName": "default", "Policy": policy}),
        ),
        (
            Service::Kms,
            "CreateGrant",
            json!({"KeyId": k, "GranteePrincipal": BOB, "RetiringPrincipal": ROOT, "Operations": ["Decrypt"]}),
        ),
        (Service::Kms, "ListGrants", json!({"KeyId": k})),
        (
            Service::Kms,
            "ListRetirableGrants",
            json!({"RetiringPrincipal": ROOT}),
        ),
        (
            Service::Kms,
            "RetireGrant",
            json!({"GrantToken": grant_token}),
        ),
        (
            Service::Kms,
            "RevokeGrant",
            json!({"KeyId": k, "GrantId": grant_id}),
        ),
        (
            Service::Kms,
            "TagResource",
            json!({"KeyId": k, "Tags": [{"TagKey": "t", "TagValue": "v"}]}),
        ),
        (Service::Kms, "ListResourceTags", json!({"KeyId": k})),
        (
            Service::Kms,
            "UntagResource",
            json!({"KeyId": k, "TagKeys": ["t"]}),
        ),
        (
            Service::Kms,
            "ScheduleKeyDeletion",
            json!({"KeyId": k, "PendingWindowInDays": 7}),
        ),
        (Service::Kms, "CancelKeyDeletion", json!({"KeyId": k})),
        // A cancelled deletion leaves the key disabled, as in AWS.
        (Service::Kms, "EnableKey", json!({"KeyId": k})),
        (Service::S3, "CreateBucket", json!({"Bucket": "every"})),
        (Service::S3, "PutObject", put),
        (
            Service::S3,
            "HeadObject",
            json!({"Bucket": "every", "Key": "o"}),
        ),
        (
            Service::S3,
            "GetObject",
            json!({"Bucket": "every", "Key": "o"}),
        ),
        (Service::S3, "ListObjectsV2", json!({"Bucket": "every"})),
        (
            Service::S3,
            "DeleteObject",
            json!({"Bucket": "every", "Key": "o"}),
        ),
        (Service::Iam, "CreateUser", json!({"UserName": "Frank"})),
        (
            Service::Iam,
            "PutUserPolicy",
            json!({"UserName": "Frank", "PolicyName": "p", "PolicyDocument": allow}),
        ),
        (
            Service::Iam,
            "DeleteUserPolicy",
            json!({"UserName": "Frank", "PolicyName": "p"}),
        ),
        (Service::Iam, "DeleteUser", json!({"UserName": "Frank"})),
        (
            Service::Iam,
            "CreateRole",
            json!({"RoleName": "Reader", "AssumeRolePolicyDocument": trust}),
        ),
        (
            Service::Iam,
            "PutRolePolicy",
            json!({"RoleName": "Reader", "PolicyName": "p", "PolicyDocument": allow}),
        ),
        (
            Service::Iam,
            "DeleteRolePolicy",
            json!({"RoleName": "Reader", "PolicyName": "p"}),
        ),
        (Service::Iam, "DeleteRole", json!({"RoleName": "Reader"})),
    ]
}

#[test]
fn every_operation_of_every_service_notifies_what_the_counters_saw_change() {
    let mut m = Model::new(seed_world());
    let root = Caller::new(ROOT);
    // A ciphertext and a grant to work with.
    let send = |m: &mut Model, service, op: &str, input: &Value| {
        m.dispatch(
            &root,
            Request {
                service,
                operation: op,
                input,
            },
        )
    };
    let (enc, _) = send(
        &mut m,
        Service::Kms,
        "Encrypt",
        &json!({"KeyId": CMK_A, "Plaintext": "aGk="}),
    );
    let blob = enc.output.as_ref().unwrap()["CiphertextBlob"]
        .as_str()
        .unwrap()
        .to_string();
    let grant = json!({"KeyId": CMK_A, "GranteePrincipal": BOB, "Operations": ["Decrypt"]});
    let (g, _) = send(&mut m, Service::Kms, "CreateGrant", &grant);
    let grant_id = g.output.as_ref().unwrap()["GrantId"]
        .as_str()
        .unwrap()
        .to_string();
    let (g2, _) = send(
        &mut m,
        Service::Kms,
        "CreateGrant",
        &json!({"KeyId": CMK_A, "GranteePrincipal": BOB, "RetiringPrincipal": ROOT, "Operations": ["Encrypt"]}),
    );
    let token = g2.output.as_ref().unwrap()["GrantToken"]
        .as_str()
        .unwrap()
        .to_string();
    let script = every_operation(&token, &grant_id, &blob);
    let mut sent = std::collections::BTreeSet::new();
    let mut failed = Vec::new();
    for (service, op, input) in &script {
        let before: Vec<String> = Slice::ALL
            .iter()
            .map(|s| projection(m.world(), *s))
            .collect();
        let undo_before = m.undo_len();
        let (record, slices) = send(&mut m, *service, op, input);
        // Every slice that changed is notified (a counter may also count a change that
        // left the same value, as UpdateAlias to the same key at the same second).
        let mut changed_world = false;
        for (s, was) in Slice::ALL.iter().zip(&before) {
            if projection(m.world(), *s) != *was {
                assert!(
                    slices.contains(*s),
                    "{service} {op} changed {s:?} without notifying it ({:?})",
                    record.output
                );
                changed_world |= *s != Slice::Audit;
            }
        }
        // A call that changed more than the audit log is an undo step; a failed one or
        // one that only wrote its audit event is not.
        if changed_world {
            assert_eq!(m.undo_len(), undo_before + 1, "{service} {op}");
        }
        if !record.ok() || slices.iter().all(|s| s == Slice::Audit) {
            assert_eq!(m.undo_len(), undo_before, "{service} {op} is no undo step");
        }
        if !record.ok() {
            failed.push(format!("{service} {op}: {:?}", record.output));
        }
        sent.insert((*service, *op));
    }
    for service in Service::ALL {
        for d in service.operations() {
            assert!(
                sent.contains(&(service, d.name())),
                "{service} {} was not sent",
                d.name()
            );
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}
