//! A key's detail, beside the list: its actions and the console's tabs — General
//! configuration, Key policy, Key rotation, Aliases, Tags, Grants.

use std::sync::Arc;

use kms_core::keys::{KeyManager, KeyState, MAX_ROTATION_DAYS, MIN_ROTATION_DAYS};
use leptos::html::Dialog;
use leptos::prelude::*;
use serde_json::{Value, json};

use super::grants::GrantsTab;
use super::vm::{self, KeyView};
use crate::kit::{Cell, Col, Facts, Field, Form, Input, Row, Table, Tone, Toolbar, act, col, row};
use crate::route::{Panel, Route};
use crate::store::{CallRecord, Slice};
use crate::ui::Pg;
use crate::widgets::{CallOutcome, JsonView, focus_later, use_pg};

/// The tabs of a key's detail: title and slug.
const TABS: [(&str, &str); 6] = [
    ("General configuration", "general"),
    ("Key policy", "policy"),
    ("Key rotation", "rotation"),
    ("Aliases", "aliases"),
    ("Tags", "tags"),
    ("Grants", "grants"),
];

/// The result of the last call made from a key's detail.
pub type Last = RwSignal<Option<Arc<CallRecord>>>;

/// Makes a KMS call as the acting principal and keeps its outcome to show.
fn call(pg: Pg, last: Last, op: &str, input: Value) -> bool {
    let r = pg.kms(op, &input);
    let ok = r.ok();
    last.set(Some(r));
    ok
}

/// A number as typed, sent as a number when it is one (else as typed, for AWS to refuse).
fn number(text: &str) -> Value {
    text.trim()
        .parse::<i64>()
        .map_or_else(|_| json!(text), |n| json!(n))
}

/// A key's detail.
#[component]
pub fn KeyDetail(id: String) -> impl IntoView {
    let pg = use_pg();
    let key_id = id.clone();
    let key = Memo::new(move |_| {
        pg.store
            .read(&[Slice::Keys, Slice::Clock], |w| vm::key_view(w, &key_id))
    });
    // The key list shows the open key's kind (customer or AWS managed), so it lists it.
    if let Some(k) = key.get_untracked() {
        let choice = super::manager_choice();
        let wanted = if k.manager == KeyManager::Aws {
            "aws"
        } else {
            "customer"
        };
        if choice.get_untracked() != wanted {
            choice.set(String::from(wanted));
        }
    }
    let tab = RwSignal::new(0usize);
    // The outcome of the last call made from the actions, and from a tab's forms (shown
    // under them): each outlives the views that a successful call redraws.
    let last: Last = RwSignal::new(None);
    let tab_last: Last = RwSignal::new(None);
    view! {
        <section class="inspector card" aria-labelledby="key-title" data-testid="key-detail">
            {move || match key.get() {
                None => view! {
                    <h2 id="key-title">"No such key"</h2>
                    <p>{format!("There is no key {id} in this world. A key scheduled for deletion is deleted for good when its waiting period ends; the Audit panel has its DeleteKey event.")}</p>
                    <a href=Panel::Keys.href()>"Back to the key list"</a>
                }
                .into_any(),
                Some(k) => view! {
                    <div class="inspector-head">
                        <h2 id="key-title">{k.row.name.clone()}</h2>
                        {crate::kit::cell(Cell::State(k.row.state))}
                        <a class="btn btn-small back" href=Panel::Keys.href() aria-label="Close the key's detail">"✕"</a>
                    </div>
                    <KeyActions key=k.clone() last=last/>
                    {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
                    <Tabs tab=tab last=tab_last/>
                    <div role="tabpanel" id="keypanel" aria-labelledby=move || format!("keytab-{}", tab.get()) class="tabpanel">
                        {move || {
                            let Some(k) = key.get_untracked() else { return ().into_any() };
                            match tab.get() {
                                0 => general(pg, k, tab_last),
                                1 => view! { <PolicyTab id=k.row.key_id.clone() aws=k.manager == KeyManager::Aws/> }.into_any(),
                                2 => rotation(pg, k, tab_last),
                                3 => aliases(pg, k, tab_last),
                                4 => tags(pg, k, tab_last),
                                _ => view! { <GrantsTab key_id=k.row.key_id.clone() arn=k.row.arn.clone() aws=k.manager == KeyManager::Aws/> }.into_any(),
                            }
                        }}
                        {move || tab_last.get().map(|r| view! { <CallOutcome record=r/> })}
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The tab list, with arrow keys between tabs.
#[component]
fn Tabs(tab: RwSignal<usize>, last: Last) -> impl IntoView {
    view! {
        <div class="tabs-inner" role="tablist" aria-label="Key detail">
            {TABS.iter().enumerate().map(|(i, (title, _))| view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("keytab-{i}")
                    aria-controls="keypanel"
                    aria-selected=move || if tab.get() == i { "true" } else { "false" }
                    tabindex=move || if tab.get() == i { "0" } else { "-1" }
                    on:click=move |_| { tab.set(i); last.set(None); }
                    on:keydown=move |ev| {
                        let n = TABS.len();
                        let next = match ev.key().as_str() {
                            "ArrowRight" => Some((i + 1) % n),
                            "ArrowLeft" => Some((i + n - 1) % n),
                            "Home" => Some(0),
                            "End" => Some(n - 1),
                            _ => None,
                        };
                        if let Some(t) = next {
                            ev.prevent_default();
                            tab.set(t);
                            last.set(None);
                            focus_later(format!("keytab-{t}"));
                        }
                    }
                >{*title}</button>
            }).collect_view()}
        </div>
    }
}

/// Enable, disable, schedule and cancel deletion.
#[component]
fn KeyActions(key: KeyView, last: Last) -> impl IntoView {
    let pg = use_pg();
    let dialog: NodeRef<Dialog> = NodeRef::new();
    if key.manager == KeyManager::Aws {
        return view! {
            <p class="note">"An AWS managed key: the service that created it manages it. You can see it and use it through that service, but you cannot change its policy or rotation, or delete it."</p>
        }
        .into_any();
    }
    let id = key.row.key_id.clone();
    let simple = |label: &str, op: &'static str, tone: Tone| {
        let id = id.clone();
        Cell::Button(
            String::from(label),
            act(move || {
                call(pg, last, op, json!({"KeyId": id}));
            }),
            tone,
        )
    };
    let mut buttons = Vec::new();
    match key.row.state {
        KeyState::Enabled => buttons.push(simple("Disable", "DisableKey", Tone::Plain)),
        KeyState::Disabled => buttons.push(simple("Enable", "EnableKey", Tone::Plain)),
        KeyState::PendingDeletion => buttons.push(simple(
            "Cancel key deletion",
            "CancelKeyDeletion",
            Tone::Plain,
        )),
    }
    if key.row.state != KeyState::PendingDeletion {
        buttons.push(Cell::Button(
            String::from("Schedule key deletion"),
            act(move || {
                if let Some(d) = dialog.get_untracked() {
                    let _ = d.show_modal();
                }
            }),
            Tone::Danger,
        ));
    }
    let pending = key.row.deletion.clone().map(|(when, left)| view! {
        <p class="deletion-banner" role="status" data-testid="deletion-countdown">
            {format!("⌛ Scheduled for deletion on {when}, {left} on the simulated clock ({}-day waiting period). Until then the key cannot be used; cancel the deletion to keep it (it comes back disabled).", key.pending_days.unwrap_or_default())}
        </p>
    });
    view! {
        {pending}
        <Toolbar items=buttons/>
        <DeletionDialog node=dialog key_id=key.row.key_id.clone() name=key.row.name.clone() last=last/>
    }
    .into_any()
}

/// The console's "Schedule key deletion" dialog.
#[component]
fn DeletionDialog(
    node: NodeRef<Dialog>,
    key_id: String,
    name: String,
    last: Last,
) -> impl IntoView {
    let pg = use_pg();
    let days = RwSignal::new(String::from("30"));
    let confirmed = RwSignal::new(false);
    let refused: Last = RwSignal::new(None);
    let close = move || {
        if let Some(d) = node.get_untracked() {
            d.close();
        }
    };
    let schedule = act(move || {
        if !confirmed.get_untracked() {
            pg.announce("Tick the confirmation first.");
            return;
        }
        let input = json!({"KeyId": key_id, "PendingWindowInDays": number(&days.get_untracked())});
        if call(pg, refused, "ScheduleKeyDeletion", input) {
            last.set(refused.get_untracked());
            refused.set(None);
            confirmed.set(false);
            close();
        }
    });
    view! {
        <dialog node_ref=node class="dialog" aria-labelledby="delete-title">
            <h2 id="delete-title">"Schedule key deletion"</h2>
            <p class="warning">
                <strong>"Deleting an AWS KMS key is destructive and potentially dangerous. "</strong>
                "It deletes the key material and all metadata associated with the KMS key and is irreversible. After a KMS key is deleted, you can no longer decrypt the data that was encrypted under the KMS key, which means that data becomes unrecoverable."
            </p>
            <p>"If you are not sure, consider disabling the key instead: a disabled key can be enabled again."</p>
            <p><strong>{name}</strong></p>
            {move || refused.get().map(|r| view! { <CallOutcome record=r/> })}
            <Form
                fields=vec![
                    Field::new("Waiting period (in days)", Input::Number(days))
                        .help("Enter a waiting period between 7 and 30 days. The key is deleted when it ends, on the simulated clock."),
                    Field::new("Confirm that you want to schedule this key for deletion after the waiting period.", Input::Check(confirmed)),
                ]
                submit=String::from("Schedule deletion")
                on_submit=schedule
            />
            <button type="button" class="btn" on:click=move |_| close()>"Cancel"</button>
        </dialog>
    }
}

/// General configuration, and the description.
fn general(pg: Pg, key: KeyView, last: Last) -> AnyView {
    let aws = key.manager == KeyManager::Aws;
    let mut facts = vec![
        ("Aliases", Cell::text_or_dash(key.row.aliases.join(", "))),
        ("Key ID", Cell::Id(key.row.key_id.clone(), 40, "key ID")),
        ("ARN", Cell::Id(key.row.arn.clone(), 48, "key ARN")),
        ("Status", Cell::State(key.row.state)),
        ("Creation date", Cell::Text(key.row.created.clone())),
    ];
    if let Some((when, left)) = key.row.deletion.clone() {
        facts.push(("Deletion date", Cell::Text(format!("{when} ({left})"))));
    }
    facts.extend([
        (
            "Description",
            Cell::text_or_dash(key.row.description.clone()),
        ),
        (
            "Key manager",
            Cell::Text(String::from(if aws { "AWS" } else { "Customer" })),
        ),
        ("Key spec", Cell::Mono(String::from(key.row.kind.0.name()))),
        // As the console words it.
        (
            "Key usage",
            Cell::Text(String::from(match key.row.kind.1 {
                kms_core::keys::KeyUsage::EncryptDecrypt => "Encrypt and decrypt",
            })),
        ),
        ("Origin", Cell::Mono(String::from(key.row.kind.2.name()))),
        (
            "Regionality",
            Cell::Text(format!(
                "Single-Region key in {} (account {})",
                key.region, key.account
            )),
        ),
    ]);
    let description = RwSignal::new(key.row.description.clone());
    let id = key.row.key_id.clone();
    let save = act(move || {
        call(
            pg,
            last,
            "UpdateKeyDescription",
            json!({"KeyId": id, "Description": description.get_untracked()}),
        );
    });
    view! {
        <Facts items=facts/>
        {(!aws).then(|| view! {
            <Form
                fields=vec![Field::new("Description", Input::Area(description, 2, false))
                    .help("Do not include confidential or sensitive information in a description: it is not encrypted.")]
                submit=String::from("Save description")
                on_submit=save
            />
        })}
    }
    .into_any()
}

/// The key policy, read-only here (the Policies panel edits it).
#[component]
fn PolicyTab(id: String, aws: bool) -> impl IntoView {
    let pg = use_pg();
    let edit = Route::to(Panel::Policies, &format!("key/{id}")).href();
    let text = move || {
        pg.store.read(&[Slice::Policies], |w| {
            vm::find_key(w, &id).map(|k| k.policy.text().to_string())
        })
    };
    view! {
        <p class="help">"Who may use and manage this key. KMS looks at the key policy first: unless it allows the account (the \"Enable IAM User Permissions\" statement), IAM policies have no effect on this key."</p>
        <p class="help" data-testid="lockout">"Keep that statement, or someone allowed kms:PutKeyPolicy: a key policy without either locks everyone out of the key — even the account's root — and then only AWS Support can restore access. KMS's lockout safety check refuses such a policy unless the request bypasses it."</p>
        {move || text().map(|t| {
            let value = serde_json::from_str(&t).unwrap_or(Value::String(t));
            view! { <JsonView value=value label="Key policy"/> }
        })}
        {if aws {
            view! {
                <p class="help aws-policy-note">"AWS sets the key policy of an AWS managed key, and nobody can change it: the policy allows no one kms:PutKeyPolicy, not even the account's root. Anyone in the account who may use the service it belongs to may use it through that service."</p>
            }.into_any()
        } else {
            view! {
                <p><a class="btn btn-small" href=edit>"Edit this key policy"</a>
                <span class="muted small">" in the Policies panel's editor: checked as you type, with what it would change shown before you save."</span></p>
            }.into_any()
        }}
    }
}

const MATERIAL_COLUMNS: &[Col] = &[
    col("Version"),
    col("Key material ID"),
    col("Date"),
    col("How"),
];

/// Automatic and on-demand rotation, and every key material version.
fn rotation(pg: Pg, key: KeyView, last: Last) -> AnyView {
    let aws = key.manager == KeyManager::Aws;
    let period = RwSignal::new(
        key.rotation
            .as_ref()
            .map_or(String::from("365"), |r| r.0.to_string()),
    );
    let status = match &key.rotation {
        Some((days, next)) => {
            format!("Automatic rotation is on: every {days} days; the next rotation is due {next}.")
        }
        None => String::from("Automatic rotation is off."),
    };
    let id = key.row.key_id.clone();
    let enable = {
        let id = id.clone();
        act(move || {
            call(
                pg,
                last,
                "EnableKeyRotation",
                json!({"KeyId": id, "RotationPeriodInDays": number(&period.get_untracked())}),
            );
        })
    };
    let mut buttons = Vec::new();
    if key.rotation.is_some() {
        let id = id.clone();
        buttons.push(Cell::Button(
            String::from("Disable automatic rotation"),
            act(move || {
                call(pg, last, "DisableKeyRotation", json!({"KeyId": id}));
            }),
            Tone::Plain,
        ));
    }
    buttons.push(Cell::Button(
        String::from("Rotate now (on demand)"),
        act(move || {
            call(pg, last, "RotateKeyOnDemand", json!({"KeyId": id}));
        }),
        Tone::Plain,
    ));
    let materials: Vec<Row> = key
        .materials
        .into_iter()
        .map(|m| {
            row(vec![
                Cell::Text(if m.current {
                    format!("{} (current)", m.version)
                } else {
                    m.version.to_string()
                }),
                Cell::Id(m.id, 20, "key material ID"),
                Cell::Text(m.created),
                Cell::Text(String::from(m.origin)),
            ])
        })
        .collect();
    view! {
        <p data-testid="rotation-status">{status}</p>
        <p class="help">"Rotation makes new key material; the key ID, ARN and policies stay. Older material is kept, so everything encrypted before still decrypts: each ciphertext names its material version."</p>
        {(!aws).then(|| view! {
            <Form
                fields=vec![Field::new("Rotation period (in days)", Input::Number(period))
                    .help(format!("Between {MIN_ROTATION_DAYS} and {MAX_ROTATION_DAYS} days; 365 by default."))]
                submit=String::from("Enable automatic rotation")
                on_submit=enable
            />
            <Toolbar items=buttons/>
        })}
        <h3>"Key material versions"</h3>
        <Table caption="Key material versions" cols=MATERIAL_COLUMNS rows=Signal::stored(materials) empty="No key material."/>
        {(key.on_demand > 0).then(|| view! { <p class="muted small">{format!("On-demand rotations so far: {} (AWS allows 10 per key).", key.on_demand)}</p> })}
    }
    .into_any()
}

const ALIAS_COLUMNS: &[Col] = &[col("Alias"), col("")];

/// The key's aliases: create, point elsewhere, delete.
fn aliases(pg: Pg, key: KeyView, last: Last) -> AnyView {
    let aws = key.manager == KeyManager::Aws;
    let id = key.row.key_id.clone();
    let rows: Vec<Row> = key
        .row
        .aliases
        .iter()
        .map(|a| {
            let name = a.clone();
            let delete = act(move || {
                call(pg, last, "DeleteAlias", json!({"AliasName": name}));
            });
            row(vec![
                Cell::Mono(a.clone()),
                if aws {
                    Cell::Empty
                } else {
                    Cell::Button(format!("Delete {a}"), delete, Tone::Danger)
                },
            ])
        })
        .collect();
    let new_name = RwSignal::new(String::new());
    let create = {
        let id = id.clone();
        act(move || {
            let name = format!("alias/{}", new_name.get_untracked().trim());
            if call(
                pg,
                last,
                "CreateAlias",
                json!({"AliasName": name, "TargetKeyId": id}),
            ) {
                new_name.set(String::new());
            }
        })
    };
    let moving = RwSignal::new(key.row.aliases.first().cloned().unwrap_or_default());
    let target = RwSignal::new(String::new());
    let own: Vec<(String, String)> = key
        .row
        .aliases
        .iter()
        .map(|a| (a.clone(), a.clone()))
        .collect();
    let targets = Signal::derive(move || {
        let mut out = vec![(String::new(), String::from("Choose a key…"))];
        pg.store.read(&[Slice::Keys], |w| {
            out.extend(
                w.keys()
                    .iter()
                    .filter(|k| k.key_id.as_str() != id && k.manager == KeyManager::Customer)
                    .map(|k| (k.key_id.as_str().to_string(), vm::key_name(w, k))),
            );
        });
        out
    });
    let update = act(move || {
        call(
            pg,
            last,
            "UpdateAlias",
            json!({"AliasName": moving.get_untracked(), "TargetKeyId": target.get_untracked()}),
        );
    });
    let has_aliases = !key.row.aliases.is_empty();
    view! {
        <p class="help">"An alias is a friendly name for a key in one account and Region; a call can name the key by its alias. Do not include confidential or sensitive information in an alias name."</p>
        <Table caption="Aliases" cols=ALIAS_COLUMNS rows=Signal::stored(rows) empty="No aliases."/>
        {(!aws).then(|| view! {
            <h3>"Create alias"</h3>
            <Form
                fields=vec![Field::new("Alias name", Input::Text(new_name)).prefix("alias/")
                    .help("Letters, digits, /, _, - and :. Names that begin with alias/aws/ are reserved for AWS managed keys.")]
                submit=String::from("Create alias")
                on_submit=create
            />
            {has_aliases.then(|| view! {
                <h3>"Point an alias to another key"</h3>
                <Form
                    row=true
                    fields=vec![
                        Field::new("Alias", Input::Select(moving, Signal::stored(own))),
                        Field::new("New target key", Input::Select(target, targets)),
                    ]
                    submit=String::from("Update alias")
                    on_submit=update
                />
            })}
        })}
    }
    .into_any()
}

const TAG_COLUMNS: &[Col] = &[col("Tag key"), col("Tag value"), col("")];

/// The key's tags: add and remove.
fn tags(pg: Pg, key: KeyView, last: Last) -> AnyView {
    let aws = key.manager == KeyManager::Aws;
    let id = key.row.key_id.clone();
    let rows: Vec<Row> = key
        .tags
        .iter()
        .map(|(k, v)| {
            let (id, tk) = (id.clone(), k.clone());
            let remove = act(move || {
                call(
                    pg,
                    last,
                    "UntagResource",
                    json!({"KeyId": id, "TagKeys": [tk]}),
                );
            });
            row(vec![
                Cell::Text(k.clone()),
                Cell::Text(v.clone()),
                if aws {
                    Cell::Empty
                } else {
                    Cell::Button(format!("Remove {k}"), remove, Tone::Plain)
                },
            ])
        })
        .collect();
    let (tag_key, tag_value) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add = act(move || {
        let input = json!({"KeyId": id, "Tags": [{"TagKey": tag_key.get_untracked(), "TagValue": tag_value.get_untracked()}]});
        if call(pg, last, "TagResource", input) {
            tag_key.set(String::new());
            tag_value.set(String::new());
        }
    });
    view! {
        <p class="help">"Tags label a key, and can decide access through aws:ResourceTag conditions. Do not include confidential or sensitive information in tags."</p>
        <Table caption="Tags" cols=TAG_COLUMNS rows=Signal::stored(rows) empty="No tags."/>
        {(!aws).then(|| view! {
            <Form
                row=true
                fields=vec![Field::new("Tag key", Input::Text(tag_key)), Field::new("Tag value", Input::Text(tag_value))]
                submit=String::from("Add tag")
                on_submit=add
            />
        })}
    }
    .into_any()
}
