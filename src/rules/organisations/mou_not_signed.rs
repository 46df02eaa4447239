//! `mou-not-signed`: An organisation has not signed the current version of the MoU.

use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, Context, Family, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    name: "mou-not-signed",
    level: Level::Error,
    family: Family::Organisations,
    summary: "An organisation has not signed the current version of the MoU.",
    checks: "That an organisation's `mou.version` equals the `version` in mou.yaml.",
    why: "The MoU is the Tier 1 promise every member makes; when it changes, members sign the new version before the registry treats them as assured.",
    example: "mou:\n  version: 2        # mou.yaml is at version 3\n  signed: 2023-05-01\n  signed_by: jane-smith",
    fix: "Have the organisation's accountable officer sign the current version, then record `version`, `signed` and `signed_by`.",
    check: Check::Registry(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, out);
}
