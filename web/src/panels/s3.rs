//! The S3 panel: server-side encryption with KMS keys, as the study notes define it. Create
//! a bucket, upload an object with SSE-KMS (the AWS managed key aws/s3, or a key of yours;
//! an encryption context; an S3 Bucket Key) and watch the four steps on the stage;
//! download it and watch the other four. Every call S3 makes to KMS is in the call drawer.

mod compare;
mod stage;
pub mod vm;

use std::sync::Arc;

use kms_core::keys::KeyManager;
use leptos::prelude::*;
use serde_json::json;

use crate::kept;
use crate::kit::{
    Cell, Col, Field, Form, Input, Row, Table, Tone, act, col, follow_options, parse_pairs, set,
    wide,
};
use crate::panels::keys::vm::key_name;
use crate::store::{CallRecord, Service, Slice};
use crate::widgets::{CallOutcome, use_pg};

const OBJECT_COLUMNS: &[Col] = &[
    col("Object"),
    col("Encryption"),
    wide("KMS key"),
    wide("Encryption context"),
    col("Bucket Key"),
    col(""),
];

/// The S3 panel.
#[component]
pub fn S3Panel() -> impl IntoView {
    let pg = use_pg();
    let shown: RwSignal<Option<Arc<CallRecord>>> = kept::signal("s3.shown", || None);
    let last: RwSignal<Option<Arc<CallRecord>>> = kept::signal("s3.last", || None);
    let played: RwSignal<Option<u64>> = kept::signal("s3.played", || None);
    let buckets = Signal::derive(move || {
        pg.store.read(&[Slice::S3], |w| {
            w.buckets()
                .iter()
                .map(|b| (b.name.clone(), b.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // Create a bucket.
    let new_bucket = kept::signal("s3.new_bucket", || String::from("learning-bucket"));
    let create = act(move || {
        // Outside us-east-1 a bucket names its Region, as the AWS CLI and console do.
        let region = pg.ui.region.get_untracked();
        let name = new_bucket.get_untracked();
        let input = if region == "us-east-1" {
            json!({"Bucket": name.trim()})
        } else {
            json!({"Bucket": name.trim(), "CreateBucketConfiguration": {"LocationConstraint": region}})
        };
        let r = pg.call(Service::S3, "CreateBucket", &input);
        last.set(Some(r));
    });
    // Upload.
    let bucket = kept::signal("s3.bucket", String::new);
    follow_options(bucket, buckets);
    let counter = kept::signal("s3.counter", || 1u32);
    let key = kept::signal("s3.key", || String::from("notes-1.txt"));
    let body = kept::signal("s3.body", || {
        String::from("Meet at the usual place at noon.")
    });
    let sse = kept::signal("s3.sse", || String::from("aws/s3"));
    let kms_key = kept::signal("s3.kms_key", String::new);
    let context = kept::signal("s3.context", String::new);
    let bucket_key = kept::signal("s3.bucket_key", || false);
    let keys = Signal::derive(move || {
        pg.store.read(&[Slice::Keys], |w| {
            w.keys()
                .iter()
                .filter(|k| k.manager == KeyManager::Customer)
                .map(|k| (k.arn.to_string(), key_name(w, k)))
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |_| {
        let all = keys.get();
        if kms_key.get_untracked().is_empty() {
            kms_key.set(all.first().map(|k| k.0.clone()).unwrap_or_default());
        }
    });
    let context_error = kept::signal("s3.context_error", || None::<String>);
    let upload = act(move || {
        let mut input = json!({
            "Bucket": bucket.get_untracked(),
            "Key": key.get_untracked().trim(),
            "Body": kms_core::b64::encode(body.get_untracked().as_bytes()),
        });
        match sse.get_untracked().as_str() {
            "sse-s3" => set(&mut input, "ServerSideEncryption", json!("AES256")),
            choice => {
                set(&mut input, "ServerSideEncryption", json!("aws:kms"));
                if choice == "customer" {
                    set(&mut input, "SSEKMSKeyId", json!(kms_key.get_untracked()));
                }
                match parse_pairs(&context.get_untracked()) {
                    Ok(pairs) if !pairs.is_empty() => set(
                        &mut input,
                        "SSEKMSEncryptionContext",
                        json!(kms_core::b64::encode(
                            serde_json::Value::Object(pairs).to_string().as_bytes()
                        )),
                    ),
                    Ok(_) => {}
                    Err(e) => return context_error.set(Some(e)),
                }
                if bucket_key.get_untracked() {
                    set(&mut input, "BucketKeyEnabled", json!(true));
                }
            }
        }
        context_error.set(None);
        let r = pg.call(Service::S3, "PutObject", &input);
        if r.ok() {
            counter.update(|c| *c += 1);
            key.set(format!("notes-{}.txt", counter.get_untracked()));
        }
        shown.set(Some(Arc::clone(&r)));
        last.set(Some(r));
    });
    let sse_choices = Signal::stored(vec![
        (
            String::from("aws/s3"),
            String::from("SSE-KMS with the AWS managed key aws/s3"),
        ),
        (
            String::from("customer"),
            String::from("SSE-KMS with a key of yours"),
        ),
        (
            String::from("sse-s3"),
            String::from("SSE-S3 (an S3-managed key, no KMS)"),
        ),
    ]);
    let rows = Signal::derive(move || {
        let objects = pg.store.read(&[Slice::S3, Slice::Keys], vm::objects);
        objects
            .into_iter()
            .map(|o| {
                let (b, k) = (o.bucket.clone(), o.key.clone());
                let label = format!("Download {}", o.key);
                let download = act(move || {
                    let r = pg.call(Service::S3, "GetObject", &json!({"Bucket": b, "Key": k}));
                    shown.set(Some(Arc::clone(&r)));
                    last.set(Some(r));
                });
                Row {
                    cells: vec![
                        Cell::Lines(vec![
                            Cell::Mono(o.key),
                            Cell::Muted(format!("{} · {}", o.bucket, o.size)),
                        ]),
                        Cell::Text(String::from(o.encryption)),
                        Cell::text_or_dash(o.kms_key.unwrap_or_default()),
                        Cell::text_or_dash(o.context),
                        Cell::Text(String::from(if o.bucket_key { "Yes" } else { "No" })),
                        Cell::Button(label, download, Tone::Plain),
                    ],
                    class: "",
                }
            })
            .collect::<Vec<_>>()
    });
    let counts = move || {
        let b = bucket.get();
        let (uploads, kms, saved) = pg
            .store
            .calls(|c| vm::kms_counts(&c.iter().cloned().collect::<Vec<_>>(), &b));
        (uploads > 0).then(|| {
            format!("Uploads to {b} so far: {uploads}. Calls S3 made to KMS for them: {kms}. Calls a Bucket Key saved: {saved}.")
        })
    };
    let has_bucket = move || !buckets.get().is_empty();
    let create_again = create.clone();
    view! {
        <div class="s3-top">
        <section class="card" aria-labelledby="s3-upload-heading">
            <h2 id="s3-upload-heading">"Upload an object with SSE-KMS"</h2>
            <p class="help">"S3 calls KMS on your behalf, as the acting principal: you need kms:GenerateDataKey on the key to upload, and kms:Decrypt to download. S3's own permissions are not simulated."</p>
            <p class="help" data-testid="at-rest">"SSE-KMS is server-side encryption, and encryption at rest: S3 encrypts the object before it stores it, and what it keeps on disk stays encrypted. On the way to and from S3 — in transit — the object is protected by HTTPS (TLS) instead, a separate layer. At rest and in transit are two protections, and real data wants both."</p>
            <Show when=has_bucket fallback=move || view! {
                <Form
                    row=true
                    fields=vec![Field::new("Bucket name", Input::Text(new_bucket)).help("3–63 lower-case letters, digits, dots and hyphens.")]
                    submit=String::from("Create bucket")
                    on_submit=create.clone()
                />
            }>
                <Form
                    fields=vec![
                        Field::new("Bucket", Input::Select(bucket, buckets)),
                        Field::new("Object key", Input::Text(key)),
                        Field::new("Object body (text)", Input::Area(body, 2, false)),
                        Field::new("Encryption", Input::Select(sse, sse_choices)),
                        Field::new("KMS key (when it is a key of yours)", Input::Select(kms_key, keys)),
                        Field::new("Your encryption context (optional, key=value per line)", Input::Area(context, 2, true))
                            .help("S3 always adds aws:s3:arn with the object's ARN.")
                            .error(context_error.into()),
                        Field::new("Use an S3 Bucket Key (fewer calls to KMS)", Input::Check(bucket_key)),
                    ]
                    submit=String::from("Upload (PutObject)")
                    on_submit=upload.clone()
                />
                <p class="muted small" data-testid="kms-counts" aria-live="polite">{counts}</p>
            </Show>
            {move || last.get().map(|r| view! { <CallOutcome record=r/> })}
        </section>
        {move || match shown.get() {
            Some(r) => {
                // A request plays once; coming back to the panel shows it where it ended.
                let fresh = played.get_untracked() != Some(r.seq);
                played.set(Some(r.seq));
                view! { <stage::Stage record=r fresh=fresh/> }.into_any()
            }
            None => view! {
                <section class="card stage-empty" aria-labelledby="stage-empty-heading">
                    <h2 id="stage-empty-heading">"The SSE-KMS stage"</h2>
                    <p>"Upload an object, or download one from the list, and watch it here: the client, S3 and KMS, and every message between them, in the study notes' four steps."</p>
                    <ol class="muted">
                        <li>"The object arrives at S3, asking for SSE-KMS."</li>
                        <li>"S3 asks KMS for a data key, with the object as encryption context."</li>
                        <li>"KMS returns the key twice — in plaintext and encrypted — and S3 encrypts."</li>
                        <li>"S3 stores the encrypted object beside the encrypted key, and drops the plaintext key."</li>
                    </ol>
                </section>
            }.into_any(),
        }}
        </div>
        <section class="card" aria-labelledby="s3-objects-heading">
            <h2 id="s3-objects-heading">"Buckets and objects"</h2>
            <Table caption="Objects and how they are encrypted" cols=OBJECT_COLUMNS rows=rows empty="No objects yet."/>
            <Show when=has_bucket>
                <details class="facts-box">
                    <summary>"Create another bucket"</summary>
                    <Form row=true fields=vec![Field::new("Bucket name", Input::Text(new_bucket))] submit=String::from("Create bucket") on_submit=create_again.clone()/>
                </details>
            </Show>
        </section>
        <compare::Compare bucket=bucket keys=keys/>
    }
}
