//! What the three protocols share: URL encoding, XML written from AWS's shapes, and the
//! query protocol's fields read into the JSON shape the world takes.

use kms_core::clock::Timestamp;
use kms_core::service::{Kind, Member, Shape};
use serde_json::{Map, Value};

/// Percent-decodes `text`; with `plus`, `+` is a space (form fields). `None` when the
/// result is not UTF-8.
pub fn decode(text: &str, plus: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// `text` percent-encoded as S3 encodes keys in a listing: all but RFC 3986's unreserved
/// characters and `/`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The pairs of a query string or a form body, decoded. `None` when one is not UTF-8.
pub fn pairs(text: &str) -> Option<Vec<(String, String)>> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((decode(k, true)?, decode(v, true)?))
        })
        .collect()
}

/// `text` escaped for XML character data and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters at all, even escaped.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// How a protocol writes a list in XML.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lists {
    /// Each item in a `<member>` inside the list's element (IAM's query protocol).
    Wrapped,
    /// Each item an element of the list's name (S3's `<Contents>`).
    Flattened,
}

/// Appends the members of a structure `value` to `out`, in the order the model gives
/// them, as elements.
pub fn write_members(out: &mut String, members: &[Member], value: &Value, lists: Lists) {
    for m in members {
        if let Some(v) = value.get(m.name).filter(|v| !v.is_null()) {
            write_value(out, m.name, m.shape, v, lists);
        }
    }
}

fn write_value(out: &mut String, name: &str, shape: &Shape, value: &Value, lists: Lists) {
    match shape.kind {
        Kind::Structure(members) => {
            out.push_str(&format!("<{name}>"));
            write_members(out, members, value, lists);
            out.push_str(&format!("</{name}>"));
        }
        Kind::List(item) => {
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            if lists == Lists::Wrapped {
                out.push_str(&format!("<{name}>"));
            }
            for v in items {
                let inner = if lists == Lists::Wrapped {
                    "member"
                } else {
                    name
                };
                write_value(out, inner, item, v, lists);
            }
            if lists == Lists::Wrapped {
                out.push_str(&format!("</{name}>"));
            }
        }
        Kind::Map(_, item) => {
            out.push_str(&format!("<{name}>"));
            if let Some(map) = value.as_object() {
                for (k, v) in map {
                    out.push_str(&format!("<entry><key>{}</key>", escape(k)));
                    write_value(out, "value", item, v, lists);
                    out.push_str("</entry>");
                }
            }
            out.push_str(&format!("</{name}>"));
        }
        Kind::Timestamp => {
            out.push_str(&format!("<{name}>{}</{name}>", escape(&iso(value))));
        }
        _ => {
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push_str(&format!("<{name}>{}</{name}>", escape(&text)));
        }
    }
}

/// A timestamp as ISO 8601 (`2026-12-07T10:00:00Z`): the world writes some as text, some as
/// seconds since 1970.
pub fn iso(value: &Value) -> String {
    match value {
        Value::Number(n) => n
            .as_f64()
            .and_then(|s| Timestamp::from_unix_seconds(s as i64))
            .map(|t| t.to_string())
            .unwrap_or_default(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

/// A timestamp as HTTP's date (`Mon, 07 Dec 2026 10:00:00 GMT`), for S3's `Last-Modified`.
pub fn http_date(value: &Value) -> Option<String> {
    let t = match value {
        Value::Number(n) => Timestamp::from_unix_seconds(n.as_i64()?)?,
        Value::String(s) => Timestamp::parse(s).ok()?,
        _ => return None,
    };
    let secs = u64::try_from(t.unix_seconds()).ok()?;
    Some(httpdate::fmt_http_date(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs),
    ))
}

/// Reads the query protocol's fields (`UserName=…`, `Tags.member.1.Key=…`) into the JSON
/// object of `members`: the shape the world takes. A value of the wrong kind is an error
/// naming the field.
pub fn read_fields(
    members: &[Member],
    fields: &[(String, String)],
    prefix: &str,
) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    for m in members {
        let name = format!("{prefix}{}", m.name);
        if let Some(v) = read_field(m.shape, fields, &name)? {
            out.insert(m.name.to_string(), v);
        }
    }
    Ok(out)
}

fn read_field(
    shape: &Shape,
    fields: &[(String, String)],
    name: &str,
) -> Result<Option<Value>, String> {
    let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let under = |n: &str| {
        let p = format!("{n}.");
        fields.iter().any(|(k, _)| k.starts_with(&p))
    };
    Ok(match shape.kind {
        Kind::Structure(members) => {
            if !under(name) {
                return Ok(None);
            }
            Some(Value::Object(read_fields(
                members,
                fields,
                &format!("{name}."),
            )?))
        }
        Kind::List(item) => {
            if get(name) == Some("") {
                return Ok(Some(Value::Array(Vec::new())));
            }
            let mut items = Vec::new();
            for i in 1..=1000 {
                match read_field(item, fields, &format!("{name}.member.{i}"))? {
                    Some(v) => items.push(v),
                    None => break,
                }
            }
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Kind::Map(_, item) => {
            let mut map = Map::new();
            for i in 1..=1000 {
                let Some(k) = get(&format!("{name}.entry.{i}.key")) else {
                    break;
                };
                if let Some(v) = read_field(item, fields, &format!("{name}.entry.{i}.value"))? {
                    map.insert(k.to_string(), v);
                }
            }
            (!map.is_empty()).then_some(Value::Object(map))
        }
        Kind::Integer | Kind::Long => match get(name) {
            None => None,
            Some(v) => Some(Value::from(v.parse::<i64>().map_err(|_| {
                format!("{name} must be a whole number, not `{}`", clip(v))
            })?)),
        },
        Kind::Boolean => match get(name) {
            None => None,
            Some("true") => Some(Value::Bool(true)),
            Some("false") => Some(Value::Bool(false)),
            Some(v) => return Err(format!("{name} must be true or false, not `{}`", clip(v))),
        },
        _ => get(name).map(|v| Value::String(v.to_string())),
    })
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_decode_as_aws_encodes_them() {
        assert_eq!(decode("a%2Fb%20c", false).unwrap(), "a/b c");
        assert_eq!(decode("a+b", true).unwrap(), "a b");
        assert_eq!(decode("a+b", false).unwrap(), "a+b");
        assert_eq!(decode("100%", false).unwrap(), "100%");
        assert!(decode("%ff", false).is_none());
        assert_eq!(encode("dir/a b+\u{1}é"), "dir/a%20b%2B%01%C3%A9");
        assert_eq!(decode(&encode("dir/a b+é"), false).unwrap(), "dir/a b+é");
        let p = pairs("Action=CreateUser&UserName=Erin&Path=%2F&flag").unwrap();
        assert_eq!(p.len(), 4);
        assert_eq!(p[2], ("Path".into(), "/".into()));
        assert_eq!(p[3], ("flag".into(), String::new()));
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(escape("a\u{1}b"), "a\\u{1}b");
    }

    #[test]
    fn http_dates_are_rfc_7231() {
        assert_eq!(
            http_date(&Value::from("2026-12-07T10:00:00Z")).unwrap(),
            "Mon, 07 Dec 2026 10:00:00 GMT"
        );
        assert_eq!(iso(&Value::from(0)), "1970-01-01T00:00:00Z");
    }
}
