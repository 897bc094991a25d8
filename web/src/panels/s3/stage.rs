//! The SSE-KMS stage: the client, S3 and KMS drawn in SVG, each step of an S3 request a
//! labelled token moving between them, grouped in the notes' four steps. Play, pause, step
//! back and forward, restart and speed; the current step is text for assistive technology;
//! under reduced motion nothing moves and nothing plays by itself.

use std::sync::Arc;

use leptos::prelude::*;

use super::vm::{self, DOWNLOAD, UPLOAD};
use crate::store::CallRecord;
use crate::widgets::use_pg;

/// Where an actor stands on the stage (x of its centre, in the 480-wide drawing).
fn x_of(actor: &str) -> f64 {
    match actor {
        "client" => 75.0,
        "s3" => 240.0,
        _ => 405.0,
    }
}

/// Where the `i`th message's arrow runs (its row, below the actors).
fn row_y(i: usize) -> f64 {
    90.0 + 30.0 * i as f64
}

/// Whether the visitor asked for reduced motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The stage for one S3 request.
#[component]
pub fn Stage(
    record: Arc<CallRecord>,
    /// Whether the request is new here (else the stage opens at its end, still).
    #[prop(default = true)]
    fresh: bool,
) -> impl IntoView {
    let pg = use_pg();
    let steps = vm::steps_view(&record);
    let download = vm::is_download(&record);
    let phases = if download { DOWNLOAD } else { UPLOAD };
    let n = steps.len();
    let still = reduced_motion();
    let at = RwSignal::new(if fresh { 0 } else { n.saturating_sub(1) });
    let playing = RwSignal::new(fresh && !still && n > 1);
    let speed = RwSignal::new(String::from("1"));
    // Autoplay: one step every 1.4 s at 1× speed, stopping at the end.
    let timer = StoredValue::new(None::<IntervalHandle>);
    Effect::new(move |_| {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        if playing.get() {
            let factor: f64 = speed.get().parse().unwrap_or(1.0);
            let ms = (1400.0 / factor.max(0.25)) as u64;
            let h = set_interval_with_handle(
                move || {
                    if at.get_untracked() + 1 < n {
                        at.update(|a| *a += 1);
                    } else {
                        playing.set(false);
                    }
                },
                std::time::Duration::from_millis(ms),
            )
            .ok();
            timer.set_value(h);
        }
    });
    on_cleanup(move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
    });
    // The drawing's lower part, what S3 holds, starts below the rows of every message.
    let hold = row_y(n) - 6.0;
    let returned = vm::returned(&record);
    let steps = StoredValue::new(steps);
    let current = move || steps.with_value(|s| s.get(at.get()).cloned());
    let kind = if download { "Download" } else { "Upload" };
    let (outcome, message) = match &record.output {
        Ok(_) => (String::from("completed"), None),
        Err(e) => (format!("stopped: {}", e.code), Some(e.message.clone())),
    };
    let now_text = move || {
        current().map(|s| {
            let phase = phases.get(s.phase).map_or("", |p| p.title);
            format!(
                "{kind}, step {} of 4 — {phase}. {} ({}): {}",
                s.phase + 1,
                s.title,
                if s.ok { "done" } else { "refused" },
                s.detail
            )
        })
    };
    let factor = move || speed.get().parse::<f64>().unwrap_or(1.0).max(0.25);
    view! {
        <section class="card stage" aria-labelledby="stage-title" data-testid="stage" class:still=still>
            <h2 id="stage-title">{format!("{kind}: {} {}", record.caller_name, outcome)}</h2>
            {message.map(|m| view! { <p class="stage-error mono small">{m}</p> })}
            <svg class="stage-svg" viewBox=format!("0 0 480 {}", hold + 100.0) role="img" aria-labelledby="stage-now">
                <defs>
                    <marker id="stage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head"/>
                    </marker>
                </defs>
                {["client", "s3", "kms"].into_iter().map(|a| {
                    let x = x_of(a);
                    let name = match a { "client" => "Client", "s3" => "Amazon S3", _ => "AWS KMS" };
                    let active = move || current().is_some_and(|s| s.from == a || s.to == a);
                    view! {
                        <g class=move || if active() { "actor active" } else { "actor" }>
                            <line class="lifeline" x1=x y1="56" x2=x y2=hold - 4.0/>
                            <rect x=x - 65.0 y="8" width="130" height="48" rx="10"/>
                            <text x=x y="38" text-anchor="middle">{name}</text>
                        </g>
                    }
                }).collect_view()}
                // The sequence so far: every message up to the current one, each on its own
                // row, the current one marked and its token travelling.
                {move || {
                    let upto = at.get();
                    steps.with_value(|all| all.iter().take(upto + 1).enumerate().map(|(i, s)| {
                        let y = row_y(i);
                        let (from, to) = (x_of(s.from), x_of(s.to));
                        let now = i == upto;
                        let class = match (s.ok, now) {
                            (false, _) => "message failed",
                            (true, true) => "message now",
                            (true, false) => "message",
                        };
                        let label = format!("{}. {}{}", i + 1, if s.ok { "" } else { "✕ " }, s.title);
                        let (arrow, lx, anchor) = if s.from == s.to {
                            (format!("M{},{} h34 v12 h-32", from + 2.0, y - 8.0), from + 42.0, "start")
                        } else {
                            // 2 units off each lifeline, whichever way it runs.
                            let gap = 2.0 * (to - from).signum();
                            (format!("M{},{y} H{}", from + gap, to - gap), (from + to) / 2.0, "middle")
                        };
                        let ms = (600.0 / factor()) as u64;
                        view! {
                            <g class=class data-testid="stage-message">
                                <path d=arrow marker-end="url(#stage-arrow)"/>
                                <text x=lx y=y - 5.0 text-anchor=anchor>{label}</text>
                                {(now && s.from != s.to).then(|| view! {
                                    <circle class="token" cx="0" cy=y r="6" style=format!("--from: {from}px; --to: {to}px; --travel: {ms}ms")/>
                                })}
                            </g>
                        }
                    }).collect_view())
                }}
                <g class="chip kms-key">
                    <rect x="345" y=hold width="120" height="40" rx="6"/>
                    <text x="405" y=hold + 16.0 text-anchor="middle">"KMS key"</text>
                    <text x="405" y=hold + 32.0 text-anchor="middle" class="chip-note">"never leaves KMS"</text>
                </g>
                {move || {
                    let h = steps.with_value(|s| vm::holdings(s, at.get(), download));
                    let plain = match h.plaintext_key {
                        vm::PlainKey::None => None,
                        vm::PlainKey::Held => Some(("chip plain", "plaintext data key")),
                        vm::PlainKey::Dropped => Some(("chip plain dropped", "plaintext key dropped")),
                    };
                    let back = returned.clone().filter(|_| h.returned);
                    view! {
                        {back.map(|text| view! {
                            <g class="chip plain" data-testid="stage-returned">
                                <rect x="8" y=hold width="134" height="40" rx="6"/>
                                <text x="75" y=hold + 16.0 text-anchor="middle">{text}</text>
                                <text x="75" y=hold + 32.0 text-anchor="middle" class="chip-note">"decrypted object"</text>
                            </g>
                        })}
                        {plain.map(|(class, label)| view! {
                            <g class=class>
                                <rect x="160" y=hold width="160" height="22" rx="6"/>
                                <text x="240" y=hold + 15.0 text-anchor="middle">{label}</text>
                            </g>
                        })}
                        <g class=if h.stored { "bucket stored" } else { "bucket" }>
                            <rect x="152" y=hold + 28.0 width="176" height="70" rx="8"/>
                            <text x="240" y=hold + 91.0 text-anchor="middle" class="chip-note">{if h.stored { "stored in the bucket" } else { "" }}</text>
                        </g>
                        {h.encrypted_key.then(|| view! {
                            <g class="chip sealed"><rect x="160" y=hold + 32.0 width="160" height="22" rx="6"/><text x="240" y=hold + 47.0 text-anchor="middle">"encrypted data key"</text></g>
                        })}
                        {h.encrypted_object.then(|| view! {
                            <g class="chip sealed"><rect x="160" y=hold + 58.0 width="160" height="22" rx="6"/><text x="240" y=hold + 73.0 text-anchor="middle">"encrypted object"</text></g>
                        })}
                    }
                }}
            </svg>
            <p class="stage-now" id="stage-now" aria-live="polite" data-testid="stage-now">{now_text}</p>
            <div class="toolbar stage-controls" role="group" aria-label="Stage controls">
                <button type="button" class="btn btn-small" on:click=move |_| { playing.set(false); at.set(0); }>"↺ Restart"</button>
                <button type="button" class="btn btn-small" disabled=move || at.get() == 0 on:click=move |_| { playing.set(false); at.update(|a| *a = a.saturating_sub(1)); }>"◀ Back"</button>
                <button type="button" class="btn btn-small" data-testid="stage-play" on:click=move |_| {
                    if !playing.get_untracked() && at.get_untracked() + 1 >= n { at.set(0); }
                    playing.update(|p| *p = !*p);
                }>{move || if playing.get() { view! { <PauseIcon/>" Pause" }.into_any() } else { view! { "▶ Play" }.into_any() }}</button>
                <button type="button" class="btn btn-small" data-testid="stage-forward" disabled=move || { at.get() + 1 >= n } on:click=move |_| { playing.set(false); at.update(|a| *a = (*a + 1).min(n.saturating_sub(1))); }>"Forward ▶"</button>
                <label class="speed">"Speed "
                    <select prop:value=move || speed.get() on:change=move |ev| speed.set(event_target_value(&ev))>
                        <option value="0.5">"½×"</option>
                        <option value="1">"1×"</option>
                        <option value="2">"2×"</option>
                    </select>
                </label>
            </div>
            <ol class="phases" data-testid="phases">
                {phases.iter().enumerate().map(|(p, phase)| {
                    let mine: Vec<(usize, vm::StepView)> = steps.with_value(|s| s.iter().cloned().enumerate().filter(|(_, x)| x.phase == p).collect());
                    let reached = mine.first().map(|(i, _)| *i);
                    let failed = mine.iter().any(|(_, s)| !s.ok);
                    let empty = mine.is_empty();
                    view! {
                        <li class="phase" class:reached=move || reached.is_some_and(|i| at.get() >= i) class:failed=failed data-testid="phase">
                            <p class="phase-title"><strong>{format!("Step {}: {}", p + 1, phase.title)}</strong></p>
                            <p class="phase-text muted">{phase.text}</p>
                            {empty.then(|| view! { <p class="muted small">"Not reached: the request stopped before this step."</p> })}
                            <ul class="substeps" hidden=empty>
                                {mine.into_iter().map(|(i, s)| {
                                    let call = s.kms_call;
                                    view! {
                                        <li aria-current=move || (at.get() == i).then_some("step") class:failed=!s.ok>
                                            <button type="button" class="btn-link" on:click=move |_| { playing.set(false); at.set(i); }>
                                                {format!("{} → {}: {}", s.from, s.to, s.title)}
                                            </button>
                                            " "<span>{s.detail.clone()}</span>
                                            {(!s.data.is_empty()).then(|| view! {
                                                <dl class="step-data">{s.data.iter().map(|(k, v)| view! { <div><dt>{k.clone()}</dt><dd class="mono">{v.clone()}</dd></div> }).collect_view()}</dl>
                                            })}
                                            {s.why.clone().map(|w| view! { <p class="why-says"><span class="tag why">"Why:"</span>" "{w}</p> })}
                                            {call.map(|c| view! { <button type="button" class="btn btn-small" on:click=move |_| pg.show_call(c)>{format!("Open this KMS call (#{c}) in the call drawer")}</button> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Two bars: fonts draw ⏸ as an emoji or not at all.
#[component]
fn PauseIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
            <rect x="1" y="1" width="3" height="8"/>
            <rect x="6" y="1" width="3" height="8"/>
        </svg>
    }
}
