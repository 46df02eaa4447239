//! `flow-to-sender`: a flow lists its sender among its recipients.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("flow-to-sender", Family::Agreements, Level::Warning),
    summary: "A flow lists its sender among its recipients.",
    checks: "That a flow's `from` is not also in its `to`.",
    why: "A flow records data moving from one organisation to others; the register of flows, the documents and the returns would otherwise show an organisation sharing with itself. It is usually a list of all the parties copied into `to`.",
    example: "flows:\n  - id: referral\n    from: lancashire-teaching-hospitals\n    to: [lancashire-teaching-hospitals, lancashire-carers-trust]",
    fix: "Remove the sender from `to`. If the data also goes back the other way, record that as a flow of its own.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        let Some(t) = flow.to.iter().position(|to| *to == flow.from) else {
            continue;
        };
        let sender = context
            .registry
            .organisation(&flow.from)
            .map_or(flow.from.as_str(), |org| org.name.as_str());
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value(pointer!("flows", f, "to", t)),
                format!(
                    "Flow `{}` lists its sender, {sender}, among its recipients.",
                    flow.id
                ),
            )
            .with_help(format!(
                "Remove `{}` from `to`. If the data also goes back the other way, record that as a flow of its own.",
                flow.from
            )),
        );
    }
}
