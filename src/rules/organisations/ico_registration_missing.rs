//! `ico-registration-missing`: An organisation records no ICO registration.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "ico-registration-missing",
        Family::Organisations,
        Level::Error,
    ),
    summary: "An organisation records no ICO registration.",
    checks: "That every organisation records its registration with the Information Commissioner's Office (the data protection fee): a number and an expiry date, or `exempt:` with the reason it need not pay.",
    why: "Organisations that process personal data must pay the data protection fee unless exempt (Data Protection (Charges and Information) Regulations 2018). It is the first thing partners check, and one of the three requirements without which an organisation is unassured.",
    example: "id: ribble-valley-medical-practice\nname: Ribble Valley Medical Practice\nkind: gp-practice\n# no ico_registration",
    fix: "Add `ico_registration:` with `number` (for example Z1234567) and `expires` from the ICO register, or `exempt:` with the reason.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::IcoRegistration, out);
}
