//! Hostile and broken files: each gets a clear finding, never a panic, a
//! hang or unbounded memory, and the rest of the registry is still checked.

mod common;

use common::{Scratch, describe, expect, expect_none};
use isg::diagnostic::Level::Error;

const NORTH: &str = "organisations/north-trust.yaml";

/// The other organisation is still checked: a finding planted there shows
/// that one bad file does not stop the others.
fn plant_second_finding(registry: &Scratch) {
    registry.edit(
        "organisations/south-council.yaml",
        "kind: local-authority",
        "kind: council",
    );
}

fn second_finding_present(findings: &[isg::diagnostic::Finding]) {
    expect(
        findings,
        "schema",
        "organisations/south-council.yaml",
        3,
        Error,
    );
}

#[test]
fn alias_bomb() {
    let registry = Scratch::minimal();
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
    }
    registry.write(NORTH, bomb);
    plant_second_finding(&registry);
    let findings = registry.findings();
    let finding = expect(&findings, "yaml-alias", NORTH, 1, Error);
    assert!(finding.message.contains("anchor"), "{}", finding.message);
    second_finding_present(&findings);
}

#[test]
fn very_deep_nesting() {
    let registry = Scratch::minimal();
    registry.write(NORTH, "[".repeat(100_000) + &"]".repeat(100_000));
    registry.write(
        "organisations/deep-block.yaml",
        (0..100_000)
            .map(|depth| format!("{}- \n", " ".repeat(depth % 200)))
            .collect::<String>(),
    );
    plant_second_finding(&registry);
    let findings = registry.findings();
    let finding = expect(&findings, "yaml-syntax", NORTH, 1, Error);
    assert!(
        finding.message.contains("nested more than 32 levels"),
        "{}",
        finding.message
    );
    assert!(
        findings
            .iter()
            .any(|f| f.file == "organisations/deep-block.yaml"),
        "{}",
        describe(&findings)
    );
    second_finding_present(&findings);
}

#[test]
fn huge_file_is_refused_unread() {
    let registry = Scratch::minimal();
    let line = "# padding padding padding padding padding padding padding padding\n";
    registry.write(NORTH, line.repeat(50 * 1024 * 1024 / line.len()));
    plant_second_finding(&registry);
    let findings = registry.findings();
    let finding = expect(&findings, "file-unreadable", NORTH, 1, Error);
    assert!(
        finding.message.contains("50 MB") && finding.message.contains("4 MB limit"),
        "{}",
        finding.message
    );
    second_finding_present(&findings);
}

#[test]
fn invalid_utf8() {
    let registry = Scratch::minimal();
    registry.write(NORTH, b"id: north-trust\nname: Caf\xe9 Trust\n".as_slice());
    plant_second_finding(&registry);
    let findings = registry.findings();
    let finding = expect(&findings, "file-unreadable", NORTH, 2, Error);
    assert!(
        finding.message.contains("not valid UTF-8"),
        "{}",
        finding.message
    );
    assert_eq!(finding.span.start.column, 10);
    second_finding_present(&findings);
}

#[test]
fn binary_file() {
    let registry = Scratch::minimal();
    registry.write(
        NORTH,
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0x00].as_slice(),
    );
    plant_second_finding(&registry);
    let findings = registry.findings();
    let finding = expect(&findings, "file-unreadable", NORTH, 1, Error);
    assert!(finding.message.contains("binary"), "{}", finding.message);
    second_finding_present(&findings);
}

#[test]
fn control_character_pasted_from_a_word_processor() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "name: North NHS Trust", "name: North NHS\u{b}Trust");
    plant_second_finding(&registry);
    let findings = registry.findings();
    let finding = expect(&findings, "file-unreadable", NORTH, 2, Error);
    assert_eq!(finding.span.start.column, 16);
    assert!(
        finding
            .message
            .contains("invisible control character (U+000B)"),
        "{}",
        finding.message
    );
    second_finding_present(&findings);
}

#[test]
fn curly_apostrophe_damaged_by_a_wrong_encoding() {
    // "Trust’s" from a Windows program, read as Latin-1 on its way here:
    // the apostrophe became the invisible C1 control U+0092.
    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "name: North NHS Trust",
        "name: North NHS Trust\u{92}s",
    );
    plant_second_finding(&registry);
    let findings = registry.findings();
    let finding = expect(&findings, "file-unreadable", NORTH, 2, Error);
    assert_eq!(finding.span.start.column, 22);
    assert!(
        finding.message.contains("(U+0092)") && finding.message.contains("a damaged ’"),
        "{}",
        finding.message
    );
    second_finding_present(&findings);
}

#[test]
fn byte_order_mark_is_accepted() {
    let registry = Scratch::minimal();
    let text = registry.read(NORTH);
    registry.write(NORTH, format!("\u{feff}{text}"));
    let findings = registry.findings();
    assert!(findings.is_empty(), "{}", describe(&findings));
    // Positions still count from the first real character.
    registry.edit(NORTH, "kind: nhs-trust", "kind: trust");
    let finding = expect(&registry.findings(), "schema", NORTH, 3, Error).clone();
    assert_eq!(finding.span.start.column, 7);
}

#[test]
fn crlf_line_endings() {
    let registry = Scratch::minimal();
    let text = registry.read(NORTH).replace('\n', "\r\n");
    registry.write(NORTH, text);
    assert!(
        registry.findings().is_empty(),
        "{}",
        describe(&registry.findings())
    );
    registry.edit(NORTH, "kind: nhs-trust\r\n", "kind: trust\r\n");
    let findings = registry.findings();
    let finding = expect(&findings, "schema", NORTH, 3, Error);
    assert_eq!(
        (finding.span.start.column, finding.span.end.column),
        (7, 12)
    );
}

#[test]
fn empty_and_comment_only_files() {
    let registry = Scratch::minimal();
    registry.write(NORTH, "");
    registry.write(
        "organisations/south-council.yaml",
        "# to be written\n# by the council\n",
    );
    let findings = registry.findings();
    for file in [NORTH, "organisations/south-council.yaml"] {
        let finding = expect(&findings, "schema", file, 1, Error);
        assert!(finding.message.contains("empty"), "{}", finding.message);
    }
    // An empty isg.yaml is fine: every setting has a default.
    registry.write("isg.yaml", "");
    let findings = registry.findings();
    assert!(
        !findings.iter().any(|f| f.file == "isg.yaml"),
        "{}",
        describe(&findings)
    );
}

#[cfg(unix)]
#[test]
fn symlink_leaving_the_registry_is_refused() {
    let registry = Scratch::minimal();
    let outside = Scratch::empty();
    outside.write(
        "secret.yaml",
        "id: secret\nname: Not part of the registry\nkind: other\n",
    );
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        registry.path().join("organisations/secret.yaml"),
    )
    .unwrap();
    // A link that stays inside the registry is followed.
    std::fs::rename(
        registry.path().join(NORTH),
        registry.path().join("north.data"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        registry.path().join("north.data"),
        registry.path().join(NORTH),
    )
    .unwrap();
    let findings = registry.findings();
    let finding = expect(
        &findings,
        "file-unreadable",
        "organisations/secret.yaml",
        1,
        Error,
    );
    assert!(
        finding.message.contains("outside the registry"),
        "{}",
        finding.message
    );
    assert_eq!(findings.len(), 1, "{}", describe(&findings));
}

#[test]
fn folder_where_a_file_should_be() {
    let registry = Scratch::minimal();
    std::fs::create_dir_all(registry.path().join("organisations/west-trust.yaml")).unwrap();
    std::fs::create_dir_all(registry.path().join("isg.yaml.d")).unwrap();
    registry.remove("agreements/care-protocol/agreement.yaml");
    std::fs::create_dir_all(
        registry
            .path()
            .join("agreements/care-protocol/agreement.yaml"),
    )
    .unwrap();
    let findings = registry.findings();
    let finding = expect(
        &findings,
        "file-unreadable",
        "organisations/west-trust.yaml",
        1,
        Error,
    );
    assert!(finding.message.contains("folder"), "{}", finding.message);
    expect(
        &findings,
        "file-unreadable",
        "agreements/care-protocol/agreement.yaml",
        1,
        Error,
    );
    // The tier 3 agreement still refers to its parent, which exists but
    // cannot be read: no extra unknown-reference.
    expect_none(&findings, "unknown-reference");
}

/// A FIFO under a record's name would block a reader that waits for a
/// writer; it is refused at once instead.
#[cfg(unix)]
#[test]
fn fifo_is_refused_without_waiting() {
    let registry = Scratch::minimal();
    let status = std::process::Command::new("mkfifo")
        .arg(registry.path().join("organisations/west-trust.yaml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let (done, findings) = std::sync::mpsc::channel();
    // On a thread, so that a check stuck on the FIFO fails the test
    // rather than hanging the suite.
    std::thread::spawn(move || {
        let _ = done.send(registry.findings());
    });
    let findings = findings
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the check finishes instead of waiting on the FIFO");
    let finding = expect(
        &findings,
        "file-unreadable",
        "organisations/west-trust.yaml",
        1,
        Error,
    );
    assert!(
        finding.message.contains("not an ordinary file"),
        "{}",
        finding.message
    );
}

#[test]
fn a_hundred_thousand_unknown_fields_are_a_hundred_findings_and_a_count() {
    let registry = Scratch::minimal();
    let mut text = registry.read(NORTH);
    for i in 0..100_000 {
        text.push_str(&format!("unknown_field_{i}: x\n"));
    }
    registry.write(NORTH, text);
    plant_second_finding(&registry);
    let findings = registry.findings();
    let schema: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "schema" && f.file == NORTH)
        .collect();
    assert_eq!(schema.len(), 101, "{}", describe(&findings));
    let listed = schema
        .iter()
        .filter(|f| f.message.contains("is not a known field"))
        .count();
    assert_eq!(listed, 100, "{}", describe(&findings));
    let rest = expect(&findings, "schema", NORTH, 1, Error);
    assert!(
        rest.message
            .starts_with("And 99,900 more unknown fields in this file, not listed one by one: only 100 problems of a file are listed."),
        "{}",
        rest.message
    );
    second_finding_present(&findings);
}

#[test]
fn a_flood_of_one_finding_is_capped_with_a_count() {
    let registry = Scratch::minimal();
    let mut text = registry.read(NORTH);
    for _ in 0..20_000 {
        text.push_str("name: Again\n");
    }
    registry.write(NORTH, text);
    let findings = registry.findings();
    let repeated: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "duplicate-key" && f.file == NORTH)
        .collect();
    assert_eq!(repeated.len(), 101, "{}", describe(&findings));
    assert!(
        repeated.iter().any(|f| f.message
            == "And 19,900 more `duplicate-key` findings in this file, not listed one by one: only the first 100 of each rule are."),
        "{}",
        describe(&findings)
    );
}
