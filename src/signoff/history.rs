//! Reading sign-offs from git history: every commit reachable from the
//! revision whose message ends with the trailer `Agreement-Sign-Off: <id>
//! sha256:<hex>`, with the agreement's files as they were in the commit's
//! own tree (a sign-off counts only for the digest they had there).

use super::trailer;
use crate::date::Date;
use git2::{Oid, Repository, Sort};
use std::collections::HashMap;
use std::path::Path;

/// The trailer key, as `isg sign` writes it. Only this spelling counts.
pub const TRAILER: &str = "Agreement-Sign-Off";

/// The trailer of a sign-off given on paper and transcribed
/// (`isg sign --transcribe`): `<id> sha256:<hex> <org> <YYYY-MM-DD>`.
pub const TRANSCRIBED: &str = "Agreement-Sign-Off-Transcribed";

/// The trailer of a DPO's review of an agreement's version (`isg review`):
/// `<id> sha256:<hex>`.
pub const REVIEW: &str = "Agreement-Review";

/// The trailer beside [`TRANSCRIBED`] saying what the paper approval is.
pub const EVIDENCE: &str = "Transcription-Evidence";

/// A sign-off given on paper: for which party, on which day, and the
/// evidence (minutes, the reference of a scanned sheet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcription {
    pub org: String,
    pub on: Date,
    pub evidence: String,
}

/// One sign-off trailer in one commit.
#[derive(Clone, Debug)]
pub struct Trailer {
    pub commit: Oid,
    pub author_name: String,
    pub author_email: String,
    pub date: Date,
    pub agreement: String,
    pub digest: String,
    /// Whether the line is a trailer by git's rules (in the message's final
    /// trailer block, key spelled exactly). Other lines that look like
    /// sign-offs are kept only to recognise a squash merge, whose message
    /// quotes the sign-offs of the commits it replaced.
    pub in_block: bool,
    /// The ids of the agreement's files in the commit's own tree (record,
    /// narrative), or `None` when the tree holds no such agreement: the
    /// sign-off counts only if they have the digest signed.
    pub committed: Option<BlobIds>,
    /// How many sign-off lines the commit carries in all, counted or not.
    pub in_commit: usize,
    /// For a sign-off given on paper, transcribed by the commit's author:
    /// whose, when and the evidence. `None` for a signatory's own sign-off.
    pub transcription: Option<Transcription>,
    /// Whether this is a DPO's review (`Agreement-Review`), not a sign-off.
    pub review: bool,
}

/// Git's ids of an agreement's two files: the record, and the narrative
/// if there is one.
pub type BlobIds = ([u8; 20], Option<[u8; 20]>);

/// Every sign-off trailer reachable from a revision.
#[derive(Debug, Default)]
pub struct History {
    pub trailers: Vec<Trailer>,
    /// Every commit read: its first parent, its committer's time and its
    /// tree, so that walking the branch back (`since`) needs no commit
    /// read again.
    pub commits: HashMap<Oid, Walked>,
}

/// What the walk back along a branch needs of a commit.
#[derive(Clone, Copy, Debug)]
pub struct Walked {
    pub first_parent: Option<Oid>,
    /// Seconds since 1970 (the committer's time).
    pub time: i64,
    pub tree: Oid,
}

/// Why the history could not be read completely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// The commit that could not be read, when it is known.
    pub commit: Option<Oid>,
    /// What could not be read, in git's words.
    pub why: String,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.commit {
            Some(commit) => write!(f, "commit {commit} could not be read ("),
            None => write!(f, "the history could not be read ("),
        }?;
        write!(f, "git says: {})", self.why)
    }
}

/// A sign-off line of a message: `(agreement, digest, counts)`, where
/// `counts` says it is a trailer of the final block by git's rules.
/// Lines elsewhere that look like sign-offs (in any case of the key) are
/// listed too, as not counting.
pub fn parse_message(message: &str) -> Vec<(String, String, bool)> {
    let mut found: Vec<(String, String, bool)> = Vec::new();
    trailer::each(message.as_bytes(), |key, value| {
        if key == TRAILER.as_bytes()
            && let Some((agreement, digest)) =
                std::str::from_utf8(&value).ok().and_then(sign_off_value)
        {
            found.push((agreement.to_owned(), digest.to_owned(), true));
        }
    });
    // Quoted lines: every line that looks like a sign-off, less those the
    // trailer block holds. Most messages have none beyond those.
    let counted = found.len();
    let mut matched = vec![false; counted];
    for line in message.lines() {
        let Some((key, value)) = line.trim().split_once(':') else {
            continue;
        };
        if !key.trim().eq_ignore_ascii_case(TRAILER) {
            continue;
        }
        let Some((agreement, digest)) = sign_off_value(value) else {
            continue;
        };
        let already = found[..counted]
            .iter()
            .zip(matched.iter_mut())
            .find(|((a, d, _), seen)| !**seen && a == agreement && d == digest);
        match already {
            Some((_, seen)) => *seen = true,
            None => found.push((agreement.to_owned(), digest.to_owned(), false)),
        }
    }
    found
}

/// The transcribed sign-off of a message's final trailer block, if any:
/// `(agreement, digest, transcription)`. Only the first counts, with the
/// first evidence trailer; either missing or malformed, there is none.
pub fn parse_transcription(message: &str) -> Option<(String, String, Transcription)> {
    let mut found: Option<(String, String, String, Date)> = None;
    let mut evidence: Option<String> = None;
    trailer::each(message.as_bytes(), |key, value| {
        let Ok(value) = std::str::from_utf8(&value) else {
            return;
        };
        if key == TRANSCRIBED.as_bytes() && found.is_none() {
            let words: Vec<&str> = value.split_whitespace().collect();
            if let [agreement, digest, org, on] = words[..]
                && is_digest(digest)
                && let Some(on) = Date::parse(on)
            {
                found = Some((agreement.to_owned(), digest.to_owned(), org.to_owned(), on));
            }
        } else if key == EVIDENCE.as_bytes() && evidence.is_none() {
            let text = value.trim();
            if !text.is_empty() {
                evidence = Some(text.to_owned());
            }
        }
    });
    let (agreement, digest, org, on) = found?;
    Some((
        agreement,
        digest,
        Transcription {
            org,
            on,
            evidence: evidence?,
        },
    ))
}

/// The DPO reviews of a message's final trailer block: `(agreement, digest)`.
pub fn parse_reviews(message: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    trailer::each(message.as_bytes(), |key, value| {
        if key == REVIEW.as_bytes()
            && let Some((agreement, digest)) =
                std::str::from_utf8(&value).ok().and_then(sign_off_value)
        {
            found.push((agreement.to_owned(), digest.to_owned()));
        }
    });
    found
}

/// `<agreement-id> sha256:<64 lower-case hex digits>`, and nothing else.
fn sign_off_value(value: &str) -> Option<(&str, &str)> {
    let mut words = value.split_whitespace();
    let (Some(agreement), Some(digest), None) = (words.next(), words.next(), words.next()) else {
        return None;
    };
    is_digest(digest).then_some((agreement, digest))
}

/// `sha256:` and 64 lower-case hex digits.
fn is_digest(digest: &str) -> bool {
    digest.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

/// Whether a message contains a sign-off or review trailer key, in any
/// case, without allocating: the walk calls this for every commit in the
/// history. (The transcription key starts with the sign-off key.)
fn mentions_trailer(message: &[u8]) -> bool {
    [TRAILER, REVIEW].iter().any(|key| {
        let key = key.as_bytes();
        message
            .windows(key.len())
            .any(|window| window.eq_ignore_ascii_case(key))
    })
}

/// The files of agreements as committed. Looking a path up in a commit's
/// tree reads every folder on the way, and `agreements/` holds a folder per
/// agreement (20,000 at national scale), so the folder last met is kept as
/// a map, and each agreement folder's files by the folder's id: sign-off
/// commits of one version share them.
#[derive(Default)]
struct CommittedFiles {
    /// The `agreements/` folder of each commit tree met: empty sign-off
    /// commits share their parent's tree, so most are met many times.
    roots: HashMap<Oid, Option<Oid>>,
    /// The `agreements/` folder last read: its id, and each agreement
    /// folder's id by agreement id.
    folder: Option<(Oid, HashMap<String, Oid>)>,
    files: HashMap<Oid, Option<BlobIds>>,
}

impl CommittedFiles {
    /// The files of agreement `id` in the commit tree `tree`, or `None`
    /// when the tree has no agreement of that id.
    fn of(&mut self, repo: &Repository, tree: Oid, prefix: &str, id: &str) -> Option<BlobIds> {
        // Ids from messages are checked before they become paths.
        if !crate::schema::is_id(id) {
            return None;
        }
        let agreements = (*self.roots.entry(tree).or_insert_with(|| {
            repo.find_tree(tree)
                .ok()?
                .get_path(Path::new(&format!("{prefix}agreements")))
                .ok()
                .filter(|entry| entry.kind() == Some(git2::ObjectType::Tree))
                .map(|entry| entry.id())
        }))?;
        if self
            .folder
            .as_ref()
            .is_none_or(|(oid, _)| *oid != agreements)
        {
            let folder = repo.find_tree(agreements).ok()?;
            let entries = folder
                .iter()
                .filter(|entry| entry.kind() == Some(git2::ObjectType::Tree))
                .filter_map(|entry| Some((entry.name().ok()?.to_owned(), entry.id())))
                .collect();
            self.folder = Some((agreements, entries));
        }
        let agreement = *self.folder.as_ref()?.1.get(id)?;
        *self
            .files
            .entry(agreement)
            .or_insert_with(|| files_of(repo, agreement))
    }
}

/// Git's ids of the files in an agreement's folder, or `None` when it
/// holds no agreement record.
pub fn files_of(repo: &Repository, folder: Oid) -> Option<BlobIds> {
    let folder = repo.find_tree(folder).ok()?;
    let blob = |name: &str| {
        folder
            .get_name(name)
            .filter(|entry| entry.kind() == Some(git2::ObjectType::Blob))
            .and_then(|entry| entry.id().as_bytes().try_into().ok())
    };
    Some((
        blob(crate::source::layout::AGREEMENT_FILE)?,
        blob(crate::source::layout::NARRATIVE_FILE),
    ))
}

/// The digest of a committed version of an agreement, from its files.
pub fn digest_of_blobs(repo: &Repository, (yaml, narrative): BlobIds) -> Option<String> {
    let text = |id: [u8; 20]| {
        let blob = repo.find_blob(Oid::from_bytes(&id).ok()?).ok()?;
        crate::source::decode(blob.content().to_vec()).ok()
    };
    let yaml = text(yaml)?;
    let narrative = match narrative {
        Some(id) => Some(text(id)?),
        None => None,
    };
    let parsed = crate::source::yaml::read(&yaml);
    let document = parsed.document?;
    let digest = crate::model::digest::digest(document.root(), narrative.as_deref());
    crate::source::yaml::recycle(document);
    Some(digest)
}

/// Walks every commit reachable from `rev` (merged branches included).
/// `prefix` is the registry's folder within the repository. Every commit
/// must be readable: one that is not is reported, never passed over.
pub fn read(repo: &Repository, rev: Oid, prefix: &str) -> Result<History, Broken> {
    let broken = |commit: Option<Oid>, error: git2::Error| Broken {
        commit,
        why: error.message().to_owned(),
    };
    let mut walk = repo.revwalk().map_err(|e| broken(None, e))?;
    walk.push(rev).map_err(|e| broken(Some(rev), e))?;
    // Order does not matter here (the earliest sign-off is chosen by date
    // later), and an unsorted walk does not have to read the whole graph
    // before yielding the first commit.
    walk.set_sorting(Sort::NONE).map_err(|e| broken(None, e))?;
    let mut history = History::default();
    let mut committed = CommittedFiles::default();
    for oid in walk {
        let oid = oid.map_err(|e| broken(None, e))?;
        let commit = repo.find_commit(oid).map_err(|e| broken(Some(oid), e))?;
        history.commits.insert(
            oid,
            Walked {
                first_parent: commit.parent_id(0).ok(),
                time: commit.time().seconds(),
                tree: commit.tree_id(),
            },
        );
        // Most commits are not sign-offs: skip them before decoding.
        if !mentions_trailer(commit.message_raw_bytes()) {
            continue;
        }
        let message = String::from_utf8_lossy(commit.message_raw_bytes());
        let trailers = parse_message(&message);
        let author = commit.author();
        let date = Date::from_unix_seconds(author.when().seconds());
        let in_commit = trailers.len();
        let tree = commit.tree_id();
        let transcription = parse_transcription(&message);
        let author_name = String::from_utf8_lossy(author.name_bytes()).into_owned();
        let author_email = String::from_utf8_lossy(author.email_bytes()).into_owned();
        let reviews = parse_reviews(&message);
        let lines =
            trailers
                .into_iter()
                .map(|(agreement, digest, in_block)| (agreement, digest, in_block, None, false))
                .chain(transcription.map(|(agreement, digest, paper)| {
                    (agreement, digest, true, Some(paper), false)
                }))
                .chain(
                    reviews
                        .into_iter()
                        .map(|(agreement, digest)| (agreement, digest, true, None, true)),
                );
        for (agreement, digest, in_block, transcription, review) in lines {
            let files = match in_block {
                true => committed.of(repo, tree, prefix, &agreement),
                false => None,
            };
            history.trailers.push(Trailer {
                commit: commit.id(),
                author_name: author_name.clone(),
                author_email: author_email.clone(),
                date,
                agreement,
                digest,
                in_block,
                committed: files,
                in_commit,
                transcription,
                review,
            });
        }
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::{parse_message, parse_transcription};

    const DIGEST: &str = "sha256:8797518d29daab22163302f8a08ce137b6567ff370f4e9a1aa747b9ad440586f";

    #[test]
    fn finds_trailers_and_where_they_stand() {
        let message = format!("Sign off tv\n\nAgreement-Sign-Off: tv {DIGEST}\n");
        assert_eq!(
            parse_message(&message),
            vec![("tv".to_owned(), DIGEST.to_owned(), true)]
        );
        let squash = format!(
            "Agreement (#12)\n\n* Sign off tv\n\nAgreement-Sign-Off: tv {DIGEST}\n\n* Sign off tv\n\nagreement-sign-off: tv {DIGEST}\n"
        );
        let found = parse_message(&squash);
        assert_eq!(found.len(), 2);
        assert!(
            found.iter().all(|(_, _, counts)| !counts),
            "a key in another case is no trailer, a quoted line no sign-off: {found:?}"
        );
    }

    #[test]
    fn a_trailer_hidden_in_the_subject_or_body_is_not_a_sign_off() {
        for message in [
            format!("Sign off \"Referrals\nAgreement-Sign-Off: other {DIGEST}\n\" for A\n"),
            format!(
                "Sign off \"Referrals\nAgreement-Sign-Off: other {DIGEST}\n\" for A\n\nAgreement-Sign-Off: tv {DIGEST}\n"
            ),
            format!("Subject\n\nAgreement-Sign-Off: other {DIGEST}\n\nA closing line.\n"),
        ] {
            let counted: Vec<_> = parse_message(&message)
                .into_iter()
                .filter(|(agreement, _, counts)| *counts && agreement == "other")
                .collect();
            assert!(counted.is_empty(), "{message:?}: {counted:?}");
        }
    }

    #[test]
    fn reads_a_transcription_and_its_evidence_from_the_final_block() {
        let message = format!(
            "Transcribe\n\nAgreement-Sign-Off-Transcribed: tv {DIGEST} b-org 2016-08-05\nTranscription-Evidence: Board, minute 7\n"
        );
        let (agreement, digest, paper) = parse_transcription(&message).unwrap();
        assert_eq!((agreement.as_str(), digest.as_str()), ("tv", DIGEST));
        assert_eq!(paper.org, "b-org");
        assert_eq!(paper.on.to_string(), "2016-08-05");
        assert_eq!(paper.evidence, "Board, minute 7");
        // No evidence, a date that is no date, a quoted line: none.
        for message in [
            format!("T\n\nAgreement-Sign-Off-Transcribed: tv {DIGEST} b-org 2016-08-05\n"),
            format!(
                "T\n\nAgreement-Sign-Off-Transcribed: tv {DIGEST} b-org 2016-02-30\nTranscription-Evidence: x\n"
            ),
            format!(
                "T\n\nAgreement-Sign-Off-Transcribed: tv {DIGEST} b-org 2016-08-05\nTranscription-Evidence: x\n\nA closing line.\n"
            ),
        ] {
            assert_eq!(parse_transcription(&message), None, "{message}");
        }
    }

    #[test]
    fn ignores_malformed_trailers() {
        for message in [
            "Sign off\n\nAgreement-Sign-Off: tv\n",
            "Sign off\n\nAgreement-Sign-Off: tv sha256:abc\n",
            "Sign off\n\nAgreement-Sign-Off: tv md5:0123\n",
            &format!("Sign off\n\nAgreement-Sign-Off: tv {} extra\n", DIGEST),
        ] {
            assert!(parse_message(message).is_empty(), "{message}");
        }
    }
}
