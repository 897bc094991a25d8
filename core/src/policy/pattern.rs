//! String patterns of policies: wildcards (`*`, `?`) and policy variables (`${aws:username}`).
//!
//! A pattern is compiled once into pieces; matching walks the pieces and the text together
//! without allocating, resolving each variable from the request as it goes.

use alloc::string::String;
use alloc::vec::Vec;

/// A policy variable that a pattern can refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Variable {
    /// `${aws:username}`: the friendly name of an IAM user (absent for roles and root).
    Username,
    /// `${aws:PrincipalAccount}`
    PrincipalAccount,
    /// `${aws:PrincipalArn}`
    PrincipalArn,
    /// `${aws:PrincipalType}`: `User`, `AssumedRole`, `Account`, ...
    PrincipalType,
    /// A variable the simulator does not model: it never resolves, so a pattern using it
    /// matches nothing (as AWS does with a variable absent from the request).
    Unmodelled(String),
}

impl Variable {
    fn from_name(name: &str) -> Variable {
        match name.to_ascii_lowercase().as_str() {
            "aws:username" => Variable::Username,
            "aws:principalaccount" => Variable::PrincipalAccount,
            "aws:principalarn" => Variable::PrincipalArn,
            "aws:principaltype" => Variable::PrincipalType,
            _ => Variable::Unmodelled(String::from(name)),
        }
    }
}

/// Where a pattern finds the values of its variables.
pub trait Variables {
    /// The value of `v` in this request, or `None` when the request has none.
    fn variable(&self, v: &Variable) -> Option<&str>;
}

/// No variables at all (for patterns matched outside a request).
pub struct NoVariables;

impl Variables for NoVariables {
    fn variable(&self, _: &Variable) -> Option<&str> {
        None
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Lit(String),
    Star,
    One,
    Var(Variable),
}

/// A compiled string pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pieces: Vec<Piece>,
}

/// How a pattern's source text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Syntax {
    /// `*` and `?` are wildcards (else they are plain characters).
    pub wildcards: bool,
    /// `${...}` are policy variables (policy `Version` 2012-10-17).
    pub variables: bool,
}

impl Pattern {
    /// Compiles `source`. Inside `${...}`, `*`, `?` and `$` stand for themselves.
    pub fn compile(source: &str, syntax: Syntax) -> Pattern {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut rest = source;
        while let Some(c) = rest.chars().next() {
            if syntax.variables
                && rest.starts_with("${")
                && let Some(end) = rest.find('}')
            {
                {
                    let name = rest.get(2..end).unwrap_or_default();
                    rest = rest.get(end + 1..).unwrap_or_default();
                    match name {
                        "*" | "?" | "$" => lit.push_str(name),
                        _ => {
                            flush(&mut pieces, &mut lit);
                            pieces.push(Piece::Var(Variable::from_name(name)));
                        }
                    }
                    continue;
                }
            }
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
            match c {
                '*' if syntax.wildcards => {
                    flush(&mut pieces, &mut lit);
                    if pieces.last() != Some(&Piece::Star) {
                        pieces.push(Piece::Star);
                    }
                }
                '?' if syntax.wildcards => {
                    flush(&mut pieces, &mut lit);
                    pieces.push(Piece::One);
                }
                c => lit.push(c),
            }
        }
        flush(&mut pieces, &mut lit);
        Pattern { pieces }
    }

    /// Whether this pattern is exactly `*` (matches everything).
    pub fn is_match_all(&self) -> bool {
        self.pieces == [Piece::Star]
    }

    /// The variables this pattern uses that the simulator does not model.
    pub fn unmodelled_variables(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Var(Variable::Unmodelled(n)) => Some(n.as_str()),
            _ => None,
        })
    }

    /// Whether the pattern uses any policy variable.
    pub fn has_variables(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Var(_)))
    }

    /// Whether `text` matches, resolving variables from `vars`. A variable without a
    /// value makes the pattern match nothing.
    pub fn matches(&self, text: &str, vars: &dyn Variables, ignore_case: bool) -> bool {
        // The common shapes first: `*`, and plain text.
        match self.pieces.as_slice() {
            [Piece::Star] => return true,
            [] => return text.is_empty(),
            [Piece::Lit(lit)] if !ignore_case => return lit == text,
            [Piece::Lit(lit)] if lit.is_ascii() && text.is_ascii() => {
                return lit.eq_ignore_ascii_case(text);
            }
            [Piece::Star, Piece::Lit(lit)] if !ignore_case => return text.ends_with(lit.as_str()),
            [Piece::Lit(lit), Piece::Star] if !ignore_case => {
                return text.starts_with(lit.as_str());
            }
            _ => {}
        }
        // Classic wildcard matching with one backtrack point, over a token stream that
        // walks literal pieces and resolved variables character by character.
        let t = text.as_bytes();
        let mut p = Cursor { piece: 0, at: 0 };
        let mut i = 0usize;
        let mut star: Option<(Cursor, usize)> = None;
        loop {
            match self.next(p, vars) {
                Next::Unresolved => return false,
                Next::Star(np) => {
                    star = Some((np, i));
                    p = np;
                    continue;
                }
                Next::One(np) => {
                    if let Some(c) = text.get(i..).and_then(|s| s.chars().next()) {
                        i += c.len_utf8();
                        p = np;
                        continue;
                    }
                }
                Next::Char(pc, np) => {
                    if let Some(c) = text.get(i..).and_then(|s| s.chars().next())
                        && same(pc, c, ignore_case)
                    {
                        i += c.len_utf8();
                        p = np;
                        continue;
                    }
                }
                Next::End => {
                    if i == t.len() {
                        return true;
                    }
                }
            }
            // Mismatch: let the last star swallow one more character, or fail.
            match star {
                Some((sp, si)) => match text.get(si..).and_then(|s| s.chars().next()) {
                    Some(c) => {
                        let si = si + c.len_utf8();
                        star = Some((sp, si));
                        p = sp;
                        i = si;
                    }
                    None => return false,
                },
                None => return false,
            }
        }
    }

    fn next(&self, mut c: Cursor, vars: &dyn Variables) -> Next {
        loop {
            let Some(piece) = self.pieces.get(c.piece) else {
                return Next::End;
            };
            let after = Cursor {
                piece: c.piece + 1,
                at: 0,
            };
            let s = match piece {
                Piece::Star => return Next::Star(after),
                Piece::One => return Next::One(after),
                Piece::Lit(s) => s.as_str(),
                Piece::Var(v) => match vars.variable(v) {
                    Some(s) => s,
                    None => return Next::Unresolved,
                },
            };
            match s.get(c.at..).and_then(|r| r.chars().next()) {
                Some(ch) => {
                    return Next::Char(
                        ch,
                        Cursor {
                            piece: c.piece,
                            at: c.at + ch.len_utf8(),
                        },
                    );
                }
                None => c = after,
            }
        }
    }
}

#[derive(Clone, Copy)]
struct Cursor {
    piece: usize,
    at: usize,
}

enum Next {
    Star(Cursor),
    One(Cursor),
    Char(char, Cursor),
    End,
    Unresolved,
}

fn flush(pieces: &mut Vec<Piece>, lit: &mut String) {
    if !lit.is_empty() {
        pieces.push(Piece::Lit(core::mem::take(lit)));
    }
}

fn same(a: char, b: char, ignore_case: bool) -> bool {
    a == b || (ignore_case && a.to_lowercase().eq(b.to_lowercase()))
}

/// Wildcard matching of ASCII names (action names): `*` any run, `?` one byte.
pub fn glob_match(pattern: &[u8], text: &[u8], ignore_case: bool) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p + 1, t));
                p += 1;
                continue;
            }
            Some(b'?') if t < text.len() => {
                p += 1;
                t += 1;
                continue;
            }
            Some(&pc) => {
                if let Some(&tc) = text.get(t)
                    && (pc == tc || (ignore_case && pc.eq_ignore_ascii_case(&tc)))
                {
                    p += 1;
                    t += 1;
                    continue;
                }
            }
            None if t == text.len() => return true,
            None => {}
        }
        match star {
            Some((sp, st)) if st < text.len() => {
                star = Some((sp, st + 1));
                p = sp;
                t = st + 1;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLOB: Syntax = Syntax {
        wildcards: true,
        variables: true,
    };
    const EXACT: Syntax = Syntax {
        wildcards: false,
        variables: true,
    };

    struct Alice;
    impl Variables for Alice {
        fn variable(&self, v: &Variable) -> Option<&str> {
            match v {
                Variable::Username => Some("Alice"),
                Variable::PrincipalAccount => Some("111122223333"),
                _ => None,
            }
        }
    }

    fn m(pat: &str, text: &str) -> bool {
        Pattern::compile(pat, GLOB).matches(text, &Alice, false)
    }

    #[test]
    fn wildcards() {
        assert!(m("*", ""));
        assert!(m("*", "anything"));
        assert!(m(
            "arn:aws:kms:*:111122223333:key/*",
            "arn:aws:kms:us-east-1:111122223333:key/abc"
        ));
        assert!(!m(
            "arn:aws:kms:*:111122223333:key/*",
            "arn:aws:kms:us-east-1:444455556666:key/abc"
        ));
        assert!(m("a?c", "abc") && m("a?c", "aéc") && !m("a?c", "ac"));
        assert!(m("*a*b*c*", "xxaxxbxxcxx") && !m("*a*b*c*", "xxaxxcxxbxx"));
        assert!(m("ab*", "ab") && !m("ab*", "a"));
        assert!(!m("", "x") && m("", ""));
    }

    #[test]
    fn variables_resolve_from_the_request() {
        assert!(m("home/${aws:username}/*", "home/Alice/docs"));
        assert!(!m("home/${aws:username}/*", "home/Bob/docs"));
        assert!(m("${aws:PrincipalAccount}", "111122223333"));
        // A variable without a value matches nothing, not even `*`-like text.
        assert!(!m("${aws:PrincipalArn}*", "anything"));
        assert!(!m("x${aws:SourceIp}", "x"));
        // Escapes.
        assert!(m("a${*}b${?}${$}", "a*b?$"));
        assert!(!m("a${*}b", "axxb"));
        assert_eq!(
            Pattern::compile("${aws:SourceIp}", GLOB)
                .unmodelled_variables()
                .collect::<Vec<_>>(),
            ["aws:SourceIp"]
        );
        // Variables off (policy Version 2008-10-17): literal text.
        let old = Pattern::compile(
            "${aws:username}",
            Syntax {
                wildcards: true,
                variables: false,
            },
        );
        assert!(old.matches("${aws:username}", &Alice, false));
    }

    #[test]
    fn exact_patterns_take_wildcards_literally() {
        let p = Pattern::compile("a*b", EXACT);
        assert!(p.matches("a*b", &NoVariables, false) && !p.matches("axb", &NoVariables, false));
        let p = Pattern::compile("Finance", EXACT);
        assert!(
            p.matches("FINANCE", &NoVariables, true) && !p.matches("FINANCE", &NoVariables, false)
        );
        assert!(Pattern::compile("*", GLOB).is_match_all() && !p.is_match_all());
    }

    /// A naive recursive matcher to compare against.
    #[cfg(not(target_arch = "wasm32"))]
    fn naive(p: &[char], t: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('*', rest)) => (0..=t.len()).any(|i| naive(rest, &t[i..])),
            Some(('?', rest)) => !t.is_empty() && naive(rest, &t[1..]),
            Some((c, rest)) => t.first() == Some(c) && naive(rest, &t[1..]),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn agrees_with_a_naive_matcher(p in "[ab*?é]{0,7}", t in "[abé]{0,9}") {
            let pc: Vec<char> = p.chars().collect();
            let tc: Vec<char> = t.chars().collect();
            let want = naive(&pc, &tc);
            proptest::prop_assert_eq!(Pattern::compile(&p, GLOB).matches(&t, &NoVariables, false), want);
            if p.is_ascii() && t.is_ascii() {
                proptest::prop_assert_eq!(glob_match(p.as_bytes(), t.as_bytes(), false), want);
            }
        }

        #[test]
        fn ignore_case_matches_the_lowercased_text(p in "[aAbB*]{0,6}", t in "[aAbB]{0,8}") {
            let lower = Pattern::compile(&p.to_lowercase(), GLOB).matches(&t.to_lowercase(), &NoVariables, false);
            proptest::prop_assert_eq!(Pattern::compile(&p, GLOB).matches(&t, &NoVariables, true), lower);
        }
    }

    #[test]
    fn byte_globs_for_action_names() {
        assert!(glob_match(
            b"GenerateDataKey*",
            b"GenerateDataKeyWithoutPlaintext",
            false
        ));
        assert!(glob_match(b"generatedatakey", b"GenerateDataKey", true));
        assert!(!glob_match(b"generatedatakey", b"GenerateDataKey", false));
        assert!(glob_match(b"*", b"", false) && !glob_match(b"?", b"", false));
        assert!(
            glob_match(b"*crypt", b"Decrypt", false) && !glob_match(b"*crypt", b"Decrypted", false)
        );
    }
}
