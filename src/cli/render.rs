//! `isg render`.

use crate::render::{CommitInfo, Folder, Site, Snapshot, judged_on, templates_in, write_all};
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
    #[command(flatten)]
    pub history: super::HistoryArgs,
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
    let as_of = args.history.judged_on(None)?;
    let (source, git) = super::open_with_history(&path, rev.as_deref(), &args.history)?;
    // `rev` is set exactly when the render reads a commit.
    let commit = match rev {
        Some(_) => CommitInfo::read(&git)?,
        None => None,
    };
    // The same check `isg check` makes, so that no page claims a sign-off
    // the check would not accept, and each agreement's errors are shown.
    let checked = crate::check::check(
        source.as_ref(),
        as_of.unwrap_or_else(|| judged_on(commit.as_ref())),
        &git,
    )
    .map_err(|why| anyhow::anyhow!("cannot read the registry folder {}: {why}", path.display()))?;
    let snapshot = Snapshot::new(&checked, commit);
    let site = Site::new(&snapshot, &templates_in(source.as_ref())?)?;
    let mut folder = Folder::new(&out)?;
    write_all(&site, &mut folder)?;
    let written = folder.written().len();
    folder.finish()?;

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
