//! `--output table`, laid out as the AWS CLI's table formatter lays it out
//! (`awscli/formatter.py` `TableFormatter` and `awscli/table.py` `MultiTable`): a section
//! per object and list, titled by its member's name, scalars as rows, columns scaled to
//! the widest section, an 80-column terminal, and a section of one row turned on its side
//! when the table would be wider than that.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde_json::Value;

use super::output::scalar;

/// The width the CLI assumes when it writes to something that is not a terminal.
const TERMINAL_WIDTH: usize = 80;

#[derive(Default)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    widths: Vec<usize>,
}

impl Section {
    fn grow(&mut self, row: &[String]) {
        if self.widths.is_empty() {
            self.widths = row.iter().map(|c| width(c)).collect();
        } else {
            for (w, c) in self.widths.iter_mut().zip(row) {
                *w = (*w).max(width(c));
            }
        }
    }

    fn header(&mut self, headers: Vec<String>) {
        self.grow(&headers);
        self.headers = headers;
    }

    fn row(&mut self, row: Vec<String>) {
        self.grow(&row);
        self.rows.push(row);
    }

    /// The columns' widths with `padding`, scaled to add up to `max` when given.
    fn columns(&self, padding: usize, max: Option<usize>) -> Vec<usize> {
        let unscaled: Vec<usize> = self.widths.iter().map(|w| w + padding).collect();
        let Some(max) = max else {
            return unscaled;
        };
        let sum: usize = unscaled.iter().sum();
        if unscaled.is_empty() || sum == 0 {
            return unscaled;
        }
        let factor = max as f64 / sum as f64;
        let mut scaled: Vec<i64> = unscaled
            .iter()
            .map(|w| round_half_even(factor * *w as f64))
            .collect();
        let mut off = scaled.iter().sum::<i64>() - max as i64;
        let n = scaled.len();
        while off != 0 {
            for k in 0..n {
                let i = if off < 0 { n - 1 - k } else { k };
                if let Some(s) = scaled.get_mut(i) {
                    if off > 0 {
                        *s -= 1;
                        off -= 1;
                    } else {
                        *s += 1;
                        off += 1;
                    }
                }
                if off == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|s| s.max(0) as usize).collect()
    }

    fn total_width(&self) -> usize {
        let cols: usize = self.columns(0, None).iter().map(|w| w + 4).sum();
        (width(&self.title) + 2 + 2 * self.indent).max(cols + 2 + 2 * self.indent)
    }
}

/// Python's `round()`: halves go to the even neighbour.
fn round_half_even(x: f64) -> i64 {
    let floor = libm_floor(x);
    let diff = x - floor;
    let f = floor as i64;
    if diff > 0.5 || (diff == 0.5 && f % 2 != 0) {
        f + 1
    } else {
        f
    }
}

fn libm_floor(x: f64) -> f64 {
    let t = x as i64 as f64;
    if t > x { t - 1.0 } else { t }
}

/// The columns a text takes in a terminal: two for East Asian wide, full-width and
/// ambiguous characters (as `unicodedata.east_asian_width` in `W`, `F`, `A`), one for
/// others. The ranges are the common ones, not Unicode's whole table (docs/FIDELITY.md).
fn width(text: &str) -> usize {
    text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

fn wide(c: char) -> bool {
    const RANGES: [(u32, u32); 31] = [
        (0xA1, 0xA1),
        (0xA4, 0xA4),
        (0xA7, 0xA8),
        (0xAA, 0xAA),
        (0xAD, 0xAE),
        (0xB0, 0xB4),
        (0xB6, 0xBA),
        (0xBC, 0xBF),
        (0xC6, 0xC6),
        (0xD0, 0xD0),
        (0xD7, 0xD8),
        (0xDE, 0xE1),
        (0xE6, 0xE6),
        (0xE8, 0xEA),
        (0xF7, 0xFA),
        (0x2010, 0x2027),
        (0x2030, 0x203E),
        (0x2190, 0x2199),
        (0x2460, 0x24E9),
        (0x2500, 0x25FF),
        (0x1100, 0x115F),
        (0x2E80, 0x303E),
        (0x3041, 0x33FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xA000, 0xA4CF),
        (0xAC00, 0xD7A3),
        (0xE000, 0xFAFF),
        (0xFE30, 0xFE4F),
        (0xFF00, 0xFF60),
        (0x1F300, 0x3FFFD),
    ];
    let c = c as u32;
    RANGES.iter().any(|(a, b)| (*a..=*b).contains(&c)) || (0xFFE0..=0xFFE6).contains(&c)
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// `value` as the CLI's table, titled `title` (the operation's name in the API).
pub fn table(title: &str, value: &Value) -> String {
    let mut sections: Vec<Section> = Vec::new();
    if !build(&mut sections, Some(title), value, 0) {
        return String::new();
    }
    let mut max = max_width(&sections);
    if max > TERMINAL_WIDTH {
        for s in &mut sections {
            if s.rows.len() == 1 && !s.headers.is_empty() {
                let headers = core::mem::take(&mut s.headers);
                let row = s.rows.pop().unwrap_or_default();
                let mut turned = Section {
                    title: core::mem::take(&mut s.title),
                    indent: s.indent,
                    ..Section::default()
                };
                for (h, e) in headers.into_iter().zip(row) {
                    turned.row(vec![h, e]);
                }
                *s = turned;
            }
        }
        max = max_width(&sections);
    }
    let mut out = String::new();
    out.push_str(&"-".repeat(max));
    out.push('\n');
    for s in &sections {
        render(s, max, &mut out);
    }
    out
}

fn max_width(sections: &[Section]) -> usize {
    sections.iter().map(Section::total_width).max().unwrap_or(0)
}

fn falsy(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
    }
}

fn build(sections: &mut Vec<Section>, title: Option<&str>, current: &Value, indent: usize) -> bool {
    if falsy(current) {
        return false;
    }
    if let Some(t) = title {
        sections.push(Section {
            title: t.into(),
            indent,
            ..Section::default()
        });
    }
    match current {
        Value::Array(a) if a.first().is_some_and(Value::is_object) => {
            from_list(sections, a, indent, title);
        }
        Value::Array(a) => {
            for item in a {
                match item {
                    Value::Array(inner) if inner.iter().all(is_scalar) => {
                        add_row(sections, inner.iter().map(scalar).collect());
                    }
                    x if is_scalar(x) => add_row(sections, vec![scalar(x)]),
                    x => {
                        build(sections, None, x, 0);
                    }
                }
            }
        }
        Value::Object(m) => {
            let (headers, more) = group(m);
            if headers.len() == 1 {
                let h = headers.first().copied().unwrap_or_default();
                add_row(
                    sections,
                    vec![h.into(), m.get(h).map(scalar).unwrap_or_default()],
                );
            } else if !headers.is_empty() {
                if let Some(s) = sections.last_mut() {
                    s.header(headers.iter().map(|h| String::from(*h)).collect());
                }
                add_row(
                    sections,
                    headers
                        .iter()
                        .map(|h| m.get(*h).map(scalar).unwrap_or_default())
                        .collect(),
                );
            }
            for k in more {
                if let Some(v) = m.get(k) {
                    build(sections, Some(k), v, indent + 1);
                }
            }
        }
        // A scalar with a title: the CLI adds no row for it.
        _ => {}
    }
    true
}

fn add_row(sections: &mut Vec<Section>, row: Vec<String>) {
    if sections.is_empty() {
        sections.push(Section::default());
    }
    if let Some(s) = sections.last_mut() {
        s.row(row);
    }
}

/// An object's keys: those with scalar values, and the others, each sorted.
fn group(m: &serde_json::Map<String, Value>) -> (Vec<&str>, Vec<&str>) {
    let headers = m
        .iter()
        .filter(|(_, v)| is_scalar(v))
        .map(|(k, _)| k.as_str())
        .collect();
    let more = m
        .iter()
        .filter(|(_, v)| !is_scalar(v))
        .map(|(k, _)| k.as_str())
        .collect();
    (headers, more)
}

fn from_list(sections: &mut Vec<Section>, list: &[Value], indent: usize, title: Option<&str>) {
    let mut headers: Vec<&str> = Vec::new();
    let mut more: Vec<&str> = Vec::new();
    for m in list.iter().filter_map(Value::as_object) {
        let (h, x) = group(m);
        headers.extend(h);
        more.extend(x);
    }
    headers.sort_unstable();
    headers.dedup();
    more.sort_unstable();
    more.dedup();
    let header_row: Vec<String> = headers.iter().map(|h| String::from(*h)).collect();
    if let Some(s) = sections.last_mut() {
        s.header(header_row.clone());
    }
    for (i, element) in list.iter().enumerate() {
        if i > 0 && !more.is_empty() {
            sections.push(Section {
                title: title.unwrap_or_default().into(),
                indent,
                ..Section::default()
            });
            if let Some(s) = sections.last_mut() {
                s.header(header_row.clone());
            }
        }
        let get = |k: &str| element.get(k).map(scalar).unwrap_or_default();
        add_row(sections, headers.iter().map(|h| get(h)).collect());
        for k in &more {
            if let Some(v) = element.get(*k) {
                build(sections, Some(k), v, indent + 1);
            }
        }
    }
}

/// `|  title  |` centred in `length` columns.
fn center(text: &str, length: usize, left: &str) -> String {
    let tl = width(text) as i64;
    let start = length as i64 / 2 - tl / 2 - 1;
    let so_far = width(left) as i64 + start + tl;
    let right = length as i64 - 1 - so_far;
    let spaces = |n: i64| " ".repeat(usize::try_from(n).unwrap_or(0));
    format!("{left}{}{text}{}|", spaces(start), spaces(right))
}

/// `|  text    |` left-aligned in `length` columns, two spaces in when it fits.
fn left_aligned(text: &str, length: usize, left: &str) -> String {
    let tl = width(text);
    let pad = if length > tl + 2 + width(left) { 2 } else { 0 };
    let so_far = width(left) + pad + tl;
    let right = length.saturating_sub(so_far).saturating_sub(1);
    format!("{left}{}{text}{}|", " ".repeat(pad), " ".repeat(right))
}

fn line_break(widths: &[usize], out: &mut String, indent: usize) {
    let mut line = String::new();
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            line.push_str(&format!("+{}+", "-".repeat(w.saturating_sub(2))));
        } else {
            line.push_str(&format!("{}+", "-".repeat(w.saturating_sub(1))));
        }
    }
    write_line(&line, out, indent);
}

/// A line of a section, with its indentation's bars on both sides.
fn write_line(line: &str, out: &mut String, indent: usize) {
    let bars = "|".repeat(indent);
    out.push_str(&bars);
    out.push_str(line);
    out.push_str(&bars);
    out.push('\n');
}

fn render(s: &Section, max: usize, out: &mut String) {
    let max = max.saturating_sub(s.indent * 2);
    if !s.title.is_empty() {
        write_line(&center(&s.title, max, "|"), out, s.indent);
        if s.headers.is_empty() && s.rows.is_empty() {
            write_line(
                &format!("+{}+", "-".repeat(max.saturating_sub(2))),
                out,
                s.indent,
            );
        }
    }
    if !s.headers.is_empty() {
        let widths = s.columns(4, Some(max));
        let mut line = String::new();
        for (i, (w, h)) in widths.iter().zip(&s.headers).enumerate() {
            line.push_str(&center(h, *w, if i == 0 { "|" } else { "" }));
        }
        line_break(&widths, out, s.indent);
        write_line(&line, out, s.indent);
    }
    if s.rows.is_empty() {
        return;
    }
    let widths = s.columns(4, Some(max));
    if widths.is_empty() {
        return;
    }
    line_break(&widths, out, s.indent);
    for row in &s.rows {
        let mut line = String::new();
        for (i, (w, e)) in widths.iter().zip(row).enumerate() {
            line.push_str(&left_aligned(e, *w, if i == 0 { "|" } else { "" }));
        }
        write_line(&line, out, s.indent);
    }
    line_break(&widths, out, s.indent);
}
