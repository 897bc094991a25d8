//! The course (tests/lessons): every lesson loads, its solution meets every goal from a
//! starting world that meets none, and its predict-then-reveal questions have the answers
//! the world gives. The lessons follow the study notes in order, 1 to 13, one file each.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

use std::path::PathBuf;

use kms_core::scenario::{Baseline, Lesson, Runner};

fn lessons() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/lessons");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_course_has_thirteen_lessons_in_order_each_named_by_its_id() {
    let files = lessons();
    assert_eq!(
        files.len(),
        13,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (i, (name, text)) in files.iter().enumerate() {
        let l = Lesson::load(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(
            *name,
            format!("{:02}-{}.json", i + 1, l.id),
            "file name = number + id"
        );
        let title = l.scenario.title.clone().unwrap();
        assert!(
            title.starts_with(&format!("{}. ", i + 1)),
            "{name}: {title}"
        );
        assert!(!l.text.is_empty() && !l.goals.is_empty(), "{name}");
        assert!(
            l.goals.iter().all(|g| !g.hints.is_empty()),
            "{name}: every goal has a hint"
        );
    }
}

#[test]
fn every_solution_meets_its_goals_and_no_starting_world_meets_one() {
    let mut goals = 0;
    for (name, text) in lessons() {
        let l = Lesson::load(&text).unwrap();
        let report = l
            .check()
            .unwrap_or_else(|e| panic!("{name}: setup failed: {e}"));
        assert!(
            report.met_at_start.is_empty(),
            "{name}: met at the start: {:?}",
            report.met_at_start
        );
        assert!(
            report.failed_steps.is_empty(),
            "{name}: {:?}",
            report.failed_steps
        );
        assert!(
            report.unmet_after_solution.is_empty(),
            "{name}: unmet: {:?}",
            report.unmet_after_solution
        );
        goals += l.goals.len();
    }
    assert!(goals >= 30, "{goals} goals in the course");
}

#[test]
fn every_question_of_every_lesson_has_the_answer_the_world_gives() {
    for (name, text) in lessons() {
        let l = Lesson::load(&text).unwrap();
        assert!(
            !l.scenario.steps.is_empty(),
            "{name}: a lesson asks at least one question"
        );
        // The questions are asked in the world the learner starts from.
        let world = l.start().unwrap();
        let mut runner = Runner::over(world, l.scenario.steps.clone());
        for r in runner.run_all() {
            assert_eq!(
                r.met,
                Some(true),
                "{name}: question {} ({}): {:?} {:?}",
                r.index,
                r.what,
                r.error,
                r.decision.map(|d| d.reason)
            );
        }
    }
}

#[test]
fn a_goal_once_met_can_be_undone_by_the_world_changing_back() {
    // Lesson 8's delegation holds only while the grant is there: goals read the world as
    // it is (the page keeps a goal ticked once met).
    let (_, text) = lessons()
        .into_iter()
        .find(|(n, _)| n.starts_with("08-"))
        .unwrap();
    let l = Lesson::load(&text).unwrap();
    let start = l.start().unwrap();
    let baseline = Baseline::of(&start);
    let mut runner = Runner::over(start, l.solution.clone());
    let mut seen = Vec::new();
    while runner.step().is_some() {
        seen.push(l.met(&runner.world, &baseline)[0]);
    }
    assert_eq!(seen.first(), Some(&false), "before the grant is in effect");
    assert!(seen.contains(&true), "{seen:?}");
    assert_eq!(seen.last(), Some(&false), "after the grant is retired");
}
