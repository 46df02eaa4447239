//! Paper sign-offs, transcribed: `isg sign --transcribe` by an administrator
//! of the lead organisation records an approval given outside git, with its
//! date and evidence, at a level of its own (`transcribed`), on real
//! repositories.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::repo::{ADMIN, JANE, NORTH, RECORD, Repo};

const EVIDENCE: &str = "Signed at South Council's board on 1 June 2025, minute 7";

/// The minimal registry with North NHS Trust's IG administrator added as an
/// officer, committed.
fn registry() -> Repo {
    let repo = Repo::new();
    repo.scratch.edit(
        NORTH,
        "officers:\n",
        "officers:\n  - id: ig-admin\n    name: IG Admin\n    roles: [administrator]\n    email: ig.admin@north.example\n",
    );
    repo.commit_files(ADMIN, "Add the IG administrator");
    repo
}

/// `isg sign ARGS` run as `who`, with git set up as they would have it.
fn sign_as(repo: &Repo, who: (&str, &str), args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["sign"];
    all.extend_from_slice(args);
    repo.isg_as(who, &all)
}

fn transcribe(repo: &Repo, who: (&str, &str), party: &str, on: &str) -> (i32, String, String) {
    sign_as(
        repo,
        who,
        &[
            "care-record",
            "--transcribe",
            "--party",
            party,
            "--on",
            on,
            "--evidence",
            EVIDENCE,
        ],
    )
}

#[test]
fn an_administrator_of_the_lead_transcribes_a_paper_sign_off() {
    let repo = registry();
    let (code, out, err) = transcribe(&repo, ADMIN, "south-council", "2025-06-01");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "Transcribed South Council's sign-off of \"Shared care record\", given on paper on 2025-06-01 ({EVIDENCE}), at {}, as IG Admin for North NHS Trust, the lead organisation.\nPush the commit so the other parties and CI see it.\n",
            repo.digest("care-record")
        )
    );
    let head = repo.head().unwrap();
    assert_eq!(head.author().email().ok(), Some(ADMIN.1));
    let message = head.message().unwrap();
    assert!(
        message.ends_with(&format!(
            "\n\nAgreement-Sign-Off-Transcribed: care-record {} south-council 2025-06-01\nTranscription-Evidence: {EVIDENCE}\n",
            repo.digest("care-record")
        )),
        "{message}"
    );

    // It counts for South Council, at its own level, on the day on paper.
    let record = repo.status_of("care-record");
    let signed = &record["signoffs"][0];
    assert_eq!(signed["org"], "south-council");
    assert_eq!(signed["officer"], "amir-khan");
    assert_eq!(signed["level"], "transcribed");
    assert_eq!(signed["date"], "2025-06-01");
    assert_eq!(signed["evidence"], EVIDENCE);
    assert_eq!(record["missing"], serde_json::json!(["north-trust"]));
    let human = repo.isg(&["status"]);
    assert!(
        human.contains("  active  3     2027-03-01  0 of 2      1 of 2 (1 on paper)  178 days"),
        "{human}"
    );
    let missing = repo.of_rule("signoff-missing");
    let message = &missing.iter().find(|f| f.1 == RECORD).unwrap().2;
    assert!(
        message.contains("not signed off by North NHS Trust (Dr Jane Smith);"),
        "{message}"
    );
    assert!(repo.of_rule("signoff-by-non-signatory").is_empty());

    // Once Jane signs, the version is fully signed; the site says which
    // sign-off was transcribed from paper, and from what.
    repo.sign(JANE, "care-record");
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .all(|f| f.1 != RECORD)
    );
    let site = repo.path().join("site");
    let output = common::isg_command()
        .current_dir(repo.path())
        .args(["render", "--out"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let page = std::fs::read_to_string(site.join("agreements/care-record.html")).unwrap();
    assert!(
        page.contains(&format!(
            "<td>transcribed from paper: {}</td>",
            EVIDENCE.replace('\'', "&#x27;")
        )),
        "{page}"
    );
}

#[test]
fn a_verified_policy_refuses_transcriptions_unless_it_accepts_them() {
    let repo = registry();
    assert_eq!(transcribe(&repo, ADMIN, "south-council", "2025-06-01").0, 0);
    repo.scratch
        .write("isg.yaml", "policy:\n  signoff: verified\n");
    repo.commit_files(ADMIN, "Require verified sign-off");
    let unverified = repo.of_rule("signoff-unverified");
    let south = unverified
        .iter()
        .find(|f| f.1 == RECORD && f.2.contains("South Council"))
        .unwrap_or_else(|| panic!("{unverified:?}"));
    assert!(south.2.contains("transcribed from paper"), "{}", south.2);
    repo.scratch.write(
        "isg.yaml",
        "policy:\n  signoff: verified\n  accept_transcribed: true\n",
    );
    repo.commit_files(ADMIN, "Accept transcribed sign-offs");
    assert!(
        repo.of_rule("signoff-unverified")
            .iter()
            .all(|f| !(f.1 == RECORD && f.2.contains("South Council"))),
        "{:?}",
        repo.of_rule("signoff-unverified")
    );
    assert_eq!(
        repo.status_of("care-record")["signoffs"][0]["level"],
        "transcribed"
    );
}

#[test]
fn transcriptions_that_cannot_count_are_refused_and_write_nothing() {
    let repo = registry();
    let before = repo.head().unwrap().id();
    let refused = |result: (i32, String, String), says: &str| {
        assert_eq!(result.0, 2, "{}{}", result.1, result.2);
        assert!(result.2.contains(says), "{}", result.2);
        assert_eq!(repo.head().unwrap().id(), before, "a commit was written");
    };
    refused(
        transcribe(&repo, ADMIN, "west-trust", "2025-06-01"),
        "`west-trust` is not a party to \"Shared care record\"",
    );
    refused(
        transcribe(&repo, JANE, "south-council", "2025-06-01"),
        "only an administrator or IG lead of North NHS Trust, the lead organisation, can transcribe a sign-off given on paper; your git email, jane.smith@north.example, is Dr Jane Smith's, who is not one",
    );
    refused(
        transcribe(&repo, ADMIN, "south-council", "2026-11-23"),
        "--on 2026-11-23 is after today (2026-11-22)",
    );
    refused(
        transcribe(&repo, ADMIN, "south-council", "2025-02-30"),
        "`2025-02-30` is not a real date",
    );
    refused(
        sign_as(
            &repo,
            ADMIN,
            &[
                "care-record",
                "--transcribe",
                "--party",
                "south-council",
                "--on",
                "2025-06-01",
            ],
        ),
        "--evidence",
    );
    refused(
        sign_as(&repo, ADMIN, &["care-record", "--party", "south-council"]),
        "--transcribe",
    );
    refused(
        sign_as(
            &repo,
            ADMIN,
            &[
                "care-record",
                "--transcribe",
                "--party",
                "south-council",
                "--on",
                "2025-06-01",
                "--evidence",
                "  ",
            ],
        ),
        "say what the approval on paper is",
    );
}

#[test]
fn a_transcription_not_made_by_the_leads_administrator_does_not_count() {
    let repo = registry();
    let digest = repo.digest("care-record");
    let message = format!(
        "Transcribe\n\nAgreement-Sign-Off-Transcribed: care-record {digest} south-council 2025-06-01\nTranscription-Evidence: {EVIDENCE}\n"
    );
    let head = repo.head().unwrap().id();
    repo.empty_commit(JANE, &message, &[head], Some("HEAD"));
    let record = repo.status_of("care-record");
    assert_eq!(record["signoffs"], serde_json::json!([]));
    let strangers = repo.of_rule("signoff-by-non-signatory");
    assert!(
        strangers.iter().any(|f| f.1 == RECORD
            && f.2.contains("transcribes a sign-off given on paper as Dr Jane Smith <jane.smith@north.example>, who is not an administrator or IG lead of the lead organisation, so it does not count.")),
        "{strangers:?}"
    );
}
