//! `isg sign`: record your sign-off of an agreement's committed version.

use crate::registry::load_for_history;
use crate::signoff::history::TRAILER;
use crate::signoff::{Git, HistoryState, evaluate};
use crate::source::GitTree;
use crate::source::git::locate;
use anyhow::{Context, bail};
use clap::Args;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The id of the agreement to sign off (its folder name under agreements/).
    pub agreement: String,
    /// The registry folder (default: the registry the current folder is in).
    #[arg(long)]
    pub registry: Option<PathBuf>,
}

pub fn run(args: SignArgs) -> anyhow::Result<ExitCode> {
    let id = args.agreement.as_str();
    let registry_folder = super::registry_folder(args.registry);
    let located = locate(&registry_folder).with_context(|| {
        format!(
            "{} is not inside a git repository; sign-off is recorded in git history",
            registry_folder.display()
        )
    })?;
    let (repo_path, prefix) = (located.git_dir(), located.prefix.clone());
    let workdir = located
        .work_tree()
        .context("the repository has no work tree")?;
    let email = located.user_email().ok_or_else(|| {
        anyhow::anyhow!(
            "git does not know your email: set it with `git config user.email you@example.org`"
        )
    })?;

    // Uncommitted changes to the agreement would not be what is signed.
    let changed = located.has_changes_in(&format!("agreements/{id}/"));
    if changed {
        bail!(
            "agreements/{id} has uncommitted changes. Sign-off covers the committed version: commit (or undo) the changes first, then sign."
        );
    }

    let tree = GitTree::open(located, "HEAD").map_err(|error| {
        anyhow::anyhow!("cannot read the committed registry: {}", error.message())
    })?;
    let git = Git::Repo {
        path: repo_path,
        prefix,
        rev: tree.commit,
        base: None,
    };
    let loaded = load_for_history(&tree)
        .map_err(|why| anyhow::anyhow!("cannot read the committed registry: {why}"))?;
    let registry = &loaded.registry;
    let Some(agreement) = registry.agreement(id) else {
        let close = crate::text::suggest::did_you_mean(
            id,
            registry.agreements.iter().map(|a| a.id.as_str()),
        );
        let hint = close
            .map(|close| format!(" Did you mean `{close}`?"))
            .unwrap_or_default();
        bail!("there is no committed agreement `{id}`.{hint}");
    };

    // Which parties the user signs for: those whose signatory has this email.
    let parties: Vec<(&str, &str)> = agreement
        .parties
        .iter()
        .filter_map(|party| {
            let officer = registry.officer(&party.org, party.signatory.as_deref()?)?;
            officer
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&email))
                .then(|| {
                    (
                        registry.organisation_name_or_id(&party.org),
                        officer.name.as_str(),
                    )
                })
        })
        .collect();
    if parties.is_empty() {
        let signatories: Vec<String> = agreement
            .parties
            .iter()
            .filter_map(|party| {
                let officer = registry.officer(&party.org, party.signatory.as_deref()?)?;
                Some(format!(
                    "{} for {} <{}>",
                    officer.name,
                    registry.organisation_name_or_id(&party.org),
                    officer.email.as_deref().unwrap_or("no email")
                ))
            })
            .collect();
        bail!(
            "your git email, {email}, is not the email of any signatory of \"{}\". Its signatories are: {}. If you are one of them, set `git config user.email` to the email in your organisation's file.",
            agreement.title,
            signatories.join("; ")
        );
    }

    if let HistoryState::Read(states) = evaluate(&git, registry)
        && let Some(state) = states.get(id)
    {
        let mine: Vec<&str> = agreement
            .parties
            .iter()
            .filter(|party| {
                registry
                    .officer(&party.org, party.signatory.as_deref().unwrap_or_default())
                    .and_then(|o| o.email.as_deref())
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            })
            .map(|party| party.org.as_str())
            .collect();
        if mine.iter().all(|org| {
            state.signed.iter().any(|s| s.org == *org)
                || state.unverified.iter().any(|(s, _)| s.org == *org)
        }) {
            crate::cli::print(&format!(
                "You have already signed off this version of \"{}\" ({}). Nothing to do.\n",
                agreement.title, agreement.digest
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
    }

    let for_whom: Vec<&str> = parties.iter().map(|(org, _)| *org).collect();
    // Data never adds a line to the message: the subject is one line, with
    // any hidden character shown by its code point, so nothing in a title
    // or name can stand as a trailer of its own.
    let subject = crate::text::visible(&format!(
        "Sign off \"{}\" for {}",
        agreement.title,
        crate::text::join_and(&for_whom)
    ))
    .into_owned();
    let trailer = format!("{TRAILER}: {id} {}", agreement.digest);
    // Through git itself, so the user's own commit signing set-up applies.
    let status = Command::new("git")
        .current_dir(&workdir)
        .args([
            "commit",
            "--allow-empty",
            "--quiet",
            "-m",
            &subject,
            "-m",
            &trailer,
        ])
        .status()
        .context("could not run git")?;
    if !status.success() {
        bail!("git commit failed (see its message above); nothing was signed");
    }
    let names: Vec<String> = parties
        .iter()
        .map(|(org, officer)| format!("{officer} for {org}"))
        .collect();
    crate::cli::print(&format!(
        "Signed off \"{}\" at {} as {}.\nPush the commit so the other parties and CI see it.\n",
        agreement.title,
        agreement.digest,
        names.join(" and ")
    ))?;
    Ok(ExitCode::SUCCESS)
}
