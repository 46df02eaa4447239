//! DPO review: each controller party's Data Protection Officer reviews an
//! agreement's version (`isg review`) before its signatory signs it off;
//! `policy.dpo_review` says whether that is required, on real repositories.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::repo::{ADMIN, JANE, RECORD, Repo};
use serde_json::Value;

const ANN: (&str, &str) = ("Ann Lee", "ann.lee@north.example");

/// `isg review care-record` run as `who`: (exit code, stdout, stderr).
fn review_as(repo: &Repo, who: (&str, &str)) -> (i32, String, String) {
    repo.isg_as(who, &["review", "care-record"])
}

/// (level, message) of each `dpo-review-missing` finding in the record.
fn review_findings(repo: &Repo) -> Vec<(String, String)> {
    let json: Value =
        serde_json::from_str(&repo.isg(&["check", "--today", common::TODAY, "--format", "json"]))
            .unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "dpo-review-missing" && d["file"] == RECORD)
        .map(|d| {
            (
                d["level"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn each_controllers_dpo_reviews_the_version() {
    let repo = Repo::new();
    assert_eq!(
        review_findings(&repo),
        vec![(
            "note".to_owned(),
            "\"Shared care record\" is active but this version has not been reviewed by the DPO of North NHS Trust (Ann Lee) and South Council (Liz Park).".to_owned()
        )]
    );

    let (code, out, err) = review_as(&repo, ANN);
    assert_eq!(code, 0, "{err}");
    let digest = repo.digest("care-record");
    assert_eq!(
        out,
        format!(
            "Reviewed \"Shared care record\" at {digest} as Ann Lee, Data Protection Officer of North NHS Trust.\nPush the commit so the other parties and CI see it; each signatory can then sign it off.\n"
        )
    );
    let head = repo.head().unwrap();
    assert_eq!(head.author().email().ok(), Some(ANN.1));
    assert!(
        head.message()
            .unwrap()
            .ends_with(&format!("\n\nAgreement-Review: care-record {digest}\n")),
        "{:?}",
        head.message()
    );
    assert_eq!(
        review_findings(&repo),
        vec![(
            "note".to_owned(),
            "\"Shared care record\" is active but this version has not been reviewed by the DPO of South Council (Liz Park).".to_owned()
        )]
    );
    let record = repo.status_of("care-record");
    assert_eq!(record["reviews"][0]["org"], "north-trust");
    assert_eq!(record["reviews"][0]["officer"], "ann-dpo");
    assert_eq!(record["reviews"][0]["level"], "recorded");
    assert_eq!(
        record["review_missing"],
        serde_json::json!(["south-council"])
    );
    // A review is not a sign-off.
    assert_eq!(record["signoffs"], serde_json::json!([]));
    let human = repo.isg(&["status"]);
    assert!(human.contains("  DPO review  Signed"), "{human}");
    assert!(human.contains("  1 of 2      0 of 2"), "{human}");

    // Reviewing again does nothing.
    let (code, out, _) = review_as(&repo, ANN);
    assert_eq!(code, 0);
    assert!(
        out.contains("You have already reviewed this version"),
        "{out}"
    );

    // The agreement's page shows the review beside the sign-offs.
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
        page.contains("<h2 id=\"dpo-review\">DPO review</h2>"),
        "{page}"
    );
    assert!(
        page.contains(
            "<tr><td>South Council</td><td>Liz Park</td><td colspan=\"3\">awaiting review</td></tr>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<tr><td>North NHS Trust</td><td>Ann Lee</td><td class=\"nowrap\">"),
        "{page}"
    );

    // A new version needs a new review.
    repo.scratch.edit(
        RECORD,
        "purpose: Clinicians see social care records when treating people.",
        "purpose: Clinicians see social care records when they treat people.",
    );
    repo.commit_files(ADMIN, "Reword the purpose");
    assert!(
        review_findings(&repo)[0]
            .1
            .ends_with("North NHS Trust (Ann Lee) and South Council (Liz Park)."),
        "{:?}",
        review_findings(&repo)
    );
}

#[test]
fn the_policy_makes_review_required_optional_or_off() {
    let repo = Repo::new();
    repo.scratch
        .write("isg.yaml", "policy:\n  dpo_review: required\n");
    repo.commit_files(ADMIN, "Require DPO review");
    let found = review_findings(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "error");
    repo.scratch
        .write("isg.yaml", "policy:\n  dpo_review: off\n");
    repo.commit_files(ADMIN, "No DPO review");
    assert_eq!(review_findings(&repo), vec![]);
}

#[test]
fn only_a_controllers_dpo_can_review() {
    let repo = Repo::new();
    let before = repo.head().unwrap().id();
    let (code, _, err) = review_as(&repo, JANE);
    assert_eq!(code, 2);
    assert!(
        err.contains("your git email, jane.smith@north.example, is not the email of the Data Protection Officer of any controller of \"Shared care record\". Its controllers' DPOs are: Ann Lee <ann.lee@north.example> for North NHS Trust; Liz Park <liz.park@south.example> for South Council."),
        "{err}"
    );
    assert_eq!(repo.head().unwrap().id(), before, "a commit was written");

    // A review trailer written by hand by someone who is not the DPO does
    // not count.
    let message = format!(
        "Review\n\nAgreement-Review: care-record {}\n",
        repo.digest("care-record")
    );
    repo.empty_commit(JANE, &message, &[before], Some("HEAD"));
    assert_eq!(
        repo.status_of("care-record")["reviews"],
        serde_json::json!([])
    );
    assert_eq!(review_findings(&repo).len(), 1);
}
