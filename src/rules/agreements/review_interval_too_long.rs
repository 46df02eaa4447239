//! `review-interval-too-long`: a review date too far after the start.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "review-interval-too-long",
        Family::Agreements,
        Level::Warning,
    ),
    summary: "An agreement's review date is further from its start than the policy allows.",
    checks: "That `review_due` is no more than `policy.max_review_interval_days` (1096 days, three years, unless changed) after `effective`.",
    why: "Law, systems and people change; the registry's policy sets how long an agreement may go without review.",
    example: "effective: 2025-03-01\nreview_due: 2030-03-01",
    fix: "Set `review_due` no later than the policy allows after `effective`.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let limit = i64::from(context.registry.settings.policy.max_review_interval_days);
    let (Some(effective), Some(due)) = (agreement.effective, agreement.review_due) else {
        return;
    };
    let interval = effective.days_until(due);
    if interval > limit {
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/review_due".into()),
                format!("The review date is {interval} days after the agreement takes effect; the registry allows at most {limit}."),
            )
            .with_help(format!("Set `review_due` on or before {}.", effective.add_days(limit))),
        );
    }
}
