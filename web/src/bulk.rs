//! Envelope encryption of large files in the browser, at WebCrypto speed.
//!
//! Frames of the `KPE1` format (docs/envelope-format.md) are sealed with the browser's
//! `crypto.subtle` (about ten times faster than AES-GCM compiled to wasm), reading the
//! file in slices so memory stays bounded, several frames in flight at once. The bytes are
//! the same as the core's `kms_core::envelope` writes, which a browser test checks.

use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use kms_core::envelope::{self, Header};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, Blob, CryptoKey, SubtleCrypto};

fn alloc_queue() -> std::collections::VecDeque<(u64, f64, Promise)> {
    std::collections::VecDeque::with_capacity(READ_AHEAD + 1)
}

/// How many frames are read and sealed together (one slice of the file).
pub const FRAMES_IN_FLIGHT: u32 = 64;

/// How many slices are being read ahead of the one being sealed.
pub const READ_AHEAD: usize = 1;

/// The frame size the playground uses for files: 256 KiB (WebCrypto is fastest around
/// there in Chromium; a slice is then 8 MiB).
pub const FILE_FRAME_SIZE: u32 = 256 * 1024;

fn subtle() -> Result<SubtleCrypto, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(window.crypto()?.subtle())
}

/// Seals frames of one message with WebCrypto.
pub struct FrameSealer {
    subtle: SubtleCrypto,
    key: CryptoKey,
    message_id: [u8; 16],
}

impl FrameSealer {
    /// Imports the data key into WebCrypto (not extractable, encrypt only).
    pub async fn new(data_key: &[u8; 32], message_id: [u8; 16]) -> Result<FrameSealer, JsValue> {
        let subtle = subtle()?;
        let algorithm = Object::new();
        Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into())?;
        let usages = Array::of1(&"encrypt".into());
        let raw = Uint8Array::from(&data_key[..]);
        let key =
            JsFuture::from(subtle.import_key_with_object("raw", &raw, &algorithm, false, &usages)?)
                .await?;
        Ok(FrameSealer {
            subtle,
            key: key.dyn_into()?,
            message_id,
        })
    }

    /// Starts sealing one frame whose plaintext is `plaintext` (a JS view, not copied
    /// into wasm): the promise gives the ciphertext and tag.
    fn seal(&self, seq: u32, last: bool, plaintext: &Uint8Array) -> Result<Promise, JsValue> {
        let params = AesGcmParams::new(
            "AES-GCM",
            &Uint8Array::from(&envelope::frame_nonce(seq)[..]),
        );
        params.set_additional_data(&Uint8Array::from(
            &envelope::frame_aad(&self.message_id, seq, last, plaintext.length())[..],
        ));
        params.set_tag_length(128);
        self.subtle
            .encrypt_with_object_and_buffer_source(&params, &self.key, plaintext)
    }

    /// Seals one frame and returns its bytes (frame header, ciphertext, tag).
    pub async fn seal_frame(
        &self,
        seq: u32,
        last: bool,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, JsValue> {
        let view = Uint8Array::from(plaintext);
        let sealed: ArrayBuffer = JsFuture::from(self.seal(seq, last, &view)?)
            .await?
            .dyn_into()?;
        let mut out = envelope::frame_header(seq, last, view.length()).to_vec();
        out.extend(Uint8Array::new(&sealed).to_vec());
        Ok(out)
    }
}

/// Encrypts `blob` as one envelope message: gives `sink` the header, then each frame's
/// header and sealed bytes as JS values (`Uint8Array`/`ArrayBuffer`), in order — ready to
/// become the parts of a `Blob` — and calls `progress(done, total)` after each slice.
/// Returns the number of bytes written.
pub async fn encrypt_blob(
    blob: &Blob,
    header: &Header,
    data_key: &[u8; 32],
    sink: &mut dyn FnMut(JsValue),
    progress: &mut dyn FnMut(f64, f64),
) -> Result<f64, JsValue> {
    let sealer = FrameSealer::new(data_key, header.message_id).await?;
    let head = header.to_bytes();
    let mut written = head.len() as f64;
    sink(Uint8Array::from(&head[..]).into());
    let total = blob.size();
    let frame = f64::from(header.frame_size);
    let full_frames = (total / frame).floor() as u64;
    let final_len = total - full_frames as f64 * frame;
    let frames = full_frames + 1; // the last frame is always the final one
    // Slices are read ahead: the next ones are being read while this one is sealed.
    let read = |first: u64| -> Result<(u64, f64, Promise), JsValue> {
        let batch = (frames - first).min(u64::from(FRAMES_IN_FLIGHT));
        let start = first as f64 * frame;
        let end = (start + batch as f64 * frame).min(total);
        Ok((
            batch,
            end,
            blob.slice_with_f64_and_f64(start, end)?.array_buffer(),
        ))
    };
    let mut seq: u64 = 0;
    let mut reads = alloc_queue();
    let mut next_read: u64 = 0;
    while next_read < frames && reads.len() < READ_AHEAD {
        let r = read(next_read)?;
        next_read += r.0;
        reads.push_back(r);
    }
    while let Some((batch, end, reading)) = reads.pop_front() {
        let bytes: ArrayBuffer = JsFuture::from(reading).await?.dyn_into()?;
        if next_read < frames {
            let r = read(next_read)?;
            next_read += r.0;
            reads.push_back(r);
        }
        let mut pending = Vec::with_capacity(batch as usize);
        for i in 0..batch {
            let n = seq + i;
            let last = n + 1 == frames;
            let len = if last { final_len } else { frame };
            let offset = (i as f64 * frame) as u32;
            let view = Uint8Array::new_with_byte_offset_and_length(&bytes, offset, len as u32);
            let n32 = u32::try_from(n).map_err(|_| JsValue::from_str("too many frames"))?;
            pending.push((n32, last, len as u32, sealer.seal(n32, last, &view)?));
        }
        for (n, last, len, promise) in pending {
            let sealed: ArrayBuffer = JsFuture::from(promise).await?.dyn_into()?;
            sink(Uint8Array::from(&envelope::frame_header(n, last, len)[..]).into());
            written += envelope::FRAME_HEADER_BYTES as f64 + f64::from(sealed.byte_length());
            sink(sealed.into());
        }
        seq += batch;
        progress(end, total);
    }
    Ok(written)
}
