//! The key policy: put, get, list.

use alloc::format;
use serde_json::{Value, json};

use super::common::policy_text;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::service::Parts;
use crate::world::World;

impl World {
    pub(in crate::api) fn put_key_policy(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        if let Some(n) = input.str("PolicyName")?
            && n != "default"
        {
            {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!("The only policy name is \"default\", not \"{n}\"."),
                ));
            }
        }
        let text = policy_text(input)?
            .ok_or_else(|| ApiError::validation("policy", "Member must not be null"))?;
        // Absent from the request when the parameter is not sent: a `Null` condition on
        // kms:BypassPolicyLockoutSafetyCheck tells the two apart, as a `check` step does.
        let given = input.bool("BypassPolicyLockoutSafetyCheck")?;
        let bypass = given.unwrap_or(false);
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.auth_request(call, Action::PutKeyPolicy);
        req.bypass_lockout_check = given;
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::PutKeyPolicy)?;
        let policy = self.read_policy(text)?;
        let (arn, account) = {
            let k = self.key(i)?;
            (k.arn.clone(), k.account)
        };
        if !bypass {
            self.lockout_check(call, &policy, &arn, account)?;
        }
        self.key_mut(i, Parts::POLICIES)?.policy = policy;
        Ok(json!({}))
    }

    pub(in crate::api) fn get_key_policy(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::GetKeyPolicy)?;
        Ok(json!({"Policy": self.key(i)?.policy.text(), "PolicyName": "default"}))
    }

    pub(in crate::api) fn list_key_policies(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        self.open_key(call, key_id, Action::ListKeyPolicies)?;
        Ok(json!({"PolicyNames": ["default"], "Truncated": false}))
    }
}
