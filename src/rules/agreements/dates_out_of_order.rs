//! `dates-out-of-order`: an agreement's review or expiry date is not after
//! the date it takes effect.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dates-out-of-order", Family::Agreements, Level::Error),
    summary: "An agreement's review or expiry date is on or before the date it takes effect.",
    checks: "That an agreement's `review_due` and `expires`, where given, are after its `effective` date, whatever its status. While this rule is on, `review-overdue`, `review-due-soon` and `agreement-expired` say nothing about a date it reports: one of the dates is mistyped, and which one is for the parties to say.",
    why: "An agreement is reviewed and ends after it starts. Dates the other way round are a mistyped year, and the review calendar, the returns and every rule about reviews and expiry would be worked out from it.",
    example: "effective: 2025-03-01\nreview_due: 2024-03-01",
    fix: "Correct whichever date is mistyped: `effective`, `review_due` or `expires`.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let Some(effective) = agreement.effective else {
        return;
    };
    let dates = [
        ("review_due", agreement.review_due, "is to be reviewed"),
        ("expires", agreement.expires, "expires"),
    ];
    for (field, date, what) in dates {
        let Some(date) = date.filter(|date| *date <= effective) else {
            continue;
        };
        let when = if date == effective {
            "on the day it takes effect".to_owned()
        } else {
            format!("before it takes effect on {effective}")
        };
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value(format!("/{field}")),
                format!("\"{}\" {what} on {date}, {when}.", agreement.title),
            )
            .with_help(format!(
                "Correct whichever date is mistyped: `{field}` comes after `effective`."
            )),
        );
    }
}
