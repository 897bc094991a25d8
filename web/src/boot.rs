//! What the page does after its first paint, in a chunk of its own so a first visit does
//! not download it: resume a saved guided play, open a share link, and — in embed mode —
//! listen to the host page.

use leptos::prelude::*;

use crate::Pending;
use crate::embed::{self, Command};
use crate::panels::scenarios::{self, use_play};
use crate::play::Play;
use crate::route::{Panel, Route};
use crate::widgets::use_pg;

/// Runs once, when its chunk has loaded; in embed mode shows the embed bar.
#[component]
pub fn Boot() -> impl IntoView {
    let pg = use_pg();
    let play = use_play();
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
        // Links: the one the page opened with, and any pasted into this tab later.
        Effect::new(move |_| {
            if let Some(hash) = pending.link.get() {
                pending.link.set(None);
                open_link(pg, play, &hash);
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
    embedded.then(|| view! { <EmbedBar/> })
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

/// Opens the scenario a share link carries: its world, and its guided play when it has
/// steps. The link is then taken out of the address, so a reload keeps what the learner
/// did since. A link that does not open says why and changes nothing.
fn open_link(pg: crate::ui::Pg, play: scenarios::PlaySignal, hash: &str) {
    let opened = kms_core::share::decode_link(hash)
        .map_err(|e| format!("This link could not be opened: {e}."))
        .and_then(|text| {
            let has_steps = kms_core::scenario::Scenario::load(&text)
                .map(|s| !s.steps.is_empty())
                .unwrap_or(false);
            if has_steps {
                scenarios::start_play(pg, play, &text).map(|()| Panel::Scenarios)
            } else {
                scenarios::open_file(pg, &text, "Open a shared link").map(|_| Panel::Keys)
            }
            .map_err(|e| format!("This link's scenario does not load: {e}"))
        });
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let panel = match opened {
        Ok(p) => embed::panel_asked(&search).unwrap_or(p),
        Err(e) => {
            pg.ui.link_problem.set(Some(e));
            embed::panel_asked(&search).unwrap_or(Panel::Scenarios)
        }
    };
    pg.ui.route.set(Route {
        panel,
        detail: None,
    });
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{search}{}", panel.href())),
        );
    }
}
