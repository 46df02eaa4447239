//! `isg check` as a library call: load, run the rules, resolve findings.

mod resolve;

pub use resolve::{Report, resolve};

use crate::assessment::Assessment;
use crate::date::Date;
use crate::diagnostic::{Absence, Diagnostic, Location};
use crate::model::Settings;
use crate::registry::Registry;
use crate::registry::{load, load_for_history};
use crate::rules;
use crate::rules::files::schema;
use crate::rules::precedence::{PRECEDENCE, Precedence, Same};
use crate::signoff::{self, Git};
use crate::source::SourceFiles;
use crate::source::{Source, Unreadable};
use std::collections::HashMap;

/// A checked registry: the report, and what was read to make it.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    pub registry: Registry,
    pub files: SourceFiles,
    /// The sign-offs read from history, for whatever is built next from
    /// the same registry (a render, a status), so history is read once.
    pub history: signoff::HistoryState,
    /// The day dates were judged on.
    pub today: Date,
}

/// Checks a registry as of `today`. Fails only when the registry's folder
/// cannot be read at all; everything wrong inside it is a finding.
/// `git` says where the registry's history is, for the sign-off rules.
pub fn check(source: &dyn Source, today: Date, git: &Git) -> Result<Checked, Unreadable> {
    // Reading git history needs no registry: do it while the registry loads.
    let (loaded, history) = std::thread::scope(|scope| {
        let history = scope.spawn(|| signoff::read(git));
        let loaded = match git {
            Git::Repo { .. } => load_for_history(source),
            _ => load(source),
        };
        let history = history.join().unwrap_or_else(|_| {
            Err(signoff::HistoryState::Unreadable(
                signoff::history::Broken {
                    commit: None,
                    why: "reading it failed unexpectedly".into(),
                },
            ))
        });
        (loaded, history)
    });
    let mut loaded = loaded?;
    let history = signoff::match_signoffs(history, &loaded.registry);
    let mut diagnostics = loaded.diagnostics;
    let context = Assessment::new(&loaded.registry, today, history);
    diagnostics.extend(rules::run(&context));
    let history = context.into_history();
    let settings = &loaded.registry.settings;
    // One mistake, one finding: the rule table's precedences.
    for precedence in PRECEDENCE {
        match precedence.same {
            Same::Value => drop_beside(&mut diagnostics, settings, precedence),
            Same::MisspeltField => {
                drop_repeats_of_misspellings(&mut diagnostics, settings, precedence)
            }
        }
    }
    name_officers_written_alone(&mut diagnostics, &loaded.registry);
    loaded.files.fetch(
        source,
        diagnostics
            .iter()
            .map(|diagnostic| diagnostic.file.as_str()),
    );
    let findings = resolve(diagnostics, &loaded.files, &loaded.registry.settings);
    let report = Report {
        findings,
        files: loaded.files.len(),
    };
    Ok(Checked {
        report,
        registry: loaded.registry,
        files: loaded.files,
        history,
        today,
    })
}

/// A finding left out by `precedence` about the same value as a finding of
/// the rule it keeps says the same mistake with worse advice, and goes,
/// unless the kept rule is turned off.
fn drop_beside(diagnostics: &mut Vec<Diagnostic>, settings: &Settings, precedence: &Precedence) {
    let kept = precedence.kept;
    if settings.turns_off(kept) {
        return;
    }
    // Where a finding about a value is.
    let at = |diagnostic: &Diagnostic| match &diagnostic.location {
        Location::Value(pointer) => Some((diagnostic.file.clone(), pointer.clone())),
        _ => None,
    };
    let places: std::collections::HashSet<(String, String)> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == kept.code)
        .filter_map(at)
        .collect();
    if places.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| {
        !precedence.over.covers(diagnostic.rule)
            || at(diagnostic).is_none_or(|place| !places.contains(&place))
    });
}

/// A risk's `owner` or `accepted_by` written as the officer alone gets a
/// `schema` finding, since the format asks for `<organisation>/<officer>`;
/// which organisation is meant is known only from the registry, so the
/// help is completed here: "Write `nwas/gareth-lloyd`: Gareth Lloyd is an
/// officer of North West Ambulance Service."
fn name_officers_written_alone(diagnostics: &mut [Diagnostic], registry: &Registry) {
    let mut by_file: Option<HashMap<&str, &crate::registry::Record<crate::model::Agreement>>> =
        None;
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.rule != schema::RULE.code {
            continue;
        }
        let Location::Value(pointer) = &diagnostic.location else {
            continue;
        };
        let Some((flow, risk, field)) = risk_officer_field(pointer) else {
            continue;
        };
        // Indexed only when a finding asks.
        let by_file = by_file.get_or_insert_with(|| {
            registry
                .agreements
                .iter()
                .map(|agreement| (agreement.file.as_str(), agreement))
                .collect()
        });
        let Some(agreement) = by_file.get(diagnostic.file.as_str()).copied() else {
            continue;
        };
        let Some(written) = agreement
            .flows
            .get(flow)
            .and_then(|flow| flow.risks.get(risk))
            .and_then(|risk| match field {
                "owner" => risk.owner.as_deref(),
                _ => risk.accepted_by.as_deref(),
            })
            .filter(|written| !written.contains('/'))
        else {
            continue;
        };
        if let Some((reference, officer, organisation)) =
            crate::rules::files::unknown_reference::officer_written_alone(
                registry, agreement, written,
            )
        {
            diagnostic.help = Some(format!(
                "Write `{reference}`: {officer} is an officer of {organisation}."
            ));
        }
    }
}

/// The flow, the risk and the field of `/flows/F/risks/R/owner` or
/// `/flows/F/risks/R/accepted_by`.
fn risk_officer_field(pointer: &str) -> Option<(usize, usize, &str)> {
    let mut parts = pointer.strip_prefix("/flows/")?.split('/');
    let flow = parts.next()?.parse().ok()?;
    let risk = match parts.next()? {
        "risks" => parts.next()?.parse().ok()?,
        _ => return None,
    };
    let field = parts
        .next()
        .filter(|field| matches!(*field, "owner" | "accepted_by"))?;
    parts.next().is_none().then_some((flow, risk, field))
}

/// One misspelt field, one finding. A file that writes `retension:` for
/// `retention:` gets a `schema` finding that says "Did you mean
/// `retention`?"; the rules, which read the file without the field, would
/// also report that the flow keeps data for no stated time, and a party
/// whose organisation misspelt `ico_registration` would be reported as
/// unassured in every agreement it is in. Those findings say the same
/// mistake again, in words that send the reader looking for the wrong
/// fix, so they are dropped: a finding goes when every field its finding
/// rests on ([`Absence`]) is one a `schema` finding says was misspelt, or
/// lies inside one. Nothing is dropped when `schema` is turned off, since
/// the misspelling would then go unreported.
fn drop_repeats_of_misspellings(
    diagnostics: &mut Vec<Diagnostic>,
    settings: &Settings,
    precedence: &Precedence,
) {
    let mut misspelt: HashMap<String, Vec<String>> = HashMap::new();
    for diagnostic in diagnostics.iter() {
        if let Absence::Misspells(meant) = &diagnostic.absence {
            misspelt
                .entry(diagnostic.file.clone())
                .or_default()
                .push(meant.clone());
        }
    }
    if misspelt.is_empty() || settings.turns_off(precedence.kept) {
        return;
    }
    let lacks = |file: &str, pointer: &str| {
        misspelt.get(file).is_some_and(|meant| {
            meant.iter().any(|meant| {
                pointer
                    .strip_prefix(meant.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        })
    };
    diagnostics.retain(|diagnostic| {
        if !precedence.over.covers(diagnostic.rule) {
            return true;
        }
        let repeats = match (&diagnostic.absence, &diagnostic.location) {
            (Absence::AtLocation, Location::Value(pointer) | Location::Key(pointer)) => {
                lacks(&diagnostic.file, pointer)
            }
            (Absence::Because(causes), _) => {
                !causes.is_empty() && causes.iter().all(|(file, pointer)| lacks(file, pointer))
            }
            _ => false,
        };
        !repeats
    });
}
