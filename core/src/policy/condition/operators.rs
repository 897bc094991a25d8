//! Condition operators: `StringEquals`, `NumericLessThan`, `ArnLike`, `Null`, … with
//! `IfExists` and the set qualifiers `ForAnyValue:` and `ForAllValues:`.

use alloc::string::String;

use super::keys::KeyType;

/// How a set of request values is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetQualifier {
    /// `ForAnyValue:`: at least one request value matches (false for none).
    AnyValue,
    /// `ForAllValues:`: every request value matches (true for none).
    AllValues,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub(super) fn holds(self, ord: core::cmp::Ordering) -> bool {
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
pub(super) enum Base {
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
    pub(super) base: Base,
    pub(super) negated: bool,
    pub(super) if_exists: bool,
    pub(super) set: Option<SetQualifier>,
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
