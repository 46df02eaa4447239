//! `isg render`: documents and returns built from a registry at a commit.
//!
//! Everything rendered comes from one [`Snapshot`]: the registry at a git
//! revision (or the files on disk, marked as an uncommitted draft), its
//! assurance and sign-offs, and the date they are judged on, which is the
//! commit's date so that the same commit always renders the same bytes.

pub mod exports;
pub mod folder;
pub mod map;
pub mod markdown;
pub mod outputs;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod signoff;
pub mod site;
pub mod words;

pub use folder::Folder;
pub use outputs::{OUTPUTS, Output, render_one, write_all};
pub use site::{Site, templates_in};

use crate::assessment::Assessment;
use crate::check::Checked;
use crate::date::Date;
use crate::diagnostic::{Finding, Level};
use crate::model::Agreement;
use crate::registry::Registry;
use crate::signoff::Git;
use std::collections::HashMap;
use std::io;

/// Why a render failed, for the user who asked for it.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template (built in or the registry's own) could not make a page.
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// A registry template cannot be read or used; the message says why.
    #[error("{0}")]
    Unusable(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The commit a render is built from.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CommitInfo {
    pub id: String,
    pub date: Date,
    /// Seconds since 1970, for timestamps in outputs.
    pub time: i64,
}

impl CommitInfo {
    /// The commit `git` reads, or `None` when it reads no repository.
    pub fn read(git: &Git) -> io::Result<Option<CommitInfo>> {
        let Git::Repo { path, rev, .. } = git else {
            return Ok(None);
        };
        let time = crate::source::git::commit_time(path, *rev)
            .map_err(|why| io::Error::other(format!("cannot read commit {rev}: {why}")))?;
        Ok(Some(CommitInfo {
            id: rev.to_string(),
            date: Date::from_unix_seconds(time),
            time,
        }))
    }
}

/// The date a render is judged on: its commit's, so the same commit always
/// renders the same bytes, or today's for the files on disk.
pub fn judged_on(commit: Option<&CommitInfo>) -> Date {
    commit.map_or_else(Date::today, |commit| commit.date)
}

/// What a render is built from.
pub struct Snapshot<'a> {
    pub registry: &'a Registry,
    /// Assurance and sign-off, as the rules see them.
    pub context: Assessment<'a>,
    /// `None` when rendering files that are not committed (a draft).
    pub commit: Option<CommitInfo>,
    /// The errors `isg check` finds in each agreement's files, by
    /// agreement id: shown on its page, and no sign-off is claimed while
    /// the check refuses it.
    pub problems: HashMap<String, Vec<Problem>>,
}

/// An error `isg check` finds in an agreement.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Problem {
    pub rule: &'static str,
    pub message: String,
    pub line: u32,
}

/// Whether an agreement's current version is signed off, as the documents
/// may say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOff {
    /// Every party's signatory has signed this version, at least one
    /// sign-off counts, and `isg check` accepts them.
    Complete,
    /// Not signed off; `waiting` parties are still to sign (none when the
    /// check refuses the sign-offs themselves, as of a signatory who may
    /// not sign or an agreement without a controller).
    Incomplete { waiting: usize },
    /// Sign-off could not be read (no commit, no history).
    NotChecked,
}

/// The rules whose errors mean the sign-off of an agreement is not accepted.
const SIGN_OFF_RULES: [&str; 4] = [
    "signoff-missing",
    "signoff-unverified",
    "signatory-invalid",
    "controller-missing",
];

/// The error findings of each agreement's files, by agreement id.
pub fn problems_by_agreement(findings: &[Finding]) -> HashMap<String, Vec<Problem>> {
    let mut problems: HashMap<String, Vec<Problem>> = HashMap::new();
    for finding in findings.iter().filter(|f| f.level == Level::Error) {
        let Some(id) = finding
            .file
            .strip_prefix("agreements/")
            .and_then(|rest| rest.split_once('/'))
            .map(|(id, _)| id)
        else {
            continue;
        };
        problems.entry(id.to_owned()).or_default().push(Problem {
            rule: finding.rule,
            message: finding.message.clone(),
            line: finding.span.start.line,
        });
    }
    problems
}

impl<'a> Snapshot<'a> {
    /// The snapshot of a registry as it was checked (as of [`judged_on`]
    /// its `commit`, or the `--as-of` day).
    pub fn new(checked: &'a Checked, commit: Option<CommitInfo>) -> Snapshot<'a> {
        Snapshot {
            registry: &checked.registry,
            context: Assessment::new(&checked.registry, checked.today, checked.history.clone()),
            commit,
            problems: problems_by_agreement(&checked.report.findings),
        }
    }

    /// The errors `isg check` finds in an agreement's files.
    pub fn problems_of(&self, agreement: &str) -> &[Problem] {
        self.problems.get(agreement).map_or(&[], Vec::as_slice)
    }

    /// Whether the agreement's current version is signed off. Never
    /// `Complete` unless `isg check` would accept the sign-off: at least
    /// one sign-off, none missing or unverified, and no error from the
    /// rules that judge sign-off.
    pub fn sign_off(&self, agreement: &Agreement) -> SignOff {
        let state = match self.commit {
            Some(_) => self.context.history.of(&agreement.id),
            None => None,
        };
        let Some(state) = state else {
            return SignOff::NotChecked;
        };
        let waiting = state.missing.len() + state.unverified.len();
        let refused = self
            .problems_of(&agreement.id)
            .iter()
            .any(|problem| SIGN_OFF_RULES.contains(&problem.rule));
        if waiting == 0 && !state.signed.is_empty() && !refused {
            SignOff::Complete
        } else {
            SignOff::Incomplete { waiting }
        }
    }

    /// The day an agreement's current version came into place: the day its
    /// last party signed it off, or the day it takes effect if that is
    /// later. `None` until every party has signed it.
    pub fn in_place_since(&self, agreement: &Agreement) -> Option<Date> {
        if self.sign_off(agreement) != SignOff::Complete {
            return None;
        }
        let signed = self.context.history.of(&agreement.id)?.signed_off_on;
        signed.into_iter().chain(agreement.effective).max()
    }

    /// The date everything is judged on: the commit's, or today's for a draft.
    pub fn date(&self) -> Date {
        self.context.today
    }

    /// The short commit id, or "uncommitted draft".
    pub fn version(&self) -> String {
        self.commit.as_ref().map_or_else(
            || "uncommitted draft".to_owned(),
            |commit| commit.id[..commit.id.len().min(12)].to_owned(),
        )
    }
}
