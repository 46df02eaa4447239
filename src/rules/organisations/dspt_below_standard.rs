//! `dspt-below-standard`: An organisation's DSPT outcome is below the registry's minimum, or missing.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dspt-below-standard", Family::Organisations, Level::Error),
    summary: "An organisation's DSPT outcome is below the registry's minimum, or missing.",
    checks: "That an organisation's Data Security and Protection Toolkit outcome is at or above the registry's `policy.dspt_minimum` (standards-met unless changed). Standards Exceeded is above Standards Met, then Approaching Standards, then Standards Not Met; `not-published` and a missing `dspt` fail; `not-applicable` passes (for bodies that do not handle NHS patient data).",
    why: "MoU principle 1: where the DSPT applies, members meet at least Standards Met. Partners rely on it as evidence that data they share is protected.",
    example: "dspt:\n  status: approaching-standards\n  year: 2025-26\n  published: 2026-06-27",
    fix: "Agree an improvement plan with partners, and record the new outcome once the organisation publishes it.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::DsptStandard, out);
}
