//! Helpers shared by the tests of `isg render`: rendering a registry, a
//! registry committed and signed off, and reading the pages of the site.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

use super::Scratch;
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::Path;

pub fn render(registry: &Path, out: &Path) -> String {
    let output = super::isg_command()
        .arg("render")
        .arg(registry)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Commits everything in `dir` as a new repository and returns the commit id.
pub fn commit_all(dir: &Path) -> String {
    let repo = git2::Repository::init(dir).unwrap();
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let who = git2::Signature::new(
        "IG Admin",
        "ig.admin@north.example",
        &git2::Time::new(1_790_000_000, 0),
    )
    .unwrap();
    repo.commit(Some("HEAD"), &who, &who, "Add the registry", &tree, &[])
        .unwrap()
        .to_string()
}

/// The minimal registry with `edits` made to the care record, committed,
/// and signed off for the care record by the first `signers` of its two
/// signatories (none for the protocol).
pub fn signed_registry_with(edits: &[(&str, &str)], signers: usize) -> Scratch {
    const CARE_RECORD: &str = "agreements/care-record/agreement.yaml";
    let registry = Scratch::minimal();
    for (from, to) in edits {
        registry.edit(CARE_RECORD, from, to);
    }
    commit_all(registry.path());
    let digest = {
        let status = super::isg_command()
            .current_dir(registry.path())
            .args(["status", "--format", "json"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&status.stdout).unwrap();
        json["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "care-record")
            .unwrap()["digest"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let repo = git2::Repository::open(registry.path()).unwrap();
    for (name, email) in [
        ("Dr Jane Smith", "jane.smith@north.example"),
        ("Amir Khan", "amir.khan@south.example"),
    ]
    .into_iter()
    .take(signers)
    {
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        let who = git2::Signature::new(name, email, &git2::Time::new(1_790_100_000, 0)).unwrap();
        let message = format!("Sign off\n\nAgreement-Sign-Off: care-record {digest}\n");
        repo.commit(
            Some("HEAD"),
            &who,
            &who,
            &message,
            &head.tree().unwrap(),
            &[&head],
        )
        .unwrap();
    }
    registry
}

/// A committed minimal registry with both parties' sign-offs for the
/// care record (and none for the protocol).
pub fn signed_registry() -> Scratch {
    signed_registry_with(&[], 2)
}

pub fn page(out: &Path, file: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap())
}

pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}
