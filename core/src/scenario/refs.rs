//! `${id.Path}` references: checked when a file loads (the `id` must be an earlier
//! step's), resolved when a step runs. Resolution reads the text once and never looks
//! inside what it substituted, so a value that itself holds `${…}` is copied as text, and
//! every resolved string is bounded by [`MAX_EXPANDED_BYTES`].

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::MAX_EXPANDED_BYTES;
use super::read::{Reader, join};
use crate::json::{self, Json};

/// The references in `s`, in order, each with its byte range in `s` (the `${` to the `}`).
pub(super) fn references(s: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = s
        .get(from..)
        .and_then(|rest| rest.find("${"))
        .map(|i| i + from)
    {
        let body_start = start + 2;
        match s.get(body_start..).and_then(|rest| rest.find('}')) {
            Some(len) => {
                let end = body_start + len;
                out.push((start, end + 1, s.get(body_start..end).unwrap_or_default()));
                from = end + 1;
            }
            None => break,
        }
    }
    out
}

/// Checks every reference in a located value: its step must be an earlier one.
pub(super) fn check_references(r: &mut Reader, v: &Json, path: &str, earlier: &[String]) {
    match &v.value {
        json::Value::String(s) => {
            for (_, _, reference) in references(s) {
                let id = reference.split('.').next().unwrap_or("");
                if !earlier.iter().any(|e| e == id) {
                    r.err(path, v.loc, format!("`${{{reference}}}` refers to `{id}`, which is not the id of an earlier step"));
                }
            }
        }
        json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_references(r, item, &format!("{path}[{i}]"), earlier);
            }
        }
        json::Value::Object(members) => {
            for m in members {
                check_references(r, &m.value, &join(path, &m.key), earlier);
            }
        }
        _ => {}
    }
}

/// Why a step's references could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReferenceError {
    /// The earlier step's output has nothing at this path (or the step failed).
    NotFound(String),
    /// A resolved string would be longer than [`MAX_EXPANDED_BYTES`].
    TooLong,
}

impl core::fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ReferenceError::NotFound(r) => write!(
                f,
                "`${{{r}}}` does not resolve: the step's output has nothing there (or the step failed)"
            ),
            ReferenceError::TooLong => write!(
                f,
                "a string would be longer than {MAX_EXPANDED_BYTES} bytes once its references are resolved"
            ),
        }
    }
}

impl core::error::Error for ReferenceError {}

/// Replaces `${id.Path}` in every string of `v` with the value at `Path` in step `id`'s
/// output. A string that is exactly one reference takes the referenced value as is.
pub(super) fn resolve(
    v: &Value,
    outputs: &BTreeMap<String, Value>,
) -> Result<Value, ReferenceError> {
    Ok(match v {
        Value::String(s) => {
            let refs = references(s);
            if let [(0, end, only)] = refs.as_slice()
                && *end == s.len()
            {
                let found = lookup(only, outputs)
                    .ok_or_else(|| ReferenceError::NotFound(String::from(*only)))?;
                if found.as_str().is_some_and(|t| t.len() > MAX_EXPANDED_BYTES) {
                    return Err(ReferenceError::TooLong);
                }
                return Ok(found.clone());
            }
            let mut out = String::new();
            let mut from = 0;
            for (start, end, reference) in refs {
                let found = lookup(reference, outputs)
                    .ok_or_else(|| ReferenceError::NotFound(String::from(reference)))?;
                let text = match found {
                    Value::String(t) => t.clone(),
                    other => other.to_string(),
                };
                let before = s.get(from..start).unwrap_or_default();
                if out.len() + before.len() + text.len() > MAX_EXPANDED_BYTES {
                    return Err(ReferenceError::TooLong);
                }
                out.push_str(before);
                out.push_str(&text);
                from = end;
            }
            let rest = s.get(from..).unwrap_or_default();
            if out.len() + rest.len() > MAX_EXPANDED_BYTES {
                return Err(ReferenceError::TooLong);
            }
            out.push_str(rest);
            Value::String(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| resolve(i, outputs))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), resolve(v, outputs)?)))
                .collect::<Result<_, ReferenceError>>()?,
        ),
        other => other.clone(),
    })
}

fn lookup<'a>(reference: &str, outputs: &'a BTreeMap<String, Value>) -> Option<&'a Value> {
    let mut parts = reference.split('.');
    let mut v = outputs.get(parts.next()?)?;
    for p in parts {
        v = match v {
            Value::Object(m) => m.get(p)?,
            Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_resolve_inside_strings_and_as_whole_values() {
        let mut outputs = BTreeMap::new();
        outputs.insert(
            String::from("g1"),
            json!({"GrantToken": "tok", "List": [1, 2], "N": {"M": "deep"}}),
        );
        let v = resolve(
            &json!({"GrantTokens": ["${g1.GrantToken}"], "X": "a-${g1.N.M}-b", "L": "${g1.List}", "I": "${g1.List.1}"}),
            &outputs,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"GrantTokens": ["tok"], "X": "a-deep-b", "L": [1, 2], "I": 2})
        );
        assert_eq!(
            resolve(&json!("${g1.Nope}"), &outputs),
            Err(ReferenceError::NotFound(String::from("g1.Nope")))
        );
    }

    #[test]
    fn substituted_text_is_never_read_again() {
        // Issue 12's reproducer: a value that holds references to itself must be copied
        // once, as text, not expanded again (which grew exponentially).
        let mut outputs = BTreeMap::new();
        let self_ref = "${d.KeyMetadata.Description}".repeat(8);
        outputs.insert(
            String::from("d"),
            json!({"KeyMetadata": {"Description": self_ref}}),
        );
        let v = resolve(&Value::String(self_ref.clone()), &outputs).unwrap();
        assert_eq!(v.as_str().unwrap(), self_ref.repeat(8));
        // And a string that would grow past the budget is refused, not built.
        let big = "${d.KeyMetadata.Description}".repeat(400);
        assert_eq!(
            resolve(&Value::String(big), &outputs),
            Err(ReferenceError::TooLong)
        );
    }
}
