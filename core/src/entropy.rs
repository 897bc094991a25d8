//! Randomness of the world: seeded (deterministic replays and tests) or the platform's.
//!
//! A seeded world draws from a ChaCha20 keystream (`chacha20`'s `ChaCha20Rng`, seeded with
//! `SeedableRng::seed_from_u64`), so the same scenario and seed give the same key IDs, key
//! material, data keys and nonces, byte for byte. The stream's position is plain data (a
//! count of 32-bit words), so a world can be cloned, compared and saved. An unseeded world
//! asks the platform (`getrandom`: the OS natively, `crypto.getRandomValues` in the
//! browser) when the `platform-rng` feature is on; without it there is no platform source
//! and drawing from it fails with [`EntropyError`].

use chacha20::ChaCha20Rng;
use chacha20::rand_core::{Rng, SeedableRng};
use core::fmt;

/// Where the world's random bytes come from.
#[derive(Clone, PartialEq, Eq)]
pub enum Entropy {
    /// A deterministic ChaCha20 stream.
    Seeded {
        /// The seed, as given.
        seed: u64,
        /// How far into the stream the world has drawn, in 32-bit words.
        position: u128,
    },
    /// The platform's random source.
    Platform,
}

impl fmt::Debug for Entropy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entropy::Seeded { seed, position } => {
                write!(f, "Seeded {{ seed: {seed}, position: {position} }}")
            }
            Entropy::Platform => f.write_str("Platform"),
        }
    }
}

/// No random bytes could be had: the platform's source failed, or this build has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntropyError;

impl fmt::Display for EntropyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no random bytes could be had from the platform")
    }
}

impl core::error::Error for EntropyError {}

impl Entropy {
    /// A deterministic source from `seed`, at the start of its stream.
    pub fn seeded(seed: u64) -> Entropy {
        Entropy::Seeded { seed, position: 0 }
    }

    /// Fills `out` with random bytes.
    pub fn fill(&mut self, out: &mut [u8]) -> Result<(), EntropyError> {
        match self {
            Entropy::Platform => platform_fill(out),
            Entropy::Seeded { seed, position } => {
                let mut rng = ChaCha20Rng::seed_from_u64(*seed);
                rng.set_word_pos(*position);
                rng.fill_bytes(out);
                *position = rng.get_word_pos();
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

#[cfg(feature = "platform-rng")]
fn platform_fill(out: &mut [u8]) -> Result<(), EntropyError> {
    getrandom::fill(out).map_err(|_| EntropyError)
}

#[cfg(not(feature = "platform-rng"))]
fn platform_fill(_: &mut [u8]) -> Result<(), EntropyError> {
    Err(EntropyError)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_streams_are_chacha20_from_the_seed() {
        // The same bytes as drawing from ChaCha20Rng directly, so a seed means what the
        // crate documents, not a private scheme of ours.
        let mut e = Entropy::seeded(7);
        let mut direct = ChaCha20Rng::seed_from_u64(7);
        let mut want = [0u8; 100];
        direct.fill_bytes(&mut want);
        let mut got = [0u8; 100];
        e.fill(&mut got[..40]).unwrap();
        e.fill(&mut got[40..]).unwrap();
        assert_eq!(got, want);
        assert_eq!(
            e,
            Entropy::Seeded {
                seed: 7,
                position: 25
            }
        );
    }

    #[test]
    fn seeded_entropy_is_deterministic_and_seed_dependent() {
        let (mut a, mut b, mut c) = (Entropy::seeded(7), Entropy::seeded(7), Entropy::seeded(8));
        let x: [u8; 40] = a.array().unwrap();
        assert_eq!(x, b.array::<40>().unwrap());
        assert_ne!(x, c.array::<40>().unwrap());
        assert_ne!(x, a.array::<40>().unwrap(), "the stream moves on");
        // A clone taken mid-stream goes on exactly where the original does.
        let mut d = a.clone();
        assert_eq!(a.array::<33>().unwrap(), d.array::<33>().unwrap());
    }

    #[cfg(feature = "platform-rng")]
    #[test]
    fn platform_entropy_works() {
        let mut p = Entropy::Platform;
        let a: [u8; 32] = p.array().unwrap();
        let b: [u8; 32] = p.array().unwrap();
        assert_ne!(a, b);
    }

    #[cfg(not(feature = "platform-rng"))]
    #[test]
    fn without_a_platform_source_drawing_fails_cleanly() {
        assert_eq!(Entropy::Platform.array::<4>(), Err(EntropyError));
    }
}
