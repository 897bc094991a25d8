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

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::action::{Action, ActionSet};
use crate::clock::Timestamp;
use crate::context::EncryptionContext;
use crate::grants::{ChildGrant, Grant, GrantCheck, GrantConstraints};
use crate::ids::AccountId;
use crate::json::Loc;
use crate::policy::{
    CondKey, Effect, Fact, Facts, Multi, Policy, Statement, Val, Variable, Variables,
};
use crate::principal::{Principal, PrincipalMatch};

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
            key_spec: "SYMMETRIC_DEFAULT",
            key_usage: "ENCRYPT_DECRYPT",
            origin: "AWS_KMS",
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

/// The facts of one request about one key, as conditions and variables read them.
struct Ctx<'r> {
    req: &'r Request<'r>,
    key: Option<&'r KeyFacts<'r>>,
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
                    .or(creating(r).then_some("SYMMETRIC_DEFAULT")),
            ),
            CondKey::KeyUsage => str_fact(
                k.map(|k| k.key_usage)
                    .or(creating(r).then_some("ENCRYPT_DECRYPT")),
            ),
            CondKey::KeyOrigin => {
                str_fact(k.map(|k| k.origin).or(creating(r).then_some("AWS_KMS")))
            }
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
            CondKey::NeverPresent(_) | CondKey::Unmodelled(_) => Fact::Absent,
        }
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
    if !s.covers_resource(resource, ctx) {
        return (StatementCheck::ResourceNotCovered, pm);
    }
    match s.failed_condition(ctx) {
        Some(i) => (StatementCheck::ConditionFailed(i), pm),
        None => (StatementCheck::Applies, pm),
    }
}

/// Records the first IAM Deny and the first IAM Allow that apply to `resource`.
fn scan_iam(ctx: &Ctx<'_>, resource: &str, out: &mut Outcome) {
    for (pi, p) in ctx.req.iam_policies.iter().enumerate() {
        for (i, s) in p.statements().iter().enumerate() {
            if check_statement(s, ctx, resource).0 != StatementCheck::Applies {
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
    let ctx = Ctx {
        req,
        key: Some(key),
    };
    let mut out = Outcome::undecided(req.principal.account() != key.account);
    for (i, s) in key.policy.statements().iter().enumerate() {
        let (check, pm) = check_statement(s, &ctx, key.arn);
        if check != StatementCheck::Applies {
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
    let ctx = Ctx { req, key: None };
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

// ---------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------

/// How to name things in explanations.
#[derive(Clone, Copy, Debug)]
pub struct Names<'a> {
    /// The caller, as the learner knows it (`Alice`).
    pub principal: &'a str,
    /// The key, as the learner knows it (`CMK-B`, an alias, or the key ID).
    pub key: &'a str,
}

/// A statement that took part in a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchedStatement {
    /// Which policy and statement.
    pub at: StatementRef,
    /// `the key policy` or `IAM policy 1 of Alice`.
    pub policy: String,
    /// The statement's `Sid`, if any.
    pub sid: Option<String>,
    /// `"Sid"` or `#n`.
    pub label: String,
    /// Where the statement starts in its policy's text.
    pub loc: Loc,
    /// Allow or Deny.
    pub effect: Effect,
}

/// One line of the trace: every statement and grant looked at, and what came of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEntry {
    /// The statement (`None` for a grant).
    pub statement: Option<MatchedStatement>,
    /// The grant's ID, for a grant.
    pub grant_id: Option<String>,
    /// Whether it applied.
    pub applies: bool,
    /// What came of it, in words.
    pub note: String,
}

/// An explained decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Allow or Deny.
    pub effect: Effect,
    /// The deciding rule.
    pub rule: Rule,
    /// The statements that decided (the deny; or the allow, with the enabling key policy
    /// statement for IAM).
    pub matched: Vec<MatchedStatement>,
    /// The grant that allowed, if a grant decided.
    pub grant_id: Option<String>,
    /// One line a learner understands.
    pub reason: String,
    /// For a denial: what would allow the request.
    pub hint: Option<String>,
    /// Every statement and grant, and what came of it.
    pub trace: Vec<TraceEntry>,
}

fn policy_name(source: Source, names: &Names<'_>) -> String {
    match source {
        Source::KeyPolicy => format!("{}'s key policy", names.key),
        Source::Iam(i) => format!("{}'s IAM policy {}", names.principal, i + 1),
    }
}

fn statement_of<'p>(
    at: StatementRef,
    req: &'p Request<'_>,
    key: Option<&'p KeyFacts<'_>>,
) -> Option<&'p Statement> {
    match at.source {
        Source::KeyPolicy => key?.policy.statements().get(at.statement),
        Source::Iam(i) => req.iam_policies.get(i)?.statements().get(at.statement),
    }
}

fn matched(
    at: StatementRef,
    req: &Request<'_>,
    key: Option<&KeyFacts<'_>>,
    names: &Names<'_>,
) -> Option<MatchedStatement> {
    let s = statement_of(at, req, key)?;
    Some(MatchedStatement {
        at,
        policy: policy_name(at.source, names),
        sid: s.sid.clone(),
        label: s.label(),
        loc: s.loc,
        effect: s.effect,
    })
}

fn describe_condition(s: &Statement, i: usize) -> String {
    match s.conditions.get(i) {
        Some(c) => format!(
            "`{}` on `{}` ({})",
            c.operator.name(),
            c.key_name,
            c.raw_values.join(", ")
        ),
        None => String::from("a condition"),
    }
}

fn check_note(check: StatementCheck, s: &Statement, who: &str) -> String {
    match check {
        StatementCheck::Applies => String::from("applies"),
        StatementCheck::PrincipalNotNamed => format!("does not name {who} (nor its account)"),
        StatementCheck::ActionNotCovered => String::from("does not cover this action"),
        StatementCheck::ResourceNotCovered => match s.resources {
            crate::policy::ResourceSpec::Missing => {
                String::from("has no Resource, so it applies to nothing")
            }
            _ => String::from("its Resource does not cover this key"),
        },
        StatementCheck::ConditionFailed(i) => {
            format!("its condition {} is not met", describe_condition(s, i))
        }
    }
}

fn grant_name(g: &Grant) -> String {
    match &g.name {
        Some(n) => format!("grant \"{n}\" ({})", g.grant_id),
        None => format!("grant {}", g.grant_id),
    }
}

/// Explains an outcome of [`authorize`] (or [`authorize_iam_only`] with `key` `None`).
pub fn explain(
    out: &Outcome,
    req: &Request<'_>,
    key: Option<&KeyFacts<'_>>,
    grants: &[Grant],
    names: &Names<'_>,
) -> Decision {
    let empty = EncryptionContext::new();
    let req = &Request {
        encryption_context: request_context(req, &empty),
        ..*req
    };
    let ctx = Ctx { req, key };
    let action = req.action;
    let who = names.principal;
    let resource = key.map_or("*", |k| k.arn);

    // The trace: every statement, then every grant for this caller.
    let mut trace = Vec::new();
    let mut near_miss: Option<String> = None;
    let mut sources: Vec<(Source, &Policy)> = Vec::new();
    if let Some(k) = key {
        sources.push((Source::KeyPolicy, k.policy));
    }
    sources.extend(
        req.iam_policies
            .iter()
            .enumerate()
            .map(|(i, p)| (Source::Iam(i), p)),
    );
    for (source, policy) in &sources {
        for (i, s) in policy.statements().iter().enumerate() {
            let at = StatementRef {
                source: *source,
                statement: i,
            };
            let (check, pm) = check_statement(s, &ctx, resource);
            let mut note = check_note(check, s, who);
            if check == StatementCheck::Applies
                && s.effect == Effect::Allow
                && *source == Source::KeyPolicy
                && pm == PrincipalMatch::Account
            {
                note = format!(
                    "names the account {}: it lets IAM policies decide",
                    req.principal.account()
                );
            }
            if let (StatementCheck::ConditionFailed(_), Effect::Allow, None) =
                (check, s.effect, &near_miss)
            {
                near_miss = Some(format!(
                    "{} statement {} would allow it, but {}",
                    policy_name(*source, names),
                    s.label(),
                    note
                ));
            }
            trace.push(TraceEntry {
                statement: matched(at, req, key, names),
                grant_id: None,
                applies: check == StatementCheck::Applies,
                note: format!("{} {}: {note}", s.effect, s.label()),
            });
        }
    }
    let child = req.grant.map(|g| ChildGrant {
        operations: g.operations,
        constraints: g.constraints,
    });
    for g in grants
        .iter()
        .filter(|g| key.is_some_and(|k| k.arn == g.key_arn))
    {
        let check = g.check(
            req.principal,
            action,
            req.encryption_context,
            req.grant_tokens,
            req.now,
            child,
        );
        if check == GrantCheck::NotGrantee {
            continue;
        }
        let note = match check {
            GrantCheck::Allows => format!("{} allows {action}", grant_name(g)),
            GrantCheck::NotGrantee => String::new(),
            GrantCheck::OperationNotListed => format!(
                "{} is for {who} but does not list {}",
                grant_name(g),
                action.name()
            ),
            GrantCheck::NotYetEffective => format!(
                "{} is for {who} but takes effect only at {} (grants take up to five minutes to propagate); present its grant token to use it now",
                grant_name(g),
                g.effective
            ),
            GrantCheck::ConstraintNotMet => format!(
                "{} is for {who} but the encryption context does not meet its constraints",
                grant_name(g)
            ),
            GrantCheck::ChildNotSubset => format!(
                "{} allows CreateGrant only for grants with a subset of its operations and constraints at least as strict",
                grant_name(g)
            ),
        };
        if check != GrantCheck::Allows && near_miss.is_none() {
            near_miss = Some(note.clone());
        }
        trace.push(TraceEntry {
            statement: None,
            grant_id: Some(g.grant_id.clone()),
            applies: check == GrantCheck::Allows,
            note,
        });
    }

    let m = |r: Option<StatementRef>| r.and_then(|r| matched(r, req, key, names));
    let key_name = names.key;
    let label = |r: Option<StatementRef>| {
        r.and_then(|r| statement_of(r, req, key))
            .map(Statement::label)
            .unwrap_or_default()
    };
    let mut matched_list = Vec::new();
    let mut grant_id = None;
    let mut hint = None;
    let reason = match out.rule {
        Rule::ExplicitDeny => {
            matched_list.extend(m(out.deny));
            let src = out
                .deny
                .map_or(String::new(), |d| policy_name(d.source, names));
            hint = Some(format!(
                "no allow can override it: only narrowing or removing statement {} of {src} can allow this",
                label(out.deny)
            ));
            format!(
                "Denied: statement {} of {src} explicitly denies {action} to {who}; an explicit deny overrides every allow",
                label(out.deny)
            )
        }
        Rule::KeyPolicy => {
            matched_list.extend(m(out.key_policy_allow));
            format!(
                "Allowed: {key_name}'s key policy allows {action} to {who} directly (statement {})",
                label(out.key_policy_allow)
            )
        }
        Rule::Iam if key.is_none() => {
            matched_list.extend(m(out.iam_allow));
            if out.iam_allow.is_some() {
                format!(
                    "Allowed: {who}'s IAM policy allows {action} (statement {})",
                    label(out.iam_allow)
                )
            } else {
                format!(
                    "Allowed: {who} is the account's root user, which IAM policies need not allow"
                )
            }
        }
        Rule::Iam => {
            let enabling = out.account_allow.or(out.key_policy_allow);
            matched_list.extend(m(enabling));
            matched_list.extend(m(out.iam_allow));
            if out.cross_account {
                format!(
                    "Allowed across accounts: {key_name}'s key policy allows {} (statement {}) and {who}'s own IAM policy allows {action} on the key (statement {})",
                    if out.key_policy_allow.is_some() {
                        who.to_string()
                    } else {
                        format!("account {}", req.principal.account())
                    },
                    label(enabling),
                    label(out.iam_allow)
                )
            } else {
                format!(
                    "Allowed: {key_name}'s key policy lets IAM policies decide (statement {} names the account), and {who}'s IAM policy allows {action} on it (statement {})",
                    label(enabling),
                    label(out.iam_allow)
                )
            }
        }
        Rule::Grant => {
            let g = out.grant.and_then(|i| grants.get(i));
            grant_id = g.map(|g| g.grant_id.clone());
            format!(
                "Allowed: {} gives {who} {action} on {key_name}",
                g.map_or(String::from("a grant"), grant_name)
            )
        }
        Rule::ImplicitDeny => {
            let (reason, h) = implicit_deny_hint(out, req, key, names);
            hint = near_miss.map(|n| format!("{n}.")).or(h);
            reason
        }
    };
    Decision {
        effect: out.effect,
        rule: out.rule,
        matched: matched_list,
        grant_id,
        reason,
        hint,
        trace,
    }
}

fn implicit_deny_hint(
    out: &Outcome,
    req: &Request<'_>,
    key: Option<&KeyFacts<'_>>,
    names: &Names<'_>,
) -> (String, Option<String>) {
    let (who, k, action) = (names.principal, names.key, req.action);
    let Some(key) = key else {
        return (
            format!("Denied: no IAM policy of {who} allows {action}"),
            Some(format!(
                "attach an IAM policy to {who} that allows {action} on \"Resource\": \"*\""
            )),
        );
    };
    let reason = format!("Denied: nothing allows {action} on {k} for {who}");
    let hint = if out.cross_account && !action.works_across_accounts() {
        format!(
            "{action} cannot be used on a key in another account ({who} is in {}, {k} in {})",
            req.principal.account(),
            key.account
        )
    } else if out.cross_account {
        match (
            out.key_policy_allow.is_some() || out.account_allow.is_some(),
            out.iam_allow.is_some(),
        ) {
            (true, false) => format!(
                "{k}'s key policy allows account {}, but a principal from another account also needs its own IAM policy to allow {action} on the key: attach one to {who}",
                req.principal.account()
            ),
            (false, true) => format!(
                "{who}'s IAM policy allows {action}, but {k}'s key policy (in account {}) does not allow account {} or {who}: add it to the key policy",
                key.account,
                req.principal.account()
            ),
            _ => format!(
                "for a principal from another account both are needed: {k}'s key policy must allow account {} (or {who}), and {who}'s IAM policy must allow {action} on the key",
                req.principal.account()
            ),
        }
    } else if let Some(_enabling) = out.account_allow {
        format!(
            "{k}'s key policy lets IAM policies decide, but none of {who}'s IAM policies allows {action} on it: attach one that does, or name {who} in the key policy"
        )
    } else if out.iam_allow.is_some() {
        format!(
            "{k}'s key policy does not enable IAM policies, so {who}'s IAM policy that allows {action} has no effect: add the account principal (arn:aws:iam::{}:root) to the key policy, or name {who} in it",
            key.account
        )
    } else {
        format!(
            "{k}'s key policy neither names {who} nor enables IAM policies for {action}: name {who} in it, or let the account principal in and give {who} an IAM policy"
        )
    };
    (reason, Some(hint))
}

/// The message of the `AccessDeniedException` AWS returns for a denied request.
pub fn access_denied_message(
    out: &Outcome,
    principal_arn: &str,
    action: Action,
    resource_arn: &str,
) -> String {
    let tail = match (out.rule, out.deny.map(|d| d.source)) {
        (Rule::ExplicitDeny, Some(Source::KeyPolicy)) => {
            "with an explicit deny in a resource-based policy".to_string()
        }
        (Rule::ExplicitDeny, _) => "with an explicit deny in an identity-based policy".to_string(),
        _ if resource_arn == "*" || resource_arn.contains(":alias/") => {
            format!("because no identity-based policy allows the {action} action")
        }
        _ => format!("because no resource-based policy allows the {action} action"),
    };
    format!(
        "User: {principal_arn} is not authorized to perform: {action} on resource: {resource_arn} {tail}"
    )
}

#[cfg(test)]
mod tests;
