//! `certificate-expired`: a security certificate has lapsed.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::pointer;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("certificate-expired", Family::Organisations, Level::Warning),
    summary: "A security certificate (ISO 27001, Cyber Essentials, PSN) has expired.",
    checks: "That no certificate listed under `certifications` has an `expires` date before today (or `--today`).",
    why: "Partners weigh certificates when deciding how much to trust an organisation (MoU principle 3 names ISO/IEC 27001). An expired certificate is no longer evidence; listing it as if current misleads them.",
    example: "certifications:\n  - scheme: cyber-essentials\n    reference: CE-2024-1187\n    expires: 2025-05-31",
    fix: "Record the renewed certificate's reference and expiry date, or remove the entry if it was not renewed.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    for org in &context.registry.organisations {
        for (i, certificate) in org.certifications.iter().enumerate() {
            let Some(expires) = certificate.expires else {
                continue;
            };
            if expires < context.today {
                let scheme = certificate
                    .name
                    .as_deref()
                    .unwrap_or(certificate.scheme.label());
                out.push(
                    Diagnostic::new(
                        &RULE,
                        org.file.as_str(),
                        Location::Value(pointer!("certifications", i, "expires")),
                        format!("{}'s {scheme} certificate expired on {expires}.", org.name),
                    )
                    .with_help("Record the renewed certificate's reference and expiry date, or remove it if it was not renewed."),
                );
            }
        }
    }
}
