//! `isg sign`: record your sign-off of an agreement's committed version.

use crate::registry::load_for_history;
use crate::signoff::history::{EVIDENCE, TRAILER, TRANSCRIBED};
use crate::signoff::{Git, HistoryState, evaluate};
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
    /// Record a party's approval given on paper (before the registry, or by
    /// someone who will not use git), as an administrator or IG lead of the
    /// agreement's lead organisation. It counts as a sign-off of its own
    /// level, `transcribed`, shown as such everywhere.
    #[arg(long, requires_all = ["party", "on", "evidence"])]
    pub transcribe: bool,
    /// With --transcribe: the organisation (id) whose approval it was.
    #[arg(long, requires = "transcribe", value_name = "ORG")]
    pub party: Option<String>,
    /// With --transcribe: the day it was given (YYYY-MM-DD).
    #[arg(long, requires = "transcribe", value_parser = super::parse_date, value_name = "DATE")]
    pub on: Option<crate::date::Date>,
    /// With --transcribe: what the approval is: the minutes, or the
    /// reference of the scanned sheet.
    #[arg(long, requires = "transcribe", value_name = "TEXT")]
    pub evidence: Option<String>,
}

/// What a transcription records: whose approval, on which day, from what.
struct Paper<'a> {
    party: &'a str,
    on: crate::date::Date,
    evidence: String,
}

/// The committed registry a sign-off or review is made against, and who is
/// making it.
pub(super) struct Committed {
    pub loaded: crate::registry::Loaded,
    pub git: Git,
    pub workdir: PathBuf,
    /// The user's git email.
    pub email: String,
}

impl Committed {
    /// Opens the registry as committed at HEAD, for recording something
    /// about agreement `id` ("sign-off", "review"): refused outside git,
    /// without a git email, or with the agreement's files changed since.
    pub fn open(registry: Option<PathBuf>, id: &str, what: &str) -> anyhow::Result<Committed> {
        let registry_folder = super::registry_folder(registry);
        let located = locate(&registry_folder).with_context(|| {
            format!(
                "{} is not inside a git repository; {what} is recorded in git history",
                registry_folder.display()
            )
        })?;
        let workdir = located
            .work_tree()
            .context("the repository has no work tree")?;
        let email = located.user_email().ok_or_else(|| {
            anyhow::anyhow!(
                "git does not know your email: set it with `git config user.email you@example.org`"
            )
        })?;
        // Uncommitted changes to the agreement would not be what is signed.
        if located.has_changes_in(&format!("agreements/{id}/")) {
            bail!(
                "agreements/{id} has uncommitted changes. A {what} covers the committed version: commit (or undo) the changes first, then try again."
            );
        }
        // What is recorded is about the committed version, read from HEAD.
        let (tree, git) = super::open_registry(&registry_folder, Some("HEAD"))?;
        let loaded = load_for_history(tree.as_ref())
            .map_err(|why| anyhow::anyhow!("cannot read the committed registry: {why}"))?;
        Ok(Committed {
            loaded,
            git,
            workdir,
            email,
        })
    }

    /// The committed agreement `id`, or why there is none.
    pub fn agreement(
        &self,
        id: &str,
    ) -> anyhow::Result<&crate::registry::Record<crate::model::Agreement>> {
        let registry = &self.loaded.registry;
        registry.agreement(id).ok_or_else(|| {
            let hint = crate::text::suggest::did_you_mean(
                id,
                registry.agreements.iter().map(|a| a.id.as_str()),
            )
            .map(|close| format!(" Did you mean `{close}`?"))
            .unwrap_or_default();
            anyhow::anyhow!("there is no committed agreement `{id}`.{hint}")
        })
    }
}

pub fn run(args: SignArgs) -> anyhow::Result<ExitCode> {
    let id = args.agreement.as_str();
    let committed = Committed::open(args.registry.clone(), id, "sign-off")?;
    let agreement = committed.agreement(id)?;
    let (registry, git, workdir, email) = (
        &committed.loaded.registry,
        &committed.git,
        &committed.workdir,
        &committed.email,
    );

    if args.transcribe {
        let (Some(party), Some(on), Some(evidence)) = (&args.party, args.on, &args.evidence) else {
            bail!("--transcribe needs --party, --on and --evidence");
        };
        let paper = Paper {
            party,
            on,
            evidence: crate::text::visible(evidence.trim()).into_owned(),
        };
        return transcribe(registry, agreement, email, &paper, git, workdir);
    }

    // Which parties the user signs for: those whose signatory has this email.
    let parties: Vec<(&str, &str)> = agreement
        .parties
        .iter()
        .filter_map(|party| {
            let officer = registry.officer(&party.org, party.signatory.as_deref()?)?;
            officer
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
                .then(|| {
                    (
                        registry.organisation_name_or_id(&party.org),
                        officer.name.as_str(),
                    )
                })
        })
        .collect();
    if parties.is_empty() {
        bail!("{}", not_a_signatory(registry, agreement, email));
    }

    if let HistoryState::Read(states) = evaluate(git, registry)
        && let Some(state) = states.get(id)
    {
        let mine: Vec<&str> = agreement
            .parties
            .iter()
            .filter(|party| {
                registry
                    .officer(&party.org, party.signatory.as_deref().unwrap_or_default())
                    .and_then(|o| o.email.as_deref())
                    .is_some_and(|e| e.eq_ignore_ascii_case(email))
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
    let subject = format!(
        "Sign off \"{}\" for {}",
        agreement.title,
        crate::text::join_and(&for_whom)
    );
    let trailer = format!("{TRAILER}: {id} {}", agreement.digest);
    commit(workdir, &subject, &trailer)?;
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

/// Makes the empty sign-off commit through git itself, so the user's own
/// commit signing set-up applies. Data never adds a line to the message:
/// the subject is one line, with any hidden character shown by its code
/// point, so nothing in a title or name can stand as a trailer of its own.
pub(super) fn commit(
    workdir: &std::path::Path,
    subject: &str,
    trailers: &str,
) -> anyhow::Result<()> {
    let subject = crate::text::visible(subject);
    let status = Command::new("git")
        .current_dir(workdir)
        .args([
            "commit",
            "--allow-empty",
            "--quiet",
            "-m",
            &subject,
            "-m",
            trailers,
        ])
        .status()
        .context("could not run git")?;
    if !status.success() {
        bail!("git commit failed (see its message above); nothing was signed");
    }
    Ok(())
}

/// Records a party's approval given on paper, as the lead organisation's
/// administrator or IG lead. Anything that would not count is refused
/// before anything is written.
fn transcribe(
    registry: &crate::registry::Registry,
    agreement: &crate::registry::Record<crate::model::Agreement>,
    email: &str,
    paper: &Paper<'_>,
    git: &Git,
    workdir: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let title = agreement.title.as_str();
    let Some(lead) = agreement.lead.as_deref() else {
        bail!(
            "\"{title}\" names no lead organisation, and only an administrator or IG lead of the lead can transcribe a sign-off given on paper: add `lead` to the agreement first"
        );
    };
    let lead_name = registry.organisation_name_or_id(lead);
    let Some(officer) = registry.officer_by_email(lead, email) else {
        bail!(
            "only an administrator or IG lead of {lead_name}, the lead organisation, can transcribe a sign-off given on paper; your git email, {email}, is not the email of any of its officers. If you are one, set `git config user.email` to the email in its file."
        );
    };
    if !officer.may_transcribe() {
        bail!(
            "only an administrator or IG lead of {lead_name}, the lead organisation, can transcribe a sign-off given on paper; your git email, {email}, is {}'s, who is not one",
            officer.name
        );
    }
    let Some(party) = agreement.party(paper.party) else {
        let close = crate::text::suggest::did_you_mean(
            paper.party,
            agreement.parties.iter().map(|party| party.org.as_str()),
        )
        .map(|close| format!(" Did you mean `{close}`?"))
        .unwrap_or_default();
        bail!(
            "`{}` is not a party to \"{title}\", so it has nothing to sign.{close}",
            paper.party
        );
    };
    let party_name = registry.organisation_name_or_id(paper.party);
    if party.signatory.is_none() {
        bail!(
            "{party_name} names no signatory in \"{title}\" (it acts under contract), so it signs nothing"
        );
    }
    let today = crate::date::Date::today();
    if paper.on > today {
        bail!(
            "--on {} is after today ({today}): a transcription records an approval already given",
            paper.on
        );
    }
    if paper.evidence.is_empty() {
        bail!(
            "say what the approval on paper is with --evidence: the minutes (\"Board, 1 June 2025, minute 7\") or the reference of the scanned sheet"
        );
    }
    if let HistoryState::Read(states) = evaluate(git, registry)
        && let Some(state) = states.get(agreement.id.as_str())
        && let Some(signed) = state.signed.iter().find(|s| s.org == paper.party)
    {
        crate::cli::print(&format!(
            "{party_name} has already signed off this version of \"{title}\" ({}, {}). Nothing to do.\n",
            signed.level.label(),
            signed.date
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let subject = format!("Transcribe {party_name}'s paper sign-off of \"{title}\"");
    let trailers = format!(
        "{TRANSCRIBED}: {} {} {} {}\n{EVIDENCE}: {}",
        agreement.id, agreement.digest, paper.party, paper.on, paper.evidence
    );
    commit(workdir, &subject, &trailers)?;
    crate::cli::print(&format!(
        "Transcribed {party_name}'s sign-off of \"{title}\", given on paper on {} ({}), at {}, as {} for {lead_name}, the lead organisation.\nPush the commit so the other parties and CI see it.\n",
        paper.on, paper.evidence, agreement.digest, officer.name
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Why someone with `email` cannot sign `agreement`, and who can: the
/// signatory of the party they are an officer of; or, for no officer of
/// any party, the signatories (a few named, or the addresses they use).
fn not_a_signatory(
    registry: &crate::registry::Registry,
    agreement: &crate::registry::Record<crate::model::Agreement>,
    email: &str,
) -> String {
    let title = agreement.title.as_str();
    let signatory =
        |party: &crate::model::Party| registry.officer(&party.org, party.signatory.as_deref()?);
    let described = |officer: &crate::model::Officer| {
        let role = officer.roles.iter().find(|role| role.may_sign());
        format!(
            "{}{} <{}>",
            officer.name,
            role.map(|role| format!(" ({})", role.label()))
                .unwrap_or_default(),
            officer.email.as_deref().unwrap_or("no email")
        )
    };
    // An officer of a party, but not the one asked to sign for it.
    for party in &agreement.parties {
        let Some(officer) = registry.officer_by_email(&party.org, email) else {
            continue;
        };
        let org = registry.organisation_name_or_id(&party.org);
        return match signatory(party) {
            Some(asked) => format!(
                "your git email, {email}, is {}'s, an officer of {org}, but the officer asked to sign \"{title}\" for {org} is {}: they sign it with `isg sign {}`.",
                officer.name,
                described(asked),
                agreement.id
            ),
            None => format!(
                "your git email, {email}, is {}'s, an officer of {org}, which acts under contract in \"{title}\" and signs nothing.",
                officer.name
            ),
        };
    }
    let signatories: Vec<&crate::model::Officer> =
        agreement.parties.iter().filter_map(signatory).collect();
    let who = if signatories.len() <= 4 {
        let named: Vec<String> = agreement
            .parties
            .iter()
            .filter_map(|party| {
                let officer = signatory(party)?;
                Some(format!(
                    "{} for {}",
                    described(officer),
                    registry.organisation_name_or_id(&party.org)
                ))
            })
            .collect();
        format!("Its signatories are: {}.", named.join("; "))
    } else {
        // A large agreement: the addresses its signatories use, not each one.
        let mut domains: Vec<&str> = signatories
            .iter()
            .filter_map(|officer| officer.email.as_deref()?.rsplit_once('@'))
            .map(|(_, domain)| domain)
            .collect();
        domains.sort_unstable();
        domains.dedup();
        let shown: Vec<String> = domains.iter().take(8).map(|d| format!("@{d}")).collect();
        let more = match domains.len().saturating_sub(shown.len()) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        format!(
            "Its {} signatories use addresses at {}{more}.",
            signatories.len(),
            shown.join(", ")
        )
    };
    format!(
        "your git email, {email}, is not the email of any signatory of \"{title}\". {who} If you are one of them, set `git config user.email` to the email in your organisation's file."
    )
}
