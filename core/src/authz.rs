//! The authorization decision for a KMS request, as AWS documents it, with its reasons.
//!
//! For principal P asking to do action A on key K:
//! 1. An explicit `Deny` that applies, in K's key policy or in any of P's IAM policies,
//!    decides: denied (an IAM deny works even when the key policy does not enable IAM).
//! 2. Otherwise it is allowed if K's key policy allows P itself; or if the key policy
//!    allows P's account (the account principal, which *enables IAM policies*) and one of
//!    P's IAM policies allows A on K; or if a grant on K for P allows A. A principal of
//!    another account needs both the key policy (naming its account or itself) and its
//!    own IAM policy, and only some actions work across accounts.
//! 3. Otherwise it is denied implicitly.
//!
//! [`authorize`] answers fast and without allocating (the access matrix runs it for every
//! cell); [`explain`] turns its [`Outcome`] into a [`Decision`] a learner can read: the
//! deciding rule, the statements that matched, a one-line reason and, for a denial, what
//! would allow it, with a trace of every statement.

use crate::keys::{KeySpec, KeyUsage, Origin};
use alloc::string::String;
use core::fmt;

use crate::action::{Action, ActionSet};
use crate::clock::Timestamp;
use crate::context::EncryptionContext;
use crate::grants::{ChildGrant, Grant, GrantCheck, GrantConstraints};
use crate::ids::AccountId;
use crate::policy::{Effect, Policy, Statement};
use crate::principal::{Principal, PrincipalMatch};

mod explain;
mod facts;
mod retire;

pub use explain::{
    Decision, MAX_TRACE, MatchedStatement, Names, TraceEntry, access_denied_message, explain,
};
use facts::Ctx;
pub use retire::authorize_retire;

/// What the simulator knows about the key a request is for.
#[derive(Clone, Copy, Debug)]
pub struct KeyFacts<'a> {
    /// The key ARN.
    pub arn: &'a str,
    /// The account that owns the key.
    pub account: AccountId,
    /// The key policy.
    pub policy: &'a Policy,
    /// The key's alias names (`alias/app`), for `kms:ResourceAliases`.
    pub aliases: &'a [String],
    /// The key's tags, for `aws:ResourceTag/<k>`.
    pub tags: &'a [(String, String)],
    /// `kms:KeySpec`
    pub key_spec: &'a str,
    /// `kms:KeyUsage`
    pub key_usage: &'a str,
    /// `kms:KeyOrigin`
    pub origin: &'a str,
    /// `kms:MultiRegion`
    pub multi_region: bool,
}

impl<'a> KeyFacts<'a> {
    /// The facts of a single-Region symmetric encryption key made by KMS (the only kind
    /// the simulator creates), with no aliases or tags.
    pub fn symmetric(arn: &'a str, account: AccountId, policy: &'a Policy) -> KeyFacts<'a> {
        KeyFacts {
            arn,
            account,
            policy,
            aliases: &[],
            tags: &[],
            key_spec: KeySpec::SymmetricDefault.name(),
            key_usage: KeyUsage::EncryptDecrypt.name(),
            origin: Origin::AwsKms.name(),
            multi_region: false,
        }
    }
}

/// What a CreateGrant request asks for, as conditions and grants see it.
#[derive(Clone, Copy, Debug)]
pub struct GrantRequest<'a> {
    /// `kms:GrantOperations`
    pub operations: ActionSet,
    /// `kms:GranteePrincipal`
    pub grantee: &'a str,
    /// `kms:RetiringPrincipal`
    pub retiring: Option<&'a str>,
    /// The constraints of the grant to create (`kms:GrantConstraintType`).
    pub constraints: &'a GrantConstraints,
}

/// One request to authorize: who, what, and the request facts conditions look at.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// Who calls.
    pub principal: &'a Principal,
    /// The IAM identity policies of the caller (for a role session, the role's).
    pub iam_policies: &'a [Policy],
    /// The action.
    pub action: Action,
    /// The simulated time of the request (`aws:CurrentTime`).
    pub now: Timestamp,
    /// The encryption context, for operations that take one (`None` for others).
    pub encryption_context: Option<&'a EncryptionContext>,
    /// The service calling on the principal's behalf (`kms:ViaService`).
    pub via_service: Option<&'a str>,
    /// Grant tokens presented with the request.
    pub grant_tokens: &'a [String],
    /// The alias the request named the key by (`kms:RequestAlias`).
    pub request_alias: Option<&'a str>,
    /// For CreateGrant: what the new grant would be.
    pub grant: Option<GrantRequest<'a>>,
    /// `kms:EncryptionAlgorithm`, for cryptographic operations.
    pub encryption_algorithm: Option<&'a str>,
    /// `kms:ReEncryptOnSameKey`, for ReEncrypt.
    pub reencrypt_on_same_key: Option<bool>,
    /// `kms:RotationPeriodInDays`, for EnableKeyRotation.
    pub rotation_period_days: Option<i64>,
    /// `kms:ScheduleKeyDeletionPendingWindowInDays`, for ScheduleKeyDeletion.
    pub pending_window_days: Option<i64>,
    /// `kms:BypassPolicyLockoutSafetyCheck`, for CreateKey and PutKeyPolicy.
    pub bypass_lockout_check: Option<bool>,
    /// The tags the request carries, for `aws:RequestTag/<k>` and `aws:TagKeys`.
    pub tags: Option<RequestTags<'a>>,
}

/// The tags of a request, as `aws:RequestTag/<k>` and `aws:TagKeys` see them.
#[derive(Clone, Copy, Debug)]
pub enum RequestTags<'a> {
    /// Tag keys and values (CreateKey's and TagResource's `Tags`).
    Pairs(&'a [(String, String)]),
    /// Tag keys alone (UntagResource's `TagKeys`).
    Keys(&'a [String]),
}

impl<'a> Request<'a> {
    /// A request with no optional facts.
    pub fn new(
        principal: &'a Principal,
        iam_policies: &'a [Policy],
        action: Action,
        now: Timestamp,
    ) -> Request<'a> {
        Request {
            principal,
            iam_policies,
            action,
            now,
            encryption_context: None,
            via_service: None,
            grant_tokens: &[],
            request_alias: None,
            grant: None,
            encryption_algorithm: None,
            reencrypt_on_same_key: None,
            rotation_period_days: None,
            pending_window_days: None,
            bypass_lockout_check: None,
            tags: None,
        }
    }
}

/// The rule that decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A `Deny` statement applied.
    ExplicitDeny,
    /// The key policy allows the principal itself.
    KeyPolicy,
    /// The key policy allows the principal's account, which lets IAM policies decide, and an
    /// IAM policy allows (for another account: the key policy allows it, and so does its
    /// IAM policy).
    Iam,
    /// A grant allows.
    Grant,
    /// Nothing allows.
    ImplicitDeny,
}

impl Rule {
    /// The rule's stable name: `explicit-deny`, `key-policy`, `iam`, `grant`,
    /// `implicit-deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::ExplicitDeny => "explicit-deny",
            Rule::KeyPolicy => "key-policy",
            Rule::Iam => "iam",
            Rule::Grant => "grant",
            Rule::ImplicitDeny => "implicit-deny",
        }
    }

    /// The rule with this stable name.
    pub fn from_name(name: &str) -> Option<Rule> {
        [
            Rule::ExplicitDeny,
            Rule::KeyPolicy,
            Rule::Iam,
            Rule::Grant,
            Rule::ImplicitDeny,
        ]
        .into_iter()
        .find(|r| r.as_str() == name)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which policy a statement is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The key policy.
    KeyPolicy,
    /// The caller's IAM policy at this index.
    Iam(usize),
}

/// A statement of a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StatementRef {
    /// Which policy.
    pub source: Source,
    /// The statement's index in it.
    pub statement: usize,
}

/// The result of [`authorize`]: small, copyable, with what [`explain`] needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Allow or Deny.
    pub effect: Effect,
    /// The deciding rule.
    pub rule: Rule,
    /// The first Deny statement that applied.
    pub deny: Option<StatementRef>,
    /// The first key policy Allow that names the caller itself (or everyone).
    pub key_policy_allow: Option<StatementRef>,
    /// The first key policy Allow for the caller's account (enables IAM policies).
    pub account_allow: Option<StatementRef>,
    /// The first IAM policy Allow.
    pub iam_allow: Option<StatementRef>,
    /// The index of the first grant that allows.
    pub grant: Option<usize>,
    /// Whether the caller is in another account than the key.
    pub cross_account: bool,
}

impl Outcome {
    /// Whether the request is allowed.
    pub fn is_allowed(&self) -> bool {
        self.effect == Effect::Allow
    }
}

/// How one statement relates to a request (for the trace).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatementCheck {
    /// It applies: principal, action, resource and every condition match.
    Applies,
    /// It does not name the caller (nor everyone, nor the caller's account).
    PrincipalNotNamed,
    /// It does not cover the action.
    ActionNotCovered,
    /// It has no `Resource`, or its resources do not cover the key.
    ResourceNotCovered,
    /// Condition number `n` (in source order) does not hold.
    ConditionFailed(usize),
    /// Matching its patterns needed more work than one decision may do
    /// ([`MAX_MATCH_WORK`](crate::policy::pattern::MAX_MATCH_WORK)), so the simulator
    /// refuses rather than guesses: a `Deny` counts as applying, an `Allow` as not.
    CutShort,
}

impl StatementCheck {
    /// Whether the statement takes part in the decision: it applies, or it is a `Deny`
    /// whose matching was cut short.
    pub fn counts(self, effect: Effect) -> bool {
        self == StatementCheck::Applies
            || (self == StatementCheck::CutShort && effect == Effect::Deny)
    }
}

fn check_statement(
    s: &Statement,
    ctx: &Ctx<'_>,
    resource: &str,
) -> (StatementCheck, PrincipalMatch) {
    let pm = s.principal_match(ctx.req.principal);
    if pm == PrincipalMatch::No {
        return (StatementCheck::PrincipalNotNamed, pm);
    }
    if !s.covers(ctx.req.action) {
        return (StatementCheck::ActionNotCovered, pm);
    }
    let cuts = ctx.budget.cuts();
    let check = if !s.covers_resource(resource, ctx) {
        StatementCheck::ResourceNotCovered
    } else {
        match s.failed_condition(ctx) {
            Some(i) => StatementCheck::ConditionFailed(i),
            None => StatementCheck::Applies,
        }
    };
    if ctx.budget.cuts() != cuts {
        return (StatementCheck::CutShort, pm);
    }
    (check, pm)
}

/// Records the first IAM Deny and the first IAM Allow that apply to `resource`.
fn scan_iam(ctx: &Ctx<'_>, resource: &str, out: &mut Outcome) {
    for (pi, p) in ctx.req.iam_policies.iter().enumerate() {
        for (i, s) in p.statements().iter().enumerate() {
            if !check_statement(s, ctx, resource).0.counts(s.effect) {
                continue;
            }
            let r = Some(StatementRef {
                source: Source::Iam(pi),
                statement: i,
            });
            match s.effect {
                Effect::Deny => out.deny = out.deny.or(r),
                Effect::Allow => out.iam_allow = out.iam_allow.or(r),
            }
        }
    }
}

impl Outcome {
    /// Nothing decided yet: an implicit deny.
    fn undecided(cross_account: bool) -> Outcome {
        Outcome {
            effect: Effect::Deny,
            rule: Rule::ImplicitDeny,
            deny: None,
            key_policy_allow: None,
            account_allow: None,
            iam_allow: None,
            grant: None,
            cross_account,
        }
    }
}

/// Decides a request on a key. Does not allocate.
pub fn authorize(req: &Request<'_>, key: &KeyFacts<'_>, grants: &[Grant]) -> Outcome {
    let empty = EncryptionContext::new();
    let req = &Request {
        encryption_context: request_context(req, &empty),
        ..*req
    };
    let ctx = Ctx::new(req, Some(key));
    let mut out = Outcome::undecided(req.principal.account() != key.account);
    for (i, s) in key.policy.statements().iter().enumerate() {
        let (check, pm) = check_statement(s, &ctx, key.arn);
        if !check.counts(s.effect) {
            continue;
        }
        let r = Some(StatementRef {
            source: Source::KeyPolicy,
            statement: i,
        });
        match (s.effect, pm) {
            (Effect::Deny, _) => {
                out.deny = out.deny.or(r);
            }
            (Effect::Allow, PrincipalMatch::Caller) => {
                out.key_policy_allow = out.key_policy_allow.or(r)
            }
            (Effect::Allow, _) => out.account_allow = out.account_allow.or(r),
        }
    }
    scan_iam(&ctx, key.arn, &mut out);
    let child = req.grant.map(|g| ChildGrant {
        operations: g.operations,
        constraints: g.constraints,
    });
    out.grant = grants.iter().position(|g| {
        g.key_arn == key.arn
            && g.check(
                req.principal,
                req.action,
                req.encryption_context,
                req.grant_tokens,
                req.now,
                child,
            ) == GrantCheck::Allows
    });

    if out.deny.is_some() {
        out.rule = Rule::ExplicitDeny;
        return out;
    }
    // An account's root user needs no identity policy in its own account.
    let identity_allows =
        out.iam_allow.is_some() || *req.principal.kind() == crate::principal::PrincipalKind::Root;
    let allowed_by_policies = if out.cross_account {
        req.action.works_across_accounts()
            && (out.key_policy_allow.is_some() || out.account_allow.is_some())
            && identity_allows
    } else {
        out.key_policy_allow.is_some() || (out.account_allow.is_some() && out.iam_allow.is_some())
    };
    if allowed_by_policies {
        out.effect = Effect::Allow;
        out.rule = if !out.cross_account && out.key_policy_allow.is_some() {
            Rule::KeyPolicy
        } else {
            Rule::Iam
        };
    } else if out.grant.is_some() {
        out.effect = Effect::Allow;
        out.rule = Rule::Grant;
    }
    out
}

/// The request's encryption context: a cryptographic operation without one has the empty
/// context (so grant constraints and conditions see "no pairs", not "not applicable").
fn request_context<'a>(
    req: &Request<'a>,
    empty: &'a EncryptionContext,
) -> Option<&'a EncryptionContext> {
    match req.encryption_context {
        None if req.action.takes_encryption_context() => Some(empty),
        other => other,
    }
}

/// Decides an action that is not about one key (`kms:CreateKey`, `kms:ListKeys`,
/// `kms:GenerateRandom`, ...) or IAM's half of an alias operation (`resource` is then the
/// alias ARN): IAM policies alone decide. The root user is allowed unless denied.
pub fn authorize_iam_only(req: &Request<'_>, resource: &str) -> Outcome {
    let ctx = Ctx::new(req, None);
    let mut out = Outcome::undecided(false);
    scan_iam(&ctx, resource, &mut out);
    if out.deny.is_some() {
        out.rule = Rule::ExplicitDeny;
    } else if out.iam_allow.is_some()
        || *req.principal.kind() == crate::principal::PrincipalKind::Root
    {
        out.effect = Effect::Allow;
        out.rule = Rule::Iam;
    }
    out
}

#[cfg(test)]
mod tests;
