//! `ico-registration-expired`: An organisation's ICO registration has expired.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "ico-registration-expired",
        Family::Organisations,
        Level::Error,
    ),
    summary: "An organisation's ICO registration has expired.",
    checks: "That an organisation's ICO registration `expires` date is not before today (or `--today`). The registration is valid on its expiry date itself.",
    why: "The fee is renewed every year; processing personal data without a current registration breaks the law, and the organisation is unassured until it is renewed.",
    example: "ico_registration:\n  number: Z1234567\n  expires: 2025-03-31   # before today",
    fix: "Renew the data protection fee with the ICO and record the new expiry date.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::IcoRegistrationCurrent, out);
}
