//! Who may retire a grant. Unlike every other action, the grant itself decides, and IAM can
//! only delegate or deny; the key policy takes no part. The KMS Developer Guide
//! ("Retiring and revoking grants"):
//!
//! - "A grant can be retired by an optional retiring principal specified in the grant. The
//!   grantee principal can also retire the grant, but only if they are also a retiring
//!   principal or the grant includes the RetireGrant operation. As a backup, the AWS
//!   account in which the grant was created can retire the grant."
//! - "The kms:RetireGrant permission alone does not allow principals to retire a grant.
//!   The kms:RetireGrant permission is not effective in a key policy."
//! - "To deny permission to retire a grant, you can use a Deny action with the
//!   kms:RetireGrant permission in your IAM policies."
//! - "The AWS account that owns the KMS key can delegate the kms:RetireGrant permission to
//!   an IAM principal in the account." and "If the retiring principal is a different AWS
//!   account, administrators in the other account can use kms:RetireGrant to delegate
//!   permission to retire the grant to an IAM principal in that account."

use alloc::format;
use alloc::string::String;

use super::{Decision, Names, Outcome, Request, Rule, authorize_iam_only, explain};
use crate::grants::Grant;
use crate::policy::Effect;
use crate::principal::{PrincipalKind, PrincipalPattern};

/// Decides whether `req` (a `kms:RetireGrant` request) may retire `grant`, on the key
/// `key_arn`, and explains it.
pub fn authorize_retire(
    req: &Request<'_>,
    grant: &Grant,
    key_arn: &str,
    names: &Names<'_>,
) -> (Outcome, Decision) {
    let who = names.principal;
    let iam = authorize_iam_only(req, key_arn);
    let mut decision = explain(&iam, req, None, &[], names);
    if iam.rule == Rule::ExplicitDeny {
        decision.hint = Some(String::from(
            "AWS: \"To deny permission to retire a grant, you can use a Deny action with the kms:RetireGrant permission in your IAM policies.\" The deny applies even to the grant's retiring principal",
        ));
        return (iam, decision);
    }
    let caller = req.principal;
    let allow_by_grant = |reason: String, decision: &mut Decision| {
        decision.effect = Effect::Allow;
        decision.rule = Rule::Grant;
        decision.matched.clear();
        decision.grant_id = Some(grant.grant_id.clone());
        decision.reason = reason;
        decision.hint = None;
        Outcome {
            effect: Effect::Allow,
            rule: Rule::Grant,
            ..iam
        }
    };
    if grant.is_retiring_principal(caller) {
        let reason = format!("Allowed: {who} is the grant's retiring principal");
        let out = allow_by_grant(reason, &mut decision);
        return (out, decision);
    }
    if grant.is_grantee(caller)
        && grant
            .operations
            .contains(crate::action::Action::RetireGrant)
    {
        let reason =
            format!("Allowed: {who} is the grant's grantee and the grant lists RetireGrant");
        let out = allow_by_grant(reason, &mut decision);
        return (out, decision);
    }
    // The account that created the grant, and an account that is the retiring principal,
    // may retire it: its root user, and the IAM principals it delegates kms:RetireGrant to.
    let retiring_account = grant
        .retiring
        .as_deref()
        .and_then(|r| PrincipalPattern::parse_aws(r).ok())
        .and_then(|p| match p {
            PrincipalPattern::Account(a) => Some(a),
            _ => None,
        });
    let account_may =
        caller.account() == grant.issuing_account || retiring_account == Some(caller.account());
    if account_may && iam.is_allowed() {
        if *caller.kind() == PrincipalKind::Root {
            decision.reason = format!(
                "Allowed: {who} is the root user of account {}, which may retire the grants made in it",
                caller.account()
            );
        } else {
            decision.reason = format!(
                "Allowed: {}; account {} delegates kms:RetireGrant to its principals through IAM policies",
                decision.reason.trim_start_matches("Allowed: "),
                caller.account()
            );
        }
        return (iam, decision);
    }
    let out = Outcome {
        effect: Effect::Deny,
        rule: Rule::ImplicitDeny,
        ..iam
    };
    decision.effect = Effect::Deny;
    decision.rule = Rule::ImplicitDeny;
    decision.matched.clear();
    decision.reason = format!("Denied: {who} may not retire this grant");
    decision.hint = Some(format!(
        "only the grant's retiring principal, its grantee (when the grant lists RetireGrant), or account {} (its root user, or a principal it allows kms:RetireGrant in an IAM policy) may retire it; kms:RetireGrant in a key policy has no effect",
        grant.issuing_account
    ));
    (out, decision)
}
