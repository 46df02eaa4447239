//! Sign-off read from real git repositories built in temporary folders.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::repo::{ADMIN, AMIR, JANE, NORTH, RECORD, Repo, key, public};
use common::{Scratch, TODAY};
use serde_json::Value;
use ssh_key::PrivateKey;
use std::process::Command;

#[test]
fn unsigned_active_agreements_name_who_must_sign() {
    let repo = Repo::new();
    let missing = repo.of_rule("signoff-missing");
    assert_eq!(missing.len(), 2, "{missing:?}");
    let record = missing.iter().find(|f| f.1 == RECORD).unwrap();
    assert!(
        record.2.contains(
            "not signed off by North NHS Trust (Dr Jane Smith) and South Council (Amir Khan)"
        ),
        "{}",
        record.2
    );
    assert!(repo.of_rule("history-unavailable").is_empty());
}

#[test]
fn recorded_sign_offs_by_each_signatory_count() {
    let repo = Repo::new();
    repo.sign(JANE, "care-record");
    let missing = repo.of_rule("signoff-missing");
    let record = missing.iter().find(|f| f.1 == RECORD).unwrap();
    assert!(
        record
            .2
            .ends_with("not signed off by South Council (Amir Khan); it has waited 178 days since it reached the branch on 2026-05-28."),
        "{}",
        record.2
    );
    repo.sign(AMIR, "care-record");
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .all(|f| f.1 != RECORD)
    );

    let status: Value = serde_json::from_str(&repo.isg(&["status", "--format", "json"])).unwrap();
    let record = status["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap();
    assert_eq!(record["missing"], serde_json::json!([]));
    let signoffs = record["signoffs"].as_array().unwrap();
    assert_eq!(signoffs.len(), 2);
    assert_eq!(
        (
            signoffs[0]["org"].as_str(),
            signoffs[0]["officer"].as_str(),
            signoffs[0]["level"].as_str()
        ),
        (Some("north-trust"), Some("jane-smith"), Some("recorded"))
    );
    assert_eq!(signoffs[0]["commit"].as_str().unwrap().len(), 40);
    let markdown = repo.isg(&["status", "--format", "markdown"]);
    assert!(
        markdown.contains(
            "| Shared care record (`care-record`) | active | 3 | 2027-03-01 | 0 of 2 | 2 of 2 |  |"
        ),
        "{markdown}"
    );
}

#[test]
fn sign_offs_on_a_merged_branch_count() {
    let repo = Repo::new();
    let base = repo.head().unwrap().id();
    let branch = repo.empty_commit(JANE, &repo.trailer("care-record"), &[base], None);
    let branch = repo.empty_commit(AMIR, &repo.trailer("care-record"), &[branch], None);
    let main = repo.empty_commit(ADMIN, "Unrelated work on main", &[base], Some("HEAD"));
    repo.empty_commit(ADMIN, "Merge sign-offs", &[main, branch], Some("HEAD"));
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .all(|f| f.1 != RECORD),
        "{:?}",
        repo.findings()
    );
}

#[test]
fn a_change_of_layout_keeps_sign_off_and_a_change_of_meaning_resets_it() {
    let repo = Repo::new();
    repo.sign(JANE, "care-record");
    repo.sign(AMIR, "care-record");
    // Comments and key order do not change what was signed.
    let text = repo.scratch.read(RECORD);
    repo.scratch.write(
        RECORD,
        format!(
            "# Reviewed at the IG group, no change of substance.\n{}",
            text.replacen(
                "title: Shared care record\ntier: 3\n",
                "tier: 3\ntitle: Shared care record\n",
                1
            )
        ),
    );
    repo.commit_files(ADMIN, "Tidy the agreement");
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .all(|f| f.1 != RECORD)
    );
    // A change of meaning needs the parties to sign again.
    repo.scratch.edit(RECORD, "volume: 2000", "volume: 5000");
    repo.commit_files(ADMIN, "More records a year");
    let missing = repo.of_rule("signoff-missing");
    assert!(
        missing
            .iter()
            .any(|f| f.1 == RECORD && f.2.contains("Dr Jane Smith") && f.2.contains("Amir Khan")),
        "{missing:?}"
    );
}

#[test]
fn uncommitted_changes_are_checked_and_rev_reads_the_commit() {
    let repo = Repo::new();
    repo.sign(JANE, "care-record");
    repo.sign(AMIR, "care-record");
    repo.scratch.edit(RECORD, "volume: 2000", "volume: 5000");
    // The work tree is what `isg check` reads: the edit needs sign-off.
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .any(|f| f.1 == RECORD)
    );
    // The committed version, which was signed, is clean but for the note
    // that no DPO has reviewed it.
    let json: Value = serde_json::from_str(&repo.isg(&[
        "check", "--today", TODAY, "--format", "json", "--rev", "HEAD",
    ]))
    .unwrap();
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["file"] != RECORD || d["rule"] == "dpo-review-missing"),
        "{json}"
    );
}

#[test]
fn a_forged_trailer_is_reported_and_not_counted() {
    let repo = Repo::new();
    repo.sign(ADMIN, "care-record");
    let strangers = repo.of_rule("signoff-by-non-signatory");
    assert_eq!(strangers.len(), 1, "{strangers:?}");
    assert!(
        strangers[0].1 == RECORD
            && strangers[0].2.contains(
                "as IG Admin <ig.admin@north.example>, who is not the signatory of any party"
            ),
        "{strangers:?}"
    );
    assert!(!strangers[0].2.contains("squash"));
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .any(|f| f.1 == RECORD && f.2.contains("Dr Jane Smith"))
    );
}

#[test]
fn a_squash_merge_is_named_as_such() {
    let repo = Repo::new();
    let digest = repo.digest("care-record");
    let message = format!(
        "Care record sign-off (#7)\n\n* Sign off\n\nAgreement-Sign-Off: care-record {digest}\n\n* Sign off\n\nAgreement-Sign-Off: care-record {digest}\n"
    );
    let head = repo.head().unwrap().id();
    repo.empty_commit(ADMIN, &message, &[head], Some("HEAD"));
    let strangers = repo.of_rule("signoff-by-non-signatory");
    // One finding for the commit, however many trailers it copied.
    assert_eq!(strangers.len(), 1, "{strangers:?}");
    assert!(
        strangers[0]
            .2
            .contains("as a squash merge does: squashing loses who signed"),
        "{strangers:?}"
    );
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .any(|f| f.1 == RECORD)
    );
}

#[test]
fn a_shallow_clone_cannot_decide_sign_off() {
    let repo = Repo::new();
    repo.sign(JANE, "care-record");
    let clone = Scratch::empty();
    let target = clone.path().join("clone");
    let url = format!("file://{}", repo.path().display());
    let status = Command::new("git")
        .args(["clone", "--quiet", "--depth", "1", &url])
        .arg(&target)
        .status()
        .expect("git runs");
    assert!(status.success());
    let output = common::isg_command()
        .current_dir(&target)
        .args(["check", "--today", TODAY, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_str(&String::from_utf8(output.stdout).unwrap()).unwrap();
    let rules: Vec<&str> = common::rules_of(&json);
    assert_eq!(rules, vec!["shallow-history"]);
    assert!(
        json["diagnostics"][0]["help"]
            .as_str()
            .unwrap()
            .contains("fetch-depth: 0")
    );
}

#[test]
fn no_repository_means_a_note_and_every_other_rule() {
    let scratch = Scratch::minimal();
    let output = scratch.run(&["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_str(&String::from_utf8(output.stdout).unwrap()).unwrap();
    assert_eq!(json["diagnostics"][0]["rule"], "history-unavailable");
    assert_eq!(json["diagnostics"][0]["level"], "note");
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 1);
    let rev = scratch.run(&["check", "--rev", "HEAD"]);
    assert_eq!(rev.status.code(), Some(2), "--rev needs a repository");
}

/// A registry whose policy asks for verified sign-off, with Jane's key
/// registered (and merged) before any sign-off.
fn verified_repo() -> (Repo, PrivateKey) {
    let repo = Repo::new();
    let jane = key(1);
    repo.scratch
        .write("isg.yaml", "policy:\n  signoff: verified\n");
    repo.scratch.edit(
        NORTH,
        "    email: jane.smith@north.example\n",
        &format!(
            "    email: jane.smith@north.example\n    signing_keys:\n      - {}\n",
            public(&jane)
        ),
    );
    repo.commit_files(ADMIN, "Verified sign-off; register Jane's key");
    (repo, jane)
}

fn unverified_for_jane(repo: &Repo) -> Vec<(String, String, String)> {
    repo.of_rule("signoff-unverified")
        .into_iter()
        .filter(|f| f.1 == RECORD && f.2.contains("Dr Jane Smith"))
        .collect()
}

#[test]
fn an_ssh_signed_sign_off_with_a_registered_key_is_verified() {
    let (repo, jane) = verified_repo();
    let message = repo.trailer("care-record");
    repo.signed_commit(JANE, &message, &jane, false);
    assert!(
        unverified_for_jane(&repo).is_empty(),
        "{:?}",
        repo.findings()
    );
    let status: Value = serde_json::from_str(&repo.isg(&["status", "--format", "json"])).unwrap();
    let record = status["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap();
    assert_eq!(record["signoffs"][0]["level"], "verified");
    assert_eq!(record["missing"], serde_json::json!(["south-council"]));
}

#[test]
fn a_recorded_sign_off_is_not_enough_when_verified_is_required() {
    let (repo, _) = verified_repo();
    repo.sign(JANE, "care-record");
    let unverified = unverified_for_jane(&repo);
    assert_eq!(unverified.len(), 1);
    assert!(
        unverified[0]
            .2
            .contains("is not verified: the commit is not signed"),
        "{unverified:?}"
    );
}

#[test]
fn a_signature_by_another_key_is_not_verified() {
    let (repo, _) = verified_repo();
    let message = repo.trailer("care-record");
    repo.signed_commit(JANE, &message, &key(2), false);
    let unverified = unverified_for_jane(&repo);
    assert!(
        unverified[0].2.contains(
            "signed with a key that was not registered for the signatory before this change"
        ),
        "{unverified:?}"
    );
}

#[test]
fn a_tampered_commit_is_not_verified() {
    let (repo, jane) = verified_repo();
    let message = repo.trailer("care-record");
    repo.signed_commit(JANE, &message, &jane, true);
    let unverified = unverified_for_jane(&repo);
    assert!(
        unverified[0]
            .2
            .contains("the signature does not match the commit"),
        "{unverified:?}"
    );
}

#[test]
fn a_key_smuggled_in_with_the_sign_off_does_not_verify_it() {
    // Policy verified, but no key registered for Jane on main.
    let repo = Repo::new();
    repo.scratch
        .write("isg.yaml", "policy:\n  signoff: verified\n");
    repo.commit_files(ADMIN, "Verified sign-off");
    let base = repo.head().unwrap().id();
    // On a branch: add a key for Jane, then a sign-off signed with it.
    let smuggled = key(3);
    repo.scratch.edit(
        NORTH,
        "    email: jane.smith@north.example\n",
        &format!(
            "    email: jane.smith@north.example\n    signing_keys:\n      - {}\n",
            public(&smuggled)
        ),
    );
    let with_key = repo.commit_files(ADMIN, "Add a key");
    let message = repo.trailer("care-record");
    let signed = repo.signed_commit(JANE, &message, &smuggled, false);
    // Merge the branch into main with a merge commit.
    let branch_tree = repo.repo.find_commit(signed).unwrap().tree().unwrap();
    let base_commit = repo.repo.find_commit(base).unwrap();
    let signed_commit = repo.repo.find_commit(signed).unwrap();
    let who = Repo::signature(ADMIN, 1_780_000_300);
    let merge = repo
        .repo
        .commit(
            None,
            &who,
            &who,
            "Merge the sign-off",
            &branch_tree,
            &[&base_commit, &signed_commit],
        )
        .unwrap();
    repo.repo
        .reference("refs/heads/main", merge, true, "merge")
        .unwrap();
    assert_ne!(with_key, base);
    let unverified = unverified_for_jane(&repo);
    assert_eq!(unverified.len(), 1, "{:?}", repo.findings());
    assert!(
        unverified[0]
            .2
            .contains("no signing key was registered for the signatory before this change"),
        "{unverified:?}"
    );
}

#[test]
fn isg_sign_refuses_strangers_and_uncommitted_changes_then_signs() {
    let repo = Repo::new();
    let run_in = |folder: &str, email: &str| {
        common::isg_command()
            .current_dir(repo.path().join(folder))
            .args(["sign", "care-record"])
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "x")
            .env("GIT_COMMITTER_NAME", "x")
            .env("GIT_COMMITTER_EMAIL", email)
            .output()
            .unwrap()
    };
    let run = |email: &str| run_in("", email);
    let set_email = |email: &str| {
        repo.repo
            .config()
            .unwrap()
            .set_str("user.email", email)
            .unwrap()
    };
    set_email(ADMIN.1);
    let refused = run(ADMIN.1);
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(
        message.contains("is not the email of any signatory")
            && message.contains("Dr Jane Smith (Caldicott Guardian) <jane.smith@north.example> for North NHS Trust; Amir Khan (Caldicott Guardian) <amir.khan@south.example> for South Council."),
        "{message}"
    );

    set_email(JANE.1);
    repo.repo
        .config()
        .unwrap()
        .set_str("user.name", JANE.0)
        .unwrap();
    repo.scratch.edit(RECORD, "volume: 2000", "volume: 2001");
    let dirty = run(JANE.1);
    assert_eq!(dirty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&dirty.stderr).contains("has uncommitted changes"));
    repo.scratch.edit(RECORD, "volume: 2001", "volume: 2000");

    // Signed from the agreement's own folder: the registry is found above it.
    let signed = run_in("agreements/care-record", JANE.1);
    assert_eq!(
        signed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    assert!(
        String::from_utf8_lossy(&signed.stdout).contains("as Dr Jane Smith for North NHS Trust")
    );
    let head = repo.head().unwrap();
    assert_eq!(head.author().email().ok(), Some(JANE.1));
    assert!(head.message().unwrap().contains(&format!(
        "Agreement-Sign-Off: care-record {}",
        repo.digest("care-record")
    )));
    let missing = repo.of_rule("signoff-missing");
    assert!(
        missing.iter().any(|f| f.1 == RECORD
            && f.2
                .ends_with("not signed off by South Council (Amir Khan); it has waited 178 days since it reached the branch on 2026-05-28.")),
        "{missing:?}"
    );

    let again = run(JANE.1);
    assert!(String::from_utf8_lossy(&again.stdout).contains("already signed off this version"));
    assert_eq!(repo.head().unwrap().id(), head.id(), "no second commit");
}

#[cfg(unix)]
#[test]
fn a_link_committed_in_the_tree_is_refused_when_reading_a_revision() {
    let repo = Repo::new();
    std::os::unix::fs::symlink("/etc/passwd", repo.path().join("organisations/passwd.yaml"))
        .unwrap();
    repo.commit_files(ADMIN, "Add a link");
    let json: Value = serde_json::from_str(&repo.isg(&[
        "check", "--today", TODAY, "--format", "json", "--rev", "HEAD",
    ]))
    .unwrap();
    let finding = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "organisations/passwd.yaml")
        .expect("a finding for the link");
    assert_eq!(finding["rule"], "file-unreadable");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("links are not followed in a committed registry"),
        "{finding}"
    );
}

/// `isg sign` by an officer of a party who is not its signatory says who
/// is; by someone who is no officer of any party of a large agreement, the
/// addresses its signatories use, not every one of them.
#[test]
fn isg_sign_says_who_may_sign() {
    let sign_as = |path: &std::path::Path, email: &str, agreement: &str| {
        let output = common::isg_command()
            .current_dir(path)
            .args(["sign", agreement])
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "x")
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_COMMITTER_NAME", "x")
            .env("GIT_COMMITTER_EMAIL", email)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let repo = Repo::new();
    repo.repo
        .config()
        .unwrap()
        .set_str("user.email", "tom.brown@north.example")
        .unwrap();
    let said = sign_as(repo.path(), "tom.brown@north.example", "care-record");
    assert!(
        said.contains("your git email, tom.brown@north.example, is Tom Brown's, an officer of North NHS Trust, but the officer asked to sign \"Shared care record\" for North NHS Trust is Dr Jane Smith (Caldicott Guardian) <jane.smith@north.example>: they sign it with `isg sign care-record`."),
        "{said}"
    );

    // The example registry's protocol has twelve parties.
    let example = Scratch::example();
    let git = git2::Repository::init(example.path()).unwrap();
    let mut index = git.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = git.find_tree(index.write_tree().unwrap()).unwrap();
    let who = git2::Signature::now("Someone", "someone@elsewhere.example").unwrap();
    git.commit(Some("HEAD"), &who, &who, "Add", &tree, &[])
        .unwrap();
    git.config()
        .unwrap()
        .set_str("user.email", "someone@elsewhere.example")
        .unwrap();
    let said = sign_as(
        example.path(),
        "someone@elsewhere.example",
        "lancashire-cumbria-sharing-protocol",
    );
    assert!(
        said.contains("your git email, someone@elsewhere.example, is not the email of any signatory of \"Lancashire and Cumbria Overarching Information Sharing Protocol\". Its 12 signatories use addresses at @"),
        "{said}"
    );
    assert!(!said.contains("tom.brown@"), "every email listed: {said}");
}
