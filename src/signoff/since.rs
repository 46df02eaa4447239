//! When an agreement's current version reached the branch.
//!
//! The branch is the first-parent chain from the revision read: the
//! commits the branch itself moved through, whatever was merged into it.
//! A version reached the branch with the oldest commit of the unbroken run,
//! back from the revision, whose tree holds an agreement of that digest
//! (the same files, or others with the same meaning). Only commits that
//! change the `agreements/` folder are looked into, and the walk stops as
//! soon as every version asked about is placed.

use super::history::{BlobIds, Broken, digest_of_blobs, files_of};
use crate::date::Date;
use git2::{Commit, ObjectType, Oid, Repository};
use std::collections::HashMap;
use std::path::Path;

/// The date each agreement's version reached the branch at `rev`, for the
/// `(id, digest)` pairs asked about. An agreement whose version `rev`
/// itself does not hold (a change not yet committed) is left out.
pub fn reached(
    repo: &Repository,
    rev: Oid,
    prefix: &str,
    wanted: &[(&str, &str)],
) -> Result<HashMap<String, Date>, Broken> {
    let broken = |commit: Option<Oid>, error: git2::Error| Broken {
        commit,
        why: error.message().to_owned(),
    };
    let mut found = HashMap::with_capacity(wanted.len());
    // The versions still held, with the folder last seen holding each.
    let mut open: Vec<(&str, &str, Option<Oid>)> = wanted
        .iter()
        .map(|&(id, digest)| (id, digest, None))
        .collect();
    let mut digests: HashMap<BlobIds, Option<String>> = HashMap::new();
    let mut commit = repo.find_commit(rev).map_err(|e| broken(Some(rev), e))?;
    // The newer commit last looked at: its date, its tree and its
    // `agreements/` folder. Most commits (sign-offs among them) keep their
    // parent's tree, and need no folder read at all.
    let mut newer: Option<(Date, Oid, Option<Oid>)> = None;
    loop {
        let date = committed_on(&commit);
        let tree = commit.tree_id();
        let folder = match newer {
            Some((_, newer_tree, folder)) if newer_tree == tree => folder,
            _ => agreements_folder(&commit, prefix),
        };
        if newer.is_none_or(|(_, _, seen)| seen != folder) {
            let agreements = match folder {
                Some(folder) => Some(
                    repo.find_tree(folder)
                        .map_err(|e| broken(Some(commit.id()), e))?,
                ),
                None => None,
            };
            open.retain_mut(|(id, digest, seen)| {
                let entry = agreements
                    .as_ref()
                    .and_then(|agreements| agreements.get_name(id))
                    .filter(|entry| entry.kind() == Some(ObjectType::Tree))
                    .map(|entry| entry.id());
                let holds = match entry {
                    None => false,
                    Some(entry) if Some(entry) == *seen => true,
                    Some(entry) => {
                        *seen = Some(entry);
                        files_of(repo, entry).is_some_and(|files| {
                            digests
                                .entry(files)
                                .or_insert_with(|| digest_of_blobs(repo, files))
                                .as_deref()
                                == Some(*digest)
                        })
                    }
                };
                if !holds && let Some((since, _, _)) = newer {
                    found.insert((*id).to_owned(), since);
                }
                holds
            });
        }
        if open.is_empty() {
            break;
        }
        newer = Some((date, tree, folder));
        match commit.parent(0) {
            Ok(parent) => commit = parent,
            Err(error) if commit.parent_count() > 0 => {
                return Err(broken(commit.parent_id(0).ok(), error));
            }
            // The first commit: what it holds has been there since.
            Err(_) => {
                for (id, _, _) in open {
                    found.insert(id.to_owned(), date);
                }
                break;
            }
        }
    }
    Ok(found)
}

/// The day a commit was made on its branch (its committer's time, UTC).
pub fn committed_on(commit: &Commit<'_>) -> Date {
    Date::from_unix_seconds(commit.time().seconds())
}

/// The id of the registry's `agreements/` folder in a commit's tree.
fn agreements_folder(commit: &Commit<'_>, prefix: &str) -> Option<Oid> {
    let tree = commit.tree().ok()?;
    tree.get_path(Path::new(&format!("{prefix}agreements")))
        .ok()
        .filter(|entry| entry.kind() == Some(ObjectType::Tree))
        .map(|entry| entry.id())
}
