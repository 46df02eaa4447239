//! `insecure-transfer`: personal data moved by an unsafe method.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::model::{Identifiability, TransferMethod};
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("insecure-transfer", Family::Agreements, Level::Error),
    summary: "Identifiable or special category data moves by ordinary email, unencrypted media, or unencrypted.",
    checks: "That a flow of identifiable data, or of special category data in any personal form, does not use `method: email` (ordinary email), does not use `removable-media` unless `encrypted: true`, and is not `encrypted: false`.",
    why: "MoU principle 8 and UK GDPR Article 32: data is shared safely and securely. Ordinary email and unencrypted media are the commonest causes of reported breaches.",
    example: "flows:\n  - identifiability: identifiable\n    method: email",
    fix: "Use a secure route (secure email, NHS MESH, SFTP, an API or a shared record view) and encrypt in transit; record `encrypted: true`.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        if !(flow.identifiability == Identifiability::Identifiable
            || super::has_special_category(flow))
        {
            continue;
        }
        let problem = match (flow.method, flow.encrypted) {
            (Some(TransferMethod::Email), _) => Some(("method", "is sent by ordinary email")),
            (Some(TransferMethod::RemovableMedia), encrypted) if encrypted != Some(true) => Some((
                "method",
                "is carried on removable media that is not recorded as encrypted",
            )),
            (_, Some(false)) => Some(("encrypted", "moves unencrypted")),
            _ => None,
        };
        if let Some((field, how)) = problem {
            out.push(
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value(pointer!("flows", f, field)),
                    format!("Flow `{}` {how}, but it carries identifiable or special category data.", flow.id),
                )
                .with_help("Use secure email, NHS MESH, SFTP, an API or a shared record view, encrypted in transit, and record `encrypted: true`."),
            );
        }
    }
}
