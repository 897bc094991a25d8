//! A small JSON reader that remembers where everything is.
//!
//! Policies and scenario files are written by people, so every error and warning must point
//! at a line and column of their text. This reader keeps the [`Loc`] of every value and
//! every object key. It never panics, limits nesting depth, and reports the first syntax
//! error with its position.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

mod write;

pub use write::{to_compact, to_pretty, write_string};

/// A position in the source text: 1-based line and column (in characters), and the byte
/// offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, counted in characters.
    pub col: u32,
    /// Byte offset from the start of the text.
    pub offset: u32,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A JSON value with the position where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    /// The value.
    pub value: Value,
    /// Where the value starts.
    pub loc: Loc,
}

/// The kinds of JSON value. Numbers keep their source text: policies compare them as
/// strings or parse them as the operator demands.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: members in source order, each key with its own position.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Where the key starts.
    pub key_loc: Loc,
    /// The value.
    pub value: Json,
}

/// A syntax error with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Where the reader stopped.
    pub loc: Loc,
    /// What was wrong, in plain words.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.loc, self.message)
    }
}

impl core::error::Error for JsonError {}

/// Objects with at most this many members check for repeated keys by search.
const SMALL_OBJECT: usize = 16;

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;

impl Json {
    /// The name of this value's kind, for messages (`an object`, `a string`, ...).
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The member named `key` (exact match), if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }
}

/// Reads one JSON document (surrounding whitespace allowed; nothing else after it).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        col: 1,
        depth: 0,
    };
    if r.bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        r.pos = 3;
    }
    r.skip_ws();
    let value = r.value()?;
    r.skip_ws();
    if r.pos < r.bytes.len() {
        return Err(r.error("unexpected text after the end of the JSON document"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: u32,
    col: u32,
    depth: usize,
}

impl Reader<'_> {
    fn loc(&self) -> Loc {
        Loc {
            line: self.line,
            col: self.col,
            offset: u32::try_from(self.pos).unwrap_or(u32::MAX),
        }
    }

    fn error(&self, message: &str) -> JsonError {
        JsonError {
            loc: self.loc(),
            message: String::from(message),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Moves past one character (which may be several bytes), keeping line and column.
    fn bump(&mut self) {
        let Some(c) = self.text.get(self.pos..).and_then(|s| s.chars().next()) else {
            self.pos = self.bytes.len();
            return;
        };
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn expect_byte(&mut self, b: u8, message: &str) -> Result<(), JsonError> {
        if self.peek() == Some(b) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        let loc = self.loc();
        let value = match self.peek() {
            None => return Err(self.error("unexpected end of the text: a value was expected")),
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b'\'') => {
                return Err(self.error("strings must use double quotes `\"`, not single quotes"));
            }
            Some(b'}' | b']') => return Err(self.error("a value was expected here")),
            Some(b',') => return Err(self.error("a value was expected before this comma")),
            Some(_) => {
                return Err(self.error(
                    "a value was expected: an object, array, string, number, true, false or null",
                ));
            }
        };
        Ok(Json { value, loc })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(value)
        } else {
            Err(self.error(
                "a value was expected: an object, array, string, number, true, false or null",
            ))
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(self.error("the document is nested too deeply"))
        } else {
            Ok(())
        }
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.bump(); // {
        let mut members: Vec<Member> = Vec::new();
        let mut seen: Option<BTreeSet<String>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            self.depth -= 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            let key_loc = self.loc();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => return Err(self.error("a trailing comma is not allowed before `}`")),
                _ => return Err(self.error("an object key in double quotes was expected")),
            }
            let key = self.string()?;
            // Small objects are searched; past a handful of members a set keeps the check
            // linear (an object with 100,000 members must not take quadratic time).
            let repeated = match &mut seen {
                Some(set) => !set.insert(key.clone()),
                None if members.len() >= SMALL_OBJECT => {
                    let mut set: BTreeSet<String> = members.iter().map(|m| m.key.clone()).collect();
                    let repeated = !set.insert(key.clone());
                    seen = Some(set);
                    repeated
                }
                None => members.iter().any(|m| m.key == key),
            };
            if repeated {
                return Err(JsonError {
                    loc: key_loc,
                    message: alloc::format!("the key `{key}` appears twice in this object"),
                });
            }
            self.skip_ws();
            self.expect_byte(b':', "a `:` was expected after the object key")?;
            self.skip_ws();
            let value = self.value()?;
            members.push(Member {
                key,
                key_loc,
                value,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    break;
                }
                None => {
                    return Err(
                        self.error("unexpected end of the text: the object is not closed with `}`")
                    );
                }
                _ => return Err(self.error("a `,` or `}` was expected after the object member")),
            }
        }
        self.depth -= 1;
        Ok(Value::Object(members))
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.bump(); // [
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            if self.peek() == Some(b']') {
                return Err(self.error("a trailing comma is not allowed before `]`"));
            }
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    break;
                }
                None => {
                    return Err(
                        self.error("unexpected end of the text: the array is not closed with `]`")
                    );
                }
                _ => return Err(self.error("a `,` or `]` was expected after the array item")),
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn number(&mut self) -> Result<String, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.bump();
                }
            }
            _ => return Err(self.error("a digit was expected in the number")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.error("a digit was expected after the decimal point"));
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.error("a digit was expected in the exponent"));
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
        }
        Ok(String::from(
            self.text.get(start..self.pos).unwrap_or_default(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = self.peek().and_then(|c| char::from(c).to_digit(16));
            let Some(d) = d else {
                return Err(self.error("`\\u` must be followed by four hexadecimal digits"));
            };
            v = v * 16 + d;
            self.bump();
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.bump(); // opening quote
        let mut out = String::new();
        loop {
            let Some(c) = self.text.get(self.pos..).and_then(|s| s.chars().next()) else {
                return Err(
                    self.error("unexpected end of the text: the string is not closed with `\"`")
                );
            };
            match c {
                '"' => {
                    self.bump();
                    return Ok(out);
                }
                '\\' => {
                    self.bump();
                    let esc = self.peek();
                    let simple = match esc {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        _ => None,
                    };
                    if let Some(s) = simple {
                        self.bump();
                        out.push(s);
                        continue;
                    }
                    if esc != Some(b'u') {
                        return Err(self.error(
                            "unknown escape: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
                        ));
                    }
                    self.bump();
                    let hi = self.hex4()?;
                    let code = if (0xD800..0xDC00).contains(&hi) {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.error(
                                "a high surrogate `\\u` escape must be followed by a low surrogate",
                            ));
                        }
                        self.bump();
                        self.bump();
                        let lo = self.hex4()?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return Err(self.error(
                                "a high surrogate `\\u` escape must be followed by a low surrogate",
                            ));
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        hi
                    };
                    match char::from_u32(code) {
                        Some(ch) => out.push(ch),
                        None => {
                            return Err(self
                                .error("this `\\u` escape is not a character (a lone surrogate)"));
                        }
                    }
                }
                '\n' | '\r' => {
                    return Err(
                        self.error("a string cannot span lines: close it with `\"` or write \\n")
                    );
                }
                c if (c as u32) < 0x20 => {
                    return Err(self.error("control characters must be escaped in strings"));
                }
                c => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
