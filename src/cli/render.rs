//! `isg render`.

use crate::assessment::Assessment;
use crate::date::Date;
use crate::render::output::Output;
use crate::render::{CommitInfo, Snapshot, problems_by_agreement, site, write_all};
use crate::signoff::Git;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The registry folder (default: the registry the current folder is in).
    pub path: Option<PathBuf>,
    /// The git revision to render (default: HEAD). Without a repository the
    /// files on disk are rendered and marked as an uncommitted draft.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Judge signing keys for the sign-offs this change brings as they stood
    /// at this revision (the target branch of a pull request, or the commit
    /// before a push), whatever the merge style: a key added in the same
    /// change never verifies its own sign-off.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Where to write the outputs (default: `site` in the registry folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: RenderArgs) -> anyhow::Result<ExitCode> {
    // Rendering is from a commit whenever there is one, so what is
    // published is what was signed.
    let path = super::registry_folder(args.path);
    let out = args.out.unwrap_or_else(|| super::inside(&path, "site"));
    let in_repository = crate::source::git::locate(&path)
        .is_some_and(|located| matches!(located.head(), crate::source::git::Head::Commit(_)));
    let rev = args
        .rev
        .clone()
        .or_else(|| in_repository.then(|| "HEAD".to_owned()));
    let (source, git) = super::open_registry(&path, rev.as_deref())?;
    let git = super::judged_against(git, args.base.as_deref())?;
    let commit = match &git {
        // `rev` is set exactly when the render reads a commit.
        Git::Repo {
            path, rev: commit, ..
        } if rev.is_some() => {
            let time = crate::source::git::commit_time(path, *commit)
                .map_err(|why| anyhow::anyhow!("cannot read commit {commit}: {why}"))?;
            Some(CommitInfo {
                id: commit.to_string(),
                date: Date::from_unix_seconds(time),
                time,
            })
        }
        _ => None,
    };
    let date = commit
        .as_ref()
        .map_or_else(Date::today, |commit| commit.date);
    // The same check `isg check` makes, so that no page claims a sign-off
    // the check would not accept, and each agreement's errors are shown.
    let checked = crate::check::check(source.as_ref(), date, &git).map_err(|why| {
        anyhow::anyhow!("cannot read the registry folder {}: {why}", path.display())
    })?;
    let snapshot = Snapshot {
        registry: &checked.registry,
        context: Assessment::new(&checked.registry, date, checked.history.clone()),
        commit,
        problems: problems_by_agreement(&checked.report.findings),
    };
    // A registry may override built-in templates by name in `templates/`,
    // read like every registry file (links leaving the registry refused).
    let mut overrides: Vec<(String, String)> = Vec::new();
    for (name, _) in site::TEMPLATES {
        let path = format!("templates/{name}");
        match source.read(&path) {
            Err(crate::source::Unreadable::Missing) => {}
            Err(why) => anyhow::bail!(
                "{path} cannot be used as a template: {why}. Remove it to use the built-in template."
            ),
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => overrides.push((name.to_string(), text)),
                Err(_) => {
                    anyhow::bail!("{path} is not UTF-8 text, so it cannot be used as a template")
                }
            },
        }
    }
    let mut output = Output::new(&out)?;
    write_all(&snapshot, &overrides, &mut output)?;
    let written = output.written().len();
    output.finish()?;

    let mut summary = format!(
        "Rendered {} files into {} from {} ({}).\n",
        written,
        out.display(),
        match &snapshot.commit {
            Some(commit) => format!("commit {}", &commit.id[..12]),
            None => "the files on disk, an uncommitted draft".to_owned(),
        },
        snapshot.date()
    );
    if snapshot.commit.is_none() {
        summary.push_str("The public register lists only agreements signed off in git history, so from files not committed it is empty.\n");
    }
    let errors = checked.report.count(crate::diagnostic::Level::Error);
    if errors > 0 {
        summary.push_str(&format!("Some files have problems: `isg check` finds {}. Those in agreements are shown on their pages; a record whose file cannot be read is missing. Run `isg check` for details.\n", crate::text::plural(errors, "error")));
    }
    super::print(&summary)?;
    Ok(ExitCode::SUCCESS)
}
