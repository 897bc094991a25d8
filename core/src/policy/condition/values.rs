//! What a request says about a condition key ([`Fact`], [`Val`], [`Multi`]), and how
//! request values are read as numbers, dates, booleans, text and ARNs.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use super::keys::CondKey;
use crate::action::ActionSet;
use crate::clock::Timestamp;
use crate::policy::pattern::{Pattern, Variables};

/// One value of a condition key in a request.
#[derive(Clone, Copy, Debug)]
pub enum Val<'a> {
    /// Text.
    Str(&'a str),
    /// A whole number.
    Num(i64),
    /// A boolean.
    Bool(bool),
    /// A time.
    Time(Timestamp),
}

/// The several values of a multi-valued key.
#[derive(Clone, Copy, Debug)]
pub enum Multi<'a> {
    /// The keys of an encryption context.
    ContextKeys(&'a BTreeMap<String, String>),
    /// Grant operation names.
    Operations(ActionSet),
    /// A list of strings (aliases).
    List(&'a [String]),
    /// The keys of a list of pairs (the tag keys of a request).
    PairKeys(&'a [(String, String)]),
}

impl<'a> Multi<'a> {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Multi::ContextKeys(m) => m.is_empty(),
            Multi::Operations(s) => s.is_empty(),
            Multi::List(l) => l.is_empty(),
            Multi::PairKeys(l) => l.is_empty(),
        }
    }

    pub(super) fn any(&self, mut f: impl FnMut(&str) -> bool) -> bool {
        match self {
            Multi::ContextKeys(m) => m.keys().any(|k| f(k)),
            Multi::Operations(s) => s.iter().any(|a| f(a.name())),
            Multi::List(l) => l.iter().any(|v| f(v)),
            Multi::PairKeys(l) => l.iter().any(|(k, _)| f(k)),
        }
    }

    pub(super) fn all(&self, mut f: impl FnMut(&str) -> bool) -> bool {
        !self.any(|v| !f(v))
    }
}

/// What a request says about a condition key.
#[derive(Clone, Copy, Debug)]
pub enum Fact<'a> {
    /// The request has no value for it.
    Absent,
    /// One value.
    One(Val<'a>),
    /// A set of values (possibly empty, which counts as absent).
    Many(Multi<'a>),
}

/// Where conditions find the facts of a request.
pub trait Facts: Variables {
    /// The request's value(s) for `key`.
    fn fact(&self, key: &CondKey) -> Fact<'_>;
}

pub(super) fn split_arn(s: &str) -> Vec<&str> {
    // Split on `:` outside `${...}`, into at most six parts.
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0u32;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(b"${") = bytes.get(i..i + 2) {
            depth += 1;
            i += 2;
            continue;
        }
        match bytes.get(i) {
            Some(b'}') if depth > 0 => depth -= 1,
            Some(b':') if depth == 0 && parts.len() < 5 => {
                parts.push(s.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(s.get(start..).unwrap_or_default());
    parts
}

pub(super) fn arn_matches(parts: &[Pattern], text: &str, vars: &dyn Facts) -> bool {
    let mut given = text.splitn(6, ':');
    let mut count = 0;
    for p in parts {
        match given.next() {
            Some(g) if p.matches(g, vars, false) => count += 1,
            _ => return false,
        }
    }
    given.next().is_none() && count == parts.len() && parts.len() == 6
}

pub(super) fn parse_date(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = Timestamp::parse(s) {
        return Some(t);
    }
    if let Some(t) = s
        .strip_suffix('Z')
        .and_then(|d| Timestamp::parse(&alloc::format!("{d}T00:00:00Z")).ok())
    {
        return Some(t);
    }
    if let Ok(t) = Timestamp::parse(&alloc::format!("{s}T00:00:00Z")) {
        return Some(t);
    }
    s.parse::<i64>().ok().and_then(Timestamp::from_unix_seconds)
}

pub(super) fn as_number(v: Val<'_>) -> Option<f64> {
    match v {
        Val::Num(n) => Some(n as f64),
        Val::Str(s) => s.trim().parse::<f64>().ok(),
        Val::Time(t) => Some(t.unix_seconds() as f64),
        Val::Bool(_) => None,
    }
}

pub(super) fn as_time(v: Val<'_>) -> Option<Timestamp> {
    match v {
        Val::Time(t) => Some(t),
        Val::Num(n) => Timestamp::from_unix_seconds(n),
        Val::Str(s) => parse_date(s),
        Val::Bool(_) => None,
    }
}

pub(super) fn as_bool(v: Val<'_>) -> Option<bool> {
    match v {
        Val::Bool(b) => Some(b),
        Val::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Val::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A small text buffer on the stack, for numbers and times compared as strings.
struct Buf {
    bytes: [u8; 32],
    len: usize,
}

impl fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dst = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

pub(super) fn with_text<R>(v: Val<'_>, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = Buf {
        bytes: [0; 32],
        len: 0,
    };
    let s = match v {
        Val::Str(s) => return f(s),
        Val::Bool(true) => "true",
        Val::Bool(false) => "false",
        Val::Num(n) => {
            let _ = write!(buf, "{n}");
            core::str::from_utf8(buf.bytes.get(..buf.len).unwrap_or_default()).unwrap_or_default()
        }
        Val::Time(t) => {
            let _ = write!(buf, "{t}");
            core::str::from_utf8(buf.bytes.get(..buf.len).unwrap_or_default()).unwrap_or_default()
        }
    };
    f(s)
}
