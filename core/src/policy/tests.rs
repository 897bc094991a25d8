//! Tests of reading and checking policy documents.

use super::*;
use alloc::string::ToString;
use alloc::vec::Vec;

fn codes(text: &str, kind: PolicyKind) -> Vec<(Severity, &'static str, String, (u32, u32))> {
    Policy::check(text, kind)
        .diagnostics
        .into_iter()
        .map(|d| (d.severity, d.code.as_str(), d.path, (d.loc.line, d.loc.col)))
        .collect()
}

const DEFAULT_KEY_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Id": "key-default-1",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}"#;

#[test]
fn reads_the_default_key_policy() {
    let p = Policy::parse(DEFAULT_KEY_POLICY, PolicyKind::Key).unwrap();
    assert_eq!(p.version(), Version::V2012_10_17);
    assert_eq!(p.id(), Some("key-default-1"));
    let s = &p.statements()[0];
    assert_eq!(s.sid.as_deref(), Some("Enable IAM User Permissions"));
    assert_eq!((s.loc.line, s.loc.col), (5, 5));
    assert_eq!(s.effect, Effect::Allow);
    assert_eq!(s.actions, ActionSet::all());
    assert!(
        matches!(&s.principal, PrincipalSpec::Only(l) if l == &[PrincipalPattern::Account(crate::ids::AccountId::parse("111122223333").unwrap())])
    );
    assert_eq!(s.label(), "\"Enable IAM User Permissions\"");
}

#[test]
fn a_single_statement_object_is_accepted() {
    let p = Policy::parse(
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}}"#,
        PolicyKind::Identity,
    )
    .unwrap();
    assert_eq!(p.statements().len(), 1);
    assert_eq!(p.statements()[0].actions.iter().count(), 2);
    assert_eq!(p.statements()[0].label(), "#1");
}

#[test]
fn errors_are_located() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Action\": \"kms:Encrpyt\",\n    \"Resource\": \"*\"\n  }]\n}";
    let d = codes(text, PolicyKind::Identity);
    assert_eq!(
        d,
        [(
            Severity::Error,
            "unknown-action",
            "Statement[0].Action".to_string(),
            (5, 15)
        )]
    );
    let msg = &Policy::check(text, PolicyKind::Identity).diagnostics[0].message;
    assert!(msg.contains("did you mean `kms:Encrypt`"), "{msg}");
    assert!(Policy::check(text, PolicyKind::Identity).policy.is_none());
}

#[test]
fn malformed_documents_give_errors_not_panics() {
    let cases: &[(&str, &str)] = &[
        ("", "invalid-json"),
        ("{", "invalid-json"),
        ("[]", "not-an-object"),
        ("{\"Version\":\"2012-10-17\"}", "missing-statement"),
        ("{\"Version\":\"2012-10-17\",\"Statement\":7}", "wrong-type"),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[7]}",
            "wrong-type",
        ),
        (
            "{\"Version\":\"2020-01-01\",\"Statement\":[]}",
            "invalid-version",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"statement\":[]}",
            "unknown-element",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
            "missing-effect",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
            "invalid-effect",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}",
            "missing-action",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"Encrypt\",\"Resource\":\"*\"}]}",
            "invalid-action",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"NotAction\":\"kms:Decrypt\",\"Resource\":\"*\"}]}",
            "action-and-notaction",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"key/1\"}]}",
            "invalid-resource",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Principal\":\"*\"}]}",
            "principal-in-identity-policy",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"kms:ViaService\":\"x\"}}}]}",
            "unknown-operator",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:ViaServize\":\"x\"}}}]}",
            "unknown-condition-key",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"NumericEquals\":{\"kms:RotationPeriodInDays\":\"ninety\"}}}]}",
            "invalid-condition-value",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"kms:GrantIsForAWSResource\":[]}}}]}",
            "empty-list",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"has space\",\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
            "invalid-sid",
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
            "duplicate-sid",
        ),
    ];
    for (text, code) in cases {
        let checked = Policy::check(text, PolicyKind::Identity);
        assert!(checked.policy.is_none(), "{text}");
        assert!(
            checked.errors().any(|d| d.code == *code),
            "{text}: expected {code}, got {:?}",
            checked.diagnostics
        );
    }
}

#[test]
fn key_policy_rules() {
    let missing_principal = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    assert!(
        Policy::check(missing_principal, PolicyKind::Key)
            .errors()
            .any(|d| d.code == "missing-principal")
    );
    let bad_principal = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"Alice\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    assert!(
        Policy::check(bad_principal, PolicyKind::Key)
            .errors()
            .any(|d| d.code == "invalid-principal")
    );
    let huge = alloc::format!(
        "{{\"Version\":\"2012-10-17\",\"Id\":\"{}\",\"Statement\":[]}}",
        "x".repeat(MAX_KEY_POLICY_BYTES)
    );
    assert!(
        Policy::check(&huge, PolicyKind::Key)
            .errors()
            .any(|d| d.code == "too-large")
    );
    // Sids with spaces and duplicates are legal in key policies (a warning for duplicates).
    let dup = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A b\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"A b\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    let c = Policy::check(dup, PolicyKind::Key);
    assert!(c.policy.is_some());
    assert!(c.warnings().any(|d| d.code == "duplicate-sid"));
}

#[test]
fn nonexistent_principals_are_refused_with_a_directory() {
    struct OnlyAlice;
    impl PrincipalDirectory for OnlyAlice {
        fn knows(&self, p: &PrincipalPattern) -> bool {
            p.identity_arn() == Some("arn:aws:iam::111122223333:user/Alice")
        }
    }
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/Alice","arn:aws:iam::111122223333:user/Zed","111122223333"]},"Action":"kms:*","Resource":"*"}]}"#;
    let c = Policy::check_with(text, PolicyKind::Key, &OnlyAlice);
    let errs: Vec<_> = c
        .errors()
        .map(|d| (d.code.as_str(), d.path.clone()))
        .collect();
    assert_eq!(
        errs,
        [(
            "unknown-principal",
            "Statement[0].Principal.AWS[1]".to_string()
        )]
    );
}

#[test]
fn warnings_for_legal_but_likely_wrong() {
    let w = |text: &str, kind| -> Vec<&'static str> {
        Policy::check(text, kind)
            .warnings()
            .map(|d| d.code.as_str())
            .collect()
    };
    // No Resource: applies to nothing.
    assert!(w(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*"}]}"#, PolicyKind::Key).contains(&"missing-resource"));
    // ForAllValues with a single-valued encryption context key.
    assert!(w(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:EncryptionContext:Dept":"IT"}}}]}"#, PolicyKind::Identity).contains(&"forallvalues-single-valued"));
    // Allow with NotPrincipal.
    assert!(w(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/Bob"},"Action":"kms:*","Resource":"*"}]}"#, PolicyKind::Key).contains(&"allow-with-notprincipal"));
    // Lockout: nobody may PutKeyPolicy.
    assert!(w(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Bob"},"Action":"kms:Encrypt","Resource":"*"}]}"#, PolicyKind::Key).contains(&"lockout"));
    assert!(!w(DEFAULT_KEY_POLICY, PolicyKind::Key).contains(&"lockout"));
    // Missing Version; unmodelled keys; multi-valued key without a set operator.
    assert!(
        w(
            r#"{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringEquals":{"kms:EncryptionContextKeys":"a"}}}]}"#,
            PolicyKind::Identity
        ) == [
            "missing-version",
            "unmodelled-key",
            "multi-valued-without-set-operator"
        ]
    );
    // A non-KMS action in a key policy.
    assert!(w(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["kms:*","s3:GetObject"],"Resource":"*"}]}"#, PolicyKind::Key).contains(&"not-a-kms-action"));
    // Case hint for element names.
    let c = Policy::check(
        r#"{"Version":"2012-10-17","Statement":[{"effect":"Allow","Action":"kms:*","Resource":"*"}]}"#,
        PolicyKind::Identity,
    );
    assert!(
        c.errors()
            .any(|d| d.message.contains("did you mean `Effect`"))
    );
}

#[test]
fn not_action_complements_kms_actions() {
    let p = Policy::parse(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["kms:ScheduleKeyDeletion","kms:Put*"],"Resource":"*"}]}"#,
        PolicyKind::Identity,
    )
    .unwrap();
    let s = &p.statements()[0];
    assert!(
        s.not_action
            && s.covers(Action::Encrypt)
            && !s.covers(Action::PutKeyPolicy)
            && !s.covers(Action::ScheduleKeyDeletion)
    );
}

#[test]
fn default_policies_read_back_cleanly() {
    let account = crate::ids::AccountId::parse("111122223333").unwrap();
    for (text, lockout_expected) in [
        (defaults::api_default(account), false),
        (
            defaults::console(
                account,
                &defaults::ConsoleForm {
                    users_grant_for_aws_resources: true,
                    administrators: Vec::from(["arn:aws:iam::111122223333:role/Admin".to_string()]),
                    administrators_can_delete: false,
                    users: Vec::from([
                        "arn:aws:iam::111122223333:user/Alice".to_string(),
                        "arn:aws:iam::111122223333:role/App".to_string(),
                    ]),
                },
            ),
            false,
        ),
        (
            defaults::aws_managed(account, &crate::ids::Region::default_region(), "s3"),
            true,
        ),
    ] {
        let c = Policy::check(&text, PolicyKind::Key);
        assert!(c.policy.is_some(), "{text}\n{:?}", c.diagnostics);
        let warnings: Vec<_> = c.warnings().map(|d| d.code.as_str()).collect();
        assert_eq!(
            warnings.contains(&"lockout"),
            lockout_expected,
            "{text}: {warnings:?}"
        );
        assert_eq!(
            warnings.len(),
            usize::from(lockout_expected),
            "{text}: {warnings:?}"
        );
    }
    let console = Policy::parse(
        &defaults::console(
            account,
            &defaults::ConsoleForm {
                users_grant_for_aws_resources: true,
                administrators: Vec::from(["arn:aws:iam::111122223333:role/Admin".to_string()]),
                administrators_can_delete: false,
                users: Vec::new(),
            },
        ),
        PolicyKind::Key,
    )
    .unwrap();
    let admin = &console.statements()[1];
    assert!(
        admin.covers(Action::PutKeyPolicy)
            && !admin.covers(Action::ScheduleKeyDeletion)
            && !admin.covers(Action::Encrypt)
    );
}
