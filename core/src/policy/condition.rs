//! The `Condition` element: operators, condition keys, and their evaluation.
//!
//! Blocks with different operators, and different keys under one operator, are ANDed;
//! several values for one key are ORed. A key missing from the request makes a positive
//! operator false and a negated one true; `...IfExists` makes either true. `ForAnyValue:`
//! and `ForAllValues:` compare sets (ForAllValues is true for an empty set, ForAnyValue
//! false). Policy values are compiled once; evaluation does not allocate.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use super::pattern::{Pattern, Syntax, Variables};
use crate::action::ActionSet;
use crate::clock::Timestamp;

/// A condition key, resolved from its case-insensitive name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CondKey {
    /// `kms:EncryptionContext:<k>`: the value of pair `<k>` (the `<k>` part is
    /// case-insensitive).
    EncryptionContext(String),
    /// `kms:EncryptionContextKeys` (multi-valued)
    EncryptionContextKeys,
    /// `kms:ViaService`
    ViaService,
    /// `kms:CallerAccount`
    CallerAccount,
    /// `kms:GrantOperations` (multi-valued)
    GrantOperations,
    /// `kms:GrantIsForAWSResource`
    GrantIsForAwsResource,
    /// `kms:GranteePrincipal`
    GranteePrincipal,
    /// `kms:RetiringPrincipal`
    RetiringPrincipal,
    /// `kms:GrantConstraintType`
    GrantConstraintType,
    /// `kms:EncryptionAlgorithm`
    EncryptionAlgorithm,
    /// `kms:ReEncryptOnSameKey`
    ReEncryptOnSameKey,
    /// `kms:KeySpec` (and the older `kms:CustomerMasterKeySpec`)
    KeySpec,
    /// `kms:KeyUsage` (and the older `kms:CustomerMasterKeyUsage`)
    KeyUsage,
    /// `kms:KeyOrigin`
    KeyOrigin,
    /// `kms:MultiRegion`
    MultiRegion,
    /// `kms:RequestAlias`
    RequestAlias,
    /// `kms:ResourceAliases` (multi-valued)
    ResourceAliases,
    /// `kms:RotationPeriodInDays`
    RotationPeriodInDays,
    /// `kms:ScheduleKeyDeletionPendingWindowInDays`
    PendingWindowInDays,
    /// `kms:BypassPolicyLockoutSafetyCheck`
    BypassPolicyLockoutSafetyCheck,
    /// `aws:PrincipalArn`
    PrincipalArn,
    /// `aws:PrincipalAccount`
    PrincipalAccount,
    /// `aws:PrincipalType`
    PrincipalType,
    /// `aws:username`
    Username,
    /// `aws:CurrentTime`
    CurrentTime,
    /// `aws:EpochTime`
    EpochTime,
    /// `aws:ResourceAccount`
    ResourceAccount,
    /// `aws:ViaAWSService`
    ViaAwsService,
    /// `aws:ResourceTag/<k>`: a tag of the key.
    ResourceTag(String),
    /// `aws:RequestTag/<k>`: the value of tag `<k>` in the request (CreateKey, TagResource).
    RequestTag(String),
    /// `aws:TagKeys` (multi-valued): the tag keys in the request (CreateKey, TagResource,
    /// UntagResource).
    TagKeys,
    /// A KMS key that exists but never has a value for the symmetric keys the simulator
    /// models (`kms:SigningAlgorithm`, `kms:MacAlgorithm`, ...).
    NeverPresent(String),
    /// A key the simulator does not model (`aws:SourceIp`, `s3:...`): always absent.
    Unmodelled(String),
}

/// The type of a condition key's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    /// Text.
    String,
    /// A number.
    Numeric,
    /// `true` or `false`.
    Bool,
    /// A date and time.
    Date,
    /// An ARN.
    Arn,
}

const NEVER_PRESENT_KMS_KEYS: &[&str] = &[
    "kms:datakeypairspec",
    "kms:expirationmodel",
    "kms:keyagreementalgorithm",
    "kms:macalgorithm",
    "kms:messagetype",
    "kms:multiregionkeytype",
    "kms:primaryregion",
    "kms:replicaregion",
    "kms:signingalgorithm",
    "kms:validto",
    "kms:wrappingalgorithm",
    "kms:wrappingkeyspec",
    "kms:keyrotationstatus",
];

impl CondKey {
    /// Resolves a key name. `None` for a `kms:` key that does not exist.
    pub fn parse(name: &str) -> Option<CondKey> {
        let lower = name.to_ascii_lowercase();
        if let Some(k) = lower.strip_prefix("kms:encryptioncontext:") {
            let original = name.get(name.len() - k.len()..).unwrap_or(k);
            return Some(CondKey::EncryptionContext(String::from(original)));
        }
        if let Some(k) = lower.strip_prefix("aws:resourcetag/") {
            let original = name.get(name.len() - k.len()..).unwrap_or(k);
            return Some(CondKey::ResourceTag(String::from(original)));
        }
        if let Some(k) = lower.strip_prefix("aws:requesttag/") {
            let original = name.get(name.len() - k.len()..).unwrap_or(k);
            return Some(CondKey::RequestTag(String::from(original)));
        }
        Some(match lower.as_str() {
            "kms:encryptioncontextkeys" => CondKey::EncryptionContextKeys,
            "kms:viaservice" => CondKey::ViaService,
            "kms:calleraccount" => CondKey::CallerAccount,
            "kms:grantoperations" => CondKey::GrantOperations,
            "kms:grantisforawsresource" => CondKey::GrantIsForAwsResource,
            "kms:granteeprincipal" => CondKey::GranteePrincipal,
            "kms:retiringprincipal" => CondKey::RetiringPrincipal,
            "kms:grantconstrainttype" => CondKey::GrantConstraintType,
            "kms:encryptionalgorithm" => CondKey::EncryptionAlgorithm,
            "kms:reencryptonsamekey" => CondKey::ReEncryptOnSameKey,
            "kms:keyspec" | "kms:customermasterkeyspec" => CondKey::KeySpec,
            "kms:keyusage" | "kms:customermasterkeyusage" => CondKey::KeyUsage,
            "kms:keyorigin" => CondKey::KeyOrigin,
            "kms:multiregion" => CondKey::MultiRegion,
            "kms:requestalias" => CondKey::RequestAlias,
            "kms:resourcealiases" => CondKey::ResourceAliases,
            "kms:rotationperiodindays" => CondKey::RotationPeriodInDays,
            "kms:schedulekeydeletionpendingwindowindays" => CondKey::PendingWindowInDays,
            "kms:bypasspolicylockoutsafetycheck" => CondKey::BypassPolicyLockoutSafetyCheck,
            "aws:principalarn" => CondKey::PrincipalArn,
            "aws:principalaccount" => CondKey::PrincipalAccount,
            "aws:principaltype" => CondKey::PrincipalType,
            "aws:username" => CondKey::Username,
            "aws:currenttime" => CondKey::CurrentTime,
            "aws:epochtime" => CondKey::EpochTime,
            "aws:resourceaccount" => CondKey::ResourceAccount,
            "aws:viaawsservice" => CondKey::ViaAwsService,
            "aws:tagkeys" => CondKey::TagKeys,
            k if NEVER_PRESENT_KMS_KEYS.contains(&k) => CondKey::NeverPresent(String::from(name)),
            k if k.starts_with("kms:") => return None,
            _ => CondKey::Unmodelled(String::from(name)),
        })
    }

    /// Whether a request can carry several values for this key.
    pub fn is_multi_valued(&self) -> bool {
        matches!(
            self,
            CondKey::EncryptionContextKeys
                | CondKey::GrantOperations
                | CondKey::ResourceAliases
                | CondKey::TagKeys
        )
    }

    /// Whether `ForAllValues` with this key is refused in a key policy: KMS's
    /// `OverlyPermissiveCondition` for the single-valued `kms:EncryptionContext:<k>` and
    /// `aws:RequestTag/<k>`.
    pub fn refuses_for_all_values(&self) -> bool {
        matches!(self, CondKey::EncryptionContext(_) | CondKey::RequestTag(_))
    }

    /// The type of the key's values.
    pub fn key_type(&self) -> Option<KeyType> {
        Some(match self {
            CondKey::GrantIsForAwsResource
            | CondKey::ReEncryptOnSameKey
            | CondKey::MultiRegion
            | CondKey::BypassPolicyLockoutSafetyCheck
            | CondKey::ViaAwsService => KeyType::Bool,
            CondKey::RotationPeriodInDays | CondKey::PendingWindowInDays | CondKey::EpochTime => {
                KeyType::Numeric
            }
            CondKey::CurrentTime => KeyType::Date,
            CondKey::PrincipalArn | CondKey::GranteePrincipal | CondKey::RetiringPrincipal => {
                KeyType::Arn
            }
            CondKey::NeverPresent(_) | CondKey::Unmodelled(_) => return None,
            _ => KeyType::String,
        })
    }
}

/// One value of a condition key in a request.
#[derive(Clone, Copy, Debug)]
pub enum Val<'a> {
    /// Text.
    Str(&'a str),
    /// A whole number.
    Num(i64),
    /// A boolean.
    Bool(bool),
    /// A time.
    Time(Timestamp),
}

/// The several values of a multi-valued key.
#[derive(Clone, Copy, Debug)]
pub enum Multi<'a> {
    /// The keys of an encryption context.
    ContextKeys(&'a BTreeMap<String, String>),
    /// Grant operation names.
    Operations(ActionSet),
    /// A list of strings (aliases).
    List(&'a [String]),
    /// The keys of a list of pairs (the tag keys of a request).
    PairKeys(&'a [(String, String)]),
}

impl<'a> Multi<'a> {
    fn is_empty(&self) -> bool {
        match self {
            Multi::ContextKeys(m) => m.is_empty(),
            Multi::Operations(s) => s.is_empty(),
            Multi::List(l) => l.is_empty(),
            Multi::PairKeys(l) => l.is_empty(),
        }
    }

    fn any(&self, mut f: impl FnMut(&str) -> bool) -> bool {
        match self {
            Multi::ContextKeys(m) => m.keys().any(|k| f(k)),
            Multi::Operations(s) => s.iter().any(|a| f(a.name())),
            Multi::List(l) => l.iter().any(|v| f(v)),
            Multi::PairKeys(l) => l.iter().any(|(k, _)| f(k)),
        }
    }

    fn all(&self, mut f: impl FnMut(&str) -> bool) -> bool {
        !self.any(|v| !f(v))
    }
}

/// What a request says about a condition key.
#[derive(Clone, Copy, Debug)]
pub enum Fact<'a> {
    /// The request has no value for it.
    Absent,
    /// One value.
    One(Val<'a>),
    /// A set of values (possibly empty, which counts as absent).
    Many(Multi<'a>),
}

/// Where conditions find the facts of a request.
pub trait Facts: Variables {
    /// The request's value(s) for `key`.
    fn fact(&self, key: &CondKey) -> Fact<'_>;
}

/// How a set of request values is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetQualifier {
    /// `ForAnyValue:`: at least one request value matches (false for none).
    AnyValue,
    /// `ForAllValues:`: every request value matches (true for none).
    AllValues,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn holds(self, ord: core::cmp::Ordering) -> bool {
        use core::cmp::Ordering::*;
        match self {
            Cmp::Eq => ord == Equal,
            Cmp::Lt => ord == Less,
            Cmp::Le => ord != Greater,
            Cmp::Gt => ord == Greater,
            Cmp::Ge => ord != Less,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    StringEquals { ignore_case: bool },
    StringLike,
    Numeric(Cmp),
    Date(Cmp),
    Bool,
    Binary,
    Ip,
    ArnEquals,
    ArnLike,
    Null,
}

/// A condition operator: its base comparison, negation, `IfExists` and set qualifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operator {
    base: Base,
    negated: bool,
    if_exists: bool,
    set: Option<SetQualifier>,
    name: String,
}

impl Operator {
    /// Reads an operator name such as `ForAnyValue:StringLikeIfExists` (case-insensitive,
    /// as IAM reads it). `None` if there is no such operator.
    pub fn parse(name: &str) -> Option<Operator> {
        let lower = name.to_ascii_lowercase();
        let (set, rest) = if let Some(r) = lower.strip_prefix("foranyvalue:") {
            (Some(SetQualifier::AnyValue), r)
        } else if let Some(r) = lower.strip_prefix("forallvalues:") {
            (Some(SetQualifier::AllValues), r)
        } else {
            (None, lower.as_str())
        };
        let (if_exists, rest) = match rest.strip_suffix("ifexists") {
            Some(r) if r != "null" => (true, r),
            _ => (false, rest),
        };
        let (base, negated) = match rest {
            "stringequals" => (Base::StringEquals { ignore_case: false }, false),
            "stringnotequals" => (Base::StringEquals { ignore_case: false }, true),
            "stringequalsignorecase" => (Base::StringEquals { ignore_case: true }, false),
            "stringnotequalsignorecase" => (Base::StringEquals { ignore_case: true }, true),
            "stringlike" => (Base::StringLike, false),
            "stringnotlike" => (Base::StringLike, true),
            "numericequals" => (Base::Numeric(Cmp::Eq), false),
            "numericnotequals" => (Base::Numeric(Cmp::Eq), true),
            "numericlessthan" => (Base::Numeric(Cmp::Lt), false),
            "numericlessthanequals" => (Base::Numeric(Cmp::Le), false),
            "numericgreaterthan" => (Base::Numeric(Cmp::Gt), false),
            "numericgreaterthanequals" => (Base::Numeric(Cmp::Ge), false),
            "dateequals" => (Base::Date(Cmp::Eq), false),
            "datenotequals" => (Base::Date(Cmp::Eq), true),
            "datelessthan" => (Base::Date(Cmp::Lt), false),
            "datelessthanequals" => (Base::Date(Cmp::Le), false),
            "dategreaterthan" => (Base::Date(Cmp::Gt), false),
            "dategreaterthanequals" => (Base::Date(Cmp::Ge), false),
            "bool" => (Base::Bool, false),
            "binaryequals" => (Base::Binary, false),
            "ipaddress" => (Base::Ip, false),
            "notipaddress" => (Base::Ip, true),
            "arnequals" => (Base::ArnEquals, false),
            "arnnotequals" => (Base::ArnEquals, true),
            "arnlike" => (Base::ArnLike, false),
            "arnnotlike" => (Base::ArnLike, true),
            "null" if set.is_none() => (Base::Null, false),
            _ => return None,
        };
        Some(Operator {
            base,
            negated,
            if_exists,
            set,
            name: String::from(name),
        })
    }

    /// The operator as written in the policy.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The set qualifier, if any.
    pub fn set_qualifier(&self) -> Option<SetQualifier> {
        self.set
    }

    /// Whether this is the `Null` operator.
    pub fn is_null(&self) -> bool {
        self.base == Base::Null
    }

    /// The type of value the operator compares, to check it against the key's type.
    pub fn value_type(&self) -> Option<KeyType> {
        match self.base {
            Base::StringEquals { .. } | Base::StringLike => Some(KeyType::String),
            Base::Numeric(_) => Some(KeyType::Numeric),
            Base::Date(_) => Some(KeyType::Date),
            Base::Bool => Some(KeyType::Bool),
            Base::ArnEquals | Base::ArnLike => Some(KeyType::Arn),
            Base::Binary | Base::Ip | Base::Null => None,
        }
    }
}

/// One compiled value of a condition.
#[derive(Clone, Debug, PartialEq)]
enum PolicyValue {
    Pattern(Pattern),
    /// ARN patterns: the six `:`-separated parts (the last may contain `:`).
    Arn(Vec<Pattern>),
    Number(f64),
    Time(Timestamp),
    Bool(bool),
    Text(String),
}

/// One `operator: { key: values }` entry, compiled.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The operator.
    pub operator: Operator,
    /// The key, resolved.
    pub key: CondKey,
    /// The key as written.
    pub key_name: String,
    /// The values as written.
    pub raw_values: Vec<String>,
    values: Vec<PolicyValue>,
}

/// Why a condition value could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    /// Which value (index into the values).
    pub index: usize,
    /// What is wrong.
    pub message: String,
}

impl Condition {
    /// Compiles one entry. `variables`: whether `${...}` are policy variables.
    pub fn compile(
        operator: Operator,
        key_name: &str,
        key: CondKey,
        raw_values: Vec<String>,
        variables: bool,
    ) -> Result<Condition, ValueError> {
        let mut values = Vec::with_capacity(raw_values.len());
        for (index, raw) in raw_values.iter().enumerate() {
            let err = |message: &str| ValueError {
                index,
                message: String::from(message),
            };
            let exact = Syntax {
                wildcards: false,
                variables,
            };
            let glob = Syntax {
                wildcards: true,
                variables,
            };
            let v = match operator.base {
                Base::StringEquals { .. } => PolicyValue::Pattern(Pattern::compile(raw, exact)),
                Base::StringLike => PolicyValue::Pattern(Pattern::compile(raw, glob)),
                Base::Numeric(_) => match raw.trim().parse::<f64>() {
                    Ok(n) if n.is_finite() => PolicyValue::Number(n),
                    _ => return Err(err("expected a number")),
                },
                Base::Date(_) => match parse_date(raw) {
                    Some(t) => PolicyValue::Time(t),
                    None => {
                        return Err(err(
                            "expected a date such as `2026-01-01T00:00:00Z` or epoch seconds",
                        ));
                    }
                },
                Base::Bool | Base::Null => match raw.to_ascii_lowercase().as_str() {
                    "true" => PolicyValue::Bool(true),
                    "false" => PolicyValue::Bool(false),
                    _ => return Err(err("expected `true` or `false`")),
                },
                Base::ArnEquals | Base::ArnLike => {
                    let syntax = if operator.base == Base::ArnLike {
                        glob
                    } else {
                        exact
                    };
                    PolicyValue::Arn(
                        split_arn(raw)
                            .into_iter()
                            .map(|p| Pattern::compile(p, syntax))
                            .collect(),
                    )
                }
                Base::Binary | Base::Ip => PolicyValue::Text(raw.clone()),
            };
            values.push(v);
        }
        Ok(Condition {
            operator,
            key_name: String::from(key_name),
            key,
            raw_values,
            values,
        })
    }

    /// Whether the condition holds for the request.
    pub fn holds(&self, facts: &dyn Facts) -> bool {
        let op = &self.operator;
        let fact = facts.fact(&self.key);
        let present = match fact {
            Fact::Absent => false,
            Fact::One(_) => true,
            Fact::Many(m) => !m.is_empty(),
        };
        if op.base == Base::Null {
            // `Null: true` holds when the key is absent; several values are ORed.
            return self
                .values
                .iter()
                .any(|v| matches!(v, PolicyValue::Bool(b) if *b != present));
        }
        match (op.set, fact) {
            (_, _) if !present => match op.set {
                _ if op.if_exists => true,
                Some(SetQualifier::AllValues) => true,
                Some(SetQualifier::AnyValue) => false,
                None => op.negated,
            },
            (Some(q), Fact::Many(m)) => {
                let one = |v: &str| self.any_value_matches(Val::Str(v), facts) != op.negated;
                match q {
                    SetQualifier::AnyValue => m.any(one),
                    SetQualifier::AllValues => m.all(one),
                }
            }
            (Some(_), Fact::One(v)) => self.any_value_matches(v, facts) != op.negated,
            (None, Fact::Many(m)) => {
                m.any(|v| self.any_value_matches(Val::Str(v), facts)) != op.negated
            }
            (None, Fact::One(v)) => self.any_value_matches(v, facts) != op.negated,
            (_, Fact::Absent) => op.negated,
        }
    }

    /// Whether the request value `v` matches at least one of the policy's values, by the
    /// operator's positive comparison.
    fn any_value_matches(&self, v: Val<'_>, vars: &dyn Facts) -> bool {
        let base = self.operator.base;
        match base {
            Base::StringEquals { ignore_case } => with_text(v, |t| {
                self.values.iter().any(
                    |p| matches!(p, PolicyValue::Pattern(p) if p.matches(t, vars, ignore_case)),
                )
            }),
            Base::StringLike => with_text(v, |t| {
                self.values
                    .iter()
                    .any(|p| matches!(p, PolicyValue::Pattern(p) if p.matches(t, vars, false)))
            }),
            Base::Numeric(cmp) => {
                let Some(n) = as_number(v) else { return false };
                self.values.iter().any(|p| match p {
                    PolicyValue::Number(x) => n.partial_cmp(x).is_some_and(|o| cmp.holds(o)),
                    _ => false,
                })
            }
            Base::Date(cmp) => {
                let Some(t) = as_time(v) else { return false };
                self.values
                    .iter()
                    .any(|p| matches!(p, PolicyValue::Time(x) if cmp.holds(t.cmp(x))))
            }
            Base::Bool => {
                let Some(b) = as_bool(v) else { return false };
                self.values
                    .iter()
                    .any(|p| matches!(p, PolicyValue::Bool(x) if *x == b))
            }
            Base::ArnEquals | Base::ArnLike => with_text(v, |t| {
                self.values.iter().any(|p| match p {
                    PolicyValue::Arn(parts) => arn_matches(parts, t, vars),
                    _ => false,
                })
            }),
            Base::Binary | Base::Ip => with_text(v, |t| {
                self.values
                    .iter()
                    .any(|p| matches!(p, PolicyValue::Text(x) if x == t))
            }),
            Base::Null => false,
        }
    }
}

fn split_arn(s: &str) -> Vec<&str> {
    // Split on `:` outside `${...}`, into at most six parts.
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0u32;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(b"${") = bytes.get(i..i + 2) {
            depth += 1;
            i += 2;
            continue;
        }
        match bytes.get(i) {
            Some(b'}') if depth > 0 => depth -= 1,
            Some(b':') if depth == 0 && parts.len() < 5 => {
                parts.push(s.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(s.get(start..).unwrap_or_default());
    parts
}

fn arn_matches(parts: &[Pattern], text: &str, vars: &dyn Facts) -> bool {
    let mut given = text.splitn(6, ':');
    let mut count = 0;
    for p in parts {
        match given.next() {
            Some(g) if p.matches(g, vars, false) => count += 1,
            _ => return false,
        }
    }
    given.next().is_none() && count == parts.len() && parts.len() == 6
}

fn parse_date(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = Timestamp::parse(s) {
        return Some(t);
    }
    if let Some(t) = s
        .strip_suffix('Z')
        .and_then(|d| Timestamp::parse(&alloc::format!("{d}T00:00:00Z")).ok())
    {
        return Some(t);
    }
    if let Ok(t) = Timestamp::parse(&alloc::format!("{s}T00:00:00Z")) {
        return Some(t);
    }
    s.parse::<i64>().ok().and_then(Timestamp::from_unix_seconds)
}

fn as_number(v: Val<'_>) -> Option<f64> {
    match v {
        Val::Num(n) => Some(n as f64),
        Val::Str(s) => s.trim().parse::<f64>().ok(),
        Val::Time(t) => Some(t.unix_seconds() as f64),
        Val::Bool(_) => None,
    }
}

fn as_time(v: Val<'_>) -> Option<Timestamp> {
    match v {
        Val::Time(t) => Some(t),
        Val::Num(n) => Timestamp::from_unix_seconds(n),
        Val::Str(s) => parse_date(s),
        Val::Bool(_) => None,
    }
}

fn as_bool(v: Val<'_>) -> Option<bool> {
    match v {
        Val::Bool(b) => Some(b),
        Val::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Val::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A small text buffer on the stack, for numbers and times compared as strings.
struct Buf {
    bytes: [u8; 32],
    len: usize,
}

impl fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dst = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn with_text<R>(v: Val<'_>, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = Buf {
        bytes: [0; 32],
        len: 0,
    };
    let s = match v {
        Val::Str(s) => return f(s),
        Val::Bool(true) => "true",
        Val::Bool(false) => "false",
        Val::Num(n) => {
            let _ = write!(buf, "{n}");
            core::str::from_utf8(buf.bytes.get(..buf.len).unwrap_or_default()).unwrap_or_default()
        }
        Val::Time(t) => {
            let _ = write!(buf, "{t}");
            core::str::from_utf8(buf.bytes.get(..buf.len).unwrap_or_default()).unwrap_or_default()
        }
    };
    f(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::pattern::Variable;
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
        assert!(
            !ne.holds(&ctx(&[("Department", "IT")])) && ne.holds(&ctx(&[("Department", "HR")]))
        );

        let ic = cond(
            "StringEqualsIgnoreCase",
            "kms:EncryptionContext:Department",
            &["it"],
        );
        assert!(ic.holds(&ctx(&[("Department", "IT")])));

        let like = cond("StringLike", "kms:EncryptionContext:Project", &["alpha-*"]);
        assert!(
            like.holds(&ctx(&[("Project", "alpha-1")]))
                && !like.holds(&ctx(&[("Project", "beta")]))
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
}
