//! The sign-off and DPO review of an agreement's current version, as its
//! page and PDF show them: a row per party, and where it stands in one
//! sentence.

use super::{SignOff, Snapshot};
use crate::model::{Agreement, OfficerRole, PartyRole};
use crate::registry::Record;
use serde_json::{Value, json};

/// A row per party: its signatory, and when and how it signed, or why not.
pub fn rows(snapshot: &Snapshot<'_>, agreement: &Record<Agreement>) -> Vec<Value> {
    let registry = snapshot.registry;
    let state = snapshot.context.history.of(&agreement.id);
    agreement
        .parties
        .iter()
        .map(|party| {
            let name = registry.organisation_name_or_id(&party.org);
            let signatory = party.signatory.as_deref().and_then(|s| registry.officer(&party.org, s));
            let Some(officer) = signatory else {
                return json!({"party": name, "signatory": "none: acts under contract", "date": null, "commit": null, "level": null, "status": "not a signing party"});
            };
            let role = officer.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
            let who = format!("{} ({role})", officer.name);
            match state.and_then(|s| s.signed.iter().find(|signed| signed.org == party.org)) {
                Some(signed) => {
                    // A sign-off given on paper says what the paper is.
                    let level = match &signed.evidence {
                        Some(evidence) => format!("{}: {evidence}", signed.level.label()),
                        None => signed.level.label().to_owned(),
                    };
                    json!({"party": name, "signatory": who, "date": signed.date, "commit": &signed.commit[..12], "level": level, "status": "signed off"})
                }
                None if state.is_none() => json!({"party": name, "signatory": who, "date": null, "commit": null, "level": null, "status": "sign-off not checked"}),
                None => json!({"party": name, "signatory": who, "date": null, "commit": null, "level": null, "status": "awaiting sign-off", "awaiting": true}),
            }
        })
        .collect()
}

/// A row per controller party: its DPO, and when the review was recorded.
pub fn reviews(snapshot: &Snapshot<'_>, agreement: &Record<Agreement>) -> Vec<Value> {
    let registry = snapshot.registry;
    let state = snapshot.context.history.of(&agreement.id);
    agreement
        .parties
        .iter()
        .filter(|party| party.role != PartyRole::Processor)
        .map(|party| {
            let name = registry.organisation_name_or_id(&party.org);
            let review = state.and_then(|s| s.reviews.iter().find(|r| r.org == party.org));
            let dpo = |officer: &str| registry.officer(&party.org, officer).map_or(officer.to_owned(), |o| o.name.to_string());
            match review {
                Some(review) => json!({"party": name, "dpo": dpo(&review.officer), "date": review.date, "commit": &review.commit[..12], "level": review.level.label(), "status": "reviewed"}),
                None => {
                    let dpos: Vec<&str> = registry.organisation(&party.org).map(|o| o.officers.iter().filter(|officer| officer.has_role(OfficerRole::Dpo)).map(|officer| officer.name.as_str()).collect()).unwrap_or_default();
                    let status = if state.is_none() { "review not checked" } else { "awaiting review" };
                    json!({"party": name, "dpo": if dpos.is_empty() { "none recorded".to_owned() } else { dpos.join(", ") }, "date": null, "commit": null, "level": null, "status": status})
                }
            }
        })
        .collect()
}

/// One sentence on where an agreement's sign-off stands: when it was
/// completed, or how long it has waited and for how many parties.
pub fn summary(snapshot: &Snapshot<'_>, agreement: &Record<Agreement>) -> Option<String> {
    let state = snapshot.context.history.of(&agreement.id)?;
    if let (SignOff::Complete, Some(date)) = (snapshot.sign_off(agreement), state.signed_off_on) {
        return Some(format!(
            "Every party has signed this version; the last sign-off was made on {date}."
        ));
    }
    let waiting = snapshot.context.awaiting(agreement);
    let first = waiting.first()?;
    let parties = match waiting.len() {
        1 => "1 party".to_owned(),
        n => format!("{n} parties"),
    };
    Some(match (first.since, first.days) {
        (Some(since), Some(days)) => format!(
            "Waiting for {parties} to sign since this version reached the branch on {since}: {}.",
            crate::text::plural(days.max(0) as usize, "day")
        ),
        _ => format!("Waiting for {parties} to sign once this version is committed."),
    })
}
