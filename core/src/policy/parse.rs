//! From JSON text to a compiled [`Policy`], with every diagnostic located.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::condition::{CondKey, Condition, KeyType, Operator, SetQualifier};
use super::pattern::{Pattern, Syntax};
use super::{
    Checked, Diagnostic, DiagnosticCode, Effect, MAX_IDENTITY_POLICY_CHARS, MAX_KEY_POLICY_BYTES,
    Policy, PolicyKind, PrincipalSpec, ResourceSpec, Severity, Statement, Version,
};
use crate::action::{Action, ActionSet};
use crate::json::{self, Json, Loc, Value};
use crate::principal::PrincipalPattern;

/// Which principals exist, for the check that a key policy names only real ones.
pub trait PrincipalDirectory {
    /// Whether the user, role or role session that `p` names exists. Only called for
    /// patterns with an [`PrincipalPattern::identity_arn`].
    fn knows(&self, p: &PrincipalPattern) -> bool;
}

/// A directory in which every principal exists (for checking a policy on its own).
pub struct AnyPrincipalExists;

impl PrincipalDirectory for AnyPrincipalExists {
    fn knows(&self, _: &PrincipalPattern) -> bool {
        true
    }
}

struct Cx<'a> {
    kind: PolicyKind,
    variables: bool,
    directory: &'a dyn PrincipalDirectory,
    diags: Vec<Diagnostic>,
}

impl Cx<'_> {
    fn push(
        &mut self,
        severity: Severity,
        code: DiagnosticCode,
        path: &str,
        loc: Loc,
        message: String,
    ) {
        self.diags.push(Diagnostic {
            severity,
            code,
            path: path.to_owned(),
            loc,
            message,
        });
    }
    fn error(&mut self, code: DiagnosticCode, path: &str, loc: Loc, message: String) {
        self.push(Severity::Error, code, path, loc, message);
    }
    fn warn(&mut self, code: DiagnosticCode, path: &str, loc: Loc, message: String) {
        self.push(Severity::Warning, code, path, loc, message);
    }
    fn security_warning(&mut self, code: DiagnosticCode, path: &str, loc: Loc, message: String) {
        self.push(Severity::SecurityWarning, code, path, loc, message);
    }

    /// A string or an array of strings, each with its path and position.
    fn strings(&mut self, v: &Json, path: &str, what: &str) -> Vec<(String, String, Loc)> {
        match &v.value {
            Value::String(s) => alloc::vec![(s.clone(), path.to_owned(), v.loc)],
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    match &item.value {
                        Value::String(s) => out.push((s.clone(), p, item.loc)),
                        _ => self.error(
                            DiagnosticCode::WrongType,
                            &p,
                            item.loc,
                            format!("{what} must be a string, not {}", item.kind()),
                        ),
                    }
                }
                if items.is_empty() {
                    self.warn(
                        DiagnosticCode::EmptyList,
                        path,
                        v.loc,
                        format!("this empty list of {what}s matches nothing"),
                    );
                }
                out
            }
            _ => {
                self.error(
                    DiagnosticCode::WrongType,
                    path,
                    v.loc,
                    format!(
                        "{what} must be a string or an array of strings, not {}",
                        v.kind()
                    ),
                );
                Vec::new()
            }
        }
    }
}

const TOP_ELEMENTS: &[&str] = &["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

fn unknown_element(name: &str, known: &[&str]) -> String {
    match known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        Some(k) => format!(
            "unknown element `{name}`: element names are case-sensitive, did you mean `{k}`?"
        ),
        None => format!(
            "unknown element `{name}`: expected one of {}",
            known.join(", ")
        ),
    }
}

pub(super) fn check(text: &str, kind: PolicyKind, directory: &dyn PrincipalDirectory) -> Checked {
    check_sized(text, kind, directory, size(text, kind))
}

/// The size AWS measures a policy by: a key policy's bytes; an identity policy's
/// characters "excluding whitespace" (IAM: "IAM does not count white space when
/// calculating the size of a policy against this quota").
fn size(text: &str, kind: PolicyKind) -> usize {
    match kind {
        PolicyKind::Key => text.len(),
        PolicyKind::Identity => text.chars().filter(|c| !c.is_whitespace()).count(),
    }
}

fn check_sized(
    text: &str,
    kind: PolicyKind,
    directory: &dyn PrincipalDirectory,
    measured: usize,
) -> Checked {
    let mut cx = Cx {
        kind,
        variables: true,
        directory,
        diags: Vec::new(),
    };
    if too_large(
        &mut cx,
        measured,
        Loc {
            line: 1,
            col: 1,
            offset: 0,
        },
    ) {
        return finish(cx, None);
    }
    let doc = match json::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            cx.error(
                DiagnosticCode::InvalidJson,
                "",
                e.loc,
                format!("the policy is not valid JSON: {}", e.message),
            );
            return finish(cx, None);
        }
    };
    let policy = read_document(&mut cx, &doc, text);
    finish(cx, policy)
}

/// Refuses a key policy over 32 KB, or an identity policy over 6,144 characters.
fn too_large(cx: &mut Cx<'_>, measured: usize, loc: Loc) -> bool {
    let (limit, message) = match cx.kind {
        PolicyKind::Key => (
            MAX_KEY_POLICY_BYTES,
            format!(
                "the key policy is {measured} bytes; a key policy can be at most 32 KB ({MAX_KEY_POLICY_BYTES} bytes)"
            ),
        ),
        PolicyKind::Identity => (
            MAX_IDENTITY_POLICY_CHARS,
            format!(
                "Policy size exceeds identity policy quota: The {measured} characters in the identity policy, excluding whitespace, exceed the {MAX_IDENTITY_POLICY_CHARS} character maximum for inline and managed policies."
            ),
        ),
    };
    let too_large = measured > limit;
    if too_large {
        cx.error(DiagnosticCode::TooLarge, "", loc, message);
    }
    too_large
}

/// Errors first, then warnings, each in source order; the policy only when there is no
/// error.
fn finish(cx: Cx<'_>, policy: Option<Policy>) -> Checked {
    let mut diagnostics = cx.diags;
    diagnostics.sort_by_key(|d| (d.severity, d.loc));
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Checked {
        policy: if has_errors { None } else { policy },
        diagnostics,
    }
}

/// Checks a policy that is part of a larger JSON document (a scenario file): positions
/// point into that document; the policy keeps an indented copy of its own text.
pub(super) fn check_json(
    doc: &Json,
    kind: PolicyKind,
    directory: &dyn PrincipalDirectory,
) -> Checked {
    let text = json::to_pretty(doc);
    let mut cx = Cx {
        kind,
        variables: true,
        directory,
        diags: Vec::new(),
    };
    // Measured as AWS would measure the document sent without insignificant whitespace
    // (what `aws kms put-key-policy --policy file://…` sends for compact JSON), not as
    // the indented copy the playground keeps for display.
    let measured = size(&json::to_compact(doc), kind);
    if too_large(&mut cx, measured, doc.loc) {
        return finish(cx, None);
    }
    // Diagnostics point into the larger document; the compiled policy is read from its
    // own text, so the statements it reports point into the text the playground shows,
    // and equal texts give equal policies.
    let located = read_document(&mut cx, doc, &text).map(|_| ());
    let policy = located.and_then(|()| check_sized(&text, kind, directory, measured).policy);
    finish(cx, policy)
}

fn read_document(cx: &mut Cx<'_>, doc: &Json, text: &str) -> Option<Policy> {
    let Some(members) = doc.as_object() else {
        cx.error(
            DiagnosticCode::NotAnObject,
            "",
            doc.loc,
            format!("a policy must be a JSON object, not {}", doc.kind()),
        );
        return None;
    };
    for m in members {
        if !TOP_ELEMENTS.contains(&m.key.as_str()) {
            cx.error(
                DiagnosticCode::UnknownElement,
                &m.key,
                m.key_loc,
                unknown_element(&m.key, TOP_ELEMENTS),
            );
        }
    }
    let version = match doc.get("Version") {
        None => {
            cx.warn(
                DiagnosticCode::MissingVersion,
                "",
                doc.loc,
                "without `\"Version\": \"2012-10-17\"` the policy uses the 2008 language: policy variables such as ${aws:username} are plain text".to_string(),
            );
            Version::Missing
        }
        Some(v) => match v.as_str() {
            Some("2012-10-17") => Version::V2012_10_17,
            Some("2008-10-17") => Version::V2008_10_17,
            _ => {
                cx.error(
                    DiagnosticCode::InvalidVersion,
                    "Version",
                    v.loc,
                    "`Version` must be \"2012-10-17\" (or the old \"2008-10-17\")".to_string(),
                );
                Version::Missing
            }
        },
    };
    cx.variables = version == Version::V2012_10_17;
    let id = match doc.get("Id") {
        None => None,
        Some(v) => match v.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                cx.error(
                    DiagnosticCode::WrongType,
                    "Id",
                    v.loc,
                    format!("`Id` must be a string, not {}", v.kind()),
                );
                None
            }
        },
    };
    let mut statements = Vec::new();
    match doc.get("Statement") {
        None => cx.error(
            DiagnosticCode::MissingStatement,
            "",
            doc.loc,
            "the policy has no `Statement`".to_string(),
        ),
        Some(s) => match &s.value {
            Value::Object(_) => statements.extend(read_statement(cx, s, 0, "Statement")),
            Value::Array(items) => {
                if items.is_empty() {
                    cx.warn(
                        DiagnosticCode::NoStatements,
                        "Statement",
                        s.loc,
                        "the policy has no statements: it allows nothing".to_string(),
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    statements.extend(read_statement(cx, item, i, &format!("Statement[{i}]")));
                }
            }
            _ => cx.error(
                DiagnosticCode::WrongType,
                "Statement",
                s.loc,
                format!(
                    "`Statement` must be an object or an array of objects, not {}",
                    s.kind()
                ),
            ),
        },
    }
    check_sids(cx, &statements, doc);
    if cx.kind == PolicyKind::Key {
        check_lockout(cx, &statements, doc);
    }
    Some(Policy {
        kind: cx.kind,
        version,
        id,
        statements,
        text: text.to_owned(),
    })
}

fn check_sids(cx: &mut Cx<'_>, statements: &[Statement], doc: &Json) {
    for (i, s) in statements.iter().enumerate() {
        let Some(sid) = &s.sid else { continue };
        if statements
            .iter()
            .take(i)
            .any(|o| o.sid.as_ref() == Some(sid))
        {
            let path = format!("Statement[{}].Sid", s.index);
            let loc = statement_json(doc, s.index)
                .and_then(|j| j.get("Sid"))
                .map_or(s.loc, |j| j.loc);
            let msg =
                format!("the Sid `{sid}` is used by an earlier statement: Sids must be unique");
            match cx.kind {
                PolicyKind::Identity => cx.error(DiagnosticCode::DuplicateSid, &path, loc, msg),
                PolicyKind::Key => cx.warn(DiagnosticCode::DuplicateSid, &path, loc, msg),
            }
        }
    }
}

fn statement_json(doc: &Json, index: usize) -> Option<&Json> {
    match &doc.get("Statement")?.value {
        Value::Array(items) => items.get(index),
        Value::Object(_) if index == 0 => doc.get("Statement"),
        _ => None,
    }
}

/// Warns when no statement lets any principal call PutKeyPolicy: once saved, nobody could
/// change the policy again (the situation KMS's lockout safety check guards against).
fn check_lockout(cx: &mut Cx<'_>, statements: &[Statement], doc: &Json) {
    let can_put = statements.iter().any(|s| {
        s.effect == Effect::Allow
            && s.covers(Action::PutKeyPolicy)
            && !matches!(s.resources, ResourceSpec::Missing)
            && !matches!(&s.principal, PrincipalSpec::Only(l) if l.iter().all(|p| matches!(p, PrincipalPattern::Service(_) | PrincipalPattern::Other(_))))
    });
    if !can_put {
        cx.warn(
            DiagnosticCode::Lockout,
            "Statement",
            doc.get("Statement").map_or(doc.loc, |s| s.loc),
            "no statement allows any principal to call kms:PutKeyPolicy: once this policy is in place nobody can change it (KMS refuses it unless BypassPolicyLockoutSafetyCheck is set)".to_string(),
        );
    }
}

fn read_statement(cx: &mut Cx<'_>, s: &Json, index: usize, path: &str) -> Option<Statement> {
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

fn read_principal(cx: &mut Cx<'_>, s: &Json, path: &str, effect: Effect) -> PrincipalSpec {
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

fn read_actions(cx: &mut Cx<'_>, s: &Json, path: &str) -> (ActionSet, bool) {
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
pub(crate) fn similar(a: &str, b: &str) -> bool {
    edit_distance(a, b).is_some_and(|d| d <= 2)
}

/// The number of single-character edits between two names, ignoring case; `None` when
/// their lengths alone differ by more than two or `a` is empty (not worth suggesting).
pub(crate) fn edit_distance(a: &str, b: &str) -> Option<usize> {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    if a.len().abs_diff(b.len()) > 2 || a.is_empty() {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = alloc::vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(usize::MAX) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(usize::MAX) + 1;
            let ins = cur.get(j).copied().unwrap_or(usize::MAX) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied()
}

fn read_resources(cx: &mut Cx<'_>, s: &Json, path: &str) -> ResourceSpec {
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

fn read_conditions(cx: &mut Cx<'_>, c: &Json, path: &str) -> Vec<Condition> {
    let Some(ops) = c.as_object() else {
        cx.error(
            DiagnosticCode::WrongType,
            path,
            c.loc,
            format!(
                "`Condition` must be an object of operators, not {}",
                c.kind()
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for op_member in ops {
        let op_path = format!("{path}.{}", op_member.key);
        let Some(operator) = Operator::parse(&op_member.key) else {
            cx.error(
                DiagnosticCode::UnknownOperator,
                &op_path,
                op_member.key_loc,
                format!("`{}` is not a condition operator", op_member.key),
            );
            continue;
        };
        let Some(keys) = op_member.value.as_object() else {
            cx.error(
                DiagnosticCode::WrongType,
                &op_path,
                op_member.value.loc,
                format!(
                    "the operator `{}` must map condition keys to values, not be {}",
                    op_member.key,
                    op_member.value.kind()
                ),
            );
            continue;
        };
        for key_member in keys {
            let key_path = format!("{op_path}.{}", key_member.key);
            let key = match CondKey::parse(&key_member.key) {
                Some(k) => k,
                None => {
                    cx.error(
                        DiagnosticCode::UnknownConditionKey,
                        &key_path,
                        key_member.key_loc,
                        format!("`{}` is not an AWS KMS condition key", key_member.key),
                    );
                    continue;
                }
            };
            check_key_use(
                cx,
                &operator,
                &key,
                &key_member.key,
                &key_path,
                key_member.key_loc,
            );
            let raw = condition_values(cx, &key_member.value, &key_path);
            let loc_of = |i: usize| match &key_member.value.value {
                Value::Array(items) => items.get(i).map_or(key_member.value.loc, |j| j.loc),
                _ => key_member.value.loc,
            };
            let raw_strings: Vec<String> = raw.clone();
            if cx.variables {
                for (i, v) in raw.iter().enumerate() {
                    let p = Pattern::compile(
                        v,
                        Syntax {
                            wildcards: false,
                            variables: true,
                        },
                    );
                    for var in p.unmodelled_variables() {
                        cx.warn(DiagnosticCode::UnmodelledVariable, &key_path, loc_of(i), format!("the policy variable `${{{var}}}` is not modelled by the simulator: this value never matches"));
                    }
                }
            }
            match Condition::compile(
                operator.clone(),
                &key_member.key,
                key,
                raw_strings,
                cx.variables,
            ) {
                Ok(c) => out.push(c),
                Err(e) => cx.error(
                    DiagnosticCode::InvalidConditionValue,
                    &key_path,
                    loc_of(e.index),
                    format!(
                        "`{}` for `{}`: {}",
                        raw.get(e.index).map_or("", |s| s.as_str()),
                        operator.name(),
                        e.message
                    ),
                ),
            }
        }
    }
    out
}

fn condition_values(cx: &mut Cx<'_>, v: &Json, path: &str) -> Vec<String> {
    let one = |cx: &mut Cx<'_>, j: &Json, p: &str| -> Option<String> {
        match &j.value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                cx.error(
                    DiagnosticCode::WrongType,
                    p,
                    j.loc,
                    format!(
                        "a condition value must be a string, number or boolean, not {}",
                        j.kind()
                    ),
                );
                None
            }
        }
    };
    match &v.value {
        Value::Array(items) => {
            if items.is_empty() {
                cx.error(
                    DiagnosticCode::EmptyList,
                    path,
                    v.loc,
                    "a condition needs at least one value".to_string(),
                );
            }
            items
                .iter()
                .enumerate()
                .filter_map(|(i, j)| one(cx, j, &format!("{path}[{i}]")))
                .collect()
        }
        _ => one(cx, v, path).into_iter().collect(),
    }
}

fn check_key_use(cx: &mut Cx<'_>, op: &Operator, key: &CondKey, name: &str, path: &str, loc: Loc) {
    match key {
        CondKey::Unmodelled(_) => {
            cx.warn(DiagnosticCode::UnmodelledKey, path, loc, format!("the condition key `{name}` is not modelled by the simulator: it is treated as absent from every request"));
            return;
        }
        CondKey::NeverPresent(_) => {
            cx.warn(DiagnosticCode::KeyNeverPresent, path, loc, format!("`{name}` only has a value for operations the simulator does not offer (asymmetric, HMAC or imported keys): it is absent from every request here"));
            return;
        }
        _ => {}
    }
    if key.refuses_for_all_values() && op.set_qualifier() == Some(SetQualifier::AllValues) {
        let what = match key {
            CondKey::RequestTag(_) => ("RequestTag", "tag"),
            _ => ("EncryptionContext", "encryption context"),
        };
        match cx.kind {
            // KMS refuses it: "If you create or update a policy that includes a
            // ForAllValues set operator with the kms:EncryptionContext:context-key or
            // aws:RequestTag/tag-key condition keys, AWS KMS returns the following error".
            PolicyKind::Key => cx.error(DiagnosticCode::OverlyPermissiveCondition, path, loc, format!("OverlyPermissiveCondition:{}: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified {1} or with an unspecified {1}. To fix, remove ForAllValues.", what.0, what.1)),
            // IAM Access Analyzer's security warning.
            PolicyKind::Identity => cx.security_warning(DiagnosticCode::ForallvaluesSingleValued, path, loc, format!("Using ForAllValues qualifier with the single-valued condition key {name} can be overly permissive. We recommend that you remove ForAllValues:.")),
        }
    } else if op.set_qualifier().is_some() && !key.is_multi_valued() {
        cx.warn(DiagnosticCode::SetOperatorSingleValued, path, loc, format!("`{}` is for multi-valued keys, but `{name}` has a single value: use `{}` without the prefix", op.name(), op.name().split(':').next_back().unwrap_or_default()));
    } else if op.set_qualifier().is_none() && key.is_multi_valued() && !op.is_null() {
        cx.warn(DiagnosticCode::MultiValuedWithoutSetOperator, path, loc, format!("`{name}` can have several values: say whether any or all must match with `ForAnyValue:{0}` or `ForAllValues:{0}`", op.name()));
    }
    if let (Some(want), Some(have)) = (op.value_type(), key.key_type()) {
        let fits = want == have
            || (want == KeyType::String && have == KeyType::Arn)
            || (want == KeyType::Numeric && have == KeyType::Date);
        if !fits {
            cx.warn(
                DiagnosticCode::TypeMismatch,
                path,
                loc,
                format!(
                    "`{}` compares {} values, but `{name}` holds {} values",
                    op.name(),
                    type_name(want),
                    type_name(have)
                ),
            );
        }
    }
}

fn type_name(t: KeyType) -> &'static str {
    match t {
        KeyType::String => "string",
        KeyType::Numeric => "numeric",
        KeyType::Bool => "boolean",
        KeyType::Date => "date",
        KeyType::Arn => "ARN",
    }
}
