//! The command line: argument definitions and what each subcommand does.

mod check;
mod explain;
mod status;

use crate::date::Date;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "isg",
    version,
    about = "Information sharing agreements as code: check, sign off and publish the data sharing agreements kept in a git repository."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the registry's files against the format and the rules.
    Check(check::CheckArgs),
    /// Explain what a rule checks, why, and how to fix it.
    Explain(explain::ExplainArgs),
    /// Show every organisation's assurance and every agreement's state.
    Status(status::StatusArgs),
}

/// Runs a parsed command line. `Err` means the tool could not do its job
/// (exit code 2); findings are not errors.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Status(args) => status::run(args),
    }
}

/// Parses `--today`.
pub(crate) fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a real date written YYYY-MM-DD"))
}

/// Writes to standard output; a closed pipe (`isg check | head`) is not an
/// error, so it ends quietly.
pub(crate) fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}
