//! `kms-playground`: runs and checks KMS Playground scenario files.

use std::process::ExitCode;

use kms_core::scenario::{Runner, Scenario, StepResult};
use serde_json::json;

const HELP: &str = "\
kms-playground — run and check KMS Playground scenario files (kms-playground/scenario@1)

USAGE:
    kms-playground run FILE [--json]    play every step and check every `expect`
    kms-playground validate FILE        check the file without running it
    kms-playground --help | --version

EXAMPLES:
    kms-playground run tests/scenarios/cmk-access.json
        One line per step — who, what, the outcome, and for a denial the reason — then
        `N passed, M failed`.
    kms-playground run lesson.json --json | jq '.steps[] | select(.met == false)'
        The same results as one JSON document, for other tools.
    kms-playground validate lesson.json
        Every error of the file at once, each with its path and line:column:
          lesson.json:14:17: steps[3].input.KeyId: ...

EXIT STATUS:
    0  every expectation was met (or the file is valid)
    1  at least one expectation was not met
    2  the file is missing, unreadable or invalid, or the command line is wrong

A scenario is a simulated world (principals with IAM policies, keys with key policies,
grants) and a list of steps: API calls ({\"as\": \"Alice\", \"call\": \"Encrypt\", \"input\": {...}}),
authorization checks ({\"as\": \"Bob\", \"check\": \"kms:Decrypt\", \"key\": \"CMK-A\"}) and
clock steps ({\"advance\": \"30d\"}). See the scenario format in the project's docs.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
        ["run" | "validate"] => usage("a scenario FILE is needed"),
        [other, ..] if !["run", "validate"].contains(other) => {
            usage(&format!("unknown command `{other}`"))
        }
        _ => usage("too many arguments"),
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("kms-playground: {message}\n\n{HELP}");
    ExitCode::from(2)
}

fn load(file: &str) -> Result<Scenario, ExitCode> {
    let text = match std::fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("{file}: not a text file (scenario files are UTF-8 JSON)");
                return Err(ExitCode::from(2));
            }
        },
        Err(e) => {
            eprintln!("{file}: cannot read the file: {e}");
            return Err(ExitCode::from(2));
        }
    };
    Scenario::load(&text).map_err(|errors| {
        for e in &errors {
            if e.path.is_empty() {
                eprintln!("{file}:{}: {}", e.loc, e.message);
            } else {
                eprintln!("{file}:{}: {}: {}", e.loc, e.path, e.message);
            }
        }
        eprintln!(
            "{file}: {} error{} — the file is not a valid kms-playground/scenario@1 file",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        ExitCode::from(2)
    })
}

fn validate(file: &str) -> ExitCode {
    match load(file) {
        Ok(s) => {
            println!(
                "{file}: valid — {} principal(s), {} key(s), {} grant(s), {} step(s)",
                s.principals.len(),
                s.keys.len(),
                s.grants.len(),
                s.steps.len()
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn run(file: &str, json_out: bool) -> ExitCode {
    let scenario = match load(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut runner = match Runner::new(&scenario) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let results = runner.run_all();
    let passed = results.iter().filter(|r| r.met == Some(true)).count();
    let failed = results.iter().filter(|r| r.met == Some(false)).count();
    if json_out {
        let doc = json!({"passed": passed, "failed": failed, "steps": results.iter().map(StepResult::to_json).collect::<Vec<_>>()});
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        if let Some(t) = &scenario.title {
            println!("{t}");
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
        (Some(e), _, _) => e.code.as_str().to_string(),
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
        "[{:>2}] {mark} {who:<10} {:<28} → {outcome}",
        r.index + 1,
        r.what
    );
    if let (Some(false), Some(e)) = (r.met, &r.expected) {
        text.push_str(&format!("  (expected {e})"));
    }
    match (&r.decision, &r.error) {
        (Some(d), _) if d.effect == kms_core::policy::Effect::Deny => {
            text.push_str(&format!("\n       {}", d.reason));
            if let (kms_core::authz::Rule::ImplicitDeny, Some(h)) = (d.rule, &d.hint) {
                text.push_str(&format!(" — {h}"));
            }
        }
        (_, Some(e)) if !e.message.is_empty() => text.push_str(&format!("\n       {}", e.message)),
        _ => {}
    }
    text
}
