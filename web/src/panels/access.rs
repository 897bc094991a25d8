//! The Access panel: who may do what with which key, and why. A matrix of decisions in
//! three views, each cell explained (the deciding rule, the statements that matched in
//! their policies, the reason, what would allow it — and a drafted fix), request facts to
//! see conditions at work, and the study notes' exercise: predict, then reveal.

mod exercise;
mod matrix;
pub mod sliced;
pub mod vm;

use matrix::words;
pub use matrix::{Legend, Matrix};

use kms_core::action::Action;
use kms_core::api::RequestFacts;
use kms_core::authz::{Source, StatementCheck};
use kms_core::context::EncryptionContext;
use kms_core::ids::KeyArn;

use leptos::prelude::*;

use crate::editor::paint::{matching_bracket, tokenize};
use crate::format;
use crate::kit::{Field, Fields, Input};
use crate::route::{Panel, Route};
use crate::store::Slice;
use crate::widgets::{DecisionView, use_pg};
use vm::{FixTarget, View};

/// A fix drafted from a denied cell, waiting for the policy editor to open it (unsaved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingFix {
    /// The editor's route detail the fix is for.
    pub detail: String,
    /// The policy text with the fix.
    pub text: String,
    /// What it does.
    pub what: String,
}

/// The editor route of a fix's target.
pub fn fix_route(w: &kms_core::World, target: &FixTarget) -> Option<String> {
    match target {
        FixTarget::KeyPolicy(arn) => w
            .keys()
            .iter()
            .find(|k| k.arn == *arn)
            .map(|k| format!("key/{}", k.key_id)),
        FixTarget::Iam(principal, name) => {
            let p = kms_core::principal::Principal::parse(principal).ok()?;
            let kind = crate::ui::kind_of(&p);
            Some(format!(
                "iam/{}/{kind}/{}/{name}",
                p.account_str(),
                p.short_name()
            ))
        }
    }
}

/// The request facts as typed: context pairs, calling service, grant token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactsText {
    /// `k=v` lines.
    pub context: String,
    /// `kms:ViaService`, or empty.
    pub via: String,
    /// A grant token, or empty.
    pub token: String,
}

impl FactsText {
    /// The encryption context, when any pair is given.
    pub fn context(&self) -> Option<EncryptionContext> {
        let pairs = crate::kit::parse_pairs(&self.context).ok()?;
        (!pairs.is_empty()).then(|| {
            pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default()))
                .collect()
        })
    }
}

/// Runs `f` with the request facts these texts give.
pub fn with_facts<R>(t: &FactsText, f: impl FnOnce(&RequestFacts<'_>) -> R) -> R {
    let ctx = t.context();
    let tokens: Vec<String> = if t.token.trim().is_empty() {
        Vec::new()
    } else {
        vec![t.token.trim().to_string()]
    };
    let facts = RequestFacts {
        context: ctx.as_ref(),
        via_service: (!t.via.is_empty()).then_some(t.via.as_str()),
        grant_tokens: &tokens,
        ..RequestFacts::default()
    };
    f(&facts)
}

/// The Access panel.
#[component]
pub fn AccessPanel() -> impl IntoView {
    let pg = use_pg();
    let choices = Memo::new(move |_| {
        pg.store.read(&[Slice::Principals, Slice::Keys], |w| {
            (vm::principals(w), vm::keys(w))
        })
    });
    let kind = RwSignal::new(String::from("action"));
    let principal = RwSignal::new(
        choices
            .get_untracked()
            .0
            .get(1)
            .or(choices.get_untracked().0.first())
            .map(|p| p.0.clone())
            .unwrap_or_default(),
    );
    let key = RwSignal::new(
        choices
            .get_untracked()
            .1
            .first()
            .map(|k| k.0.to_string())
            .unwrap_or_default(),
    );
    let action = RwSignal::new(String::from("Decrypt"));
    let facts = RwSignal::new(FactsText::default());
    let (context, via, token) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    Effect::new(move |_| {
        facts.set(FactsText {
            context: context.get(),
            via: via.get(),
            token: token.get(),
        })
    });
    let by_alias = RwSignal::new(false);
    let view_now = move || match kind.get().as_str() {
        "principal" => View::Principal(principal.get()),
        "key" => KeyArn::parse(&key.get()).map_or(View::Action(Action::Decrypt), View::Key),
        _ => View::Action(Action::from_name(&action.get()).unwrap_or(Action::Decrypt)),
    };
    // Computed at once when small; a large world's grid in slices, the page answering
    // meanwhile (sliced.rs).
    let sliced = sliced::SlicedGrid::default();
    Effect::new(move |_| {
        let v = view_now();
        let f = facts.get();
        let alias = by_alias.get();
        let job = pg
            .store
            .read(&Slice::DECISIONS, |w| vm::GridJob::new(w, &v));
        sliced.run(
            pg.store,
            job,
            move |w, job, range| with_facts(&f, |rf| job.cells(w, rf, alias, None, range)),
            |job, cells| job.finish(cells),
        );
    });
    let grid = Memo::new(move |_| sliced.value.get().unwrap_or_default());
    let busy = sliced.busy;
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    Effect::new(move |_| {
        grid.track();
        selected.set(None);
    });
    // While the exercise is being answered the matrix (and any open cell) is hidden: it
    // shows the answers.
    let quiz = RwSignal::new(false);
    Effect::new(move |_| {
        if quiz.get() {
            selected.set(None);
        }
    });
    let principal_options = Signal::derive(move || choices.get().0);
    let key_options = Signal::derive(move || {
        choices
            .get()
            .1
            .into_iter()
            .map(|(a, l)| (a.to_string(), l))
            .collect::<Vec<_>>()
    });
    let action_options = Signal::stored(
        vm::actions()
            .into_iter()
            .map(|a| (a.name().to_string(), format!("kms:{}", a.name())))
            .collect::<Vec<_>>(),
    );
    let views = Signal::stored(vec![
        (
            String::from("action"),
            String::from("Everyone × every key, for one action"),
        ),
        (
            String::from("principal"),
            String::from("One principal × every key and action"),
        ),
        (
            String::from("key"),
            String::from("Everyone × one key's actions"),
        ),
    ]);
    let vias = Signal::stored(vec![
        (String::new(), String::from("None (a direct call)")),
        (
            String::from("s3.us-east-1.amazonaws.com"),
            String::from("s3.us-east-1.amazonaws.com"),
        ),
        (
            String::from("ec2.us-east-1.amazonaws.com"),
            String::from("ec2.us-east-1.amazonaws.com"),
        ),
    ]);
    view! {
        <Show when=move || quiz.get()>
            <section class="card matrix-hidden" aria-labelledby="matrix-hidden-heading" data-testid="matrix-hidden">
                <h2 id="matrix-hidden-heading">"Who may do what"</h2>
                <p>"The matrix is hidden while you answer the exercise below: it would give the answers away. Reveal your answers, or close the exercise, to see it again."</p>
            </section>
        </Show>
        <section class="card" aria-labelledby="matrix-heading" data-testid="access-matrix" hidden=move || quiz.get()>
            <h2 id="matrix-heading">"Who may do what"</h2>
            <p class="help">"Each cell is the decision KMS would make now: the key policy first, IAM policies where the key policy lets them decide, grants, and an explicit deny over all. Open a cell to see why."</p>
            {move || vm::lookalike_warning(&choices.get().0).map(|w| view! {
                <p class="outcome warning" role="note" data-testid="lookalikes">{w}</p>
            })}
            <Fields fields=vec![Field::new("View", Input::Select(kind, views))]/>
            {move || match kind.get().as_str() {
                "principal" => view! { <Fields fields=vec![Field::new("Principal", Input::Select(principal, principal_options))]/> }.into_any(),
                "key" => view! { <Fields fields=vec![Field::new("Key", Input::Select(key, key_options))]/> }.into_any(),
                _ => view! { <Fields fields=vec![Field::new("Action", Input::Select(action, action_options))]/> }.into_any(),
            }}
            <details class="facts-box">
                <summary>"Request facts: encryption context, calling service, grant token, alias"</summary>
                <Fields fields=vec![
                    Field::new("Encryption context (key=value per line)", Input::Area(context, 2, true)),
                    Field::new("Calling service (kms:ViaService)", Input::Select(via, vias)),
                    Field::new("Grant token", Input::Text(token)),
                    Field::new("Name each key by its alias (kms:RequestAlias)", Input::Check(by_alias)),
                ]/>
            </details>
            <Legend/>
            {move || busy.get().map(|(done, all)| view! {
                <p class="muted small" role="status" data-testid="matrix-busy">{format!("Deciding… {done} of {all} principals")}</p>
            })}
            <Matrix
                caption=String::from("Decisions")
                grid=grid
                draft=Signal::stored(None)
                stale=Signal::derive(move || busy.get().is_some())
                selected=selected
            />
        </section>
        {move || selected.get().and_then(|i| grid.with(|g| g.coords(i))).map(|(p, k, a)| {
            view! { <CellDecision principal=p key_arn=k action=a facts=facts.get_untracked()/> }
        })}
        <exercise::Exercise quiz/>
    }
}

/// The lines of a policy's text, those of the statements starting at `offsets` marked.
pub fn marked_lines(text: &str, offsets: &[usize]) -> Vec<(String, bool)> {
    let tokens = tokenize(text);
    let ranges: Vec<(usize, usize)> = offsets
        .iter()
        .filter_map(|o| matching_bracket(text, &tokens, *o).map(|(a, b)| (a.min(b), a.max(b))))
        .collect();
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let end = at + line.len();
        let hl = ranges.iter().any(|(a, b)| *a <= end && *b >= at);
        out.push((String::from(line), hl));
        at = end + 1;
    }
    out
}

/// A policy's text with lines marked.
#[component]
fn PolicyText(title: String, text: String, offsets: Vec<usize>) -> impl IntoView {
    let lines = marked_lines(&text, &offsets);
    view! {
        <div class="policy-text">
            <h4>{title.clone()}</h4>
            <pre class="json" tabindex="0" aria-label=title>
                {lines.into_iter().enumerate().map(|(n, (line, hl))| view! {
                    <span class="line" class:hl=hl><span class="ln" aria-hidden="true">{format!("{:>3} ", n + 1)}</span>{line}{"\n"}</span>
                }).collect_view()}
            </pre>
        </div>
    }
}

/// The decision of one cell, its policies with the statements that decided, and a fix.
#[component]
fn CellDecision(
    principal: String,
    key_arn: KeyArn,
    action: Action,
    facts: FactsText,
) -> impl IntoView {
    let pg = use_pg();
    let pending = use_context::<RwSignal<Option<PendingFix>>>();
    let (decision, key_text, iam, labels, fix) = pg.store.peek(|w| {
        let d = with_facts(&facts, |f| vm::explain(w, &principal, &key_arn, action, f));
        let key_text = w
            .keys()
            .iter()
            .find(|k| k.arn == key_arn)
            .map(|k| String::from(k.policy.text()))
            .unwrap_or_default();
        let iam: Vec<(String, String)> = w
            .principal(&principal)
            .map(|r| {
                r.policy_names
                    .iter()
                    .cloned()
                    .zip(r.policies.iter().map(|p| String::from(p.text())))
                    .collect()
            })
            .unwrap_or_default();
        let labels = (
            crate::panels::keys::vm::principal_label(w, &principal),
            w.keys()
                .iter()
                .find(|k| k.arn == key_arn)
                .map(|k| crate::panels::keys::vm::key_name(w, k))
                .unwrap_or_default(),
        );
        let fix = d.as_ref().filter(|d| !format::allowed(d)).and_then(|d| {
            let (p, k) = vm::page_names(w, &principal, &key_arn)?;
            let names = kms_core::authz::Names {
                principal: &p,
                key: &k,
            };
            with_facts(&facts, |f| {
                kms_core::fix::suggest(w, &principal, &key_arn, action, d, f, &names)
            })
            .and_then(|fix| {
                fix_route(w, &fix.target).map(|detail| PendingFix {
                    detail,
                    text: fix.text,
                    what: fix.what,
                })
            })
        });
        (d, key_text, iam, labels, fix)
    });
    let Some(decision) = decision else {
        return view! { <p class="card">"This cell has no decision: the principal or the key is not in this world."</p> }.into_any();
    };
    let offsets_of = |source: Source| -> Vec<usize> {
        decision
            .matched
            .iter()
            .filter(|m| m.at.source == source)
            .map(|m| m.loc.offset as usize)
            .collect()
    };
    let key_marks = offsets_of(Source::KeyPolicy);
    let checks: Vec<(String, Option<StatementCheck>, bool)> = decision
        .trace
        .iter()
        .filter_map(|t| {
            t.statement.as_ref().map(|s| {
                (
                    format!("{:?} {} in {}", s.effect, s.label, s.policy),
                    t.check,
                    t.applies,
                )
            })
        })
        .collect();
    let title = format!("{} · {} · kms:{}", labels.0, labels.1, action.name());
    view! {
        <section class="card decision-card" aria-labelledby="cell-title" data-testid="cell-decision">
            <h2 id="cell-title">{title}</h2>
            <DecisionView decision=decision.clone()/>
            {(!checks.is_empty()).then(|| view! {
                // Wider than a phone: it scrolls, so the keyboard can reach and scroll it.
                <div class="table-wrap" tabindex="0" role="region" aria-label="Each statement against the request">
                    <table class="checks-table">
                        <caption>"Each statement against the request"</caption>
                        <thead><tr><th scope="col">"Statement"</th><th scope="col">"Principal"</th><th scope="col">"Action"</th><th scope="col">"Resource"</th><th scope="col">"Condition"</th></tr></thead>
                        <tbody>
                            {checks.into_iter().map(|(name, check, applies)| {
                                let marks = element_marks(check, applies);
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        {marks.into_iter().map(|m| view! { <td class=format!("elem {}", m.1)>{m.0}</td> }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <div class="policies-side">
                <PolicyText title=format!("Key policy of {}", labels.1) text=key_text offsets=key_marks/>
                {iam.into_iter().enumerate().map(|(i, (name, text))| {
                    let marks = offsets_of(Source::Iam(i));
                    view! { <PolicyText title=format!("IAM policy {name} of {}", labels.0) text=text offsets=marks/> }
                }).collect_view()}
            </div>
            {fix.map(|f| {
                let what = f.what.clone();
                view! {
                    <div class="fix">
                        <p><strong>"A fix: "</strong>{what}</p>
                        <button type="button" class="btn btn-primary" on:click=move |_| {
                            let route = Route::to(Panel::Policies, &f.detail);
                            if let Some(p) = pending {
                                p.set(Some(f.clone()));
                            }
                            pg.go(route);
                        }>"Draft a fix"</button>
                        <p class="help">"Opens the policy in the editor with the change made but not saved."</p>
                    </div>
                }
            })}
        </section>
    }
    .into_any()
}

/// ✓/✕/— for Principal, Action, Resource, Condition: the first element that does not match
/// fails; those before it match; those after were not looked at.
fn element_marks(
    check: Option<StatementCheck>,
    applies: bool,
) -> [(&'static str, &'static str); 4] {
    let failed = match check {
        Some(StatementCheck::PrincipalNotNamed) => Some(0),
        Some(StatementCheck::ActionNotCovered) => Some(1),
        Some(StatementCheck::ResourceNotCovered) => Some(2),
        Some(StatementCheck::ConditionFailed(_)) => Some(3),
        _ => None,
    };
    std::array::from_fn(|i| match failed {
        _ if applies => ("✓ matches", "ok"),
        Some(f) if i < f => ("✓ matches", "ok"),
        Some(f) if i == f => ("✕ does not", "no"),
        _ => ("— not checked", "skip"),
    })
}

#[cfg(test)]
mod tests;
