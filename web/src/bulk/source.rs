//! Where the bytes come from: a `Blob` read in slices or streamed into reused buffers,
//! or bytes in memory; read ahead of the work in bounded memory.

use std::collections::VecDeque;

use js_sys::{ArrayBuffer, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStreamByobReader, ReadableStreamGetReaderOptions, ReadableStreamReadResult,
    ReadableStreamReaderMode,
};

use super::*;

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

    pub(super) fn new(
        source: Source<'a>,
        start: f64,
        slice: u32,
        ahead: u32,
    ) -> Result<Slices<'a>, JsValue> {
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
