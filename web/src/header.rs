//! The header: who the page acts as, the region, the simulated clock with its advance
//! buttons, Undo / Redo / Reset, the theme, and the call drawer's button.

use kms_core::clock::Duration;
use kms_core::world::DueKind;
use leptos::prelude::*;

use crate::format;
use crate::store::Slice;
use crate::ui::{Pg, Theme, actors};
use crate::widgets::{Arn, use_pg};

/// Regions offered besides those the world uses (the terminal completes `--region` from
/// them too).
pub(crate) const REGIONS: [&str; 6] = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-2",
];

/// The page's header.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <span class="name">"KMS Playground"</span>
                <span class="sim-tag" title="Nothing is sent to AWS">"simulator"</span>
            </div>
            <ActingAs/>
            <RegionPicker/>
            <ClockControl/>
            <WorldControls/>
        </header>
    }
}

/// "Acting as": every call the page makes is made as this principal.
#[component]
fn ActingAs() -> impl IntoView {
    let pg = use_pg();
    let everyone = Memo::new(move |_| pg.store.read(&[Slice::Principals, Slice::Keys], actors));
    let acting = pg.ui.acting_as;
    view! {
        <div class="control acting-as">
            <label for="acting-as">"Acting as"</label>
            <select
                id="acting-as"
                data-testid="acting-as"
                prop:value=move || acting.get()
                on:change=move |ev| {
                    let arn = event_target_value(&ev);
                    acting.set(arn);
                    let label = everyone
                        .get_untracked()
                        .into_iter()
                        .find(|a| a.arn == acting.get_untracked())
                        .map(|a| a.label)
                        .unwrap_or_default();
                    pg.announce(&format!("Acting as {label}: every call is made as this principal."));
                }
            >
                {move || {
                    let all = everyone.get();
                    let mut accounts: Vec<String> = Vec::new();
                    for a in &all {
                        if !accounts.contains(&a.account) {
                            accounts.push(a.account.clone());
                        }
                    }
                    accounts
                        .into_iter()
                        .map(|account| {
                            let members: Vec<_> = all.iter().filter(|a| a.account == account).cloned().collect();
                            view! {
                                <optgroup label=format!("Account {account}")>
                                    {members
                                        .into_iter()
                                        .map(|a| {
                                            let text = if a.kind == "root" { a.label.clone() } else { format!("{} ({})", a.label, a.kind) };
                                            view! { <option value=a.arn.clone() selected=move || acting.get() == a.arn>{text}</option> }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <span class="control-sub">{move || view! { <Arn value=acting.get() max=40 what="caller ARN"/> }}</span>
        </div>
    }
}

/// The region whose endpoint calls go to.
#[component]
fn RegionPicker() -> impl IntoView {
    let pg = use_pg();
    let region = pg.ui.region;
    let regions = Memo::new(move |_| {
        pg.store.read(&[Slice::Keys], |w| {
            let mut all: Vec<String> = vec![w.region().to_string()];
            for k in w.keys() {
                all.push(k.region.to_string());
            }
            all.extend(REGIONS.iter().map(|r| String::from(*r)));
            let mut seen = Vec::new();
            all.retain(|r| {
                let fresh = !seen.contains(r);
                seen.push(r.clone());
                fresh
            });
            all
        })
    });
    view! {
        <div class="control">
            <label for="region">"Region"</label>
            <select
                id="region"
                data-testid="region"
                prop:value=move || region.get()
                on:change=move |ev| {
                    region.set(event_target_value(&ev));
                    pg.announce(&format!("Calls now go to the {} endpoint.", region.get_untracked()));
                }
            >
                {move || regions.get().into_iter().map(|r| {
                    let (value, text) = (r.clone(), r.clone());
                    view! { <option value=r selected=move || region.get() == value>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Advances the clock and says what fired.
fn advance(pg: Pg, d: Duration, words: &str) {
    match pg.store.advance(d, &format!("Advance the clock {words}")) {
        Ok(a) if a.fired == 0 => {
            pg.announce(&format!("The clock moved {words}. Nothing fell due."))
        }
        Ok(a) => {
            let names: Vec<String> = a.events.iter().map(|e| e.event_name.clone()).collect();
            pg.announce(&format!(
                "The clock moved {words}: {} event{} fired ({}). See the Audit panel.",
                a.fired,
                if a.fired == 1 { "" } else { "s" },
                names.join(", ")
            ));
        }
        Err(e) => pg.announce(&format!("The clock could not move: {e}")),
    }
}

/// The simulated clock and its advance buttons.
#[component]
fn ClockControl() -> impl IntoView {
    let pg = use_pg();
    let now = Memo::new(move |_| pg.store.read(&[Slice::Clock], |w| w.now()));
    let next = Memo::new(move |_| {
        pg.store
            .read(&[Slice::Clock, Slice::Keys, Slice::Grants], |w| {
                w.next_due().map(|d| {
                    let key = w
                        .key_handle(&d.key_arn)
                        .map(String::from)
                        .or_else(|| {
                            w.keys()
                                .iter()
                                .find(|k| k.arn == d.key_arn)
                                .map(|k| crate::panels::keys::vm::key_name(w, k))
                        })
                        .unwrap_or_default();
                    let what = match d.kind {
                        DueKind::Rotation => format!("rotation of {key}"),
                        DueKind::Deletion => format!("deletion of {key}"),
                        DueKind::GrantEffective(_) => format!("a grant on {key} takes effect"),
                    };
                    (d.at, what, d.at.since(w.now()))
                })
            })
    });
    let steps: [(&str, &str, Duration); 4] = [
        ("+1 h", "by 1 hour", Duration::hours(1)),
        ("+1 d", "by 1 day", Duration::days(1)),
        ("+7 d", "by 7 days", Duration::days(7)),
        ("+30 d", "by 30 days", Duration::days(30)),
    ];
    let next_words = move || {
        next.get().map_or_else(
            || String::from("Advance the clock to the next event (nothing is scheduled)"),
            |(at, what, _)| {
                format!(
                    "Advance the clock to the next event: {what}, {}",
                    format::time(at)
                )
            },
        )
    };
    view! {
        <div class="control clock" role="group" aria-labelledby="clock-label">
            <span id="clock-label" class="label">"Simulated clock"</span>
            // The time and what falls due next share one line that never wraps: the
            // header keeps its height whatever the clock shows.
            <div class="now-line">
                <time class="mono now" data-testid="world-clock" datetime=move || now.get().to_string()>
                    {move || format::time(now.get())}
                </time>
                <span class="next-due" data-testid="next-due">
                    {move || next.get().map(|(_, what, d)| format!(" · next: {what} in {}", format::span(d)))}
                </span>
            </div>
            <div class="advance">
                {steps.into_iter().map(|(short, words, d)| view! {
                    <button
                        type="button"
                        class="btn btn-small"
                        aria-label=format!("Advance the clock {words}")
                        title=format!("Advance the clock {words}")
                        on:click=move |_| advance(pg, d, words)
                    >{short}</button>
                }).collect_view()}
                <button
                    type="button"
                    class="btn btn-small"
                    data-testid="advance-next"
                    disabled=move || next.get().is_none()
                    title=next_words
                    aria-label=next_words
                    on:click=move |_| {
                        if let Some((_, what, d)) = next.get_untracked() {
                            advance(pg, d, &format!("to the next event ({what})"));
                        }
                    }
                >"Next event"</button>
            </div>
        </div>
    }
}

/// Undo, Redo, Reset, the theme, and the call drawer's button.
#[component]
fn WorldControls() -> impl IntoView {
    let pg = use_pg();
    let history = Memo::new(move |_| pg.store.history());
    // A guided play's steps read the world as its earlier steps left it: moving the
    // history under it ends the play (the gallery replays it).
    let play = crate::panels::scenarios::use_play();
    let end_play = move || {
        if play.with_untracked(Option::is_some) {
            play.set(None);
            " The guided play ended: its world changed under it. Replay it from the gallery."
        } else {
            ""
        }
    };
    let undo = move || {
        if let Some(label) = pg.store.undo() {
            pg.announce(&format!("Undone: {label}.{}", end_play()));
        }
    };
    let redo = move || {
        if let Some(label) = pg.store.redo() {
            pg.announce(&format!("Redone: {label}.{}", end_play()));
        }
    };
    // Ctrl+Z / Ctrl+Shift+Z (⌘ on a Mac) outside text fields.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => {
                ev.prevent_default();
                undo();
            }
            ("z", true) | ("y", false) => {
                ev.prevent_default();
                redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    let calls = Memo::new(move |_| {
        pg.store
            .calls(|c| (c.len(), c.iter().filter(|r| !r.ok()).count()))
    });
    let theme = pg.ui.theme;
    let drawer = pg.ui.drawer_open;
    let terminal = pg.ui.terminal_open;
    view! {
        <div class="control world-controls">
            <button
                type="button"
                class="btn btn-small"
                data-testid="undo"
                disabled=move || history.get().0.is_none()
                title=move || history.get().0.map_or_else(|| String::from("Nothing to undo"), |l| format!("Undo {l} (Ctrl+Z)"))
                on:click=move |_| undo()
            >"↶"<span class="btn-word">" Undo"</span></button>
            <button
                type="button"
                class="btn btn-small"
                data-testid="redo"
                disabled=move || history.get().1.is_none()
                title=move || history.get().1.map_or_else(|| String::from("Nothing to redo"), |l| format!("Redo {l} (Ctrl+Shift+Z)"))
                on:click=move |_| redo()
            >"↷"<span class="btn-word">" Redo"</span></button>
            <button
                type="button"
                class="btn btn-small"
                data-testid="reset"
                title="Undo takes a reset back"
                aria-label=move || format!("Reset to the start of {}", pg.store.start_name())
                on:click=move |_| {
                    pg.store.reset();
                    pg.announce(&format!(
                        "The world is back to the start of {}. Undo takes it back.{}",
                        pg.store.start_name(),
                        end_play()
                    ));
                }
            >"Reset"</button>
            <label class="theme">
                <span class="visually-hidden">"Theme"</span>
                <select
                    data-testid="theme"
                    prop:value=move || theme.get().name()
                    on:change=move |ev| theme.set(Theme::from_name(&event_target_value(&ev)))
                >
                    <option value="system">"◐ System"</option>
                    <option value="light">"☀ Light"</option>
                    <option value="dark">"☾ Dark"</option>
                </select>
            </label>
            <button
                type="button"
                class="btn btn-small terminal-toggle"
                data-testid="terminal-toggle"
                aria-expanded=move || if terminal.get() { "true" } else { "false" }
                aria-controls="terminal-dock"
                title="The AWS CLI, typed: a terminal under the panel"
                on:click=move |_| terminal.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"›_"</span><span class="btn-word">" Terminal"</span>
            </button>
            <button
                type="button"
                class="btn btn-small calls-toggle"
                data-testid="calls-toggle"
                aria-expanded=move || if drawer.get() { "true" } else { "false" }
                aria-controls="call-drawer"
                on:click=move |_| drawer.update(|o| *o = !*o)
            >
                {move || {
                    let (n, failed) = calls.get();
                    if failed > 0 { format!("Calls ({n}, {failed} failed)") } else { format!("Calls ({n})") }
                }}
            </button>
        </div>
    }
}
