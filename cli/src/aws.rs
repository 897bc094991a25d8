//! `kms-playground aws …`: an AWS CLI command line, read by the same parser as the page's
//! terminal, run through the world's one door, and printed as the AWS CLI prints it.

use std::io::{Read, Write};
use std::process::ExitCode;

use kms_core::api::Caller;
use kms_core::awscli::{self, Files, Printed};
use kms_core::world::World;

/// The world a command runs in when no `--world` is given: the study notes'.
pub(crate) const STUDY_NOTES: &str = include_str!("../../tests/scenarios/cmk-access.json");

/// The largest file `file://` and `fileb://` read (KMS takes 4 KB; S3 objects here are small).
const MAX_FILE: u64 = 1 << 20;

/// Files read from the file system, relative to the working directory.
struct Disk;

impl Files for Disk {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        let f = std::fs::File::open(path).ok()?;
        let mut bytes = Vec::new();
        f.take(MAX_FILE + 1).read_to_end(&mut bytes).ok()?;
        (bytes.len() as u64 <= MAX_FILE).then_some(bytes)
    }
}

/// Who a command runs as: `--profile` (see [`awscli::profile`]); without it, the first
/// user of the world's account.
fn principal(world: &World, profile: Option<&str>) -> Result<String, Printed> {
    match profile {
        Some(name) => awscli::profile(world, name),
        None => Ok(world
            .principals()
            .iter()
            .find(|p| {
                p.principal.arn().contains(":user/")
                    && p.principal.account_str() == world.account().as_str()
            })
            .map_or_else(
                || format!("arn:aws:iam::{}:root", world.account()),
                |p| p.principal.arn().to_string(),
            )),
    }
}

/// Writes a downloaded body to `name`; when it cannot, says so instead of what went well.
fn write_out(name: &str, bytes: &[u8], mut printed: Printed) -> Printed {
    if let Err(e) = std::fs::write(name, bytes) {
        printed.stdout.clear();
        printed.stderr = format!("{} could not be written: {e}\n", crate::safe(name));
        printed.status = 1;
    }
    printed
}

fn finish(p: &Printed) -> ExitCode {
    let mut out = std::io::stdout();
    let _ = out.write_all(crate::safe_lines(&p.stdout).as_bytes());
    let _ = out.flush();
    eprint!("{}", crate::safe_lines(&p.stderr));
    ExitCode::from(p.status)
}

/// Runs `aws …` (the arguments after `kms-playground`, `aws` first).
pub fn run(args: &[String]) -> ExitCode {
    let mut words: Vec<String> = Vec::new();
    let mut world_file: Option<String> = None;
    let mut save = false;
    let mut show_request = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--world" => match it.next() {
                Some(f) => world_file = Some(f.clone()),
                None => return crate::usage("--world needs a scenario FILE"),
            },
            "--save" => save = true,
            "--show-request" => show_request = true,
            _ => words.push(a.clone()),
        }
    }
    if save && world_file.is_none() {
        return crate::usage("--save writes the world back to the --world FILE: give one");
    }
    if let Some(text) = awscli::help(&words) {
        return finish(&Printed {
            stdout: text,
            ..Printed::default()
        });
    }
    let s3 = if awscli::is_s3(&words) {
        match awscli::parse_s3(&words, &Disk) {
            Ok(_) if show_request => {
                return crate::usage(
                    "--show-request shows one API request; aws s3 commands make several",
                );
            }
            Ok(c) => Some(c),
            Err(u) => return finish(&u.into()),
        }
    } else {
        None
    };
    let command = match s3.as_ref() {
        Some(_) => None,
        None => match awscli::parse(&words, &Disk) {
            Ok(c) => Some(c),
            Err(u) => return finish(&u.into()),
        },
    };
    if let (true, Some(command)) = (show_request, &command) {
        let doc = serde_json::json!({
            "service": command.operation.service.prefix(),
            "operation": command.operation.name(),
            "input": command.input,
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let (mut world, title) = match crate::world_of(world_file.as_deref()) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let (profile, region) = match (&command, &s3) {
        (Some(c), _) => (c.profile.clone(), c.region.clone()),
        (None, Some(c)) => (c.profile.clone(), c.region.clone()),
        (None, None) => (None, None),
    };
    let who = match principal(&world, profile.as_deref()) {
        Ok(w) => w,
        Err(p) => return finish(&p),
    };
    let caller = Caller {
        principal: &who,
        region: region.as_deref(),
        via_service: None,
    };
    let mut call = |service, name: &str, input: &serde_json::Value| {
        world
            .request(&caller, service, name, input)
            .output
            .map_err(|e| (e.code, e.message))
    };
    let printed = match (&command, &s3) {
        (Some(command), _) => {
            let answer = awscli::call_pages(command, |input| {
                call(command.operation.service, command.operation.name(), input)
            });
            match &answer {
                Ok(v) => {
                    let printed = awscli::printed(command, Ok(v));
                    match awscli::outfile(command, v) {
                        Some((name, bytes)) if printed.status == 0 => {
                            write_out(&name, &bytes, printed)
                        }
                        _ => printed,
                    }
                }
                Err((code, message)) => awscli::printed(command, Err((code, message))),
            }
        }
        (None, Some(c)) => {
            let done = c.run(&mut |d, input| call(d.service, d.name(), input));
            // A download writes its file, as the CLI does.
            match done.written {
                Some((name, bytes)) => write_out(&name, &bytes, done.printed),
                None => done.printed,
            }
        }
        (None, None) => Printed::default(),
    };
    if let (true, Some(f)) = (save, &world_file) {
        let doc = world.to_scenario(title.as_deref());
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
        let tmp = format!("{f}.saving");
        if let Err(e) = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, f)) {
            eprintln!(
                "kms-playground: the world was not saved to {}: {e}",
                crate::safe(f)
            );
            let _ = finish(&printed);
            return ExitCode::from(2);
        }
    }
    finish(&printed)
}
