//! `breach-contact-missing`: An organisation gives no breach-reporting contact.

use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, Context, Family, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    name: "breach-contact-missing",
    level: Level::Error,
    family: Family::Organisations,
    summary: "An organisation gives no breach-reporting contact.",
    checks: "That each organisation gives `contacts.breach`: the email address partners use to report a breach.",
    why: "MoU principle 6: members tell partners promptly of any breach, vulnerability or threat, which needs a known place to send it, day or night.",
    example: "contacts:\n  requests: foi@example.org   # no breach contact",
    fix: "Add `breach:` under `contacts` with a monitored email address.",
    check: Check::Registry(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, out);
}
