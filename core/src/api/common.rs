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
use crate::ids::KeyArn;
use crate::keys::{Key, KeyState};
use crate::policy::{self, DiagnosticCode, Policy, PolicyKind};
use crate::service::Parts;
use crate::world::World;

/// The most bytes a ciphertext blob may have.
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
    m.insert("KeyUsage".into(), json!(k.usage.name()));
    m.insert("KeyState".into(), json!(k.state.as_str()));
    if let Some(d) = k.deletion_date {
        m.insert("DeletionDate".into(), epoch(d));
    }
    // PendingDeletionWindowInDays "is present only when the KeyState of the KMS key is
    // PendingReplicaDeletion" (multi-Region keys, which the simulator does not have).
    m.insert("Origin".into(), json!(k.origin.name()));
    m.insert("KeyManager".into(), json!(k.manager.as_str()));
    m.insert("CustomerMasterKeySpec".into(), json!(k.spec.name()));
    m.insert("KeySpec".into(), json!(k.spec.name()));
    m.insert(
        "EncryptionAlgorithms".into(),
        json!(k.spec.encryption_algorithms()),
    );
    m.insert("MultiRegion".into(), json!(false));
    if let Some(mv) = k.current_material() {
        m.insert("CurrentKeyMaterialId".into(), json!(mv.material_id));
    }
    Value::Object(m)
}

/// The `Limit` rules of a list operation: the largest it may be, and what it is when the
/// request leaves it out.
#[derive(Clone, Copy, Debug)]
pub(super) struct Paging {
    max: i64,
    default: i64,
}

impl Paging {
    /// ListKeys, ListKeyPolicies, ListKeyRotations: 1–1000, default 100.
    pub(super) const LARGE: Paging = Paging {
        max: 1000,
        default: 100,
    };
    /// ListAliases, ListGrants, ListRetirableGrants: 1–100, default 50.
    pub(super) const SMALL: Paging = Paging {
        max: 100,
        default: 50,
    };
    /// ListResourceTags: 1–50, default 50.
    pub(super) const TAGS: Paging = Paging {
        max: 50,
        default: 50,
    };
}

/// Paging as AWS does it: `Limit` within the operation's range, and an opaque `Marker`.
pub(super) fn page<T>(
    items: &[T],
    input: &Input<'_>,
    paging: Paging,
    out: &mut Map<String, Value>,
    to_json: impl Fn(&T) -> Value,
    field: &str,
) -> Result<(), ApiError> {
    let limit = input
        .int("Limit", 1, paging.max)?
        .unwrap_or(paging.default)
        .unsigned_abs() as usize;
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
        if !world.grants.iter().any(|g| g.has_token(t)) {
            return Err(ApiError::new(
                ErrorCode::InvalidGrantToken,
                "The grant token is not valid.",
            ));
        }
    }
    Ok(tokens)
}

/// "If the key policy exceeds the length constraint, KMS returns a
/// LimitExceededException."
fn key_policy_too_large(bytes: usize) -> ApiError {
    ApiError::new(
        ErrorCode::LimitExceeded,
        format!(
            "The key policy is {bytes} bytes, more than the 32 KB ({} bytes) a key policy may have.",
            policy::MAX_KEY_POLICY_BYTES
        ),
    )
}

/// Reads `Policy` (CreateKey, PutKeyPolicy): at most 32 KB, and only the characters a key
/// policy may hold ("Printable ASCII characters", "Printable characters in the Basic Latin
/// and Latin-1 Supplement character set", tab, line feed and carriage return).
pub(super) fn policy_text<'a>(input: &Input<'a>) -> Result<Option<&'a str>, ApiError> {
    let Some(text) = input.str("Policy")? else {
        return Ok(None);
    };
    if text.is_empty() {
        return Err(ApiError::validation(
            "policy",
            "Member must have length greater than or equal to 1",
        ));
    }
    if text.len() > policy::MAX_KEY_POLICY_BYTES {
        return Err(key_policy_too_large(text.len()));
    }
    if !text
        .chars()
        .all(|c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{ff}'))
    {
        return Err(ApiError::validation(
            "policy",
            "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
        ));
    }
    Ok(Some(text))
}

/// An `EncryptionAlgorithm` a symmetric key can use. The API Reference's
/// InvalidKeyUsageException: "The encryption algorithm or signing algorithm specified for
/// the operation is incompatible with the type of key material in the KMS key (KeySpec)."
pub(super) fn algorithm(input: &Input<'_>, name: &str) -> Result<(), ApiError> {
    // The simulator's keys are all SYMMETRIC_DEFAULT keys (docs/FIDELITY.md).
    let spec = crate::keys::KeySpec::SymmetricDefault;
    match input.str(name)? {
        None => Ok(()),
        Some(a) if spec.encryption_algorithms().contains(&a) => Ok(()),
        Some(other) => Err(ApiError::new(
            ErrorCode::InvalidKeyUsage,
            format!(
                "{name} `{other}` is not valid for a symmetric encryption KMS key: use SYMMETRIC_DEFAULT"
            ),
        )),
    }
}

impl World {
    pub(in crate::api) fn auth_request<'r>(
        &'r self,
        call: &'r Call<'_>,
        action: Action,
    ) -> Request<'r> {
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

    /// The key at `index`, to change `parts` of it (counted as changed).
    pub(in crate::api) fn key_mut(
        &mut self,
        index: usize,
        parts: Parts,
    ) -> Result<&mut Key, ApiError> {
        self.touch(parts);
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
        let req = self.auth_request(call, action);
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, action)?;
        Ok(i)
    }

    /// Reads a key policy as PutKeyPolicy and CreateKey do: the checker's first error
    /// becomes `MalformedPolicyDocumentException` (with KMS's own words where KMS has
    /// them, as for `OverlyPermissiveCondition`).
    pub(in crate::api) fn read_policy(&self, text: &str) -> Result<Policy, ApiError> {
        let checked = Policy::check_with(text, PolicyKind::Key, self);
        if let Some(p) = checked.policy {
            return Ok(p);
        }
        let Some(first) = checked.errors().next() else {
            return Err(ApiError::new(
                ErrorCode::MalformedPolicyDocument,
                "The key policy is not valid.",
            ));
        };
        Err(match first.code {
            DiagnosticCode::TooLarge => key_policy_too_large(text.len()),
            DiagnosticCode::OverlyPermissiveCondition => {
                ApiError::new(ErrorCode::MalformedPolicyDocument, first.message.clone())
            }
            _ => ApiError::new(
                ErrorCode::MalformedPolicyDocument,
                format!("The key policy is not valid: {first}"),
            ),
        })
    }

    /// KMS's lockout safety check: the caller must still be able to call PutKeyPolicy
    /// under the new policy.
    pub(in crate::api) fn lockout_check(
        &self,
        call: &Call<'_>,
        policy: &Policy,
        arn: &KeyArn,
        account: crate::ids::AccountId,
    ) -> Result<(), ApiError> {
        let facts = crate::authz::KeyFacts::symmetric(arn.as_str(), account, policy);
        let req = self.auth_request(call, Action::PutKeyPolicy);
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
/// The most tags one key may have ("Each resource can have up to 50 user-created tags").
pub const MAX_TAGS_PER_KEY: usize = 50;

/// Reads `Tags` (CreateKey, TagResource) with AWS's checks and words: lengths are
/// `ValidationException`s naming the member (`tags.1.member.tagKey`); a duplicate key, too
/// many tags or a reserved `aws:` key are `TagException`s.
pub(crate) fn read_tags(input: &Input<'_>) -> Result<Vec<(String, String)>, ApiError> {
    let mut out: Vec<(String, String)> = Vec::new();
    let too_long = |v: &str, member: &str, n: usize, max: usize| {
        ApiError::new(
            ErrorCode::Validation,
            format!(
                "1 validation error detected: Value '{v}' at 'tags.{n}.member.{member}' failed to satisfy constraint: Member must have length less than or equal to {max}"
            ),
        )
    };
    for (i, t) in input
        .objects("Tags")?
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let k = t
            .str("TagKey")?
            .ok_or_else(|| ApiError::validation("tagKey", "Member must not be null"))?;
        let v = t
            .str("TagValue")?
            .ok_or_else(|| ApiError::validation("tagValue", "Member must not be null"))?;
        if k.is_empty() {
            return Err(ApiError::validation(
                "tagKey",
                "Member must have length greater than or equal to 1",
            ));
        }
        if k.chars().count() > 128 {
            return Err(too_long(k, "tagKey", i + 1, 128));
        }
        if v.chars().count() > 256 {
            return Err(too_long(v, "tagValue", i + 1, 256));
        }
        if k.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
            return Err(ApiError::new(
                ErrorCode::Tag,
                "Tags beginning with aws: are reserved",
            ));
        }
        if out.iter().any(|(ok, _)| ok == k) {
            return Err(ApiError::new(ErrorCode::Tag, "Duplicate tag keys"));
        }
        out.push((k.to_string(), v.to_string()));
    }
    if out.len() > MAX_TAGS_PER_KEY {
        return Err(ApiError::new(ErrorCode::Tag, "Too many tags"));
    }
    Ok(out)
}

/// A grant as ListGrants and ListRetirableGrants show it (`KeyId` is the key ARN in
/// every one of AWS's examples).
pub(super) fn grant_json(g: &Grant) -> Value {
    let mut m = Map::new();
    m.insert("KeyId".into(), json!(g.key_arn));
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
