//! The one door: every KMS operation, as a request and response in the AWS JSON shape.
//!
//! [`World::call`] resolves the caller, reads the request, resolves the key, authorizes,
//! checks the key's state, does the work and writes the audit event — in that order, in
//! one place. The UI, the command line, the scenario runner, S3 and the tests all call it.

mod aliases;
mod common;
mod cryptography;
mod error;
mod grants;
pub(crate) mod input;
mod keys;
mod operation;
mod policies;
mod resolve;
mod rotation;
mod tags;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::Cell;
use serde_json::Value;

pub use aliases::{MAX_ALIASES_PER_KEY, check_new_alias_name};
pub use common::{MAX_CIPHERTEXT, MAX_PLAINTEXT, MAX_TAGS_PER_KEY};
pub use error::{ApiError, ErrorCode};
pub use input::Input;
pub use operation::Operation;

use crate::action::Action;
use crate::audit::{AuditEvent, EventType, UserIdentity};
use crate::authz::{Decision, Request, RequestTags, Rule};
use crate::ids::KeyArn;
use crate::principal::{Principal, PrincipalKind};
use crate::world::World;

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

/// The facts of an authorization question (a scenario's `check` step, a cell of the
/// access matrix) that conditions may read.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestFacts<'a> {
    /// The encryption context.
    pub context: Option<&'a crate::context::EncryptionContext>,
    /// The service calling on the principal's behalf (`kms:ViaService`), when the caller
    /// does not say.
    pub via_service: Option<&'a str>,
    /// Tags in the request (`aws:RequestTag/<k>`, `aws:TagKeys`).
    pub tags: Option<RequestTags<'a>>,
    /// Grant tokens presented with the request.
    pub grant_tokens: &'a [String],
    /// `kms:RotationPeriodInDays`.
    pub rotation_period_days: Option<i64>,
    /// `kms:ScheduleKeyDeletionPendingWindowInDays`.
    pub pending_window_days: Option<i64>,
    /// `kms:BypassPolicyLockoutSafetyCheck`.
    pub bypass_lockout_check: Option<bool>,
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

/// The state of one call on its way through the door.
pub(crate) struct Call<'c> {
    pub principal: Principal,
    pub display_name: String,
    pub region: String,
    pub via_service: Option<&'c str>,
    pub operation: Option<Operation>,
    /// The decisions made so far (a `Cell`: taken, pushed to and put back, with no
    /// borrow that could fail).
    pub decisions: Cell<Vec<Decision>>,
    /// The ARNs of the resources the call touched.
    pub resources: Cell<Vec<String>>,
    pub request_parameters: Value,
    pub rule: Cell<Option<Rule>>,
}

impl Call<'_> {
    /// Records a decision.
    pub(crate) fn decided(&self, d: Decision) {
        let mut all = self.decisions.take();
        all.push(d);
        self.decisions.set(all);
    }

    pub(crate) fn add_resource(&self, arn: &str) {
        let mut r = self.resources.take();
        if !r.iter().any(|a| a == arn) {
            r.push(String::from(arn));
        }
        self.resources.set(r);
    }
}

impl World {
    /// Calls the KMS operation `op` with `input` as `caller`: resolves the caller, checks
    /// the input against the operation's descriptor, runs the handler and records the
    /// event. Reached through [`World::request`], S3's calls on a caller's behalf and the
    /// scenario runner.
    pub(crate) fn call_op(
        &mut self,
        caller: &Caller<'_>,
        op: Operation,
        input: &Value,
    ) -> CallResult {
        let mut call = match self.open_call(caller) {
            Ok(c) => c,
            Err(e) => {
                return CallResult {
                    output: Err(e),
                    decisions: Vec::new(),
                };
            }
        };
        call.operation = Some(op);
        // The event's ID is drawn first, so that writing the event cannot fail after the
        // work is done: a call either fails before it changes anything, or is recorded.
        let event_id = match self.new_uuid() {
            Ok(id) => id,
            Err(e) => {
                return CallResult {
                    output: Err(ApiError::internal(e)),
                    decisions: Vec::new(),
                };
            }
        };
        let descriptor = op.descriptor();
        let output = match crate::service::check_input(descriptor, input) {
            Err(v) => Err(ApiError::from_refusal(&crate::service::check::refusal(
                crate::service::Service::Kms,
                &v,
            ))),
            Ok(()) => match Input::new(input) {
                Ok(inp) => {
                    call.request_parameters =
                        input::camel_keys(&crate::service::redact(descriptor.input(), input));
                    self.dispatch(&call, op, &inp)
                }
                Err(e) => Err(e),
            },
        };
        self.record(&call, op, event_id, &output);
        // KMS then records the rotation itself, as it does an automatic one (ct-rotatekey:
        // a RotateKey service event with rotationType ON_DEMAND).
        if let (Operation::RotateKeyOnDemand, Ok(out)) = (op, &output)
            && let Some(arn) = out
                .get("KeyId")
                .and_then(Value::as_str)
                .and_then(|a| KeyArn::parse(a).ok())
        {
            let details =
                serde_json::json!({"rotationType": "ON_DEMAND", "keyId": arn.key_id_str()});
            // Without randomness for its ID the event cannot be written; the rotation stands.
            let _ = self.service_event("RotateKey", &arn, details);
        }
        CallResult {
            output,
            decisions: call.decisions.into_inner(),
        }
    }

    fn dispatch(
        &mut self,
        call: &Call<'_>,
        op: Operation,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        use Operation as O;
        match op {
            O::CreateKey => self.create_key(call, input),
            O::DescribeKey => self.describe_key(call, input),
            O::ListKeys => self.list_keys(call, input),
            O::UpdateKeyDescription => self.update_key_description(call, input),
            O::EnableKey => self.set_enabled(call, input, true),
            O::DisableKey => self.set_enabled(call, input, false),
            O::ScheduleKeyDeletion => self.schedule_key_deletion(call, input),
            O::CancelKeyDeletion => self.cancel_key_deletion(call, input),
            O::Encrypt => self.encrypt(call, input),
            O::Decrypt => self.decrypt(call, input),
            O::ReEncrypt => self.re_encrypt(call, input),
            O::GenerateDataKey => self.generate_data_key(call, input, true),
            O::GenerateDataKeyWithoutPlaintext => self.generate_data_key(call, input, false),
            O::GenerateRandom => self.generate_random(call, input),
            O::CreateAlias => self.create_alias(call, input),
            O::UpdateAlias => self.update_alias(call, input),
            O::DeleteAlias => self.delete_alias(call, input),
            O::ListAliases => self.list_aliases(call, input),
            O::EnableKeyRotation => self.enable_key_rotation(call, input),
            O::DisableKeyRotation => self.disable_key_rotation(call, input),
            O::GetKeyRotationStatus => self.get_key_rotation_status(call, input),
            O::RotateKeyOnDemand => self.rotate_key_on_demand(call, input),
            O::ListKeyRotations => self.list_key_rotations(call, input),
            O::PutKeyPolicy => self.put_key_policy(call, input),
            O::GetKeyPolicy => self.get_key_policy(call, input),
            O::ListKeyPolicies => self.list_key_policies(call, input),
            O::CreateGrant => self.create_grant(call, input),
            O::ListGrants => self.list_grants(call, input),
            O::ListRetirableGrants => self.list_retirable_grants(call, input),
            O::RetireGrant => self.retire_grant(call, input),
            O::RevokeGrant => self.revoke_grant(call, input),
            O::TagResource => self.tag_resource(call, input),
            O::UntagResource => self.untag_resource(call, input),
            O::ListResourceTags => self.list_resource_tags(call, input),
        }
    }

    /// Who `caller` is: a principal of the world, or the root user of any account (which
    /// always exists). The one place a caller is resolved.
    pub(crate) fn open_call<'c>(&self, caller: &Caller<'c>) -> Result<Call<'c>, ApiError> {
        let principal = match self.principal(caller.principal) {
            Some(r) => r.principal.clone(),
            None => Principal::parse(caller.principal)
                .ok()
                .filter(|p| *p.kind() == PrincipalKind::Root)
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::UnrecognizedClient,
                        alloc::format!(
                            "The security token included in the request is invalid: `{}` is not a principal of this world.",
                            caller.principal
                        ),
                    )
                })?,
        };
        let display_name = self
            .principal(principal.arn())
            .and_then(|r| r.name.clone())
            .unwrap_or_else(|| principal.short_name());
        Ok(Call {
            principal,
            display_name,
            region: String::from(caller.region.unwrap_or(self.region.as_str())),
            via_service: caller.via_service,
            operation: None,
            decisions: Cell::new(Vec::new()),
            resources: Cell::new(Vec::new()),
            request_parameters: Value::Null,
            rule: Cell::new(None),
        })
    }

    /// The ARN of the key `key_id` names (key ID, ARN, alias, alias ARN or handle), as
    /// seen by `caller`.
    pub fn key_arn_for(&self, caller: &Caller<'_>, key_id: &str) -> Option<KeyArn> {
        let call = self.open_call(caller).ok()?;
        let i = self.resolve_key(&call, key_id).ok()?;
        self.keys.get(i).map(|k| k.arn.clone())
    }

    /// Answers an authorization question without doing the operation: may `caller` do
    /// `action` on `key` (a key ID, ARN, alias or handle; ignored for IAM-only actions)
    /// with these request facts? A key named by an alias name or alias ARN is the
    /// request's `kms:RequestAlias`. Nothing changes and nothing is audited.
    pub fn check_access(
        &self,
        caller: &Caller<'_>,
        action: Action,
        key: Option<&str>,
        facts: &RequestFacts<'_>,
    ) -> Result<Decision, ApiError> {
        let call = self.open_call(caller)?;
        match (action.is_iam_only(), key) {
            (true, _) => {
                let _ = self.authorize_iam_with(&call, action, "*", |req| fill(req, facts));
            }
            (false, Some(k)) => {
                let i = self.resolve_key(&call, k)?;
                let mut req = Request::new(
                    &call.principal,
                    self.iam_policies_of(&call.principal),
                    action,
                    self.now(),
                );
                req.via_service = caller.via_service;
                fill(&mut req, facts);
                if action.has_request_alias() {
                    req.request_alias = resolve::request_alias(k);
                }
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
        op: Operation,
        event_id: String,
        output: &Result<Value, ApiError>,
    ) {
        let resources = call.resources.take();
        let recipient = resources
            .first()
            .and_then(|arn| arn.split(':').nth(4))
            .map_or_else(|| call.principal.account_str().to_string(), String::from);
        let (response, code, message) = match output {
            Ok(v) if !op.is_cryptographic() => (v.clone(), None, None),
            Ok(_) => (Value::Null, None, None),
            Err(e) => (
                Value::Null,
                Some(String::from(e.code.as_str())),
                Some(e.message.clone()),
            ),
        };
        let event = AuditEvent {
            event_time: self.now(),
            event_source: String::from("kms.amazonaws.com"),
            event_name: String::from(op.name()),
            aws_region: call.region.clone(),
            user_identity: identity_of(&call.principal, call.via_service),
            request_parameters: call.request_parameters.clone(),
            response_elements: crate::service::without(
                &response,
                op.descriptor().sensitive_output(),
            ),
            error_code: code,
            error_message: message,
            resources,
            event_id,
            read_only: op.is_read_only(),
            event_type: EventType::AwsApiCall,
            recipient_account_id: recipient,
            decision_rule: call.rule.get(),
            service_event_details: Value::Null,
        };
        self.log(event);
    }
}

/// Checks tags as CreateKey and TagResource check them (`[{"TagKey", "TagValue"}]`), with
/// AWS's errors: for a form to say what the call would refuse before making it.
pub fn check_tags(tags: &Value) -> Result<(), ApiError> {
    let request = serde_json::json!({ "Tags": tags });
    common::read_tags(&Input::new(&request)?).map(|_| ())
}

/// Who made a call, as CloudTrail's `userIdentity` says: `principal`, perhaps through a
/// service calling on its behalf (`s3.us-east-1.amazonaws.com`).
pub(crate) fn identity_of(principal: &Principal, via_service: Option<&str>) -> UserIdentity {
    let kind = match principal.kind() {
        PrincipalKind::Root => "Root",
        PrincipalKind::User { .. } => "IAMUser",
        PrincipalKind::Role { .. } | PrincipalKind::AssumedRole { .. } => "AssumedRole",
    };
    UserIdentity {
        kind: String::from(kind),
        arn: Some(String::from(principal.arn())),
        account_id: Some(principal.account_str().to_string()),
        invoked_by: via_service
            .map(|v| String::from(v.split('.').next().unwrap_or(v)) + ".amazonaws.com"),
    }
}

/// Puts an authorization question's facts into a request.
pub(crate) fn fill<'r, 'f: 'r>(req: &mut Request<'r>, facts: &RequestFacts<'f>) {
    req.encryption_context = facts.context;
    req.via_service = req.via_service.or(facts.via_service);
    req.grant_tokens = facts.grant_tokens;
    req.tags = facts.tags;
    req.rotation_period_days = facts.rotation_period_days;
    req.pending_window_days = facts.pending_window_days;
    req.bypass_lockout_check = facts.bypass_lockout_check;
    if req.action.takes_encryption_context() {
        req.encryption_algorithm = Some(crate::keys::KeySpec::SymmetricDefault.default_algorithm());
    }
}
