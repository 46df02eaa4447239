//! `common-law-basis-missing`: confidential patient information with no common law basis.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::{Agreement, CommonLawBasis};
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("common-law-basis-missing", Family::Agreements, Level::Error),
    summary: "Confidential patient information is shared with no common law basis stated.",
    checks: "That an agreement with an identifiable flow of health or social care data states `lawful_basis.common_law`, and not `not-confidential`: such a flow is confidential patient information.",
    why: "The common law duty of confidentiality applies alongside UK GDPR: confidential patient information may be shared with implied consent for individual care, explicit consent, section 251 support, a statutory requirement, or in the overriding public interest (Caldicott principle 6).",
    example: "flows:\n  - identifiability: identifiable\n    categories: [identifiers, health]\nlawful_basis:\n  article6: [e]\n  article9: [h]   # no common_law",
    fix: "Add `common_law:` under `lawful_basis`: implied-consent, explicit-consent, section-251, statutory-requirement or public-interest.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let said = agreement
        .lawful_basis
        .as_ref()
        .and_then(|basis| basis.common_law);
    if said != Some(CommonLawBasis::NotConfidential) {
        super::report_missing_condition(agreement, out, &RULE, &CONDITION);
        return;
    }
    // "Not confidential" said of confidential patient information.
    if let Some(flow) = agreement
        .flows
        .iter()
        .find(|flow| super::is_confidential(flow))
    {
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/lawful_basis/common_law".into()),
                format!(
                    "The agreement says its data is not confidential, but flow `{}` shares identifiable health or social care data, which is confidential patient information.",
                    flow.id
                ),
            )
            .with_help(CONDITION.help),
        );
    }
}

static CONDITION: super::Condition = super::Condition {
    field: "common_law",
    stated: |basis| basis.common_law.is_some(),
    needs: super::is_confidential,
    message: |flow| {
        format!(
            "Flow `{}` shares confidential patient information, but the agreement states no basis under the common law duty of confidentiality.",
            flow.id
        )
    },
    help: "Add `common_law:` under `lawful_basis`: implied-consent (individual care), explicit-consent, section-251, statutory-requirement or public-interest.",
};
