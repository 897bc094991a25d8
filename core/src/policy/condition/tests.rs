//! Tests of conditions: operators, keys and values.

use super::values::split_arn;
use super::*;
use crate::action::ActionSet;
use crate::clock::Timestamp;
use crate::policy::pattern::Variable;
use crate::policy::pattern::Variables;
use alloc::collections::BTreeMap;
use alloc::string::ToString;
use alloc::vec;

#[derive(Default)]
struct Req {
    ctx: BTreeMap<String, String>,
    via: Option<&'static str>,
    rotation: Option<i64>,
    aliases: Vec<String>,
    ops: Option<ActionSet>,
    grant_for_aws: Option<bool>,
    user: Option<&'static str>,
}

impl Variables for Req {
    fn variable(&self, v: &Variable) -> Option<&str> {
        match v {
            Variable::Username => self.user,
            _ => None,
        }
    }
}

impl Facts for Req {
    fn fact(&self, key: &CondKey) -> Fact<'_> {
        match key {
            CondKey::EncryptionContext(k) => self
                .ctx
                .iter()
                .find(|(ck, _)| ck.eq_ignore_ascii_case(k))
                .map_or(Fact::Absent, |(_, v)| Fact::One(Val::Str(v))),
            CondKey::EncryptionContextKeys => Fact::Many(Multi::ContextKeys(&self.ctx)),
            CondKey::ViaService => self.via.map_or(Fact::Absent, |v| Fact::One(Val::Str(v))),
            CondKey::RotationPeriodInDays => self
                .rotation
                .map_or(Fact::Absent, |n| Fact::One(Val::Num(n))),
            CondKey::ResourceAliases => Fact::Many(Multi::List(&self.aliases)),
            CondKey::GrantOperations => self
                .ops
                .map_or(Fact::Absent, |s| Fact::Many(Multi::Operations(s))),
            CondKey::GrantIsForAwsResource => self
                .grant_for_aws
                .map_or(Fact::Absent, |b| Fact::One(Val::Bool(b))),
            CondKey::Username => self.user.map_or(Fact::Absent, |u| Fact::One(Val::Str(u))),
            CondKey::CurrentTime => Fact::One(Val::Time(Timestamp::DEFAULT_START)),
            _ => Fact::Absent,
        }
    }
}

fn cond(op: &str, key: &str, values: &[&str]) -> Condition {
    Condition::compile(
        Operator::parse(op).unwrap(),
        key,
        CondKey::parse(key).unwrap(),
        values.iter().map(|s| s.to_string()).collect(),
        true,
    )
    .unwrap()
}

fn ctx(pairs: &[(&str, &str)]) -> Req {
    Req {
        ctx: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Req::default()
    }
}

#[test]
fn operators_parse_with_qualifiers_and_if_exists() {
    let op = Operator::parse("ForAnyValue:StringLikeIfExists").unwrap();
    assert_eq!(
        (op.set, op.if_exists, op.negated),
        (Some(SetQualifier::AnyValue), true, false)
    );
    assert!(Operator::parse("stringequals").is_some());
    assert!(Operator::parse("NullIfExists").is_none());
    assert!(Operator::parse("ForAnyValue:Null").is_none());
    assert!(Operator::parse("StringEqual").is_none());
    assert!(Operator::parse("NumericNotEquals").unwrap().negated);
}

#[test]
fn keys_are_case_insensitive_and_kms_keys_must_exist() {
    assert_eq!(CondKey::parse("KMS:ViaService"), Some(CondKey::ViaService));
    assert_eq!(
        CondKey::parse("kms:EncryptionContext:Dept"),
        Some(CondKey::EncryptionContext("Dept".to_string()))
    );
    assert_eq!(
        CondKey::parse("kms:CustomerMasterKeySpec"),
        Some(CondKey::KeySpec)
    );
    assert!(CondKey::parse("kms:ViaServices").is_none());
    assert_eq!(
        CondKey::parse("aws:SourceIp"),
        Some(CondKey::Unmodelled("aws:SourceIp".to_string()))
    );
}

#[test]
fn string_conditions_on_encryption_context() {
    let c = cond(
        "StringEquals",
        "kms:EncryptionContext:Department",
        &["IT", "HR"],
    );
    assert!(c.holds(&ctx(&[("Department", "IT")])));
    assert!(
        c.holds(&ctx(&[("department", "HR")])),
        "the key part is case-insensitive"
    );
    assert!(
        !c.holds(&ctx(&[("Department", "it")])),
        "the value comparison is case-sensitive"
    );
    assert!(
        !c.holds(&ctx(&[])),
        "absent key: positive operator is false"
    );

    let ne = cond(
        "StringNotEquals",
        "kms:EncryptionContext:Department",
        &["IT"],
    );
    assert!(ne.holds(&ctx(&[])), "absent key: negated operator is true");
    assert!(!ne.holds(&ctx(&[("Department", "IT")])) && ne.holds(&ctx(&[("Department", "HR")])));

    let ic = cond(
        "StringEqualsIgnoreCase",
        "kms:EncryptionContext:Department",
        &["it"],
    );
    assert!(ic.holds(&ctx(&[("Department", "IT")])));

    let like = cond("StringLike", "kms:EncryptionContext:Project", &["alpha-*"]);
    assert!(
        like.holds(&ctx(&[("Project", "alpha-1")])) && !like.holds(&ctx(&[("Project", "beta")]))
    );

    let ie = cond(
        "StringEqualsIfExists",
        "kms:EncryptionContext:Department",
        &["IT"],
    );
    assert!(ie.holds(&ctx(&[])) && !ie.holds(&ctx(&[("Department", "HR")])));
}

#[test]
fn set_operators_on_context_keys() {
    let any = cond(
        "ForAnyValue:StringEquals",
        "kms:EncryptionContextKeys",
        &["Purpose"],
    );
    let all = cond(
        "ForAllValues:StringEquals",
        "kms:EncryptionContextKeys",
        &["Purpose", "Dept"],
    );
    assert!(any.holds(&ctx(&[("Purpose", "x"), ("Other", "y")])));
    assert!(!any.holds(&ctx(&[])), "ForAnyValue is false with no values");
    assert!(all.holds(&ctx(&[("Purpose", "x")])));
    assert!(!all.holds(&ctx(&[("Purpose", "x"), ("Other", "y")])));
    assert!(
        all.holds(&ctx(&[])),
        "ForAllValues is true with no values: the documented pitfall"
    );

    let all_not = cond(
        "ForAllValues:StringNotEquals",
        "kms:EncryptionContextKeys",
        &["Secret"],
    );
    assert!(
        all_not.holds(&ctx(&[("A", "1"), ("B", "2")]))
            && !all_not.holds(&ctx(&[("A", "1"), ("Secret", "2")]))
    );
}

#[test]
fn null_numeric_bool_date_arn() {
    let null = cond("Null", "kms:EncryptionContextKeys", &["false"]);
    assert!(null.holds(&ctx(&[("A", "1")])) && !null.holds(&ctx(&[])));
    let null_t = cond("Null", "kms:ViaService", &["true"]);
    assert!(null_t.holds(&Req::default()));

    let n = cond(
        "NumericLessThanEquals",
        "kms:RotationPeriodInDays",
        &["180"],
    );
    assert!(n.holds(&Req {
        rotation: Some(90),
        ..Req::default()
    }));
    assert!(!n.holds(&Req {
        rotation: Some(365),
        ..Req::default()
    }));
    assert!(!n.holds(&Req::default()));

    let b = cond("Bool", "kms:GrantIsForAWSResource", &["true"]);
    assert!(b.holds(&Req {
        grant_for_aws: Some(true),
        ..Req::default()
    }));
    assert!(!b.holds(&Req {
        grant_for_aws: Some(false),
        ..Req::default()
    }));

    let d = cond("DateLessThan", "aws:CurrentTime", &["2026-06-01T00:00:00Z"]);
    assert!(d.holds(&Req::default()));
    let d = cond("DateGreaterThan", "aws:CurrentTime", &["2026-06-01"]);
    assert!(!d.holds(&Req::default()));

    let ops = cond(
        "ForAllValues:StringEquals",
        "kms:GrantOperations",
        &["Decrypt", "Encrypt"],
    );
    let r = |a: &[crate::action::Action]| Req {
        ops: Some(ActionSet::from_actions(a)),
        ..Req::default()
    };
    assert!(ops.holds(&r(&[crate::action::Action::Decrypt])));
    assert!(!ops.holds(&r(&[
        crate::action::Action::Decrypt,
        crate::action::Action::ReEncryptFrom
    ])));

    assert_eq!(
        split_arn("arn:aws:iam::${aws:PrincipalAccount}:role/a:b"),
        [
            "arn",
            "aws",
            "iam",
            "",
            "${aws:PrincipalAccount}",
            "role/a:b"
        ]
    );
}

#[test]
fn variables_inside_condition_values() {
    let c = cond(
        "StringEquals",
        "kms:EncryptionContext:Owner",
        &["${aws:username}"],
    );
    let mut r = ctx(&[("Owner", "Alice")]);
    assert!(!c.holds(&r), "no username: the variable does not resolve");
    r.user = Some("Alice");
    assert!(c.holds(&r));
    r.user = Some("Bob");
    assert!(!c.holds(&r));
}

#[test]
fn bad_values_are_refused_with_their_index() {
    let e = Condition::compile(
        Operator::parse("NumericEquals").unwrap(),
        "kms:RotationPeriodInDays",
        CondKey::RotationPeriodInDays,
        vec!["90".to_string(), "ninety".to_string()],
        true,
    )
    .unwrap_err();
    assert_eq!(e.index, 1);
    assert!(e.message.contains("number"));
}
