//! `onward-sharing-without-permission`: data passed on against its originator's terms.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::model::{OfficerRole, OnwardSharing};
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "onward-sharing-without-permission",
        Family::Agreements,
        Level::Error,
    ),
    summary: "A flow passes on data received in another flow without its originator's permission.",
    checks: "For a flow whose `source` names the flow its data came from: that the source flow does not prohibit onward sharing, and that, unless the source flow says `onward_sharing: permitted`, the flow records `originator_permission` from the source flow's sender, given by an officer of that organisation who is its DPO. A source flow that does not say is treated as needing permission.",
    why: "MoU principle 10: no onward sharing without the explicit permission of the originating organisation's Data Protection Officer.",
    example: "flows:\n  - id: pass-on\n    source: safeguarding-children-lancashire/police-protection-notifications\n    # no originator_permission",
    fix: "Ask the originating organisation's DPO for permission and record it under `originator_permission` (`by`, `organisation`, `date`); if the source flow prohibits onward sharing, the source agreement must change first.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    for (f, flow) in agreement.flows.iter().enumerate() {
        let Some((source_agreement, source_flow)) =
            flow.source.as_deref().and_then(|s| s.split_once('/'))
        else {
            continue;
        };
        let Some(source) = registry
            .agreement(source_agreement)
            .and_then(|a| a.flow(source_flow))
        else {
            continue;
        };
        let originator = registry
            .organisation(&source.from)
            .map_or(source.from.as_str(), |o| o.name.as_str());
        let problem = match source
            .onward_sharing
            .unwrap_or(OnwardSharing::WithPermission)
        {
            OnwardSharing::Permitted => None,
            OnwardSharing::Prohibited => Some((
                "source",
                format!(
                    "Flow `{}` passes on data from `{}`, which prohibits onward sharing.",
                    flow.id,
                    flow.source.as_deref().unwrap_or_default()
                ),
            )),
            OnwardSharing::WithPermission => match &flow.originator_permission {
                None => Some((
                    "source",
                    format!(
                        "Flow `{}` passes on data that came from {originator}, with no record of {originator}'s permission.",
                        flow.id
                    ),
                )),
                Some(permission) if permission.organisation != source.from => Some((
                    "originator_permission",
                    format!(
                        "Flow `{}` records permission from `{}`, but the data came from {originator}.",
                        flow.id, permission.organisation
                    ),
                )),
                Some(permission) => {
                    match registry.officer(&permission.organisation, &permission.by) {
                        Some(officer) if !officer.has_role(OfficerRole::Dpo) => Some((
                            "originator_permission",
                            format!(
                                "Flow `{}` records permission from {}, who is not {originator}'s Data Protection Officer.",
                                flow.id, officer.name
                            ),
                        )),
                        _ => None, // a DPO, or an unknown officer (unknown-reference reports it)
                    }
                }
            },
        };
        if let Some((field, message)) = problem {
            out.push(
                Diagnostic::new(&RULE, agreement.file.as_str(), Location::Value(pointer!("flows", f, field)), message)
                    .with_help("Record the originating organisation's DPO's permission under `originator_permission` (`by`, `organisation`, `date`), or stop passing the data on."),
            );
        }
    }
}
