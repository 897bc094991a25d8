//! The terminal: the AWS CLI typed in the page. A command is read by the core's
//! `awscli` (the same parser and printer as `kms-playground aws`, checked against the real
//! AWS CLI), made as calls through the store's door — as the principal under *Acting as*
//! (or `--profile`), in the selected Region (or `--region`) — so it lands in the call
//! drawer, the audit log and undo, and printed as the AWS CLI prints it. The playground's
//! explanation of a failure stays apart, under "Why".
//!
//! The session (what was typed and printed, the files) lasts while the page is open, and
//! is shared by the Terminal panel and the dock; the history of commands is kept across
//! reloads. Its code is a chunk of its own, fetched when the terminal first opens.

use std::collections::BTreeMap;
use std::sync::Arc;

use kms_core::awscli::{self, Files, Printed};
use kms_core::service::{Kind, Service};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::route::{Panel, Route};
use crate::store::CallRecord;
use crate::ui::Pg;
use crate::widgets::{uid, use_pg};

/// Where the history of commands is kept.
const HISTORY_KEY: &str = "kms-playground:terminal-history";
/// How many commands the history keeps, and the longest it keeps.
const HISTORY_MAX: usize = 100;
const HISTORY_LINE_MAX: usize = 4096;
/// How many commands the screen keeps.
const ENTRIES_MAX: usize = 200;
/// The largest file the file area holds, and all its files together.
const FILE_MAX: usize = 1 << 20;
const FILES_MAX: usize = 4 << 20;

/// One command and what it printed.
#[derive(Clone)]
pub struct Entry {
    id: usize,
    line: String,
    printed: Printed,
    /// Who it ran as, and where.
    as_whom: String,
    /// The last call it made (its explanation, when it failed).
    call: Option<Arc<CallRecord>>,
    /// Its upload or download, which the S3 stage plays.
    stage: Option<Arc<CallRecord>>,
}

/// The terminal's session: one per page, shared by the panel and the dock. Its signals
/// belong to an owner of their own, which lives as long as the page.
#[derive(Clone, Copy)]
struct Session {
    entries: RwSignal<Vec<Entry>>,
    history: RwSignal<Vec<String>>,
    files: RwSignal<BTreeMap<String, Vec<u8>>>,
    line: RwSignal<String>,
    next: RwSignal<usize>,
}

thread_local! {
    static SESSION: Session = {
        // `Owner::new_root` makes itself the current owner: made inside the caller's,
        // which comes back after, so the component asking keeps its context.
        let owner = match Owner::current() {
            Some(caller) => caller.with(|| Owner::new_root(None)),
            None => Owner::new_root(None),
        };
        let s = owner.with(|| Session {
            entries: RwSignal::new(Vec::new()),
            history: RwSignal::new(load_history()),
            files: RwSignal::new(BTreeMap::from([(
                String::from("note.txt"),
                b"Meet at noon.".to_vec(),
            )])),
            line: RwSignal::new(String::new()),
            next: RwSignal::new(1),
        });
        // The session lasts as long as the page: its owner is never dropped.
        std::mem::forget(owner);
        s
    };
}

fn session() -> Session {
    SESSION.with(|s| *s)
}

fn load_history() -> Vec<String> {
    crate::persist::read(HISTORY_KEY)
        .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|l| l.len() <= HISTORY_LINE_MAX)
        .take(HISTORY_MAX)
        .collect()
}

/// The file area, as `file://` and `fileb://` read it (`./note.txt` is `note.txt`).
struct Area<'a>(&'a BTreeMap<String, Vec<u8>>);

impl Files for Area<'_> {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.0.get(path.trim_start_matches("./")).cloned()
    }
}

/// What follows the command on the line: `| base64 --decode` and `> FILE`, as the AWS
/// documentation's examples write them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tail {
    /// `| base64 --decode` (or `-d`).
    pub decode: bool,
    /// `> FILE`.
    pub into: Option<String>,
}

/// Splits `| base64 --decode` and `> FILE` from the command's words; anything else after
/// a `|` is not a command this terminal has.
pub fn tail(words: &[String]) -> Result<(Vec<String>, Tail), String> {
    let mut cmd = Vec::new();
    let mut t = Tail::default();
    let mut it = words.iter().peekable();
    while let Some(w) = it.next() {
        match w.as_str() {
            "|" => {
                let prog: Vec<&String> = it.by_ref().take_while(|x| !x.starts_with('>')).collect();
                match prog
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    ["base64", "--decode" | "-d"] => t.decode = true,
                    other => {
                        return Err(format!(
                            "{}: this terminal pipes only into `base64 --decode`",
                            other.join(" ")
                        ));
                    }
                }
                // `take_while` ate the `>`: a redirection follows.
                if let Some(f) = it.next() {
                    t.into = Some(f.clone());
                }
            }
            ">" => t.into = it.next().cloned(),
            x if x.starts_with('>') && x.len() > 1 => t.into = Some(x[1..].to_string()),
            _ => cmd.push(w.clone()),
        }
    }
    Ok((cmd, t))
}

/// What the terminal itself answers: `help`, `clear`, `ls`, `cat FILE`.
const HELP: &str = "This terminal runs the AWS CLI (v2's syntax) against the simulated world:\n\n  aws kms help                       the KMS operations\n  aws kms encrypt help               an operation's options, types and limits\n  aws kms encrypt --key-id alias/cmk-a --plaintext fileb://note.txt\n  aws kms decrypt --ciphertext-blob fileb://secret.bin --query Plaintext --output text | base64 --decode\n  aws s3 cp note.txt s3://BUCKET/ --sse aws:kms --sse-kms-key-id alias/cmk-a   (SSE-KMS, on the S3 stage)\n\nEvery command runs as the principal under Acting as (or --profile bob) in the selected Region\n(or --region). Files: ls, cat FILE, and `> FILE` after a command. clear empties the screen.\nTab completes; ↑ and ↓ recall earlier commands.\n";

/// Runs one line and says what it printed.
fn run(pg: Pg, s: &Session, line: &str) -> Printed {
    let out = |t: String| Printed {
        stdout: t,
        ..Printed::default()
    };
    let err = |t: String, status: u8| Printed {
        stdout: String::new(),
        stderr: t,
        status,
    };
    let words = match awscli::words(line) {
        Ok(w) => w,
        Err(u) => return u.into(),
    };
    let (words, tail) = match tail(&words) {
        Ok(x) => x,
        Err(e) => return err(format!("{e}\n"), 127),
    };
    match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => return Printed::default(),
        ["help"] => return out(String::from(HELP)),
        ["ls"] => {
            return out(s.files.with_untracked(|f| {
                f.iter()
                    .map(|(n, b)| format!("{n}\t{} bytes\n", b.len()))
                    .collect()
            }));
        }
        ["cat", name] => {
            return match s.files.with_untracked(|f| f.get(*name).cloned()) {
                Some(b) => out(String::from_utf8_lossy(&b).into_owned()),
                None => err(format!("cat: {name}: No such file\n"), 1),
            };
        }
        ["aws", ..] => {}
        [other, ..] => {
            return err(
                format!(
                    "{other}: command not found. This terminal runs the AWS CLI: try `aws kms help`, or `help`.\n"
                ),
                127,
            );
        }
    }
    let mut printed = command(pg, s, &words);
    if printed.status == 0 && tail.decode {
        match kms_core::b64::decode(printed.stdout.trim()) {
            Ok(bytes) if tail.into.is_some() => {
                printed.stdout = String::new();
                return write_file(s, tail.into.as_deref().unwrap_or_default(), bytes, printed);
            }
            Ok(bytes) => printed.stdout = String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => return err(String::from("base64: invalid input\n"), 1),
        }
    }
    match tail.into {
        Some(f) if printed.status == 0 => {
            let bytes = std::mem::take(&mut printed.stdout).into_bytes();
            write_file(s, &f, bytes, printed)
        }
        _ => printed,
    }
}

fn write_file(s: &Session, name: &str, bytes: Vec<u8>, mut printed: Printed) -> Printed {
    let total: usize = s.files.with_untracked(|f| {
        f.iter()
            .filter(|(n, _)| n.as_str() != name)
            .map(|(_, b)| b.len())
            .sum()
    });
    if name.is_empty() || name.contains('/') {
        printed.stderr = format!("{name}: a file of the file area is named without a directory\n");
        printed.status = 1;
    } else if bytes.len() > FILE_MAX || total + bytes.len() > FILES_MAX {
        printed.stderr = format!("{name}: the file area holds files of up to 1 MB, 4 MB in all\n");
        printed.status = 1;
    } else {
        s.files.update(|f| {
            f.insert(String::from(name), bytes);
        });
    }
    printed
}

/// Runs `aws …` through the door.
fn command(pg: Pg, s: &Session, words: &[String]) -> Printed {
    if let Some(h) = awscli::help(words) {
        return Printed {
            stdout: h,
            ..Printed::default()
        };
    }
    if awscli::is_s3(words) {
        return s3_command(pg, s, words);
    }
    let parsed = s.files.with_untracked(|f| awscli::parse(words, &Area(f)));
    let cmd = match parsed {
        Ok(c) => c,
        Err(u) => return u.into(),
    };
    let (who, region) = match who_where(pg, cmd.profile.as_deref(), cmd.region.as_deref()) {
        Ok(x) => x,
        Err(printed) => return printed,
    };
    let label = format!(
        "aws {} {}",
        cmd.operation.service.cli_name(),
        awscli::kebab(cmd.operation.name())
    );
    let service = cmd.operation.service;
    let name = cmd.operation.name();
    let answer = pg.store.group(&label, || {
        awscli::call_pages(&cmd, |input| {
            let r = pg.call_as(&who, &region, service, name, input);
            r.output.clone().map_err(|f| (f.code, f.message))
        })
    });
    match &answer {
        Ok(v) => {
            let printed = awscli::printed(&cmd, Ok(v));
            match awscli::outfile(&cmd, v) {
                Some((name, bytes)) if printed.status == 0 => {
                    write_file(s, name.trim_start_matches("./"), bytes, printed)
                }
                _ => printed,
            }
        }
        Err((code, message)) => awscli::printed(&cmd, Err((code, message))),
    }
}

/// Who a command calls as (`--profile`, or Acting as) and where (`--region`, or the
/// selected Region).
fn who_where(
    pg: Pg,
    profile: Option<&str>,
    region: Option<&str>,
) -> Result<(String, String), Printed> {
    let who = match profile {
        Some(p) => pg.store.peek(|w| awscli::profile(w, p))?,
        None => pg.ui.acting_as.get_untracked(),
    };
    let region = region.map_or_else(|| pg.ui.region.get_untracked(), String::from);
    Ok((who, region))
}

/// Runs `aws s3 cp|ls`: the calls the CLI makes, one undo step; a download lands in the
/// file area.
fn s3_command(pg: Pg, s: &Session, words: &[String]) -> Printed {
    let cmd = match s
        .files
        .with_untracked(|f| awscli::parse_s3(words, &Area(f)))
    {
        Ok(c) => c,
        Err(u) => return u.into(),
    };
    let (who, region) = match who_where(pg, cmd.profile.as_deref(), cmd.region.as_deref()) {
        Ok(x) => x,
        Err(printed) => return printed,
    };
    let done = pg.store.group(cmd.label(), || {
        cmd.run(&mut |d, input| {
            let r = pg.call_as(&who, &region, d.service, d.name(), input);
            r.output.clone().map_err(|f| (f.code, f.message))
        })
    });
    match done.written {
        Some((name, bytes)) => write_file(s, &name, bytes, done.printed),
        None => done.printed,
    }
}

/// What Tab can complete from: the world's keys and aliases, principals, Regions, files.
#[derive(Debug, Default)]
pub struct Known {
    /// Key IDs.
    pub keys: Vec<String>,
    /// Alias names.
    pub aliases: Vec<String>,
    /// `--profile` names (principals' handles, lower case, and `root`).
    pub profiles: Vec<String>,
    /// Regions.
    pub regions: Vec<String>,
    /// The file area's names.
    pub files: Vec<String>,
    /// The buckets, as `s3://NAME/`.
    pub buckets: Vec<String>,
}

/// What Tab does to `line`: the line completed (when it can be), and the choices left
/// (when more than one fits).
pub fn complete(line: &str, known: &Known) -> (Option<String>, Vec<String>) {
    let (head, current) = match line.rfind([' ', '\t']) {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    };
    let before: Vec<&str> = head.split_whitespace().collect();
    let service = before
        .get(1)
        .and_then(|s| Service::ALL.into_iter().find(|x| x.cli_name() == *s));
    let operation = service.and_then(|s| {
        before.get(2).and_then(|o| {
            s.operations()
                .iter()
                .find(|d| awscli::kebab(d.name()) == *o)
        })
    });
    let owned = |v: &[String]| v.to_vec();
    let (prefix, choices): (&str, Vec<String>) = match (before.as_slice(), service, operation) {
        ([], _, _) => ("", vec![String::from("aws")]),
        (["aws"], _, _) => ("", ["kms", "s3", "s3api", "iam"].map(String::from).to_vec()),
        (["aws", "s3"], _, _) => ("", ["cp", "ls", "help"].map(String::from).to_vec()),
        (["aws", "s3", "cp" | "ls", ..], _, _) if !current.starts_with('-') => {
            let prev = before.last().copied().unwrap_or_default();
            match prev {
                "--profile" => ("", owned(&known.profiles)),
                "--region" => ("", owned(&known.regions)),
                "--sse" => ("", ["aws:kms", "AES256"].map(String::from).to_vec()),
                "--sse-kms-key-id" => (
                    "",
                    known.keys.iter().chain(&known.aliases).cloned().collect(),
                ),
                _ if current.starts_with("s3:") || before.get(2) == Some(&"ls") => {
                    ("", owned(&known.buckets))
                }
                _ => ("", owned(&known.files)),
            }
        }
        (["aws", "s3", "cp", ..], _, _) => {
            let used = |o: &str| before.contains(&o);
            let options = [
                "--sse",
                "--sse-kms-key-id",
                "--dryrun",
                "--quiet",
                "--region",
                "--profile",
            ]
            .into_iter()
            .filter(|o| !used(o))
            .map(String::from)
            .collect();
            ("", options)
        }
        (["aws", _], Some(s), _) => (
            "",
            s.operations()
                .iter()
                .map(|d| awscli::kebab(d.name()))
                .chain([String::from("help")])
                .collect(),
        ),
        (_, _, Some(op)) => {
            let prev = before.last().copied().unwrap_or_default();
            let member = prev
                .strip_prefix("--")
                .and_then(|p| op.input().iter().find(|m| awscli::kebab(m.name) == p));
            if let Some(p) = ["fileb://", "file://"]
                .into_iter()
                .find(|p| current.starts_with(p))
            {
                (p, owned(&known.files))
            } else {
                match (prev, member) {
                    ("--profile", _) => ("", owned(&known.profiles)),
                    ("--region", _) => ("", owned(&known.regions)),
                    ("--output", _) => ("", ["json", "text", "table"].map(String::from).to_vec()),
                    ("--cli-binary-format", _) => (
                        "",
                        ["base64", "raw-in-base64-out"].map(String::from).to_vec(),
                    ),
                    // AWS takes only a key ID or ARN as an alias's target.
                    (_, Some(m)) if m.name == "TargetKeyId" => ("", owned(&known.keys)),
                    (_, Some(m)) if m.name.ends_with("KeyId") => (
                        "",
                        known.keys.iter().chain(&known.aliases).cloned().collect(),
                    ),
                    (_, Some(m)) if !m.shape.enums.is_empty() => {
                        ("", m.shape.enums.iter().map(|e| e.to_string()).collect())
                    }
                    (_, Some(m)) if !matches!(m.shape.kind, Kind::Boolean) => ("", Vec::new()),
                    _ => {
                        let used = |o: &str| before.contains(&o);
                        let options = op
                            .input()
                            .iter()
                            .map(|m| format!("--{}", awscli::kebab(m.name)))
                            .chain(
                                [
                                    "--region",
                                    "--profile",
                                    "--output",
                                    "--query",
                                    "--cli-binary-format",
                                ]
                                .map(String::from),
                            )
                            .filter(|o| !used(o))
                            .collect();
                        ("", options)
                    }
                }
            }
        }
        _ => ("", Vec::new()),
    };
    let typed = &current[prefix.len()..];
    let fits: Vec<String> = choices
        .into_iter()
        .filter(|c| c.starts_with(typed))
        .collect();
    match fits.as_slice() {
        [] => (None, Vec::new()),
        [one] => (Some(format!("{head}{prefix}{one} ")), Vec::new()),
        [first, rest @ ..] => {
            let common = rest.iter().fold(first.clone(), |acc, c| {
                acc.chars()
                    .zip(c.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect()
            });
            let line = (common.len() > typed.len()).then(|| format!("{head}{prefix}{common}"));
            (line, fits.clone())
        }
    }
}

fn known(pg: Pg, s: &Session) -> Known {
    let region = pg.ui.region.get_untracked();
    let mut k = pg.store.peek(|w| Known {
        keys: w
            .keys()
            .iter()
            .filter(|k| k.region.as_str() == region)
            .map(|k| k.key_id.to_string())
            .collect(),
        aliases: w
            .aliases()
            .iter()
            .filter(|a| a.region.as_str() == region)
            .map(|a| a.name.to_string())
            .collect(),
        profiles: w
            .principals()
            .iter()
            .filter_map(|p| p.name.as_ref().map(|n| n.to_lowercase()))
            .chain([String::from("root")])
            .collect(),
        regions: Vec::new(),
        files: Vec::new(),
        buckets: w
            .buckets()
            .iter()
            .map(|b| format!("s3://{}/", b.name))
            .collect(),
    });
    k.regions = crate::header::REGIONS.map(String::from).to_vec();
    k.files = s.files.with_untracked(|f| f.keys().cloned().collect());
    k
}

/// The terminal: its screen, its command line, and its file area.
#[component]
pub fn Terminal(
    /// Shown as a dock under another panel (with a close button).
    docked: bool,
) -> impl IntoView {
    let pg = use_pg();
    let s = session();
    let input_id = uid("term-input");
    let input = NodeRef::<leptos::html::Input>::new();
    let screen = NodeRef::<leptos::html::Div>::new();
    let choices = RwSignal::new(Vec::<String>::new());
    // The S3 panel's stage (kept by name: asked for here, where the page's context is).
    let stage_shown = crate::kept::signal("s3.shown", || None::<Arc<CallRecord>>);
    // Where ↑/↓ are in the history: `None` on the line being written.
    let recall = RwSignal::new(None::<usize>);
    let scroll_down = move || {
        request_animation_frame(move || {
            if let Some(el) = screen.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    };
    // A command put on the line from the call drawer.
    {
        let line = s.line;
        Effect::new(move |_| {
            if let Some(l) = pg.ui.terminal_line.get() {
                line.set(l);
                pg.ui.terminal_line.set(None);
                // By its class, not this view's node: a chunk already loaded may draw the
                // dock twice, and the line belongs to the one that stays. One terminal is
                // on the page at a time.
                request_animation_frame(|| {
                    if let Some(el) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.query_selector("input.term-line").ok().flatten())
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.focus();
                    }
                });
            }
        });
    }
    let submit = {
        move || {
            let line = s.line.get_untracked();
            let trimmed = line.trim().to_string();
            recall.set(None);
            choices.set(Vec::new());
            s.line.set(String::new());
            if trimmed.is_empty() {
                return;
            }
            if trimmed.len() <= HISTORY_LINE_MAX {
                s.history.update(|h| {
                    h.retain(|x| *x != trimmed);
                    h.insert(0, trimmed.clone());
                    h.truncate(HISTORY_MAX);
                });
                let text = s
                    .history
                    .with_untracked(|h| serde_json::to_string(h).unwrap_or_default());
                let _ = crate::persist::write(HISTORY_KEY, &text);
            }
            if trimmed == "clear" {
                s.entries.set(Vec::new());
                return;
            }
            let before = pg.store.calls(|c| c.back().map(|r| r.seq));
            let printed = run(pg, &s, &trimmed);
            // The command's own last call (not one S3 made to KMS on its behalf).
            let call = pg.store.calls(|c| {
                c.iter()
                    .rev()
                    .take_while(|r| Some(r.seq) != before)
                    .find(|r| r.made_by.is_none())
                    .cloned()
            });
            // An upload or a download plays on the S3 stage (at once, when it is open).
            let stage = pg.store.calls(|c| {
                c.iter()
                    .rev()
                    .take_while(|r| Some(r.seq) != before)
                    .find(|r| {
                        r.service == Service::S3
                            && matches!(r.operation.as_str(), "PutObject" | "GetObject")
                    })
                    .cloned()
            });
            if let Some(r) = &stage {
                stage_shown.set(Some(Arc::clone(r)));
            }
            // Who it ran as (`--profile` may differ from Acting as), and where.
            let as_whom = match &call {
                Some(r) => format!("as {} · {}", r.caller_name, r.region),
                None => String::from("no call made"),
            };
            let id = s.next.get_untracked();
            s.next.set(id + 1);
            s.entries.update(|e| {
                e.push(Entry {
                    id,
                    line: trimmed,
                    printed,
                    as_whom,
                    call,
                    stage,
                });
                let over = e.len().saturating_sub(ENTRIES_MAX);
                e.drain(..over);
            });
            scroll_down();
        }
    };
    let on_key = {
        move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
            "ArrowUp" | "ArrowDown" => {
                let len = s.history.with_untracked(Vec::len);
                let next = match (ev.key().as_str(), recall.get_untracked()) {
                    ("ArrowUp", None) if len > 0 => Some(Some(0)),
                    ("ArrowUp", Some(i)) if i + 1 < len => Some(Some(i + 1)),
                    ("ArrowDown", Some(0)) => Some(None),
                    ("ArrowDown", Some(i)) => Some(Some(i - 1)),
                    _ => None,
                };
                if let Some(n) = next {
                    ev.prevent_default();
                    recall.set(n);
                    let text = n
                        .and_then(|i| s.history.with_untracked(|h| h.get(i).cloned()))
                        .unwrap_or_default();
                    s.line.set(text);
                }
            }
            "Tab" if !ev.shift_key() => {
                let line = s.line.get_untracked();
                if line.trim().is_empty() {
                    return;
                }
                let (completed, left) = complete(&line, &known(pg, &s));
                if completed.is_some() || !left.is_empty() {
                    ev.prevent_default();
                }
                if let Some(l) = completed {
                    s.line.set(l);
                }
                choices.set(left);
            }
            "Escape" if docked => pg.ui.terminal_open.set(false),
            _ => {}
        }
    };
    let entries = s.entries;
    let line = s.line;
    let files = s.files;
    let acting = move || {
        let arn = pg.ui.acting_as.get();
        let label = pg.store.peek(|w| {
            crate::ui::actors(w)
                .into_iter()
                .find(|a| a.arn == arn)
                .map_or_else(|| arn.clone(), |a| a.label)
        });
        format!("Runs as {label} in {}.", pg.ui.region.get())
    };
    view! {
        <div class="terminal" class:docked=docked data-testid="terminal">
            {docked.then(|| view! {
                <div class="terminal-head">
                    <h2>"Terminal"</h2>
                    <a href="#/terminal" class="btn btn-small">"Open as a panel"</a>
                    <button type="button" class="btn btn-small" aria-label="Close the terminal" on:click=move |_| pg.ui.terminal_open.set(false)>"✕ Close"</button>
                </div>
            })}
            <div class="term-screen" role="log" aria-label="Terminal output" tabindex="0" node_ref=screen data-testid="term-screen">
                {move || entries.with(Vec::is_empty).then(|| view! {
                    <p class="term-welcome">"Type an AWS CLI command, as at work: "<code>"aws kms describe-key --key-id alias/cmk-a"</code>". "<code>"help"</code>" lists what this terminal does."</p>
                })}
                <For each=move || entries.get() key=|e| e.id let:e>
                    <TermEntry entry=e/>
                </For>
            </div>
            <form class="term-line" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                submit();
            }>
                <label for=input_id.clone() class="term-label">"AWS CLI command line"</label>
                <span class="prompt" aria-hidden="true">"$"</span>
                <input
                    id=input_id
                    type="text"
                    class="mono term-line"
                    data-testid="term-input"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    placeholder="aws kms describe-key --key-id alias/cmk-a"
                    node_ref=input
                    prop:value=move || line.get()
                    on:input=move |ev| {
                        line.set(event_target_value(&ev));
                        recall.set(None);
                    }
                    on:keydown=on_key
                />
                <button type="submit" class="btn btn-small">"Run"</button>
            </form>
            <p class="term-choices mono small" aria-live="polite" data-testid="term-choices">
                {move || choices.with(|c| c.join("  "))}
            </p>
            <p class="small muted">{acting}" Tab completes; ↑ and ↓ recall earlier commands; "<code>"help"</code>" says more."</p>
            <FileArea files=files/>
        </div>
    }
}

/// One command on the screen: the line, what it printed, its exit status, and — apart —
/// the playground's explanation of a failure.
#[component]
fn TermEntry(entry: Entry) -> impl IntoView {
    let pg = use_pg();
    let Entry {
        line,
        printed,
        as_whom,
        call,
        stage,
        ..
    } = entry;
    // The S3 stage plays the upload or download (again, when asked).
    let shown = crate::kept::signal("s3.shown", || None::<Arc<CallRecord>>);
    let played = crate::kept::signal("s3.played", || None::<u64>);
    let watch = stage.filter(|_| pg.ui.route.get_untracked().panel != Panel::S3).map(|r| {
        let label = if r.operation == "PutObject" { "▶ Watch the upload on the S3 stage" } else { "▶ Watch the download on the S3 stage" };
        view! {
            <button type="button" class="btn btn-small" data-testid="term-watch" on:click=move |_| {
                played.set(None);
                shown.set(Some(Arc::clone(&r)));
                pg.go(Route { panel: Panel::S3, detail: None });
            }>{label}</button>
        }
    });
    let why = call
        .as_ref()
        .filter(|r| !r.ok() && printed.status != 0)
        .map(|r| {
            let (reason, hint) = crate::widgets::why_of(pg, r).unwrap_or_default();
            let seq = r.seq;
            view! {
                <details class="term-why">
                    <summary>"Why (the playground's explanation)"</summary>
                    <p>{reason}</p>
                    {hint.map(|h| view! { <p class="hint-line"><strong>"What would allow it: "</strong>{h}</p> })}
                    <button type="button" class="btn btn-small" on:click=move |_| pg.show_call(seq)>{format!("Open call #{seq} in Calls")}</button>
                </details>
            }
        });
    let status = printed.status;
    view! {
        <div class="term-entry" data-testid="term-entry">
            <pre class="term-cmd"><span class="prompt" aria-hidden="true">"$ "</span>{line}</pre>
            {(!printed.stdout.is_empty()).then(|| view! { <pre class="term-out" data-testid="term-out">{printed.stdout}</pre> })}
            {(!printed.stderr.is_empty()).then(|| view! { <pre class="term-err" data-testid="term-err">{printed.stderr.trim_start_matches('\n').to_string()}</pre> })}
            <p class="term-status small" data-testid="term-status">
                <span class=if status == 0 { "ok" } else { "failed" }>{format!("exit {status}")}</span>
                <span class="muted">{format!(" · {as_whom}")}</span>
            </p>
            {watch}
            {why}
        </div>
    }
}

/// The files `file://` and `fileb://` read and `> FILE` writes: written here, or uploaded.
#[component]
fn FileArea(files: RwSignal<BTreeMap<String, Vec<u8>>>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let listed = files;
    let count = files;
    let save = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let n = name.get_untracked().trim().to_string();
            if n.is_empty() || n.contains('/') {
                problem.set(Some(String::from(
                    "Name the file, without a directory: note.txt",
                )));
                return;
            }
            let body = text.get_untracked().into_bytes();
            if body.len() > FILE_MAX {
                problem.set(Some(String::from("A file here holds up to 1 MB.")));
                return;
            }
            files.update(|f| {
                f.insert(n, body);
            });
            name.set(String::new());
            text.set(String::new());
            problem.set(None);
        }
    };
    let upload = {
        move |ev: leptos::ev::Event| {
            let Some(list) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
            else {
                return;
            };
            for i in 0..list.length() {
                let Some(file) = list.get(i) else { continue };
                leptos::task::spawn_local(async move {
                    if file.size() > FILE_MAX as f64 {
                        problem.set(Some(format!(
                            "{} is larger than 1 MB: not added.",
                            file.name()
                        )));
                        return;
                    }
                    let Ok(buf) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await
                    else {
                        problem.set(Some(format!("{} could not be read.", file.name())));
                        return;
                    };
                    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                    files.update(|f| {
                        f.insert(file.name(), bytes);
                    });
                });
            }
        }
    };
    let name_id = uid("file-name");
    let text_id = uid("file-text");
    view! {
        <details class="term-files" data-testid="term-files">
            <summary>{move || format!("Files ({})", count.with(BTreeMap::len))}</summary>
            <p class="small muted">"What "<code>"fileb://NAME"</code>" and "<code>"file://NAME"</code>" read, and "<code>"> NAME"</code>" writes. They stay while the page is open."</p>
            <ul class="term-file-list">
                {move || listed.get().into_iter().map(|(n, b)| {
                    let gone = n.clone();
                    view! {
                        <li>
                            <code class="mono">{n.clone()}</code>
                            <span class="muted small">{format!(" {} bytes ", b.len())}</span>
                            <button type="button" class="btn btn-small" aria-label=format!("Delete {n}") on:click=move |_| files.update(|f| { f.remove(&gone); })>"Delete"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="term-new-file" on:submit=save>
                <label for=name_id.clone()>"New file"</label>
                <input id=name_id type="text" placeholder="note.txt" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for=text_id.clone()>"Its text"</label>
                <textarea id=text_id rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit" class="btn btn-small">"Save the file"</button>
            </form>
            <label class="btn btn-small">"Upload files"<input type="file" multiple class="visually-hidden" on:change=upload/></label>
            {move || problem.get().map(|p| view! { <p class="error-line" role="alert">{p}</p> })}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(line: &str) -> Vec<String> {
        awscli::words(line).unwrap()
    }

    #[test]
    fn the_documentations_pipes_are_read() {
        let (cmd, t) = tail(&w("aws kms decrypt --ciphertext-blob fileb://x --query Plaintext --output text | base64 --decode > out.txt")).unwrap();
        assert_eq!(cmd.last().unwrap(), "text");
        assert_eq!(
            t,
            Tail {
                decode: true,
                into: Some(String::from("out.txt"))
            }
        );
        let (_, t) = tail(&w("aws kms encrypt --key-id k --plaintext aGk= >ct.b64")).unwrap();
        assert_eq!(t.into.as_deref(), Some("ct.b64"));
        assert!(tail(&w("aws kms list-keys | jq .")).is_err());
    }

    #[test]
    fn tab_completes_services_operations_options_and_values() {
        let known = Known {
            keys: vec![String::from("1234abcd-12ab-34cd-56ef-1234567890ab")],
            aliases: vec![String::from("alias/cmk-a"), String::from("alias/cmk-b")],
            profiles: vec![String::from("alice"), String::from("bob")],
            regions: vec![String::from("us-east-1")],
            files: vec![String::from("note.txt")],
            buckets: vec![String::from("s3://reports/")],
        };
        assert_eq!(complete("aw", &known).0.as_deref(), Some("aws "));
        assert_eq!(complete("aws k", &known).0.as_deref(), Some("aws kms "));
        assert_eq!(
            complete("aws kms enc", &known).0.as_deref(),
            Some("aws kms encrypt ")
        );
        // Several fit: the common part, and the choices.
        let (line, left) = complete("aws kms generate-data-key", &known);
        assert_eq!(line, None);
        assert!(
            left.contains(&String::from("generate-data-key-without-plaintext")),
            "{left:?}"
        );
        assert_eq!(
            complete("aws kms encrypt --key", &known).0.as_deref(),
            Some("aws kms encrypt --key-id ")
        );
        let (line, left) = complete("aws kms encrypt --key-id alias/", &known);
        assert_eq!(line.as_deref(), Some("aws kms encrypt --key-id alias/cmk-"));
        assert_eq!(left.len(), 2);
        // An alias's target is a key ID: aliases are not offered there.
        assert_eq!(
            complete(
                "aws kms create-alias --alias-name alias/x --target-key-id ",
                &known
            )
            .0
            .as_deref(),
            Some(
                "aws kms create-alias --alias-name alias/x --target-key-id 1234abcd-12ab-34cd-56ef-1234567890ab "
            )
        );
        assert_eq!(
            complete(
                "aws kms create-alias --alias-name alias/x --target-key-id al",
                &known
            )
            .0,
            None
        );
        assert_eq!(
            complete("aws kms encrypt --key-id k --plaintext fileb://n", &known)
                .0
                .as_deref(),
            Some("aws kms encrypt --key-id k --plaintext fileb://note.txt ")
        );
        assert_eq!(
            complete("aws kms encrypt --key-id k --profile b", &known)
                .0
                .as_deref(),
            Some("aws kms encrypt --key-id k --profile bob ")
        );
        assert_eq!(
            complete(
                "aws kms encrypt --key-id k --encryption-algorithm SYM",
                &known
            )
            .0
            .as_deref(),
            Some("aws kms encrypt --key-id k --encryption-algorithm SYMMETRIC_DEFAULT ")
        );
        // aws s3 cp: files, then buckets; its options.
        assert_eq!(complete("aws s", &known).1, vec!["s3", "s3api"]);
        assert_eq!(
            complete("aws s3 cp n", &known).0.as_deref(),
            Some("aws s3 cp note.txt ")
        );
        assert_eq!(
            complete("aws s3 cp note.txt s3://r", &known).0.as_deref(),
            Some("aws s3 cp note.txt s3://reports/ ")
        );
        assert_eq!(
            complete("aws s3 cp note.txt s3://reports/ --sse a", &known)
                .0
                .as_deref(),
            Some("aws s3 cp note.txt s3://reports/ --sse aws:kms ")
        );
        assert_eq!(
            complete("aws s3 cp note.txt s3://reports/ --sse-kms", &known)
                .0
                .as_deref(),
            Some("aws s3 cp note.txt s3://reports/ --sse-kms-key-id ")
        );
        // An option already given is not offered again.
        let (_, left) = complete("aws kms encrypt --key-id k --", &known);
        assert!(
            !left.contains(&String::from("--key-id"))
                && left.contains(&String::from("--plaintext")),
            "{left:?}"
        );
    }
}
