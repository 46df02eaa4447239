//! `controller-missing`: an agreement none of whose parties is a controller.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::{Agreement, PartyRole};
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("controller-missing", Family::Agreements, Level::Error),
    summary: "None of an agreement's parties is a controller or joint controller.",
    checks: "That at least one party has the role `controller` or `joint-controller`. An agreement whose parties are all processors is reported at its `parties`.",
    why: "A data sharing agreement is made between controllers: they decide why and how personal data is used, and they sign the agreement off. A processor acts only on a controller's instructions, under a written contract (UK GDPR Article 28), and does not sign. With no controller, nobody is accountable for the sharing and nobody signs it, so it could never be signed off, yet would look as if it were.",
    example: "parties:\n  - {org: north-trust, role: processor, contract: DPA-1}\n  - {org: nwsis, role: processor, contract: DPA-2}",
    fix: "Give the organisations that decide why the data is shared the role `controller` (or `joint-controller`) with their signatory; if every party only processes for someone else, the agreement belongs with that controller as a processing contract.",
    check: Check::EachAgreement(check),
};

fn check(_context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let has_controller = agreement.parties.iter().any(|party| {
        matches!(
            party.role,
            PartyRole::Controller | PartyRole::JointController
        )
    });
    if agreement.parties.is_empty() || has_controller {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value("/parties".into()),
            format!(
                "Every party to \"{}\" is a processor: an agreement needs at least one controller, who is accountable for the sharing and signs it off.",
                agreement.title
            ),
        )
        .with_help("Give each organisation that decides why the data is shared the role `controller` (or `joint-controller`) and a `signatory`."),
    );
}
