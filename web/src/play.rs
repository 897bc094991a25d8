//! A guided play of a scenario: its steps one at a time, each sent through the page's own
//! store (so its call lands in the call drawer, the audit log and the undo history like
//! any other), the learner's predictions, and what each step did. Saved with the world.

use std::collections::BTreeMap;

use kms_core::World;
use kms_core::api::Caller;
use kms_core::s3::S3Step;
use kms_core::scenario::{PreparedCall, Runner, Scenario, StepError, StepKind, StepResult};
use serde_json::{Value, json};

use crate::panels::keys::vm::principal_label;
use crate::panels::scenarios::vm;
use crate::store::{Request, Service, Store};

/// One step played, as the page shows it (and saves it).
#[derive(Clone, Debug, PartialEq)]
pub struct Played {
    /// The step's index.
    pub index: usize,
    /// Who did what: "Alice: kms:Decrypt on CMK-A".
    pub title: String,
    /// The author's note.
    pub note: Option<String>,
    /// What it did: `allow`, `explicit deny`, `succeeds`, an error code, the clock.
    pub outcome: String,
    /// Why, when a decision was made.
    pub reason: Option<String>,
    /// The learner's prediction, if one was asked.
    pub prediction: Option<String>,
    /// Whether it was right.
    pub right: Option<bool>,
    /// The sentence for an expectation not met.
    pub unmet: Option<String>,
    /// The call's number in the call drawer.
    pub call: Option<u64>,
}

impl Played {
    fn to_json(&self) -> Value {
        json!({"index": self.index, "title": self.title, "note": self.note, "outcome": self.outcome,
            "reason": self.reason, "prediction": self.prediction, "right": self.right,
            "unmet": self.unmet, "call": self.call})
    }

    fn from_json(v: &Value) -> Option<Played> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(String::from);
        Some(Played {
            index: usize::try_from(v.get("index")?.as_u64()?).ok()?,
            title: s("title")?,
            note: s("note"),
            outcome: s("outcome")?,
            reason: s("reason"),
            prediction: s("prediction"),
            right: v.get("right").and_then(Value::as_bool),
            unmet: s("unmet"),
            call: v.get("call").and_then(Value::as_u64),
        })
    }
}

/// Sends a step's prepared call through the page's store, as the step's principal, in its
/// Region (a guided play's step, a lesson's "Show me").
pub fn send(store: &Store, p: &PreparedCall) -> std::sync::Arc<crate::store::CallRecord> {
    let (service, operation) = Service::split(&p.operation);
    let caller = Caller {
        principal: &p.principal,
        region: p.region.as_deref(),
        via_service: p.via.as_deref(),
    };
    store.dispatch(
        &caller,
        Request {
            service,
            operation,
            input: &p.input,
        },
    )
}

/// A guided play in progress.
#[derive(Clone, Debug)]
pub struct Play {
    /// The scenario file's text.
    pub text: String,
    /// The scenario.
    pub scenario: Scenario,
    /// Where it is, and what the steps so far gave (`${…}` references read them).
    pub runner: Runner,
    /// The steps played.
    pub done: Vec<Played>,
}

/// Checks saved progress against its scenario: as many steps played as the position says,
/// in order, each prediction one of its step's choices, and each "right" what the
/// prediction and the outcome say. A save is read as untrusted text: progress that was
/// never made is not shown.
fn check_progress(scenario: &Scenario, position: usize, done: &[Played]) -> Result<(), String> {
    let wrong = |what: &str| {
        Err(format!(
            "its saved progress does not match its scenario ({what})"
        ))
    };
    if position > scenario.steps.len() {
        return wrong("it is past the last step");
    }
    if done.len() != position || done.iter().enumerate().any(|(i, d)| d.index != i) {
        return wrong("the steps played are not the steps before its position");
    }
    for (d, step) in done.iter().zip(&scenario.steps) {
        let choices = vm::choices(step);
        let right = match (&d.prediction, &choices) {
            (None, _) => None,
            (Some(p), Some(c)) if c.contains(p) => Some(*p == d.outcome),
            (Some(_), _) => return wrong("a prediction that was never offered"),
        };
        if right != d.right {
            return wrong("a prediction marked right or wrong against its outcome");
        }
    }
    Ok(())
}

/// How a step's title names the service calling KMS on a principal's behalf: `S3` for
/// `s3.us-east-1.amazonaws.com`.
fn via_name(via: &str) -> String {
    match via.split('.').next() {
        Some("s3") => String::from("S3"),
        _ => String::from(via),
    }
}

/// The title of a step: who does what.
pub fn step_title(w: &World, kind: &StepKind) -> String {
    match kind {
        StepKind::Call {
            principal,
            operation,
            via,
            ..
        } => format!(
            "{} calls {operation}{}",
            principal_label(w, principal),
            via.as_deref()
                .map(|v| format!(" through {}", via_name(v)))
                .unwrap_or_default()
        ),
        StepKind::Check {
            principal,
            action,
            key,
            facts,
        } => format!(
            "May {} {action}{}{}?",
            principal_label(w, principal),
            key.as_deref()
                .map(|k| format!(" with {k}"))
                .unwrap_or_default(),
            facts
                .via
                .as_deref()
                .map(|v| format!(", through {}", via_name(v)))
                .unwrap_or_default()
        ),
        StepKind::Advance(d) => format!("The clock moves on {d}"),
    }
}

impl Play {
    /// A play of the scenario in `text` from its first step. Its world is the one the page
    /// should load.
    pub fn start(text: &str) -> Result<(Play, World), String> {
        let scenario = Scenario::load(text).map_err(|e| vm::errors_text(&e))?;
        let runner = Runner::new(&scenario).map_err(|e| e.to_string())?;
        let world = runner.world.clone();
        Ok((
            Play {
                text: String::from(text),
                scenario,
                runner,
                done: Vec::new(),
            },
            world,
        ))
    }

    /// The scenario's title.
    pub fn title(&self) -> String {
        self.scenario
            .title
            .clone()
            .unwrap_or_else(|| String::from("Untitled scenario"))
    }

    /// Whether every step has been played.
    pub fn finished(&self) -> bool {
        self.runner.finished()
    }

    /// Plays the next step against the page's world, through the store.
    pub fn step(&mut self, store: &Store, prediction: Option<String>) -> Option<Played> {
        let index = self.runner.position();
        let step = self.runner.steps().get(index)?.clone();
        let choices = vm::choices(&step);
        self.runner.world = store.peek(World::clone);
        let title = step_title(&self.runner.world, &step.kind);
        let (result, call): (StepResult, Option<u64>) = match self.runner.prepare_call() {
            Some(prepared) => match &prepared {
                Ok(p) => {
                    let record = send(store, p);
                    let output = record.output.clone().map_err(|f| StepError {
                        code: f.code,
                        message: f.message,
                    });
                    let s3 = record.steps.iter().map(S3Step::to_json).collect();
                    let decision = record.decisions.last().cloned();
                    (
                        self.runner.finish_call(prepared, output, decision, s3)?,
                        Some(record.seq),
                    )
                }
                Err(e) => {
                    let e = e.clone();
                    (
                        self.runner
                            .finish_call(prepared, Err(e), None, Vec::new())?,
                        None,
                    )
                }
            },
            None => {
                let r = self.runner.step()?;
                if matches!(step.kind, StepKind::Advance(_)) {
                    store.replace(
                        std::mem::take(&mut self.runner.world),
                        &format!("Step {}: {title}", index + 1),
                    );
                }
                (r, None)
            }
        };
        self.runner.world = World::default();
        let right = match (&prediction, &choices) {
            (Some(p), Some(_)) => Some(vm::predicted_right(p, &result)),
            _ => None,
        };
        let outcome = match (&result.output, step.kind) {
            (Some(o), StepKind::Advance(_)) => format!(
                "the clock is now {}",
                o.get("now").and_then(Value::as_str).unwrap_or_default()
            ),
            _ => vm::outcome(&result),
        };
        let played = Played {
            index,
            title,
            note: result.note.clone(),
            outcome,
            reason: result.decision.as_ref().map(|d| d.reason.clone()),
            prediction,
            right,
            unmet: vm::unmet(&result),
            call,
        };
        self.done.push(played.clone());
        Some(played)
    }

    /// What is saved of the play: the file, where it is, and what was played.
    pub fn to_json(&self) -> Value {
        json!({
            "scenario": self.text,
            "position": self.runner.position(),
            "outputs": self.runner.outputs(),
            "done": self.done.iter().map(Played::to_json).collect::<Vec<_>>(),
        })
    }

    /// A saved play, resumed where it was.
    pub fn from_json(v: &Value) -> Result<Play, String> {
        let text = v
            .get("scenario")
            .and_then(Value::as_str)
            .ok_or("the guided play has no scenario")?;
        let scenario = Scenario::load(text).map_err(|e| vm::errors_text(&e))?;
        let position = v
            .get("position")
            .and_then(Value::as_u64)
            .and_then(|p| usize::try_from(p).ok())
            .ok_or("the guided play has no position")?;
        let outputs: BTreeMap<String, Value> = v
            .get("outputs")
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let done: Vec<Played> = v
            .get("done")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Played::from_json).collect())
            .unwrap_or_default();
        check_progress(&scenario, position, &done)?;
        let mut runner = Runner::resume(&scenario, position, outputs).map_err(|e| e.to_string())?;
        runner.world = World::default();
        Ok(Play {
            text: String::from(text),
            scenario,
            runner,
            done,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str = include_str!("../../tests/scenarios/cmk-access.json");

    fn played(index: usize, prediction: Option<&str>, outcome: &str, right: Option<bool>) -> Value {
        json!({"index": index, "title": "t", "outcome": outcome,
            "prediction": prediction, "right": right})
    }

    #[test]
    fn saved_progress_is_checked_against_its_scenario() {
        let save = |position: u64, done: Vec<Value>| json!({"scenario": SCENARIO, "position": position, "outputs": {}, "done": done});
        // Honest progress resumes: one step played, predicted wrong.
        let ok = Play::from_json(&save(
            1,
            vec![played(0, Some("implicit deny"), "allow", Some(false))],
        ));
        assert_eq!(ok.unwrap().done.len(), 1);
        // A wrong prediction marked right, progress past the end, steps never played, and a
        // choice never offered are all refused with a reason.
        for (forged, what) in [
            (
                save(
                    1,
                    vec![played(0, Some("implicit deny"), "allow", Some(true))],
                ),
                "marked right",
            ),
            (save(999, Vec::new()), "past the last step"),
            (
                save(3, vec![played(0, None, "allow", None)]),
                "the steps played",
            ),
            (
                save(1, vec![played(0, Some("root"), "allow", Some(false))]),
                "never offered",
            ),
        ] {
            let e = Play::from_json(&forged).unwrap_err();
            assert!(e.contains(what), "{what}: {e}");
        }
    }
}
