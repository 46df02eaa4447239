//! `accountable-officer-missing`: An organisation names no Caldicott Guardian or SIRO.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "accountable-officer-missing",
        Family::Organisations,
        Level::Error,
    ),
    summary: "An organisation names no Caldicott Guardian or SIRO.",
    checks: "That each organisation lists, under `officers`, at least one person with the role `caldicott-guardian` or `siro`.",
    why: "MoU principle 2: every member appoints an accountable officer who answers for the protection of personal information. Without one, nobody can accept risks or sign agreements with authority.",
    example: "officers:\n  - {id: ann-lee, name: Ann Lee, roles: [ig-lead], email: ann.lee@example.org}",
    fix: "Add the accountable officer under `officers` with `roles: [caldicott-guardian]` or `roles: [siro]`.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::AccountableOfficer, out);
}
