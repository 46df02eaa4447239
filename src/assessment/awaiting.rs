//! Who an agreement's current version is waiting for, and since when: the
//! chase list of `isg status`, the site and `registry.json`.

use super::Assessment;
use crate::date::Date;
use crate::model::{Agreement, AgreementStatus};
use crate::registry::Record;
use serde::Serialize;

/// A party whose signatory has still to sign an agreement's current
/// version (or whose sign-off the `verified` policy does not accept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Awaiting {
    /// The party's organisation id and name.
    pub org: String,
    pub organisation: String,
    /// The officer asked to sign.
    pub officer: String,
    /// The officer's name, role and email, as the organisation's file
    /// gives them.
    pub name: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    /// The day this version reached the branch; `null` when it is not yet
    /// committed.
    pub since: Option<Date>,
    /// Days waiting since then, as of the day judged.
    pub days: Option<i64>,
}

/// Longest waiting first; a version not yet committed last.
pub fn longest_first(a: &Awaiting, b: &Awaiting) -> std::cmp::Ordering {
    b.days.unwrap_or(i64::MIN).cmp(&a.days.unwrap_or(i64::MIN))
}

/// Whether an agreement's sign-off is being asked for: it is in force, or
/// a draft going round for signature.
pub fn is_chased(agreement: &Agreement) -> bool {
    matches!(
        agreement.status,
        AgreementStatus::Active | AgreementStatus::Draft
    )
}

impl Assessment<'_> {
    /// The parties an agreement's current version is waiting for, in the
    /// order of its parties; empty when it is signed, not chased, or the
    /// history was not read.
    pub fn awaiting(&self, agreement: &Record<Agreement>) -> Vec<Awaiting> {
        let Some(state) = self.history.of(&agreement.id) else {
            return Vec::new();
        };
        if !is_chased(agreement) {
            return Vec::new();
        }
        let unverified = state.unverified.iter().map(|(sign_off, _)| &sign_off.org);
        let waiting: Vec<&String> = state.missing.iter().chain(unverified).collect();
        agreement
            .parties
            .iter()
            .filter(|party| waiting.iter().any(|org| **org == party.org.as_str()))
            .filter_map(|party| {
                let officer_id = party.signatory.as_deref()?;
                let officer = self.registry.officer(&party.org, officer_id);
                Some(Awaiting {
                    org: party.org.to_string(),
                    organisation: self
                        .registry
                        .organisation(&party.org)
                        .map_or_else(|| party.org.to_string(), |o| o.name.to_string()),
                    officer: officer_id.to_owned(),
                    name: officer.map(|o| o.name.to_string()),
                    role: officer.and_then(|o| {
                        let signing = o.roles.iter().find(|role| role.may_sign());
                        signing
                            .or(o.roles.first())
                            .map(|role| role.label().to_owned())
                    }),
                    email: officer
                        .and_then(|o| o.email.as_ref())
                        .map(|e| e.to_string()),
                    since: state.since,
                    days: state.since.map(|since| since.days_until(self.today)),
                })
            })
            .collect()
    }
}
