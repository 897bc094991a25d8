//! `aws help`, `aws kms help` and `aws kms encrypt help`, written from the descriptors: the
//! services, the operations of one, and an operation's options with AWS's names, types,
//! constraints and allowed values, laid out as the CLI's help pages are.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::kebab;
use crate::service::{Descriptor, Kind, Member, Service, Shape};

/// The help a command line asks for (its last word is `help`), or `None`.
pub fn help(words: &[String]) -> Option<String> {
    let mut rest: Vec<&str> = words.iter().map(String::as_str).collect();
    if rest.first() == Some(&"aws") {
        rest.remove(0);
    }
    if rest.last() != Some(&"help") {
        return None;
    }
    rest.pop();
    match rest.as_slice() {
        [] => Some(services()),
        ["s3"] => Some(String::from(S3_HELP)),
        ["s3", "cp"] => Some(String::from(S3_CP_HELP)),
        ["s3", "ls"] => Some(String::from(S3_LS_HELP)),
        [service] => Service::ALL
            .into_iter()
            .find(|s| s.cli_name() == *service)
            .map(operations),
        [service, op] => {
            let s = Service::ALL
                .into_iter()
                .find(|s| s.cli_name() == *service)?;
            let d = s.operations().iter().find(|d| kebab(d.name()) == *op)?;
            Some(operation(d))
        }
        _ => None,
    }
}

const S3_HELP: &str = "S3()\n\n\n\nNAME\n       s3 -\n\nDESCRIPTION\n       The AWS CLI's high-level S3 commands, made of S3's API calls. Here, cp\n       (PutObject; HeadObject then GetObject) and ls (ListObjectsV2). For\n       every S3 operation, see aws s3api help.\n\nAVAILABLE COMMANDS\n       o cp\n\n       o ls\n";

const S3_CP_HELP: &str = "CP()\n\n\n\nNAME\n       cp -\n\nDESCRIPTION\n       Copies a file of the file area to S3 (an upload: PutObject), or an S3\n       object to a file (a download: HeadObject, then GetObject). With\n       --sse aws:kms, S3 encrypts the object with a KMS key: SSE-KMS.\n\nSYNOPSIS\n            cp\n          <LocalPath> <S3Uri> or <S3Uri> <LocalPath>\n          [--sse <value>]\n          [--sse-kms-key-id <value>]\n          [--dryrun]\n          [--quiet]\n          [--only-show-errors]\n\nOPTIONS\n       --sse (string) Server-side encryption: AES256 (SSE-S3, the default\n       when --sse is given alone) or aws:kms (SSE-KMS).\n\n       --sse-kms-key-id (string) The KMS key S3 encrypts the object with\n       (a key ID, key ARN, alias name or alias ARN). Without it, SSE-KMS\n       uses the AWS managed key aws/s3.\n\nEXAMPLES\n          aws s3 cp note.txt s3://learning-bucket/note.txt --sse aws:kms --sse-kms-key-id alias/cmk-a\n\n          aws s3 cp s3://learning-bucket/note.txt back.txt\n";

const S3_LS_HELP: &str = "LS()\n\n\n\nNAME\n       ls -\n\nDESCRIPTION\n       Lists the objects and common prefixes of a bucket under a prefix\n       (ListObjectsV2, page after page).\n\nSYNOPSIS\n            ls\n          <S3Uri>\n          [--recursive]\n\nEXAMPLES\n          aws s3 ls s3://learning-bucket\n";

fn page(title: &str, out: &mut String) {
    let upper = title.to_uppercase();
    let _ = writeln!(out, "{upper}()\n\n\n");
}

fn services() -> String {
    let mut out = String::new();
    page("aws", &mut out);
    out.push_str("NAME\n       aws -\n\nDESCRIPTION\n       The  AWS  Command  Line  Interface is a unified tool to manage your AWS\n       services. Here, the services the playground simulates.\n\nSYNOPSIS\n          aws [options] <command> <subcommand> [parameters]\n\nAVAILABLE SERVICES\n");
    for s in Service::ALL {
        let _ = writeln!(out, "       o {}\n", s.cli_name());
        if s == Service::S3 {
            out.push_str("       o s3 (cp and ls)\n\n");
        }
    }
    out.push_str("GLOBAL OPTIONS\n       --output (string): json, text or table\n\n       --query (string): a JMESPath query applied to the response\n\n       --region (string): the Region to call\n\n       --profile (string): the principal to call as (Alice, Bob, …)\n\n       --cli-binary-format (string): base64 (the default) or raw-in-base64-out\n");
    out
}

fn operations(s: Service) -> String {
    let mut out = String::new();
    page(s.cli_name(), &mut out);
    let _ = write!(
        out,
        "NAME\n       {} -\n\nDESCRIPTION\n       {} as the playground simulates it: {} operations.\n\nAVAILABLE COMMANDS\n",
        s.cli_name(),
        s.label(),
        s.operations().len()
    );
    for d in s.operations() {
        let _ = writeln!(out, "       o {}\n", kebab(d.name()));
    }
    out
}

/// `(string)`, `(blob)`, `(list)`, … as the CLI names a member's type.
fn type_word(s: &Shape) -> &'static str {
    s.kind.word()
}

fn constraints(s: &Shape, out: &mut String) {
    let what = match s.kind {
        Kind::String | Kind::Blob => "length",
        Kind::List(_) | Kind::Map(..) => "items",
        _ => "value",
    };
    match (s.min, s.max) {
        (Some(a), Some(b)) => {
            let _ = writeln!(out, "          Constraints: {what} {a} to {b}");
        }
        (Some(a), None) => {
            let _ = writeln!(out, "          Constraints: {what} at least {a}");
        }
        (None, Some(b)) => {
            let _ = writeln!(out, "          Constraints: {what} at most {b}");
        }
        (None, None) => {}
    }
    if !s.enums.is_empty() {
        out.push_str("\n          Possible values:\n\n");
        for e in s.enums {
            let _ = writeln!(out, "          o {e}\n");
        }
    }
}

/// A shape's shorthand, as the CLI's help shows it.
fn shorthand(s: &Shape) -> Option<String> {
    match s.kind {
        Kind::Structure(members) => {
            let parts: Vec<String> = members
                .iter()
                .map(|m| format!("{}={}", m.name, type_word(m.shape)))
                .collect();
            Some(parts.join(","))
        }
        Kind::Map(..) => Some(String::from("KeyName1=string,KeyName2=string")),
        Kind::List(item) if matches!(item.kind, Kind::String) => {
            Some(String::from("\"string\" \"string\" ..."))
        }
        Kind::List(item) => shorthand(item).map(|s| format!("{s} ...")),
        _ => None,
    }
}

fn option(m: &Member, out: &mut String) {
    let _ = writeln!(
        out,
        "       --{} ({}){}",
        kebab(m.name),
        type_word(m.shape),
        if m.required { " [required]" } else { "" }
    );
    constraints(m.shape, out);
    if matches!(m.shape.kind, Kind::Blob) {
        out.push_str("          Base64 text, or fileb://FILE for a file's bytes.\n");
    }
    if let Some(s) = shorthand(m.shape) {
        let _ = writeln!(
            out,
            "\n       Shorthand Syntax:\n\n          {s}\n\n       JSON Syntax: also accepted."
        );
    }
    out.push('\n');
}

fn operation(d: &Descriptor) -> String {
    let name = kebab(d.name());
    let mut out = String::new();
    page(&name, &mut out);
    let _ = write!(
        out,
        "NAME\n       {name} -\n\nDESCRIPTION\n       {}'s {} operation, as the playground simulates it. Every call is\n       made as the principal you act as, and lands in the call drawer and\n       the audit log.\n\nSYNOPSIS\n            {name}\n",
        d.service.label(),
        d.name()
    );
    for m in d.input() {
        let v = format!("--{} <value>", kebab(m.name));
        let v = if matches!(m.shape.kind, Kind::Boolean) {
            format!("--{0} | --no-{0}", kebab(m.name))
        } else {
            v
        };
        if m.required {
            let _ = writeln!(out, "          {v}");
        } else {
            let _ = writeln!(out, "          [{v}]");
        }
    }
    out.push_str("\nOPTIONS\n");
    for m in d.input() {
        option(m, &mut out);
    }
    if !d.errors().is_empty() {
        out.push_str("ERRORS\n       What the operation may answer, as AWS's model lists it:\n\n");
        for e in d.errors() {
            let _ = writeln!(out, "       o {e}");
        }
    }
    out
}
