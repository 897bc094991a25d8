//! String patterns of policies: wildcards (`*`, `?`) and policy variables (`${aws:username}`).
//!
//! A pattern is compiled once into pieces; matching walks the pieces and the text together
//! without allocating, resolving each variable from the request as it goes.

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;

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

    /// The matching work this request may still do; `None`: no bound (patterns matched
    /// outside a decision).
    fn budget(&self) -> Option<&Budget> {
        None
    }
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
    ///
    /// Matching takes time linear in the pattern and the text for patterns of literal text
    /// and `*` (each literal piece between stars is found in turn, leftmost first); pieces
    /// with `?` or a variable are compared position by position. Every step is counted
    /// against the [`Budget`] of `vars`, if it has one: when it runs out the match is cut
    /// short, gives `false`, and the budget records it.
    pub fn matches(&self, text: &str, vars: &dyn Variables, ignore_case: bool) -> bool {
        // The common shapes first: `*`, and plain text.
        match self.pieces.as_slice() {
            [Piece::Star] => return true,
            [] => return text.is_empty(),
            [Piece::Lit(lit)] if !ignore_case => return lit == text,
            [Piece::Lit(lit)] if lit.is_ascii() && text.is_ascii() => {
                return lit.eq_ignore_ascii_case(text);
            }
            _ => {}
        }
        // A variable without a value: nothing matches.
        if self
            .pieces
            .iter()
            .any(|p| matches!(p, Piece::Var(v) if vars.variable(v).is_none()))
        {
            return false;
        }
        let mut m = Matcher {
            vars,
            ignore_case,
            budget: vars.budget(),
            cut: false,
        };
        let found = m.whole(&self.pieces, text);
        if m.cut {
            if let Some(b) = m.budget {
                b.record_cut();
            }
            return false;
        }
        found
    }
}

/// The matching work one decision may do, counted in characters compared. Matching that
/// would take more is cut short (the match gives `false`), and the budget remembers it,
/// so the decision can refuse rather than guess.
#[derive(Debug)]
pub struct Budget {
    left: Cell<u64>,
    cuts: Cell<u32>,
}

/// The matching work one decision may do: far more than the largest policies AWS accepts
/// need when they are matched in linear time, and little enough that one decision stays
/// within a few milliseconds.
pub const MAX_MATCH_WORK: u64 = 1 << 22;

impl Budget {
    /// A budget of `steps` characters compared.
    pub fn new(steps: u64) -> Budget {
        Budget {
            left: Cell::new(steps),
            cuts: Cell::new(0),
        }
    }

    /// Takes `n` steps; `false` when fewer were left (the budget is then spent).
    fn spend(&self, n: usize) -> bool {
        let n = u64::try_from(n).unwrap_or(u64::MAX);
        match self.left.get().checked_sub(n) {
            Some(rest) => {
                self.left.set(rest);
                true
            }
            None => {
                self.left.set(0);
                false
            }
        }
    }

    fn record_cut(&self) {
        self.cuts.set(self.cuts.get().saturating_add(1));
    }

    /// How many matches were cut short so far.
    pub fn cuts(&self) -> u32 {
        self.cuts.get()
    }
}

/// One match in progress.
struct Matcher<'v> {
    vars: &'v dyn Variables,
    ignore_case: bool,
    budget: Option<&'v Budget>,
    cut: bool,
}

impl Matcher<'_> {
    /// Counts `n` steps; `false` (and the match is cut) when the budget is spent.
    fn spend(&mut self, n: usize) -> bool {
        if self.cut {
            return false;
        }
        if self.budget.is_some_and(|b| !b.spend(n)) {
            self.cut = true;
            return false;
        }
        true
    }

    /// The whole pattern against the whole text: the first piece between stars anchored
    /// at the start, the last at the end, and each one between found leftmost in turn.
    fn whole(&mut self, pieces: &[Piece], text: &str) -> bool {
        let mut segments = pieces.split(|p| *p == Piece::Star);
        let first = segments.next().unwrap_or_default();
        let Some(last) = segments.next_back() else {
            // No star: the one segment must cover the text exactly.
            return self.at(first, text, 0) == Some(text.len());
        };
        let Some(mut from) = self.at(first, text, 0) else {
            return false;
        };
        let Some(to) = self.ending_at(last, text, text.len()) else {
            return false;
        };
        if from > to {
            return false;
        }
        let window = text.get(..to).unwrap_or_default();
        for segment in segments {
            match self.find(segment, window, from) {
                Some(end) => from = end,
                None => return false,
            }
        }
        true
    }

    /// Where `segment` (no star) ends when it matches `text` from byte `at`.
    fn at(&mut self, segment: &[Piece], text: &str, mut at: usize) -> Option<usize> {
        for piece in segment {
            let rest = text.get(at..)?;
            match text_of(self.vars, piece) {
                Some(lit) if !self.ignore_case => {
                    if !self.spend(lit.len()) || !rest.starts_with(lit) {
                        return None;
                    }
                    at += lit.len();
                }
                Some(lit) => {
                    let mut t = rest.chars();
                    for pc in lit.chars() {
                        let tc = t.next()?;
                        if !self.spend(1) || !same(pc, tc, true) {
                            return None;
                        }
                        at += tc.len_utf8();
                    }
                }
                None => {
                    let c = rest.chars().next()?;
                    if !self.spend(1) {
                        return None;
                    }
                    at += c.len_utf8();
                }
            }
        }
        Some(at)
    }

    /// Where `segment` (no star) starts when it matches `text` up to byte `end`.
    fn ending_at(&mut self, segment: &[Piece], text: &str, mut end: usize) -> Option<usize> {
        for piece in segment.iter().rev() {
            let before = text.get(..end)?;
            match text_of(self.vars, piece) {
                Some(lit) if !self.ignore_case => {
                    if !self.spend(lit.len()) || !before.ends_with(lit) {
                        return None;
                    }
                    end -= lit.len();
                }
                Some(lit) => {
                    let mut t = before.chars().rev();
                    for pc in lit.chars().rev() {
                        let tc = t.next()?;
                        if !self.spend(1) || !same(pc, tc, true) {
                            return None;
                        }
                        end -= tc.len_utf8();
                    }
                }
                None => {
                    let c = before.chars().next_back()?;
                    if !self.spend(1) {
                        return None;
                    }
                    end -= c.len_utf8();
                }
            }
        }
        Some(end)
    }

    /// Where the leftmost match of `segment` (no star) in `text` from byte `from` ends.
    fn find(&mut self, segment: &[Piece], text: &str, from: usize) -> Option<usize> {
        let hay = text.get(from..)?;
        if let [Piece::Lit(lit)] = segment
            && !self.ignore_case
        {
            // Literal text: `str::find` is linear in the text and the literal (Two-Way).
            if !self.spend(hay.len() + lit.len()) {
                return None;
            }
            return hay.find(lit.as_str()).map(|i| from + i + lit.len());
        }
        // `?` or variables: try each position in turn. A segment needs at least one byte
        // per `?` and all of its text, so positions too near the end are not tried.
        let needs: usize = segment
            .iter()
            .map(|p| text_of(self.vars, p).map_or(1, str::len))
            .sum();
        let starts = hay.char_indices().map(|(i, _)| i).chain([hay.len()]);
        for i in starts {
            if hay.len() - i < needs || self.cut {
                break;
            }
            if let Some(end) = self.at(segment, text, from + i) {
                return Some(end);
            }
        }
        None
    }
}

/// The text of a literal piece or a resolved variable; `None` for `?` and `*`.
fn text_of<'a>(vars: &'a dyn Variables, piece: &'a Piece) -> Option<&'a str> {
    match piece {
        Piece::Lit(s) => Some(s),
        Piece::Var(v) => vars.variable(v),
        Piece::Star | Piece::One => None,
    }
}

fn flush(pieces: &mut Vec<Piece>, lit: &mut String) {
    if !lit.is_empty() {
        pieces.push(Piece::Lit(core::mem::take(lit)));
    }
}

fn same(a: char, b: char, ignore_case: bool) -> bool {
    a == b || (ignore_case && a.to_lowercase().eq(b.to_lowercase()))
}

/// Wildcard matching of ASCII names (action names): `*` any run, `?` one byte. Each piece
/// between stars is found leftmost in turn, and a piece longer than the text left is not
/// looked for, so a long pattern against a short name costs no more than reading it.
pub fn glob_match(pattern: &[u8], text: &[u8], ignore_case: bool) -> bool {
    let eq = |p: u8, t: u8| p == b'?' || p == t || (ignore_case && p.eq_ignore_ascii_case(&t));
    let fits = |seg: &[u8], at: &[u8]| {
        seg.len() <= at.len() && seg.iter().zip(at).all(|(p, t)| eq(*p, *t))
    };
    let mut segments = pattern.split(|b| *b == b'*');
    let first = segments.next().unwrap_or_default();
    let Some(last) = segments.next_back() else {
        return first.len() == text.len() && fits(first, text);
    };
    if first.len() + last.len() > text.len()
        || !fits(first, text)
        || !fits(
            last,
            text.get(text.len() - last.len()..).unwrap_or_default(),
        )
    {
        return false;
    }
    let mut rest = text
        .get(first.len()..text.len() - last.len())
        .unwrap_or_default();
    for seg in segments.filter(|s| !s.is_empty()) {
        let Some(i) = (0..(rest.len() + 1).saturating_sub(seg.len()))
            .find(|&i| fits(seg, rest.get(i..).unwrap_or_default()))
        else {
            return false;
        };
        rest = rest.get(i + seg.len()..).unwrap_or_default();
    }
    true
}

#[cfg(test)]
mod tests;
