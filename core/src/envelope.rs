//! Envelope encryption of data of any size: a documented framed format
//! (docs/envelope-format.md), streamed in bounded memory.
//!
//! A message is a header — the data key encrypted under a KMS key, the encryption context,
//! the frame size and a random message ID, authenticated with the data key — followed by
//! frames of `frame_size` bytes, each sealed with AES-256-GCM under the data key. A frame's
//! nonce is its sequence number; its AAD binds the message ID, the sequence number, whether
//! it is the last frame and its length. So a dropped, reordered, repeated or spliced frame,
//! a truncated message and an edited header are all detected. Every message ends with a
//! final frame (possibly empty).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::context::EncryptionContext;
use crate::crypto::{self, AuthenticationFailed, DataKey, NONCE_BYTES, Secret, TAG_BYTES};

/// The first bytes of every message.
pub const MAGIC: &[u8; 4] = b"KPE1";
/// The format version.
pub const VERSION: u8 = 1;
/// AES-256-GCM.
pub const ALGORITHM_AES_256_GCM: u8 = 1;
/// The default frame size (64 KiB).
pub const DEFAULT_FRAME_SIZE: u32 = 64 * 1024;
/// The largest frame size accepted (16 MiB), which bounds the memory a reader needs.
pub const MAX_FRAME_SIZE: u32 = 16 * 1024 * 1024;
/// Bytes before a frame's ciphertext: sequence number (4), final flag (1), length (4).
pub const FRAME_HEADER_BYTES: usize = 9;

/// Why a message cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Not an envelope of this format (magic, version or algorithm).
    NotAnEnvelope,
    /// The header is cut short or its fields are out of range.
    MalformedHeader,
    /// The header or a frame failed authentication (edited, or the wrong data key).
    Tampered,
    /// Frames are missing, out of order, or follow the final frame.
    BadFrameOrder,
    /// The message ends before its final frame.
    Truncated,
    /// A header field is too large to be written (an encrypted data key over 65,535
    /// bytes, a context over 4 GiB).
    TooLarge,
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EnvelopeError::NotAnEnvelope => "not an envelope-encrypted message of this format",
            EnvelopeError::MalformedHeader => "the message header is malformed",
            EnvelopeError::Tampered => "the message was altered (or the data key is not its key)",
            EnvelopeError::BadFrameOrder => {
                "frames are missing, out of order, or follow the final frame"
            }
            EnvelopeError::Truncated => "the message is truncated: its final frame is missing",
            EnvelopeError::TooLarge => {
                "the encrypted data key or the encryption context is too large for the header"
            }
        })
    }
}

impl core::error::Error for EnvelopeError {}

impl From<crypto::TooLongForGcm> for EnvelopeError {
    fn from(_: crypto::TooLongForGcm) -> Self {
        EnvelopeError::TooLarge
    }
}

impl From<AuthenticationFailed> for EnvelopeError {
    fn from(_: AuthenticationFailed) -> Self {
        EnvelopeError::Tampered
    }
}

/// A message header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The frame size.
    pub frame_size: u32,
    /// A random message ID.
    pub message_id: [u8; 16],
    /// The data key, encrypted under the KMS key (a KMS ciphertext blob).
    pub encrypted_data_key: Vec<u8>,
    /// The encryption context (also bound to the encrypted data key).
    pub context: EncryptionContext,
    /// The header's own nonce.
    pub nonce: [u8; NONCE_BYTES],
    /// The header's authentication tag.
    pub tag: [u8; TAG_BYTES],
}

impl Header {
    /// The authenticated part of the header. Its length fields are exact: a field too
    /// large for its length is refused, never cut.
    fn body(&self) -> Result<Vec<u8>, EnvelopeError> {
        let ctx = crypto::context_bytes(&self.context);
        let key_len =
            u16::try_from(self.encrypted_data_key.len()).map_err(|_| EnvelopeError::TooLarge)?;
        let ctx_len = u32::try_from(ctx.len()).map_err(|_| EnvelopeError::TooLarge)?;
        let mut out = Vec::with_capacity(32 + self.encrypted_data_key.len() + ctx.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(ALGORITHM_AES_256_GCM);
        out.extend_from_slice(&self.frame_size.to_be_bytes());
        out.extend_from_slice(&self.message_id);
        out.extend_from_slice(&key_len.to_be_bytes());
        out.extend_from_slice(&self.encrypted_data_key);
        out.extend_from_slice(&ctx_len.to_be_bytes());
        out.extend_from_slice(&ctx);
        Ok(out)
    }

    /// Builds and authenticates a header with the plaintext data key.
    pub fn new(
        data_key: &[u8; 32],
        encrypted_data_key: Vec<u8>,
        context: EncryptionContext,
        frame_size: u32,
        message_id: [u8; 16],
        nonce: [u8; NONCE_BYTES],
    ) -> Result<Header, EnvelopeError> {
        let mut h = Header {
            frame_size: frame_size.clamp(1, MAX_FRAME_SIZE),
            message_id,
            encrypted_data_key,
            context,
            nonce,
            tag: [0; TAG_BYTES],
        };
        let sealed = crypto::aes256_gcm_seal(data_key, &nonce, &h.body()?, &[])?;
        h.tag =
            <[u8; TAG_BYTES]>::try_from(sealed.as_slice()).map_err(|_| EnvelopeError::Tampered)?;
        Ok(h)
    }

    /// The header's bytes. A header made by [`Header::new`] or read by [`Header::parse`]
    /// always has them; one whose fields were made too large afterwards has none.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EnvelopeError> {
        let mut out = self.body()?;
        out.extend_from_slice(&self.nonce);
        out.extend_from_slice(&self.tag);
        Ok(out)
    }

    /// Reads a header from the start of `bytes`; returns it and how many bytes it took.
    /// `Ok(None)`: more bytes are needed.
    pub fn parse(bytes: &[u8]) -> Result<Option<(Header, usize)>, EnvelopeError> {
        let take = |at: usize, n: usize| bytes.get(at..at + n);
        let Some(magic) = take(0, 4) else {
            return Ok(None);
        };
        if magic != MAGIC {
            return Err(EnvelopeError::NotAnEnvelope);
        }
        let Some(&[version, algorithm]) = take(4, 2) else {
            return Ok(None);
        };
        if version != VERSION || algorithm != ALGORITHM_AES_256_GCM {
            return Err(EnvelopeError::NotAnEnvelope);
        }
        let Some(frame_size) = be32(bytes, 6) else {
            return Ok(None);
        };
        if frame_size == 0 || frame_size > MAX_FRAME_SIZE {
            return Err(EnvelopeError::MalformedHeader);
        }
        let Some(id) = take(10, 16) else {
            return Ok(None);
        };
        let message_id: [u8; 16] = id.try_into().map_err(|_| EnvelopeError::MalformedHeader)?;
        let Some(key_len) = be16(bytes, 26) else {
            return Ok(None);
        };
        let Some(key) = take(28, key_len) else {
            return Ok(None);
        };
        let at = 28 + key_len;
        let Some(ctx_len) = be32(bytes, at).map(|n| n as usize) else {
            return Ok(None);
        };
        if ctx_len > 1 << 20 {
            return Err(EnvelopeError::MalformedHeader);
        }
        let Some(ctx_bytes) = take(at + 4, ctx_len) else {
            return Ok(None);
        };
        let context = parse_context(ctx_bytes).ok_or(EnvelopeError::MalformedHeader)?;
        let at = at + 4 + ctx_len;
        let Some(n) = take(at, NONCE_BYTES) else {
            return Ok(None);
        };
        let Some(t) = take(at + NONCE_BYTES, TAG_BYTES) else {
            return Ok(None);
        };
        let header = Header {
            frame_size,
            message_id,
            encrypted_data_key: Vec::from(key),
            context,
            nonce: n.try_into().map_err(|_| EnvelopeError::MalformedHeader)?,
            tag: t.try_into().map_err(|_| EnvelopeError::MalformedHeader)?,
        };
        // Canonical context encoding only: re-encoding must give the same bytes.
        if crypto::context_bytes(&header.context) != ctx_bytes {
            return Err(EnvelopeError::MalformedHeader);
        }
        Ok(Some((header, at + NONCE_BYTES + TAG_BYTES)))
    }

    /// Checks the header's tag with the plaintext data key.
    pub fn verify(&self, data_key: &[u8; 32]) -> Result<(), EnvelopeError> {
        crypto::aes256_gcm_open(data_key, &self.nonce, &self.body()?, &self.tag)?;
        Ok(())
    }
}

fn be16(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 2)?;
    Some(usize::from(u16::from_be_bytes(s.try_into().ok()?)))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_be_bytes(s.try_into().ok()?))
}

fn parse_context(b: &[u8]) -> Option<EncryptionContext> {
    let mut at = 0usize;
    let count = be16(b, at)?;
    at += 2;
    let mut ctx = EncryptionContext::new();
    for _ in 0..count {
        let kl = be16(b, at)?;
        let k = String::from(core::str::from_utf8(b.get(at + 2..at + 2 + kl)?).ok()?);
        at += 2 + kl;
        let vl = be16(b, at)?;
        let v = String::from(core::str::from_utf8(b.get(at + 2..at + 2 + vl)?).ok()?);
        at += 2 + vl;
        ctx.insert(k, v);
    }
    (at == b.len()).then_some(ctx)
}

/// The nonce of frame `seq`: the sequence number, big-endian, in the last 4 bytes.
pub fn frame_nonce(seq: u32) -> [u8; NONCE_BYTES] {
    let s = seq.to_be_bytes();
    [0, 0, 0, 0, 0, 0, 0, 0, s[0], s[1], s[2], s[3]]
}

/// The bytes that precede a frame's ciphertext (and its AAD, after the message ID).
pub fn frame_header(seq: u32, last: bool, len: u32) -> [u8; FRAME_HEADER_BYTES] {
    let (s, l) = (seq.to_be_bytes(), len.to_be_bytes());
    [
        s[0],
        s[1],
        s[2],
        s[3],
        u8::from(last),
        l[0],
        l[1],
        l[2],
        l[3],
    ]
}

/// The AAD of a frame: the message ID followed by the frame header.
pub fn frame_aad(
    message_id: &[u8; 16],
    seq: u32,
    last: bool,
    len: u32,
) -> [u8; 16 + FRAME_HEADER_BYTES] {
    let mut a = [0u8; 16 + FRAME_HEADER_BYTES];
    for (dst, src) in a
        .iter_mut()
        .zip(message_id.iter().chain(frame_header(seq, last, len).iter()))
    {
        *dst = *src;
    }
    a
}

/// Seals one frame with the core's AES-GCM; the browser's WebCrypto path gives the same
/// bytes.
pub fn seal_frame(
    data_key: &[u8; 32],
    message_id: &[u8; 16],
    seq: u32,
    last: bool,
    plaintext: &[u8],
) -> Result<Vec<u8>, EnvelopeError> {
    let len = u32::try_from(plaintext.len()).map_err(|_| EnvelopeError::TooLarge)?;
    let mut out = Vec::with_capacity(FRAME_HEADER_BYTES + plaintext.len() + TAG_BYTES);
    out.extend_from_slice(&frame_header(seq, last, len));
    out.extend_from_slice(&crypto::aes256_gcm_seal(
        data_key,
        &frame_nonce(seq),
        &frame_aad(message_id, seq, last, len),
        plaintext,
    )?);
    Ok(out)
}

/// Encrypts a stream: feed chunks of any size, get whole frames back.
pub struct Encryptor {
    key: DataKey,
    message_id: [u8; 16],
    frame_size: usize,
    pending: Vec<u8>,
    seq: u32,
    consumed: u64,
}

impl Encryptor {
    /// Starts a message; returns the encryptor and the header bytes to write first.
    pub fn new(
        header: &Header,
        data_key: &[u8; 32],
    ) -> Result<(Encryptor, Vec<u8>), EnvelopeError> {
        let e = Encryptor {
            key: Secret::new(*data_key),
            message_id: header.message_id,
            frame_size: header.frame_size as usize,
            pending: Vec::new(),
            seq: 0,
            consumed: 0,
        };
        Ok((e, header.to_bytes()?))
    }

    /// Feeds plaintext; returns the frames completed by it. Memory stays below two frames.
    pub fn push(&mut self, mut data: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
        let key = *self.key.expose();
        let mut out = Vec::new();
        self.consumed += data.len() as u64;
        while !data.is_empty() {
            let room = self.frame_size - self.pending.len();
            let (now, rest) = data.split_at(room.min(data.len()));
            self.pending.extend_from_slice(now);
            data = rest;
            // A full frame is sealed only once more data follows: the last frame must be
            // marked final, and we do not know yet whether this one is.
            if self.pending.len() == self.frame_size && !data.is_empty() {
                out.extend(self.seal_pending(&key, false)?);
            }
        }
        Ok(out)
    }

    /// Seals the buffered plaintext as frame `seq` and moves on to the next frame.
    fn seal_pending(&mut self, key: &[u8; 32], last: bool) -> Result<Vec<u8>, EnvelopeError> {
        let frame = seal_frame(key, &self.message_id, self.seq, last, &self.pending)?;
        self.seq += 1;
        self.pending.clear();
        Ok(frame)
    }

    /// Plaintext bytes fed so far (for progress).
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Ends the message: the final frame.
    pub fn finish(mut self) -> Result<Vec<u8>, EnvelopeError> {
        let key = *self.key.expose();
        let mut out = Vec::new();
        if self.pending.len() == self.frame_size {
            out.extend(self.seal_pending(&key, false)?);
        }
        out.extend(self.seal_pending(&key, true)?);
        Ok(out)
    }
}

/// Decrypts a stream: feed bytes after the header, get plaintext of whole frames back.
pub struct Decryptor {
    key: DataKey,
    message_id: [u8; 16],
    frame_size: usize,
    pending: Vec<u8>,
    seq: u32,
    done: bool,
}

impl Decryptor {
    /// Starts reading a message whose header was read and verified with `data_key`.
    pub fn new(header: &Header, data_key: &[u8; 32]) -> Result<Decryptor, EnvelopeError> {
        header.verify(data_key)?;
        Ok(Decryptor {
            key: Secret::new(*data_key),
            message_id: header.message_id,
            frame_size: header.frame_size as usize,
            pending: Vec::new(),
            seq: 0,
            done: false,
        })
    }

    /// Feeds bytes; returns the plaintext of the frames they complete.
    pub fn push(&mut self, data: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
        let key = *self.key.expose();
        self.pending.extend_from_slice(data);
        let mut out = Vec::new();
        // Frames are read from `at` on and the bytes they used dropped once at the end,
        // so a push of many frames costs as much as the frames, not their square.
        let mut at = 0;
        let result = loop {
            let rest = self.pending.get(at..).unwrap_or_default();
            let (Some(seq), Some(flag), Some(len)) =
                (be32(rest, 0), rest.get(4).copied(), be32(rest, 5))
            else {
                break Ok(());
            };
            if self.done {
                break Err(EnvelopeError::BadFrameOrder);
            }
            let last = match flag {
                0 => false,
                1 => true,
                _ => break Err(EnvelopeError::Tampered),
            };
            let len = len as usize;
            if seq != self.seq {
                break Err(EnvelopeError::BadFrameOrder);
            }
            if len > self.frame_size || (!last && len != self.frame_size) {
                break Err(EnvelopeError::Tampered);
            }
            let total = FRAME_HEADER_BYTES + len + TAG_BYTES;
            let Some(sealed) = rest.get(FRAME_HEADER_BYTES..total) else {
                break Ok(());
            };
            match crypto::aes256_gcm_open(
                &key,
                &frame_nonce(seq),
                &frame_aad(&self.message_id, seq, last, len as u32),
                sealed,
            ) {
                Ok(plain) => out.extend_from_slice(plain.expose()),
                Err(e) => break Err(e.into()),
            }
            at += total;
            self.seq += 1;
            self.done = last;
        };
        self.pending.drain(..at.min(self.pending.len()));
        result.map(|()| out)
    }

    /// Ends the stream: an error if the final frame was not seen or bytes are left over.
    pub fn finish(self) -> Result<(), EnvelopeError> {
        if !self.done {
            return Err(EnvelopeError::Truncated);
        }
        if !self.pending.is_empty() {
            return Err(EnvelopeError::BadFrameOrder);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
