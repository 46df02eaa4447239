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
    let mut loaded = load(source)?;
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(rules::run(&Context::new(
        &loaded.registry,
        today,
        signoff::evaluate(git, &loaded.registry),
    )));
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
