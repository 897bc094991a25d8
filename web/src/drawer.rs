//! The call drawer: every API call the page made, from any panel, newest first, like a
//! browser's network tab. Open one to see the `aws` command, the request, the response or
//! AWS's error, and — kept apart — the playground's explanation of the decision.

use std::sync::Arc;

use leptos::prelude::*;

use crate::cli;
use crate::format;
use crate::store::CallRecord;
use crate::widgets::{AwsSays, CliLine, DecisionView, JsonView, use_pg};

/// The drawer.
#[component]
pub fn CallDrawer() -> impl IntoView {
    let pg = use_pg();
    let open = pg.ui.drawer_open;
    let selected = pg.ui.drawer_selected;
    let calls = Memo::new(move |_| {
        pg.store
            .calls(|c| c.iter().rev().cloned().collect::<Vec<Arc<CallRecord>>>())
    });
    let current = Memo::new(move |_| {
        let all = calls.get();
        let want = selected.get();
        want.and_then(|s| all.iter().find(|c| c.seq == s).cloned())
            .or_else(|| all.first().cloned())
    });
    let close = move |_| open.set(false);
    // Escape closes the drawer.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <aside
            id="call-drawer"
            class="drawer"
            aria-labelledby="drawer-title"
            data-testid="call-drawer"
            hidden=move || !open.get()
        >
            <div class="drawer-head">
                <h2 id="drawer-title">"Calls"</h2>
                <p class="muted">"Every API call this page made, newest first, with the command you would type and what AWS would answer."</p>
                <button type="button" class="btn btn-small" on:click=close aria-label="Close the call drawer">"✕ Close"</button>
            </div>
            <div class="drawer-body">
                <Show
                    when=move || !calls.get().is_empty()
                    fallback=|| view! { <p class="empty-note">"No calls yet. Everything you do in the panels is a call to KMS, IAM or S3, and appears here."</p> }
                >
                    <ol class="call-list" aria-label="Calls, newest first">
                        <For
                            each=move || calls.get()
                            key=|c| c.seq
                            children=move |c| {
                                let seq = c.seq;
                                let (mark, class, outcome) = match &c.output {
                                    Ok(_) => ("✓", "ok", String::from("OK")),
                                    Err(e) => ("✕", "failed", e.code.clone()),
                                };
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class=format!("call-row {class}")
                                            data-testid="call-row"
                                            aria-current=move || (current.get().map(|x| x.seq) == Some(seq)).then_some("true")
                                            on:click=move |_| selected.set(Some(seq))
                                        >
                                            <span class="seq">{format!("#{seq}")}</span>
                                            <span class="op">{format!("{} {}", c.service.label(), c.operation)}</span>
                                            <span class="who">{c.caller_name.clone()}</span>
                                            <span class=format!("result {class}")><span aria-hidden="true">{mark}" "</span>{outcome}</span>
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ol>
                    {move || current.get().map(|c| crate::panels::lazily(call_detail(c)))}
                </Show>
            </div>
        </aside>
    }
}

/// The policy documents a request carries as strings, shown as the files the CLI line
/// reads them from (`file://policy.json`).
fn files(input: &serde_json::Value) -> impl IntoView + use<> {
    let mut out = Vec::new();
    for (member, file) in [
        ("Policy", "policy.json"),
        ("PolicyDocument", "policy.json"),
        ("AssumeRolePolicyDocument", "trust-policy.json"),
    ] {
        if let Some(doc) = input
            .get(member)
            .and_then(serde_json::Value::as_str)
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        {
            out.push(
                view! { <h4><code class="mono">{file}</code></h4><JsonView value=doc label=file/> },
            );
        }
    }
    out.collect_view()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn call_detail(record: Arc<CallRecord>) -> AnyView {
    view! { <CallDetail record=record/> }.into_any()
}

/// Puts a call's twin on the terminal's line and opens the terminal; a call made as
/// someone else than the principal acted as now carries `--profile`.
fn run_in_terminal(record: &CallRecord, command: &str) {
    let pg = use_pg();
    let mut line = String::from(command);
    if record.caller != pg.ui.acting_as.get_untracked() {
        let profile = pg.store.peek(|w| {
            w.principals()
                .iter()
                .find(|p| p.principal.arn() == record.caller)
                .and_then(|p| p.name.as_ref().map(|n| n.to_lowercase()))
        });
        let profile = profile.unwrap_or_else(|| {
            if record.caller
                == pg
                    .store
                    .peek(|w| format!("arn:aws:iam::{}:root", w.account()))
            {
                String::from("root")
            } else {
                record.caller.clone()
            }
        });
        line.push_str(&format!(" --profile {}", cli::quote(&profile)));
    }
    pg.ui.terminal_line.set(Some(line));
    pg.ui.drawer_open.set(false);
    if pg.ui.route.get_untracked().panel != crate::route::Panel::Terminal {
        pg.ui.terminal_open.set(true);
    }
}

/// One call, opened.
#[component]
pub fn CallDetail(record: Arc<CallRecord>) -> impl IntoView {
    let command = cli::command(
        record.service,
        &record.operation,
        &record.input,
        &record.region,
    );
    let r = Arc::clone(&record);
    let r2 = Arc::clone(&record);
    let response = match &record.output {
        Ok(v) => view! { <JsonView value=v.clone() label="Response"/> }.into_any(),
        Err(e) => view! {
            <AwsSays code=e.code.clone() message=e.message.clone()/>
            {e.status.map(|s| view! { <p class="muted">{format!("HTTP status {s}")}</p> })}
        }
        .into_any(),
    };
    let decisions = record.decisions.clone();
    // Authorization allowed every step (or none ran), yet the call failed: say what
    // refused it — a key's state, a key in another Region.
    let after = match &record.output {
        Err(_) if decisions.iter().all(format::allowed) => {
            crate::widgets::why_of(use_pg(), &record).map(|(reason, _)| reason)
        }
        _ => None,
    };
    let steps = record.steps.clone();
    view! {
        <section class="call-detail" data-testid="call-detail" aria-label=format!("Call #{}", r.seq)>
            <h3>{format!("#{} {} {}", r.seq, r.service.label(), r.operation)}</h3>
            <dl class="facts">
                <div><dt>"Caller"</dt><dd><code class="mono">{r.caller.clone()}</code></dd></div>
                <div><dt>"Endpoint"</dt><dd><code class="mono">{r.service.endpoint(&r.region)}</code></dd></div>
                <div><dt>"Simulated time"</dt><dd>{format::time(r.at)}</dd></div>
            </dl>
            <h4>"AWS CLI"</h4>
            <CliLine command=command.clone()/>
            <button type="button" class="btn btn-small" data-testid="run-in-terminal" on:click=move |_| run_in_terminal(&r2, &command)>"›_ Run in terminal"</button>
            <h4>"Request"</h4>
            <JsonView value=r.input.clone() label="Request"/>
            {files(&r.input)}
            <h4>{if r.ok() { "Response" } else { "Error" }}</h4>
            {response}
            {(!steps.is_empty()).then(|| view! {
                <h4>"What S3 did"</h4>
                <ol class="s3-steps">
                    {steps.into_iter().map(|s| view! {
                        <li class=if s.ok { "ok" } else { "failed" }>
                            <strong>{format!("{} → {}: {}", s.from.as_str(), s.to.as_str(), s.title)}</strong>
                            " "{s.detail}
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {(!decisions.is_empty() || after.is_some()).then(|| view! {
                <div class="why-block">
                    <h4><span class="tag why">"Why:"</span>" the playground's explanation "<span class="muted">"(AWS does not show this)"</span></h4>
                    {after.map(|a| view! { <p class="why-says" data-testid="why-after">{a}</p> })}
                    {decisions.into_iter().map(|d| view! { <DecisionView decision=d/> }).collect_view()}
                </div>
            })}
        </section>
    }
}
