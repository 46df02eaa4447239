//! The rules: one table of every rule with its default level and docs, and
//! the checks that read the loaded registry.
//!
//! Each rule lives in its own file with its documentation in fixed sections
//! (what it checks, why, an example, how to fix it); `isg explain` prints
//! them and `docs/rules.md` is generated from them. Rules found while
//! reading files (`yaml-syntax`, `schema`, ...) are reported by the loader;
//! the rest run here over the whole registry.

pub mod agreements;
pub mod files;
pub mod history;
pub mod organisations;
pub mod precedence;

use crate::assessment::Assessment;
use crate::code::Code;
pub use crate::code::Family;
use crate::diagnostic::Diagnostic;
use crate::model::{Agreement, Organisation};
use crate::registry::Record;
use crate::text::suggest::did_you_mean;
use rayon::prelude::*;

/// Whether `officer` most likely names an officer of `org` whose own id is
/// written wrongly (not an id, which `schema` reports in the
/// organisation's file). The reference is then right, and saying it leads
/// nowhere would repeat that finding in every file that names the officer,
/// and send their authors to change what needs no change.
/// Whether `reference` is written as words (`Fiona Doyle`) and, written as
/// an id (`fiona-doyle`), names something that `exists`. `schema` reports
/// it with the id written properly, so the rules take it to mean that and
/// say nothing more: a second finding would only repeat the advice.
pub(crate) fn written_as_words_for(reference: &str, exists: impl Fn(&str) -> bool) -> bool {
    !crate::schema::is_id(reference)
        && crate::schema::as_id(reference).is_some_and(|id| exists(&id))
}

/// A finding that an officer is not listed, when the organisation lists
/// none: it holds only because the organisation's `officers` is absent, so
/// it goes when that field is reported misspelt (`officer:`), as the same
/// mistake ([`crate::diagnostic::Absence`]).
pub(crate) fn officers_absent(
    org: &crate::registry::Record<Organisation>,
    finding: Diagnostic,
) -> Diagnostic {
    if org.officers.is_empty() {
        finding.because_absent(org.file.as_str(), "/officers")
    } else {
        finding
    }
}

pub(crate) fn officer_id_written_wrongly(org: &Organisation, officer: &str) -> bool {
    did_you_mean(officer, org.officers.iter().map(|o| o.id.as_str()))
        .is_some_and(|closest| !crate::schema::is_id(closest))
}

/// How a rule is checked.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// By the loader, while it reads files.
    Loader,
    /// Over the whole registry at once.
    Registry(RegistryCheck),
    /// One agreement at a time (looking up whatever else it names). Every
    /// such rule checks an agreement before the next is taken, so the
    /// agreement is read from memory once rather than once per rule.
    EachAgreement(AgreementCheck),
    /// Both: part over the whole registry, part one agreement at a time.
    RegistryAndEachAgreement(RegistryCheck, AgreementCheck),
}

pub type RegistryCheck = fn(&Assessment<'_>, &mut Vec<Diagnostic>);
pub type AgreementCheck = fn(&Assessment<'_>, &Record<Agreement>, &mut Vec<Diagnostic>);

impl Check {
    /// The part of the check over the whole registry.
    fn over_registry(self) -> Option<RegistryCheck> {
        match self {
            Check::Registry(check) | Check::RegistryAndEachAgreement(check, _) => Some(check),
            Check::Loader | Check::EachAgreement(_) => None,
        }
    }

    /// The part of the check over each agreement.
    fn over_each_agreement(self) -> Option<AgreementCheck> {
        match self {
            Check::EachAgreement(check) | Check::RegistryAndEachAgreement(_, check) => Some(check),
            Check::Loader | Check::Registry(_) => None,
        }
    }
}

/// A rule: its code, its documentation and how it is checked.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: Code,
    /// One line, for lists and SARIF.
    pub summary: &'static str,
    /// What it checks, in full.
    pub checks: &'static str,
    /// Why it matters: the law, MoU principle or practice behind it.
    pub why: &'static str,
    /// A YAML fragment that triggers the rule.
    pub example: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// How it is checked.
    pub check: Check,
}

impl From<&RuleInfo> for Code {
    fn from(rule: &RuleInfo) -> Code {
        rule.code
    }
}

impl PartialEq for RuleInfo {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl Eq for RuleInfo {}

/// Every rule, in the order `isg explain` lists them.
pub static RULES: &[&RuleInfo] = &[
    &files::yaml_syntax::RULE,
    &files::duplicate_key::RULE,
    &files::yaml_alias::RULE,
    &files::comment_in_value::RULE,
    &files::hidden_characters::RULE,
    &files::schema::RULE,
    &files::id_mismatch::RULE,
    &files::duplicate_id::RULE,
    &files::unknown_reference::RULE,
    &files::file_unreadable::RULE,
    &files::registry_layout::RULE,
    &organisations::ico_registration_missing::RULE,
    &organisations::ico_registration_expired::RULE,
    &organisations::dspt_below_standard::RULE,
    &organisations::dspt_out_of_date::RULE,
    &organisations::accountable_officer_missing::RULE,
    &organisations::dpo_missing::RULE,
    &organisations::dpo_conflict::RULE,
    &organisations::public_authority_by_law::RULE,
    &organisations::breach_contact_missing::RULE,
    &organisations::training_attestation_stale::RULE,
    &organisations::training_below_target::RULE,
    &organisations::mou_not_signed::RULE,
    &organisations::certificate_expired::RULE,
    &organisations::assurance_expiring::RULE,
    &organisations::sponsor_invalid::RULE,
    &organisations::date_in_future::RULE,
    &agreements::lead_not_party::RULE,
    &agreements::controller_missing::RULE,
    &agreements::signatory_invalid::RULE,
    &agreements::party_assurance_lapsed::RULE,
    &agreements::flow_party_missing::RULE,
    &agreements::flow_to_sender::RULE,
    &agreements::tier_hierarchy::RULE,
    &agreements::parent_not_in_force::RULE,
    &agreements::review_overdue::RULE,
    &agreements::review_due_soon::RULE,
    &agreements::review_interval_too_long::RULE,
    &agreements::agreement_expired::RULE,
    &agreements::dates_out_of_order::RULE,
    &agreements::lawful_basis_missing::RULE,
    &agreements::special_category_without_condition::RULE,
    &agreements::schedule1_condition_missing::RULE,
    &agreements::criminal_offence_without_condition::RULE,
    &agreements::legitimate_interests_public_authority::RULE,
    &agreements::consent_for_direct_care::RULE,
    &agreements::common_law_basis_missing::RULE,
    &agreements::dpia_missing::RULE,
    &agreements::dpia_after_start::RULE,
    &agreements::privacy_notice_missing::RULE,
    &agreements::retention_missing::RULE,
    &agreements::flows_missing::RULE,
    &agreements::risk_assessment_missing::RULE,
    &agreements::risk_unmitigated::RULE,
    &agreements::residual_risk_too_high::RULE,
    &agreements::residual_above_inherent::RULE,
    &agreements::insecure_transfer::RULE,
    &agreements::data_minimisation::RULE,
    &agreements::anonymised_with_identifiers::RULE,
    &agreements::international_transfer_without_safeguard::RULE,
    &agreements::onward_sharing_without_permission::RULE,
    &agreements::processor_without_contract::RULE,
    &history::signoff_missing::RULE,
    &history::signoff_unverified::RULE,
    &history::dpo_review_missing::RULE,
    &history::signoff_by_non_signatory::RULE,
    &history::shallow_history::RULE,
    &history::history_unreadable::RULE,
    &history::history_unavailable::RULE,
];

/// Looks a rule up by name.
pub fn find(name: &str) -> Option<&'static RuleInfo> {
    RULES.iter().copied().find(|rule| rule.code.name == name)
}

/// Runs every check over the loaded registry. The checks only read the
/// registry, so they run in parallel: the registry-wide checks side by side,
/// and the agreement checks over the agreements in parallel; findings are
/// sorted when they are reported.
pub fn run(context: &Assessment<'_>) -> Vec<Diagnostic> {
    let registry_checks: Vec<_> = RULES
        .iter()
        .filter_map(|rule| rule.check.over_registry())
        .collect();
    let agreement_checks: Vec<_> = RULES
        .iter()
        .filter_map(|rule| rule.check.over_each_agreement())
        .collect();
    let (mut diagnostics, by_agreement) = rayon::join(
        || -> Vec<Diagnostic> {
            registry_checks
                .par_iter()
                .flat_map_iter(|check| {
                    let mut diagnostics = Vec::new();
                    check(context, &mut diagnostics);
                    diagnostics
                })
                .collect()
        },
        || -> Vec<Diagnostic> {
            context
                .registry
                .agreements
                .par_iter()
                .fold(Vec::new, |mut diagnostics, agreement| {
                    for check in &agreement_checks {
                        check(context, agreement, &mut diagnostics);
                    }
                    diagnostics
                })
                .flatten_iter()
                .collect()
        },
    );
    diagnostics.extend(by_agreement);
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut names: Vec<&str> = RULES.iter().map(|rule| rule.code.name).collect();
        assert!(names.iter().all(|name| {
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn settings_schema_lists_every_rule() {
        let schema = crate::schema::schema(crate::schema::RecordKind::Settings);
        let listed = schema
            .pointer("/properties/rules/properties")
            .and_then(|v| v.as_object())
            .expect("rules in schema");
        let mut in_schema: Vec<&str> = listed.keys().map(String::as_str).collect();
        let mut in_table: Vec<&str> = RULES.iter().map(|rule| rule.code.name).collect();
        in_schema.sort();
        in_table.sort();
        assert_eq!(
            in_schema, in_table,
            "schemas/settings.schema.json `rules` must list exactly the rules in RULES"
        );
        for rule in RULES {
            let description = listed[rule.code.name]["description"]
                .as_str()
                .unwrap_or_default();
            assert_eq!(
                description, rule.summary,
                "description of {} in settings.schema.json should be its summary",
                rule.code.name
            );
        }
    }
}
