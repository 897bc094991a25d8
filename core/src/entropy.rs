//! Randomness of the world: seeded (deterministic replays and tests) or the platform's.
//!
//! A seeded world draws from a ChaCha20 keystream keyed by the seed, so the same scenario
//! and seed give the same key IDs, key material, data keys and nonces, byte for byte. An
//! unseeded world asks the platform (`getrandom`: the OS natively, `crypto.getRandomValues`
//! in the browser).

use core::fmt;

/// Where the world's random bytes come from.
#[derive(Clone, PartialEq, Eq)]
pub enum Entropy {
    /// A deterministic ChaCha20 stream.
    Seeded {
        /// The seed, as given.
        seed: u64,
        /// How many 64-byte blocks have been used.
        blocks: u64,
    },
    /// The platform's random source.
    Platform,
}

impl fmt::Debug for Entropy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entropy::Seeded { seed, blocks } => {
                write!(f, "Seeded {{ seed: {seed}, blocks: {blocks} }}")
            }
            Entropy::Platform => f.write_str("Platform"),
        }
    }
}

/// The platform could not give random bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntropyError;

impl fmt::Display for EntropyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the platform's random source failed")
    }
}

impl Entropy {
    /// A deterministic source from `seed`.
    pub fn seeded(seed: u64) -> Entropy {
        Entropy::Seeded { seed, blocks: 0 }
    }

    /// Fills `out` with random bytes. Each call starts a fresh 64-byte block, so the bytes a
    /// call gets depend only on the seed and the calls before it.
    pub fn fill(&mut self, out: &mut [u8]) -> Result<(), EntropyError> {
        match self {
            Entropy::Platform => getrandom::fill(out).map_err(|_| EntropyError),
            Entropy::Seeded { seed, blocks } => {
                let mut key = [0u8; 32];
                for (i, chunk) in key.chunks_exact_mut(8).enumerate() {
                    // Spread the 64-bit seed over the key; each word differs.
                    let word = seed
                        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                        .rotate_left(i as u32 * 16)
                        ^ (i as u64);
                    chunk.copy_from_slice(&word.to_le_bytes());
                }
                for chunk in out.chunks_mut(64) {
                    let block = chacha20_block(&key, *blocks, [0; 2]);
                    *blocks = blocks.wrapping_add(1);
                    for (o, b) in chunk.iter_mut().zip(block.iter()) {
                        *o = *b;
                    }
                }
                Ok(())
            }
        }
    }

    /// `N` random bytes.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], EntropyError> {
        let mut out = [0u8; N];
        self.fill(&mut out)?;
        Ok(out)
    }
}

macro_rules! qr {
    ($s:ident, $a:literal, $b:literal, $c:literal, $d:literal) => {
        $s[$a] = $s[$a].wrapping_add($s[$b]);
        $s[$d] = ($s[$d] ^ $s[$a]).rotate_left(16);
        $s[$c] = $s[$c].wrapping_add($s[$d]);
        $s[$b] = ($s[$b] ^ $s[$c]).rotate_left(12);
        $s[$a] = $s[$a].wrapping_add($s[$b]);
        $s[$d] = ($s[$d] ^ $s[$a]).rotate_left(8);
        $s[$c] = $s[$c].wrapping_add($s[$d]);
        $s[$b] = ($s[$b] ^ $s[$c]).rotate_left(7);
    };
}

/// One ChaCha20 block (RFC 8439 §2.3) with a 64-bit block counter in words 12–13 and a
/// 64-bit nonce in words 14–15.
fn chacha20_block(key: &[u8; 32], counter: u64, nonce: [u32; 2]) -> [u8; 64] {
    let mut init = [0u32; 16];
    let consts = [0x6170_7865u32, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];
    for (dst, c) in init.iter_mut().zip(consts) {
        *dst = c;
    }
    for (dst, k) in init.iter_mut().skip(4).zip(key.chunks_exact(4)) {
        *dst = u32::from_le_bytes([
            k.first().copied().unwrap_or(0),
            k.get(1).copied().unwrap_or(0),
            k.get(2).copied().unwrap_or(0),
            k.get(3).copied().unwrap_or(0),
        ]);
    }
    let tail = [counter as u32, (counter >> 32) as u32, nonce[0], nonce[1]];
    for (dst, t) in init.iter_mut().skip(12).zip(tail) {
        *dst = t;
    }
    let mut s = init;
    for _ in 0..10 {
        qr!(s, 0, 4, 8, 12);
        qr!(s, 1, 5, 9, 13);
        qr!(s, 2, 6, 10, 14);
        qr!(s, 3, 7, 11, 15);
        qr!(s, 0, 5, 10, 15);
        qr!(s, 1, 6, 11, 12);
        qr!(s, 2, 7, 8, 13);
        qr!(s, 3, 4, 9, 14);
    }
    let mut out = [0u8; 64];
    for ((chunk, w), i) in out.chunks_exact_mut(4).zip(s).zip(init) {
        chunk.copy_from_slice(&w.wrapping_add(i).to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chacha20_matches_rfc_8439_block_test_vector() {
        // RFC 8439 §2.3.2: key 00..1f, nonce 000000090000004a00000000, counter 1. With the
        // original 64-bit counter layout, words 12–15 are (1, 0x09000000, 0x4a000000, 0).
        let key: [u8; 32] = core::array::from_fn(|i| i as u8);
        let counter = 1u64 | (0x0900_0000u64 << 32);
        let block = chacha20_block(&key, counter, [0x4a00_0000, 0]);
        let expected_start = [
            0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20,
            0x71, 0xc4,
        ];
        let expected_end = [
            0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50,
            0x3c, 0x4e,
        ];
        assert_eq!(block[..16], expected_start);
        assert_eq!(block[48..], expected_end);
    }

    #[test]
    fn seeded_entropy_is_deterministic_and_seed_dependent() {
        let (mut a, mut b, mut c) = (Entropy::seeded(7), Entropy::seeded(7), Entropy::seeded(8));
        let x: [u8; 40] = a.array().unwrap();
        assert_eq!(x, b.array::<40>().unwrap());
        assert_ne!(x, c.array::<40>().unwrap());
        assert_ne!(x, a.array::<40>().unwrap(), "the stream moves on");
        assert_eq!(a, Entropy::Seeded { seed: 7, blocks: 2 });
        let mut big = [0u8; 130];
        a.fill(&mut big).unwrap();
        assert_eq!(a, Entropy::Seeded { seed: 7, blocks: 5 });
    }

    #[test]
    fn platform_entropy_works() {
        let mut p = Entropy::Platform;
        let a: [u8; 32] = p.array().unwrap();
        let b: [u8; 32] = p.array().unwrap();
        assert_ne!(a, b);
    }
}
