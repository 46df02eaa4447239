//! Sign-off as it happens over months: how long each version has waited and
//! for whom, the day it was fully signed, and the registry as it was on a
//! past day (`--as-of`), on a real repository whose commits are dated.
//!
//! The history is `common::dated::history()`.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::dated::history;
use common::repo::{RECORD, Repo};
use serde_json::Value;

const PROTOCOL: &str = "agreements/care-protocol/agreement.yaml";

/// `isg ARGS` in the repository: (exit code, stdout, stderr).
fn run(repo: &Repo, args: &[&str]) -> (i32, String, String) {
    let output = common::isg_command()
        .current_dir(repo.path())
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The JSON status of one agreement, with `args` added.
fn status_of(repo: &Repo, agreement: &str, args: &[&str]) -> Value {
    let mut all = vec!["status", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(repo, &all);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    json["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == agreement)
        .unwrap_or(&Value::Null)
        .clone()
}

/// (org, since, days) of each party awaited.
fn awaited(agreement: &Value) -> Vec<(String, String, i64)> {
    agreement["awaiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["org"].as_str().unwrap().to_owned(),
                a["since"].as_str().unwrap().to_owned(),
                a["days"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn pair(org: &str, since: &str, days: i64) -> (String, String, i64) {
    (org.to_owned(), since.to_owned(), days)
}

#[test]
fn each_version_waits_from_the_day_it_reached_the_branch() {
    let repo = history();
    // At HEAD: the third version reached main with the merge on 2025-09-10,
    // not on the day its branch commit was made (2025-09-01).
    let record = status_of(&repo, "care-record", &["--today", "2025-09-30"]);
    assert_eq!(
        awaited(&record),
        vec![
            pair("north-trust", "2025-09-10", 20),
            pair("south-council", "2025-09-10", 20)
        ]
    );
    assert_eq!(record["signed_off_on"], Value::Null);
    let jane = &record["awaiting"][0];
    assert_eq!(jane["officer"], "jane-smith");
    assert_eq!(jane["name"], "Dr Jane Smith");
    assert_eq!(jane["role"], "Caldicott Guardian");
    assert_eq!(jane["email"], "jane.smith@north.example");
    // The protocol, signed by both on 2025-05-20, waits for no one.
    let protocol = status_of(&repo, "care-protocol", &["--today", "2025-09-30"]);
    assert_eq!(protocol["awaiting"], serde_json::json!([]));
    assert_eq!(protocol["signed_off_on"], "2025-05-20");
}

#[test]
fn the_registry_as_it_was_on_each_day() {
    let repo = history();
    // The first day: the first version, waiting for both since it was added.
    let record = status_of(&repo, "care-record", &["--as-of", "2025-02-01"]);
    assert_eq!(
        awaited(&record),
        vec![
            pair("north-trust", "2025-02-01", 0),
            pair("south-council", "2025-02-01", 0)
        ]
    );
    // Jane has signed the second version; Amir has not. The comment added
    // on 2025-04-01 did not change the version, so it still waits from
    // 2025-03-10.
    let record = status_of(&repo, "care-record", &["--as-of", "2025-04-30"]);
    assert_eq!(
        awaited(&record),
        vec![pair("south-council", "2025-03-10", 51)]
    );
    assert_eq!(record["signoffs"][0]["officer"], "jane-smith");
    assert_eq!(record["signoffs"][0]["date"], "2025-03-20");
    // The day before Amir signed, and the day he did: fully signed then.
    let record = status_of(&repo, "care-record", &["--as-of", "2025-05-14"]);
    assert_eq!(
        awaited(&record),
        vec![pair("south-council", "2025-03-10", 65)]
    );
    let record = status_of(&repo, "care-record", &["--as-of", "2025-05-15"]);
    assert_eq!(record["awaiting"], serde_json::json!([]));
    assert_eq!(record["signed_off_on"], "2025-05-15");
    // On 2025-09-09 main holds the signed second version; the merge of the
    // next day replaces it, and both are awaited again.
    let record = status_of(&repo, "care-record", &["--as-of", "2025-09-09"]);
    assert_eq!(record["signed_off_on"], "2025-05-15");
    let record = status_of(&repo, "care-record", &["--as-of", "2025-09-10"]);
    assert_eq!(awaited(&record).len(), 2);
    assert_eq!(record["signoffs"], serde_json::json!([]));
}

#[test]
fn check_as_of_a_day_says_how_long_and_judges_dates_then() {
    let repo = history();
    let (code, out, _) = run(
        &repo,
        &["check", "--as-of", "2025-04-30", "--format", "json"],
    );
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).unwrap();
    let messages: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert!(
        messages.contains(&(
            RECORD,
            "\"Shared care record\" is active but this version is not signed off by South Council (Amir Khan); it has waited 51 days since it reached the branch on 2025-03-10."
        )),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|(file, message)| *file == PROTOCOL
            && message
                .ends_with("it has waited 88 days since it reached the branch on 2025-02-01.")),
        "{messages:?}"
    );
    // Fully signed by 2025-05-20: no sign-off is missing that day. (The
    // fixture's later dates, such as its DSPT publication, are still to
    // come then, and `date-in-future` says so.)
    let (_, out, _) = run(
        &repo,
        &["check", "--as-of", "2025-05-20", "--format", "json"],
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = common::rules_of(&json);
    assert!(!rules.contains(&"signoff-missing"), "{rules:?}");
    assert!(rules.contains(&"date-in-future"), "{rules:?}");
}

#[test]
fn the_chase_list_is_longest_first_and_overdue_keeps_the_late() {
    let repo = history();
    let (code, out, err) = run(&repo, &["status", "--as-of", "2025-04-30"]);
    assert_eq!(code, 0, "{err}");
    let chase = out
        .split("Waiting for sign-off (2), longest first\n\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no chase list: {out}"));
    let lines: Vec<&str> = chase.lines().take(3).collect();
    assert_eq!(
        lines,
        vec![
            "  Days  Since       Agreement           Organisation   Signatory                       Email",
            "  88    2025-02-01  Care protocol       South Council  Amir Khan (Caldicott Guardian)  amir.khan@south.example",
            "  51    2025-03-10  Shared care record  South Council  Amir Khan (Caldicott Guardian)  amir.khan@south.example",
        ]
    );
    assert!(
        out.contains("  active  3     2027-03-01  0 of 2      1 of 2  51 days"),
        "{out}"
    );

    // Only what has waited more than 60 days, and no organisations.
    let (_, out, _) = run(
        &repo,
        &["status", "--as-of", "2025-04-30", "--overdue", "60"],
    );
    assert!(!out.contains("Organisations ("), "{out}");
    assert!(
        out.starts_with("Agreements waiting longer than 60 days for sign-off (1)\n"),
        "{out}"
    );
    assert!(
        out.contains("Care protocol") && !out.contains("Shared care record"),
        "{out}"
    );
    let (_, out, _) = run(
        &repo,
        &[
            "status",
            "--as-of",
            "2025-04-30",
            "--overdue",
            "100",
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["agreements"], serde_json::json!([]));
    assert_eq!(json["organisations"], serde_json::json!([]));

    let (_, markdown, _) = run(
        &repo,
        &["status", "--as-of", "2025-04-30", "--format", "markdown"],
    );
    assert!(
        markdown.contains("| 88 | 2025-02-01 | Care protocol | South Council | Amir Khan (Caldicott Guardian) | amir.khan@south.example |"),
        "{markdown}"
    );
}

#[test]
fn a_version_not_yet_committed_has_not_started_waiting() {
    let repo = history();
    repo.scratch
        .edit(RECORD, "and no more.", "and nothing else.");
    let record = status_of(&repo, "care-record", &["--today", "2025-09-30"]);
    let first = &record["awaiting"][0];
    assert_eq!(first["since"], Value::Null);
    assert_eq!(first["days"], Value::Null);
    let (_, out, _) = run(&repo, &["status", "--today", "2025-09-30"]);
    assert!(out.contains("not committed"), "{out}");
}

#[test]
fn as_of_refuses_days_it_cannot_show() {
    let repo = history();
    let (code, _, err) = run(&repo, &["status", "--as-of", "2025-01-31"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--as-of 2025-01-31 is before the registry's history begins: its first commit was made on 2025-02-01."),
        "{err}"
    );
    // ISG_TODAY is 2026-11-22 for the tests.
    let (code, _, err) = run(&repo, &["check", "--as-of", "2026-11-23"]);
    assert_eq!(code, 2);
    assert!(err.contains("--as-of 2026-11-23 is in the future"), "{err}");
    let (code, _, err) = run(&repo, &["render", "--as-of", "2025-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("`2025-02-30` is not a real date"), "{err}");
    let (code, _, err) = run(
        &repo,
        &["check", "--as-of", "2025-04-30", "--today", "2025-05-01"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("give --as-of or --today, not both"), "{err}");
    let outside = common::Scratch::minimal();
    let output = common::isg_command()
        .current_dir(outside.path())
        .args(["status", "--as-of", "2025-04-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is not inside a git repository"),
        "{output:?}"
    );
}

#[test]
fn render_as_of_a_day_dates_the_register_from_the_last_sign_off() {
    let repo = history();
    let out = repo.path().join("site");
    let (code, printed, err) = run(&repo, &["render", "--as-of", "2025-06-30", "--out", "site"]);
    assert_eq!(code, 0, "{err}");
    assert!(printed.contains("(2025-06-30)"), "{printed}");
    // In place since Amir's sign-off (2025-05-15), after the day the
    // record took effect (2025-03-01).
    let mut register = csv::Reader::from_path(out.join("exports/public-register.csv")).unwrap();
    let header = register.headers().unwrap().clone();
    let since = header.iter().position(|h| h == "In place since").unwrap();
    let rows: Vec<csv::StringRecord> = register.records().map(Result::unwrap).collect();
    let record = rows
        .iter()
        .find(|row| &row[0] == "Shared care record")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(&record[since], "2025-05-15", "{rows:?}");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("exports/registry.json")).unwrap())
            .unwrap();
    let agreement = json["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap();
    assert_eq!(agreement["signed_off_on"], "2025-05-15");
    assert_eq!(agreement["in_place_since"], "2025-05-15");
    let page = std::fs::read_to_string(out.join("agreements/care-record.html")).unwrap();
    assert!(
        page.contains("<dt>In place since</dt><dd>2025-05-15</dd>"),
        "{page}"
    );
    assert!(
        page.contains(
            "Every party has signed this version; the last sign-off was made on 2025-05-15."
        ),
        "{page}"
    );

    // The PDF to file says the same (PDFs are built with the `pdf` feature,
    // on by default).
    #[cfg(feature = "pdf")]
    {
        let pdf = std::fs::read(out.join("agreements/care-record.pdf")).unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("In place since 2025-05-15"), "{text}");
        assert!(
            text.contains(
                "Every party has signed this version; the last sign-off was made on 2025-05-15."
            ),
            "{text}"
        );
    }

    // On 2025-04-30 it still waited for Amir: the dashboard's chase list
    // says for how long and how to reach him.
    let (code, _, err) = run(&repo, &["render", "--as-of", "2025-04-30", "--out", "site"]);
    assert_eq!(code, 0, "{err}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<td class=\"days\">51</td><td class=\"nowrap\">2025-03-10</td><td><a href=\"agreements/care-record.html\">Shared care record</a></td><td>South Council</td><td>Amir Khan (Caldicott Guardian)</td><td><a href=\"mailto:amir.khan@south.example\">amir.khan@south.example</a></td>"),
        "{index}"
    );
    let page = std::fs::read_to_string(out.join("agreements/care-record.html")).unwrap();
    assert!(
        page.contains("Waiting for 1 party to sign since this version reached the branch on 2025-03-10: 51 days."),
        "{page}"
    );
    assert!(!page.contains("In place since"), "{page}");
}
