//! Sign-off: what is signed (the digest), who signed it (git history), and
//! how far the proof goes (recorded, or verified by SSH signature).

pub mod history;
pub mod since;
pub mod trailer;
pub mod verify;

use crate::date::Date;
use crate::model::SignoffLevel;
use crate::registry::Registry;
use git2::{Oid, Repository};
use history::Trailer;
use std::collections::HashMap;
use std::path::PathBuf;
use verify::{Verification, Verifier};

/// Where the registry's history is, if it has one.
#[derive(Clone, Debug)]
pub enum Git {
    /// No history to read, and why (said in a note).
    Absent(String),
    /// A repository whose history cannot be read, and why (an error).
    Broken(String),
    Repo {
        /// The repository's `.git` folder.
        path: PathBuf,
        /// The registry folder within the work tree (`""` or `"sub/"`).
        prefix: String,
        /// The revision whose history is read.
        rev: Oid,
        /// The state a change is judged against (`--base`): signing keys
        /// count for a sign-off this change brings only as they stood
        /// here, whatever the merge style.
        base: Option<Oid>,
    },
}

/// A party's sign-off of an agreement's current digest.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PartySignOff {
    pub org: String,
    pub officer: String,
    pub commit: String,
    /// The day it was made (for one given on paper, the day on paper).
    pub date: Date,
    pub level: SignoffLevel,
    /// For a sign-off given on paper and transcribed: what the paper is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// Who has signed an agreement's current version, and what is wrong.
#[derive(Clone, Debug, Default)]
pub struct AgreementSignOffs {
    /// Sign-offs that count at the registry's level.
    pub signed: Vec<PartySignOff>,
    /// Org ids of parties (with a signatory) with no sign-off of the
    /// current digest by their signatory.
    pub missing: Vec<String>,
    /// Recorded sign-offs that the `verified` policy does not accept, and why.
    pub unverified: Vec<(PartySignOff, String)>,
    /// Trailers for the current digest by someone who is no party's signatory.
    pub strangers: Vec<Trailer>,
    /// For a version still awaiting sign-off: the day it reached the
    /// branch. `None` when it is fully signed, or not yet committed.
    pub since: Option<Date>,
    /// For a fully signed version: the day its last sign-off was made.
    pub signed_off_on: Option<Date>,
    /// Reviews of the current version by a controller party's DPO that
    /// count (`officer` is the DPO).
    pub reviews: Vec<PartySignOff>,
    /// Controller parties whose DPO has not reviewed the current version.
    pub review_missing: Vec<String>,
    /// Reviews that the `verified` policy does not accept, and why.
    pub review_unverified: Vec<(PartySignOff, String)>,
}

impl AgreementSignOffs {
    /// Whether every party that signs has signed this version, at the
    /// registry's level.
    pub fn is_complete(&self) -> bool {
        !self.signed.is_empty() && self.missing.is_empty() && self.unverified.is_empty()
    }
}

/// The state of the history, as the history rules see it.
#[derive(Clone, Debug)]
pub enum HistoryState {
    /// There is no history to read (no repository, no commits), and why.
    Unavailable(String),
    Shallow,
    /// The history exists but could not be read completely: sign-off
    /// cannot be decided, which is an error, never a reason to skip it.
    Unreadable(history::Broken),
    Read(HashMap<String, AgreementSignOffs>),
}

impl HistoryState {
    /// Why sign-off could not be read, in words that follow "Sign-off was
    /// not checked: "; `None` when it was read.
    pub fn why_not_read(&self) -> Option<String> {
        match self {
            HistoryState::Read(_) => None,
            HistoryState::Shallow => Some("the repository is a shallow clone".to_owned()),
            HistoryState::Unavailable(why) => Some(why.clone()),
            HistoryState::Unreadable(broken) => Some(broken.to_string()),
        }
    }

    pub fn of(&self, agreement: &str) -> Option<&AgreementSignOffs> {
        match self {
            HistoryState::Read(map) => map.get(agreement),
            _ => None,
        }
    }
}

/// The history read from a repository, ready to be matched against a
/// registry.
pub struct ReadHistory {
    repo: Repository,
    prefix: String,
    rev: Oid,
    base: Option<Oid>,
    history: history::History,
}

/// Reads the sign-off trailers of `git`'s history. This needs no registry,
/// so `isg check` runs it while the registry loads. `Err` is the state to
/// report when there is no usable history.
pub fn read(git: &Git) -> Result<ReadHistory, HistoryState> {
    let (path, prefix, rev, base) = match git {
        Git::Absent(why) => return Err(HistoryState::Unavailable(why.clone())),
        Git::Broken(why) => {
            return Err(HistoryState::Unreadable(history::Broken {
                commit: None,
                why: why.clone(),
            }));
        }
        Git::Repo {
            path,
            prefix,
            rev,
            base,
        } => (path, prefix, rev, base),
    };
    let repo = Repository::open(path).map_err(|error| {
        HistoryState::Unreadable(history::Broken {
            commit: None,
            why: format!("the repository could not be opened: {}", error.message()),
        })
    })?;
    if repo.is_shallow() {
        return Err(HistoryState::Shallow);
    }
    let history = history::read(&repo, *rev, prefix).map_err(HistoryState::Unreadable)?;
    Ok(ReadHistory {
        repo,
        prefix: prefix.clone(),
        rev: *rev,
        base: *base,
        history,
    })
}

/// Reads the history and works out every agreement's sign-offs.
pub fn evaluate(git: &Git, registry: &Registry) -> HistoryState {
    match_signoffs(read(git), registry)
}

/// Works out every agreement's sign-offs from a history already read.
pub fn match_signoffs(
    read: Result<ReadHistory, HistoryState>,
    registry: &Registry,
) -> HistoryState {
    let ReadHistory {
        repo,
        prefix,
        rev,
        base,
        history,
    } = match read {
        Ok(read) => read,
        Err(state) => return state,
    };
    let (prefix, rev) = (&prefix, &rev);
    let verifier = match registry.settings.policy.signoff {
        SignoffLevel::Verified => match Verifier::new(&repo, *rev, prefix, base) {
            Ok(verifier) => Some(verifier),
            // Without the first-parent chain no signature can be judged;
            // counting sign-offs as recorded instead would switch the
            // policy off.
            Err(error) => {
                return HistoryState::Unreadable(history::Broken {
                    commit: None,
                    why: error.message().to_owned(),
                });
            }
        },
        // `transcribed` is no policy (the schema allows recorded or verified).
        SignoffLevel::Recorded | SignoffLevel::Transcribed => None,
    };
    let mut by_agreement: HashMap<&str, Vec<&Trailer>> = HashMap::new();
    for trailer in &history.trailers {
        by_agreement
            .entry(trailer.agreement.as_str())
            .or_default()
            .push(trailer);
    }
    let mut result = HashMap::with_capacity(registry.agreements.len());
    // Digests of committed versions other than the one loaded, by their
    // files: parsed once each, and only when a sign-off needs one.
    let mut committed_digests: HashMap<history::BlobIds, Option<String>> = HashMap::new();
    for agreement in &registry.agreements {
        let mut state = AgreementSignOffs::default();
        let current: Vec<&Trailer> = by_agreement
            .get(agreement.id.as_str())
            .map(|trailers| {
                trailers
                    .iter()
                    .copied()
                    .filter(|t| t.digest == agreement.digest)
                    .collect()
            })
            .unwrap_or_default();
        // You sign what is committed: a sign-off counts only if the
        // agreement had this version in the commit's own tree (the same
        // files as those loaded, or others with the same digest), never a
        // version committed later.
        let mut committed_here = |trailer: &Trailer| match trailer.committed {
            None => false,
            Some(files) if Some(files) == agreement.blob_ids => true,
            Some(files) => {
                committed_digests
                    .entry(files)
                    .or_insert_with(|| history::digest_of_blobs(&repo, files))
                    .as_deref()
                    == Some(agreement.digest.as_str())
            }
        };
        let counted: Vec<bool> = current
            .iter()
            .map(|t| t.in_block && committed_here(t))
            .collect();
        let signatory_email = |org: &str, officer: &str| {
            registry
                .officer(org, officer)
                .and_then(|o| o.email.as_ref())
                .map(|email| email.to_string())
        };
        // Who may transcribe a sign-off given on paper: an administrator
        // or IG lead of the lead organisation.
        let may_transcribe = |email: &str| {
            agreement
                .lead
                .as_deref()
                .is_some_and(|lead| registry.may_transcribe(lead, email))
        };
        for party in &agreement.parties {
            let Some(officer) = &party.signatory else {
                continue;
            };
            let email = signatory_email(&party.org, officer);
            let mut theirs: Vec<&&Trailer> = current
                .iter()
                .zip(&counted)
                .filter(|(t, counts)| {
                    **counts
                        && t.transcription.is_none()
                        && !t.review
                        && email
                            .as_deref()
                            .is_some_and(|email| email.eq_ignore_ascii_case(&t.author_email))
                })
                .map(|(t, _)| t)
                .collect();
            // Earliest first, so the first sign-off is the one shown.
            theirs.sort_by_key(|t| (t.date, t.commit));
            let sign_off = |trailer: &Trailer, level| PartySignOff {
                org: party.org.to_string(),
                officer: officer.to_string(),
                commit: trailer.commit.to_string(),
                date: trailer.date,
                level,
                evidence: None,
            };
            if theirs.is_empty() {
                // A sign-off given on paper and transcribed, if there is one.
                let paper = current
                    .iter()
                    .zip(&counted)
                    .filter(|(t, counts)| **counts && may_transcribe(&t.author_email))
                    .filter_map(|(t, _)| Some((*t, t.transcription.as_ref()?)))
                    .filter(|(_, paper)| paper.org == party.org.as_str())
                    .min_by_key(|(t, paper)| (paper.on, t.commit));
                let Some((trailer, paper)) = paper else {
                    state.missing.push(party.org.to_string());
                    continue;
                };
                let transcribed = PartySignOff {
                    date: paper.on,
                    evidence: Some(paper.evidence.clone()),
                    ..sign_off(trailer, SignoffLevel::Transcribed)
                };
                if verifier.is_some() && !registry.settings.policy.accept_transcribed {
                    state.unverified.push((
                        transcribed,
                        format!(
                            "it is transcribed from paper (given on {}: {}), and the policy asks for verified sign-offs unless `accept_transcribed: true`",
                            paper.on, paper.evidence
                        ),
                    ));
                } else {
                    state.signed.push(transcribed);
                }
                continue;
            }
            match &verifier {
                None => state
                    .signed
                    .push(sign_off(theirs[0], SignoffLevel::Recorded)),
                Some(verifier) => {
                    let mut why_not = String::new();
                    let verified = theirs.iter().find(|t| {
                        match verifier.verify(t.commit, &party.org, officer) {
                            Verification::Verified => true,
                            Verification::Failed(why) => {
                                why_not = why;
                                false
                            }
                        }
                    });
                    match verified {
                        Some(trailer) => {
                            state.signed.push(sign_off(trailer, SignoffLevel::Verified))
                        }
                        None => state
                            .unverified
                            .push((sign_off(theirs[0], SignoffLevel::Recorded), why_not)),
                    }
                }
            }
        }
        let signatories: Vec<String> = agreement
            .parties
            .iter()
            .filter_map(|party| signatory_email(&party.org, party.signatory.as_deref()?))
            .collect();
        state.strangers = current
            .iter()
            .filter(|t| !t.review)
            .filter(|t| match &t.transcription {
                None => !signatories
                    .iter()
                    .any(|email| email.eq_ignore_ascii_case(&t.author_email)),
                // A transcription counts only by the lead's administrator,
                // for a party that signs.
                Some(paper) => {
                    !may_transcribe(&t.author_email)
                        || agreement
                            .party(&paper.org)
                            .is_none_or(|party| party.signatory.is_none())
                }
            })
            .map(|t| (*t).clone())
            .collect();
        if state.is_complete() {
            state.signed_off_on = state.signed.iter().map(|s| s.date).max();
        }
        // Each controller's DPO reviews the version, by the same rules of
        // author, version committed and signature as a sign-off.
        let reviews: Vec<&Trailer> = current
            .iter()
            .zip(&counted)
            .filter(|(t, counts)| **counts && t.review)
            .map(|(t, _)| *t)
            .collect();
        for party in agreement
            .parties
            .iter()
            .filter(|party| party.role != crate::model::PartyRole::Processor)
        {
            let mut theirs: Vec<(&Trailer, &crate::model::Officer)> = reviews
                .iter()
                .filter_map(|t| {
                    let officer = registry.officer_by_email(&party.org, &t.author_email)?;
                    officer
                        .has_role(crate::model::OfficerRole::Dpo)
                        .then_some((*t, officer))
                })
                .collect();
            theirs.sort_by_key(|(t, _)| (t.date, t.commit));
            let review = |trailer: &Trailer, officer: &crate::model::Officer, level| PartySignOff {
                org: party.org.to_string(),
                officer: officer.id.to_string(),
                commit: trailer.commit.to_string(),
                date: trailer.date,
                level,
                evidence: None,
            };
            let Some((first, dpo)) = theirs.first() else {
                state.review_missing.push(party.org.to_string());
                continue;
            };
            match &verifier {
                None => state
                    .reviews
                    .push(review(first, dpo, SignoffLevel::Recorded)),
                Some(verifier) => {
                    let mut why_not = String::new();
                    let verified = theirs.iter().find(|(t, officer)| {
                        match verifier.verify(t.commit, &party.org, &officer.id) {
                            Verification::Verified => true,
                            Verification::Failed(why) => {
                                why_not = why;
                                false
                            }
                        }
                    });
                    match verified {
                        Some((t, officer)) => {
                            state
                                .reviews
                                .push(review(t, officer, SignoffLevel::Verified))
                        }
                        None => state
                            .review_unverified
                            .push((review(first, dpo, SignoffLevel::Recorded), why_not)),
                    }
                }
            }
        }
        result.insert(agreement.id.to_string(), state);
    }
    // How long the versions still awaiting sign-off have been waiting.
    let awaiting: Vec<(&str, &str)> = registry
        .agreements
        .iter()
        .filter(|a| result.get(a.id.as_str()).is_some_and(|s| !s.is_complete()))
        .map(|a| (a.id.as_str(), a.digest.as_str()))
        .collect();
    match since::reached(&repo, &history.commits, *rev, prefix, &awaiting) {
        Ok(reached) => {
            for (id, date) in reached {
                if let Some(state) = result.get_mut(&id) {
                    state.since = Some(date);
                }
            }
        }
        Err(broken) => return HistoryState::Unreadable(broken),
    }
    HistoryState::Read(result)
}
