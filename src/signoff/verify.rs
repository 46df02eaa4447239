//! Verified sign-off: a sign-off commit's SSH signature (`gpgsig`, SSHSIG,
//! namespace `git`) checked in-process against the signatory's
//! `signing_keys` as they stood on the target branch before the change
//! that brought the sign-off in.
//!
//! "Before the change": with `--base` (the state a pull request or push is
//! judged against), the base's tree for every sign-off the change brings,
//! whatever the merge style. Otherwise, for a commit on the revision's
//! first-parent chain, the tree of its parent; for a commit merged in from
//! another branch, the tree of the first parent of the mainline merge that
//! brought it in. A fast-forward or rebase leaves no merge to mark where a
//! change began, so a key added in the same change is told only by a check
//! made with `--base` when the change arrives (the workflow `isg init`
//! writes passes it on every pull request and push).

use crate::source::yaml;
use git2::{Oid, Repository};
use ssh_key::{PublicKey, SshSig};
use std::collections::HashMap;
use std::path::Path;

/// The outcome of checking one sign-off commit's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    Verified,
    /// Why not, in words.
    Failed(String),
}

pub struct Verifier<'r> {
    repo: &'r Repository,
    prefix: String,
    /// The revision's first-parent chain, oldest first.
    mainline: Vec<Oid>,
    position: HashMap<Oid, usize>,
    /// The state the change is judged against, when given (`--base`).
    base: Option<Oid>,
}

impl<'r> Verifier<'r> {
    pub fn new(
        repo: &'r Repository,
        rev: Oid,
        prefix: &str,
        base: Option<Oid>,
    ) -> Result<Verifier<'r>, git2::Error> {
        let mut mainline = Vec::new();
        let mut current = Some(repo.find_commit(rev)?);
        while let Some(commit) = current {
            mainline.push(commit.id());
            current = commit.parents().next();
        }
        mainline.reverse();
        let position = mainline
            .iter()
            .enumerate()
            .map(|(i, oid)| (*oid, i))
            .collect();
        Ok(Verifier {
            repo,
            prefix: prefix.to_owned(),
            mainline,
            position,
            base,
        })
    }

    /// The commit whose tree holds the keys trusted for a sign-off made in
    /// `commit`, or `None` when there is none (the first commit).
    fn trusted_state(&self, commit: Oid) -> Option<Oid> {
        // A sign-off the change brings (not in the base) is judged by the
        // keys of the base, whether the change arrives by a merge commit,
        // a rebase or a fast-forward.
        if let Some(base) = self.base {
            let in_base =
                commit == base || self.repo.graph_descendant_of(base, commit).unwrap_or(false);
            if !in_base {
                return Some(base);
            }
        }
        let introduced_by = match self.position.get(&commit) {
            Some(&i) => i,
            None => {
                // The oldest mainline commit that contains `commit`; the
                // mainline is ordered, so a binary search finds it.
                let contains = |i: usize| {
                    self.repo
                        .graph_descendant_of(self.mainline[i], commit)
                        .unwrap_or(false)
                };
                let (mut low, mut high) = (0, self.mainline.len());
                while low < high {
                    let middle = (low + high) / 2;
                    if contains(middle) {
                        high = middle
                    } else {
                        low = middle + 1
                    }
                }
                if low == self.mainline.len() {
                    return None;
                }
                low
            }
        };
        introduced_by.checked_sub(1).map(|i| self.mainline[i])
    }

    /// The signing keys of `officer` in organisation `org` at `state`.
    fn keys_at(&self, state: Oid, org: &str, officer: &str) -> Vec<String> {
        let path = format!("{}organisations/{org}.yaml", self.prefix);
        let Ok(tree) = self
            .repo
            .find_commit(state)
            .and_then(|commit| commit.tree())
        else {
            return Vec::new();
        };
        let Ok(entry) = tree.get_path(Path::new(&path)) else {
            return Vec::new();
        };
        let Ok(blob) = self.repo.find_blob(entry.id()) else {
            return Vec::new();
        };
        let Some(value) = std::str::from_utf8(blob.content())
            .ok()
            .and_then(|text| yaml::parse(text).value)
        else {
            return Vec::new();
        };
        value["officers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|candidate| candidate["id"].as_str() == Some(officer))
            .flat_map(|candidate| {
                candidate["signing_keys"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|key| key.as_str().map(str::to_owned))
            .collect()
    }

    /// Checks that `commit` is SSH-signed by one of `officer`'s keys as
    /// they stood before the change that brought the commit in.
    pub fn verify(&self, commit: Oid, org: &str, officer: &str) -> Verification {
        let Ok((signature, signed)) = self.repo.extract_signature(&commit, Some("gpgsig")) else {
            return Verification::Failed("the commit is not signed".into());
        };
        let Some(signature) = signature
            .as_str()
            .ok()
            .and_then(|text| SshSig::from_pem(text).ok())
        else {
            return Verification::Failed("the commit's signature is not an SSH signature".into());
        };
        if signature.namespace() != "git" {
            return Verification::Failed(format!(
                "the signature is for `{}`, not for git commits",
                signature.namespace()
            ));
        }
        let keys = self
            .trusted_state(commit)
            .map(|state| self.keys_at(state, org, officer))
            .unwrap_or_default();
        if keys.is_empty() {
            return Verification::Failed(
                "no signing key was registered for the signatory before this change".into(),
            );
        }
        let key = keys
            .iter()
            .filter_map(|text| PublicKey::from_openssh(text).ok())
            .find(|key| key.key_data() == signature.public_key());
        match key {
            None => Verification::Failed("it is signed with a key that was not registered for the signatory before this change".into()),
            Some(key) => match key.verify("git", signed.as_ref(), &signature) {
                Ok(()) => Verification::Verified,
                Err(_) => Verification::Failed("the signature does not match the commit (it was changed after signing)".into()),
            },
        }
    }
}
