//! `kms-playground`: runs and checks KMS Playground scenario files.

mod aws;
mod lesson;
mod serve;

use std::io::Read;
use std::process::ExitCode;

use kms_core::scenario::{MAX_FILE_BYTES, Runner, Scenario, StepResult};
use serde_json::json;

const HELP: &str = "\
kms-playground — run and check KMS Playground scenario files (kms-playground/scenario@1)

USAGE:
    kms-playground run FILE [--json]    play every step and check every `expect`
    kms-playground validate FILE        check the file without running it
    kms-playground check-lesson FILE    prove a lesson works: its solution meets every
                                        goal, its starting world meets none
    kms-playground share FILE           print the share link of the file (its definition,
                                        without saved state: no key material or tokens)
    kms-playground aws SERVICE OPERATION [OPTIONS] [--world FILE [--save]] [--show-request]
                                        an AWS CLI command (v2's syntax), run in the
                                        world of FILE (else the study notes' world) as
                                        --profile NAME (else the account's first user);
                                        --show-request prints the request, runs nothing
    kms-playground serve [--port 4566] [--world FILE] [--save FILE] [--bind ADDR]
                         [--timeout SECONDS] [--quiet]
                                        the world as a local AWS endpoint: KMS, S3 and
                                        IAM for real SDKs and the AWS CLI, as the
                                        principal whose access key signs (printed on
                                        start, with a ~/.aws/config); --save writes the
                                        world to FILE after each change
    kms-playground --help | --version

FILE is a path, or a share link (the playground's URL with `#s=v1.…`, or the part
after `#`).

EXAMPLES:
    kms-playground run tests/scenarios/cmk-access.json
        One line per step — who, what, the outcome, and for a denial the reason — then
        `N passed, M failed`.
    kms-playground run lesson.json --json | jq '.steps[] | select(.met == false)'
        The same results as one JSON document, for other tools.
    kms-playground aws kms encrypt --key-id alias/cmk-a --plaintext fileb://note.txt \\
        --profile bob --world world.json --save
        As the AWS CLI would print it; the world, changed, saved back to world.json.
    kms-playground serve --world world.json --save world.json
        aws --profile alice kms encrypt --key-id alias/cmk-a --plaintext fileb://note.txt
        The same world for boto3, the AWS CLI and the JavaScript SDK; Ctrl-C stops it.
    kms-playground validate lesson.json
        Every error of the file at once, each with its line:column and path:
          lesson.json:14:17: steps[3].input.KeyId: ...

EXIT STATUS:
    0  every expectation was met (or the file is valid, or the lesson works)
    1  at least one expectation was not met (or the lesson does not work)
    2  the file is missing, unreadable or invalid, or the command line is wrong

A scenario is a simulated world (principals with IAM policies, keys with key policies,
grants) and a list of steps: API calls ({\"as\": \"Alice\", \"call\": \"Encrypt\", \"input\": {...}}),
authorization checks ({\"as\": \"Bob\", \"check\": \"kms:Decrypt\", \"key\": \"CMK-A\"}) and
clock steps ({\"advance\": \"30d\"}). See docs/scenario-format.md.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("aws") {
        return aws::run(&args);
    }
    if args.first().map(String::as_str) == Some("serve") {
        return serve::run(&args);
    }
    let json_out = args.iter().any(|a| a == "--json");
    let positional: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--json")
        .collect();
    match positional.as_slice() {
        [] | ["-h" | "--help" | "help"] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        ["-V" | "--version"] => {
            println!("kms-playground {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["run", file] => run(file, json_out),
        ["validate", file] => validate(file),
        ["check-lesson", file] => lesson::check(file),
        ["share", file] => share(file),
        ["run" | "validate" | "share" | "check-lesson"] => usage("a scenario FILE is needed"),
        [other, ..] if !["run", "validate", "share", "check-lesson"].contains(other) => {
            usage(&format!("unknown command `{}`", safe(other)))
        }
        _ => usage("too many arguments"),
    }
}

pub(crate) fn usage(message: &str) -> ExitCode {
    eprintln!("kms-playground: {message}\n\n{HELP}");
    ExitCode::from(2)
}

/// Text from a file, made safe to print on a terminal: control characters (escape
/// sequences could rewrite the screen, fake a `0 failed`, retitle the window) and the
/// characters that reorder text are shown as `\u{…}` escapes.
pub(crate) fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let reorders = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || reorders {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Lines of text made safe as [`safe`] makes them, keeping their line breaks and tabs.
pub(crate) fn safe_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| line.split('\t').map(safe).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads at most the largest scenario file, plus one byte to know it is larger: a huge
/// file or `/dev/zero` is refused without being read whole. A share link is opened as the
/// page opens it: refused when it carries saved state, and a seed it sets is pointed out
/// (on standard error).
pub(crate) fn read_limited(file: &str) -> Result<String, String> {
    if file.starts_with("http") || file.starts_with('#') || file.starts_with("v1.") {
        let shared = kms_core::share::decode_link(file).map_err(|e| e.to_string())?;
        if let Some(notice) = shared.seed_notice() {
            eprintln!("note: {notice}");
        }
        return Ok(shared.text);
    }
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than {MAX_FILE_BYTES} bytes, the most a scenario may be"
        ));
    }
    String::from_utf8(bytes).map_err(|_| "not a text file (scenario files are UTF-8 JSON)".into())
}

fn load(file: &str) -> Result<Scenario, ExitCode> {
    load_text(file).map(|(s, _)| s)
}

/// A scenario file (or link), loaded, with its text.
pub(crate) fn load_text(file: &str) -> Result<(Scenario, String), ExitCode> {
    let shown = safe(file);
    let text = read_limited(file).map_err(|e| {
        eprintln!("{shown}: {}", safe(&e));
        ExitCode::from(2)
    })?;
    let loaded = Scenario::load(&text);
    if let Ok(s) = &loaded {
        warn_lookalikes(&shown, s);
    }
    loaded.map(|s| (s, text)).map_err(|errors| {
        for e in &errors {
            eprintln!("{shown}:{}", safe(&e.to_string()));
        }
        let counted = errors.len();
        eprintln!(
            "{shown}: the file is not a valid kms-playground/scenario@1 file ({counted} error{} listed)",
            if counted == 1 { "" } else { "s" }
        );
        ExitCode::from(2)
    })
}

/// The world of a scenario file (or link), built without playing its steps, and its
/// title; without a file, the study notes' world. A file that is not a world is reported
/// on standard error (exit status 2).
pub(crate) fn world_of(
    file: Option<&str>,
) -> Result<(kms_core::world::World, Option<String>), ExitCode> {
    let (text, title) = match file {
        Some(f) => {
            let (s, text) = load_text(f)?;
            (text, s.title.clone())
        }
        None => (aws::STUDY_NOTES.to_string(), None),
    };
    Scenario::load(&text)
        .map_err(|e| {
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
        .and_then(|s| s.build_world().map_err(|e| e.to_string()))
        .map(|w| (w, title))
        .map_err(|e| {
            eprintln!("kms-playground: the world cannot be built: {}", safe(&e));
            ExitCode::from(2)
        })
}

/// Principals whose names look alike could be taken for one another in every line printed:
/// says so on standard error.
fn warn_lookalikes(shown: &str, s: &Scenario) {
    let labels: Vec<String> = s
        .principals
        .iter()
        .map(|p| {
            p.name.clone().unwrap_or_else(|| {
                kms_core::principal::Principal::parse(&p.arn)
                    .map(|p| p.short_name())
                    .unwrap_or_else(|_| p.arn.clone())
            })
        })
        .collect();
    for (a, b) in kms_core::text::lookalikes(labels.iter().map(String::as_str)) {
        eprintln!(
            "{shown}: warning: the principals `{}` and `{}` look alike: readers may take one for the other",
            safe(a),
            safe(b)
        );
    }
}

/// A loaded scenario's world, built (so `validate` finds whatever `run` would refuse).
fn runner(file: &str, scenario: &Scenario) -> Result<Runner, ExitCode> {
    Runner::new(scenario).map_err(|e| {
        eprintln!("{}:{}", safe(file), safe(&e.to_string()));
        ExitCode::from(2)
    })
}

fn validate(file: &str) -> ExitCode {
    let (s, text) = match load_text(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = runner(file, &s) {
        return code;
    }
    if lesson::is_lesson(&text) {
        return match lesson::load(file, &text) {
            Ok(l) => {
                println!(
                    "{}: valid lesson `{}` — {} goal(s), {} hint(s), a solution of {} step(s); {} principal(s), {} key(s), {} question(s)",
                    safe(file),
                    safe(&l.id),
                    l.goals.len(),
                    l.goals.iter().map(|g| g.hints.len()).sum::<usize>(),
                    l.solution.len(),
                    s.principals.len(),
                    s.keys.len(),
                    s.steps.len()
                );
                ExitCode::SUCCESS
            }
            Err(code) => code,
        };
    }
    println!(
        "{}: valid — {} principal(s), {} key(s), {} grant(s), {} step(s)",
        safe(file),
        s.principals.len(),
        s.keys.len(),
        s.grants.len(),
        s.steps.len()
    );
    ExitCode::SUCCESS
}

fn share(file: &str) -> ExitCode {
    let text = match load_text(file) {
        Ok((_, text)) => text,
        Err(code) => return code,
    };
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(&text) else {
        return ExitCode::from(2);
    };
    match kms_core::share::encode_link(&doc) {
        Ok(link) => {
            println!("#s={link}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {}", safe(file), e);
            ExitCode::from(2)
        }
    }
}

fn run(file: &str, json_out: bool) -> ExitCode {
    let scenario = match load(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut runner = match runner(file, &scenario) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let results = runner.run_all();
    let passed = results.iter().filter(|r| r.met == Some(true)).count();
    let failed = results.iter().filter(|r| r.met == Some(false)).count();
    if json_out {
        let doc = json!({"passed": passed, "failed": failed, "steps": results.iter().map(StepResult::to_json).collect::<Vec<_>>()});
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        if let Some(t) = &scenario.title {
            println!("{}", safe(t));
        }
        for r in &results {
            println!("{}", line(r, &scenario));
        }
        println!("{passed} passed, {failed} failed");
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn line(r: &StepResult, s: &Scenario) -> String {
    let mark = match r.met {
        Some(true) => "PASS",
        Some(false) => "FAIL",
        None => "    ",
    };
    let who = r
        .principal
        .as_ref()
        .map(|arn| {
            s.principals
                .iter()
                .find(|p| p.arn == *arn)
                .and_then(|p| p.name.clone())
                .unwrap_or_else(|| arn.clone())
        })
        .unwrap_or_default();
    let outcome = match (&r.error, &r.decision, &r.output) {
        (Some(e), _, _) => e.code.clone(),
        (None, Some(d), None) => format!(
            "{} ({})",
            if d.effect == kms_core::policy::Effect::Allow {
                "allow"
            } else {
                "deny"
            },
            d.rule
        ),
        (None, _, Some(o)) if r.what == "advance" => {
            format!("clock now {}", o["now"].as_str().unwrap_or(""))
        }
        _ => "ok".to_string(),
    };
    let mut text = format!(
        "[{:>2}] {mark} {:<10} {:<28} → {}",
        r.index + 1,
        safe(&who),
        safe(&r.what),
        safe(&outcome)
    );
    if let (Some(false), Some(e)) = (r.met, &r.expected) {
        text.push_str(&format!("  (expected {})", safe(&e.to_string())));
    }
    match (&r.decision, &r.error) {
        (Some(d), _) if d.effect == kms_core::policy::Effect::Deny => {
            text.push_str(&format!("\n       {}", safe(&d.reason)));
            if let (kms_core::authz::Rule::ImplicitDeny, Some(h)) = (d.rule, &d.hint) {
                text.push_str(&format!(" — {}", safe(h)));
            }
        }
        (_, Some(e)) if !e.message.is_empty() => {
            text.push_str(&format!("\n       {}", safe(&e.message)))
        }
        _ => {}
    }
    text
}
