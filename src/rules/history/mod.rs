//! Rules about sign-off, read from git history: who signed which version
//! of each agreement, and how well that is proven.

pub mod dpo_review_missing;
pub mod history_unavailable;
pub mod history_unreadable;
pub mod shallow_history;
pub mod signoff_by_non_signatory;
pub mod signoff_missing;
pub mod signoff_unverified;

/// Registry-wide findings (about the repository, not one record) are
/// anchored on the settings file.
pub(crate) const REGISTRY_FILE: &str = crate::source::layout::SETTINGS_FILE;

/// Where a finding about an agreement's sign-off points: its `status`,
/// where it was found when loading (or by pointer, for a record built
/// otherwise).
pub(crate) fn at_status(agreement: &crate::model::Agreement) -> crate::diagnostic::Location {
    match agreement.status_span {
        Some(span) => crate::diagnostic::Location::Span(span),
        None => crate::diagnostic::Location::Value("/status".into()),
    }
}

/// The first characters of a commit id, as people quote them.
pub(crate) fn short(commit: &str) -> &str {
    &commit[..commit.len().min(10)]
}
