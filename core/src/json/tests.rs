//! Tests of the located JSON reader and its writers.

use super::*;
use alloc::format;
use alloc::string::ToString;

fn err(text: &str) -> JsonError {
    parse(text).unwrap_err()
}

#[test]
fn reads_values_with_positions() {
    let doc =
        parse("{\n  \"a\": [1, -2.5e3, true],\n  \"b\": {\"c\": null, \"d\": \"x\\u00e9\\n\"}\n}")
            .unwrap();
    let a = doc.get("a").unwrap();
    assert_eq!((a.loc.line, a.loc.col), (2, 8));
    let Value::Array(items) = &a.value else {
        panic!()
    };
    assert_eq!(items[1].value, Value::Number("-2.5e3".to_string()));
    assert_eq!((items[2].loc.line, items[2].loc.col), (2, 20));
    let b = doc.get("b").unwrap();
    assert_eq!(b.get("d").unwrap().as_str(), Some("xé\n"));
    let members = doc.as_object().unwrap();
    assert_eq!((members[1].key_loc.line, members[1].key_loc.col), (3, 3));
}

#[test]
fn columns_count_characters_not_bytes() {
    let doc = parse("{\"é€\": \"😀\", \"k\": 1}").unwrap();
    let k = &doc.as_object().unwrap()[1];
    assert_eq!(k.key_loc.col, 13);
    assert_eq!(doc.get("é€").unwrap().as_str(), Some("😀"));
    assert_eq!(parse("\"\\ud83d\\ude00\"").unwrap().as_str(), Some("😀"));
}

#[test]
fn errors_say_what_and_where() {
    let cases: &[(&str, (u32, u32), &str)] = &[
        ("", (1, 1), "unexpected end"),
        ("{\"a\": 1,}", (1, 9), "trailing comma"),
        ("[1, 2,]", (1, 7), "trailing comma"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", (3, 3), "`,` or `}`"),
        ("{'a': 1}", (1, 2), "double quote"),
        ("{\"a\": 'x'}", (1, 7), "double quotes"),
        ("{\"a\" 1}", (1, 6), "`:`"),
        ("{\"a\": 1, \"a\": 2}", (1, 10), "appears twice"),
        ("[1] x", (1, 5), "after the end"),
        ("\"abc", (1, 5), "not closed"),
        ("\"a\\qb\"", (1, 4), "unknown escape"),
        ("\"\\ud800\"", (1, 8), "low surrogate"),
        ("\"\\udc00\"", (1, 8), "lone surrogate"),
        ("01", (1, 2), "after the end"),
        ("-", (1, 2), "digit"),
        ("1.", (1, 3), "decimal point"),
        ("tru", (1, 1), "a value was expected"),
        ("{\"a\": [1, 2}", (1, 12), "`,` or `]`"),
        ("\"line\nbreak\"", (1, 6), "span lines"),
    ];
    for (text, (line, col), needle) in cases {
        let e = err(text);
        assert_eq!((e.loc.line, e.loc.col), (*line, *col), "{text:?}: {e}");
        assert!(e.message.contains(needle), "{text:?}: {e}");
    }
}

#[test]
fn repeated_keys_are_found_in_linear_time_in_large_objects() {
    // 100,000 members took minutes when every key was compared with every other.
    let mut text = String::from("{");
    for i in 0..100_000 {
        text.push_str(&format!("\"k{i}\":{i},"));
    }
    text.push_str("\"k99999\":0}");
    let e = err(&text);
    assert!(e.message.contains("`k99999` appears twice"), "{e}");
    assert_eq!(e.loc.line, 1);
    let ok = text.replace("\"k99999\":0}", "\"last\":0}");
    assert_eq!(parse(&ok).unwrap().as_object().unwrap().len(), 100_001);
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(err(&deep).message.contains("nested too deeply"));
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
}

#[test]
fn pretty_printing_reads_back_the_same() {
    let text = "{\"a\":[1,{\"b\":null,\"c\":\"x\\\"y\"}],\"d\":{},\"e\":[],\"f\":true}";
    let v = parse(text).unwrap();
    let p = to_pretty(&v);
    assert!(p.contains("\n  \"a\": [\n    1,"), "{p}");
    let back = parse(&p).unwrap();
    assert_eq!(to_pretty(&back), p);
}

#[test]
fn strings_round_trip_through_the_writer() {
    for s in [
        "",
        "plain",
        "quote \" backslash \\ tab \t nl \n",
        "\u{1}\u{1f}",
        "é😀",
    ] {
        let mut out = String::new();
        write_string(&mut out, s);
        assert_eq!(parse(&out).unwrap().as_str(), Some(s));
    }
}
