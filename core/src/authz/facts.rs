//! The facts of one request about one key, as conditions and policy variables read them.

use crate::action::Action;
use crate::keys::{KeySpec, KeyUsage, Origin};
use crate::policy::pattern::{Budget, MAX_MATCH_WORK};
use crate::policy::{CondKey, Fact, Facts, Multi, Val, Variable, Variables};

use super::{KeyFacts, Request, RequestTags};

/// The facts of one request about one key, as conditions and variables read them.
pub(super) struct Ctx<'r> {
    pub(super) req: &'r Request<'r>,
    pub(super) key: Option<&'r KeyFacts<'r>>,
    /// The matching work this decision may still do.
    pub(super) budget: Budget,
}

impl<'r> Ctx<'r> {
    pub(super) fn new(req: &'r Request<'r>, key: Option<&'r KeyFacts<'r>>) -> Ctx<'r> {
        Ctx {
            req,
            key,
            budget: Budget::new(MAX_MATCH_WORK),
        }
    }
}

impl Variables for Ctx<'_> {
    fn variable(&self, v: &Variable) -> Option<&str> {
        let p = self.req.principal;
        match v {
            Variable::Username => p.username(),
            Variable::PrincipalAccount => Some(p.account_str()),
            Variable::PrincipalArn => Some(p.principal_arn_for_conditions()),
            Variable::PrincipalType => Some(p.principal_type()),
            Variable::Unmodelled(_) => None,
        }
    }

    fn budget(&self) -> Option<&Budget> {
        Some(&self.budget)
    }
}

fn creating(r: &Request<'_>) -> bool {
    r.action == Action::CreateKey
}

fn str_fact(s: Option<&str>) -> Fact<'_> {
    s.map_or(Fact::Absent, |s| Fact::One(Val::Str(s)))
}

impl Facts for Ctx<'_> {
    fn fact(&self, key: &CondKey) -> Fact<'_> {
        let r = self.req;
        let k = self.key;
        match key {
            CondKey::EncryptionContext(name) => {
                str_fact(r.encryption_context.and_then(|c| c.get_ignore_case(name)))
            }
            CondKey::EncryptionContextKeys => match r.encryption_context {
                Some(c) => Fact::Many(Multi::ContextKeys(c.as_map())),
                None => Fact::Absent,
            },
            CondKey::ViaService => str_fact(r.via_service),
            CondKey::CallerAccount => Fact::One(Val::Str(r.principal.account_str())),
            CondKey::GrantOperations => r.grant.map_or(Fact::Absent, |g| {
                Fact::Many(Multi::Operations(g.operations))
            }),
            CondKey::GrantIsForAwsResource => {
                if matches!(
                    r.action,
                    Action::CreateGrant | Action::ListGrants | Action::RevokeGrant
                ) {
                    Fact::One(Val::Bool(r.via_service.is_some()))
                } else {
                    Fact::Absent
                }
            }
            CondKey::GranteePrincipal => str_fact(r.grant.map(|g| g.grantee)),
            CondKey::RetiringPrincipal => str_fact(r.grant.and_then(|g| g.retiring)),
            CondKey::GrantConstraintType => {
                str_fact(r.grant.and_then(|g| g.constraints.constraint_type()))
            }
            CondKey::EncryptionAlgorithm => str_fact(r.encryption_algorithm),
            CondKey::ReEncryptOnSameKey => r
                .reencrypt_on_same_key
                .map_or(Fact::Absent, |b| Fact::One(Val::Bool(b))),
            // For CreateKey (no key yet) these keys take the values of the key being
            // created; the simulator creates only symmetric AWS_KMS single-Region keys,
            // and AWS counts a default even when the request leaves the parameter out.
            CondKey::KeySpec => str_fact(
                k.map(|k| k.key_spec)
                    .or(creating(r).then_some(KeySpec::default().name())),
            ),
            CondKey::KeyUsage => str_fact(
                k.map(|k| k.key_usage)
                    .or(creating(r).then_some(KeyUsage::default().name())),
            ),
            CondKey::KeyOrigin => str_fact(
                k.map(|k| k.origin)
                    .or(creating(r).then_some(Origin::default().name())),
            ),
            CondKey::MultiRegion => match k {
                Some(k) => Fact::One(Val::Bool(k.multi_region)),
                None if creating(r) => Fact::One(Val::Bool(false)),
                None => Fact::Absent,
            },
            CondKey::RequestAlias => str_fact(r.request_alias),
            CondKey::ResourceAliases => {
                k.map_or(Fact::Absent, |k| Fact::Many(Multi::List(k.aliases)))
            }
            CondKey::RotationPeriodInDays => r
                .rotation_period_days
                .map_or(Fact::Absent, |n| Fact::One(Val::Num(n))),
            CondKey::PendingWindowInDays => r
                .pending_window_days
                .map_or(Fact::Absent, |n| Fact::One(Val::Num(n))),
            CondKey::BypassPolicyLockoutSafetyCheck => r
                .bypass_lockout_check
                .map_or(Fact::Absent, |b| Fact::One(Val::Bool(b))),
            CondKey::PrincipalArn => {
                Fact::One(Val::Str(r.principal.principal_arn_for_conditions()))
            }
            CondKey::PrincipalAccount => Fact::One(Val::Str(r.principal.account_str())),
            CondKey::PrincipalType => Fact::One(Val::Str(r.principal.principal_type())),
            CondKey::Username => str_fact(r.principal.username()),
            CondKey::CurrentTime => Fact::One(Val::Time(r.now)),
            CondKey::EpochTime => Fact::One(Val::Num(r.now.unix_seconds())),
            CondKey::ResourceAccount => {
                k.map_or(Fact::Absent, |k| Fact::One(Val::Str(k.account.as_str())))
            }
            CondKey::ViaAwsService => Fact::One(Val::Bool(r.via_service.is_some())),
            CondKey::ResourceTag(t) => str_fact(k.and_then(|k| {
                k.tags
                    .iter()
                    .find(|(tk, _)| tk.eq_ignore_ascii_case(t))
                    .map(|(_, v)| v.as_str())
            })),
            CondKey::RequestTag(t) => match r.tags {
                Some(RequestTags::Pairs(pairs)) => str_fact(
                    pairs
                        .iter()
                        .find(|(tk, _)| tk.eq_ignore_ascii_case(t))
                        .map(|(_, v)| v.as_str()),
                ),
                _ => Fact::Absent,
            },
            CondKey::TagKeys => match r.tags {
                Some(RequestTags::Pairs(pairs)) => Fact::Many(Multi::PairKeys(pairs)),
                Some(RequestTags::Keys(keys)) => Fact::Many(Multi::List(keys)),
                None => Fact::Absent,
            },
            CondKey::NeverPresent(_) | CondKey::Unmodelled(_) => Fact::Absent,
        }
    }
}
