//! The page's one world store. [`Store::dispatch`] is the only writer: it calls a door of
//! the world as a caller, records the call for the call drawer, keeps the undo history and
//! notifies only the [`Slice`]s the call may have changed. Views read through
//! [`Store::read`], naming the slices they depend on.

pub mod model;

use std::collections::VecDeque;
use std::sync::Arc;

use kms_core::World;
use kms_core::api::Caller;
use kms_core::clock::Duration;
use kms_core::world::Advanced;
use leptos::prelude::*;

pub use model::{CallRecord, Failure, Model, NOTES_WORLD, Request, Service, Slice, Slices};

/// The store: the [`Model`] and a trigger per slice. `Copy`, so components take it freely.
#[derive(Clone, Copy)]
pub struct Store {
    model: StoredValue<Model, LocalStorage>,
    slices: [Trigger; 7],
    calls: Trigger,
    history: Trigger,
}

impl Store {
    /// A store whose starting world is `start`.
    pub fn new(start: World) -> Store {
        Store {
            model: StoredValue::new_local(Model::new(start)),
            slices: std::array::from_fn(|_| Trigger::new()),
            calls: Trigger::new(),
            history: Trigger::new(),
        }
    }

    fn trigger(&self, s: Slice) -> Trigger {
        let i = Slice::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.slices.get(i).copied().unwrap_or(self.calls)
    }

    /// Reads the world, depending on `slices`: the reading view runs again when one of
    /// them changes, and only then.
    pub fn read<R>(&self, slices: &[Slice], f: impl FnOnce(&World) -> R) -> R {
        for s in slices {
            self.trigger(*s).track();
        }
        self.model.with_value(|m| f(m.world()))
    }

    /// Reads the world without depending on it (in event handlers).
    pub fn peek<R>(&self, f: impl FnOnce(&World) -> R) -> R {
        self.model.with_value(|m| f(m.world()))
    }

    /// Reads the starting world (what Reset returns to), without depending on it.
    pub fn peek_start<R>(&self, f: impl FnOnce(&World) -> R) -> R {
        self.model.with_value(|m| f(m.start()))
    }

    /// Whether the world differs from the one Reset returns to: something the learner would
    /// lose if another world replaced it. (After a reload, the saved world counts as
    /// changed: the page cannot tell what it was built from.)
    pub fn has_changes(&self) -> bool {
        self.model.with_value(|m| m.world() != m.start())
    }

    /// The calls made, oldest first; the reading view runs again on every call.
    pub fn calls<R>(&self, f: impl FnOnce(&VecDeque<Arc<CallRecord>>) -> R) -> R {
        self.calls.track();
        self.model.with_value(|m| f(m.calls()))
    }

    /// What Undo and Redo would do, tracked.
    pub fn history(&self) -> (Option<String>, Option<String>) {
        self.history.track();
        self.model.with_value(|m| {
            (
                m.undo_label().map(String::from),
                m.redo_label().map(String::from),
            )
        })
    }

    fn notify(&self, slices: Slices) {
        for s in slices.iter() {
            self.trigger(s).notify();
        }
        self.history.notify();
    }

    /// Makes a call through a door as `caller`: the only way the page changes the world.
    pub fn dispatch(&self, caller: &Caller<'_>, req: Request<'_>) -> Arc<CallRecord> {
        let (record, slices) = self
            .model
            .try_update_value(|m| m.dispatch(caller, req))
            .unwrap_or_else(|| {
                (
                    Arc::new(CallRecord {
                        seq: 0,
                        service: req.service,
                        operation: req.operation.to_string(),
                        caller: caller.principal.to_string(),
                        caller_name: caller.principal.to_string(),
                        region: String::new(),
                        at: kms_core::clock::Timestamp::DEFAULT_START,
                        input: req.input.clone(),
                        output: Err(Failure {
                            code: String::from("PageClosed"),
                            message: String::from("the playground is closing"),
                            status: None,
                        }),
                        decisions: Vec::new(),
                        steps: Vec::new(),
                        kms_calls: Vec::new(),
                        made_by: None,
                    }),
                    Slices::NONE,
                )
            });
        self.notify(slices);
        self.calls.notify();
        record
    }

    /// Runs `f` as one undoable change named `label` (its calls still appear one by one in
    /// the drawer).
    pub fn group<R>(&self, label: &str, f: impl FnOnce() -> R) -> R {
        self.model.update_value(|m| m.begin_group(label));
        let r = f();
        self.model.update_value(|m| m.end_group());
        self.history.notify();
        r
    }

    /// Moves the simulated clock forward.
    pub fn advance(&self, d: Duration, label: &str) -> Result<Advanced, String> {
        let r = self
            .model
            .try_update_value(|m| m.advance(d, label))
            .unwrap_or_else(|| Err(String::from("the playground is closing")));
        // The slices the world's change counters say changed (and Undo's history).
        self.notify(r.as_ref().map_or(Slices::NONE, |(_, changed)| *changed));
        r.map(|(advanced, _)| advanced)
    }

    /// Replaces the world whole: an undoable change.
    pub fn replace(&self, world: World, label: &str) {
        self.model.update_value(|m| m.replace(world, label));
        self.notify(Slices::all());
    }

    /// Loads a world that becomes the starting world too (Reset returns to it), called
    /// `name`.
    pub fn load(&self, world: World, label: &str, name: &str) {
        self.model.update_value(|m| m.load(world, label, name));
        self.notify(Slices::all());
    }

    /// What the world Reset returns to is called, tracked.
    pub fn start_name(&self) -> String {
        self.history.track();
        self.model.with_value(|m| m.start_name().to_string())
    }

    /// Opens a saved world with no history (a reload).
    pub fn open_saved(&self, world: World, start: Option<World>) {
        self.model.update_value(|m| {
            if let Some(s) = start {
                m.set_start(s);
            }
            m.replace(world, "Open");
            m.forget_history();
        });
        self.notify(Slices::all());
    }

    /// Back to the starting world.
    pub fn reset(&self) {
        self.model.update_value(Model::reset);
        self.notify(Slices::all());
    }

    /// Takes back the last change; gives its label.
    pub fn undo(&self) -> Option<String> {
        let label = self.model.try_update_value(Model::undo).flatten();
        if label.is_some() {
            self.notify(Slices::all());
        }
        label
    }

    /// Does the last undone change again; gives its label.
    pub fn redo(&self) -> Option<String> {
        let label = self.model.try_update_value(Model::redo).flatten();
        if label.is_some() {
            self.notify(Slices::all());
        }
        label
    }
}
