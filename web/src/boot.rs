//! What the page does after its first paint, in a chunk of its own so a first visit does
//! not download it: resume a saved guided play, open a share link, and — in embed mode —
//! listen to the host page.

use leptos::prelude::*;

use crate::Pending;
use kms_core::share::Shared;

use crate::embed::{self, Command};
use crate::keep;
use crate::panels::scenarios::{self, use_play};
use crate::play::Play;
use crate::route::{Panel, Route};
use crate::widgets::use_pg;

/// Runs once, when its chunk has loaded; in embed mode shows the embed bar.
#[component]
pub fn Boot() -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let offer = RwSignal::new(None::<Offer>);
    if let Some(pending) = use_context::<Pending>() {
        // A play the learner started before this chunk arrived wins over the saved one.
        if let Some(saved) = pending
            .play
            .get_untracked()
            .filter(|_| play.with_untracked(Option::is_none))
        {
            match Play::from_json(&saved) {
                Ok(p) => play.set(Some(p)),
                Err(e) => pg.announce(&format!(
                    "The guided play you were in could not be resumed ({e}); the world is as you left it."
                )),
            }
        }
        pending.play.set(None);
        // Links: the one the page opened with, and any that arrive in this tab later.
        Effect::new(move |_| {
            if let Some(link) = pending.link.get() {
                pending.link.set(None);
                arrive(pg, play, offer, &link);
            }
        });
    }
    let embedded = embed::is_embedded();
    if embedded {
        let route = pg.ui.route;
        embed::listen(move |cmd| match cmd {
            Command::Show(p) => {
                route.set(Route {
                    panel: p,
                    detail: None,
                });
                Ok(())
            }
            Command::Load {
                scenario,
                play: playing,
                panel,
            } => {
                if playing {
                    scenarios::start_play(pg, play, &scenario)?;
                } else {
                    play.set(None);
                    scenarios::open_file(pg, &scenario, "Load").map(|_| ())?;
                }
                let p = panel.unwrap_or(if playing {
                    Panel::Scenarios
                } else {
                    Panel::Keys
                });
                route.set(Route {
                    panel: p,
                    detail: None,
                });
                Ok(())
            }
        });
    }
    view! {
        <LinkOffer offer=offer/>
        {embedded.then(|| view! { <EmbedBar/> })}
    }
}

/// In embed mode: where this is, and the way out to the full playground (with this world,
/// as a share link, when it fits in one).
#[component]
fn EmbedBar() -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let out = move || {
        let doc = match play.with(|p| p.as_ref().map(|p| p.text.clone())) {
            Some(text) => serde_json::from_str(&text).unwrap_or_default(),
            None => pg
                .store
                .read(&crate::store::Slice::ALL, |w| w.to_shared_scenario(None)),
        };
        kms_core::share::encode_link(&doc)
            .map(|f| embed::page_url(&format!("#s={f}")))
            .unwrap_or_else(|_| embed::page_url(""))
    };
    view! {
        <p class="embed-bar" data-testid="embed-bar">
            <span>"A KMS Playground exercise: a simulator, nothing is sent to AWS."</span>
            <a href=out target="_blank" rel="noopener" data-testid="open-full">"Open in the full playground ↗"</a>
        </p>
    }
}

/// A share link waiting for the learner's word: it would replace a world with changes, or
/// it was put in the address of the open page.
#[derive(Clone, Debug)]
struct Offer {
    /// The scenario the link carries (never a saved state: see `kms_core::share`).
    shared: Shared,
    /// Its title.
    title: String,
    /// Whether the world it would replace has changes (then it is kept first).
    changes: bool,
}

/// A share link that arrived: with the page, into a world without changes, it opens at
/// once; into a world with changes, or put in the address of the open page (pasted, or set
/// by another page), it is offered first. A link that does not open says why and changes
/// nothing.
fn arrive(
    pg: crate::ui::Pg,
    play: scenarios::PlaySignal,
    offer: RwSignal<Option<Offer>>,
    link: &crate::Arrival,
) {
    let shared = match kms_core::share::decode_link(&link.hash) {
        Ok(s) => s,
        Err(e) => {
            pg.ui
                .link_problem
                .set(Some(format!("This link could not be opened: {e}.")));
            settle(
                pg,
                embed::panel_asked(&search()).unwrap_or(Panel::Scenarios),
            );
            return;
        }
    };
    let title = serde_json::from_str::<serde_json::Value>(&shared.text)
        .ok()
        .and_then(|v| v.get("title")?.as_str().map(String::from))
        .unwrap_or_else(|| String::from("an untitled world"));
    let changes = pg.store.has_changes() || play.with_untracked(Option::is_some);
    if changes || link.by_hashchange {
        offer.set(Some(Offer {
            shared,
            title,
            changes,
        }));
    } else {
        open_link(pg, play, &shared, None);
    }
}

/// The page's query string.
fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Shows `panel`, and takes the link out of the address, so a reload keeps what the learner
/// did since.
fn settle(pg: crate::ui::Pg, panel: Panel) {
    pg.ui.route.set(Route {
        panel,
        detail: None,
    });
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{}{}", search(), panel.href())),
        );
    }
}

/// Opens the scenario a share link carries: its world, and its guided play when it has
/// steps. `kept` names the world set aside for it, if one was.
fn open_link(pg: crate::ui::Pg, play: scenarios::PlaySignal, shared: &Shared, kept: Option<&str>) {
    let text = &shared.text;
    // What was said of an earlier link is not said of this one.
    pg.ui.link_note.set(None);
    let has_steps = kms_core::scenario::Scenario::load(text)
        .map(|s| !s.steps.is_empty())
        .unwrap_or(false);
    let opened = if has_steps {
        scenarios::start_play(pg, play, text).map(|()| Panel::Scenarios)
    } else {
        play.set(None);
        scenarios::open_file(pg, text, "Open a shared link").map(|_| Panel::Keys)
    }
    .map_err(|e| format!("This link's scenario does not load: {e}"));
    let panel = match opened {
        Ok(p) => {
            // Said when there is something to say: a world kept aside, a seed.
            let said: Vec<String> = kept
                .map(String::from)
                .into_iter()
                .chain(shared.seed_notice())
                .collect();
            if !said.is_empty() {
                pg.ui.link_note.set(Some(said.join(" ")));
            }
            embed::panel_asked(&search()).unwrap_or(p)
        }
        Err(e) => {
            pg.ui.link_problem.set(Some(e));
            embed::panel_asked(&search()).unwrap_or(Panel::Scenarios)
        }
    };
    settle(pg, panel);
}

/// The question a link asks before it replaces a world with changes.
#[component]
fn LinkOffer(offer: RwSignal<Option<Offer>>) -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
    let previous = keep::use_previous();
    let problem = RwSignal::new(None::<String>);
    let open = move |_| {
        let Some(o) = offer.get_untracked() else {
            return;
        };
        // A world without changes is not kept: it would push out a previous world that
        // has some.
        let kept = if o.changes {
            keep::keep_current(
                pg,
                play,
                previous,
                &format!("the shared link “{}”", o.title),
            )
            .map(|()| Some("Your previous world is kept: restore it from the Scenarios panel."))
        } else {
            Ok(None)
        };
        match kept {
            Ok(said) => {
                offer.set(None);
                problem.set(None);
                open_link(pg, play, &o.shared, said);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let keep_mine = move |_| {
        offer.set(None);
        settle(pg, pg.ui.route.get_untracked().panel);
        pg.ui.announcement.set(String::from(
            "The link was not opened; your world is as it was.",
        ));
    };
    move || {
        offer.get().map(|o| {
            let seed = o.shared.seed_notice();
            view! {
                <div class="banner warning" role="alertdialog" aria-labelledby="offer-title" aria-describedby="offer-text" data-testid="link-offer">
                    <p id="offer-title"><strong>"Open the shared world “"<bdi>{o.title.clone()}</bdi>"”?"</strong></p>
                    <p id="offer-text">{if o.changes {
                        "It replaces the world you have here, which has changes. Your world is kept as your previous world, and you can restore it from the Scenarios panel."
                    } else {
                        "A link was put in this page's address. Opening it replaces the world you have here (it has no changes of yours)."
                    }}</p>
                    {seed.map(|s| view! { <p class="small">{s}</p> })}
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" data-testid="link-offer-open" on:click=open>"Open the shared world"</button>
                        <button type="button" class="btn" data-testid="link-offer-keep" on:click=keep_mine>"Keep my world"</button>
                    </div>
                    {move || problem.get().map(|e| view! { <p class="outcome error" role="alert">{e}</p> })}
                </div>
            }
        })
    }
}
