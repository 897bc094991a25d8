//! Base64 (RFC 4648, standard alphabet, padded), as the AWS JSON protocol writes blobs.

use alloc::string::String;
use alloc::vec::Vec;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes bytes as padded base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let idx = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(char::from(ALPHABET.get(idx).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Why a text is not base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Error {
    /// A character outside `A–Z a–z 0–9 + /` (and `=` at the end).
    InvalidCharacter,
    /// The length or padding is wrong.
    InvalidLength,
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Decodes padded base64 (padding may be left out, as many tools do).
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let t = text.trim_end_matches('=');
    if text.len() - t.len() > 2
        || (text.len() != t.len() && !text.len().is_multiple_of(4))
        || t.len() % 4 == 1
    {
        return Err(Base64Error::InvalidLength);
    }
    let mut out = Vec::with_capacity(t.len() / 4 * 3 + 2);
    for chunk in t.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c).ok_or(Base64Error::InvalidCharacter)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend(bytes.iter().skip(1).take(chunk.len() - 1));
        // Non-canonical trailing bits are refused, so each blob has one spelling.
        let mask = (1u32 << (24 - 8 * (chunk.len() - 1))) - 1;
        if chunk.len() < 4 && n & mask != 0 {
            return Err(Base64Error::InvalidCharacter);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(raw.as_bytes()), enc);
            assert_eq!(decode(enc).unwrap(), raw.as_bytes());
        }
        assert_eq!(decode("Zg").unwrap(), b"f");
        assert_eq!(decode("aGVsbG8=").unwrap(), b"hello");
    }

    #[test]
    fn bad_input_is_refused() {
        assert_eq!(decode("Zm9!"), Err(Base64Error::InvalidCharacter));
        assert_eq!(decode("Z"), Err(Base64Error::InvalidLength));
        assert_eq!(decode("Zg==="), Err(Base64Error::InvalidLength));
        assert_eq!(
            decode("Zh=="),
            Err(Base64Error::InvalidCharacter),
            "non-canonical trailing bits"
        );
        assert!(decode("Zm9v Yg==").is_err());
        assert_eq!(decode("Zm9v Yg="), Err(Base64Error::InvalidCharacter));
    }

    #[test]
    fn round_trips_all_lengths() {
        let data: Vec<u8> = (0..=255u8).collect();
        for n in 0..data.len() {
            assert_eq!(decode(&encode(&data[..n])).unwrap(), &data[..n]);
        }
    }
}
