//! Reading a request against its descriptor, as AWS does before anything else: a value of
//! the wrong type is refused whole (`SerializationException` for KMS), and every broken
//! constraint (a missing member, a length, a range, an enum value) is listed in one
//! `ValidationException`, in AWS's words.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

use super::{Descriptor, Kind, Member, Service, ServiceError, Shape};
use crate::api::input::{camel, kind_of};
use crate::b64;

/// What is wrong with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// A value of the wrong type at `path` (the request refused whole).
    WrongType {
        /// Where (`keyId`, `tags.1.member.tagKey`).
        path: String,
        /// What the model wants (`a string`).
        want: &'static str,
        /// What came (`a number`).
        got: &'static str,
    },
    /// A member the operation does not have.
    Unknown {
        /// The member's name.
        name: String,
        /// The members it has.
        allowed: Vec<&'static str>,
    },
    /// A required member that is missing.
    Missing {
        /// Where.
        path: String,
    },
    /// A broken constraint.
    Constraint {
        /// Where.
        path: String,
        /// The value, when it is short and not sensitive.
        value: Option<String>,
        /// AWS's words (`Member must not be null`).
        constraint: String,
    },
}

fn want(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "a string",
        Kind::Blob => "base64 text",
        Kind::Integer | Kind::Long => "a whole number",
        Kind::Boolean => "true or false",
        Kind::Timestamp => "a timestamp",
        Kind::List(_) => "a list",
        Kind::Map(..) => "a map",
        Kind::Structure(_) => "an object",
    }
}

/// The longest value a message quotes.
const QUOTE_MAX: usize = 64;

struct Checker {
    wrong: Option<Violation>,
    found: Vec<Violation>,
    /// Whether enum values are checked: S3's enums are open (its handlers refuse a value
    /// with the member's own code, as `InvalidLocationConstraint`).
    enums: bool,
}

impl Checker {
    fn constraint(&mut self, path: &str, shape: &Shape, value: Option<&str>, constraint: String) {
        let value = value
            .filter(|v| !shape.sensitive && v.chars().count() <= QUOTE_MAX)
            .map(String::from);
        self.found.push(Violation::Constraint {
            path: String::from(path),
            value,
            constraint,
        });
    }

    fn bounds(&mut self, path: &str, shape: &Shape, n: i64, what: &str, quoted: Option<&str>) {
        if let Some(min) = shape.min.filter(|m| n < i64::from(*m)) {
            self.constraint(
                path,
                shape,
                quoted,
                format!("Member must have {what} greater than or equal to {min}"),
            );
        } else if let Some(max) = shape.max.filter(|m| n > i64::from(*m)) {
            self.constraint(
                path,
                shape,
                quoted,
                format!("Member must have {what} less than or equal to {max}"),
            );
        }
    }

    fn wrong(&mut self, path: &str, shape: &Shape, got: &Value) {
        if self.wrong.is_none() {
            self.wrong = Some(Violation::WrongType {
                path: String::from(path),
                want: want(shape.kind),
                got: kind_of(got),
            });
        }
    }

    fn value(&mut self, path: &str, shape: &'static Shape, v: &Value) {
        match (shape.kind, v) {
            (Kind::String, Value::String(s)) => {
                if self.enums && !shape.enums.is_empty() && !shape.enums.contains(&s.as_str()) {
                    self.constraint(
                        path,
                        shape,
                        Some(s),
                        format!(
                            "Member must satisfy enum value set: [{}]",
                            shape.enums.join(", ")
                        ),
                    );
                } else {
                    let n = i64::try_from(s.chars().count()).unwrap_or(i64::MAX);
                    self.bounds(path, shape, n, "length", Some(s));
                }
            }
            // A blob without limits (S3's object data, up to 64 MiB) is not decoded here:
            // its handler reads it once.
            (Kind::Blob, Value::String(_)) if shape.min.is_none() && shape.max.is_none() => {}
            (Kind::Blob, Value::String(s)) => match b64::decode(s) {
                Ok(bytes) => {
                    let n = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
                    self.bounds(path, shape, n, "length", None);
                }
                Err(_) => self.wrong(path, shape, v),
            },
            (Kind::Integer | Kind::Long, Value::Number(n)) => match n.as_i64() {
                Some(i) => {
                    let shown = i.to_string();
                    self.bounds(path, shape, i, "value", Some(&shown));
                }
                None => self.wrong(path, shape, v),
            },
            (Kind::Boolean, Value::Bool(_)) => {}
            (Kind::Timestamp, Value::String(_) | Value::Number(_)) => {}
            (Kind::List(item), Value::Array(items)) => {
                let n = i64::try_from(items.len()).unwrap_or(i64::MAX);
                self.bounds(path, shape, n, "length", None);
                for (i, it) in items.iter().enumerate() {
                    self.value(&format!("{path}.{}.member", i + 1), item, it);
                }
            }
            (Kind::Map(key, val), Value::Object(m)) => {
                let n = i64::try_from(m.len()).unwrap_or(i64::MAX);
                self.bounds(path, shape, n, "length", None);
                for (k, it) in m {
                    self.value(&format!("{path}.key"), key, &Value::String(k.clone()));
                    self.value(&format!("{path}.{k}"), val, it);
                }
            }
            (Kind::Structure(members), Value::Object(m)) => self.structure(path, members, m),
            _ => self.wrong(path, shape, v),
        }
    }

    fn structure(&mut self, path: &str, members: &'static [Member], m: &Map<String, Value>) {
        let at = |name: &str| {
            if path.is_empty() {
                camel(name)
            } else {
                format!("{path}.{}", camel(name))
            }
        };
        for name in m.keys() {
            if !members.iter().any(|mb| mb.name == name) {
                self.found.push(Violation::Unknown {
                    name: name.clone(),
                    allowed: members.iter().map(|mb| mb.name).collect(),
                });
            }
        }
        for mb in members {
            match m.get(mb.name) {
                None | Some(Value::Null) if mb.required => {
                    self.found.push(Violation::Missing { path: at(mb.name) });
                }
                None | Some(Value::Null) => {}
                Some(v) => self.value(&at(mb.name), mb.shape, v),
            }
        }
    }
}

/// Checks `input` against the operation's members: `Err` lists what is wrong, a value of
/// the wrong type alone (the request cannot be read), else the unknown members and
/// broken constraints in the model's order.
pub fn check_input(d: &Descriptor, input: &Value) -> Result<(), Vec<Violation>> {
    let mut c = Checker {
        wrong: None,
        found: Vec::new(),
        enums: d.service != Service::S3,
    };
    match input {
        Value::Null => c.structure("", d.input(), &Map::new()),
        Value::Object(m) => c.structure("", d.input(), m),
        other => {
            c.wrong = Some(Violation::WrongType {
                path: String::from("the request"),
                want: "a JSON object",
                got: kind_of(other),
            })
        }
    }
    if let Some(w) = c.wrong {
        return Err(alloc::vec![w]);
    }
    if c.found.is_empty() {
        Ok(())
    } else {
        Err(c.found)
    }
}

/// Checks a response against the operation's output members, as [`check_input`] checks a
/// request: for tests that hold the simulator's answers to AWS's model.
pub fn check_output(d: &Descriptor, output: &Value) -> Result<(), Vec<Violation>> {
    let mut c = Checker {
        wrong: None,
        found: Vec::new(),
        enums: true,
    };
    match output {
        Value::Object(m) => c.structure("", d.output(), m),
        other => c.wrong(
            "the response",
            &Shape {
                kind: Kind::Structure(&[]),
                min: None,
                max: None,
                enums: &[],
                sensitive: false,
            },
            other,
        ),
    }
    c.found.extend(c.wrong);
    if c.found.is_empty() {
        Ok(())
    } else {
        Err(c.found)
    }
}

/// The error a service answers for a request that does not read.
pub(crate) fn refusal(service: Service, violations: &[Violation]) -> ServiceError {
    let (validation, status) = match service {
        Service::Kms => ("ValidationException", 400),
        Service::S3 => ("InvalidArgument", 400),
        Service::Iam => ("ValidationError", 400),
    };
    if let Some(Violation::WrongType { path, want, got }) = violations.first() {
        let code = match service {
            Service::Kms => "SerializationException",
            _ => validation,
        };
        return ServiceError::new(code, status, format!("`{path}` must be {want}, not {got}"));
    }
    if let Some(Violation::Unknown { name, allowed }) = violations
        .iter()
        .find(|v| matches!(v, Violation::Unknown { .. }))
    {
        return ServiceError::new(
            validation,
            status,
            format!(
                "Unknown parameter in input: \"{name}\", must be one of: {}",
                allowed.join(", ")
            ),
        );
    }
    let parts: Vec<String> = violations
        .iter()
        .filter_map(|v| match v {
            Violation::Missing { path } => Some(format!(
                "Value null at '{path}' failed to satisfy constraint: Member must not be null"
            )),
            Violation::Constraint {
                path,
                value,
                constraint,
            } => Some(match value {
                Some(v) => {
                    format!("Value '{v}' at '{path}' failed to satisfy constraint: {constraint}")
                }
                None => format!("Value at '{path}' failed to satisfy constraint: {constraint}"),
            }),
            _ => None,
        })
        .collect();
    let n = parts.len();
    ServiceError::new(
        validation,
        status,
        format!(
            "{n} validation error{} detected: {}",
            if n == 1 { "" } else { "s" },
            parts.join("; ")
        ),
    )
}

/// `value` (a request or response of the members `members`) without its sensitive
/// members, for the audit log: plaintexts, ciphertexts and grant tokens never land there,
/// nor members the operation does not have (nothing says they are not secret).
pub fn redact(members: &[Member], value: &Value) -> Value {
    fn secret(shape: &Shape) -> bool {
        shape.sensitive || matches!(shape.kind, Kind::List(item) if item.sensitive)
    }
    fn walk(shape: &Shape, v: &Value) -> Value {
        match (shape.kind, v) {
            (Kind::Structure(members), Value::Object(_)) => redact(members, v),
            (Kind::List(item), Value::Array(a)) => {
                Value::Array(a.iter().map(|x| walk(item, x)).collect())
            }
            _ => v.clone(),
        }
    }
    match value {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter_map(|(k, v)| match members.iter().find(|mb| mb.name == k) {
                    Some(mb) if secret(mb.shape) => None,
                    Some(mb) => Some((k.clone(), walk(mb.shape, v))),
                    None => None,
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `value` without the top-level members `names` (a response's sensitive members).
pub fn without(value: &Value, names: &[&str]) -> Value {
    match value {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !names.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Errors a service answers for any operation, beyond those its model lists for each:
/// KMS's and IAM's common errors (AWS's "Common Errors" pages) and the S3 error codes of
/// the S3 API reference's list that the simulator uses.
pub(crate) fn common_errors(service: Service) -> &'static [&'static str] {
    match service {
        Service::Kms => &[
            "AccessDeniedException",
            "ValidationException",
            "SerializationException",
            "UnrecognizedClientException",
            "UnknownOperationException",
            "KMSInternalException",
        ],
        Service::S3 => &[
            "AccessDenied",
            "InvalidArgument",
            "InvalidRequest",
            "InvalidAccessKeyId",
            "InvalidBucketName",
            "InvalidLocationConstraint",
            "IllegalLocationConstraintException",
            "NoSuchBucket",
            "NoSuchKey",
            "EntityTooLarge",
            "InternalError",
            "NotImplemented",
            "KMS.DisabledException",
            "KMS.KMSInvalidStateException",
            "KMS.NotFoundException",
            "KMS.InvalidCiphertextException",
            "KMS.LimitExceededException",
        ],
        Service::Iam => &[
            "AccessDenied",
            "ValidationError",
            "InvalidClientTokenId",
            "InvalidAction",
            "ServiceFailure",
        ],
    }
}
