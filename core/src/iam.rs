//! A small simulated IAM: the users and roles of the world's accounts and their inline
//! identity policies, changed through IAM's own operations (`CreateUser`, `PutUserPolicy`,
//! ...) with IAM's error codes, so that every change to the world goes through a door and
//! lands in the audit log (`eventSource: iam.amazonaws.com`).
//!
//! What it leaves out (docs/FIDELITY.md): it does not evaluate `iam:` permissions — any
//! principal of an account manages that account's users, roles and their policies; it keeps
//! neither paths nor trust policies, and simulates no `sts:AssumeRole` (a role acts
//! directly); unique IDs are derived from the ARN.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde_json::{Map, Value, json};

use crate::api::{Caller, identity_of};
use crate::audit::{AuditEvent, EventType};
use crate::policy::{MAX_POLICIES_PER_PRINCIPAL, Policy, PolicyKind};
use crate::principal::{Principal, PrincipalKind};
use crate::scenario::MAX_PRINCIPALS;
use crate::service::check::refusal;
use crate::service::{Descriptor, Parts, Service, check_input};
use crate::world::{PrincipalRecord, World};

/// IAM records its events in this region: IAM is a global service.
pub const EVENT_REGION: &str = "us-east-1";

/// An IAM error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IamError {
    /// IAM's code (`EntityAlreadyExists`, `NoSuchEntity`, ...).
    pub code: String,
    /// The message.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

impl IamError {
    fn new(code: &str, status: u16, message: impl Into<String>) -> IamError {
        IamError {
            code: String::from(code),
            message: message.into(),
            status,
        }
    }

    fn validation(message: impl Into<String>) -> IamError {
        IamError::new("ValidationError", 400, message)
    }
}

impl fmt::Display for IamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status, self.message)
    }
}

impl core::error::Error for IamError {}

/// Users or roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entity {
    User,
    Role,
}

impl Entity {
    fn word(self) -> &'static str {
        match self {
            Entity::User => "user",
            Entity::Role => "role",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Entity::User => "UserName",
            Entity::Role => "RoleName",
        }
    }

    fn arn(self, account: &str, name: &str) -> String {
        format!("arn:aws:iam::{account}:{}/{name}", self.word())
    }
}

/// Whether `name` is a user or role name IAM accepts: 1–64 of letters, digits and `+=,.@_-`.
pub fn check_entity_name(name: &str) -> Result<(), String> {
    check_name(name, 64)
}

/// Whether `name` is a policy name IAM accepts: 1–128 of letters, digits and `+=,.@_-`.
pub fn check_policy_name(name: &str) -> Result<(), String> {
    check_name(name, 128)
}

fn check_name(name: &str, max: usize) -> Result<(), String> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c);
    if name.is_empty() || name.len() > max || !name.chars().all(ok_char) {
        return Err(format!(
            "The specified value for name is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_- (1 to {max} characters)."
        ));
    }
    Ok(())
}

/// IAM's unique ID of an entity: a prefix (`AIDA` for users, `AROA` for roles) and 17
/// characters, derived here from the ARN (FNV-1a) so the world need not store it.
fn unique_id(prefix: &str, arn: &str) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::from(prefix);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for round in 0..2u8 {
        for b in arn.bytes().chain([round]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut bits = h;
        let take = if round == 0 { 12 } else { 5 };
        for _ in 0..take {
            let c = ALPHABET.get((bits & 31) as usize).copied().unwrap_or(b'A');
            out.push(char::from(c));
            bits >>= 5;
        }
    }
    out
}

/// A string member of the request, required.
fn required<'v>(input: &'v Value, field: &str) -> Result<&'v str, IamError> {
    match input.get(field) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(IamError::validation(format!(
            "1 validation error detected: Value at '{}' failed to satisfy constraint: Member must be a string",
            lower_first(field)
        ))),
        None => Err(IamError::validation(format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
            lower_first(field)
        ))),
    }
}

/// `UserName` → `userName`: CloudTrail's spelling of IAM's request and response members.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn camel_keys(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (lower_first(k), camel_keys(v)))
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(camel_keys).collect()),
        other => other.clone(),
    }
}

impl World {
    /// Answers the IAM request `d` describes as `caller` (through [`World::request`]), on
    /// the users and roles of the caller's own account. Every call is audited, allowed or
    /// not.
    pub(crate) fn iam(
        &mut self,
        caller: &Caller<'_>,
        d: &Descriptor,
        input: &Value,
    ) -> Result<Value, IamError> {
        let op = d.name();
        let principal = self.open_call(caller).map(|c| c.principal).map_err(|_| {
            IamError::new(
                "InvalidClientTokenId",
                403,
                format!(
                    "The security token included in the request is invalid: `{}` is not a principal of this world.",
                    caller.principal
                ),
            )
        })?;
        let event_id = self
            .new_uuid()
            .map_err(|e| IamError::new("ServiceFailure", 500, e.to_string()))?;
        let output = match check_input(d, input) {
            Err(v) => {
                let e = refusal(Service::Iam, &v);
                Err(IamError::new(&e.code, e.status, e.message))
            }
            Ok(()) => self.iam_op(&principal, op, input),
        };
        self.record_iam(&principal, caller.via_service, op, input, event_id, &output);
        output
    }

    fn iam_op(&mut self, caller: &Principal, op: &str, input: &Value) -> Result<Value, IamError> {
        let account = caller.account_str().to_string();
        let entity = match op {
            "CreateUser" | "DeleteUser" | "PutUserPolicy" | "DeleteUserPolicy" => Entity::User,
            "CreateRole" | "DeleteRole" | "PutRolePolicy" | "DeleteRolePolicy" => Entity::Role,
            other => {
                return Err(IamError::new(
                    "InvalidAction",
                    400,
                    format!("the simulator has no handler for iam:{other}"),
                ));
            }
        };
        let name = required(input, entity.field())?;
        check_entity_name(name).map_err(IamError::validation)?;
        let arn = entity.arn(&account, name);
        match op {
            "CreateUser" | "CreateRole" => self.create_entity(entity, &arn, name, input),
            "DeleteUser" | "DeleteRole" => self.delete_entity(entity, &arn, name),
            "PutUserPolicy" | "PutRolePolicy" => self.put_inline_policy(entity, &arn, name, input),
            _ => self.delete_inline_policy(entity, &arn, name, input), // Delete*Policy
        }
    }

    fn entity_index(&self, entity: Entity, arn: &str, name: &str) -> Result<usize, IamError> {
        self.principals
            .iter()
            .position(|p| p.principal.arn() == arn)
            .ok_or_else(|| {
                IamError::new(
                    "NoSuchEntity",
                    404,
                    format!("The {} with name {name} cannot be found.", entity.word()),
                )
            })
    }

    fn create_entity(
        &mut self,
        entity: Entity,
        arn: &str,
        name: &str,
        input: &Value,
    ) -> Result<Value, IamError> {
        if input
            .get("Path")
            .and_then(Value::as_str)
            .is_some_and(|path| path != "/")
        {
            return Err(IamError::validation(
                "The simulator supports only the path `/`.",
            ));
        }
        if entity == Entity::Role {
            // The trust policy is checked for shape and not kept: no sts:AssumeRole here.
            let trust = required(input, "AssumeRolePolicyDocument")?;
            if serde_json::from_str::<Value>(trust).map_or(true, |v| !v.is_object()) {
                return Err(IamError::new(
                    "MalformedPolicyDocument",
                    400,
                    "This policy contains invalid Json",
                ));
            }
        }
        if self.principals.iter().any(|p| p.principal.arn() == arn) {
            let word = match entity {
                Entity::User => "User",
                Entity::Role => "Role",
            };
            return Err(IamError::new(
                "EntityAlreadyExists",
                409,
                format!("{word} with name {name} already exists."),
            ));
        }
        if self.principals.len() >= MAX_PRINCIPALS {
            return Err(IamError::new(
                "LimitExceeded",
                409,
                format!(
                    "Cannot exceed quota for principals in the simulated world: {MAX_PRINCIPALS}"
                ),
            ));
        }
        let principal = Principal::parse(arn).map_err(|e| IamError::validation(e.to_string()))?;
        // A new entity comes with its (empty) list of inline policies.
        self.touch(Parts::PRINCIPALS.and(Parts::POLICIES));
        self.principals.push(PrincipalRecord {
            principal,
            name: None,
            policies: Vec::new(),
            policy_names: Vec::new(),
        });
        let created = format!("{}", self.now());
        Ok(match entity {
            Entity::User => json!({"User": {
                "Path": "/", "UserName": name, "UserId": unique_id("AIDA", arn),
                "Arn": arn, "CreateDate": created,
            }}),
            Entity::Role => json!({"Role": {
                "Path": "/", "RoleName": name, "RoleId": unique_id("AROA", arn),
                "Arn": arn, "CreateDate": created, "MaxSessionDuration": 3600,
            }}),
        })
    }

    fn delete_entity(&mut self, entity: Entity, arn: &str, name: &str) -> Result<Value, IamError> {
        let i = self.entity_index(entity, arn, name)?;
        if self
            .principals
            .get(i)
            .is_some_and(|p| !p.policies.is_empty())
        {
            return Err(IamError::new(
                "DeleteConflict",
                409,
                "Cannot delete entity, must delete policies first.",
            ));
        }
        self.touch(Parts::PRINCIPALS.and(Parts::POLICIES));
        self.principals.remove(i);
        Ok(json!({}))
    }

    fn put_inline_policy(
        &mut self,
        entity: Entity,
        arn: &str,
        name: &str,
        input: &Value,
    ) -> Result<Value, IamError> {
        let policy_name = required(input, "PolicyName")?;
        check_policy_name(policy_name).map_err(IamError::validation)?;
        let text = required(input, "PolicyDocument")?;
        let i = self.entity_index(entity, arn, name)?;
        let checked = Policy::check(text, PolicyKind::Identity);
        let first_error = checked.errors().next().cloned();
        let policy = match (checked.policy, first_error) {
            (Some(p), None) => p,
            (_, Some(e)) => {
                return Err(IamError::new(
                    "MalformedPolicyDocument",
                    400,
                    format!("{} (line {}, column {})", e.message, e.loc.line, e.loc.col),
                ));
            }
            (None, None) => {
                return Err(IamError::new(
                    "MalformedPolicyDocument",
                    400,
                    "Syntax errors in policy.",
                ));
            }
        };
        self.touch(Parts::POLICIES);
        let Some(record) = self.principals.get_mut(i) else {
            return Err(IamError::new(
                "ServiceFailure",
                500,
                "the principal vanished",
            ));
        };
        match record.policy_names.iter().position(|n| n == policy_name) {
            Some(j) => {
                if let Some(slot) = record.policies.get_mut(j) {
                    *slot = policy;
                }
            }
            None if record.policies.len() >= MAX_POLICIES_PER_PRINCIPAL => {
                let per = match entity {
                    Entity::User => "PoliciesPerUser",
                    Entity::Role => "PoliciesPerRole",
                };
                return Err(IamError::new(
                    "LimitExceeded",
                    409,
                    format!("Cannot exceed quota for {per}: {MAX_POLICIES_PER_PRINCIPAL}"),
                ));
            }
            None => {
                record.policies.push(policy);
                record.policy_names.push(String::from(policy_name));
            }
        }
        Ok(json!({}))
    }

    fn delete_inline_policy(
        &mut self,
        entity: Entity,
        arn: &str,
        name: &str,
        input: &Value,
    ) -> Result<Value, IamError> {
        let policy_name = required(input, "PolicyName")?;
        let i = self.entity_index(entity, arn, name)?;
        self.touch(Parts::POLICIES);
        let Some(record) = self.principals.get_mut(i) else {
            return Err(IamError::new(
                "ServiceFailure",
                500,
                "the principal vanished",
            ));
        };
        let Some(j) = record.policy_names.iter().position(|n| n == policy_name) else {
            return Err(IamError::new(
                "NoSuchEntity",
                404,
                format!(
                    "The {} policy with name {policy_name} cannot be found.",
                    entity.word()
                ),
            ));
        };
        record.policy_names.remove(j);
        record.policies.remove(j);
        Ok(json!({}))
    }

    fn record_iam(
        &mut self,
        caller: &Principal,
        via_service: Option<&str>,
        op: &str,
        input: &Value,
        event_id: String,
        output: &Result<Value, IamError>,
    ) {
        let (response, code, message) = match output {
            Ok(v) if v.as_object().is_some_and(|m| !m.is_empty()) => (camel_keys(v), None, None),
            Ok(_) => (Value::Null, None, None),
            Err(e) => (Value::Null, Some(e.code.clone()), Some(e.message.clone())),
        };
        let event = AuditEvent {
            event_time: self.now(),
            event_source: String::from("iam.amazonaws.com"),
            event_name: String::from(op),
            aws_region: String::from(EVENT_REGION),
            user_identity: identity_of(caller, via_service),
            request_parameters: camel_keys(input),
            response_elements: response,
            error_code: code,
            error_message: message,
            resources: Vec::new(),
            event_id,
            read_only: false,
            event_type: EventType::AwsApiCall,
            recipient_account_id: caller.account_str().to_string(),
            decision_rule: None,
            service_event_details: Value::Null,
        };
        self.log(event);
    }
}

/// Whether `p` is a user or role that IAM operations can manage.
pub fn is_iam_entity(p: &Principal) -> bool {
    matches!(
        p.kind(),
        PrincipalKind::User { .. } | PrincipalKind::Role { .. }
    )
}

#[cfg(test)]
mod tests;
