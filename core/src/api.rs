//! The one door: every KMS operation, as a request and response in the AWS JSON shape.
//!
//! [`World::call`] resolves the caller, reads the request, resolves the key, authorizes,
//! checks the key's state, does the work and writes the audit event — in that order, in
//! one place. The UI, the command line, the scenario runner, S3 and the tests all call it.

mod input;
mod ops;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::fmt;
use serde_json::Value;

pub use input::Input;

use crate::action::Action;
use crate::audit::{AuditEvent, EventType, UserIdentity};
use crate::authz::{self, Decision, KeyFacts, Names, Outcome, Request};
use crate::entropy::EntropyError;
use crate::ids::is_uuid;
use crate::keys::{Key, KeyState};
use crate::principal::{Principal, PrincipalKind};
use crate::world::World;

/// The AWS error codes the simulated KMS returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `AccessDeniedException`
    AccessDenied,
    /// `AlreadyExistsException`
    AlreadyExists,
    /// `DisabledException`
    Disabled,
    /// `DryRunOperationException`
    DryRunOperation,
    /// `IncorrectKeyException`
    IncorrectKey,
    /// `InvalidAliasNameException`
    InvalidAliasName,
    /// `InvalidArnException`
    InvalidArn,
    /// `InvalidCiphertextException`
    InvalidCiphertext,
    /// `InvalidGrantIdException`
    InvalidGrantId,
    /// `InvalidGrantTokenException`
    InvalidGrantToken,
    /// `InvalidMarkerException`
    InvalidMarker,
    /// `KMSInternalException`
    Internal,
    /// `KMSInvalidStateException`
    InvalidState,
    /// `LimitExceededException`
    LimitExceeded,
    /// `MalformedPolicyDocumentException`
    MalformedPolicyDocument,
    /// `NotFoundException`
    NotFound,
    /// `TagException`
    Tag,
    /// `UnsupportedOperationException`
    UnsupportedOperation,
    /// `ValidationException`
    Validation,
    /// `SerializationException`: the request is not JSON of the expected shape.
    Serialization,
    /// `UnknownOperationException`
    UnknownOperation,
    /// `UnrecognizedClientException`: the caller is not a principal of this world.
    UnrecognizedClient,
}

impl ErrorCode {
    /// The code as AWS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::AccessDenied => "AccessDeniedException",
            ErrorCode::AlreadyExists => "AlreadyExistsException",
            ErrorCode::Disabled => "DisabledException",
            ErrorCode::DryRunOperation => "DryRunOperationException",
            ErrorCode::IncorrectKey => "IncorrectKeyException",
            ErrorCode::InvalidAliasName => "InvalidAliasNameException",
            ErrorCode::InvalidArn => "InvalidArnException",
            ErrorCode::InvalidCiphertext => "InvalidCiphertextException",
            ErrorCode::InvalidGrantId => "InvalidGrantIdException",
            ErrorCode::InvalidGrantToken => "InvalidGrantTokenException",
            ErrorCode::InvalidMarker => "InvalidMarkerException",
            ErrorCode::Internal => "KMSInternalException",
            ErrorCode::InvalidState => "KMSInvalidStateException",
            ErrorCode::LimitExceeded => "LimitExceededException",
            ErrorCode::MalformedPolicyDocument => "MalformedPolicyDocumentException",
            ErrorCode::NotFound => "NotFoundException",
            ErrorCode::Tag => "TagException",
            ErrorCode::UnsupportedOperation => "UnsupportedOperationException",
            ErrorCode::Validation => "ValidationException",
            ErrorCode::Serialization => "SerializationException",
            ErrorCode::UnknownOperation => "UnknownOperationException",
            ErrorCode::UnrecognizedClient => "UnrecognizedClientException",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error response: the AWS error code and an AWS-like message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The code.
    pub code: ErrorCode,
    /// The message.
    pub message: String,
}

impl ApiError {
    /// An error with a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
        }
    }

    /// A `ValidationException` in AWS's words for one constraint.
    pub fn validation(field: &str, constraint: &str) -> ApiError {
        ApiError::new(
            ErrorCode::Validation,
            alloc::format!(
                "1 validation error detected: Value at '{field}' failed to satisfy constraint: {constraint}"
            ),
        )
    }

    fn internal(_: EntropyError) -> ApiError {
        ApiError::new(
            ErrorCode::Internal,
            "The request was rejected because an internal exception occurred (no randomness available).",
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// Who calls, from where.
#[derive(Clone, Copy, Debug)]
pub struct Caller<'a> {
    /// The principal's ARN or scenario handle.
    pub principal: &'a str,
    /// The region of the endpoint called (`None`: the world's default region).
    pub region: Option<&'a str>,
    /// The service calling on the principal's behalf (`s3.us-east-1.amazonaws.com`).
    pub via_service: Option<&'a str>,
}

impl<'a> Caller<'a> {
    /// A direct call in the world's default region.
    pub fn new(principal: &'a str) -> Caller<'a> {
        Caller {
            principal,
            region: None,
            via_service: None,
        }
    }
}

/// The result of a call: the response or the error, and the authorization decision(s)
/// that were made on the way.
#[derive(Clone, Debug)]
pub struct CallResult {
    /// The response in the AWS JSON shape, or the error.
    pub output: Result<Value, ApiError>,
    /// The decisions, in the order they were made (ReEncrypt and alias operations make
    /// two).
    pub decisions: Vec<Decision>,
}

/// Every operation the door knows, with the IAM action it needs.
pub const OPERATIONS: &[&str] = &[
    "CancelKeyDeletion",
    "CreateAlias",
    "CreateGrant",
    "CreateKey",
    "Decrypt",
    "DeleteAlias",
    "DescribeKey",
    "DisableKey",
    "DisableKeyRotation",
    "EnableKey",
    "EnableKeyRotation",
    "Encrypt",
    "GenerateDataKey",
    "GenerateDataKeyWithoutPlaintext",
    "GenerateRandom",
    "GetKeyPolicy",
    "GetKeyRotationStatus",
    "ListAliases",
    "ListGrants",
    "ListKeyPolicies",
    "ListKeyRotations",
    "ListKeys",
    "ListResourceTags",
    "ListRetirableGrants",
    "PutKeyPolicy",
    "ReEncrypt",
    "RetireGrant",
    "RevokeGrant",
    "RotateKeyOnDemand",
    "ScheduleKeyDeletion",
    "TagResource",
    "UntagResource",
    "UpdateAlias",
    "UpdateKeyDescription",
];

/// The state of one call on its way through the door.
pub(crate) struct Call<'c> {
    pub principal: Principal,
    pub display_name: String,
    pub region: String,
    pub via_service: Option<&'c str>,
    pub decisions: RefCell<Vec<Decision>>,
    pub resources: RefCell<Vec<String>>,
    pub request_parameters: Value,
    pub read_only: bool,
    pub crypto: bool,
    pub rule: Cell<Option<&'static str>>,
}

impl Call<'_> {
    pub(crate) fn add_resource(&self, arn: &str) {
        let mut r = self.resources.borrow_mut();
        if !r.iter().any(|a| a == arn) {
            r.push(String::from(arn));
        }
    }
}

impl World {
    /// Calls `operation` with `input` (a JSON object in the AWS shape) as `caller`.
    pub fn call(&mut self, caller: &Caller<'_>, operation: &str, input: &Value) -> CallResult {
        let principal = match self.principal(caller.principal) {
            Some(r) => r.principal.clone(),
            None => match Principal::parse(caller.principal) {
                // The root user of any account exists.
                Ok(p) if *p.kind() == PrincipalKind::Root => p,
                _ => {
                    return CallResult {
                        output: Err(ApiError::new(
                            ErrorCode::UnrecognizedClient,
                            alloc::format!(
                                "The security token included in the request is invalid: `{}` is not a principal of this world.",
                                caller.principal
                            ),
                        )),
                        decisions: Vec::new(),
                    };
                }
            },
        };
        let display_name = self
            .principal(principal.arn())
            .and_then(|r| r.name.clone())
            .unwrap_or_else(|| principal.short_name());
        let region = String::from(caller.region.unwrap_or(self.region.as_str()));
        let mut call = Call {
            principal,
            display_name,
            region,
            via_service: caller.via_service,
            decisions: RefCell::new(Vec::new()),
            resources: RefCell::new(Vec::new()),
            request_parameters: Value::Null,
            read_only: operation.starts_with("Describe")
                || operation.starts_with("Get")
                || operation.starts_with("List"),
            crypto: matches!(
                operation,
                "Encrypt"
                    | "Decrypt"
                    | "ReEncrypt"
                    | "GenerateDataKey"
                    | "GenerateDataKeyWithoutPlaintext"
                    | "GenerateRandom"
            ),
            rule: Cell::new(None),
        };
        let output = match Input::new(input) {
            Ok(inp) => {
                call.request_parameters = inp.audit_parameters();
                self.dispatch(&call, operation, &inp)
            }
            Err(e) => Err(e),
        };
        if output.as_ref().err().map(|e| e.code) != Some(ErrorCode::UnknownOperation) {
            let _ = self.record(&call, operation, &output);
        }
        CallResult {
            output,
            decisions: call.decisions.into_inner(),
        }
    }

    fn dispatch(
        &mut self,
        call: &Call<'_>,
        operation: &str,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        match operation {
            "CreateKey" => self.create_key(call, input),
            "DescribeKey" => self.describe_key(call, input),
            "ListKeys" => self.list_keys(call, input),
            "UpdateKeyDescription" => self.update_key_description(call, input),
            "EnableKey" => self.set_enabled(call, input, true),
            "DisableKey" => self.set_enabled(call, input, false),
            "ScheduleKeyDeletion" => self.schedule_key_deletion(call, input),
            "CancelKeyDeletion" => self.cancel_key_deletion(call, input),
            "Encrypt" => self.encrypt(call, input),
            "Decrypt" => self.decrypt(call, input),
            "ReEncrypt" => self.re_encrypt(call, input),
            "GenerateDataKey" => self.generate_data_key(call, input, true),
            "GenerateDataKeyWithoutPlaintext" => self.generate_data_key(call, input, false),
            "GenerateRandom" => self.generate_random(call, input),
            "CreateAlias" => self.create_alias(call, input),
            "UpdateAlias" => self.update_alias(call, input),
            "DeleteAlias" => self.delete_alias(call, input),
            "ListAliases" => self.list_aliases(call, input),
            "EnableKeyRotation" => self.enable_key_rotation(call, input),
            "DisableKeyRotation" => self.disable_key_rotation(call, input),
            "GetKeyRotationStatus" => self.get_key_rotation_status(call, input),
            "RotateKeyOnDemand" => self.rotate_key_on_demand(call, input),
            "ListKeyRotations" => self.list_key_rotations(call, input),
            "PutKeyPolicy" => self.put_key_policy(call, input),
            "GetKeyPolicy" => self.get_key_policy(call, input),
            "ListKeyPolicies" => self.list_key_policies(call, input),
            "CreateGrant" => self.create_grant(call, input),
            "ListGrants" => self.list_grants(call, input),
            "ListRetirableGrants" => self.list_retirable_grants(call, input),
            "RetireGrant" => self.retire_grant(call, input),
            "RevokeGrant" => self.revoke_grant(call, input),
            "TagResource" => self.tag_resource(call, input),
            "UntagResource" => self.untag_resource(call, input),
            "ListResourceTags" => self.list_resource_tags(call, input),
            other => Err(ApiError::new(
                ErrorCode::UnknownOperation,
                alloc::format!(
                    "Unknown operation `{other}`: expected one of {}",
                    OPERATIONS.join(", ")
                ),
            )),
        }
    }

    fn bare_call<'c>(&self, caller: &Caller<'c>) -> Option<Call<'c>> {
        let principal = match self.principal(caller.principal) {
            Some(r) => r.principal.clone(),
            None => Principal::parse(caller.principal)
                .ok()
                .filter(|p| *p.kind() == PrincipalKind::Root)?,
        };
        let display_name = self
            .principal(principal.arn())
            .and_then(|r| r.name.clone())
            .unwrap_or_else(|| principal.short_name());
        Some(Call {
            principal,
            display_name,
            region: String::from(caller.region.unwrap_or(self.region.as_str())),
            via_service: caller.via_service,
            decisions: RefCell::new(Vec::new()),
            resources: RefCell::new(Vec::new()),
            request_parameters: Value::Null,
            read_only: true,
            crypto: false,
            rule: Cell::new(None),
        })
    }

    /// The ARN of the key `key_id` names (key ID, ARN, alias, alias ARN or handle), as
    /// seen by `caller`.
    pub fn key_arn_for(&self, caller: &Caller<'_>, key_id: &str) -> Option<String> {
        let call = self.bare_call(caller)?;
        let i = self.resolve_key(&call, key_id).ok()?;
        self.keys.get(i).map(|k| k.arn.clone())
    }

    /// A new grant ID (64 hex digits).
    pub fn new_grant_id(&mut self) -> Result<String, EntropyError> {
        self.new_hex(32)
    }

    /// A new grant token.
    pub fn new_grant_token(&mut self) -> Result<String, EntropyError> {
        Ok(alloc::format!("AQpA{}", self.new_hex(48)?))
    }

    /// Answers an authorization question without doing the operation: may `caller` do
    /// `action` on `key` (a key ID, ARN, alias or handle; ignored for IAM-only actions)
    /// with this encryption context? Nothing changes and nothing is audited.
    pub fn check_access(
        &self,
        caller: &Caller<'_>,
        action: Action,
        key: Option<&str>,
        context: Option<&crate::context::EncryptionContext>,
    ) -> Result<Decision, ApiError> {
        let call = self.bare_call(caller).ok_or_else(|| {
            ApiError::new(
                ErrorCode::UnrecognizedClient,
                alloc::format!("`{}` is not a principal of this world", caller.principal),
            )
        })?;
        let mut req = Request::new(
            &call.principal,
            self.iam_policies_of(&call.principal),
            action,
            self.now(),
        );
        req.via_service = caller.via_service;
        req.encryption_context = context;
        if action.takes_encryption_context() {
            req.encryption_algorithm = Some("SYMMETRIC_DEFAULT");
        }
        match (action.is_iam_only(), key) {
            (true, _) => {
                let _ = self.authorize_iam(&call, action, "*");
            }
            (false, Some(k)) => {
                let i = self.resolve_key(&call, k)?;
                req.request_alias = k.contains("alias/").then_some(k);
                let _ = self.authorize_on_key(&call, i, &req);
            }
            (false, None) => return Err(ApiError::validation("key", "Member must not be null")),
        }
        call.decisions
            .into_inner()
            .pop()
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "no decision was made"))
    }

    /// Writes the audit event of a call.
    fn record(
        &mut self,
        call: &Call<'_>,
        operation: &str,
        output: &Result<Value, ApiError>,
    ) -> Result<(), EntropyError> {
        let kind = match call.principal.kind() {
            PrincipalKind::Root => "Root",
            PrincipalKind::User { .. } => "IAMUser",
            PrincipalKind::Role { .. } | PrincipalKind::AssumedRole { .. } => "AssumedRole",
        };
        let invoked_by = call
            .via_service
            .map(|v| String::from(v.split('.').next().unwrap_or(v)) + ".amazonaws.com");
        let resources = call.resources.borrow().clone();
        let recipient = resources
            .first()
            .and_then(|arn| arn.split(':').nth(4))
            .map_or_else(|| call.principal.account_str().to_string(), String::from);
        let (response, code, message) = match output {
            Ok(v) if !call.crypto => (v.clone(), None, None),
            Ok(_) => (Value::Null, None, None),
            Err(e) => (
                Value::Null,
                Some(String::from(e.code.as_str())),
                Some(e.message.clone()),
            ),
        };
        let event = AuditEvent {
            event_time: self.now(),
            event_name: String::from(operation),
            aws_region: call.region.clone(),
            user_identity: UserIdentity {
                kind: String::from(kind),
                arn: Some(String::from(call.principal.arn())),
                account_id: Some(call.principal.account_str().to_string()),
                invoked_by,
            },
            request_parameters: call.request_parameters.clone(),
            response_elements: scrub(response),
            error_code: code,
            error_message: message,
            resources,
            event_id: self.new_uuid()?,
            read_only: call.read_only,
            event_type: EventType::AwsApiCall,
            recipient_account_id: recipient,
            decision_rule: call.rule.get(),
        };
        self.audit.push(event);
        Ok(())
    }

    /// Finds a key by key ID, key ARN, alias name, alias ARN or scenario handle, as seen
    /// from the caller's account and region.
    pub(crate) fn resolve_key(&self, call: &Call<'_>, key_id: &str) -> Result<usize, ApiError> {
        let region = call.region.as_str();
        let account = call.principal.account_str();
        let not_found_key = |arn: &str| {
            ApiError::new(
                ErrorCode::NotFound,
                alloc::format!("Key '{arn}' does not exist"),
            )
        };
        if let Some(i) = self
            .key_handles
            .iter()
            .find(|(_, h)| h == key_id)
            .and_then(|(arn, _)| self.keys.iter().position(|k| k.arn == *arn))
        {
            return Ok(i);
        }
        if let Some(rest) = key_id.strip_prefix("arn:") {
            let parts: Vec<&str> = rest.splitn(5, ':').collect();
            let (Some(&"aws"), Some(&"kms"), Some(r), Some(a), Some(res)) = (
                parts.first(),
                parts.get(1),
                parts.get(2),
                parts.get(3),
                parts.get(4),
            ) else {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    alloc::format!("Invalid arn {key_id}"),
                ));
            };
            if *r != region {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    alloc::format!(
                        "Invalid arn {key_id}: the key is in {r}, the request was sent to {region}"
                    ),
                ));
            }
            if res.starts_with("key/") {
                return self
                    .keys
                    .iter()
                    .position(|k| k.arn == key_id)
                    .ok_or_else(|| not_found_key(key_id));
            }
            if res.starts_with("alias/") {
                return self.alias_target(a, r, res).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::NotFound,
                        alloc::format!("Alias {key_id} is not found."),
                    )
                });
            }
            return Err(ApiError::new(
                ErrorCode::NotFound,
                alloc::format!("Invalid arn {key_id}"),
            ));
        }
        if key_id.starts_with("alias/") {
            return self.alias_target(account, region, key_id).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    alloc::format!("Alias arn:aws:kms:{region}:{account}:{key_id} is not found."),
                )
            });
        }
        if is_uuid(key_id) {
            let arn = alloc::format!("arn:aws:kms:{region}:{account}:key/{key_id}");
            return self
                .keys
                .iter()
                .position(|k| k.arn == arn)
                .ok_or_else(|| not_found_key(&arn));
        }
        Err(ApiError::new(
            ErrorCode::NotFound,
            alloc::format!("Invalid keyId '{key_id}'"),
        ))
    }

    fn alias_target(&self, account: &str, region: &str, name: &str) -> Option<usize> {
        let alias = self.aliases.iter().find(|a| {
            a.name == name && a.account.as_str() == account && a.region.as_str() == region
        })?;
        self.keys.iter().position(|k| {
            k.key_id == alias.target_key_id
                && k.account == alias.account
                && k.region == alias.region
        })
    }

    pub(crate) fn key_facts<'k>(key: &'k Key, aliases: &'k [String]) -> KeyFacts<'k> {
        KeyFacts {
            aliases,
            tags: &key.tags,
            ..KeyFacts::symmetric(&key.arn, key.account, &key.policy)
        }
    }

    pub(crate) fn alias_names_of(&self, key: &Key) -> Vec<String> {
        self.aliases
            .iter()
            .filter(|a| {
                a.target_key_id == key.key_id && a.account == key.account && a.region == key.region
            })
            .map(|a| a.name.clone())
            .collect()
    }

    /// Authorizes `req` on key `index`, records the decision, and refuses with
    /// AccessDeniedException when denied.
    pub(crate) fn authorize_on_key(
        &self,
        call: &Call<'_>,
        index: usize,
        req: &Request<'_>,
    ) -> Result<Outcome, ApiError> {
        let key = self
            .keys
            .get(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))?;
        let aliases = self.alias_names_of(key);
        let facts = World::key_facts(key, &aliases);
        let out = authz::authorize(req, &facts, &self.grants);
        let key_name = self
            .key_handle(&key.arn)
            .map(String::from)
            .or_else(|| aliases.first().cloned())
            .unwrap_or_else(|| key.key_id.clone());
        let names = Names {
            principal: &call.display_name,
            key: &key_name,
        };
        let decision = authz::explain(&out, req, Some(&facts), &self.grants, &names);
        call.rule.set(Some(out.rule.as_str()));
        call.decisions.borrow_mut().push(decision);
        call.add_resource(&key.arn);
        if out.is_allowed() {
            Ok(out)
        } else {
            Err(ApiError::new(
                ErrorCode::AccessDenied,
                authz::access_denied_message(&out, call.principal.arn(), req.action, &key.arn),
            ))
        }
    }

    /// Authorizes an IAM-only action (or IAM's half of an alias operation on `resource`).
    pub(crate) fn authorize_iam(
        &self,
        call: &Call<'_>,
        action: Action,
        resource: &str,
    ) -> Result<(), ApiError> {
        self.authorize_iam_with(call, action, resource, |_| {})
    }

    /// [`World::authorize_iam`] with more request facts (`kms:BypassPolicyLockoutSafetyCheck`
    /// for CreateKey, ...).
    pub(crate) fn authorize_iam_with(
        &self,
        call: &Call<'_>,
        action: Action,
        resource: &str,
        facts: impl FnOnce(&mut Request<'_>),
    ) -> Result<(), ApiError> {
        let iam = self.iam_policies_of(&call.principal);
        let mut req = Request::new(&call.principal, iam, action, self.now());
        req.via_service = call.via_service;
        facts(&mut req);
        let out = authz::authorize_iam_only(&req, resource);
        let names = Names {
            principal: &call.display_name,
            key: resource,
        };
        call.decisions
            .borrow_mut()
            .push(authz::explain(&out, &req, None, &[], &names));
        call.rule.set(Some(out.rule.as_str()));
        if out.is_allowed() {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::AccessDenied,
                authz::access_denied_message(&out, call.principal.arn(), action, resource),
            ))
        }
    }

    /// The state check after authorization: what each state refuses.
    pub(crate) fn check_state(&self, index: usize, action: Action) -> Result<(), ApiError> {
        let key = self
            .keys
            .get(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))?;
        use Action::*;
        match key.state {
            KeyState::Enabled => Ok(()),
            KeyState::Disabled => match action {
                Encrypt
                | Decrypt
                | ReEncryptFrom
                | ReEncryptTo
                | GenerateDataKey
                | GenerateDataKeyWithoutPlaintext
                | CreateGrant
                | EnableKeyRotation
                | DisableKeyRotation
                | RotateKeyOnDemand => Err(ApiError::new(
                    ErrorCode::Disabled,
                    alloc::format!("{} is disabled.", key.arn),
                )),
                _ => Ok(()),
            },
            KeyState::PendingDeletion => match action {
                CancelKeyDeletion | DescribeKey | GetKeyPolicy | PutKeyPolicy | ListGrants
                | RetireGrant | RevokeGrant | DeleteAlias | GetKeyRotationStatus
                | ListKeyPolicies | ListResourceTags | ListKeyRotations => Ok(()),
                _ => Err(ApiError::new(
                    ErrorCode::InvalidState,
                    alloc::format!("{} is pending deletion.", key.arn),
                )),
            },
        }
    }
}

/// Removes secrets from a response before it goes into the audit log.
fn scrub(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.remove("Plaintext");
        m.remove("GrantToken");
    }
    v
}
