//! What the operations share: request readers, paging, the usual first half of an
//! operation (resolve, authorize, check state) and the response shapes of keys and grants.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::authz::Request;
use crate::b64;
use crate::clock::Timestamp;
use crate::grants::{self, Grant};
use crate::keys::{Key, KeyState};
use crate::policy::{Policy, PolicyKind};
use crate::world::World;

pub const MAX_CIPHERTEXT: usize = 6144;
/// The most bytes Encrypt takes.
pub const MAX_PLAINTEXT: usize = 4096;

pub(super) fn epoch(t: Timestamp) -> Value {
    json!(t.unix_seconds())
}

pub(super) fn key_metadata(k: &Key) -> Value {
    let mut m = Map::new();
    m.insert("AWSAccountId".into(), json!(k.account.as_str()));
    m.insert("KeyId".into(), json!(k.key_id));
    m.insert("Arn".into(), json!(k.arn));
    m.insert("CreationDate".into(), epoch(k.created));
    m.insert("Enabled".into(), json!(k.state == KeyState::Enabled));
    m.insert("Description".into(), json!(k.description));
    m.insert("KeyUsage".into(), json!("ENCRYPT_DECRYPT"));
    m.insert("KeyState".into(), json!(k.state.as_str()));
    if let Some(d) = k.deletion_date {
        m.insert("DeletionDate".into(), epoch(d));
    }
    if let Some(w) = k.pending_window_days {
        m.insert("PendingDeletionWindowInDays".into(), json!(w));
    }
    m.insert("Origin".into(), json!("AWS_KMS"));
    m.insert("KeyManager".into(), json!(k.manager.as_str()));
    m.insert("CustomerMasterKeySpec".into(), json!("SYMMETRIC_DEFAULT"));
    m.insert("KeySpec".into(), json!("SYMMETRIC_DEFAULT"));
    m.insert("EncryptionAlgorithms".into(), json!(["SYMMETRIC_DEFAULT"]));
    m.insert("MultiRegion".into(), json!(false));
    if let Some(mv) = k.current_material() {
        m.insert("CurrentKeyMaterialId".into(), json!(mv.material_id));
    }
    Value::Object(m)
}

/// Paging as AWS does it: `Limit` (1–1000, default 100) and an opaque `Marker`.
pub(super) fn page<T: Clone>(
    items: &[T],
    input: &Input<'_>,
    out: &mut Map<String, Value>,
    to_json: impl Fn(&T) -> Value,
    field: &str,
) -> Result<(), ApiError> {
    let limit = input.int("Limit", 1, 1000)?.unwrap_or(100) as usize;
    let start = match input.str("Marker")? {
        None => 0,
        Some(m) => b64::decode(m)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| {
                s.strip_prefix("page:")
                    .and_then(|n| n.parse::<usize>().ok())
            })
            .filter(|n| *n <= items.len())
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidMarker,
                    "The marker is not valid: use the NextMarker of the previous response.",
                )
            })?,
    };
    let end = (start + limit).min(items.len());
    out.insert(
        field.into(),
        Value::Array(
            items
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .map(to_json)
                .collect(),
        ),
    );
    out.insert("Truncated".into(), json!(end < items.len()));
    if end < items.len() {
        out.insert(
            "NextMarker".into(),
            json!(b64::encode(format!("page:{end}").as_bytes())),
        );
    }
    Ok(())
}

pub(super) fn dry_run(input: &Input<'_>) -> Result<bool, ApiError> {
    Ok(input.bool("DryRun")?.unwrap_or(false))
}

pub(super) fn dry_run_error() -> ApiError {
    ApiError::new(
        ErrorCode::DryRunOperation,
        "The request would have succeeded, but the DryRun option is set.",
    )
}

pub(super) fn grant_tokens(input: &Input<'_>, world: &World) -> Result<Vec<String>, ApiError> {
    let tokens = input.str_list("GrantTokens")?.unwrap_or_default();
    if tokens.len() > grants::MAX_GRANT_TOKENS {
        return Err(ApiError::validation(
            "grantTokens",
            "Member must have length less than or equal to 10",
        ));
    }
    for t in &tokens {
        if !world.grants.iter().any(|g| g.token == *t) {
            return Err(ApiError::new(
                ErrorCode::InvalidGrantToken,
                "The grant token is not valid.",
            ));
        }
    }
    Ok(tokens)
}

pub(super) fn algorithm(input: &Input<'_>, name: &str) -> Result<(), ApiError> {
    match input.str(name)? {
        None | Some("SYMMETRIC_DEFAULT") => Ok(()),
        Some(other) => Err(ApiError::new(
            ErrorCode::Validation,
            format!(
                "{name} `{other}` is not valid for a symmetric encryption KMS key: use SYMMETRIC_DEFAULT"
            ),
        )),
    }
}

pub(super) fn check_alias_name(name: &str) -> Result<(), ApiError> {
    let n = name.chars().count();
    if !(1..=256).contains(&n) {
        return Err(ApiError::validation(
            "aliasName",
            "Member must have length between 1 and 256",
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/_-:".contains(c))
    {
        return Err(ApiError::validation(
            "aliasName",
            "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
        ));
    }
    if !name.starts_with("alias/") || name.len() == "alias/".len() {
        return Err(ApiError::new(
            ErrorCode::InvalidAliasName,
            format!("Alias must start with the prefix \"alias/\": {name}"),
        ));
    }
    Ok(())
}

impl World {
    pub(in crate::api) fn request<'r>(&'r self, call: &'r Call<'_>, action: Action) -> Request<'r> {
        let mut r = Request::new(
            &call.principal,
            self.iam_policies_of(&call.principal),
            action,
            self.now(),
        );
        r.via_service = call.via_service;
        r
    }

    pub(in crate::api) fn key(&self, index: usize) -> Result<&Key, ApiError> {
        self.keys
            .get(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))
    }

    pub(in crate::api) fn key_mut(&mut self, index: usize) -> Result<&mut Key, ApiError> {
        self.keys
            .get_mut(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))
    }

    /// Resolve, authorize with no extra facts, check state: the usual first half.
    pub(in crate::api) fn open_key(
        &self,
        call: &Call<'_>,
        key_id: &str,
        action: Action,
    ) -> Result<usize, ApiError> {
        let i = self.resolve_key(call, key_id)?;
        let req = self.request(call, action);
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, action)?;
        Ok(i)
    }

    pub(in crate::api) fn read_policy(&self, text: &str) -> Result<Policy, ApiError> {
        let checked = Policy::check_with(text, PolicyKind::Key, self);
        match checked.policy {
            Some(p) => Ok(p),
            None => {
                let first = checked
                    .errors()
                    .next()
                    .map_or_else(String::new, |d| format!("{d}"));
                Err(ApiError::new(
                    ErrorCode::MalformedPolicyDocument,
                    format!("The key policy is not valid: {first}"),
                ))
            }
        }
    }

    /// KMS's lockout safety check: the caller must still be able to call PutKeyPolicy
    /// under the new policy.
    pub(in crate::api) fn lockout_check(
        &self,
        call: &Call<'_>,
        policy: &Policy,
        arn: &str,
        account: crate::ids::AccountId,
    ) -> Result<(), ApiError> {
        let facts = crate::authz::KeyFacts::symmetric(arn, account, policy);
        let req = self.request(call, Action::PutKeyPolicy);
        if crate::authz::authorize(&req, &facts, &[]).is_allowed() {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::MalformedPolicyDocument,
                "The new key policy will not allow you to update the key policy in the future.",
            ))
        }
    }
}
pub(super) fn read_tags(input: &Input<'_>) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for t in input.objects("Tags")?.unwrap_or_default() {
        t.allow(&["TagKey", "TagValue"])?;
        let k = t
            .str_len("TagKey", 1, 128)?
            .ok_or_else(|| ApiError::validation("tagKey", "Member must not be null"))?;
        let v = t
            .str_len("TagValue", 0, 256)?
            .ok_or_else(|| ApiError::validation("tagValue", "Member must not be null"))?;
        if k.to_ascii_lowercase().starts_with("aws:") {
            return Err(ApiError::new(
                ErrorCode::Tag,
                format!("Tag keys that begin with aws: are reserved: {k}"),
            ));
        }
        out.push((k.to_string(), v.to_string()));
    }
    if out.len() > 50 {
        return Err(ApiError::new(ErrorCode::Tag, "At most 50 tags."));
    }
    Ok(out)
}

pub(super) fn grant_json(g: &Grant, key_id: &str) -> Value {
    let mut m = Map::new();
    m.insert("KeyId".into(), json!(key_id));
    m.insert("GrantId".into(), json!(g.grant_id));
    if let Some(n) = &g.name {
        m.insert("Name".into(), json!(n));
    }
    m.insert("CreationDate".into(), epoch(g.created));
    m.insert("GranteePrincipal".into(), json!(g.grantee));
    if let Some(r) = &g.retiring {
        m.insert("RetiringPrincipal".into(), json!(r));
    }
    m.insert(
        "IssuingAccount".into(),
        json!(format!("arn:aws:iam::{}:root", g.issuing_account)),
    );
    m.insert(
        "Operations".into(),
        Value::Array(g.operations.iter().map(|a| json!(a.name())).collect()),
    );
    let mut c = Map::new();
    if let Some(e) = &g.constraints.equals {
        c.insert("EncryptionContextEquals".into(), json!(e.as_map()));
    }
    if let Some(s) = &g.constraints.subset {
        c.insert("EncryptionContextSubset".into(), json!(s.as_map()));
    }
    if !c.is_empty() {
        m.insert("Constraints".into(), Value::Object(c));
    }
    Value::Object(m)
}
