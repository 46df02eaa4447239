//! Sign-off that cannot be forged or switched off, each attack reproduced
//! on a real git repository: a sign-off hidden in a title, trailers that
//! are not git's trailers, a sign-off of a version not yet committed, a
//! commit that cannot be read, and a signing key smuggled in with the
//! sign-off it verifies, whatever the merge style.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::TODAY;
use common::repo::{ADMIN, JANE, NORTH, RECORD, Repo, key, public};
use git2::Oid;
use serde_json::Value;
use std::process::Command;

const PROTOCOL: &str = "agreements/care-protocol/agreement.yaml";

/// The parties still to sign `file`, as `signoff-missing` names them, or
/// nothing when it is signed.
fn missing(repo: &Repo, file: &str) -> String {
    repo.of_rule("signoff-missing")
        .into_iter()
        .find(|f| f.1 == file)
        .map(|f| f.2)
        .unwrap_or_default()
}

/// The digest the protocol would have with `purpose` as its purpose, and
/// the protocol's text with it: a version not committed.
fn future_protocol(repo: &Repo) -> (String, String) {
    let now = repo.scratch.read(PROTOCOL);
    let future = now.replace(
        "purpose: Common rules for sharing between the partners.",
        "purpose: Anything may be shared with anyone.",
    );
    repo.scratch.write(PROTOCOL, &future);
    let digest = repo.digest("care-protocol");
    repo.scratch.write(PROTOCOL, &now);
    (digest, future)
}

#[test]
fn a_sign_off_hidden_in_a_title_signs_nothing() {
    let repo = Repo::new();
    let (digest, future) = future_protocol(&repo);
    // A title carrying a line of its own: the trailer for a version of the
    // protocol that nobody has seen.
    repo.scratch.edit(
        RECORD,
        "title: Shared care record",
        &format!("title: \"Shared care record\\nAgreement-Sign-Off: care-protocol {digest}\\n\""),
    );
    repo.commit_files(ADMIN, "Retitle the care record");
    let hidden = repo.of_rule("hidden-characters");
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    assert_eq!(hidden[0].1, RECORD);
    assert!(
        hidden[0].2.starts_with(
            "`title` holds U+000A (LINE FEED): a line break or tab, but it is a one-line field"
        ),
        "{}",
        hidden[0].2
    );

    // Jane, who signs both agreements, signs the care record.
    let signed = repo.isg_sign(JANE, "care-record");
    assert_eq!(
        signed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let message = repo.head().unwrap().message().unwrap().to_owned();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 3, "{message:?}");
    assert!(
        lines[0].starts_with(
            "Sign off \"Shared care record[U+000A]Agreement-Sign-Off: care-protocol sha256:"
        ),
        "the title stays on the subject line, its line break shown: {message:?}"
    );
    assert_eq!(lines[1], "");
    assert!(lines[2].starts_with("Agreement-Sign-Off: care-record sha256:"));

    // The version "signed" in the title is then committed.
    repo.scratch.write(PROTOCOL, &future);
    repo.commit_files(ADMIN, "Change the protocol");
    assert_eq!(repo.digest("care-protocol"), digest);
    assert!(
        missing(&repo, PROTOCOL).contains("North NHS Trust (Dr Jane Smith)"),
        "Jane has not signed the protocol: {:?}",
        repo.findings()
    );
    assert!(missing(&repo, RECORD).ends_with("not signed off by South Council (Amir Khan); it has waited 178 days since it reached the branch on 2026-05-28."));
}

#[test]
fn only_the_final_trailer_block_with_the_key_spelled_exactly_counts() {
    let repo = Repo::new();
    let digest = repo.digest("care-protocol");
    let head = repo.head().unwrap().id();
    for message in [
        // In the body, followed by a paragraph that is not trailers.
        format!("Sign off\n\nAgreement-Sign-Off: care-protocol {digest}\n\nAnd a closing line.\n"),
        // In the subject's own paragraph.
        format!("Sign off\nAgreement-Sign-Off: care-protocol {digest}\n"),
        // The key in another case.
        format!("Sign off\n\nagreement-sign-off: care-protocol {digest}\n"),
        // After a `---` line, where git's trailers end.
        format!("Sign off\n\n---\nAgreement-Sign-Off: care-protocol {digest}\n"),
    ] {
        let commit = repo.empty_commit(JANE, &message, &[head], None);
        repo.set_main(commit);
        assert!(
            missing(&repo, PROTOCOL).contains("North NHS Trust (Dr Jane Smith)"),
            "{message:?} must not count"
        );
    }
    // The same line as git's trailer block does count.
    let commit = repo.empty_commit(
        JANE,
        &format!("Sign off\n\nAgreement-Sign-Off: care-protocol {digest}\n"),
        &[head],
        None,
    );
    repo.set_main(commit);
    assert!(missing(&repo, PROTOCOL).ends_with("not signed off by South Council (Amir Khan); it has waited 178 days since it reached the branch on 2026-05-28."));
}

#[test]
fn a_sign_off_counts_only_for_a_version_committed_when_it_was_made() {
    let repo = Repo::new();
    let (digest, future) = future_protocol(&repo);
    // Jane "signs" the future version before it exists.
    repo.sign_with(JANE, "care-protocol", &digest);
    repo.scratch.write(PROTOCOL, &future);
    repo.commit_files(ADMIN, "Change the protocol");
    assert_eq!(repo.digest("care-protocol"), digest);
    assert!(
        missing(&repo, PROTOCOL).contains("North NHS Trust (Dr Jane Smith)"),
        "a sign-off made before the version was committed does not count"
    );
    // Signed again now that it is committed: it counts.
    repo.sign_with(JANE, "care-protocol", &digest);
    assert!(missing(&repo, PROTOCOL).ends_with("not signed off by South Council (Amir Khan); it has waited 178 days since it reached the branch on 2026-05-28."));
}

/// Runs real git in the repository, without the user's settings.
fn git(repo: &Repo, args: &[&str], input: Option<&str>) -> String {
    use std::io::Write;
    let mut child = Command::new("git")
        .current_dir(repo.path())
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.unwrap_or_default().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "git {args:?}");
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn a_commit_that_cannot_be_read_is_an_error_not_a_reason_to_skip_sign_off() {
    let repo = Repo::new();
    let parent = repo.head().unwrap().id().to_string();
    let tree = repo.head().unwrap().tree_id().to_string();
    // A date too large for git to read, written straight into the object
    // database as `git hash-object --literally` does.
    let object = format!(
        "tree {tree}\nparent {parent}\nauthor X <x@example.org> 99999999999999999999 +0000\ncommitter X <x@example.org> 1780000000 +0000\n\nA damaged commit\n"
    );
    let broken = git(
        &repo,
        &[
            "hash-object",
            "-t",
            "commit",
            "--literally",
            "-w",
            "--stdin",
        ],
        Some(&object),
    );
    repo.set_main(Oid::from_str(&broken).unwrap());
    let output = common::isg_command()
        .current_dir(repo.path())
        .args(["check", "--today", TODAY, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "an error, so the check fails"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["diagnostics"].as_array().unwrap();
    let unreadable: Vec<&Value> = findings
        .iter()
        .filter(|d| d["rule"] == "history-unreadable")
        .collect();
    assert_eq!(unreadable.len(), 1, "{findings:?}");
    assert_eq!(unreadable[0]["level"], "error");
    assert_eq!(unreadable[0]["file"], "isg.yaml");
    let message = unreadable[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("commit {broken} could not be read"))
            && message.contains("invalid Unix timestamp"),
        "{message}"
    );
    assert!(
        findings.iter().all(|d| d["rule"] != "history-unavailable"),
        "not a note that history is absent: {findings:?}"
    );
}

#[test]
fn an_odd_but_readable_date_is_shown_as_it_is() {
    let repo = Repo::new();
    let digest = repo.digest("care-record");
    let head = repo.head().unwrap();
    // Written by git itself (libgit2 writes times as 32 bits): a sign-off
    // dated in the year 5138.
    let object = format!(
        "tree {}\nparent {}\nauthor {} <{}> 99999999999 +0000\ncommitter {} <{}> 99999999999 +0000\n\nSign off\n\nAgreement-Sign-Off: care-record {digest}\n",
        head.tree_id(),
        head.id(),
        JANE.0,
        JANE.1,
        JANE.0,
        JANE.1
    );
    let commit = git(
        &repo,
        &["hash-object", "-t", "commit", "-w", "--stdin"],
        Some(&object),
    );
    repo.set_main(Oid::from_str(&commit).unwrap());
    let status: Value = serde_json::from_str(&repo.isg(&["status", "--format", "json"])).unwrap();
    let record = status["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap();
    assert_eq!(record["signoffs"][0]["commit"], commit);
    assert_eq!(record["signoffs"][0]["date"], "5138-11-16");
}

#[test]
fn no_commits_yet_is_said_only_when_there_are_none() {
    let scratch = common::Scratch::minimal();
    git2::Repository::init(scratch.path()).unwrap();
    let json: Value = serde_json::from_slice(
        &common::isg_command()
            .current_dir(scratch.path())
            .args(["check", "--today", TODAY, "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let notes: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "history-unavailable")
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]["message"]
            .as_str()
            .unwrap()
            .contains("the repository has no commits yet")
    );
}

/// How the branch holding a smuggled key reaches main.
#[derive(Clone, Copy, Debug)]
enum Style {
    MergeCommit,
    Rebase,
    FastForward,
}

/// Main with the verified policy and no key for Jane; a branch that adds a
/// key for her and then a sign-off signed with it, brought onto main by
/// `merge`. Returns the repository and main as it was before the change.
fn smuggle(merge: Style, key_on_main: bool) -> (Repo, Oid) {
    let repo = Repo::new();
    repo.scratch
        .write("isg.yaml", "policy:\n  signoff: verified\n");
    let jane = key(7);
    let with_key = |text: &str| {
        text.replace(
            "    email: jane.smith@north.example\n",
            &format!(
                "    email: jane.smith@north.example\n    signing_keys:\n      - {}\n",
                public(&jane)
            ),
        )
    };
    let north = repo.scratch.read(NORTH);
    if key_on_main {
        repo.scratch.write(NORTH, with_key(&north));
    }
    let base = repo.commit_files(ADMIN, "Verified sign-off");
    let trailer = repo.trailer("care-record");
    // The branch: add the key (unless main has it), then sign with it.
    repo.scratch.write(NORTH, with_key(&north));
    let tree = repo.work_tree();
    let added = repo.commit_on(ADMIN, "Add a key for Jane", tree, &[base], None);
    let signed = repo.commit_on(JANE, &trailer, tree, &[added], Some(&jane));
    let tip = match merge {
        Style::MergeCommit => {
            repo.commit_on(ADMIN, "Merge the proposal", tree, &[base, signed], None)
        }
        Style::FastForward => signed,
        Style::Rebase => {
            // Main moves on meanwhile; the branch is replayed on top of it,
            // and the sign-off signed again (a rebase changes each commit).
            let moved = repo.commit_on(
                ADMIN,
                "Meanwhile on main",
                repo.head().unwrap().tree_id(),
                &[base],
                None,
            );
            let added = repo.commit_on(ADMIN, "Add a key for Jane", tree, &[moved], None);
            repo.commit_on(JANE, &trailer, tree, &[added], Some(&jane))
        }
    };
    repo.set_main(tip);
    (repo, base)
}

/// Jane's `signoff-unverified` findings for the care record, checking the
/// committed registry, judged against `base` when given.
fn unverified(repo: &Repo, base: Option<Oid>) -> Vec<String> {
    let base = base.map(|oid| oid.to_string());
    let mut args = vec![
        "check", "--rev", "HEAD", "--today", TODAY, "--format", "json",
    ];
    if let Some(base) = &base {
        args.extend(["--base", base.as_str()]);
    }
    let json: Value = serde_json::from_str(&repo.isg(&args)).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "signoff-unverified" && d["file"] == RECORD)
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .filter(|message| message.contains("Dr Jane Smith"))
        .collect()
}

#[test]
fn a_smuggled_key_never_verifies_its_own_sign_off_whatever_the_merge_style() {
    for merge in [Style::MergeCommit, Style::Rebase, Style::FastForward] {
        let (repo, base) = smuggle(merge, false);
        let found = unverified(&repo, Some(base));
        assert_eq!(found.len(), 1, "{merge:?}: {:?}", repo.findings());
        assert!(
            found[0].contains("no signing key was registered for the signatory before this change"),
            "{merge:?}: {found:?}"
        );
        // Without `--base`, only a merge commit shows where the change
        // began: a rebase or fast-forward looks like work done on main.
        // (The README's trust model says so; the workflow passes --base.)
        let without_base = unverified(&repo, None);
        match merge {
            Style::MergeCommit => assert_eq!(without_base.len(), 1, "{without_base:?}"),
            Style::Rebase | Style::FastForward => assert!(without_base.is_empty()),
        }
    }
}

#[test]
fn a_key_registered_before_the_change_verifies_whatever_the_merge_style() {
    for merge in [Style::MergeCommit, Style::Rebase, Style::FastForward] {
        let (repo, base) = smuggle(merge, true);
        assert!(
            unverified(&repo, Some(base)).is_empty(),
            "{merge:?}: {:?}",
            repo.findings()
        );
        let status: Value = serde_json::from_str(&repo.isg(&[
            "status",
            "--rev",
            "HEAD",
            "--base",
            &base.to_string(),
            "--format",
            "json",
        ]))
        .unwrap();
        let record = status["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "care-record")
            .unwrap();
        assert_eq!(record["signoffs"][0]["level"], "verified", "{merge:?}");
        assert_eq!(record["missing"], serde_json::json!(["south-council"]));
    }
}

#[test]
fn a_base_that_is_not_a_revision_stops_the_check() {
    let repo = Repo::new();
    let output = common::isg_command()
        .current_dir(repo.path())
        .args(["check", "--base", "no-such-branch"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("cannot read the base revision `no-such-branch`"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
