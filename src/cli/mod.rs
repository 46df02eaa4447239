//! The command line: argument definitions and what each subcommand does.

mod answers;
mod check;
mod explain;
mod init;
mod new;
mod render;
mod review;
mod shell;
mod sign;
mod status;

use crate::date::Date;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
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
    /// Record your sign-off of an agreement's committed version (makes a git commit).
    Sign(sign::SignArgs),
    /// Record your review, as a party's Data Protection Officer, of an agreement's committed version (makes a git commit).
    Review(review::ReviewArgs),
    /// Write the registry's site, agreement documents and returns, from a commit.
    Render(render::RenderArgs),
    /// Start a new registry: settings, MoU, README, editor settings and GitHub workflow.
    Init(init::InitArgs),
    /// Add an organisation, agreement or data flow by answering questions.
    ///
    /// On a terminal the questions are asked one at a time: Enter accepts
    /// the answer in brackets, and `back` goes back to the question before.
    /// In a script (or with --no-input) every answer comes from an option.
    New(Box<new::NewArgs>),
    /// Write the JSON Schemas of the registry's files, for editors.
    Schema(init::SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), e.g. `isg man > isg.1`.
    Man,
}

/// Runs a parsed command line. `Err` means the tool could not do its job
/// (exit code 2); findings are not errors.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // A mistyped ISG_TODAY must not quietly give today's results instead.
    if let Ok(text) = std::env::var("ISG_TODAY")
        && !text.trim().is_empty()
        && Date::parse(text.trim()).is_none()
    {
        anyhow::bail!(
            "ISG_TODAY is `{text}`, which is not a real date written YYYY-MM-DD; correct it, or remove it to use today's date"
        );
    }
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Status(args) => status::run(args),
        Command::Sign(args) => sign::run(args),
        Command::Review(args) => review::run(args),
        Command::Render(args) => render::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(*args),
        Command::Schema(args) => init::schema(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man => shell::man(),
    }
}

/// The registry folder a command works on: the one given, or else the
/// registry the current folder is part of ([`find_registry`]), so that a
/// command run inside `agreements/` works on the whole registry. When none
/// is found, the current folder itself: checked as a registry with parts
/// missing if it holds any, refused as no registry if it holds none.
///
/// [`find_registry`]: crate::source::layout::find_registry
pub(crate) fn registry_folder(given: Option<PathBuf>) -> PathBuf {
    if let Some(given) = given {
        return given;
    }
    let here = PathBuf::from(".");
    let Ok(current) = std::env::current_dir() else {
        return here;
    };
    match crate::source::layout::find_registry(&current) {
        Some(found) if found != current => found.to_path_buf(),
        _ => here,
    }
}

/// `name` inside `folder`, written without a leading `./` when the folder
/// is the current one, so messages show `site` rather than `./site`.
pub(crate) fn inside(folder: &std::path::Path, name: &str) -> PathBuf {
    match folder == std::path::Path::new(".") {
        true => PathBuf::from(name),
        false => folder.join(name),
    }
}

/// Opens a registry folder for reading: its working tree, or with `rev`
/// the tree of that git revision; and says where its history is.
pub(crate) fn open_registry(
    path: &std::path::Path,
    rev: Option<&str>,
) -> anyhow::Result<(Box<dyn crate::source::Source>, crate::signoff::Git)> {
    use crate::signoff::Git;
    use crate::source::git::{Head, locate};
    use crate::source::{GitTree, Worktree};
    use anyhow::Context;
    if path.is_file() {
        anyhow::bail!(
            "{} is a file, but isg works on a whole registry: give the registry's folder (the one holding mou.yaml), or run isg anywhere inside the registry without a path",
            path.display()
        );
    }
    let located = locate(path);
    match (rev, located) {
        (Some(rev), None) => anyhow::bail!(
            "--rev {rev} needs a git repository, and {} is not inside one",
            path.display()
        ),
        (Some(rev), Some(located)) => {
            let (repo_path, prefix) = (located.git_dir(), located.prefix.clone());
            let tree = GitTree::open(located, rev).map_err(|error| {
                anyhow::anyhow!("cannot read revision `{rev}`: {}", error.message())
            })?;
            let git = Git::Repo {
                path: repo_path,
                prefix,
                rev: tree.commit,
                base: None,
            };
            Ok((Box::new(tree), git))
        }
        (None, located) => {
            if path.is_dir() && !crate::source::layout::is_registry_folder(path) {
                anyhow::bail!("{}", not_a_registry(path));
            }
            let source = Worktree::open(path)
                .with_context(|| format!("cannot open the registry folder {}", path.display()))?;
            let git = match located {
                None => Git::Absent("the registry folder is not inside a git repository".into()),
                Some(located) => match located.head() {
                    Head::Commit(rev) => Git::Repo {
                        path: located.git_dir(),
                        prefix: located.prefix.clone(),
                        rev,
                        base: None,
                    },
                    Head::Unborn => Git::Absent("the repository has no commits yet".into()),
                    Head::Unreadable(why) => Git::Broken(why),
                },
            };
            Ok((Box::new(source), git))
        }
    }
}

/// Options shared by the commands that read history (`check`, `status`,
/// `render`): which past to read, and what a change is judged against.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Judge signing keys for the sign-offs this change brings as they stood
    /// at this revision (the target branch of a pull request, or the commit
    /// before a push), whatever the merge style: a key added in the same
    /// change never verifies its own sign-off.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The registry as it was at the end of this day (YYYY-MM-DD, UTC): as
    /// committed on the branch by then (HEAD's, or --rev's), with only the
    /// sign-offs on the branch by then, and every date judged as of that
    /// day. (--today only moves the clock for dates.)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub as_of: Option<Date>,
}

impl HistoryArgs {
    /// The day dates are judged on: `--as-of`, else `--today`, else today.
    pub(crate) fn judged_on(&self, today: Option<Date>) -> anyhow::Result<Option<Date>> {
        match (self.as_of, today) {
            (Some(_), Some(_)) => anyhow::bail!(
                "give --as-of or --today, not both: --as-of already judges dates as of its day"
            ),
            (as_of, today) => Ok(as_of.or(today)),
        }
    }
}

/// Opens the registry a command that reads history works on: as committed
/// at `rev` or on the `--as-of` day, or the files on disk; judged against
/// `--base`.
pub(crate) fn open_with_history(
    path: &std::path::Path,
    rev: Option<&str>,
    history: &HistoryArgs,
) -> anyhow::Result<(Box<dyn crate::source::Source>, crate::signoff::Git)> {
    let rev = revision(path, rev, history.as_of)?;
    let (source, git) = open_registry(path, rev.as_deref())?;
    Ok((source, judged_against(git, history.base.as_deref())?))
}

/// The revision a command reads: `--rev`, or with `--as-of DAY` the commit
/// the branch (at `--rev`, or HEAD) was at by the end of that day, so that
/// the registry, its sign-offs and the dates are all as they were then.
pub(crate) fn revision(
    path: &std::path::Path,
    rev: Option<&str>,
    as_of: Option<Date>,
) -> anyhow::Result<Option<String>> {
    use crate::source::git::{AsOf, Head, commit_as_of, commit_of, locate};
    let Some(day) = as_of else {
        return Ok(rev.map(str::to_owned));
    };
    let today = Date::today();
    if day > today {
        anyhow::bail!(
            "--as-of {day} is in the future: give a day up to today ({today}). To judge dates as if today were later, use --today."
        );
    }
    let needs = "--as-of reads the registry's git history";
    let Some(located) = locate(path) else {
        anyhow::bail!(
            "{needs}, and {} is not inside a git repository",
            path.display()
        );
    };
    let git_dir = located.git_dir();
    let tip = match rev {
        Some(rev) => commit_of(&git_dir, rev)
            .map_err(|why| anyhow::anyhow!("cannot read revision `{rev}`: {why}"))?,
        None => match located.head() {
            Head::Commit(commit) => commit,
            Head::Unborn => anyhow::bail!("{needs}, and the repository has no commits yet"),
            Head::Unreadable(why) => anyhow::bail!("{needs}, which cannot be read: {why}"),
        },
    };
    match commit_as_of(&git_dir, tip, day)
        .map_err(|why| anyhow::anyhow!("{needs}, which cannot be read: {why}"))?
    {
        AsOf::At(commit) => Ok(Some(commit.to_string())),
        AsOf::Before(first) => anyhow::bail!(
            "--as-of {day} is before the registry's history begins: its first commit was made on {first}. Give a day from {first} on."
        ),
    }
}

/// Sets the state a change is judged against (`--base REV`): signing keys
/// count for the sign-offs the change brings only as they stood there.
pub(crate) fn judged_against(
    git: crate::signoff::Git,
    base: Option<&str>,
) -> anyhow::Result<crate::signoff::Git> {
    use crate::signoff::Git;
    let Some(base) = base else {
        return Ok(git);
    };
    match git {
        Git::Repo {
            path, prefix, rev, ..
        } => {
            let base = crate::source::git::commit_of(&path, base)
                .map_err(|why| anyhow::anyhow!("cannot read the base revision `{base}`: {why}"))?;
            Ok(Git::Repo {
                path,
                prefix,
                rev,
                base: Some(base),
            })
        }
        _ => anyhow::bail!("--base {base} needs a git repository with commits"),
    }
}

/// Why a folder is refused as a registry, and what to do instead.
pub(crate) fn not_a_registry(path: &std::path::Path) -> String {
    format!(
        "{} is not a registry folder: it has none of isg.yaml, mou.yaml, organisations/ or agreements/. Give the registry's folder, run isg anywhere inside a registry, or start one with `isg init`.",
        path.display()
    )
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
