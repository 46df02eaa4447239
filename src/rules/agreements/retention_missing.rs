//! `retention-missing`: nobody knows how long the data is kept.

use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, Context, Family, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    name: "retention-missing",
    level: Level::Error,
    family: Family::Agreements,
    summary: "A flow of personal data says nothing about how long it is kept.",
    checks: "That every flow of personal data (identifiable or pseudonymised) gives `retention`.",
    why: "UK GDPR Article 5(1)(e), storage limitation: personal data is kept no longer than necessary. The ICO data sharing code expects agreements to state retention and deletion.",
    example: "flows:\n  - id: referral\n    identifiability: identifiable\n    # no retention",
    fix: "Add `retention:` saying how long the recipient keeps the data and how it is then destroyed.",
    check: Check::EachAgreement(check),
};

fn check(_: &Context<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        if super::is_personal(flow) && flow.retention.is_none() {
            out.push(
                Diagnostic::new(&RULE, agreement.file.as_str(), Location::Value(pointer!("flows", f, "retention")), format!("Flow `{}` does not say how long the data is kept.", flow.id))
                    .with_help("Add `retention:` saying how long the recipient keeps the data and how it is destroyed."),
            );
        }
    }
}
