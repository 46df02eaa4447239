//! The loaded registry: every record that could be read, indexed by id.

pub mod codes;
mod comment_in_value;
mod hidden_characters;
pub mod load;

pub use load::{Loaded, load, load_for_history};

use crate::model::{Agreement, Mou, Officer, Organisation, Settings, Text};
use crate::text::suggest::did_you_mean;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

/// Where each id's record is. Rules look up every reference of a national
/// registry here (half a million of them), so the hash is foldhash rather
/// than the standard library's slower SipHash; it is still seeded at random.
/// Keys are [`Text`], so a lookup compares the ids held in the table itself
/// rather than following a pointer to each.
type IdIndex = HashMap<Text, usize, foldhash::fast::RandomState>;
use std::ops::Deref;

/// A record and the file it came from. The record is boxed: it is made on
/// whichever thread read the file and moves into the registry as a pointer.
#[derive(Clone, Debug)]
pub struct Record<T> {
    /// Path relative to the registry root, with `/` separators.
    pub file: String,
    pub data: Box<T>,
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
    organisation_index: IdIndex,
    agreement_index: IdIndex,
    /// [`Registry::closest_organisation`]'s answers: several rules ask
    /// about the same misspelt id, and each answer is a search of every id.
    closest_organisations: Mutex<HashMap<String, Option<usize>>>,
    /// The organisations by their initials (`None` where several share
    /// them), made the first time a reference is looked up by initials.
    organisations_by_initials: std::sync::OnceLock<HashMap<String, Option<usize>>>,
}

impl Registry {
    pub fn new(
        settings: Settings,
        settings_file: Option<String>,
        mou: Option<Record<Mou>>,
        mut organisations: Vec<Record<Organisation>>,
        mut agreements: Vec<Record<Agreement>>,
    ) -> Registry {
        // Sorted in place (a stable sort would allocate a copy of the list)
        // and indexed, organisations and agreements side by side.
        let (organisation_index, agreement_index) = rayon::join(
            || {
                organisations.sort_unstable_by(|a, b| a.file.cmp(&b.file));
                index_by_id(&organisations)
            },
            || {
                agreements.sort_unstable_by(|a, b| a.file.cmp(&b.file));
                index_by_id(&agreements)
            },
        );
        Registry {
            settings,
            settings_file,
            mou,
            organisations,
            agreements,
            unloaded_organisations: HashSet::new(),
            unloaded_agreements: HashSet::new(),
            closest_organisations: Mutex::default(),
            organisations_by_initials: std::sync::OnceLock::new(),
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
        self.agreement_position(id).map(|i| &self.agreements[i])
    }

    /// Where a loaded agreement stands in `agreements`.
    pub fn agreement_position(&self, id: &str) -> Option<usize> {
        self.agreement_index.get(id).copied()
    }

    /// Whether an organisation file with this id exists, loaded or not.
    pub fn knows_organisation(&self, id: &str) -> bool {
        self.organisation_index.contains_key(id) || self.unloaded_organisations.contains(id)
    }

    pub fn knows_agreement(&self, id: &str) -> bool {
        self.agreement_index.contains_key(id) || self.unloaded_agreements.contains(id)
    }

    /// The loaded organisation whose id is closest to `id`, when one is
    /// close enough to be what a misspelt `id` meant.
    pub fn closest_organisation(&self, id: &str) -> Option<&str> {
        let answers = || {
            self.closest_organisations
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        let known = answers().get(id).copied();
        let position = known.unwrap_or_else(|| {
            // The index's keys lie side by side, where the records' ids
            // would each be a pointer away.
            // An id written as words (`North Trust`) means the id it is
            // written as (`north-trust`), however far that is letter by letter.
            let closest = crate::schema::as_id(id)
                .and_then(|written| self.organisation_position(&written))
                .or_else(|| {
                    did_you_mean(id, self.organisation_index.keys().map(Text::as_str))
                        .and_then(|closest| self.organisation_position(closest))
                })
                .or_else(|| self.organisation_by_initials(id));
            answers().insert(id.to_owned(), closest);
            closest
        });
        position.map(|at| self.organisations[at].id.as_str())
    }

    /// The one loaded organisation known by the initials `written`, as NHS
    /// bodies and councils are: `NWAS` for North West Ambulance Service NHS
    /// Trust, `UHMBT` for University Hospitals of Morecambe Bay NHS
    /// Foundation Trust, `NW SIS` for a name that gives it in brackets.
    /// `None` when no organisation, or more than one, has them.
    fn organisation_by_initials(&self, written: &str) -> Option<usize> {
        let written = letters_and_digits(written);
        let index = self.organisations_by_initials.get_or_init(|| {
            let mut index: HashMap<String, Option<usize>> = HashMap::new();
            for (at, organisation) in self.organisations.iter().enumerate() {
                let mut own: Vec<String> = initials(&organisation.id, &organisation.name).collect();
                own.sort_unstable();
                own.dedup();
                for known in own {
                    index
                        .entry(known)
                        .and_modify(|found| *found = None)
                        .or_insert(Some(at));
                }
            }
            index
        });
        index.get(&written).copied().flatten()
    }

    /// The organisation's name, or the id itself when it is not loaded.
    pub fn organisation_name_or_id<'s>(&'s self, id: &'s str) -> &'s str {
        self.organisation(id).map_or(id, |org| org.name.as_str())
    }

    /// The officer `officer` of organisation `org`, when both are loaded.
    pub fn officer(&self, org: &str, officer: &str) -> Option<&Officer> {
        self.organisation(org)?.officer(officer)
    }

    /// The officer of organisation `org` whose email is `email`.
    pub fn officer_by_email(&self, org: &str, email: &str) -> Option<&Officer> {
        self.organisation(org)?.officers.iter().find(|officer| {
            officer
                .email
                .as_deref()
                .is_some_and(|own| own.eq_ignore_ascii_case(email))
        })
    }

    /// Whether the officer with `email` may transcribe sign-offs given on
    /// paper for agreements `lead` leads: an administrator or IG lead of it.
    pub fn may_transcribe(&self, lead: &str, email: &str) -> bool {
        self.officer_by_email(lead, email)
            .is_some_and(|officer| officer.may_transcribe())
    }
}

/// The initials an organisation may be known by, in small letters: of its
/// id's parts; of its name's words, all of them, without the words left out
/// of initials (`of`, `and`, `NHS`, `Foundation`), and without `Trust` as
/// well; and what its name gives in brackets (`(NW SIS)`).
fn initials<'a>(id: &'a str, name: &'a str) -> impl Iterator<Item = String> + 'a {
    // Left out of initials; `Trust` only in some.
    const LEFT_OUT: [&str; 7] = ["of", "and", "the", "for", "nhs", "foundation", "trust"];
    let (keeping_trust, without_trust) = (&LEFT_OUT[..6], &LEFT_OUT[..]);
    let of_words = |words: &mut dyn Iterator<Item = &str>, leave_out: &[&str]| -> String {
        words
            .filter(|word| !leave_out.iter().any(|left| word.eq_ignore_ascii_case(left)))
            .filter_map(|word| word.chars().next())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let words = || {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
    };
    let bracketed = name
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inside, _)| letters_and_digits(inside));
    [
        Some(of_words(&mut id.split('-'), &[])),
        Some(of_words(&mut words(), &[])),
        Some(of_words(&mut words(), keeping_trust)),
        Some(of_words(&mut words(), without_trust)),
        bracketed,
    ]
    .into_iter()
    .flatten()
    .filter(|initials| initials.len() >= 2)
}

/// The ASCII letters and digits of `text`, in small letters: `NW SIS` is
/// `nwsis`.
fn letters_and_digits(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a record's file is named after its id: `organisations/<id>.yaml`
/// or `agreements/<id>/agreement.yaml`.
pub fn named_after_id(file: &str, id: &str) -> bool {
    file_name_id(file) == Some(id)
}

/// The id a record's file is named with: `x` for `organisations/x.yaml` and
/// for `agreements/x/agreement.yaml`.
pub fn file_name_id(file: &str) -> Option<&str> {
    let stem = file
        .strip_suffix("/agreement.yaml")
        .or_else(|| file.strip_suffix(".yaml"))
        .unwrap_or(file);
    stem.rsplit('/').next()
}

/// Indexes records by id. When two records claim one id (a copied file
/// whose id was not changed), the one whose file is named after the id is
/// the real one; `duplicate-id` reports the other.
fn index_by_id<T: HasId>(records: &[Record<T>]) -> IdIndex {
    let mut index = IdIndex::with_capacity_and_hasher(records.len(), Default::default());
    for (i, record) in records.iter().enumerate() {
        let id = record.data.id();
        match index.get(id) {
            Some(&first)
                if !named_after_id(&records[first].file, id)
                    && named_after_id(&record.file, id) =>
            {
                index.insert(Text::from(id), i);
            }
            Some(_) => {}
            None => {
                index.insert(Text::from(id), i);
            }
        }
    }
    index
}

/// Records that carry an id.
pub trait HasId {
    fn id(&self) -> &str;
}

impl HasId for Organisation {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Agreement {
    fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn organisations_are_known_by_the_initials_people_use() {
        let of = |id: &str, name: &str| initials(id, name).collect::<Vec<_>>();
        let nwas = of(
            "north-west-ambulance-service",
            "North West Ambulance Service NHS Trust",
        );
        assert!(nwas.contains(&"nwas".to_owned()), "{nwas:?}");
        let uhmb = of(
            "university-hospitals-morecambe-bay",
            "University Hospitals of Morecambe Bay NHS Foundation Trust",
        );
        for known in ["uhmb", "uhmbt"] {
            assert!(uhmb.contains(&known.to_owned()), "{known} in {uhmb:?}");
        }
        let sis = of(
            "north-west-shared-infrastructure-service",
            "North West Shared Infrastructure Service (NW SIS)",
        );
        assert!(sis.contains(&"nwsis".to_owned()), "{sis:?}");
        // One letter is no one's initials.
        assert!(of("icb", "ICB").is_empty());
    }
}
