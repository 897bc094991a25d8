//! Playing a scenario's steps: [`Runner`] runs them one at a time (the playground's
//! guided play) or all at once (the command line), and checks each `expect`.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Value, json};

use super::refs::resolve;
use super::{Expect, Scenario, ScenarioError, Step, StepKind};
use crate::api::{ApiError, Caller, RequestFacts};
use crate::audit::AuditEvent;
use crate::authz::{Decision, RequestTags, Rule};
use crate::policy::Effect;
use crate::service::{Service, ServiceError};
use crate::world::World;

/// A failed call's error: the AWS (or S3) code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepError {
    /// The code (`AccessDeniedException`, `NoSuchKey`, `KMS.DisabledException`, ...).
    pub code: String,
    /// The message.
    pub message: String,
}

impl From<ServiceError> for StepError {
    fn from(e: ServiceError) -> Self {
        StepError {
            code: e.code,
            message: e.message,
        }
    }
}

impl From<ApiError> for StepError {
    fn from(e: ApiError) -> Self {
        StepError {
            code: String::from(e.code.as_str()),
            message: e.message,
        }
    }
}

impl core::fmt::Display for StepError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl core::error::Error for StepError {}

/// The code of a step that could not be sent because a `${…}` reference did not resolve.
pub const REFERENCE_ERROR: &str = "ReferenceError";

/// A call step made ready to send: its caller and its request, references resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedCall {
    /// The caller (ARN).
    pub principal: String,
    /// The operation (`Encrypt`, or `s3:PutObject`).
    pub operation: String,
    /// The request, references resolved.
    pub input: Value,
    /// The service calling on the principal's behalf.
    pub via: Option<String>,
    /// The Region it is sent to (the world's without one).
    pub region: Option<String>,
}

/// What one step did.
#[derive(Clone, Debug)]
pub struct StepResult {
    /// The step's index.
    pub index: usize,
    /// Its id.
    pub id: Option<String>,
    /// Its note.
    pub note: Option<String>,
    /// Who (ARN), for calls and checks.
    pub principal: Option<String>,
    /// The operation, action or `advance`.
    pub what: String,
    /// The request as sent, references resolved.
    pub input: Value,
    /// The response, for a call that succeeded.
    pub output: Option<Value>,
    /// The error, for a call that failed.
    pub error: Option<StepError>,
    /// For an S3 call: the steps it took, for the animation.
    pub s3_steps: Vec<Value>,
    /// The audit events the step wrote to the world (CloudTrail's form), in order: a
    /// call's own, S3's calls to KMS, the rotations and deletions a clock step fired.
    pub events: Vec<Value>,
    /// The (last) authorization decision.
    pub decision: Option<Decision>,
    /// The expectation, if any.
    pub expected: Option<Expect>,
    /// Whether it was met (`None` without an expectation).
    pub met: Option<bool>,
}

impl StepResult {
    /// The result as the command line's `--json` prints it.
    pub fn to_json(&self) -> Value {
        json!({
            "index": self.index,
            "id": self.id,
            "as": self.principal,
            "call": self.what,
            "input": self.input,
            "output": self.output,
            "error": self.error.as_ref().map(|e| json!({"code": e.code, "message": e.message})),
            "s3Steps": if self.s3_steps.is_empty() { Value::Null } else { Value::Array(self.s3_steps.clone()) },
            "auditEvents": self.events,
            "decision": self.decision.as_ref().map(|d| json!({
                "effect": if d.effect == Effect::Allow { "allow" } else { "deny" },
                "rule": d.rule.as_str(),
                "reason": d.reason,
                "hint": d.hint,
            })),
            "expected": self.expected.as_ref().map(|e| match e { Expect::OkWith(v) => json!({"ok": v}), other => json!(other.to_string()) }),
            "met": self.met,
        })
    }
}

/// Plays a scenario's steps against its world.
#[derive(Clone, Debug)]
pub struct Runner {
    /// The world.
    pub world: World,
    steps: Vec<Step>,
    next: usize,
    outputs: BTreeMap<String, Value>,
}

impl Runner {
    /// A runner at the first step of `scenario`.
    pub fn new(scenario: &Scenario) -> Result<Runner, ScenarioError> {
        Ok(Runner {
            world: scenario.build_world()?,
            steps: scenario.steps.clone(),
            next: 0,
            outputs: BTreeMap::new(),
        })
    }

    /// A runner of `steps` against `world` (a lesson's setup and solution, played on the
    /// world they start from).
    pub fn over(world: World, steps: Vec<Step>) -> Runner {
        Runner {
            world,
            steps,
            next: 0,
            outputs: BTreeMap::new(),
        }
    }

    /// The index of the next step.
    pub fn position(&self) -> usize {
        self.next
    }

    /// Whether every step has run.
    pub fn finished(&self) -> bool {
        self.next >= self.steps.len()
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The outputs of the steps run so far, by step id: what `${…}` references read.
    pub fn outputs(&self) -> &BTreeMap<String, Value> {
        &self.outputs
    }

    /// A runner of `scenario` resumed at step `position`, with the outputs the steps before
    /// it gave (as [`Runner::outputs`] returned them). Its world is the scenario's; a
    /// caller that keeps its own world (the playground) sets [`Runner::world`].
    pub fn resume(
        scenario: &Scenario,
        position: usize,
        outputs: BTreeMap<String, Value>,
    ) -> Result<Runner, ScenarioError> {
        let mut r = Runner::new(scenario)?;
        r.next = position.min(r.steps.len());
        r.outputs = outputs;
        Ok(r)
    }

    /// The next step, when it is a call: its request with references resolved, ready to be
    /// sent through another door (the playground sends it through its own store, so it is
    /// listed and undone like any call). `Some(Err)` when a reference does not resolve.
    /// Send it, then give the outcome to [`Runner::finish_call`].
    pub fn prepare_call(&self) -> Option<Result<PreparedCall, StepError>> {
        let step = self.steps.get(self.next)?;
        let StepKind::Call {
            principal,
            operation,
            input,
            via,
            region,
        } = &step.kind
        else {
            return None;
        };
        Some(
            resolve(input, &self.outputs)
                .map(|input| PreparedCall {
                    principal: principal.clone(),
                    operation: operation.clone(),
                    input,
                    via: via.clone(),
                    region: region.clone(),
                })
                .map_err(|e| StepError {
                    code: String::from(REFERENCE_ERROR),
                    message: e.to_string(),
                }),
        )
    }

    /// Records the outcome of the call [`Runner::prepare_call`] prepared (`sent`), checks
    /// the step's expectation, and moves on to the next step. `None` when the next step is
    /// not a call.
    pub fn finish_call(
        &mut self,
        sent: Result<PreparedCall, StepError>,
        output: Result<Value, StepError>,
        decision: Option<Decision>,
        s3_steps: Vec<Value>,
    ) -> Option<StepResult> {
        let step = self.steps.get(self.next)?.clone();
        let StepKind::Call {
            principal,
            operation,
            input,
            ..
        } = &step.kind
        else {
            return None;
        };
        let mut res = self.take_step(&step);
        res.principal = Some(principal.clone());
        res.what = operation.clone();
        res.input = input.clone();
        res.s3_steps = s3_steps;
        res.decision = decision;
        let unresolved = sent.is_err();
        let output = match sent {
            Ok(p) => {
                res.input = p.input;
                output
            }
            Err(e) => Err(e),
        };
        match output {
            Ok(v) => {
                if let Some(id) = &step.id {
                    self.outputs.insert(id.clone(), v.clone());
                }
                res.met = step.expect.as_ref().map(|e| match e {
                    Expect::Ok => true,
                    // Expectations may refer to earlier steps too.
                    Expect::OkWith(want) => {
                        resolve(want, &self.outputs).is_ok_and(|want| contains(&v, &want))
                    }
                    _ => false,
                });
                res.output = Some(v);
            }
            Err(e) => {
                // A step that could not be sent meets no expectation.
                res.met = step.expect.as_ref().map(|x| match x {
                    _ if unresolved => false,
                    Expect::Error(c) => *c == e.code,
                    Expect::AnyError => true,
                    _ => false,
                });
                res.error = Some(e);
            }
        }
        Some(res)
    }

    /// Moves past the next step (`step`); its result, still empty of what it did.
    fn take_step(&mut self, step: &Step) -> StepResult {
        let index = self.next;
        self.next += 1;
        StepResult {
            index,
            id: step.id.clone(),
            note: step.note.clone(),
            principal: None,
            what: String::new(),
            input: Value::Null,
            output: None,
            error: None,
            s3_steps: Vec::new(),
            events: Vec::new(),
            decision: None,
            expected: step.expect.clone(),
            met: None,
        }
    }

    /// Sends a prepared call to this runner's own world.
    fn send(
        &mut self,
        p: &PreparedCall,
    ) -> (Result<Value, StepError>, Option<Decision>, Vec<Value>) {
        let caller = Caller {
            principal: &p.principal,
            region: p.region.as_deref(),
            via_service: p.via.as_deref(),
        };
        let (service, operation) = Service::split(&p.operation);
        let r = self.world.request(&caller, service, operation, &p.input);
        let steps = r.steps.iter().map(crate::s3::S3Step::to_json).collect();
        (
            r.output.map_err(StepError::from),
            r.decisions.last().cloned(),
            steps,
        )
    }

    /// Runs the next step.
    pub fn step(&mut self) -> Option<StepResult> {
        let last = self.world.audit_log().last().map(|e| e.event_id.clone());
        let mut res = self.play_step()?;
        let log = self.world.audit_log();
        // The events after the last one before the step (the log may have dropped its
        // oldest tenth on the way: then all it holds are newer).
        let from = last
            .and_then(|id| log.iter().rposition(|e| e.event_id == id))
            .map_or(0, |i| i + 1);
        res.events = log.iter().skip(from).map(AuditEvent::to_json).collect();
        Some(res)
    }

    fn play_step(&mut self) -> Option<StepResult> {
        if let Some(prepared) = self.prepare_call() {
            let (output, decision, s3_steps) = match &prepared {
                Ok(p) => self.send(p),
                Err(e) => (Err(e.clone()), None, Vec::new()),
            };
            return self.finish_call(prepared, output, decision, s3_steps);
        }
        let step = self.steps.get(self.next)?.clone();
        let mut res = self.take_step(&step);
        match &step.kind {
            // Calls were handled above.
            StepKind::Call { .. } => {}
            StepKind::Check {
                principal,
                action,
                key,
                facts,
            } => {
                res.principal = Some(principal.clone());
                res.what = action.to_string();
                res.input = json!({"key": key, "context": facts.context.as_ref().map(|c| c.as_map().clone()), "via": facts.via});
                match decide(&self.world, principal, *action, key.as_deref(), facts) {
                    Ok(d) => {
                        res.met = step.expect.as_ref().map(|e| decision_meets(e, &d));
                        res.decision = Some(d);
                    }
                    Err(e) => {
                        res.met = step.expect.as_ref().map(|_| false);
                        res.error = Some(e);
                    }
                }
            }
            StepKind::Advance(d) => {
                res.what = String::from("advance");
                res.input = json!(d.to_string());
                match self.world.advance(*d) {
                    Ok(advanced) => {
                        res.output = Some(json!({
                            "now": self.world.now().to_string(),
                            "fired": advanced.fired,
                            "events": advanced.events.iter().map(|e| e.to_json()).collect::<Vec<_>>(),
                        }))
                    }
                    Err(e) => {
                        res.error = Some(StepError {
                            code: String::from("KMSInternalException"),
                            message: e.to_string(),
                        })
                    }
                }
            }
        }
        Some(res)
    }

    /// Runs every remaining step.
    pub fn run_all(&mut self) -> Vec<StepResult> {
        let mut out = Vec::new();
        while let Some(r) = self.step() {
            out.push(r);
        }
        out
    }
}

/// The world's answer to an authorization question (a `check` step, a lesson's
/// `decision` goal), asked as `principal` with the request's facts.
pub(crate) fn decide(
    world: &World,
    principal: &str,
    action: crate::action::Action,
    key: Option<&str>,
    facts: &super::CheckFacts,
) -> Result<Decision, StepError> {
    let caller = Caller {
        principal,
        region: None,
        via_service: facts.via.as_deref(),
    };
    let tags = match (&facts.tags, &facts.tag_keys) {
        (Some(pairs), _) => Some(RequestTags::Pairs(pairs)),
        (None, Some(keys)) => Some(RequestTags::Keys(keys)),
        (None, None) => None,
    };
    let request = RequestFacts {
        context: facts.context.as_ref(),
        // The `via` is the caller's (set on `caller` above).
        via_service: None,
        tags,
        grant_tokens: &facts.grant_tokens,
        rotation_period_days: facts.rotation_period_days,
        pending_window_days: facts.pending_window_days,
        bypass_lockout_check: facts.bypass_lockout_check,
    };
    world
        .check_access(&caller, action, key, &request)
        .map_err(StepError::from)
}

/// Whether decision `d` is what a check expects.
pub(crate) fn decision_meets(expect: &Expect, d: &Decision) -> bool {
    match expect {
        Expect::Allow => d.effect == Effect::Allow,
        Expect::Deny => d.effect == Effect::Deny,
        Expect::ExplicitDeny => d.rule == Rule::ExplicitDeny,
        Expect::ImplicitDeny => d.rule == Rule::ImplicitDeny,
        _ => false,
    }
}

/// `want` ⊆ `got`: objects as subsets; arrays of the same length, item by item; scalars
/// exactly.
fn contains(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => w
            .iter()
            .all(|(k, wv)| g.get(k).is_some_and(|gv| contains(gv, wv))),
        (Value::Array(g), Value::Array(w)) => {
            g.len() == w.len() && g.iter().zip(w).all(|(gv, wv)| contains(gv, wv))
        }
        _ => got == want,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_compare_objects_as_subsets() {
        assert!(contains(
            &json!({"a": 1, "b": {"c": 2, "d": 3}}),
            &json!({"b": {"c": 2}})
        ));
        assert!(!contains(&json!({"a": [1, 2]}), &json!({"a": [1]})));
        let e = StepError {
            code: String::from("X"),
            message: String::from("y"),
        };
        assert_eq!(alloc::format!("{e}"), "X: y");
    }
}
