//! The operations behind the door, each in the same order: read the request, resolve the
//! key, authorize, check the key's state, do the work, answer.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::{ApiError, Call, ErrorCode, Input};
use crate::action::{Action, ActionSet};
use crate::authz::{GrantRequest, Request};
use crate::b64;
use crate::clock::{Duration, Timestamp};
use crate::context::EncryptionContext;
use crate::crypto::{self, CiphertextBlob};
use crate::grants::{self, Grant, GrantConstraints, PROPAGATION_DELAY};
use crate::keys::{self, Key, KeyManager, KeyState, MaterialOrigin, Rotation};
use crate::policy::{self, Policy, PolicyKind};
use crate::principal::Principal;
use crate::world::{Alias, World};

/// The most bytes a ciphertext blob may have.
pub const MAX_CIPHERTEXT: usize = 6144;
/// The most bytes Encrypt takes.
pub const MAX_PLAINTEXT: usize = 4096;

fn epoch(t: Timestamp) -> Value {
    json!(t.unix_seconds())
}

fn key_metadata(k: &Key) -> Value {
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
fn page<T: Clone>(
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

fn dry_run(input: &Input<'_>) -> Result<bool, ApiError> {
    Ok(input.bool("DryRun")?.unwrap_or(false))
}

fn dry_run_error() -> ApiError {
    ApiError::new(
        ErrorCode::DryRunOperation,
        "The request would have succeeded, but the DryRun option is set.",
    )
}

fn grant_tokens(input: &Input<'_>, world: &World) -> Result<Vec<String>, ApiError> {
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

fn algorithm(input: &Input<'_>, name: &str) -> Result<(), ApiError> {
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

fn check_alias_name(name: &str) -> Result<(), ApiError> {
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
    fn request<'r>(&'r self, call: &'r Call<'_>, action: Action) -> Request<'r> {
        let mut r = Request::new(
            &call.principal,
            self.iam_policies_of(&call.principal),
            action,
            self.now(),
        );
        r.via_service = call.via_service;
        r
    }

    fn key(&self, index: usize) -> Result<&Key, ApiError> {
        self.keys
            .get(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))
    }

    fn key_mut(&mut self, index: usize) -> Result<&mut Key, ApiError> {
        self.keys
            .get_mut(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))
    }

    /// Resolve, authorize with no extra facts, check state: the usual first half.
    fn open_key(&self, call: &Call<'_>, key_id: &str, action: Action) -> Result<usize, ApiError> {
        let i = self.resolve_key(call, key_id)?;
        let req = self.request(call, action);
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, action)?;
        Ok(i)
    }

    fn read_policy(&self, text: &str) -> Result<Policy, ApiError> {
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
    fn lockout_check(
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

    // ---- keys -------------------------------------------------------------------------

    pub(super) fn create_key(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&[
            "Policy",
            "Description",
            "KeyUsage",
            "KeySpec",
            "CustomerMasterKeySpec",
            "Origin",
            "BypassPolicyLockoutSafetyCheck",
            "Tags",
            "MultiRegion",
            "CustomKeyStoreId",
            "XksKeyId",
        ])?;
        let description = input.str_len("Description", 0, 8192)?.unwrap_or("");
        match input.str("KeyUsage")? {
            None | Some("ENCRYPT_DECRYPT") => {}
            Some(u) => {
                return Err(ApiError::new(
                    ErrorCode::UnsupportedOperation,
                    format!(
                        "KeyUsage {u} is not offered by the simulator: only symmetric ENCRYPT_DECRYPT keys"
                    ),
                ));
            }
        }
        for f in ["KeySpec", "CustomerMasterKeySpec"] {
            match input.str(f)? {
                None | Some("SYMMETRIC_DEFAULT") => {}
                Some(s) => {
                    return Err(ApiError::new(
                        ErrorCode::UnsupportedOperation,
                        format!(
                            "{f} {s} is not offered by the simulator: only SYMMETRIC_DEFAULT keys"
                        ),
                    ));
                }
            }
        }
        match input.str("Origin")? {
            None | Some("AWS_KMS") => {}
            Some(o) => {
                return Err(ApiError::new(
                    ErrorCode::UnsupportedOperation,
                    format!("Origin {o} is not offered by the simulator: only AWS_KMS"),
                ));
            }
        }
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
        let bypass = input
            .bool("BypassPolicyLockoutSafetyCheck")?
            .unwrap_or(false);
        self.authorize_iam_with(call, Action::CreateKey, "*", |req| {
            req.bypass_lockout_check = Some(bypass);
        })?;
        // Tags given at creation also need kms:TagResource in an IAM policy.
        if !tags.is_empty() {
            self.authorize_iam(call, Action::TagResource, "*")?;
        }
        let account = call.principal.account();
        let region = crate::ids::Region::parse(&call.region)
            .map_err(|e| ApiError::new(ErrorCode::Validation, e.to_string()))?;
        let policy_text = match input.str_len("Policy", 1, policy::MAX_KEY_POLICY_BYTES)? {
            Some(t) => String::from(t),
            None => policy::defaults::api_default(account),
        };
        let policy = self.read_policy(&policy_text)?;
        let key_id = self.new_uuid().map_err(ApiError::internal)?;
        let arn = format!("arn:aws:kms:{region}:{account}:key/{key_id}");
        if input.bool("BypassPolicyLockoutSafetyCheck")? != Some(true) {
            self.lockout_check(call, &policy, &arn, account)?;
        }
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
        call.add_resource(&arn);
        self.keys.push(key);
        Ok(out)
    }

    pub(super) fn describe_key(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "GrantTokens"])?;
        let key_id = input.required_str("KeyId")?;
        let tokens = grant_tokens(input, self)?;
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.request(call, Action::DescribeKey);
        req.grant_tokens = &tokens;
        req.request_alias = key_id.contains("alias/").then_some(key_id);
        self.authorize_on_key(call, i, &req)?;
        Ok(json!({ "KeyMetadata": key_metadata(self.key(i)?) }))
    }

    pub(super) fn list_keys(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["Limit", "Marker"])?;
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
            &mut out,
            |k| json!({"KeyId": k.key_id, "KeyArn": k.arn}),
            "Keys",
        )?;
        Ok(Value::Object(out))
    }

    pub(super) fn update_key_description(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "Description"])?;
        let key_id = input.required_str("KeyId")?;
        let description = input
            .str_len("Description", 0, 8192)?
            .ok_or_else(|| ApiError::validation("description", "Member must not be null"))?;
        let i = self.open_key(call, key_id, Action::UpdateKeyDescription)?;
        self.key_mut(i)?.description = String::from(description);
        Ok(json!({}))
    }

    pub(super) fn set_enabled(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
        enable: bool,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId"])?;
        let key_id = input.required_str("KeyId")?;
        let action = if enable {
            Action::EnableKey
        } else {
            Action::DisableKey
        };
        let i = self.open_key(call, key_id, action)?;
        let now = self.now();
        let key = self.key_mut(i)?;
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
            let key = self.key_mut(i)?;
            key.materials.push(material);
            if let Some(r) = key.rotation.as_mut() {
                r.next = now.plus(Duration::days(i64::from(r.period_days)));
            }
        }
        Ok(json!({}))
    }

    pub(super) fn schedule_key_deletion(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "PendingWindowInDays"])?;
        let key_id = input.required_str("KeyId")?;
        let days = input
            .int("PendingWindowInDays", 7, 30)?
            .unwrap_or(i64::from(keys::DEFAULT_PENDING_WINDOW_DAYS));
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.request(call, Action::ScheduleKeyDeletion);
        req.pending_window_days = Some(days);
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::ScheduleKeyDeletion)?;
        let now = self.now();
        let key = self.key_mut(i)?;
        let when = now.plus(Duration::days(days));
        key.state = KeyState::PendingDeletion;
        key.deletion_date = Some(when);
        key.pending_window_days = Some(days as u32);
        Ok(
            json!({"KeyId": key.arn, "DeletionDate": epoch(when), "KeyState": "PendingDeletion", "PendingWindowInDays": days}),
        )
    }

    pub(super) fn cancel_key_deletion(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId"])?;
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::CancelKeyDeletion)?;
        let key = self.key_mut(i)?;
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

    // ---- cryptography -----------------------------------------------------------------

    /// Authorizes a cryptographic action with its context and tokens, then checks state.
    fn crypto_gate(
        &self,
        call: &Call<'_>,
        i: usize,
        action: Action,
        ctx: &EncryptionContext,
        tokens: &[String],
        alias: Option<&str>,
    ) -> Result<(), ApiError> {
        let mut req = self.request(call, action);
        req.encryption_context = Some(ctx);
        req.grant_tokens = tokens;
        req.encryption_algorithm = Some("SYMMETRIC_DEFAULT");
        req.request_alias = alias.filter(|a| a.contains("alias/"));
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, action)
    }

    fn seal_with(
        &mut self,
        i: usize,
        ctx: &EncryptionContext,
        plaintext: &[u8],
    ) -> Result<(CiphertextBlob, String), ApiError> {
        let key = self.key(i)?;
        let mv = key
            .current_material()
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "The key has no material"))?
            .clone();
        let arn = key.arn.clone();
        let blob = crypto::seal(
            &mv.material,
            &arn,
            mv.version,
            ctx,
            plaintext,
            &mut self.entropy,
        )
        .map_err(ApiError::internal)?;
        Ok((blob, mv.material_id))
    }

    pub(super) fn encrypt(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&[
            "KeyId",
            "Plaintext",
            "EncryptionContext",
            "GrantTokens",
            "EncryptionAlgorithm",
            "DryRun",
        ])?;
        let key_id = input.required_str("KeyId")?;
        let plaintext = input.required_blob("Plaintext", 1, MAX_PLAINTEXT)?;
        let ctx = input.context("EncryptionContext")?.unwrap_or_default();
        let tokens = grant_tokens(input, self)?;
        algorithm(input, "EncryptionAlgorithm")?;
        let i = self.resolve_key(call, key_id)?;
        self.crypto_gate(call, i, Action::Encrypt, &ctx, &tokens, Some(key_id))?;
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        let (blob, _) = self.seal_with(i, &ctx, &plaintext)?;
        Ok(
            json!({"CiphertextBlob": b64::encode(&blob.to_bytes()), "KeyId": self.key(i)?.arn, "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}),
        )
    }

    /// Reads a ciphertext blob and finds its key: the first half of Decrypt and ReEncrypt.
    fn blob_key(
        &self,
        call: &Call<'_>,
        bytes: &[u8],
        key_id: Option<&str>,
    ) -> Result<(CiphertextBlob, usize), ApiError> {
        let invalid = || ApiError::new(ErrorCode::InvalidCiphertext, "");
        let blob = CiphertextBlob::parse(bytes).map_err(|_| invalid())?;
        let index = match self.keys.iter().position(|k| k.arn == blob.key_arn) {
            Some(i) => i,
            None if self.deleted_keys.contains(&blob.key_arn) => {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!("Key '{}' does not exist", blob.key_arn),
                ));
            }
            None => return Err(invalid()),
        };
        // Keys are regional: another region's endpoint does not know this key.
        if self
            .keys
            .get(index)
            .is_some_and(|k| k.region.as_str() != call.region)
        {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("Key '{}' does not exist in {}", blob.key_arn, call.region),
            ));
        }
        if let Some(kid) = key_id {
            let named = self.resolve_key(call, kid)?;
            if named != index {
                return Err(ApiError::new(
                    ErrorCode::IncorrectKey,
                    "The key ID in the request does not identify a CMK that can perform this operation.",
                ));
            }
        }
        Ok((blob, index))
    }

    fn open_blob(
        &self,
        i: usize,
        blob: &CiphertextBlob,
        ctx: &EncryptionContext,
    ) -> Result<crypto::Secret, ApiError> {
        let key = self.key(i)?;
        let mv = key
            .material(blob.material_version)
            .ok_or_else(|| ApiError::new(ErrorCode::InvalidCiphertext, ""))?;
        crypto::open(&mv.material, blob, ctx)
            .map_err(|_| ApiError::new(ErrorCode::InvalidCiphertext, ""))
    }

    pub(super) fn decrypt(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&[
            "CiphertextBlob",
            "EncryptionContext",
            "GrantTokens",
            "KeyId",
            "EncryptionAlgorithm",
            "DryRun",
            "Recipient",
        ])?;
        let bytes = input.required_blob("CiphertextBlob", 1, MAX_CIPHERTEXT)?;
        let ctx = input.context("EncryptionContext")?.unwrap_or_default();
        let tokens = grant_tokens(input, self)?;
        algorithm(input, "EncryptionAlgorithm")?;
        if input.object("Recipient")?.is_some() {
            return Err(ApiError::new(
                ErrorCode::UnsupportedOperation,
                "Recipient (Nitro Enclaves attestation) is not offered by the simulator",
            ));
        }
        let key_id = input.str("KeyId")?;
        let (blob, i) = self.blob_key(call, &bytes, key_id)?;
        self.crypto_gate(call, i, Action::Decrypt, &ctx, &tokens, key_id)?;
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        let plaintext = self.open_blob(i, &blob, &ctx)?;
        let key = self.key(i)?;
        let material_id = key
            .material(blob.material_version)
            .map(|m| m.material_id.clone())
            .unwrap_or_default();
        Ok(
            json!({"KeyId": key.arn, "Plaintext": b64::encode(plaintext.expose()), "EncryptionAlgorithm": "SYMMETRIC_DEFAULT", "KeyMaterialId": material_id}),
        )
    }

    pub(super) fn re_encrypt(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&[
            "CiphertextBlob",
            "SourceEncryptionContext",
            "SourceKeyId",
            "DestinationKeyId",
            "DestinationEncryptionContext",
            "SourceEncryptionAlgorithm",
            "DestinationEncryptionAlgorithm",
            "GrantTokens",
            "DryRun",
        ])?;
        let bytes = input.required_blob("CiphertextBlob", 1, MAX_CIPHERTEXT)?;
        let dest_id = input.required_str("DestinationKeyId")?;
        let src_ctx = input
            .context("SourceEncryptionContext")?
            .unwrap_or_default();
        let dst_ctx = input
            .context("DestinationEncryptionContext")?
            .unwrap_or_default();
        let tokens = grant_tokens(input, self)?;
        algorithm(input, "SourceEncryptionAlgorithm")?;
        algorithm(input, "DestinationEncryptionAlgorithm")?;
        let src_id = input.str("SourceKeyId")?;
        let (blob, si) = self.blob_key(call, &bytes, src_id)?;
        let di = self.resolve_key(call, dest_id)?;
        let same = si == di;
        for (i, action, ctx, alias) in [
            (si, Action::ReEncryptFrom, &src_ctx, src_id),
            (di, Action::ReEncryptTo, &dst_ctx, Some(dest_id)),
        ] {
            let mut req = self.request(call, action);
            req.encryption_context = Some(ctx);
            req.grant_tokens = &tokens;
            req.encryption_algorithm = Some("SYMMETRIC_DEFAULT");
            req.reencrypt_on_same_key = Some(same);
            req.request_alias = alias.filter(|a| a.contains("alias/"));
            self.authorize_on_key(call, i, &req)?;
        }
        self.check_state(si, Action::ReEncryptFrom)?;
        self.check_state(di, Action::ReEncryptTo)?;
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        // The plaintext never leaves the service.
        let plaintext = self.open_blob(si, &blob, &src_ctx)?;
        let (new_blob, dest_material) = self.seal_with(di, &dst_ctx, plaintext.expose())?;
        let src = self.key(si)?;
        let source_material = src
            .material(blob.material_version)
            .map(|m| m.material_id.clone())
            .unwrap_or_default();
        Ok(json!({
            "CiphertextBlob": b64::encode(&new_blob.to_bytes()),
            "SourceKeyId": src.arn,
            "KeyId": self.key(di)?.arn,
            "SourceEncryptionAlgorithm": "SYMMETRIC_DEFAULT",
            "DestinationEncryptionAlgorithm": "SYMMETRIC_DEFAULT",
            "SourceKeyMaterialId": source_material,
            "DestinationKeyMaterialId": dest_material,
        }))
    }

    pub(super) fn generate_data_key(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
        with_plaintext: bool,
    ) -> Result<Value, ApiError> {
        input.allow(&[
            "KeyId",
            "EncryptionContext",
            "NumberOfBytes",
            "KeySpec",
            "GrantTokens",
            "DryRun",
            "Recipient",
        ])?;
        let key_id = input.required_str("KeyId")?;
        let ctx = input.context("EncryptionContext")?.unwrap_or_default();
        let tokens = grant_tokens(input, self)?;
        if input.object("Recipient")?.is_some() {
            return Err(ApiError::new(
                ErrorCode::UnsupportedOperation,
                "Recipient (Nitro Enclaves attestation) is not offered by the simulator",
            ));
        }
        let n = input.int("NumberOfBytes", 1, 1024)?;
        let spec = input.str("KeySpec")?;
        let len = match (spec, n) {
            (Some(_), Some(_)) => {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Please specify either number of bytes or key spec.",
                ));
            }
            (None, None) => {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Please specify either number of bytes or key spec.",
                ));
            }
            (Some("AES_256"), None) => 32,
            (Some("AES_128"), None) => 16,
            (Some(_), None) => {
                return Err(ApiError::validation(
                    "keySpec",
                    "Member must satisfy enum value set: [AES_256, AES_128]",
                ));
            }
            (None, Some(n)) => n as usize,
        };
        let action = if with_plaintext {
            Action::GenerateDataKey
        } else {
            Action::GenerateDataKeyWithoutPlaintext
        };
        let i = self.resolve_key(call, key_id)?;
        self.crypto_gate(call, i, action, &ctx, &tokens, Some(key_id))?;
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        let mut data_key = alloc::vec![0u8; len];
        self.entropy
            .fill(&mut data_key)
            .map_err(ApiError::internal)?;
        let data_key = crypto::Secret::new(data_key);
        let (blob, material_id) = self.seal_with(i, &ctx, data_key.expose())?;
        let mut out = Map::new();
        out.insert(
            "CiphertextBlob".into(),
            json!(b64::encode(&blob.to_bytes())),
        );
        if with_plaintext {
            out.insert("Plaintext".into(), json!(b64::encode(data_key.expose())));
        }
        out.insert("KeyId".into(), json!(self.key(i)?.arn));
        out.insert("KeyMaterialId".into(), json!(material_id));
        Ok(Value::Object(out))
    }

    pub(super) fn generate_random(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["NumberOfBytes", "CustomKeyStoreId", "Recipient"])?;
        if input.str("CustomKeyStoreId")?.is_some() || input.object("Recipient")?.is_some() {
            return Err(ApiError::new(
                ErrorCode::UnsupportedOperation,
                "Custom key stores and Recipient are not offered by the simulator",
            ));
        }
        let n = input
            .int("NumberOfBytes", 1, 1024)?
            .ok_or_else(|| ApiError::validation("numberOfBytes", "Member must not be null"))?;
        self.authorize_iam(call, Action::GenerateRandom, "*")?;
        let mut bytes = alloc::vec![0u8; n as usize];
        self.entropy.fill(&mut bytes).map_err(ApiError::internal)?;
        let bytes = crypto::Secret::new(bytes);
        Ok(json!({"Plaintext": b64::encode(bytes.expose())}))
    }

    // ---- aliases ----------------------------------------------------------------------

    fn alias_arn(call: &Call<'_>, name: &str) -> String {
        format!(
            "arn:aws:kms:{}:{}:{name}",
            call.region,
            call.principal.account()
        )
    }

    fn find_alias(&self, call: &Call<'_>, name: &str) -> Option<usize> {
        self.aliases.iter().position(|a| {
            a.name == name
                && a.account == call.principal.account()
                && a.region.as_str() == call.region
        })
    }

    /// The target of CreateAlias/UpdateAlias must be a key ID or key ARN of the caller's
    /// account and region.
    fn alias_target_key(&self, call: &Call<'_>, target: &str) -> Result<usize, ApiError> {
        if target.contains("alias/") {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "TargetKeyId must be a key ID or key ARN, not an alias",
            ));
        }
        let i = self.resolve_key(call, target)?;
        let k = self.key(i)?;
        if k.account != call.principal.account() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("Key '{}' does not exist", k.arn),
            ));
        }
        Ok(i)
    }

    pub(super) fn create_alias(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["AliasName", "TargetKeyId"])?;
        let name = input.required_str("AliasName")?;
        let target = input.required_str("TargetKeyId")?;
        check_alias_name(name)?;
        if name.starts_with("alias/aws/") {
            return Err(ApiError::new(
                ErrorCode::InvalidAliasName,
                "Alias names that begin with alias/aws/ are reserved for AWS managed keys.",
            ));
        }
        let i = self.alias_target_key(call, target)?;
        self.authorize_iam(call, Action::CreateAlias, &World::alias_arn(call, name))?;
        let req = self.request(call, Action::CreateAlias);
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::CreateAlias)?;
        if self.find_alias(call, name).is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                format!(
                    "An alias with the name {} already exists",
                    World::alias_arn(call, name)
                ),
            ));
        }
        let key = self.key(i)?;
        if self.alias_names_of(key).len() >= 50 {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                "A KMS key can have at most 50 aliases.",
            ));
        }
        let alias = Alias {
            name: String::from(name),
            account: key.account,
            region: key.region.clone(),
            target_key_id: key.key_id.clone(),
            created: self.now(),
            updated: self.now(),
        };
        self.aliases.push(alias);
        Ok(json!({}))
    }

    pub(super) fn update_alias(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["AliasName", "TargetKeyId"])?;
        let name = input.required_str("AliasName")?;
        let target = input.required_str("TargetKeyId")?;
        check_alias_name(name)?;
        let ai = self.find_alias(call, name).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("Alias {} is not found.", World::alias_arn(call, name)),
            )
        })?;
        if name.starts_with("alias/aws/") {
            return Err(ApiError::new(
                ErrorCode::InvalidAliasName,
                "Aliases of AWS managed keys cannot be changed.",
            ));
        }
        let new = self.alias_target_key(call, target)?;
        let old_id = self
            .aliases
            .get(ai)
            .map(|a| a.target_key_id.clone())
            .unwrap_or_default();
        let old = self.resolve_key(call, &old_id)?;
        self.authorize_iam(call, Action::UpdateAlias, &World::alias_arn(call, name))?;
        for i in [old, new] {
            let req = self.request(call, Action::UpdateAlias);
            self.authorize_on_key(call, i, &req)?;
            self.check_state(i, Action::UpdateAlias)?;
        }
        let key_id = self.key(new)?.key_id.clone();
        let now = self.now();
        if let Some(a) = self.aliases.get_mut(ai) {
            a.target_key_id = key_id;
            a.updated = now;
        }
        Ok(json!({}))
    }

    pub(super) fn delete_alias(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["AliasName"])?;
        let name = input.required_str("AliasName")?;
        check_alias_name(name)?;
        let ai = self.find_alias(call, name).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("Alias {} is not found.", World::alias_arn(call, name)),
            )
        })?;
        if name.starts_with("alias/aws/") {
            return Err(ApiError::new(
                ErrorCode::InvalidAliasName,
                "Aliases of AWS managed keys cannot be deleted.",
            ));
        }
        let key_id = self
            .aliases
            .get(ai)
            .map(|a| a.target_key_id.clone())
            .unwrap_or_default();
        let i = self.resolve_key(call, &key_id)?;
        self.authorize_iam(call, Action::DeleteAlias, &World::alias_arn(call, name))?;
        let req = self.request(call, Action::DeleteAlias);
        self.authorize_on_key(call, i, &req)?;
        self.aliases.remove(ai);
        Ok(json!({}))
    }

    pub(super) fn list_aliases(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "Limit", "Marker"])?;
        let key_filter = match input.str("KeyId")? {
            Some(k) => {
                let i = self.resolve_key(call, k)?;
                Some(self.key(i)?.key_id.clone())
            }
            None => None,
        };
        self.authorize_iam(call, Action::ListAliases, "*")?;
        let account = call.principal.account();
        let list: Vec<&Alias> = self
            .aliases
            .iter()
            .filter(|a| {
                a.account == account
                    && a.region.as_str() == call.region
                    && key_filter.as_ref().is_none_or(|k| *k == a.target_key_id)
            })
            .collect();
        let mut out = Map::new();
        page(
            &list,
            input,
            &mut out,
            |a| json!({"AliasName": a.name, "AliasArn": a.arn(), "TargetKeyId": a.target_key_id, "CreationDate": epoch(a.created), "LastUpdatedDate": epoch(a.updated)}),
            "Aliases",
        )?;
        Ok(Value::Object(out))
    }

    // ---- rotation ---------------------------------------------------------------------

    pub(super) fn enable_key_rotation(
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

    pub(super) fn disable_key_rotation(
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

    pub(super) fn get_key_rotation_status(
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

    pub(super) fn rotate_key_on_demand(
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

    pub(super) fn list_key_rotations(
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

    // ---- policies ---------------------------------------------------------------------

    pub(super) fn put_key_policy(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&[
            "KeyId",
            "PolicyName",
            "Policy",
            "BypassPolicyLockoutSafetyCheck",
        ])?;
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
        let text = input
            .str_len("Policy", 1, policy::MAX_KEY_POLICY_BYTES)?
            .ok_or_else(|| ApiError::validation("policy", "Member must not be null"))?;
        let bypass = input
            .bool("BypassPolicyLockoutSafetyCheck")?
            .unwrap_or(false);
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.request(call, Action::PutKeyPolicy);
        req.bypass_lockout_check = Some(bypass);
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
        self.key_mut(i)?.policy = policy;
        Ok(json!({}))
    }

    pub(super) fn get_key_policy(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "PolicyName"])?;
        let key_id = input.required_str("KeyId")?;
        let i = self.open_key(call, key_id, Action::GetKeyPolicy)?;
        Ok(json!({"Policy": self.key(i)?.policy.text(), "PolicyName": "default"}))
    }

    pub(super) fn list_key_policies(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "Limit", "Marker"])?;
        let key_id = input.required_str("KeyId")?;
        self.open_key(call, key_id, Action::ListKeyPolicies)?;
        Ok(json!({"PolicyNames": ["default"], "Truncated": false}))
    }

    // ---- grants -----------------------------------------------------------------------

    pub(super) fn create_grant(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&[
            "KeyId",
            "GranteePrincipal",
            "RetiringPrincipal",
            "Operations",
            "Constraints",
            "GrantTokens",
            "Name",
            "DryRun",
        ])?;
        let key_id = input.required_str("KeyId")?;
        let grantee = input
            .str_len("GranteePrincipal", 1, 256)?
            .ok_or_else(|| ApiError::validation("granteePrincipal", "Member must not be null"))?;
        let retiring = input.str_len("RetiringPrincipal", 1, 256)?;
        for (field, p) in [
            ("GranteePrincipal", Some(grantee)),
            ("RetiringPrincipal", retiring),
        ] {
            if let Some(p) = p
                && Principal::parse(p).is_err()
                && !p.ends_with(".amazonaws.com")
            {
                {
                    return Err(ApiError::new(
                        ErrorCode::Validation,
                        format!("{field} `{p}` is not a valid principal ARN"),
                    ));
                }
            }
        }
        let names = input
            .str_list("Operations")?
            .ok_or_else(|| ApiError::validation("operations", "Member must not be null"))?;
        if names.is_empty() {
            return Err(ApiError::validation(
                "operations",
                "Member must have length greater than or equal to 1",
            ));
        }
        let mut operations = ActionSet::EMPTY;
        for n in &names {
            match Action::from_name(n).filter(|a| a.is_grant_operation() && a.name() == n) {
                Some(a) => operations.insert(a),
                None => {
                    return Err(ApiError::validation(
                        "operations",
                        "Member must satisfy enum value set: [Decrypt, Encrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, ReEncryptFrom, ReEncryptTo, Sign, Verify, GetPublicKey, CreateGrant, RetireGrant, DescribeKey, GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, GenerateMac, VerifyMac, DeriveSharedSecret]",
                    ));
                }
            }
        }
        let constraints = match input.object("Constraints")? {
            None => GrantConstraints::default(),
            Some(c) => {
                c.allow(&["EncryptionContextEquals", "EncryptionContextSubset"])?;
                let gc = GrantConstraints {
                    equals: c.context("EncryptionContextEquals")?,
                    subset: c.context("EncryptionContextSubset")?,
                };
                if gc.equals.is_some() && gc.subset.is_some() {
                    return Err(ApiError::new(
                        ErrorCode::Validation,
                        "Use EncryptionContextEquals or EncryptionContextSubset, not both.",
                    ));
                }
                if gc
                    .equals
                    .as_ref()
                    .or(gc.subset.as_ref())
                    .is_some_and(|c| c.len() > grants::MAX_CONSTRAINT_PAIRS)
                {
                    return Err(ApiError::new(
                        ErrorCode::Validation,
                        "A grant constraint can have at most 8 encryption context pairs.",
                    ));
                }
                gc
            }
        };
        let name = input.str_len("Name", 1, 256)?;
        if name.is_some_and(|n| {
            !n.chars()
                .all(|c| c.is_ascii_alphanumeric() || ":/_-".contains(c))
        }) {
            return Err(ApiError::validation(
                "name",
                "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
            ));
        }
        let tokens = grant_tokens(input, self)?;
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.request(call, Action::CreateGrant);
        req.grant_tokens = &tokens;
        req.grant = Some(GrantRequest {
            operations,
            grantee,
            retiring,
            constraints: &constraints,
        });
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::CreateGrant)?;
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        let key_arn = self.key(i)?.arn.clone();
        let token = self.new_grant_token().map_err(ApiError::internal)?;
        // Same parameters and name again: the same grant, a new token.
        if let Some(n) = name
            && let Some(g) = self.grants.iter_mut().find(|g| {
                g.key_arn == key_arn
                    && g.name.as_deref() == Some(n)
                    && g.grantee == grantee
                    && g.retiring.as_deref() == retiring
                    && g.operations == operations
                    && g.constraints == constraints
            })
        {
            g.token = token.clone();
            return Ok(json!({"GrantId": g.grant_id, "GrantToken": token}));
        }
        let grant_id = self.new_grant_id().map_err(ApiError::internal)?;
        let now = self.now();
        self.grants.push(Grant {
            grant_id: grant_id.clone(),
            token: token.clone(),
            key_arn,
            name: name.map(String::from),
            grantee: String::from(grantee),
            retiring: retiring.map(String::from),
            operations,
            constraints,
            // The key's account issues the grant (and its principals may retire it).
            issuing_account: self.key(i)?.account,
            created: now,
            effective: now.plus(PROPAGATION_DELAY),
        });
        Ok(json!({"GrantId": grant_id, "GrantToken": token}))
    }

    pub(super) fn list_grants(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "Limit", "Marker", "GrantId", "GranteePrincipal"])?;
        let key_id = input.required_str("KeyId")?;
        let grant_filter = input.str("GrantId")?;
        let grantee_filter = input.str("GranteePrincipal")?;
        let i = self.open_key(call, key_id, Action::ListGrants)?;
        let arn = self.key(i)?.arn.clone();
        let key_id = self.key(i)?.key_id.clone();
        let list: Vec<&Grant> = self
            .grants
            .iter()
            .filter(|g| {
                g.key_arn == arn
                    && grant_filter.is_none_or(|f| f == g.grant_id)
                    && grantee_filter.is_none_or(|f| f == g.grantee)
            })
            .collect();
        let mut out = Map::new();
        page(&list, input, &mut out, |g| grant_json(g, &key_id), "Grants")?;
        Ok(Value::Object(out))
    }

    pub(super) fn list_retirable_grants(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["RetiringPrincipal", "Limit", "Marker"])?;
        let retiring = input.required_str("RetiringPrincipal")?;
        self.authorize_iam(call, Action::ListRetirableGrants, "*")?;
        let list: Vec<&Grant> = self
            .grants
            .iter()
            .filter(|g| g.retiring.as_deref() == Some(retiring))
            .collect();
        let mut out = Map::new();
        let ids: Vec<(String, String)> = self
            .keys
            .iter()
            .map(|k| (k.arn.clone(), k.key_id.clone()))
            .collect();
        page(
            &list,
            input,
            &mut out,
            |g| {
                grant_json(
                    g,
                    ids.iter()
                        .find(|(a, _)| *a == g.key_arn)
                        .map_or("", |(_, id)| id.as_str()),
                )
            },
            "Grants",
        )?;
        Ok(Value::Object(out))
    }

    pub(super) fn retire_grant(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["GrantToken", "KeyId", "GrantId", "DryRun"])?;
        let token = input.str("GrantToken")?;
        let key_id = input.str("KeyId")?;
        let grant_id = input.str("GrantId")?;
        let gi = match (token, key_id, grant_id) {
            (Some(t), _, _) => self
                .grants
                .iter()
                .position(|g| g.token == t)
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::InvalidGrantToken,
                        "The grant token is not valid.",
                    )
                })?,
            (None, Some(k), Some(id)) => {
                let i = self.resolve_key(call, k)?;
                let arn = self.key(i)?.arn.clone();
                self.grants
                    .iter()
                    .position(|g| g.key_arn == arn && g.grant_id == id)
                    .ok_or_else(|| {
                        ApiError::new(ErrorCode::NotFound, format!("Grant ID {id} not found"))
                    })?
            }
            _ => {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Specify GrantToken, or both KeyId and GrantId.",
                ));
            }
        };
        let grant = self
            .grants
            .get(gi)
            .cloned()
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Grant not found"))?;
        let ki = self.keys.iter().position(|k| k.arn == grant.key_arn);
        call.add_resource(&grant.key_arn);
        if !grant.lets_retire(&call.principal) {
            // Principals of the issuing account may retire it when their policies allow.
            let allowed_by_policy = call.principal.account() == grant.issuing_account
                && match ki {
                    Some(ki) => {
                        let req = self.request(call, Action::RetireGrant);
                        self.authorize_on_key(call, ki, &req).is_ok()
                    }
                    None => false,
                };
            if !allowed_by_policy {
                return Err(ApiError::new(
                    ErrorCode::AccessDenied,
                    format!(
                        "User: {} is not authorized to retire grant {}: only its retiring principal, its grantee (when the grant allows RetireGrant) or an authorized principal of account {} may",
                        call.principal.arn(),
                        grant.grant_id,
                        grant.issuing_account
                    ),
                ));
            }
        }
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        self.grants.remove(gi);
        Ok(json!({}))
    }

    pub(super) fn revoke_grant(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        input.allow(&["KeyId", "GrantId", "DryRun"])?;
        let key_id = input.required_str("KeyId")?;
        let grant_id = input.required_str("GrantId")?;
        let i = self.open_key(call, key_id, Action::RevokeGrant)?;
        let arn = self.key(i)?.arn.clone();
        let gi = self
            .grants
            .iter()
            .position(|g| g.key_arn == arn && g.grant_id == grant_id)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("Grant ID {grant_id} not found"),
                )
            })?;
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        self.grants.remove(gi);
        Ok(json!({}))
    }

    // ---- tags -------------------------------------------------------------------------

    pub(super) fn tag_resource(
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

    pub(super) fn untag_resource(
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

    pub(super) fn list_resource_tags(
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

fn read_tags(input: &Input<'_>) -> Result<Vec<(String, String)>, ApiError> {
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

fn grant_json(g: &Grant, key_id: &str) -> Value {
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
