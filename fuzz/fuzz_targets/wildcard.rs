//! Fuzzes wildcard matching (`StringLike`, `ArnLike`, principals and resources with `*` and
//! `?`, action names): every input must agree with a plain backtracking reference where the
//! reference is cheap, and every input, however long, must finish within its time bound —
//! the matching work of one decision is bounded, and a match past that bound is cut short
//! (it gives `false` and the budget records it) rather than run for seconds.
//!
//! Input: pattern, a 0 byte, text. The first byte also chooses the case rule.
#![no_main]

use std::time::{Duration, Instant};

use kms_core::policy::pattern::{Budget, MAX_MATCH_WORK, Pattern, Syntax, Variable, Variables, glob_match};
use libfuzzer_sys::fuzz_target;

/// One match, however hostile, never takes longer than this (release build, busy machine).
const BOUND: Duration = Duration::from_millis(250);

struct Vars(Budget);

impl Variables for Vars {
    fn variable(&self, v: &Variable) -> Option<&str> {
        match v {
            Variable::Username => Some("Alice"),
            Variable::PrincipalAccount => Some("111122223333"),
            _ => None,
        }
    }
    fn budget(&self) -> Option<&Budget> {
        Some(&self.0)
    }
}

/// Backtracking reference over chars: `*` any run, `?` one char, everything else literal.
/// Only for patterns without `$` (variables and escapes are tested by unit tests).
fn reference(p: &[char], t: &[char], ic: bool) -> bool {
    // Classic dynamic programme: m[j] = pattern prefix of length i matches text prefix j.
    let eq = |a: char, b: char| if ic { a.to_lowercase().eq(b.to_lowercase()) } else { a == b };
    let mut m = vec![false; t.len() + 1];
    m[0] = true;
    for &pc in p {
        let mut next = vec![false; t.len() + 1];
        match pc {
            '*' => {
                let mut any = false;
                for j in 0..=t.len() {
                    any |= m[j];
                    next[j] = any;
                }
            }
            _ => {
                for j in 1..=t.len() {
                    next[j] = m[j - 1] && (pc == '?' || eq(pc, t[j - 1]));
                }
            }
        }
        m = next;
    }
    m[t.len()]
}

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|&b| b == 0) else { return };
    let (Ok(pat), Ok(text)) = (std::str::from_utf8(&data[..split]), std::str::from_utf8(&data[split + 1..])) else {
        return;
    };
    let ignore_case = data.first().is_some_and(|b| b & 1 == 1);
    let syntax = Syntax { wildcards: true, variables: true };
    let compiled = Pattern::compile(pat, syntax);
    let vars = Vars(Budget::new(MAX_MATCH_WORK));
    let started = Instant::now();
    let got = compiled.matches(text, &vars, ignore_case);
    let took = started.elapsed();
    assert!(took < BOUND, "a match took {took:?}: pattern {} chars, text {} chars", pat.len(), text.len());
    let started = Instant::now();
    let got_glob = glob_match(pat.as_bytes(), text.as_bytes(), ignore_case);
    assert!(started.elapsed() < BOUND, "an action-name match took {:?}", started.elapsed());
    // Where the reference is cheap and the budget did not cut the match, the two agree.
    let p: Vec<char> = pat.chars().collect();
    let t: Vec<char> = text.chars().collect();
    if !pat.contains('$') && p.len() * t.len() <= 1_000_000 {
        // The reference folds case char by char (as the matcher does for non-ASCII text).
        if vars.0.cuts() == 0 && (!ignore_case || (pat.is_ascii() && text.is_ascii())) {
            assert_eq!(got, reference(&p, &t, ignore_case), "pattern {pat:?} text {text:?}");
        }
        if pat.is_ascii() && text.is_ascii() {
            assert_eq!(got_glob, reference(&p, &t, ignore_case), "glob {pat:?} text {text:?}");
        }
    }
});
