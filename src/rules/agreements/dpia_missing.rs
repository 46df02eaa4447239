//! `dpia-missing`: high-risk sharing with no DPIA.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::{Agreement, Identifiability, Subject};
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dpia-missing", Family::Agreements, Level::Error),
    summary: "A DPIA is required but no DPIA reference is given.",
    checks: "That `dpia.reference` is given, and names a DPIA rather than a placeholder (`TBC`, `n/a`, `pending`, `in progress`), when any trigger holds: a flow of special category or criminal offence data at or above `policy.large_scale_records` records a year (large scale); identifiable data about children or vulnerable adults; any `processing` marker (profiling, data matching, automated decisions, systematic monitoring, innovative technology, invisible processing); or a risk whose inherent score (likelihood x impact) is 15 or more. `not_required` does not satisfy it when a trigger holds. A risk scored off the 1 to 5 scale is reported by `schema` alone.",
    why: "UK GDPR Article 35: a Data Protection Impact Assessment is mandatory where processing is likely to result in high risk; the ICO's list of such processing includes each trigger here.",
    example: "flows:\n  - subjects: [children]\n    identifiability: identifiable\ndpia:\n  not_required: Small scale",
    fix: "Complete a DPIA, then record its `reference` and `completed` date under `dpia`.",
    check: Check::EachAgreement(check),
};

/// Why a DPIA is mandatory for this agreement, if it is.
pub fn trigger(agreement: &Agreement, large_scale: u64) -> Option<String> {
    if let Some(marker) = agreement.processing.first() {
        return Some(format!("it involves {}", marker.label()));
    }
    for flow in &agreement.flows {
        let sensitive = super::has_special_category(flow) || super::has_criminal_offence(flow);
        if sensitive && flow.volume.is_some_and(|volume| volume >= large_scale) {
            return Some(format!(
                "flow `{}` shares special category or criminal offence data at large scale ({} records a year)",
                flow.id,
                flow.volume.unwrap_or_default()
            ));
        }
        if flow.identifiability == Identifiability::Identifiable
            && let Some(group) = flow
                .subjects
                .iter()
                .find(|s| matches!(s, Subject::Children | Subject::VulnerableAdults))
        {
            return Some(format!(
                "flow `{}` shares identifiable data about {}",
                flow.id,
                group.label()
            ));
        }
        if let Some(risk) = flow
            .risks
            .iter()
            .find(|risk| super::scored_on_the_scale(risk) && super::inherent_score(risk) >= 15)
        {
            return Some(format!(
                "risk `{}` of flow `{}` scores {} before mitigation",
                risk.id,
                flow.id,
                super::inherent_score(risk)
            ));
        }
    }
    None
}

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let reference = agreement
        .dpia
        .as_ref()
        .and_then(|dpia| dpia.reference.as_deref());
    // The placeholder written, if one is.
    let (place, placeholder) = match reference {
        None => ("/dpia", None),
        Some(reference) if super::names_nothing(reference) => {
            ("/dpia/reference", Some(reference.trim()))
        }
        Some(_) => return,
    };
    let large_scale = context.registry.settings.policy.large_scale_records;
    let Some(why) = trigger(agreement, large_scale) else {
        return;
    };
    let unrecorded = match placeholder {
        None => "none is recorded".to_owned(),
        Some(written) => format!("its reference `{written}` names no DPIA"),
    };
    out.push(
        Diagnostic::new(&RULE, agreement.file.as_str(), Location::Value(place.into()), format!("A DPIA is required because {why}, but {unrecorded}."))
            .with_help("Complete a Data Protection Impact Assessment, then record its `reference` and `completed` date under `dpia`."),
    );
}
