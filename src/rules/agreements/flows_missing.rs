//! `flows-missing`: an active operational agreement that states no data
//! flows.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("flows-missing", Family::Agreements, Level::Error),
    summary: "An active operational agreement (tier 3) states no data flows.",
    checks: "That an `active` tier 3 agreement lists at least one flow under `flows`. Protocols and purpose-level agreements (tiers 1 and 2) may set common rules without flows of their own, and a draft may still be being written.",
    why: "A tier 3 agreement is the operational agreement that states exactly what is shared, by whom and how (MoU principle 4: every data flow is identified and documented). In force with no flows, its parties have signed off sharing nothing, while the sharing it was written for goes unrecorded in the data-flow map and the record of processing.",
    example: "tier: 3\nstatus: active\nflows: []",
    fix: "List each flow of data the agreement covers under `flows` (`isg new flow` asks for one). If the agreement only sets common rules, make it tier 2 or 1.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    if agreement.tier != 3 || !super::in_force(agreement.status) || !agreement.flows.is_empty() {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value("/flows".into()),
            format!(
                "\"{}\" is an active operational agreement (tier 3) but states no data flows.",
                agreement.title
            ),
        )
        .with_help("List each flow of data it covers under `flows` (`isg new flow` asks for one). If it only sets common rules, make it tier 2 or 1."),
    );
}
