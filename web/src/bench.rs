//! Browser benchmarks, exported to JavaScript (`window.wasmBindings` in the built page):
//! raw WebCrypto AES-GCM, the playground's file envelope path, and the core's AES-GCM
//! compiled to wasm — measured side by side in one run by `scripts/bench-browser`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use kms_core::context::EncryptionContext;
use kms_core::envelope::Header;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, Blob};

use crate::bulk::{FILE_FRAME_SIZE, FRAMES_IN_FLIGHT, FrameSealer, encrypt_blob};

const MIB: u32 = 1024 * 1024;
const KEY: [u8; 32] = [0x42; 32];

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Bytes of JS heap in use (Chromium's `performance.memory`) plus the wasm memory.
fn memory_in_use() -> f64 {
    let heap = web_sys::window()
        .and_then(|w| w.performance())
        .and_then(|p| Reflect::get(&p, &"memory".into()).ok())
        .and_then(|m| Reflect::get(&m, &"usedJSHeapSize".into()).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let wasm = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            f64::from(
                m.buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length(),
            )
        })
        .unwrap_or(0.0);
    heap + wasm
}

/// A generated file of `mib` MiB (one MiB of pseudo-random bytes, repeated).
fn generated_file(mib: u32) -> Result<Blob, JsValue> {
    let mut chunk = vec![0u8; MIB as usize];
    let mut x: u32 = 0x1234_5678;
    for b in chunk.iter_mut() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    let part = Uint8Array::from(&chunk[..]);
    let parts = Array::new();
    for _ in 0..mib {
        parts.push(&part);
    }
    Blob::new_with_u8_array_sequence(&parts)
}

/// Raw WebCrypto: AES-256-GCM over `mib` MiB already in memory, in calls of the file
/// path's frame size with as many in flight — the ceiling of the envelope path. MiB/s.
#[wasm_bindgen]
pub async fn bench_raw_webcrypto(mib: u32) -> Result<f64, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let subtle = window.crypto()?.subtle();
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into())?;
    let key = JsFuture::from(subtle.import_key_with_object(
        "raw",
        &Uint8Array::from(&KEY[..]),
        &algorithm,
        false,
        &Array::of1(&"encrypt".into()),
    )?)
    .await?;
    let key: web_sys::CryptoKey = key.dyn_into()?;
    let slice = FILE_FRAME_SIZE * FRAMES_IN_FLIGHT;
    let data = Uint8Array::new_with_length(slice);
    let total = u64::from(mib) * u64::from(MIB);
    let start = now();
    let mut done = 0u64;
    let mut seq = 0u32;
    while done < total {
        let mut pending = Vec::new();
        for i in 0..FRAMES_IN_FLIGHT {
            let params = AesGcmParams::new(
                "AES-GCM",
                &Uint8Array::from(&kms_core::envelope::frame_nonce(seq)[..]),
            );
            seq += 1;
            let view = data.subarray(i * FILE_FRAME_SIZE, (i + 1) * FILE_FRAME_SIZE);
            pending.push(subtle.encrypt_with_object_and_buffer_source(&params, &key, &view)?);
        }
        for p in pending {
            JsFuture::from(p).await?;
        }
        done += u64::from(slice);
    }
    Ok(f64::from(mib) / ((now() - start) / 1000.0))
}

/// The playground's file path: envelope-encrypt a generated file of `mib` MiB with 256 KiB
/// frames, read in slices. Returns `{ mibPerSecond, peakMemoryAboveIdleMiB, bytesOut }`.
#[wasm_bindgen]
pub async fn bench_envelope(mib: u32) -> Result<JsValue, JsValue> {
    bench_envelope_blob(generated_file(mib)?).await
}

/// The same for a file the user (or the benchmark) chose: a `File` is a `Blob`.
#[wasm_bindgen]
pub async fn bench_envelope_blob(file: Blob) -> Result<JsValue, JsValue> {
    let mib = file.size() / f64::from(MIB);
    let idle = memory_in_use();
    let mut peak = idle;
    let header = Header::new(
        &KEY,
        vec![1; 150],
        EncryptionContext::new(),
        FILE_FRAME_SIZE,
        [7; 16],
        [9; 12],
    );
    let start = now();
    let mut parts = 0u64;
    let written = encrypt_blob(
        &file,
        &header,
        &KEY,
        &mut |_part| parts += 1,
        &mut |_, _| peak = peak.max(memory_in_use()),
    )
    .await?;
    let seconds = (now() - start) / 1000.0;
    let out = Object::new();
    Reflect::set(&out, &"mibPerSecond".into(), &(mib / seconds).into())?;
    Reflect::set(
        &out,
        &"peakMemoryAboveIdleMiB".into(),
        &((peak - idle) / f64::from(MIB)).into(),
    )?;
    Reflect::set(&out, &"bytesOut".into(), &written.into())?;
    Reflect::set(&out, &"parts".into(), &(parts as f64).into())?;
    Ok(out.into())
}

/// The core's AES-256-GCM compiled to wasm, 1 MiB per call. MiB/s.
#[wasm_bindgen]
pub fn bench_core_aes_gcm(mib: u32) -> f64 {
    let data = vec![0u8; MIB as usize];
    let start = now();
    let mut sink = 0u8;
    for i in 0..mib {
        let sealed = kms_core::crypto::aes256_gcm_seal(
            &KEY,
            &kms_core::envelope::frame_nonce(i),
            &[],
            &data,
        );
        sink ^= sealed.last().copied().unwrap_or(0);
    }
    std::hint::black_box(sink);
    f64::from(mib) / ((now() - start) / 1000.0)
}

/// Checks in the browser that the WebCrypto frames equal the core's, for a message of
/// `len` bytes with `frame` byte frames. Returns true when they do.
#[wasm_bindgen]
pub async fn check_webcrypto_matches_core(len: u32, frame: u32) -> Result<bool, JsValue> {
    let data: Vec<u8> = (0..len)
        .map(|i| (i.wrapping_mul(31) ^ (i >> 3)) as u8)
        .collect();
    let header = Header::new(
        &KEY,
        vec![5; 40],
        EncryptionContext::new(),
        frame,
        [3; 16],
        [4; 12],
    );
    let (mut e, mut core_bytes) = kms_core::envelope::Encryptor::new(&header, &KEY);
    core_bytes.extend(e.push(&data));
    core_bytes.extend(e.finish());
    let blob = Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(&data[..])))?;
    let mut web_bytes = Vec::new();
    encrypt_blob(
        &blob,
        &header,
        &KEY,
        &mut |part| {
            let view = if part.is_instance_of::<js_sys::ArrayBuffer>() {
                Uint8Array::new(&part)
            } else {
                part.unchecked_into::<Uint8Array>()
            };
            web_bytes.extend(view.to_vec());
        },
        &mut |_, _| {},
    )
    .await?;
    let _ = FrameSealer::new(&KEY, [0; 16]).await?;
    Ok(web_bytes == core_bytes)
}
