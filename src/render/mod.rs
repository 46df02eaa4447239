//! `isg render`: documents and returns built from a registry at a commit.
//!
//! Everything rendered comes from one [`Snapshot`]: the registry at a git
//! revision (or the files on disk, marked as an uncommitted draft), its
//! assurance and sign-offs, and the date they are judged on, which is the
//! commit's date so that the same commit always renders the same bytes.

pub mod exports;
pub mod map;
pub mod markdown;
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod site;
pub mod words;

use crate::date::Date;
use crate::registry::Registry;
use crate::rules::Context;

/// The commit a render is built from.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CommitInfo {
    pub id: String,
    pub date: Date,
    /// Seconds since 1970, for timestamps in outputs.
    pub time: i64,
}

/// What a render is built from.
pub struct Snapshot<'a> {
    pub registry: &'a Registry,
    /// Assurance and sign-off, as the rules see them.
    pub context: Context<'a>,
    /// `None` when rendering files that are not committed (a draft).
    pub commit: Option<CommitInfo>,
}

impl Snapshot<'_> {
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
