//! `isg review`: record your review, as a party's DPO, of an agreement's
//! committed version.

use super::sign::{Committed, commit};
use crate::model::{OfficerRole, PartyRole};
use crate::signoff::history::REVIEW;
use crate::signoff::{HistoryState, evaluate};
use anyhow::bail;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The id of the agreement to review (its folder name under agreements/).
    pub agreement: String,
    /// The registry folder (default: the registry the current folder is in).
    #[arg(long)]
    pub registry: Option<PathBuf>,
}

pub fn run(args: ReviewArgs) -> anyhow::Result<ExitCode> {
    let id = args.agreement.as_str();
    let committed = Committed::open(args.registry.clone(), id, "review")?;
    let agreement = committed.agreement(id)?;
    let registry = &committed.loaded.registry;
    let email = committed.email.as_str();
    let title = agreement.title.as_str();
    // The controller parties whose DPO has this email.
    let controllers = || {
        agreement
            .parties
            .iter()
            .filter(|party| party.role != PartyRole::Processor)
    };
    let parties: Vec<(&str, &str)> = controllers()
        .filter_map(|party| {
            let officer = registry.officer_by_email(&party.org, email)?;
            officer
                .has_role(OfficerRole::Dpo)
                .then(|| (party.org.as_str(), officer.name.as_str()))
        })
        .collect();
    if parties.is_empty() {
        let dpos: Vec<String> = controllers()
            .flat_map(|party| {
                let org = registry.organisation_name_or_id(&party.org);
                registry
                    .organisation(&party.org)
                    .into_iter()
                    .flat_map(|o| o.officers.iter())
                    .filter(|officer| officer.has_role(OfficerRole::Dpo))
                    .map(move |officer| {
                        format!(
                            "{} <{}> for {org}",
                            officer.name,
                            officer.email.as_deref().unwrap_or("no email")
                        )
                    })
            })
            .collect();
        let who = match dpos.len() {
            0 => "Its controllers record no DPO.".to_owned(),
            n if n <= 4 => format!("Its controllers' DPOs are: {}.", dpos.join("; ")),
            n => format!(
                "Its controllers have {n} DPOs; `isg status` and the agreement's page name them."
            ),
        };
        bail!(
            "your git email, {email}, is not the email of the Data Protection Officer of any controller of \"{title}\". {who} If you are one of them, set `git config user.email` to the email in your organisation's file."
        );
    }
    if let HistoryState::Read(states) = evaluate(&committed.git, registry)
        && let Some(state) = states.get(id)
        && parties
            .iter()
            .all(|(org, _)| state.reviews.iter().any(|review| review.org == *org))
    {
        crate::cli::print(&format!(
            "You have already reviewed this version of \"{title}\" ({}). Nothing to do.\n",
            agreement.digest
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let names: Vec<&str> = parties
        .iter()
        .map(|(org, _)| registry.organisation_name_or_id(org))
        .collect();
    let subject = format!(
        "Review \"{title}\" as the DPO of {}",
        crate::text::join_and(&names)
    );
    commit(
        &committed.workdir,
        &subject,
        &format!("{REVIEW}: {id} {}", agreement.digest),
    )?;
    let officer = parties.first().map_or("", |(_, name)| name);
    crate::cli::print(&format!(
        "Reviewed \"{title}\" at {} as {officer}, Data Protection Officer of {}.\nPush the commit so the other parties and CI see it; each signatory can then sign it off.\n",
        agreement.digest,
        crate::text::join_and(&names)
    ))?;
    Ok(ExitCode::SUCCESS)
}
