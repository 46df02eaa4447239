//! When an agreement's current version reached the branch.
//!
//! The branch is the first-parent chain from the revision read: the
//! commits the branch itself moved through, whatever was merged into it.
//! A version reached the branch with the oldest commit of the unbroken run,
//! back from the revision, whose tree holds an agreement of that digest
//! (the same files, or others with the same meaning). Only commits that
//! change the `agreements/` folder are looked into, and the walk stops as
//! soon as every version asked about is placed.

use super::history::{BlobIds, Broken, Walked, digest_of_blobs, files_of};
use crate::date::Date;
use git2::{ObjectType, Oid, Repository};
use std::collections::HashMap;
use std::path::Path;

/// The date each agreement's version reached the branch at `rev`, for the
/// `(id, digest)` pairs asked about. An agreement whose version `rev`
/// itself does not hold (a change not yet committed) is left out.
pub fn reached(
    repo: &Repository,
    commits: &HashMap<Oid, Walked>,
    rev: Oid,
    prefix: &str,
    wanted: &[(&str, &str)],
) -> Result<HashMap<String, Date>, Broken> {
    let broken = |commit: Option<Oid>, error: git2::Error| Broken {
        commit,
        why: error.message().to_owned(),
    };
    // The commits the history walk read are known; any other is read now.
    let walked = |oid: Oid| -> Result<Walked, Broken> {
        if let Some(walked) = commits.get(&oid) {
            return Ok(*walked);
        }
        let commit = repo.find_commit(oid).map_err(|e| broken(Some(oid), e))?;
        Ok(Walked {
            first_parent: commit.parent_id(0).ok(),
            time: commit.time().seconds(),
            tree: commit.tree_id(),
        })
    };
    let mut found = HashMap::with_capacity(wanted.len());
    // The versions still held, with the folder last seen holding each.
    let mut open: Vec<(&str, &str, Option<Oid>)> = wanted
        .iter()
        .map(|&(id, digest)| (id, digest, None))
        .collect();
    let mut digests: HashMap<BlobIds, Option<String>> = HashMap::new();
    // The newer commit last looked at: its date, its tree and its
    // `agreements/` folder. Most commits (sign-offs among them) keep their
    // parent's tree, and need no folder read at all.
    let mut newer: Option<(Date, Oid, Option<Oid>)> = None;
    let mut oid = rev;
    while !open.is_empty() {
        let commit = walked(oid)?;
        let date = Date::from_unix_seconds(commit.time);
        let folder = match newer {
            Some((_, newer_tree, folder)) if newer_tree == commit.tree => folder,
            _ => agreements_folder(repo, commit.tree, prefix),
        };
        if newer.is_none_or(|(_, _, seen)| seen != folder) {
            let agreements = match folder {
                Some(folder) => Some(repo.find_tree(folder).map_err(|e| broken(Some(oid), e))?),
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
        newer = Some((date, commit.tree, folder));
        match commit.first_parent {
            Some(parent) => oid = parent,
            // The first commit: what it holds has been there since.
            None => {
                for (id, _, _) in open.drain(..) {
                    found.insert(id.to_owned(), date);
                }
            }
        }
    }
    Ok(found)
}

/// The id of the registry's `agreements/` folder in a commit's tree.
fn agreements_folder(repo: &Repository, tree: Oid, prefix: &str) -> Option<Oid> {
    repo.find_tree(tree)
        .ok()?
        .get_path(Path::new(&format!("{prefix}agreements")))
        .ok()
        .filter(|entry| entry.kind() == Some(ObjectType::Tree))
        .map(|entry| entry.id())
}
