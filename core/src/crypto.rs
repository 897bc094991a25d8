//! The cryptography of the simulated KMS: AES-256-GCM with the encryption context bound
//! as additional authenticated data, the ciphertext blob format, and the types that hold
//! secrets.
//!
//! # Ciphertext blob, version 1
//! Every field is readable by eye, so learners can take a blob apart
//! (docs/ciphertext-blob.md):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 1 | format version, `0x01` |
//! | 1 | 2 | length *N* of the key ARN, big-endian |
//! | 3 | *N* | the key ARN, UTF-8 |
//! | 3+*N* | 4 | key material version (1 = the key's first material), big-endian |
//! | 7+*N* | 12 | nonce |
//! | 19+*N* | *L* | ciphertext, as long as the plaintext |
//! | 19+*N*+*L* | 16 | GCM authentication tag |
//!
//! The AAD is the header (bytes 0 to 19+*N*) followed by the encryption context in
//! canonical form (pairs sorted by key; a count, then for each pair the key's length and
//! the key, the value's length and the value). Each count and length is 2 bytes,
//! big-endian, when it is below 65,535; a larger one is written as `FF FF` followed by 8
//! bytes. No two contexts have the same canonical form, so changing any byte of the blob,
//! or presenting another context, fails authentication.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit};
use alloc::vec::Vec;
use core::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::context::EncryptionContext;
use crate::entropy::{Entropy, EntropyError};
use crate::ids::KeyArn;

/// The blob format version this simulator writes.
pub const BLOB_VERSION: u8 = 1;
/// Bytes of a nonce.
pub const NONCE_BYTES: usize = 12;
/// Bytes of a GCM tag.
pub const TAG_BYTES: usize = 16;

/// 256 bits of KMS key material. Never printed, zeroized when dropped.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct KeyMaterial([u8; 32]);

impl KeyMaterial {
    /// New random key material.
    pub fn generate(entropy: &mut Entropy) -> Result<KeyMaterial, EntropyError> {
        Ok(KeyMaterial(entropy.array()?))
    }

    /// Key material from bytes (known-answer tests, saved worlds).
    pub fn from_bytes(bytes: [u8; 32]) -> KeyMaterial {
        KeyMaterial(bytes)
    }

    /// The bytes, for saving a world. Handle with care.
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }
}

/// The world is plain data that can be cloned (snapshots, undo, what-if previews); a clone
/// is the same secret inside the same simulated HSM.
impl Clone for KeyMaterial {
    fn clone(&self) -> Self {
        KeyMaterial(self.0)
    }
}

impl PartialEq for KeyMaterial {
    fn eq(&self, other: &Self) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}
impl Eq for KeyMaterial {}

impl fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyMaterial([redacted])")
    }
}

/// Secret bytes that leave the core only where AWS returns them: plaintext data keys
/// (GenerateDataKey) and decrypted plaintext (Decrypt). Never printed; zeroized on drop.
/// A 256-bit data key is a `Secret<[u8; 32]>` from the moment it exists.
#[derive(Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct Secret<T: Zeroize + AsRef<[u8]> = Vec<u8>>(T);

/// A 256-bit data key.
pub type DataKey = Secret<[u8; DATA_KEY_BYTES]>;

/// Bytes of an AES-256 data key.
pub const DATA_KEY_BYTES: usize = 32;

impl<T: Zeroize + AsRef<[u8]>> Secret<T> {
    /// Wraps a secret.
    pub fn new(secret: T) -> Secret<T> {
        Secret(secret)
    }

    /// The secret.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.0.as_ref().len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_empty()
    }
}

/// Secret bytes were not the length a key needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongKeyLength {
    /// How many bytes there were.
    pub got: usize,
}

impl fmt::Display for WrongKeyLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a key of {DATA_KEY_BYTES} bytes was expected, not {}",
            self.got
        )
    }
}

impl core::error::Error for WrongKeyLength {}

impl Secret<Vec<u8>> {
    /// The bytes as a 256-bit key; the bytes themselves are zeroized either way.
    pub fn into_data_key(self) -> Result<DataKey, WrongKeyLength> {
        let got = self.len();
        <[u8; DATA_KEY_BYTES]>::try_from(self.0.as_slice())
            .map(Secret)
            .map_err(|_| WrongKeyLength { got })
    }
}

impl<T: Zeroize + AsRef<[u8]>> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret([redacted; {} bytes])", self.len())
    }
}

/// Decryption failed. Like AES-GCM itself, it does not say why: any changed byte, another
/// key or another encryption context look the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthenticationFailed;

/// AES-GCM refused to encrypt: the message is longer than GCM allows (about 64 GiB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLongForGcm;

impl fmt::Display for TooLongForGcm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the message is longer than AES-GCM can encrypt under one nonce")
    }
}

impl core::error::Error for TooLongForGcm {}

/// AES-256-GCM encryption: returns ciphertext followed by the 16-byte tag.
pub fn aes256_gcm_seal(
    key: &[u8; 32],
    nonce: &[u8; NONCE_BYTES],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, TooLongForGcm> {
    let cipher = Aes256Gcm::new(&(*key).into());
    cipher
        .encrypt(
            &(*nonce).into(),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| TooLongForGcm)
}

/// AES-256-GCM decryption of ciphertext followed by the tag.
pub fn aes256_gcm_open(
    key: &[u8; 32],
    nonce: &[u8; NONCE_BYTES],
    aad: &[u8],
    sealed: &[u8],
) -> Result<Secret, AuthenticationFailed> {
    let cipher = Aes256Gcm::new(&(*key).into());
    cipher
        .decrypt(&(*nonce).into(), Payload { msg: sealed, aad })
        .map(Secret)
        .map_err(|_| AuthenticationFailed)
}

impl fmt::Display for AuthenticationFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the ciphertext does not authenticate")
    }
}

impl core::error::Error for AuthenticationFailed {}

impl core::error::Error for BlobError {}

/// The encryption context in canonical form, as bound into the AAD.
pub fn context_bytes(ctx: &EncryptionContext) -> Vec<u8> {
    let mut out = Vec::new();
    push_len(&mut out, ctx.len());
    for (k, v) in ctx.iter() {
        push_len(&mut out, k.len());
        out.extend_from_slice(k.as_bytes());
        push_len(&mut out, v.len());
        out.extend_from_slice(v.as_bytes());
    }
    out
}

/// Writes a count or length so that no two differ in their bytes and none is cut short:
/// 2 bytes below 65,535, else `FF FF` and 8 bytes.
fn push_len(out: &mut Vec<u8>, n: usize) {
    match u16::try_from(n) {
        Ok(short) if short != u16::MAX => out.extend_from_slice(&short.to_be_bytes()),
        _ => {
            out.extend_from_slice(&u16::MAX.to_be_bytes());
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
}

/// A ciphertext blob, taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CiphertextBlob {
    /// The ARN of the KMS key that encrypted it.
    pub key_arn: KeyArn,
    /// Which of the key's material versions (from 1).
    pub material_version: u32,
    /// The nonce.
    pub nonce: [u8; NONCE_BYTES],
    /// The ciphertext followed by the tag.
    pub sealed: Vec<u8>,
}

/// Why bytes are not a ciphertext blob of this simulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlobError {
    /// Too short to hold a header and a tag.
    TooShort,
    /// The first byte is not a known format version.
    UnknownVersion(u8),
    /// The key ARN is not a key ARN.
    BadKeyArn,
}

impl fmt::Display for BlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BlobError::TooShort => f.write_str("the blob is too short to be a ciphertext"),
            BlobError::UnknownVersion(v) => write!(f, "unknown ciphertext format version {v}"),
            BlobError::BadKeyArn => f.write_str("the key ARN in the blob is not a key ARN"),
        }
    }
}

impl CiphertextBlob {
    /// The header bytes (everything before the ciphertext).
    pub fn header(&self) -> Vec<u8> {
        let arn = self.key_arn.as_str().as_bytes();
        let mut out = Vec::with_capacity(19 + arn.len());
        out.push(BLOB_VERSION);
        push_len(&mut out, arn.len());
        out.extend_from_slice(arn);
        out.extend_from_slice(&self.material_version.to_be_bytes());
        out.extend_from_slice(&self.nonce);
        out
    }

    /// The AAD for this blob and context.
    pub fn aad(&self, ctx: &EncryptionContext) -> Vec<u8> {
        let mut aad = self.header();
        aad.extend_from_slice(&context_bytes(ctx));
        aad
    }

    /// The blob's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.header();
        out.extend_from_slice(&self.sealed);
        out
    }

    /// Takes bytes apart. Checks the layout only; authenticity is checked by [`open`].
    pub fn parse(bytes: &[u8]) -> Result<CiphertextBlob, BlobError> {
        let version = *bytes.first().ok_or(BlobError::TooShort)?;
        if version != BLOB_VERSION {
            return Err(BlobError::UnknownVersion(version));
        }
        let n = usize::from(u16::from_be_bytes([
            *bytes.get(1).ok_or(BlobError::TooShort)?,
            *bytes.get(2).ok_or(BlobError::TooShort)?,
        ]));
        let arn = bytes.get(3..3 + n).ok_or(BlobError::TooShort)?;
        let key_arn = core::str::from_utf8(arn)
            .ok()
            .and_then(|a| KeyArn::parse(a).ok())
            .ok_or(BlobError::BadKeyArn)?;
        let mv = bytes.get(3 + n..7 + n).ok_or(BlobError::TooShort)?;
        let material_version = u32::from_be_bytes([
            mv.first().copied().unwrap_or(0),
            mv.get(1).copied().unwrap_or(0),
            mv.get(2).copied().unwrap_or(0),
            mv.get(3).copied().unwrap_or(0),
        ]);
        let nonce: [u8; NONCE_BYTES] = bytes
            .get(7 + n..19 + n)
            .and_then(|s| s.try_into().ok())
            .ok_or(BlobError::TooShort)?;
        let sealed = bytes.get(19 + n..).ok_or(BlobError::TooShort)?;
        if sealed.len() < TAG_BYTES {
            return Err(BlobError::TooShort);
        }
        Ok(CiphertextBlob {
            key_arn,
            material_version,
            nonce,
            sealed: Vec::from(sealed),
        })
    }

    /// The plaintext length this blob carries.
    pub fn plaintext_len(&self) -> usize {
        self.sealed.len().saturating_sub(TAG_BYTES)
    }
}

/// Why a blob could not be sealed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealError {
    /// No randomness for the nonce.
    Entropy(EntropyError),
    /// The plaintext is longer than AES-GCM allows.
    TooLong(TooLongForGcm),
}

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SealError::Entropy(e) => e.fmt(f),
            SealError::TooLong(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for SealError {}

/// Encrypts `plaintext` under `material` (version `material_version` of key `key_arn`),
/// binding `ctx`. Returns the blob.
pub fn seal(
    material: &KeyMaterial,
    key_arn: &KeyArn,
    material_version: u32,
    ctx: &EncryptionContext,
    plaintext: &[u8],
    entropy: &mut Entropy,
) -> Result<CiphertextBlob, SealError> {
    let mut blob = CiphertextBlob {
        key_arn: key_arn.clone(),
        material_version,
        nonce: entropy.array().map_err(SealError::Entropy)?,
        sealed: Vec::new(),
    };
    blob.sealed = aes256_gcm_seal(material.expose(), &blob.nonce, &blob.aad(ctx), plaintext)
        .map_err(SealError::TooLong)?;
    Ok(blob)
}

/// Decrypts a blob with the key material it names, checking `ctx`.
pub fn open(
    material: &KeyMaterial,
    blob: &CiphertextBlob,
    ctx: &EncryptionContext,
) -> Result<Secret, AuthenticationFailed> {
    aes256_gcm_open(material.expose(), &blob.nonce, &blob.aad(ctx), &blob.sealed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Test cases 13–16 of the GCM specification (NIST SP 800-38D's source), AES-256.
    #[test]
    fn gcm_specification_test_vectors() {
        let k15 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
        let p15 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
        let c15 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
        let cases: [(&str, &str, &str, &str, &str, &str); 4] = [
            (
                &"00".repeat(32),
                &"00".repeat(12),
                "",
                "",
                "",
                "530f8afbc74536b9a963b4f1c4cb738b",
            ),
            (
                &"00".repeat(32),
                &"00".repeat(12),
                "",
                &"00".repeat(16),
                "cea7403d4d606b6e074ec5d3baf39d18",
                "d0d1c8a799996bf0265b98b5d48ab919",
            ),
            (
                k15,
                "cafebabefacedbaddecaf888",
                "",
                p15,
                c15,
                "b094dac5d93471bdec1a502270e3cc6c",
            ),
            (
                k15,
                "cafebabefacedbaddecaf888",
                "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                &p15[..120],
                &c15[..120],
                "76fc6ece0f4e1768cddf8853bb2d551b",
            ),
        ];
        for (k, n, a, p, c, t) in cases {
            let key: [u8; 32] = hex(k).try_into().unwrap();
            let nonce: [u8; 12] = hex(n).try_into().unwrap();
            let sealed = aes256_gcm_seal(&key, &nonce, &hex(a), &hex(p)).unwrap();
            assert_eq!(sealed, hex(&format!("{c}{t}")));
            assert_eq!(
                *aes256_gcm_open(&key, &nonce, &hex(a), &sealed)
                    .unwrap()
                    .expose(),
                hex(p)
            );
            let mut bad = sealed.clone();
            *bad.last_mut().unwrap() ^= 1;
            assert_eq!(
                aes256_gcm_open(&key, &nonce, &hex(a), &bad),
                Err(AuthenticationFailed)
            );
        }
    }

    #[test]
    fn blobs_round_trip_and_bind_everything() {
        let mut e = Entropy::seeded(1);
        let m = KeyMaterial::generate(&mut e).unwrap();
        let arn = KeyArn::parse(
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        )
        .unwrap();
        let ctx: EncryptionContext = [("app", "demo")].into_iter().collect();
        let blob = seal(&m, &arn, 1, &ctx, b"hello", &mut e).unwrap();
        let bytes = blob.to_bytes();
        assert_eq!(bytes.len(), 19 + arn.as_str().len() + 5 + 16);
        assert_eq!(bytes[0], 1);
        let parsed = CiphertextBlob::parse(&bytes).unwrap();
        assert_eq!(parsed, blob);
        assert_eq!(parsed.plaintext_len(), 5);
        assert_eq!(open(&m, &parsed, &ctx).unwrap().expose(), b"hello");
        assert!(open(&m, &parsed, &EncryptionContext::new()).is_err());
        // Every single-byte change is detected (or refused as malformed).
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            if let Ok(p) = CiphertextBlob::parse(&b) {
                assert!(open(&m, &p, &ctx).is_err(), "byte {i}");
            }
        }
        assert_eq!(CiphertextBlob::parse(&[]), Err(BlobError::TooShort));
        assert_eq!(
            CiphertextBlob::parse(&[2, 0, 0]),
            Err(BlobError::UnknownVersion(2))
        );
        assert_eq!(
            CiphertextBlob::parse(&bytes[..bytes.len() - 6]).map(|b| b.plaintext_len()),
            Err(BlobError::TooShort)
        );
    }

    #[test]
    fn the_reported_context_collision_no_longer_opens() {
        use alloc::string::String;
        // Issue 12's reproducer: with lengths saturating at u16::MAX, these two contexts
        // had the same canonical form, so one opened the other's ciphertext.
        let k = "k".repeat(65535);
        let a: EncryptionContext = [(alloc::format!("{k}\u{0}\u{5}xy"), String::from("z"))]
            .into_iter()
            .collect();
        let b: EncryptionContext = [(k.clone(), String::from("xy\u{0}\u{1}z"))]
            .into_iter()
            .collect();
        assert_ne!(context_bytes(&a), context_bytes(&b));
        let mut e = Entropy::seeded(9);
        let m = KeyMaterial::generate(&mut e).unwrap();
        let arn = KeyArn::parse(
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        )
        .unwrap();
        let blob = seal(&m, &arn, 1, &a, b"secret", &mut e).unwrap();
        assert!(open(&m, &blob, &a).is_ok());
        assert_eq!(open(&m, &blob, &b), Err(AuthenticationFailed));
    }

    #[test]
    fn lengths_are_written_so_no_two_differ_only_in_how_they_are_cut() {
        for (n, want) in [
            (0usize, alloc::vec![0u8, 0]),
            (65534, alloc::vec![0xff, 0xfe]),
            (65535, alloc::vec![0xff, 0xff, 0, 0, 0, 0, 0, 0, 0xff, 0xff]),
            (65536, alloc::vec![0xff, 0xff, 0, 0, 0, 0, 0, 1, 0, 0]),
        ] {
            let mut out = Vec::new();
            push_len(&mut out, n);
            assert_eq!(out, want, "{n}");
        }
    }

    #[test]
    fn secrets_never_print() {
        let m = KeyMaterial::from_bytes([7; 32]);
        assert_eq!(format!("{m:?}"), "KeyMaterial([redacted])");
        let s = Secret::new(alloc::vec![1, 2, 3]);
        assert_eq!(format!("{s:?}"), "Secret([redacted; 3 bytes])");
        fn zeroize_on_drop<T: ZeroizeOnDrop>() {}
        zeroize_on_drop::<KeyMaterial>();
        zeroize_on_drop::<Secret>();
    }
}
