//! `dpo-conflict`: the Data Protection Officer also holds a role that
//! decides how data is used.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::OfficerRole;
use crate::pointer;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dpo-conflict", Family::Organisations, Level::Warning),
    summary: "The Data Protection Officer is also the SIRO or a senior officer who signs agreements.",
    checks: "That no officer with the `dpo` role also has `siro` or `senior-officer`.",
    why: "UK GDPR Article 38(6): the DPO's other tasks must not create a conflict of interests, and the ICO's guidance is that a DPO cannot hold a position that decides the purposes and means of processing. The SIRO owns information risk and a senior officer signs agreements on the organisation's behalf: both decide, and the DPO advises on and monitors those decisions.",
    example: "officers:\n  - id: ann-lee\n    roles: [dpo, siro]",
    fix: "Give the SIRO or signing role to another officer. If the organisation has decided the roles can be combined without conflict, record that decision and turn the rule to `note` or `off` in isg.yaml.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    for org in &context.registry.organisations {
        for (i, officer) in org.officers.iter().enumerate() {
            if !officer.has_role(OfficerRole::Dpo) {
                continue;
            }
            let Some(other) = [OfficerRole::Siro, OfficerRole::SeniorOfficer]
                .into_iter()
                .find(|role| officer.has_role(*role))
            else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    org.file.as_str(),
                    Location::Value(pointer!("officers", i, "roles")),
                    format!(
                        "{} is {}'s Data Protection Officer and also its {}, a role that decides how data is used.",
                        officer.name,
                        org.name,
                        other.label()
                    ),
                )
                .with_help("A DPO advises on and monitors decisions about data, so should not also make them (UK GDPR Article 38(6)). Give that role to another officer, or record why the roles can be combined and turn this rule down in isg.yaml."),
            );
        }
    }
}
