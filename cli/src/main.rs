//! `kms-playground`: the command line of KMS Playground.

use std::process::ExitCode;

const HELP: &str = "\
kms-playground — the command line of KMS Playground, a simulator of AWS KMS

USAGE:
    kms-playground world          print the facts of a new simulated world
    kms-playground --help         this text
    kms-playground --version      the version

Running and checking scenario files (`run`, `validate`) arrives with the scenario runner.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("kms-playground {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("world") => {
            let w = kms_core::World::default();
            println!(
                "account {}\nregion  {}\nclock   {}",
                w.account(),
                w.region(),
                w.now()
            );
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("kms-playground: unknown command `{other}`\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}
