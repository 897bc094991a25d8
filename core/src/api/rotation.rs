//! Rotation: automatic rotation on and off, its status, rotation on demand, the list of
//! rotations.

use alloc::format;
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::clock::Duration;
use crate::keys::{self, KeyManager, KeyState, MaterialOrigin, MaterialVersion, Rotation};
use crate::service::Parts;
use crate::world::World;

impl World {
    pub(in crate::api) fn enable_key_rotation(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let sent = input.int("RotationPeriodInDays", 90, 2560)?;
        let days = sent.unwrap_or(i64::from(keys::DEFAULT_ROTATION_DAYS));
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.auth_request(call, Action::EnableKeyRotation);
        // Absent when the parameter is not sent, as for PendingWindowInDays.
        req.rotation_period_days = sent;
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::EnableKeyRotation)?;
        let now = self.now();
        let key = self.key_mut(i, Parts::KEYS)?;
        if key.manager == KeyManager::Aws {
            return Err(ApiError::new(
                ErrorCode::UnsupportedOperation,
                "AWS managed keys rotate every year; their rotation cannot be changed.",
            ));
        }
        key.rotation = Some(Rotation {
            period_days: days as u32,
            next: now.plus(Duration::days(days)),
        });
        Ok(json!({}))
    }

    pub(in crate::api) fn disable_key_rotation(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::DisableKeyRotation)?;
        let key = self.key_mut(i, Parts::KEYS)?;
        if key.manager == KeyManager::Aws {
            return Err(ApiError::new(
                ErrorCode::UnsupportedOperation,
                "AWS managed keys rotate every year; their rotation cannot be changed.",
            ));
        }
        key.rotation = None;
        Ok(json!({}))
    }

    pub(in crate::api) fn get_key_rotation_status(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::GetKeyRotationStatus)?;
        let key = self.key(i)?;
        // "While a KMS key is pending deletion, its key rotation status is false and KMS
        // does not rotate the key material. If you cancel the deletion, the original key
        // rotation status returns to true." On-demand rotations complete at once here,
        // so OnDemandRotationStartDate ("Once the on-demand rotation is complete, KMS
        // removes this field") never shows.
        let rotation = key
            .rotation
            .filter(|_| key.state != KeyState::PendingDeletion);
        let mut out = Map::new();
        out.insert("KeyRotationEnabled".into(), json!(rotation.is_some()));
        out.insert("KeyId".into(), json!(key.key_id));
        if let Some(r) = rotation {
            out.insert("RotationPeriodInDays".into(), json!(r.period_days));
            out.insert("NextRotationDate".into(), epoch(r.next));
        }
        Ok(Value::Object(out))
    }

    pub(in crate::api) fn rotate_key_on_demand(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::RotateKeyOnDemand)?;
        let key = self.key(i)?;
        if key.manager == KeyManager::Aws {
            return Err(ApiError::new(
                ErrorCode::UnsupportedOperation,
                "AWS managed keys cannot be rotated on demand.",
            ));
        }
        if key.on_demand_rotations >= keys::MAX_ON_DEMAND_ROTATIONS {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                format!(
                    "The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: {}",
                    key.arn
                ),
            ));
        }
        let version = key.materials.len() as u32 + 1;
        let material = self
            .new_material(version, MaterialOrigin::OnDemand)
            .map_err(ApiError::internal)?;
        let key = self.key_mut(i, Parts::KEYS)?;
        key.materials.push(material);
        key.on_demand_rotations += 1;
        Ok(json!({"KeyId": key.arn}))
    }

    pub(in crate::api) fn list_key_rotations(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        // "The default value of this parameter is ROTATIONS_ONLY."
        let all = match input.str("IncludeKeyMaterial")? {
            None | Some("ROTATIONS_ONLY") => false,
            Some("ALL_KEY_MATERIAL") => true,
            Some(_) => {
                return Err(ApiError::validation(
                    "includeKeyMaterial",
                    "Member must satisfy enum value set: [ALL_KEY_MATERIAL, ROTATIONS_ONLY]",
                ));
            }
        };
        let i = self.open_key(call, key_id, Action::ListKeyRotations)?;
        let key = self.key(i)?;
        let current = key.current_material().map(|m| m.version);
        let listed: Vec<&MaterialVersion> = key
            .materials
            .iter()
            .filter(|m| all || m.origin.rotation_type().is_some())
            .collect();
        let mut out = Map::new();
        page(
            &listed,
            input,
            Paging::LARGE,
            &mut out,
            |m| {
                let mut e = Map::new();
                e.insert("KeyId".into(), json!(key.key_id));
                e.insert("KeyMaterialId".into(), json!(m.material_id));
                if all {
                    let state = if Some(m.version) == current {
                        "CURRENT"
                    } else {
                        "NON_CURRENT"
                    };
                    e.insert("KeyMaterialState".into(), json!(state));
                }
                // "This field is not present for the first key material".
                if let Some(kind) = m.origin.rotation_type() {
                    e.insert("RotationDate".into(), epoch(m.created));
                    e.insert("RotationType".into(), json!(kind));
                }
                Value::Object(e)
            },
            "Rotations",
        )?;
        Ok(Value::Object(out))
    }
}
