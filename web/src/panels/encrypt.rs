//! The Encrypt panel: client-side encryption as the study notes define it. The workbench
//! makes KMS's cryptographic calls with their real parameters; the envelope steps encrypt
//! typed text with a data key one step at a time; the file tool does the same for files of
//! any size; the inspector takes a ciphertext blob or an envelope apart, and lets you flip
//! a byte or change the context and see Decrypt refuse it.

mod inspector;
pub(crate) mod steps;
pub mod vm;

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;

use crate::kept;
use crate::kit::{Field, Input, field};
use crate::store::CallRecord;
use crate::widgets::{CallOutcome, JsonView, uid, use_pg};
use vm::{FormError, MAX_PLAINTEXT, Work};

/// Bytes handed to the inspector, with the context they were encrypted with (when known).
#[derive(Clone, Debug, PartialEq)]
pub struct ToInspect {
    /// The blob or envelope.
    pub bytes: Vec<u8>,
    /// The encryption context, `key=value` per line.
    pub context: String,
}

/// The Encrypt panel.
#[component]
pub fn EncryptPanel() -> impl IntoView {
    let inspect: RwSignal<Option<ToInspect>> = RwSignal::new(None);
    view! {
        <div class="two-up">
            <Workbench inspect=inspect/>
            <steps::EnvelopeSteps inspect=inspect/>
        </div>
        <inspector::Inspector inspect=inspect/>
        <crate::encrypt::EnvelopeTool/>
    }
}

/// The operation's response member that holds a ciphertext, and the context it is bound to.
fn produced_blob(record: &CallRecord) -> Option<(Vec<u8>, String)> {
    let out = record.output.as_ref().ok()?;
    let blob = vm::decode_b64(out.get("CiphertextBlob")?.as_str()?)?;
    let ctx_member = if record.operation == "ReEncrypt" {
        "DestinationEncryptionContext"
    } else {
        "EncryptionContext"
    };
    let context = record
        .input
        .get(ctx_member)
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    Some((blob, context))
}

/// The workbench: KMS's cryptographic operations, one form, the AWS JSON in and out.
#[component]
fn Workbench(inspect: RwSignal<Option<ToInspect>>) -> impl IntoView {
    let pg = use_pg();
    let op = kept::signal("workbench.op", || String::from("Encrypt"));
    let key = kept::signal("workbench.key", || String::from("alias/cmk-a"));
    let text = kept::signal("workbench.text", || {
        String::from("The safe's code is 4-8-15-16.")
    });
    let file: RwSignal<Option<(String, Vec<u8>)>> = kept::signal("workbench.file", || None);
    let blob = kept::signal("workbench.blob", String::new);
    let context = kept::signal("workbench.context", || String::from("purpose=notes"));
    let destination_key = kept::signal("workbench.destination_key", || String::from("alias/cmk-b"));
    let destination_context = kept::signal("workbench.destination_context", String::new);
    let key_spec = kept::signal("workbench.key_spec", || String::from("AES_256"));
    let bytes = kept::signal("workbench.bytes", || String::from("32"));
    let tokens = kept::signal("workbench.tokens", String::new);
    let problem: RwSignal<Option<FormError>> = kept::signal("workbench.problem", || None);
    let last: RwSignal<Option<(Arc<CallRecord>, usize)>> = kept::signal("workbench.last", || None);
    let error_of = move |name: &'static str| {
        Signal::derive(move || problem.get().filter(|p| p.field == name).map(|p| p.message))
    };
    let names = Memo::new(move |_| {
        let region = pg.ui.region.get();
        pg.store
            .read(&[crate::store::Slice::Keys], |w| vm::key_names(w, &region))
    });
    let plaintext = move || {
        file.with(|f| f.as_ref().map(|(_, b)| b.clone()))
            .unwrap_or_else(|| text.get().into_bytes())
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let work = Work {
            op: op.get_untracked(),
            key: key.get_untracked(),
            plaintext: plaintext(),
            blob: blob.get_untracked(),
            context: context.get_untracked(),
            destination_key: destination_key.get_untracked(),
            destination_context: destination_context.get_untracked(),
            key_spec: key_spec.get_untracked(),
            bytes: bytes.get_untracked(),
            tokens: tokens.get_untracked(),
        };
        match vm::request(&work) {
            Err(e) => problem.set(Some(e)),
            Ok(input) => {
                problem.set(None);
                let r = pg.kms(&work.op, &input);
                last.set(Some((r, work.plaintext.len())));
            }
        }
    };
    let ops = Signal::stored(
        vm::OPERATIONS
            .iter()
            .map(|o| (String::from(*o), String::from(*o)))
            .collect::<Vec<_>>(),
    );
    let specs = Signal::stored(vec![
        (
            String::from("AES_256"),
            String::from("KeySpec AES_256 (32 bytes)"),
        ),
        (
            String::from("AES_128"),
            String::from("KeySpec AES_128 (16 bytes)"),
        ),
        (String::from("bytes"), String::from("NumberOfBytes")),
    ]);
    let key_field = move |label: &'static str, value: RwSignal<String>, help: &'static str| {
        let id = uid("key");
        let list = format!("{id}-list");
        let help_id = format!("{id}-help");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id list=list.clone() class="mono" autocomplete="off" spellcheck="false" aria-describedby=help_id.clone()
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                <datalist id=list>
                    {move || names.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </datalist>
                <p class="help" id=help_id>{help}</p>
            </div>
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(f) = crate::encrypt::event_file(&ev) else {
            return file.set(None);
        };
        // Encrypt takes 4 KB; a file a little larger shows AWS's error. Far larger files
        // belong to the file tool, and are not read into memory here.
        if f.size() > 1024.0 * 1024.0 {
            file.set(None);
            return problem.set(Some(FormError {
                field: "plaintext",
                message: String::from("Encrypt takes at most 4,096 bytes, and this file is over a MiB. Encrypt it with a data key in the file tool below."),
            }));
        }
        let name = f.name();
        leptos::task::spawn_local(async move {
            match crate::encrypt::file_bytes(&f).await {
                Ok(bytes) => {
                    file.set(Some((name, bytes)));
                    problem.set(None);
                }
                Err(e) => problem.set(Some(FormError {
                    field: "plaintext",
                    message: format!("{name} could not be read: {e}."),
                })),
            }
        });
    };
    let fields = move || {
        let s = vm::shows(&op.get());
        let decrypting = op.get() == "Decrypt";
        let mut out: Vec<AnyView> = Vec::new();
        if s.key {
            out.push(
                key_field(
                    if decrypting {
                        "Key (KeyId, optional)"
                    } else {
                        "Key (KeyId)"
                    },
                    key,
                    "A key ID, key ARN, alias name or alias ARN. The list offers them all.",
                )
                .into_any(),
            );
        }
        if s.plaintext {
            out.push(field(
                Field::new("Plaintext (Plaintext)", Input::Area(text, 3, false))
                    .error(error_of("plaintext"))
                    .help("Typed text, or a small file:"),
            ));
            out.push(view! {
                <div class="field file-line">
                    <label class="file-line">"Or a file " <input type="file" data-testid="wb-file" on:change=on_file/></label>
                    {move || file.get().map(|(name, _)| view! {
                        <button type="button" class="btn btn-small" on:click=move |_| file.set(None)>{format!("Use the text instead of {name}")}</button>
                    })}
                </div>
                <p class="muted small" data-testid="wb-size" class:over=move || { plaintext().len() > MAX_PLAINTEXT }>
                    {move || format!("{} bytes of the 4,096 Encrypt takes.", plaintext().len())}
                </p>
            }.into_any());
        }
        if s.blob {
            out.push(field(
                Field::new(
                    "Ciphertext (CiphertextBlob, base64)",
                    Input::Area(blob, 3, true),
                )
                .error(error_of("blob")),
            ));
        }
        if s.context {
            let label = if op.get() == "ReEncrypt" {
                "Source encryption context (key=value per line)"
            } else {
                "Encryption context (key=value per line)"
            };
            out.push(field(
                Field::new(label, Input::Area(context, 2, true))
                    .error(error_of("context"))
                    .help("Not secret and not encrypted: authenticated. Decrypt needs the same pairs."),
            ));
        }
        if s.destination {
            out.push(
                key_field(
                    "Destination key (DestinationKeyId)",
                    destination_key,
                    "The key to encrypt under again.",
                )
                .into_any(),
            );
            out.push(field(
                Field::new(
                    "Destination encryption context",
                    Input::Area(destination_context, 2, true),
                )
                .error(error_of("destination_context")),
            ));
        }
        if s.key_spec {
            out.push(field(Field::new(
                "Data key size",
                Input::Select(key_spec, specs),
            )));
        }
        if s.tokens {
            out.push(field(
                Field::new(
                    "Grant tokens (one per line, optional)",
                    Input::Area(tokens, 1, true),
                )
                .help("A grant's token lets its grantee use it before the grant has propagated."),
            ));
        }
        out
    };
    view! {
        <section class="card" aria-labelledby="wb-heading" data-testid="workbench">
            <h2 id="wb-heading">"KMS workbench"</h2>
            <p class="help">{move || vm::purpose(&op.get())}</p>
            <form class="inline-form" on:submit=submit>
                {field(Field::new("Operation", Input::Select(op, ops)))}
                {fields}
                // Apart from the other fields, so choosing a data key size keeps its focus.
                {move || {
                    let s = vm::shows(&op.get());
                    (s.random_bytes || (s.key_spec && key_spec.get() == "bytes")).then(|| field(
                        Field::new("Number of bytes (NumberOfBytes)", Input::Number(bytes)).error(error_of("bytes")),
                    ))
                }}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="wb-call">{move || format!("Call {}", op.get())}</button>
                </div>
            </form>
            {move || last.get().map(|(r, sent)| {
                let too_long = r.operation == "Encrypt" && sent > MAX_PLAINTEXT
                    && r.output.as_ref().is_err_and(|e| e.code == "ValidationException");
                let produced = produced_blob(&r);
                let decrypted = (r.operation == "Decrypt")
                    .then(|| r.output.as_ref().ok()?.get("Plaintext")?.as_str().and_then(vm::decode_b64))
                    .flatten()
                    .and_then(|b| String::from_utf8(b).ok());
                let input = r.input.clone();
                let output = r.output.as_ref().ok().cloned();
                let material = output.as_ref().and_then(|o| {
                    pg.store.peek(|w| vm::material_used(w, &r.operation, o))
                });
                view! {
                    <div class="wb-result" data-testid="wb-result">
                        <CallOutcome record=Arc::clone(&r)/>
                        {too_long.then(|| view! {
                            <p class="callout" data-testid="wb-limit">
                                <strong>"Encrypt takes at most 4,096 bytes. "</strong>
                                {format!("This plaintext is {sent} bytes. For more, encrypt with a data key: GenerateDataKey gives a key to encrypt any amount of data locally, and its encrypted copy to store beside the data — the envelope steps and the file tool below do exactly that.")}
                            </p>
                        })}
                        {decrypted.map(|t| view! {
                            <p data-testid="wb-plaintext"><span class="muted">"Plaintext, read as text: "</span><q>{t}</q></p>
                        })}
                        {material.map(|m| view! { <p class="small" data-testid="wb-material">{m}</p> })}
                        {produced.map(|(bytes, ctx)| {
                            let (b1, c1) = (bytes.clone(), ctx.clone());
                            // The key that made it (ReEncrypt's destination), by its ARN.
                            let made_by = output.as_ref().and_then(|o| o.get("KeyId")?.as_str().map(String::from));
                            let to_decrypt = move |_| {
                                blob.set(kms_core::b64::encode(&b1));
                                context.set(c1.clone());
                                if let Some(k) = made_by.clone() {
                                    key.set(k);
                                }
                                op.set(String::from("Decrypt"));
                            };
                            let to_inspect = move |_| inspect.set(Some(ToInspect { bytes: bytes.clone(), context: ctx.clone() }));
                            view! {
                                <div class="toolbar">
                                    <button type="button" class="btn" data-testid="wb-to-decrypt" on:click=to_decrypt>"Decrypt this ciphertext"</button>
                                    <button type="button" class="btn" data-testid="wb-to-inspect" on:click=to_inspect>"Take it apart in the inspector"</button>
                                </div>
                            }
                        })}
                        <details class="facts-box" open=true>
                            <summary>"Request and response (AWS JSON)"</summary>
                            <JsonView value=input label="Request"/>
                            {output.map(|o| view! { <JsonView value=o label="Response"/> })}
                        </details>
                    </div>
                }
            })}
        </section>
    }
}
