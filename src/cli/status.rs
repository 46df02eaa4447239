//! `isg status`.

use crate::date::Date;
use crate::registry::load_for_history;
use crate::report::status::Status;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The registry folder (default: the registry the current folder is in).
    pub path: Option<PathBuf>,
    /// How to print the status.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
    /// Show the registry as committed at this git revision, with the
    /// sign-offs in its history (default: the files on disk and HEAD's history).
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    #[command(flatten)]
    pub history: super::HistoryArgs,
    /// Work out assurance and expiries as if today were this date (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub today: Option<Date>,
    /// Show only the agreements waiting longer than this many days for a
    /// sign-off, with who to chase.
    #[arg(long, value_name = "DAYS")]
    pub overdue: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// Tables for the terminal.
    Human,
    /// One JSON object, for scripts.
    Json,
    /// Markdown tables, for a pull request or job summary.
    Markdown,
}

pub fn run(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let path = super::registry_folder(args.path);
    let today = args
        .history
        .judged_on(args.today)?
        .unwrap_or_else(Date::today);
    let (source, git) = super::open_with_history(&path, args.rev.as_deref(), &args.history)?;
    let loaded = load_for_history(source.as_ref()).map_err(|why| {
        anyhow::anyhow!("cannot read the registry folder {}: {why}", path.display())
    })?;
    let history = crate::signoff::evaluate(&git, &loaded.registry);
    let mut status = Status::new(&loaded.registry, today, history);
    if let Some(days) = args.overdue {
        status = status.overdue(i64::from(days));
    }
    let mut output = match args.format {
        StatusFormat::Human => status.human(),
        StatusFormat::Json => status.json(),
        StatusFormat::Markdown => status.markdown(),
    };
    // Records that could not be read are missing from the tables; say so.
    let file_problems = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule.level == crate::diagnostic::Level::Error)
        .count();
    if file_problems > 0 && args.format == StatusFormat::Human {
        output.push_str(&format!(
            "\nSome files have problems ({}), so records may be missing above. Run `isg check` for details.\n",
            crate::text::plural(file_problems, "finding")
        ));
    }
    super::print(&output)?;
    Ok(ExitCode::SUCCESS)
}
