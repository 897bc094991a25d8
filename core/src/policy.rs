//! Policy documents: key policies and IAM identity policies.
//!
//! A policy is read from JSON text into a compiled [`Policy`] whose statements keep the
//! source position of every element, so that errors, warnings and matched statements point
//! into the user's text. Reading checks the document as IAM Access Analyzer would: errors
//! for what AWS refuses (`MalformedPolicyDocumentException`), warnings for what is legal
//! but likely wrong.

mod condition;
pub mod defaults;
mod diagnostic;
pub mod edit;
mod parse;
pub mod pattern;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub use condition::{CondKey, Condition, Fact, Facts, KeyType, Multi, Operator, SetQualifier, Val};
pub use diagnostic::DiagnosticCode;
pub(crate) use parse::edit_distance;
pub use parse::{AnyPrincipalExists, PrincipalDirectory};
pub use pattern::{NoVariables, Pattern, Variable, Variables, glob_match};

use crate::action::{Action, ActionSet};
use crate::json::Loc;
use crate::principal::{Principal, PrincipalMatch, PrincipalPattern};

/// The largest key policy KMS accepts: 32 KB.
pub const MAX_KEY_POLICY_BYTES: usize = 32 * 1024;

/// The largest IAM identity policy, in characters not counting whitespace (IAM's quota
/// for a managed policy).
pub const MAX_IDENTITY_POLICY_CHARS: usize = 6144;

/// The most IAM policies one principal may have (IAM: "You can attach up to 10 managed
/// policies to an IAM identity").
pub const MAX_POLICIES_PER_PRINCIPAL: usize = 10;

/// Which kind of policy a document is; the rules differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyKind {
    /// A key policy: a resource-based policy attached to one KMS key; statements name a
    /// `Principal`, and `Resource: "*"` means this key.
    Key,
    /// An IAM identity policy attached to a user or role; no `Principal`.
    Identity,
}

/// `Allow` or `Deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// The statement allows.
    Allow,
    /// The statement denies (an explicit deny).
    Deny,
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        })
    }
}

/// The policy language version of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// `2012-10-17`: the current language, with policy variables.
    V2012_10_17,
    /// `2008-10-17`: the old language; `${...}` is plain text.
    V2008_10_17,
    /// No `Version`: read as `2008-10-17`.
    Missing,
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS refuses the document.
    Error,
    /// Legal, but grants more than the author likely meant (IAM Access Analyzer's
    /// "security warning").
    SecurityWarning,
    /// Legal, but likely not what the author meant.
    Warning,
}

/// An error or warning about a policy document, located in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What it is about, as a stable code (`unknown-action`, `missing-resource`, ...).
    pub code: DiagnosticCode,
    /// The JSON path of the element (`Statement[1].Action[0]`).
    pub path: String,
    /// Where the element starts in the text.
    pub loc: Loc,
    /// The message, in plain words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::SecurityWarning => "security warning",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {sev}: {}", self.loc, self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        Ok(())
    }
}

/// Who a statement applies to.
#[derive(Clone, Debug, PartialEq)]
pub enum PrincipalSpec {
    /// No principal element (identity policies: the identity the policy is attached to).
    Attached,
    /// `Principal`: these.
    Only(Vec<PrincipalPattern>),
    /// `NotPrincipal`: everyone but these.
    AllBut(Vec<PrincipalPattern>),
}

/// Which resources a statement applies to.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceSpec {
    /// No `Resource` or `NotResource`: the statement applies to nothing.
    Missing,
    /// `Resource`: these patterns.
    Only(Vec<Pattern>),
    /// `NotResource`: everything but these.
    AllBut(Vec<Pattern>),
}

/// One compiled statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Position in the `Statement` list, from 0.
    pub index: usize,
    /// The `Sid`, if any.
    pub sid: Option<String>,
    /// Where the statement starts.
    pub loc: Loc,
    /// Allow or Deny.
    pub effect: Effect,
    /// Who it applies to.
    pub principal: PrincipalSpec,
    /// The KMS actions it applies to (`NotAction` already complemented).
    pub actions: ActionSet,
    /// Whether it has a `NotAction` (it then also covers every non-KMS action).
    pub not_action: bool,
    /// The resources.
    pub resources: ResourceSpec,
    /// The conditions, all of which must hold.
    pub conditions: Vec<Condition>,
}

impl Statement {
    /// `Sid` or `#index` (from 1), for messages.
    pub fn label(&self) -> String {
        match &self.sid {
            Some(s) if !s.is_empty() => alloc::format!("\"{s}\""),
            _ => alloc::format!("#{}", self.index + 1),
        }
    }

    /// Whether the statement covers `action`.
    pub fn covers(&self, action: Action) -> bool {
        self.actions.contains(action)
    }

    /// How the statement's principal element applies to `caller`.
    pub fn principal_match(&self, caller: &Principal) -> PrincipalMatch {
        match &self.principal {
            PrincipalSpec::Attached => PrincipalMatch::Caller,
            PrincipalSpec::Only(list) => {
                let mut best = PrincipalMatch::No;
                for p in list {
                    match p.applies_to(caller) {
                        PrincipalMatch::Caller => return PrincipalMatch::Caller,
                        PrincipalMatch::Account => best = PrincipalMatch::Account,
                        PrincipalMatch::No => {}
                    }
                }
                best
            }
            // NotPrincipal: applies to everyone not listed. As AWS documents, a user or
            // role is excepted only when the list names it *and* its account: a request
            // is also evaluated as coming from the account.
            PrincipalSpec::AllBut(list) => {
                let named = list
                    .iter()
                    .any(|p| p.applies_to(caller) == PrincipalMatch::Caller);
                let account_named = *caller.kind() == crate::principal::PrincipalKind::Root
                    || list
                        .iter()
                        .any(|p| p.applies_to(caller) == PrincipalMatch::Account);
                if named && account_named {
                    PrincipalMatch::No
                } else {
                    PrincipalMatch::Caller
                }
            }
        }
    }

    /// Whether the statement's resource element covers `resource` (an ARN, or `*` for
    /// actions that are not about one resource). In a key policy `*` means this key.
    pub fn covers_resource(&self, resource: &str, vars: &dyn Variables) -> bool {
        match &self.resources {
            ResourceSpec::Missing => false,
            ResourceSpec::Only(list) => list.iter().any(|p| p.matches(resource, vars, false)),
            ResourceSpec::AllBut(list) => !list.iter().any(|p| p.matches(resource, vars, false)),
        }
    }

    /// The index of the first condition that does not hold, if any.
    pub fn failed_condition(&self, facts: &dyn Facts) -> Option<usize> {
        self.conditions.iter().position(|c| !c.holds(facts))
    }
}

/// A compiled policy document.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    kind: PolicyKind,
    version: Version,
    id: Option<String>,
    statements: Vec<Statement>,
    text: String,
}

/// The result of reading a policy: the policy when there is no error, and every
/// diagnostic (errors first, then warnings, each in source order).
#[derive(Clone, Debug)]
pub struct Checked {
    /// The compiled policy, present only when there is no error.
    pub policy: Option<Policy>,
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The errors alone.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The warnings (security warnings among them) alone.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Error)
    }
}

impl Policy {
    /// Reads and checks a policy, with no knowledge of which principals exist.
    pub fn check(text: &str, kind: PolicyKind) -> Checked {
        parse::check(text, kind, &AnyPrincipalExists)
    }

    /// Reads and checks a policy; principals it names must be known to `directory`.
    pub fn check_with(text: &str, kind: PolicyKind, directory: &dyn PrincipalDirectory) -> Checked {
        parse::check(text, kind, directory)
    }

    /// Checks a policy given as a JSON value inside a larger document (a scenario file);
    /// diagnostics point into that document.
    pub fn check_json(
        doc: &crate::json::Json,
        kind: PolicyKind,
        directory: &dyn PrincipalDirectory,
    ) -> Checked {
        parse::check_json(doc, kind, directory)
    }

    /// Reads a policy, or gives its errors (and warnings).
    pub fn parse(text: &str, kind: PolicyKind) -> Result<Policy, Vec<Diagnostic>> {
        let checked = Policy::check(text, kind);
        checked.policy.ok_or(checked.diagnostics)
    }

    /// Key policy or identity policy.
    pub fn kind(&self) -> PolicyKind {
        self.kind
    }

    /// The language version.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The `Id` element.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The statements, in source order.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The source text the policy was read from.
    pub fn text(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests;
