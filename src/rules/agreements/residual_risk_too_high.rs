//! `residual-risk-too-high`: an extreme residual risk nobody accepted.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::model::OfficerRole;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("residual-risk-too-high", Family::Agreements, Level::Error),
    summary: "A risk stays at 15 or more after mitigation and no SIRO has accepted it.",
    checks: "That every risk whose residual score is 15 or more (extreme on the NHS 5x5 matrix) names in `accepted_by` a SIRO of the organisation given. A risk without a `residual` score is taken as not reduced. A risk scored off the 1 to 5 scale is reported by `schema` alone.",
    why: "An extreme risk that remains after mitigation is a decision for the Senior Information Risk Owner, who owns information risk for the organisation; it must not be accepted by default.",
    example: "risks:\n  - id: breach\n    likelihood: 4\n    impact: 5\n    mitigations: [Encryption]\n    residual: {likelihood: 3, impact: 5}\n    # no accepted_by",
    fix: "Reduce the risk further, or have the SIRO accept it: `accepted_by: <organisation>/<siro-officer>`.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    for (f, flow) in agreement.flows.iter().enumerate() {
        for (r, risk) in flow.risks.iter().enumerate() {
            if !super::scored_on_the_scale(risk) {
                continue;
            }
            let score = super::residual_score(risk);
            if score < 15 {
                continue;
            }
            let accepted = risk
                .accepted_by
                .as_deref()
                .and_then(|who| who.split_once('/'));
            let problem = match accepted {
                None => format!(
                    "Risk `{}` of flow `{}` still scores {score} after mitigation and no SIRO has accepted it.",
                    risk.id, flow.id
                ),
                Some((org, officer)) => match registry.officer(org, officer) {
                    Some(person) if person.has_role(OfficerRole::Siro) => continue,
                    Some(person) => format!(
                        "Risk `{}` of flow `{}` scores {score} after mitigation and was accepted by {}, who is not a SIRO.",
                        risk.id, flow.id, person.name
                    ),
                    None => continue, // unknown-reference reports it
                },
            };
            let field = if accepted.is_some() {
                "accepted_by"
            } else {
                "residual"
            };
            out.push(
                Diagnostic::new(&RULE, agreement.file.as_str(), Location::Value(pointer!("flows", f, "risks", r, field)), problem)
                    .with_help("Reduce the risk further, or have the Senior Information Risk Owner accept it: `accepted_by: <organisation>/<officer>`."),
            );
        }
    }
}
