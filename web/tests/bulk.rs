//! The browser's WebCrypto envelope path gives the same bytes as the core's AES-GCM, in
//! headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code"
)]

use js_sys::Uint8Array;
use kms_core::context::EncryptionContext;
use kms_core::envelope::{Decryptor, Encryptor, EnvelopeError, Header};
use kms_web::bench::{check_pipeline_matches_core, check_webcrypto_matches_core};
use kms_web::bulk::{BulkError, FrameSealer, Pipeline, Source, decrypt_source};
use wasm_bindgen_test::*;
use web_sys::Blob;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn one_frame_is_byte_identical() {
    let key = [9u8; 32];
    let id = [1u8; 16];
    let sealer = FrameSealer::new(&key, id).await.unwrap();
    for (seq, last, data) in [
        (0u32, false, &b"0123456789abcdef"[..]),
        (7, true, &b"tail"[..]),
        (3, true, &b""[..]),
    ] {
        let web = sealer.seal_frame(seq, last, data).await.unwrap();
        let core = kms_core::envelope::seal_frame(&key, &id, seq, last, data).unwrap();
        assert_eq!(web, core, "frame {seq}");
    }
}

#[wasm_bindgen_test]
async fn whole_messages_are_byte_identical_across_frame_boundaries() {
    // Empty, one byte, around a frame, exact multiples, and more frames than are in flight.
    for (len, frame) in [
        (0, 16),
        (1, 16),
        (15, 16),
        (16, 16),
        (17, 16),
        (64, 16),
        (1000, 16),
        (5000, 1024),
        (70_000, 4096),
    ] {
        assert!(
            check_webcrypto_matches_core(len, frame).await.unwrap(),
            "len {len} frame {frame}"
        );
    }
}

#[wasm_bindgen_test]
async fn every_pipeline_shape_gives_the_same_bytes() {
    // Slices of one frame or several, reads ahead or not, fewer or more frames sealing
    // than a slice holds: reading, sealing and writing overlap differently, the bytes and
    // the progress must not change.
    for (frames_per_slice, read_ahead, in_flight) in [
        (1, 1, 1),
        (1, 3, 8),
        (3, 1, 2),
        (3, 2, 7),
        (4, 4, 1),
        (64, 2, 32),
    ] {
        let pipeline = Pipeline {
            frames_per_slice,
            read_ahead,
            in_flight,
        };
        for (len, frame) in [(0, 16), (16, 16), (47, 16), (48, 16), (1000, 16)] {
            assert!(
                check_pipeline_matches_core(len, frame, pipeline)
                    .await
                    .unwrap(),
                "{pipeline:?} len {len} frame {frame}"
            );
        }
    }
}

/// The core's verdict on a whole message: its plaintext, or why it is refused.
fn core_open(message: &[u8], key: &[u8; 32]) -> Result<Vec<u8>, EnvelopeError> {
    let (header, used) = Header::parse(message)?.ok_or(EnvelopeError::Truncated)?;
    let mut d = Decryptor::new(&header, key)?;
    let plain = d.push(&message[used..])?;
    d.finish()?;
    Ok(plain)
}

/// The browser's verdict on the same message, through WebCrypto.
async fn web_open(
    message: &[u8],
    key: &[u8; 32],
    pipeline: Pipeline,
) -> Result<Vec<u8>, EnvelopeError> {
    let (header, used) = Header::parse(message)?.ok_or(EnvelopeError::Truncated)?;
    let bytes = Uint8Array::from(message);
    let blob = Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes)).unwrap();
    let mut results = vec![];
    for source in [
        Source::Bytes(&bytes),
        Source::Blob(&blob),
        Source::BlobStream(&blob),
    ] {
        let mut out = Vec::new();
        let mut last_progress = 0.0;
        let r = decrypt_source(
            source,
            used as f64,
            &header,
            key,
            pipeline,
            &mut |part| out.extend(Uint8Array::new(&part).to_vec()),
            &mut |done, total| {
                assert!(
                    done >= last_progress && done <= total,
                    "progress {done}/{total}"
                );
                last_progress = done;
            },
        )
        .await;
        results.push(match r {
            Ok(n) => {
                assert_eq!(n, out.len() as f64);
                assert_eq!(
                    last_progress,
                    message.len() as f64,
                    "progress ends at the end"
                );
                Ok(out)
            }
            Err(BulkError::Envelope(e)) => Err(e),
            Err(BulkError::Browser(e)) => panic!("the browser failed: {e:?}"),
        });
    }
    let [from_bytes, from_blob, from_stream] = <[_; 3]>::try_from(results).unwrap();
    assert_eq!(
        from_bytes, from_blob,
        "bytes in memory and a Blob read in slices decrypt alike"
    );
    assert_eq!(
        from_bytes, from_stream,
        "bytes in memory and a streamed Blob decrypt alike"
    );
    from_bytes
}

fn sealed_message(len: usize, frame: u32, key: &[u8; 32]) -> (Vec<u8>, Vec<u8>) {
    let plain: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
    let header = Header::new(
        key,
        vec![2; 30],
        EncryptionContext::new(),
        frame,
        [5; 16],
        [6; 12],
    )
    .unwrap();
    let (mut e, mut message) = Encryptor::new(&header, key).unwrap();
    message.extend(e.push(&plain).unwrap());
    message.extend(e.finish().unwrap());
    (plain, message)
}

#[wasm_bindgen_test]
async fn webcrypto_decrypts_what_the_core_wrote() {
    let key = [3u8; 32];
    let pipelines = [
        Pipeline {
            frames_per_slice: 1,
            read_ahead: 1,
            in_flight: 1,
        },
        Pipeline {
            frames_per_slice: 3,
            read_ahead: 2,
            in_flight: 5,
        },
        kms_web::bulk::PIPELINE,
    ];
    for pipeline in pipelines {
        for (len, frame) in [(0, 16), (1, 16), (16, 16), (47, 16), (48, 16), (5000, 64)] {
            let (plain, message) = sealed_message(len, frame, &key);
            assert_eq!(
                web_open(&message, &key, pipeline).await,
                Ok(plain),
                "{pipeline:?} {len}/{frame}"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn webcrypto_refuses_every_damage_exactly_as_the_core_does() {
    let key = [3u8; 32];
    let frame = 16u32;
    let (_, message) = sealed_message(100, frame, &key);
    let (_, used) = Header::parse(&message).unwrap().unwrap();
    let stride = 9 + frame as usize + 16;
    let mut damaged: Vec<(String, Vec<u8>)> = vec![];
    // Every byte of the frames flipped, one at a time.
    for i in used..message.len() {
        let mut m = message.clone();
        m[i] ^= 0x20;
        damaged.push((format!("flip {i}"), m));
    }
    // Cut at every length after the header.
    for n in used..message.len() {
        damaged.push((format!("cut to {n}"), message[..n].to_vec()));
    }
    // Frames swapped, dropped, duplicated; bytes after the final frame; the wrong key.
    let frames: Vec<&[u8]> = message[used..].chunks(stride).collect();
    let join = |order: &[usize]| {
        let mut m = message[..used].to_vec();
        for &k in order {
            m.extend_from_slice(frames[k]);
        }
        m
    };
    let n = frames.len();
    damaged.push(("swap 1 and 2".into(), join(&[0, 2, 1, 3, 4, 5, 6])));
    damaged.push(("drop 3".into(), join(&[0, 1, 2, 4, 5, 6])));
    damaged.push(("repeat 0".into(), join(&[0, 0, 1, 2, 3, 4, 5, 6])));
    damaged.push(("final twice".into(), join(&[0, 1, 2, 3, 4, 5, 6, 6])));
    damaged.push(("final first".into(), join(&[6, 0, 1, 2, 3, 4, 5])));
    let mut tail = message.clone();
    tail.extend_from_slice(b"xyz");
    damaged.push(("3 bytes after the end".into(), tail));
    // Two faults at once: a flipped frame, and frames out of order after it.
    let mut two = join(&[0, 1, 3, 2, 4, 5, 6]);
    two[used + stride + 12] ^= 1;
    damaged.push(("flip then swap".into(), two));
    assert_eq!(
        n, 7,
        "100 bytes in 16-byte frames: 6 full frames and the final one"
    );
    let pipeline = Pipeline {
        frames_per_slice: 2,
        read_ahead: 2,
        in_flight: 4,
    };
    for (what, m) in &damaged {
        let core = core_open(m, &key);
        assert!(core.is_err(), "{what}: the core refuses it");
        assert_eq!(web_open(m, &key, pipeline).await, core, "{what}");
    }
    assert_eq!(
        web_open(&message, &[4u8; 32], pipeline).await,
        Err(EnvelopeError::Tampered),
        "the wrong data key"
    );
}
