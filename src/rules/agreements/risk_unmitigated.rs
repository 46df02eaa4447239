//! `risk-unmitigated`: a high risk with nothing done about it.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("risk-unmitigated", Family::Agreements, Level::Error),
    summary: "A risk scoring 8 or more before mitigation has no mitigations.",
    checks: "That every risk whose inherent score (likelihood x impact) is 8 or more, high or extreme on the NHS 5x5 matrix, lists at least one mitigation that is not a placeholder (`TBC`, `none`, `pending`). A risk scored off the 1 to 5 scale is reported by `schema` alone.",
    why: "MoU principle 4: risks are assessed with mitigating actions defined and agreed. A high risk accepted with no action is not managed.",
    example: "risks:\n  - id: misdirection\n    description: Data reaches the wrong team.\n    likelihood: 3\n    impact: 4\n    # no mitigations",
    fix: "Add `mitigations:` with what is done to reduce the risk, and score the `residual` risk after them.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        for (r, risk) in flow.risks.iter().enumerate() {
            if !super::scored_on_the_scale(risk) {
                continue;
            }
            let score = super::inherent_score(risk);
            if score < 8
                || !risk
                    .mitigations
                    .iter()
                    .all(|mitigation| super::names_nothing(mitigation))
            {
                continue;
            }
            let scored = format!(
                "Risk `{}` of flow `{}` scores {score} ({})",
                risk.id,
                flow.id,
                super::band(score)
            );
            let (place, message) = if risk.mitigations.is_empty() {
                ("id", format!("{scored} and has no mitigations."))
            } else {
                let written: Vec<String> = risk
                    .mitigations
                    .iter()
                    .map(|mitigation| format!("`{}`", mitigation.trim()))
                    .collect();
                (
                    "mitigations",
                    format!(
                        "{scored}, and its mitigations ({}) name nothing done about it.",
                        written.join(", ")
                    ),
                )
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value(pointer!("flows", f, "risks", r, place)),
                    message,
                )
                .with_help("Add `mitigations:` with what is done to reduce the risk, and the `residual` score after them."),
            );
        }
    }
}
