//! Envelope encryption of large files in the browser, at WebCrypto speed.
//!
//! Frames of the `KPE1` format (docs/envelope-format.md) are sealed with the browser's
//! `crypto.subtle` (about ten times faster than AES-GCM compiled to wasm), reading the
//! file in slices so memory stays bounded, with reading and sealing overlapped. The bytes are
//! the same as the core's `kms_core::envelope` writes, which a browser test checks.

use std::collections::VecDeque;

use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use kms_core::envelope::{self, Header};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, Blob, CryptoKey, SubtleCrypto};

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

/// Where the plaintext comes from: a file (or any `Blob`), read in slices, or bytes already
/// in memory, viewed in place.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// A `File` the user chose, or any other `Blob`: read slice by slice.
    Blob(&'a Blob),
    /// Bytes already in memory: frames are views into them, nothing is copied.
    Bytes(&'a Uint8Array),
}

impl Source<'_> {
    fn len(&self) -> f64 {
        match self {
            Source::Blob(b) => b.size(),
            Source::Bytes(b) => f64::from(b.length()),
        }
    }

    /// Starts reading `start..end`; the promise gives an `ArrayBuffer` or a `Uint8Array`.
    fn read(&self, start: f64, end: f64) -> Result<Promise, JsValue> {
        Ok(match self {
            Source::Blob(b) => b.slice_with_f64_and_f64(start, end)?.array_buffer(),
            Source::Bytes(b) => {
                let view: JsValue = b.subarray(start as u32, end as u32).into();
                Promise::resolve(&view)
            }
        })
    }
}

/// How the file path overlaps reading and sealing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// Frames read from the source at once (one slice).
    pub frames_per_slice: u32,
    /// Slices being read ahead of the one being sealed.
    pub read_ahead: u32,
    /// Frames being sealed by WebCrypto at once.
    pub in_flight: u32,
}

/// The pipeline the playground uses, chosen with `scripts/bench-browser --tune` in
/// headless Chromium: 8 MiB slices of 256 KiB frames, three slices read ahead, 32 frames
/// sealing. It holds at most (1 + 3) × 8 MiB read plus 32 frames in and out: about 48 MiB,
/// whatever the size of the file. Larger slices read faster but hold more.
pub const PIPELINE: Pipeline = Pipeline {
    frames_per_slice: 32,
    read_ahead: 3,
    in_flight: 32,
};

/// One frame being sealed: its number, whether it is the final one, its plaintext length,
/// and WebCrypto's promise of its ciphertext and tag.
struct Sealing {
    seq: u32,
    last: bool,
    len: u32,
    promise: Promise,
}

/// Encrypts `source` as one envelope message: gives `sink` the header, then each frame's
/// header and sealed bytes as JS values (`Uint8Array`/`ArrayBuffer`), in order — ready to
/// become the parts of a `Blob` — and calls `progress(done, total)` as slices complete.
/// Reading, sealing and writing overlap as `pipeline` says; memory is bounded by it, not
/// by the size of the source. Returns the number of bytes written.
pub async fn encrypt_source(
    source: Source<'_>,
    header: &Header,
    data_key: &[u8; 32],
    pipeline: Pipeline,
    sink: &mut dyn FnMut(JsValue),
    progress: &mut dyn FnMut(f64, f64),
) -> Result<f64, JsValue> {
    let sealer = FrameSealer::new(data_key, header.message_id).await?;
    let head = header.to_bytes();
    let mut written = head.len() as f64;
    sink(Uint8Array::from(&head[..]).into());
    let total = source.len();
    let frame_size = header.frame_size.max(1);
    let frame = f64::from(frame_size);
    let full_frames = (total / frame).floor();
    // The last frame is always the final one, even when it is empty.
    let frames = u32::try_from(full_frames as u64 + 1)
        .map_err(|_| JsValue::from_str("the file needs more than 2^32 frames"))?;
    let per_slice = pipeline.frames_per_slice.max(1);
    let in_flight = pipeline.in_flight.max(1) as usize;
    let frame_len = |seq: u32| -> u32 {
        if seq + 1 == frames {
            (total - full_frames * frame) as u32
        } else {
            frame_size
        }
    };

    // Slices being read: (first frame, frames in it, the read).
    let mut reads: VecDeque<(u32, u32, Promise)> =
        VecDeque::with_capacity(pipeline.read_ahead as usize + 1);
    let mut next_read: u32 = 0;
    let mut read_more = |reads: &mut VecDeque<(u32, u32, Promise)>| -> Result<(), JsValue> {
        if next_read < frames {
            let count = (frames - next_read).min(per_slice);
            let start = f64::from(next_read) * frame;
            let end = (start + f64::from(count) * frame).min(total);
            reads.push_back((next_read, count, source.read(start, end)?));
            next_read += count;
        }
        Ok(())
    };
    for _ in 0..pipeline.read_ahead.max(1) {
        read_more(&mut reads)?;
    }

    let mut sealing: VecDeque<Sealing> = VecDeque::with_capacity(in_flight);
    while let Some((first, count, reading)) = reads.pop_front() {
        let got = JsFuture::from(reading).await?;
        read_more(&mut reads)?;
        let bytes: Uint8Array = if got.is_instance_of::<ArrayBuffer>() {
            Uint8Array::new(&got)
        } else {
            got.dyn_into()?
        };
        for seq in first..first + count {
            let len = frame_len(seq);
            let offset = (seq - first)
                .checked_mul(frame_size)
                .ok_or_else(|| JsValue::from_str("a slice larger than 4 GiB"))?;
            let view = bytes.subarray(offset, offset + len);
            let last = seq + 1 == frames;
            let promise = sealer.seal(seq, last, &view)?;
            sealing.push_back(Sealing {
                seq,
                last,
                len,
                promise,
            });
            if sealing.len() >= in_flight
                && let Some(done) = sealing.pop_front()
            {
                written += write_frame(done, sink, progress, per_slice, frame, total).await?;
            }
        }
    }
    while let Some(done) = sealing.pop_front() {
        written += write_frame(done, sink, progress, per_slice, frame, total).await?;
    }
    Ok(written)
}

/// Waits for one frame's seal and gives the sink its header and sealed bytes; reports
/// progress at the end of each slice. Returns the bytes written.
async fn write_frame(
    done: Sealing,
    sink: &mut dyn FnMut(JsValue),
    progress: &mut dyn FnMut(f64, f64),
    per_slice: u32,
    frame: f64,
    total: f64,
) -> Result<f64, JsValue> {
    let sealed: ArrayBuffer = JsFuture::from(done.promise).await?.dyn_into()?;
    sink(Uint8Array::from(&envelope::frame_header(done.seq, done.last, done.len)[..]).into());
    let bytes = envelope::FRAME_HEADER_BYTES as f64 + f64::from(sealed.byte_length());
    sink(sealed.into());
    if done.last || (done.seq + 1).is_multiple_of(per_slice) {
        progress((f64::from(done.seq + 1) * frame).min(total), total);
    }
    Ok(bytes)
}

/// Encrypts a file (or any `Blob`) with the playground's [`PIPELINE`]; see
/// [`encrypt_source`].
pub async fn encrypt_blob(
    blob: &Blob,
    header: &Header,
    data_key: &[u8; 32],
    sink: &mut dyn FnMut(JsValue),
    progress: &mut dyn FnMut(f64, f64),
) -> Result<f64, JsValue> {
    encrypt_source(
        Source::Blob(blob),
        header,
        data_key,
        PIPELINE,
        sink,
        progress,
    )
    .await
}
