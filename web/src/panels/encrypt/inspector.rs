//! The ciphertext inspector: a blob or a KPE1 envelope taken apart field by field, coloured,
//! each field saying what it is for. Flip any byte, or change the encryption context, and
//! ask KMS to decrypt it: it refuses with InvalidCiphertextException, and the page says why.

use std::sync::Arc;

use kms_core::envelope::{Decryptor, Header};
use leptos::prelude::*;
use serde_json::json;

use super::ToInspect;
use super::vm::{self, Layout, Part, Shape, decode_b64};
use crate::kept;
use crate::kit::{Field, Input, field, parse_pairs};
use crate::store::CallRecord;
use crate::widgets::{CallOutcome, use_pg};

/// The inspector reads files up to this size whole.
const MAX_FILE: f64 = 1024.0 * 1024.0;
/// The byte map draws at most this many bytes.
const MAP_BYTES: usize = 768;

/// What a Decrypt from the inspector gave.
#[derive(Clone)]
struct Tried {
    /// The call to KMS.
    call: Arc<CallRecord>,
    /// What the page says about it.
    says: Vec<String>,
    /// For an envelope that opened: its plaintext, as text when it is text.
    opened: Option<String>,
}

fn part_at(layout: &Layout, at: usize) -> Option<&Part> {
    layout
        .parts
        .iter()
        .find(|p| at >= p.start && at < p.start + p.len)
}

fn lines_to_map(lines: &str) -> Result<serde_json::Value, String> {
    parse_pairs(lines).map(serde_json::Value::Object)
}

/// The inspector.
#[component]
pub fn Inspector(inspect: RwSignal<Option<ToInspect>>) -> impl IntoView {
    let pg = use_pg();
    let pasted = kept::signal("inspector.pasted", String::new);
    let original: RwSignal<Option<Vec<u8>>> = kept::signal("inspector.original", || None);
    let flips: RwSignal<Vec<usize>> = kept::signal("inspector.flips", Vec::new);
    let context = kept::signal("inspector.context", String::new);
    let first_context: RwSignal<Option<String>> = kept::signal("inspector.first_context", || None);
    let problem = kept::signal("inspector.problem", || None::<String>);
    let offset = kept::signal("inspector.offset", || String::from("0"));
    let tried: RwSignal<Option<Tried>> = kept::signal("inspector.tried", || None);

    let load = move |bytes: Vec<u8>, ctx: Option<String>| {
        tried.set(None);
        flips.set(Vec::new());
        match vm::layout(&bytes) {
            Ok(l) => {
                problem.set(None);
                let ctx = match (&l.shape, ctx) {
                    (_, Some(c)) => Some(c),
                    (Shape::Envelope { context, .. }, None) => Some(context.clone()),
                    (Shape::Blob { .. }, None) => None,
                };
                context.set(ctx.clone().unwrap_or_default());
                first_context.set(ctx);
                original.set(Some(bytes));
            }
            Err(e) => {
                problem.set(Some(e));
                original.set(None);
            }
        }
    };
    Effect::new(move |_| {
        if let Some(t) = inspect.get() {
            pasted.set(kms_core::b64::encode(&t.bytes));
            load(t.bytes, Some(t.context));
            crate::widgets::focus_later(String::from("inspector-heading"));
        }
    });
    let layout =
        Memo::new(move |_| original.with(|o| o.as_deref().and_then(|b| vm::layout(b).ok())));
    let current = move || {
        original.with(|o| {
            o.clone().map(|mut b| {
                for at in flips.get() {
                    if let Some(x) = b.get_mut(at) {
                        *x ^= 0x01;
                    }
                }
                b
            })
        })
    };
    let flip = move |at: usize| {
        tried.set(None);
        flips.update(|f| {
            if let Some(i) = f.iter().position(|x| *x == at) {
                f.remove(i);
            } else {
                f.push(at);
            }
        });
    };
    let read_pasted = move |_| match vm::pasted(&pasted.get_untracked()) {
        Ok(bytes) => load(bytes, None),
        Err(e) => {
            problem.set(Some(e));
            original.set(None);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(f) = crate::encrypt::event_file(&ev) else {
            return;
        };
        if f.size() > MAX_FILE {
            return problem.set(Some(format!(
                "The inspector reads files up to 1 MiB, and this one is {}. Decrypt it with the file tool.",
                crate::encrypt::human_size(f.size())
            )));
        }
        leptos::task::spawn_local(async move {
            match crate::encrypt::file_bytes(&f).await {
                Ok(bytes) => {
                    pasted.set(kms_core::b64::encode(&bytes));
                    load(bytes, None);
                }
                Err(e) => problem.set(Some(format!("{} could not be read: {e}.", f.name()))),
            }
        });
    };
    let flip_offset = move |_| {
        let len = original.with(|o| o.as_ref().map_or(0, Vec::len));
        match offset.get_untracked().trim().parse::<usize>() {
            Ok(at) if at < len => flip(at),
            _ => problem.set(Some(format!(
                "Type a byte offset from 0 to {}.",
                len.saturating_sub(1)
            ))),
        }
    };
    let decrypt = move |_| {
        let (Some(bytes), Some(l)) = (current(), layout.get_untracked()) else {
            return;
        };
        let ctx = match lines_to_map(&context.get_untracked()) {
            Ok(c) => c,
            Err(e) => return problem.set(Some(e)),
        };
        problem.set(None);
        let flipped = flips.get_untracked();
        let changed_context = first_context
            .get_untracked()
            .map(|c| lines_to_map(&c).ok() != Some(ctx.clone()));
        let mut says = Vec::new();
        let (call, opened) = match &l.shape {
            Shape::Blob { .. } => {
                let r = pg.kms(
                    "Decrypt",
                    &json!({"CiphertextBlob": kms_core::b64::encode(&bytes), "EncryptionContext": ctx}),
                );
                (r, None)
            }
            Shape::Envelope {
                encrypted_data_key, ..
            } => {
                // The encrypted data key as it is now, flips included, where it sat.
                let start = l
                    .parts
                    .iter()
                    .find(|p| p.name.starts_with("encrypted data key: "))
                    .map_or(0, |p| p.start);
                let edk = bytes
                    .get(start..start + encrypted_data_key.len())
                    .unwrap_or_default();
                let r = pg.kms(
                    "Decrypt",
                    &json!({"CiphertextBlob": kms_core::b64::encode(edk), "EncryptionContext": ctx}),
                );
                let key: Option<[u8; 32]> = r
                    .output
                    .as_ref()
                    .ok()
                    .and_then(|o| o.get("Plaintext")?.as_str().and_then(decode_b64))
                    .and_then(|k| k.try_into().ok());
                let opened = key.map(|mut key| {
                    let mut out = Vec::new();
                    let result = match Header::parse(&bytes) {
                        Ok(Some((header, used))) => {
                            Decryptor::new(&header, &key).and_then(|mut d| {
                                out = d.push(bytes.get(used..).unwrap_or_default())?;
                                d.finish()
                            })
                        }
                        Ok(None) => Err(kms_core::envelope::EnvelopeError::Truncated),
                        Err(e) => Err(e),
                    };
                    key.fill(0);
                    result
                        .map(|()| {
                            String::from_utf8(out.clone())
                                .unwrap_or_else(|_| format!("{} bytes (not text)", out.len()))
                        })
                        .map_err(|e| e.to_string())
                });
                match opened {
                    Some(Ok(text)) => (r, Some(text)),
                    Some(Err(e)) => {
                        says.push(format!("KMS gave the data key back, but the message does not open here: {e}. The envelope's own tags caught the change, without asking KMS."));
                        (r, None)
                    }
                    None => (r, None),
                }
            }
        };
        if call
            .output
            .as_ref()
            .is_err_and(|e| e.code == "InvalidCiphertextException")
        {
            let names: Vec<String> = flipped
                .iter()
                .map(|at| {
                    format!(
                        "byte {at} ({})",
                        part_at(&l, *at).map_or("?", |p| p.name.as_str())
                    )
                })
                .collect();
            if !names.is_empty() {
                says.push(format!("You flipped {}. The tag was computed over the original bytes, so it no longer matches.", names.join(", ")));
            }
            match changed_context {
                Some(true) => says.push(String::from("The encryption context is not the one it was encrypted with. The context is authenticated, not encrypted: it is not stored in a blob, but it is part of what the tag covers, so KMS must be given the very same pairs.")),
                Some(false) => {}
                None => says.push(String::from("The context it was encrypted with is not known here: if it had one, Decrypt needs the very same pairs, because the context is authenticated, not encrypted.")),
            }
            says.push(String::from("AES-GCM checks one tag over the encrypted bytes, the blob's header and the encryption context, and does not say which part differs: KMS only answers InvalidCiphertextException."));
        }
        tried.set(Some(Tried { call, says, opened }));
    };

    let map = move || {
        let Some(l) = layout.get() else {
            return ().into_any();
        };
        let bytes = current().unwrap_or_default();
        let flipped = flips.get();
        let shown = bytes.len().min(MAP_BYTES);
        view! {
            <div class="bytemap mono" aria-hidden="true" data-testid="bytemap">
                {bytes.iter().take(shown).enumerate().map(|(at, b)| {
                    let kind = part_at(&l, at).map_or("f-unknown", |p| p.kind.class());
                    let class = if flipped.contains(&at) { format!("byte {kind} flipped") } else { format!("byte {kind}") };
                    view! { <span class=class title=format!("byte {at}") on:click=move |_| flip(at)>{format!("{b:02x}")}</span> }
                }).collect_view()}
                {(bytes.len() > shown).then(|| view! { <span class="more">{format!(" … {} more bytes", bytes.len() - shown)}</span> })}
            </div>
        }
        .into_any()
    };
    let summary = move || {
        let l = layout.get()?;
        let len = original.with(|o| o.as_ref().map_or(0, Vec::len));
        Some(match &l.shape {
            Shape::Blob { key_arn } => {
                format!("A KMS ciphertext blob of {len} bytes, encrypted under {key_arn}.")
            }
            Shape::Envelope {
                frames,
                encrypted_data_key,
                ..
            } => format!(
                "A KPE1 envelope of {len} bytes: a header holding the {}-byte encrypted data key and the encryption context, then {frames} frame(s) of data encrypted with the data key.",
                encrypted_data_key.len()
            ),
        })
    };
    let rows = move || {
        let l = layout.get()?;
        let flipped = flips.get();
        Some(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="The fields">
            <table class="table fields-table" data-testid="fields">
                <caption class="sr-only">"The fields of the ciphertext, in order"</caption>
                <thead><tr><th scope="col">"Field"</th><th scope="col">"Bytes"</th><th scope="col">"Value"</th><th scope="col">"What it is for"</th><th scope="col"><span class="sr-only">"Flip"</span></th></tr></thead>
                <tbody>
                    {l.parts.into_iter().map(|p| {
                        let at = p.start + p.len / 2;
                        let changed = flipped.iter().any(|f| *f >= p.start && *f < p.start + p.len);
                        let label = format!("Flip a byte of the {}", p.name);
                        view! {
                            <tr class:changed=changed>
                                <th scope="row"><span class=format!("swatch {}", p.kind.class()) aria-hidden="true"></span>{p.name.clone()}</th>
                                <td class="mono nowrap">{format!("{}–{} ({})", p.start, p.start + p.len.saturating_sub(1), p.len)}</td>
                                <td class="mono">{p.value.clone()}</td>
                                <td class="small">{p.purpose}</td>
                                <td><button type="button" class="btn btn-small" aria-label=label on:click=move |_| flip(at)>"Flip a byte"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        })
    };
    view! {
        <section class="card" aria-labelledby="inspector-heading" data-testid="inspector">
            <h2 id="inspector-heading" tabindex="-1">"Ciphertext inspector"</h2>
            <p class="help">"Paste a ciphertext blob (the base64 a response gives, or the whole response), or choose a KPE1 envelope file, and see it taken apart. Then flip a byte, or change the context, and ask KMS to decrypt it."</p>
            <div class="inline-form">
                {field(Field::new("Ciphertext (base64)", Input::Area(pasted, 3, true)))}
                <div class="toolbar">
                    <button type="button" class="btn btn-primary" data-testid="inspect-read" on:click=read_pasted>"Take it apart"</button>
                    <label class="file-line">"Or a file " <input type="file" data-testid="inspect-file" on:change=on_file/></label>
                </div>
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="inspect-problem">{p}</p> })}
            <Show when=move || layout.with(Option::is_some)>
                <p data-testid="inspect-summary"><strong>{summary}</strong></p>
                {map}
                <p class="legend small">
                    <span class="swatch f-format"></span>"format "
                    <span class="swatch f-key"></span>"key "
                    <span class="swatch f-nonce"></span>"nonce or ID "
                    <span class="swatch f-context"></span>"context "
                    <span class="swatch f-cipher"></span>"encrypted bytes "
                    <span class="swatch f-tag"></span>"tag "
                    <span class="muted">"— click a byte to flip it"</span>
                </p>
                {rows}
                <div class="inline-form row">
                    {field(Field::new("Flip the byte at offset", Input::Number(offset)))}
                    <div class="form-actions">
                        <button type="button" class="btn" data-testid="inspect-flip" on:click=flip_offset>"Flip it"</button>
                        <button type="button" class="btn" data-testid="inspect-unflip" disabled=move || flips.with(Vec::is_empty) on:click=move |_| { tried.set(None); flips.set(Vec::new()); }>"Undo the flips"</button>
                    </div>
                </div>
                <p class="small" data-testid="inspect-flips" aria-live="polite">{move || {
                    let f = flips.get();
                    if f.is_empty() { String::from("No byte flipped.") } else {
                        let l = layout.get();
                        format!("Flipped (lowest bit): {}.", f.iter().map(|at| format!("byte {at} ({})", l.as_ref().and_then(|l| part_at(l, *at)).map_or("?", |p| p.name.as_str()))).collect::<Vec<_>>().join(", "))
                    }
                }}</p>
                {field(Field::new("Encryption context to present (key=value per line)", Input::Area(context, 2, true))
                    .help("Prefilled with the context it was encrypted with, when known. Change it and see Decrypt refuse. Decrypt is called as the acting principal."))}
                <div class="toolbar">
                    <button type="button" class="btn btn-primary" data-testid="inspect-decrypt" on:click=decrypt>"Decrypt it"</button>
                </div>
                {move || tried.get().map(|t| view! {
                    <div data-testid="inspect-result">
                        <CallOutcome record=t.call/>
                        {t.opened.map(|text| view! { <p data-testid="inspect-opened"><span class="muted">"The envelope opened: "</span><q>{text}</q></p> })}
                        {(!t.says.is_empty()).then(|| view! {
                            <ul class="why-list" data-testid="inspect-why">{t.says.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                        })}
                    </div>
                })}
            </Show>
        </section>
    }
}
