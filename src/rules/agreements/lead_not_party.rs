//! `lead-not-party`: the lead organisation is not a party.

use super::meant_by_misspelt_parties;
use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("lead-not-party", Family::Agreements, Level::Error),
    summary: "An agreement's lead organisation is not one of its parties.",
    checks: "That the organisation named in `lead` is listed under `parties`. A lead that is no organisation in the registry, or a party's `org` misspelt for the lead's id, is reported by `unknown-reference` alone, with the correct id.",
    why: "The lead keeps the agreement up to date and answers for it to partners and auditors; it cannot do so for an agreement it is not bound by.",
    example: "lead: lancashire-county-council\nparties:\n  - {org: blackpool-council, role: controller, signatory: amir-khan}",
    fix: "Add the lead organisation to `parties`, or make one of the parties the lead.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let Some(lead) = &agreement.lead else {
        return;
    };
    // A lead that is no organisation in the registry, or a party misspelt
    // for the lead, is reported by `unknown-reference` with the right id.
    let registry = context.registry;
    if agreement.party(lead).is_none()
        && registry.knows_organisation(lead)
        && !meant_by_misspelt_parties(registry, agreement).contains(&lead.as_str())
    {
        out.push(super::parties_absent(
            agreement,
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/lead".into()),
                format!(
                    "The lead organisation, {}, is not a party to \"{}\".",
                    registry
                        .organisation(lead)
                        .map_or(lead.as_str(), |o| o.name.as_str()),
                    agreement.title
                ),
            )
            .with_help(
                "Add the lead organisation to `parties`, or name one of the parties as `lead`.",
            ),
        ));
    }
}
