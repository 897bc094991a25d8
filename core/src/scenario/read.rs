//! Reading the fields of a scenario file with located errors: every problem is recorded
//! with its JSON path and line:column, and reading goes on, so one pass reports them all.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

use super::{MAX_ERRORS, ScenarioError};
use crate::clock::Timestamp;
use crate::context::EncryptionContext;
use crate::json::{self, Json, Loc};
use crate::policy::{AnyPrincipalExists, Policy, PolicyKind};

/// The errors found so far.
pub(super) struct Reader {
    pub(super) errors: Vec<ScenarioError>,
    /// Errors found beyond [`MAX_ERRORS`], counted but not kept.
    pub(super) more: usize,
}

/// `path.key`, or `key` at the top.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        String::from(key)
    } else {
        format!("{path}.{key}")
    }
}

impl Reader {
    pub(super) fn new() -> Reader {
        Reader {
            errors: Vec::new(),
            more: 0,
        }
    }

    pub(super) fn err(&mut self, path: &str, loc: Loc, message: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(ScenarioError {
                path: String::from(path),
                loc,
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    /// Whether nothing was wrong.
    pub(super) fn clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors, with a last one that counts those left out.
    pub(super) fn finish(mut self) -> Vec<ScenarioError> {
        if self.more > 0 {
            self.errors.push(ScenarioError {
                path: String::new(),
                loc: Loc {
                    line: 1,
                    col: 1,
                    offset: 0,
                },
                message: format!(
                    "and {} more error{} (only the first {MAX_ERRORS} are listed)",
                    self.more,
                    if self.more == 1 { "" } else { "s" }
                ),
            });
        }
        self.errors
    }

    /// Checks that `v` is an object with only `allowed` fields.
    pub(super) fn fields(&mut self, v: &Json, path: &str, allowed: &[&str]) -> bool {
        let Some(members) = v.as_object() else {
            self.err(
                path,
                v.loc,
                format!("expected an object, found {}", v.kind()),
            );
            return false;
        };
        for m in members {
            if !allowed.contains(&m.key.as_str()) {
                let hint = allowed
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case(&m.key))
                    .map(|a| format!(" (did you mean `{a}`?)"))
                    .unwrap_or_default();
                self.err(
                    &join(path, &m.key),
                    m.key_loc,
                    format!(
                        "unknown field `{}`{hint}; expected one of {}",
                        m.key,
                        allowed.join(", ")
                    ),
                );
            }
        }
        true
    }

    /// An optional string field.
    pub(super) fn string(&mut self, v: &Json, key: &str, path: &str) -> Option<String> {
        let f = v.get(key)?;
        match f.as_str() {
            Some(s) => Some(String::from(s)),
            None => {
                self.err(
                    &join(path, key),
                    f.loc,
                    format!("expected a string, found {}", f.kind()),
                );
                None
            }
        }
    }

    /// A principal's or key's name (handle): a string [`crate::text::check_name`] accepts.
    pub(super) fn name(&mut self, v: &Json, path: &str) -> Option<String> {
        let name = self.string(v, "name", path)?;
        match crate::text::check_name(&name) {
            Ok(()) => Some(name),
            Err(e) => {
                let loc = v.get("name").map_or(v.loc, |f| f.loc);
                self.err(&join(path, "name"), loc, e);
                None
            }
        }
    }

    /// A required string field.
    pub(super) fn required(&mut self, v: &Json, key: &str, path: &str) -> Option<String> {
        if v.get(key).is_none() {
            self.err(path, v.loc, format!("missing required field `{key}`"));
            return None;
        }
        self.string(v, key, path)
    }

    /// An optional array field (empty when absent or not an array).
    pub(super) fn array<'j>(&mut self, v: &'j Json, key: &str, path: &str) -> &'j [Json] {
        match v.get(key).map(|f| (f, &f.value)) {
            None => &[],
            Some((_, json::Value::Array(items))) => items,
            Some((f, _)) => {
                self.err(
                    &join(path, key),
                    f.loc,
                    format!("expected an array, found {}", f.kind()),
                );
                &[]
            }
        }
    }

    /// An optional boolean field.
    pub(super) fn boolean(&mut self, v: &Json, key: &str, path: &str) -> Option<bool> {
        let f = v.get(key)?;
        match f.value {
            json::Value::Bool(b) => Some(b),
            _ => {
                self.err(&join(path, key), f.loc, "expected true or false");
                None
            }
        }
    }

    /// An optional whole-number field within `min..=max`.
    pub(super) fn number(
        &mut self,
        v: &Json,
        key: &str,
        path: &str,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let f = v.get(key)?;
        let parsed = match &f.value {
            json::Value::Number(n) => n.parse::<i64>().ok(),
            _ => None,
        };
        match parsed.filter(|n| (min..=max).contains(n)) {
            Some(n) => Some(n),
            None => {
                self.err(
                    &join(path, key),
                    f.loc,
                    format!("expected a whole number from {min} to {max}"),
                );
                None
            }
        }
    }

    /// An optional RFC 3339 time field.
    pub(super) fn time(&mut self, v: &Json, key: &str, path: &str) -> Option<Timestamp> {
        let f = v.get(key)?;
        match f.as_str().map(Timestamp::parse) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                self.err(&join(path, key), f.loc, e.to_string());
                None
            }
            None => {
                self.err(
                    &join(path, key),
                    f.loc,
                    format!("expected an RFC 3339 time, found {}", f.kind()),
                );
                None
            }
        }
    }

    /// A policy given as a JSON object or as a string of JSON.
    pub(super) fn policy(&mut self, v: &Json, kind: PolicyKind, path: &str) -> Option<Policy> {
        let checked = match &v.value {
            json::Value::String(text) => Policy::check(text, kind),
            json::Value::Object(_) => Policy::check_json(v, kind, &AnyPrincipalExists),
            _ => {
                self.err(
                    path,
                    v.loc,
                    format!(
                        "a policy must be a JSON object or a string of JSON, not {}",
                        v.kind()
                    ),
                );
                return None;
            }
        };
        for e in checked.errors() {
            let inner = if e.path.is_empty() {
                String::from(path)
            } else {
                format!("{path}.{}", e.path)
            };
            let loc = if matches!(v.value, json::Value::String(_)) {
                v.loc
            } else {
                e.loc
            };
            self.err(&inner, loc, e.message.clone());
        }
        checked.policy
    }

    /// An encryption context: an object of strings.
    pub(super) fn context(&mut self, v: &Json, path: &str) -> Option<EncryptionContext> {
        let Some(members) = v.as_object() else {
            self.err(
                path,
                v.loc,
                format!(
                    "an encryption context must be an object of strings, not {}",
                    v.kind()
                ),
            );
            return None;
        };
        let mut ctx = EncryptionContext::new();
        for m in members {
            match m.value.as_str() {
                Some(s) => ctx.insert(m.key.clone(), s),
                None => self.err(
                    &join(path, &m.key),
                    m.value.loc,
                    format!("expected a string, found {}", m.value.kind()),
                ),
            }
        }
        Some(ctx)
    }

    /// Tags: an object of strings (`{"Purpose": "Test"}`), or a list of AWS's
    /// `{"TagKey": …, "TagValue": …}` objects.
    pub(super) fn tags(&mut self, v: &Json, path: &str) -> Option<Vec<(String, String)>> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut add = |r: &mut Reader, k: &str, val: &str, p: &str, loc: Loc| {
            if k.is_empty() || k.chars().count() > 128 {
                r.err(p, loc, "a tag key is 1 to 128 characters");
            } else if val.chars().count() > 256 {
                r.err(p, loc, "a tag value is at most 256 characters");
            } else if k.get(..4).is_some_and(|x| x.eq_ignore_ascii_case("aws:")) {
                r.err(p, loc, "Tags beginning with aws: are reserved");
            } else if out.iter().any(|(o, _)| o == k) {
                r.err(p, loc, format!("the tag key `{k}` appears twice"));
            } else {
                out.push((String::from(k), String::from(val)));
            }
        };
        match &v.value {
            json::Value::Object(members) => {
                for m in members {
                    let p = join(path, &m.key);
                    match m.value.as_str() {
                        Some(val) => add(self, &m.key, val, &p, m.key_loc),
                        None => self.err(&p, m.value.loc, "a tag value must be a string"),
                    }
                }
            }
            json::Value::Array(items) => {
                for (i, t) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    if !self.fields(t, &p, &["TagKey", "TagValue"]) {
                        continue;
                    }
                    if let (Some(k), Some(val)) = (
                        self.required(t, "TagKey", &p),
                        self.required(t, "TagValue", &p),
                    ) {
                        add(self, &k, &val, &p, t.loc);
                    }
                }
            }
            _ => {
                self.err(
                    path,
                    v.loc,
                    format!(
                        "tags are an object such as {{\"Purpose\": \"Test\"}}, not {}",
                        v.kind()
                    ),
                );
                return None;
            }
        }
        if out.len() > crate::api::MAX_TAGS_PER_KEY {
            self.err(path, v.loc, "Too many tags: a KMS key can have at most 50");
        }
        Some(out)
    }

    /// The located value as plain JSON; a number JSON can write but no machine can hold
    /// (`1e400`) is an error here rather than a silent `null`.
    pub(super) fn value(&mut self, v: &Json, path: &str) -> Value {
        match to_value(v) {
            Ok(value) => value,
            Err((loc, message)) => {
                self.err(path, loc, message);
                Value::Null
            }
        }
    }
}

/// Converts a located JSON value to a plain one. A number out of range (`1e400`) is an
/// error, with its position.
pub fn to_value(v: &Json) -> Result<Value, (Loc, String)> {
    Ok(match &v.value {
        json::Value::Null => Value::Null,
        json::Value::Bool(b) => Value::Bool(*b),
        json::Value::Number(n) => match serde_json::from_str::<Value>(n) {
            Ok(Value::Number(num)) if num.as_f64().is_none_or(f64::is_finite) => Value::Number(num),
            _ => {
                return Err((
                    v.loc,
                    format!("the number {n} is out of range (it does not fit a 64-bit number)"),
                ));
            }
        },
        json::Value::String(s) => Value::String(s.clone()),
        json::Value::Array(items) => {
            Value::Array(items.iter().map(to_value).collect::<Result<Vec<_>, _>>()?)
        }
        json::Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| Ok((m.key.clone(), to_value(&m.value)?)))
                .collect::<Result<Map<_, _>, (Loc, String)>>()?,
        ),
    })
}
