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
    /// Judge signing keys for the sign-offs this change brings as they stood
    /// at this revision (the target branch of a pull request, or the commit
    /// before a push), whatever the merge style: a key added in the same
    /// change never verifies its own sign-off.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Work out assurance and expiries as if today were this date (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub today: Option<Date>,
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
    let (source, git) = super::open_registry(&path, args.rev.as_deref())?;
    let git = super::judged_against(git, args.base.as_deref())?;
    let loaded = load_for_history(source.as_ref()).map_err(|why| {
        anyhow::anyhow!("cannot read the registry folder {}: {why}", path.display())
    })?;
    let history = crate::signoff::evaluate(&git, &loaded.registry);
    let status = Status::new(
        &loaded.registry,
        args.today.unwrap_or_else(Date::today),
        history,
    );
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
