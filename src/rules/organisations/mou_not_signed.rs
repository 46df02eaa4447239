//! `mou-not-signed`: An organisation has not signed the current version of the MoU.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("mou-not-signed", Family::Organisations, Level::Error),
    summary: "An organisation has not signed the current version of the MoU.",
    checks: "That an organisation's `mou.version` is the version of the MoU in force: the `version` in mou.yaml from its `effective` date, and until that date the version before it, so that a new version can be published ahead of time and signed before it applies (`assurance-expiring` notes the old signatures in the warning window).",
    why: "The MoU is the Tier 1 promise every member makes; when it changes, members sign the new version before the registry treats them as assured.",
    example: "mou:\n  version: 2        # mou.yaml is at version 3\n  signed: 2023-05-01\n  signed_by: jane-smith",
    fix: "Have the organisation's accountable officer sign the current version, then record `version`, `signed` and `signed_by`.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::MouSigned, out);
}
