//! What the Encrypt panel shows, as pure functions: the workbench's requests built from its
//! form, the ways a key may be named, bytes shortened for people, and a ciphertext blob or
//! KPE1 envelope taken apart into its fields (docs/ciphertext-blob.md,
//! docs/envelope-format.md).

use kms_core::World;
use serde_json::{Value, json};

mod layout;
pub use layout::{Kind, Layout, MAX_FRAMES_LISTED, Part, Shape, layout, pasted};

use crate::kit::{parse_pairs, set};
use crate::panels::keys::vm::aliases_of;

/// The most Encrypt takes (AWS: "up to 4,096 bytes of arbitrary data").
pub const MAX_PLAINTEXT: usize = 4096;

/// Which key material version of its key a response names (`KeyMaterialId`, or for
/// ReEncrypt `SourceKeyMaterialId`), in a sentence: after a rotation, a learner sees that an
/// old ciphertext opened with the version it was made with.
pub fn material_used(w: &World, operation: &str, output: &Value) -> Option<String> {
    let (key_member, member, verb) = match operation {
        "Decrypt" => ("KeyId", "KeyMaterialId", "Opened with"),
        "ReEncrypt" => ("SourceKeyId", "SourceKeyMaterialId", "Opened with"),
        // Encrypt's response does not name its material (AWS's shape has no member for it).
        "GenerateDataKey" | "GenerateDataKeyWithoutPlaintext" => {
            ("KeyId", "KeyMaterialId", "Encrypted with")
        }
        _ => return None,
    };
    let arn = output.get(key_member)?.as_str()?;
    let id = output.get(member)?.as_str()?;
    let key = w.keys().iter().find(|k| k.arn.as_str() == arn)?;
    let all = crate::panels::keys::vm::materials(key);
    let m = all.iter().find(|m| m.id == id)?;
    let count = all.len();
    let when = if m.current {
        if count == 1 {
            String::from("the key's only one")
        } else {
            String::from("the current one")
        }
    } else {
        String::from(
            "no longer current: KMS keeps every version of a key's material, so what an older version encrypted still decrypts",
        )
    };
    Some(format!(
        "{verb} key material version {} of {count} ({}, {}): {when}. KeyMaterialId {id}.",
        m.version,
        m.origin.to_lowercase(),
        m.created
    ))
}

/// The workbench's operations, in the order the form offers them.
pub const OPERATIONS: [&str; 6] = [
    "Encrypt",
    "Decrypt",
    "ReEncrypt",
    "GenerateDataKey",
    "GenerateDataKeyWithoutPlaintext",
    "GenerateRandom",
];

/// What one operation does, in a sentence.
pub fn purpose(op: &str) -> &'static str {
    match op {
        "Encrypt" => {
            "Encrypts up to 4,096 bytes under a KMS key. The key never leaves KMS: you send the data, KMS returns a ciphertext blob."
        }
        "Decrypt" => {
            "Turns a ciphertext blob back into plaintext. The blob names its key, so KeyId is optional; the same encryption context must be given."
        }
        "ReEncrypt" => {
            "Decrypts a blob and encrypts it again under another key (or another context) inside KMS: the plaintext never leaves KMS."
        }
        "GenerateDataKey" => {
            "Gives a new data key twice: in plaintext, to encrypt data of any size yourself, and encrypted under the KMS key, to store beside it."
        }
        "GenerateDataKeyWithoutPlaintext" => {
            "Gives a data key only encrypted under the KMS key, for a system that will decrypt it later, when it needs it."
        }
        "GenerateRandom" => "Random bytes from KMS. It uses no KMS key.",
        _ => "",
    }
}

/// Which fields an operation's form shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shows {
    /// KeyId (for ReEncrypt, the destination key is apart).
    pub key: bool,
    /// Plaintext to encrypt.
    pub plaintext: bool,
    /// A ciphertext blob.
    pub blob: bool,
    /// An encryption context (for ReEncrypt, the source context).
    pub context: bool,
    /// ReEncrypt's destination key and context.
    pub destination: bool,
    /// KeySpec or NumberOfBytes of a data key.
    pub key_spec: bool,
    /// NumberOfBytes of GenerateRandom.
    pub random_bytes: bool,
    /// Grant tokens.
    pub tokens: bool,
}

/// The fields `op` takes.
pub fn shows(op: &str) -> Shows {
    let none = Shows {
        key: false,
        plaintext: false,
        blob: false,
        context: false,
        destination: false,
        key_spec: false,
        random_bytes: false,
        tokens: false,
    };
    match op {
        "Encrypt" => Shows {
            key: true,
            plaintext: true,
            context: true,
            tokens: true,
            ..none
        },
        "Decrypt" => Shows {
            key: true,
            blob: true,
            context: true,
            tokens: true,
            ..none
        },
        "ReEncrypt" => Shows {
            blob: true,
            context: true,
            destination: true,
            tokens: true,
            ..none
        },
        "GenerateDataKey" | "GenerateDataKeyWithoutPlaintext" => Shows {
            key: true,
            context: true,
            key_spec: true,
            tokens: true,
            ..none
        },
        "GenerateRandom" => Shows {
            random_bytes: true,
            ..none
        },
        _ => none,
    }
}

/// The workbench's form, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    /// The operation.
    pub op: String,
    /// KeyId as typed (ID, ARN, alias name or alias ARN).
    pub key: String,
    /// The plaintext's bytes (typed text, or a file's bytes).
    pub plaintext: Vec<u8>,
    /// A ciphertext blob in base64.
    pub blob: String,
    /// The encryption context, `key=value` per line.
    pub context: String,
    /// ReEncrypt's destination key.
    pub destination_key: String,
    /// ReEncrypt's destination context.
    pub destination_context: String,
    /// `AES_256`, `AES_128`, or `bytes` for NumberOfBytes.
    pub key_spec: String,
    /// NumberOfBytes, as typed.
    pub bytes: String,
    /// Grant tokens, one per line.
    pub tokens: String,
}

/// A field of the form and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    /// The field (`context`, `blob`, …).
    pub field: &'static str,
    /// The message.
    pub message: String,
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FormError {}

fn form_error(field: &'static str, message: impl Into<String>) -> FormError {
    FormError {
        field,
        message: message.into(),
    }
}

/// Base64 as people paste it: line breaks and spaces are ignored.
pub fn decode_b64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    kms_core::b64::decode(&compact).ok()
}

/// The request the form describes, in the AWS JSON shape. Only what the page itself must
/// read is checked here (context lines, base64, a number); everything else is the door's
/// to check, so a wrong value gets AWS's own error.
pub fn request(w: &Work) -> Result<Value, FormError> {
    let s = shows(&w.op);
    let mut input = json!({});
    let context = |text: &str, field| {
        parse_pairs(text)
            .map(|pairs| (!pairs.is_empty()).then_some(Value::Object(pairs)))
            .map_err(|e| form_error(field, e))
    };
    if s.key && !(w.op == "Decrypt" && w.key.trim().is_empty()) {
        set(&mut input, "KeyId", json!(w.key.trim()));
    }
    if s.plaintext {
        set(
            &mut input,
            "Plaintext",
            json!(kms_core::b64::encode(&w.plaintext)),
        );
    }
    if s.blob {
        let blob = decode_b64(&w.blob).ok_or_else(|| {
            form_error(
                "blob",
                "This is not base64. Paste the CiphertextBlob of a response as it is.",
            )
        })?;
        set(
            &mut input,
            "CiphertextBlob",
            json!(kms_core::b64::encode(&blob)),
        );
    }
    if s.context {
        let name = if w.op == "ReEncrypt" {
            "SourceEncryptionContext"
        } else {
            "EncryptionContext"
        };
        if let Some(ctx) = context(&w.context, "context")? {
            set(&mut input, name, ctx);
        }
    }
    if s.destination {
        set(
            &mut input,
            "DestinationKeyId",
            json!(w.destination_key.trim()),
        );
        if let Some(ctx) = context(&w.destination_context, "destination_context")? {
            set(&mut input, "DestinationEncryptionContext", ctx);
        }
    }
    let number = |field| {
        let t = w.bytes.trim();
        t.parse::<i64>()
            .map_err(|_| form_error(field, format!("Type a whole number of bytes, not “{t}”.")))
    };
    if s.key_spec {
        if w.key_spec == "bytes" {
            set(&mut input, "NumberOfBytes", json!(number("bytes")?));
        } else {
            set(&mut input, "KeySpec", json!(w.key_spec));
        }
    }
    if s.random_bytes {
        set(&mut input, "NumberOfBytes", json!(number("bytes")?));
    }
    if s.tokens {
        let tokens: Vec<&str> = w
            .tokens
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        if !tokens.is_empty() {
            set(&mut input, "GrantTokens", json!(tokens));
        }
    }
    Ok(input)
}

/// The names a key may be given by in `region`: for each key, its ID, its ARN, each alias
/// and each alias ARN, with a label saying which is which.
pub fn key_names(w: &World, region: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for k in w.keys().iter().filter(|k| k.region.as_str() == region) {
        let aliases = aliases_of(w, k);
        let name = aliases
            .first()
            .cloned()
            .unwrap_or_else(|| String::from(k.key_id.as_str()));
        for a in &aliases {
            out.push((a.clone(), String::from("alias name")));
            out.push((
                format!(
                    "arn:aws:kms:{}:{}:{a}",
                    k.region.as_str(),
                    k.account.as_str()
                ),
                format!("alias ARN of {name}"),
            ));
        }
        out.push((String::from(k.key_id.as_str()), format!("key ID of {name}")));
        out.push((String::from(k.arn.as_str()), format!("key ARN of {name}")));
    }
    out
}

/// Bytes for people: hexadecimal, shortened in the middle past `max` bytes.
pub fn hex_short(bytes: &[u8], max: usize) -> String {
    let hex = |b: &[u8]| {
        b.iter()
            .map(|x| format!("{x:02x}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if bytes.len() <= max {
        return hex(bytes);
    }
    let half = max / 2;
    format!(
        "{} … {}",
        hex(bytes.get(..half).unwrap_or_default()),
        hex(bytes.get(bytes.len() - half..).unwrap_or_default())
    )
}

/// Base64 for people, shortened in the middle past `max` characters.
pub fn b64_short(bytes: &[u8], max: usize) -> String {
    crate::format::middle(&kms_core::b64::encode(bytes), max)
}

#[cfg(test)]
mod tests;
