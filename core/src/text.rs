//! Strings that people see: what a name may hold, and names that look alike.
//!
//! Names come from strangers (share links, imported files, course pages) and are shown
//! beside decisions. A name must not be able to pass for another: invisible formatting
//! characters (Unicode category Cf, such as U+202E RIGHT-TO-LEFT OVERRIDE, which reverses
//! the text around it, or U+200B ZERO WIDTH SPACE) and control characters are refused, and
//! two names that would look the same on screen are found by their [`skeleton`], in the
//! spirit of Unicode's confusable detection (UTS #39), so the page can warn about them.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

/// The longest name (handle) a scenario may give a principal or a key.
pub const MAX_NAME_CHARS: usize = 128;

/// The format characters of Unicode (general category Cf, Unicode 16): invisible, and
/// able to change how the text around them reads.
const FORMAT: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// `s` ready to be set inside a sentence or a row: a name that is not plain ASCII is
/// wrapped in FIRST STRONG ISOLATE (U+2068) … POP DIRECTIONAL ISOLATE (U+2069), so its
/// direction (a Hebrew or Arabic name, say) cannot reorder the text around it. Plain ASCII
/// names come back as they are.
pub fn isolate(s: &str) -> alloc::borrow::Cow<'_, str> {
    if s.is_ascii() {
        alloc::borrow::Cow::Borrowed(s)
    } else {
        alloc::borrow::Cow::Owned(alloc::format!("\u{2068}{s}\u{2069}"))
    }
}

/// Whether `c` is a format character (Unicode category Cf).
pub fn is_format(c: char) -> bool {
    let c = u32::from(c);
    FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Whether `c` may not appear in a name: a format character, a control character, or a
/// line or paragraph separator.
pub fn is_forbidden_in_name(c: char) -> bool {
    is_format(c) || c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// Checks a name a file gives a principal or a key (its handle): 1 to
/// [`MAX_NAME_CHARS`] characters, none of them invisible formatting or control
/// characters, and no space at either end.
pub fn check_name(name: &str) -> Result<(), String> {
    if let Some(c) = name.chars().find(|c| is_forbidden_in_name(*c)) {
        return Err(alloc::format!(
            "a name may not hold {}: invisible formatting and control characters can make one name read as another",
            describe(c)
        ));
    }
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        return Err(alloc::format!(
            "a name has 1 to {MAX_NAME_CHARS} characters (this one has {chars})"
        ));
    }
    if name.starts_with(char::is_whitespace) || name.ends_with(char::is_whitespace) {
        return Err(String::from(
            "a name may not begin or end with a space: it would look like the name without it",
        ));
    }
    Ok(())
}

/// `U+202E` and, for the best-known ones, their Unicode names.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{200B}' => " (ZERO WIDTH SPACE)",
        '\u{200C}' => " (ZERO WIDTH NON-JOINER)",
        '\u{200D}' => " (ZERO WIDTH JOINER)",
        '\u{200E}' => " (LEFT-TO-RIGHT MARK)",
        '\u{200F}' => " (RIGHT-TO-LEFT MARK)",
        '\u{202A}' => " (LEFT-TO-RIGHT EMBEDDING)",
        '\u{202B}' => " (RIGHT-TO-LEFT EMBEDDING)",
        '\u{202C}' => " (POP DIRECTIONAL FORMATTING)",
        '\u{202D}' => " (LEFT-TO-RIGHT OVERRIDE)",
        '\u{202E}' => " (RIGHT-TO-LEFT OVERRIDE)",
        '\u{2066}' => " (LEFT-TO-RIGHT ISOLATE)",
        '\u{2067}' => " (RIGHT-TO-LEFT ISOLATE)",
        '\u{2068}' => " (FIRST STRONG ISOLATE)",
        '\u{2069}' => " (POP DIRECTIONAL ISOLATE)",
        '\u{FEFF}' => " (ZERO WIDTH NO-BREAK SPACE)",
        '\u{1B}' => " (ESCAPE)",
        _ => "",
    };
    alloc::format!("U+{:04X}{name}", u32::from(c))
}

/// A name reduced to how it looks: letters that look alike in common fonts folded to one
/// (Cyrillic and Greek look-alikes of Latin letters, fullwidth forms, accented letters,
/// `0`/`O`, `1`/`l`/`I`, `rn`/`m`, `vv`/`w`), spaces and invisible characters removed.
/// Case is kept: `ADMIN` and `Admin` do not look alike. Two names with the same skeleton
/// may be taken for one another.
pub fn skeleton(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut chars = name
        .chars()
        .filter(|&c| !(is_forbidden_in_name(c) || c.is_whitespace() || is_combining_mark(c)))
        .map(|c| match u32::from(c) {
            // Fullwidth ASCII (U+FF01..U+FF5E) is ASCII shifted.
            u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(fold_lookalike)
        .peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('r', Some('n')) => {
                chars.next();
                out.push('m');
            }
            ('v', Some('v')) => {
                chars.next();
                out.push('w');
            }
            (c, _) => out.push(c),
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Letters of other scripts that look like Latin ones, accented Latin letters, and digits
/// that pass for letters, as the Latin letter they pass for (in the same case).
fn fold_lookalike(c: char) -> char {
    match c {
        // Cyrillic.
        'А' => 'A',
        'а' => 'a',
        'В' => 'B',
        'С' => 'C',
        'с' => 'c',
        'Е' | 'Ё' => 'E',
        'е' | 'ё' => 'e',
        'Н' => 'H',
        'һ' => 'h',
        'І' | 'Ӏ' => 'l',
        'і' => 'i',
        'Ј' => 'J',
        'ј' => 'j',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'о' => 'o',
        'Р' => 'P',
        'р' => 'p',
        'Ѕ' => 'S',
        'ѕ' => 's',
        'Т' => 'T',
        'Х' => 'X',
        'х' => 'x',
        'У' => 'Y',
        'у' => 'y',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        // Greek.
        'Α' => 'A',
        'α' => 'a',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'l',
        'ι' => 'i',
        'Κ' => 'K',
        'κ' => 'k',
        'Μ' => 'M',
        'Ν' => 'N',
        'ν' => 'v',
        'Ο' => 'O',
        'ο' => 'o',
        'Ρ' => 'P',
        'ρ' => 'p',
        'Τ' => 'T',
        'Υ' => 'Y',
        'υ' => 'u',
        'Χ' => 'X',
        'χ' => 'x',
        // Accented Latin letters pass for plain ones at a glance.
        'À'..='Å' | 'Ā' => 'A',
        'à'..='å' | 'ā' => 'a',
        'Ç' => 'C',
        'ç' => 'c',
        'È'..='Ë' | 'Ē' => 'E',
        'è'..='ë' | 'ē' => 'e',
        'Ì'..='Ï' | 'Ī' => 'l',
        'ì'..='ï' | 'ī' | 'ı' => 'i',
        'Ñ' => 'N',
        'ñ' => 'n',
        'Ò'..='Ö' | 'Ø' | 'Ō' => 'O',
        'ò'..='ö' | 'ø' | 'ō' => 'o',
        'Ù'..='Ü' | 'Ū' => 'U',
        'ù'..='ü' | 'ū' => 'u',
        'Ý' => 'Y',
        'ý' | 'ÿ' => 'y',
        // One stroke in most sans-serif fonts; a round letter and a zero.
        'I' | '1' | '|' => 'l',
        '0' => 'O',
        c => c,
    }
}

/// The pairs of different names, among `names`, that look alike (the same
/// [`skeleton`]), each pair once, in the order the names came.
pub fn lookalikes<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, &'a str)> {
    let mut seen: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    let mut pairs = Vec::new();
    for name in names {
        let group = seen.entry(skeleton(name)).or_default();
        if group.contains(&name) {
            continue;
        }
        for &other in group.iter() {
            pairs.push((other, name));
        }
        group.push(name);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_not_plain_ascii_are_isolated() {
        assert_eq!(isolate("Alice"), "Alice");
        assert_eq!(isolate("אליס"), "\u{2068}אליס\u{2069}");
        assert_eq!(isolate("Zoë"), "\u{2068}Zoë\u{2069}");
    }

    #[test]
    fn format_characters_are_refused_in_names() {
        for bad in [
            "Alice\u{202E}nimdA",
            "Ad\u{200B}min",
            "\u{FEFF}Bob",
            "Bob\u{2066}",
            "\u{1b}[31mAlice",
            "Ali\nce",
            "Ali\u{2028}ce",
            "tag\u{E0041}",
        ] {
            let e = check_name(bad).unwrap_err();
            assert!(e.contains("U+"), "{bad:?}: {e}");
        }
        assert!(check_name("Alice").is_ok());
        assert!(
            check_name("אליס").is_ok(),
            "right-to-left letters are letters"
        );
        assert!(check_name("Zoë (ops)").is_ok());
        assert!(check_name(" Admin").is_err() && check_name("Admin ").is_err());
        assert!(check_name("").is_err());
        assert!(check_name(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(
            check_name("\u{202E}")
                .unwrap_err()
                .contains("RIGHT-TO-LEFT OVERRIDE")
        );
    }

    #[test]
    fn names_that_look_alike_have_one_skeleton() {
        let admin = skeleton("Admin");
        for alike in [
            "Аdmin",        // Cyrillic А
            "Adm\u{0456}n", // Cyrillic і
            "Ad min",
            "Ａｄｍｉｎ", // fullwidth
            "Adrnin",
            "Admín",
        ] {
            assert_eq!(skeleton(alike), admin, "{alike:?}");
        }
        assert_ne!(skeleton("Admins"), admin);
        assert_ne!(skeleton("ADMIN"), admin, "case shows");
        assert_ne!(skeleton("Alice"), skeleton("Bob"));
        assert_eq!(skeleton("Ilya"), skeleton("llya"));
        assert_eq!(skeleton("B0B"), skeleton("BOB"));
        assert_eq!(skeleton("Pau1"), skeleton("Paul"));
    }

    #[test]
    fn lookalikes_pairs_each_pair_once() {
        let names = ["Admin", "Bob", "Аdmin", "Admin", "ADMIN", "Ad min"];
        assert_eq!(
            lookalikes(names),
            [("Admin", "Аdmin"), ("Admin", "Ad min"), ("Аdmin", "Ad min")]
        );
        assert!(lookalikes(["Alice", "Bob", "Charlie", "David"]).is_empty());
    }
}
