//! `sponsor-invalid`: a sponsor that cannot vouch for the organisation.

use crate::assessment::Assessment;
use crate::assessment::assurance::Level as Assurance;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo, written_as_words_for};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("sponsor-invalid", Family::Organisations, Level::Error),
    summary: "An organisation's sponsor does not exist, is itself, is itself sponsored, or is unassured.",
    checks: "That an organisation's `sponsor` is another organisation in the registry (a close match is suggested for a misspelt id) that maintains its own record (is not itself sponsored) and is not unassured.",
    why: "Sponsorship lets a larger body keep the records of a small one, such as a GP practice or a charity. The small organisation's record is only as trustworthy as the body that maintains it, and chains of sponsorship leave nobody accountable.",
    example: "# organisations/ribble-valley-medical-practice.yaml\nsponsor: lancashire-carers-trust   # itself sponsored by a trust",
    fix: "Name as sponsor an organisation that maintains its own record and is assured, or remove `sponsor` if the organisation maintains its own record.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    for org in &registry.organisations {
        let Some(sponsor_id) = &org.sponsor else {
            continue;
        };
        // The sponsor's file and assurance, when it is unassured.
        let mut unassured = None;
        let problem = if *sponsor_id == org.id {
            Some(format!("{} names itself as its sponsor.", org.name))
        } else if let Some(sponsor) = registry.organisation(sponsor_id) {
            if let Some(grand) = &sponsor.sponsor {
                Some(format!(
                    "{}'s sponsor, {}, is itself sponsored (by `{grand}`).",
                    org.name, sponsor.name
                ))
            } else if let Some(assurance) = context
                .assurance_of(sponsor_id)
                .filter(|assurance| assurance.level == Assurance::Unassured)
            {
                unassured = Some((sponsor.file.as_str(), assurance));
                Some(format!(
                    "{}'s sponsor, {}, is unassured.",
                    org.name, sponsor.name
                ))
            } else {
                None
            }
        } else if written_as_words_for(sponsor_id, |id| registry.knows_organisation(id)) {
            None // `schema` reports it, with the id written properly
        } else if !registry.knows_organisation(sponsor_id) {
            let close = registry.closest_organisation(sponsor_id);
            let hint = close
                .map(|close| format!(" Did you mean `{close}`?"))
                .unwrap_or_default();
            Some(format!(
                "{}'s sponsor, `{sponsor_id}`, is not an organisation in this registry.{hint}",
                org.name
            ))
        } else {
            None // exists but could not be read: reported in its own file
        };
        if let Some(message) = problem {
            let finding = Diagnostic::new(&RULE, org.file.as_str(), Location::Value("/sponsor".into()), message)
                .with_help("Name as sponsor an assured organisation that maintains its own record, or remove `sponsor`.");
            out.push(match unassured {
                Some((file, assurance)) => assurance.because_unassured(file, finding),
                None => finding,
            });
        }
    }
}
