//! What the policy editor paints behind its text: JSON tokens with their colours, the
//! checker's findings underlined at their place, and the bracket that matches the one at
//! the caret. Pure functions of the text, tested natively.

/// A token's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A member name (`"Effect"`).
    Key,
    /// A string value.
    Str,
    /// A number.
    Num,
    /// `true`, `false`, `null`.
    Lit,
    /// `{ } [ ] , :`
    Punct,
    /// Spaces and line breaks.
    Space,
    /// Anything else (a typo).
    Bad,
}

/// A token: its kind and where it is (byte offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its kind.
    pub kind: Kind,
    /// Where it starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

/// Cuts `text` into tokens, covering every byte; a string that a `:` follows is a key.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let kind = match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                while bytes
                    .get(i)
                    .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
                {
                    i += 1;
                }
                Kind::Space
            }
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
                Kind::Str
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                i += 1;
                Kind::Punct
            }
            b'-' | b'0'..=b'9' => {
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_digit() || b"+-.eE".contains(c))
                {
                    i += 1;
                }
                Kind::Num
            }
            _ => {
                while bytes.get(i).is_some_and(|c| {
                    !matches!(
                        c,
                        b' ' | b'\t'
                            | b'\n'
                            | b'\r'
                            | b'"'
                            | b'{'
                            | b'}'
                            | b'['
                            | b']'
                            | b','
                            | b':'
                    )
                }) {
                    i += 1;
                }
                match text.get(start..i) {
                    Some("true" | "false" | "null") => Kind::Lit,
                    _ => Kind::Bad,
                }
            }
        };
        let end = i.min(bytes.len());
        // Keep tokens on character boundaries (a string cut short by the end of the text).
        let end = (end..=bytes.len())
            .find(|e| text.is_char_boundary(*e))
            .unwrap_or(bytes.len());
        i = end;
        out.push(Token { kind, start, end });
    }
    // A string followed by `:` (past any space) names a member.
    for j in 0..out.len() {
        let next = out
            .iter()
            .skip(j + 1)
            .find(|t| t.kind != Kind::Space)
            .map(|t| (t.kind, text.get(t.start..t.end)));
        if let (Some(t), Some((Kind::Punct, Some(":")))) = (out.get_mut(j), next)
            && t.kind == Kind::Str
        {
            t.kind = Kind::Key;
        }
    }
    out
}

/// The bracket matching the one just before or at byte `caret`, as both brackets' offsets.
pub fn matching_bracket(text: &str, tokens: &[Token], caret: usize) -> Option<(usize, usize)> {
    let is_bracket = |t: &Token| {
        t.kind == Kind::Punct && matches!(text.get(t.start..t.end), Some("{" | "}" | "[" | "]"))
    };
    let at = tokens
        .iter()
        .position(|t| is_bracket(t) && (t.start == caret || t.end == caret))?;
    let open = |s: &str| matches!(s, "{" | "[");
    let this = tokens.get(at)?;
    let forward = open(text.get(this.start..this.end)?);
    let mut depth = 0i32;
    let order: Box<dyn Iterator<Item = &Token>> = if forward {
        Box::new(tokens.iter().skip(at))
    } else {
        Box::new(tokens.iter().take(at + 1).rev())
    };
    for t in order.filter(|t| is_bracket(t)) {
        let s = text.get(t.start..t.end)?;
        depth += if open(s) == forward { 1 } else { -1 };
        if depth == 0 {
            return Some((this.start, t.start));
        }
    }
    None
}

/// A finding to underline: where (byte offset), how serious, what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset in the text.
    pub offset: usize,
    /// `error` or `warning` (a CSS class).
    pub class: &'static str,
    /// The message.
    pub message: String,
}

/// A painted piece of the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The text.
    pub text: String,
    /// CSS classes.
    pub class: String,
    /// A finding's message, shown on hover.
    pub title: Option<String>,
}

/// The text as painted pieces: each token with its colour, the tokens findings point at
/// underlined, the brackets at `brackets` marked.
pub fn paint(text: &str, marks: &[Mark], brackets: Option<(usize, usize)>) -> Vec<Span> {
    let tokens = tokenize(text);
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let piece = text.get(t.start..t.end).unwrap_or_default();
        let mut class = String::from(match t.kind {
            Kind::Key => "t-key",
            Kind::Str => "t-str",
            Kind::Num => "t-num",
            Kind::Lit => "t-lit",
            Kind::Punct => "t-punct",
            Kind::Space => "",
            Kind::Bad => "t-bad",
        });
        // A finding at this token, or in the space just before the next token.
        let next_start = tokens.get(i + 1).map_or(usize::MAX, |n| n.start);
        let mark = marks.iter().find(|m| {
            (m.offset >= t.start && m.offset < t.end && t.kind != Kind::Space)
                || (t.kind == Kind::Space && m.offset == t.end && next_start == usize::MAX)
        });
        if let Some(m) = mark {
            class.push_str(if class.is_empty() { "" } else { " " });
            class.push_str("mark-");
            class.push_str(m.class);
        }
        if brackets.is_some_and(|(a, b)| a == t.start || b == t.start) && t.kind == Kind::Punct {
            class.push_str(" t-match");
        }
        out.push(Span {
            text: String::from(piece),
            class,
            title: mark.map(|m| m.message.clone()),
        });
    }
    // A finding past the end (a missing closing brace): a visible marker there.
    if let Some(m) = marks.iter().find(|m| m.offset >= text.len()) {
        out.push(Span {
            text: String::from(" "),
            class: format!("mark-{} mark-end", m.class),
            title: Some(m.message.clone()),
        });
    }
    out
}

/// The painted pieces line by line (no piece holds a line break), so that a view can
/// redraw only the lines that changed.
pub fn paint_lines(text: &str, marks: &[Mark], brackets: Option<(usize, usize)>) -> Vec<Vec<Span>> {
    let mut lines: Vec<Vec<Span>> = vec![Vec::new()];
    for span in paint(text, marks, brackets) {
        let mut parts = span.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty()
                && let Some(line) = lines.last_mut()
            {
                line.push(Span {
                    text: String::from(part),
                    class: span.class.clone(),
                    title: span.title.clone(),
                });
            }
            if parts.peek().is_some() {
                lines.push(Vec::new());
            }
        }
    }
    lines
}

/// Byte offset → UTF-16 index (a textarea's selection counts UTF-16 code units).
pub fn utf16_index(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or_else(|| text.encode_utf16().count(), |s| s.encode_utf16().count())
}

/// UTF-16 index → byte offset.
pub fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// How many lines the text has.
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_is_in_one_token_and_keys_are_told_from_values() {
        let text = "{\n  \"Effect\": \"Allow\", \"n\": -1.5e3, \"b\": true, oops }";
        let t = tokenize(text);
        assert_eq!(t.first().unwrap().start, 0);
        assert_eq!(t.last().unwrap().end, text.len());
        for w in t.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        let kinds: Vec<(Kind, &str)> = t
            .iter()
            .filter(|x| x.kind != Kind::Space)
            .map(|x| (x.kind, &text[x.start..x.end]))
            .collect();
        assert_eq!(
            kinds,
            [
                (Kind::Punct, "{"),
                (Kind::Key, "\"Effect\""),
                (Kind::Punct, ":"),
                (Kind::Str, "\"Allow\""),
                (Kind::Punct, ","),
                (Kind::Key, "\"n\""),
                (Kind::Punct, ":"),
                (Kind::Num, "-1.5e3"),
                (Kind::Punct, ","),
                (Kind::Key, "\"b\""),
                (Kind::Punct, ":"),
                (Kind::Lit, "true"),
                (Kind::Punct, ","),
                (Kind::Bad, "oops"),
                (Kind::Punct, "}"),
            ]
        );
    }

    #[test]
    fn strings_with_escapes_and_unterminated_text_stay_whole() {
        let text = "\"a\\\"b\" \"é not closed";
        let t = tokenize(text);
        assert_eq!(&text[t[0].start..t[0].end], "\"a\\\"b\"");
        assert_eq!(t.last().unwrap().end, text.len());
    }

    #[test]
    fn brackets_match_across_nesting() {
        let text = "{\"a\": [1, {\"b\": 2}], \"c\": {}}";
        let t = tokenize(text);
        assert_eq!(matching_bracket(text, &t, 0), Some((0, text.len() - 1)));
        let open = text.find('[').unwrap();
        let close = text.find(']').unwrap();
        assert_eq!(matching_bracket(text, &t, open), Some((open, close)));
        assert_eq!(matching_bracket(text, &t, close + 1), Some((close, open)));
        assert_eq!(
            matching_bracket(text, &t, 3),
            None,
            "no bracket at the caret"
        );
        assert_eq!(matching_bracket("{[}", &tokenize("{[}"), 0), None);
    }

    #[test]
    fn findings_underline_their_token_and_a_missing_end() {
        let text = "{\"Effect\": \"Alow\"}";
        let marks = [Mark {
            offset: text.find("\"Alow\"").unwrap(),
            class: "error",
            message: String::from("invalid effect"),
        }];
        let spans = paint(text, &marks, None);
        let marked: Vec<&Span> = spans.iter().filter(|s| s.title.is_some()).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].text, "\"Alow\"");
        assert!(marked[0].class.contains("mark-error"));
        assert_eq!(
            spans.iter().map(|s| s.text.as_str()).collect::<String>(),
            text
        );

        let cut = "{\"a\": 1";
        let end = [Mark {
            offset: cut.len(),
            class: "error",
            message: String::from("expected }"),
        }];
        let spans = paint(cut, &end, None);
        assert!(spans.last().unwrap().class.contains("mark-end"));
    }

    #[test]
    fn lines_hold_the_text_without_its_breaks() {
        let text = "{\n  \"a\": 1\n}";
        let lines = paint_lines(text, &[], None);
        assert_eq!(lines.len(), 3);
        let joined: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(joined.join("\n"), text);
        assert!(lines.iter().flatten().all(|s| !s.text.contains('\n')));
    }

    #[test]
    fn selection_indices_convert_between_utf16_and_bytes() {
        let text = "a😀é{";
        let brace = text.find('{').unwrap();
        let u = utf16_index(text, brace);
        assert_eq!(u, 1 + 2 + 1);
        assert_eq!(byte_offset(text, u), brace);
        assert_eq!(line_count("a\nb\n"), 3);
    }
}
