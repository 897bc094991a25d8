//! The cryptographic operations: Encrypt, Decrypt, ReEncrypt, GenerateDataKey(WithoutPlaintext)
//! and GenerateRandom.

use alloc::format;
use alloc::string::String;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::b64;
use crate::context::EncryptionContext;
use crate::crypto::{self, CiphertextBlob};
use crate::world::World;

impl World {
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
        let mut req = self.auth_request(call, action);
        req.encryption_context = Some(ctx);
        req.grant_tokens = tokens;
        req.encryption_algorithm = Some(self.key(i)?.spec.default_algorithm());
        req.request_alias = alias.and_then(super::resolve::request_alias);
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

    pub(in crate::api) fn encrypt(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
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
        let key = self.key(i)?;
        Ok(
            json!({"CiphertextBlob": b64::encode(&blob.to_bytes()), "KeyId": key.arn, "EncryptionAlgorithm": key.spec.default_algorithm()}),
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

    pub(in crate::api) fn decrypt(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        // "When set to IGNORE_CIPHERTEXT, KMS performs only authorization validation
        // without ciphertext validation … CiphertextBlob … is required in all cases
        // except when DryRun is true and DryRunModifiers is set to IGNORE_CIPHERTEXT"
        // (and then KeyId is required).
        let dry_run = dry_run(input)?;
        let ignore_ciphertext = match input.str_list("DryRunModifiers")? {
            None => false,
            Some(m) if m.iter().all(|x| x == "IGNORE_CIPHERTEXT") => !m.is_empty(),
            Some(_) => {
                return Err(ApiError::validation(
                    "dryRunModifiers",
                    "Member must satisfy enum value set: [IGNORE_CIPHERTEXT]",
                ));
            }
        } && dry_run;
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
        if ignore_ciphertext {
            let key_id =
                key_id.ok_or_else(|| ApiError::validation("keyId", "Member must not be null"))?;
            let i = self.resolve_key(call, key_id)?;
            self.crypto_gate(call, i, Action::Decrypt, &ctx, &tokens, Some(key_id))?;
            return Err(dry_run_error());
        }
        let bytes = input.required_blob("CiphertextBlob", 1, MAX_CIPHERTEXT)?;
        let (blob, i) = self.blob_key(call, &bytes, key_id)?;
        self.crypto_gate(call, i, Action::Decrypt, &ctx, &tokens, key_id)?;
        // A dry run says whether the call would succeed: the ciphertext and its context
        // are checked too.
        let plaintext = self.open_blob(i, &blob, &ctx)?;
        if dry_run {
            return Err(dry_run_error());
        }
        let key = self.key(i)?;
        let material_id = key
            .material(blob.material_version)
            .map(|m| m.material_id.clone())
            .unwrap_or_default();
        Ok(
            json!({"KeyId": key.arn, "Plaintext": b64::encode(plaintext.expose()), "EncryptionAlgorithm": key.spec.default_algorithm(), "KeyMaterialId": material_id}),
        )
    }

    pub(in crate::api) fn re_encrypt(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
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
            let mut req = self.auth_request(call, action);
            req.encryption_context = Some(ctx);
            req.grant_tokens = &tokens;
            req.encryption_algorithm = Some(self.key(i)?.spec.default_algorithm());
            req.reencrypt_on_same_key = Some(same);
            req.request_alias = alias.and_then(super::resolve::request_alias);
            self.authorize_on_key(call, i, &req)?;
        }
        self.check_state(si, Action::ReEncryptFrom)?;
        self.check_state(di, Action::ReEncryptTo)?;
        // The plaintext never leaves the service; a dry run checks the ciphertext too.
        let plaintext = self.open_blob(si, &blob, &src_ctx)?;
        if dry_run(input)? {
            return Err(dry_run_error());
        }
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
            "SourceEncryptionAlgorithm": src.spec.default_algorithm(),
            "DestinationEncryptionAlgorithm": self.key(di)?.spec.default_algorithm(),
            "SourceKeyMaterialId": source_material,
            "DestinationKeyMaterialId": dest_material,
        }))
    }

    pub(in crate::api) fn generate_data_key(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
        with_plaintext: bool,
    ) -> Result<Value, ApiError> {
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

    pub(in crate::api) fn generate_random(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
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
}
