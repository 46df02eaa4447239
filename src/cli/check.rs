//! `isg check`.

use crate::check::check;
use crate::date::Date;
use crate::report::{Format, Style, render};
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The registry folder (default: the registry the current folder is in).
    pub path: Option<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Check the registry as committed at this git revision (a commit,
    /// branch or tag) instead of the files on disk. Sign-off is read from
    /// this revision's history (default: HEAD's).
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    #[command(flatten)]
    pub history: super::HistoryArgs,
    /// Check as if today were this date (YYYY-MM-DD), for dates that expire.
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub today: Option<Date>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,
}

/// The output formats of `isg check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Readable text with the offending lines shown.
    Human,
    /// One JSON object, for scripts.
    Json,
    /// SARIF 2.1.0, for code scanning tools.
    Sarif,
    /// GitHub Actions annotations on the pull request.
    Github,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let path = super::registry_folder(args.path);
    let today = args
        .history
        .judged_on(args.today)?
        .unwrap_or_else(Date::today);
    let (source, git) = super::open_with_history(&path, args.rev.as_deref(), &args.history)?;
    let checked = check(source.as_ref(), today, &git).map_err(|why| {
        anyhow::anyhow!("cannot read the registry folder {}: {why}", path.display())
    })?;
    let style = match args.color {
        Colour::Always => Style::Colour,
        Colour::Never => Style::Plain,
        Colour::Auto
            if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() =>
        {
            Style::Colour
        }
        Colour::Auto => Style::Plain,
    };
    let output = render(
        args.format.into(),
        &checked.report,
        &checked.files,
        style,
        &annotation_prefix(&path),
    );
    super::print(&output)?;
    let code = if checked.report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends next. Freeing a national registry record by record
    // only delays the exit (measured: about 2% of a national check), so the
    // operating system reclaims it instead.
    std::mem::forget(checked);
    Ok(code)
}

/// GitHub annotations need paths from the repository root (where a
/// workflow runs): a registry given as a relative path is taken to be that
/// path from there; one given as an absolute path, or found above the
/// current folder, is placed by where it sits in its repository.
fn annotation_prefix(path: &Path) -> String {
    if path.is_absolute() {
        return crate::source::git::locate(path)
            .map(|located| located.prefix.trim_end_matches('/').to_owned())
            .unwrap_or_default();
    }
    let parts: Vec<String> = path
        .components()
        .filter_map(|component| match component {
            std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}
