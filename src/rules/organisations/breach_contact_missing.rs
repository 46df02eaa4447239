//! `breach-contact-missing`: An organisation gives no breach-reporting contact.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "breach-contact-missing",
        Family::Organisations,
        Level::Error,
    ),
    summary: "An organisation gives no breach-reporting contact.",
    checks: "That each organisation gives `contacts.breach`: the email address partners use to report a breach.",
    why: "MoU principle 6: members tell partners promptly of any breach, vulnerability or threat, which needs a known place to send it, day or night.",
    example: "contacts:\n  requests: foi@example.org   # no breach contact",
    fix: "Add `breach:` under `contacts` with a monitored email address.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::BreachContact, out);
}
