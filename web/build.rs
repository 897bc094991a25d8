//! The course's index, read from the lesson files (tests/lessons) at build time: the Learn
//! panel's map shows every lesson's title and goals without fetching thirteen files, and
//! can never disagree with them. A lesson's text and world are fetched when it is opened.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a build script stops the build with its message"
)]

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/lessons");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/lessons is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out =
        String::from("/// The lessons, in order.\npub const LESSONS: &[LessonInfo] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a lesson file is text");
        let v: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        let s = |v: &serde_json::Value, k: &str| {
            v.get(k)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_else(|| panic!("{}: no `{k}`", path.display()))
                .to_owned()
        };
        let lesson = v.get("lesson").expect("a lesson file has `lesson`");
        let goals: Vec<String> = lesson
            .get("goals")
            .and_then(serde_json::Value::as_array)
            .expect("a lesson has goals")
            .iter()
            .map(|g| s(g, "id"))
            .collect();
        let file = path.file_stem().expect("a file name").to_string_lossy();
        let _ = writeln!(
            out,
            "    LessonInfo {{ file: {:?}, id: {:?}, title: {:?}, summary: {:?}, goals: &{:?} }},",
            file,
            s(lesson, "id"),
            s(&v, "title"),
            s(&v, "description"),
            goals
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("lessons.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
