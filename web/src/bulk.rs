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
use std::fmt;

use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use kms_core::envelope::{self, EnvelopeError, FRAME_HEADER_BYTES, Header};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AesGcmParams, Blob, CryptoKey, ReadableStreamByobReader, ReadableStreamGetReaderOptions,
    ReadableStreamReadResult, ReadableStreamReaderMode, SubtleCrypto,
};

/// The frame size the playground uses for files: 256 KiB (WebCrypto is fastest around
/// there in Chromium).
pub const FILE_FRAME_SIZE: u32 = 256 * 1024;

/// The bytes of a GCM tag at the end of each sealed frame.
const TAG_BYTES: u32 = 16;

fn subtle() -> Result<SubtleCrypto, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(window.crypto()?.subtle())
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
        let key =
            JsFuture::from(subtle.import_key_with_object("raw", &raw, &algorithm, false, &usages)?)
                .await?;
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

/// Where the bytes come from: a file (or any `Blob`), read in slices or streamed into two
/// reused buffers, or bytes already in memory, viewed in place.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// A `File` the user chose, or any other `Blob`: each slice read into a new buffer.
    Blob(&'a Blob),
    /// The same, streamed with a BYOB reader into reused buffers that take turns: nothing is
    /// allocated per slice, so the collector has only the sealed frames to free.
    BlobStream(&'a Blob),
    /// Bytes already in memory: frames are views into them, nothing is copied.
    Bytes(&'a Uint8Array),
}

impl Source<'_> {
    /// The number of bytes.
    pub fn len(&self) -> f64 {
        match self {
            Source::Blob(b) | Source::BlobStream(b) => b.size(),
            Source::Bytes(b) => f64::from(b.length()),
        }
    }

    /// Whether there are no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0.0
    }
}

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

/// A source read in slices of a fixed size from `start` to its end, ahead of the work. A
/// slice given by [`Slices::next`] may be overwritten by the following call, so all work on
/// it must have started (WebCrypto copies its input when called) by then.
enum Slices<'a> {
    /// Separate reads of whole slices, oldest first.
    Ahead {
        source: Source<'a>,
        slice: f64,
        next: f64,
        end: f64,
        reads: VecDeque<Promise>,
    },
    /// One stream filling reused buffers one after another, as long as one is free, while
    /// the slice in another is worked on.
    Stream {
        reader: ReadableStreamByobReader,
        slice: u32,
        /// Fills in the order they will complete; each starts when the one before ends.
        filling: VecDeque<Promise>,
        /// The buffer of the slice handed out last, free again at the next call.
        current: Option<ArrayBuffer>,
    },
}

impl<'a> Slices<'a> {
    fn new(source: Source<'a>, start: f64, slice: f64, ahead: u32) -> Result<Slices<'a>, JsValue> {
        let slice = slice.max(1.0);
        let end = source.len();
        if let Source::BlobStream(blob) = source {
            let options = ReadableStreamGetReaderOptions::new();
            options.set_mode(ReadableStreamReaderMode::Byob);
            let reader: ReadableStreamByobReader = blob
                .slice_with_f64_and_f64(start, end)?
                .stream()
                .get_reader_with_options(&options)
                .dyn_into()?;
            let slice = slice.min(f64::from(u32::MAX)) as u32;
            // `ahead` buffers being filled (one after another) besides the one worked on,
            // which is filled first.
            let mut filling = VecDeque::with_capacity(ahead as usize + 1);
            for _ in 0..=ahead.max(1) {
                let after = filling.back().cloned();
                filling.push_back(fill(reader.clone(), after, ArrayBuffer::new(slice), slice));
            }
            return Ok(Slices::Stream {
                reader,
                slice,
                filling,
                current: None,
            });
        }
        let mut slices = Slices::Ahead {
            source,
            slice,
            next: start,
            end,
            reads: VecDeque::with_capacity(ahead as usize + 1),
        };
        for _ in 0..ahead.max(1) {
            slices.read_one()?;
        }
        Ok(slices)
    }

    /// Starts reading one more slice ahead, if any is left.
    fn read_one(&mut self) -> Result<(), JsValue> {
        if let Slices::Ahead {
            source,
            slice,
            next,
            end,
            reads,
        } = self
            && *next < *end
        {
            let stop = (*next + *slice).min(*end);
            reads.push_back(match source {
                Source::Blob(b) | Source::BlobStream(b) => {
                    b.slice_with_f64_and_f64(*next, stop)?.array_buffer()
                }
                Source::Bytes(b) => {
                    let view: JsValue = b.subarray(*next as u32, stop as u32).into();
                    Promise::resolve(&view)
                }
            });
            *next = stop;
        }
        Ok(())
    }

    /// The next slice, once read (and the next read started).
    async fn next(&mut self) -> Result<Option<Uint8Array>, JsValue> {
        match self {
            Slices::Ahead { reads, .. } => {
                let Some(reading) = reads.pop_front() else {
                    return Ok(None);
                };
                let got = JsFuture::from(reading).await?;
                self.read_one()?;
                Ok(Some(if got.is_instance_of::<ArrayBuffer>() {
                    Uint8Array::new(&got)
                } else {
                    got.dyn_into()?
                }))
            }
            Slices::Stream {
                reader,
                slice,
                filling,
                current,
            } => {
                let Some(reading) = filling.pop_front() else {
                    return Ok(None);
                };
                // The slice handed out before is free again (all work on it has started):
                // it is filled after the last fill under way.
                if let Some(free) = current.take() {
                    let after = filling.back().cloned().unwrap_or_else(|| reading.clone());
                    filling.push_back(fill(reader.clone(), Some(after), free, *slice));
                }
                let view: Uint8Array = JsFuture::from(reading).await?.dyn_into()?;
                if view.length() == 0 {
                    filling.clear();
                    return Ok(None);
                }
                *current = Some(view.buffer());
                Ok(Some(view))
            }
        }
    }
}

/// Reads `source` through as the pipeline would, and does nothing with it: the reading
/// part of the work alone. Returns the bytes read.
pub async fn read_through(source: Source<'_>, pipeline: Pipeline) -> Result<f64, JsValue> {
    let slice = f64::from(pipeline.frames_per_slice.max(1)) * f64::from(FILE_FRAME_SIZE);
    let mut slices = Slices::new(source, 0.0, slice, pipeline.read_ahead)?;
    let mut read = 0.0;
    while let Some(bytes) = slices.next().await? {
        read += f64::from(bytes.length());
    }
    Ok(read)
}

/// Fills `buffer` (of `size` bytes) from `reader`, read after read, until it is full or the
/// stream ends, once the fill `after` (if any) has ended — and not at all if that one found
/// the end. The promise gives a view of the bytes read (none at the end).
fn fill(
    reader: ReadableStreamByobReader,
    after: Option<Promise>,
    buffer: ArrayBuffer,
    size: u32,
) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        if let Some(before) = after {
            let before: Uint8Array = JsFuture::from(before).await?.dyn_into()?;
            if before.length() < size {
                return Ok(Uint8Array::new_with_length(0).into());
            }
        }
        let mut buffer = buffer;
        let mut filled = 0u32;
        while filled < size {
            let into = Uint8Array::new_with_byte_offset_and_length(&buffer, filled, size - filled);
            // The read takes the buffer and gives it back, holding what it read.
            let result: ReadableStreamReadResult =
                JsFuture::from(reader.read_with_array_buffer_view(&into))
                    .await?
                    .unchecked_into();
            let Some(got) = result.get_value().dyn_ref::<Uint8Array>().cloned() else {
                return Err(JsValue::from_str("the file could not be read to its end"));
            };
            buffer = got.buffer();
            filled += got.length();
            if result.get_done().unwrap_or(true) {
                break;
            }
        }
        Ok(Uint8Array::new_with_byte_offset_and_length(&buffer, 0, filled).into())
    })
}

/// One frame with WebCrypto: its number, whether it is the final one, its plaintext
/// length, and the promise of its result.
struct Pending {
    seq: u32,
    last: bool,
    len: u32,
    promise: Promise,
}

/// Encrypts `source` as one envelope message: gives `sink` the header, then each frame's
/// header and sealed bytes as JS values (`Uint8Array`/`ArrayBuffer`), in order — ready to
/// become the parts of a `Blob` — and calls `progress(done, total)` as slices complete.
/// Reading, sealing and writing overlap as `pipeline` says. Returns the bytes written.
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
    let mut slices = Slices::new(
        source,
        0.0,
        f64::from(per_slice) * frame,
        pipeline.read_ahead,
    )?;
    let mut pending: VecDeque<Pending> = VecDeque::with_capacity(in_flight);
    let mut write = async |done: Pending| -> Result<(), JsValue> {
        let sealed: ArrayBuffer = JsFuture::from(done.promise).await?.dyn_into()?;
        sink(Uint8Array::from(&envelope::frame_header(done.seq, done.last, done.len)[..]).into());
        written += FRAME_HEADER_BYTES as f64 + f64::from(sealed.byte_length());
        sink(sealed.into());
        if done.last || (done.seq + 1).is_multiple_of(per_slice) {
            progress((f64::from(done.seq + 1) * frame).min(total), total);
        }
        Ok(())
    };
    let mut seq: u32 = 0;
    // A source of no bytes (or a whole number of frames) still ends with a final frame.
    let empty = Uint8Array::new_with_length(0);
    while seq < frames {
        let bytes = slices.next().await?.unwrap_or_else(|| empty.clone());
        let mut offset = 0u32;
        loop {
            let last = seq + 1 == frames;
            let len = frame_size.min(bytes.length() - offset);
            if len < frame_size && !last {
                return Err(JsValue::from_str(
                    "the file changed while it was being read",
                ));
            }
            pending.push_back(Pending {
                seq,
                last,
                len,
                promise: sealer.seal(seq, last, &bytes.subarray(offset, offset + len))?,
            });
            if pending.len() >= in_flight
                && let Some(done) = pending.pop_front()
            {
                write(done).await?;
            }
            seq += 1;
            offset += len;
            if last || offset >= bytes.length() {
                break;
            }
        }
    }
    while let Some(done) = pending.pop_front() {
        write(done).await?;
    }
    Ok(written)
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

/// Collects output parts into one `Blob`, ready to download. Every 16 MiB the parts are
/// handed to the browser's blob storage as one chunk (it may keep them on disk), so the
/// page itself holds little; a failure to do so is kept and reported by
/// [`BlobSink::finish`], which makes one `Blob` of the chunks.
pub struct BlobSink {
    chunks: Array,
    pending: Array,
    bytes: f64,
    failed: Option<JsValue>,
}

impl BlobSink {
    /// An empty sink.
    pub fn new() -> BlobSink {
        BlobSink {
            chunks: Array::new(),
            pending: Array::new(),
            bytes: 0.0,
            failed: None,
        }
    }

    /// Adds a part (`ArrayBuffer` or typed array).
    pub fn push(&mut self, part: JsValue) {
        self.bytes += part.dyn_ref::<ArrayBuffer>().map_or_else(
            || {
                part.dyn_ref::<Uint8Array>()
                    .map_or(0.0, |u| f64::from(u.length()))
            },
            |b| f64::from(b.byte_length()),
        );
        self.pending.push(&part);
        if self.bytes >= f64::from(16u32 << 20)
            && let Err(e) = self.flush()
        {
            self.failed.get_or_insert(e);
        }
    }

    fn flush(&mut self) -> Result<(), JsValue> {
        if self.pending.length() > 0 {
            let chunk = Blob::new_with_buffer_source_sequence(&self.pending)?;
            self.chunks.push(&chunk);
            self.pending = Array::new();
            self.bytes = 0.0;
        }
        Ok(())
    }

    /// The whole output, or the first failure to store it.
    pub fn finish(mut self) -> Result<Blob, JsValue> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.flush()?;
        Blob::new_with_blob_sequence(&self.chunks)
    }
}

impl Default for BlobSink {
    fn default() -> Self {
        BlobSink::new()
    }
}

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
    let per_slice = pipeline.frames_per_slice.max(1);
    let in_flight = pipeline.in_flight.max(1) as usize;
    let total = source.len();
    let mut slices = Slices::new(
        source,
        header_len,
        f64::from(per_slice) * f64::from(stride),
        pipeline.read_ahead,
    )?;
    let mut pending: VecDeque<Pending> = VecDeque::with_capacity(in_flight);
    let mut bytes_out = 0.0;
    let mut write = async |done: Pending| -> Result<(), BulkError> {
        let plain = JsFuture::from(done.promise)
            .await
            .map_err(|_| EnvelopeError::Tampered)?;
        let plain: ArrayBuffer = plain.dyn_into()?;
        bytes_out += f64::from(plain.byte_length());
        sink(plain.into());
        if done.last || (done.seq + 1).is_multiple_of(per_slice) {
            let at = header_len + f64::from(done.seq + 1) * f64::from(stride);
            progress(at.min(total), total);
        }
        Ok(())
    };
    let mut seq: u32 = 0;
    let mut done = false;
    while let Some(bytes) = slices.next().await? {
        let mut at = 0u32;
        while at < bytes.length() {
            let (last, len, end) = match check_frame(&bytes, at, seq, done, frame_size) {
                Ok(frame) => frame,
                Err(e) => {
                    // An earlier frame that fails to open is the first fault, as in the core.
                    while let Some(first) = pending.pop_front() {
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
            pending.push_back(Pending {
                seq,
                last,
                len,
                promise,
            });
            if pending.len() >= in_flight
                && let Some(first) = pending.pop_front()
            {
                write(first).await?;
            }
            at += end;
            seq = seq.checked_add(1).ok_or(EnvelopeError::BadFrameOrder)?;
            done = last;
        }
    }
    while let Some(first) = pending.pop_front() {
        write(first).await?;
    }
    if !done {
        return Err(EnvelopeError::Truncated.into());
    }
    Ok(bytes_out)
}

/// Checks the frame at `at` in `bytes` as the core's `Decryptor` does, in the same order:
/// nothing may follow the final frame; the flag is 0 or 1; frames come in order; only the
/// final frame may be short; the frame must be all there. Gives (final?, plaintext length,
/// bytes the frame takes).
fn check_frame(
    bytes: &Uint8Array,
    at: u32,
    seq: u32,
    after_final: bool,
    frame_size: u32,
) -> Result<(bool, u32, u32), EnvelopeError> {
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
    if u32::from_be_bytes([s0, s1, s2, s3]) != seq {
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
    Ok((last, len, end))
}
