//! The `Condition` element: operators, condition keys, and their evaluation.
//!
//! Blocks with different operators, and different keys under one operator, are ANDed;
//! several values for one key are ORed. A key missing from the request makes a positive
//! operator false and a negated one true; `...IfExists` makes either true. `ForAnyValue:`
//! and `ForAllValues:` compare sets (ForAllValues is true for an empty set, ForAnyValue
//! false). Policy values are compiled once; evaluation does not allocate.

use alloc::string::String;
use alloc::vec::Vec;

use super::pattern::{Pattern, Syntax};
use crate::clock::Timestamp;
mod keys;
mod operators;
mod values;

pub use keys::{CondKey, KeyType};
pub use operators::{Operator, SetQualifier};
pub use values::{Fact, Facts, Multi, Val};

use operators::Base;
use values::{arn_matches, as_bool, as_number, as_time, parse_date, split_arn, with_text};

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

impl core::fmt::Display for ValueError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "value {}: {}", self.index + 1, self.message)
    }
}

impl core::error::Error for ValueError {}

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

#[cfg(test)]
mod tests;
