//! Client-side and server-side encryption of the same text, side by side. Client-side:
//! the page asks KMS for a data key and seals the text itself (envelope encryption, as the
//! Encrypt panel's steps do). Server-side: the page sends the text to S3, which encrypts
//! it with SSE-KMS. Both are real calls through the door; the table says who held the
//! plaintext data key, where the encryption ran, what crossed the network, what is
//! stored, and what CloudTrail recorded for each.

use std::sync::Arc;

use kms_core::World;
use kms_core::audit::AuditEvent;
use kms_core::context::EncryptionContext;
use leptos::prelude::*;
use serde_json::json;

use crate::kit::{Field, Input, field, follow_options};
use crate::panels::encrypt::steps::seal_text;
use crate::panels::keys::vm::principal_label;
use crate::store::{CallRecord, Service};
use crate::widgets::{CallOutcome, use_pg};

/// What the two ways made.
#[derive(Clone, Debug)]
struct Compared {
    /// The text's length.
    bytes: usize,
    /// Client-side: the envelope's length, and the call for the data key.
    client: Result<(usize, Option<Arc<CallRecord>>), Arc<CallRecord>>,
    /// What CloudTrail recorded for the client side.
    client_trail: Vec<String>,
    /// Server-side: the PutObject call.
    server: Arc<CallRecord>,
    /// What CloudTrail recorded for the server side.
    server_trail: Vec<String>,
    /// Where the object went.
    object: String,
}

/// The ID of the newest audit event, to find the events a call adds after it.
fn newest(w: &World) -> Option<String> {
    w.audit_log().last().map(|e| e.event_id.clone())
}

/// The audit events after `mark`, each as a line: who did what, through which service.
pub fn trail_since(w: &World, mark: Option<&str>) -> Vec<String> {
    let log = w.audit_log();
    let from = mark
        .and_then(|m| log.iter().position(|e| e.event_id == m))
        .map_or(0, |i| i + 1);
    log.iter().skip(from).map(|e| line(w, e)).collect()
}

fn line(w: &World, e: &AuditEvent) -> String {
    let who = e
        .user_identity
        .arn
        .as_deref()
        .map_or_else(|| String::from("AWS"), |a| principal_label(w, a));
    let via = e
        .user_identity
        .invoked_by
        .as_deref()
        .map(|v| format!(", invoked by {v}"))
        .unwrap_or_default();
    let source = e.event_source.trim_end_matches(".amazonaws.com");
    let outcome = e
        .error_code
        .as_deref()
        .map(|c| format!(" — {c}"))
        .unwrap_or_default();
    format!("{source} {} by {who}{via}{outcome}", e.event_name)
}

/// The side-by-side card.
#[component]
pub fn Compare(
    /// The bucket the server side uploads to.
    bucket: RwSignal<String>,
    /// The customer managed keys: ARN and name.
    keys: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let pg = use_pg();
    let text = RwSignal::new(String::from("Meet at the usual place at noon."));
    let key = RwSignal::new(String::new());
    follow_options(key, keys);
    let result: RwSignal<Option<Compared>, LocalStorage> = RwSignal::new_local(None);
    let count = RwSignal::new(1u32);
    let problem = RwSignal::new(None::<String>);
    let run = move |_| {
        let (t, k, b) = (
            text.get_untracked(),
            key.get_untracked(),
            bucket.get_untracked(),
        );
        if b.is_empty() {
            return problem.set(Some(String::from(
                "Create a bucket first (above): the server side uploads to it.",
            )));
        }
        problem.set(None);
        let mut context = EncryptionContext::new();
        context.insert(String::from("purpose"), "compare");
        let mark = pg.store.peek(newest);
        let client = seal_text(pg, &k, &t, context).map(|s| (s.envelope.len(), s.call));
        let client_trail = pg.store.peek(|w| trail_since(w, mark.as_deref()));
        let mark = pg.store.peek(newest);
        let object = format!("compare-{}.txt", count.get_untracked());
        let server = pg.call(
            Service::S3,
            "PutObject",
            &json!({
                "Bucket": b,
                "Key": object,
                "Body": kms_core::b64::encode(t.as_bytes()),
                "ServerSideEncryption": "aws:kms",
                "SSEKMSKeyId": k,
            }),
        );
        if server.ok() {
            count.update(|c| *c += 1);
        }
        let server_trail = pg.store.peek(|w| trail_since(w, mark.as_deref()));
        result.set(Some(Compared {
            bytes: t.len(),
            client,
            client_trail,
            server,
            server_trail,
            object: format!("s3://{b}/{object}"),
        }));
    };
    let table = move || {
        result.get().map(|c| {
            let client_ok = c.client.is_ok();
            let server_ok = c.server.ok();
            let envelope = c.client.as_ref().map(|(n, _)| *n).unwrap_or_default();
            let trail = |lines: Vec<String>| {
                if lines.is_empty() {
                    view! { <span class="muted">"nothing"</span> }.into_any()
                } else {
                    view! { <ul class="plain">{lines.into_iter().map(|l| view! { <li class="mono small">{l}</li> }).collect_view()}</ul> }.into_any()
                }
            };
            let server_put_recorded = c.server_trail.iter().any(|l| l.starts_with("s3 PutObject"));
            let rows: Vec<(&str, String, String)> = vec![
                (
                    "Where the encryption ran",
                    String::from("Here, in this page: AES-256-GCM over your text, with the data key."),
                    String::from("In S3, inside AWS, after your text arrived."),
                ),
                (
                    "Who held the plaintext data key",
                    String::from("This page: GenerateDataKey returned it to you; the page used it, then overwrote it with zeros."),
                    String::from("S3 alone: KMS returned it to S3, which used it and dropped it. You never saw it."),
                ),
                (
                    "What crossed the network",
                    String::from("To KMS: a request for a data key (no data). Back: the data key, in plaintext and encrypted. Your text never left the page."),
                    format!("To S3: your text itself, {} bytes in plaintext (HTTPS protects it in transit). From S3 to KMS: a request for a data key, with the object's ARN as encryption context.", c.bytes),
                ),
                (
                    "What is stored",
                    if client_ok {
                        format!("An envelope of {envelope} bytes: the encrypted text with its encrypted data key, kept wherever you keep it.")
                    } else {
                        String::from("Nothing: KMS refused the data key.")
                    },
                    if server_ok {
                        format!("{}: the encrypted object, with its encrypted data key beside it, in the bucket.", c.object)
                    } else {
                        String::from("Nothing: S3 refused the upload.")
                    },
                ),
            ];
            view! {
                <div class="table-wrap">
                    <table class="compare-table" data-testid="compare-table">
                        <caption class="visually-hidden">"Client-side and server-side encryption of the same text"</caption>
                        <thead><tr><th scope="col"></th><th scope="col">"Client-side (envelope)"</th><th scope="col">"Server-side (SSE-KMS)"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(what, client, server)| view! {
                                <tr><th scope="row">{what}</th><td>{client}</td><td>{server}</td></tr>
                            }).collect_view()}
                            <tr>
                                <th scope="row">"What CloudTrail recorded"</th>
                                <td data-testid="compare-client-trail">{trail(c.client_trail.clone())}</td>
                                <td data-testid="compare-server-trail">
                                    {trail(c.server_trail.clone())}
                                    {(!server_put_recorded && server_ok).then(|| view! {
                                        <p class="muted small">"S3's PutObject itself is a data event: CloudTrail records it only in a trail that logs S3 data events. KMS's event shows S3 calling on your behalf."</p>
                                    })}
                                </td>
                            </tr>
                        </tbody>
                    </table>
                </div>
                {c.client.clone().err().map(|r| view! { <CallOutcome record=r/> })}
                {(!server_ok).then(|| view! { <CallOutcome record=Arc::clone(&c.server)/> })}
            }
        })
    };
    view! {
        <section class="card compare" aria-labelledby="compare-heading" data-testid="compare">
            <h2 id="compare-heading">"Client-side or server-side encryption?"</h2>
            <p class="help">"The same text, encrypted both ways with the same KMS key, as the acting principal. Client-side, you encrypt before the data leaves you (envelope encryption, as in the Encrypt panel). Server-side, the service you send it to encrypts it when it stores it (SSE-KMS)."</p>
            <div class="inline-form row">
                {field(Field::new("Text", Input::Text(text)))}
                {field(Field::new("KMS key", Input::Select(key, keys)))}
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-testid="compare-run" on:click=run>"Encrypt it both ways"</button>
            </div>
            {table}
        </section>
    }
}
