//! `kms-playground check-lesson FILE`: proves a lesson works. Its solution, played on the
//! lesson's starting world, meets every goal with every step as expected, and the starting
//! world meets none of them (a goal met before the learner does anything teaches nothing).

use std::process::ExitCode;

use kms_core::scenario::Lesson;

use crate::{read_limited, safe};

/// The lesson in `text` (already read from `file`), or its errors printed.
pub(crate) fn load(file: &str, text: &str) -> Result<Lesson, ExitCode> {
    Lesson::load(text).map_err(|errors| {
        let shown = safe(file);
        for e in &errors {
            eprintln!("{shown}:{}", safe(&e.to_string()));
        }
        eprintln!(
            "{shown}: the file is not a valid lesson ({} error{} listed)",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        ExitCode::from(2)
    })
}

/// Whether the scenario text carries a `lesson` field (then `validate` checks it too).
pub(crate) fn is_lesson(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .is_some_and(|v| v.get("lesson").is_some())
}

pub(crate) fn check(file: &str) -> ExitCode {
    let shown = safe(file);
    let text = match read_limited(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{shown}: {}", safe(&e));
            return ExitCode::from(2);
        }
    };
    let lesson = match load(file, &text) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let report = match lesson.check() {
        Ok(r) => r,
        Err(e) => {
            println!("{shown}: the lesson's setup failed: {}", safe(&e));
            return ExitCode::FAILURE;
        }
    };
    let title = lesson.scenario.title.as_deref().unwrap_or(&lesson.id);
    println!(
        "{shown}: lesson `{}` ({}): {} goal(s), a solution of {} step(s)",
        safe(&lesson.id),
        safe(title),
        lesson.goals.len(),
        lesson.solution.len()
    );
    for line in &report.failed_steps {
        println!("  ✗ {}", safe(line));
    }
    for (g, by) in lesson.goals.iter().zip(&report.met_by) {
        let at_start = report.met_at_start.contains(&g.id);
        let said = match (at_start, by) {
            (true, _) => String::from("already met in the starting world"),
            (false, Some(i)) => format!("unmet at the start, met after solution[{i}]"),
            (false, None) => String::from("not met by the solution"),
        };
        let mark = if !at_start && by.is_some() {
            "✓"
        } else {
            "✗"
        };
        println!("  {mark} {}: {said} — {}", safe(&g.id), safe(&g.text));
    }
    if report.ok() {
        println!(
            "the lesson works: its starting world meets none of its {} goal(s), its solution meets all of them",
            lesson.goals.len()
        );
        ExitCode::SUCCESS
    } else {
        let faults = report.failed_steps.len()
            + report.met_at_start.len()
            + report.unmet_after_solution.len();
        println!("the lesson does not work: {faults} fault(s)");
        ExitCode::FAILURE
    }
}
