//! `parent-not-in-force`: an active agreement under a parent that is not.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::{Agreement, AgreementStatus};
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("parent-not-in-force", Family::Agreements, Level::Error),
    summary: "An active agreement sits under a parent agreement that is not active.",
    checks: "That the `parent` of an `active` agreement is itself `active`: not a draft, suspended or terminated. A parent that is no agreement in the registry is reported by `unknown-reference` alone.",
    why: "A tier 2 or 3 agreement relies on the commitments of the protocol or agreement above it (the MoU's tiers). When the parent is suspended or terminated, or not yet agreed, those commitments do not hold, and neither does the sharing that rests on them.",
    example: "# the parent, protocol.yaml:\nstatus: terminated\n# this agreement:\nstatus: active\nparent: protocol",
    fix: "Bring the parent agreement into force (or back into force) first, or suspend this agreement until it is; or move it under a parent that is active.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    if !super::in_force(agreement.status) {
        return;
    }
    let Some(parent) = agreement
        .parent
        .as_deref()
        .and_then(|id| context.registry.agreement(id))
    else {
        return;
    };
    if super::in_force(parent.status) {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value("/parent".into()),
            format!(
                "\"{}\" is active, but its parent \"{}\" is {}.",
                agreement.title,
                parent.title,
                match parent.status {
                    AgreementStatus::Draft => "still a draft",
                    other => other.label(),
                }
            ),
        )
        .with_help(format!(
            "Bring \"{}\" into force first ({}), or suspend this agreement until it is.",
            parent.title, parent.file
        )),
    );
}
