//! Where the output goes: a `Blob` built in 16 MiB chunks, ready to download.

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

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
