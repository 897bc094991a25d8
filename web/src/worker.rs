//! Sealing and opening large files in a dedicated Worker.
//!
//! WebCrypto hands each result back on the thread that asked for it. So when the page
//! itself runs the pipeline over a 1 GiB file, its main thread stalls for 50–200 ms at a
//! time, and clicks and the progress bar wait. [`run`] starts a Worker running this same
//! wasm module (the compiled module is handed over, nothing is fetched again), runs the
//! pipeline there, and gives back the output `Blob`. Where no worker can be started, the
//! same pipeline runs on the page, and [`Done::in_worker`] says so.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use kms_core::envelope::Header;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::bulk::{BlobSink, PIPELINE, Source, decrypt_source, encrypt_source};
use crate::encrypt::js_error;

/// How many bytes of the output are given back for a preview.
const PREVIEW_BYTES: usize = 4096;

/// What to do with a file, under the message's `header` and data `key`.
pub struct Job<'a> {
    pub op: Op,
    pub file: &'a Blob,
    pub header: &'a Header,
    pub key: &'a [u8; 32],
}

/// Which way a [`Job`] goes.
#[derive(Clone, Copy)]
pub enum Op {
    /// Seal the file's bytes (the output starts with the header).
    Encrypt,
    /// Open the envelope-encrypted file whose frames start at `offset`, after the header.
    Decrypt { offset: f64 },
    /// The benchmark's baseline: raw WebCrypto over the file, read the same way, each
    /// 256 KiB piece sealed and kept, with no envelope.
    #[cfg(feature = "bench")]
    Raw,
}

/// A finished job.
pub struct Done {
    /// The output, ready to download.
    pub blob: Blob,
    /// Its size in bytes.
    pub bytes_out: f64,
    /// Its first bytes (up to 4 KiB), for a preview.
    pub first: Vec<u8>,
    /// Whether it ran in a Worker (false: on the page, because no worker could start).
    pub in_worker: bool,
}

/// Runs `job` in a Worker, or on the page where no worker can be started. `progress` gets
/// (bytes done, bytes in all). The error is a sentence for the user.
pub async fn run(job: Job<'_>, progress: impl Fn(f64, f64) + 'static) -> Result<Done, String> {
    let progress: Rc<dyn Fn(f64, f64)> = Rc::new(progress);
    match in_worker(&job, progress.clone()).await {
        Ok(done) => done,
        // The worker could not start (no Worker, or the module would not load there).
        Err(_) => {
            let mut done = run_here(&job, &mut |d, t| progress(d, t)).await?;
            done.in_worker = false;
            Ok(done)
        }
    }
}

/// Runs `job` on this thread.
async fn run_here(job: &Job<'_>, progress: &mut dyn FnMut(f64, f64)) -> Result<Done, String> {
    let mut sink = BlobSink::new();
    let mut first = Vec::new();
    let mut keep = |part: JsValue| {
        if first.len() < PREVIEW_BYTES {
            let view = if part.is_instance_of::<js_sys::ArrayBuffer>() {
                Uint8Array::new(&part)
            } else {
                part.clone().unchecked_into::<Uint8Array>()
            };
            let take = view.length().min((PREVIEW_BYTES - first.len()) as u32);
            first.extend(view.subarray(0, take).to_vec());
        }
        sink.push(part);
    };
    let Job {
        op,
        file,
        header,
        key,
    } = *job;
    let source = Source::BlobStream(file);
    let bytes_out = match op {
        Op::Encrypt => encrypt_source(source, header, key, PIPELINE, &mut keep, progress)
            .await
            .map_err(js_error)?,
        Op::Decrypt { offset } => {
            decrypt_source(source, offset, header, key, PIPELINE, &mut keep, progress)
                .await
                .map_err(|e| e.to_string())?
        }
        #[cfg(feature = "bench")]
        Op::Raw => crate::bench::raw_seal(source, key, &mut keep)
            .await
            .map_err(js_error)?,
    };
    let blob = sink.finish().map_err(js_error)?;
    Ok(Done {
        blob,
        bytes_out,
        first,
        in_worker: true,
    })
}

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    /// `import.meta` of the module glue: its URL is where the worker imports it from.
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// The worker's script: imports the glue, starts it with the module sent in the first
/// message, runs the job, and posts what came of it. Progress is posted from Rust.
fn bootstrap(glue_url: &str) -> String {
    format!(
        "import init, {{ worker_run }} from {glue_url:?};\n\
         self.onmessageerror = () => self.postMessage({{ failed: \"the worker could not unpack its job\" }});\n\
         self.onmessage = async (e) => {{\n\
           self.onmessage = null;\n\
           try {{ await init({{ module_or_path: e.data.module }}); }}\n\
           catch (err) {{ self.postMessage({{ failed: String(err && err.message || err) }}); return; }}\n\
           self.postMessage({{ started: true }});\n\
           try {{ self.postMessage({{ done: await worker_run(e.data.job) }}); }}\n\
           catch (err) {{ self.postMessage({{ error: String(err && err.message || err) }}); }}\n\
         }};\n"
    )
}

/// Runs `job` in a new Worker. The outer error: the worker could not start, so nothing was
/// done; the inner one: the job itself failed.
async fn in_worker(
    job: &Job<'_>,
    progress: Rc<dyn Fn(f64, f64)>,
) -> Result<Result<Done, String>, JsValue> {
    let glue = IMPORT_META.with(ImportMeta::url);
    let kind = BlobPropertyBag::new();
    kind.set_type("text/javascript");
    let script =
        Blob::new_with_str_sequence_and_options(&Array::of1(&bootstrap(&glue).into()), &kind)?;
    let url = web_sys::Url::create_object_url_with_blob(&script)?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options);
    let _ = web_sys::Url::revoke_object_url(&url);
    let worker = worker?;
    let outcome = talk(&worker, job, progress).await;
    worker.terminate();
    outcome
}

/// Sends `job` to `worker` and waits for its answer.
async fn talk(
    worker: &Worker,
    job: &Job<'_>,
    progress: Rc<dyn Fn(f64, f64)>,
) -> Result<Result<Done, String>, JsValue> {
    let started = Rc::new(RefCell::new(false));
    let mut handlers = None;
    let answer = Promise::new(&mut |resolve, reject| {
        let on_message = {
            let started = started.clone();
            let progress = progress.clone();
            let reject = reject.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                let field = |name: &str| Reflect::get(&data, &name.into()).unwrap_or_default();
                if field("started").is_truthy() {
                    *started.borrow_mut() = true;
                } else if let Some(p) = field("progress").dyn_ref::<Array>() {
                    progress(
                        p.get(0).as_f64().unwrap_or(0.0),
                        p.get(1).as_f64().unwrap_or(0.0),
                    );
                } else if let Some(why) = field("failed").as_string() {
                    let _ = reject.call1(&JsValue::NULL, &why.into());
                } else if !field("done").is_undefined() || !field("error").is_undefined() {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                } else {
                    let _ = reject.call1(
                        &JsValue::NULL,
                        &"the worker said something unexpected".into(),
                    );
                }
            })
        };
        // A script that cannot load, a module that cannot start, or a worker that dies
        // (out of memory, say) ends here; so does an answer the page cannot unpack.
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = reject.call1(
                &JsValue::NULL,
                &"the background worker stopped before it finished".into(),
            );
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        handlers = Some((on_message, on_error));
    });
    // The data key's bytes are moved to the worker, not copied; should sending fail, they
    // are cleared here.
    let key = Uint8Array::from(&job.key[..]);
    let sent = (|| {
        let message = Object::new();
        Reflect::set(&message, &"module".into(), &wasm_bindgen::module())?;
        Reflect::set(&message, &"job".into(), &job_message(job, &key)?)?;
        worker.post_message_with_transfer(&message, &Array::of1(&key.buffer()))
    })();
    // Sent, the buffer is detached (empty) and there is nothing left here to clear.
    if key.buffer().byte_length() > 0 {
        key.fill(0, 0, key.length());
    }
    let outcome = match sent {
        Ok(()) => JsFuture::from(answer).await,
        Err(e) => Err(e),
    };
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.set_onmessageerror(None);
    drop(handlers);
    let data = match outcome {
        Ok(data) => data,
        Err(e) if !*started.borrow() => return Err(e),
        Err(e) => return Ok(Err(js_error(e))),
    };
    if let Some(error) = Reflect::get(&data, &"error".into())?.as_string() {
        return Ok(Err(error));
    }
    // The job ran: a malformed answer is its failure, not a reason to run it again.
    let answer = || -> Result<Done, JsValue> {
        let done = Reflect::get(&data, &"done".into())?;
        let get = |name: &str| Reflect::get(&done, &name.into());
        Ok(Done {
            blob: get("blob")?.dyn_into()?,
            bytes_out: get("bytesOut")?.as_f64().unwrap_or(0.0),
            first: get("first")?.dyn_into::<Uint8Array>()?.to_vec(),
            in_worker: true,
        })
    };
    Ok(answer().map_err(js_error))
}

/// The job as a message: the file, the header's bytes, the data key (`key`, to be
/// transferred), and for decryption where the frames start.
fn job_message(job: &Job<'_>, key: &Uint8Array) -> Result<JsValue, JsValue> {
    let out = Object::new();
    let (op, offset) = match job.op {
        Op::Encrypt => ("encrypt", 0.0),
        Op::Decrypt { offset } => ("decrypt", offset),
        #[cfg(feature = "bench")]
        Op::Raw => ("raw", 0.0),
    };
    Reflect::set(&out, &"op".into(), &op.into())?;
    Reflect::set(&out, &"file".into(), job.file)?;
    Reflect::set(
        &out,
        &"header".into(),
        &Uint8Array::from(
            &job.header
                .to_bytes()
                .map_err(|e| JsValue::from_str(&e.to_string()))?[..],
        ),
    )?;
    Reflect::set(&out, &"key".into(), key)?;
    Reflect::set(&out, &"offset".into(), &offset.into())?;
    Ok(out.into())
}

/// The worker's side: runs the job sent by [`run`], posting progress as it goes, and gives
/// `{ blob, bytesOut, first }`. Called by the worker's script, never by the page.
#[wasm_bindgen]
pub async fn worker_run(job: JsValue) -> Result<JsValue, JsValue> {
    let get = |name: &str| Reflect::get(&job, &name.into());
    let key_view: Uint8Array = get("key")?.dyn_into()?;
    let mut key = [0u8; 32];
    let whole = key_view.length() == 32;
    if whole {
        key_view.copy_to(&mut key);
    }
    key_view.fill(0, 0, key_view.length());
    if !whole {
        return Err("the worker was sent no 32-byte data key".into());
    }
    let file: Blob = get("file")?.dyn_into()?;
    let header_bytes = get("header")?.dyn_into::<Uint8Array>()?.to_vec();
    let (header, _) = Header::parse(&header_bytes)
        .ok()
        .flatten()
        .ok_or("the worker was sent a header it cannot read")?;
    let op = match get("op")?.as_string().as_deref() {
        Some("decrypt") => Op::Decrypt {
            offset: get("offset")?.as_f64().unwrap_or(0.0),
        },
        #[cfg(feature = "bench")]
        Some("raw") => Op::Raw,
        _ => Op::Encrypt,
    };
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let mut progress = |done: f64, total: f64| {
        let message = Object::new();
        let _ = Reflect::set(
            &message,
            &"progress".into(),
            &Array::of2(&done.into(), &total.into()),
        );
        let _ = scope.post_message(&message);
    };
    let job = Job {
        op,
        file: &file,
        header: &header,
        key: &key,
    };
    let done = run_here(&job, &mut progress).await;
    key.fill(0);
    let done = done.map_err(|e| JsValue::from_str(&e))?;
    let out = Object::new();
    Reflect::set(&out, &"blob".into(), &done.blob)?;
    Reflect::set(&out, &"bytesOut".into(), &done.bytes_out.into())?;
    Reflect::set(&out, &"first".into(), &Uint8Array::from(&done.first[..]))?;
    Ok(out.into())
}
