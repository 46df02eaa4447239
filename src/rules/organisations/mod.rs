//! Rules about organisations: the assurance each partner offers the others
//! (MoU principles 1, 2, 3, 5 and 6).

pub mod accountable_officer_missing;
pub mod assurance_expiring;
pub mod breach_contact_missing;
pub mod certificate_expired;
pub mod date_in_future;
pub mod dpo_conflict;
pub mod dpo_missing;
pub mod dspt_below_standard;
pub mod dspt_out_of_date;
pub mod ico_registration_expired;
pub mod ico_registration_missing;
pub mod mou_not_signed;
pub mod public_authority_by_law;
pub mod sponsor_invalid;
pub mod training_attestation_stale;
pub mod training_below_target;

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::RuleInfo;

/// Reports, as findings of `rule`, the assurance reasons for one
/// requirement; the reasons are worked out once per organisation in
/// `assessment::assurance::assess`, which knows its requirements but not
/// the rules that report them: each rule here names its requirement.
pub(crate) fn report_reasons(
    context: &Assessment<'_>,
    rule: &'static RuleInfo,
    requirement: Requirement,
    out: &mut Vec<Diagnostic>,
) {
    for (org, assurance) in context
        .registry
        .organisations
        .iter()
        .zip(context.assurances())
    {
        for reason in assurance
            .reasons
            .iter()
            .filter(|reason| reason.requirement == requirement)
        {
            let finding = Diagnostic::new(
                rule,
                org.file.as_str(),
                Location::Value(reason.pointer.clone()),
                reason.message.as_str(),
            )
            .with_help(reason.help.as_str());
            out.push(reason.rests_on.iter().fold(finding, |finding, pointer| {
                finding.because_absent(org.file.as_str(), pointer.as_str())
            }));
        }
    }
}
