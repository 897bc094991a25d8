//! From JSON text to a compiled [`Policy`], with every diagnostic located.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{
    Checked, Diagnostic, DiagnosticCode, Effect, MAX_IDENTITY_POLICY_CHARS, MAX_KEY_POLICY_BYTES,
    Policy, PolicyKind, PrincipalSpec, ResourceSpec, Severity, Statement, Version,
};
use crate::action::Action;
use crate::json::{self, Json, Loc, Value};
use crate::principal::PrincipalPattern;

mod conditions;
mod statement;

use statement::read_statement;

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

pub(super) struct Cx<'a> {
    pub(super) kind: PolicyKind,
    pub(super) variables: bool,
    pub(super) directory: &'a dyn PrincipalDirectory,
    pub(super) diags: Vec<Diagnostic>,
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
    pub(super) fn error(&mut self, code: DiagnosticCode, path: &str, loc: Loc, message: String) {
        self.push(Severity::Error, code, path, loc, message);
    }
    pub(super) fn warn(&mut self, code: DiagnosticCode, path: &str, loc: Loc, message: String) {
        self.push(Severity::Warning, code, path, loc, message);
    }
    pub(super) fn security_warning(
        &mut self,
        code: DiagnosticCode,
        path: &str,
        loc: Loc,
        message: String,
    ) {
        self.push(Severity::SecurityWarning, code, path, loc, message);
    }

    /// A string or an array of strings, each with its path and position.
    pub(super) fn strings(
        &mut self,
        v: &Json,
        path: &str,
        what: &str,
    ) -> Vec<(String, String, Loc)> {
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
pub(super) const STATEMENT_ELEMENTS: &[&str] = &[
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

pub(super) fn unknown_element(name: &str, known: &[&str]) -> String {
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
