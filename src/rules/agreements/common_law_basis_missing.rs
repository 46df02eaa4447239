//! `common-law-basis-missing`: confidential patient information with no common law basis.

use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Context, Family, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    name: "common-law-basis-missing",
    level: Level::Error,
    family: Family::Agreements,
    summary: "Confidential patient information is shared with no common law basis stated.",
    checks: "That an agreement with an identifiable flow of health or social care data states `lawful_basis.common_law`.",
    why: "The common law duty of confidentiality applies alongside UK GDPR: confidential patient information may be shared with implied consent for individual care, explicit consent, section 251 support, a statutory requirement, or in the overriding public interest (Caldicott principle 6).",
    example: "flows:\n  - identifiability: identifiable\n    categories: [identifiers, health]\nlawful_basis:\n  article6: [e]\n  article9: [h]   # no common_law",
    fix: "Add `common_law:` under `lawful_basis`: implied-consent, explicit-consent, section-251, statutory-requirement or public-interest.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for agreement in &context.registry.agreements {
        let stated = agreement
            .lawful_basis
            .as_ref()
            .is_some_and(|basis| basis.common_law.is_some());
        let Some(flow) = agreement
            .flows
            .iter()
            .find(|flow| super::is_confidential(flow))
        else {
            continue;
        };
        if !stated {
            out.push(
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value("/lawful_basis/common_law".into()),
                    format!("Flow `{}` shares confidential patient information, but the agreement states no basis under the common law duty of confidentiality.", flow.id),
                )
                .with_help("Add `common_law:` under `lawful_basis`: implied-consent (individual care), explicit-consent, section-251, statutory-requirement or public-interest."),
            );
        }
    }
}
