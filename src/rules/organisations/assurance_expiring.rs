//! `assurance-expiring`: something partners rely on is about to expire.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("assurance-expiring", Family::Organisations, Level::Note),
    summary: "An ICO registration, a certificate or an MoU signature expires within the warning window.",
    checks: "ICO registrations and certificates whose `expires` date falls from today up to `policy.review_warning_days` ahead (60 days unless changed), both ends included; and a signature of the MoU version in force when a new version (mou.yaml's `version`) takes effect (its `effective` date) within that window.",
    why: "Renewals take time; a note ahead of the date lets the IG lead renew before the organisation's assurance lapses and its agreements are flagged.",
    example: "ico_registration:\n  number: Z1234567\n  expires: 2026-12-15   # checked on 2026-11-22",
    fix: "Renew it, then record the new expiry date; for the MoU, record the signature of the new version. Nothing else is needed: the note disappears once the date moves out of the window.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    for (org, assurance) in context
        .registry
        .organisations
        .iter()
        .zip(context.assurances())
    {
        for item in &assurance.expiring {
            let days = context.today.days_until(item.date);
            let when = match days {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                _ => format!("in {days} days"),
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    org.file.as_str(),
                    Location::Value(item.pointer.clone()),
                    format!(
                        "{}'s {} expires {when} ({}).",
                        org.name, item.what, item.date
                    ),
                )
                .with_help(item.renew.as_str()),
            );
        }
    }
}
