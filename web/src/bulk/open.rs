//! Opening a message frame by frame with WebCrypto, with the core's verdicts on damage.

use std::fmt;

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use kms_core::envelope::{EnvelopeError, FRAME_HEADER_BYTES, Header};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::source::Slices;
use super::*;

/// Why a message could not be decrypted in the browser.
#[derive(Debug)]
pub enum BulkError {
    /// The message itself is wrong: the same verdict as the core's `Decryptor`.
    Envelope(EnvelopeError),
    /// The browser failed (reading the file, or WebCrypto itself).
    Browser(JsValue),
}

impl From<JsValue> for BulkError {
    fn from(e: JsValue) -> Self {
        BulkError::Browser(e)
    }
}

impl From<EnvelopeError> for BulkError {
    fn from(e: EnvelopeError) -> Self {
        BulkError::Envelope(e)
    }
}

impl fmt::Display for BulkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BulkError::Envelope(e) => write!(f, "{e}"),
            BulkError::Browser(e) => write!(
                f,
                "the browser failed: {}",
                e.as_string()
                    .or_else(|| Reflect::get(e, &"message".into()).ok()?.as_string())
                    .unwrap_or_else(|| format!("{e:?}"))
            ),
        }
    }
}

impl std::error::Error for BulkError {}

/// Decrypts the frames of a message whose header (already parsed, `header_len` bytes at
/// the start of `source`) is checked here against `data_key`: gives `sink` the plaintext
/// of each frame, in order, as WebCrypto opens it, and calls `progress(done, total)` as
/// slices complete. Frame numbers, final flags, lengths and the end of the message are
/// checked exactly as the core's `Decryptor` checks them, with the same verdicts; the
/// output is only whole when this returns `Ok`. Returns the plaintext bytes.
pub async fn decrypt_source(
    source: Source<'_>,
    header_len: f64,
    header: &Header,
    data_key: &[u8; 32],
    pipeline: Pipeline,
    sink: &mut dyn FnMut(JsValue),
    progress: &mut dyn FnMut(f64, f64),
) -> Result<f64, BulkError> {
    header.verify(data_key)?;
    let opener = FrameKey::import(data_key, header.message_id, "decrypt").await?;
    let frame_size = header.frame_size;
    // Every frame but the final one is exactly this long, so slices of whole strides hold
    // whole frames (a message that breaks this is refused before that matters).
    let stride = FRAME_HEADER_BYTES as u32 + frame_size + TAG_BYTES;
    let per_slice = frames_per_slice(pipeline, stride);
    let in_flight = pipeline.in_flight.max(1) as usize;
    let total = source.len();
    let mut slices = Slices::new(source, header_len, per_slice * stride, pipeline.read_ahead)?;
    let mut pending = InFlight::new(in_flight);
    let mut bytes_out = 0.0;
    let mut write = async |done: Pending| -> Result<(), BulkError> {
        let plain = JsFuture::from(done.promise)
            .await
            .map_err(|_| EnvelopeError::Tampered)?;
        let plain: ArrayBuffer = plain.dyn_into()?;
        bytes_out += f64::from(plain.byte_length());
        sink(plain.into());
        if done.last || (u64::from(done.seq) + 1).is_multiple_of(u64::from(per_slice)) {
            let at = header_len + (f64::from(done.seq) + 1.0) * f64::from(stride);
            progress(at.min(total), total);
        }
        Ok(())
    };
    // The number the next frame must carry (counted wide: a message may have 2^32 frames).
    let mut expected: u64 = 0;
    let mut done = false;
    while let Some(bytes) = slices.next().await? {
        let mut at = 0u32;
        while at < bytes.length() {
            let (seq, last, len, end) = match check_frame(&bytes, at, expected, done, frame_size) {
                Ok(frame) => frame,
                Err(e) => {
                    // An earlier frame that fails to open is the first fault, as in the core.
                    while let Some(first) = pending.0.pop_front() {
                        write(first).await?;
                    }
                    return Err(e.into());
                }
            };
            let sealed = bytes.subarray(at + FRAME_HEADER_BYTES as u32, at + end);
            let promise = opener.subtle.decrypt_with_object_and_buffer_source(
                &opener.params(seq, last, len),
                &opener.key,
                &sealed,
            )?;
            pending.0.push_back(Pending {
                seq,
                last,
                len,
                promise,
            });
            if pending.0.len() >= in_flight
                && let Some(first) = pending.0.pop_front()
            {
                write(first).await?;
            }
            at += end;
            expected += 1;
            done = last;
        }
    }
    while let Some(first) = pending.0.pop_front() {
        write(first).await?;
    }
    if !done {
        return Err(EnvelopeError::Truncated.into());
    }
    Ok(bytes_out)
}

/// Checks the frame at `at` in `bytes` as the core's `Decryptor` does, in the same order:
/// nothing may follow the final frame; the flag is 0 or 1; frames come in order; only the
/// final frame may be short; the frame must be all there. Gives (its number, final?,
/// plaintext length, bytes the frame takes).
fn check_frame(
    bytes: &Uint8Array,
    at: u32,
    expected: u64,
    after_final: bool,
    frame_size: u32,
) -> Result<(u32, bool, u32, u32), EnvelopeError> {
    if after_final {
        return Err(EnvelopeError::BadFrameOrder);
    }
    let rest = bytes.length() - at;
    if rest < FRAME_HEADER_BYTES as u32 {
        return Err(EnvelopeError::Truncated);
    }
    let mut head = [0u8; FRAME_HEADER_BYTES];
    bytes
        .subarray(at, at + FRAME_HEADER_BYTES as u32)
        .copy_to(&mut head);
    let [s0, s1, s2, s3, flag, l0, l1, l2, l3] = head;
    let last = match flag {
        0 => false,
        1 => true,
        _ => return Err(EnvelopeError::Tampered),
    };
    let seq = u32::from_be_bytes([s0, s1, s2, s3]);
    if u64::from(seq) != expected {
        return Err(EnvelopeError::BadFrameOrder);
    }
    let len = u32::from_be_bytes([l0, l1, l2, l3]);
    if len > frame_size || (!last && len != frame_size) {
        return Err(EnvelopeError::Tampered);
    }
    let end = FRAME_HEADER_BYTES as u32 + len + TAG_BYTES;
    if rest < end {
        return Err(EnvelopeError::Truncated);
    }
    Ok((seq, last, len, end))
}
