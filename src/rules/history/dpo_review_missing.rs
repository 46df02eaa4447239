//! `dpo-review-missing`: an active agreement not reviewed by every
//! controller's DPO.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::model::DpoReview;
use crate::rules::{Check, RuleInfo};
use crate::text::join_and;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("dpo-review-missing", Family::History, Level::Note),
    summary: "An active agreement's current version is not reviewed by the DPO of every controller party.",
    checks: "For each `active` agreement, that the Data Protection Officer of every controller (and joint controller) party has reviewed its current digest: a commit whose final trailer block holds `Agreement-Review: <id> sha256:<digest>`, authored by an officer of that party with the `dpo` role, with the agreement at that digest in its own tree (and, when `policy.signoff` is `verified`, SSH-signed by one of that officer's keys), as `isg review` makes. `policy.dpo_review` sets how much it matters: `optional` (the default) makes this a note, `required` an error, `off` turns it off.",
    why: "In the Information Sharing Gateway each party's DPO reviews a flow before its senior officer signs it off: the DPO advises on the law (UK GDPR Article 39) and the signatory accepts the risk. A record of that review shows the advice was taken.",
    example: "policy:\n  dpo_review: required\n# North NHS Trust's DPO has not run `isg review` for this version",
    fix: "Each DPO named in the message runs `isg review <agreement-id>` in a clone of the registry and pushes the commit.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    let level = match registry.settings.policy.dpo_review {
        DpoReview::Off => return,
        DpoReview::Optional => Level::Note,
        DpoReview::Required => Level::Error,
    };
    let code = Code { level, ..RULE.code };
    for agreement in registry
        .agreements
        .iter()
        .filter(|a| crate::rules::agreements::in_force(a.status))
    {
        let Some(state) = context.history.of(&agreement.id) else {
            continue;
        };
        let unverified = state
            .review_unverified
            .iter()
            .map(|(review, _)| &review.org);
        let orgs: Vec<&String> = state.review_missing.iter().chain(unverified).collect();
        if orgs.is_empty() {
            continue;
        }
        let names: Vec<String> = orgs
            .iter()
            .map(|org| {
                let name = registry.organisation_name_or_id(org);
                let dpos: Vec<&str> = registry
                    .organisation(org)
                    .map(|o| {
                        o.officers
                            .iter()
                            .filter(|officer| officer.has_role(crate::model::OfficerRole::Dpo))
                            .map(|officer| officer.name.as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                match dpos.is_empty() {
                    true => format!("{name} (no DPO recorded)"),
                    false => format!("{name} ({})", join_and(&dpos)),
                }
            })
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut message = format!(
            "\"{}\" is active but this version has not been reviewed by the DPO of {}.",
            agreement.title,
            join_and(&names)
        );
        for (review, why) in &state.review_unverified {
            message.push_str(&format!(
                " The review for {} (commit {}) does not count: {why}.",
                registry.organisation_name_or_id(&review.org),
                super::short(&review.commit)
            ));
        }
        let policy = match level {
            Level::Error => "`policy.dpo_review` is `required`",
            _ => {
                "`policy.dpo_review` is `optional`, so this is a note; `required` makes it an error"
            }
        };
        out.push(
            Diagnostic::new(
                code,
                agreement.file.as_str(),
                super::at_status(agreement),
                message,
            )
            .with_help(format!(
                "Each DPO runs `isg review {}` and pushes the commit ({policy}).",
                agreement.id
            )),
        );
    }
}
