//! The AWS CLI command a learner would type for a call the page made:
//! `aws kms encrypt --key-id alias/cmk-a --plaintext fileb://plaintext.bin …`.
//!
//! Binary members go through files (`fileb://`), or for short text through
//! `--cli-binary-format raw-in-base64-out`; policies through `file://`; maps in the CLI's
//! shorthand (`--encryption-context k=v,k2=v2`) where it can say them, JSON otherwise.

use serde_json::Value;

use kms_core::service::{Kind, Location, Member};

use crate::store::Service;

/// The CLI's spelling of an API name (`KeyId` → `key-id`): the core's, which the
/// terminal's parser reads back.
pub use kms_core::awscli::kebab;

/// Quotes `s` for a POSIX shell when it needs it.
pub fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%".contains(c));
    if plain {
        String::from(s)
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Whether a map's keys and values can go in the CLI's shorthand (`k=v,k2=v2`).
fn shorthand_safe(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@+".contains(c))
}

/// The text a `Plaintext` holds, when it is short printable UTF-8.
fn printable(b64: &str) -> Option<String> {
    let bytes = kms_core::b64::decode(b64).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    (!text.is_empty() && text.len() <= 120 && !text.chars().any(char::is_control)).then_some(text)
}

/// The file a member's value is read from: `policy.json` for a policy, `trust-policy.json`
/// for a role's trust policy, `ciphertext.bin` for `CiphertextBlob`.
fn file_for(member: &Member) -> String {
    match (member.shape.kind, member.name) {
        (Kind::String, "AssumeRolePolicyDocument") => String::from("trust-policy.json"),
        (Kind::String, _) => String::from("policy.json"),
        _ => format!("{}.bin", kebab(member.name).trim_end_matches("-blob")),
    }
}

/// Whether a string member holds a policy document (`Policy`, `PolicyDocument`,
/// `AssumeRolePolicyDocument`): long JSON, which the CLI reads from a file.
fn is_policy(member: &Member) -> bool {
    matches!(member.shape.kind, Kind::String)
        && (member.name == "Policy" || member.name.ends_with("PolicyDocument"))
}

/// A list item or map in the CLI's shorthand (`TagKey=team,TagValue=blue`), when it can
/// say it.
fn shorthand(map: &serde_json::Map<String, Value>) -> Option<String> {
    map.iter()
        .all(|(k, v)| {
            shorthand_safe(k)
                && v.as_str()
                    .is_some_and(|s| s.chars().all(|c| c != ',' && c != '=' && !c.is_control()))
        })
        .then(|| {
            map.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(",")
        })
}

/// The arguments of one member of the request, by its shape in AWS's model.
fn arguments(member: &Member, value: &Value, raw_text: &mut bool) -> Vec<String> {
    let flag = format!("--{}", kebab(member.name));
    let with = |v: String| vec![flag.clone(), v];
    match (member.shape.kind, value) {
        // S3's object data is a file path (`--body object.bin`).
        (Kind::Blob, Value::String(_)) if member.location == Location::Payload => {
            with(String::from("object.bin"))
        }
        (Kind::Blob, Value::String(b64)) => match printable(b64) {
            Some(text) => {
                *raw_text = true;
                with(quote(&text))
            }
            None => with(format!("fileb://{}", file_for(member))),
        },
        (Kind::String, Value::String(_)) if is_policy(member) => {
            with(format!("file://{}", file_for(member)))
        }
        (_, Value::String(s)) => with(quote(s)),
        (_, Value::Bool(true)) => vec![flag],
        (_, Value::Bool(false)) => vec![format!("--no-{}", kebab(member.name))],
        (_, Value::Number(n)) => with(n.to_string()),
        (Kind::List(item), Value::Array(items)) => {
            let mut out = vec![flag.clone()];
            for it in items {
                match (item.kind, it) {
                    (_, Value::String(s)) => out.push(quote(s)),
                    (Kind::Structure(_), Value::Object(m)) => {
                        out.push(quote(&shorthand(m).unwrap_or_else(|| it.to_string())))
                    }
                    _ => out.push(quote(&it.to_string())),
                }
            }
            out
        }
        // A structure of plain values in the CLI's shorthand (`LocationConstraint=eu-west-1`).
        (Kind::Structure(_), Value::Object(map)) => {
            with(shorthand(map).unwrap_or_else(|| quote(&value.to_string())))
        }
        (Kind::Map(..), Value::Object(map)) => match shorthand(map)
            .filter(|_| map.values().all(|v| v.as_str().is_some_and(shorthand_safe)))
        {
            Some(pairs) => with(pairs),
            None => with(quote(&value.to_string())),
        },
        (_, other) => with(quote(&other.to_string())),
    }
}

/// The whole command for `operation` with `input`, sent to `region`.
pub fn command(service: Service, operation: &str, input: &Value, region: &str) -> String {
    let mut parts = vec![
        String::from("aws"),
        String::from(service.cli_name()),
        kebab(operation),
    ];
    let mut raw_text = false;
    if let Value::Object(members) = input {
        // The key (or bucket) first, as people write it; the rest in the request's order.
        let first = ["KeyId", "Bucket", "UserName", "RoleName"];
        let mut ordered: Vec<(&String, &Value)> = members.iter().collect();
        ordered.sort_by_key(|(k, _)| first.iter().position(|f| f == k).unwrap_or(first.len()));
        let members = service
            .operation(operation)
            .map(|d| d.input())
            .unwrap_or_default();
        for (name, value) in ordered {
            match members.iter().find(|m| m.name == name) {
                Some(m) => parts.extend(arguments(m, value, &mut raw_text)),
                // Not a member of the operation (the door refused it): shown as sent.
                None => {
                    parts.push(format!("--{}", kebab(name)));
                    parts.push(quote(&value.to_string()));
                }
            }
        }
    }
    // `aws s3api get-object` writes the body to a file it must be given: the key's name.
    if service == Service::S3 && operation == "GetObject" {
        let key = input.get("Key").and_then(Value::as_str).unwrap_or("object");
        let name = key
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or("object");
        parts.push(quote(name));
    }
    if raw_text {
        parts.push(String::from("--cli-binary-format"));
        parts.push(String::from("raw-in-base64-out"));
    }
    if service != Service::Iam {
        parts.push(String::from("--region"));
        parts.push(quote(region));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_spelled_as_the_cli_spells_them() {
        for (api, cli) in [
            ("KeyId", "key-id"),
            ("CiphertextBlob", "ciphertext-blob"),
            (
                "GenerateDataKeyWithoutPlaintext",
                "generate-data-key-without-plaintext",
            ),
            ("ReEncrypt", "re-encrypt"),
            ("SSEKMSKeyId", "ssekms-key-id"),
            ("SSEKMSEncryptionContext", "ssekms-encryption-context"),
            ("ListObjectsV2", "list-objects-v2"),
            (
                "BypassPolicyLockoutSafetyCheck",
                "bypass-policy-lockout-safety-check",
            ),
            ("DryRun", "dry-run"),
        ] {
            assert_eq!(kebab(api), cli);
        }
    }

    #[test]
    fn encrypt_reads_as_a_learner_would_type_it() {
        let input = json!({"KeyId": "alias/cmk-a", "Plaintext": "SGVsbG8gQ01LLUE=", "EncryptionContext": {"lesson": "cmk-access"}});
        assert_eq!(
            command(Service::Kms, "Encrypt", &input, "us-east-1"),
            "aws kms encrypt --key-id alias/cmk-a --encryption-context lesson=cmk-access --plaintext 'Hello CMK-A' --cli-binary-format raw-in-base64-out --region us-east-1"
        );
        let binary = json!({"KeyId": "k", "Plaintext": "AAECAw=="});
        assert_eq!(
            command(Service::Kms, "Encrypt", &binary, "eu-west-1"),
            "aws kms encrypt --key-id k --plaintext fileb://plaintext.bin --region eu-west-1"
        );
    }

    #[test]
    fn every_kind_of_member_has_its_syntax() {
        let input = json!({
            "CiphertextBlob": "AAAA",
            "EncryptionContext": {"purpose": "has space"},
            "GrantTokens": ["t1", "t2"],
            "DryRun": true,
        });
        assert_eq!(
            command(Service::Kms, "Decrypt", &input, "us-east-1"),
            r#"aws kms decrypt --ciphertext-blob fileb://ciphertext.bin --dry-run --encryption-context '{"purpose":"has space"}' --grant-tokens t1 t2 --region us-east-1"#
        );
        let grant = json!({"KeyId": "1234", "GranteePrincipal": "arn:aws:iam::1:user/Bob", "Operations": ["Encrypt", "Decrypt"], "Constraints": {"EncryptionContextSubset": {"a": "b"}}});
        assert_eq!(
            command(Service::Kms, "CreateGrant", &grant, "us-east-1"),
            r#"aws kms create-grant --key-id 1234 --constraints '{"EncryptionContextSubset":{"a":"b"}}' --grantee-principal arn:aws:iam::1:user/Bob --operations Encrypt Decrypt --region us-east-1"#
        );
        let key = json!({"Description": "it's mine", "Tags": [{"TagKey": "team", "TagValue": "blue sky"}], "BypassPolicyLockoutSafetyCheck": false, "Policy": "{}"});
        assert_eq!(
            command(Service::Kms, "CreateKey", &key, "us-east-1"),
            r"aws kms create-key --no-bypass-policy-lockout-safety-check --description 'it'\''s mine' --policy file://policy.json --tags 'TagKey=team,TagValue=blue sky' --region us-east-1"
        );
        let days = json!({"KeyId": "k", "PendingWindowInDays": 7});
        assert_eq!(
            command(Service::Kms, "ScheduleKeyDeletion", &days, "us-east-1"),
            "aws kms schedule-key-deletion --key-id k --pending-window-in-days 7 --region us-east-1"
        );
    }

    /// The files the twins name, holding what the requests below carry.
    struct TwinFiles;

    impl kms_core::awscli::Files for TwinFiles {
        fn read(&self, path: &str) -> Option<Vec<u8>> {
            match path {
                "plaintext.bin" => Some(vec![0, 1, 2, 3]),
                "ciphertext.bin" => Some(vec![0, 0, 0]),
                "policy.json" => Some(b"{}".to_vec()),
                "object.bin" => Some(b"hi".to_vec()),
                _ => None,
            }
        }
    }

    #[test]
    fn every_twin_parses_back_to_its_request() {
        let calls = [
            (
                Service::Kms,
                "Encrypt",
                json!({"KeyId": "alias/cmk-a", "Plaintext": "SGVsbG8gQ01LLUE=", "EncryptionContext": {"lesson": "cmk-access"}}),
            ),
            (
                Service::Kms,
                "Encrypt",
                json!({"KeyId": "k", "Plaintext": "AAECAw=="}),
            ),
            (
                Service::Kms,
                "Decrypt",
                json!({"CiphertextBlob": "AAAA", "EncryptionContext": {"purpose": "has space"}, "GrantTokens": ["t1", "t2"], "DryRun": true}),
            ),
            (
                Service::Kms,
                "CreateGrant",
                json!({"KeyId": "1234", "GranteePrincipal": "arn:aws:iam::1:user/Bob", "Operations": ["Encrypt", "Decrypt"], "Constraints": {"EncryptionContextSubset": {"a": "b"}}}),
            ),
            (
                Service::Kms,
                "CreateKey",
                json!({"Description": "it's mine", "Tags": [{"TagKey": "team", "TagValue": "blue sky"}], "BypassPolicyLockoutSafetyCheck": false, "Policy": "{}"}),
            ),
            (
                Service::Kms,
                "ScheduleKeyDeletion",
                json!({"KeyId": "k", "PendingWindowInDays": 7}),
            ),
            (
                Service::Iam,
                "PutUserPolicy",
                json!({"UserName": "Erin", "PolicyName": "p", "PolicyDocument": "{}"}),
            ),
            (
                Service::S3,
                "PutObject",
                json!({"Bucket": "b", "Key": "k.txt", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "alias/x", "BucketKeyEnabled": true}),
            ),
            (
                Service::S3,
                "GetObject",
                json!({"Bucket": "b", "Key": "docs/k.txt"}),
            ),
            (
                Service::S3,
                "CreateBucket",
                json!({"Bucket": "b", "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}}),
            ),
        ];
        for (service, operation, input) in calls {
            let twin = command(service, operation, &input, "eu-west-1");
            let words = kms_core::awscli::words(&twin).unwrap();
            let back = kms_core::awscli::parse(&words, &TwinFiles)
                .unwrap_or_else(|e| panic!("{twin}: {}", e.message));
            assert_eq!(back.operation.name(), operation, "{twin}");
            assert_eq!(back.input, input, "{twin}");
            let region = (service != Service::Iam).then_some("eu-west-1");
            assert_eq!(back.region.as_deref(), region, "{twin}");
        }
    }

    /// The files a twin names, holding what its request carries (so the twin, run again,
    /// reads back the same bytes).
    struct FilesOf(Vec<(String, Vec<u8>)>);

    impl kms_core::awscli::Files for FilesOf {
        fn read(&self, path: &str) -> Option<Vec<u8>> {
            self.0
                .iter()
                .find(|(n, _)| n == path)
                .map(|(_, b)| b.clone())
        }
    }

    fn files_of(service: Service, operation: &str, input: &Value) -> FilesOf {
        let members = service
            .operation(operation)
            .map(|d| d.input())
            .unwrap_or_default();
        let mut files = Vec::new();
        for m in members {
            let Some(v) = input.get(m.name) else { continue };
            let name = if service == Service::S3 && m.name == "Body" {
                String::from("object.bin")
            } else {
                file_for(m)
            };
            match v {
                Value::String(t) if is_policy(m) => files.push((name, t.clone().into_bytes())),
                Value::String(b64) => {
                    if let Ok(bytes) = kms_core::b64::decode(b64) {
                        files.push((name, bytes));
                    }
                }
                _ => {}
            }
        }
        FilesOf(files)
    }

    /// Every call of every preset, as the playground plays it: its twin, run through the
    /// terminal's parser, is the same request.
    #[test]
    fn the_twins_of_every_presets_calls_parse_back() {
        let presets = [
            include_str!("../../tests/scenarios/cmk-access.json"),
            include_str!("../../tests/scenarios/cross-account.json"),
            include_str!("../../tests/scenarios/encryption-context.json"),
            include_str!("../../tests/scenarios/envelope-basics.json"),
            include_str!("../../tests/scenarios/format-examples.json"),
            include_str!("../../tests/scenarios/grants-and-tokens.json"),
            include_str!("../../tests/scenarios/rotation-and-deletion.json"),
            include_str!("../../tests/scenarios/sse-kms.json"),
        ];
        let mut checked = 0;
        for text in presets {
            let scenario = kms_core::scenario::Scenario::load(text).unwrap();
            let mut runner = kms_core::scenario::Runner::new(&scenario).unwrap();
            while !runner.finished() {
                if let Some(Ok(call)) = runner.prepare_call() {
                    let (service, operation) = match call.operation.split_once(':') {
                        Some(("s3", op)) => (Service::S3, op),
                        Some(("iam", op)) => (Service::Iam, op),
                        Some((_, op)) => (Service::Kms, op),
                        None => (Service::Kms, call.operation.as_str()),
                    };
                    let members = service
                        .operation(operation)
                        .map(|d| d.input())
                        .unwrap_or_default();
                    // A step that sends what the operation does not take (to show the
                    // refusal) has no twin the CLI would accept.
                    let known = call
                        .input
                        .as_object()
                        .is_some_and(|o| o.keys().all(|k| members.iter().any(|m| m.name == k)));
                    if known {
                        let twin = command(service, operation, &call.input, "us-east-1");
                        let words = kms_core::awscli::words(&twin).unwrap();
                        let files = files_of(service, operation, &call.input);
                        let back = kms_core::awscli::parse(&words, &files)
                            .unwrap_or_else(|e| panic!("{twin}: {}", e.message));
                        assert_eq!(back.operation.name(), operation, "{twin}");
                        assert_eq!(back.input, call.input, "{twin}");
                        checked += 1;
                    }
                }
                runner.step();
            }
        }
        assert!(checked >= 40, "only {checked} calls checked");
    }

    #[test]
    fn iam_and_s3_commands() {
        let put = json!({"UserName": "Erin", "PolicyName": "p", "PolicyDocument": "{}"});
        assert_eq!(
            command(Service::Iam, "PutUserPolicy", &put, "us-east-1"),
            "aws iam put-user-policy --user-name Erin --policy-document file://policy.json --policy-name p"
        );
        let object = json!({"Bucket": "b", "Key": "k.txt", "Body": "aGk=", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "alias/x", "BucketKeyEnabled": true});
        assert_eq!(
            command(Service::S3, "PutObject", &object, "us-east-1"),
            "aws s3api put-object --bucket b --body object.bin --bucket-key-enabled --key k.txt --ssekms-key-id alias/x --server-side-encryption aws:kms --region us-east-1"
        );
        let bucket = json!({"Bucket": "b", "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}});
        assert_eq!(
            command(Service::S3, "CreateBucket", &bucket, "eu-west-1"),
            "aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=eu-west-1 --region eu-west-1"
        );
    }
}
