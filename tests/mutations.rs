//! The whole check on a thousand broken variants of the example registry:
//! files cut short, lines repeated and re-indented, YAML's punctuation,
//! tabs, quotes, byte-order marks, control and invisible characters
//! sprinkled in. Whatever an editor can leave in a file, `isg check`
//! reports it in place and goes on: no panic, every finding on a line of
//! its file, and every output format written. The variants come from a
//! fixed seed, so a failure reproduces; its round number says which.

mod common;

use common::{Scratch, TODAY};
use isg::date::Date;
use isg::report::{Format, Style, render};
use isg::source::{LineIndex, Worktree};
use std::collections::BTreeMap;
use std::path::Path;

const ROUNDS: usize = 1_000;

/// What is sprinkled into files: the punctuation and forms YAML gives a
/// meaning to, and bytes that are not text.
const PIECES: &[&[u8]] = &[
    b":",
    b": ",
    b"-",
    b"- ",
    b" ",
    b"\n",
    b"  ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"\"",
    b"'",
    b"#",
    b"&a ",
    b"*a",
    b"!!str ",
    b"|",
    b">",
    b"? ",
    b"<<: {}",
    b"%YAML 1.1\n---\n",
    b"---\n",
    b"...\n",
    b"null",
    b"~",
    b"1e400",
    b"-0",
    b"0x1F",
    b"2026-02-30",
    b"99999999999999999999999",
    b"\t",
    b"\r\n",
    b"\r",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\x00",
    b"\x0B",
    b"\xE2\x80\x8B",
    b"\xF0\x9F\x98\x80",
    b"\xC3\xA9",
    b"@",
    b"`",
    b"%",
];

/// xorshift64*: small, fast and the same everywhere.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % bound.max(1)
    }
}

/// One to six edits of a file's bytes.
fn mutate(text: &[u8], random: &mut Random) -> Vec<u8> {
    let mut bytes = text.to_vec();
    for _ in 0..=random.below(6) {
        let at = random.below(bytes.len() + 1);
        match random.below(10) {
            0..=4 => {
                let piece = PIECES[random.below(PIECES.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            5 | 6 => {
                let end = (at + 1 + random.below(20)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            7 => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let line = lines[random.below(lines.len())].clone();
                lines.insert(random.below(lines.len() + 1), line);
                bytes = lines.join(&b'\n');
            }
            _ => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let index = random.below(lines.len());
                let trimmed: Vec<u8> = lines[index]
                    .iter()
                    .copied()
                    .skip_while(|&b| b == b' ')
                    .collect();
                lines[index] = [vec![b' '; random.below(7)], trimmed].concat();
                bytes = lines.join(&b'\n');
            }
        }
    }
    bytes
}

/// The registry's YAML files, by registry-relative path.
fn yaml_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for name in ["isg.yaml", "mou.yaml"] {
        files.insert(
            name.to_owned(),
            std::fs::read(root.join(name)).expect("read"),
        );
    }
    for entry in std::fs::read_dir(root.join("organisations"))
        .expect("list")
        .flatten()
    {
        let name = format!("organisations/{}", entry.file_name().to_string_lossy());
        files.insert(name, std::fs::read(entry.path()).expect("read"));
    }
    for entry in std::fs::read_dir(root.join("agreements"))
        .expect("list")
        .flatten()
    {
        let name = format!(
            "agreements/{}/agreement.yaml",
            entry.file_name().to_string_lossy()
        );
        files.insert(name.clone(), std::fs::read(root.join(&name)).expect("read"));
    }
    files
}

#[test]
fn broken_files_are_reported_in_place_and_the_check_goes_on() {
    let registry = Scratch::example();
    let originals = yaml_files(registry.path());
    let names: Vec<&String> = originals.keys().collect();
    let today = Date::parse(TODAY).expect("date");
    let git = isg::signoff::Git::Absent("not a git repository".into());
    let mut random = Random(0x15_6C_4E_C4);
    let mut broken_yaml = 0;
    for round in 0..ROUNDS {
        let mut changed = BTreeMap::new();
        for _ in 0..=random.below(3) {
            let name = names[random.below(names.len())];
            let text = changed.get(name).unwrap_or(&originals[name]);
            let variant = mutate(text, &mut random);
            changed.insert(name, variant);
        }
        for (name, bytes) in &changed {
            registry.write(name, bytes);
        }

        let source = Worktree::open(registry.path()).expect("open");
        let checked = isg::check::check(&source, today, &git).expect("check runs");
        for finding in &checked.report.findings {
            let place = format!(
                "round {round}: {} {}:{}:{} {}",
                finding.rule,
                finding.file,
                finding.span.start.line,
                finding.span.start.column,
                finding.message
            );
            assert!(isg::rules::find(finding.rule).is_some(), "{place}");
            assert!(!finding.message.trim().is_empty(), "{place}");
            assert!(
                finding.span.start.line >= 1 && finding.span.start.column >= 1,
                "{place}"
            );
            if let Some(text) = checked.files.text(&finding.file) {
                let lines = LineIndex::new(text).line_count() as u32;
                assert!(
                    finding.span.start.line <= lines,
                    "{place}: the file has {lines} lines"
                );
                let line = LineIndex::new(text).line(finding.span.start.line);
                assert!(
                    finding.span.start.column as usize <= line.chars().count() + 1,
                    "{place}: the line is {line:?}"
                );
            }
            broken_yaml += usize::from(finding.rule == "yaml-syntax");
        }
        for format in [Format::Human, Format::Json, Format::Sarif, Format::Github] {
            let output = render(format, &checked.report, &checked.files, Style::Plain, "");
            assert!(!output.is_empty(), "round {round}: {format:?}");
            if matches!(format, Format::Json | Format::Sarif) {
                serde_json::from_str::<serde_json::Value>(&output)
                    .unwrap_or_else(|error| panic!("round {round}: {format:?}: {error}"));
            }
        }

        for name in changed.keys() {
            registry.write(name, &originals[*name]);
        }
    }
    // The variants are broken often enough to exercise the YAML errors,
    // and not so often that nothing else is.
    assert!(
        broken_yaml > ROUNDS / 4,
        "{broken_yaml} syntax errors in {ROUNDS} rounds"
    );
    assert!(
        broken_yaml < ROUNDS * 3,
        "{broken_yaml} syntax errors in {ROUNDS} rounds"
    );
}
