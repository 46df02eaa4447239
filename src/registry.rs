//! The loaded registry: every record that could be read, indexed by id.

use crate::model::{Agreement, Mou, Officer, Organisation, Settings};
use std::collections::{HashMap, HashSet};
use std::ops::Deref;

/// A record and the file it came from.
#[derive(Clone, Debug)]
pub struct Record<T> {
    /// Path relative to the registry root, with `/` separators.
    pub file: String,
    pub data: T,
}

impl<T> Deref for Record<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

#[derive(Debug, Default)]
pub struct Registry {
    pub settings: Settings,
    pub settings_file: Option<String>,
    pub mou: Option<Record<Mou>>,
    /// Sorted by file path, so output is stable.
    pub organisations: Vec<Record<Organisation>>,
    pub agreements: Vec<Record<Agreement>>,
    /// Ids of records whose files exist but could not be loaded (their
    /// problems are reported). References to them are not reported again.
    pub unloaded_organisations: HashSet<String>,
    pub unloaded_agreements: HashSet<String>,
    organisation_index: HashMap<String, usize>,
    agreement_index: HashMap<String, usize>,
}

impl Registry {
    pub fn new(
        settings: Settings,
        settings_file: Option<String>,
        mou: Option<Record<Mou>>,
        mut organisations: Vec<Record<Organisation>>,
        mut agreements: Vec<Record<Agreement>>,
    ) -> Registry {
        organisations.sort_by(|a, b| a.file.cmp(&b.file));
        agreements.sort_by(|a, b| a.file.cmp(&b.file));
        // The first record with an id wins; `duplicate-id` reports the rest.
        let mut organisation_index = HashMap::with_capacity(organisations.len());
        for (i, record) in organisations.iter().enumerate() {
            organisation_index.entry(record.id.clone()).or_insert(i);
        }
        let mut agreement_index = HashMap::with_capacity(agreements.len());
        for (i, record) in agreements.iter().enumerate() {
            agreement_index.entry(record.id.clone()).or_insert(i);
        }
        Registry {
            settings,
            settings_file,
            mou,
            organisations,
            agreements,
            unloaded_organisations: HashSet::new(),
            unloaded_agreements: HashSet::new(),
            organisation_index,
            agreement_index,
        }
    }

    pub fn organisation(&self, id: &str) -> Option<&Record<Organisation>> {
        self.organisation_position(id)
            .map(|i| &self.organisations[i])
    }

    /// Where a loaded organisation stands in `organisations`.
    pub fn organisation_position(&self, id: &str) -> Option<usize> {
        self.organisation_index.get(id).copied()
    }

    pub fn agreement(&self, id: &str) -> Option<&Record<Agreement>> {
        self.agreement_index.get(id).map(|&i| &self.agreements[i])
    }

    /// Whether an organisation file with this id exists, loaded or not.
    pub fn knows_organisation(&self, id: &str) -> bool {
        self.organisation_index.contains_key(id) || self.unloaded_organisations.contains(id)
    }

    pub fn knows_agreement(&self, id: &str) -> bool {
        self.agreement_index.contains_key(id) || self.unloaded_agreements.contains(id)
    }

    /// The officer `officer` of organisation `org`, when both are loaded.
    pub fn officer(&self, org: &str, officer: &str) -> Option<&Officer> {
        self.organisation(org)?.officer(officer)
    }
}
