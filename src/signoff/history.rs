//! Reading sign-offs from git history: every commit reachable from the
//! revision whose message carries `Agreement-Sign-Off: <id> sha256:<hex>`.

use crate::date::Date;
use git2::{Oid, Repository, Sort};

/// The trailer key, as `isg sign` writes it.
pub const TRAILER: &str = "Agreement-Sign-Off";

/// One sign-off trailer in one commit.
#[derive(Clone, Debug)]
pub struct Trailer {
    pub commit: Oid,
    pub author_name: String,
    pub author_email: String,
    pub date: Date,
    pub agreement: String,
    pub digest: String,
    /// Whether the trailer stands in the message's last paragraph, where
    /// trailers belong. Trailers further up are quoted from other commits,
    /// as a squash merge's message does.
    pub in_trailer_block: bool,
    /// How many sign-off trailers the commit carries in all.
    pub in_commit: usize,
}

/// Every sign-off trailer reachable from a revision.
#[derive(Debug, Default)]
pub struct History {
    pub trailers: Vec<Trailer>,
}

/// Parses the sign-off trailers of one commit message: `(agreement,
/// digest, in the last paragraph)`.
pub fn parse_message(message: &str) -> Vec<(String, String, bool)> {
    let last_paragraph_start = message.trim_end().rfind("\n\n").map_or(0, |i| i + 2);
    let mut found = Vec::new();
    let mut offset = 0;
    for line in message.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some((key, value)) = line.trim().split_once(':') else {
            continue;
        };
        if !key.trim().eq_ignore_ascii_case(TRAILER) {
            continue;
        }
        let mut words = value.split_whitespace();
        let (Some(agreement), Some(digest), None) = (words.next(), words.next(), words.next())
        else {
            continue;
        };
        let valid_digest = digest.strip_prefix("sha256:").is_some_and(|hex| {
            hex.len() == 64
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        });
        if valid_digest {
            found.push((
                agreement.to_owned(),
                digest.to_owned(),
                start >= last_paragraph_start,
            ));
        }
    }
    found
}

/// Whether a message contains the trailer key, in any case, without
/// allocating: the walk calls this for every commit in the history.
fn mentions_trailer(message: &[u8]) -> bool {
    let key = TRAILER.as_bytes();
    message
        .windows(key.len())
        .any(|window| window.eq_ignore_ascii_case(key))
}

/// Walks every commit reachable from `rev` (merged branches included).
pub fn read(repo: &Repository, rev: Oid) -> Result<History, git2::Error> {
    let mut walk = repo.revwalk()?;
    walk.push(rev)?;
    // Order does not matter here (the earliest sign-off is chosen by date
    // later), and an unsorted walk does not have to read the whole graph
    // before yielding the first commit.
    walk.set_sorting(Sort::NONE)?;
    let mut history = History::default();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        // Most commits are not sign-offs: skip them before decoding.
        if !mentions_trailer(commit.message_raw_bytes()) {
            continue;
        }
        let message = String::from_utf8_lossy(commit.message_raw_bytes());
        let trailers = parse_message(&message);
        let author = commit.author();
        let date = Date::from_unix_seconds(author.when().seconds());
        let in_commit = trailers.len();
        for (agreement, digest, in_trailer_block) in trailers {
            history.trailers.push(Trailer {
                commit: commit.id(),
                author_name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
                author_email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
                date,
                agreement,
                digest,
                in_trailer_block,
                in_commit,
            });
        }
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::parse_message;

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
        assert!(!found[0].2 && found[1].2);
    }

    #[test]
    fn ignores_malformed_trailers() {
        for message in [
            "Agreement-Sign-Off: tv\n",
            "Agreement-Sign-Off: tv sha256:abc\n",
            "Agreement-Sign-Off: tv md5:0123\n",
            &format!("Agreement-Sign-Off: tv {} extra\n", DIGEST),
        ] {
            assert!(parse_message(message).is_empty(), "{message}");
        }
    }
}
