//! `isg check` as a library call: load, run the rules, resolve findings.

use crate::date::Date;
use crate::load::{SourceFiles, load};
use crate::registry::Registry;
use crate::report::{Report, resolve};
use crate::rules::{self, Context};
use crate::signoff::{self, Git};
use crate::source::{Source, Unreadable};

/// A checked registry: the report, and what was read to make it.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    pub registry: Registry,
    pub files: SourceFiles,
}

/// Checks a registry as of `today`. Fails only when the registry's folder
/// cannot be read at all; everything wrong inside it is a finding.
/// `git` says where the registry's history is, for the sign-off rules.
pub fn check(source: &dyn Source, today: Date, git: &Git) -> Result<Checked, Unreadable> {
    // Reading git history needs no registry: do it while the registry loads.
    let (loaded, history) = std::thread::scope(|scope| {
        let history = scope.spawn(|| signoff::read(git));
        let loaded = load(source);
        let history = history.join().unwrap_or_else(|_| {
            Err(signoff::HistoryState::Unavailable(
                "reading the history failed".into(),
            ))
        });
        (loaded, history)
    });
    let mut loaded = loaded?;
    let history = signoff::match_signoffs(history, &loaded.registry);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(rules::run(&Context::new(&loaded.registry, today, history)));
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
    })
}
