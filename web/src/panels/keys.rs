//! The Keys panel, modelled on the KMS console: the key list (customer managed and AWS
//! managed keys apart), a key's detail beside it, and the create-key wizard.

mod detail;
mod grants;
pub mod vm;
mod wizard;

use kms_core::keys::KeyManager;
use leptos::prelude::*;

use crate::kept;
use crate::kit::{Cell, Col, Field, Fields, Input, Row, Table, col, wide};
use crate::route::{Panel, Route};
use crate::store::Slice;
use crate::ui::Pg;
use crate::widgets::use_pg;

/// The account the page acts in: the acting principal's.
pub fn acting_account(pg: Pg) -> String {
    let arn = pg.ui.acting_as.get();
    kms_core::principal::Principal::parse(&arn)
        .map(|p| p.account_str().to_string())
        .unwrap_or_default()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn wizard_view() -> AnyView {
    view! { <wizard::CreateKeyWizard/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn detail_view(id: String) -> AnyView {
    view! { <detail::KeyDetail id=id/> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn elsewhere_view() -> AnyView {
    view! { <KeysElsewhere/> }.into_any()
}

/// This account's keys in other Regions, each with its Region and a way there; keys of
/// other accounts, counted (acting as one of their principals lists them).
#[component]
fn KeysElsewhere() -> impl IntoView {
    let pg = use_pg();
    // Read in the one closure (no memo of its own): switching the Region from here
    // unmounts this view, and nothing of it may be read after.
    move || {
        let (account, region) = (acting_account(pg), pg.ui.region.get());
        let all = pg
            .store
            .read(&[Slice::Keys], |w| vm::keys_elsewhere(w, &account, &region));
        let here: Vec<vm::Elsewhere> = all.iter().filter(|e| e.same_account).cloned().collect();
        let others = all.len() - here.len();
        view! {
            <div class="elsewhere small" data-testid="keys-elsewhere">
                {(!here.is_empty()).then(|| view! {
                    <p class="muted">{format!("Not listed here, in other Regions of this account (from {region}, KMS does not see them):")}</p>
                    <ul class="plain">
                        {here.into_iter().map(|e| {
                            let there = e.region.clone();
                            let go = move |_| pg.ui.region.set(there.clone());
                            view! {
                                <li>
                                    <span class="mono">{e.name.clone()}</span>" in "<strong>{e.region.clone()}</strong>" "
                                    <button type="button" class="btn-link" on:click=go>{format!("Switch to {}", e.region)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {(others > 0).then(|| view! {
                    <p class="muted">{format!("{others} more in other accounts: act as one of their principals to list them.")}</p>
                })}
            </div>
        }
    }
}

/// The Keys panel.
#[component]
pub fn KeysPanel() -> impl IntoView {
    let pg = use_pg();
    let detail = Memo::new(move |_| pg.ui.route.get().detail);
    view! {
        {move || match detail.get() {
            Some(d) if d == "create" => super::lazily(wizard_view()),
            other => {
                let class = if other.is_some() { "split has-detail" } else { "split" };
                let detail = other.clone().map(|id| super::lazily(detail_view(id)));
                view! {
                    <div class=class>
                        <KeyList selected=other/>
                        {detail}
                    </div>
                }
                .into_any()
            }
        }}
    }
}

/// The columns of the key list.
const KEY_COLUMNS: &[Col] = &[
    col("Aliases"),
    col("Key ID"),
    col("Status"),
    wide("Key rotation"),
    wide("Created"),
];

/// Which keys the list shows, `customer` or `aws`: kept while the page is open.
pub fn manager_choice() -> RwSignal<String> {
    kept::signal("keys.manager", || String::from("customer"))
}

/// The key list.
#[component]
fn KeyList(selected: Option<String>) -> impl IntoView {
    let pg = use_pg();
    // Kept while the page is open; the open key's detail turns it to the key's manager
    // (opening aws/s3 from elsewhere lists the AWS managed keys, so it is in the list).
    let choice = manager_choice();
    let managed = Signal::derive(move || {
        if choice.get() == "aws" {
            KeyManager::Aws
        } else {
            KeyManager::Customer
        }
    });
    let filter = kept::signal("keys.filter", String::new);
    let where_ = Memo::new(move |_| (acting_account(pg), pg.ui.region.get()));
    let rows = Signal::derive(move || {
        let (account, region) = where_.get();
        let rows = pg.store.read(&[Slice::Keys, Slice::Clock], |w| {
            vm::key_rows(w, &account, &region, managed.get(), &filter.get())
        });
        rows.into_iter()
            .map(|r| {
                let href = Route::to(Panel::Keys, &r.key_id).href();
                let current = selected.as_deref() == Some(r.key_id.as_str());
                let aliases = if r.aliases.is_empty() {
                    String::from("(no alias)")
                } else {
                    r.aliases.join(", ")
                };
                let mut status = vec![Cell::State(r.state)];
                if let Some((_, left)) = r.deletion {
                    status.push(Cell::Muted(format!("deletion {left}")));
                }
                Row {
                    cells: vec![
                        Cell::Link(href.clone(), aliases),
                        Cell::Link(href, crate::format::middle(&r.key_id, 18)),
                        Cell::Lines(status),
                        Cell::Text(r.rotation),
                        Cell::Text(r.created),
                    ],
                    class: if current { "selected" } else { "" },
                }
            })
            .collect::<Vec<_>>()
    });
    let summary = move || {
        let (account, region) = where_.get();
        format!(
            "Account {account}, Region {region}: the keys of the acting principal's account in the selected Region, as the console lists them."
        )
    };
    // Keys elsewhere are named apart, by a chunk of their own (none in the first world).
    let has_elsewhere = Memo::new(move |_| {
        let (account, region) = where_.get();
        pg.store.read(&[Slice::Keys], |w| {
            w.keys()
                .iter()
                .any(|k| vm::is_elsewhere(k, &account, &region))
        })
    });
    let aws = Signal::derive(move || managed.get() == KeyManager::Aws);
    view! {
        <section class="key-list card" aria-labelledby="keys-heading">
            <div class="list-head">
                <h2 id="keys-heading">"KMS keys"</h2>
                <a class="btn btn-primary" href=Route::to(Panel::Keys, "create").href()>"Create key"</a>
            </div>
            <p class="muted small">{summary}</p>
            <p class="help" data-testid="never-leaves">"A KMS key never leaves KMS unencrypted: you send it data to encrypt (at most 4 KB) or ask it for a data key, and KMS works inside. You hold the key's ID, never the key."</p>
            {move || has_elsewhere.get().then(|| super::lazily(elsewhere_view()))}
            <Fields fields=vec![
                Field::new("Key manager", Input::Select(choice, Signal::derive(|| vec![
                    (String::from("customer"), String::from("Customer managed keys")),
                    (String::from("aws"), String::from("AWS managed keys")),
                ]))),
                Field::new("Filter", Input::Text(filter)).help("Alias, key ID or description"),
            ]/>
            <Table
                caption="KMS keys"
                cols=KEY_COLUMNS
                rows=rows
                empty="No keys here. Create one, or change the key manager, the region or the acting principal."
            />
            <Show when=move || aws.get()>
                <p class="help">"AWS managed keys appear when a service first encrypts for the account: upload an object to S3 with SSE-KMS and no key, and aws/s3 appears."</p>
            </Show>
        </section>
    }
}
