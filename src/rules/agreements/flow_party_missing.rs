//! `flow-party-missing`: a flow's sender or recipient is not a party.

use super::meant_by_misspelt_parties;
use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("flow-party-missing", Family::Agreements, Level::Error),
    summary: "A flow's sender or recipient is not a party to the agreement.",
    checks: "That each flow's `from` and every organisation in its `to` are listed under the agreement's `parties`. (An id that is no organisation at all is reported by `unknown-reference`, and so is a party's `org` misspelt for the organisation in the flow.)",
    why: "An agreement binds only its parties. Data sent to an organisation outside it travels without any agreed purpose, safeguards or sign-off (MoU principle 8).",
    example: "parties:\n  - {org: lancashire-teaching-hospitals, role: controller, signatory: amelia-hart}\nflows:\n  - id: referral\n    from: lancashire-teaching-hospitals\n    to: [lancashire-carers-trust]   # not a party",
    fix: "Add the organisation to `parties` (it then signs the agreement too), or correct the flow.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    let mut meant_by_misspelt = None;
    for (f, flow) in agreement.flows.iter().enumerate() {
        // `None` is the sender; a place is built only for a finding.
        let ends = std::iter::once((None, &flow.from, "sends")).chain(
            flow.to
                .iter()
                .enumerate()
                .map(|(t, to)| (Some(t), to, "receives")),
        );
        for (recipient, org, verb) in ends {
            // An organisation not in the registry is reported by
            // `unknown-reference`, and so is a party misspelt for this one.
            if agreement.party(org).is_some()
                || !registry.knows_organisation(org)
                || meant_by_misspelt
                    .get_or_insert_with(|| meant_by_misspelt_parties(registry, agreement))
                    .contains(&org.as_str())
            {
                continue;
            }
            let place = match recipient {
                None => pointer!("flows", f, "from"),
                Some(t) => pointer!("flows", f, "to", t),
            };
            out.push(super::parties_absent(
                agreement,
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value(place),
                    format!(
                        "{} {verb} data in flow `{}` but is not a party to this agreement.",
                        registry
                            .organisation(org)
                            .map_or(org.as_str(), |o| o.name.as_str()),
                        flow.id
                    ),
                )
                .with_help("Add the organisation to `parties`, or correct the flow."),
            ));
        }
    }
}
