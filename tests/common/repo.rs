//! Real git repositories holding a copy of the minimal registry, for the
//! tests of sign-off: commits by named people, sign-offs, SSH-signed
//! commits with keys the tests make.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

use super::{Scratch, TODAY};
use git2::{Commit, Oid, Repository, Signature, Time};
use serde_json::Value;
use ssh_key::private::Ed25519Keypair;
use ssh_key::{HashAlg, LineEnding, PrivateKey};
use std::path::Path;

pub const RECORD: &str = "agreements/care-record/agreement.yaml";
pub const NORTH: &str = "organisations/north-trust.yaml";
pub const JANE: (&str, &str) = ("Dr Jane Smith", "jane.smith@north.example");
pub const AMIR: (&str, &str) = ("Amir Khan", "amir.khan@south.example");
pub const ADMIN: (&str, &str) = ("IG Admin", "ig.admin@north.example");

/// A git repository holding a copy of the minimal registry, committed by
/// the IG admin on `main`.
pub struct Repo {
    pub scratch: Scratch,
    pub repo: Repository,
}

impl Repo {
    pub fn new() -> Repo {
        let scratch = Scratch::minimal();
        let repo = Repository::init(scratch.path()).unwrap();
        repo.set_head("refs/heads/main").unwrap();
        let this = Repo { scratch, repo };
        this.commit_files(ADMIN, "Add the registry");
        this
    }

    pub fn path(&self) -> &Path {
        self.scratch.path()
    }

    pub fn head(&self) -> Option<Commit<'_>> {
        self.repo
            .head()
            .ok()
            .and_then(|head| head.peel_to_commit().ok())
    }

    pub fn signature((name, email): (&str, &str), seconds: i64) -> Signature<'static> {
        Signature::new(name, email, &Time::new(seconds, 0)).unwrap()
    }

    /// Commits the work tree as it is onto `main`.
    pub fn commit_files(&self, who: (&str, &str), message: &str) -> Oid {
        let mut index = self.repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        let parents: Vec<Commit> = self.head().into_iter().collect();
        let parents: Vec<&Commit> = parents.iter().collect();
        let signature = Repo::signature(who, 1_780_000_000);
        self.repo
            .commit(
                Some("HEAD"),
                &signature,
                &signature,
                message,
                &tree,
                &parents,
            )
            .unwrap()
    }

    /// An agreement's entry in `isg status --format json`.
    pub fn status_of(&self, agreement: &str) -> Value {
        let status = self.isg(&["status", "--format", "json"]);
        let json: Value = serde_json::from_str(&status).unwrap();
        json["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == agreement)
            .unwrap()
            .clone()
    }

    /// The current digest of an agreement, as `isg status` reports it.
    pub fn digest(&self, agreement: &str) -> String {
        self.status_of(agreement)["digest"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub fn trailer(&self, agreement: &str) -> String {
        format!(
            "Sign off\n\nAgreement-Sign-Off: {agreement} {}\n",
            self.digest(agreement)
        )
    }

    /// An empty commit with `message` by `who`, with the given parents.
    pub fn empty_commit(
        &self,
        who: (&str, &str),
        message: &str,
        parents: &[Oid],
        update: Option<&str>,
    ) -> Oid {
        let parents: Vec<Commit> = parents
            .iter()
            .map(|oid| self.repo.find_commit(*oid).unwrap())
            .collect();
        let tree = parents[0].tree().unwrap();
        let parents: Vec<&Commit> = parents.iter().collect();
        let signature = Repo::signature(who, 1_780_000_100);
        self.repo
            .commit(update, &signature, &signature, message, &tree, &parents)
            .unwrap()
    }

    /// A sign-off commit on `main` by `who`.
    pub fn sign(&self, who: (&str, &str), agreement: &str) -> Oid {
        let head = self.head().unwrap().id();
        self.empty_commit(who, &self.trailer(agreement), &[head], Some("HEAD"))
    }

    /// A commit on `main` SSH-signed with `key`, made from `parent`.
    pub fn signed_commit(
        &self,
        who: (&str, &str),
        message: &str,
        key: &PrivateKey,
        tamper: bool,
    ) -> Oid {
        let parent = self.head().unwrap();
        let tree = parent.tree().unwrap();
        let signature = Repo::signature(who, 1_780_000_200);
        let buffer = self
            .repo
            .commit_create_buffer(&signature, &signature, message, &tree, &[&parent])
            .unwrap();
        let content = buffer.as_str().unwrap().to_owned();
        let signed_text = if tamper {
            content.replace("Sign off", "Sign-off")
        } else {
            content.clone()
        };
        let sshsig = key
            .sign("git", HashAlg::Sha512, signed_text.as_bytes())
            .unwrap();
        let pem = sshsig.to_pem(LineEnding::LF).unwrap();
        let oid = self
            .repo
            .commit_signed(&content, &pem, Some("gpgsig"))
            .unwrap();
        self.repo
            .reference("refs/heads/main", oid, true, "signed sign-off")
            .unwrap();
        oid
    }

    pub fn isg(&self, args: &[&str]) -> String {
        let output = super::isg_command()
            .current_dir(self.path())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    }

    /// `(rule, file, message)` of every finding of `isg check`.
    pub fn findings(&self) -> Vec<(String, String, String)> {
        let json: Value =
            serde_json::from_str(&self.isg(&["check", "--today", TODAY, "--format", "json"]))
                .unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_owned(),
                    d["file"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    pub fn of_rule(&self, rule: &str) -> Vec<(String, String, String)> {
        self.findings()
            .into_iter()
            .filter(|f| f.0 == rule)
            .collect()
    }
}

pub fn key(seed: u8) -> PrivateKey {
    PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]))
}

pub fn public(key: &PrivateKey) -> String {
    key.public_key().to_openssh().unwrap()
}

impl Repo {
    /// Runs the real `isg sign` as `who`, with git set up as they would
    /// have it (their name and email; no signing).
    pub fn isg_sign(&self, who: (&str, &str), agreement: &str) -> std::process::Output {
        self.command_as(who)
            .args(["sign", agreement])
            .output()
            .unwrap()
    }

    /// `isg ARGS` in the repository as `who`, with git set up as they
    /// would have it: (exit code, standard output, standard error).
    pub fn isg_as(&self, who: (&str, &str), args: &[&str]) -> (i32, String, String) {
        let output = self.command_as(who).args(args).output().unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    /// The `isg` command run in the repository by `who` (their name and
    /// email in the repository's git settings; no signing).
    fn command_as(&self, who: (&str, &str)) -> std::process::Command {
        let mut config = self.repo.config().unwrap();
        config.set_str("user.name", who.0).unwrap();
        config.set_str("user.email", who.1).unwrap();
        let mut command = super::isg_command();
        command
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1");
        command
    }

    /// A commit of `tree` with `parents`, SSH-signed with `key` when one is
    /// given, moving no branch.
    pub fn commit_on(
        &self,
        who: (&str, &str),
        message: &str,
        tree: Oid,
        parents: &[Oid],
        key: Option<&PrivateKey>,
    ) -> Oid {
        let tree = self.repo.find_tree(tree).unwrap();
        let parents: Vec<Commit> = parents
            .iter()
            .map(|oid| self.repo.find_commit(*oid).unwrap())
            .collect();
        let parents: Vec<&Commit> = parents.iter().collect();
        let signature = Repo::signature(who, 1_780_000_400);
        let Some(key) = key else {
            return self
                .repo
                .commit(None, &signature, &signature, message, &tree, &parents)
                .unwrap();
        };
        let buffer = self
            .repo
            .commit_create_buffer(&signature, &signature, message, &tree, &parents)
            .unwrap();
        let content = buffer.as_str().unwrap().to_owned();
        let sshsig = key
            .sign("git", HashAlg::Sha512, content.as_bytes())
            .unwrap();
        let pem = sshsig.to_pem(LineEnding::LF).unwrap();
        self.repo
            .commit_signed(&content, &pem, Some("gpgsig"))
            .unwrap()
    }

    /// The tree of the work tree as it is now, written to the object
    /// database (the index is left as it was).
    pub fn work_tree(&self) -> Oid {
        let mut index = git2::Index::new().unwrap();
        add_folder(&self.repo, self.path(), "", &mut index);
        index.write_tree_to(&self.repo).unwrap()
    }

    /// A sign-off commit on `main` by `who` for `digest`, whatever the
    /// agreement's current digest.
    pub fn sign_with(&self, who: (&str, &str), agreement: &str, digest: &str) -> Oid {
        let head = self.head().unwrap().id();
        let message = format!("Sign off\n\nAgreement-Sign-Off: {agreement} {digest}\n");
        self.empty_commit(who, &message, &[head], Some("HEAD"))
    }

    /// Points `main` (and so HEAD) at `commit`.
    pub fn set_main(&self, commit: Oid) {
        self.repo
            .reference("refs/heads/main", commit, true, "test")
            .unwrap();
    }
}

/// Adds every file under `dir` to `index`, as `prefix` + its path.
fn add_folder(repo: &Repository, dir: &Path, prefix: &str, index: &mut git2::Index) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == ".git" {
            continue;
        }
        let path = format!("{prefix}{name}");
        if entry.file_type().unwrap().is_dir() {
            add_folder(repo, &entry.path(), &format!("{path}/"), index);
            continue;
        }
        let id = repo.blob(&std::fs::read(entry.path()).unwrap()).unwrap();
        index
            .add(&git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: 0,
                id,
                flags: path.len().min(0xfff) as u16,
                flags_extended: 0,
                path: path.into_bytes(),
            })
            .unwrap();
    }
}
