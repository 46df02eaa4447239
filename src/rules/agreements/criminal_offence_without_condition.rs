//! `criminal-offence-without-condition`: criminal offence data with no Article 10 condition.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "criminal-offence-without-condition",
        Family::Agreements,
        Level::Error,
    ),
    summary: "An agreement shares criminal offence data but states no condition for it.",
    checks: "That an agreement with any personal-data flow in the `criminal-offence` category lists a Schedule 1 condition or `official-authority` under `lawful_basis.article10`.",
    why: "UK GDPR Article 10 and DPA 2018 section 10(5): criminal offence data may be processed only under official authority or a Schedule 1 condition.",
    example: "flows:\n  - categories: [identifiers, criminal-offence]\n# no article10",
    fix: "Add `article10:` under `lawful_basis` with the condition relied on, for example `[part2-para18]` or `[official-authority]`.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    super::report_missing_condition(agreement, out, &RULE, &CONDITION);
}

static CONDITION: super::Condition = super::Condition {
    field: "article10",
    stated: |basis| !basis.article10.is_empty(),
    needs: super::has_criminal_offence,
    message: |flow| {
        format!(
            "Flow `{}` shares criminal offence data but the agreement states no Article 10 condition.",
            flow.id
        )
    },
    help: "Add `article10:` under `lawful_basis` with a Schedule 1 condition (such as `part2-para18`) or `official-authority`.",
};
