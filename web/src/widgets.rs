//! The shared widgets: an ARN with copy, state and decision badges, a JSON view, the CLI
//! line, a decision explained, the outcome of a call. Every panel uses these, so the page
//! says things one way.

use std::cell::Cell;
use std::sync::Arc;

use kms_core::authz::Decision;
use kms_core::keys::KeyState;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::format;
use crate::store::CallRecord;
use crate::ui::Pg;

thread_local! {
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// A fresh element ID (`prefix-7`), to tie labels and descriptions to their controls.
pub fn uid(prefix: &str) -> String {
    let n = NEXT_ID.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    format!("{prefix}-{n}")
}

/// The playground handle put in context by the app.
pub fn use_pg() -> Pg {
    use_context::<Pg>().unwrap_or_else(crate::provide_playground)
}

/// Copies `text` to the clipboard and says whether it did.
fn copy(pg: Pg, text: &str, what: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|c| !c.is_undefined())
        .unwrap_or(false);
    if has_clipboard {
        let _ = navigator.clipboard().write_text(text);
        pg.announce(&format!("Copied the {what}."));
    } else {
        pg.announce(
            "This page cannot use the clipboard here: select the text and copy it by hand.",
        );
    }
}

/// A button that copies `text`.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// What it is, for the button's accessible name: "Copy the key ARN".
    what: &'static str,
) -> impl IntoView {
    let pg = use_pg();
    let done = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="btn btn-icon copy"
            aria-label=format!("Copy the {what}")
            title=format!("Copy the {what}")
            on:click=move |_| {
                copy(pg, &text.get_untracked(), what);
                done.set(true);
                set_timeout(move || done.set(false), std::time::Duration::from_millis(1500));
            }
        >
            {move || if done.get() {
                view! { <span aria-hidden="true">"✓"</span> }.into_any()
            } else {
                view! {
                    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6">
                        <rect x="5" y="5" width="9" height="9" rx="1.5"/>
                        <path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5"/>
                    </svg>
                }.into_any()
            }}
        </button>
    }
}

/// A long identifier (an ARN), shortened in the middle, the whole of it on hover and to
/// screen readers, with a copy button.
#[component]
pub fn Arn(
    /// The ARN.
    #[prop(into)]
    value: String,
    /// At most this many characters shown.
    #[prop(default = 48)]
    max: usize,
    /// What it is, for the copy button ("key ARN").
    #[prop(default = "ARN")]
    what: &'static str,
) -> impl IntoView {
    let short = format::middle(&value, max);
    let full = value.clone();
    view! {
        <span class="arn">
            <code class="mono" title=full.clone() aria-label=full.clone()>{short}</code>
            <CopyButton text=value what=what/>
        </span>
    }
}

/// A key state with its symbol and word.
#[component]
pub fn StateBadge(state: KeyState) -> impl IntoView {
    let class = match state {
        KeyState::Enabled => "badge state-enabled",
        KeyState::Disabled => "badge state-disabled",
        KeyState::PendingDeletion => "badge state-pending",
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{format::state_symbol(state)}" "</span>
            {format::state(state)}
        </span>
    }
}

/// A decision's verdict: symbol, word and colour.
#[component]
pub fn VerdictBadge(rule: kms_core::authz::Rule) -> impl IntoView {
    let v = format::verdict(rule);
    view! {
        <span class=format!("badge verdict {}", v.class)>
            <span aria-hidden="true">{v.symbol}" "</span>
            {v.word}
        </span>
    }
}

/// JSON, pretty-printed, as text (never as HTML).
#[component]
pub fn JsonView(
    /// The value.
    value: Value,
    /// What it is, for screen readers ("Request").
    label: &'static str,
) -> impl IntoView {
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    view! {
        <pre class="json" tabindex="0" aria-label=label>{text}</pre>
    }
}

/// The AWS CLI command, with a copy button.
#[component]
pub fn CliLine(command: String) -> impl IntoView {
    let text = command.clone();
    view! {
        <div class="cli">
            <code class="mono"><span class="prompt" aria-hidden="true">"$ "</span>{command}</code>
            <CopyButton text=text what="AWS CLI command"/>
        </div>
    }
}

/// The playground's explanation of a decision: the verdict, which layer decided, the
/// reason, the hint, the statements that decided, and everything looked at.
#[component]
pub fn DecisionView(decision: Decision) -> impl IntoView {
    let Decision {
        rule,
        matched,
        grant_id,
        reason,
        hint,
        trace,
        trace_omitted,
        ..
    } = decision;
    let looked_at = trace.len() + trace_omitted;
    view! {
        <div class="decision">
            <p class="decision-head">
                <VerdictBadge rule=rule/>
                <span class="muted">" — "{format::rule_words(rule)}</span>
            </p>
            <p class="reason">{reason}</p>
            {hint.map(|h| view! { <p class="hint-line"><strong>"What would allow it: "</strong>{h}</p> })}
            {grant_id.map(|g| view! { <p>"The grant: "<code class="mono">{g.as_str().to_string()}</code></p> })}
            {(!matched.is_empty()).then(|| view! {
                <p class="subhead">"The statements that decided"</p>
                <ul class="statements">
                    {matched.into_iter().map(|m| {
                        let effect = format!("{:?}", m.effect);
                        let class = format!("effect {}", effect.to_lowercase());
                        view! {
                            <li>
                                <span class=class>{effect}</span>" "
                                <strong>{m.label}</strong>" in "{m.policy}
                                <span class="muted">{format!(" (line {})", m.loc.line)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(looked_at > 0).then(|| view! {
                <details class="trace">
                    <summary>{format!("Every statement and grant looked at ({looked_at})")}</summary>
                    <ul>
                        {trace.into_iter().map(|t| {
                            let what = t.statement.as_ref().map_or_else(
                                || format!("grant {}", t.grant_id.as_ref().map(|g| g.as_str().to_string()).unwrap_or_default()),
                                |s| format!("{} in {}", s.label, s.policy),
                            );
                            view! {
                                <li class=if t.applies { "applies" } else { "skipped" }>
                                    <span aria-hidden="true">{if t.applies { "● " } else { "○ " }}</span>
                                    <strong>{what}</strong>": "{t.note}
                                </li>
                            }
                        }).collect_view()}
                        {(trace_omitted > 0).then(|| view! { <li>{format!("…and {trace_omitted} more")}</li> })}
                    </ul>
                </details>
            })}
        </div>
    }
}

/// What AWS said about a failed call, apart from the playground's explanation.
#[component]
pub fn AwsSays(code: String, message: String) -> impl IntoView {
    view! {
        <p class="aws-says">
            <span class="tag aws">"AWS says"</span>" "
            <code class="mono err-code">{code}</code>": "
            <span class="err-message">{message}</span>
        </p>
    }
}

/// Why a call failed, in the playground's words, with what would change it: a denial, a
/// key's state, or a key that lives in another Region than the call's.
pub fn why_of(pg: Pg, record: &CallRecord) -> Option<(String, Option<String>)> {
    let e = record.output.as_ref().err()?;
    if let Some(why) = format::why_failed(&record.decisions, &e.code, &e.message) {
        return Some(why);
    }
    if !e.code.contains("NotFound") {
        return None;
    }
    let account = kms_core::principal::Principal::parse(&record.caller)
        .map(|p| p.account_str().to_string())
        .unwrap_or_default();
    pg.store
        .peek(|w| crate::panels::keys::vm::wrong_region(w, &account, &record.region, &record.input))
        .map(|(why, hint)| (why, Some(hint)))
}

/// The outcome of a call made from a form: done, or AWS's error with the playground's
/// "Why:", and a way to open the call in the drawer.
#[component]
pub fn CallOutcome(record: Arc<CallRecord>) -> impl IntoView {
    let pg = use_pg();
    let seq = record.seq;
    let open = move |_| pg.show_call(seq);
    let drawer_link = view! {
        <button type="button" class="btn-link" on:click=open>{format!("Call #{seq} in the call drawer")}</button>
    };
    match &record.output {
        Ok(_) => view! {
            <p class="outcome ok" role="status" data-testid="outcome">
                <span aria-hidden="true">"✓ "</span>
                {format!("{} succeeded as {}. ", record.operation, record.caller_name)}
                {drawer_link}
            </p>
        }
        .into_any(),
        Err(e) => {
            let why = why_of(pg, &record);
            view! {
                <div class="outcome error" role="alert" data-testid="outcome">
                    <AwsSays code=e.code.clone() message=e.message.clone()/>
                    {why.map(|(reason, hint)| view! {
                        <p class="why-says">
                            <span class="tag why">"Why:"</span>" "{reason}
                            {hint.map(|h| view! { <span class="hint-line">" What would allow it: "{h}</span> })}
                        </p>
                    })}
                    <p class="outcome-foot">{drawer_link}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// An error line tied to a field by `id` (the field names it in `aria-describedby`).
#[component]
pub fn FieldError(
    /// The element ID.
    id: String,
    /// The error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id aria-live="polite">
            {move || error.get().map(|e| view! { <span aria-hidden="true">"✕ "</span>{e} })}
        </p>
    }
}

/// Focuses the element with this ID after the view has updated.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
