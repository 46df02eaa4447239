//! The assessment: the registry judged as of a date. Each organisation's
//! assurance (`assurance.rs`) and every agreement's sign-off state, read
//! from git history by `signoff`, in one value that the rules, `isg
//! status`, the documents and the service read, so that the level shown
//! anywhere is worked out in one place.

pub mod assurance;
pub mod awaiting;

use crate::date::Date;
use crate::registry::Registry;
use crate::signoff::HistoryState;
use assurance::{Assurance, assess};
use rayon::prelude::*;

/// The registry judged as of a date: every organisation's assurance
/// (worked out once) and the sign-offs read from git history. The rules,
/// `isg status` and the documents all read this.
pub struct Assessment<'a> {
    pub registry: &'a Registry,
    pub today: Date,
    pub history: HistoryState,
    assurances: Vec<Assurance>,
}

impl<'a> Assessment<'a> {
    pub fn new(registry: &'a Registry, today: Date, history: HistoryState) -> Assessment<'a> {
        let mou = registry.mou.as_ref().map(|record| &*record.data);
        let assurances = registry
            .organisations
            .par_iter()
            .map(|org| assess(org, mou, &registry.settings.policy, today))
            .collect();
        Assessment {
            registry,
            today,
            history,
            assurances,
        }
    }

    /// The sign-offs this assessment was made with, given back.
    pub fn into_history(self) -> HistoryState {
        self.history
    }

    /// The assurance of each organisation, in `registry.organisations` order.
    pub fn assurances(&self) -> &[Assurance] {
        &self.assurances
    }

    /// The assurance of a loaded organisation.
    pub fn assurance_of(&self, org: &str) -> Option<&Assurance> {
        self.assurances
            .get(self.registry.organisation_position(org)?)
    }
}
