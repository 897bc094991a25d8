//! Key operations: create, describe, list, describe again, enable, disable, schedule and
//! cancel deletion.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::authz::RequestTags;
use crate::clock::Duration;
use crate::ids::KeyArn;
use crate::keys::{self, Key, KeyManager, KeySpec, KeyState, KeyUsage, MaterialOrigin, Origin};
use crate::policy::{self};
use crate::service::Parts;
use crate::world::World;

impl World {
    pub(in crate::api) fn create_key(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let description = input.str_len("Description", 0, 8192)?.unwrap_or("");
        // The kinds of key the simulator has: anything else is not offered (yet).
        let unsupported = |what: &str, given: &str, have: &str| {
            ApiError::new(
                ErrorCode::UnsupportedOperation,
                format!("{what} {given} is not offered by the simulator: only {have}"),
            )
        };
        let mut spec = KeySpec::default();
        for f in ["KeySpec", "CustomerMasterKeySpec"] {
            if let Some(s) = input.str(f)? {
                spec = KeySpec::from_name(s)
                    .ok_or_else(|| unsupported(f, s, "SYMMETRIC_DEFAULT keys"))?;
            }
        }
        let usage = match input.str("KeyUsage")? {
            Some(u) => KeyUsage::from_name(u)
                .filter(|u| spec.usages().contains(u))
                .ok_or_else(|| unsupported("KeyUsage", u, "symmetric ENCRYPT_DECRYPT keys"))?,
            None => spec.usages().first().copied().unwrap_or_default(),
        };
        let origin = match input.str("Origin")? {
            Some(o) => Origin::from_name(o).ok_or_else(|| unsupported("Origin", o, "AWS_KMS"))?,
            None => Origin::default(),
        };
        if input.bool("MultiRegion")? == Some(true)
            || input.str("CustomKeyStoreId")?.is_some()
            || input.str("XksKeyId")?.is_some()
        {
            return Err(ApiError::new(
                ErrorCode::UnsupportedOperation,
                "Multi-Region keys and custom key stores are not offered by the simulator",
            ));
        }
        let tags = read_tags(input)?;
        let bypass = input.bool("BypassPolicyLockoutSafetyCheck")?;
        let given_policy = policy_text(input)?;
        // CreateKey's permission is kms:CreateKey in an IAM policy; the request's tags
        // are facts for aws:RequestTag/<k> and aws:TagKeys.
        self.authorize_iam_with(call, Action::CreateKey, "*", |req| {
            // Absent when the parameter is not sent (a `Null` condition sees the difference).
            req.bypass_lockout_check = bypass;
            req.tags = Some(RequestTags::Pairs(&tags));
        })?;
        // "To use the Tags parameter, kms:TagResource (IAM policy)."
        if !tags.is_empty() {
            self.authorize_iam_with(call, Action::TagResource, "*", |req| {
                req.tags = Some(RequestTags::Pairs(&tags));
            })?;
        }
        let account = call.principal.account();
        let region = crate::ids::Region::parse(&call.region)
            .map_err(|e| ApiError::new(ErrorCode::Validation, e.to_string()))?;
        let key_id = self.new_key_id().map_err(ApiError::internal)?;
        let arn = KeyArn::new(&region, account, &key_id);
        let policy = match given_policy {
            // "If you provide a key policy, it must meet the following criteria: The key
            // policy must allow the calling principal to make a subsequent PutKeyPolicy
            // request on the KMS key." Without one, KMS attaches the default policy and
            // runs no check.
            Some(text) => {
                let policy = self.read_policy(text)?;
                if bypass != Some(true) {
                    self.lockout_check(call, &policy, &arn, account)?;
                }
                policy
            }
            None => self.read_policy(&policy::defaults::api_default(account))?,
        };
        let material = self
            .new_material(1, MaterialOrigin::Initial)
            .map_err(ApiError::internal)?;
        let key = Key {
            key_id,
            arn: arn.clone(),
            account,
            region,
            description: String::from(description),
            state: KeyState::Enabled,
            manager: KeyManager::Customer,
            spec,
            usage,
            origin,
            created: self.now(),
            deletion_date: None,
            pending_window_days: None,
            policy,
            rotation: None,
            materials: Vec::from([material]),
            on_demand_rotations: 0,
            tags,
        };
        let out = json!({ "KeyMetadata": key_metadata(&key) });
        call.add_resource(arn.as_str());
        self.touch(Parts::KEYS.and(Parts::POLICIES));
        self.keys.push(key);
        Ok(out)
    }

    pub(in crate::api) fn describe_key(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let tokens = grant_tokens(input, self)?;
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.auth_request(call, Action::DescribeKey);
        req.grant_tokens = &tokens;
        req.request_alias = super::resolve::request_alias(key_id);
        self.authorize_on_key(call, i, &req)?;
        Ok(json!({ "KeyMetadata": key_metadata(self.key(i)?) }))
    }

    pub(in crate::api) fn list_keys(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        self.authorize_iam(call, Action::ListKeys, "*")?;
        let account = call.principal.account();
        let keys: Vec<&Key> = self
            .keys
            .iter()
            .filter(|k| k.account == account && k.region.as_str() == call.region)
            .collect();
        let mut out = Map::new();
        page(
            &keys,
            input,
            Paging::LARGE,
            &mut out,
            |k| json!({"KeyId": k.key_id, "KeyArn": k.arn}),
            "Keys",
        )?;
        Ok(Value::Object(out))
    }

    pub(in crate::api) fn update_key_description(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let description = input
            .str_len("Description", 0, 8192)?
            .ok_or_else(|| ApiError::validation("description", "Member must not be null"))?;
        let i = self.open_key(call, key_id, Action::UpdateKeyDescription)?;
        self.key_mut(i, Parts::KEYS)?.description = String::from(description);
        Ok(json!({}))
    }

    pub(in crate::api) fn set_enabled(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
        enable: bool,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let action = if enable {
            Action::EnableKey
        } else {
            Action::DisableKey
        };
        let i = self.open_key(call, key_id, action)?;
        let now = self.now();
        let key = self.key_mut(i, Parts::KEYS)?;
        key.state = if enable {
            KeyState::Enabled
        } else {
            KeyState::Disabled
        };
        // Rotation paused while the key was disabled: if it fell due, it happens now.
        let due = enable && key.rotation.is_some_and(|r| r.next <= now);
        if due {
            let version = key.materials.len() as u32 + 1;
            let material = self
                .new_material(version, MaterialOrigin::Automatic)
                .map_err(ApiError::internal)?;
            let key = self.key_mut(i, Parts::KEYS)?;
            key.materials.push(material);
            if let Some(r) = key.rotation.as_mut() {
                r.next = now.plus(Duration::days(i64::from(r.period_days)));
            }
        }
        Ok(json!({}))
    }

    pub(in crate::api) fn schedule_key_deletion(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let sent = input.int("PendingWindowInDays", 7, 30)?;
        let days = sent.unwrap_or(i64::from(keys::DEFAULT_PENDING_WINDOW_DAYS));
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.auth_request(call, Action::ScheduleKeyDeletion);
        // A condition key of a request parameter is absent when the parameter is not sent
        // (docs/FIDELITY.md): the default of 30 days is not a fact of the request.
        req.pending_window_days = sent;
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::ScheduleKeyDeletion)?;
        let now = self.now();
        let key = self.key_mut(i, Parts::KEYS)?;
        let when = now.plus(Duration::days(days));
        key.state = KeyState::PendingDeletion;
        key.deletion_date = Some(when);
        key.pending_window_days = Some(days as u32);
        Ok(
            json!({"KeyId": key.arn, "DeletionDate": epoch(when), "KeyState": "PendingDeletion", "PendingWindowInDays": days}),
        )
    }

    pub(in crate::api) fn cancel_key_deletion(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::CancelKeyDeletion)?;
        let key = self.key_mut(i, Parts::KEYS)?;
        if key.state != KeyState::PendingDeletion {
            return Err(ApiError::new(
                ErrorCode::InvalidState,
                format!("{} is not pending deletion.", key.arn),
            ));
        }
        key.state = KeyState::Disabled;
        key.deletion_date = None;
        key.pending_window_days = None;
        Ok(json!({"KeyId": key.arn}))
    }
}
