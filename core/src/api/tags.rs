//! Tags on keys: tag, untag, list.

use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::world::World;

impl World {
    pub(in crate::api) fn tag_resource(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "Tags"])?;
        let key_id = input.required_str("KeyId")?;
        let tags = read_tags(input)?;
        let i = self.open_key(call, key_id, Action::TagResource)?;
        let key = self.key_mut(i)?;
        let mut merged = key.tags.clone();
        for (k, v) in tags {
            match merged.iter_mut().find(|(tk, _)| *tk == k) {
                Some(t) => t.1 = v,
                None => merged.push((k, v)),
            }
        }
        // A refused request leaves the key as it was.
        if merged.len() > 50 {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                "A KMS key can have at most 50 tags.",
            ));
        }
        key.tags = merged;
        Ok(json!({}))
    }

    pub(in crate::api) fn untag_resource(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "TagKeys"])?;
        let key_id = input.required_str("KeyId")?;
        let names = input
            .str_list("TagKeys")?
            .ok_or_else(|| ApiError::validation("tagKeys", "Member must not be null"))?;
        let i = self.open_key(call, key_id, Action::UntagResource)?;
        self.key_mut(i)?.tags.retain(|(k, _)| !names.contains(k));
        Ok(json!({}))
    }

    pub(in crate::api) fn list_resource_tags(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "Limit", "Marker"])?;
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::ListResourceTags)?;
        let tags = self.key(i)?.tags.clone();
        let mut out = Map::new();
        page(
            &tags,
            input,
            &mut out,
            |(k, v)| json!({"TagKey": k, "TagValue": v}),
            "Tags",
        )?;
        Ok(Value::Object(out))
    }
}
