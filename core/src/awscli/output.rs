//! What the AWS CLI prints for a response: the response as the CLI holds it (timestamps
//! as ISO 8601 text, as v2 prints them), `--query` applied, then `--output json`, `text`
//! or `table` — each written as the AWS CLI's own formatters write it
//! (`awscli/formatter.py`, `awscli/text.py`, `awscli/table.py`).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;
use serde_json::{Map, Value};

use super::{USAGE, Usage, usage};
use crate::clock::Timestamp;
use crate::service::{Descriptor, Kind, Member, Shape};

/// The AWS CLI's exit status for an error a service answered (v2's; v1 uses 255).
pub const SERVICE_ERROR_STATUS: u8 = 254;

/// `--output`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// JSON, indented by four spaces (the default).
    Json,
    /// Tab-separated lines.
    Text,
    /// Boxed tables.
    Table,
}

impl Output {
    /// The format `--output` names (JSON when it names none).
    pub fn named(name: Option<&str>) -> Result<Output, Usage> {
        match name {
            None | Some("json") => Ok(Output::Json),
            Some("text") => Ok(Output::Text),
            Some("table") => Ok(Output::Table),
            Some("yaml" | "yaml-stream") => Err(usage(
                "aws: error: argument --output: yaml is not in the playground's AWS CLI: use json, text or table",
            )),
            Some(other) => Err(usage(format!(
                "{USAGE}\naws: error: argument --output: Invalid choice, valid choices are:\n\njson | text | table | yaml | yaml-stream\n(got {other:?})"
            ))),
        }
    }
}

/// The response as the CLI holds it before printing: timestamps (seconds since the epoch on
/// the wire) become ISO 8601 text in UTC, as v2 prints them (`2026-01-01T00:00:00+00:00`).
pub fn shown(operation: &Descriptor, response: &Value) -> Value {
    let mut v = response.clone();
    if let Value::Object(m) = &mut v {
        structure(operation.output(), m);
    }
    v
}

fn structure(members: &[Member], m: &mut Map<String, Value>) {
    for member in members {
        if let Some(v) = m.get_mut(member.name) {
            shape(member.shape, v);
        }
    }
}

fn shape(s: &Shape, v: &mut Value) {
    match (s.kind, v) {
        (Kind::Timestamp, v) => {
            let t = v.as_i64().and_then(Timestamp::from_unix_seconds);
            if let Some(t) = t {
                let z = t.to_string();
                *v = Value::String(format!("{}+00:00", z.trim_end_matches('Z')));
            }
        }
        (Kind::List(item), Value::Array(a)) => a.iter_mut().for_each(|x| shape(item, x)),
        (Kind::Map(_, item), Value::Object(m)) => m.values_mut().for_each(|x| shape(item, x)),
        (Kind::Structure(members), Value::Object(m)) => structure(members, m),
        _ => {}
    }
}

/// What the CLI prints for `value` in `output`: nothing for an empty response in JSON (an
/// operation that answers nothing prints nothing), and a trailing newline otherwise.
/// `members`, when given, order each object's keys in JSON as botocore builds them: in
/// the model's order of the response's members.
pub fn print(
    value: &Value,
    output: Output,
    title: &str,
    members: Option<&'static [Member]>,
) -> String {
    match output {
        Output::Json if value.as_object().is_some_and(Map::is_empty) => String::new(),
        Output::Json => {
            let mut out = String::new();
            let order = members.map_or(Order::Sorted, Order::Members);
            json(value, order, 0, &mut out);
            out.push('\n');
            out
        }
        Output::Text => {
            let mut out = String::new();
            text(value, None, None, &mut out);
            out
        }
        Output::Table => super::table::table(title, value),
    }
}

/// The order of an object's keys in JSON.
#[derive(Clone, Copy)]
enum Order {
    /// As the model lists the members (then any other key, sorted).
    Members(&'static [Member]),
    /// A value of this shape.
    Shape(&'static Shape),
    /// Sorted (a value the model does not describe).
    Sorted,
}

impl Order {
    fn members(self) -> &'static [Member] {
        match self {
            Order::Members(m) => m,
            Order::Shape(s) => match s.kind {
                Kind::Structure(m) => m,
                _ => &[],
            },
            Order::Sorted => &[],
        }
    }

    /// The order inside the member `key` of an object, or inside an item of a list.
    fn of(self, key: Option<&str>) -> Order {
        match (self, key) {
            (Order::Shape(s), None) => match s.kind {
                Kind::List(item) => Order::Shape(item),
                _ => Order::Sorted,
            },
            (Order::Shape(s), Some(_)) if matches!(s.kind, Kind::Map(..)) => match s.kind {
                Kind::Map(_, item) => Order::Shape(item),
                _ => Order::Sorted,
            },
            (o, Some(k)) => o
                .members()
                .iter()
                .find(|m| m.name == k)
                .map_or(Order::Sorted, |m| Order::Shape(m.shape)),
            _ => Order::Sorted,
        }
    }
}

/// Python's `json.dump(v, indent=4, ensure_ascii=False)`, keys in `order`.
fn json(v: &Value, order: Order, depth: usize, out: &mut String) {
    let pad = |out: &mut String, d: usize| {
        out.push('\n');
        for _ in 0..d {
            out.push_str("    ");
        }
    };
    match v {
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pad(out, depth + 1);
                json(x, order.of(None), depth + 1, out);
            }
            pad(out, depth);
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            let members = order.members();
            let modelled = members.iter().filter_map(|mm| m.get_key_value(mm.name));
            let others = m
                .iter()
                .filter(|(k, _)| !members.iter().any(|mm| mm.name == k.as_str()));
            for (i, (k, x)) in modelled.chain(others).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pad(out, depth + 1);
                quoted(k, out);
                out.push_str(": ");
                json(x, order.of(Some(k)), depth + 1, out);
            }
            pad(out, depth);
            out.push('}');
        }
        Value::String(s) => quoted(s, out),
        other => out.push_str(&other.to_string()),
    }
}

/// A JSON string as Python writes it with `ensure_ascii=False`.
fn quoted(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A scalar as Python's `str()` writes it.
pub(super) fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::from("None"),
        Value::Bool(true) => String::from("True"),
        Value::Bool(false) => String::from("False"),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// `awscli/text.py`: scalars of an object on one line (keys sorted), tab-separated, led by
/// the upper-cased name of the member that holds them; objects and lists below.
fn text(item: &Value, identifier: Option<&str>, scalar_keys: Option<&[&str]>, out: &mut String) {
    match item {
        Value::Object(m) => {
            let mut scalars: Vec<String> = Vec::new();
            let mut rest: Vec<(&str, &Value)> = Vec::new();
            match scalar_keys {
                None => {
                    for (k, v) in m {
                        if is_scalar(v) {
                            scalars.push(scalar(v));
                        } else {
                            rest.push((k, v));
                        }
                    }
                }
                Some(keys) => {
                    for k in keys {
                        scalars.push(m.get(*k).map(scalar).unwrap_or_default());
                    }
                    rest.extend(
                        m.iter()
                            .filter(|(k, _)| !keys.contains(&k.as_str()))
                            .map(|(k, v)| (k.as_str(), v)),
                    );
                }
            }
            if !scalars.is_empty() {
                if let Some(id) = identifier {
                    scalars.insert(0, id.to_uppercase());
                }
                out.push_str(&scalars.join("\t"));
                out.push('\n');
            }
            for (k, v) in rest {
                text(v, Some(k), None, out);
            }
        }
        Value::Array(a) if a.is_empty() => {}
        Value::Array(a) if a.iter().any(Value::is_object) => {
            let mut keys: Vec<&str> = a
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|m| {
                    m.iter()
                        .filter(|(_, v)| is_scalar(v))
                        .map(|(k, _)| k.as_str())
                })
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for x in a {
                text(x, identifier, Some(&keys), out);
            }
        }
        Value::Array(a) => {
            let scalars: Vec<&Value> = a.iter().filter(|x| is_scalar(x)).collect();
            if !scalars.is_empty() {
                match identifier {
                    Some(id) => {
                        for x in &scalars {
                            let _ = writeln!(out, "{}\t{}", id.to_uppercase(), scalar(x));
                        }
                    }
                    None => {
                        let line: Vec<String> = scalars.iter().map(|x| scalar(x)).collect();
                        out.push_str(&line.join("\t"));
                        out.push('\n');
                    }
                }
            }
            for x in a.iter().filter(|x| !is_scalar(x)) {
                text(x, identifier, None, out);
            }
        }
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

/// The line the CLI prints for an error a service answered.
pub fn service_error(operation: &str, code: &str, message: &str) -> String {
    format!("\n{}\n", error_line(operation, code, message))
}

/// `An error occurred (Code) when calling the Op operation: message`: the line the CLI
/// prints for a refused call, alone or after what it was doing (`upload failed: …`).
pub(crate) fn error_line(operation: &str, code: &str, message: &str) -> String {
    format!("An error occurred ({code}) when calling the {operation} operation: {message}")
}

/// `--query` read, or the CLI's error for an expression it cannot read.
#[cfg(feature = "query")]
pub(super) fn compile(expression: &str) -> Result<jmespath::Expression<'static>, Usage> {
    jmespath::compile(expression).map_err(|e| {
        usage(format!(
            "{USAGE}\naws: error: argument --query: Bad value for --query {expression}: {e}"
        ))
    })
}

/// `--query`: the JMESPath expression applied to the response.
#[cfg(feature = "query")]
pub fn query(expression: &str, value: &Value) -> Result<Value, Usage> {
    let found = compile(expression)?
        .search(value)
        .map_err(|e| usage(format!("{e}")))?;
    serde_json::to_value(&*found).map_err(|e| usage(format!("{e}")))
}

/// What a command printed, and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The exit status: 0, 252 (usage), 254 (the service refused the call).
    pub status: u8,
}

impl From<Usage> for Printed {
    fn from(u: Usage) -> Printed {
        Printed {
            stdout: String::new(),
            stderr: format!("{}\n", u.message.trim_end_matches('\n')),
            status: u.status,
        }
    }
}

/// What the CLI prints for `command`'s answer: the response (`Ok`), or the service's error
/// code and message (`Err`).
#[cfg(feature = "query")]
pub fn printed(command: &super::Command, answer: Result<&Value, (&str, &str)>) -> Printed {
    let name = command.operation.name();
    match answer {
        Err((code, message)) => Printed {
            stdout: String::new(),
            stderr: service_error(name, code, message),
            status: SERVICE_ERROR_STATUS,
        },
        Ok(v) => {
            let output = match Output::named(command.output.as_deref()) {
                Ok(o) => o,
                Err(u) => return u.into(),
            };
            let mut v = shown(command.operation, v);
            // The body went to OUTFILE: the CLI prints the rest.
            if let (Some(_), Value::Object(m)) = (&command.outfile, &mut v) {
                m.remove("Body");
            }
            if let Some(q) = &command.query {
                v = match query(q, &v) {
                    Ok(v) => v,
                    Err(u) => return u.into(),
                };
            }
            let members = command.query.is_none().then(|| command.operation.output());
            Printed {
                stdout: print(&v, output, name, members),
                stderr: String::new(),
                status: 0,
            }
        }
    }
}

/// The file `aws s3api get-object … OUTFILE` writes: its name and the response's body.
pub fn outfile(command: &super::Command, response: &Value) -> Option<(String, Vec<u8>)> {
    let name = command.outfile.clone()?;
    let body = response
        .get("Body")
        .and_then(Value::as_str)
        .and_then(|b| crate::b64::decode(b).ok())
        .unwrap_or_default();
    Some((name, body))
}

/// The principal `--profile NAME` calls as: a principal of the world by its handle (in any
/// case: `bob` is Bob), `root` for the account's root user, or an ARN as given. Another
/// name is a profile the CLI cannot find.
pub fn profile(world: &crate::world::World, name: &str) -> Result<String, Printed> {
    if name == "root" {
        return Ok(format!("arn:aws:iam::{}:root", world.account()));
    }
    if name.starts_with("arn:") {
        return Ok(String::from(name));
    }
    world
        .principals()
        .iter()
        .find(|p| {
            p.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .map(|p| String::from(p.principal.arn()))
        .ok_or_else(|| Printed {
            stdout: String::new(),
            stderr: format!("\nThe config profile ({name}) could not be found\n"),
            status: 255,
        })
}

/// How the CLI pages an operation's results (botocore's `paginators-1.json`): the members
/// it gathers from every page, the request member that asks for the next page, the
/// response member that names it, and the one that says there are more.
struct Paging {
    results: &'static [&'static str],
    input_token: &'static str,
    output_token: &'static str,
    more: Option<&'static str>,
}

fn paging(operation: &Descriptor) -> Option<Paging> {
    let kms = |result: &'static [&'static str]| Paging {
        results: result,
        input_token: "Marker",
        output_token: "NextMarker",
        more: Some("Truncated"),
    };
    match (operation.service, operation.name()) {
        (crate::service::Service::Kms, name) => match name {
            "ListAliases" => Some(kms(&["Aliases"])),
            "ListGrants" | "ListRetirableGrants" => Some(kms(&["Grants"])),
            "ListKeyPolicies" => Some(kms(&["PolicyNames"])),
            "ListKeys" => Some(kms(&["Keys"])),
            "ListResourceTags" => Some(kms(&["Tags"])),
            "ListKeyRotations" => Some(kms(&["Rotations"])),
            _ => None,
        },
        (crate::service::Service::S3, "ListObjectsV2") => Some(Paging {
            results: &["Contents", "CommonPrefixes"],
            input_token: "ContinuationToken",
            output_token: "NextContinuationToken",
            more: Some("IsTruncated"),
        }),
        _ => None,
    }
}

/// The most pages the CLI asks for in one command here (a world that always answers "more"
/// cannot keep it going).
pub(crate) const MAX_PAGES: usize = 1000;

/// Makes `command`'s call with `call`, as the CLI does: a paginated operation is called
/// page after page (unless `--no-paginate`), and its results are gathered into one
/// response without the paging members, as botocore's `build_full_result` does.
pub fn call_pages<E>(
    command: &super::Command,
    mut call: impl FnMut(&Value) -> Result<Value, E>,
) -> Result<Value, E> {
    let Some(p) = paging(command.operation).filter(|_| command.paginate) else {
        return call(&command.input);
    };
    let mut input = command.input.clone();
    let mut gathered: Map<String, Value> = Map::new();
    for _ in 0..MAX_PAGES {
        let page = call(&input)?;
        for r in p.results {
            let Some(Value::Array(items)) = page.get(*r) else {
                continue;
            };
            let all = gathered
                .entry(String::from(*r))
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(all) = all {
                all.extend(items.iter().cloned());
            }
        }
        let more = p
            .more
            .is_none_or(|m| page.get(m).and_then(Value::as_bool).unwrap_or(false));
        match page.get(p.output_token).filter(|_| more) {
            Some(token) if !token.is_null() => {
                if let Value::Object(m) = &mut input {
                    m.insert(String::from(p.input_token), token.clone());
                }
            }
            _ => break,
        }
    }
    Ok(Value::Object(gathered))
}
