//! Embed mode and the embedding API (docs/EMBEDDING.md).
//!
//! `?embed` (or `#embed`) opens the page made for an iframe in a course page: no welcome,
//! one panel, a link out to the full playground, and nothing read from or written to this
//! browser's saved world. The host page and the frame talk by `postMessage`; messages are
//! plain objects (converted with `serde-wasm-bindgen`), versioned, and validated: a
//! malformed message is answered with an `error` message and changes nothing.

use serde::Serialize;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

use crate::play::{Play, Played};
use crate::route::Panel;

/// The `type` of every message, both ways.
pub const MESSAGE_TYPE: &str = "kms-playground";
/// The version of the messages this build speaks.
pub const API_VERSION: u64 = 1;

thread_local! {
    /// Embed mode, decided once from the address the page opened with: the fragment
    /// changes as the learner moves between panels, and the mode must not.
    static EMBEDDED: bool = web_sys::window()
        .map(|w| w.location())
        .is_some_and(|loc| embedded_by(&loc.search().unwrap_or_default(), &loc.hash().unwrap_or_default()));
    /// Whether the host's messages are already listened to.
    static LISTENING: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// Whether the page was opened to be embedded.
pub fn is_embedded() -> bool {
    EMBEDDED.with(|e| *e)
}

/// Whether this page is shown inside a frame of a page from another origin: a frame whose
/// top window's address this page may not read. (A meta CSP cannot set `frame-ancestors`;
/// hosts set it as a header, README "Hosting".)
pub fn framed_by_another_site() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) if !js_sys::Object::is(&top, &window) => top.location().href().is_err(),
        // No top, or it cannot be reached: treat it as framed by a stranger.
        Ok(None) | Err(_) => true,
        Ok(Some(_)) => false,
    }
}

/// `?embed`, `?x&embed=1`, or `#embed`.
pub fn embedded_by(search: &str, hash: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "embed" || p.starts_with("embed="))
        || hash.trim_start_matches('#') == "embed"
}

/// The panel a `?panel=<slug>` asks for.
pub fn panel_asked(search: &str) -> Option<Panel> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("panel="))
        .and_then(|slug| Panel::from_fragment(&format!("#/{slug}")))
}

/// This page's address without its query and fragment, followed by `tail`.
pub fn page_url(tail: &str) -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return String::from(tail);
    };
    format!(
        "{}{}{tail}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

/// The `<iframe>` a course author copies to embed `fragment` (a share link's `s=…`).
pub fn iframe_snippet(fragment: &str, panel: Panel, title: &str) -> String {
    let src = page_url(&format!("?embed&panel={}#{fragment}", panel.slug()));
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<iframe src=\"{src}\" title=\"KMS Playground: {title}\" width=\"100%\" height=\"640\" style=\"border:1px solid #d1d5db;border-radius:8px;max-width:800px\"></iframe>"
    )
}

/// A message from the host, validated.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Load a scenario (the file as an object or as text); play it when `play` is true.
    Load {
        /// The scenario file's text.
        scenario: String,
        /// Start a guided play of it.
        play: bool,
        /// The panel to show.
        panel: Option<Panel>,
    },
    /// Show a panel.
    Show(Panel),
}

/// Reads a host's message. `Ok(None)`: not for us (another library's message).
pub fn read_command(v: &Value) -> Result<Option<Command>, String> {
    if v.get("type").and_then(Value::as_str) != Some(MESSAGE_TYPE) {
        return Ok(None);
    }
    match v.get("version").and_then(Value::as_u64) {
        Some(API_VERSION) => {}
        Some(n) => {
            return Err(format!(
                "version {n} is not spoken here: this frame speaks version {API_VERSION}"
            ));
        }
        None => return Err(String::from("the message has no version (a number, 1)")),
    }
    let panel = |v: &Value| -> Result<Option<Panel>, String> {
        match v.get("panel") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Panel::from_fragment(&format!("#/{s}"))
                .map(Some)
                .ok_or_else(|| format!("there is no panel “{s}”")),
            Some(_) => Err(String::from(
                "`panel` must be a panel's name, such as \"access\"",
            )),
        }
    };
    match v.get("command").and_then(Value::as_str) {
        Some("load") => {
            let scenario = match v.get("scenario") {
                Some(Value::String(s)) => s.clone(),
                Some(o @ Value::Object(_)) => o.to_string(),
                _ => {
                    return Err(String::from(
                        "`load` needs `scenario`: a scenario file, as an object or as text",
                    ));
                }
            };
            let play = match v.get("play") {
                None => false,
                Some(Value::Bool(b)) => *b,
                Some(_) => return Err(String::from("`play` must be true or false")),
            };
            Ok(Some(Command::Load {
                scenario,
                play,
                panel: panel(v)?,
            }))
        }
        Some("show") => panel(v)?
            .map(|p| Some(Command::Show(p)))
            .ok_or_else(|| String::from("`show` needs `panel`")),
        Some(other) => Err(format!(
            "unknown command “{other}”: the commands are load and show"
        )),
        None => Err(String::from("the message has no `command`")),
    }
}

/// A message to the host.
pub fn message(event: &str, mut fields: Value) -> Value {
    if let Value::Object(m) = &mut fields {
        m.insert("type".into(), json!(MESSAGE_TYPE));
        m.insert("version".into(), json!(API_VERSION));
        m.insert("event".into(), json!(event));
    }
    fields
}

fn to_js(v: &Value) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Sends `msg` to the page that embeds this one, if any.
fn post(msg: &Value, target: Option<&web_sys::Window>, origin: &str) {
    let parent = match target {
        Some(t) => Some(t.clone()),
        None => web_sys::window()
            .and_then(|w| w.parent().ok().flatten())
            .filter(|p| Some(p) != web_sys::window().as_ref()),
    };
    if let Some(p) = parent {
        let _ = p.post_message(&to_js(msg), origin);
    }
}

/// Reports `event` with `fields` to the page that embeds this one, if any (a lesson's
/// goals and completion).
pub fn report(event: &str, fields: Value) {
    if is_embedded() {
        post(&message(event, fields), None, "*");
    }
}

/// Reports that a play began.
pub fn report_started(p: &Play) {
    if is_embedded() {
        post(
            &message(
                "started",
                json!({"title": p.title(), "steps": p.runner.steps().len()}),
            ),
            None,
            "*",
        );
    }
}

/// Reports a guided step completed, with its outcome.
pub fn report_step(p: &Play, d: &Played) {
    if is_embedded() {
        post(
            &message(
                "step",
                json!({"title": p.title(), "index": d.index, "of": p.runner.steps().len(),
                    "outcome": d.outcome, "prediction": d.prediction, "right": d.right,
                    // Known when the step expected something (a prediction was asked).
                    "expectationMet": if d.unmet.is_some() { Some(false) } else { d.right.map(|_| true) }}),
            ),
            None,
            "*",
        );
    }
}

/// Reports a scenario finished, so a course can mark its lesson done.
pub fn report_finished(p: &Play) {
    if is_embedded() {
        let asked = p.done.iter().filter(|d| d.right.is_some()).count();
        let right = p.done.iter().filter(|d| d.right == Some(true)).count();
        let unmet = p.done.iter().filter(|d| d.unmet.is_some()).count();
        post(
            &message(
                "finished",
                json!({"title": p.title(), "steps": p.done.len(), "predicted": asked,
                    "right": right, "expectationsNotMet": unmet}),
            ),
            None,
            "*",
        );
    }
}

/// The most values (strings, numbers, objects, array items…) a message may hold: a 4 MiB
/// scenario file has far fewer.
const MAX_MESSAGE_VALUES: usize = 1_000_000;

/// Checks that a message is plain JSON data — strings, finite numbers, booleans, null,
/// arrays and plain objects — before it is converted; says what else it holds (a Date, a
/// Map, a BigInt, a Blob…), which a conversion would silently drop or change.
fn plain(v: &JsValue, depth: usize, left: &mut usize) -> Result<(), String> {
    *left = left
        .checked_sub(1)
        .ok_or("the message holds too many values")?;
    if depth > 128 {
        return Err(String::from("the message is nested too deeply"));
    }
    if v.is_null() || v.is_string() || v.as_bool().is_some() {
        return Ok(());
    }
    if let Some(n) = v.as_f64() {
        return if n.is_finite() {
            Ok(())
        } else {
            Err(String::from(
                "the message holds a number that is not finite",
            ))
        };
    }
    if v.is_bigint() {
        return Err(String::from(
            "the message holds a BigInt; send plain JSON data (write the number as a string)",
        ));
    }
    if !v.is_object() || v.is_function() {
        return Err(String::from(
            "the message holds something that is not JSON data (undefined, a symbol or a function)",
        ));
    }
    if js_sys::Array::is_array(v) {
        let items = js_sys::Array::from(v);
        for item in items.iter() {
            plain(&item, depth + 1, left)?;
        }
        return Ok(());
    }
    let proto =
        js_sys::Reflect::get_prototype_of(v).map_err(|_| "the message could not be read")?;
    let object_proto = js_sys::Reflect::get_prototype_of(&js_sys::Object::new().into())
        .map_err(|_| "the message could not be read")?;
    if !(proto.is_null() || js_sys::Object::is(&proto, &object_proto)) {
        let name = js_sys::Reflect::get(&proto, &JsValue::from_str("constructor"))
            .ok()
            .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("name")).ok())
            .and_then(|n| n.as_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| String::from("an object of a class"));
        return Err(format!(
            "the message holds a {name}, which is not plain JSON data: send strings, numbers, booleans, null, arrays and plain objects"
        ));
    }
    let obj = js_sys::Object::unchecked_from_js_ref(v);
    for entry in js_sys::Object::entries(obj).iter() {
        let pair = js_sys::Array::from(&entry);
        plain(&pair.get(1), depth + 1, left)?;
    }
    Ok(())
}

/// Listens to the host: each valid command is given to `apply` (which says what went
/// wrong, if anything), and every message of ours is answered. Says `ready` first.
pub fn listen(apply: impl Fn(Command) -> Result<(), String> + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let parent = window.parent().ok().flatten();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            // Only the page that embeds this frame may command it (not a sibling frame,
            // not the opener of a popup): checked before anything of the message is read.
            let from_parent = match (ev.source(), &parent) {
                (Some(s), Some(p)) => js_sys::Object::is(&s, p),
                _ => false,
            };
            if !from_parent {
                return;
            }
            let raw = ev.data();
            // Messages of other kinds (other tools on the host page) are not ours to answer.
            let ours = raw.is_object()
                && js_sys::Reflect::get(&raw, &JsValue::from_str("type"))
                    .ok()
                    .and_then(|t| t.as_string())
                    .is_some_and(|t| t == MESSAGE_TYPE);
            if !ours {
                return;
            }
            let source = ev
                .source()
                .and_then(|s| s.dyn_into::<web_sys::Window>().ok());
            let origin = ev.origin();
            let reply_to = if origin.is_empty() || origin == "null" {
                String::from("*")
            } else {
                origin
            };
            let data = plain(&raw, 0, &mut MAX_MESSAGE_VALUES.clone()).and_then(|()| {
                serde_wasm_bindgen::from_value::<Value>(raw)
                    .map_err(|e| format!("the message could not be read: {e}"))
            });
            let data = match data {
                Ok(d) => d,
                Err(e) => {
                    post(
                        &message("error", json!({"message": e})),
                        source.as_ref(),
                        &reply_to,
                    );
                    return;
                }
            };
            let reply = match read_command(&data) {
                Ok(None) => return,
                Ok(Some(cmd)) => match apply(cmd) {
                    Ok(()) => message("done", json!({"command": data.get("command")})),
                    Err(e) => message(
                        "error",
                        json!({"message": e, "command": data.get("command")}),
                    ),
                },
                Err(e) => message("error", json!({"message": e})),
            };
            post(&reply, source.as_ref(), &reply_to);
        });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    post(&message("ready", json!({})), None, "*");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_mode_is_asked_for_in_the_query_or_the_fragment() {
        assert!(embedded_by("?embed", ""));
        assert!(embedded_by("?panel=access&embed=1", "#s=v1.x"));
        assert!(embedded_by("", "#embed"));
        assert!(!embedded_by("?embedded-nothing", "#/keys"));
        assert_eq!(panel_asked("?embed&panel=access"), Some(Panel::Access));
        assert_eq!(panel_asked("?embed&panel=nowhere"), None);
    }

    #[test]
    fn host_messages_are_validated() {
        let load = json!({"type": "kms-playground", "version": 1, "command": "load",
            "scenario": {"format": "kms-playground/scenario@1"}, "play": true, "panel": "scenarios"});
        assert_eq!(
            read_command(&load).unwrap(),
            Some(Command::Load {
                scenario: String::from(r#"{"format":"kms-playground/scenario@1"}"#),
                play: true,
                panel: Some(Panel::Scenarios)
            })
        );
        assert_eq!(
            read_command(&json!({"hello": 1})).unwrap(),
            None,
            "not ours"
        );
        assert_eq!(read_command(&json!("text")).unwrap(), None);
        let bad = |v: Value| read_command(&v).unwrap_err();
        assert!(bad(json!({"type": "kms-playground", "command": "show"})).contains("no version"));
        assert!(
            bad(json!({"type": "kms-playground", "version": 2, "command": "show"}))
                .contains("version 2")
        );
        assert!(
            bad(json!({"type": "kms-playground", "version": 1, "command": "explode"}))
                .contains("unknown command")
        );
        assert!(
            bad(json!({"type": "kms-playground", "version": 1, "command": "load"}))
                .contains("needs `scenario`")
        );
        assert!(bad(json!({"type": "kms-playground", "version": 1, "command": "show", "panel": "nowhere"})).contains("no panel"));
        assert!(bad(json!({"type": "kms-playground", "version": 1, "command": "load", "scenario": "{}", "play": "yes"})).contains("true or false"));
    }

    #[test]
    fn messages_to_the_host_carry_type_version_and_event() {
        let m = message("step", json!({"index": 2}));
        assert_eq!(m["type"], "kms-playground");
        assert_eq!(m["version"], 1);
        assert_eq!(m["event"], "step");
        assert_eq!(m["index"], 2);
    }
}
