//! Explanations: an [`Outcome`] of [`authorize`](super::authorize) turned into a
//! [`Decision`] a learner can read — the deciding rule, the statements that matched, a
//! one-line reason, a hint for a denial, and a trace of every statement and grant.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::action::Action;
use crate::context::EncryptionContext;
use crate::grants::{ChildGrant, Grant, GrantCheck};
use crate::ids::GrantId;
use crate::json::Loc;
use crate::policy::pattern::MAX_MATCH_WORK;
use crate::policy::{Effect, Policy, Statement};
use crate::principal::PrincipalMatch;

use super::{
    Ctx, KeyFacts, Outcome, Request, Rule, Source, StatementCheck, StatementRef, check_statement,
    request_context,
};

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
    pub grant_id: Option<GrantId>,
    /// Whether it applied.
    pub applies: bool,
    /// For a statement: how it relates to the request (the first of Principal, Action,
    /// Resource, Condition that does not match, or that it applies).
    pub check: Option<StatementCheck>,
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
    pub grant_id: Option<GrantId>,
    /// One line a learner understands.
    pub reason: String,
    /// For a denial: what would allow the request.
    pub hint: Option<String>,
    /// The statements and grants looked at, and what came of each: the first
    /// [`MAX_TRACE`] of them.
    pub trace: Vec<TraceEntry>,
    /// How many statements and grants were looked at beyond the trace.
    pub trace_omitted: usize,
}

/// The most trace entries a decision keeps (a policy may have hundreds of statements;
/// the matrix keeps thousands of decisions).
pub const MAX_TRACE: usize = 64;

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
        StatementCheck::CutShort => format!(
            "matching its patterns against this request needs more than the {} the simulator gives one decision, so it counts as {}",
            work_limit(),
            match s.effect {
                Effect::Deny => "applying (a Deny is never skipped)",
                Effect::Allow => "not applying (an Allow is never guessed)",
            }
        ),
    }
}

/// The matching work one decision may do, in words.
fn work_limit() -> String {
    format!(
        "about {} million characters compared",
        MAX_MATCH_WORK / 1_000_000
    )
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
    let ctx = Ctx::new(req, key);
    let action = req.action;
    let who = names.principal;
    let resource = key.map_or("*", |k| k.arn);

    // The trace: every statement, then every grant for this caller.
    let mut trace = Vec::new();
    let mut trace_omitted = 0usize;
    let mut near_miss: Option<String> = None;
    let mut cut: Vec<StatementRef> = Vec::new();
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
            if check == StatementCheck::CutShort {
                cut.push(at);
            }
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
            if trace.len() >= MAX_TRACE {
                trace_omitted += 1;
                continue;
            }
            trace.push(TraceEntry {
                statement: matched(at, req, key, names),
                grant_id: None,
                applies: check.counts(s.effect),
                check: Some(check),
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
        // A grant says nothing about a grantee's actions that no grant can allow
        // (RevokeGrant, PutKeyPolicy, ...).
        if check == GrantCheck::NotGrantee
            || (check == GrantCheck::OperationNotListed && !action.is_grant_operation())
        {
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
        if trace.len() >= MAX_TRACE {
            trace_omitted += 1;
            continue;
        }
        trace.push(TraceEntry {
            statement: None,
            grant_id: Some(g.grant_id.clone()),
            applies: check == GrantCheck::Allows,
            check: None,
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
    let reason = match cut.first() {
        None => reason,
        Some(_) if out.deny.is_some_and(|d| cut.contains(&d)) => format!(
            "Denied: matching statement {} of {} against this request needs more than the {} the simulator gives one decision, so it counts this Deny as applying rather than guess (docs/FIDELITY.md)",
            label(out.deny),
            out.deny
                .map_or(String::new(), |d| policy_name(d.source, names)),
            work_limit()
        ),
        Some(&first) => format!(
            "{reason} (the simulator could not finish matching statement {} of {} within the {} it gives one decision, and counted it as {})",
            label(Some(first)),
            policy_name(first.source, names),
            work_limit(),
            match statement_of(first, req, key).map(|s| s.effect) {
                Some(Effect::Deny) => "applying",
                _ => "not applying",
            }
        ),
    };
    Decision {
        effect: out.effect,
        rule: out.rule,
        matched: matched_list,
        grant_id,
        reason,
        hint,
        trace,
        trace_omitted,
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
