//! `lawful-basis-missing`: personal data shared with no Article 6 basis.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("lawful-basis-missing", Family::Agreements, Level::Error),
    summary: "An agreement shares personal data but states no UK GDPR Article 6 basis.",
    checks: "That an agreement with any flow of personal data (identifiable or pseudonymised) lists at least one letter under `lawful_basis.article6`.",
    why: "UK GDPR Article 6: processing personal data is lawful only on one of the six bases. Sharing is processing; the ICO data sharing code expects the agreement to state the basis.",
    example: "flows:\n  - {id: referral, identifiability: identifiable, ...}\n# no lawful_basis",
    fix: "Add `lawful_basis:` with `article6:` and the letter of the basis relied on, for example `[e]` for a public task.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let stated = agreement
        .lawful_basis
        .as_ref()
        .is_some_and(|basis| !basis.article6.is_empty());
    if !stated && agreement.flows.iter().any(super::is_personal) {
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/lawful_basis/article6".into()),
                format!("\"{}\" shares personal data but states no lawful basis under UK GDPR Article 6.", agreement.title),
            )
            .with_help("Add `lawful_basis:` with `article6:` and the basis relied on: a consent, b contract, c legal obligation, d vital interests, e public task, f legitimate interests."),
        );
    }
}
