//! The learner's progress through the course, kept in this browser (localStorage), apart
//! from the world: which goals are met (solved, or shown by "Show me"), how many hints each
//! goal has had, and which lesson the world is open in, with that lesson's baseline.
//!
//! The stored form is versioned (`"version": 1`). [`migrate`] brings an older version up
//! to this one, step by step; a later version of the page adds its step there. A newer
//! version's progress, or anything unreadable, is kept aside and never written over.

use std::collections::BTreeMap;

use kms_core::scenario::Baseline;
use serde_json::{Map, Value, json};

use super::LessonInfo;

/// Where progress is kept.
pub const KEY: &str = "kms-playground.learn";
/// Where progress that could not be read is kept aside.
pub const UNREADABLE_KEY: &str = "kms-playground.learn.unreadable";
/// The version this page writes.
pub const VERSION: u64 = 1;
/// The most text a progress record may be (bytes): more is not read.
pub const MAX_BYTES: usize = 512 * 1024;

/// How a goal was met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalState {
    /// By the learner.
    Solved,
    /// By "Show me".
    Shown,
}

impl GoalState {
    fn name(self) -> &'static str {
        match self {
            GoalState::Solved => "solved",
            GoalState::Shown => "shown",
        }
    }
}

/// One lesson's progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonProgress {
    /// Met goals, by goal id.
    pub goals: BTreeMap<String, GoalState>,
    /// Hints revealed, by goal id.
    pub hints: BTreeMap<String, u32>,
}

/// The lesson the world is open in, and what its goals compare against.
#[derive(Clone, Debug, PartialEq)]
pub struct Active {
    /// The lesson's id.
    pub lesson: String,
    /// The world when the lesson started.
    pub baseline: Baseline,
}

/// Where a lesson stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Never opened in the world.
    NotStarted,
    /// Started, some goals left.
    InProgress,
    /// Every goal met.
    Done,
}

impl Status {
    /// As the map says it.
    pub fn words(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Done => "Done",
        }
    }
}

/// The whole course's progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// By lesson id.
    pub lessons: BTreeMap<String, LessonProgress>,
    /// The lesson the world is open in.
    pub active: Option<Active>,
}

impl Progress {
    /// Where `info` stands.
    pub fn status(&self, info: &LessonInfo) -> Status {
        match self.lessons.get(info.id) {
            None => Status::NotStarted,
            Some(l) if info.goals.iter().all(|g| l.goals.contains_key(*g)) => Status::Done,
            Some(_) => Status::InProgress,
        }
    }

    /// Goals met in `info`.
    pub fn met(&self, info: &LessonInfo) -> usize {
        self.lessons.get(info.id).map_or(0, |l| {
            info.goals
                .iter()
                .filter(|g| l.goals.contains_key(**g))
                .count()
        })
    }

    /// The stored form.
    pub fn to_json(&self) -> Value {
        let lessons: Map<String, Value> = self
            .lessons
            .iter()
            .map(|(id, l)| {
                let goals: Map<String, Value> = l
                    .goals
                    .iter()
                    .map(|(g, s)| (g.clone(), json!(s.name())))
                    .collect();
                let hints: Map<String, Value> =
                    l.hints.iter().map(|(g, n)| (g.clone(), json!(n))).collect();
                (id.clone(), json!({"goals": goals, "hints": hints}))
            })
            .collect();
        json!({
            "version": VERSION,
            "lessons": lessons,
            "active": self.active.as_ref().map(|a| json!({
                "lesson": a.lesson,
                "lastEvent": a.baseline.last_event,
                "policies": a.baseline.policies.iter().map(|(arn, text)| json!([arn, text])).collect::<Vec<_>>(),
            })),
        })
    }

    /// Reads the stored form (any version this page can migrate), checking every field:
    /// it is read as untrusted text.
    pub fn from_text(text: &str) -> Result<Progress, String> {
        if text.len() > MAX_BYTES {
            return Err(format!("it is over {MAX_BYTES} bytes"));
        }
        let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
        let v = migrate(v)?;
        let bad = |what: &str| Err(format!("its {what} is not as this page writes it"));
        let mut p = Progress::default();
        let Some(lessons) = v.get("lessons").and_then(Value::as_object) else {
            return bad("lessons");
        };
        for (id, l) in lessons {
            let mut lp = LessonProgress::default();
            for (g, s) in l
                .get("goals")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let state = match s.as_str() {
                    Some("solved") => GoalState::Solved,
                    Some("shown") => GoalState::Shown,
                    _ => return bad("goal state"),
                };
                lp.goals.insert(g.clone(), state);
            }
            for (g, n) in l
                .get("hints")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let Some(n) = n.as_u64().and_then(|n| u32::try_from(n).ok()) else {
                    return bad("hint count");
                };
                lp.hints.insert(g.clone(), n);
            }
            p.lessons.insert(id.clone(), lp);
        }
        p.active = match v.get("active") {
            None | Some(Value::Null) => None,
            Some(a) => {
                let lesson = a.get("lesson").and_then(Value::as_str);
                let last_event = match a.get("lastEvent") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(_) => return bad("active lesson"),
                };
                let policies: Option<Vec<(String, String)>> = a
                    .get("policies")
                    .and_then(Value::as_array)
                    .map(|ps| {
                        ps.iter()
                            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                                Some([Value::String(arn), Value::String(text)]) => {
                                    Some((arn.clone(), text.clone()))
                                }
                                _ => None,
                            })
                            .collect()
                    })
                    .unwrap_or(Some(Vec::new()));
                match (lesson, policies) {
                    (Some(l), Some(policies)) => Some(Active {
                        lesson: String::from(l),
                        baseline: Baseline {
                            last_event,
                            policies,
                        },
                    }),
                    _ => return bad("active lesson"),
                }
            }
        };
        Ok(p)
    }
}

/// Brings stored progress of an earlier version up to [`VERSION`], one version at a time.
/// Version 1 is the first: there is nothing to migrate yet. A newer version's progress is
/// refused (kept aside), never read as if it were this one's.
pub fn migrate(v: Value) -> Result<Value, String> {
    let version = v
        .get("version")
        .and_then(Value::as_u64)
        .ok_or("it has no version")?;
    match version {
        VERSION => Ok(v),
        0 => Err(String::from("it has no version")),
        newer => Err(format!(
            "it was written by a newer version of the page (progress version {newer}; this page reads up to {VERSION})"
        )),
    }
}

/// The progress kept in this browser, and what was wrong with it if it could not be read
/// (it is then kept aside, and the course starts afresh).
pub fn load() -> (Progress, Option<String>) {
    let Some(text) = crate::persist::read(KEY) else {
        return (Progress::default(), None);
    };
    match Progress::from_text(&text) {
        Ok(p) => (p, None),
        Err(why) => {
            let _ = crate::persist::write(UNREADABLE_KEY, &text);
            crate::persist::remove(KEY);
            (
                Progress::default(),
                Some(format!(
                    "Your course progress could not be read ({why}); it was kept aside in this browser, and the course starts afresh."
                )),
            )
        }
    }
}

/// Keeps `p` in this browser (not from an embedded frame, which keeps nothing).
pub fn save(p: &Progress) -> Result<(), String> {
    if crate::embed::is_embedded() {
        return Ok(());
    }
    crate::persist::write(KEY, &p.to_json().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: LessonInfo = LessonInfo {
        file: "08-grants",
        id: "grants",
        title: "8. Grants",
        summary: "s",
        goals: &["delegate", "token", "retire"],
    };

    #[test]
    fn progress_round_trips_and_says_where_a_lesson_stands() {
        let mut p = Progress::default();
        assert_eq!(p.status(&INFO), Status::NotStarted);
        let l = p.lessons.entry(String::from("grants")).or_default();
        l.goals.insert(String::from("delegate"), GoalState::Solved);
        l.hints.insert(String::from("token"), 2);
        p.active = Some(Active {
            lesson: String::from("grants"),
            baseline: Baseline {
                last_event: Some(String::from("e-1")),
                policies: vec![(String::from("arn:k"), String::from("{}"))],
            },
        });
        assert_eq!(p.status(&INFO), Status::InProgress);
        assert_eq!(p.met(&INFO), 1);
        let back = Progress::from_text(&p.to_json().to_string()).unwrap();
        assert_eq!(back, p);
        let l = p.lessons.get_mut("grants").unwrap();
        l.goals.insert(String::from("token"), GoalState::Shown);
        l.goals.insert(String::from("retire"), GoalState::Solved);
        assert_eq!(p.status(&INFO), Status::Done, "a shown goal counts as met");
    }

    #[test]
    fn unreadable_or_newer_progress_is_refused_with_a_reason() {
        let said = |t: &str| Progress::from_text(t).unwrap_err();
        assert!(said("{").starts_with("not JSON"));
        assert_eq!(said(r#"{"lessons": {}}"#), "it has no version");
        assert!(said(r#"{"version": 2, "lessons": {}}"#).contains("newer version"));
        assert!(said(r#"{"version": 1}"#).contains("lessons"));
        assert!(
            said(r#"{"version": 1, "lessons": {"a": {"goals": {"g": "maybe"}}}}"#)
                .contains("goal state")
        );
        assert!(
            said(r#"{"version": 1, "lessons": {"a": {"hints": {"g": -1}}}}"#)
                .contains("hint count")
        );
        assert!(
            said(
                r#"{"version": 1, "lessons": {}, "active": {"lesson": "a", "policies": [[1, 2]]}}"#
            )
            .contains("active lesson")
        );
        assert!(said(&" ".repeat(MAX_BYTES + 1)).contains("bytes"));
    }
}
