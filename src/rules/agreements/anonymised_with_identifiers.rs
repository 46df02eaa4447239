//! `anonymised-with-identifiers`: a flow marked anonymised or aggregate
//! that lists identifiers or contact details among its data.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "anonymised-with-identifiers",
        Family::Agreements,
        Level::Error,
    ),
    summary: "A flow marked anonymised or aggregate lists identifiers or contact details among its data.",
    checks: "That a flow whose `identifiability` is `anonymised` or `aggregate` has neither `identifiers` nor `contact` in its `categories`.",
    why: "Data that carries identifiers or contact details identifies people, so it is not anonymised (ICO anonymisation guidance). The rules for personal data (security in transit, the DPIA, the common law duty, a privacy notice) are worked out from `identifiability`; marked anonymised, such a flow escapes all of them.",
    example: "identifiability: anonymised\ncategories: [identifiers, health]",
    fix: "If people can be identified from the data, set `identifiability: identifiable` (or `pseudonymised` if the identifiers are replaced by a key). If the identifiers are removed before the data is shared, take them out of `categories`.",
    check: Check::EachAgreement(check),
};

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        if !flow.identifiability.claims_no_one_identified() {
            continue;
        }
        let Some(c) = flow
            .categories
            .iter()
            .position(|category| category.identifies_people())
        else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value(pointer!("flows", f, "categories", c)),
                format!(
                    "Flow `{}` is marked {} but shares {}, which identify people.",
                    flow.id,
                    flow.identifiability.label(),
                    flow.categories[c].label()
                ),
            )
            .with_help("If people can be identified from the data, set `identifiability: identifiable`, or `pseudonymised` if the identifiers are replaced by a key. If the identifiers are removed before the data is shared, take them out of `categories`."),
        );
    }
}
