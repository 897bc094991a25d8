//! Envelope encryption of large files in the browser, at WebCrypto speed.
//!
//! Frames of the `KPE1` format (docs/envelope-format.md) are sealed and opened with the
//! browser's `crypto.subtle` (about ten times faster than AES-GCM compiled to wasm). The
//! file is streamed into a few reused buffers that take turns (filling while the frames of
//! another go to WebCrypto, which copies them), with a window of frames in flight, so
//! memory is bounded by the [`Pipeline`], not by the size of the file. The bytes written,
//! and every verdict on a damaged file, are the same as the core's `kms_core::envelope`
//! gives, which browser tests check.

use std::collections::VecDeque;

use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use kms_core::envelope::{self};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, SubtleCrypto};

/// The frame size the playground uses for files: 256 KiB (WebCrypto is fastest around
/// there in Chromium).
pub const FILE_FRAME_SIZE: u32 = 256 * 1024;

/// The bytes of a GCM tag at the end of each sealed frame.
const TAG_BYTES: u32 = 16;

/// WebCrypto of this global, on the page or in a worker.
pub(crate) fn subtle() -> Result<SubtleCrypto, JsValue> {
    let crypto: web_sys::Crypto = Reflect::get(&js_sys::global(), &"crypto".into())?
        .dyn_into()
        .map_err(|_| JsValue::from_str("this browser has no WebCrypto here"))?;
    Ok(crypto.subtle())
}

/// A data key imported into WebCrypto for one message (not extractable, one usage), with
/// what binds a frame to its message and place.
struct FrameKey {
    subtle: SubtleCrypto,
    key: CryptoKey,
    message_id: [u8; 16],
}

impl FrameKey {
    async fn import(
        data_key: &[u8; 32],
        message_id: [u8; 16],
        usage: &str,
    ) -> Result<FrameKey, JsValue> {
        let subtle = subtle()?;
        let algorithm = Object::new();
        Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into())?;
        let usages = Array::of1(&usage.into());
        let raw = Uint8Array::from(&data_key[..]);
        let import = subtle.import_key_with_object("raw", &raw, &algorithm, false, &usages);
        // WebCrypto copied the key when called: this copy is cleared at once.
        raw.fill(0, 0, raw.length());
        let key = JsFuture::from(import?).await?;
        Ok(FrameKey {
            subtle,
            key: key.dyn_into()?,
            message_id,
        })
    }

    /// The nonce and AAD of frame `seq` holding `len` plaintext bytes.
    fn params(&self, seq: u32, last: bool, len: u32) -> AesGcmParams {
        let params = AesGcmParams::new(
            "AES-GCM",
            &Uint8Array::from(&envelope::frame_nonce(seq)[..]),
        );
        params.set_additional_data(&Uint8Array::from(
            &envelope::frame_aad(&self.message_id, seq, last, len)[..],
        ));
        params.set_tag_length(128);
        params
    }
}

/// Seals frames of one message with WebCrypto.
pub struct FrameSealer(FrameKey);

impl FrameSealer {
    /// Imports the data key into WebCrypto (not extractable, encrypt only).
    pub async fn new(data_key: &[u8; 32], message_id: [u8; 16]) -> Result<FrameSealer, JsValue> {
        Ok(FrameSealer(
            FrameKey::import(data_key, message_id, "encrypt").await?,
        ))
    }

    /// Starts sealing one frame whose plaintext is `plaintext` (a JS view, not copied
    /// into wasm; WebCrypto copies it before this returns): the promise gives the
    /// ciphertext and tag.
    fn seal(&self, seq: u32, last: bool, plaintext: &Uint8Array) -> Result<Promise, JsValue> {
        let k = &self.0;
        k.subtle.encrypt_with_object_and_buffer_source(
            &k.params(seq, last, plaintext.length()),
            &k.key,
            plaintext,
        )
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

mod open;
mod seal;
mod sink;
mod source;

pub use open::{BulkError, decrypt_source};
pub use seal::encrypt_source;
pub use sink::BlobSink;
#[cfg(feature = "bench")]
pub(crate) use source::Slices;
pub use source::{Source, read_through};

/// How the file path overlaps reading and the work of WebCrypto.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// Frames read from the source at once (one slice).
    pub frames_per_slice: u32,
    /// Slices being read ahead of the one being worked on: separate reads into new
    /// buffers from a [`Source::Blob`], or reused buffers filled one after another from a
    /// [`Source::BlobStream`].
    pub read_ahead: u32,
    /// Frames with WebCrypto at once.
    pub in_flight: u32,
}

/// The pipeline the playground uses, chosen with `scripts/bench-browser --tune` in
/// headless Chromium: the file streamed into three 4 MiB buffers of 256 KiB frames that
/// take turns (two filling while the frames of the third go to WebCrypto), 16 frames with
/// WebCrypto. It holds 3 × 4 MiB read plus 16 frames in and out: 20 MiB, whatever the size
/// of the file. Other shapes measured within the noise of this one, or held more.
pub const PIPELINE: Pipeline = Pipeline {
    frames_per_slice: 16,
    read_ahead: 2,
    in_flight: 16,
};

/// The most bytes one slice may hold: a message's frames come from its header (up to
/// 16 MiB each), so a slice holds fewer of them when they are large.
const MAX_SLICE_BYTES: u32 = 17 << 20;

/// How many frames of `stride` bytes each go in one slice under `pipeline`.
fn frames_per_slice(pipeline: Pipeline, stride: u32) -> u32 {
    pipeline
        .frames_per_slice
        .clamp(1, (MAX_SLICE_BYTES / stride.max(1)).max(1))
}

/// Lets go of promises nobody will wait for, so that their failures are not reported as
/// unhandled.
fn abandon<'p>(promises: impl IntoIterator<Item = &'p Promise>) {
    let mut promises = promises.into_iter().peekable();
    if promises.peek().is_some() {
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        for p in promises {
            let _ = p.catch(&ignore);
        }
        ignore.forget();
    }
}

/// A new `ArrayBuffer`, or the browser's refusal (it may not have the memory).
fn new_buffer(len: u32) -> Result<ArrayBuffer, JsValue> {
    let constructor: js_sys::Function =
        Reflect::get(&js_sys::global(), &"ArrayBuffer".into())?.dyn_into()?;
    Reflect::construct(&constructor, &Array::of1(&len.into()))?.dyn_into()
}

/// One frame with WebCrypto: its number, whether it is the final one, its plaintext
/// length, and the promise of its result.
struct Pending {
    seq: u32,
    last: bool,
    len: u32,
    promise: Promise,
}

/// The frames with WebCrypto, oldest first. If the work stops early (an error), the ones
/// left are let go quietly.
struct InFlight(VecDeque<Pending>);

impl InFlight {
    fn new(capacity: usize) -> InFlight {
        InFlight(VecDeque::with_capacity(capacity))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        abandon(self.0.iter().map(|p| &p.promise));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kms_core::envelope::FRAME_HEADER_BYTES;

    #[test]
    fn a_slice_holds_fewer_frames_when_the_header_says_they_are_large() {
        let stride = |frame: u32| FRAME_HEADER_BYTES as u32 + frame + TAG_BYTES;
        // The playground's own frames: as many as the pipeline says.
        assert_eq!(frames_per_slice(PIPELINE, FILE_FRAME_SIZE), 16);
        assert_eq!(frames_per_slice(PIPELINE, stride(FILE_FRAME_SIZE)), 16);
        // A message with the largest frames the format allows: one per slice, so three
        // buffers hold about 48 MiB rather than 768.
        let biggest = stride(envelope::MAX_FRAME_SIZE);
        assert_eq!(frames_per_slice(PIPELINE, biggest), 1);
        assert!(frames_per_slice(PIPELINE, biggest) * biggest <= MAX_SLICE_BYTES);
        // Tiny frames keep the pipeline's count; nothing is ever zero.
        assert_eq!(frames_per_slice(PIPELINE, stride(16)), 16);
        let none = Pipeline {
            frames_per_slice: 0,
            read_ahead: 0,
            in_flight: 0,
        };
        assert_eq!(frames_per_slice(none, 0), 1);
    }
}
