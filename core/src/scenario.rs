//! Scenario files (`kms-playground/scenario@1`): a whole simulated world plus a script.
//!
//! [`Scenario::load`] reads and validates a file, reporting every error at once with its
//! JSON path and position, and refusing anything [`Scenario::build_world`] or a run would
//! refuse later; [`Runner`] plays its steps one at a time (the playground) or all at once
//! (the command line), resolving `${id.Path}` references and checking each `expect`.
//!
//! Files come from strangers (share links, imports, course pages), so loading and running
//! any file within the [budgets](self#budgets) takes bounded time and memory.
//!
//! # Budgets
//! | what | at most |
//! |---|---|
//! | a file | [`MAX_FILE_BYTES`] bytes |
//! | principals, keys, grants, steps | [`MAX_PRINCIPALS`], [`MAX_KEYS`], [`MAX_GRANTS`], [`MAX_STEPS`] |
//! | a string after `${…}` references are resolved | [`MAX_EXPANDED_BYTES`] bytes |
//! | one clock step; all clock steps together | [`MAX_ADVANCE_DAYS`] days; the same |
//! | errors reported for one file | [`MAX_ERRORS`] (then a count of the rest) |

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde_json::Value;

use crate::action::{Action, ActionSet};
use crate::clock::{Duration, Timestamp};
use crate::context::EncryptionContext;
use crate::grants::GrantConstraints;
use crate::ids::{AccountId, AliasName, KeyId, Region};
use crate::json::Loc;
use crate::keys::KeyManager;
use crate::policy::Policy;

mod build;
mod lesson;
mod load;
mod read;
mod refs;
mod run;
mod save;
mod state;

pub use lesson::{
    Baseline, Goal, Lesson, LessonReport, MAX_GOALS, MAX_HINTS, MAX_PREDICATE_PARTS, Outcome,
    Predicate,
};
pub use read::to_value;
pub use run::{PreparedCall, REFERENCE_ERROR, Runner, StepError, StepResult};
pub use state::{GrantStateSpec, KeyStateSpec, WorldStateSpec};

/// The format this version reads and writes.
pub const FORMAT: &str = "kms-playground/scenario@1";
/// The largest scenario file accepted (bytes).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// The most principals a file may define.
pub const MAX_PRINCIPALS: usize = 200;
/// The most keys a file may define.
pub const MAX_KEYS: usize = 200;
/// The most grants a file may define.
pub const MAX_GRANTS: usize = 2000;
/// The most steps a file may have.
pub const MAX_STEPS: usize = 2000;
/// The longest string a step's input or expectation may become once its `${…}`
/// references are resolved.
pub const MAX_EXPANDED_BYTES: usize = 64 * 1024;
/// The most days one clock step may move the clock, and all of a file's clock steps
/// together (100 years).
pub const MAX_ADVANCE_DAYS: i64 = 36_525;
/// The most errors reported for one file; a last error counts the rest.
pub const MAX_ERRORS: usize = 100;

/// An error in a scenario file: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The JSON path (`steps[3].input.KeyId`).
    pub path: String,
    /// The position in the file.
    pub loc: Loc,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    /// `line:column: path: message` (or `line:column: message` for the whole file).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.loc, self.message)
        } else {
            write!(f, "{}: {}: {}", self.loc, self.path, self.message)
        }
    }
}

impl core::error::Error for ScenarioError {}

/// A principal of the scenario.
#[derive(Clone, Debug)]
pub struct PrincipalSpec {
    /// The ARN.
    pub arn: String,
    /// The handle.
    pub name: Option<String>,
    /// IAM identity policies, each with its name.
    pub policies: Vec<(String, Policy)>,
}

/// A key of the scenario.
#[derive(Clone, Debug)]
pub struct KeySpec {
    /// The handle.
    pub name: Option<String>,
    /// A fixed key ID.
    pub key_id: Option<KeyId>,
    /// The account.
    pub account: AccountId,
    /// The region.
    pub region: Region,
    /// The description.
    pub description: String,
    /// Alias names.
    pub aliases: Vec<AliasName>,
    /// The key policy (`None`: the CreateKey default).
    pub policy: Option<Policy>,
    /// Enabled or disabled.
    pub enabled: bool,
    /// Customer or AWS managed.
    pub manager: KeyManager,
    /// Tags, in order.
    pub tags: Vec<(String, String)>,
    /// Automatic rotation's period in days, when it is on.
    pub rotation_period_days: Option<u32>,
    /// The saved state of the key (a saved world), if any.
    pub state: Option<KeyStateSpec>,
}

/// A grant of the scenario (in effect at once).
#[derive(Clone, Debug)]
pub struct GrantSpec {
    /// The key: the index of a key of this file.
    pub key: usize,
    /// The name.
    pub name: Option<String>,
    /// The grantee.
    pub grantee: String,
    /// The retiring principal.
    pub retiring: Option<String>,
    /// The operations.
    pub operations: ActionSet,
    /// The constraints.
    pub constraints: GrantConstraints,
    /// The saved state of the grant (a saved world), if any.
    pub state: Option<GrantStateSpec>,
}

/// What a step expects.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// The call succeeds.
    Ok,
    /// The call succeeds and its output contains these fields.
    OkWith(Value),
    /// The call fails with this AWS error code.
    Error(String),
    /// The call fails, with any error (where AWS does not name the code).
    AnyError,
    /// The check allows.
    Allow,
    /// The check denies (either way).
    Deny,
    /// The check denies explicitly.
    ExplicitDeny,
    /// The check denies implicitly.
    ImplicitDeny,
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Ok => f.write_str("ok"),
            Expect::OkWith(v) => write!(f, "ok with {v}"),
            Expect::Error(c) => f.write_str(c),
            Expect::AnyError => f.write_str("error"),
            Expect::Allow => f.write_str("allow"),
            Expect::Deny => f.write_str("deny"),
            Expect::ExplicitDeny => f.write_str("explicit-deny"),
            Expect::ImplicitDeny => f.write_str("implicit-deny"),
        }
    }
}

/// The request facts of a `check` step: what a condition may read.
#[derive(Clone, Debug, Default)]
pub struct CheckFacts {
    /// The encryption context.
    pub context: Option<EncryptionContext>,
    /// The service calling on the principal's behalf (`kms:ViaService`).
    pub via: Option<String>,
    /// Tags in the request (`aws:RequestTag/<k>`, `aws:TagKeys`).
    pub tags: Option<Vec<(String, String)>>,
    /// Tag keys alone, as UntagResource sends them (`aws:TagKeys`).
    pub tag_keys: Option<Vec<String>>,
    /// Grant tokens presented with the request.
    pub grant_tokens: Vec<String>,
    /// `RotationPeriodInDays` (`kms:RotationPeriodInDays`).
    pub rotation_period_days: Option<i64>,
    /// `PendingWindowInDays` (`kms:ScheduleKeyDeletionPendingWindowInDays`).
    pub pending_window_days: Option<i64>,
    /// `BypassPolicyLockoutSafetyCheck` (`kms:BypassPolicyLockoutSafetyCheck`).
    pub bypass_lockout_check: Option<bool>,
}

/// What a step does.
#[derive(Clone, Debug)]
pub enum StepKind {
    /// A KMS or S3 API call.
    Call {
        /// The caller (ARN).
        principal: String,
        /// The operation (`Encrypt`, or `s3:PutObject`).
        operation: String,
        /// The request, references unresolved.
        input: Value,
        /// The service calling on the principal's behalf.
        via: Option<String>,
        /// The Region the call is sent to (the scenario's `region` without one).
        region: Option<String>,
    },
    /// An authorization question.
    Check {
        /// The caller (ARN).
        principal: String,
        /// The action.
        action: Action,
        /// The key, as the file names it.
        key: Option<String>,
        /// The request facts.
        facts: CheckFacts,
    },
    /// A clock advance.
    Advance(Duration),
}

/// One step.
#[derive(Clone, Debug)]
pub struct Step {
    /// Its handle.
    pub id: Option<String>,
    /// The note shown when it plays.
    pub note: Option<String>,
    /// What it does.
    pub kind: StepKind,
    /// What it expects.
    pub expect: Option<Expect>,
}

/// A loaded, valid scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The title.
    pub title: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// The default region.
    pub region: Region,
    /// The start time.
    pub clock: Timestamp,
    /// The seed, if any.
    pub seed: Option<u64>,
    /// The principals.
    pub principals: Vec<PrincipalSpec>,
    /// The keys.
    pub keys: Vec<KeySpec>,
    /// The grants.
    pub grants: Vec<GrantSpec>,
    /// The steps.
    pub steps: Vec<Step>,
    /// The saved state of the world (a saved world), if any.
    pub state: Option<WorldStateSpec>,
}

#[cfg(test)]
mod tests;
