//! `duplicate-id`: two things that must be told apart share an id.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};
use std::collections::HashMap;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("duplicate-id", Family::Files, Level::Error),
    summary: "Two records, officers, flows or risks share an id.",
    checks: "That no two organisation files or agreement files give the same `id`, and that within one record no two officers, parties, flows, risks of a flow or MoU principles share an id.",
    why: "Agreements, sign-offs and returns refer to things by id. When two share one, a signature or a risk can be attached to the wrong thing.",
    example: "officers:\n  - {id: jane-smith, name: Dr Jane Smith, roles: [caldicott-guardian], email: jane@example.org}\n  - {id: jane-smith, name: Jane Smith, roles: [dpo], email: j.smith@example.org}",
    fix: "Give each one its own id. If they really are the same thing, merge them into one entry.",
    check: Check::RegistryAndEachAgreement(check, check_agreement),
};

/// Between records, within organisations, and within the MoU.
fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    // The registry's index holds the record that keeps an id (the one named
    // after it); every other record claiming that id is reported.
    for (i, record) in registry.organisations.iter().enumerate() {
        if let Some(kept) = registry.organisation_position(&record.id)
            && kept != i
        {
            let kept = &registry.organisations[kept];
            out.push(duplicate_record(
                &record.file,
                &record.id,
                "organisation",
                &kept.file,
            ));
        }
    }
    for (i, record) in registry.agreements.iter().enumerate() {
        if let Some(kept) = registry.agreement_position(&record.id)
            && kept != i
        {
            let kept = &registry.agreements[kept];
            out.push(duplicate_record(
                &record.file,
                &record.id,
                "agreement",
                &kept.file,
            ));
        }
    }
    for record in &registry.organisations {
        within(
            &record.file,
            "officer",
            record.officers.iter().map(|o| o.id.as_str()),
            |i| pointer!("officers", i, "id"),
            out,
        );
    }
    if let Some(mou) = &registry.mou {
        within(
            &mou.file,
            "principle",
            mou.principles.iter().map(|p| p.id.as_str()),
            |i| pointer!("principles", i, "id"),
            out,
        );
    }
}

/// Within one agreement: its parties, flows, and each flow's risks.
fn check_agreement(_: &Assessment<'_>, record: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    within(
        &record.file,
        "party",
        record.parties.iter().map(|p| p.org.as_str()),
        |i| pointer!("parties", i, "org"),
        out,
    );
    within(
        &record.file,
        "flow",
        record.flows.iter().map(|f| f.id.as_str()),
        |i| pointer!("flows", i, "id"),
        out,
    );
    for (f, flow) in record.flows.iter().enumerate() {
        within(
            &record.file,
            "risk of this flow",
            flow.risks.iter().map(|r| r.id.as_str()),
            |i| pointer!("flows", f, "risks", i, "id"),
            out,
        );
    }
}

/// A second record with an id. It is most often a copy whose id was not
/// changed: when its file already has a name of its own, the help gives
/// that name as the id (and `id-mismatch`, which would also offer to
/// rename the file to the id that is taken, is left out: see `check.rs`).
fn duplicate_record(file: &str, id: &str, what: &str, other: &str) -> Diagnostic {
    let help = match crate::registry::file_name_id(file) {
        Some(own) if own != id && crate::schema::is_id(own) => {
            let place = if what == "agreement" {
                "folder"
            } else {
                "file"
            };
            format!(
                "If this {what} is a copy, change its id to `{own}`, the name of its {place}; otherwise remove the copy."
            )
        }
        _ => format!("Give this {what} its own id (and a file name to match), or remove the copy."),
    };
    Diagnostic::new(
        &RULE,
        file,
        Location::Value("/id".into()),
        format!("Another {what} file, {other}, already has the id `{id}`."),
    )
    .with_help(help)
}

/// Lists up to this long are searched rather than indexed: most lists of
/// parties, flows, risks and officers have a handful of entries, and
/// building an index for each would cost more than the search.
const SHORT_LIST: usize = 32;

/// Reports every repeat of an id among `ids`, at the repeat.
fn within<'a>(
    file: &str,
    what: &str,
    ids: impl ExactSizeIterator<Item = &'a str> + Clone,
    place: impl Fn(usize) -> String,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let short = ids.len() <= SHORT_LIST;
    for (i, id) in ids.clone().enumerate() {
        let repeat = if short {
            ids.clone().take(i).position(|earlier| earlier == id)
        } else {
            seen.insert(id, i).inspect(|&first| {
                seen.insert(id, first);
            })
        };
        if let Some(first) = repeat {
            let (noun, help) = if what == "party" {
                (
                    "organisation is listed as a party",
                    "List each organisation once, with the one role it has in this agreement."
                        .to_owned(),
                )
            } else {
                (
                    "id is used",
                    format!("Each {what} needs its own id; rename or remove one of them."),
                )
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    file,
                    Location::Value(place(i)),
                    format!("`{id}`: this {noun} twice (see {what} {}).", first + 1),
                )
                .with_help(help),
            );
        }
    }
}
