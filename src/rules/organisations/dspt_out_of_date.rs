//! `dspt-out-of-date`: An organisation's DSPT outcome is for an old cycle.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dspt-out-of-date", Family::Organisations, Level::Warning),
    summary: "An organisation's DSPT outcome is for an old cycle.",
    checks: "That the DSPT outcome is for the cycle in progress or the one before it. Cycles run from 1 July to 30 June, and a cycle's assessment is due by 30 June at its end: on 2026-11-22 the cycle in progress is 2026-27, so 2025-26 or later is current; from 1 July 2027, 2026-27 or later is needed.",
    why: "An assessment more than a year old says little about how data is protected today; the DSPT is an annual return.",
    example: "dspt:\n  status: standards-met\n  year: 2023-24\n  published: 2024-06-28",
    fix: "Record the outcome of the latest published assessment.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::DsptCurrent, out);
}
