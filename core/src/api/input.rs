//! Reading a request: the JSON object in the AWS shape, with typed getters that give the
//! errors AWS gives.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value};

use super::{ApiError, ErrorCode};
use crate::b64;
use crate::context::EncryptionContext;

/// A request's parameters.
pub struct Input<'a> {
    fields: Option<&'a Map<String, Value>>,
}

/// AWS's field name in messages: `numberOfBytes` for `NumberOfBytes`.
pub(crate) fn camel(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What a JSON value is, in words (`a number`), for a message.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(name: &str, want: &str, got: &Value) -> ApiError {
    let kind = kind_of(got);
    ApiError::new(
        ErrorCode::Serialization,
        format!("`{name}` must be {want}, not {kind}"),
    )
}

impl<'a> Input<'a> {
    /// Wraps a request; it must be a JSON object (`null` counts as empty).
    pub fn new(v: &'a Value) -> Result<Input<'a>, ApiError> {
        match v {
            Value::Object(m) => Ok(Input { fields: Some(m) }),
            Value::Null => Ok(Input { fields: None }),
            other => Err(wrong_type("the request", "a JSON object", other)),
        }
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.fields?.get(name).filter(|v| !v.is_null())
    }

    /// An optional string.
    pub fn str(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong_type(name, "a string", other)),
        }
    }

    /// A required string.
    pub fn required_str(&self, name: &str) -> Result<&'a str, ApiError> {
        self.str(name)?
            .ok_or_else(|| ApiError::validation(&camel(name), "Member must not be null"))
    }

    /// A string with AWS's length limits.
    pub fn str_len(&self, name: &str, min: usize, max: usize) -> Result<Option<&'a str>, ApiError> {
        let s = self.str(name)?;
        if let Some(s) = s {
            let n = s.chars().count();
            if n < min {
                return Err(ApiError::validation(
                    &camel(name),
                    &format!("Member must have length greater than or equal to {min}"),
                ));
            }
            if n > max {
                return Err(ApiError::validation(
                    &camel(name),
                    &format!("Member must have length less than or equal to {max}"),
                ));
            }
        }
        Ok(s)
    }

    /// An optional blob (base64 in the JSON).
    pub fn blob(&self, name: &str) -> Result<Option<Vec<u8>>, ApiError> {
        match self.str(name)? {
            None => Ok(None),
            Some(s) => b64::decode(s).map(Some).map_err(|_| {
                ApiError::new(
                    ErrorCode::Serialization,
                    format!(
                        "`{name}` must be base64 (the AWS JSON protocol sends blobs as base64 text)"
                    ),
                )
            }),
        }
    }

    /// A required blob of `min..=max` bytes.
    pub fn required_blob(&self, name: &str, min: usize, max: usize) -> Result<Vec<u8>, ApiError> {
        let b = self
            .blob(name)?
            .ok_or_else(|| ApiError::validation(&camel(name), "Member must not be null"))?;
        if b.len() < min {
            return Err(ApiError::validation(
                &camel(name),
                &format!("Member must have length greater than or equal to {min}"),
            ));
        }
        if b.len() > max {
            return Err(ApiError::validation(
                &camel(name),
                &format!("Member must have length less than or equal to {max}"),
            ));
        }
        Ok(b)
    }

    /// An optional integer within `min..=max`.
    pub fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                let Some(i) = n.as_i64() else {
                    return Err(wrong_type(
                        name,
                        "a whole number",
                        &Value::Number(n.clone()),
                    ));
                };
                if i < min {
                    return Err(ApiError::validation_of(
                        &camel(name),
                        &format!("{i}"),
                        &format!("Member must have value greater than or equal to {min}"),
                    ));
                }
                if i > max {
                    return Err(ApiError::validation_of(
                        &camel(name),
                        &format!("{i}"),
                        &format!("Member must have value less than or equal to {max}"),
                    ));
                }
                Ok(Some(i))
            }
            Some(other) => Err(wrong_type(name, "a whole number", other)),
        }
    }

    /// An optional boolean.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(wrong_type(name, "true or false", other)),
        }
    }

    /// An optional list of strings.
    pub fn str_list(&self, name: &str) -> Result<Option<Vec<String>>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(String::from)
                        .ok_or_else(|| wrong_type(name, "a list of strings", i))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(other) => Err(wrong_type(name, "a list of strings", other)),
        }
    }

    /// An optional map of strings (an encryption context).
    pub fn context(&self, name: &str) -> Result<Option<EncryptionContext>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(m)) => {
                let mut ctx = EncryptionContext::new();
                for (k, v) in m {
                    let Some(v) = v.as_str() else {
                        return Err(wrong_type(&format!("{name}.{k}"), "a string", v));
                    };
                    ctx.insert(k.clone(), v);
                }
                Ok(Some(ctx))
            }
            Some(other) => Err(wrong_type(name, "a map of strings", other)),
        }
    }

    /// An optional object.
    pub fn object(&self, name: &str) -> Result<Option<Input<'a>>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(Input { fields: Some(m) })),
            Some(other) => Err(wrong_type(name, "an object", other)),
        }
    }

    /// An optional list of objects.
    pub fn objects(&self, name: &str) -> Result<Option<Vec<Input<'a>>>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| match i {
                    Value::Object(m) => Ok(Input { fields: Some(m) }),
                    other => Err(wrong_type(name, "a list of objects", other)),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(other) => Err(wrong_type(name, "a list of objects", other)),
        }
    }
}

/// A request's members as CloudTrail records them: camelCase names (`keyId`), and null
/// for none. Secrets are taken out before, by the descriptor (`service::redact`).
pub(crate) fn camel_keys(v: &Value) -> Value {
    match v {
        Value::Object(m) if !m.is_empty() => {
            Value::Object(m.iter().map(|(k, v)| (camel(k), v.clone())).collect())
        }
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn getters_give_aws_errors() {
        let v = json!({"KeyId": 7, "NumberOfBytes": 2000, "Plaintext": "!!", "EncryptionContext": {"a": 1}});
        let i = Input::new(&v).unwrap();
        assert_eq!(i.str("KeyId").unwrap_err().code, ErrorCode::Serialization);
        let e = i.int("NumberOfBytes", 1, 1024).unwrap_err();
        assert_eq!(
            e.message,
            "1 validation error detected: Value '2000' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"
        );
        assert_eq!(
            i.blob("Plaintext").unwrap_err().code,
            ErrorCode::Serialization
        );
        assert!(i.context("EncryptionContext").is_err());
        assert!(
            i.required_str("Missing")
                .unwrap_err()
                .message
                .contains("'missing'")
        );
        assert!(Input::new(&json!([1])).is_err());
    }

    #[test]
    fn audit_parameters_never_carry_secrets() {
        let v = json!({"KeyId": "k", "Plaintext": "aGk=", "CiphertextBlob": "AQ==", "GrantTokens": ["t"], "EncryptionContext": {"a": "b"}});
        let decrypt = super::super::Operation::Decrypt.descriptor();
        assert_eq!(
            camel_keys(&crate::service::redact(decrypt.input(), &v)),
            json!({"keyId": "k", "encryptionContext": {"a": "b"}})
        );
        assert_eq!(camel_keys(&json!({})), Value::Null);
    }
}
