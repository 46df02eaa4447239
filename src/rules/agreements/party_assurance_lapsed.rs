//! `party-assurance-lapsed`: an active agreement relies on an unassured party.

use crate::assessment::Assessment;
use crate::assessment::assurance::Level as Assurance;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("party-assurance-lapsed", Family::Agreements, Level::Error),
    summary: "An active agreement has a party that is unassured.",
    checks: "For each `active` agreement, that no party is unassured: each has a current ICO registration (or exemption), a DSPT outcome at the minimum for the current or previous cycle (or not applicable), and the current MoU signed. The finding is on the party's line and gives the organisation's reasons.",
    why: "Trust between partners starts with each one's assurance. Data should not keep flowing to an organisation whose registration has lapsed or whose security standard has fallen, without the partners knowing and deciding.",
    example: "status: active\nparties:\n  - {org: blackpool-council, role: controller, signatory: amir-khan}   # ICO registration expired",
    fix: "Fix the organisation's assurance (see the findings in its own file), or suspend the agreement (`status: suspended`) until it is restored.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    if !super::in_force(agreement.status) {
        return;
    }
    for (i, party) in agreement.parties.iter().enumerate() {
        let Some(position) = context.registry.organisation_position(&party.org) else {
            continue;
        };
        let (org, Some(assurance)) = (
            &context.registry.organisations[position],
            context.assurances().get(position),
        ) else {
            continue;
        };
        if assurance.level != Assurance::Unassured {
            continue;
        }
        let reasons: Vec<&str> = assurance
            .reasons
            .iter()
            .filter(|reason| reason.core)
            .map(|reason| reason.message.as_str())
            .collect();
        let finding = Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value(pointer!("parties", i, "org")),
            format!(
                "{} is unassured, but this active agreement shares data with it: {}",
                org.name,
                reasons.join(" ")
            ),
        )
        .with_help(format!(
            "Restore {}'s assurance (see {}), or suspend the agreement until it is restored.",
            org.name, org.file
        ));
        out.push(assurance.because_unassured(&org.file, finding));
    }
}
