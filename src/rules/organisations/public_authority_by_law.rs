//! `public-authority-by-law`: `public_authority: false` for a kind of
//! organisation that is a public authority by law.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "public-authority-by-law",
        Family::Organisations,
        Level::Warning,
    ),
    summary: "An organisation says it is not a public authority, but its kind is one by law.",
    checks: "That `public_authority: false` is not given for an NHS trust, GP practice, integrated care board, ambulance service, local authority, police force, fire and rescue service or government body. Education is left alone: an independent school is not a public authority.",
    why: "The Data Protection Act 2018 (section 7) takes its public authorities from the Freedom of Information Act 2000, which lists these bodies. A public authority must name a Data Protection Officer and cannot rely on legitimate interests for its tasks, so the rules check such an organisation as one whatever the record says, and this rule points out the record that says otherwise.",
    example: "kind: nhs-trust\npublic_authority: false",
    fix: "Remove `public_authority: false`. If the kind is wrong (a private provider recorded as an NHS trust), correct `kind` instead.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    for org in &context.registry.organisations {
        if !org.kind.is_public_by_law() || org.public_authority != Some(false) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                org.file.as_str(),
                Location::Value("/public_authority".into()),
                format!(
                    "{} is recorded as not a public authority, but as {} it is one under the Data Protection Act 2018 (section 7), and is checked as one.",
                    org.name,
                    with_article(org.kind.label())
                ),
            )
            .with_help("Remove `public_authority: false`. If the organisation is not in fact of this kind, correct `kind` instead."),
        );
    }
}

/// "an NHS trust", "a police force".
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) || noun.starts_with("NHS") {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}
