//! One statement: `Sid`, `Effect`, `Principal`/`NotPrincipal`, `Action`/`NotAction`,
//! `Resource`/`NotResource` and `Condition`, each checked where it stands.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;

use super::conditions::read_conditions;
use super::{Cx, STATEMENT_ELEMENTS, similar, unknown_element};
use crate::action::{Action, ActionSet};
use crate::json::Json;
use crate::policy::pattern::{Pattern, Syntax};
use crate::policy::{
    DiagnosticCode, Effect, PolicyKind, PrincipalSpec, ResourceSpec, Severity, Statement,
};
use crate::principal::PrincipalPattern;

pub(super) fn read_statement(
    cx: &mut Cx<'_>,
    s: &Json,
    index: usize,
    path: &str,
) -> Option<Statement> {
    let Some(members) = s.as_object() else {
        cx.error(
            DiagnosticCode::WrongType,
            path,
            s.loc,
            format!("a statement must be an object, not {}", s.kind()),
        );
        return None;
    };
    let errors_before = cx
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    for m in members {
        if !STATEMENT_ELEMENTS.contains(&m.key.as_str()) {
            cx.error(
                DiagnosticCode::UnknownElement,
                &format!("{path}.{}", m.key),
                m.key_loc,
                unknown_element(&m.key, STATEMENT_ELEMENTS),
            );
        }
    }

    let sid = match s.get("Sid") {
        None => None,
        Some(v) => match v.as_str() {
            Some(sid) => {
                if cx.kind == PolicyKind::Identity
                    && !sid.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    cx.error(DiagnosticCode::InvalidSid, &format!("{path}.Sid"), v.loc, format!("the Sid `{sid}` may contain only letters A–Z, a–z and digits in an IAM policy"));
                }
                Some(sid.to_owned())
            }
            None => {
                cx.error(
                    DiagnosticCode::WrongType,
                    &format!("{path}.Sid"),
                    v.loc,
                    format!("`Sid` must be a string, not {}", v.kind()),
                );
                None
            }
        },
    };

    let effect = match s.get("Effect") {
        None => {
            cx.error(
                DiagnosticCode::MissingEffect,
                path,
                s.loc,
                "the statement has no `Effect`: it must be \"Allow\" or \"Deny\"".to_string(),
            );
            Effect::Deny
        }
        Some(v) => {
            match v.as_str() {
                Some("Allow") => Effect::Allow,
                Some("Deny") => Effect::Deny,
                Some(other)
                    if other.eq_ignore_ascii_case("allow")
                        || other.eq_ignore_ascii_case("deny") =>
                {
                    cx.error(DiagnosticCode::InvalidEffect, &format!("{path}.Effect"), v.loc, format!("`Effect` is case-sensitive: write \"Allow\" or \"Deny\", not \"{other}\""));
                    Effect::Deny
                }
                _ => {
                    cx.error(
                        DiagnosticCode::InvalidEffect,
                        &format!("{path}.Effect"),
                        v.loc,
                        "`Effect` must be \"Allow\" or \"Deny\"".to_string(),
                    );
                    Effect::Deny
                }
            }
        }
    };

    let principal = read_principal(cx, s, path, effect);
    let (actions, not_action) = read_actions(cx, s, path);
    let resources = read_resources(cx, s, path);
    let conditions = match s.get("Condition") {
        None => Vec::new(),
        Some(c) => read_conditions(cx, c, &format!("{path}.Condition")),
    };

    let errors_after = cx
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors_after == errors_before).then_some(Statement {
        index,
        sid,
        loc: s.loc,
        effect,
        principal,
        actions,
        not_action,
        resources,
        conditions,
    })
}

pub(super) fn read_principal(
    cx: &mut Cx<'_>,
    s: &Json,
    path: &str,
    effect: Effect,
) -> PrincipalSpec {
    let p = s.get("Principal");
    let np = s.get("NotPrincipal");
    if cx.kind == PolicyKind::Identity {
        for (name, v) in [("Principal", p), ("NotPrincipal", np)] {
            if let Some(v) = v {
                cx.error(DiagnosticCode::PrincipalInIdentityPolicy, &format!("{path}.{name}"), v.loc, format!("an IAM identity policy cannot have `{name}`: it applies to the identity it is attached to"));
            }
        }
        return PrincipalSpec::Attached;
    }
    match (p, np) {
        (Some(_), Some(n)) => {
            cx.error(
                DiagnosticCode::PrincipalAndNotprincipal,
                &format!("{path}.NotPrincipal"),
                n.loc,
                "a statement cannot have both `Principal` and `NotPrincipal`".to_string(),
            );
            PrincipalSpec::Only(Vec::new())
        }
        (None, None) => {
            cx.error(
                DiagnosticCode::MissingPrincipal,
                path,
                s.loc,
                "a key policy statement must name a `Principal`".to_string(),
            );
            PrincipalSpec::Only(Vec::new())
        }
        (Some(v), None) => {
            PrincipalSpec::Only(read_principal_value(cx, v, &format!("{path}.Principal")))
        }
        (None, Some(v)) => {
            if effect == Effect::Allow {
                cx.security_warning(DiagnosticCode::AllowWithNotprincipal, &format!("{path}.NotPrincipal"), v.loc, "`Allow` with `NotPrincipal` allows every principal not listed, in every account: AWS advises against it".to_string());
            }
            PrincipalSpec::AllBut(read_principal_value(cx, v, &format!("{path}.NotPrincipal")))
        }
    }
}

fn read_principal_value(cx: &mut Cx<'_>, v: &Json, path: &str) -> Vec<PrincipalPattern> {
    if v.as_str() == Some("*") {
        return alloc::vec![PrincipalPattern::Anyone];
    }
    let Some(members) = v.as_object() else {
        cx.error(DiagnosticCode::InvalidPrincipal, path, v.loc, "`Principal` must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}".to_string());
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in members {
        let p = format!("{path}.{}", m.key);
        let values = cx.strings(&m.value, &p, "a principal");
        match m.key.as_str() {
            "AWS" => {
                for (text, vp, loc) in values {
                    match PrincipalPattern::parse_aws(&text) {
                        Ok(pat) => {
                            if pat.identity_arn().is_some() && !cx.directory.knows(&pat) {
                                cx.error(DiagnosticCode::UnknownPrincipal, &vp, loc, format!("the principal `{text}` does not exist (KMS refuses a key policy that names one)"));
                            }
                            out.push(pat);
                        }
                        Err(_) => cx.error(DiagnosticCode::InvalidPrincipal, &vp, loc, format!("`{text}` is not a valid AWS principal: use \"*\", an account ID, or the ARN of an account root, user, role or role session")),
                    }
                }
            }
            "Service" => {
                for (text, vp, loc) in values {
                    if text.ends_with(".amazonaws.com") && text.len() > ".amazonaws.com".len() {
                        out.push(PrincipalPattern::Service(text));
                    } else {
                        cx.error(DiagnosticCode::InvalidPrincipal, &vp, loc, format!("`{text}` is not a service principal such as `s3.amazonaws.com`"));
                    }
                }
            }
            "Federated" | "CanonicalUser" => {
                cx.warn(DiagnosticCode::UnmodelledPrincipal, &p, m.key_loc, format!("`{}` principals are not modelled by the simulator: this entry matches nobody", m.key));
                out.extend(values.into_iter().map(|(t, _, _)| PrincipalPattern::Other(t)));
            }
            other => cx.error(DiagnosticCode::InvalidPrincipal, &p, m.key_loc, format!("unknown principal type `{other}`: expected AWS, Service, Federated or CanonicalUser")),
        }
    }
    out
}

pub(super) fn read_actions(cx: &mut Cx<'_>, s: &Json, path: &str) -> (ActionSet, bool) {
    let (v, not, name) = match (s.get("Action"), s.get("NotAction")) {
        (Some(_), Some(n)) => {
            cx.error(
                DiagnosticCode::ActionAndNotaction,
                &format!("{path}.NotAction"),
                n.loc,
                "a statement cannot have both `Action` and `NotAction`".to_string(),
            );
            return (ActionSet::EMPTY, false);
        }
        (None, None) => {
            // KMS: "If either of the required Resource or Action elements are missing
            // from a key policy statement, the policy statement has no effect … the
            // CreateKey and PutKeyPolicy API requests succeed". IAM refuses it.
            match cx.kind {
                PolicyKind::Key => cx.warn(
                    DiagnosticCode::MissingAction,
                    path,
                    s.loc,
                    "the statement has no `Action` (or `NotAction`), so it has no effect: KMS accepts the policy, but the statement allows or denies nothing".to_string(),
                ),
                PolicyKind::Identity => cx.error(
                    DiagnosticCode::MissingAction,
                    path,
                    s.loc,
                    "the statement has no `Action` (or `NotAction`): IAM refuses a policy statement without actions".to_string(),
                ),
            }
            return (ActionSet::EMPTY, false);
        }
        (Some(a), None) => (a, false, "Action"),
        (None, Some(n)) => (n, true, "NotAction"),
    };
    let mut set = ActionSet::EMPTY;
    for (text, vp, loc) in cx.strings(v, &format!("{path}.{name}"), "an action") {
        if text != "*" && !text.contains(':') {
            cx.error(
                DiagnosticCode::InvalidAction,
                &vp,
                loc,
                format!(
                    "`{text}` is not an action: write it as `service:Action`, such as `kms:Encrypt`"
                ),
            );
            continue;
        }
        match ActionSet::matching(&text) {
            Some(m) if m.is_empty() => {
                let hint = Action::ALL
                    .iter()
                    .find(|a| {
                        text.split_once(':')
                            .is_some_and(|(_, op)| similar(op, a.name()))
                    })
                    .map(|a| format!(": did you mean `kms:{}`?", a.name()))
                    .unwrap_or_default();
                cx.error(
                    DiagnosticCode::UnknownAction,
                    &vp,
                    loc,
                    format!("`{text}` matches no AWS KMS action{hint}"),
                );
            }
            Some(m) => set = set.union(m),
            None if cx.kind == PolicyKind::Key => {
                cx.warn(
                    DiagnosticCode::NotAKmsAction,
                    &vp,
                    loc,
                    format!("`{text}` is not a KMS action: it has no effect in a key policy"),
                );
            }
            None => {}
        }
    }
    if not {
        (set.complement(), true)
    } else {
        (set, false)
    }
}

/// Whether two names differ by at most two edits, ignoring case (for "did you mean").
pub(super) fn read_resources(cx: &mut Cx<'_>, s: &Json, path: &str) -> ResourceSpec {
    let (v, not, name) = match (s.get("Resource"), s.get("NotResource")) {
        (Some(_), Some(n)) => {
            cx.error(
                DiagnosticCode::ResourceAndNotresource,
                &format!("{path}.NotResource"),
                n.loc,
                "a statement cannot have both `Resource` and `NotResource`".to_string(),
            );
            return ResourceSpec::Missing;
        }
        (None, None) => {
            match cx.kind {
                PolicyKind::Key => cx.warn(DiagnosticCode::MissingResource, path, s.loc, "the statement has no `Resource`, so it has no effect: KMS accepts the policy, but the statement applies to nothing; write `\"Resource\": \"*\"` (this key)".to_string()),
                PolicyKind::Identity => cx.error(DiagnosticCode::MissingResource, path, s.loc, "the statement has no `Resource` (or `NotResource`): IAM refuses a policy statement without resources".to_string()),
            }
            return ResourceSpec::Missing;
        }
        (Some(r), None) => (r, false, "Resource"),
        (None, Some(n)) => (n, true, "NotResource"),
    };
    let syntax = Syntax {
        wildcards: true,
        variables: cx.variables,
    };
    let mut patterns = Vec::new();
    for (text, vp, loc) in cx.strings(v, &format!("{path}.{name}"), "a resource") {
        if text != "*" && !text.starts_with("arn:") {
            cx.error(DiagnosticCode::InvalidResource, &vp, loc, format!("`{text}` is not a resource: use \"*\" or an ARN such as `arn:aws:kms:us-east-1:111122223333:key/...`"));
            continue;
        }
        if cx.kind == PolicyKind::Key && text != "*" && !text.starts_with("arn:aws:kms:") {
            cx.warn(DiagnosticCode::KeyPolicyResource, &vp, loc, format!("in a key policy the resource is the key itself: `{text}` is not a KMS key, so this never matches; write \"*\""));
        }
        let pattern = Pattern::compile(&text, syntax);
        for var in pattern.unmodelled_variables() {
            cx.warn(DiagnosticCode::UnmodelledVariable, &vp, loc, format!("the policy variable `${{{var}}}` is not modelled by the simulator: the resource never matches"));
        }
        patterns.push(pattern);
    }
    if not {
        ResourceSpec::AllBut(patterns)
    } else {
        ResourceSpec::Only(patterns)
    }
}
