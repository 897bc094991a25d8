//! The world saved in this browser as the learner goes (`localStorage`), versioned.
//!
//! A save is a JSON document: `{"format": "kms-playground/save", "version": 2, "world":
//! <a scenario file with its saved state>, "actingAs", "region", "play": <the guided play
//! in progress, or null>}`. Version 1 had no `play`. An older version is
//! migrated on the way in; a corrupt, foreign or newer save is never half-read: the page
//! says so, keeps the unreadable text aside (and offers it as a download), and starts a
//! fresh world. When storage is blocked or full, the page says so and goes on in memory.

use kms_core::World;
use kms_core::scenario::Scenario;
use serde_json::{Value, json};

/// The `format` of a save.
pub const FORMAT: &str = "kms-playground/save";
/// The version this build writes.
pub const VERSION: u64 = 2;
/// Where the world is saved.
pub const SAVE_KEY: &str = "kms-playground/save";
/// Where an unreadable save is kept aside, so a new save does not overwrite it; a second
/// one goes to `….unreadable.2`, and so on up to [`MAX_UNREADABLE`].
pub const UNREADABLE_KEY: &str = "kms-playground/save.unreadable";
/// How many unreadable saves are kept aside at most.
pub const MAX_UNREADABLE: usize = 10;
/// Where the page's preferences are kept (theme, welcome dismissed).
pub const PREFS_KEY: &str = "kms-playground/prefs";
/// The largest save written: browsers give a site about 5 MB of `localStorage`, and the
/// scenario loader reads at most 4 MiB. Past it, the oldest audit events are left out.
pub const MAX_SAVE_BYTES: usize = 3 * 1024 * 1024;

/// A save read back.
#[derive(Debug)]
pub struct Saved {
    /// The world.
    pub world: World,
    /// Who the page acted as.
    pub acting_as: Option<String>,
    /// The region.
    pub region: Option<String>,
    /// The guided play in progress, as [`crate::play::Play::to_json`] wrote it.
    pub play: Option<Value>,
}

/// Why a save could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not a save of this playground.
    Foreign(String),
    /// Written by a newer version of the playground.
    TooNew(u64),
    /// A save of ours whose world does not load.
    Corrupt(String),
}

impl Unreadable {
    /// What the recovery message says.
    pub fn explain(&self) -> String {
        match self {
            Unreadable::Foreign(why) => {
                format!("The saved world is not one this playground wrote ({why}).")
            }
            Unreadable::TooNew(v) => format!(
                "The saved world was written by a newer version of the playground (save version {v}; this one reads up to {VERSION})."
            ),
            Unreadable::Corrupt(why) => format!("The saved world is damaged: {why}."),
        }
    }
}

/// The save of `world`, as text, at most [`MAX_SAVE_BYTES`] when the audit log allows;
/// the second value says how many audit events were left out to fit.
pub fn encode(
    world: &World,
    acting_as: &str,
    region: &str,
    play: Option<Value>,
) -> (String, usize) {
    let mut file = world.to_scenario(None);
    let mut left_out = 0;
    loop {
        let doc = json!({
            "format": FORMAT,
            "version": VERSION,
            "actingAs": acting_as,
            "region": region,
            "play": play,
            "world": file,
        });
        let text = doc.to_string();
        let events = file
            .pointer_mut("/state/audit")
            .and_then(Value::as_array_mut);
        match events {
            Some(events) if text.len() > MAX_SAVE_BYTES && !events.is_empty() => {
                let drop = events.len().div_ceil(2);
                events.drain(..drop);
                left_out += drop;
            }
            _ => return (text, left_out),
        }
    }
}

/// Brings a save of an older version up to [`VERSION`]. Version 1 is the first: there is
/// nothing to migrate yet, but every later version adds its step here.
fn migrate(mut doc: Value, version: u64) -> Result<Value, Unreadable> {
    match version {
        VERSION => Ok(doc),
        // Version 1 saved no guided play.
        1 => {
            if let Value::Object(m) = &mut doc {
                m.insert(String::from("play"), Value::Null);
                m.insert(String::from("version"), Value::from(2u64));
            }
            Ok(doc)
        }
        v if v > VERSION => Err(Unreadable::TooNew(v)),
        v => Err(Unreadable::Foreign(format!(
            "save version {v} never existed"
        ))),
    }
}

/// Reads a save.
pub fn decode(text: &str) -> Result<Saved, Unreadable> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| Unreadable::Foreign(format!("it is not JSON: {e}")))?;
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(Unreadable::Foreign(String::from(
            "it has no `format` of kms-playground/save",
        )));
    }
    let version = doc
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| Unreadable::Foreign(String::from("it has no version")))?;
    let doc = migrate(doc, version)?;
    let world_text = doc
        .get("world")
        .filter(|w| w.is_object())
        .ok_or_else(|| Unreadable::Corrupt(String::from("it holds no world")))?
        .to_string();
    let scenario = Scenario::load(&world_text).map_err(|errors| {
        let first = errors
            .first()
            .map(|e| format!("{}: {}", e.path, e.message))
            .unwrap_or_default();
        Unreadable::Corrupt(format!(
            "{first}{}",
            if errors.len() > 1 {
                format!(" (and {} more)", errors.len() - 1)
            } else {
                String::new()
            }
        ))
    })?;
    let world = scenario
        .build_world()
        .map_err(|e| Unreadable::Corrupt(e.to_string()))?;
    let text_of = |k: &str| doc.get(k).and_then(Value::as_str).map(String::from);
    Ok(Saved {
        world,
        acting_as: text_of("actingAs"),
        region: text_of("region"),
        play: doc.get("play").filter(|p| p.is_object()).cloned(),
    })
}

/// The principal a save acted as, when the world can act as it (one of its principals, or
/// the root user of an account it names); else the world's first. A save is the
/// learner's own, but it is read as untrusted text all the same.
pub fn checked_actor(w: &World, acting_as: Option<String>) -> String {
    acting_as
        .filter(|a| crate::ui::actors(w).iter().any(|x| &x.arn == a))
        .unwrap_or_else(|| crate::ui::first_actor(w))
}

/// The region a save was in, when it is a region's name; else the world's.
pub fn checked_region(w: &World, region: Option<String>) -> String {
    region
        .filter(|r| kms_core::ids::Region::parse(r).is_ok())
        .unwrap_or_else(|| w.region().to_string())
}

/// The storage key of the `n`th unreadable save kept aside (from 1).
pub fn unreadable_key(n: usize) -> String {
    if n <= 1 {
        String::from(UNREADABLE_KEY)
    } else {
        format!("{UNREADABLE_KEY}.{n}")
    }
}

/// Every unreadable save kept aside: (key, text), oldest first.
pub fn kept_unreadable() -> Vec<(String, String)> {
    (1..=MAX_UNREADABLE)
        .filter_map(|n| {
            let key = unreadable_key(n);
            read(&key).map(|t| (key, t))
        })
        .collect()
}

/// Keeps `text` aside, under a key of its own (or the one that already holds the same
/// text); gives the key, or why it could not be kept.
pub fn keep_unreadable(text: &str) -> Result<String, String> {
    let mut free = None;
    for n in 1..=MAX_UNREADABLE {
        let key = unreadable_key(n);
        match read(&key) {
            Some(t) if t == text => return Ok(key),
            Some(_) => {}
            None => {
                free.get_or_insert(key);
            }
        }
    }
    let key = free.ok_or_else(|| {
        format!("{MAX_UNREADABLE} unreadable saves are kept already; download and discard some")
    })?;
    write(&key, text)?;
    Ok(key)
}

/// The browser's `localStorage`, or why there is none.
pub fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("there is no window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(String::from(
            "this browser does not let the page store data here (private browsing, or storage blocked in an embedded page)",
        )),
    }
}

/// Reads `key`, or `None` when it is not there or storage is unavailable.
pub fn read(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Writes `key`; says why not when it cannot.
pub fn write(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name.contains("Quota") {
            String::from("the browser's storage for this site is full")
        } else {
            String::from("the browser refused to store the world")
        }
    })
}

/// Removes `key`, if storage allows.
pub fn remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kms_core::api::Caller;
    use kms_core::service::Service;

    fn world() -> World {
        crate::starting_world().unwrap()
    }

    #[test]
    fn a_save_reads_back_as_the_same_world() {
        let mut w = world();
        w.request(
            &Caller::new("arn:aws:iam::123412341234:root"),
            Service::Kms,
            "CreateKey",
            &json!({"Description": "saved"}),
        )
        .output
        .unwrap();
        let (text, left_out) = encode(&w, "arn:aws:iam::123412341234:user/Bob", "eu-west-1", None);
        assert_eq!(left_out, 0);
        let back = decode(&text).unwrap();
        assert_eq!(back.world, w);
        assert_eq!(
            back.acting_as.as_deref(),
            Some("arn:aws:iam::123412341234:user/Bob")
        );
        assert_eq!(back.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn who_a_save_acts_as_and_its_region_are_checked() {
        let w = world();
        let bob = String::from("arn:aws:iam::123412341234:user/Bob");
        assert_eq!(checked_actor(&w, Some(bob.clone())), bob);
        assert_eq!(
            checked_actor(&w, Some(String::from("arn:aws:iam::123412341234:root"))),
            "arn:aws:iam::123412341234:root"
        );
        for forged in ["arn:aws:iam::123412341234:user/Mallory", "<img src=x>", ""] {
            assert_eq!(
                checked_actor(&w, Some(String::from(forged))),
                crate::ui::first_actor(&w)
            );
        }
        assert_eq!(checked_actor(&w, None), crate::ui::first_actor(&w));
        assert_eq!(
            checked_region(&w, Some(String::from("eu-west-1"))),
            "eu-west-1"
        );
        for forged in ["\u{202e}us-east-1", "moon base 9", "US-EAST-1", ""] {
            assert_eq!(
                checked_region(&w, Some(String::from(forged))),
                w.region().to_string()
            );
        }
    }

    #[test]
    fn a_version_1_save_opens_and_a_play_comes_back() {
        let w = world();
        let (v2, _) = encode(
            &w,
            "x",
            "us-east-1",
            Some(json!({"scenario": "s", "position": 3})),
        );
        let back = decode(&v2).unwrap();
        assert_eq!(back.play.unwrap()["position"], 3);
        // The same world as the first version wrote it: no `play`, version 1.
        let mut v1: Value = serde_json::from_str(&v2).unwrap();
        v1["version"] = json!(1);
        v1.as_object_mut().unwrap().remove("play");
        let back = decode(&v1.to_string()).unwrap();
        assert!(back.play.is_none());
        assert_eq!(back.world.keys().len(), w.keys().len());
    }

    #[test]
    fn unreadable_saves_say_why() {
        assert!(matches!(decode("{not json"), Err(Unreadable::Foreign(_))));
        assert!(matches!(decode("[]"), Err(Unreadable::Foreign(_))));
        assert!(matches!(
            decode(r#"{"format":"someone-else"}"#),
            Err(Unreadable::Foreign(_))
        ));
        assert_eq!(
            decode(r#"{"format":"kms-playground/save","version":99,"world":{}}"#).unwrap_err(),
            Unreadable::TooNew(99)
        );
        let (good, _) = encode(&world(), "x", "us-east-1", None);
        let damaged = good.replace("\"Enabled\"", "\"Melted\"");
        assert_ne!(damaged, good, "the test damaged something");
        let e = decode(&damaged).unwrap_err();
        assert!(matches!(e, Unreadable::Corrupt(_)), "{e:?}");
        assert!(e.explain().contains("damaged"), "{}", e.explain());
        assert!(matches!(
            decode(r#"{"format":"kms-playground/save","version":1}"#),
            Err(Unreadable::Corrupt(_))
        ));
    }

    #[test]
    fn a_huge_audit_log_is_trimmed_to_fit_and_says_so() {
        let mut w = world();
        let alice = Caller::new("arn:aws:iam::123412341234:user/Alice");
        let big = kms_core::b64::encode(&[7u8; 4096]);
        for _ in 0..1500 {
            w.request(&alice, Service::Kms,
                "Encrypt",
                &json!({"KeyId": "alias/cmk-a", "Plaintext": big, "EncryptionContext": {"k": "v".repeat(3000)}}),
            );
        }
        let (text, left_out) = encode(&w, "x", "us-east-1", None);
        assert!(text.len() <= MAX_SAVE_BYTES, "{}", text.len());
        assert!(left_out > 0);
        let back = decode(&text).unwrap();
        assert_eq!(back.world.keys(), w.keys());
        assert_eq!(back.world.audit_log().len(), w.audit_log().len() - left_out);
    }
}
