//! `dpo-missing`: A public authority names no Data Protection Officer.

use crate::assessment::Assessment;
use crate::assessment::assurance::Requirement;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dpo-missing", Family::Organisations, Level::Error),
    summary: "A public authority names no Data Protection Officer.",
    checks: "That an organisation that is a public authority (by its `kind`, or `public_authority: true`) lists an officer with the role `dpo`.",
    why: "UK GDPR Article 37 requires public authorities to designate a DPO; MoU principles 9 and 10 route requests and onward-sharing permissions through the originating organisation's DPO.",
    example: "kind: local-authority\nofficers:\n  - {id: amir-khan, name: Amir Khan, roles: [siro], email: amir.khan@example.org}",
    fix: "Add the DPO under `officers` with `roles: [dpo]`. A body that is not a public authority, of a kind that need not be one (a school, a company), can say `public_authority: false`.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    super::report_reasons(context, &RULE, Requirement::Dpo, out);
}
