//! `privacy-notice-missing`: people are not told about the sharing.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::model::Identifiability;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("privacy-notice-missing", Family::Agreements, Level::Warning),
    summary: "An agreement shares identifiable data but links no privacy notice.",
    checks: "That an agreement with any identifiable flow gives `privacy_notice`: the web address of the notice that tells people about the sharing.",
    why: "UK GDPR Articles 13 and 14 and Caldicott principle 8: people are told how their information is used. Transparency is a condition of public trust in sharing.",
    example: "flows:\n  - identifiability: identifiable\n# no privacy_notice",
    fix: "Add `privacy_notice:` with the address of the notice that covers this sharing.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    if agreement.privacy_notice.is_none()
        && agreement
            .flows
            .iter()
            .any(|flow| flow.identifiability == Identifiability::Identifiable)
    {
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/privacy_notice".into()),
                format!("\"{}\" shares identifiable data but links no privacy notice.", agreement.title),
            )
            .with_help("Add `privacy_notice:` with the web address of the notice that tells people about this sharing."),
        );
    }
}
