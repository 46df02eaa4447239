//! `signoff-missing`: an active agreement not signed by every party.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level};
use crate::rules::{Check, RuleInfo};
use crate::text::join_and;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("signoff-missing", Family::History, Level::Error),
    summary: "An active agreement is not signed off at its current version by every party.",
    checks: "For each `active` agreement, that every party with a signatory has a sign-off commit for the agreement's current digest, authored by that signatory (their officer email), in the history of the revision checked. A sign-off is the trailer `Agreement-Sign-Off: <id> sha256:<digest>` in the commit message's final trailer block, by git's own rules (never the subject or a line in the body), and counts only if the agreement had that digest in the commit's own tree: a trailer written ahead for a version committed later signs nothing. Changing the agreement's meaning changes the digest, so earlier sign-offs no longer count; a change of layout, comments or key order does not. The message says how long the version has waited: since the day it reached the branch (the oldest commit, back along the branch's first parents, of the unbroken run holding it).",
    why: "An agreement binds a party only once its accountable officer has signed the version in force. Partners must be able to prove, years later, who signed exactly what.",
    example: "status: active   # Blackpool Council's signatory has not run `isg sign` for this version",
    fix: "Each signatory named in the message runs `isg sign <agreement-id>` in a clone of the registry and pushes the commit (on a pull request, before it is merged). `isg status` lists who is still missing, longest waiting first, with their email; `isg status --overdue 30` only those waiting more than 30 days.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    for agreement in context
        .registry
        .agreements
        .iter()
        .filter(|a| crate::rules::agreements::in_force(a.status))
    {
        let Some(state) = context.history.of(&agreement.id) else {
            continue;
        };
        if state.missing.is_empty() {
            continue;
        }
        let names: Vec<String> = state
            .missing
            .iter()
            .map(|org| {
                let party = agreement.party(org);
                let officer = party.and_then(|p| registry.officer(org, p.signatory.as_deref()?));
                let org_name = registry
                    .organisation(org)
                    .map_or(org.as_str(), |o| o.name.as_str());
                match officer {
                    Some(officer) => format!("{org_name} ({})", officer.name),
                    None => org_name.to_owned(),
                }
            })
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                super::at_status(agreement),
                format!(
                    "\"{}\" is active but this version is not signed off by {}{}.",
                    agreement.title,
                    join_and(&names),
                    match state.since.map(|since| (since, since.days_until(context.today))) {
                        Some((since, days)) if days > 0 => format!(
                            "; it has waited {} since it reached the branch on {since}",
                            crate::text::plural(days as usize, "day")
                        ),
                        Some((since, _)) => format!("; it reached the branch today, {since}"),
                        None => String::new(),
                    }
                ),
            )
            .with_help(format!("Each of them runs `isg sign {}` and pushes the commit. This version's digest is {}.", agreement.id, agreement.digest)),
        );
    }
}
