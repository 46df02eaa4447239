//! What `isg render` writes can be trusted: never outside its folder or
//! through a link, never a page of a record that is gone, never a sign-off
//! `isg check` would not accept; and text that hides characters cannot
//! disguise or break the outputs.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::repo::{ADMIN, AMIR, JANE, RECORD, Repo};
use common::{Scratch, TODAY};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn render(registry: &Path, out: &Path) -> Output {
    common::isg_command()
        .arg("render")
        .arg(registry)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn rendered(registry: &Path, out: &Path) -> String {
    let output = render(registry, out);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn refused(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2));
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[cfg(unix)]
#[test]
fn a_link_in_the_output_folder_is_refused_and_nothing_is_written_through_it() {
    let registry = Scratch::minimal();
    let outside = Scratch::empty();
    std::fs::write(outside.path().join("victim.html"), "precious").unwrap();
    let out = registry.path().join("site");
    std::fs::create_dir(&out).unwrap();
    // As a link committed at `site/organisations` arrives with a clone.
    std::os::unix::fs::symlink(outside.path(), out.join("organisations")).unwrap();
    let message = refused(&render(registry.path(), &out));
    assert!(
        message.contains("site/organisations is a link")
            && message.contains("never through a link"),
        "{message}"
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("victim.html")).unwrap(),
        "precious"
    );
    assert!(!out.join("index.html").exists(), "nothing was rendered");

    std::fs::remove_file(out.join("organisations")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("victim.html"), out.join("index.html")).unwrap();
    let message = refused(&render(registry.path(), &out));
    assert!(message.contains("site/index.html is a link"), "{message}");
    assert_eq!(
        std::fs::read_to_string(outside.path().join("victim.html")).unwrap(),
        "precious"
    );
}

#[cfg(unix)]
#[test]
fn templates_follow_the_link_rule_of_every_registry_file() {
    let registry = Scratch::minimal();
    let outside = Scratch::empty();
    outside.write("index.html", "<p>NOT THE REGISTRY'S</p>");
    std::os::unix::fs::symlink(outside.path(), registry.path().join("templates")).unwrap();
    let out = Scratch::empty();
    let message = refused(&render(registry.path(), &out.path().join("site")));
    assert!(
        message.contains("templates/index.html cannot be used as a template")
            && message.contains("a link to a place outside the registry"),
        "{message}"
    );
    assert!(!out.path().join("site/index.html").exists());

    // A link that stays inside the registry is followed, as for any file.
    std::fs::remove_file(registry.path().join("templates")).unwrap();
    registry.write(
        "own-templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>OUR OWN DASHBOARD</p>{% endblock %}",
    );
    std::os::unix::fs::symlink("own-templates", registry.path().join("templates")).unwrap();
    rendered(registry.path(), &out.path().join("site"));
    let index = std::fs::read_to_string(out.path().join("site/index.html")).unwrap();
    assert!(index.contains("OUR OWN DASHBOARD"), "{index}");
}

#[test]
fn the_pages_of_a_removed_agreement_do_not_survive_a_render() {
    let registry = Scratch::minimal();
    let out = registry.path().join("site");
    rendered(registry.path(), &out);
    assert!(out.join("agreements/care-record.html").is_file());
    std::fs::write(out.join("CNAME"), "registry.example.org").unwrap();
    std::fs::remove_dir_all(registry.path().join("agreements/care-record")).unwrap();
    rendered(registry.path(), &out);
    assert!(!out.join("agreements/care-record.html").exists());
    assert!(!out.join("agreements/care-record.pdf").exists());
    assert!(out.join("agreements/care-protocol.html").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "registry.example.org",
        "a file the render did not write is left alone"
    );
}

#[test]
fn a_render_that_cannot_write_names_the_path() {
    let registry = Scratch::minimal();
    let out = registry.path().join("taken");
    std::fs::write(&out, "a file, not a folder").unwrap();
    let message = refused(&render(registry.path(), &out));
    assert!(message.contains(&out.display().to_string()), "{message}");
}

/// The rendered page of the care record, the public register's rows, the
/// record of processing's "written agreement" cells, and the dashboard.
struct Outputs {
    page: String,
    dashboard: String,
    register_rows: usize,
    written: Vec<String>,
    registry_json: Value,
}

fn outputs_of(repo: &Repo) -> Outputs {
    let out = Scratch::empty();
    let site = out.path().join("site");
    rendered(repo.path(), &site);
    let read = |name: &str| std::fs::read_to_string(site.join(name)).unwrap();
    let mut register = csv::Reader::from_path(site.join("exports/public-register.csv")).unwrap();
    let mut ropa = csv::Reader::from_path(site.join("exports/ropa.csv")).unwrap();
    let column = ropa
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Written agreement")
        .unwrap();
    Outputs {
        page: read("agreements/care-record.html"),
        dashboard: read("index.html"),
        register_rows: register.records().count(),
        written: ropa
            .records()
            .map(|row| row.unwrap()[column].to_owned())
            .collect(),
        registry_json: serde_json::from_str(&read("exports/registry.json")).unwrap(),
    }
}

fn care_record(outputs: &Outputs) -> &Value {
    outputs.registry_json["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap()
}

#[test]
fn an_agreement_of_processors_only_is_never_called_signed_off() {
    let repo = Repo::new();
    repo.scratch.edit(
        RECORD,
        "  - org: north-trust\n    role: controller\n    signatory: jane-smith\n  - org: south-council\n    role: controller\n    signatory: amir-khan\n",
        "  - {org: north-trust, role: processor, contract: DPA-1}\n  - {org: south-council, role: processor, contract: DPA-2}\n",
    );
    repo.commit_files(ADMIN, "Both parties as processors");
    let controller = repo.of_rule("controller-missing");
    assert_eq!(controller.len(), 1, "{:?}", repo.findings());
    assert_eq!(controller[0].1, RECORD);
    assert!(
        controller[0]
            .2
            .starts_with("Every party to \"Shared care record\" is a processor")
    );
    assert!(
        repo.of_rule("signoff-missing")
            .iter()
            .all(|f| f.1 != RECORD)
    );

    let outputs = outputs_of(&repo);
    assert!(
        outputs.page.contains("<body class=\"draft\">"),
        "the page has its DRAFT mark"
    );
    assert!(
        outputs
            .page
            .contains("Problems found by <code>isg check</code>")
    );
    assert!(
        outputs.page.contains("(controller-missing, line 7)"),
        "{}",
        outputs.page
    );
    assert!(outputs.dashboard.contains("Agreements with problems"));
    assert_eq!(
        outputs.register_rows, 0,
        "the public register lists nothing unsigned"
    );
    assert_eq!(outputs.written, ["Yes (active, not signed off)"]);
    assert_eq!(care_record(&outputs)["signed_off"], false);
    assert_eq!(
        care_record(&outputs)["problems"][0]["rule"],
        "controller-missing"
    );
}

#[test]
fn a_sign_off_the_check_refuses_is_not_claimed() {
    let repo = Repo::new();
    repo.sign(JANE, "care-record");
    repo.sign(AMIR, "care-record");
    let outputs = outputs_of(&repo);
    assert!(
        !outputs.page.contains("<body class=\"draft\">"),
        "signed off: no DRAFT mark"
    );
    assert_eq!(outputs.register_rows, 1);
    assert_eq!(outputs.written, ["Yes (active, signed off by every party)"]);

    // Amir loses his signing authority: his sign-off no longer binds the
    // council, and the check says so, so no document may say otherwise.
    repo.scratch.edit(
        "organisations/south-council.yaml",
        "roles: [caldicott-guardian, siro]",
        "roles: [ig-lead]",
    );
    repo.commit_files(ADMIN, "Amir is now the IG lead");
    assert_eq!(
        repo.of_rule("signatory-invalid").len(),
        2,
        "{:?}",
        repo.findings()
    );
    let outputs = outputs_of(&repo);
    assert!(
        outputs.page.contains("<body class=\"draft\">"),
        "{}",
        outputs.page
    );
    assert!(outputs.page.contains("signatory-invalid"));
    assert_eq!(outputs.register_rows, 0);
    assert_eq!(outputs.written, ["Yes (active, not signed off)"]);
    assert_eq!(care_record(&outputs)["signed_off"], false);
}

#[test]
fn a_carriage_return_in_a_title_cannot_add_calendar_events() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "title: Shared care record",
        "title: \"X\\rEND:VEVENT\\rBEGIN:VEVENT\\rSUMMARY:Injected\"",
    );
    let out = registry.path().join("site");
    rendered(registry.path(), &out);
    let ics = std::fs::read(out.join("exports/reviews.ics")).unwrap();
    // Every carriage return ends a line, followed by its line feed.
    for (i, byte) in ics.iter().enumerate() {
        if *byte == b'\r' {
            assert_eq!(ics.get(i + 1), Some(&b'\n'), "a lone CR at byte {i}");
        }
    }
    let text = String::from_utf8(ics).unwrap();
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        text.matches("SUMMARY:").count()
    );
    assert!(
        text.contains("Review due: X\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:Injected"),
        "{text}"
    );
    let calendar = ical::IcalParser::new(text.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    assert!(
        calendar
            .events
            .iter()
            .all(|event| event.properties.iter().any(|p| p.name == "UID")),
        "no event without its own UID was added"
    );
}

#[test]
fn hidden_characters_are_found_and_shown_by_their_code_points() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "title: Shared care record",
        "title: \"Shared care \u{202E}drocer\"",
    );
    let findings = registry.findings();
    let hidden = common::expect(
        &findings,
        "hidden-characters",
        RECORD,
        2,
        isg::diagnostic::Level::Error,
    );
    assert!(
        hidden.message.contains("U+202E (RIGHT-TO-LEFT OVERRIDE)")
            && hidden
                .message
                .contains("changes the order in which text is shown"),
        "{}",
        hidden.message
    );
    let human = common::isg(
        &["check", "--today", TODAY, "--color", "never"],
        Some(registry.path()),
    );
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        !human.contains('\u{202E}'),
        "the terminal never gets the character itself"
    );
    assert!(human.contains("Shared care [U+202E]drocer"), "{human}");
    for format in ["human", "markdown"] {
        let status = common::isg(&["status", "--format", format], Some(registry.path()));
        let status = String::from_utf8(status.stdout).unwrap();
        assert!(!status.contains('\u{202E}'), "{format}: {status}");
        assert!(
            status.contains("Shared care [U+202E]drocer"),
            "{format}: {status}"
        );
    }
}
