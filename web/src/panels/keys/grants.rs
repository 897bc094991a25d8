//! A key's grants: create one (grantee, retiring principal, operations, encryption-context
//! constraints, name), list them, retire and revoke; after creating, the grant ID and token
//! and when the grant takes effect — and a call that uses the token at once.

use std::sync::Arc;

use kms_core::clock::Timestamp;
use leptos::prelude::*;
use serde_json::{Value, json};

use super::vm;
use crate::kit::{
    Cell, Col, Facts, Field, Form, Input, Row, Table, Tone, act, col, parse_pairs, row, set, wide,
};
use crate::store::{CallRecord, Slice};
use crate::ui::actors;
use crate::widgets::{CallOutcome, use_pg};

/// The operations a grant on a symmetric encryption key can allow.
const GRANT_OPERATIONS: [&str; 9] = [
    "Encrypt",
    "Decrypt",
    "GenerateDataKey",
    "GenerateDataKeyWithoutPlaintext",
    "ReEncryptFrom",
    "ReEncryptTo",
    "DescribeKey",
    "CreateGrant",
    "RetireGrant",
];

/// A grant just created: what to keep and show.
#[derive(Clone, Debug, PartialEq)]
struct Created {
    id: String,
    token: String,
    /// When it takes effect on the simulated clock (`None`: it is gone, or in effect).
    effective: Option<Timestamp>,
    operations: Vec<String>,
}

const GRANT_COLUMNS: &[Col] = &[
    col("Grant"),
    col("Grantee"),
    col("Operations"),
    wide("Constraints"),
    col("In effect"),
    col(""),
];

/// The Grants tab.
#[component]
pub fn GrantsTab(key_id: String, arn: String, aws: bool) -> impl IntoView {
    let pg = use_pg();
    let last: RwSignal<Option<Arc<CallRecord>>> = RwSignal::new(None);
    let created: RwSignal<Option<Created>> = RwSignal::new(None);
    let kid = key_id.clone();
    let rows = Signal::derive(move || {
        let grants = pg
            .store
            .read(&[Slice::Grants, Slice::Clock, Slice::Principals], |w| {
                vm::find_key(w, &kid)
                    .map(|k| vm::grants_of(w, k))
                    .unwrap_or_default()
            });
        grants
            .into_iter()
            .map(|g| {
                let (k1, k2, id1, id2) = (kid.clone(), kid.clone(), g.id.clone(), g.id.clone());
                let retire = act(move || {
                    last.set(Some(
                        pg.kms("RetireGrant", &json!({"KeyId": k1, "GrantId": id1})),
                    ))
                });
                let revoke = act(move || {
                    last.set(Some(
                        pg.kms("RevokeGrant", &json!({"KeyId": k2, "GrantId": id2})),
                    ))
                });
                let mut who = vec![Cell::Text(g.grantee.0)];
                if let Some((label, _)) = g.retiring {
                    who.push(Cell::Muted(format!("retiring: {label}")));
                }
                let mut grant = Vec::new();
                if let Some(n) = g.name {
                    grant.push(Cell::Strong(n));
                }
                grant.push(Cell::Id(g.id, 14, "grant ID"));
                row(vec![
                    Cell::Lines(grant),
                    Cell::Lines(who),
                    Cell::Text(g.operations.join(", ")),
                    Cell::text_or_dash(g.constraints.unwrap_or_default()),
                    Cell::Text(match g.effective {
                        Ok(()) => String::from("Yes"),
                        Err(when) => when,
                    }),
                    Cell::Row(vec![
                        Cell::Button(String::from("Retire"), retire, Tone::Plain),
                        Cell::Button(String::from("Revoke"), revoke, Tone::Danger),
                    ]),
                ])
            })
            .collect::<Vec<Row>>()
    });
    view! {
        <p class="help">
            "A grant lets a principal use this key for some operations without changing the key policy. Its grantee or retiring principal can retire it; whoever may RevokeGrant on the key can revoke it. "
            "A new grant takes effect within about five minutes; its grant token makes it usable at once. "
            "Grants delegate without handing out kms:PutKeyPolicy: a principal allowed to change the key policy could let anyone use the key, or lock everyone out."
        </p>
        <Table caption="Grants" cols=GRANT_COLUMNS rows=rows empty="No grants on this key."/>
        {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
        {move || created.get().map(|c| view! { <CreatedGrant created=c key_id=key_id.clone()/> })}
        {(!aws).then(|| view! { <CreateGrant arn=arn.clone() created=created/> })}
    }
}

/// The create-grant form.
#[component]
fn CreateGrant(arn: String, created: RwSignal<Option<Created>>) -> impl IntoView {
    let pg = use_pg();
    let people = Signal::derive(move || {
        let mut out = vec![(String::new(), String::from("Choose…"))];
        pg.store.read(&[Slice::Principals, Slice::Keys], |w| {
            out.extend(
                actors(w)
                    .into_iter()
                    .map(|a| (a.arn.clone(), format!("{} — {}", a.label, a.arn))),
            );
        });
        out
    });
    let operations = Signal::stored(
        GRANT_OPERATIONS
            .iter()
            .map(|o| (String::from(*o), String::from(*o)))
            .collect::<Vec<_>>(),
    );
    let kinds = Signal::stored(vec![
        (String::new(), String::from("None")),
        (
            String::from("EncryptionContextSubset"),
            String::from("EncryptionContextSubset: the request's context includes these pairs"),
        ),
        (
            String::from("EncryptionContextEquals"),
            String::from("EncryptionContextEquals: the request's context is exactly these pairs"),
        ),
    ]);
    let grantee = RwSignal::new(String::new());
    let retiring = RwSignal::new(String::new());
    let ops = RwSignal::new(vec![String::from("Encrypt"), String::from("Decrypt")]);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let pairs = RwSignal::new(String::new());
    let pairs_error = RwSignal::new(None::<String>);
    let last: RwSignal<Option<Arc<CallRecord>>> = RwSignal::new(None);
    let submit = act(move || {
        let mut input = json!({"KeyId": arn, "GranteePrincipal": grantee.get_untracked(), "Operations": ops.get_untracked()});
        if !retiring.get_untracked().is_empty() {
            set(
                &mut input,
                "RetiringPrincipal",
                json!(retiring.get_untracked()),
            );
        }
        if !name.get_untracked().trim().is_empty() {
            set(&mut input, "Name", json!(name.get_untracked().trim()));
        }
        let k = kind.get_untracked();
        if !k.is_empty() {
            match parse_pairs(&pairs.get_untracked()) {
                Ok(map) => set(&mut input, "Constraints", json!({ k: map })),
                Err(e) => return pairs_error.set(Some(e)),
            }
        }
        pairs_error.set(None);
        let record = pg.kms("CreateGrant", &input);
        if let Ok(out) = &record.output {
            let text = |k: &str| {
                out.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let id = text("GrantId");
            let effective = pg.store.peek(|w| {
                w.grants()
                    .iter()
                    .find(|g| g.grant_id.as_str() == id)
                    .map(|g| g.effective)
            });
            created.set(Some(Created {
                id,
                token: text("GrantToken"),
                effective,
                operations: ops.get_untracked(),
            }));
        }
        last.set(Some(record));
    });
    view! {
        <div class="card sub">
            <h3>"Create a grant"</h3>
            <Form
                fields=vec![
                    Field::new("Grantee principal", Input::Select(grantee, people)),
                    Field::new("Operations", Input::Choices(ops, operations)),
                    Field::new("Retiring principal (optional)", Input::Select(retiring, people)),
                    Field::new("Grant name (optional)", Input::Text(name)),
                    Field::new("Encryption context constraint", Input::Select(kind, kinds)),
                    Field::new("Constraint pairs, one key=value per line", Input::Area(pairs, 3, true)).error(pairs_error.into()),
                ]
                submit=String::from("Create grant")
                on_submit=submit
            />
            {move || last.get().filter(|r| !r.ok()).map(|r| view! { <CallOutcome record=r/> })}
        </div>
    }
}

/// A grant just created: its ID and token, when it takes effect, and a call that uses the
/// token at once.
#[component]
fn CreatedGrant(created: Created, key_id: String) -> impl IntoView {
    let pg = use_pg();
    let usable: Vec<(String, String)> = created
        .operations
        .iter()
        .filter(|o| {
            matches!(
                o.as_str(),
                "Encrypt" | "GenerateDataKey" | "GenerateDataKeyWithoutPlaintext" | "DescribeKey"
            )
        })
        .map(|o| (o.clone(), o.clone()))
        .collect();
    let op = RwSignal::new(usable.first().map(|u| u.0.clone()).unwrap_or_default());
    let with_token = RwSignal::new(true);
    let last: RwSignal<Option<Arc<CallRecord>>> = RwSignal::new(None);
    let token = created.token.clone();
    let try_it = act(move || {
        let o = op.get_untracked();
        let mut input = match o.as_str() {
            "Encrypt" => {
                json!({"KeyId": key_id, "Plaintext": kms_core::b64::encode(b"Hello from a grant")})
            }
            "DescribeKey" => json!({"KeyId": key_id}),
            _ => json!({"KeyId": key_id, "KeySpec": "AES_256"}),
        };
        if with_token.get_untracked() {
            set(&mut input, "GrantTokens", json!([token]));
        }
        last.set(Some(pg.kms(&o, &input)));
    });
    let acting = move || {
        let arn = pg.ui.acting_as.get();
        pg.store
            .read(&[Slice::Principals], |w| vm::principal_label(w, &arn))
    };
    // Read against the clock: after the clock passes its time, the grant is in effect.
    let at = created.effective;
    let when = move || {
        let now = pg.store.read(&[Slice::Clock], |w| w.now());
        match at.map_or(Ok(()), |at| vm::effective(now, at)) {
            Ok(()) => String::from(
                "The grant is in effect: its grantee can use it with or without the grant token.",
            ),
            Err(when) => format!(
                "The grant {when}. Until then its grantee can use it only by presenting this grant token with the request: KMS then honours the grant at once (AWS: \"eventual consistency\"; here: exactly 5 minutes)."
            ),
        }
    };
    let has_usable = !usable.is_empty();
    view! {
        <div class="card sub created-grant" role="status">
            <h3>"Grant created"</h3>
            <Facts items=vec![
                ("Grant ID", Cell::Id(created.id.clone(), 64, "grant ID")),
                ("Grant token", Cell::Id(created.token.clone(), 32, "grant token")),
            ]/>
            <p data-testid="grant-when">{when}</p>
            {has_usable.then(|| view! {
                <div class="try">
                    <p><strong>"Try it now"</strong>{move || format!(" — as {} (the acting principal; switch to the grantee in the header first):", acting())}</p>
                    <Form
                        row=true
                        fields=vec![
                            Field::new("Operation", Input::Select(op, Signal::stored(usable.clone()))),
                            Field::new("with the grant token", Input::Check(with_token)),
                        ]
                        submit=String::from("Call")
                        on_submit=try_it
                    />
                    {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
                </div>
            })}
        </div>
    }
}
