//! `data-minimisation`: identifiable data where less would do.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::model::{Identifiability, Purpose};
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("data-minimisation", Family::Agreements, Level::Warning),
    summary: "Identifiable data is shared only for planning, commissioning or research.",
    checks: "Identifiable flows in agreements whose `purposes` are all among planning, commissioning and research. When the agreement also serves a purpose that needs identity (direct care, safeguarding, ...) the rule does not apply.",
    why: "UK GDPR Article 5(1)(c) and Caldicott principles 2 and 3: use the minimum necessary. Planning, commissioning and research can usually work with pseudonymised, anonymised or aggregate data.",
    example: "purposes: [planning]\nflows:\n  - identifiability: identifiable",
    fix: "Share pseudonymised, anonymised or aggregate data, or record why identity is needed (for research, usually with section 251 support or consent).",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    let secondary_only = !agreement.purposes.is_empty()
        && agreement.purposes.iter().all(|p| {
            matches!(
                p,
                Purpose::Planning | Purpose::Commissioning | Purpose::Research
            )
        });
    if !secondary_only {
        return;
    }
    let purposes: Vec<&str> = agreement.purposes.iter().map(|p| p.label()).collect();
    for (f, flow) in agreement.flows.iter().enumerate() {
        if flow.identifiability == Identifiability::Identifiable {
            out.push(
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value(pointer!("flows", f, "identifiability")),
                    format!("Flow `{}` shares identifiable data for {} only.", flow.id, purposes.join(" and ")),
                )
                .with_help("Share pseudonymised, anonymised or aggregate data if it will do; otherwise say in the purpose why identity is needed."),
            );
        }
    }
}
