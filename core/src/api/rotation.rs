//! Rotation: automatic rotation on and off, its status, rotation on demand, the list of
//! rotations.

use alloc::format;
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::clock::Duration;
use crate::keys::{self, KeyManager, MaterialOrigin, Rotation};
use crate::world::World;

impl World {
    pub(in crate::api) fn enable_key_rotation(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "RotationPeriodInDays"])?;
        let key_id = input.required_str("KeyId")?;
        let days = input
            .int("RotationPeriodInDays", 90, 2560)?
            .unwrap_or(i64::from(keys::DEFAULT_ROTATION_DAYS));
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.request(call, Action::EnableKeyRotation);
        req.rotation_period_days = Some(days);
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::EnableKeyRotation)?;
        let now = self.now();
        let key = self.key_mut(i)?;
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
        input.allow(&["KeyId"])?;
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::DisableKeyRotation)?;
        let key = self.key_mut(i)?;
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
        input.allow(&["KeyId"])?;
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::GetKeyRotationStatus)?;
        let key = self.key(i)?;
        let mut out = Map::new();
        out.insert("KeyRotationEnabled".into(), json!(key.rotation.is_some()));
        out.insert("KeyId".into(), json!(key.arn));
        if let Some(r) = key.rotation {
            out.insert("RotationPeriodInDays".into(), json!(r.period_days));
            out.insert("NextRotationDate".into(), epoch(r.next));
        }
        if let Some(last) = key
            .materials
            .iter()
            .rev()
            .find(|m| m.origin == MaterialOrigin::OnDemand)
        {
            out.insert("OnDemandRotationStartDate".into(), epoch(last.created));
        }
        Ok(Value::Object(out))
    }

    pub(in crate::api) fn rotate_key_on_demand(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId"])?;
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
                    "{} has reached the limit of 25 on-demand rotations.",
                    key.arn
                ),
            ));
        }
        let version = key.materials.len() as u32 + 1;
        let material = self
            .new_material(version, MaterialOrigin::OnDemand)
            .map_err(ApiError::internal)?;
        let key = self.key_mut(i)?;
        key.materials.push(material);
        key.on_demand_rotations += 1;
        Ok(json!({"KeyId": key.arn}))
    }

    pub(in crate::api) fn list_key_rotations(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "Limit", "Marker", "IncludeKeyMaterial"])?;
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::ListKeyRotations)?;
        let key = self.key(i)?;
        let arn = key.arn.clone();
        let rotations: Vec<_> = key
            .materials
            .iter()
            .filter(|m| m.origin.rotation_type().is_some())
            .cloned()
            .collect();
        let mut out = Map::new();
        page(
            &rotations,
            input,
            &mut out,
            |m| json!({"KeyId": arn, "RotationDate": epoch(m.created), "RotationType": m.origin.rotation_type(), "KeyMaterialId": m.material_id}),
            "Rotations",
        )?;
        Ok(Value::Object(out))
    }
}
