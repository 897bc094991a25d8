//! `aws s3 cp` and `aws s3 ls`: the AWS CLI's high-level S3 commands, made of the same
//! calls the CLI makes (PutObject for an upload; HeadObject then GetObject for a download;
//! ListObjectsV2, page after page, for a listing) and printed as it prints them
//! (`upload: note.txt to s3://bucket/note.txt`, `upload failed: … An error occurred …`).
//!
//! `--sse aws:kms --sse-kms-key-id KEY` asks S3 to encrypt the object with a KMS key:
//! server-side encryption, the study notes' SSE-KMS.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value, json};

use super::output::{Printed, error_line, shown};
use super::{Files, USAGE, Usage, globals, split_equals, usage};
use crate::b64;
use crate::service::{Descriptor, Service};

/// The synopsis `aws s3 cp` prints with its usage errors.
const CP_USAGE: &str =
    "usage: aws s3 cp <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>";

/// The subcommands simulated here.
const SUBCOMMANDS: [&str; 2] = ["cp", "ls"];

/// Where a path of `cp` points: a file of the file area (`-` is the screen), or an object.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    Local(String),
    S3 { bucket: String, key: String },
}

fn place(path: &str) -> Place {
    match path.strip_prefix("s3://") {
        Some(rest) => {
            let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
            Place::S3 {
                bucket: bucket.to_owned(),
                key: key.to_owned(),
            }
        }
        None => Place::Local(path.to_owned()),
    }
}

/// A local path as the CLI prints it: relative to the working directory, `./` first.
fn shown_path(path: &str) -> String {
    format!("./{}", path.trim_start_matches("./"))
}

/// The last part of a path or key.
fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// What an `aws s3` command does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transfer {
    /// `ls s3://BUCKET[/PREFIX]` (`--recursive`: every key under the prefix).
    Ls {
        /// The bucket.
        bucket: String,
        /// The prefix.
        prefix: String,
        /// `--recursive`.
        recursive: bool,
    },
    /// `cp FILE s3://BUCKET/KEY`.
    Upload {
        /// The path as given (printed back).
        from: String,
        /// The file's bytes.
        body: Vec<u8>,
        /// The bucket.
        bucket: String,
        /// The object's key.
        key: String,
    },
    /// `cp s3://BUCKET/KEY FILE` (`-`: the screen).
    Download {
        /// The bucket.
        bucket: String,
        /// The object's key.
        key: String,
        /// The file written, or `None` for `-`.
        to: Option<String>,
    },
}

/// An `aws s3 …` command line, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Command {
    /// What it does.
    pub transfer: Transfer,
    /// `--sse` (`AES256` or `aws:kms`).
    pub sse: Option<String>,
    /// `--sse-kms-key-id`.
    pub kms_key: Option<String>,
    /// `--quiet` / `--only-show-errors`: no line for what went well.
    pub quiet: bool,
    /// `--dryrun`: print what would be done, call nothing.
    pub dryrun: bool,
    /// `--region`.
    pub region: Option<String>,
    /// `--profile`.
    pub profile: Option<String>,
}

/// Whether `words` (`aws` first or not) are an `aws s3 …` command.
pub fn is_s3(words: &[String]) -> bool {
    let rest = words.strip_prefix(&[String::from("aws")]).unwrap_or(words);
    rest.first().is_some_and(|s| s == "s3")
}

/// Reads `aws s3 cp|ls …`. A file to upload is read from `files` now, as the CLI reads it
/// before it calls.
pub fn parse_s3(words: &[String], files: &dyn Files) -> Result<S3Command, Usage> {
    let rest = words.strip_prefix(&[String::from("aws")]).unwrap_or(words);
    let rest = rest.get(1..).unwrap_or_default();
    let Some(sub) = rest.first() else {
        return Err(usage(format!(
            "{USAGE}\naws: error: the following arguments are required: operation"
        )));
    };
    if !SUBCOMMANDS.contains(&sub.as_str()) {
        return Err(usage(format!(
            "{USAGE}\naws: error: argument operation: Invalid choice, valid choices are:\n\n{}",
            SUBCOMMANDS.join(" | ")
        )));
    }
    let args = split_equals(rest.get(1..).unwrap_or_default());
    let (g, own) = globals(&args)?;
    let mut paths: Vec<&str> = Vec::new();
    let mut sse = None;
    let mut kms_key = None;
    let mut flags: Vec<&str> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    let mut i = 0;
    while let Some(arg) = own.get(i).copied() {
        i += 1;
        match (sub.as_str(), arg) {
            ("cp", "--sse") => {
                // `--sse` alone is AES256, as the CLI reads it.
                match own.get(i).copied().filter(|v| !v.starts_with("--")) {
                    Some(v @ ("AES256" | "aws:kms")) => {
                        sse = Some(v.to_owned());
                        i += 1;
                    }
                    Some(v) if paths.len() >= 2 => {
                        return Err(usage(format!(
                            "{USAGE}\naws: error: argument --sse: invalid choice: '{v}' (choose from 'AES256', 'aws:kms')"
                        )));
                    }
                    _ => sse = Some(String::from("AES256")),
                }
            }
            ("cp", "--sse-kms-key-id") => match own.get(i) {
                Some(v) if !v.starts_with("--") => {
                    kms_key = Some((*v).to_owned());
                    i += 1;
                }
                _ => {
                    return Err(usage(format!(
                        "{USAGE}\naws: error: argument --sse-kms-key-id: expected one argument"
                    )));
                }
            },
            (
                "cp",
                "--quiet" | "--only-show-errors" | "--no-progress" | "--dryrun" | "--recursive",
            )
            | ("ls", "--recursive" | "--human-readable" | "--summarize") => flags.push(arg),
            (_, a) if a.starts_with("--") => unknown.push(a),
            (_, a) => paths.push(a),
        }
    }
    let text = |k: &str| g.get(k).and_then(Value::as_str).map(String::from);
    let flag = |f: &str| flags.contains(&f);
    let most = if sub == "cp" { 2 } else { 1 };
    unknown.extend(paths.get(most..).unwrap_or_default());
    if !unknown.is_empty() {
        return Err(usage(format!(
            "{USAGE}\nUnknown options: {}",
            unknown.join(", ")
        )));
    }
    let transfer = if sub == "ls" {
        let path = paths.first().copied().unwrap_or("s3://");
        let (bucket, prefix) = match place(path) {
            Place::S3 { bucket, key } => (bucket, key),
            Place::Local(p) => {
                let (b, k) = p.split_once('/').unwrap_or((&p, ""));
                (b.to_owned(), k.to_owned())
            }
        };
        if bucket.is_empty() {
            return Err(Usage {
                message: String::from(
                    "aws s3 ls lists one bucket's objects here: give it s3://BUCKET (ListBuckets is not simulated).",
                ),
                status: super::USAGE_STATUS,
            });
        }
        Transfer::Ls {
            bucket,
            prefix,
            recursive: flag("--recursive"),
        }
    } else {
        if flag("--recursive") {
            return Err(usage(
                "aws s3 cp --recursive copies a directory: the file area here has none. Copy one file at a time.",
            ));
        }
        let [from, to] = paths.as_slice() else {
            return Err(usage(format!(
                "{USAGE}\naws: error: the following arguments are required: paths"
            )));
        };
        match (place(from), place(to)) {
            (Place::Local(f), Place::S3 { bucket, key }) => {
                if f == "-" {
                    return Err(usage(
                        "aws s3 cp - reads standard input, which this terminal does not have: write the text into a file first.",
                    ));
                }
                let name = f.strip_prefix("./").unwrap_or(&f);
                let Some(body) = files.read(name) else {
                    return Err(Usage {
                        message: format!("The user-provided path {f} does not exist."),
                        status: 255,
                    });
                };
                let key = if key.is_empty() || key.ends_with('/') {
                    format!("{key}{}", basename(name))
                } else {
                    key
                };
                Transfer::Upload {
                    from: f.clone(),
                    body,
                    bucket,
                    key,
                }
            }
            (Place::S3 { bucket, key }, Place::Local(t)) => {
                if key.is_empty() || key.ends_with('/') {
                    return Err(usage(format!(
                        "{CP_USAGE}\nError: Invalid argument type: s3://{bucket}/{key} names no object"
                    )));
                }
                // Named as the file area names it (`./back.txt` is `back.txt`).
                let to = match t.trim_start_matches("./") {
                    "-" => None,
                    "" | "." => Some(basename(&key).to_owned()),
                    t if t.ends_with('/') => Some(format!("{t}{}", basename(&key))),
                    t => Some(t.to_owned()),
                };
                Transfer::Download { bucket, key, to }
            }
            (Place::S3 { .. }, Place::S3 { .. }) => {
                return Err(usage(
                    "aws s3 cp from one object to another (CopyObject) is not simulated here: download it, then upload it.",
                ));
            }
            (Place::Local(_), Place::Local(_)) => {
                return Err(Usage {
                    message: format!("{CP_USAGE}\nError: Invalid argument type"),
                    status: 255,
                });
            }
        }
    };
    Ok(S3Command {
        transfer,
        sse,
        kms_key,
        quiet: flag("--quiet") || flag("--only-show-errors"),
        dryrun: flag("--dryrun"),
        region: text("--region"),
        profile: text("--profile"),
    })
}

/// What an `aws s3` command did: what it printed, and the file it wrote (a download).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Done {
    /// What it printed, and its status.
    pub printed: Printed,
    /// A downloaded file: its name and bytes.
    pub written: Option<(String, Vec<u8>)>,
}

/// A service's answer to one call: the response, or the error's code and message.
pub type Answer = Result<Value, (String, String)>;

fn descriptor(name: &str) -> Option<&'static Descriptor> {
    Service::S3.operations().iter().find(|d| d.name() == name)
}

/// The line the CLI prints for a failed call: `An error occurred (Code) when calling the
/// Op operation: message`. HeadObject's errors have no body: the CLI names the HTTP status.
fn occurred(op: &str, code: &str, message: &str) -> String {
    let (code, message) = match (op, code) {
        ("HeadObject", "NoSuchKey" | "NoSuchBucket" | "NotFound") => ("404", "Not Found"),
        ("HeadObject", "AccessDenied") => ("403", "Forbidden"),
        _ => (code, message),
    };
    error_line(op, code, message)
}

/// `2026-01-01T00:00:00+00:00` → `2026-01-01 00:00:00` (the CLI's listing, in UTC here).
fn listed_time(v: Option<&Value>) -> String {
    let t = v.and_then(Value::as_str).unwrap_or_default();
    let t: String = t
        .chars()
        .take(19)
        .map(|c| if c == 'T' { ' ' } else { c })
        .collect();
    format!("{t:<19}")
}

impl S3Command {
    /// Runs the command, making each call with `call` (as the principal and in the Region
    /// the caller chose), one after another as the CLI makes them.
    pub fn run(&self, call: &mut dyn FnMut(&'static Descriptor, &Value) -> Answer) -> Done {
        let mut done = Done::default();
        let say = |done: &mut Done, line: String| {
            if !self.quiet {
                done.printed.stdout.push_str(&line);
                done.printed.stdout.push('\n');
            }
        };
        let fail = |done: &mut Done, line: String, status: u8| {
            done.printed.stderr.push_str(&line);
            done.printed.stderr.push('\n');
            done.printed.status = status;
        };
        let (Some(put), Some(head), Some(get), Some(list)) = (
            descriptor("PutObject"),
            descriptor("HeadObject"),
            descriptor("GetObject"),
            descriptor("ListObjectsV2"),
        ) else {
            fail(&mut done, String::from("S3 is not simulated"), 255);
            return done;
        };
        match &self.transfer {
            Transfer::Upload {
                from,
                body,
                bucket,
                key,
            } => {
                let from = shown_path(from);
                let what = format!("upload: {from} to s3://{bucket}/{key}");
                if self.dryrun {
                    say(&mut done, format!("(dryrun) {what}"));
                    return done;
                }
                let mut input = Map::new();
                input.insert("Bucket".into(), json!(bucket));
                input.insert("Key".into(), json!(key));
                input.insert("Body".into(), json!(b64::encode(body)));
                if let Some(s) = &self.sse {
                    input.insert("ServerSideEncryption".into(), json!(s));
                }
                if let Some(k) = &self.kms_key {
                    input.insert("SSEKMSKeyId".into(), json!(k));
                }
                match call(put, &Value::Object(input)) {
                    Ok(_) => say(&mut done, what),
                    Err((code, message)) => fail(
                        &mut done,
                        format!(
                            "upload failed: {from} to s3://{bucket}/{key} {}",
                            occurred("PutObject", &code, &message)
                        ),
                        1,
                    ),
                }
            }
            Transfer::Download { bucket, key, to } => {
                let shown_to = to.as_deref().map_or_else(|| String::from("-"), shown_path);
                let what = format!("download: s3://{bucket}/{key} to {shown_to}");
                if self.dryrun {
                    say(&mut done, format!("(dryrun) {what}"));
                    return done;
                }
                let object = json!({"Bucket": bucket, "Key": key});
                if let Err((code, message)) = call(head, &object) {
                    fail(
                        &mut done,
                        format!("fatal error: {}", occurred("HeadObject", &code, &message)),
                        1,
                    );
                    return done;
                }
                match call(get, &object) {
                    Ok(v) => {
                        let bytes = v
                            .get("Body")
                            .and_then(Value::as_str)
                            .and_then(|b| b64::decode(b).ok())
                            .unwrap_or_default();
                        match to {
                            None => {
                                done.printed.stdout = String::from_utf8_lossy(&bytes).into_owned();
                            }
                            Some(t) => {
                                done.written = Some((t.clone(), bytes));
                                say(&mut done, what);
                            }
                        }
                    }
                    Err((code, message)) => fail(
                        &mut done,
                        format!(
                            "download failed: s3://{bucket}/{key} to {shown_to} {}",
                            occurred("GetObject", &code, &message)
                        ),
                        1,
                    ),
                }
            }
            Transfer::Ls {
                bucket,
                prefix,
                recursive,
            } => {
                // As the CLI asks: with `Delimiter=/` unless recursive, S3 gathering the
                // keys under each "folder" into its common prefix.
                let mut input = Map::new();
                input.insert("Bucket".into(), json!(bucket));
                input.insert("Prefix".into(), json!(prefix));
                if !recursive {
                    input.insert("Delimiter".into(), json!("/"));
                }
                let mut found = false;
                let mut prefixes: Vec<String> = Vec::new();
                for _ in 0..super::output::MAX_PAGES {
                    let page = match call(list, &Value::Object(input.clone())) {
                        Ok(p) => shown(list, &p),
                        Err((code, message)) => {
                            fail(&mut done, occurred("ListObjectsV2", &code, &message), 254);
                            return done;
                        }
                    };
                    for common in page
                        .get("CommonPrefixes")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|c| c.get("Prefix").and_then(Value::as_str))
                    {
                        found = true;
                        if !prefixes.iter().any(|p| p == common) {
                            prefixes.push(String::from(common));
                        }
                    }
                    let contents = page
                        .get("Contents")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    for o in contents {
                        let key = o.get("Key").and_then(Value::as_str).unwrap_or_default();
                        let below = key.get(prefix.len()..).unwrap_or_default();
                        found = true;
                        match below.split_once('/').filter(|_| !recursive) {
                            Some((dir, _)) => {
                                let common = format!("{prefix}{dir}/");
                                if !prefixes.contains(&common) {
                                    prefixes.push(common);
                                }
                            }
                            None => {
                                let size =
                                    o.get("Size").map(ToString::to_string).unwrap_or_default();
                                let name = if *recursive { key } else { basename(key) };
                                say(
                                    &mut done,
                                    format!(
                                        "{} {size:>10} {name}",
                                        listed_time(o.get("LastModified"))
                                    ),
                                );
                            }
                        }
                    }
                    match page.get("NextContinuationToken").and_then(Value::as_str) {
                        Some(t) if page.get("IsTruncated") == Some(&Value::Bool(true)) => {
                            input.insert("ContinuationToken".into(), json!(t));
                        }
                        _ => break,
                    }
                }
                // As S3 answers a page: its common prefixes first, in order.
                prefixes.sort();
                let files = core::mem::take(&mut done.printed.stdout);
                for p in &prefixes {
                    let last = p.trim_end_matches('/').rsplit('/').next().unwrap_or(p);
                    say(&mut done, format!("{:>30} {last}/", "PRE"));
                }
                done.printed.stdout.push_str(&files);
                // A prefix that matches nothing is exit status 1, as the CLI has it.
                if !found && !prefix.is_empty() {
                    done.printed.status = 1;
                }
            }
        }
        done
    }

    /// The label of the calls it makes (for undo and the call drawer).
    pub fn label(&self) -> &'static str {
        match self.transfer {
            Transfer::Ls { .. } => "aws s3 ls",
            _ => "aws s3 cp",
        }
    }
}
