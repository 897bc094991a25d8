//! The command line as course authors use it, and the scenario corpus: every file in
//! tests/scenarios must run with every expectation met.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kms-playground"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn corpus() -> Vec<PathBuf> {
    files_in("scenarios")
}

fn files_in(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn temp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kms-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn every_scenario_in_the_corpus_meets_every_expectation() {
    let files = corpus();
    assert!(files.len() >= 6, "{files:?}");
    for f in files {
        let o = run(&["run", f.to_str().unwrap()]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{}:\n{out}\n{err}", f.display());
        let summary = out.lines().last().unwrap();
        assert!(summary.ends_with(" passed, 0 failed"), "{summary}");
        let passed: usize = summary.split(' ').next().unwrap().parse().unwrap();
        assert!(passed >= 5, "{}: only {passed} expectations", f.display());
        // Every preset teaches: a title, a description, notes on its steps.
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        assert!(
            doc["title"].is_string() && doc["description"].is_string(),
            "{}",
            f.display()
        );
        assert!(
            doc["steps"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["note"].is_string()),
            "{}",
            f.display()
        );
    }
}

#[test]
fn json_output_lists_the_audit_events_each_step_wrote() {
    let f = corpus()
        .into_iter()
        .find(|p| p.ends_with("sse-kms.json"))
        .unwrap();
    let o = run(&["run", f.to_str().unwrap(), "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let steps = doc["steps"].as_array().unwrap();
    let names = |s: &serde_json::Value| -> Vec<String> {
        s["auditEvents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["eventName"].as_str().unwrap().to_string())
            .collect()
    };
    // An upload with SSE-KMS writes S3's GenerateDataKey, on the caller's behalf.
    let put = steps
        .iter()
        .find(|s| s["call"] == "s3:PutObject" && s["error"].is_null())
        .unwrap();
    let events = put["auditEvents"].as_array().unwrap();
    assert!(
        names(put).contains(&String::from("GenerateDataKey")),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e["userIdentity"]["invokedBy"] == "s3.amazonaws.com")
    );
    // A check step writes nothing.
    for s in steps
        .iter()
        .filter(|s| s["call"].as_str().unwrap().starts_with("kms:"))
    {
        assert_eq!(names(s), Vec::<String>::new(), "{}", s["call"]);
    }
    // The clock's events are in the rotation scenario's advance steps.
    let f = corpus()
        .into_iter()
        .find(|p| p.ends_with("rotation-and-deletion.json"))
        .unwrap();
    let o = run(&["run", f.to_str().unwrap(), "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fired: Vec<Vec<String>> = doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["call"] == "advance")
        .map(names)
        .collect();
    assert!(
        fired.contains(&vec![String::from("RotateKey")]),
        "{fired:?}"
    );
    assert!(
        fired.contains(&vec![String::from("DeleteKey")]),
        "{fired:?}"
    );
}

#[test]
fn json_output_is_one_document_with_every_step() {
    let f = corpus()
        .into_iter()
        .find(|p| p.ends_with("cmk-access.json"))
        .unwrap();
    let o = run(&["run", f.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["failed"], 0);
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(doc["passed"].as_u64().unwrap() as usize, steps.len());
    let s = &steps[1];
    assert_eq!(s["as"], "arn:aws:iam::123412341234:user/Alice");
    assert_eq!(s["decision"]["rule"], "implicit-deny");
    assert!(
        s["decision"]["hint"]
            .as_str()
            .unwrap()
            .contains("does not enable IAM policies")
    );
    let enc = steps.iter().find(|s| s["call"] == "Encrypt").unwrap();
    assert!(enc["output"]["CiphertextBlob"].is_string());
    assert_eq!(enc["error"], serde_json::Value::Null);
    let denied = steps
        .iter()
        .find(|s| s["error"]["code"] == "AccessDeniedException")
        .unwrap();
    assert!(
        denied["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("User: arn:aws:iam::")
    );
}

#[test]
fn an_unmet_expectation_exits_1_and_says_so() {
    let f = temp(
        "unmet.json",
        r#"{"format":"kms-playground/scenario@1","principals":[{"name":"Bob","arn":"arn:aws:iam::111122223333:user/Bob"}],
      "keys":[{"name":"K"}],
      "steps":[{"as":"Bob","call":"Encrypt","input":{"KeyId":"K","Plaintext":"eA=="},"expect":"ok"},
               {"as":"Bob","check":"kms:Encrypt","key":"K","expect":"implicit-deny"}]}"#,
    );
    let o = run(&["run", f.to_str().unwrap()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("FAIL Bob") && out.contains("(expected ok)"),
        "{out}"
    );
    assert!(out.contains("none of Bob's IAM policies"), "{out}");
    assert!(out.trim_end().ends_with("1 passed, 1 failed"), "{out}");
}

#[test]
fn bad_files_exit_2_with_located_errors() {
    let cases = [
        ("missing", None, "cannot read the file"),
        ("notjson.json", Some("{\"format\": "), "not valid JSON"),
        (
            "version.json",
            Some("{\"format\": \"kms-playground/scenario@9\"}"),
            "format: unsupported format",
        ),
        ("binary.json", Some("\u{0}\u{1}"), "not valid JSON"),
        (
            "step.json",
            Some(
                "{\"format\":\"kms-playground/scenario@1\",\"keys\":[{\"name\":\"K\"}],\"steps\":[{\"as\":\"Nobody\",\"call\":\"Encrypt\",\"input\":{\"KeyId\":\"K\"}}]}",
            ),
            ":1:76: steps[0].as: unknown principal \"Nobody\"",
        ),
    ];
    for (name, content, needle) in cases {
        let path = match content {
            Some(c) => temp(name, c),
            None => PathBuf::from("/nonexistent/scenario.json"),
        };
        for cmd in ["run", "validate"] {
            let o = run(&[cmd, path.to_str().unwrap()]);
            let (_, err) = text(&o);
            assert_eq!(o.status.code(), Some(2), "{name} {cmd}: {err}");
            assert!(err.contains(needle), "{name} {cmd}: {err}");
        }
    }
    let not_utf8 = std::env::temp_dir().join(format!("kms-cli-bytes-{}.json", std::process::id()));
    std::fs::write(&not_utf8, [0xff, 0xfe, 0x00]).unwrap();
    let o = run(&["validate", not_utf8.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("not a text file"));
}

#[test]
fn help_and_usage() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let (out, _) = text(&o);
    assert!(
        out.contains("kms-playground run") && out.contains("EXIT STATUS") && out.contains("--json")
    );
    assert_eq!(run(&[]).status.code(), Some(0));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["run"]).status.code(), Some(2));
    let v = run(&["--version"]);
    assert!(text(&v).0.starts_with("kms-playground "));
    let f = corpus().into_iter().next().unwrap();
    let o = run(&["validate", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).0.contains("valid"));
}

#[test]
fn every_case_of_the_aws_fidelity_corpus_is_met() {
    // tests/fidelity: scenarios written from AWS's documents, each quoting the sentences
    // it checks.
    let files = files_in("fidelity");
    assert!(files.len() >= 9, "{files:?}");
    for f in files {
        let o = run(&["run", f.to_str().unwrap()]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{}:\n{out}\n{err}", f.display());
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        assert!(
            doc["description"].as_str().unwrap().contains('"'),
            "{}: the description quotes AWS",
            f.display()
        );
    }
}

#[test]
fn a_file_too_large_or_endless_is_refused_without_reading_it_whole() {
    // /dev/zero never ends: only the limit plus one byte is read.
    let o = run(&["validate", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("larger than 4194304 bytes"),
        "{}",
        text(&o).1
    );
    let big = temp("big.json", &" ".repeat(4 * 1024 * 1024 + 1));
    let o = run(&["run", big.to_str().unwrap()]);
    assert!(text(&o).1.contains("larger than"), "{}", text(&o).1);
}

#[test]
fn terminal_escapes_in_a_file_are_printed_harmless() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile/terminal-escapes.json");
    let o = run(&["run", f.to_str().unwrap()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("\\u{1b}[2J"), "{out}");
    // The title's fake summary stays on the title's line, escaped; the real one is last.
    assert!(
        out.lines().next().unwrap().contains("fake\\u{a}0 passed"),
        "{out}"
    );
    assert!(!out.lines().any(|l| l.starts_with("0 passed")), "{out}");
    assert_eq!(out.lines().last(), Some("1 passed, 0 failed"));
    // Errors that quote the file are escaped too.
    let bad = temp(
        "escapes.json",
        "{\"format\":\"kms-playground/scenario@1\",\"steps\":[{\"as\":\"\\u001b[31mEve\",\"call\":\"Encrypt\"}]}",
    );
    let o = run(&["validate", bad.to_str().unwrap()]);
    let (_, err) = text(&o);
    assert!(
        !err.contains('\u{1b}') && err.contains("\\u{1b}[31mEve"),
        "{err:?}"
    );
}

#[test]
fn errors_are_all_written_file_line_column_path_message() {
    let f =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile/two-thousand-bad-steps.json");
    let o = run(&["validate", f.to_str().unwrap()]);
    let (_, err) = text(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        100 + 1 + 1,
        "100 errors, the count of the rest, a summary"
    );
    for l in &lines[..100] {
        let rest = l.strip_prefix(f.to_str().unwrap()).unwrap();
        let mut parts = rest.splitn(4, ':');
        assert_eq!(parts.next(), Some(""), "{l}");
        assert!(parts.next().unwrap().parse::<u32>().is_ok(), "{l}");
        assert!(parts.next().unwrap().parse::<u32>().is_ok(), "{l}");
        assert!(parts.next().unwrap().starts_with(" steps["), "{l}");
    }
    assert!(
        lines[100].contains("more errors (only the first 100 are listed)"),
        "{}",
        lines[100]
    );
}

#[test]
fn validate_builds_the_world_and_share_links_run() {
    let f = corpus()
        .into_iter()
        .find(|p| p.ends_with("cmk-access.json"))
        .unwrap();
    let o = run(&["share", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let link = text(&o).0.trim().to_string();
    assert!(link.starts_with("#s=v1."), "{link}");
    let url = format!("https://example.test/kms-playground/{link}");
    let o = run(&["run", &url]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.trim_end().ends_with(" passed, 0 failed"), "{out}");
    let o = run(&["validate", "#s=v1.not-base64!"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("not a KMS Playground link"),
        "{}",
        text(&o).1
    );
}

/// `kms-playground aws`: a course author's script. Alice encrypts a file in a saved world,
/// the world is saved, and the ciphertext decrypts in the next command; Bob is refused
/// with the AWS CLI's error line and status.
#[test]
fn aws_commands_run_in_a_world_file_and_save_it() {
    let dir = std::env::temp_dir().join(format!("kms-cli-aws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let world = dir.join("world.json");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios/cmk-access.json");
    std::fs::copy(seed, &world).unwrap();
    std::fs::write(dir.join("note.txt"), "Meet at noon.").unwrap();
    let aws = |args: &str| {
        let mut words: Vec<&str> = vec!["aws"];
        words.extend(args.split(' '));
        let o = bin().args(&words).current_dir(&dir).output().unwrap();
        (o.status.code().unwrap(), text(&o))
    };
    let w = world.to_str().unwrap();
    let (code, (out, err)) = aws(&format!(
        "kms encrypt --key-id alias/cmk-a --plaintext fileb://note.txt --query CiphertextBlob --output text --world {w} --save"
    ));
    assert_eq!(code, 0, "{err}");
    let blob = out.trim().to_string();
    assert!(blob.len() > 40, "{out}");
    let (code, (out, err)) = aws(&format!(
        "kms decrypt --ciphertext-blob {blob} --query Plaintext --output text --world {w}"
    ));
    assert_eq!(code, 0, "{err}");
    assert_eq!(kms_core::b64::decode(out.trim()).unwrap(), b"Meet at noon.");
    let (code, (out, err)) = aws(&format!(
        "kms describe-key --key-id alias/cmk-a --profile bob --world {w}"
    ));
    assert_eq!((code, out.as_str()), (254, ""));
    assert!(
        err.starts_with("\nAn error occurred (AccessDeniedException) when calling the DescribeKey operation: User: arn:aws:iam::123412341234:user/Bob is not authorized to perform: kms:DescribeKey"),
        "{err}"
    );
    // The saved world is a scenario file the command line still reads.
    assert_eq!(run(&["validate", w]).status.code(), Some(0));
    let (code, (_, err)) = aws("kms describe-key --key-id alias/cmk-a --profile mallory");
    assert_eq!(code, 255);
    assert_eq!(err, "\nThe config profile (mallory) could not be found\n");
    let (code, (_, err)) = aws("kms encrypt --plaintext aGk=");
    assert_eq!(code, 252);
    assert!(
        err.ends_with("aws: error: the following arguments are required: --key-id\n"),
        "{err}"
    );
    let (code, (out, _)) = aws("kms encrypt help");
    assert_eq!(code, 0);
    assert!(out.contains("--key-id (string) [required]"), "{out}");
    let (code, _) = aws("kms describe-key --key-id alias/cmk-a --save");
    assert_eq!(code, 2, "--save without --world is refused");

    // aws s3 cp: an upload with SSE-KMS saved in the world, and a download to a file.
    let (code, (_, err)) = aws(&format!(
        "s3api create-bucket --bucket notes --world {w} --save"
    ));
    assert_eq!(code, 0, "{err}");
    let (code, (out, err)) = aws(&format!(
        "s3 cp note.txt s3://notes/ --sse aws:kms --sse-kms-key-id alias/cmk-a --world {w} --save"
    ));
    assert_eq!(
        (code, out.as_str()),
        (0, "upload: ./note.txt to s3://notes/note.txt\n"),
        "{err}"
    );
    let (code, (out, err)) = aws(&format!("s3 cp s3://notes/note.txt back.txt --world {w}"));
    assert_eq!(
        (code, out.as_str()),
        (0, "download: s3://notes/note.txt to ./back.txt\n"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("back.txt")).unwrap(),
        b"Meet at noon."
    );
    let (code, (_, err)) = aws(&format!(
        "s3 cp s3://notes/note.txt bob.txt --profile bob --world {w}"
    ));
    assert_eq!(code, 1);
    assert!(err.starts_with("download failed: s3://notes/note.txt to ./bob.txt An error occurred (AccessDenied) when calling the GetObject operation: "), "{err}");
    assert!(!dir.join("bob.txt").exists());
}

#[test]
fn check_lesson_proves_each_lesson_of_the_course_works() {
    let files = files_in("lessons");
    assert_eq!(files.len(), 13, "{files:?}");
    for f in files {
        let o = run(&["check-lesson", f.to_str().unwrap()]);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{f:?}:\n{out}{err}");
        assert!(
            out.contains("the lesson works: its starting world meets none of its"),
            "{out}"
        );
        assert!(!out.contains('✗'), "{out}");
        // validate knows a lesson when it sees one.
        let (out, _) = text(&run(&["validate", f.to_str().unwrap()]));
        assert!(out.contains(": valid lesson `"), "{out}");
    }
}

#[test]
fn check_lesson_names_a_goal_met_before_the_learner_starts_and_a_step_that_fails() {
    let text_of = |goal: &str| {
        format!(
            r#"{{
  "format": "kms-playground/scenario@1",
  "principals": [{{"name": "Alice", "arn": "arn:aws:iam::111122223333:user/Alice",
    "policies": [{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}]}}]}}],
  "keys": [{{"name": "K"}}],
  "lesson": {{
    "id": "broken",
    "text": "t",
    "goals": [{{"id": "g", "text": "Alice encrypts", "hints": ["h"], "when": {goal}}}],
    "solution": [{{"as": "Alice", "call": "Encrypt", "input": {{"KeyId": "K", "Plaintext": "aGk="}}, "expect": "AccessDeniedException"}}]
  }}
}}"#
        )
    };
    let f = temp(
        "met-at-start.json",
        &text_of(
            r#"{"decision": {"as": "Alice", "check": "kms:Encrypt", "key": "K", "expect": "allow"}}"#,
        ),
    );
    let o = run(&["check-lesson", f.to_str().unwrap()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("✗ g: already met in the starting world — Alice encrypts"),
        "{out}"
    );
    // The solution's step expects a refusal the world does not give: said, with what came.
    assert!(out.contains("✗ solution[0] (Encrypt as arn:aws:iam::111122223333:user/Alice): expected AccessDeniedException, got ok"), "{out}");
    assert!(
        out.contains("the lesson does not work: 2 fault(s)"),
        "{out}"
    );

    // An unknown fact: an invalid lesson, located, exit 2.
    let f = temp("unknown-fact.json", &text_of(r#"{"teleport": {}}"#));
    let o = run(&["check-lesson", f.to_str().unwrap()]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("unknown-fact.json:9:77: "), "{err}");
    assert!(
        err.contains("lesson.goals[0].when.teleport: unknown fact `teleport`"),
        "{err}"
    );
    let o = run(&["validate", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}
