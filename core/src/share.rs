//! Sharing a scenario in a link: the scenario file without anything secret, compressed
//! (DEFLATE, `miniz_oxide`) and written in base64url, in the URL's fragment (which
//! browsers never send to a server). The page and the command line make and read links
//! with these same functions.
//!
//! A link is `v1.` followed by the base64url text, at most [`MAX_LINK_CHARS`] characters.
//! What it carries is the file's definition: for a scenario, the file with every `state`
//! field removed; for a world, [`World::to_shared_scenario`](crate::World) (no key
//! material, no grant tokens, no data, no seed). Opening a link gives a fresh world.
//!
//! A link comes from a stranger, so [`decode_link`] does not trust it to hold only that: a
//! link that carries `state` (key material, the random stream's seed and position, audit
//! events) is refused, since whoever made it could plant keys and predict every data key
//! the learner then generates. A `seed` is the author's right (it makes a course's
//! ciphertexts the same for every student), so it is allowed, and handed back in
//! [`Shared::seed`] for the page and the command line to say so.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde_json::Value;

use crate::b64;
use crate::scenario::MAX_FILE_BYTES;

/// The prefix of a link's fragment: the version of its encoding.
pub const LINK_PREFIX: &str = "v1.";

/// The longest link fragment made or read (characters). Past this, export the scenario
/// as a file instead: some places a link is pasted into cut long ones.
pub const MAX_LINK_CHARS: usize = 16 * 1024;

/// Why a link could not be made or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The scenario is too large for a link (its fragment would be this many characters).
    TooLong(usize),
    /// The fragment is not a link of this playground (no `v1.` prefix, or not base64url).
    NotALink,
    /// The fragment is a link of a newer version of the playground.
    NewerVersion(String),
    /// The compressed scenario does not inflate (damaged, or it inflates past the largest
    /// scenario file).
    Damaged,
    /// The scenario in the link carries saved state, which links never do.
    CarriesState,
}

/// A scenario opened from a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The scenario file's text.
    pub text: String,
    /// The seed the file sets, if any: whoever made the link can then predict every key
    /// ID, data key and ciphertext of the world it opens.
    pub seed: Option<u64>,
}

impl Shared {
    /// What a learner should be told about the seed, if the link sets one.
    pub fn seed_notice(&self) -> Option<String> {
        self.seed.map(|seed| {
            format!(
                "This link sets the random seed ({seed}): key IDs, data keys and ciphertexts in its world are the same for everyone who opens it, and whoever made the link can predict them. That is how a course shows every student the same thing; never put real secrets in such a world."
            )
        })
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLong(n) => write!(
                f,
                "this world is too large for a link ({n} characters; a link holds at most {MAX_LINK_CHARS}): export it as a file instead"
            ),
            ShareError::NotALink => f.write_str("this is not a KMS Playground link"),
            ShareError::NewerVersion(v) => write!(
                f,
                "this link was made by a newer version of KMS Playground ({v}): open it there"
            ),
            ShareError::Damaged => f.write_str("this link is damaged: its scenario does not read"),
            ShareError::CarriesState => f.write_str(
                "this link carries a saved world (`state`: key material, the random stream, audit events); links made by KMS Playground never do, so it was not opened (import it as a file if it is your own)",
            ),
        }
    }
}

impl core::error::Error for ShareError {}

/// The scenario file as it is shared: every `state` field removed (the world's and each
/// key's and grant's), so no key material, grant token, stored object or random stream
/// travels. The rest is the file as its author wrote it.
pub fn without_state(scenario: &Value) -> Value {
    let mut v = scenario.clone();
    if let Value::Object(doc) = &mut v {
        doc.remove("state");
        for list in ["keys", "grants"] {
            if let Some(Value::Array(items)) = doc.get_mut(list) {
                for item in items {
                    if let Value::Object(m) = item {
                        m.remove("state");
                    }
                }
            }
        }
    }
    v
}

/// The link fragment (without `#`) of a scenario, made of its shared form.
pub fn encode_link(scenario: &Value) -> Result<String, ShareError> {
    let text = serde_json::to_string(&without_state(scenario)).map_err(|_| ShareError::Damaged)?;
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    let link = format!("{LINK_PREFIX}{}", b64::encode_url(&packed));
    if link.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(link.len()));
    }
    Ok(link)
}

/// Whether a scenario file (as JSON) carries saved state anywhere a file may: the world's
/// `state`, or a key's or grant's.
pub fn carries_state(scenario: &Value) -> bool {
    let Value::Object(doc) = scenario else {
        return false;
    };
    doc.contains_key("state")
        || ["keys", "grants"].into_iter().any(|list| {
            doc.get(list)
                .and_then(Value::as_array)
                .is_some_and(|items| items.iter().any(|i| i.get("state").is_some()))
        })
}

/// The scenario a link fragment holds (with or without a leading `#`, `s=` or the whole URL
/// before it), refused when it carries saved state. Reading it never inflates past the
/// largest scenario file.
pub fn decode_link(fragment: &str) -> Result<Shared, ShareError> {
    let text = inflate_link(fragment)?;
    // A file that is not JSON is for the scenario loader to report, with its position.
    let (state, seed) = match serde_json::from_str::<Value>(&text) {
        Ok(v) => (carries_state(&v), v.get("seed").and_then(Value::as_u64)),
        Err(_) => (false, None),
    };
    if state {
        return Err(ShareError::CarriesState);
    }
    Ok(Shared { text, seed })
}

/// The text a link fragment holds, as it is.
fn inflate_link(fragment: &str) -> Result<String, ShareError> {
    let f = fragment.rsplit('#').next().unwrap_or(fragment);
    let f = f.strip_prefix("s=").unwrap_or(f);
    if f.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(f.len()));
    }
    let Some(body) = f.strip_prefix(LINK_PREFIX) else {
        return match f.split_once('.') {
            Some((v, _)) if v.starts_with('v') && v.len() < 8 => {
                Err(ShareError::NewerVersion(String::from(v)))
            }
            _ => Err(ShareError::NotALink),
        };
    };
    let packed = b64::decode_url(body).map_err(|_| ShareError::NotALink)?;
    let bytes: Vec<u8> =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_FILE_BYTES)
            .map_err(|_| ShareError::Damaged)?;
    String::from_utf8(bytes).map_err(|_| ShareError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use serde_json::json;

    #[test]
    fn a_link_carries_the_scenario_without_its_state() {
        let doc = json!({
            "format": "kms-playground/scenario@1",
            "seed": 3,
            "keys": [{"name": "K", "state": {"materials": [{"material": "c2VjcmV0"}]}}],
            "grants": [{"key": "K", "state": {"grantTokens": ["AQpAsecret"]}}],
            "state": {"entropyPosition": 40}
        });
        let link = encode_link(&doc).unwrap();
        assert!(link.starts_with("v1.") && !link.contains(['+', '/', '=']));
        let opened = decode_link(&format!("#s={link}")).unwrap();
        assert_eq!(opened.seed, Some(3));
        assert!(opened.seed_notice().unwrap().contains("predict"));
        let back: Value = serde_json::from_str(&opened.text).unwrap();
        assert_eq!(back, without_state(&doc));
        let text = alloc::format!("{back}");
        assert!(
            !text.contains("c2VjcmV0")
                && !text.contains("AQpAsecret")
                && !text.contains("entropyPosition")
        );
        assert_eq!(back["seed"], 3, "an author's seed is no secret");
    }

    /// A link made by hand, not by [`encode_link`]: whatever JSON it is given.
    fn forged(doc: &Value) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec(doc.to_string().as_bytes(), 9);
        format!("{LINK_PREFIX}{}", b64::encode_url(&packed))
    }

    #[test]
    fn a_link_that_carries_state_is_refused() {
        // The review's link: key material, a seed and forged audit events, planted.
        for planted in [
            json!({"format": "kms-playground/scenario@1", "state": {"entropyPosition": 0}}),
            json!({"format": "kms-playground/scenario@1",
                   "keys": [{"name": "K", "state": {"materials": [{"material": "c2VjcmV0"}]}}]}),
            json!({"format": "kms-playground/scenario@1",
                   "grants": [{"key": "K", "state": {"grantTokens": ["t"]}}]}),
        ] {
            assert_eq!(
                decode_link(&forged(&planted)),
                Err(ShareError::CarriesState),
                "{planted}"
            );
        }
        assert!(ShareError::CarriesState.to_string().contains("never do"));
        // Without state it opens, and a link with no seed has nothing to say about one.
        let fine = decode_link(&forged(&json!({"format": "kms-playground/scenario@1"}))).unwrap();
        assert_eq!((fine.seed, fine.seed_notice()), (None, None));
        // Text that is not JSON is handed on for the loader to report where it breaks.
        let packed = miniz_oxide::deflate::compress_to_vec(b"{not json", 9);
        let link = format!("{LINK_PREFIX}{}", b64::encode_url(&packed));
        assert_eq!(decode_link(&link).unwrap().text, "{not json");
    }

    #[test]
    fn bad_links_say_why_and_never_inflate_without_bound() {
        assert_eq!(decode_link("hello"), Err(ShareError::NotALink));
        assert_eq!(decode_link("v1.***"), Err(ShareError::NotALink));
        assert_eq!(
            decode_link("v9.abc"),
            Err(ShareError::NewerVersion(String::from("v9")))
        );
        assert_eq!(decode_link("v1.AAAA"), Err(ShareError::Damaged));
        // A bomb: megabytes of one byte compress to a few hundred bytes.
        let bomb = miniz_oxide::deflate::compress_to_vec(&alloc::vec![b' '; MAX_FILE_BYTES + 1], 9);
        let link = format!("{LINK_PREFIX}{}", b64::encode_url(&bomb));
        assert!(link.len() < MAX_LINK_CHARS);
        assert_eq!(decode_link(&link), Err(ShareError::Damaged));
        let mut noise = [0u8; 15_000];
        crate::entropy::Entropy::seeded(1).fill(&mut noise).unwrap();
        let huge =
            json!({"format": "kms-playground/scenario@1", "description": b64::encode(&noise)});
        assert!(matches!(encode_link(&huge), Err(ShareError::TooLong(_))));
    }
}
