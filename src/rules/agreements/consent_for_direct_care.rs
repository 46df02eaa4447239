//! `consent-for-direct-care`: Article 6(1)(a) consent as the basis on which
//! a public authority shares patients' or service users' data for their
//! direct care.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::{Agreement, Purpose, Subject};
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "consent-for-direct-care",
        Family::Agreements,
        Level::Warning,
    ),
    summary: "Consent is the UK GDPR basis for a public authority's sharing for direct care.",
    checks: "That an agreement for `direct-care` with a flow of patients' or service users' personal data does not give (a) in `lawful_basis.article6` when a controller or joint controller is a public authority.",
    why: "Consent under UK GDPR must be freely given and can be withdrawn at any time, after which the processing must stop (Articles 4(11) and 7). A public authority providing care keeps its records whatever a patient decides, and patients are rarely free to refuse the body that cares for them, so the ICO and NHS England advise that the UK GDPR basis for direct care is public task (e) with Article 9(2)(h). The consent patients give to sharing for their care is the common law duty of confidentiality's implied or explicit consent, recorded as `common_law`.",
    example: "purposes: [direct-care]\nlawful_basis:\n  article6: [a]\n  article9: [h]\nflows:\n  - {id: discharge-summary, subjects: [patients], identifiability: identifiable, ...}",
    fix: "Give `article6: [e]` (public task), and record the patient's consent to the sharing under `common_law` (`implied-consent` or `explicit-consent`).",
    check: Check::EachAgreement(check),
};

fn check(context: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    if !agreement.purposes.contains(&Purpose::DirectCare) {
        return;
    }
    let Some(flow) = agreement.flows.iter().find(|flow| {
        super::is_personal(flow)
            && flow
                .subjects
                .iter()
                .any(|subject| matches!(subject, Subject::Patients | Subject::ServiceUsers))
    }) else {
        return;
    };
    let public = super::public_controllers_relying_on(context.registry, agreement, "a");
    if public.is_empty() {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            agreement.file.as_str(),
            Location::Value("/lawful_basis/article6".into()),
            format!(
                "Article 6(1)(a) consent is given as the basis for sharing for direct care (flow `{}`), but {}: care records are kept whatever people decide, so consent they could withdraw is not the basis.",
                flow.id,
                super::are_public_authorities(&public)
            ),
        )
        .with_help("Give `e` (public task) with Article 9(2)(h). People's consent to sharing their confidential information for their care belongs under `common_law` (implied-consent or explicit-consent)."),
    );
}
