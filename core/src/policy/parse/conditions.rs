//! The `Condition` element: operators, keys and values, and the warnings Access Analyzer
//! would give for their use.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::Cx;
use crate::json::{Json, Loc, Value};
use crate::policy::condition::{CondKey, Condition, KeyType, Operator, SetQualifier};
use crate::policy::pattern::{Pattern, Syntax};
use crate::policy::{DiagnosticCode, PolicyKind};

pub(super) fn read_conditions(cx: &mut Cx<'_>, c: &Json, path: &str) -> Vec<Condition> {
    let Some(ops) = c.as_object() else {
        cx.error(
            DiagnosticCode::WrongType,
            path,
            c.loc,
            format!(
                "`Condition` must be an object of operators, not {}",
                c.kind()
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for op_member in ops {
        let op_path = format!("{path}.{}", op_member.key);
        let Some(operator) = Operator::parse(&op_member.key) else {
            cx.error(
                DiagnosticCode::UnknownOperator,
                &op_path,
                op_member.key_loc,
                format!("`{}` is not a condition operator", op_member.key),
            );
            continue;
        };
        let Some(keys) = op_member.value.as_object() else {
            cx.error(
                DiagnosticCode::WrongType,
                &op_path,
                op_member.value.loc,
                format!(
                    "the operator `{}` must map condition keys to values, not be {}",
                    op_member.key,
                    op_member.value.kind()
                ),
            );
            continue;
        };
        for key_member in keys {
            let key_path = format!("{op_path}.{}", key_member.key);
            let key = match CondKey::parse(&key_member.key) {
                Some(k) => k,
                None => {
                    cx.error(
                        DiagnosticCode::UnknownConditionKey,
                        &key_path,
                        key_member.key_loc,
                        format!("`{}` is not an AWS KMS condition key", key_member.key),
                    );
                    continue;
                }
            };
            check_key_use(
                cx,
                &operator,
                &key,
                &key_member.key,
                &key_path,
                key_member.key_loc,
            );
            let raw = condition_values(cx, &key_member.value, &key_path);
            let loc_of = |i: usize| match &key_member.value.value {
                Value::Array(items) => items.get(i).map_or(key_member.value.loc, |j| j.loc),
                _ => key_member.value.loc,
            };
            let raw_strings: Vec<String> = raw.clone();
            if cx.variables {
                for (i, v) in raw.iter().enumerate() {
                    let p = Pattern::compile(
                        v,
                        Syntax {
                            wildcards: false,
                            variables: true,
                        },
                    );
                    for var in p.unmodelled_variables() {
                        cx.warn(DiagnosticCode::UnmodelledVariable, &key_path, loc_of(i), format!("the policy variable `${{{var}}}` is not modelled by the simulator: this value never matches"));
                    }
                }
            }
            match Condition::compile(
                operator.clone(),
                &key_member.key,
                key,
                raw_strings,
                cx.variables,
            ) {
                Ok(c) => out.push(c),
                Err(e) => cx.error(
                    DiagnosticCode::InvalidConditionValue,
                    &key_path,
                    loc_of(e.index),
                    format!(
                        "`{}` for `{}`: {}",
                        raw.get(e.index).map_or("", |s| s.as_str()),
                        operator.name(),
                        e.message
                    ),
                ),
            }
        }
    }
    out
}

fn condition_values(cx: &mut Cx<'_>, v: &Json, path: &str) -> Vec<String> {
    let one = |cx: &mut Cx<'_>, j: &Json, p: &str| -> Option<String> {
        match &j.value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                cx.error(
                    DiagnosticCode::WrongType,
                    p,
                    j.loc,
                    format!(
                        "a condition value must be a string, number or boolean, not {}",
                        j.kind()
                    ),
                );
                None
            }
        }
    };
    match &v.value {
        Value::Array(items) => {
            if items.is_empty() {
                cx.error(
                    DiagnosticCode::EmptyList,
                    path,
                    v.loc,
                    "a condition needs at least one value".to_string(),
                );
            }
            items
                .iter()
                .enumerate()
                .filter_map(|(i, j)| one(cx, j, &format!("{path}[{i}]")))
                .collect()
        }
        _ => one(cx, v, path).into_iter().collect(),
    }
}

fn check_key_use(cx: &mut Cx<'_>, op: &Operator, key: &CondKey, name: &str, path: &str, loc: Loc) {
    match key {
        CondKey::Unmodelled(_) => {
            cx.warn(DiagnosticCode::UnmodelledKey, path, loc, format!("the condition key `{name}` is not modelled by the simulator: it is treated as absent from every request"));
            return;
        }
        CondKey::NeverPresent(_) => {
            cx.warn(DiagnosticCode::KeyNeverPresent, path, loc, format!("`{name}` only has a value for operations the simulator does not offer (asymmetric, HMAC or imported keys): it is absent from every request here"));
            return;
        }
        _ => {}
    }
    if key.refuses_for_all_values() && op.set_qualifier() == Some(SetQualifier::AllValues) {
        let what = match key {
            CondKey::RequestTag(_) => ("RequestTag", "tag"),
            _ => ("EncryptionContext", "encryption context"),
        };
        match cx.kind {
            // KMS refuses it: "If you create or update a policy that includes a
            // ForAllValues set operator with the kms:EncryptionContext:context-key or
            // aws:RequestTag/tag-key condition keys, AWS KMS returns the following error".
            PolicyKind::Key => cx.error(DiagnosticCode::OverlyPermissiveCondition, path, loc, format!("OverlyPermissiveCondition:{}: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified {1} or with an unspecified {1}. To fix, remove ForAllValues.", what.0, what.1)),
            // IAM Access Analyzer's security warning.
            PolicyKind::Identity => cx.security_warning(DiagnosticCode::ForallvaluesSingleValued, path, loc, format!("Using ForAllValues qualifier with the single-valued condition key {name} can be overly permissive. We recommend that you remove ForAllValues:.")),
        }
    } else if op.set_qualifier().is_some() && !key.is_multi_valued() {
        cx.warn(DiagnosticCode::SetOperatorSingleValued, path, loc, format!("`{}` is for multi-valued keys, but `{name}` has a single value: use `{}` without the prefix", op.name(), op.name().split(':').next_back().unwrap_or_default()));
    } else if op.set_qualifier().is_none() && key.is_multi_valued() && !op.is_null() {
        cx.warn(DiagnosticCode::MultiValuedWithoutSetOperator, path, loc, format!("`{name}` can have several values: say whether any or all must match with `ForAnyValue:{0}` or `ForAllValues:{0}`", op.name()));
    }
    if let (Some(want), Some(have)) = (op.value_type(), key.key_type()) {
        let fits = want == have
            || (want == KeyType::String && have == KeyType::Arn)
            || (want == KeyType::Numeric && have == KeyType::Date);
        if !fits {
            cx.warn(
                DiagnosticCode::TypeMismatch,
                path,
                loc,
                format!(
                    "`{}` compares {} values, but `{name}` holds {} values",
                    op.name(),
                    type_name(want),
                    type_name(have)
                ),
            );
        }
    }
}

fn type_name(t: KeyType) -> &'static str {
    match t {
        KeyType::String => "string",
        KeyType::Numeric => "numeric",
        KeyType::Bool => "boolean",
        KeyType::Date => "date",
        KeyType::Arn => "ARN",
    }
}
