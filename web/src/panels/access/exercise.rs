//! The study notes' exercise, played: predict, then reveal.

use kms_core::action::Action;
use leptos::prelude::*;

use super::{vm, words};
use crate::store::Slice;
use crate::widgets::use_pg;

/// The study notes' exercise: predict each cell of Alice, Bob, Charlie and David ×
/// CMK-A, CMK-B and CMK-C for kms:Decrypt, then reveal. `quiz` is true while it is being
/// answered (the panel hides the matrix meanwhile).
#[component]
pub(super) fn Exercise(quiz: RwSignal<bool>) -> impl IntoView {
    let pg = use_pg();
    let questions = Memo::new(move |_| {
        let Ok(s) = kms_core::scenario::Scenario::load(crate::STARTING_SCENARIO) else {
            return Vec::new();
        };
        pg.store
            .read(&Slice::DECISIONS, |w| vm::exercise(w, &s, Action::Decrypt))
    });
    let guesses = RwSignal::new(std::collections::BTreeMap::<usize, String>::new());
    let revealed = RwSignal::new(false);
    let started = RwSignal::new(false);
    Effect::new(move |_| quiz.set(started.get() && !revealed.get()));
    let start = move |_| {
        guesses.set(Default::default());
        revealed.set(false);
        started.set(true);
        crate::widgets::focus_later(String::from("exercise-heading"));
    };
    view! {
        <Show when=move || !questions.get().is_empty()>
            <section class="card" aria-labelledby="exercise-heading" data-testid="exercise">
                <h2 id="exercise-heading" tabindex="-1">"Predict, then reveal: the study notes' exercise"</h2>
                <p class="help">"May each of them decrypt with each key? Mark every cell, then reveal. (The answers come from this world as it is now.)"</p>
                <Show when=move || !started.get()>
                    <p class="small">"While you answer, the matrix above is hidden: it shows the answers."</p>
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" data-testid="exercise-start" on:click=start>"Start the exercise"</button>
                    </div>
                </Show>
                <Show when=move || started.get()>
                {move || {
                    let qs = questions.get();
                    let mut people: Vec<String> = Vec::new();
                    let mut keys: Vec<String> = Vec::new();
                    for q in &qs {
                        if !people.contains(&q.who.0) { people.push(q.who.0.clone()); }
                        if !keys.contains(&q.key.0) { keys.push(q.key.0.clone()); }
                    }
                    let k2 = keys.clone();
                    view! {
                        <div class="table-wrap">
                            <table class="quiz">
                                <caption class="visually-hidden">"May each principal decrypt with each key?"</caption>
                                <thead><tr><td></td>{k2.into_iter().map(|k| view! { <th scope="col">{k}</th> }).collect_view()}</tr></thead>
                                <tbody>
                                    {people.into_iter().map(|who| {
                                        let cells = keys.iter().map(|key| {
                                            let Some(i) = qs.iter().position(|q| q.who.0 == who && q.key.0 == *key) else {
                                                return view! { <td></td> }.into_any();
                                            };
                                            let q = qs.get(i).cloned();
                                            let label = format!("{who} decrypts with {key}");
                                            let pick = move |v: &'static str| move |_| guesses.update(|g| { g.insert(i, String::from(v)); });
                                            let pressed = move |v: &'static str| move || if guesses.get().get(&i).map(String::as_str) == Some(v) { "true" } else { "false" };
                                            let result = move || revealed.get().then(|| {
                                                let q = q.clone()?;
                                                let guess = guesses.get().get(&i).cloned().unwrap_or_default();
                                                let ok = !guess.is_empty() && vm::right(&guess, q.answer);
                                                let why = q.note.clone().unwrap_or_else(|| String::from(vm::lesson(q.answer)));
                                                Some(view! {
                                                    <p class=if ok { "verdict-line right" } else { "verdict-line wrong" } data-testid="quiz-result">
                                                        <strong>{if ok { "✓ Right" } else if guess.is_empty() { "– Not answered" } else { "✕ Wrong" }}</strong>
                                                        {format!(" — {}. {why}", words(q.answer))}
                                                    </p>
                                                })
                                            }).flatten();
                                            view! {
                                                <td class="quiz-cell" data-testid="quiz-item" data-key=key.clone()>
                                                    <span role="group" aria-label=label class="quiz-choices">
                                                        <button type="button" class="btn btn-small" aria-pressed=pressed("allow") on:click=pick("allow")>"✓ Allowed"</button>
                                                        <button type="button" class="btn btn-small" aria-pressed=pressed("deny") on:click=pick("deny")>"✕ Denied"</button>
                                                    </span>
                                                    {result}
                                                </td>
                                            }.into_any()
                                        }).collect_view();
                                        view! { <tr><th scope="row">{who.clone()}</th>{cells}</tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                }}
                <div class="toolbar">
                    <button type="button" class="btn btn-primary" disabled=move || revealed.get() on:click=move |_| revealed.set(true)>"Reveal"</button>
                    <button type="button" class="btn" on:click=start>"Start again"</button>
                    <button type="button" class="btn" on:click=move |_| { started.set(false); revealed.set(false); }>"Close the exercise"</button>
                </div>
                {move || revealed.get().then(|| {
                    let qs = questions.get();
                    let g = guesses.get();
                    let right = qs.iter().enumerate().filter(|(i, q)| g.get(i).is_some_and(|v| vm::right(v, q.answer))).count();
                    view! { <p class="score" role="status" data-testid="quiz-score">{format!("{right} of {} right.", qs.len())}</p> }
                })}
                </Show>
            </section>
        </Show>
    }
}
