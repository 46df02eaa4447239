//! `special-category-without-condition`: special category data with no Article 9 condition.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "special-category-without-condition",
        Family::Agreements,
        Level::Error,
    ),
    summary: "An agreement shares special category data but states no Article 9 condition.",
    checks: "That an agreement with any personal-data flow of special category data (health, genetic, biometric, racial or ethnic origin, political opinions, religious or philosophical beliefs, trade union membership, sex life, sexual orientation) lists at least one letter under `lawful_basis.article9`.",
    why: "UK GDPR Article 9: special category data may be processed only if one of the conditions in Article 9(2) applies, in addition to an Article 6 basis.",
    example: "flows:\n  - categories: [identifiers, health]\nlawful_basis:\n  article6: [e]   # no article9",
    fix: "Add `article9:` under `lawful_basis` with the condition relied on, for example `[h]` for health or social care.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    super::report_missing_condition(agreement, out, &RULE, &CONDITION);
}

static CONDITION: super::Condition = super::Condition {
    field: "article9",
    stated: |basis| !basis.article9.is_empty(),
    needs: super::has_special_category,
    message: |flow| {
        let categories: Vec<&str> = flow
            .categories
            .iter()
            .filter(|c| c.is_special())
            .map(|c| c.label())
            .collect();
        format!(
            "Flow `{}` shares special category data ({}) but the agreement states no UK GDPR Article 9 condition.",
            flow.id,
            categories.join(", ")
        )
    },
    help: "Add `article9:` under `lawful_basis`, for example `[h]` for health or social care, `[g]` with a Schedule 1 condition for substantial public interest.",
};
