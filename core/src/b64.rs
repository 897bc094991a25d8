//! Base64 (RFC 4648, standard alphabet, padded), as the AWS JSON protocol writes blobs.

use alloc::string::String;
use alloc::vec::Vec;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// The AWS JSON protocol's base64: padded when written; when read, padding may be left
/// out (as many tools do), and non-canonical trailing bits are refused, so each blob has
/// one spelling.
const STANDARD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(false),
);

/// Base64url without padding (RFC 4648 §5), for text that travels in a URL.
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Encodes bytes as padded base64.
pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Why a text is not base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Error {
    /// A character outside the alphabet (or `=` where it cannot be), or trailing bits that
    /// make a second spelling of the same bytes.
    InvalidCharacter,
    /// The length or padding is wrong.
    InvalidLength,
}

impl core::fmt::Display for Base64Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Base64Error::InvalidCharacter => "a character that is not base64",
            Base64Error::InvalidLength => "the length or padding is not that of base64",
        })
    }
}

impl core::error::Error for Base64Error {}

fn error(e: base64::DecodeError) -> Base64Error {
    match e {
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidPadding => {
            Base64Error::InvalidLength
        }
        base64::DecodeError::InvalidByte(..) | base64::DecodeError::InvalidLastSymbol { .. } => {
            Base64Error::InvalidCharacter
        }
    }
}

/// Decodes padded base64 (padding may be left out).
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    STANDARD.decode(text).map_err(error)
}

/// Encodes bytes as base64url without padding.
pub fn encode_url(bytes: &[u8]) -> String {
    URL_SAFE.encode(bytes)
}

/// Decodes base64url without padding.
pub fn decode_url(text: &str) -> Result<Vec<u8>, Base64Error> {
    URL_SAFE.decode(text).map_err(error)
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
        assert!(decode("Zg===").is_err());
        assert_eq!(
            decode("Zh=="),
            Err(Base64Error::InvalidCharacter),
            "non-canonical trailing bits"
        );
        assert!(decode("Zm9v Yg==").is_err());
        assert!(decode("Zm9v Yg=").is_err());
        assert!(decode_url("Zm9v+g").is_err(), "base64url has no `+`");
        assert!(decode_url("Zg==").is_err(), "base64url here has no padding");
    }

    #[test]
    fn round_trips_all_lengths() {
        let data: Vec<u8> = (0..=255u8).collect();
        for n in 0..data.len() {
            assert_eq!(decode(&encode(&data[..n])).unwrap(), &data[..n]);
            assert_eq!(decode_url(&encode_url(&data[..n])).unwrap(), &data[..n]);
        }
    }
}
