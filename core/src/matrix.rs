//! The access matrix: who may do what with which key — principals × keys × actions —
//! decided exactly as the API door decides (the same [`authorize`] on the same facts), in
//! one pass and without explanations. A cell's explanation is [`World::check_access`].
//!
//! A matrix can also be computed for a *draft*: a key policy or an IAM policy being edited
//! and not yet saved takes the place of the saved one, so a page can show what a statement
//! would change before it is applied. Nothing in the world changes.

use alloc::string::String;
use alloc::vec::Vec;

use crate::action::Action;
use crate::api::RequestFacts;
use crate::authz::{Request, Rule, authorize};
use crate::ids::KeyArn;
use crate::policy::Policy;
use crate::principal::{Principal, PrincipalKind};
use crate::world::World;

/// A policy being edited, in place of the saved one.
#[derive(Clone, Copy, Debug)]
pub enum Draft<'a> {
    /// The key policy of `key`.
    KeyPolicy {
        /// The key.
        key: &'a KeyArn,
        /// The draft policy.
        policy: &'a Policy,
    },
    /// The IAM policy named `name` of `principal` (added when it has none of that name).
    IamPolicy {
        /// The principal's ARN.
        principal: &'a str,
        /// The policy's name.
        name: &'a str,
        /// The draft policy.
        policy: &'a Policy,
    },
}

/// One question of the matrix.
#[derive(Clone, Copy, Debug)]
pub struct Axes<'a> {
    /// Principals, by ARN (or an account's root user ARN).
    pub principals: &'a [&'a str],
    /// Keys, by ARN.
    pub keys: &'a [&'a KeyArn],
    /// Actions on keys (IAM-only actions such as CreateKey have no cell).
    pub actions: &'a [Action],
}

/// The rule of a cell that could not be decided: the principal or the key is not in the
/// world, or the action is not one on a key.
pub const UNDECIDED: Option<Rule> = None;

impl World {
    /// The deciding rule of every cell, principal-major, then key, then action:
    /// `cells[(p * keys + k) * actions + a]`. `facts` are the request's (encryption context,
    /// `kms:ViaService`, grant tokens); with `by_alias`, each key is named by its first
    /// alias (`kms:RequestAlias`). `None` for a cell that cannot be decided.
    pub fn access_matrix(
        &self,
        axes: &Axes<'_>,
        facts: &RequestFacts<'_>,
        by_alias: bool,
        draft: Option<Draft<'_>>,
    ) -> Vec<Option<Rule>> {
        let now = self.now();
        let mut cells =
            Vec::with_capacity(axes.principals.len() * axes.keys.len() * axes.actions.len());
        // Each key's facts once: its policy (or the draft), aliases, tags.
        let keys: Vec<Option<(usize, Vec<String>)>> = axes
            .keys
            .iter()
            .map(|arn| {
                let i = self.keys.iter().position(|k| k.arn == **arn)?;
                let key = self.keys.get(i)?;
                Some((i, self.alias_names_of(key)))
            })
            .collect();
        for p in axes.principals {
            let principal = self.principal(p).map(|r| r.principal.clone()).or_else(|| {
                Principal::parse(p)
                    .ok()
                    .filter(|x| *x.kind() == PrincipalKind::Root)
            });
            let Some(principal) = principal else {
                cells.extend(core::iter::repeat_n(
                    UNDECIDED,
                    axes.keys.len() * axes.actions.len(),
                ));
                continue;
            };
            // The principal's IAM policies, with a draft in its place.
            let drafted: Option<Vec<Policy>> = match draft {
                Some(Draft::IamPolicy {
                    principal: who,
                    name,
                    policy,
                }) if who == principal.arn() => {
                    let mut list = self.iam_policies_of(&principal).to_vec();
                    let names = self
                        .principal(who)
                        .map(|r| r.policy_names.clone())
                        .unwrap_or_default();
                    match names.iter().position(|n| n == name) {
                        Some(i) => {
                            if let Some(slot) = list.get_mut(i) {
                                *slot = policy.clone();
                            }
                        }
                        None => list.push(policy.clone()),
                    }
                    Some(list)
                }
                _ => None,
            };
            let iam: &[Policy] = drafted
                .as_deref()
                .unwrap_or_else(|| self.iam_policies_of(&principal));
            for k in &keys {
                let Some((i, aliases)) = k else {
                    cells.extend(core::iter::repeat_n(UNDECIDED, axes.actions.len()));
                    continue;
                };
                let Some(key) = self.keys.get(*i) else {
                    cells.extend(core::iter::repeat_n(UNDECIDED, axes.actions.len()));
                    continue;
                };
                let mut key_facts = World::key_facts(key, aliases);
                if let Some(Draft::KeyPolicy { key: arn, policy }) = draft
                    && *arn == key.arn
                {
                    key_facts.policy = policy;
                }
                for action in axes.actions {
                    if action.is_iam_only() {
                        cells.push(UNDECIDED);
                        continue;
                    }
                    let mut req = Request::new(&principal, iam, *action, now);
                    crate::api::fill(&mut req, facts);
                    if by_alias {
                        req.request_alias = aliases.first().map(String::as_str);
                    }
                    cells.push(Some(authorize(&req, &key_facts, &self.grants).rule));
                }
            }
        }
        cells
    }
}

#[cfg(test)]
mod tests;
