//! A registry signed off over months, on a real repository whose commits
//! are dated: the tests of waiting, of `--as-of` and of the site's chase
//! list read it.
//!
//! The history of the shared care record (North NHS Trust's signatory is
//! Dr Jane Smith, South Council's is Amir Khan):
//!
//! | day        | on `main`                                                  |
//! |------------|------------------------------------------------------------|
//! | 2025-02-01 | the registry is added (the record's first version)          |
//! | 2025-03-10 | the record's purpose is reworded: a second version         |
//! | 2025-03-20 | Jane signs the second version (and the protocol)           |
//! | 2025-04-01 | a comment is added to the record: the same version         |
//! | 2025-05-15 | Amir signs: the second version is fully signed              |
//! | 2025-05-20 | Amir signs the protocol                                     |
//! | 2025-09-05 | an unrelated note                                           |
//! | 2025-09-10 | a branch rewording the record again (committed 2025-09-01) |
//! |            | is merged: a third version                                 |

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

use super::repo::{ADMIN, AMIR, JANE, RECORD, Repo};
use git2::{Oid, Signature, Time};

/// Seconds since 1970 at noon UTC on `day` (YYYY-MM-DD).
fn noon(day: &str) -> i64 {
    let date = isg::date::Date::parse(day).unwrap();
    date.days_since_epoch() * 86_400 + 12 * 3600
}

/// A commit of the work tree as it is, by `who` on `day`, with `parents`,
/// moving `update` if given.
fn commit(repo: &Repo, who: (&str, &str), day: &str, message: &str, parents: &[Oid]) -> Oid {
    let tree = repo.repo.find_tree(repo.work_tree()).unwrap();
    let signature = Signature::new(who.0, who.1, &Time::new(noon(day), 0)).unwrap();
    let parents: Vec<_> = parents
        .iter()
        .map(|oid| repo.repo.find_commit(*oid).unwrap())
        .collect();
    let parents: Vec<_> = parents.iter().collect();
    repo.repo
        .commit(None, &signature, &signature, message, &tree, &parents)
        .unwrap()
}

/// Moves `main` to a new commit of the work tree by `who` on `day`.
fn on_main(repo: &Repo, who: (&str, &str), day: &str, message: &str) -> Oid {
    let head = repo.head().unwrap().id();
    let oid = commit(repo, who, day, message, &[head]);
    repo.set_main(oid);
    oid
}

/// A sign-off of `agreement`'s version as it stands, by `who` on `day`.
fn sign(repo: &Repo, who: (&str, &str), day: &str, agreement: &str) {
    let message = repo.trailer(agreement);
    on_main(repo, who, day, &message);
}

/// The repository of the table above, built from the minimal registry.
pub fn history() -> Repo {
    let repo = Repo::new();
    // `Repo::new` commits the registry at a fixed time; date it 2025-02-01.
    let first = commit(&repo, ADMIN, "2025-02-01", "Add the registry", &[]);
    repo.set_main(first);
    repo.scratch.edit(
        RECORD,
        "purpose: Clinicians see social care records when treating people.",
        "purpose: Clinicians see social care records when they treat people.",
    );
    on_main(&repo, ADMIN, "2025-03-10", "Reword the purpose");
    sign(&repo, JANE, "2025-03-20", "care-record");
    sign(&repo, JANE, "2025-03-20", "care-protocol");
    repo.scratch.edit(
        RECORD,
        "id: care-record\n",
        "id: care-record  # the LPRES record\n",
    );
    on_main(&repo, ADMIN, "2025-04-01", "Note what the record is");
    sign(&repo, AMIR, "2025-05-15", "care-record");
    sign(&repo, AMIR, "2025-05-20", "care-protocol");
    let before = repo.head().unwrap().id();
    // A branch rewords the record again, while main moves on.
    repo.scratch.edit(
        RECORD,
        "when they treat people.",
        "when they treat people, and no more.",
    );
    let branch = commit(&repo, ADMIN, "2025-09-01", "Narrow the purpose", &[before]);
    repo.scratch.write("notes.txt", "An unrelated note.\n");
    repo.scratch.edit(
        RECORD,
        "when they treat people, and no more.",
        "when they treat people.",
    );
    let note = commit(&repo, ADMIN, "2025-09-05", "Add a note", &[before]);
    repo.scratch.edit(
        RECORD,
        "when they treat people.",
        "when they treat people, and no more.",
    );
    let merge = commit(
        &repo,
        ADMIN,
        "2025-09-10",
        "Merge the narrower purpose",
        &[note, branch],
    );
    repo.set_main(merge);
    repo
}
