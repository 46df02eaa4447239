//! Rules about agreements: parties, tiers, dates, the lawful basis, DPIAs,
//! and each data flow's safety and risks (the ICO data sharing code, UK
//! GDPR, the DPA 2018 and MoU principles 4, 8 and 10).

pub mod agreement_expired;
pub mod anonymised_with_identifiers;
pub mod common_law_basis_missing;
pub mod consent_for_direct_care;
pub mod controller_missing;
pub mod criminal_offence_without_condition;
pub mod data_minimisation;
pub mod dates_out_of_order;
pub mod dpia_after_start;
pub mod dpia_missing;
pub mod flow_party_missing;
pub mod flow_to_sender;
pub mod flows_missing;
pub mod insecure_transfer;
pub mod international_transfer_without_safeguard;
pub mod lawful_basis_missing;
pub mod lead_not_party;
pub mod legitimate_interests_public_authority;
pub mod onward_sharing_without_permission;
pub mod parent_not_in_force;
pub mod party_assurance_lapsed;
pub mod privacy_notice_missing;
pub mod processor_without_contract;
pub mod residual_above_inherent;
pub mod residual_risk_too_high;
pub mod retention_missing;
pub mod review_due_soon;
pub mod review_interval_too_long;
pub mod review_overdue;
pub mod risk_assessment_missing;
pub mod risk_unmitigated;
pub mod schedule1_condition_missing;
pub mod signatory_invalid;
pub mod special_category_without_condition;
pub mod tier_hierarchy;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Agreement, Flow, LawfulBasis};
use crate::registry::{Record, Registry};
use crate::rules::RuleInfo;

/// The organisations the agreement's misspelt parties most likely mean: for
/// each party naming an organisation the registry does not have, the
/// closest id there is, which `unknown-reference` suggests. A finding that
/// one of these is not a party would only say the same mistake again, and
/// would be wrong once the spelling is corrected. Worked out only when such
/// a finding is in view, and once per agreement: each is a search of every
/// organisation's id.
pub(crate) fn meant_by_misspelt_parties<'r>(
    registry: &'r Registry,
    agreement: &Agreement,
) -> Vec<&'r str> {
    agreement
        .parties
        .iter()
        .filter(|party| !registry.knows_organisation(&party.org))
        .filter_map(|party| registry.closest_organisation(&party.org))
        .collect()
}

/// The names of the agreement's controllers that are public authorities
/// (processors act for a controller and have no basis of their own), when
/// its Article 6 bases include `letter`; empty otherwise.
pub(crate) fn public_controllers_relying_on<'r>(
    registry: &'r Registry,
    agreement: &Agreement,
    letter: &str,
) -> Vec<&'r str> {
    if !agreement
        .lawful_basis
        .as_ref()
        .is_some_and(|basis| basis.article6.iter().any(|written| written == letter))
    {
        return Vec::new();
    }
    agreement
        .parties
        .iter()
        .filter(|party| party.role != crate::model::PartyRole::Processor)
        .filter_map(|party| registry.organisation(&party.org))
        .filter(|org| org.is_public_authority())
        .map(|org| org.name.as_str())
        .collect()
}

/// "X is a public authority" or "X and Y are public authorities".
pub(crate) fn are_public_authorities(names: &[&str]) -> String {
    format!(
        "{} {}",
        crate::text::join_and(names),
        if names.len() == 1 {
            "is a public authority"
        } else {
            "are public authorities"
        }
    )
}

/// A finding that an organisation is not a party, when the agreement lists
/// no parties at all: it holds only because `parties` is absent, so it goes
/// when that field is reported misspelt (`partys:`).
pub(crate) fn parties_absent(agreement: &Record<Agreement>, finding: Diagnostic) -> Diagnostic {
    if agreement.parties.is_empty() {
        finding.because_absent(agreement.file.as_str(), "/parties")
    } else {
        finding
    }
}

pub(crate) use crate::model::facts::{
    band, has_criminal_offence, has_special_category, in_force, inherent_score, is_confidential,
    is_personal, residual_score, scored_on_the_scale,
};

/// What a task not yet done is written as where its result belongs: a
/// DPIA, a contract or a mitigation `pending`.
const NOT_DONE: &[&str] = &[
    "pending",
    "in progress",
    "underway",
    "to follow",
    "awaited",
    "not started",
    "not done",
    "not yet done",
    "not completed",
    "not yet completed",
];

/// Whether text written where a reference or an action belongs (a DPIA's
/// reference, a processing contract, a mitigation) records none: a
/// placeholder (`TBC`, `n/a`, `none`) or a task not yet done (`pending`,
/// `in progress`), with any stop after it.
pub(crate) fn names_nothing(text: &str) -> bool {
    retention_missing::is_placeholder(text) || retention_missing::is_written_as(text, NOT_DONE)
}

/// Letters of the lawful basis as written, e.g. "Article 6(1)(e)".
pub(crate) fn letters(article: &str, letters: &[&str]) -> String {
    letters
        .iter()
        .map(|letter| format!("{article}({letter})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A condition of the lawful basis that some flows need.
pub(crate) struct Condition {
    /// The field under `lawful_basis` that states it.
    pub field: &'static str,
    pub stated: fn(&LawfulBasis) -> bool,
    pub needs: fn(&Flow) -> bool,
    pub message: fn(&Flow) -> String,
    pub help: &'static str,
}

/// Reports, once per agreement, the first flow that needs `condition` when
/// the agreement does not state it.
pub(crate) fn report_missing_condition(
    agreement: &Record<Agreement>,
    out: &mut Vec<Diagnostic>,
    rule: &'static RuleInfo,
    condition: &Condition,
) {
    if agreement
        .lawful_basis
        .as_ref()
        .is_some_and(condition.stated)
    {
        return;
    }
    if let Some(flow) = agreement.flows.iter().find(|flow| (condition.needs)(flow)) {
        out.push(
            Diagnostic::new(
                rule,
                agreement.file.as_str(),
                Location::Value(format!("/lawful_basis/{}", condition.field)),
                (condition.message)(flow),
            )
            .with_help(condition.help),
        );
    }
}
