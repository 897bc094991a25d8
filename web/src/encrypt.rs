//! The envelope encryption tool: encrypt a file of any size with a data key from the
//! simulated KMS (sealed with WebCrypto, with progress), and decrypt it again.

use js_sys::{ArrayBuffer, Uint8Array};
use kms_core::context::EncryptionContext;
use kms_core::envelope::Header;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File};

use crate::bulk::FILE_FRAME_SIZE;
use crate::store::Slice;
use crate::ui::Pg;
use crate::widgets::use_pg;
use crate::worker::{self, Done, Job, Op};

/// What a finished encryption or decryption shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    /// The file name to download.
    pub name: String,
    /// An object URL of the result.
    pub url: String,
    /// Bytes in and out.
    pub bytes_in: f64,
    /// Bytes out.
    pub bytes_out: f64,
    /// What happened, line by line.
    pub steps: Vec<String>,
    /// A short text preview of a decrypted file, when it is small text.
    pub preview: Option<String>,
}

/// Sizes for people: `1.5 MiB`.
pub fn human_size(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut v = bytes;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    let name = UNITS.get(unit).copied().unwrap_or("bytes");
    if unit == 0 {
        format!("{v:.0} {name}")
    } else {
        format!("{v:.1} {name}")
    }
}

/// How long local work on `bytes` took, and for a MiB or more its speed (below that the
/// time is mostly fixed costs): "in 1.40 s (731.4 MiB/s)".
pub fn timing(bytes: f64, millis: f64) -> String {
    let seconds = millis / 1000.0;
    let took = if seconds < 1.0 {
        format!("{millis:.0} ms")
    } else {
        format!("{seconds:.2} s")
    };
    if seconds <= 0.0 || bytes < 1024.0 * 1024.0 {
        format!("in {took}")
    } else {
        format!("in {took} ({}/s)", human_size(bytes / seconds))
    }
}

/// Milliseconds on the page's clock.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn random<const N: usize>() -> Result<[u8; N], JsValue> {
    let mut out = [0u8; N];
    let crypto = web_sys::window().ok_or("no window")?.crypto()?;
    crypto.get_random_values_with_u8_array(&mut out)?;
    Ok(out)
}

/// The file chosen in the file input that `ev` came from.
pub(crate) fn event_file(ev: &web_sys::Event) -> Option<File> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .and_then(|l| l.get(0))
}

/// A whole (small) file's bytes.
pub(crate) async fn file_bytes(file: &File) -> Result<Vec<u8>, String> {
    read(file, 0.0, file.size()).await.map_err(js_error)
}

fn chosen_file(input: &NodeRef<Input>) -> Result<File, String> {
    input
        .get()
        .and_then(|i| i.files())
        .and_then(|f| f.get(0))
        .ok_or_else(|| String::from("Choose a file first."))
}

/// Where the bulk work ran, for the steps shown.
fn where_it_ran(in_worker: bool) -> &'static str {
    if in_worker {
        "in a background Web Worker"
    } else {
        "on the page itself (no Web Worker could start)"
    }
}

pub(crate) fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Error::from(e).message().as_string())
        .unwrap_or_else(|| String::from("the browser refused the operation"))
}

async fn read(blob: &Blob, start: f64, end: f64) -> Result<Vec<u8>, JsValue> {
    let buf: ArrayBuffer = JsFuture::from(blob.slice_with_f64_and_f64(start, end)?.array_buffer())
        .await?
        .dyn_into()?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// The envelope tool of the Encrypt panel. Its calls are made as the acting principal.
#[component]
pub fn EnvelopeTool() -> impl IntoView {
    let pg = use_pg();
    let keys = Memo::new(move |_| {
        let region = pg.ui.region.get();
        pg.store.read(&[Slice::Keys], |w| {
            w.keys()
                .iter()
                .filter(|k| k.region.as_str() == region)
                .map(|k| {
                    (
                        String::from(k.arn.as_str()),
                        crate::panels::keys::vm::key_name(w, k),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let acting = Memo::new(move |_| {
        let arn = pg.ui.acting_as.get();
        pg.store.read(&[Slice::Principals], |w| {
            crate::panels::keys::vm::principal_label(w, &arn)
        })
    });
    let key = RwSignal::new(
        keys.get_untracked()
            .first()
            .map(|k| k.0.clone())
            .unwrap_or_default(),
    );
    let plain_input: NodeRef<Input> = NodeRef::new();
    let sealed_input: NodeRef<Input> = NodeRef::new();
    let progress = RwSignal::new(0.0f64);
    let busy = RwSignal::new(false);
    let outcome: RwSignal<Option<Result<Finished, String>>> = RwSignal::new(None);
    // A result's file lives in the browser's memory (or its disk) until its object URL is
    // revoked: give it back when a new result replaces it, and when the panel closes.
    let show = move |next: Option<Result<Finished, String>>| {
        outcome.update(|o| {
            if let Some(Ok(old)) = o.as_ref() {
                let _ = web_sys::Url::revoke_object_url(&old.url);
            }
            *o = next;
        });
    };
    // When the panel closes, give the last result's file back — without touching any
    // signal (the views that read them are going away too).
    on_cleanup(move || {
        outcome.try_with_untracked(|o| {
            if let Some(Ok(old)) = o.as_ref() {
                let _ = web_sys::Url::revoke_object_url(&old.url);
            }
        });
    });

    // Encrypts the file chosen in `input`, or decrypts it, showing progress and then the
    // outcome.
    let run = move |input: NodeRef<Input>, decrypting: bool| {
        let file = match chosen_file(&input) {
            Ok(f) => f,
            Err(e) => return show(Some(Err(e))),
        };
        busy.set(true);
        progress.set(0.0);
        show(None);
        spawn_local(async move {
            let result = if decrypting {
                decrypt_file(pg, file, progress).await
            } else {
                encrypt_file(pg, &key.get_untracked(), file, progress).await
            };
            show(Some(result));
            busy.set(false);
        });
    };
    // The key follows the Region: one of its keys, or none.
    crate::kit::follow_options(key, keys.into());
    let no_key = move || keys.with(Vec::is_empty);
    let encrypt = move |_| run(plain_input, false);
    let decrypt = move |_| run(sealed_input, true);

    view! {
        <div class="card" data-testid="envelope-tool">
            <h2>"Envelope encryption of a file"<span class="heading-tag">" — client-side encryption"</span></h2>
            <p class="hint">
                "KMS encrypts at most 4 KB, so files are encrypted with a data key: KMS's GenerateDataKey gives it in plaintext and encrypted under your KMS key. "
                "The file is sealed locally in 256 KiB frames with the browser's WebCrypto, the encrypted data key is stored in the file's header, and the plaintext key is dropped. "
                "To decrypt, KMS's Decrypt turns the stored data key back into plaintext. "
                "The file never leaves this page: only the data key travels to and from KMS."
            </p>
            <p class="acting-note" data-testid="env-acting">{move || format!("Calls to KMS are made as {}, the principal chosen under Acting as.", acting.get())}</p>
            // With no key to offer, the note stands where the empty list would.
            <Show when=move || !no_key() fallback=|| view! { <crate::kit::NoKeyHere what="KMS key" testid="env-no-key"/> }>
                <div class="form-row">
                    <label>"KMS key "
                        <select data-testid="env-key" on:change=move |ev| key.set(event_target_value(&ev)) prop:value=move || key.get()>
                            {move || keys.get().into_iter().map(|(arn, name)| view! { <option value=arn.clone()>{name}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
            </Show>
            <div class="form-row">
                <label>"File to encrypt " <input type="file" node_ref=plain_input data-testid="env-plain-file"/></label>
                <button class="btn btn-primary" data-testid="env-encrypt" on:click=encrypt disabled=move || busy.get() || no_key()>"Encrypt"</button>
            </div>
            <div class="form-row">
                <label>"Encrypted file (.kpe1) " <input type="file" node_ref=sealed_input data-testid="env-sealed-file"/></label>
                <button class="btn btn-primary" data-testid="env-decrypt" on:click=decrypt disabled=move || busy.get()>"Decrypt"</button>
            </div>
            <div class="progress-row">
                <progress data-testid="env-progress" max="1" prop:value=move || progress.get()></progress>
                <span data-testid="env-progress-text">{move || format!("{:.0}%", progress.get() * 100.0)}</span>
            </div>
            {move || outcome.get().map(|o| match o {
                Ok(done) => view! {
                    <div class="result ok" data-testid="env-result">
                        <p>
                            <a data-testid="env-download" href=done.url.clone() download=done.name.clone()>{format!("Download {}", done.name)}</a>
                            {format!(" — {} in, {} out", human_size(done.bytes_in), human_size(done.bytes_out))}
                        </p>
                        <ol class="steps">{done.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ol>
                        {done.preview.clone().map(|p| view! { <pre data-testid="env-preview">{p}</pre> })}
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="result error" role="alert" data-testid="env-error">{e}</p> }.into_any(),
            })}
        </div>
    }
}

/// Calls KMS as the acting principal; gives the response and the decision's reason, or a
/// message that says what AWS refused and, apart, why.
fn call_kms(
    pg: Pg,
    operation: &str,
    input: &serde_json::Value,
    refused: &str,
) -> Result<(serde_json::Value, String), String> {
    let result = pg.kms(operation, input);
    match &result.output {
        Ok(out) => {
            let reason = result
                .decisions
                .last()
                .map(|d| d.reason.clone())
                .unwrap_or_default();
            Ok((out.clone(), reason))
        }
        Err(e) => {
            let why = crate::widgets::why_of(pg, &result)
                .map(|(reason, hint)| match hint {
                    Some(h) => format!(" Why: {reason} What would allow it: {h}"),
                    None => format!(" Why: {reason}"),
                })
                .unwrap_or_default();
            Err(format!(
                "{refused} (call #{}). AWS says: {}: {}{why}",
                result.seq, e.code, e.message
            ))
        }
    }
}

async fn encrypt_file(
    pg: Pg,
    key_arn: &str,
    file: File,
    progress: RwSignal<f64>,
) -> Result<Finished, String> {
    let name = file.name();
    let mut ctx = EncryptionContext::new();
    ctx.insert("file", name.clone());
    let (out, reason) = call_kms(
        pg,
        "GenerateDataKey",
        &json!({"KeyId": key_arn, "KeySpec": "AES_256", "EncryptionContext": ctx.as_map()}),
        "GenerateDataKey was refused",
    )?;
    let field = |k: &str| {
        out.get(k)
            .and_then(|v| v.as_str())
            .and_then(|s| kms_core::b64::decode(s).ok())
            .unwrap_or_default()
    };
    let mut data_key: [u8; 32] = field("Plaintext")
        .try_into()
        .map_err(|_| "KMS returned no 32-byte data key")?;
    let encrypted = field("CiphertextBlob");
    let header = Header::new(
        &data_key,
        encrypted.clone(),
        ctx,
        FILE_FRAME_SIZE,
        random().map_err(js_error)?,
        random().map_err(js_error)?,
    )
    .map_err(|e| e.to_string())?;
    let started = now();
    let done = worker::run(
        Job {
            op: Op::Encrypt,
            file: &file,
            header: &header,
            key: &data_key,
        },
        move |done, total| progress.set(if total > 0.0 { done / total } else { 1.0 }),
    )
    .await;
    data_key.fill(0);
    let Done {
        blob,
        bytes_out: written,
        in_worker,
        ..
    } = done?;
    let took = timing(file.size(), now() - started);
    progress.set(1.0);
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let frames = (file.size() / f64::from(FILE_FRAME_SIZE)).floor() + 1.0;
    Ok(Finished {
        name: format!("{name}.kpe1"),
        url,
        bytes_in: file.size(),
        bytes_out: written,
        steps: vec![
            format!(
                "GenerateDataKey under {} with the encryption context {{\"file\": \"{name}\"}} — {reason}",
                out.get("KeyId").and_then(|v| v.as_str()).unwrap_or(key_arn)
            ),
            format!(
                "KMS returned a 32-byte data key in plaintext and encrypted ({} bytes).",
                encrypted.len()
            ),
            format!(
                "The file was sealed locally with WebCrypto AES-256-GCM in {frames} frame(s) of up to 256 KiB, {}, {took}; the encrypted data key is in the header.",
                where_it_ran(in_worker)
            ),
            String::from("The plaintext data key was dropped from memory."),
        ],
        preview: None,
    })
}

async fn decrypt_file(pg: Pg, file: File, progress: RwSignal<f64>) -> Result<Finished, String> {
    let total = file.size();
    let head = read(&file, 0.0, total.min(1024.0 * 1024.0))
        .await
        .map_err(js_error)?;
    let (header, used) = Header::parse(&head)
        .map_err(|e| format!("This is not an envelope-encrypted file: {e}."))?
        .ok_or("This file is too short to be an envelope-encrypted file.")?;
    let (out, reason) = call_kms(
        pg,
        "Decrypt",
        &json!({"CiphertextBlob": kms_core::b64::encode(&header.encrypted_data_key), "EncryptionContext": header.context.as_map()}),
        "Decrypt of the data key was refused",
    )?;
    let plain = out
        .get("Plaintext")
        .and_then(|v| v.as_str())
        .and_then(|s| kms_core::b64::decode(s).ok())
        .unwrap_or_default();
    let mut data_key: [u8; 32] = plain
        .try_into()
        .map_err(|_| "KMS returned no 32-byte data key")?;
    let started = now();
    let opened = worker::run(
        Job {
            op: Op::Decrypt {
                offset: used as f64,
            },
            file: &file,
            header: &header,
            key: &data_key,
        },
        move |done, total| progress.set(if total > 0.0 { done / total } else { 1.0 }),
    )
    .await;
    data_key.fill(0);
    let Done {
        blob,
        bytes_out,
        first,
        in_worker,
    } = opened.map_err(|e| format!("The file does not decrypt: {e}."))?;
    let took = timing(bytes_out, now() - started);
    progress.set(1.0);
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let name = file
        .name()
        .strip_suffix(".kpe1")
        .map(String::from)
        .unwrap_or_else(|| format!("{}.decrypted", file.name()));
    let preview = (bytes_out <= 4096.0)
        .then(|| String::from_utf8(first).ok())
        .flatten();
    Ok(Finished {
        name,
        url,
        bytes_in: total,
        bytes_out,
        steps: vec![
            format!(
                "Decrypt of the stored data key with the context {} — {reason}",
                serde_json::to_string(header.context.as_map()).unwrap_or_default()
            ),
            format!(
                "Every frame authenticated and decrypted locally with WebCrypto AES-256-GCM, in order, up to the final frame, {}, {took}.",
                where_it_ran(in_worker)
            ),
            String::from("The plaintext data key was dropped from memory."),
        ],
        preview,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(0.0), "0 bytes");
        assert_eq!(human_size(1023.0), "1023 bytes");
        assert_eq!(human_size(1536.0), "1.5 KiB");
        assert_eq!(human_size(3.0 * 1024.0 * 1024.0 * 1024.0), "3.0 GiB");
    }

    #[test]
    fn timings_read_well() {
        assert_eq!(timing(0.0, 3.2), "in 3 ms");
        assert_eq!(
            timing(512.0 * 1024.0 * 1024.0, 250.0),
            "in 250 ms (2.0 GiB/s)"
        );
        assert_eq!(
            timing(1024.0 * 1024.0 * 1024.0, 1400.0),
            "in 1.40 s (731.4 MiB/s)"
        );
        assert_eq!(timing(10.0, 0.0), "in 0 ms");
        assert_eq!(timing(278.0, 19.0), "in 19 ms", "no speed for a few bytes");
    }
}
