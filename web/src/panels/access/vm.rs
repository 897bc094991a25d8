//! What the Access panel shows, as pure functions of the world: the actions as AWS groups
//! them, a grid of decisions for a view, a draft's changes, a fix for a denied cell (checked
//! by the core before it is offered), and the study notes' exercise.

use kms_core::World;
use kms_core::action::Action;
use kms_core::api::{Caller, RequestFacts};
use kms_core::authz::{Decision, Rule};
use kms_core::ids::KeyArn;
use kms_core::matrix::Axes;

use crate::panels::keys::vm::{key_name, principal_label};

mod grid;
pub use grid::{GridJob, grid};

/// The actions of the matrix, as AWS groups them: using a key, managing it, and grants.
pub const GROUPS: [(&str, &[Action]); 3] = [
    (
        "Use",
        &[
            Action::Encrypt,
            Action::Decrypt,
            Action::ReEncryptFrom,
            Action::ReEncryptTo,
            Action::GenerateDataKey,
            Action::GenerateDataKeyWithoutPlaintext,
            Action::DescribeKey,
        ],
    ),
    (
        "Manage",
        &[
            Action::PutKeyPolicy,
            Action::EnableKey,
            Action::DisableKey,
            Action::ScheduleKeyDeletion,
            Action::CancelKeyDeletion,
            Action::EnableKeyRotation,
            Action::RotateKeyOnDemand,
            Action::CreateAlias,
            Action::TagResource,
        ],
    ),
    (
        "Grants",
        &[
            Action::CreateGrant,
            Action::ListGrants,
            Action::RetireGrant,
            Action::RevokeGrant,
        ],
    ),
];

/// Every action of the matrix, in group order (20).
pub fn actions() -> Vec<Action> {
    GROUPS.iter().flat_map(|(_, a)| a.iter().copied()).collect()
}

/// Who the matrix asks about: every principal of the world, and the root user of its
/// account. (ARN, label.)
pub fn principals(w: &World) -> Vec<(String, String)> {
    crate::ui::actors(w)
        .into_iter()
        .filter(|a| a.kind != "root" || a.account == w.account().as_str())
        .map(|a| (a.arn, a.label))
        .collect()
}

/// The warning for principals whose names look alike ("Admin" and a Cyrillic "Аdmin"),
/// each pair with the ARNs that tell them apart; `None` when no two do.
pub fn lookalike_warning(principals: &[(String, String)]) -> Option<String> {
    let pairs = kms_core::text::lookalikes(principals.iter().map(|(_, l)| l.as_str()));
    let arn_of = |label: &str| {
        principals
            .iter()
            .find(|(_, l)| l == label)
            .map_or("", |(a, _)| a.as_str())
    };
    let said: Vec<String> = pairs
        .iter()
        .map(|(a, b)| {
            let (x, y) = (kms_core::text::isolate(a), kms_core::text::isolate(b));
            format!("“{x}” ({}) and “{y}” ({})", arn_of(a), arn_of(b))
        })
        .collect();
    (!said.is_empty()).then(|| {
        format!(
            "These principals' names look alike but they are different principals: {}. Tell them apart by their ARNs.",
            said.join("; ")
        )
    })
}

/// Every key, customer managed first. (ARN, label.)
pub fn keys(w: &World) -> Vec<(KeyArn, String)> {
    let mut out: Vec<(KeyArn, String)> = w
        .keys()
        .iter()
        .map(|k| (k.arn.clone(), key_name(w, k)))
        .collect();
    out.sort_by_key(|(a, _)| {
        w.keys()
            .iter()
            .find(|k| k.arn == *a)
            .is_some_and(|k| k.manager == kms_core::keys::KeyManager::Aws)
    });
    out
}

/// The three ways of looking at the matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// One principal: keys × actions.
    Principal(String),
    /// One key: principals × actions.
    Key(KeyArn),
    /// One action: principals × keys.
    Action(Action),
}

/// A grid of decisions: row and column labels, and a cell per row and column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    /// Rows: (id, label) — principal ARNs or key ARNs.
    pub rows: Vec<(String, String)>,
    /// Columns: (id, label, group) — actions or key ARNs.
    pub cols: Vec<(String, String, &'static str)>,
    /// `cells[r * cols + c]`: the deciding rule, or none for a cell that has none.
    pub cells: Vec<Option<Rule>>,
    /// The principals, keys and actions the cells were decided for, in the cells' order
    /// (principal, then key, then action).
    pub axes: (Vec<String>, Vec<KeyArn>, Vec<Action>),
}

impl Grid {
    /// Cell `i`'s (principal ARN, key ARN, action), to explain it.
    pub fn coords(&self, i: usize) -> Option<(String, KeyArn, Action)> {
        let (p, k, a) = &self.axes;
        let (na, nk) = (a.len(), k.len());
        if na == 0 || nk == 0 || i >= self.cells.len() {
            return None;
        }
        Some((
            p.get(i / (na * nk))?.clone(),
            k.get((i / na) % nk)?.clone(),
            *a.get(i % na)?,
        ))
    }

    /// The cell at row `r`, column `c`.
    pub fn cell(&self, r: usize, c: usize) -> Option<Rule> {
        self.cells.get(r * self.cols.len() + c).copied().flatten()
    }
}

/// The cells a draft would change: (index, saved, draft).
pub fn changes(saved: &Grid, draft: &Grid) -> Vec<(usize, Option<Rule>, Option<Rule>)> {
    saved
        .cells
        .iter()
        .zip(&draft.cells)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i, *a, *b))
        .collect()
}

/// A cell's explanation: the core's decision for it.
pub fn explain(
    w: &World,
    principal: &str,
    key: &KeyArn,
    action: Action,
    facts: &RequestFacts<'_>,
) -> Option<Decision> {
    w.check_access(&Caller::new(principal), action, Some(key.as_str()), facts)
        .ok()
}

pub use kms_core::fix::{Fix, FixTarget};
pub use kms_core::policy::edit::{add_statement, object as obj, remove_statement, string};

/// How the page names a cell's principal and key, for the words of a fix drafted by the
/// core ([`kms_core::fix::suggest`]).
pub fn page_names(w: &World, principal: &str, key: &KeyArn) -> Option<(String, String)> {
    let k = w.keys().iter().find(|k| k.arn == *key)?;
    Some((principal_label(w, principal), key_name(w, k)))
}

/// One cell of the study notes' exercise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The principal (handle, ARN).
    pub who: (String, String),
    /// The key (handle, ARN).
    pub key: (String, KeyArn),
    /// The action.
    pub action: Action,
    /// The answer the world gives now.
    pub answer: Option<Rule>,
    /// The notes' reasoning, when the world still gives the notes' answer.
    pub note: Option<String>,
}

/// The exercise of a scenario's `check` steps on one action (the study notes' `kms:Decrypt`
/// grid), answered by the world as it is now. Empty when the world lacks its principals or
/// keys.
pub fn exercise(
    w: &World,
    scenario: &kms_core::scenario::Scenario,
    action: Action,
) -> Vec<Question> {
    use kms_core::scenario::StepKind;
    let mut out = Vec::new();
    for step in &scenario.steps {
        let StepKind::Check {
            principal,
            action: a,
            key: Some(key),
            ..
        } = &step.kind
        else {
            continue;
        };
        if *a != action {
            continue;
        }
        let Some(p) = w.principal(principal) else {
            return Vec::new();
        };
        let arn = p.principal.arn().to_string();
        let handle = p.name.clone().unwrap_or_else(|| p.principal.short_name());
        let Some(k) = w
            .keys()
            .iter()
            .find(|k| w.key_handle(&k.arn) == Some(key.as_str()))
        else {
            return Vec::new();
        };
        let answer = w
            .access_matrix(
                &Axes {
                    principals: &[&arn],
                    keys: &[&k.arn],
                    actions: &[action],
                },
                &RequestFacts::default(),
                false,
                None,
            )
            .first()
            .copied()
            .flatten();
        let expected = step.expect.as_ref().map(expected_rule_matches);
        let note = match (expected, answer) {
            (Some(f), Some(r)) if f(r) => step.note.clone(),
            _ => None,
        };
        out.push(Question {
            who: (handle, arn),
            key: (key.clone(), k.arn.clone()),
            action,
            answer,
            note,
        });
    }
    out
}

fn expected_rule_matches(e: &kms_core::scenario::Expect) -> fn(Rule) -> bool {
    use kms_core::scenario::Expect;
    match e {
        Expect::Allow => |r| matches!(r, Rule::KeyPolicy | Rule::Iam | Rule::Grant),
        Expect::ExplicitDeny => |r| r == Rule::ExplicitDeny,
        Expect::ImplicitDeny => |r| r == Rule::ImplicitDeny,
        Expect::Deny => |r| matches!(r, Rule::ExplicitDeny | Rule::ImplicitDeny),
        _ => |_| false,
    }
}

/// Whether a prediction ("allow" or "deny") is right for a rule.
pub fn right(prediction: &str, rule: Option<Rule>) -> bool {
    let allowed = matches!(rule, Some(Rule::KeyPolicy | Rule::Iam | Rule::Grant));
    (prediction == "allow") == allowed
}

/// The playground's own words for why a rule decided, for the exercise.
pub fn lesson(rule: Option<Rule>) -> &'static str {
    match rule {
        Some(Rule::KeyPolicy) => {
            "The key policy names this principal itself: it needs no IAM policy."
        }
        Some(Rule::Iam) => {
            "The key policy's root statement enables IAM policies, and this principal's IAM policy allows it."
        }
        Some(Rule::Grant) => "A grant on the key allows it.",
        Some(Rule::ExplicitDeny) => "An explicit deny overrules every allow.",
        Some(Rule::ImplicitDeny) => {
            "Nothing allows it: no statement of the key policy names this principal, and no IAM policy or grant allows it where the key policy lets them count."
        }
        None => "This cell has no answer in this world.",
    }
}

#[cfg(test)]
mod tests;
