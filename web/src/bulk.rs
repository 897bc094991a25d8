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
use wasm_bindgen::closure::Closure;
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

/// WebCrypto of this global, on the page or in a worker.
fn subtle() -> Result<SubtleCrypto, JsValue> {
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

/// A BYOB reader of `blob` from `start` to `end`, or why the browser cannot give one.
fn byob_reader(blob: &Blob, start: f64, end: f64) -> Result<ReadableStreamByobReader, JsValue> {
    let part = blob.slice_with_f64_and_f64(start, end)?;
    let stream: js_sys::Function = Reflect::get(&part, &"stream".into())?.dyn_into()?;
    let stream = stream.call0(&part)?;
    let get_reader: js_sys::Function = Reflect::get(&stream, &"getReader".into())?.dyn_into()?;
    let options = ReadableStreamGetReaderOptions::new();
    options.set_mode(ReadableStreamReaderMode::Byob);
    get_reader.call1(&stream, &options)?.dyn_into()
}

/// A source read in slices of a fixed size from `start` to its end, ahead of the work. A
/// slice given by [`Slices::next`] may be overwritten by the following call, so all work on
/// it must have started (WebCrypto copies its input when called) by then. It ends with an
/// error if the source gives fewer or more bytes than it said it had (a file changed while
/// it was read).
pub(crate) struct Slices<'a> {
    reading: Reading<'a>,
    delivered: f64,
    expected: f64,
}

enum Reading<'a> {
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
    /// `source` read as the pipeline reads it for 256 KiB frames.
    pub(crate) fn of_frames(source: Source<'a>, pipeline: Pipeline) -> Result<Slices<'a>, JsValue> {
        let slice = frames_per_slice(pipeline, FILE_FRAME_SIZE) * FILE_FRAME_SIZE;
        Slices::new(source, 0.0, slice, pipeline.read_ahead)
    }

    fn new(source: Source<'a>, start: f64, slice: u32, ahead: u32) -> Result<Slices<'a>, JsValue> {
        let slice = slice.max(1);
        let end = source.len();
        let expected = (end - start).max(0.0);
        let mut source = source;
        if let Source::BlobStream(blob) = source {
            // Where the browser cannot stream a file into our buffers, it is read in slices.
            match Slices::stream(blob, start, end, slice, ahead) {
                Ok(reading) => {
                    return Ok(Slices {
                        reading,
                        delivered: 0.0,
                        expected,
                    });
                }
                Err(_) => source = Source::Blob(blob),
            }
        }
        let mut slices = Slices {
            reading: Reading::Ahead {
                source,
                slice: f64::from(slice),
                next: start,
                end,
                reads: VecDeque::with_capacity(ahead as usize + 1),
            },
            delivered: 0.0,
            expected,
        };
        for _ in 0..ahead.max(1) {
            slices.read_one()?;
        }
        Ok(slices)
    }

    fn stream(
        blob: &Blob,
        start: f64,
        end: f64,
        slice: u32,
        ahead: u32,
    ) -> Result<Reading<'a>, JsValue> {
        let reader = byob_reader(blob, start, end)?;
        // `ahead` buffers being filled (one after another) besides the one worked on,
        // which is filled first.
        let mut filling = VecDeque::with_capacity(ahead as usize + 1);
        for _ in 0..=ahead.max(1) {
            let buffer = match new_buffer(slice) {
                Ok(b) => b,
                Err(e) => {
                    abandon(&filling);
                    let _ = reader.cancel();
                    return Err(e);
                }
            };
            let after = filling.back().cloned();
            filling.push_back(fill(reader.clone(), after, buffer, slice));
        }
        Ok(Reading::Stream {
            reader,
            slice,
            filling,
            current: None,
        })
    }

    /// Starts reading one more slice ahead, if any is left.
    fn read_one(&mut self) -> Result<(), JsValue> {
        if let Reading::Ahead {
            source,
            slice,
            next,
            end,
            reads,
        } = &mut self.reading
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

    /// The next slice, once read (and the next read started); `None` at the end.
    pub(crate) async fn next(&mut self) -> Result<Option<Uint8Array>, JsValue> {
        let got = match &mut self.reading {
            Reading::Ahead { reads, .. } => match reads.pop_front() {
                None => None,
                Some(reading) => {
                    let got = JsFuture::from(reading).await?;
                    self.read_one()?;
                    Some(if got.is_instance_of::<ArrayBuffer>() {
                        Uint8Array::new(&got)
                    } else {
                        got.dyn_into()?
                    })
                }
            },
            Reading::Stream {
                reader,
                slice,
                filling,
                current,
            } => match filling.pop_front() {
                None => None,
                Some(reading) => {
                    // The slice handed out before is free again (all work on it has
                    // started): it is filled after the last fill under way.
                    if let Some(free) = current.take() {
                        let after = filling.back().cloned().unwrap_or_else(|| reading.clone());
                        filling.push_back(fill(reader.clone(), Some(after), free, *slice));
                    }
                    let view: Uint8Array = JsFuture::from(reading).await?.dyn_into()?;
                    if view.length() == 0 {
                        abandon(filling.iter());
                        filling.clear();
                        None
                    } else {
                        *current = Some(view.buffer());
                        Some(view)
                    }
                }
            },
        };
        match got {
            Some(view) => {
                self.delivered += f64::from(view.length());
                if self.delivered > self.expected {
                    return Err(JsValue::from_str(
                        "the file changed while it was being read",
                    ));
                }
                Ok(Some(view))
            }
            None if self.delivered != self.expected => Err(JsValue::from_str(
                "the file changed while it was being read",
            )),
            None => Ok(None),
        }
    }
}

impl Drop for Slices<'_> {
    /// Stops reading what nobody will use (after an error), quietly.
    fn drop(&mut self) {
        match &self.reading {
            Reading::Ahead { reads, .. } => abandon(reads),
            Reading::Stream {
                reader, filling, ..
            } => {
                abandon(filling);
                if !filling.is_empty() {
                    abandon([&reader.cancel()]);
                }
            }
        }
    }
}

/// Reads `source` through as the pipeline would, and does nothing with it: the reading
/// part of the work alone. Returns the bytes read.
pub async fn read_through(source: Source<'_>, pipeline: Pipeline) -> Result<f64, JsValue> {
    let mut slices = Slices::of_frames(source, pipeline)?;
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
    let head = header
        .to_bytes()
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut written = head.len() as f64;
    sink(Uint8Array::from(&head[..]).into());
    let total = source.len();
    let frame_size = header.frame_size.max(1);
    let frame = f64::from(frame_size);
    let full_frames = (total / frame).floor();
    // The last frame is always the final one, even when it is empty.
    let frames = u32::try_from(full_frames as u64 + 1)
        .map_err(|_| JsValue::from_str("the file needs more than 2^32 frames"))?;
    let per_slice = frames_per_slice(pipeline, frame_size);
    let in_flight = pipeline.in_flight.max(1) as usize;
    let mut slices = Slices::new(source, 0.0, per_slice * frame_size, pipeline.read_ahead)?;
    let mut pending = InFlight::new(in_flight);
    let mut write = async |done: Pending| -> Result<(), JsValue> {
        let sealed: ArrayBuffer = JsFuture::from(done.promise).await?.dyn_into()?;
        sink(Uint8Array::from(&envelope::frame_header(done.seq, done.last, done.len)[..]).into());
        written += FRAME_HEADER_BYTES as f64 + f64::from(sealed.byte_length());
        sink(sealed.into());
        if done.last || (u64::from(done.seq) + 1).is_multiple_of(u64::from(per_slice)) {
            progress(((f64::from(done.seq) + 1.0) * frame).min(total), total);
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
            pending.0.push_back(Pending {
                seq,
                last,
                len,
                promise: sealer.seal(seq, last, &bytes.subarray(offset, offset + len))?,
            });
            if pending.0.len() >= in_flight
                && let Some(done) = pending.0.pop_front()
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
    while let Some(done) = pending.0.pop_front() {
        write(done).await?;
    }
    Ok(written)
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

#[cfg(test)]
mod tests {
    use super::*;

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
