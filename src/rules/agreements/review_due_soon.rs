//! `review-due-soon`: an active agreement's review is coming up.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("review-due-soon", Family::Agreements, Level::Warning),
    summary: "An active agreement's review date falls within the warning window.",
    checks: "Active agreements whose `review_due` is from today up to `policy.review_warning_days` ahead (60 days unless changed), both ends included.",
    why: "A review with several partners takes weeks to arrange; a warning ahead of the date gives time to do it before the agreement lapses.",
    example: "status: active\nreview_due: 2026-12-15   # checked on 2026-11-22",
    fix: "Arrange the review with the parties. The warning goes once the review is done and `review_due` moves on.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let window = i64::from(context.registry.settings.policy.review_warning_days);
    if !super::in_force(agreement.status) {
        return;
    }
    let Some(due) = agreement.review_due else {
        return;
    };
    let days = context.today.days_until(due);
    if (0..=window).contains(&days) {
        let when = if days == 0 {
            "today".to_owned()
        } else {
            format!("in {days} days")
        };
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/review_due".into()),
                format!("\"{}\" is due for review {when} ({due}).", agreement.title),
            )
            .with_help("Arrange the review with the parties before the date."),
        );
    }
}
