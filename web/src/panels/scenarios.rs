//! The Scenarios panel: the gallery of presets, guided play (predict, then reveal), and the
//! world as a file — export, import, and share links.

pub mod vm;

use kms_core::World;
use kms_core::scenario::Scenario;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::play::{Play, step_title};
use crate::widgets::{CopyButton, use_pg};

/// The guided play in progress, shared by the page (saved with the world).
pub type PlaySignal = RwSignal<Option<Play>, LocalStorage>;

/// The play in context.
pub fn use_play() -> PlaySignal {
    use_context::<PlaySignal>().unwrap_or_else(|| RwSignal::new_local(None))
}

/// Fetches a preset shipped beside the page (`scenarios/<name>.json`).
async fn fetch_preset(name: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = wasm_bindgen_futures::JsFuture::from(
        window.fetch_with_str(&format!("scenarios/{name}.json")),
    )
    .await
    .map_err(crate::encrypt::js_error)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(crate::encrypt::js_error)?;
    if !resp.ok() {
        return Err(format!(
            "the preset {name} could not be fetched (HTTP {})",
            resp.status()
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(crate::encrypt::js_error)?)
        .await
        .map_err(crate::encrypt::js_error)?;
    text.as_string()
        .ok_or_else(|| String::from("the preset is not text"))
}

/// Loads a scenario's world into the page, as a change that Undo takes back; acts as its
/// first user. Reset then returns to it, by `name`.
pub fn open_world(pg: crate::ui::Pg, world: World, label: &str, name: &str) {
    let actor = crate::ui::first_actor(&world);
    let region = world.region().to_string();
    pg.store.load(world, label, name);
    pg.ui.acting_as.set(actor);
    pg.ui.region.set(region);
}

/// Starts a guided play of the scenario in `text`.
pub fn start_play(pg: crate::ui::Pg, play: PlaySignal, text: &str) -> Result<(), String> {
    let (p, world) = Play::start(text)?;
    open_world(
        pg,
        world,
        &format!("Play “{}”", p.title()),
        &format!("“{}”", p.title()),
    );
    crate::embed::report_started(&p);
    play.set(Some(p));
    Ok(())
}

/// Opens a scenario file's world (no play).
pub fn open_file(pg: crate::ui::Pg, text: &str, label: &str) -> Result<String, String> {
    let s = Scenario::load(text).map_err(|e| vm::errors_text(&e))?;
    let world = s.build_world().map_err(|e| e.to_string())?;
    let title = s.title.clone().unwrap_or_else(|| String::from("Untitled"));
    open_world(
        pg,
        world,
        &format!("{label} “{title}”"),
        &format!("“{title}”"),
    );
    Ok(title)
}

/// A world that would replace the learner's: a preset played or opened, or the study
/// notes' world again.
#[derive(Clone, Debug)]
pub enum Replacement {
    /// A preset's guided play: its title and its text.
    Play(String, String),
    /// A preset's world, to explore: its title and its text.
    Open(String, String),
    /// The world the page starts with.
    Notes,
}

impl Replacement {
    /// What replaces the world, as the previous world's note says it.
    fn words(&self) -> String {
        match self {
            Replacement::Play(t, _) => format!("playing “{t}”"),
            Replacement::Open(t, _) => format!("the world of “{t}”"),
            Replacement::Notes => String::from(crate::store::NOTES_WORLD),
        }
    }
}

/// A replacement waiting for the learner's word (their world has changes).
pub type AskSignal = RwSignal<Option<Replacement>, LocalStorage>;

/// Replaces the world: at once when it has no changes; else asks first.
fn replace_world(pg: crate::ui::Pg, play: PlaySignal, ask: AskSignal, r: Replacement) {
    if pg.store.has_changes() {
        ask.set(Some(r));
        crate::widgets::focus_later(String::from("replace-ask-heading"));
    } else {
        go(pg, play, r);
    }
}

/// Does the replacement, and says what it did.
fn go(pg: crate::ui::Pg, play: PlaySignal, r: Replacement) {
    match r {
        Replacement::Play(_, text) => {
            if let Err(e) = start_play(pg, play, &text) {
                pg.announce(&e);
            } else {
                crate::widgets::focus_later(String::from("play-heading"));
            }
        }
        Replacement::Open(_, text) => {
            play.set(None);
            match open_file(pg, &text, "Open") {
                Ok(t) => pg.announce(&format!(
                    "Opened the world of “{t}”. Reset now returns to its start."
                )),
                Err(e) => pg.announce(&e),
            }
        }
        Replacement::Notes => match crate::starting_world() {
            Ok(world) => {
                play.set(None);
                open_world(
                    pg,
                    world,
                    "Back to the study notes' world",
                    crate::store::NOTES_WORLD,
                );
                pg.announce(
                    "Back in the study notes' world, as the page starts. Undo takes it back.",
                );
            }
            Err(e) => pg.announce(&e),
        },
    }
}

/// "Your world has changes": keep it aside and go on, or stay.
#[component]
fn ReplaceAsk(ask: AskSignal) -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let previous = crate::keep::use_previous();
    let problem = RwSignal::new(None::<String>);
    let confirm = move |_| {
        let Some(r) = ask.get_untracked() else { return };
        match crate::keep::keep_current(pg, play, previous, &r.words()) {
            Ok(()) => {
                ask.set(None);
                problem.set(None);
                go(pg, play, r);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let cancel = move |_| {
        ask.set(None);
        problem.set(None);
        pg.announce("Nothing was replaced: your world is as it was.");
    };
    move || {
        ask.get().map(|r| {
            let what = match &r {
                Replacement::Play(t, _) => format!("Playing “{t}” replaces your world"),
                Replacement::Open(t, _) => format!("Opening the world of “{t}” replaces your world"),
                Replacement::Notes => String::from("Going back to the study notes' world replaces your world"),
            };
            view! {
                <section class="card callout replace-ask" role="group" aria-labelledby="replace-ask-heading" data-testid="replace-ask">
                    <h2 id="replace-ask-heading" tabindex="-1">"Your world has changes"</h2>
                    <p>{format!("{what}. It will be kept as your previous world, which you can restore from this panel; Undo takes the change back too.")}</p>
                    {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" on:click=confirm>"Keep mine aside and go on"</button>
                        <button type="button" class="btn" on:click=cancel>"Cancel"</button>
                    </div>
                </section>
            }
        })
    }
}

/// The study notes' world: a place of its own to come back to.
#[component]
fn NotesWorld(ask: AskSignal) -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let here = Memo::new(move |_| {
        let name = pg.store.start_name();
        name == crate::store::NOTES_WORLD && !pg.store.has_changes()
    });
    let back = move |_| replace_world(pg, play, ask, Replacement::Notes);
    view! {
        <section class="card notes-world" aria-labelledby="notes-world-heading" data-testid="notes-world">
            <h2 id="notes-world-heading">"The study notes' world"</h2>
            <p class="help">"Alice, Bob, Charlie and David in account 123412341234, with the keys CMK-A, CMK-B and CMK-C and their policies, as the study notes set them up. The page starts here."</p>
            {move || if here.get() {
                view! { <p class="muted small" data-testid="notes-world-here">"You are in it, as it starts."</p> }.into_any()
            } else {
                view! {
                    <button type="button" class="btn" data-testid="notes-world-back" on:click=back>"Back to the study notes' world"</button>
                }.into_any()
            }}
        </section>
    }
}

/// `16384` → `16,384`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The Scenarios panel.
#[component]
pub fn ScenariosPanel() -> impl IntoView {
    let play = use_play();
    // In a course page's frame, the exercise being played is all there is to show.
    let embedded = crate::embed::is_embedded();
    let rest = move || !(embedded && play.with(Option::is_some));
    let ask: AskSignal = RwSignal::new_local(None);
    view! {
        <Show when=move || play.with(Option::is_some)>
            <GuidedPlay/>
        </Show>
        <Show when=rest>
            <ReplaceAsk ask=ask/>
            {(!embedded).then(|| view! { <crate::keep::PreviousWorld/> })}
            <Gallery ask=ask/>
            {(!embedded).then(|| view! { <NotesWorld ask=ask/> })}
            <WorldFile/>
        </Show>
    }
}

/// The presets as cards.
#[component]
fn Gallery(ask: AskSignal) -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let cards: RwSignal<Vec<(vm::Card, String)>, LocalStorage> = RwSignal::new_local(Vec::new());
    let problem = RwSignal::new(None::<String>);
    spawn_local(async move {
        let mut out = Vec::new();
        for (name, teaches) in vm::PRESETS {
            match fetch_preset(name)
                .await
                .and_then(|t| vm::card(name, teaches, &t).map(|c| (c, t)))
            {
                Ok(c) => out.push(c),
                Err(e) => problem.set(Some(e)),
            }
        }
        let _ = cards.try_set(out);
    });
    view! {
        <section class="card" aria-labelledby="gallery-heading" data-testid="gallery">
            <h2 id="gallery-heading">"Scenarios"</h2>
            <p class="help">"Ready-made worlds with steps to play: each step is a call or a question of who may do what. Predict the outcome, then reveal it. Open a scenario's world to explore it freely instead."</p>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <ul class="gallery">
                {move || cards.get().into_iter().map(|(c, text)| {
                    let title = c.title.clone();
                    let (t1, t2) = (title.clone(), title.clone());
                    let text2 = text.clone();
                    let play_it = move |_| replace_world(pg, play, ask, Replacement::Play(t1.clone(), text.clone()));
                    let open_it = move |_| replace_world(pg, play, ask, Replacement::Open(t2.clone(), text2.clone()));
                    view! {
                        <li class="scenario-card" data-testid="scenario-card">
                            <h3>{c.title}</h3>
                            <p>{c.teaches}</p>
                            <p class="muted small">{c.length}</p>
                            <div class="toolbar">
                                <button type="button" class="btn btn-primary" aria-label=format!("Play {title}") on:click=play_it>"Play"</button>
                                <button type="button" class="btn" aria-label=format!("Open the world of {title}") on:click=open_it>"Open its world"</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || cards.with(Vec::is_empty) && problem.get().is_none()>
                <p class="loading" role="status">"Loading the scenarios…"</p>
            </Show>
        </section>
    }
}

/// The guided play: steps done, the next step with its prediction, progress. Also shown
/// in a lesson, for its questions.
#[component]
pub fn GuidedPlay() -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let choice = RwSignal::new(None::<String>);
    let title = move || play.with(|p| p.as_ref().map(Play::title).unwrap_or_default());
    let total = move || play.with(|p| p.as_ref().map_or(0, |p| p.runner.steps().len()));
    let position = move || play.with(|p| p.as_ref().map_or(0, |p| p.runner.position()));
    let score = move || {
        play.with(|p| {
            let done = p.as_ref().map(|p| p.done.clone()).unwrap_or_default();
            let asked = done.iter().filter(|d| d.right.is_some()).count();
            let right = done.iter().filter(|d| d.right == Some(true)).count();
            let unmet = done.iter().filter(|d| d.unmet.is_some()).count();
            (asked, right, unmet)
        })
    };
    let next = move || {
        play.with(|p| {
            let p = p.as_ref()?;
            let step = p.runner.steps().get(p.runner.position())?.clone();
            let (title, region) = pg
                .store
                .peek(|w| (step_title(w, &step.kind), w.region().to_string()));
            let asked = vm::asked(&p.runner, &step, &region);
            Some((title, step.note.clone(), vm::choices(&step), asked))
        })
    };
    let reveal = move || {
        let prediction = choice.get_untracked();
        let mut played = None;
        play.update(|p| {
            if let Some(p) = p.as_mut() {
                played = p.step(&pg.store, prediction);
            }
        });
        choice.set(None);
        // Keyboard users go on from the next question (or the end), not from the page's top.
        crate::widgets::focus_later(String::from(
            if play.with_untracked(|p| p.as_ref().is_some_and(Play::finished)) {
                "play-finished"
            } else {
                "play-next-heading"
            },
        ));
        if let Some(d) = played {
            let said = match d.right {
                Some(true) => format!("Step {}: right — {}.", d.index + 1, d.outcome),
                Some(false) => format!("Step {}: not quite — it was {}.", d.index + 1, d.outcome),
                None => format!("Step {}: {}.", d.index + 1, d.outcome),
            };
            pg.announce(&said);
            play.with_untracked(|p| {
                if let Some(p) = p {
                    crate::embed::report_step(p, &d);
                    if p.finished() {
                        crate::embed::report_finished(p);
                    }
                }
            });
        }
    };
    let replay_from = move |k: usize| {
        let Some(text) = play.with_untracked(|p| p.as_ref().map(|p| p.text.clone())) else {
            return;
        };
        let old = play.with_untracked(|p| p.as_ref().map(|p| p.done.clone()).unwrap_or_default());
        match Play::start(&text) {
            Ok((mut fresh, world)) => {
                // A lesson's questions are asked in its world as it starts: with the history
                // its setup made (and the lesson knows that world again).
                let world = kms_core::scenario::Lesson::load(&text)
                    .ok()
                    .and_then(|l| l.start().ok())
                    .unwrap_or(world);
                pg.store.group(&format!("Replay from step {}", k + 1), || {
                    let name = format!("“{}”", fresh.title());
                    open_world(pg, world, "Replay", &name);
                    for d in old.iter().take(k) {
                        fresh.step(&pg.store, d.prediction.clone());
                    }
                });
                play.set(Some(fresh));
                pg.announce(&format!("Back at step {} of {}.", k + 1, total()));
            }
            Err(e) => pg.announce(&e),
        }
    };
    let stop = move |_| {
        play.set(None);
        pg.announce("The guided play was closed; the world stays as it is.");
    };
    view! {
        <section class="card play" aria-labelledby="play-heading" data-testid="play">
            <div class="play-head">
                <h2 id="play-heading" tabindex="-1">{move || format!("Playing: {}", title())}</h2>
                <button type="button" class="btn btn-small" on:click=stop>"Stop playing"</button>
            </div>
            <p class="play-progress" data-testid="play-progress">
                <progress max=total prop:value=position aria-label="Steps played"></progress>
                {move || {
                    let (asked, right, _) = score();
                    format!("Step {} of {} · predictions right: {right} of {asked}", (position() + 1).min(total()), total())
                }}
            </p>
            <ol class="played" data-testid="played">
                {move || play.with(|p| p.as_ref().map(|p| p.done.clone()).unwrap_or_default()).into_iter().map(|d| {
                    let k = d.index;
                    let mark = match d.right { Some(true) => "✓ right", Some(false) => "✕ not quite", None => "" };
                    view! {
                        <li class="played-step" class:wrong=d.right == Some(false)>
                            <p class="played-title"><strong>{format!("{}. {}", d.index + 1, d.title)}</strong>" → "<code>{d.outcome.clone()}</code>
                                {(!mark.is_empty()).then(|| view! { <span class="tag">{format!("{mark} (you said {})", d.prediction.clone().unwrap_or_default())}</span> })}
                            </p>
                            {d.note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                            {d.reason.clone().map(|r| view! { <p class="small"><span class="tag why">"Why:"</span>" "{r}</p> })}
                            {d.unmet.clone().map(|u| view! { <p class="field-error" data-testid="unmet">{u}</p> })}
                            <div class="toolbar">
                                {d.call.map(|seq| view! { <button type="button" class="btn-link" on:click=move |_| pg.show_call(seq)>{format!("Call #{seq} in the call drawer")}</button> })}
                                <button type="button" class="btn btn-small" aria-label=format!("Replay from step {}", k + 1) on:click=move |_| replay_from(k)>"Replay from here"</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || match next() {
                None => {
                    let (asked, right, unmet) = score();
                    view! {
                        <div class="play-done" role="status" id="play-finished" tabindex="-1" data-testid="play-finished">
                            <p><strong>"Finished. "</strong>{format!("Predictions right: {right} of {asked}.")}
                            {if unmet == 0 { String::from(" Every step went as the scenario expects.") } else { format!(" {unmet} step(s) did not go as the scenario expects.") }}</p>
                        </div>
                    }.into_any()
                }
                Some((step_title, note, choices, asked)) => {
                    let has_choices = choices.is_some();
                    view! {
                        <div class="play-next" data-testid="play-next">
                            <h3 id="play-next-heading" tabindex="-1">{format!("Step {}: {step_title}", position() + 1)}</h3>
                            <AskedView asked/>
                            {note.map(|_| view! { <p class="muted small">"The author's note comes with the answer."</p> })}
                            {choices.map(|cs| view! {
                                <fieldset class="predict">
                                    <legend>"Your prediction"</legend>
                                    {cs.into_iter().map(|c| {
                                        let v = c.clone();
                                        let v2 = c.clone();
                                        view! {
                                            <label class="check">
                                                <input type="radio" name="prediction" prop:checked=move || choice.get().as_deref() == Some(v.as_str()) on:change=move |_| choice.set(Some(v2.clone()))/>
                                                {c}
                                            </label>
                                        }
                                    }).collect_view()}
                                </fieldset>
                            })}
                            <button type="button" class="btn btn-primary" data-testid="play-reveal" disabled=move || has_choices && choice.get().is_none() on:click=move |_| reveal()>
                                {if has_choices { "Reveal" } else { "Run this step" }}
                            </button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// What a step asks, in full: its request facts, and a call's request and `aws` twin.
#[component]
fn AskedView(asked: vm::Asked) -> impl IntoView {
    let vm::Asked {
        facts,
        request,
        twin,
    } = asked;
    view! {
        <div class="asked" data-testid="play-asked">
            {(!facts.is_empty()).then(|| view! {
                <dl class="facts grid" data-testid="play-facts">
                    {facts.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                </dl>
            })}
            {twin.map(|t| view! { <crate::widgets::CliLine command=t/> })}
            {request.map(|r| view! { <crate::widgets::JsonView value=r label="The request"/> })}
        </div>
    }
}

/// The world as a file: export, import, and a share link.
#[component]
fn WorldFile() -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let errors = RwSignal::new(Vec::<String>::new());
    let imported = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<Result<(String, String), String>>);
    let export_href = RwSignal::new(None::<(String, String)>);
    on_cleanup(move || {
        export_href.try_with_untracked(|e| {
            if let Some((url, _)) = e {
                let _ = web_sys::Url::revoke_object_url(url);
            }
        });
    });
    let export = move |_| {
        let title = play
            .with_untracked(|p| p.as_ref().map(Play::title))
            .unwrap_or_else(|| String::from("My KMS Playground world"));
        let doc = pg.store.peek(|w| w.to_scenario(Some(&title)));
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("application/json");
        if let Some(url) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
            .ok()
            .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        {
            if let Some((old, _)) = export_href.get_untracked() {
                let _ = web_sys::Url::revoke_object_url(&old);
            }
            export_href.set(Some((url, vm::export_name(&title))));
        }
    };
    let import_text = move |text: String, name: String| {
        if text.len() > kms_core::scenario::MAX_FILE_BYTES {
            errors.set(vec![format!(
                "{name} is {} bytes; a scenario file may be at most {} bytes. Nothing was changed.",
                text.len(),
                kms_core::scenario::MAX_FILE_BYTES
            )]);
            return;
        }
        match Scenario::load(&text) {
            Err(e) => {
                errors.set(e.iter().map(ToString::to_string).collect());
                imported.set(None);
            }
            Ok(s) => match s.build_world() {
                Err(e) => errors.set(vec![e.to_string()]),
                Ok(world) => {
                    errors.set(Vec::new());
                    let title = s.title.clone().unwrap_or_else(|| name.clone());
                    play.set(None);
                    open_world(
                        pg,
                        world,
                        &format!("Import “{title}”"),
                        &format!("“{title}”"),
                    );
                    imported.set(Some(format!(
                        "Imported “{title}” from {name}. Undo takes it back."
                    )));
                }
            },
        }
    };
    let read_file = move |f: web_sys::File| {
        let name = f.name();
        if f.size() > kms_core::scenario::MAX_FILE_BYTES as f64 {
            errors.set(vec![format!(
                "{name} is larger than a scenario file may be (4 MiB). Nothing was changed."
            )]);
            return;
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(f.text()).await {
                Ok(t) => import_text(t.as_string().unwrap_or_default(), name),
                Err(e) => errors.set(vec![crate::encrypt::js_error(e)]),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(f) = crate::encrypt::event_file(&ev) {
            read_file(f);
        }
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            read_file(f);
        }
    };
    let share = move |_| {
        let doc = match play.with_untracked(|p| p.as_ref().map(|p| p.text.clone())) {
            Some(text) => serde_json::from_str(&text).unwrap_or_default(),
            None => pg
                .store
                .peek(|w| w.to_shared_scenario(Some("A shared KMS Playground world"))),
        };
        let title = doc
            .get("title")
            .and_then(|t| t.as_str())
            .unwrap_or("an exercise")
            .to_string();
        let panel = if play.with_untracked(Option::is_some) {
            crate::route::Panel::Scenarios
        } else {
            pg.ui.route.get_untracked().panel
        };
        link.set(Some(
            kms_core::share::encode_link(&doc)
                .map(|frag| {
                    (
                        crate::embed::page_url(&format!("#s={frag}")),
                        crate::embed::iframe_snippet(&format!("s={frag}"), panel, &title),
                    )
                })
                .map_err(|e| format!("No link: {e}.")),
        ));
    };
    view! {
        <section class="card" class:dragging=dragging aria-labelledby="file-heading" data-testid="world-file"
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <h2 id="file-heading">"Your world as a file"</h2>
            <p class="help">"A scenario file (kms-playground/scenario@1) is what the command line runs: export this world to keep it or run it there, import one, or share it in a link."</p>
            <div class="toolbar">
                <button type="button" class="btn" data-testid="export" on:click=export>"Export the world"</button>
                {move || export_href.get().map(|(url, name)| view! {
                    <a class="btn btn-primary" data-testid="export-download" href=url download=name.clone()>{format!("Download {name}")}</a>
                })}
            </div>
            <div class="field">
                <label class="file-line">"Import a scenario file " <input type="file" accept=".json,application/json" data-testid="import-file" on:change=on_file/></label>
                <p class="help">"Or drop the file on this box. An invalid file is refused with every error and where it is; the world stays as it was."</p>
            </div>
            {move || (!errors.get().is_empty()).then(|| view! {
                <div class="outcome error" role="alert" data-testid="import-errors">
                    <p><strong>"This file was not imported. "</strong>"Nothing changed. What is wrong, with the JSON path and line:column of each:"</p>
                    <ul class="mono small">{errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                </div>
            })}
            {move || imported.get().map(|m| view! { <p class="outcome ok" role="status" data-testid="imported">{m}</p> })}
            <div class="toolbar">
                <button type="button" class="btn" data-testid="share" on:click=share>"Make a share link"</button>
            </div>
            <p class="help">{format!("A link carries the world's definition — principals, policies, keys, aliases, grants — compressed in the part of the URL after #, which browsers never send to a server. It carries no key material, grant tokens or data, and holds at most {} characters; past that, export a file instead.", thousands(kms_core::share::MAX_LINK_CHARS))}</p>
            {move || link.get().map(|l| match l {
                Ok((url, snippet)) => {
                    let len = url.len();
                    let copy = url.clone();
                    let copy_snippet = snippet.clone();
                    view! {
                        <div class="share-link" data-testid="share-link">
                            <label class="field">"Share link"<input class="mono" readonly prop:value=url.clone()/></label>
                            <CopyButton text=copy what="share link"/>
                            <p class="muted small">{format!("{len} characters. Opening it gives this world afresh{}.", if play.with_untracked(Option::is_some) { ", in guided play" } else { "" })}</p>
                        </div>
                        <details class="facts-box" data-testid="embed-this">
                            <summary>"Embed this in a course page"</summary>
                            <p class="help">"Paste this <iframe> into your page. How the page can follow the learner's progress: docs/EMBEDDING.md."</p>
                            <div class="share-link">
                                <label class="field">"The <iframe> to copy"<textarea class="mono" rows="4" readonly prop:value=snippet.clone()></textarea></label>
                                <CopyButton text=copy_snippet what="iframe snippet"/>
                            </div>
                        </details>
                    }.into_any()
                }
                Err(e) => view! { <p class="outcome error" role="alert" data-testid="share-refused">{e}</p> }.into_any(),
            })}
        </section>
    }
}
