//! Envelope encryption of typed text, one step at a time, as the study notes teach it: ask
//! KMS for a data key, encrypt locally, drop the plaintext key, store the encrypted key
//! beside the data; to read it, send the encrypted key to KMS and decrypt locally. Each
//! step shows its bytes, shortened, and what they are for.

use std::sync::Arc;

use kms_core::context::EncryptionContext;
use kms_core::envelope::{Decryptor, Encryptor, Header};
use kms_core::keys::KeyManager;
use leptos::prelude::*;
use serde_json::json;

use super::ToInspect;
use super::vm::{b64_short, decode_b64, hex_short};
use crate::kept;
use crate::kit::{Field, Input, NoKeyHere, field, follow_options, parse_pairs};
use crate::panels::keys::vm::key_name;
use crate::store::{CallRecord, Slice};
use crate::widgets::{CallOutcome, use_pg};

/// A step done: its title, what it is for, its bytes, and its call to KMS if it made one.
#[derive(Clone)]
struct Done {
    title: &'static str,
    purpose: &'static str,
    lines: Vec<(String, String)>,
    call: Option<Arc<CallRecord>>,
    kms: bool,
}

/// What the steps hold between clicks. The plaintext data key is held only from step 1 to
/// step 3, and again briefly in step 6; it is overwritten with zeros when it is dropped.
#[derive(Default)]
struct Held {
    key_arn: String,
    text: String,
    context: EncryptionContext,
    context_lines: String,
    data_key: Option<[u8; 32]>,
    encrypted_key: Vec<u8>,
    message: Vec<u8>,
    header_len: usize,
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(k) = self.data_key.as_mut() {
            k.fill(0);
        }
    }
}

const TITLES: [&str; 6] = [
    "Ask KMS for a data key",
    "Encrypt the text locally",
    "Discard the plaintext data key",
    "Store the encrypted key beside the data",
    "To decrypt: send the encrypted key to KMS",
    "Decrypt the data locally",
];

fn random<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut out).is_ok());
    if !ok {
        // Without WebCrypto there is no page to speak of; a fixed ID only makes two
        // messages share one, which the envelope tolerates (its nonces are per key).
        out.fill(0x5a);
    }
    out
}

fn data_key_of(out: &serde_json::Value) -> Option<[u8; 32]> {
    decode_b64(out.get("Plaintext")?.as_str()?)?.try_into().ok()
}

/// Runs step `n` on what is held; the step done, or the call KMS refused.
fn run_step(pg: crate::ui::Pg, n: usize, h: &mut Held) -> Result<Done, Arc<CallRecord>> {
    let done = |lines: Vec<(String, String)>, call: Option<Arc<CallRecord>>, purpose| Done {
        title: TITLES.get(n).copied().unwrap_or_default(),
        purpose,
        lines,
        call,
        kms: false,
    };
    Ok(match n {
        0 => {
            let r = pg.kms(
                "GenerateDataKey",
                &json!({"KeyId": h.key_arn, "KeySpec": "AES_256", "EncryptionContext": h.context.as_map()}),
            );
            let out = r.output.as_ref().map_err(|_| Arc::clone(&r))?;
            let key = data_key_of(out).ok_or_else(|| Arc::clone(&r))?;
            h.encrypted_key = out
                .get("CiphertextBlob")
                .and_then(|v| v.as_str())
                .and_then(decode_b64)
                .unwrap_or_default();
            h.data_key = Some(key);
            let lines = vec![
                (
                    String::from("Plaintext data key (32 bytes)"),
                    hex_short(&key, 8),
                ),
                (
                    format!("Encrypted data key ({} bytes)", h.encrypted_key.len()),
                    b64_short(&h.encrypted_key, 40),
                ),
            ];
            Done {
                kms: true,
                ..done(
                    lines,
                    Some(r),
                    "KMS makes a new 256-bit key and gives it twice: in plaintext, to use now, and encrypted under the KMS key, to keep. The KMS key itself never leaves KMS.",
                )
            }
        }
        1 => {
            let Some(key) = h.data_key else {
                return Ok(done(Vec::new(), None, "No data key is held."));
            };
            let sealed = Header::new(
                &key,
                h.encrypted_key.clone(),
                h.context.clone(),
                64 * 1024,
                random(),
                random(),
            )
            .and_then(|header| {
                let (mut e, mut message) = Encryptor::new(&header, &key)?;
                let header_len = message.len();
                message.extend(e.push(h.text.as_bytes())?);
                message.extend(e.finish()?);
                Ok((message, header_len))
            });
            let (message, header_len) = sealed.unwrap_or_default();
            h.message = message;
            h.header_len = header_len;
            let body = h.message.get(header_len..).unwrap_or_default();
            let lines = vec![
                (
                    format!("Your text ({} bytes)", h.text.len()),
                    crate::format::middle(&h.text, 60),
                ),
                (
                    format!(
                        "Encrypted text ({} bytes, with its frame number, length and tag)",
                        body.len()
                    ),
                    hex_short(body, 12),
                ),
            ];
            done(
                lines,
                None,
                "AES-256-GCM, here in your browser, with the plaintext data key. No call to KMS: it would take only 4 KB, and this works for any size.",
            )
        }
        2 => {
            if let Some(k) = h.data_key.as_mut() {
                k.fill(0);
            }
            h.data_key = None;
            let lines = vec![
                (
                    String::from("Plaintext data key"),
                    String::from("gone: its 32 bytes overwritten with zeros"),
                ),
                (
                    String::from("What is left"),
                    String::from("the encrypted text and the encrypted data key"),
                ),
            ];
            done(
                lines,
                None,
                "Now only KMS can turn the encrypted data key back into the key — and only for a caller its policies allow, with the same encryption context.",
            )
        }
        3 => {
            let lines = vec![
                (
                    format!("The envelope (KPE1, {} bytes)", h.message.len()),
                    b64_short(&h.message, 48),
                ),
                (
                    String::from("Inside it"),
                    format!(
                        "a {}-byte header holding the {}-byte encrypted data key and the context, then {} bytes of encrypted text",
                        h.header_len,
                        h.encrypted_key.len(),
                        h.message.len() - h.header_len
                    ),
                ),
            ];
            done(
                lines,
                None,
                "The encrypted key travels with the data it unlocks, so the data can be stored anywhere; the envelope is safe to keep, because the key inside it is encrypted.",
            )
        }
        4 => {
            let r = pg.kms(
                "Decrypt",
                &json!({"CiphertextBlob": kms_core::b64::encode(&h.encrypted_key), "EncryptionContext": h.context.as_map()}),
            );
            let out = r.output.as_ref().map_err(|_| Arc::clone(&r))?;
            let key = data_key_of(out).ok_or_else(|| Arc::clone(&r))?;
            h.data_key = Some(key);
            let lines = vec![(
                String::from("Plaintext data key, from KMS (32 bytes)"),
                hex_short(&key, 8),
            )];
            Done {
                kms: true,
                ..done(
                    lines,
                    Some(r),
                    "KMS reads which key encrypted the data key from the blob itself, checks that you may Decrypt with it, and checks the context.",
                )
            }
        }
        _ => {
            let mut back = Vec::new();
            let opened = match (h.data_key, Header::parse(&h.message)) {
                (Some(key), Ok(Some((header, used)))) => Decryptor::new(&header, &key)
                    .and_then(|mut d| {
                        back = d.push(h.message.get(used..).unwrap_or_default())?;
                        d.finish()
                    })
                    .map_err(|e| e.to_string()),
                _ => Err(String::from("the envelope could not be read")),
            };
            if let Some(k) = h.data_key.as_mut() {
                k.fill(0);
            }
            h.data_key = None;
            let lines = match opened {
                Ok(()) => vec![
                    (
                        String::from("Your text, back"),
                        String::from_utf8_lossy(&back).into_owned(),
                    ),
                    (
                        String::from("Plaintext data key"),
                        String::from("dropped again"),
                    ),
                ],
                Err(e) => vec![(String::from("Refused"), e)],
            };
            done(
                lines,
                None,
                "The data key opens the text here, frame by frame, each checked by its tag; then it is dropped again.",
            )
        }
    })
}

/// What [`seal_text`] made: the envelope, and the call that gave its data key.
pub struct Sealed {
    /// The KPE1 envelope.
    pub envelope: Vec<u8>,
    /// The GenerateDataKey call.
    pub call: Option<Arc<CallRecord>>,
}

/// Client-side encryption of `text` in one go, as the steps do it: a data key from KMS
/// (as the acting principal), the text sealed here, the plaintext data key overwritten.
/// The envelope and the GenerateDataKey call; or the call KMS refused.
pub fn seal_text(
    pg: crate::ui::Pg,
    key_arn: &str,
    text: &str,
    context: EncryptionContext,
) -> Result<Sealed, Arc<CallRecord>> {
    // Held clears its data key when dropped, so it is filled in place.
    let mut h = Held::default();
    h.key_arn = String::from(key_arn);
    h.text = String::from(text);
    h.context = context;
    let asked = run_step(pg, 0, &mut h)?;
    run_step(pg, 1, &mut h)?;
    run_step(pg, 2, &mut h)?;
    Ok(Sealed {
        envelope: std::mem::take(&mut h.message),
        call: asked.call,
    })
}

/// The envelope steps.
#[component]
pub fn EnvelopeSteps(inspect: RwSignal<Option<ToInspect>>) -> impl IntoView {
    let pg = use_pg();
    let text = kept::signal("steps.text", || {
        String::from("Meet at the usual place at noon. Bring the blue folder.")
    });
    let context = kept::signal("steps.context", || String::from("purpose=envelope-demo"));
    let key = kept::signal("steps.key", String::new);
    let keys = Signal::derive(move || {
        let region = pg.ui.region.get();
        pg.store.read(&[Slice::Keys], |w| {
            w.keys()
                .iter()
                .filter(|k| k.manager == KeyManager::Customer && k.region.as_str() == region)
                .map(|k| (k.arn.to_string(), key_name(w, k)))
                .collect::<Vec<_>>()
        })
    });
    follow_options(key, keys);
    // Kept across tab changes, the plaintext data key too while a run holds it (steps 1
    // to 3): leaving the panel mid-run does not lose the run.
    let held = kept::kept("steps.held", || StoredValue::new(Held::default()));
    let done: RwSignal<Vec<Done>> = kept::signal("steps.done", Vec::new);
    let refused: RwSignal<Option<Arc<CallRecord>>> = kept::signal("steps.refused", || None);
    let context_error = kept::signal("steps.context_error", || None::<String>);
    let finished = move || done.with(Vec::len) >= TITLES.len() || refused.get().is_some();
    let start_over = move || {
        held.set_value(Held::default());
        done.set(Vec::new());
        refused.set(None);
    };
    let step = move || {
        let n = done.with_untracked(Vec::len);
        if n == 0 {
            let ctx = match parse_pairs(&context.get_untracked()) {
                Ok(m) => m,
                Err(e) => {
                    context_error.set(Some(e));
                    return false;
                }
            };
            context_error.set(None);
            let mut c = EncryptionContext::new();
            for (k, v) in &ctx {
                c.insert(k.clone(), v.as_str().unwrap_or_default());
            }
            held.set_value(Held {
                key_arn: key.get_untracked(),
                text: text.get_untracked(),
                context: c,
                context_lines: context.get_untracked(),
                data_key: None,
                encrypted_key: Vec::new(),
                message: Vec::new(),
                header_len: 0,
            });
        }
        let mut result = None;
        held.update_value(|h| result = Some(run_step(pg, n, h)));
        match result.unwrap_or_else(|| {
            Ok(Done {
                title: "",
                purpose: "",
                lines: Vec::new(),
                call: None,
                kms: false,
            })
        }) {
            Ok(d) => {
                pg.announce(&format!("Step {} of 6 done: {}.", n + 1, d.title));
                done.update(|all| all.push(d));
            }
            Err(r) => refused.set(Some(r)),
        }
        true
    };
    let all = move |_| {
        if finished() {
            start_over();
        }
        // A step that could not start (a context that does not read) says why and stops.
        while !finished() && step() {}
    };
    // In a Region without a key of the account, there is nothing to start with.
    let no_key = move || done.with(Vec::is_empty) && keys.with(Vec::is_empty);
    let to_inspect = move |_| {
        held.with_value(|h| {
            inspect.set(Some(ToInspect {
                bytes: h.message.clone(),
                context: h.context_lines.clone(),
            }))
        })
    };
    view! {
        <section class="card" aria-labelledby="steps-heading" data-testid="envelope-steps">
            <h2 id="steps-heading">"Envelope encryption, step by step"<span class="heading-tag">" — client-side encryption"</span></h2>
            <p class="help">"KMS's Encrypt takes at most 4 KB and sends your data to KMS. Envelope encryption sends only a key: KMS gives a data key, your data is encrypted where it is, and the data key is kept encrypted beside it. This is client-side encryption: your plaintext never leaves this page. (With SSE-KMS, in the S3 panel, S3 does the same on the server: server-side encryption.)"</p>
            <div class="inline-form">
                {field(Field::new("Text to encrypt", Input::Area(text, 2, false)))}
                // With no key to offer, the note stands where the empty list would.
                <Show when=move || !no_key() fallback=|| view! { <NoKeyHere what="customer managed key of this account" testid="steps-no-key"/> }>
                    {field(Field::new("KMS key", Input::Select(key, keys)))}
                </Show>
                {field(Field::new("Encryption context (key=value per line)", Input::Area(context, 1, true)).error(context_error.into()))}
            </div>
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-testid="steps-next" disabled=move || finished() || no_key() on:click=move |_| { step(); }>
                    {move || match done.with(Vec::len) {
                        0 => String::from("Start: step 1"),
                        n if n >= TITLES.len() => String::from("All 6 steps done"),
                        n => format!("Next: step {} of 6", n + 1),
                    }}
                </button>
                <button type="button" class="btn" data-testid="steps-all" disabled=no_key on:click=all>"All steps"</button>
                <button type="button" class="btn" on:click=move |_| start_over() disabled=move || done.with(Vec::is_empty) && refused.get().is_none()>"Start over"</button>
            </div>
            <ol class="env-steps" data-testid="steps-list">
                {move || done.get().into_iter().enumerate().map(|(i, d)| {
                    let store = (i == 3).then(|| view! {
                        <button type="button" class="btn btn-small" data-testid="steps-inspect" on:click=to_inspect>"Take the envelope apart in the inspector"</button>
                    });
                    view! {
                        <li class="env-step" class:kms=d.kms>
                            <h3>{format!("{}. {}", i + 1, d.title)}</h3>
                            <p class="muted">{d.purpose}</p>
                            <dl class="facts">
                                {d.lines.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd class="mono">{v}</dd></div> }).collect_view()}
                            </dl>
                            {d.call.map(|r| view! { <CallOutcome record=r/> })}
                            {store}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || refused.get().map(|r| view! {
                <div data-testid="steps-refused">
                    <p><strong>{format!("Stopped at step {}: KMS refused {}.", done.with(Vec::len) + 1, r.operation)}</strong></p>
                    <CallOutcome record=r/>
                </div>
            })}
        </section>
    }
}
