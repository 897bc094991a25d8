//! The Learn panel: the course. A map of the lessons (in the first download, since a
//! newcomer lands here), and each lesson (a chunk of its own, with its text and world
//! fetched from `lessons/<file>.json` when it is opened).

pub mod progress;

use leptos::prelude::*;

use crate::route::{Panel, Route};
use crate::widgets::use_pg;
use progress::Status;

/// What the map knows of a lesson without fetching it (read from the lesson files when
/// the page is built).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonInfo {
    /// The file's name without `.json` (`08-grants`).
    pub file: &'static str,
    /// The lesson's id: its link, `#/learn/<id>`.
    pub id: &'static str,
    /// Its title (`8. Grants: lending part of a key`).
    pub title: &'static str,
    /// One sentence on what it teaches.
    pub summary: &'static str,
    /// Its goals' ids.
    pub goals: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// The lesson with this id.
pub fn lesson(id: &str) -> Option<&'static LessonInfo> {
    LESSONS.iter().find(|l| l.id == id)
}

/// The link to a lesson.
pub fn href(info: &LessonInfo) -> String {
    Route::to(Panel::Learn, info.id).href()
}

/// The name of a lesson's world (Reset says it; the lesson knows its world by it).
pub fn world_name(info: &LessonInfo) -> String {
    format!("lesson “{}”", info.title)
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn lesson_tools(id: &'static str) -> AnyView {
    view! { <lesson::LessonView id/> }.into_any()
}

pub mod lesson;

/// The Learn panel: the map, or the lesson the route names.
#[component]
pub fn LearnPanel() -> impl IntoView {
    let pg = use_pg();
    let open = Memo::new(move |_| pg.ui.route.with(|r| r.detail.clone()));
    move || {
        match open.get() {
        None => view! { <Map/> }.into_any(),
        Some(id) => match lesson(&id) {
            Some(info) => crate::panels::lazily(lesson_tools(info.id)),
            None => view! {
                <p class="field-error" role="alert">{format!("There is no lesson “{id}”. ")}<a href=Panel::Learn.href()>"See every lesson"</a></p>
                <Map/>
            }
            .into_any(),
        },
    }
    }
}

/// The course's map: every lesson, where it stands, and the whole course's progress.
#[component]
fn Map() -> impl IntoView {
    let pg = use_pg();
    let (p, problem) = progress::load();
    if let Some(why) = problem {
        pg.announce(&why);
    }
    let done = LESSONS
        .iter()
        .filter(|l| p.status(l) == Status::Done)
        .count();
    let goals: usize = LESSONS.iter().map(|l| l.goals.len()).sum();
    let met: usize = LESSONS.iter().map(|l| p.met(l)).sum();
    let next = LESSONS
        .iter()
        .find(|l| p.status(l) == Status::InProgress)
        .or_else(|| LESSONS.iter().find(|l| p.status(l) != Status::Done));
    view! {
        <section class="card lesson-map" aria-labelledby="map-title" data-testid="lesson-map">
            <div class="map-head">
                <h2 id="map-title">"The course"</h2>
                {next.map(|l| view! {
                    <a class="btn btn-primary" href=href(l) data-testid="continue">
                        {if p.status(l) == Status::NotStarted { format!("Start lesson {}", l.title.split('.').next().unwrap_or_default()) } else { format!("Continue lesson {}", l.title.split('.').next().unwrap_or_default()) }}
                    </a>
                })}
            </div>
            <p class="help">"From what encryption is to the study notes' Alice, Bob, Charlie and David exercise. Each lesson has questions to predict and goals to make true in the world, with any panel or the terminal: the lesson ticks a goal the moment the world meets it."</p>
            <p class="course-progress" data-testid="course-progress">
                <progress max=goals value=met aria-label="Goals met in the course"></progress>
                {format!("{done} of {} lessons done · {met} of {goals} goals met", LESSONS.len())}
            </p>
            <ol class="lessons" data-testid="lessons">
                {LESSONS.iter().map(|l| {
                    let status = p.status(l);
                    let class = match status { Status::Done => "status done", Status::InProgress => "status doing", Status::NotStarted => "status" };
                    view! {
                        <li class="lesson-item" data-testid=format!("lesson-{}", l.id)>
                            <a href=href(l) class="lesson-link">
                                <span class="lesson-title">{l.title}</span>
                                <span class="lesson-summary">{l.summary}</span>
                            </a>
                            <span class=class data-testid="lesson-status">{status.words()}</span>
                            <span class="muted small">{format!("{} of {} goals", p.met(l), l.goals.len())}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use kms_core::scenario::Lesson;

    #[test]
    fn the_index_is_what_the_lesson_files_say() {
        assert_eq!(LESSONS.len(), 13);
        for info in LESSONS {
            let path = format!(
                "{}/../tests/lessons/{}.json",
                env!("CARGO_MANIFEST_DIR"),
                info.file
            );
            let l = Lesson::load(&std::fs::read_to_string(path).unwrap()).unwrap();
            assert_eq!(l.id, info.id);
            assert_eq!(l.scenario.title.as_deref(), Some(info.title));
            let goals: Vec<&str> = l.goals.iter().map(|g| g.id.as_str()).collect();
            assert_eq!(goals, info.goals);
            assert_eq!(href(info), format!("#/learn/{}", info.id));
            assert_eq!(lesson(info.id), Some(info));
        }
        assert_eq!(lesson("nowhere"), None);
    }
}
