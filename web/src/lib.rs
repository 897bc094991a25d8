//! KMS Playground in the browser.
//!
//! A window onto one simulated world from `kms-core`. The world lives in one store
//! ([`store::Store`]), changed only by calls through the world's doors as the acting
//! principal; the page's own state (who it acts as, where it is, what is open) lives apart
//! ([`ui::Ui`]). Pure functions that turn state into what is shown sit beside the
//! components, so they are tested natively.
#![forbid(unsafe_code)]

pub mod banners;
#[cfg(feature = "bench")]
pub mod bench;
pub mod boot;
pub mod bulk;
pub mod cli;
pub mod drawer;
pub mod editor;
pub mod embed;
pub mod encrypt;
pub mod format;
pub mod header;
pub mod keep;
pub mod kept;
pub mod kit;
pub mod learn;
pub mod panels;
pub mod persist;
pub mod play;
pub mod policy_check;
pub mod route;
pub mod store;
pub mod terminal;
pub mod ui;
pub mod welcome;
pub mod widgets;
pub mod worker;

use banners::Recovery;
use kms_core::World;
use leptos::prelude::*;
use route::{Panel, Route};
use store::{Slice, Store};
use ui::{Pg, Saving, Theme, Ui};
use wasm_bindgen::JsCast;

/// The scenario a visit starts in: the study notes' CMK access exercise.
pub const STARTING_SCENARIO: &str = include_str!("../../tests/scenarios/cmk-access.json");

/// The world a visit starts with: the notes' principals and keys, with fresh randomness
/// from the browser (the preset's seed is for replays, not for your data).
pub fn starting_world() -> Result<World, String> {
    let mut s = kms_core::scenario::Scenario::load(STARTING_SCENARIO).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    s.seed = None;
    s.build_world().map_err(|e| e.to_string())
}

/// The route the page's URL names now.
fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

/// What the page keeps between visits besides the world.
fn load_prefs(ui: &Ui) {
    let Some(text) = persist::read(persist::PREFS_KEY) else {
        return;
    };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
        return;
    };
    if let Some(t) = v.get("theme").and_then(|t| t.as_str()) {
        ui.theme.set(Theme::from_name(t));
    }
    if v.get("welcomeDismissed").and_then(|d| d.as_bool()) == Some(true) {
        ui.welcome.set(false);
    }
}

/// Keeps the theme and whether the welcome was dismissed.
pub fn save_prefs(pg: Pg) {
    let prefs = serde_json::json!({
        "theme": pg.ui.theme.get_untracked().name(),
        "welcomeDismissed": !pg.ui.welcome.get_untracked(),
    });
    let _ = persist::write(persist::PREFS_KEY, &prefs.to_string());
}

/// Creates the store and the page's state, opening the world saved in this browser if
/// there is one, and puts them in context.
pub fn provide_playground() -> Pg {
    let (start, broken) = match starting_world() {
        Ok(w) => (w, None),
        Err(e) => (World::default(), Some(e)),
    };
    let store = Store::new(start.clone());
    let ui = Ui::new(
        ui::first_actor(&start),
        start.region().to_string(),
        current_route(),
    );
    let pg = Pg { store, ui };
    provide_context(pg);
    kept::provide();
    let recovery: RwSignal<Option<Recovery>> = RwSignal::new(None);
    provide_context(recovery);
    // A fix drafted in the Access panel, waiting for the policy editor to open it.
    provide_context(RwSignal::new(None::<panels::access::PendingFix>));
    let play: panels::scenarios::PlaySignal = RwSignal::new_local(None);
    provide_context(play);
    let pending = Pending {
        play: RwSignal::new(None),
        link: RwSignal::new(None),
    };
    provide_context(pending);
    if let Some(e) = broken {
        ui.announcement.set(format!(
            "The starting world could not be built ({e}): this page starts empty."
        ));
    }
    let embedded = embed::is_embedded();
    if embedded {
        // A frame in a course page starts from its scenario alone, and never touches the
        // world the learner keeps in this browser.
        ui.welcome.set(false);
        ui.saving.set(Saving::Embedded);
    } else {
        load_prefs(&ui);
    }
    // The full page inside another site's frame (not a course page's embed) neither reads
    // nor writes the learner's world: that site could otherwise show it, or change it.
    let framed = !embedded && embed::framed_by_another_site();
    let readable = !embedded && !framed;
    match persist::storage() {
        _ if embedded => {}
        _ if framed => ui.saving.set(Saving::Framed),
        Err(why) => ui.saving.set(Saving::NotSaved(why)),
        Ok(_) => match persist::read(persist::SAVE_KEY) {
            None => {}
            Some(text) => match persist::decode(&text) {
                Ok(saved) => {
                    store.open_saved(saved.world, None);
                    let (actor, region) = store.peek(|w| {
                        (
                            persist::checked_actor(w, saved.acting_as),
                            persist::checked_region(w, saved.region),
                        )
                    });
                    ui.acting_as.set(actor);
                    ui.region.set(region);
                    // Resumed by the boot chunk (boot.rs), which holds the player.
                    pending.play.set(saved.play);
                }
                Err(e) => {
                    // Kept aside under a key of its own, and never written over meanwhile.
                    let kept = persist::keep_unreadable(&text);
                    let earlier = persist::kept_unreadable()
                        .into_iter()
                        .filter(|(k, _)| kept.as_ref().ok() != Some(k))
                        .collect();
                    ui.saving.set(Saving::Held);
                    recovery.set(Some(Recovery {
                        why: e.explain(),
                        text,
                        kept,
                        earlier,
                    }));
                }
            },
        },
    }
    let previous: keep::PreviousSignal =
        RwSignal::new(readable.then(keep::stored_previous).flatten());
    provide_context(previous);
    // A share link (`#s=v1.…`) is opened by the boot chunk; its panel shows meanwhile.
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if hash.starts_with("#s=") {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let panel = embed::panel_asked(&search).unwrap_or(Panel::Scenarios);
        ui.route.set(Route {
            panel,
            detail: None,
        });
        pending.link.set(Some(Arrival {
            hash,
            by_hashchange: false,
        }));
    }
    pg
}

/// A share link that arrived: its fragment, and how it came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrival {
    /// `#s=v1.…`
    pub hash: String,
    /// It was put in the address of the open page (pasted, or set by another page that
    /// holds this window): it opens only when the learner says so, whatever the world.
    pub by_hashchange: bool,
}

/// What the boot chunk (boot.rs) does after the first paint: a saved guided play to resume,
/// a share link to open. Kept out of the first visit's download.
#[derive(Clone, Copy)]
pub struct Pending {
    /// A saved play, as saved.
    pub play: RwSignal<Option<serde_json::Value>>,
    /// A share link that arrived.
    pub link: RwSignal<Option<Arrival>>,
}

impl Pending {
    fn any(&self) -> bool {
        self.play.with_untracked(Option::is_some) || self.link.with_untracked(Option::is_some)
    }
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn boot_tools() -> AnyView {
    view! { <boot::Boot/> }.into_any()
}

/// Writes the world to this browser's storage now, and says how it went.
pub(crate) fn save_now(pg: Pg, play: panels::scenarios::PlaySignal, pending: Option<Pending>) {
    if embed::is_embedded() || !pg.ui.saving.get_untracked().may_write() {
        return;
    }
    let mut play = play
        .with_untracked(|p| p.as_ref().map(play::Play::to_json))
        .or_else(|| pending.and_then(|p| p.play.get_untracked()));
    // The play carries its scenario's text: past half the save's budget, it is not kept
    // (the world is), and the page says so.
    let play_too_large = play
        .as_ref()
        .is_some_and(|p| p.to_string().len() > persist::MAX_SAVE_BYTES / 2);
    if play_too_large {
        play = None;
    }
    let (text, left_out) = pg.store.peek(|w| {
        persist::encode(
            w,
            &pg.ui.acting_as.get_untracked(),
            &pg.ui.region.get_untracked(),
            play,
        )
    });
    match persist::write(persist::SAVE_KEY, &text) {
        Ok(()) if play_too_large => pg.ui.saving.set(Saving::NotSaved(String::from(
            "this guided play's scenario is too large to keep in the browser: the world is saved, and a reload ends the play",
        ))),
        Ok(()) if left_out > 0 => pg.ui.saving.set(Saving::NotSaved(format!(
            "the world is larger than the browser keeps: the {left_out} oldest audit events were left out of the save"
        ))),
        Ok(()) => pg.ui.saving.set(Saving::Saved),
        Err(why) => pg.ui.saving.set(Saving::NotSaved(why)),
    }
}

/// Saves the world as soon as it changes: once per burst of changes (a microtask after
/// the change), so a reload right after a change never loses it.
fn keep_saving(pg: Pg) {
    let play = panels::scenarios::use_play();
    let waiting = use_context::<Pending>();
    let pending = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        pg.store.read(&Slice::ALL, |_| ());
        pg.ui.acting_as.track();
        pg.ui.region.track();
        play.track();
        if first.is_none() || pending.get_value() {
            return;
        }
        pending.set_value(true);
        leptos::task::spawn_local(async move {
            pending.set_value(false);
            save_now(pg, play, waiting);
        });
    });
}

/// Applies the theme to the page, and keeps it.
fn follow_theme(pg: Pg) {
    Effect::new(move |first: Option<()>| {
        let theme = pg.ui.theme.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                t => root.set_attribute("data-theme", t.name()),
            };
        }
        if first.is_some() {
            save_prefs(pg);
        }
    });
}

/// Marks the page interactive (for the test command's time-to-interactive figure).
fn mark_interactive() {
    request_animation_frame(|| {
        let window = web_sys::window();
        let now = window
            .as_ref()
            .and_then(web_sys::Window::performance)
            .map_or(0.0, |p| p.now());
        if let Some(root) = window
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-interactive", &format!("{now:.1}"));
        }
    });
}

/// The whole playground: header, navigation, the open panel, the call drawer.
#[component]
pub fn App() -> impl IntoView {
    let pg = provide_playground();
    let route = pg.ui.route;
    let pending = use_context::<Pending>();
    // The boot chunk, once wanted, stays: it resumes a play, opens links, talks to a host.
    let boot_wanted = RwSignal::new(embed::is_embedded() || pending.is_some_and(|p| p.any()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        // A share link pasted into this tab changes only the fragment: open it here too.
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        if let (true, Some(p)) = (hash.starts_with("#s="), pending) {
            p.link.set(Some(Arrival {
                hash,
                by_hashchange: true,
            }));
            if !boot_wanted.get_untracked() {
                boot_wanted.set(true);
            }
            return;
        }
        let next = current_route();
        if route.get_untracked() != next {
            route.set(next);
        }
    });
    on_cleanup(move || listener.remove());
    keep_saving(pg);
    follow_theme(pg);
    let embedded = embed::is_embedded();
    if embedded
        && let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
    {
        let _ = root.class_list().add_1("embed");
    }
    mark_interactive();
    let panel = Memo::new(move |_| route.get().panel);
    let skip = move |_| {
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    };
    view! {
        <div class="app" class:drawer-open=move || pg.ui.drawer_open.get() class:terminal-open=move || pg.ui.terminal_open.get() && panel.get() != Panel::Terminal>
            <button type="button" class="skip-link" on:click=skip>"Skip to the panel"</button>
            <header::Header/>
            <SimulatorNotice/>
            <banners::Banners/>
            {move || boot_wanted.get().then(|| view! {
                <Suspense fallback=|| ()>{Suspend::new(boot_tools())}</Suspense>
            })}
            <Nav current=panel/>
            <main id="main" class="panel" tabindex="-1" data-testid="panel">
                <welcome::Welcome/>
                {move || view! { <panels::PanelView panel=panel.get()/> }}
            </main>
            {move || (pg.ui.terminal_open.get() && panel.get() != Panel::Terminal).then(|| view! {
                <section id="terminal-dock" class="terminal-dock" aria-label="Terminal" data-testid="terminal-dock">
                    {panels::lazily(panels::terminal_tools(true))}
                </section>
            })}
            <drawer::CallDrawer/>
            <StatusLine/>
        </div>
    }
}

/// The standing note that this is a simulator and not a place for real secrets.
#[component]
pub fn SimulatorNotice() -> impl IntoView {
    view! {
        <p class="notice" role="note" data-testid="sim-notice">
            <strong>"Simulator. "</strong>
            // A phone's first screen has room for the gist only.
            <span class="wide-only">"Everything runs in your browser: nothing is sent to AWS or anywhere else. Do not paste real secrets, keys or credentials."</span>
            <span class="narrow-only">"Nothing is sent to AWS. Do not paste real secrets."</span>
        </p>
    }
}

/// The navigation between panels; the open one is marked `aria-current="page"`.
#[component]
pub fn Nav(#[prop(into)] current: Signal<Panel>) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Panels">
            {Panel::ALL
                .into_iter()
                .map(|p| {
                    view! {
                        <a
                            href=p.href()
                            data-testid=format!("nav-{}", p.slug())
                            aria-current=move || (current.get() == p).then_some("page")
                        >
                            {p.title()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The last thing the page said, read out politely by screen readers and shown at the
/// foot of the page.
#[component]
fn StatusLine() -> impl IntoView {
    let pg = widgets::use_pg();
    view! {
        <p class="status-line" role="status" aria-live="polite" data-testid="status">
            {move || pg.ui.announcement.get()}
        </p>
    }
}
