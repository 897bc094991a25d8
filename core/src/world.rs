//! The world: everything the simulator knows, in one plain value.
//!
//! State changes go through the API door ([`World::call`](crate::api)); the `setup_*`
//! methods only build the starting world a scenario describes, and [`World::advance`]
//! moves the simulated clock, firing what falls due on the way.

use alloc::string::String;
use alloc::vec::Vec;

use crate::audit::AuditEvent;
use crate::clock::{Clock, Duration, Timestamp};
use crate::crypto::KeyMaterial;
use crate::entropy::{Entropy, EntropyError};
use crate::grants::Grant;
use crate::ids::{AccountId, AliasName, GrantId, IdError, KeyArn, KeyId, Region};
use crate::keys::{
    Key, KeyManager, KeySpec, KeyState, KeyUsage, MaterialOrigin, MaterialVersion, Origin, Rotation,
};
use crate::policy::{Policy, PrincipalDirectory};
use crate::principal::{Principal, PrincipalKind, PrincipalPattern};
use crate::service::Parts;

mod time;
mod versions;
pub use time::{Advanced, Due, DueKind};
pub use versions::Versions;

/// A principal the world knows, with its IAM identity policies.
#[derive(Clone, Debug, PartialEq)]
pub struct PrincipalRecord {
    /// The identity.
    pub principal: Principal,
    /// A short handle (`Alice`), if the scenario gave one.
    pub name: Option<String>,
    /// Its IAM identity policies (inline policies, in IAM's words).
    pub policies: Vec<Policy>,
    /// The name of each policy, in the same order (`PutUserPolicy`'s `PolicyName`).
    pub policy_names: Vec<String>,
}

/// The name a policy listed without one gets: `policy-1` for the first.
pub fn default_policy_name(index: usize) -> String {
    alloc::format!("policy-{}", index + 1)
}

/// An alias: a friendly name for a key in one account and region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// `alias/...`
    pub name: AliasName,
    /// The account.
    pub account: AccountId,
    /// The region.
    pub region: Region,
    /// The key ID it points to.
    pub target_key_id: KeyId,
    /// When it was created.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
}

impl Alias {
    /// The alias ARN.
    pub fn arn(&self) -> String {
        self.name.arn(&self.region, self.account)
    }
}

/// The facts of a key a scenario sets up.
pub(crate) struct KeySetup<'a> {
    /// A fixed key ID, or `None` for one from the world's randomness.
    pub key_id: Option<KeyId>,
    /// The owning account.
    pub account: AccountId,
    /// The key's region.
    pub region: Region,
    /// The description.
    pub description: &'a str,
    /// The key policy.
    pub policy: Policy,
    /// Enabled, or disabled.
    pub enabled: bool,
    /// Customer or AWS managed.
    pub manager: KeyManager,
    /// The scenario's handle (`CMK-A`).
    pub handle: Option<&'a str>,
}

/// The most audit events a world keeps: older ones are dropped first (CloudTrail's event
/// history, for comparison, keeps 90 days).
pub const MAX_AUDIT_EVENTS: usize = 10_000;

/// The simulated AWS world. Plain data: clone it, compare it.
#[derive(Clone, Debug, PartialEq)]
pub struct World {
    pub(crate) region: Region,
    pub(crate) account: AccountId,
    pub(crate) clock: Clock,
    pub(crate) entropy: Entropy,
    pub(crate) principals: Vec<PrincipalRecord>,
    pub(crate) keys: Vec<Key>,
    /// Scenario handles of keys (`CMK-A`), by key ARN.
    pub(crate) key_handles: Vec<(KeyArn, String)>,
    pub(crate) aliases: Vec<Alias>,
    pub(crate) grants: Vec<Grant>,
    pub(crate) audit: Vec<AuditEvent>,
    /// ARNs of keys that were deleted (their ciphertexts can never be decrypted again).
    pub(crate) deleted_keys: Vec<KeyArn>,
    /// The simulated S3 buckets.
    pub(crate) buckets: Vec<crate::s3::Bucket>,
    /// How many times each part has changed.
    pub(crate) versions: Versions,
}

impl World {
    /// An empty world in `region` whose own account is `account`, its clock at `start`,
    /// drawing randomness from `entropy`.
    pub fn new(region: Region, account: AccountId, start: Timestamp, entropy: Entropy) -> World {
        World {
            region,
            account,
            clock: Clock::starting_at(start),
            entropy,
            principals: Vec::new(),
            keys: Vec::new(),
            key_handles: Vec::new(),
            aliases: Vec::new(),
            grants: Vec::new(),
            audit: Vec::new(),
            deleted_keys: Vec::new(),
            buckets: Vec::new(),
            versions: Versions::default(),
        }
    }

    /// A reading of the world's change counters: compare two to learn which parts changed
    /// between them.
    pub fn versions(&self) -> Versions {
        self.versions
    }

    /// Counts a change to `parts` (each code path that changes a part calls it).
    pub(crate) fn touch(&mut self, parts: Parts) {
        self.versions.touch(parts);
    }

    /// The default region of the world: calls without an explicit region go here.
    pub fn region(&self) -> &Region {
        &self.region
    }

    /// The account the playground's user works in.
    pub fn account(&self) -> AccountId {
        self.account
    }

    /// The simulated time now.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The principals.
    pub fn principals(&self) -> &[PrincipalRecord] {
        &self.principals
    }

    /// The keys that exist (deleted keys are gone).
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The aliases.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// The grants.
    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> &[AuditEvent] {
        &self.audit
    }

    /// The source of randomness.
    pub fn entropy(&self) -> &Entropy {
        &self.entropy
    }

    /// The principal with this ARN or handle.
    pub fn principal(&self, arn_or_name: &str) -> Option<&PrincipalRecord> {
        self.principals
            .iter()
            .find(|p| p.principal.arn() == arn_or_name || p.name.as_deref() == Some(arn_or_name))
    }

    /// The key's scenario handle, if it has one.
    pub fn key_handle(&self, arn: &KeyArn) -> Option<&str> {
        self.key_handles
            .iter()
            .find(|(a, _)| a == arn)
            .map(|(_, h)| h.as_str())
    }

    /// The IAM policies that apply to `p` (a role session uses its role's).
    pub fn iam_policies_of(&self, p: &Principal) -> &[Policy] {
        let found = self
            .principals
            .iter()
            .find(|r| match (r.principal.kind(), p.kind()) {
                (PrincipalKind::Role { name }, PrincipalKind::AssumedRole { role, .. }) => {
                    name == role && r.principal.account() == p.account()
                }
                _ => r.principal.arn() == p.arn(),
            });
        found.map_or(&[], |r| r.policies.as_slice())
    }

    /// The world with one more principal and its named IAM policies: a step of building
    /// a world, before any request (afterwards users and roles come through IAM's
    /// operations, through [`World::request`]).
    pub fn with_principal(
        mut self,
        arn: &str,
        name: Option<&str>,
        policies: Vec<(String, Policy)>,
    ) -> Result<World, IdError> {
        self.setup_principal(arn, name, policies)?;
        Ok(self)
    }

    /// Adds a principal (scenario set-up) with its named IAM policies.
    pub(crate) fn setup_principal(
        &mut self,
        arn: &str,
        name: Option<&str>,
        policies: Vec<(String, Policy)>,
    ) -> Result<(), IdError> {
        let principal = Principal::parse(arn)?;
        self.touch(Parts::PRINCIPALS.and(Parts::POLICIES));
        self.principals.retain(|p| p.principal.arn() != arn);
        let (policy_names, policies) = policies.into_iter().unzip();
        self.principals.push(PrincipalRecord {
            principal,
            name: name.map(String::from),
            policies,
            policy_names,
        });
        Ok(())
    }

    /// Adds a key (scenario set-up): its ID fixed or drawn from the world's randomness,
    /// its first key material drawn from it.
    pub(crate) fn setup_key(&mut self, k: KeySetup<'_>) -> Result<KeyArn, EntropyError> {
        let key_id = match k.key_id {
            Some(id) => id,
            None => self.new_key_id()?,
        };
        let now = self.now();
        let arn = KeyArn::new(&k.region, k.account, &key_id);
        let material = self.new_material(1, MaterialOrigin::Initial)?;
        self.touch(Parts::KEYS.and(Parts::POLICIES));
        let rotation = (k.manager == KeyManager::Aws).then(|| Rotation {
            period_days: crate::keys::DEFAULT_ROTATION_DAYS,
            next: now.plus(Duration::days(i64::from(
                crate::keys::DEFAULT_ROTATION_DAYS,
            ))),
        });
        self.keys.push(Key {
            key_id,
            arn: arn.clone(),
            account: k.account,
            region: k.region,
            description: String::from(k.description),
            state: if k.enabled {
                KeyState::Enabled
            } else {
                KeyState::Disabled
            },
            manager: k.manager,
            spec: KeySpec::default(),
            usage: KeyUsage::default(),
            origin: Origin::default(),
            created: now,
            deletion_date: None,
            pending_window_days: None,
            policy: k.policy,
            rotation,
            materials: Vec::from([material]),
            on_demand_rotations: 0,
            tags: Vec::new(),
        });
        if let Some(h) = k.handle {
            self.key_handles.push((arn.clone(), String::from(h)));
        }
        Ok(arn)
    }

    /// Adds an alias (scenario set-up).
    pub(crate) fn setup_alias(&mut self, name: AliasName, key_arn: &KeyArn) -> bool {
        let Some(key) = self.keys.iter().find(|k| k.arn == *key_arn) else {
            return false;
        };
        let alias = Alias {
            name,
            account: key.account,
            region: key.region.clone(),
            target_key_id: key.key_id.clone(),
            created: self.now(),
            updated: self.now(),
        };
        self.touch(Parts::KEYS);
        self.aliases.retain(|a| {
            !(a.name == alias.name && a.account == alias.account && a.region == alias.region)
        });
        self.aliases.push(alias);
        true
    }

    /// Adds a grant (scenario set-up: in effect at once).
    pub(crate) fn setup_grant(&mut self, grant: Grant) {
        self.touch(Parts::GRANTS);
        self.grants.push(grant);
    }

    /// The AWS managed key of `service` (`s3` → `alias/aws/s3`) for `account` in `region`,
    /// created with its documented policy the first time a service needs it. Returns its
    /// ARN.
    pub(crate) fn aws_managed_key(
        &mut self,
        account: AccountId,
        region: &Region,
        service: &str,
    ) -> Result<KeyArn, EntropyError> {
        let alias = alloc::format!("alias/aws/{service}");
        if let Some(a) = self
            .aliases
            .iter()
            .find(|a| a.name == alias && a.account == account && a.region == *region)
        {
            let id = a.target_key_id.clone();
            if let Some(k) = self
                .keys
                .iter()
                .find(|k| k.key_id == id && k.account == account && k.region == *region)
            {
                return Ok(k.arn.clone());
            }
        }
        let text = crate::policy::defaults::aws_managed(account, region, service);
        // The documented policy always reads; an empty policy (allowing nothing) is the
        // safe fallback should it not.
        let policy = Policy::parse(&text, crate::policy::PolicyKind::Key)
            .or_else(|_| {
                Policy::parse(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                    crate::policy::PolicyKind::Key,
                )
            })
            .map_err(|_| EntropyError)?;
        let description = alloc::format!(
            "Default key that protects my {} data when no other key is defined",
            service.to_uppercase()
        );
        let arn = self.setup_key(KeySetup {
            key_id: None,
            account,
            region: region.clone(),
            description: &description,
            policy,
            enabled: true,
            manager: KeyManager::Aws,
            handle: None,
        })?;
        if let Ok(name) = AliasName::parse(&alias) {
            self.setup_alias(name, &arn);
        }
        Ok(arn)
    }

    /// A new key ID (a version 4 UUID) from the world's randomness.
    pub(crate) fn new_key_id(&mut self) -> Result<KeyId, EntropyError> {
        Ok(KeyId::from_random_bytes(self.entropy.array()?))
    }

    /// A new event ID (a UUID, as CloudTrail's `eventID`).
    pub(crate) fn new_uuid(&mut self) -> Result<String, EntropyError> {
        Ok(String::from(self.new_key_id()?.as_str()))
    }

    /// A new grant ID (64 hex digits).
    pub(crate) fn new_grant_id(&mut self) -> Result<GrantId, EntropyError> {
        Ok(GrantId::from_random_bytes(self.entropy.array()?))
    }

    /// A new grant token.
    pub(crate) fn new_grant_token(&mut self) -> Result<String, EntropyError> {
        Ok(alloc::format!("AQpA{}", self.new_hex(48)?))
    }

    pub(crate) fn new_hex(&mut self, bytes: usize) -> Result<String, EntropyError> {
        let mut b = alloc::vec![0u8; bytes];
        self.entropy.fill(&mut b)?;
        Ok(crate::ids::hex(&b))
    }

    pub(crate) fn new_material(
        &mut self,
        version: u32,
        origin: MaterialOrigin,
    ) -> Result<MaterialVersion, EntropyError> {
        Ok(MaterialVersion {
            version,
            material_id: self.new_hex(32)?,
            material: KeyMaterial::generate(&mut self.entropy)?,
            created: self.now(),
            origin,
        })
    }

    /// Appends an event to the audit log, which keeps at most [`MAX_AUDIT_EVENTS`]: when
    /// it is full, the oldest tenth goes.
    pub(crate) fn log(&mut self, event: AuditEvent) {
        self.touch(Parts::AUDIT);
        if self.audit.len() >= MAX_AUDIT_EVENTS {
            self.audit.drain(..MAX_AUDIT_EVENTS / 10);
        }
        self.audit.push(event);
    }
}

impl PrincipalDirectory for World {
    fn knows(&self, p: &PrincipalPattern) -> bool {
        self.principals.iter().any(|r| match p {
            PrincipalPattern::User(arn) | PrincipalPattern::Session(arn) => {
                r.principal.arn() == arn
                    || matches!((r.principal.kind(), Principal::parse(arn).ok().as_ref().map(Principal::kind)),
                        (PrincipalKind::Role { name }, Some(PrincipalKind::AssumedRole { role, .. })) if name == role)
            }
            PrincipalPattern::Role { account, name, .. } => {
                r.principal.account() == *account && matches!(r.principal.kind(), PrincipalKind::Role { name: n } if n == name)
            }
            _ => true,
        })
    }
}

impl Default for World {
    /// `us-east-1`, account `111122223333`, 2026-01-01T00:00:00Z, randomness from the
    /// platform: the defaults of a scenario file without a seed.
    fn default() -> Self {
        World::new(
            Region::default_region(),
            AccountId::DEFAULT,
            Timestamp::DEFAULT_START,
            Entropy::Platform,
        )
    }
}

#[cfg(test)]
mod tests;
