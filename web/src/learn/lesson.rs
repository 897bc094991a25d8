//! One lesson, as the learner works through it: its text, its world (started on request,
//! replacing the page's world after asking when that world has changes), its
//! predict-then-reveal questions (the Scenarios panel's guided play), and its goals, ticked
//! the moment the world meets them, with hints one at a time and a "Show me" that plays
//! the solution as calls.

use std::sync::Arc;

use kms_core::World;
use kms_core::scenario::{Baseline, Lesson, Runner, StepError, StepKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;
use wasm_bindgen::JsCast;

use super::progress::{self, Active, GoalState, Progress, Status};
use super::{LESSONS, LessonInfo, world_name};
use crate::panels::scenarios::{GuidedPlay, use_play};
use crate::play::Play;
use crate::store::Slice;
use crate::ui::Pg;
use crate::widgets::use_pg;

/// A lesson file, read: the lesson and its text (the guided play keeps the text).
type Loaded = Arc<(Lesson, String)>;

/// Fetches a lesson file shipped beside the page (`lessons/<file>.json`) and reads it.
async fn fetch_lesson(info: &LessonInfo) -> Result<Loaded, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = wasm_bindgen_futures::JsFuture::from(
        window.fetch_with_str(&format!("lessons/{}.json", info.file)),
    )
    .await
    .map_err(crate::encrypt::js_error)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(crate::encrypt::js_error)?;
    if !resp.ok() {
        return Err(format!(
            "the lesson could not be fetched (HTTP {})",
            resp.status()
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(crate::encrypt::js_error)?)
        .await
        .map_err(crate::encrypt::js_error)?
        .as_string()
        .ok_or("the lesson is not text")?;
    let lesson = Lesson::load(&text).map_err(|e| crate::panels::scenarios::vm::errors_text(&e))?;
    Ok(Arc::new((lesson, text)))
}

/// Keeps `p`, and says so when the browser would not.
fn keep(pg: Pg, p: RwSignal<Progress>) {
    if let Err(why) = p.with_untracked(progress::save) {
        pg.announce(&format!(
            "Your course progress could not be kept in this browser: {why}"
        ));
    }
}

/// `text` with its `code` spans (between backticks) shown as code.
fn with_code(text: &str) -> impl IntoView + use<> {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = String::from(part);
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}

/// Marks the goals the world meets now as met (`how`) and keeps them; what to say of it,
/// when a goal was newly met. A goal once met stays met.
fn check_goals(
    pg: Pg,
    p: RwSignal<Progress>,
    lesson: &Lesson,
    info: &LessonInfo,
    how: GoalState,
) -> Option<String> {
    let baseline = p.with_untracked(|p| {
        p.active
            .as_ref()
            .filter(|a| a.lesson == info.id)
            .map(|a| a.baseline.clone())
    })?;
    let met = pg.store.peek(|w| lesson.met(w, &baseline));
    let mut newly = Vec::new();
    p.update(|p| {
        let lp = p.lessons.entry(String::from(info.id)).or_default();
        for (g, m) in lesson.goals.iter().zip(met) {
            if m && !lp.goals.contains_key(&g.id) {
                lp.goals.insert(g.id.clone(), how);
                newly.push(g.clone());
            }
        }
    });
    if newly.is_empty() {
        return None;
    }
    keep(pg, p);
    let done = p.with_untracked(|p| p.status(info) == Status::Done);
    for g in &newly {
        crate::embed::report(
            "goal",
            json!({"lesson": info.id, "goal": g.id, "how": if how == GoalState::Shown { "shown" } else { "solved" }}),
        );
    }
    let said = newly
        .iter()
        .map(|g| format!("Goal met: {}", g.text))
        .collect::<Vec<_>>()
        .join(" ");
    if done {
        let shown = p.with_untracked(|p| {
            p.lessons.get(info.id).map_or(0, |l| {
                l.goals.values().filter(|s| **s == GoalState::Shown).count()
            })
        });
        crate::embed::report(
            "lessonCompleted",
            json!({"lesson": info.id, "title": info.title, "goals": info.goals.len(), "shown": shown}),
        );
        Some(format!("{said} Lesson done: every goal is met."))
    } else {
        Some(said)
    }
}

/// Plays the solution as calls through the store (each in the call drawer, with its `aws`
/// twin), clock steps as clock advances.
fn play_solution(pg: Pg, lesson: &Lesson) {
    let mut runner = Runner::over(World::default(), lesson.solution.clone());
    while !runner.finished() {
        match runner.prepare_call() {
            Some(prepared) => {
                let (output, decision) = match &prepared {
                    Ok(p) => {
                        let record = crate::play::send(&pg.store, p);
                        (
                            record.output.clone().map_err(|f| StepError {
                                code: f.code,
                                message: f.message,
                            }),
                            record.decisions.last().cloned(),
                        )
                    }
                    Err(e) => (Err(e.clone()), None),
                };
                runner.finish_call(prepared, output, decision, Vec::new());
            }
            None => {
                let advance = runner
                    .steps()
                    .get(runner.position())
                    .and_then(|s| match s.kind {
                        StepKind::Advance(d) => Some(d),
                        _ => None,
                    });
                // Moves past the step (against a placeholder world); the clock moves in
                // the page's world.
                runner.step();
                if let Some(d) = advance
                    && let Err(e) = pg
                        .store
                        .advance(d, &format!("Show me: the clock moves {d}"))
                {
                    pg.announce(&e);
                }
            }
        }
    }
}

/// One lesson.
#[component]
pub fn LessonView(id: &'static str) -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let previous = crate::keep::use_previous();
    let Some(info) = super::lesson(id) else {
        return view! { <p class="field-error">"There is no such lesson."</p> }.into_any();
    };
    let number = LESSONS.iter().position(|l| l.id == id).unwrap_or(0);
    let loaded: RwSignal<Option<Result<Loaded, String>>, LocalStorage> = RwSignal::new_local(None);
    spawn_local(async move {
        let r = fetch_lesson(info).await;
        loaded.set(Some(r));
    });
    let progress = RwSignal::new(progress::load().0);
    let asking = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    // The world is this lesson's: the lesson was started, and the page's world is the one
    // it started, grown by the learner (after a reload too; opening another world leaves
    // it).
    let active = Memo::new(move |_| {
        let baseline = progress.with(|p| {
            p.active
                .as_ref()
                .filter(|a| a.lesson == id)
                .map(|a| a.baseline.clone())
        });
        pg.store
            .read(&Slice::ALL, |w| baseline.is_some_and(|b| b.matches(w)))
    });
    // The lesson follows the learner: a goal is ticked the moment the world meets it.
    Effect::new(move |_| {
        pg.store.read(&Slice::ALL, |_| ());
        if !active.get() {
            return;
        }
        if let Some(Ok(l)) = loaded.get()
            && let Some(said) = check_goals(pg, progress, &l.0, info, GoalState::Solved)
        {
            pg.announce(&said);
        }
    });
    let begin = move || {
        let Some(Ok(l)) = loaded.get_untracked() else {
            return;
        };
        let (lesson, text) = &*l;
        match lesson.start() {
            Ok(world) => {
                let baseline = Baseline::of(&world);
                crate::panels::scenarios::open_world(
                    pg,
                    world,
                    &format!("Start lesson “{}”", info.title),
                    &world_name(info),
                );
                match Play::start(text) {
                    Ok((p, _)) => {
                        crate::embed::report_started(&p);
                        play.set(Some(p));
                    }
                    Err(e) => pg.announce(&e),
                }
                progress.update(|p| {
                    p.active = Some(Active {
                        lesson: String::from(id),
                        baseline,
                    });
                    p.lessons.entry(String::from(id)).or_default();
                });
                keep(pg, progress);
                pg.announce(&format!(
                    "Lesson {} started in its own world; Undo takes you back to the world you had.",
                    number + 1
                ));
                crate::widgets::focus_later(String::from("lesson-world-heading"));
            }
            Err(e) => pg.announce(&format!("The lesson's world could not be built: {e}")),
        }
    };
    let start = move |_| {
        if pg.store.has_changes() && !active.get_untracked() {
            asking.set(true);
            crate::widgets::focus_later(String::from("lesson-ask-heading"));
        } else {
            begin();
        }
    };
    let confirm = move |_| match crate::keep::keep_current(pg, play, previous, &world_name(info)) {
        Ok(()) => {
            asking.set(false);
            problem.set(None);
            begin();
        }
        Err(e) => problem.set(Some(e)),
    };
    let cancel = move |_| {
        asking.set(false);
        pg.announce("Nothing was replaced: your world is as it was.");
    };
    let show_me = move |_| {
        let Some(Ok(l)) = loaded.get_untracked() else {
            return;
        };
        pg.store.group(&format!("Show me: {}", info.title), || {
            play_solution(pg, &l.0);
        });
        let said = check_goals(pg, progress, &l.0, info, GoalState::Shown).unwrap_or_default();
        pg.announce(format!(
            "{said} The solution's calls are in the call drawer, each with its aws twin; the goals it met are marked shown, not solved."
        ).trim_start());
    };
    let reset = move |_| {
        progress.update(|p| {
            p.lessons.remove(id);
            if p.active.as_ref().is_some_and(|a| a.lesson == id) {
                p.active = None;
            }
        });
        keep(pg, progress);
        pg.announce(&format!(
            "Lesson {}'s progress was reset; the other lessons are as they were.",
            number + 1
        ));
    };
    let in_lesson_play = move || play.with(|p| p.as_ref().is_some_and(|p| p.title() == info.title));
    let ask_again = move |_| {
        let Some(Ok(l)) = loaded.get_untracked() else {
            return;
        };
        match Play::start(&l.1) {
            Ok((p, _)) => play.set(Some(p)),
            Err(e) => pg.announce(&e),
        }
    };
    let prev = number.checked_sub(1).and_then(|i| LESSONS.get(i));
    let next = LESSONS.get(number + 1);
    view! {
        <nav class="crumbs" aria-label="Course">
            <a href=crate::route::Panel::Learn.href()>"The course"</a>
            <span aria-hidden="true">" › "</span>
            <span>{format!("Lesson {} of {}", number + 1, LESSONS.len())}</span>
        </nav>
        {move || match loaded.get() {
            None => view! { <p class="loading" role="status">"Loading the lesson…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
            Some(Ok(l)) => {
                let (lesson, _) = &*l;
                let goals = lesson.goals.clone();
                let text = lesson.text.clone();
                view! {
                    <article class="card lesson" aria-labelledby="lesson-title" data-testid="lesson">
                        <div class="lesson-head">
                            <h2 id="lesson-title">{info.title}</h2>
                            <span
                                class=move || match progress.with(|p| p.status(info)) { Status::Done => "status done", Status::InProgress => "status doing", Status::NotStarted => "status" }
                                data-testid="lesson-status"
                            >{move || progress.with(|p| p.status(info)).words()}</span>
                        </div>
                        {text.into_iter().map(|t| view! { <p>{with_code(&t)}</p> }).collect_view()}
                    </article>
                    <section class="card lesson-world" aria-labelledby="lesson-world-heading" data-testid="lesson-world">
                        <h2 id="lesson-world-heading" tabindex="-1">"The lesson's world"</h2>
                        {move || if active.get() {
                            view! {
                                <p data-testid="lesson-active">"You are in this lesson's world. Work in any panel, or in the terminal: the goals below follow the world."</p>
                            }.into_any()
                        } else {
                            view! {
                                <p class="help">"Starting the lesson opens its world (its principals, keys and history) in place of yours. Your world is kept: Undo brings it back."</p>
                                <button type="button" class="btn btn-primary" data-testid="lesson-start" on:click=start>"Start the lesson"</button>
                            }.into_any()
                        }}
                        {move || asking.get().then(|| view! {
                            <div class="callout replace-ask" role="group" aria-labelledby="lesson-ask-heading" data-testid="lesson-ask">
                                <h3 id="lesson-ask-heading" tabindex="-1">"Your world has changes"</h3>
                                <p>"Starting the lesson replaces your world. It will be kept as your previous world, which you can restore from the Scenarios panel; Undo takes the change back too."</p>
                                {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                                <div class="toolbar">
                                    <button type="button" class="btn btn-primary" on:click=confirm>"Keep mine aside and start"</button>
                                    <button type="button" class="btn" on:click=cancel>"Cancel"</button>
                                </div>
                            </div>
                        })}
                    </section>
                    <section class="card lesson-questions" aria-labelledby="questions-heading">
                        <h2 id="questions-heading">"Predict, then reveal"</h2>
                        {move || if in_lesson_play() {
                            view! { <GuidedPlay/> }.into_any()
                        } else if active.get() {
                            view! {
                                <p class="help">"The questions of this lesson ask about its world as it starts."</p>
                                <button type="button" class="btn" on:click=ask_again>"Ask the questions"</button>
                            }.into_any()
                        } else {
                            view! { <p class="help">"Start the lesson: its questions come one at a time, each with the full request, and you predict before the world answers."</p> }.into_any()
                        }}
                    </section>
                    <section class="card lesson-goals" aria-labelledby="goals-heading" data-testid="lesson-goals">
                        <h2 id="goals-heading">"Goals"</h2>
                        <p class="help">"Make each of these true in the world, by any means: a panel, the terminal, or the command line you would use at work."</p>
                        <ol class="goals">
                            {goals.into_iter().map(|g| {
                                let gid = g.id.clone();
                                let gid2 = g.id.clone();
                                let gid3 = g.id.clone();
                                let hints = g.hints.clone();
                                let n = hints.len();
                                let state = Memo::new(move |_| progress.with(|p| p.lessons.get(id).and_then(|l| l.goals.get(&gid).copied())));
                                let shown_hints = Memo::new(move |_| progress.with(|p| p.lessons.get(id).and_then(|l| l.hints.get(&gid2).copied()).unwrap_or(0) as usize));
                                let more = move |_| {
                                    progress.update(|p| {
                                        let l = p.lessons.entry(String::from(id)).or_default();
                                        let h = l.hints.entry(gid3.clone()).or_insert(0);
                                        *h = (*h + 1).min(n as u32);
                                    });
                                    keep(pg, progress);
                                };
                                view! {
                                    <li class="goal" data-testid=format!("goal-{}", g.id) class:met=move || state.get().is_some()>
                                        <p class="goal-text">
                                            <span class="goal-mark" data-testid="goal-state">{move || match state.get() {
                                                Some(GoalState::Solved) => "✓ Done",
                                                Some(GoalState::Shown) => "✓ Shown",
                                                None => "○ To do",
                                            }}</span>
                                            " "{g.text.clone()}
                                        </p>
                                        <ol class="hints" aria-label="Hints">
                                            {move || hints.iter().take(shown_hints.get()).map(|h| view! { <li class="hint">{with_code(h)}</li> }).collect_view()}
                                        </ol>
                                        {move || (shown_hints.get() < n && state.get().is_none()).then(|| view! {
                                            <button type="button" class="btn btn-small" data-testid="hint" on:click=more.clone()>
                                                {format!("Show a hint ({} of {n})", shown_hints.get() + 1)}
                                            </button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <div class="toolbar">
                            <button type="button" class="btn" data-testid="show-me" disabled=move || !active.get() on:click=show_me
                                title="Plays the solution as calls in this lesson's world">"Show me"</button>
                            <button type="button" class="btn btn-small" data-testid="lesson-reset" on:click=reset>"Reset this lesson's progress"</button>
                        </div>
                        {move || (!active.get()).then(|| view! { <p class="muted small">"Show me plays the solution in the lesson's world: start the lesson first."</p> })}
                    </section>
                }.into_any()
            }
        }}
        <nav class="lesson-nav" aria-label="Lessons">
            {prev.map(|l| view! { <a href=super::href(l) rel="prev">{format!("← {}", l.title)}</a> })}
            {next.map(|l| view! { <a href=super::href(l) rel="next">{format!("{} →", l.title)}</a> })}
        </nav>
    }
    .into_any()
}
