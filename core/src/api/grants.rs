//! Grants: create, list, list retirable, retire, revoke.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::{Action, ActionSet};
use crate::authz::GrantRequest;
use crate::grants::{self, Grant, GrantConstraints, PROPAGATION_DELAY};
use crate::principal::Principal;
use crate::world::World;

impl World {
    pub(in crate::api) fn create_grant(
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

    pub(in crate::api) fn list_grants(
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

    pub(in crate::api) fn list_retirable_grants(
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

    pub(in crate::api) fn retire_grant(
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

    pub(in crate::api) fn revoke_grant(
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
}
