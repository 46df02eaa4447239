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
use crate::model::{
    Agreement, AgreementStatus, DataCategory, Flow, Identifiability, LawfulBasis, Risk,
};
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

/// Personal data under UK GDPR: identifiable or pseudonymised.
pub(crate) fn is_personal(flow: &Flow) -> bool {
    matches!(
        flow.identifiability,
        Identifiability::Identifiable | Identifiability::Pseudonymised
    )
}

/// A personal-data flow with special category data.
pub(crate) fn has_special_category(flow: &Flow) -> bool {
    is_personal(flow) && flow.categories.iter().any(|category| category.is_special())
}

pub(crate) fn has_criminal_offence(flow: &Flow) -> bool {
    is_personal(flow) && flow.categories.contains(&DataCategory::CriminalOffence)
}

/// Confidential patient information: identifiable health or social care data.
pub(crate) fn is_confidential(flow: &Flow) -> bool {
    flow.identifiability == Identifiability::Identifiable
        && flow
            .categories
            .iter()
            .any(|category| matches!(category, DataCategory::Health | DataCategory::SocialCare))
}

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

/// Whether a risk's likelihood and impact, and its residual ones, are on the
/// 1 to 5 scale. A score off it (`impact: 9`) is reported by `schema`; the
/// rules that judge scores leave such a risk alone rather than report a
/// score of 45 as well.
pub(crate) fn scored_on_the_scale(risk: &Risk) -> bool {
    let on_scale = |value: u8| (1..=5).contains(&value);
    on_scale(risk.likelihood)
        && on_scale(risk.impact)
        && risk
            .residual
            .is_none_or(|score| on_scale(score.likelihood) && on_scale(score.impact))
}

/// Likelihood x impact before mitigation.
pub(crate) fn inherent_score(risk: &Risk) -> u32 {
    u32::from(risk.likelihood) * u32::from(risk.impact)
}

/// Likelihood x impact after mitigation; without a residual score the risk
/// is taken as not reduced.
pub(crate) fn residual_score(risk: &Risk) -> u32 {
    risk.residual.map_or_else(
        || inherent_score(risk),
        |score| u32::from(score.likelihood) * u32::from(score.impact),
    )
}

/// The NHS 5x5 matrix band of a score.
pub fn band(score: u32) -> &'static str {
    match score {
        0..=3 => "low",
        4..=6 => "moderate",
        7..=12 => "high",
        _ => "extreme",
    }
}

/// Agreements in force: date and assurance rules that concern sharing that
/// is happening apply to these.
pub(crate) fn in_force(status: AgreementStatus) -> bool {
    status == AgreementStatus::Active
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
