//! Finding what a request names, and deciding whether it may: the key a `KeyId` names,
//! the authorization of an action on a key or for IAM alone, and the key-state check.

use crate::text::isolate;
use alloc::string::String;
use alloc::vec::Vec;

use super::{ApiError, Call, ErrorCode};
use crate::action::Action;
use crate::authz::{self, KeyFacts, Names, Outcome, Request};
use crate::ids::{KeyArn, KeyId};
use crate::keys::{Key, StateRefusal};
use crate::world::World;

/// The alias a request names its key by, as `kms:RequestAlias` sees it: "the value of the
/// KeyId parameter in the request must be a matching alias name or alias ARN. If the
/// request uses a different key identifier, it does not satisfy the condition". The value
/// is the alias name (`alias/finance-key`), whether the request gave the name or the ARN.
pub(crate) fn request_alias(key_id: &str) -> Option<&str> {
    if key_id.starts_with("alias/") {
        return Some(key_id);
    }
    let rest = key_id.strip_prefix("arn:aws:kms:")?;
    let mut parts = rest.splitn(3, ':');
    let (_region, _account, resource) = (parts.next()?, parts.next()?, parts.next()?);
    resource.starts_with("alias/").then_some(resource)
}

impl World {
    /// Finds a key by key ID, key ARN, alias name, alias ARN or scenario handle, as seen
    /// from the caller's account and region.
    pub(crate) fn resolve_key(&self, call: &Call<'_>, key_id: &str) -> Result<usize, ApiError> {
        // Most operations take a key ID or key ARN only ("Specify the key ID or key ARN
        // of the KMS key"); an alias there names no key.
        if let Some(op) = call.operation
            && !op.accepts_alias()
            && request_alias(key_id).is_some()
        {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                alloc::format!(
                    "Invalid keyId '{key_id}': {op} takes the key ID or key ARN of a KMS key, not an alias"
                ),
            ));
        }
        let region = call.region.as_str();
        let account = call.principal.account_str();
        let not_found_key = |arn: &str| {
            ApiError::new(
                ErrorCode::NotFound,
                alloc::format!("Key '{arn}' does not exist"),
            )
        };
        if let Some(i) = self
            .key_handles
            .iter()
            .find(|(_, h)| h == key_id)
            .and_then(|(arn, _)| self.keys.iter().position(|k| k.arn == *arn))
        {
            return Ok(i);
        }
        if let Some(rest) = key_id.strip_prefix("arn:") {
            let parts: Vec<&str> = rest.splitn(5, ':').collect();
            let (Some(&"aws"), Some(&"kms"), Some(r), Some(a), Some(res)) = (
                parts.first(),
                parts.get(1),
                parts.get(2),
                parts.get(3),
                parts.get(4),
            ) else {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    alloc::format!("Invalid arn {key_id}"),
                ));
            };
            if *r != region {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    alloc::format!(
                        "Invalid arn {key_id}: the key is in {r}, the request was sent to {region}"
                    ),
                ));
            }
            if res.starts_with("key/") {
                let arn = KeyArn::parse(key_id).map_err(|_| {
                    ApiError::new(ErrorCode::NotFound, alloc::format!("Invalid arn {key_id}"))
                })?;
                return self
                    .keys
                    .iter()
                    .position(|k| k.arn == arn)
                    .ok_or_else(|| not_found_key(key_id));
            }
            if res.starts_with("alias/") {
                return self.alias_target(a, r, res).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::NotFound,
                        alloc::format!("Alias {key_id} is not found."),
                    )
                });
            }
            return Err(ApiError::new(
                ErrorCode::NotFound,
                alloc::format!("Invalid arn {key_id}"),
            ));
        }
        if key_id.starts_with("alias/") {
            return self.alias_target(account, region, key_id).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    alloc::format!("Alias arn:aws:kms:{region}:{account}:{key_id} is not found."),
                )
            });
        }
        if let Ok(id) = KeyId::parse(key_id) {
            return self
                .keys
                .iter()
                .position(|k| {
                    k.key_id == id
                        && k.account == call.principal.account()
                        && k.region.as_str() == region
                })
                .ok_or_else(|| {
                    not_found_key(&alloc::format!("arn:aws:kms:{region}:{account}:key/{id}"))
                });
        }
        Err(ApiError::new(
            ErrorCode::NotFound,
            alloc::format!("Invalid keyId '{key_id}'"),
        ))
    }

    pub(crate) fn alias_target(&self, account: &str, region: &str, name: &str) -> Option<usize> {
        let alias = self.aliases.iter().find(|a| {
            a.name == name && a.account.as_str() == account && a.region.as_str() == region
        })?;
        self.keys.iter().position(|k| {
            k.key_id == alias.target_key_id
                && k.account == alias.account
                && k.region == alias.region
        })
    }

    pub(crate) fn key_facts<'k>(key: &'k Key, aliases: &'k [String]) -> KeyFacts<'k> {
        KeyFacts {
            aliases,
            tags: &key.tags,
            key_spec: key.spec.name(),
            key_usage: key.usage.name(),
            origin: key.origin.name(),
            ..KeyFacts::symmetric(key.arn.as_str(), key.account, &key.policy)
        }
    }

    pub(crate) fn alias_names_of(&self, key: &Key) -> Vec<String> {
        self.aliases
            .iter()
            .filter(|a| {
                a.target_key_id == key.key_id && a.account == key.account && a.region == key.region
            })
            .map(|a| String::from(a.name.as_str()))
            .collect()
    }

    /// Authorizes `req` on key `index`, records the decision, and refuses with
    /// AccessDeniedException when denied.
    pub(crate) fn authorize_on_key(
        &self,
        call: &Call<'_>,
        index: usize,
        req: &Request<'_>,
    ) -> Result<Outcome, ApiError> {
        let key = self
            .keys
            .get(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))?;
        let aliases = self.alias_names_of(key);
        let facts = World::key_facts(key, &aliases);
        let out = authz::authorize(req, &facts, &self.grants);
        let key_name = self
            .key_handle(&key.arn)
            .map(String::from)
            .or_else(|| aliases.first().cloned())
            .unwrap_or_else(|| String::from(key.key_id.as_str()));
        let (who, key_name) = (isolate(&call.display_name), isolate(&key_name));
        let names = Names {
            principal: &who,
            key: &key_name,
        };
        let decision = authz::explain(&out, req, Some(&facts), &self.grants, &names);
        call.rule.set(Some(out.rule));
        call.decided(decision);
        call.add_resource(key.arn.as_str());
        if out.is_allowed() {
            Ok(out)
        } else {
            Err(ApiError::new(
                ErrorCode::AccessDenied,
                authz::access_denied_message(
                    &out,
                    call.principal.arn(),
                    req.action,
                    key.arn.as_str(),
                ),
            ))
        }
    }

    /// Authorizes an IAM-only action (or IAM's half of an alias operation on `resource`).
    pub(crate) fn authorize_iam(
        &self,
        call: &Call<'_>,
        action: Action,
        resource: &str,
    ) -> Result<(), ApiError> {
        self.authorize_iam_with(call, action, resource, |_| {})
    }

    /// [`World::authorize_iam`] with more request facts (`kms:BypassPolicyLockoutSafetyCheck`
    /// for CreateKey, ...).
    pub(crate) fn authorize_iam_with<'r>(
        &'r self,
        call: &'r Call<'_>,
        action: Action,
        resource: &str,
        facts: impl FnOnce(&mut Request<'r>),
    ) -> Result<(), ApiError> {
        let iam = self.iam_policies_of(&call.principal);
        let mut req = Request::new(&call.principal, iam, action, self.now());
        req.via_service = call.via_service;
        facts(&mut req);
        let out = authz::authorize_iam_only(&req, resource);
        let who = isolate(&call.display_name);
        let names = Names {
            principal: &who,
            key: resource,
        };
        call.decided(authz::explain(&out, &req, None, &[], &names));
        call.rule.set(Some(out.rule));
        if out.is_allowed() {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::AccessDenied,
                authz::access_denied_message(&out, call.principal.arn(), action, resource),
            ))
        }
    }

    /// The state check after authorization: the key's state may refuse the action
    /// ([`KeyState::refusal`](crate::keys::KeyState::refusal) holds the table).
    pub(crate) fn check_state(&self, index: usize, action: Action) -> Result<(), ApiError> {
        let key = self
            .keys
            .get(index)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "Key does not exist"))?;
        match key.state.refusal(action) {
            None => Ok(()),
            Some(StateRefusal::Disabled) => Err(ApiError::new(
                ErrorCode::Disabled,
                alloc::format!("{} is disabled.", key.arn),
            )),
            Some(StateRefusal::PendingDeletion) => Err(ApiError::new(
                ErrorCode::InvalidState,
                alloc::format!("{} is pending deletion.", key.arn),
            )),
        }
    }
}
