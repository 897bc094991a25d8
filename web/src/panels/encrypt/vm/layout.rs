//! A ciphertext blob or a KPE1 envelope taken apart into its fields, each with its bytes,
//! its value read for people, and what it is for.

use kms_core::crypto::CiphertextBlob;
use kms_core::envelope::Header;
use serde_json::Value;

use super::{decode_b64, hex_short};

/// What kind of field, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Format markers: version, magic, algorithm, lengths.
    Format,
    /// Which key: the key ARN, the material version, the encrypted data key.
    Key,
    /// Nonces and IDs.
    Nonce,
    /// Encrypted bytes.
    Cipher,
    /// Authentication tags.
    Tag,
    /// The encryption context (in an envelope's header).
    Context,
    /// Bytes the layout cannot account for.
    Unknown,
}

impl Kind {
    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Format => "f-format",
            Kind::Key => "f-key",
            Kind::Nonce => "f-nonce",
            Kind::Cipher => "f-cipher",
            Kind::Tag => "f-tag",
            Kind::Context => "f-context",
            Kind::Unknown => "f-unknown",
        }
    }
}

/// One field of a blob or envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Its name.
    pub name: String,
    /// Where it starts.
    pub start: usize,
    /// How many bytes.
    pub len: usize,
    /// Its value, read for people.
    pub value: String,
    /// What it is for.
    pub purpose: &'static str,
    /// Its kind.
    pub kind: Kind,
}

/// What was taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A KMS ciphertext blob.
    Blob {
        /// The key that encrypted it.
        key_arn: String,
    },
    /// A KPE1 envelope.
    Envelope {
        /// Its encrypted data key (a blob).
        encrypted_data_key: Vec<u8>,
        /// Its encryption context, as `key=value` lines.
        context: String,
        /// How many frames.
        frames: usize,
    },
}

/// A blob or envelope, taken apart: its fields in order, covering every byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Which it is.
    pub shape: Shape,
    /// The fields.
    pub parts: Vec<Part>,
}

/// At most this many frames of an envelope are listed field by field.
pub const MAX_FRAMES_LISTED: usize = 8;

struct Parts<'a> {
    bytes: &'a [u8],
    at: usize,
    out: Vec<Part>,
}

impl Parts<'_> {
    fn push(
        &mut self,
        name: impl Into<String>,
        len: usize,
        kind: Kind,
        purpose: &'static str,
        value: impl FnOnce(&[u8]) -> String,
    ) -> Option<&[u8]> {
        let start = self.at;
        let bytes = self.bytes.get(start..start.checked_add(len)?)?;
        self.out.push(Part {
            name: name.into(),
            start,
            len,
            value: value(bytes),
            purpose,
            kind,
        });
        self.at += len;
        Some(bytes)
    }

    fn rest(&mut self, name: &str, purpose: &'static str, kind: Kind) {
        let len = self.bytes.len().saturating_sub(self.at);
        if len > 0 {
            self.push(name, len, kind, purpose, |b| hex_short(b, 8));
        }
    }
}

fn be(b: &[u8]) -> u64 {
    b.iter().fold(0u64, |n, x| (n << 8) | u64::from(*x))
}

fn number(b: &[u8]) -> String {
    be(b).to_string()
}

/// Takes `bytes` apart as a ciphertext blob or, when they start with `KPE1`, as an
/// envelope. Says why when they are neither.
pub fn layout(bytes: &[u8]) -> Result<Layout, String> {
    if bytes.starts_with(b"KPE1") {
        return envelope_layout(bytes);
    }
    let blob = CiphertextBlob::parse(bytes).map_err(|e| {
        format!("These bytes are neither a ciphertext blob of KMS nor a KPE1 envelope: {e}.")
    })?;
    let mut p = Parts {
        bytes,
        at: 0,
        out: Vec::new(),
    };
    blob_parts(&mut p, "");
    Ok(Layout {
        shape: Shape::Blob {
            key_arn: String::from(blob.key_arn.as_str()),
        },
        parts: p.out,
    })
}

/// The fields of a blob starting at `p.at`, each name prefixed by `prefix`.
fn blob_parts(p: &mut Parts<'_>, prefix: &str) -> Option<()> {
    let end = p.bytes.len();
    p.push(
        format!("{prefix}format version"),
        1,
        Kind::Format,
        "Which layout follows (1). KMS's own format is not public; this one can be read by eye.",
        number,
    )?;
    let n = be(p.push(
        format!("{prefix}key ARN length"),
        2,
        Kind::Format,
        "How many bytes the key ARN takes.",
        number,
    )?);
    let n = usize::try_from(n).ok()?;
    p.push(
        format!("{prefix}key ARN"),
        n,
        Kind::Key,
        "The KMS key that encrypted it. This is why Decrypt needs no KeyId: the blob names its key.",
        |b| String::from_utf8_lossy(b).into_owned(),
    )?;
    p.push(
        format!("{prefix}key material version"),
        4,
        Kind::Key,
        "Which of the key's materials was used: 1 is the first, each rotation adds one, and old ones are kept to decrypt old blobs.",
        number,
    )?;
    p.push(
        format!("{prefix}nonce"),
        12,
        Kind::Nonce,
        "Random for every encryption, so the same plaintext never gives the same blob.",
        |b| hex_short(b, 12),
    )?;
    let sealed = end.checked_sub(p.at)?.checked_sub(16)?;
    p.push(
        format!("{prefix}encrypted bytes"),
        sealed,
        Kind::Cipher,
        "The plaintext encrypted with AES-256-GCM: exactly as long as the plaintext.",
        |b| hex_short(b, 8),
    )?;
    p.push(
        format!("{prefix}authentication tag"),
        16,
        Kind::Tag,
        "AES-GCM's tag over the encrypted bytes, the fields before them and the encryption context. Change any of them and the tag no longer matches.",
        |b| hex_short(b, 16),
    )?;
    Some(())
}

fn context_lines(map: &serde_json::Map<String, Value>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn envelope_layout(bytes: &[u8]) -> Result<Layout, String> {
    let (header, used) = Header::parse(bytes)
        .map_err(|e| format!("This KPE1 envelope's header cannot be read: {e}."))?
        .ok_or("This KPE1 envelope is cut short inside its header.")?;
    let mut p = Parts {
        bytes,
        at: 0,
        out: Vec::new(),
    };
    let ctx = serde_json::to_value(header.context.as_map())
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    let edk = header.encrypted_data_key.len();
    let header_parts = (|| {
        p.push(
            "magic",
            4,
            Kind::Format,
            "“KPE1”: this is an envelope-encrypted message of the playground.",
            |b| String::from_utf8_lossy(b).into_owned(),
        )?;
        p.push(
            "version",
            1,
            Kind::Format,
            "The envelope format's version (1).",
            number,
        )?;
        p.push(
            "algorithm",
            1,
            Kind::Format,
            "1 = AES-256-GCM with the data key.",
            number,
        )?;
        p.push("frame size", 4, Kind::Format, "The data is encrypted in frames of this many bytes, so a file of any size needs only one frame of memory.", number)?;
        p.push("message ID", 16, Kind::Nonce, "Random, and part of every frame's authenticated data: a frame from another message is refused.", |b| hex_short(b, 16))?;
        p.push(
            "encrypted data key length",
            2,
            Kind::Format,
            "How many bytes the encrypted data key takes.",
            number,
        )?;
        let start = p.at;
        let mut nested = Parts {
            bytes: p.bytes.get(..start + edk)?,
            at: start,
            out: Vec::new(),
        };
        blob_parts(&mut nested, "encrypted data key: ")?;
        p.out.extend(nested.out);
        p.at = start + edk;
        p.push(
            "encryption context length",
            4,
            Kind::Format,
            "How many bytes the encryption context takes.",
            number,
        )?;
        let ctx_len = usize::try_from(be(p.bytes.get(p.at - 4..p.at)?)).ok()?;
        p.push("encryption context", ctx_len, Kind::Context, "The context, readable by anyone: it is authenticated, not encrypted. KMS needs the same pairs to decrypt the data key.", |_| context_lines(&ctx).replace('\n', ", "))?;
        p.push(
            "header nonce",
            12,
            Kind::Nonce,
            "The nonce of the header's tag.",
            |b| hex_short(b, 12),
        )?;
        p.push(
            "header tag",
            16,
            Kind::Tag,
            "AES-GCM under the data key over every header byte above: an edited header is refused.",
            |b| hex_short(b, 16),
        )?;
        Some(())
    })();
    if header_parts.is_none() || p.at != used {
        return Err(String::from("This KPE1 envelope's header does not add up."));
    }
    let mut frames = 0;
    loop {
        let rest = bytes.len() - p.at;
        if rest == 0 {
            break;
        }
        if frames == MAX_FRAMES_LISTED {
            p.rest(
                "more frames",
                "The frames after these, not listed one by one.",
                Kind::Cipher,
            );
            break;
        }
        let n = frames;
        let ok = (|| {
            p.push(
                format!("frame {n}: number"),
                4,
                Kind::Format,
                "The frame's sequence number: frames cannot be reordered, dropped or repeated.",
                number,
            )?;
            p.push(
                format!("frame {n}: final flag"),
                1,
                Kind::Format,
                "1 on the last frame only: a message cut short is refused.",
                number,
            )?;
            let len = usize::try_from(be(p.push(
                format!("frame {n}: length"),
                4,
                Kind::Format,
                "How many bytes of data the frame holds.",
                number,
            )?))
            .ok()?;
            p.push(
                format!("frame {n}: encrypted bytes"),
                len,
                Kind::Cipher,
                "This frame's data, encrypted with the data key (nonce: the frame number).",
                |b| hex_short(b, 8),
            )?;
            p.push(format!("frame {n}: tag"), 16, Kind::Tag, "AES-GCM's tag of this frame, over its bytes, its number, its flag and the message ID.", |b| hex_short(b, 16))?;
            Some(())
        })();
        if ok.is_none() {
            p.rest(
                "unreadable rest",
                "Bytes that do not make a whole frame: the message is cut short or damaged.",
                Kind::Unknown,
            );
            break;
        }
        frames += 1;
    }
    Ok(Layout {
        shape: Shape::Envelope {
            encrypted_data_key: header.encrypted_data_key.clone(),
            context: context_lines(&ctx),
            frames,
        },
        parts: p.out,
    })
}

/// Reads what was pasted into the inspector: base64 of a blob or an envelope, or a whole
/// AWS response holding a `CiphertextBlob`.
pub fn pasted(text: &str) -> Result<Vec<u8>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(String::from(
            "Paste a ciphertext blob (base64), or choose a file.",
        ));
    }
    if t.starts_with('{') {
        let v: Value = serde_json::from_str(t)
            .map_err(|e| format!("This looks like JSON but does not read as JSON: {e}."))?;
        let blob = v
            .get("CiphertextBlob")
            .and_then(Value::as_str)
            .ok_or("This JSON has no CiphertextBlob member.")?;
        return decode_b64(blob).ok_or_else(|| String::from("Its CiphertextBlob is not base64."));
    }
    decode_b64(t).ok_or_else(|| {
        String::from(
            "This is not base64: a ciphertext blob is pasted as the base64 text a response gives.",
        )
    })
}
