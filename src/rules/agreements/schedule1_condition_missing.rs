//! `schedule1-condition-missing`: an Article 9 condition that needs a Schedule 1 condition.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "schedule1-condition-missing",
        Family::Agreements,
        Level::Warning,
    ),
    summary: "An Article 9 condition that needs a DPA 2018 Schedule 1 condition has none.",
    checks: "That when `lawful_basis.article9` includes (b), (g), (h), (i) or (j), `lawful_basis.schedule1` names at least one Schedule 1 condition.",
    why: "Data Protection Act 2018 section 10: these Article 9 conditions are met only if a condition in Schedule 1 Part 1 or 2 is also met.",
    example: "lawful_basis:\n  article9: [h]   # no schedule1",
    fix: "Add `schedule1:` with the condition relied on, for example `[part1-para2]` for health or social care purposes.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let Some(basis) = &agreement.lawful_basis else {
        return;
    };
    let needing: Vec<&str> = basis
        .article9
        .iter()
        .map(|letter| letter.as_str())
        .filter(|letter| matches!(*letter, "b" | "g" | "h" | "i" | "j"))
        .collect();
    if !needing.is_empty() && basis.schedule1.is_empty() {
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value("/lawful_basis/article9".into()),
                format!("{} needs a Data Protection Act 2018 Schedule 1 condition, and none is stated.", super::letters("Article 9(2)", &needing)),
            )
            .with_help("Add `schedule1:` under `lawful_basis`, for example `[part1-para2]` (health or social care) or `[part2-para18]` (safeguarding).")
            .because_absent(agreement.file.as_str(), "/lawful_basis/schedule1"),
        );
    }
}
