//! `review-overdue`: an active agreement is past its review date.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("review-overdue", Family::Agreements, Level::Error),
    summary: "An active agreement is past its review date, or has none.",
    checks: "That every `active` agreement has a `review_due` date and that it is not before today (or `--today`). On the review date itself the agreement is due, not overdue.",
    why: "Reviews keep an agreement true to what is actually shared, by whom and under which law. Paper agreements lapse unseen; this rule makes a lapse visible on every change.",
    example: "status: active\nreview_due: 2026-03-01   # checked on 2026-11-22",
    fix: "Review the agreement with its parties, record what changed, set the next `review_due`, and have the parties sign the new version.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    if !super::in_force(agreement.status) {
        return;
    }
    let message = match agreement.review_due {
        None => format!("\"{}\" is active but has no review date.", agreement.title),
        Some(due) if due < context.today => {
            let days = due.days_until(context.today) as usize;
            format!(
                "\"{}\" was due for review on {due}, {} ago.",
                agreement.title,
                crate::text::plural(days, "day")
            )
        }
        Some(_) => return,
    };
    out.push(
        Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value("/review_due".into()),
            message,
        )
        .with_help("Review the agreement with its parties, then set the next `review_due` date."),
    );
}
