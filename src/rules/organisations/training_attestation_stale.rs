//! `training-attestation-stale`: An organisation's staff training attestation is missing or over a year old.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "training-attestation-stale",
        Family::Organisations,
        Level::Warning,
    ),
    summary: "An organisation's staff training attestation is missing or over a year old.",
    checks: "That `training.attested` is within 365 days of today (or `--today`): on the 365th day it still counts, on the 366th it does not.",
    why: "MoU principle 5 and the DSPT: staff are trained in data protection every year (the DSPT expects 95% of staff).",
    example: "training:\n  attested: 2025-04-01",
    fix: "Record the date of this year's staff training return under `training.attested`.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::Training, out);
}
