//! `international-transfer-without-safeguard`: data stored abroad with no safeguard.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "international-transfer-without-safeguard",
        Family::Agreements,
        Level::Error,
    ),
    summary: "Personal data is stored outside the UK and adequate countries with no safeguard.",
    checks: "That a flow of personal data whose `storage_country` is not GB and not covered by UK adequacy regulations names a `transfer_safeguard`. Adequate here: the EEA (EU member states, Iceland, Liechtenstein, Norway), Gibraltar, Andorra, Argentina, Canada, the Faroe Islands, Guernsey, the Isle of Man, Israel, Japan, Jersey, New Zealand, the Republic of Korea, Switzerland and Uruguay. The United States is not listed: the UK extension to the Data Privacy Framework covers only certified organisations, so name the safeguard. A code that is no country (`UK`, where the code for the United Kingdom is GB) is reported by `schema` instead.",
    why: "UK GDPR Chapter V: personal data may leave the UK only to adequate countries or with an appropriate safeguard such as the IDTA or the EU standard contractual clauses with the UK addendum.",
    example: "flows:\n  - storage_country: US\n    # no transfer_safeguard",
    fix: "Record the safeguard in `transfer_safeguard` (idta, scc-addendum, binding-corporate-rules, adequacy for a certified US organisation, or derogation), or store the data in the UK.",
    check: Check::EachAgreement(check),
};

/// ISO 3166-1 codes of places with UK adequacy regulations.
const ADEQUATE: &[&str] = &[
    "GB", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GI",
    "AD", "AR", "CA", "FO", "GG", "IM", "IL", "JP", "JE", "NZ", "KR", "CH", "UY",
];

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        if super::is_personal(flow)
            && flow.transfer_safeguard.is_none()
            && !ADEQUATE.contains(&flow.storage_country.as_str())
            // A code that is no country (`UK` for GB) is reported by `schema`.
            && crate::schema::is_country_code(&flow.storage_country)
        {
            out.push(
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value(pointer!("flows", f, "storage_country")),
                    format!("Flow `{}` stores personal data in {}, which has no UK adequacy decision, and names no transfer safeguard.", flow.id, flow.storage_country),
                )
                .with_help("Add `transfer_safeguard:` (idta, scc-addendum, binding-corporate-rules or derogation), or keep the data in the UK.")
                .because_absent(agreement.file.as_str(), pointer!("flows", f, "transfer_safeguard")),
            );
        }
    }
}
