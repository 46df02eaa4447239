//! Properties that hold for any input, checked on many generated ones:
//! the trailer reader finds exactly the trailers git finds, and the loader
//! turns any damage to a registry file into findings placed in the file,
//! never a panic.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use isg::signoff::trailer;
use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// The trailers `git interpret-trailers --parse` finds in `message`, as
/// `(key, value)`, with no configuration of the user's.
fn git_trailers(message: &str) -> Vec<(String, String)> {
    let mut child = Command::new("git")
        .args(["interpret-trailers", "--parse"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(message.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let (key, value) = line.split_once(':').unwrap();
            (
                key.to_owned(),
                value.strip_prefix(' ').unwrap_or(value).to_owned(),
            )
        })
        .collect()
}

/// Lines from which commit messages are made: trailers of every spelling,
/// git's own trailers, continuations, comments, dividers, text.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("Sign off \"Shared care record\" for North NHS Trust".to_owned()),
        Just("Agreement-Sign-Off: care-record sha256:8797518d29daab22163302f8a08ce137b6567ff370f4e9a1aa747b9ad440586f".to_owned()),
        Just("agreement-sign-off: care-protocol sha256:00".to_owned()),
        Just("Agreement-Sign-Off : spaced before the colon".to_owned()),
        Just("Agreement-Sign-Off:no space after".to_owned()),
        Just("Signed-off-by: Jane <jane@north.example>".to_owned()),
        Just("(cherry picked from commit 0123456789abcdef)".to_owned()),
        Just("Reviewed-by: Amir".to_owned()),
        Just("Bug #12: not a trailer with this separator".to_owned()),
        Just("Two words: not a trailer".to_owned()),
        Just(": starts with a colon".to_owned()),
        Just("  continued on a second line".to_owned()),
        Just("\tcontinued after a tab".to_owned()),
        Just("# a comment".to_owned()),
        Just("---".to_owned()),
        Just("--- a patch".to_owned()),
        Just("----".to_owned()),
        Just("# ------------------------ >8 ------------------------".to_owned()),
        Just("Conflicts:".to_owned()),
        Just("\tsrc/file.rs".to_owned()),
        Just("Plain text with a : in it.".to_owned()),
        Just("Key:".to_owned()),
        Just("Key: value\r".to_owned()),
        "[A-Za-z][A-Za-z0-9-]{0,12}: [a-z ]{0,12}",
        "[a-z :#-]{0,20}",
    ]
}

/// `cases` cases from a fixed seed, so that every run of the suite checks
/// the same inputs; `PROPTEST_RNG_SEED` and `PROPTEST_CASES` explore others.
fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(20_261_202);
    }
    config
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn the_trailer_reader_finds_what_git_finds(lines in prop::collection::vec(line(), 0..12), end in prop_oneof![Just(""), Just("\n"), Just("\n\n")]) {
        let message = lines.join("\n") + end;
        let ours: Vec<(String, String)> = trailer::parse(message.as_bytes())
            .into_iter()
            .map(|t| (t.key, t.value))
            .collect();
        prop_assert_eq!(ours, git_trailers(&message), "message: {:?}", message);
    }
}

/// The minimal registry's files, in memory.
fn minimal() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.push((name, std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(&common::fixture("minimal"), "", &mut files);
    files
}

/// One way of damaging a file.
#[derive(Clone, Debug)]
enum Damage {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    RepeatLine(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let bytes = prop::collection::vec(
        prop_oneof![
            prop::sample::select(b": -#&*![]{}|>'\"\\\t\n\r%@`,?".to_vec()),
            any::<u8>(),
        ],
        1..8,
    );
    prop_oneof![
        (any::<usize>(), bytes).prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Damage::Delete(at, len)),
        any::<usize>().prop_map(Damage::RepeatLine),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    match damage {
        Damage::Insert(at, inserted) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, inserted.iter().copied());
        }
        Damage::Delete(at, len) => {
            let at = at % (bytes.len() + 1);
            let end = (at + len).min(bytes.len());
            bytes.drain(at..end);
        }
        Damage::RepeatLine(at) => {
            let lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
            if lines.is_empty() {
                return;
            }
            let line = lines[at % lines.len()].to_vec();
            let start: usize = lines[..at % lines.len()].iter().map(|l| l.len()).sum();
            bytes.splice(start..start, line);
        }
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn any_damage_to_a_file_gives_findings_placed_in_the_registry(file in 0..6usize, damages in prop::collection::vec(damage(), 1..4)) {
        let mut files = minimal();
        let index = file % files.len();
        for damage in &damages {
            apply(&mut files[index].1, damage);
        }
        let mut memory = isg::source::Memory::new();
        for (path, bytes) in &files {
            memory.insert(path, bytes.clone());
        }
        let today = isg::date::Date::parse(common::TODAY).unwrap();
        let git = isg::signoff::Git::Absent("not a repository".into());
        let checked = isg::check::check(&memory, today, &git).unwrap();
        for finding in &checked.report.findings {
            prop_assert!(isg::rules::find(finding.rule).is_some(), "{}", finding.rule);
            prop_assert!(finding.span.start.line >= 1 && finding.span.start.column >= 1);
            prop_assert!(
                files.iter().any(|(path, _)| *path == finding.file) || finding.file == "isg.yaml",
                "{} is no file of the registry", finding.file
            );
            prop_assert!(!finding.message.is_empty());
        }
        // The same registry checks to the same findings: nothing depends
        // on the order threads finish in.
        let again = isg::check::check(&memory, today, &git).unwrap();
        prop_assert_eq!(checked.report.findings, again.report.findings);
    }
}
