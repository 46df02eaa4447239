//! `isg render`.

use crate::date::Date;
use crate::load::load;
use crate::render::output::Output;
use crate::render::{CommitInfo, Snapshot, exports, site};
use crate::rules::Context;
use crate::signoff::{Git, evaluate};
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
    /// Where to write the outputs (default: `site` in the registry folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: RenderArgs) -> anyhow::Result<ExitCode> {
    // Rendering is from a commit whenever there is one, so what is
    // published is what was signed.
    let path = super::registry_folder(args.path);
    let out = args.out.unwrap_or_else(|| super::inside(&path, "site"));
    let in_repository =
        crate::source::git::locate(&path).is_some_and(|located| located.repo.head().is_ok());
    let rev = args
        .rev
        .clone()
        .or_else(|| in_repository.then(|| "HEAD".to_owned()));
    let (source, git) = super::open_registry(&path, rev.as_deref())?;
    let commit = match &git {
        // `rev` is set exactly when the render reads a commit.
        Git::Repo {
            path, rev: commit, ..
        } if rev.is_some() => {
            let repo = git2::Repository::open(path)?;
            let commit = repo.find_commit(*commit)?;
            let time = commit.time().seconds();
            Some(CommitInfo {
                id: commit.id().to_string(),
                date: Date::from_unix_seconds(time),
                time,
            })
        }
        _ => None,
    };
    let loaded = load(source.as_ref()).map_err(|why| {
        anyhow::anyhow!("cannot read the registry folder {}: {why}", path.display())
    })?;
    let date = commit
        .as_ref()
        .map_or_else(Date::today, |commit| commit.date);
    let history = evaluate(&git, &loaded.registry);
    let snapshot = Snapshot {
        registry: &loaded.registry,
        context: Context::new(&loaded.registry, date, history),
        commit,
    };

    let mut output = Output::new(&out)?;
    output.write("exports/ropa.csv", &exports::ropa_csv(&snapshot))?;
    output.write("exports/dspt-data-flows.csv", &exports::dspt_csv(&snapshot))?;
    output.write(
        "exports/public-register.csv",
        &exports::public_register_csv(&snapshot),
    )?;
    output.write(
        "exports/reviews.ics",
        exports::reviews_ics(&snapshot).as_bytes(),
    )?;
    output.write(
        "exports/registry.json",
        exports::registry_json(&snapshot).as_bytes(),
    )?;
    // A registry may override built-in templates by name in `templates/`.
    let overrides: Vec<(String, String)> = site::TEMPLATES
        .iter()
        .filter_map(|(name, _)| {
            let bytes = source.read(&format!("templates/{name}")).ok()?;
            Some((name.to_string(), String::from_utf8(bytes).ok()?))
        })
        .collect();
    site::render(&snapshot, &overrides, &mut output)?;

    let mut summary = format!(
        "Rendered {} files into {} from {} ({}).\n",
        output.written().len(),
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
    let problems = loaded.diagnostics.len();
    if problems > 0 {
        summary.push_str(&format!("Some files have problems ({}), so records may be missing. Run `isg check` for details.\n", crate::report::plural(problems, "finding")));
    }
    super::print(&summary)?;
    Ok(ExitCode::SUCCESS)
}
