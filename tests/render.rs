//! `isg render`: the exports, parsed with real CSV and iCalendar parsers,
//! and byte-for-byte reproducible from a commit.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::Scratch;
use serde_json::Value;
use std::path::Path;

fn render(registry: &Path, out: &Path) -> String {
    let output = common::isg_command()
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

/// Commits everything in `dir` as a new repository and returns the commit id.
fn commit_all(dir: &Path) -> String {
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
fn signed_registry_with(edits: &[(&str, &str)], signers: usize) -> Scratch {
    const CARE_RECORD: &str = "agreements/care-record/agreement.yaml";
    let registry = Scratch::minimal();
    for (from, to) in edits {
        registry.edit(CARE_RECORD, from, to);
    }
    commit_all(registry.path());
    let digest = {
        let status = common::isg_command()
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
    assert_eq!(cell(&headers, row, "In place since"), "2025-03-01");
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

mod site {
    use super::*;
    use scraper::{Html, Selector};

    fn page(out: &Path, file: &str) -> Html {
        Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap())
    }

    fn texts(html: &Html, selector: &str) -> Vec<String> {
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

    /// The signed registry, for the PDF tests.
    #[cfg(feature = "pdf")]
    pub(super) fn signed_registry_for_pdf() -> Scratch {
        signed_registry()
    }

    /// A committed minimal registry with both parties' sign-offs for the
    /// care record (and none for the protocol).
    fn signed_registry() -> Scratch {
        signed_registry_with(&[], 2)
    }

    #[test]
    fn an_agreement_page_states_parties_signatories_digest_and_sign_off() {
        let registry = signed_registry();
        let out = Scratch::empty();
        render(registry.path(), out.path());
        let html = page(out.path(), "agreements/care-record.html");
        assert_eq!(texts(&html, "h1"), vec!["Shared care record"]);
        let parties = texts(&html, "h2 + table tbody tr");
        assert!(
            parties.contains(&"North NHS Trust controller Dr Jane Smith assured".to_owned()),
            "{parties:?}"
        );
        let signoff = texts(&html, "table.signoff tbody tr");
        assert_eq!(signoff.len(), 2);
        assert!(
            signoff[0].starts_with("North NHS Trust Dr Jane Smith (Caldicott Guardian) 2026-09-22"),
            "{signoff:?}"
        );
        assert!(
            signoff[1].contains("Amir Khan") && signoff[1].ends_with("recorded"),
            "{signoff:?}"
        );
        assert!(
            texts(&html, ".draft-mark").is_empty(),
            "signed by every party: no draft mark"
        );
        let footer = texts(&html, "footer").join(" ");
        let json: Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("exports/registry.json")).unwrap(),
        )
        .unwrap();
        let digest = json["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "care-record")
            .unwrap()["digest"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(footer.contains(&format!("digest {digest}")), "{footer}");
        assert!(
            footer.contains(&json["commit"]["id"].as_str().unwrap()[..12]),
            "{footer}"
        );
        assert!(texts(&html, ".narrative h2").contains(&"Notes".to_owned()));
        assert!(
            texts(&html, ".appendix li").len() == 2,
            "the MoU principles as an appendix"
        );
        assert!(
            texts(&html, "li")
                .iter()
                .any(|line| line == "UK GDPR Article 6(1)(e): public task")
        );

        // The protocol is not signed: it carries the draft mark.
        let protocol = page(out.path(), "agreements/care-protocol.html");
        assert_eq!(
            texts(&protocol, ".draft-mark"),
            vec!["DRAFT - NOT SIGNED OFF"]
        );
        assert!(
            texts(&protocol, "table.signoff td.awaiting")
                .iter()
                .all(|t| t == "awaiting sign-off")
        );
    }

    #[test]
    fn a_draft_render_says_so_on_every_page() {
        // Rendered from inside the registry with no path or --out: the
        // registry is found above, and the site goes in its `site` folder.
        let registry = Scratch::minimal();
        let rendered = common::isg_command()
            .current_dir(registry.path().join("agreements"))
            .arg("render")
            .output()
            .unwrap();
        assert_eq!(rendered.status.code(), Some(0));
        let site = registry.path().join("site");
        assert!(
            String::from_utf8_lossy(&rendered.stdout).contains(&format!(
                "files into {} from the files on disk",
                site.display()
            )),
            "{}",
            String::from_utf8_lossy(&rendered.stdout)
        );
        assert!(!registry.path().join("agreements/site").exists());
        for file in [
            "index.html",
            "agreements/index.html",
            "agreements/care-record.html",
            "organisations/index.html",
            "organisations/north-trust.html",
            "risks.html",
        ] {
            let html = page(&site, file);
            assert!(
                texts(&html, ".uncommitted")[0].starts_with("Uncommitted draft"),
                "{file}"
            );
        }
        assert_eq!(
            texts(&page(&site, "agreements/care-record.html"), ".draft-mark"),
            vec!["DRAFT - NOT SIGNED OFF"]
        );
    }

    #[test]
    fn dashboard_directory_and_risk_register() {
        let registry = Scratch::minimal();
        registry.edit(
            "organisations/south-council.yaml",
            "  breach: breach@south.example\n",
            "",
        );
        let out = Scratch::empty();
        render(registry.path(), out.path());
        let dashboard = page(out.path(), "index.html");
        assert!(texts(&dashboard, ".counts li").contains(&"2 active".to_owned()));
        let not_assured = texts(
            &dashboard,
            "#not-assured + table tbody tr, section[aria-labelledby=not-assured] tbody tr",
        );
        assert!(
            not_assured.iter().any(|row| row.contains("South Council")
                && row.contains("gives no contact for reporting breaches")),
            "{not_assured:?}"
        );
        let directory = texts(&page(out.path(), "organisations/index.html"), "tbody tr");
        assert_eq!(directory.len(), 2);
        let risks = texts(&page(out.path(), "risks.html"), "tbody tr");
        assert_eq!(risks.len(), 1);
        assert!(
            risks[0].contains("A record is shown for the wrong person.")
                && risks[0].contains("6 moderate")
                && risks[0].contains("3 low"),
            "{risks:?}"
        );
        let north = page(out.path(), "organisations/north-trust.html");
        assert!(
            texts(&north, "td").iter().any(|t| t == "in"),
            "flows in are listed"
        );
    }

    #[test]
    fn nothing_from_the_yaml_or_markdown_becomes_markup() {
        let registry = Scratch::minimal();
        let record = "agreements/care-record/agreement.yaml";
        registry.edit(
            record,
            "title: Shared care record",
            "title: \"<script>alert('title')</script>{{ 7*7 }}\"",
        );
        registry.edit(
            record,
            "purpose: Clinicians see social care records when treating people.",
            "purpose: \"<img src=x onerror=alert(1)> {% for x in range(9999999) %}{% endfor %}\"",
        );
        registry.edit(
            record,
            "privacy_notice: https://north.example/privacy",
            "privacy_notice: \"https://north.example/privacy\\\" onmouseover=\\\"alert(1)\"",
        );
        registry.write("agreements/care-record/agreement.md", "<script>alert('md')</script>\n\n[x](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">y</a>\n");
        let out = Scratch::empty();
        render(registry.path(), out.path());
        for entry in walk(out.path()) {
            if entry.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&entry).unwrap();
                let html = Html::parse_document(&text);
                assert!(
                    html.select(
                        &Selector::parse("script, img, [onerror], [onclick], [onmouseover]")
                            .unwrap()
                    )
                    .next()
                    .is_none(),
                    "{}: {text}",
                    entry.display()
                );
                let links = Selector::parse("[href], [src]").unwrap();
                for element in html.select(&links) {
                    let target = element
                        .value()
                        .attr("href")
                        .or(element.value().attr("src"))
                        .unwrap_or_default();
                    assert!(
                        !target
                            .trim_start()
                            .to_ascii_lowercase()
                            .starts_with("javascript:"),
                        "{}: {target}",
                        entry.display()
                    );
                    assert!(!target.contains('"'), "{}: {target}", entry.display());
                }
                assert!(
                    !text.contains(">49<"),
                    "template syntax in data is not evaluated"
                );
            }
        }
        let page = std::fs::read_to_string(out.path().join("agreements/care-record.html")).unwrap();
        let html = Html::parse_document(&page);
        assert_eq!(
            texts(&html, "h1"),
            vec!["<script>alert('title')</script>{{ 7*7 }}"],
            "shown as text, not run or evaluated"
        );
        assert!(
            texts(&html, ".narrative")[0].starts_with("<script>alert('md')</script>"),
            "raw HTML in Markdown is shown as text"
        );
    }

    #[test]
    fn registry_templates_override_the_built_in_ones() {
        let registry = Scratch::minimal();
        registry.write("templates/risks.html", "{% extends \"base.html\" %}{% block content %}<h1>Our risks</h1><p>{{ risks | length }} risks</p>{% endblock %}");
        let out = Scratch::empty();
        render(registry.path(), out.path());
        let risks = page(out.path(), "risks.html");
        assert_eq!(texts(&risks, "h1"), vec!["Our risks"]);
        assert_eq!(texts(&risks, "main p"), vec!["1 risks"]);

        // A broken or runaway override is reported, not rendered.
        registry.write(
            "templates/risks.html",
            "{% for i in range(100000000) %}{{ i }}{% endfor %}",
        );
        let output = common::isg_command()
            .arg("render")
            .arg(registry.path())
            .arg("--out")
            .arg(out.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("template risks.html"),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(walk(&path))
            } else {
                files.push(path)
            }
        }
        files
    }

    #[test]
    fn html_is_reproducible_from_a_commit() {
        let registry = signed_registry();
        let (first, second) = (Scratch::empty(), Scratch::empty());
        render(registry.path(), first.path());
        render(registry.path(), second.path());
        let files = walk(first.path());
        assert!(files.len() > 10);
        for file in files {
            let relative = file.strip_prefix(first.path()).unwrap();
            assert_eq!(
                std::fs::read(&file).unwrap(),
                std::fs::read(second.path().join(relative)).unwrap(),
                "{}",
                relative.display()
            );
        }
    }
}

#[test]
fn a_record_whose_id_is_not_an_id_is_left_out_not_written_outside() {
    let registry = Scratch::minimal();
    let long = "x".repeat(300);
    registry.edit(
        "organisations/south-council.yaml",
        "id: south-council",
        "id: ../../../escaped",
    );
    registry.edit(
        "organisations/north-trust.yaml",
        "id: north-trust",
        &format!("id: {long}"),
    );
    let findings = registry.findings();
    for file in [
        "organisations/south-council.yaml",
        "organisations/north-trust.yaml",
    ] {
        let schema = common::expect(&findings, "schema", file, 1, isg::diagnostic::Level::Error);
        assert!(
            schema.message.contains("which is not an id"),
            "{}",
            schema.message
        );
    }
    // Neither record is kept, so references to them are not reported again.
    common::expect_none(&findings, "unknown-reference");

    let out = Scratch::empty();
    let said = render(registry.path(), &out.path().join("site"));
    assert!(said.contains("Some files have problems"), "{said}");
    assert!(
        out.path()
            .join("site/agreements/care-record.html")
            .is_file()
    );
    assert!(!out.path().join("escaped.html").exists());
    let organisations: Vec<String> = std::fs::read_dir(out.path().join("site/organisations"))
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        organisations.iter().all(|name| name == "index.html"),
        "{organisations:?}"
    );
}

#[test]
fn every_local_link_in_the_site_resolves() {
    let registry = Scratch::example();
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let selector = scraper::Selector::parse("[href], [src]").unwrap();
    let mut checked = 0;
    let mut pages = vec![out.path().to_path_buf()];
    while let Some(dir) = pages.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pages.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let html = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
            for element in html.select(&selector) {
                let target = element
                    .value()
                    .attr("href")
                    .or(element.value().attr("src"))
                    .unwrap();
                if target.starts_with("http://")
                    || target.starts_with("https://")
                    || target.starts_with("mailto:")
                    || target.starts_with('#')
                {
                    continue;
                }
                let file = target.split('#').next().unwrap();
                assert!(
                    path.parent().unwrap().join(file).exists(),
                    "{} links to {target}, which is not in the site",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn data_flow_map_draws_each_route_and_stays_readable_at_hundreds_of_nodes() {
    let registry = Scratch::minimal();
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let html = scraper::Html::parse_document(
        &std::fs::read_to_string(out.path().join("map.html")).unwrap(),
    );
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(html.select(&select("svg circle")).count(), 2);
    let routes: Vec<_> = html.select(&select("svg path")).collect();
    assert_eq!(routes.len(), 1);
    assert_eq!(
        routes[0].value().attr("stroke"),
        Some("#b1361e"),
        "identifiable data is drawn in red"
    );
    let tooltip = routes[0].text().collect::<String>();
    assert!(
        tooltip.starts_with("South Council to North NHS Trust (identifiable): Shared care record"),
        "{tooltip}"
    );

    // Several hundred organisations: neighbours on the circle stay at least
    // a label's height apart. (The map alone: a full render would also make
    // hundreds of PDFs.)
    let big = Scratch::empty();
    let dir = big.path().join("registry");
    isg::synth::generate(
        &dir,
        isg::synth::Size {
            organisations: 600,
            agreements: 400,
            flows: 2000,
        },
        3,
    )
    .unwrap();
    let loaded = isg::registry::load(&isg::source::Worktree::open(&dir).unwrap()).unwrap();
    let today = isg::date::Date::parse(common::TODAY).unwrap();
    let context = isg::assessment::Assessment::new(
        &loaded.registry,
        today,
        isg::signoff::HistoryState::Unavailable("not a repository".into()),
    );
    let snapshot = isg::render::Snapshot {
        registry: &loaded.registry,
        context,
        commit: None,
        problems: Default::default(),
    };
    let html = scraper::Html::parse_fragment(&isg::render::map::svg(&snapshot, ""));
    let points: Vec<(f64, f64)> = html
        .select(&select("svg circle"))
        .map(|c| {
            (
                c.value().attr("cx").unwrap().parse().unwrap(),
                c.value().attr("cy").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert!(
        points.len() > 200,
        "{} organisations on the map",
        points.len()
    );
    let closest = points
        .iter()
        .zip(points.iter().cycle().skip(1))
        .map(|(a, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
        .fold(f64::MAX, f64::min);
    assert!(closest >= 15.5, "labels {closest:.1}px apart");
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;

    fn text(path: &Path) -> String {
        let text = pdf_extract::extract_text(path).unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn characters_no_font_shows_are_written_as_code_points_in_the_pdf() {
        let registry = Scratch::minimal();
        registry.edit(
            "agreements/care-record/agreement.yaml",
            "purpose: Clinicians see social care records when treating people.",
            "purpose: \"Clinicians see social care records \u{1F600}\u{FE0F} when treating Siân, Ŵyn and 漢.\"",
        );
        let out = Scratch::empty();
        render(registry.path(), out.path());
        let pdf = text(&out.path().join("agreements/care-record.pdf"));
        assert!(
            pdf.contains(
                "Clinicians see social care records [U+1F600] when treating Siân, Ŵyn and [U+6F22]."
            ),
            "{pdf}"
        );
        let page = std::fs::read_to_string(out.path().join("agreements/care-record.html")).unwrap();
        assert!(
            page.contains("records \u{1F600}\u{FE0F} when treating Siân, Ŵyn and 漢."),
            "the page keeps them"
        );
    }

    #[test]
    fn each_agreement_has_a_pdf_with_the_same_facts_as_its_page() {
        let registry = site::signed_registry_for_pdf();
        let out = Scratch::empty();
        render(registry.path(), out.path());
        let signed = text(&out.path().join("agreements/care-record.pdf"));
        for fact in [
            "Shared care record",
            "Dr Jane Smith",
            "Amir Khan",
            "North NHS Trust",
            "South Council",
            "UK GDPR Article 6(1)(e): public task",
            "Partners review access monthly.",
            "Meet the DSPT standard.",
        ] {
            assert!(
                signed.contains(fact),
                "{fact} missing from the PDF: {signed}"
            );
        }
        let json: Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("exports/registry.json")).unwrap(),
        )
        .unwrap();
        let digest = json["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "care-record")
            .unwrap()["digest"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            signed.contains(&digest),
            "the digest is in the footer: {signed}"
        );
        assert!(
            !signed.contains("DRAFT - NOT SIGNED OFF"),
            "signed by every party"
        );
        let unsigned = text(&out.path().join("agreements/care-protocol.pdf"));
        assert!(unsigned.contains("DRAFT - NOT SIGNED OFF"), "{unsigned}");
        assert!(unsigned.contains("awaiting sign-off"), "{unsigned}");

        let bytes = std::fs::read(out.path().join("agreements/care-record.pdf")).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let as_text = String::from_utf8_lossy(&bytes);
        assert!(
            as_text.contains("pdfaid:part>2<") && as_text.contains("pdfaid:conformance>B<"),
            "PDF/A-2b"
        );
        let page = std::fs::read_to_string(out.path().join("agreements/care-record.html")).unwrap();
        assert!(
            page.contains("href=\"care-record.pdf\""),
            "the page links its PDF"
        );
    }
}
