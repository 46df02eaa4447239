//! `dpia-after-start`: the DPIA was completed after the agreement took
//! effect.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dpia-after-start", Family::Agreements, Level::Warning),
    summary: "The DPIA was completed after the agreement took effect.",
    checks: "That `dpia.completed`, where given, is on or before the agreement's `effective` date. A DPIA completed on the day the agreement takes effect is in time. A completion date after today is left to `date-in-future` while that rule is on.",
    why: "UK GDPR Article 35(1): the impact assessment is carried out before the processing starts, so that what it finds shapes the sharing. Completed afterwards, the sharing ran without it; when an agreement records sharing that began before it was written, this says so plainly for the record.",
    example: "dpia:\n  reference: DPIA-2025-014\n  completed: 2025-06-01\neffective: 2025-03-01",
    fix: "If the date is mistyped, correct it. If the DPIA really came after the sharing began, review the sharing against what the DPIA found, and record any change the parties agreed.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let (Some(effective), Some(completed)) = (
        agreement.effective,
        agreement.dpia.as_ref().and_then(|dpia| dpia.completed),
    ) else {
        return;
    };
    if completed <= effective {
        return;
    }
    let days = effective.days_until(completed) as usize;
    out.push(
        Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value("/dpia/completed".into()),
            format!(
                "The DPIA was completed on {completed}, {} after \"{}\" took effect on {effective}.",
                crate::text::plural(days, "day"),
                agreement.title
            ),
        )
        .with_help("A DPIA is carried out before the sharing starts (UK GDPR Article 35(1)). If the date is mistyped, correct it; if not, review the sharing against what the DPIA found."),
    );
}
