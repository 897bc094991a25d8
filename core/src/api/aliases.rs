//! Alias operations: create, update, delete, list.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::common::*;
use super::{ApiError, Call, ErrorCode, Input};
use crate::action::Action;
use crate::ids::{AliasName, AliasNameError};
use crate::service::Parts;
use crate::world::{Alias, World};

/// The most aliases one key may have (AWS: "Aliases per KMS key: 50").
pub const MAX_ALIASES_PER_KEY: usize = 50;

/// Reads `AliasName` as CreateAlias, UpdateAlias and DeleteAlias do.
fn alias_name(input: &Input<'_>) -> Result<AliasName, ApiError> {
    parse_alias_name(input.required_str("AliasName")?)
}

/// Reads an alias name with AWS's errors.
fn parse_alias_name(text: &str) -> Result<AliasName, ApiError> {
    AliasName::parse(text).map_err(|e| match e {
        AliasNameError::Pattern(_) if text.chars().count() > AliasName::MAX_CHARS => {
            ApiError::validation(
                "aliasName",
                "Member must have length less than or equal to 256",
            )
        }
        AliasNameError::Pattern(_) => ApiError::validation(
            "aliasName",
            "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
        ),
        AliasNameError::Prefix(_) => ApiError::new(
            ErrorCode::Validation,
            "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
        ),
    })
}

/// Checks a name for a new alias as CreateAlias checks it before looking at keys, with
/// AWS's errors: for a form to say what the call would refuse before making it.
pub fn check_new_alias_name(text: &str) -> Result<AliasName, ApiError> {
    let name = parse_alias_name(text)?;
    if name.is_aws_managed() {
        return Err(reserved());
    }
    Ok(name)
}

fn reserved() -> ApiError {
    ApiError::new(
        ErrorCode::InvalidAliasName,
        "Alias names that begin with alias/aws/ are reserved for AWS managed keys.",
    )
}

impl World {
    fn alias_arn(call: &Call<'_>, name: &AliasName) -> String {
        format!(
            "arn:aws:kms:{}:{}:{name}",
            call.region,
            call.principal.account()
        )
    }

    fn find_alias(&self, call: &Call<'_>, name: &AliasName) -> Result<usize, ApiError> {
        self.aliases
            .iter()
            .position(|a| {
                a.name == *name
                    && a.account == call.principal.account()
                    && a.region.as_str() == call.region
            })
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("Alias {} is not found.", World::alias_arn(call, name)),
                )
            })
    }

    /// The index of the key an existing alias points to.
    fn alias_key(&self, alias: usize) -> Result<usize, ApiError> {
        self.aliases
            .get(alias)
            .and_then(|a| self.alias_target(a.account.as_str(), a.region.as_str(), a.name.as_str()))
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "The alias points to no key"))
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

    pub(in crate::api) fn create_alias(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let name = alias_name(input)?;
        let target = input.required_str("TargetKeyId")?;
        if name.is_aws_managed() {
            return Err(reserved());
        }
        let i = self.alias_target_key(call, target)?;
        self.authorize_iam(call, Action::CreateAlias, &World::alias_arn(call, &name))?;
        let req = self.auth_request(call, Action::CreateAlias);
        self.authorize_on_key(call, i, &req)?;
        self.check_state(i, Action::CreateAlias)?;
        if self.find_alias(call, &name).is_ok() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                format!(
                    "An alias with the name {} already exists",
                    World::alias_arn(call, &name)
                ),
            ));
        }
        let key = self.key(i)?;
        if self.alias_names_of(key).len() >= MAX_ALIASES_PER_KEY {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                format!("A KMS key can have at most {MAX_ALIASES_PER_KEY} aliases."),
            ));
        }
        let alias = Alias {
            name,
            account: key.account,
            region: key.region.clone(),
            target_key_id: key.key_id.clone(),
            created: self.now(),
            updated: self.now(),
        };
        self.touch(Parts::KEYS);
        self.aliases.push(alias);
        Ok(json!({}))
    }

    /// UpdateAlias needs permission on the alias and on both keys. As the key-state table
    /// says (its footnote 10), "If the source KMS key is pending deletion, the command
    /// succeeds. If the destination KMS key is pending deletion, the command fails".
    pub(in crate::api) fn update_alias(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let name = alias_name(input)?;
        let target = input.required_str("TargetKeyId")?;
        let ai = self.find_alias(call, &name)?;
        if name.is_aws_managed() {
            return Err(ApiError::new(
                ErrorCode::InvalidAliasName,
                "Aliases of AWS managed keys cannot be changed.",
            ));
        }
        let new = self.alias_target_key(call, target)?;
        let old = self.alias_key(ai)?;
        self.authorize_iam(call, Action::UpdateAlias, &World::alias_arn(call, &name))?;
        for i in [old, new] {
            let req = self.auth_request(call, Action::UpdateAlias);
            self.authorize_on_key(call, i, &req)?;
        }
        self.check_state(new, Action::UpdateAlias)?;
        if new != old && self.alias_names_of(self.key(new)?).len() >= MAX_ALIASES_PER_KEY {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                format!("A KMS key can have at most {MAX_ALIASES_PER_KEY} aliases."),
            ));
        }
        let key_id = self.key(new)?.key_id.clone();
        let now = self.now();
        self.touch(Parts::KEYS);
        if let Some(a) = self.aliases.get_mut(ai) {
            a.target_key_id = key_id;
            a.updated = now;
        }
        Ok(json!({}))
    }

    pub(in crate::api) fn delete_alias(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
        let name = alias_name(input)?;
        let ai = self.find_alias(call, &name)?;
        if name.is_aws_managed() {
            return Err(ApiError::new(
                ErrorCode::InvalidAliasName,
                "Aliases of AWS managed keys cannot be deleted.",
            ));
        }
        let i = self.alias_key(ai)?;
        self.authorize_iam(call, Action::DeleteAlias, &World::alias_arn(call, &name))?;
        let req = self.auth_request(call, Action::DeleteAlias);
        self.authorize_on_key(call, i, &req)?;
        self.touch(Parts::KEYS);
        self.aliases.remove(ai);
        Ok(json!({}))
    }

    pub(in crate::api) fn list_aliases(
        &mut self,
        call: &Call<'_>,
        input: &Input<'_>,
    ) -> Result<Value, ApiError> {
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
            Paging::SMALL,
            &mut out,
            |a| json!({"AliasName": a.name, "AliasArn": a.arn(), "TargetKeyId": a.target_key_id, "CreationDate": epoch(a.created), "LastUpdatedDate": epoch(a.updated)}),
            "Aliases",
        )?;
        Ok(Value::Object(out))
    }
}
