//! `agreement-expired`: an agreement still active after it ended.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("agreement-expired", Family::Agreements, Level::Error),
    summary: "An active agreement is past its expiry date.",
    checks: "That an `active` agreement's `expires` date, if it has one, is not before today (or `--today`). It is in force on the expiry date itself.",
    why: "Sharing under an agreement that has ended has no agreed basis; the parties must renew it or stop.",
    example: "status: active\nexpires: 2026-03-31   # checked on 2026-11-22",
    fix: "Renew the agreement (a new `expires` date, signed by the parties) or set `status: terminated` and stop the flows.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    if !super::in_force(agreement.status) {
        return;
    }
    if let Some(expires) = agreement.expires
        && expires < context.today
    {
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/expires".into()),
                format!("\"{}\" expired on {expires} but is still marked active.", agreement.title),
            )
            .with_help("Renew it with a new `expires` date signed by the parties, or set `status: terminated`."),
        );
    }
}
