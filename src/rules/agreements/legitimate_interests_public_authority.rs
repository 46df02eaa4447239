//! `legitimate-interests-public-authority`: Article 6(1)(f) relied on by a public authority.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "legitimate-interests-public-authority",
        Family::Agreements,
        Level::Warning,
    ),
    summary: "Legitimate interests is the basis, but a controller is a public authority.",
    checks: "That `lawful_basis.article6` does not include (f) when any controller or joint controller is a public authority.",
    why: "UK GDPR Article 6(1), last paragraph: public authorities cannot rely on legitimate interests for processing in performing their tasks; public task (e) usually applies instead.",
    example: "lawful_basis:\n  article6: [f]\nparties:\n  - {org: blackpool-council, role: controller, signatory: amir-khan}",
    fix: "Use the basis that applies to the public authority, usually `e` (public task); keep `f` only for processing outside its public tasks and say why in the agreement.",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let public = super::public_controllers_relying_on(context.registry, agreement, "f");
    if public.is_empty() {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value("/lawful_basis/article6".into()),
            format!(
                "Article 6(1)(f) legitimate interests is relied on, but {}.",
                super::are_public_authorities(&public)
            ),
        )
        .with_help(
            "Public authorities usually rely on `e` (public task) for sharing in their tasks.",
        ),
    );
}
