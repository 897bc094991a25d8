//! Grants: create, list, list retirable, retire, revoke.

use crate::text::isolate;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::{Action, ActionSet};
use crate::authz::{self, GrantRequest, Names};
use crate::context::EncryptionContext;
use crate::grants::{self, Grant, GrantConstraints, PROPAGATION_DELAY};
use crate::principal::Principal;
use crate::service::Parts;
use crate::world::World;

/// The grant operations a symmetric encryption KMS key supports (the key type table of
/// the KMS Developer Guide): the others (Sign, Verify, GenerateMac, VerifyMac,
/// GetPublicKey, DeriveSharedSecret) are for asymmetric and HMAC keys.
const SYMMETRIC_GRANT_OPERATIONS: &[Action] = &[
    Action::Decrypt,
    Action::Encrypt,
    Action::GenerateDataKey,
    Action::GenerateDataKeyWithoutPlaintext,
    Action::GenerateDataKeyPair,
    Action::GenerateDataKeyPairWithoutPlaintext,
    Action::ReEncryptFrom,
    Action::ReEncryptTo,
    Action::CreateGrant,
    Action::RetireGrant,
    Action::DescribeKey,
];

/// Reads `Operations`: grant operations, each one a symmetric encryption key supports.
fn grant_operations(input: &Input<'_>) -> Result<ActionSet, ApiError> {
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
        let Some(a) = Action::from_name(n).filter(|a| a.is_grant_operation() && a.name() == n)
        else {
            return Err(ApiError::validation(
                "operations",
                "Member must satisfy enum value set: [Decrypt, Encrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, ReEncryptFrom, ReEncryptTo, Sign, Verify, GetPublicKey, CreateGrant, RetireGrant, DescribeKey, GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, GenerateMac, VerifyMac, DeriveSharedSecret]",
            ));
        };
        // "The grant operations that you allow must be supported by the KMS key in the
        // grant. If you specify an unsupported operation, the CreateGrant request fails."
        if !SYMMETRIC_GRANT_OPERATIONS.contains(&a) {
            return Err(ApiError::new(
                ErrorCode::Validation,
                format!(
                    "Grants for a symmetric encryption KMS key cannot allow the {n} operation: it is for asymmetric or HMAC KMS keys."
                ),
            ));
        }
        operations.insert(a);
    }
    Ok(operations)
}

/// Reads one encryption context constraint: at most 8 pairs, each value at most 384
/// characters ("Each constraint value can include up to 8 encryption context pairs. The
/// encryption context value in each constraint cannot exceed 384 characters.").
fn constraint(c: &Input<'_>, name: &str) -> Result<Option<EncryptionContext>, ApiError> {
    let Some(ctx) = c.context(name)? else {
        return Ok(None);
    };
    if ctx.len() > grants::MAX_CONSTRAINT_PAIRS {
        return Err(ApiError::new(
            ErrorCode::Validation,
            format!(
                "A grant constraint can have at most {} encryption context pairs.",
                grants::MAX_CONSTRAINT_PAIRS
            ),
        ));
    }
    if ctx
        .iter()
        .any(|(_, v)| v.chars().count() > grants::MAX_CONSTRAINT_VALUE_CHARS)
    {
        return Err(ApiError::new(
            ErrorCode::Validation,
            format!(
                "The encryption context value in a grant constraint cannot exceed {} characters.",
                grants::MAX_CONSTRAINT_VALUE_CHARS
            ),
        ));
    }
    Ok(Some(ctx))
}

fn grant_constraints(input: &Input<'_>) -> Result<GrantConstraints, ApiError> {
    let Some(c) = input.object("Constraints")? else {
        return Ok(GrantConstraints::default());
    };
    let gc = GrantConstraints {
        equals: constraint(&c, "EncryptionContextEquals")?,
        subset: constraint(&c, "EncryptionContextSubset")?,
    };
    if gc.equals.is_some() && gc.subset.is_some() {
        return Err(ApiError::new(
            ErrorCode::Validation,
            "Use EncryptionContextEquals or EncryptionContextSubset, not both.",
        ));
    }
    Ok(gc)
}

impl World {
    pub(in crate::api) fn create_grant(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
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
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    format!("{field} `{p}` is not a valid principal ARN"),
                ));
            }
        }
        let operations = grant_operations(input)?;
        let constraints = grant_constraints(input)?;
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
        let dry_run = dry_run(input)?;
        let i = self.resolve_key(call, key_id)?;
        let mut req = self.auth_request(call, Action::CreateGrant);
        req.grant_tokens = &tokens;
        req.grant = Some(GrantRequest {
            operations,
            grantee,
            retiring,
            constraints: &constraints,
        });
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::CreateGrant)?;
        let key_arn = self.key(i)?.arn.clone();
        // "When this value is present, you can retry a CreateGrant request with identical
        // parameters; if the grant already exists, the original GrantId is returned …
        // the returned grant token is unique with every CreateGrant request … All grant
        // tokens for the same grant ID can be used interchangeably."
        let existing = name.and_then(|n| {
            self.grants.iter().position(|g| {
                g.key_arn == key_arn
                    && g.name.as_deref() == Some(n)
                    && g.grantee == grantee
                    && g.retiring.as_deref() == retiring
                    && g.operations == operations
                    && g.constraints == constraints
            })
        });
        let on_key = self.grants.iter().filter(|g| g.key_arn == key_arn).count();
        if existing.is_none() && on_key >= grants::MAX_GRANTS_PER_KEY {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                format!(
                    "{key_arn} already has {} grants, the most a KMS key can have: retire or revoke one first.",
                    grants::MAX_GRANTS_PER_KEY
                ),
            ));
        }
        if dry_run {
            return Err(dry_run_error());
        }
        let token = self.new_grant_token().map_err(ApiError::internal)?;
        self.touch(Parts::GRANTS);
        if let Some(g) = existing.and_then(|gi| self.grants.get_mut(gi)) {
            g.add_token(token.clone());
            return Ok(json!({"GrantId": g.grant_id, "GrantToken": token}));
        }
        let grant_id = self.new_grant_id().map_err(ApiError::internal)?;
        let now = self.now();
        let out = json!({"GrantId": grant_id, "GrantToken": token});
        self.grants.push(Grant {
            grant_id,
            tokens: Vec::from([token]),
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
        Ok(out)
    }

    pub(in crate::api) fn list_grants(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let key_id = input.required_str("KeyId")?;
        let grant_filter = input.str("GrantId")?;
        let grantee_filter = input.str("GranteePrincipal")?;
        let i = self.open_key(call, key_id, Action::ListGrants)?;
        let arn = self.key(i)?.arn.clone();
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
        page(
            &list,
            input,
            Paging::SMALL,
            &mut out,
            |g| grant_json(g),
            "Grants",
        )?;
        Ok(Value::Object(out))
    }

    /// "Returns information about all grants in the Amazon Web Services account and Region
    /// that have the specified retiring principal." The caller needs
    /// `kms:ListRetirableGrants` in an IAM policy of its own account, and nothing on the
    /// keys.
    pub(in crate::api) fn list_retirable_grants(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let retiring = input.required_str("RetiringPrincipal")?;
        self.authorize_iam(call, Action::ListRetirableGrants, "*")?;
        let list: Vec<&Grant> = self
            .grants
            .iter()
            .filter(|g| {
                g.retiring.as_deref() == Some(retiring) && g.key_arn.region_str() == call.region
            })
            .collect();
        let mut out = Map::new();
        page(
            &list,
            input,
            Paging::SMALL,
            &mut out,
            |g| grant_json(g),
            "Grants",
        )?;
        Ok(Value::Object(out))
    }

    pub(in crate::api) fn retire_grant(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let token = input.str("GrantToken")?;
        let key_id = input.str("KeyId")?;
        let grant_id = input.str("GrantId")?;
        let gi = match (token, key_id, grant_id) {
            (Some(t), _, _) => {
                self.grants
                    .iter()
                    .position(|g| g.has_token(t))
                    .ok_or_else(|| {
                        ApiError::new(
                            ErrorCode::InvalidGrantToken,
                            "The grant token is not valid.",
                        )
                    })?
            }
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
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Grant not found"))?;
        call.add_resource(grant.key_arn.as_str());
        let req = self.auth_request(call, Action::RetireGrant);
        let key_name = self
            .key_handle(&grant.key_arn)
            .unwrap_or(grant.key_arn.key_id_str());
        let (who, key_name) = (isolate(&call.display_name), isolate(key_name));
        let names = Names {
            principal: &who,
            key: &key_name,
        };
        let (out, decision) = authz::authorize_retire(&req, grant, grant.key_arn.as_str(), &names);
        call.rule.set(Some(out.rule));
        call.decided(decision);
        if !out.is_allowed() {
            return Err(ApiError::new(
                ErrorCode::AccessDenied,
                authz::access_denied_message(
                    &out,
                    call.principal.arn(),
                    Action::RetireGrant,
                    grant.key_arn.as_str(),
                ),
            ));
        }
        if dry_run(input)? {
            return Err(dry_run_error());
        }
        self.touch(Parts::GRANTS);
        self.grants.remove(gi);
        Ok(json!({}))
    }

    pub(in crate::api) fn revoke_grant(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
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
        self.touch(Parts::GRANTS);
        self.grants.remove(gi);
        Ok(json!({}))
    }
}
