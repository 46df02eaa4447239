//! `isg render`'s exports: the record of processing, the DSPT data flow
//! map and the public register (CSV, parsed with a real CSV parser), the
//! calendar of reviews and expiries (parsed with a real iCalendar parser)
//! and registry.json, all byte-for-byte reproducible from a commit.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::Scratch;
use common::render::{commit_all, render, signed_registry_with};
use serde_json::Value;
use std::path::Path;

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

fn cell<'a>(headers: &[String], row: &'a [String], name: &str) -> &'a str {
    let index = headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[index]
}

#[test]
fn spreadsheet_formulas_in_records_are_exported_as_text() {
    let registry = Scratch::minimal();
    registry.edit(
        "organisations/south-council.yaml",
        "name: South Council",
        "name: \"=HYPERLINK(\\\"https://evil.example/\\\", \\\"South Council\\\")\"",
    );
    registry.edit(
        "agreements/care-record/agreement.yaml",
        "retention: Viewed only.",
        "retention: \"@SUM(1+1)\"",
    );
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let (headers, rows) = csv_rows(&out.path().join("exports/ropa.csv"));
    assert_eq!(
        cell(&headers, &rows[0], "Controller"),
        "'=HYPERLINK(\"https://evil.example/\", \"South Council\")"
    );
    assert_eq!(cell(&headers, &rows[0], "Retention"), "'@SUM(1+1)");
    assert_eq!(cell(&headers, &rows[0], "Review due"), "2027-03-01");
    let (headers, rows) = csv_rows(&out.path().join("exports/dspt-data-flows.csv"));
    assert!(
        rows[0].iter().any(|cell| cell.starts_with("'=HYPERLINK(")),
        "{headers:?} {rows:?}"
    );
    assert!(!rows[0].iter().any(|cell| cell.starts_with('=')));
}

#[test]
fn record_of_processing_has_a_row_per_flow_with_the_article_30_facts() {
    let registry = Scratch::minimal();
    let out = Scratch::empty();
    let said = render(registry.path(), out.path());
    assert!(
        said.contains("from the files on disk, an uncommitted draft"),
        "{said}"
    );
    let (headers, rows) = csv_rows(&out.path().join("exports/ropa.csv"));
    assert_eq!(rows.len(), 1, "the minimal registry has one flow");
    let row = &rows[0];
    assert_eq!(cell(&headers, row, "Controller"), "South Council");
    assert_eq!(
        cell(&headers, row, "Controller DPO"),
        "Liz Park <liz.park@south.example>"
    );
    assert_eq!(
        cell(&headers, row, "Contact for requests"),
        "foi@south.example"
    );
    assert_eq!(
        cell(&headers, row, "Recipients"),
        "North NHS Trust (controller)"
    );
    assert_eq!(
        cell(&headers, row, "Article 6 basis"),
        "Article 6(1)(e): public task"
    );
    assert_eq!(
        cell(&headers, row, "Article 9 condition"),
        "Article 9(2)(h): health or social care"
    );
    assert_eq!(
        cell(&headers, row, "Schedule 1 condition"),
        "DPA 2018 Schedule 1 Part 1 paragraph 2"
    );
    assert_eq!(cell(&headers, row, "Data subjects"), "service users");
    assert_eq!(
        cell(&headers, row, "Personal data"),
        "identifiers; social care"
    );
    assert_eq!(
        cell(&headers, row, "Transfers outside the UK"),
        "None: stored in the UK"
    );
    assert_eq!(cell(&headers, row, "Retention"), "Viewed only.");
    assert_eq!(
        cell(&headers, row, "Security measures"),
        "shared record view; encrypted in transit"
    );
    assert_eq!(
        cell(&headers, row, "Written agreement"),
        "Yes (active, sign-off not checked)"
    );
    assert_eq!(cell(&headers, row, "Review due"), "2027-03-01");
    assert!(cell(&headers, row, "Digest").starts_with("sha256:"));
}

#[test]
fn dspt_data_flow_map() {
    let registry = Scratch::minimal();
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let (headers, rows) = csv_rows(&out.path().join("exports/dspt-data-flows.csv"));
    let row = &rows[0];
    assert_eq!(cell(&headers, row, "Flow"), "care-record/care-summary");
    assert_eq!(cell(&headers, row, "From"), "South Council");
    assert_eq!(cell(&headers, row, "To"), "North NHS Trust");
    assert_eq!(cell(&headers, row, "Special category data"), "No");
    assert_eq!(cell(&headers, row, "Encrypted in transit"), "Yes");
    assert_eq!(cell(&headers, row, "Records a year"), "2000");
    assert_eq!(
        cell(&headers, row, "Risk owners"),
        "Tom Brown (North NHS Trust)"
    );
    assert_eq!(cell(&headers, row, "Highest residual risk"), "3 (low)");
    assert_eq!(cell(&headers, row, "Agreement in place"), "Yes");

    // An agreement signed ahead of the date it takes effect is not yet in
    // place for the flows it covers.
    registry.edit(
        "agreements/care-record/agreement.yaml",
        "effective: 2025-03-01",
        "effective: 2026-12-01",
    );
    let rendered = common::isg_command()
        .env("ISG_TODAY", "2026-11-30")
        .args(["render", "--out"])
        .arg(out.path())
        .arg(registry.path())
        .output()
        .unwrap();
    assert_eq!(rendered.status.code(), Some(0));
    let (headers, rows) = csv_rows(&out.path().join("exports/dspt-data-flows.csv"));
    assert_eq!(
        cell(&headers, &rows[0], "Agreement in place"),
        "From 2026-12-01"
    );
}

#[test]
fn public_register_of_sharing() {
    let registry = signed_registry_with(&[], 2);
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let path = out.path().join("exports/public-register.csv");
    let (headers, rows) = csv_rows(&path);
    assert_eq!(rows.len(), 1, "the care record's one flow is in force");
    let row = &rows[0];
    assert_eq!(cell(&headers, row, "Agreement"), "Shared care record");
    assert_eq!(cell(&headers, row, "Shared by"), "South Council");
    assert_eq!(cell(&headers, row, "Shared with"), "North NHS Trust");
    assert_eq!(cell(&headers, row, "Whose data"), "service users");
    assert_eq!(cell(&headers, row, "What data"), "identifiers; social care");
    assert_eq!(
        cell(&headers, row, "Article 6 basis"),
        "Article 6(1)(e): public task"
    );
    assert_eq!(
        cell(&headers, row, "Where it is stored"),
        "None: stored in the UK"
    );
    // In place since the last party signed (2026-09-22), not since the
    // earlier day it was to take effect (2025-03-01).
    assert_eq!(cell(&headers, row, "In place since"), "2026-09-22");
    // Nothing about the people who work for the partners.
    let text = std::fs::read_to_string(&path).unwrap();
    for private in ["@", "Tom Brown", "Jane Smith", "wrong person"] {
        assert!(!text.contains(private), "{private} in {text}");
    }

    // Not in place: awaiting a signatory's sign-off, not yet in effect (the
    // render is judged on its commit's date, 2026-09-22), or a draft.
    let not_in_place: [(&[(&str, &str)], usize); 3] = [
        (&[], 1),
        (
            &[
                ("effective: 2025-03-01", "effective: 2026-10-01"),
                ("review_due: 2027-03-01", "review_due: 2027-10-01"),
            ],
            2,
        ),
        (&[("status: active", "status: draft")], 2),
    ];
    for (edits, signers) in not_in_place {
        let registry = signed_registry_with(edits, signers);
        render(registry.path(), out.path());
        assert!(csv_rows(&path).1.is_empty(), "{edits:?} {signers}");
    }

    // Files on disk say nothing of sign-off, so nothing is in place, and
    // the summary says why the register is empty.
    let draft = Scratch::minimal();
    let said = render(draft.path(), out.path());
    assert!(csv_rows(&path).1.is_empty());
    assert!(
        said.contains("The public register lists only agreements signed off in git history, so from files not committed it is empty."),
        "{said}"
    );
}

#[test]
fn calendar_of_reviews_and_expiries() {
    let registry = Scratch::minimal();
    // A value that needs escaping and folding in the calendar.
    registry.edit("agreements/care-record/agreement.yaml", "title: Shared care record", "title: \"Shared care record; North, South and partners: a long title that must be folded\"");
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let file = std::fs::File::open(out.path().join("exports/reviews.ics")).unwrap();
    let calendar = ical::IcalParser::new(std::io::BufReader::new(file))
        .next()
        .unwrap()
        .unwrap();
    let events: Vec<(String, String)> = calendar
        .events
        .iter()
        .map(|event| {
            let value = |name: &str| {
                event
                    .properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap()
            };
            (value("SUMMARY"), value("DTSTART"))
        })
        .collect();
    assert_eq!(
        events.len(),
        4,
        "two reviews and two ICO expiries: {events:?}"
    );
    assert!(events.contains(&(
        "ICO registration expires: North NHS Trust".to_owned(),
        "20270331".to_owned()
    )));
    let review = events
        .iter()
        .find(|(summary, _)| summary.starts_with("Review due: Shared care record"))
        .unwrap();
    assert_eq!(review.1, "20270301");
    assert!(
        review.0.contains("a long title that must be folded"),
        "unfolded: {}",
        review.0
    );
    let text = std::fs::read_to_string(out.path().join("exports/reviews.ics")).unwrap();
    assert!(
        text.lines().all(|line| line.len() <= 75),
        "lines are folded at 75 octets"
    );
    assert!(text.contains("\r\n"), "CRLF line endings");
}

#[test]
fn registry_json_has_assurance_digests_and_the_commit() {
    let registry = Scratch::minimal();
    let commit = commit_all(registry.path());
    let out = Scratch::empty();
    let said = render(registry.path(), out.path());
    assert!(
        said.contains(&format!("from commit {}", &commit[..12])),
        "{said}"
    );
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("exports/registry.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["commit"]["id"], commit);
    assert_eq!(
        json["date"], "2026-09-21",
        "the commit's date, not the clock's"
    );
    let north = json["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "north-trust")
        .unwrap();
    assert_eq!(north["assurance"]["level"], "assured");
    assert_eq!(north["officers"][0]["name"], "Dr Jane Smith");
    let record = json["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap();
    assert!(record["digest"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(
        record["missing"],
        serde_json::json!(["north-trust", "south-council"])
    );
    assert_eq!(
        record["narrative"],
        "## Notes\n\nPartners review access monthly.\n"
    );
}

#[test]
fn rendering_a_commit_twice_gives_the_same_bytes() {
    let registry = Scratch::minimal();
    commit_all(registry.path());
    let (first, second) = (Scratch::empty(), Scratch::empty());
    render(registry.path(), first.path());
    // The work tree changes; the render is of the commit, so nothing moves.
    registry.edit(
        "agreements/care-record/agreement.yaml",
        "volume: 2000",
        "volume: 9000",
    );
    render(registry.path(), second.path());
    for file in [
        "exports/ropa.csv",
        "exports/dspt-data-flows.csv",
        "exports/public-register.csv",
        "exports/reviews.ics",
        "exports/registry.json",
    ] {
        assert_eq!(
            std::fs::read(first.path().join(file)).unwrap(),
            std::fs::read(second.path().join(file)).unwrap(),
            "{file}"
        );
    }
}
