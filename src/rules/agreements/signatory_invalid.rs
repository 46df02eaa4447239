//! `signatory-invalid`: a party's signatory cannot sign for it.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo, officer_id_written_wrongly, written_as_words_for};
use crate::text::suggest::did_you_mean;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("signatory-invalid", Family::Agreements, Level::Error),
    summary: "A party's signatory is not an officer of that party, or has no signing authority.",
    checks: "That each party's `signatory` is listed under the `officers` of that party's organisation, with the role `caldicott-guardian`, `siro` or `senior-officer`. A close match is suggested for a misspelt id. When the closest officer's own id is written wrongly (reported by `schema` in the organisation's file), the signatory is taken to name that officer and is not reported.",
    why: "Only a senior officer may commit an organisation to share personal data. A signature by anyone else does not bind the organisation, and sign-off is checked against the signatory named here.",
    example: "parties:\n  - org: blackpool-council\n    role: controller\n    signatory: liam-foster   # Blackpool Council's DPO: cannot sign",
    fix: "Name the party's Caldicott Guardian, SIRO or an officer with `senior-officer` among their roles, or give the officer that role in the organisation's file if they have been given signing authority.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (i, party) in agreement.parties.iter().enumerate() {
        let (Some(signatory), Some(org)) =
            (&party.signatory, context.registry.organisation(&party.org))
        else {
            continue;
        };
        // Built only for a finding.
        let place = || Location::Value(pointer!("parties", i, "signatory"));
        match org.officer(signatory) {
            None if officer_id_written_wrongly(org, signatory)
                || written_as_words_for(signatory, |id| org.officer(id).is_some()) => {}
            None => {
                let close = did_you_mean(signatory, org.officers.iter().map(|o| o.id.as_str()));
                out.push(crate::rules::officers_absent(
                    org,
                    Diagnostic::new(
                        &RULE,
                        agreement.file.as_str(),
                        place(),
                        format!(
                            "The signatory `{signatory}` is not an officer of {}.",
                            org.name
                        ),
                    )
                    .with_help(match close {
                        Some(close) => format!("Did you mean `{close}`?"),
                        None => format!(
                            "Name one of {}'s officers, or add the officer to {}.",
                            org.name, org.file
                        ),
                    }),
                ));
            }
            Some(officer) if !officer.can_sign() => {
                let who = match officer.roles.is_empty() {
                    true => format!("an officer of {} with no roles recorded", org.name),
                    false => {
                        let roles: Vec<&str> =
                            officer.roles.iter().map(|role| role.label()).collect();
                        format!("{} of {}", roles.join(" and "), org.name)
                    }
                };
                let mut finding = Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    place(),
                    format!("{} ({who}) cannot sign agreements: only a Caldicott Guardian, SIRO or senior officer may.", officer.name),
                )
                .with_help("Name an officer with signing authority, or add `senior-officer` to this officer's roles if they have been given it.");
                // With no roles at all, the organisation's file may have
                // misspelt `roles`, which is reported there.
                if officer.roles.is_empty()
                    && let Some(at) = org.officers.iter().position(|o| std::ptr::eq(o, officer))
                {
                    finding = finding
                        .because_absent(org.file.as_str(), pointer!("officers", at, "roles"));
                }
                out.push(finding);
            }
            Some(_) => {}
        }
    }
}
