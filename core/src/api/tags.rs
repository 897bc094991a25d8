//! Tags on keys: tag, untag, list. The request's tags are facts for `aws:RequestTag/<k>`
//! and `aws:TagKeys` ("The following policy conditions can be applied to the
//! kms:TagResource and kms:UntagResource permissions").

use alloc::format;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::authz::RequestTags;
use crate::service::Parts;
use crate::world::World;

impl World {
    pub(in crate::api) fn tag_resource(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        if input.objects("Tags")?.is_none() {
            return Err(ApiError::validation("tags", "Member must not be null"));
        }
        let tags = read_tags(input)?;
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.auth_request(call, Action::TagResource);
        req.tags = Some(RequestTags::Pairs(&tags));
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::TagResource)?;
        let key = self.key_mut(i, Parts::KEYS)?;
        let mut merged = key.tags.clone();
        for (k, v) in tags {
            // "If you specify an existing tag key with a different tag value, KMS replaces
            // the current tag value with the specified one."
            match merged.iter_mut().find(|(tk, _)| *tk == k) {
                Some(t) => t.1 = v,
                None => merged.push((k, v)),
            }
        }
        // A refused request leaves the key as it was.
        if merged.len() > MAX_TAGS_PER_KEY {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                format!("A KMS key can have at most {MAX_TAGS_PER_KEY} tags."),
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
        let key_id = input.required_str("KeyId")?;
        let names = input
            .str_list("TagKeys")?
            .ok_or_else(|| ApiError::validation("tagKeys", "Member must not be null"))?;
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.auth_request(call, Action::UntagResource);
        req.tags = Some(RequestTags::Keys(&names));
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::UntagResource)?;
        // "if the specified tag key isn't found on the KMS key, it doesn't throw an
        // exception or return a response."
        self.key_mut(i, Parts::KEYS)?
            .tags
            .retain(|(k, _)| !names.contains(k));
        Ok(json!({}))
    }

    pub(in crate::api) fn list_resource_tags(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::ListResourceTags)?;
        let mut out = Map::new();
        page(
            &self.key(i)?.tags,
            input,
            Paging::TAGS,
            &mut out,
            |(k, v)| json!({"TagKey": k, "TagValue": v}),
            "Tags",
        )?;
        Ok(Value::Object(out))
    }
}
