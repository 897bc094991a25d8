//! The world and its history as plain data. Every change goes through [`Model::dispatch`]
//! (a call through one of the world's doors: KMS, IAM or S3), [`Model::advance`] (the
//! simulated clock) or [`Model::replace`] (a whole new world: reset, load, import). Each
//! says which [`Slices`] of the world it may have changed, keeps the undo history, and
//! records the call for the call drawer. No Leptos here: it is tested natively.

use std::collections::VecDeque;
use std::sync::Arc;

use kms_core::World;
use kms_core::api::Caller;
use kms_core::authz::Decision;
use kms_core::clock::{Duration, Timestamp};
use kms_core::s3::S3Step;
use kms_core::world::Advanced;
use serde_json::Value;

pub use kms_core::service::Service;

/// A part of the world that views read. A change notifies only the slices it touched, so
/// a view of the keys is not recomputed when an audit event is appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slice {
    /// Who exists: users, roles.
    Principals,
    /// Key policies and IAM policies.
    Policies,
    /// Keys and their metadata: states, rotation, tags, aliases.
    Keys,
    /// Grants.
    Grants,
    /// Buckets and objects.
    S3,
    /// The audit log.
    Audit,
    /// The simulated clock.
    Clock,
}

impl Slice {
    /// What an authorization decision reads: who exists, the policies, the keys, the
    /// grants, and the clock (grants take effect when they have propagated).
    pub const DECISIONS: [Slice; 5] = [
        Slice::Principals,
        Slice::Policies,
        Slice::Keys,
        Slice::Grants,
        Slice::Clock,
    ];

    /// Every slice.
    pub const ALL: [Slice; 7] = [
        Slice::Principals,
        Slice::Policies,
        Slice::Keys,
        Slice::Grants,
        Slice::S3,
        Slice::Audit,
        Slice::Clock,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of slices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Slices(u8);

impl Slices {
    /// No slice.
    pub const NONE: Slices = Slices(0);

    /// Every slice.
    pub fn all() -> Slices {
        Slices::of(&Slice::ALL)
    }

    /// These slices.
    pub fn of(slices: &[Slice]) -> Slices {
        Slices(slices.iter().fold(0, |b, s| b | s.bit()))
    }

    /// Whether `s` is in the set.
    pub fn contains(self, s: Slice) -> bool {
        self.0 & s.bit() != 0
    }

    /// Both sets.
    pub fn union(self, other: Slices) -> Slices {
        Slices(self.0 | other.0)
    }

    /// The slices, in [`Slice::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Slice> {
        Slice::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

/// A failed call, in the service's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The error code (`AccessDeniedException`, `NoSuchEntity`, `AccessDenied`).
    pub code: String,
    /// The message.
    pub message: String,
    /// The HTTP status, where the service's error carries one.
    pub status: Option<u16>,
}

/// One call the page made, for the call drawer.
#[derive(Clone, Debug)]
pub struct CallRecord {
    /// Its number in this visit, from 1.
    pub seq: u64,
    /// The door it went through.
    pub service: Service,
    /// The operation (`Encrypt`).
    pub operation: String,
    /// The caller's ARN.
    pub caller: String,
    /// The caller as people know it (`Alice`).
    pub caller_name: String,
    /// The region of the endpoint.
    pub region: String,
    /// The simulated time of the call.
    pub at: Timestamp,
    /// The request.
    pub input: Value,
    /// The response or the error.
    pub output: Result<Value, Failure>,
    /// The authorization decisions made on the way (S3's include its calls to KMS).
    pub decisions: Vec<Decision>,
    /// For S3: the steps it took.
    pub steps: Vec<S3Step>,
    /// For S3: the numbers of the calls to KMS it made on the caller's behalf (each in the
    /// call list too).
    pub kms_calls: Vec<u64>,
    /// For a call to KMS that S3 made: the number of the S3 call.
    pub made_by: Option<u64>,
}

/// Calls are told apart by their number: each is made once.
impl PartialEq for CallRecord {
    fn eq(&self, other: &CallRecord) -> bool {
        self.seq == other.seq
    }
}

impl CallRecord {
    /// Whether the call succeeded.
    pub fn ok(&self) -> bool {
        self.output.is_ok()
    }
}

/// What the page asks a door to do.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The door.
    pub service: Service,
    /// The operation.
    pub operation: &'a str,
    /// The input, in the service's JSON shape.
    pub input: &'a Value,
}

/// A state of the world that Undo can return to, and what left it.
#[derive(Clone, Debug)]
struct Entry {
    label: String,
    world: World,
    /// For a change that also moved the starting world (a scenario loaded): the starting
    /// world and its name from before it, which Undo puts back.
    start: Option<(World, String)>,
}

/// The name of the world the page starts with.
pub const NOTES_WORLD: &str = "the study notes' world";

/// How many changes Undo can take back.
pub const MAX_UNDO: usize = 100;
/// How many calls the drawer keeps.
pub const MAX_CALLS: usize = 500;

/// The world, its starting point, its undo and redo history, and the calls made.
#[derive(Clone, Debug)]
pub struct Model {
    world: World,
    start: World,
    /// What the starting world is called: "the study notes' world", "“Grants”".
    start_name: String,
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    calls: VecDeque<Arc<CallRecord>>,
    next_seq: u64,
    /// While a group is open, its changes make one undo entry with this label.
    group: Option<(String, bool)>,
}

/// Whether `op` of `service` may change the world beyond its audit log (so Undo needs
/// the world from before it): what its descriptor says.
pub fn may_change(service: Service, op: &str) -> bool {
    service.operation(op).is_some_and(|d| !d.changes.is_empty())
}

/// The slices of the parts the world's change counters say changed.
pub fn slices_changed(changed: kms_core::service::Parts) -> Slices {
    use kms_core::service::Parts;
    let slices = [
        (Parts::PRINCIPALS, Slice::Principals),
        (Parts::POLICIES, Slice::Policies),
        (Parts::KEYS, Slice::Keys),
        (Parts::GRANTS, Slice::Grants),
        (Parts::S3, Slice::S3),
        (Parts::AUDIT, Slice::Audit),
        (Parts::CLOCK, Slice::Clock),
    ]
    .into_iter()
    .filter(|(p, _)| changed.contains(*p))
    .map(|(_, s)| s)
    .collect::<Vec<_>>();
    Slices::of(&slices)
}

/// What a service's error says, for the drawer.
fn failure(e: kms_core::service::ServiceError) -> Failure {
    Failure {
        code: e.code,
        message: e.message,
        status: Some(e.status),
    }
}

/// A call S3 made to KMS on the caller's behalf, as a record of its own. What KMS
/// returned to S3 is shown, but for its sensitive members (the plaintext data key S3 uses
/// and drops, the encrypted one it stores with the object): S3 returns neither.
fn child_record(
    c: kms_core::service::ChildCall,
    seq: u64,
    parent: u64,
    caller: &str,
    caller_name: &str,
    at: Timestamp,
) -> CallRecord {
    let output = c.output.map_err(failure).map(|mut v| {
        if let (Some(d), Value::Object(m)) = (c.service.operation(c.operation), &mut v) {
            for name in d.sensitive_output() {
                if m.contains_key(*name) {
                    m.insert(
                        (*name).to_string(),
                        Value::String(String::from(
                            "(sensitive: S3 keeps it to itself; the caller never sees it)",
                        )),
                    );
                }
            }
        }
        v
    });
    CallRecord {
        seq,
        service: c.service,
        operation: c.operation.to_string(),
        caller: caller.to_string(),
        caller_name: format!("{caller_name} through S3"),
        region: c.region,
        at,
        input: c.input,
        output,
        decisions: c.decisions,
        steps: Vec::new(),
        kms_calls: Vec::new(),
        made_by: Some(parent),
    }
}

impl Model {
    /// A model whose starting world (what Reset returns to) is `start`.
    pub fn new(start: World) -> Model {
        Model {
            world: start.clone(),
            start,
            start_name: String::from(NOTES_WORLD),
            undo: Vec::new(),
            redo: Vec::new(),
            calls: VecDeque::new(),
            next_seq: 1,
            group: None,
        }
    }

    /// The world now.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The world Reset returns to.
    pub fn start(&self) -> &World {
        &self.start
    }

    /// What the world Reset returns to is called.
    pub fn start_name(&self) -> &str {
        &self.start_name
    }

    /// The calls made, oldest first.
    pub fn calls(&self) -> &VecDeque<Arc<CallRecord>> {
        &self.calls
    }

    /// How many changes Undo can take back (for tests).
    #[cfg(test)]
    fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// What Undo would take back, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// What Redo would do again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Remembers the world before a change labelled `label` (or, in an open group, before
    /// the group's first change).
    fn remember(&mut self, label: &str) {
        if let Some((_, remembered)) = &mut self.group {
            if *remembered {
                return;
            }
            *remembered = true;
        }
        let label = self
            .group
            .as_ref()
            .map_or_else(|| String::from(label), |(l, _)| l.clone());
        self.undo.push(Entry {
            label,
            world: self.world.clone(),
            start: None,
        });
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
    }

    /// Opens a group: the changes until [`Model::end_group`] are one undo entry named
    /// `label` (the create-key wizard's CreateKey, CreateAlias and TagResource are one
    /// "Create key").
    pub fn begin_group(&mut self, label: &str) {
        self.group = Some((String::from(label), false));
    }

    /// Closes the open group.
    pub fn end_group(&mut self) {
        self.group = None;
    }

    /// Makes a call through the world's door as `caller`, records it, and says which
    /// slices changed.
    pub fn dispatch(&mut self, caller: &Caller<'_>, req: Request<'_>) -> (Arc<CallRecord>, Slices) {
        let before = may_change(req.service, req.operation).then(|| self.world.clone());
        let versions = self.world.versions();
        let at = self.world.now();
        let r = self
            .world
            .request(caller, req.service, req.operation, req.input);
        // What changed, as the world's change counters say: the slices to notify, and
        // whether the call is an undo step (more than its audit event).
        let changed = self.world.versions().changed_since(&versions);
        let slices = slices_changed(changed);
        let undoable = !slices.iter().all(|s| s == Slice::Audit);
        let (caller_arn, caller_name) = self
            .world
            .principal(caller.principal)
            .map(|p| {
                (
                    p.principal.arn().to_string(),
                    p.name.clone().unwrap_or_else(|| p.principal.short_name()),
                )
            })
            .unwrap_or_else(|| {
                let name = kms_core::principal::Principal::parse(caller.principal)
                    .map(|p| p.short_name())
                    .unwrap_or_else(|_| caller.principal.to_string());
                (caller.principal.to_string(), name)
            });
        let seq = self.next_seq;
        let children: Vec<CallRecord> = r
            .children
            .into_iter()
            .zip(seq + 1..)
            .map(|(c, n)| child_record(c, n, seq, &caller_arn, &caller_name, at))
            .collect();
        let record = Arc::new(CallRecord {
            seq,
            service: req.service,
            operation: req.operation.to_string(),
            caller: caller_arn,
            caller_name,
            region: caller
                .region
                .unwrap_or(self.world.region().as_str())
                .to_string(),
            at,
            input: req.input.clone(),
            output: r.output.map_err(failure),
            decisions: r.decisions,
            steps: r.steps,
            kms_calls: children.iter().map(|c| c.seq).collect(),
            made_by: None,
        });
        self.next_seq += 1 + children.len() as u64;
        if let (Some(world), true) = (before, record.ok() && undoable) {
            let label = format!("{} (as {})", req.operation, record.caller_name);
            let world_now = std::mem::replace(&mut self.world, world);
            self.remember(&label);
            self.world = world_now;
        }
        // Any call after an Undo ends the redo path: the world has moved on.
        self.redo.clear();
        self.calls.push_back(Arc::clone(&record));
        for child in children {
            self.calls.push_back(Arc::new(child));
        }
        while self.calls.len() > MAX_CALLS {
            self.calls.pop_front();
        }
        (record, slices)
    }

    /// Moves the simulated clock forward by `d`, firing what falls due.
    pub fn advance(&mut self, d: Duration, label: &str) -> Result<(Advanced, Slices), String> {
        let before = self.world.clone();
        let versions = self.world.versions();
        let advanced = self.world.advance(d).map_err(|e| e.to_string())?;
        let changed = slices_changed(self.world.versions().changed_since(&versions));
        let now = std::mem::replace(&mut self.world, before);
        self.remember(label);
        self.world = now;
        self.redo.clear();
        Ok((advanced, changed))
    }

    /// Replaces the world whole (a preset, an import, a share link): an undoable change.
    pub fn replace(&mut self, world: World, label: &str) {
        self.remember(label);
        self.world = world;
        self.redo.clear();
    }

    /// Makes `world` the starting world too (what Reset returns to), as when a scenario
    /// is loaded.
    pub fn set_start(&mut self, world: World) {
        self.start = world;
    }

    /// Loads `world` as the world now and the starting world, called `name`: one undoable
    /// change, whose undo puts back the world and the starting world from before.
    pub fn load(&mut self, world: World, label: &str, name: &str) {
        self.replace(world.clone(), label);
        let before = (
            std::mem::replace(&mut self.start, world),
            std::mem::replace(&mut self.start_name, String::from(name)),
        );
        // Inside a group, the group's entry is the one that remembers the start.
        if let Some(e) = self.undo.last_mut()
            && e.start.is_none()
        {
            e.start = Some(before);
        }
    }

    /// Swaps the starting world with the one an entry remembers.
    fn swap_start(&mut self, start: Option<(World, String)>) -> Option<(World, String)> {
        let (world, name) = start?;
        Some((
            std::mem::replace(&mut self.start, world),
            std::mem::replace(&mut self.start_name, name),
        ))
    }

    /// Back to the starting world: an undoable change.
    pub fn reset(&mut self) {
        let start = self.start.clone();
        self.replace(start, "Reset");
    }

    /// Takes back the last change; gives its label.
    pub fn undo(&mut self) -> Option<String> {
        let entry = self.undo.pop()?;
        let now = std::mem::replace(&mut self.world, entry.world);
        let start = self.swap_start(entry.start);
        self.redo.push(Entry {
            label: entry.label.clone(),
            world: now,
            start,
        });
        Some(entry.label)
    }

    /// Does the last undone change again; gives its label.
    pub fn redo(&mut self) -> Option<String> {
        let entry = self.redo.pop()?;
        let before = std::mem::replace(&mut self.world, entry.world);
        let start = self.swap_start(entry.start);
        self.undo.push(Entry {
            label: entry.label.clone(),
            world: before,
            start,
        });
        Some(entry.label)
    }

    /// Forgets the history (a saved world opened afresh has none).
    pub fn forget_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests;
