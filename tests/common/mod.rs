//! Helpers shared by the integration tests: a scratch copy of a fixture
//! registry that a test can edit, and ways to check it.
#![allow(dead_code)]

pub mod dated;
pub mod render;
pub mod repo;
pub mod scaffold;

use isg::date::Date;
use isg::diagnostic::{Finding, Level};
use isg::source::Worktree;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date the fixtures are written to be valid on.
pub const TODAY: &str = "2026-11-22";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A registry in a temporary folder.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    /// A copy of `tests/fixtures/minimal`, which checks clean.
    pub fn minimal() -> Scratch {
        Scratch::copy_of(&fixture("minimal"))
    }

    /// A copy of the example registry at the repository root.
    pub fn example() -> Scratch {
        let scratch = Scratch::empty();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for name in ["isg.yaml", "mou.yaml", "organisations", "agreements"] {
            copy(&root.join(name), &scratch.path().join(name));
        }
        scratch
    }

    pub fn empty() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn copy_of(source: &Path) -> Scratch {
        let scratch = Scratch::empty();
        copy(source, scratch.path());
        scratch
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folders");
        fs::write(path, text).expect("write file");
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path().join(relative)).expect("read file")
    }

    /// Replaces `from` (which must occur exactly once) with `to`.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` should occur once in {relative}"
        );
        self.write(relative, text.replacen(from, to, 1));
    }

    pub fn remove(&self, relative: &str) {
        let path = self.path().join(relative);
        if path.is_dir() {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        }
        .expect("remove");
    }

    /// Every finding of `isg check`, as of [`TODAY`].
    pub fn findings(&self) -> Vec<Finding> {
        self.findings_on(TODAY)
    }

    /// Every finding of `isg check --today DATE`. Scratch registries are
    /// not git repositories, so the one `history-unavailable` note every
    /// check of them carries is left out here (tests/history.rs covers it).
    pub fn findings_on(&self, today: &str) -> Vec<Finding> {
        let source = Worktree::open(self.path()).expect("open registry");
        let git = isg::signoff::Git::Absent("not a git repository".into());
        isg::check::check(&source, Date::parse(today).expect("date"), &git)
            .expect("check runs")
            .report
            .findings
            .into_iter()
            .filter(|finding| finding.rule != "history-unavailable")
            .collect()
    }

    /// The findings of one rule, as of `today`.
    pub fn findings_of(&self, rule: &str, today: &str) -> Vec<Finding> {
        self.findings_on(today)
            .into_iter()
            .filter(|finding| finding.rule == rule)
            .collect()
    }

    /// Runs the real binary with `args` followed by this registry's path.
    pub fn run(&self, args: &[&str]) -> Output {
        isg(args, Some(self.path()))
    }
}

/// The `isg` binary as a command that judges dates as of [`TODAY`] (through
/// `ISG_TODAY`), so that no test's result depends on the day it runs.
pub fn isg_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_isg"));
    command.env("ISG_TODAY", TODAY);
    command
}

/// Runs `isg ARGS [PATH]`.
pub fn isg(args: &[&str], path: Option<&Path>) -> Output {
    let mut command = isg_command();
    command.args(args);
    if let Some(path) = path {
        command.arg(path);
    }
    command.env_remove("NO_COLOR").output().expect("run isg")
}

/// Copies a file, or a folder with everything in it.
pub fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("create folder");
        for entry in fs::read_dir(from).expect("list folder") {
            let entry = entry.expect("entry");
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::copy(from, to).expect("copy file");
    }
}

/// Asserts a finding of `rule` at `file:line` with `level`, and returns it.
#[track_caller]
pub fn expect<'a>(
    findings: &'a [Finding],
    rule: &str,
    file: &str,
    line: u32,
    level: Level,
) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule == rule && f.file == file && f.span.start.line == line && f.level == level)
        .unwrap_or_else(|| {
            panic!(
                "expected {level:?} {rule} at {file}:{line}; found:\n{}",
                describe(findings)
            )
        })
}

/// Asserts no finding of `rule`.
#[track_caller]
pub fn expect_none(findings: &[Finding], rule: &str) {
    let matching: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
    assert!(
        matching.is_empty(),
        "expected no {rule}; found:\n{}",
        describe(findings)
    );
}

pub fn describe(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  {} {} {}:{}:{} {}",
                f.level.as_str(),
                f.rule,
                f.file,
                f.span.start.line,
                f.span.start.column,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every fact of each finding, for snapshots: level, rule and place on
/// one line, then the message and the help, indented.
pub fn describe_in_full(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{} {} {}:{}:{}\n    {}\n",
            f.level.as_str(),
            f.rule,
            f.file,
            f.span.start.line,
            f.span.start.column,
            f.message.replace('\n', "\n    ")
        ));
        if let Some(help) = &f.help {
            out.push_str(&format!("    help: {}\n", help.replace('\n', "\n    ")));
        }
    }
    out
}

/// The rule of each finding in `isg check --format json` output, in order.
pub fn rules_of(json: &serde_json::Value) -> Vec<&str> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect()
}
