//! Lessons: a scenario file with a `lesson` field. The scenario gives the starting world
//! and the *predict, then reveal* questions (its `steps`); the lesson adds its text, the
//! `setup` steps that make the world's history before the learner arrives, the goals the
//! learner must make true in the world by any means, their hints, and a `solution` that
//! makes them true.
//!
//! A goal is a predicate over the world and its audit log: an authorization decision, an
//! audit event since the lesson started, a key's state, an alias, a grant, an S3 object's
//! encryption, or `all`/`any`/`not` of those. [`Lesson::check`] proves that the solution
//! meets every goal and that the starting world meets none: what `kms-playground
//! check-lesson` runs, so a course author knows a lesson works.
//!
//! Reading a lesson is kept apart from [`Scenario::load`] (which accepts the `lesson` field
//! and leaves it alone), so the page's first download does not carry it.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::load::{read_step, read_step_list};
use super::read::{Reader, join};
use super::run::{Runner, StepResult, decide, decision_meets};
use super::{PrincipalSpec, Scenario, ScenarioError, Step, StepKind};
use crate::json::{self, Json};
use crate::keys::Key;
use crate::s3::ObjectEncryption;
use crate::world::World;

/// The most goals a lesson may have.
pub const MAX_GOALS: usize = 20;
/// The most hints a goal may have.
pub const MAX_HINTS: usize = 10;
/// The most predicates one goal may combine (`all`, `any`, `not` and their parts).
pub const MAX_PREDICATE_PARTS: usize = 64;

const LESSON: &[&str] = &["id", "text", "setup", "goals", "solution"];
const GOAL: &[&str] = &["id", "text", "hints", "when"];
const EVENT: &[&str] = &["eventName", "as", "key", "outcome", "invokedBy", "region"];
const KEY: &[&str] = &["key", "keyState", "rotation", "materialVersions", "policy"];
const ALIAS: &[&str] = &["name", "key"];
const GRANT: &[&str] = &["key", "grantee", "operations"];
const OBJECT: &[&str] = &["bucket", "key", "encryption", "kmsKey"];

/// A lesson: its world, its text, its goals and their solution.
#[derive(Clone, Debug)]
pub struct Lesson {
    /// The world the lesson starts from, and its predict-then-reveal questions (`steps`).
    pub scenario: Scenario,
    /// The lesson's handle, for links (`#/learn/<id>`): lower-case letters, digits and `-`.
    pub id: String,
    /// The lesson's text, paragraph by paragraph.
    pub text: Vec<String>,
    /// Steps played before the learner arrives (the world's history).
    pub setup: Vec<Step>,
    /// What the learner must make true.
    pub goals: Vec<Goal>,
    /// Steps that make every goal true.
    pub solution: Vec<Step>,
}

/// A goal: a sentence for the learner, hints, and the predicate that says it is met.
#[derive(Clone, Debug)]
pub struct Goal {
    /// Its handle (unique in the lesson).
    pub id: String,
    /// What to make true, in the learner's words.
    pub text: String,
    /// Hints, revealed one at a time.
    pub hints: Vec<String>,
    /// When it is met.
    pub when: Predicate,
}

/// What an audit event's outcome must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It succeeded.
    Ok,
    /// It failed, with any error.
    AnyError,
    /// It failed with this code.
    Error(String),
}

/// A fact about the world and its audit log.
#[derive(Clone, Debug)]
pub enum Predicate {
    /// Every part holds.
    All(Vec<Predicate>),
    /// At least one part holds.
    Any(Vec<Predicate>),
    /// The part does not hold.
    Not(Box<Predicate>),
    /// An authorization question, answered now: a `check` step with its `expect`.
    Decision(Step),
    /// An audit event since the lesson started.
    Event {
        /// The operation or service event (`Decrypt`, `RotateKey`).
        name: Option<String>,
        /// The caller (ARN).
        principal: Option<String>,
        /// A key the event names (handle, key ID, ARN or alias).
        key: Option<String>,
        /// How it ended.
        outcome: Option<Outcome>,
        /// The service that called on the principal's behalf (`s3.amazonaws.com`).
        invoked_by: Option<String>,
        /// The Region the call was made in.
        region: Option<String>,
    },
    /// A key's facts.
    Key {
        /// The key (handle, key ID, ARN or alias).
        key: String,
        /// Its state (`Enabled`, `Disabled`, `PendingDeletion`).
        state: Option<String>,
        /// Whether automatic rotation is on.
        rotation: Option<bool>,
        /// At least this many key material versions.
        material_versions: Option<u32>,
        /// Whether its key policy is the one it started with (`Some(true)`: unchanged).
        policy_unchanged: Option<bool>,
    },
    /// An alias exists (and, if given, points to `key`).
    Alias {
        /// `alias/…`
        name: String,
        /// The key it must point to.
        key: Option<String>,
    },
    /// A grant on `key` for `grantee` allowing at least `operations`.
    Grant {
        /// The key.
        key: String,
        /// The grantee (ARN).
        grantee: String,
        /// Operations the grant must allow (`Decrypt`).
        operations: Vec<String>,
    },
    /// An S3 object stored with this encryption.
    Object {
        /// The bucket.
        bucket: String,
        /// The object key (any object of the bucket, without one).
        key: Option<String>,
        /// `aws:kms` or `AES256`.
        encryption: Option<String>,
        /// The KMS key S3 used (SSE-KMS).
        kms_key: Option<String>,
    },
}

/// What the world was when the lesson started: what goals compare against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// The ID of the last audit event before the lesson started (events after it count).
    pub last_event: Option<String>,
    /// Each key's policy text when the lesson started, by key ARN.
    pub policies: Vec<(String, String)>,
}

impl Baseline {
    /// The baseline of `world` as it is now.
    pub fn of(world: &World) -> Baseline {
        Baseline {
            last_event: world.audit_log().last().map(|e| e.event_id.clone()),
            policies: world
                .keys()
                .iter()
                .map(|k| (k.arn.to_string(), String::from(k.policy.text())))
                .collect(),
        }
    }
}

impl Baseline {
    /// Whether `world` can be the lesson's world grown from this baseline: every key the
    /// lesson started with is there, and the last event before the lesson is in its log.
    /// (A world opened since, or a fresh page's, is not.)
    pub fn matches(&self, world: &World) -> bool {
        self.policies
            .iter()
            .all(|(arn, _)| world.keys().iter().any(|k| k.arn.as_str() == arn))
            && self
                .last_event
                .as_ref()
                .is_none_or(|id| world.audit_log().iter().any(|e| &e.event_id == id))
    }
}

/// What [`Lesson::check`] found.
#[derive(Clone, Debug, Default)]
pub struct LessonReport {
    /// Goals (ids) the starting world already meets: each is a fault.
    pub met_at_start: Vec<String>,
    /// For each goal, in order, the solution step after which it first held (`None`: it
    /// never did, a fault). A goal, once met, stays met, as the page ticks it.
    pub met_by: Vec<Option<usize>>,
    /// Goals (ids) the solution leaves unmet: each is a fault.
    pub unmet_after_solution: Vec<String>,
    /// Setup or solution steps that failed their `expect`, as `solution[2] (…): …` lines.
    pub failed_steps: Vec<String>,
}

impl LessonReport {
    /// Whether the lesson works: nothing met at the start, everything met on the way
    /// through the solution, every step as expected.
    pub fn ok(&self) -> bool {
        self.met_at_start.is_empty()
            && self.unmet_after_solution.is_empty()
            && self.failed_steps.is_empty()
    }
}

impl Lesson {
    /// Reads and validates a lesson file: the scenario's fields as [`Scenario::load`] reads
    /// them, then the `lesson` field, every error located.
    pub fn load(text: &str) -> Result<Lesson, Vec<ScenarioError>> {
        let scenario = Scenario::load(text)?;
        // Scenario::load parsed it already: it is JSON and within the size budget.
        let doc = super::load::parse(text)?;
        let mut r = Reader::new();
        let Some(l) = doc.get("lesson") else {
            r.err(
                "",
                doc.loc,
                "not a lesson: a lesson file has a `lesson` field (see docs/scenario-format.md)",
            );
            return Err(r.finish());
        };
        let lesson = read_lesson(&mut r, l, scenario);
        match lesson {
            Some(lesson) if r.clean() => Ok(lesson),
            _ => Err(r.finish()),
        }
    }

    /// The world the learner starts from: the scenario's world with the setup played.
    /// An error names the setup step that failed its expectation.
    pub fn start(&self) -> Result<World, String> {
        let world = self.scenario.build_world().map_err(|e| e.to_string())?;
        let mut runner = Runner::over(world, self.setup.clone());
        for r in runner.run_all() {
            if r.met == Some(false) {
                return Err(step_failure("setup", &r));
            }
        }
        Ok(runner.world)
    }

    /// Which goals `world` meets, in order, against the lesson's `baseline`.
    pub fn met(&self, world: &World, baseline: &Baseline) -> Vec<bool> {
        self.goals
            .iter()
            .map(|g| g.when.holds(world, baseline))
            .collect()
    }

    /// Proves the lesson works: the starting world meets no goal, and the solution, played
    /// on it step by step, meets every goal on the way (a goal met stays met, as the page
    /// ticks it), with every step as expected.
    pub fn check(&self) -> Result<LessonReport, String> {
        let world = self.start()?;
        let baseline = Baseline::of(&world);
        let mut report = LessonReport::default();
        let at_start = self.met(&world, &baseline);
        for (g, met) in self.goals.iter().zip(&at_start) {
            if *met {
                report.met_at_start.push(g.id.clone());
            }
        }
        report.met_by = at_start.iter().map(|_| None).collect();
        let mut runner = Runner::over(world, self.solution.clone());
        while let Some(r) = runner.step() {
            if r.met == Some(false) {
                report.failed_steps.push(step_failure("solution", &r));
            }
            for ((g, by), _) in self
                .goals
                .iter()
                .zip(report.met_by.iter_mut())
                .zip(&at_start)
                .filter(|((_, by), _)| by.is_none())
            {
                if g.when.holds(&runner.world, &baseline) {
                    *by = Some(r.index);
                }
            }
        }
        for (g, by) in self.goals.iter().zip(&report.met_by) {
            if by.is_none() {
                report.unmet_after_solution.push(g.id.clone());
            }
        }
        Ok(report)
    }
}

/// `solution[2] (Encrypt as …): expected ok, got AccessDeniedException: …`
fn step_failure(list: &str, r: &StepResult) -> String {
    let got = match (&r.error, &r.decision, &r.output) {
        (Some(e), _, _) => e.to_string(),
        // A check: its answer in the words of `expect`.
        (None, Some(d), None) => String::from(match (d.effect, d.rule) {
            (crate::policy::Effect::Allow, _) => "allow",
            (_, crate::authz::Rule::ExplicitDeny) => "explicit-deny",
            _ => "implicit-deny",
        }),
        _ => String::from("ok"),
    };
    let expected = r
        .expected
        .as_ref()
        .map(|e| e.to_string())
        .unwrap_or_default();
    format!(
        "{list}[{}] ({}{}): expected {expected}, got {got}",
        r.index,
        r.what,
        r.principal
            .as_deref()
            .map(|p| format!(" as {p}"))
            .unwrap_or_default()
    )
}

fn read_lesson(r: &mut Reader, l: &Json, scenario: Scenario) -> Option<Lesson> {
    let path = "lesson";
    if l.as_object().is_none() {
        r.err(
            path,
            l.loc,
            format!("`lesson` must be an object, found {}", l.kind()),
        );
        return None;
    }
    r.fields(l, path, LESSON);
    let id = r.required(l, "id", path).unwrap_or_default();
    let id_ok = |id: &str| {
        id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if !id.is_empty() && !id_ok(&id) {
        r.err(
            &join(path, "id"),
            l.get("id").map_or(l.loc, |v| v.loc),
            "a lesson's id is at most 64 lower-case letters, digits and `-` (it is the lesson's link)",
        );
    }
    let text = match l.get("text") {
        Some(t) if t.as_str().is_some() => Vec::from([r.string(l, "text", path)?]),
        _ => r
            .array(l, "text", path)
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.as_str().map(String::from).or_else(|| {
                    r.err(
                        &format!("lesson.text[{i}]"),
                        p.loc,
                        format!("a paragraph is a string, not {}", p.kind()),
                    );
                    None
                })
            })
            .collect(),
    };
    let setup = read_step_list(r, l, "setup", path, &scenario.principals);
    let solution = read_step_list(r, l, "solution", path, &scenario.principals);
    if l.get("solution").is_none() {
        r.err(
            path,
            l.loc,
            "a lesson needs a `solution`: the steps that meet its goals",
        );
    }
    let list = r.array(l, "goals", path);
    if list.is_empty() {
        r.err(path, l.loc, "a lesson needs at least one goal in `goals`");
    }
    if list.len() > MAX_GOALS {
        r.err(
            "lesson.goals",
            l.loc,
            format!(
                "{} goals: a lesson can have at most {MAX_GOALS}",
                list.len()
            ),
        );
        return None;
    }
    let mut goals: Vec<Goal> = Vec::new();
    for (i, g) in list.iter().enumerate() {
        let gpath = format!("lesson.goals[{i}]");
        if let Some(goal) = read_goal(r, g, &gpath, &scenario.principals) {
            if goals.iter().any(|o| o.id == goal.id) {
                r.err(
                    &join(&gpath, "id"),
                    g.loc,
                    format!("the goal id `{}` is already used", goal.id),
                );
            }
            goals.push(goal);
        }
    }
    Some(Lesson {
        scenario,
        id,
        text,
        setup,
        goals,
        solution,
    })
}

fn read_goal(r: &mut Reader, g: &Json, path: &str, principals: &[PrincipalSpec]) -> Option<Goal> {
    if g.as_object().is_none() {
        r.err(
            path,
            g.loc,
            format!("a goal must be an object, found {}", g.kind()),
        );
        return None;
    }
    r.fields(g, path, GOAL);
    let id = r.required(g, "id", path);
    let text = r.required(g, "text", path);
    let hint_list = r.array(g, "hints", path);
    if hint_list.len() > MAX_HINTS {
        r.err(
            &join(path, "hints"),
            g.loc,
            format!("a goal can have at most {MAX_HINTS} hints"),
        );
    }
    let hints = hint_list
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            h.as_str().map(String::from).or_else(|| {
                r.err(&format!("{path}.hints[{i}]"), h.loc, "a hint is a string");
                None
            })
        })
        .collect();
    let when = match g.get("when") {
        None => {
            r.err(path, g.loc, "a goal needs `when`: the fact that meets it");
            None
        }
        Some(w) => {
            let mut parts = 0;
            read_predicate(r, w, &join(path, "when"), principals, &mut parts)
        }
    };
    Some(Goal {
        id: id?,
        text: text?,
        hints,
        when: when?,
    })
}

/// The ARN of a principal the file names (by handle or ARN).
fn principal_arn(
    r: &mut Reader,
    v: &Json,
    field: &str,
    path: &str,
    principals: &[PrincipalSpec],
) -> Option<String> {
    let name = r.string(v, field, path)?;
    match principals
        .iter()
        .find(|p| p.name.as_deref() == Some(name.as_str()) || p.arn == name)
    {
        Some(p) => Some(p.arn.clone()),
        None if name.starts_with("arn:") => Some(name),
        None => {
            r.err(
                &join(path, field),
                v.get(field).map_or(v.loc, |f| f.loc),
                format!("unknown principal \"{name}\": use the name or ARN of one of `principals`"),
            );
            None
        }
    }
}

fn read_predicate(
    r: &mut Reader,
    v: &Json,
    path: &str,
    principals: &[PrincipalSpec],
    parts: &mut usize,
) -> Option<Predicate> {
    *parts += 1;
    if *parts > MAX_PREDICATE_PARTS {
        if *parts == MAX_PREDICATE_PARTS + 1 {
            r.err(
                path,
                v.loc,
                format!("a goal can combine at most {MAX_PREDICATE_PARTS} facts"),
            );
        }
        return None;
    }
    let Some(obj) = v.as_object() else {
        r.err(
            path,
            v.loc,
            format!("a goal's fact must be an object, found {}", v.kind()),
        );
        return None;
    };
    let [member] = obj else {
        r.err(path, v.loc, "a goal's fact is an object with exactly one field: `all`, `any`, `not`, `decision`, `event`, `key`, `alias`, `grant` or `object`");
        return None;
    };
    let kind = &member.key;
    let ipath = join(path, kind);
    let inner_json = &member.value;
    match kind.as_str() {
        "all" | "any" => {
            let items = match &inner_json.value {
                json::Value::Array(items) if !items.is_empty() => items,
                _ => {
                    r.err(
                        &ipath,
                        inner_json.loc,
                        format!("`{kind}` is a non-empty list of facts"),
                    );
                    return None;
                }
            };
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                out.push(read_predicate(
                    r,
                    item,
                    &format!("{ipath}[{i}]"),
                    principals,
                    parts,
                ));
            }
            let out: Option<Vec<Predicate>> = out.into_iter().collect();
            Some(if kind == "all" {
                Predicate::All(out?)
            } else {
                Predicate::Any(out?)
            })
        }
        "not" => read_predicate(r, inner_json, &ipath, principals, parts)
            .map(|p| Predicate::Not(Box::new(p))),
        "decision" => {
            let step = read_step(r, inner_json, &ipath, principals, &[])?;
            match (&step.kind, &step.expect) {
                (StepKind::Check { .. }, Some(_)) => Some(Predicate::Decision(step)),
                _ => {
                    r.err(&ipath, inner_json.loc, "a `decision` is a check (`as`, `check`, `key`, …) with the `expect` that meets the goal");
                    None
                }
            }
        }
        "event" => {
            if inner_json.as_object().is_none() {
                r.err(&ipath, inner_json.loc, "`event` is an object");
                return None;
            }
            r.fields(inner_json, &ipath, EVENT);
            let outcome = r
                .string(inner_json, "outcome", &ipath)
                .map(|o| match o.as_str() {
                    "ok" => Outcome::Ok,
                    "error" => Outcome::AnyError,
                    _ => Outcome::Error(o),
                });
            Some(Predicate::Event {
                name: r.string(inner_json, "eventName", &ipath),
                principal: if inner_json.get("as").is_some() {
                    Some(principal_arn(r, inner_json, "as", &ipath, principals)?)
                } else {
                    None
                },
                key: r.string(inner_json, "key", &ipath),
                outcome,
                invoked_by: r.string(inner_json, "invokedBy", &ipath),
                region: r.string(inner_json, "region", &ipath),
            })
        }
        "key" => {
            if inner_json.as_object().is_none() {
                r.err(&ipath, inner_json.loc, "`key` is an object");
                return None;
            }
            r.fields(inner_json, &ipath, KEY);
            let key = r.required(inner_json, "key", &ipath);
            let state = r.string(inner_json, "keyState", &ipath);
            if let Some(s) = &state
                && !matches!(s.as_str(), "Enabled" | "Disabled" | "PendingDeletion")
            {
                r.err(
                    &join(&ipath, "keyState"),
                    inner_json.loc,
                    format!("unknown key state `{s}`: use Enabled, Disabled or PendingDeletion"),
                );
            }
            let rotation = r.boolean(inner_json, "rotation", &ipath);
            let versions = match inner_json.get("materialVersions") {
                None => None,
                Some(n) => match &n.value {
                    json::Value::Number(s) => match s.parse::<u32>() {
                        Ok(v) if v >= 1 => Some(v),
                        _ => {
                            r.err(&join(&ipath, "materialVersions"), n.loc, "`materialVersions` is a whole number from 1: the fewest versions the key must have");
                            None
                        }
                    },
                    _ => {
                        r.err(
                            &join(&ipath, "materialVersions"),
                            n.loc,
                            "`materialVersions` is a number",
                        );
                        None
                    }
                },
            };
            let policy = match r.string(inner_json, "policy", &ipath).as_deref() {
                None => None,
                Some("unchanged") => Some(true),
                Some("changed") => Some(false),
                Some(other) => {
                    r.err(
                        &join(&ipath, "policy"),
                        inner_json.loc,
                        format!("`policy` is \"unchanged\" or \"changed\", not \"{other}\""),
                    );
                    None
                }
            };
            Some(Predicate::Key {
                key: key?,
                state,
                rotation,
                material_versions: versions,
                policy_unchanged: policy,
            })
        }
        "alias" => {
            if inner_json.as_object().is_none() {
                r.err(&ipath, inner_json.loc, "`alias` is an object");
                return None;
            }
            r.fields(inner_json, &ipath, ALIAS);
            Some(Predicate::Alias {
                name: r.required(inner_json, "name", &ipath)?,
                key: r.string(inner_json, "key", &ipath),
            })
        }
        "grant" => {
            if inner_json.as_object().is_none() {
                r.err(&ipath, inner_json.loc, "`grant` is an object");
                return None;
            }
            r.fields(inner_json, &ipath, GRANT);
            let key = r.required(inner_json, "key", &ipath);
            if inner_json.get("grantee").is_none() {
                r.err(&ipath, inner_json.loc, "missing required field `grantee`");
            }
            let grantee = principal_arn(r, inner_json, "grantee", &ipath, principals);
            let operations = r
                .array(inner_json, "operations", &ipath)
                .iter()
                .filter_map(|o| o.as_str().map(String::from))
                .collect();
            Some(Predicate::Grant {
                key: key?,
                grantee: grantee?,
                operations,
            })
        }
        "object" => {
            if inner_json.as_object().is_none() {
                r.err(&ipath, inner_json.loc, "`object` is an object");
                return None;
            }
            r.fields(inner_json, &ipath, OBJECT);
            let encryption = r.string(inner_json, "encryption", &ipath);
            if let Some(e) = &encryption
                && e != "aws:kms"
                && e != "AES256"
            {
                r.err(
                    &join(&ipath, "encryption"),
                    inner_json.loc,
                    format!("`encryption` is \"aws:kms\" or \"AES256\", not \"{e}\""),
                );
            }
            Some(Predicate::Object {
                bucket: r.required(inner_json, "bucket", &ipath)?,
                key: r.string(inner_json, "key", &ipath),
                encryption,
                kms_key: r.string(inner_json, "kmsKey", &ipath),
            })
        }
        other => {
            r.err(&ipath, v.loc, format!("unknown fact `{other}`: use `all`, `any`, `not`, `decision`, `event`, `key`, `alias`, `grant` or `object`"));
            None
        }
    }
}

/// The key `name` names in `world`: its scenario handle, key ID, key ARN, alias name or
/// alias ARN.
fn find_key<'w>(world: &'w World, name: &str) -> Option<&'w Key> {
    let by_alias = world
        .aliases()
        .iter()
        .find(|a| a.name.as_str() == name || a.arn() == name)
        .map(|a| a.target_key_id.clone());
    world.keys().iter().find(|k| {
        k.key_id.as_str() == name
            || k.arn.as_str() == name
            || world.key_handle(&k.arn) == Some(name)
            || by_alias.as_ref() == Some(&k.key_id)
    })
}

impl Predicate {
    /// Whether it holds in `world`, against the lesson's `baseline`.
    pub fn holds(&self, world: &World, baseline: &Baseline) -> bool {
        match self {
            Predicate::All(ps) => ps.iter().all(|p| p.holds(world, baseline)),
            Predicate::Any(ps) => ps.iter().any(|p| p.holds(world, baseline)),
            Predicate::Not(p) => !p.holds(world, baseline),
            Predicate::Decision(step) => {
                let (
                    StepKind::Check {
                        principal,
                        action,
                        key,
                        facts,
                    },
                    Some(expect),
                ) = (&step.kind, &step.expect)
                else {
                    return false;
                };
                decide(world, principal, *action, key.as_deref(), facts)
                    .is_ok_and(|d| decision_meets(expect, &d))
            }
            Predicate::Event {
                name,
                principal,
                key,
                outcome,
                invoked_by,
                region,
            } => {
                let log = world.audit_log();
                let from = baseline
                    .last_event
                    .as_ref()
                    .and_then(|id| log.iter().rposition(|e| &e.event_id == id))
                    .map_or(0, |i| i + 1);
                let key_arn = match key {
                    Some(k) => match find_key(world, k) {
                        Some(k) => Some(k.arn.to_string()),
                        None => return false,
                    },
                    None => None,
                };
                log.iter().skip(from).any(|e| {
                    name.as_ref().is_none_or(|n| &e.event_name == n)
                        && principal
                            .as_ref()
                            .is_none_or(|p| e.user_identity.arn.as_ref() == Some(p))
                        && key_arn.as_ref().is_none_or(|a| e.resources.contains(a))
                        && region.as_ref().is_none_or(|r| e.aws_region == *r)
                        && invoked_by
                            .as_ref()
                            .is_none_or(|s| e.user_identity.invoked_by.as_ref() == Some(s))
                        && outcome.as_ref().is_none_or(|o| match o {
                            Outcome::Ok => e.error_code.is_none(),
                            Outcome::AnyError => e.error_code.is_some(),
                            Outcome::Error(c) => e.error_code.as_ref() == Some(c),
                        })
                })
            }
            Predicate::Key {
                key,
                state,
                rotation,
                material_versions,
                policy_unchanged,
            } => {
                let Some(k) = find_key(world, key) else {
                    return false;
                };
                let arn = k.arn.to_string();
                state
                    .as_ref()
                    .is_none_or(|s| k.state.as_str() == s.as_str())
                    && rotation.is_none_or(|r| k.rotation.is_some() == r)
                    && material_versions.is_none_or(|n| k.materials.len() >= n as usize)
                    && policy_unchanged.is_none_or(|same| {
                        baseline
                            .policies
                            .iter()
                            .find(|(a, _)| *a == arn)
                            .is_some_and(|(_, text)| (text == k.policy.text()) == same)
                    })
            }
            Predicate::Alias { name, key } => {
                let Some(a) = world.aliases().iter().find(|a| a.name.as_str() == name) else {
                    return false;
                };
                key.as_ref()
                    .is_none_or(|k| find_key(world, k).is_some_and(|k| k.key_id == a.target_key_id))
            }
            Predicate::Grant {
                key,
                grantee,
                operations,
            } => {
                let Some(k) = find_key(world, key) else {
                    return false;
                };
                world.grants().iter().any(|g| {
                    g.key_arn == k.arn
                        && g.grantee == *grantee
                        && operations.iter().all(|o| {
                            crate::action::Action::from_name(o)
                                .is_some_and(|a| g.operations.contains(a))
                        })
                })
            }
            Predicate::Object {
                bucket,
                key,
                encryption,
                kms_key,
            } => {
                let kms_arn = match kms_key {
                    Some(k) => match find_key(world, k) {
                        Some(k) => Some(k.arn.clone()),
                        None => return false,
                    },
                    None => None,
                };
                world
                    .buckets()
                    .iter()
                    .filter(|b| b.name == *bucket)
                    .flat_map(|b| b.objects.iter())
                    .any(|o| {
                        key.as_ref().is_none_or(|k| o.key == *k)
                            && encryption.as_ref().is_none_or(|e| match &o.encryption {
                                ObjectEncryption::SseS3 => e == "AES256",
                                ObjectEncryption::SseKms { .. } => e == "aws:kms",
                            })
                            && kms_arn.as_ref().is_none_or(|want| match &o.encryption {
                                ObjectEncryption::SseKms { kms_key_arn, .. } => kms_key_arn == want,
                                ObjectEncryption::SseS3 => false,
                            })
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests;
