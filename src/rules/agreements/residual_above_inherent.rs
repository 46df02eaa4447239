//! `residual-above-inherent`: a risk scores more after mitigation than
//! before it.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "residual-above-inherent",
        Family::Agreements,
        Level::Warning,
    ),
    summary: "A risk scores more after mitigation than before it.",
    checks: "That a risk's `residual` score (likelihood x impact after mitigation), where given, is no higher than its score before mitigation. A risk scored off the 1 to 5 scale is reported by `schema` alone.",
    why: "Mitigations reduce a risk or leave it as it was; they do not raise it. A higher residual score is a slip, often the two scores written the wrong way round, and the risk register, the DSPT return and the SIRO's acceptance are read from these scores.",
    example: "likelihood: 2\nimpact: 3\nmitigations: [NHS number checked]\nresidual: {likelihood: 4, impact: 4}",
    fix: "Correct the scores: `likelihood` and `impact` before mitigation, `residual` after it.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        for (r, risk) in flow.risks.iter().enumerate() {
            if risk.residual.is_none() || !super::scored_on_the_scale(risk) {
                continue;
            }
            let (before, after) = (super::inherent_score(risk), super::residual_score(risk));
            if after <= before {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value(pointer!("flows", f, "risks", r, "residual")),
                    format!(
                        "Risk `{}` of flow `{}` scores {after} after mitigation, more than the {before} it scores before.",
                        risk.id, flow.id
                    ),
                )
                .with_help("Mitigation lowers a risk or leaves it as it was. `likelihood` and `impact` are scored before mitigation and `residual` after it: they may be the wrong way round."),
            );
        }
    }
}
