//! Tests of the framed envelope format.

use super::*;
use alloc::vec;

const KEY: [u8; 32] = [7; 32];
const ID: [u8; 16] = [9; 16];

fn header(frame_size: u32) -> Header {
    let ctx: EncryptionContext = [("file", "a.bin"), ("user", "alice")].into_iter().collect();
    Header::new(&KEY, vec![1, 2, 3, 4, 5], ctx, frame_size, ID, [3; 12]).unwrap()
}

fn encrypt(data: &[u8], frame_size: u32, chunk: usize) -> Vec<u8> {
    let (mut e, mut out) = Encryptor::new(&header(frame_size), &KEY).unwrap();
    for c in data.chunks(chunk.max(1)) {
        out.extend(e.push(c).unwrap());
        assert!(e.pending.len() <= e.frame_size, "bounded memory");
    }
    out.extend(e.finish().unwrap());
    out
}

fn decrypt(msg: &[u8], chunk: usize) -> Result<Vec<u8>, EnvelopeError> {
    let (h, used) = Header::parse(msg)?.ok_or(EnvelopeError::Truncated)?;
    let mut d = Decryptor::new(&h, &KEY)?;
    let mut out = Vec::new();
    for c in msg.get(used..).unwrap_or_default().chunks(chunk.max(1)) {
        out.extend(d.push(c)?);
        assert!(d.pending.len() <= d.frame_size + FRAME_HEADER_BYTES + TAG_BYTES + chunk);
    }
    d.finish()?;
    Ok(out)
}

#[test]
fn round_trips_across_frame_boundaries() {
    let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
    for fs in [1u32, 16, 100, 4096] {
        for len in [0usize, 1, 15, 16, 17, 99, 100, 101, 200, 4096, 10_000] {
            for chunk in [1usize, 7, 100, 5000] {
                let msg = encrypt(&data[..len], fs, chunk);
                assert_eq!(
                    decrypt(&msg, chunk.max(3)).unwrap(),
                    &data[..len],
                    "fs {fs} len {len} chunk {chunk}"
                );
            }
        }
    }
}

#[test]
fn the_layout_is_as_documented() {
    let msg = encrypt(b"hello", 4, 100);
    let (h, used) = Header::parse(&msg).unwrap().unwrap();
    assert_eq!(&msg[..4], b"KPE1");
    assert_eq!(h.frame_size, 4);
    assert_eq!(h.context.get("user"), Some("alice"));
    // Frames: 4 bytes (not final), then 1 byte (final).
    let frames = &msg[used..];
    assert_eq!(frames.len(), (9 + 4 + 16) + (9 + 1 + 16));
    assert_eq!(&frames[..9], &frame_header(0, false, 4));
    assert_eq!(&frames[29..38], &frame_header(1, true, 1));
    // An exact multiple ends with an empty final frame.
    let msg = encrypt(b"abcdefgh", 4, 100);
    assert_eq!(msg.len() - used, 2 * (9 + 4 + 16) + (9 + 16));
    // The frames are the core's AES-GCM with the documented nonce and AAD.
    let f0 = seal_frame(&KEY, &ID, 0, false, b"abcd").unwrap();
    assert_eq!(&msg[used..used + f0.len()], f0.as_slice());
    assert_eq!(frame_nonce(258), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
}

#[test]
fn every_tamper_is_rejected() {
    let data: Vec<u8> = (0..40u8).collect();
    let msg = encrypt(&data, 16, 100);
    let (_, used) = Header::parse(&msg).unwrap().unwrap();
    // Any single bit flipped anywhere.
    for i in 0..msg.len() {
        let mut m = msg.clone();
        m[i] ^= 0x04;
        assert!(decrypt(&m, 1000).is_err(), "flip at {i}");
    }
    // Any truncation.
    for cut in 0..msg.len() {
        assert!(decrypt(&msg[..cut], 1000).is_err(), "cut at {cut}");
    }
    // Frames swapped, repeated or dropped.
    let frame = 9 + 16 + 16;
    let (f0, f1) = (used..used + frame, used + frame..used + 2 * frame);
    let mut swapped = msg[..used].to_vec();
    swapped.extend_from_slice(&msg[f1.clone()]);
    swapped.extend_from_slice(&msg[f0.clone()]);
    swapped.extend_from_slice(&msg[used + 2 * frame..]);
    assert_eq!(decrypt(&swapped, 1000), Err(EnvelopeError::BadFrameOrder));
    let mut dropped = msg[..used].to_vec();
    dropped.extend_from_slice(&msg[f1.clone()]);
    dropped.extend_from_slice(&msg[used + 2 * frame..]);
    assert_eq!(decrypt(&dropped, 1000), Err(EnvelopeError::BadFrameOrder));
    // A frame spliced in from another message (same data key, another message ID).
    let other = {
        let h = Header::new(
            &KEY,
            vec![1, 2, 3, 4, 5],
            header(16).context,
            16,
            [8; 16],
            [3; 12],
        )
        .unwrap();
        let (mut e, mut out) = Encryptor::new(&h, &KEY).unwrap();
        out.extend(e.push(&data).unwrap());
        out.extend(e.finish().unwrap());
        out
    };
    let mut spliced = msg[..used].to_vec();
    spliced.extend_from_slice(&other[used..used + frame]);
    spliced.extend_from_slice(&msg[f1]);
    spliced.extend_from_slice(&msg[used + 2 * frame..]);
    assert_eq!(decrypt(&spliced, 1000), Err(EnvelopeError::Tampered));
    // Bytes after the final frame.
    let mut extra = msg.clone();
    extra.push(0);
    assert!(decrypt(&extra, 1000).is_err());
    // The wrong data key.
    let (h, _) = Header::parse(&msg).unwrap().unwrap();
    assert_eq!(
        Decryptor::new(&h, &[8; 32]).err(),
        Some(EnvelopeError::Tampered)
    );
    // Not an envelope at all.
    assert_eq!(
        Header::parse(b"NOPE........").err(),
        Some(EnvelopeError::NotAnEnvelope)
    );
    assert_eq!(Header::parse(b"KP"), Ok(None));
}

#[test]
fn a_large_stream_in_bounded_memory() {
    let fs = 64 * 1024;
    let h = header(fs);
    let (mut e, header_bytes) = Encryptor::new(&h, &KEY).unwrap();
    let mut d = Decryptor::new(&Header::parse(&header_bytes).unwrap().unwrap().0, &KEY).unwrap();
    let chunk: Vec<u8> = (0..100_003u32).map(|i| i as u8).collect();
    let mut total = 0usize;
    for _ in 0..40 {
        let frames = e.push(&chunk).unwrap();
        assert!(e.pending.len() <= fs as usize);
        total += d.push(&frames).unwrap().len();
        assert!(d.pending.len() < fs as usize + 64);
    }
    total += d.push(&e.finish().unwrap()).unwrap().len();
    d.finish().unwrap();
    assert_eq!(total, 40 * 100_003);
}
