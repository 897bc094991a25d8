//! Fuzzes the envelope decoders: any bytes as a KPE1 message — the header read, the frames
//! fed in chunks of any size — give a plaintext or an `EnvelopeError`, never a panic, in
//! memory bounded by the frame size; and a message made by the encryptor always opens.
#![no_main]

use kms_core::context::EncryptionContext;
use kms_core::envelope::{Decryptor, Encryptor, Header, MAX_FRAME_SIZE};
use libfuzzer_sys::fuzz_target;

const KEY: [u8; 32] = [7; 32];

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, rest)) = data.split_first() else { return };
    let chunk = usize::from(chunk).max(1);
    // Any bytes as a message.
    if let Ok(Some((header, used))) = Header::parse(rest) {
        assert!(used <= rest.len());
        assert!(header.frame_size <= MAX_FRAME_SIZE);
        if let Ok(mut d) = Decryptor::new(&header, &KEY) {
            let mut ok = true;
            for piece in rest.get(used..).unwrap_or_default().chunks(chunk) {
                if d.push(piece).is_err() {
                    ok = false;
                    break;
                }
            }
            if ok {
                let _ = d.finish();
            }
        }
    }
    // Any bytes as a plaintext: sealed and opened again, in any chunking.
    let frame = u32::from(data.first().copied().unwrap_or(1)).max(1);
    let ctx: EncryptionContext = [("fuzz", "1")].into_iter().collect();
    let header = Header::new(&KEY, vec![1, 2, 3], ctx, frame, [3; 16], [4; 12]).expect("a header");
    let (mut e, mut message) = Encryptor::new(&header, &KEY).expect("an encryptor");
    for piece in rest.chunks(chunk) {
        message.extend(e.push(piece).expect("a frame"));
    }
    message.extend(e.finish().expect("the final frame"));
    let (h, used) = Header::parse(&message).expect("reads").expect("whole");
    let mut d = Decryptor::new(&h, &KEY).expect("verifies");
    let mut plain = Vec::new();
    for piece in message[used..].chunks(chunk) {
        plain.extend(d.push(piece).expect("opens"));
    }
    d.finish().expect("ends");
    assert_eq!(plain, rest);
});
