//! `processor-without-contract`: a processor with no Article 28 contract.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::model::PartyRole;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "processor-without-contract",
        Family::Agreements,
        Level::Error,
    ),
    summary: "A processor party has no processing contract recorded.",
    checks: "That every party with `role: processor` gives the reference of its written processing contract in `contract`, rather than a placeholder (`TBC`, `n/a`, `pending`).",
    why: "UK GDPR Article 28: a processor acts only under a written contract with the controller. A sharing agreement is not that contract.",
    example: "parties:\n  - org: north-west-shared-infrastructure-service\n    role: processor   # no contract",
    fix: "Add `contract:` with the reference of the data processing agreement, or change the role if the organisation decides why and how the data is used.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (i, party) in agreement.parties.iter().enumerate() {
        if party.role != PartyRole::Processor {
            continue;
        }
        let name = context
            .registry
            .organisation(&party.org)
            .map_or(party.org.as_str(), |o| o.name.as_str());
        let help =
            "Add `contract:` with the reference of the Article 28 data processing agreement.";
        let file = agreement.file.as_str();
        out.push(match party.contract.as_deref() {
            None => Diagnostic::new(
                &RULE,
                file,
                Location::Value(pointer!("parties", i, "role")),
                format!("{name} is a processor but no processing contract is recorded."),
            )
            .with_help(help)
            .because_absent(file, pointer!("parties", i, "contract")),
            Some(contract) if super::names_nothing(contract) => Diagnostic::new(
                &RULE,
                file,
                Location::Value(pointer!("parties", i, "contract")),
                format!(
                    "{name} is a processor but its processing contract is given as `{}`, which names no contract.",
                    contract.trim()
                ),
            )
            .with_help(help),
            Some(_) => continue,
        });
    }
}
