//! The AWS CLI's command line, read as the AWS CLI v2 reads it: `aws kms encrypt --key-id
//! alias/cmk-a --plaintext fileb://note.txt --region us-east-1` → the operation's
//! descriptor and its request, with the CLI's own options apart.
//!
//! Everything comes from the descriptors: an operation is found by the CLI's spelling of
//! its name (`re-encrypt`), an option by its member's (`--key-id`), and a value is read by
//! its member's shape: text, whole numbers, `--flag` / `--no-flag`, blobs (base64 by
//! default, as v2 does; raw text with `--cli-binary-format raw-in-base64-out`), lists (one
//! argument per item), and maps and structures in the CLI's shorthand (`k=v,k2=v2`) or in
//! JSON. `file://` and `fileb://` read from the [`Files`] the caller gives.
//!
//! Errors are the CLI's usage errors, with its exit status 252.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

use crate::b64;
use crate::service::{Descriptor, Kind, Member, Service, Shape};

/// The AWS CLI's exit status for a command it could not parse.
pub const USAGE_STATUS: u8 = 252;

/// What the CLI prints before a usage error.
pub(crate) const USAGE: &str = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

/// `KeyId` → `key-id`, `SSEKMSKeyId` → `ssekms-key-id`, `ListObjectsV2` →
/// `list-objects-v2`: the CLI's spelling of an API name.
pub fn kebab(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        if c.is_ascii_uppercase() && i > 0 {
            let after_lower = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            let acronym_end = prev.is_some_and(char::is_ascii_uppercase)
                && next.is_some_and(char::is_ascii_lowercase);
            if after_lower || acronym_end {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A command line that could not be read: the message the CLI prints, and its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Usage {
    /// What the CLI prints.
    pub message: String,
    /// Its exit status.
    pub status: u8,
}

pub(crate) fn usage(message: impl Into<String>) -> Usage {
    Usage {
        message: message.into(),
        status: USAGE_STATUS,
    }
}

/// A command line split into words as a POSIX shell splits it: blanks separate words;
/// single quotes keep everything; double quotes keep everything but `\"` and `\\`; a
/// backslash outside quotes keeps the next character.
pub fn words(line: &str) -> Result<Vec<String>, Usage> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if in_word {
                    out.push(core::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => word.push(x),
                        None => return Err(usage("unexpected end of line: a ' is not closed")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => word.push(x),
                            Some(x) => {
                                word.push('\\');
                                word.push(x);
                            }
                            None => {
                                return Err(usage("unexpected end of line: a \" is not closed"));
                            }
                        },
                        Some(x) => word.push(x),
                        None => return Err(usage("unexpected end of line: a \" is not closed")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(x) = chars.next() {
                    word.push(x);
                }
            }
            _ => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(word);
    }
    Ok(out)
}

/// Where `file://` and `fileb://` read from.
pub trait Files {
    /// The bytes of the file at `path`, if there is one.
    fn read(&self, path: &str) -> Option<Vec<u8>>;
}

/// How blob arguments given as text are read (`--cli-binary-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryFormat {
    /// The text is base64 (v2's default).
    Base64,
    /// The text is the bytes themselves.
    RawInBase64Out,
}

/// A command the CLI would send: the operation, its request, and the CLI's own options.
#[derive(Clone, Debug)]
pub struct Command {
    /// The operation.
    pub operation: &'static Descriptor,
    /// Its request, in the API's JSON (blobs in base64).
    pub input: Value,
    /// `--region`.
    pub region: Option<String>,
    /// `--profile`.
    pub profile: Option<String>,
    /// `--output`.
    pub output: Option<String>,
    /// `--query`.
    pub query: Option<String>,
    /// Whether a paginated operation is called for every page (not `--no-paginate`).
    pub paginate: bool,
    /// `aws s3api get-object`'s OUTFILE: where the body is written (and left out of what
    /// is printed).
    pub outfile: Option<String>,
}

/// The CLI's own options that take a value, and those that do not.
const GLOBAL_VALUED: [&str; 7] = [
    "--region",
    "--profile",
    "--output",
    "--query",
    "--cli-binary-format",
    "--endpoint-url",
    "--color",
];
const GLOBAL_FLAGS: [&str; 3] = ["--no-cli-pager", "--no-paginate", "--debug"];

/// `--option=value` is `--option value`, as argparse reads it.
pub(crate) fn split_equals(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|a| match a.split_once('=') {
            Some((opt, v)) if opt.starts_with("--") && !opt.contains(' ') => {
                alloc::vec![String::from(opt), String::from(v)]
            }
            _ => alloc::vec![a.clone()],
        })
        .collect()
}

/// The CLI's own options (`--region`, `--profile`, …) apart from the command's.
pub(crate) fn globals(args: &[String]) -> Result<(Map<String, Value>, Vec<&str>), Usage> {
    let mut globals: Map<String, Value> = Map::new();
    let mut own: Vec<&str> = Vec::new();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if GLOBAL_VALUED.contains(&arg.as_str()) {
            let Some(v) = args.get(i + 1) else {
                return Err(usage(format!(
                    "{USAGE}\naws: error: argument {arg}: expected one argument"
                )));
            };
            globals.insert(arg.clone(), Value::String(v.clone()));
            i += 2;
        } else if GLOBAL_FLAGS.contains(&arg.as_str()) {
            globals.insert(arg.clone(), Value::Bool(true));
            i += 1;
        } else {
            own.push(arg);
            i += 1;
        }
    }
    Ok((globals, own))
}

/// Reads `aws <service> <operation> [options]` (`words` from [`words`], `aws` first).
pub fn parse(words: &[String], files: &dyn Files) -> Result<Command, Usage> {
    let mut rest = words;
    if rest.first().map(String::as_str) == Some("aws") {
        rest = rest.get(1..).unwrap_or_default();
    }
    let prog = USAGE;
    let Some(service_name) = rest.first() else {
        return Err(usage(format!(
            "{prog}\naws: error: the following arguments are required: command"
        )));
    };
    let Some(service) = Service::ALL
        .into_iter()
        .find(|s| s.cli_name() == service_name)
    else {
        return Err(usage(format!(
            "{prog}\naws: error: argument command: Invalid choice, valid choices are:\n\n{}",
            ["kms", "s3", "s3api", "iam"].join(" | ")
        )));
    };
    let Some(op_name) = rest.get(1) else {
        return Err(usage(format!(
            "{prog}\naws: error: the following arguments are required: operation"
        )));
    };
    let Some(operation) = service
        .operations()
        .iter()
        .find(|d| kebab(d.name()) == *op_name)
    else {
        let choices: Vec<String> = service
            .operations()
            .iter()
            .map(|d| kebab(d.name()))
            .collect();
        return Err(usage(format!(
            "{prog}\naws: error: argument operation: Invalid choice, valid choices are:\n\n{}",
            choices.join(" | ")
        )));
    };
    let args = split_equals(rest.get(2..).unwrap_or_default());
    // First the CLI's own options, so that the binary format is known before blobs.
    let (globals, own) = globals(&args)?;
    let format = match globals.get("--cli-binary-format").and_then(Value::as_str) {
        None | Some("base64") => BinaryFormat::Base64,
        Some("raw-in-base64-out") => BinaryFormat::RawInBase64Out,
        Some(other) => {
            return Err(usage(format!(
                "aws: error: argument --cli-binary-format: Invalid choice, valid choices are:\n\nbase64 | raw-in-base64-out\n(got {other})"
            )));
        }
    };

    let members = operation.input();
    let mut input = Map::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut j = 0;
    while let Some(arg) = own.get(j) {
        j += 1;
        let Some(flag) = arg.strip_prefix("--") else {
            unknown.push((*arg).to_owned());
            continue;
        };
        let found = members.iter().find(|m| kebab(m.name) == flag);
        let negated = flag
            .strip_prefix("no-")
            .and_then(|f| members.iter().find(|m| kebab(m.name) == f))
            .filter(|m| matches!(m.shape.kind, Kind::Boolean));
        if let Some(m) = negated.filter(|_| found.is_none()) {
            input.insert(m.name.into(), Value::Bool(false));
            continue;
        }
        let Some(m) = found else {
            unknown.push((*arg).to_owned());
            continue;
        };
        if matches!(m.shape.kind, Kind::Boolean) {
            input.insert(m.name.into(), Value::Bool(true));
            continue;
        }
        // The values up to the next option.
        let mut values: Vec<&str> = Vec::new();
        while let Some(v) = own.get(j) {
            if v.starts_with("--") {
                break;
            }
            values.push(v);
            j += 1;
        }
        if values.is_empty() {
            return Err(usage(format!(
                "{USAGE}\naws: error: argument {arg}: expected one argument"
            )));
        }
        let first = values.first().copied().unwrap_or_default();
        let value = match m.shape.kind {
            Kind::List(item) if !(values.len() == 1 && first.starts_with('[')) => {
                let mut list = Vec::new();
                for v in &values {
                    list.push(value_of(m, item, v, files, format)?);
                }
                Value::Array(list)
            }
            _ => {
                if values.len() > 1 {
                    unknown.extend(
                        values
                            .get(1..)
                            .unwrap_or_default()
                            .iter()
                            .map(|v| (*v).to_owned()),
                    );
                }
                value_of(m, m.shape, first, files, format)?
            }
        };
        input.insert(m.name.into(), value);
    }
    // `aws s3api get-object … OUTFILE`: the object's body goes to a file, as the CLI has
    // it (a positional argument it requires).
    let wants_outfile = operation.service == Service::S3 && operation.name() == "GetObject";
    let outfile = if wants_outfile && unknown.first().is_some_and(|u| !u.starts_with("--")) {
        Some(unknown.remove(0))
    } else {
        None
    };
    // A required option missing is told first (argparse's check), then unknown ones:
    // a mistyped `--key-idd` reads as `--key-id` missing, as in the real CLI.
    let missing: Vec<String> = members
        .iter()
        .filter(|m| m.required && !input.contains_key(m.name))
        .map(|m| format!("--{}", kebab(m.name)))
        .chain((wants_outfile && outfile.is_none()).then(|| String::from("outfile")))
        .collect();
    if !missing.is_empty() {
        return Err(usage(format!(
            "{prog}\naws: error: the following arguments are required: {}",
            missing.join(", ")
        )));
    }
    if !unknown.is_empty() {
        return Err(usage(format!(
            "{USAGE}\nUnknown options: {}",
            unknown.join(", ")
        )));
    }
    let text = |k: &str| globals.get(k).and_then(Value::as_str).map(String::from);
    // As the CLI, the output format and the query are checked before any call is made.
    Output::named(text("--output").as_deref())?;
    #[cfg(feature = "query")]
    if let Some(q) = text("--query") {
        output::compile(&q)?;
    }
    Ok(Command {
        operation,
        input: Value::Object(input),
        region: text("--region"),
        profile: text("--profile"),
        output: text("--output"),
        query: text("--query"),
        paginate: !globals.contains_key("--no-paginate"),
        outfile,
    })
}

/// The text of an argument, or of the file it names (`file://`).
fn text_of(member: &Member, arg: &str, files: &dyn Files) -> Result<String, Usage> {
    match arg.strip_prefix("file://") {
        Some(path) => {
            let bytes = read(member, arg, files)?;
            String::from_utf8(bytes).map_err(|_| {
                usage(format!(
                    "Error parsing parameter '--{}': Unable to load paramfile ({path}), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.",
                    kebab(member.name)
                ))
            })
        }
        None => Ok(arg.to_owned()),
    }
}

fn read(member: &Member, arg: &str, files: &dyn Files) -> Result<Vec<u8>, Usage> {
    let path = arg
        .strip_prefix("fileb://")
        .or_else(|| arg.strip_prefix("file://"))
        .unwrap_or(arg);
    files.read(path).ok_or_else(|| {
        usage(format!(
            "Error parsing parameter '--{}': Unable to load paramfile {arg}: [Errno 2] No such file or directory: '{path}'",
            kebab(member.name)
        ))
    })
}

/// One argument read as a value of `shape` (for `member`).
fn value_of(
    member: &Member,
    shape: &'static Shape,
    arg: &str,
    files: &dyn Files,
    format: BinaryFormat,
) -> Result<Value, Usage> {
    let bad = |why: &str| {
        usage(format!(
            "Error parsing parameter '--{}': {why}",
            kebab(member.name)
        ))
    };
    match shape.kind {
        // A streaming body (S3's object data) is the path of a file.
        Kind::Blob if member.location == crate::service::Location::Payload => {
            // (the path, with or without fileb://)
            Ok(Value::String(b64::encode(&read(member, arg, files)?)))
        }
        Kind::Blob => {
            if arg.starts_with("fileb://") {
                return Ok(Value::String(b64::encode(&read(member, arg, files)?)));
            }
            let text = text_of(member, arg, files)?;
            match format {
                BinaryFormat::RawInBase64Out => Ok(Value::String(b64::encode(text.as_bytes()))),
                BinaryFormat::Base64 => match b64::decode(&text) {
                    Ok(bytes) => Ok(Value::String(b64::encode(&bytes))),
                    Err(_) => Err(usage(format!("\nInvalid base64: \"{text}\"\n"))),
                },
            }
        }
        Kind::String | Kind::Timestamp => Ok(Value::String(text_of(member, arg, files)?)),
        Kind::Integer | Kind::Long => {
            let text = text_of(member, arg, files)?;
            text.trim()
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| usage(format!("invalid literal for int() with base 10: '{text}'")))
        }
        Kind::Boolean => match text_of(member, arg, files)?.as_str() {
            "true" | "True" => Ok(Value::Bool(true)),
            "false" | "False" => Ok(Value::Bool(false)),
            other => Err(bad(&format!("expected true or false, got '{other}'"))),
        },
        Kind::List(_) | Kind::Map(..) | Kind::Structure(_) => {
            let text = text_of(member, arg, files)?;
            let trimmed = text.trim_start();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                serde_json::from_str(&text)
                    .map_err(|e| bad(&format!("Invalid JSON: {e}\nJSON received: {text}")))
            } else {
                let mut p = Shorthand {
                    text: text.as_bytes(),
                    at: 0,
                };
                let v = p.value(shape, true).map_err(|e| bad(&e))?;
                if let Some(c) = p.peek() {
                    return Err(bad(&format!(
                        "Expected: ',', received: '{}' for input:\n{text}",
                        char::from(c)
                    )));
                }
                Ok(v)
            }
        }
    }
}

/// The CLI's shorthand syntax: `k=v,k2=v2` for a structure or map, `a,b` for a list,
/// `k={...}` and `k=[...]` nested, values quoted with `'` or `"` when they hold `,=`.
struct Shorthand<'a> {
    text: &'a [u8],
    at: usize,
}

impl Shorthand<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    /// A value of `shape`; `top`: not inside brackets (a list there is `a,b`).
    fn value(&mut self, shape: &'static Shape, top: bool) -> Result<Value, String> {
        match shape.kind {
            Kind::Structure(members) => self.pairs(top, |k| {
                members.iter().find(|m| m.name == k).map(|m| m.shape)
            }),
            Kind::Map(_, v) => self.pairs(top, |_| Some(v)),
            // Inside a structure a list is bracketed (`k=[a,b]`), or one item (`k=a`).
            Kind::List(item) if !top && self.peek() != Some(b'[') => {
                Ok(Value::Array(alloc::vec![self.value(item, false)?]))
            }
            Kind::List(item) => {
                let bracket = self.peek() == Some(b'[');
                let mut out = Vec::new();
                self.items(b'[', b']', bracket, |p| {
                    out.push(p.value(item, false)?);
                    Ok(())
                })?;
                Ok(Value::Array(out))
            }
            Kind::Integer | Kind::Long => {
                let s = self.scalar()?;
                s.parse::<i64>()
                    .map(Value::from)
                    .map_err(|_| format!("invalid literal for int() with base 10: '{s}'"))
            }
            Kind::Boolean => match self.scalar()?.as_str() {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                other => Err(format!("expected true or false, got '{other}'")),
            },
            _ => self.scalar().map(Value::String),
        }
    }

    /// `k=v,k2=v2` (in `{}` when not at the top), each value of the shape `of(k)` gives.
    fn pairs(
        &mut self,
        top: bool,
        of: impl Fn(&str) -> Option<&'static Shape>,
    ) -> Result<Value, String> {
        let brace = !top || self.peek() == Some(b'{');
        let mut out = Map::new();
        self.items(b'{', b'}', brace, |p| {
            let key = p.key()?;
            if p.peek() != Some(b'=') {
                return Err(format!(
                    "Expected: '=', received: end of input for key '{key}'"
                ));
            }
            p.at += 1;
            let shape = of(&key).ok_or_else(|| format!("Unknown key '{key}'"))?;
            let v = p.value(shape, false)?;
            out.insert(key, v);
            Ok(())
        })?;
        Ok(Value::Object(out))
    }

    /// Items separated by `,`, between `open` and `close` when `bracketed` (else to the
    /// end), each read by `item`.
    fn items(
        &mut self,
        open: u8,
        close: u8,
        bracketed: bool,
        mut item: impl FnMut(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        if bracketed {
            if self.peek() != Some(open) {
                return Err(format!("Expected: '{}'", char::from(open)));
            }
            self.at += 1;
        }
        loop {
            if bracketed && self.peek() == Some(close) {
                self.at += 1;
                return Ok(());
            }
            item(self)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if bracketed && c == close => {
                    self.at += 1;
                    return Ok(());
                }
                None if !bracketed => return Ok(()),
                Some(c) => return Err(format!("Expected: ',', received: '{}'", char::from(c))),
                None => {
                    return Err(format!(
                        "Expected: '{}', received: end of input",
                        char::from(close)
                    ));
                }
            }
        }
    }

    fn key(&mut self) -> Result<String, String> {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c == b'=' || c == b',' || c == b'{' || c == b'}' {
                break;
            }
            self.at += 1;
        }
        let key = core::str::from_utf8(self.text.get(start..self.at).unwrap_or_default())
            .map_err(|_| String::from("a key is not UTF-8"))?
            .trim()
            .to_string();
        if key.is_empty() {
            return Err(String::from("Expected: key, received: nothing"));
        }
        Ok(key)
    }

    /// A value up to `,`, `}` or `]`, or quoted.
    fn scalar(&mut self) -> Result<String, String> {
        if let Some(q @ (b'\'' | b'"')) = self.peek() {
            self.at += 1;
            let start = self.at;
            while let Some(c) = self.peek() {
                if c == q {
                    let s = core::str::from_utf8(self.text.get(start..self.at).unwrap_or_default())
                        .map_err(|_| String::from("a value is not UTF-8"))?
                        .to_string();
                    self.at += 1;
                    return Ok(s);
                }
                self.at += 1;
            }
            return Err(String::from(
                "Expected: a closing quote, received: end of input",
            ));
        }
        let start = self.at;
        while let Some(c) = self.peek() {
            if c == b',' || c == b'}' || c == b']' {
                break;
            }
            self.at += 1;
        }
        core::str::from_utf8(self.text.get(start..self.at).unwrap_or_default())
            .map(|s| s.trim().to_string())
            .map_err(|_| String::from("a value is not UTF-8"))
    }
}

mod help;
mod output;
mod s3;
mod table;
#[cfg(test)]
mod tests;

pub use help::help;
pub use output::{
    Output, Printed, SERVICE_ERROR_STATUS, call_pages, outfile, print, profile, service_error,
    shown,
};
#[cfg(feature = "query")]
pub use output::{printed, query};
pub use s3::{Answer, Done, S3Command, Transfer, is_s3, parse_s3};
