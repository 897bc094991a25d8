//! Sealing a source frame by frame with WebCrypto, a window of frames in flight.

use js_sys::{ArrayBuffer, Uint8Array};
use kms_core::envelope::{self, FRAME_HEADER_BYTES, Header};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::source::Slices;
use super::*;

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
