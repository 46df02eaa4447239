//! What the records mean, as the rules, the documents and the exports all
//! read it: which flows carry personal, special category or criminal
//! offence data or confidential patient information, risk scores and their
//! bands on the NHS 5x5 matrix, and which agreements are in force.

use super::{AgreementStatus, DataCategory, Flow, Identifiability, Risk};

/// Personal data under UK GDPR: identifiable or pseudonymised.
pub fn is_personal(flow: &Flow) -> bool {
    matches!(
        flow.identifiability,
        Identifiability::Identifiable | Identifiability::Pseudonymised
    )
}

/// A personal-data flow with special category data.
pub fn has_special_category(flow: &Flow) -> bool {
    is_personal(flow) && flow.categories.iter().any(|category| category.is_special())
}

pub fn has_criminal_offence(flow: &Flow) -> bool {
    is_personal(flow) && flow.categories.contains(&DataCategory::CriminalOffence)
}

/// Confidential patient information: identifiable health or social care data.
pub fn is_confidential(flow: &Flow) -> bool {
    flow.identifiability == Identifiability::Identifiable
        && flow
            .categories
            .iter()
            .any(|category| matches!(category, DataCategory::Health | DataCategory::SocialCare))
}

/// Whether a risk's likelihood and impact, and its residual ones, are on the
/// 1 to 5 scale. A score off it (`impact: 9`) is reported by `schema`; the
/// rules that judge scores leave such a risk alone rather than report a
/// score of 45 as well.
pub fn scored_on_the_scale(risk: &Risk) -> bool {
    let on_scale = |value: u8| (1..=5).contains(&value);
    on_scale(risk.likelihood)
        && on_scale(risk.impact)
        && risk
            .residual
            .is_none_or(|score| on_scale(score.likelihood) && on_scale(score.impact))
}

/// Likelihood x impact before mitigation.
pub fn inherent_score(risk: &Risk) -> u32 {
    u32::from(risk.likelihood) * u32::from(risk.impact)
}

/// Likelihood x impact after mitigation; without a residual score the risk
/// is taken as not reduced.
pub fn residual_score(risk: &Risk) -> u32 {
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
pub fn in_force(status: AgreementStatus) -> bool {
    status == AgreementStatus::Active
}
