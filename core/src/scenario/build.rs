//! [`Scenario::build_world`]: the world a loaded file describes. Everything that could
//! be wrong with the file was found by [`Scenario::load`]; building fails only when the
//! platform gives no randomness.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{Scenario, ScenarioError};
use crate::clock::Duration;
use crate::entropy::{Entropy, EntropyError};
use crate::grants::Grant;
use crate::ids::{AccountId, KeyArn};
use crate::json::Loc;
use crate::keys::Rotation;
use crate::policy::{Policy, PolicyKind};
use crate::principal::Principal;
use crate::world::{KeySetup, World};

fn entropy_failed(e: EntropyError) -> ScenarioError {
    ScenarioError {
        path: String::new(),
        loc: Loc::default(),
        message: e.to_string(),
    }
}

impl Scenario {
    /// The account the world's user works in: the saved one, else the first principal's,
    /// else `111122223333`.
    fn account(&self) -> AccountId {
        self.state
            .as_ref()
            .and_then(|s| s.account)
            .or_else(|| {
                self.principals
                    .first()
                    .and_then(|p| Principal::parse(&p.arn).ok())
                    .map(|p| p.account())
            })
            .unwrap_or(AccountId::DEFAULT)
    }

    /// Builds the world the file describes.
    pub fn build_world(&self) -> Result<World, ScenarioError> {
        let entropy = self.seed.map_or(Entropy::Platform, Entropy::seeded);
        let mut w = World::new(self.region.clone(), self.account(), self.clock, entropy);
        for p in &self.principals {
            // Loading checked every ARN.
            w.setup_principal(&p.arn, p.name.as_deref(), p.policies.clone())
                .map_err(|e| ScenarioError {
                    path: String::from("principals"),
                    loc: Loc::default(),
                    message: e.to_string(),
                })?;
        }
        let mut arns: Vec<KeyArn> = Vec::with_capacity(self.keys.len());
        for k in &self.keys {
            let policy = match &k.policy {
                Some(p) => p.clone(),
                None => default_policy(k.account)?,
            };
            let arn = w
                .setup_key(KeySetup {
                    key_id: k.key_id.clone(),
                    account: k.account,
                    region: k.region.clone(),
                    description: &k.description,
                    policy,
                    enabled: k.enabled,
                    manager: k.manager,
                    handle: k.name.as_deref(),
                })
                .map_err(entropy_failed)?;
            let now = w.now();
            if let Some(key) = w.keys.last_mut() {
                key.tags = k.tags.clone();
                if let Some(days) = k.rotation_period_days {
                    key.rotation = Some(Rotation {
                        period_days: days,
                        next: now.plus(Duration::days(i64::from(days))),
                    });
                }
                if let Some(st) = &k.state {
                    key.state = st.key_state;
                    key.created = st.created;
                    key.deletion_date = st.deletion_date;
                    key.pending_window_days = st.pending_window_days;
                    key.rotation = st.rotation;
                    key.on_demand_rotations = st.on_demand_rotations;
                    if let Some(tags) = &st.tags {
                        key.tags = tags.clone();
                    }
                    key.materials = st.materials.clone();
                }
            }
            if self.state.as_ref().is_none_or(|s| s.aliases.is_none()) {
                for a in &k.aliases {
                    w.setup_alias(a.clone(), &arn);
                }
            }
            arns.push(arn);
        }
        for g in &self.grants {
            let key_arn = arns.get(g.key).cloned().ok_or_else(|| ScenarioError {
                path: String::from("grants"),
                loc: Loc::default(),
                message: String::from("a grant names no key of the file"),
            })?;
            let (grant_id, tokens, created, effective, issuing_account) = match &g.state {
                Some(st) => (
                    st.grant_id.clone(),
                    st.tokens.clone(),
                    st.created,
                    st.effective,
                    st.issuing_account,
                ),
                None => {
                    let id = w.new_grant_id().map_err(entropy_failed)?;
                    let token = w.new_grant_token().map_err(entropy_failed)?;
                    // Grants listed in a file are in effect at once.
                    let now = w.now();
                    let account =
                        AccountId::parse(key_arn.account_str()).unwrap_or(AccountId::DEFAULT);
                    (id, Vec::from([token]), now, now, account)
                }
            };
            w.setup_grant(Grant {
                grant_id,
                tokens,
                key_arn,
                name: g.name.clone(),
                grantee: g.grantee.clone(),
                retiring: g.retiring.clone(),
                operations: g.operations,
                constraints: g.constraints.clone(),
                issuing_account,
                created,
                effective,
            });
        }
        if let Some(st) = &self.state {
            if let Some(aliases) = &st.aliases {
                w.aliases = aliases.clone();
            }
            if let (Some(position), Entropy::Seeded { position: p, .. }) =
                (st.entropy_position, &mut w.entropy)
            {
                *p = position;
            }
            w.deleted_keys = st.deleted_keys.clone();
            w.buckets = st.buckets.clone();
            w.audit = st.audit.clone();
        }
        Ok(w)
    }
}

fn default_policy(account: AccountId) -> Result<Policy, ScenarioError> {
    Policy::parse(
        &crate::policy::defaults::api_default(account),
        PolicyKind::Key,
    )
    .map_err(|_| ScenarioError {
        path: String::new(),
        loc: Loc::default(),
        message: String::from("the default key policy does not read"),
    })
}
