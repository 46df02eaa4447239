//! `risk-assessment-missing`: a flow with no risks assessed.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("risk-assessment-missing", Family::Agreements, Level::Error),
    summary: "A flow has no risks recorded.",
    checks: "That every flow lists at least one risk under `risks`, scored for likelihood and impact.",
    why: "MoU principle 4: every data flow is identified, documented and risk-assessed, with the mitigating actions agreed.",
    example: "flows:\n  - id: referral\n    # no risks",
    fix: "Add `risks:` with what could go wrong, its likelihood and impact (1 to 5), the mitigations and the residual score.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        if flow.risks.is_empty() {
            out.push(
                Diagnostic::new(&RULE, agreement.file.as_str(), Location::Value(pointer!("flows", f, "risks")), format!("Flow `{}` has no risk assessment.", flow.id))
                    .with_help("Add `risks:` with each risk's description, likelihood and impact (1 to 5), mitigations and residual score."),
            );
        }
    }
}
