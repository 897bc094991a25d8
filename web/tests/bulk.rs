//! The browser's WebCrypto envelope path gives the same bytes as the core's AES-GCM, in
//! headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, reason = "test code")]

use kms_web::bench::{check_pipeline_matches_core, check_webcrypto_matches_core};
use kms_web::bulk::{FrameSealer, Pipeline};
use wasm_bindgen_test::*;

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
        let core = kms_core::envelope::seal_frame(&key, &id, seq, last, data);
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
