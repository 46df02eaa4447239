//! The rules, case by case, as data. Each file in `tests/rules/` is a case:
//! a fixture registry, the edits that make it show something, and the dates
//! it is checked on. Every finding of each check (level, rule, file, line,
//! column, message and help) is kept in a snapshot beside the case, in
//! `tests/rules/<family>/snapshots/`, so a case asserts what is found and,
//! as strongly, what is not.
//!
//! After a change to a rule's words or a fixture, one command updates every
//! snapshot, which is then read in the diff before it is committed:
//!
//! ```text
//! INSTA_UPDATE=always cargo test --test rule_cases
//! ```
//!
//! The format of a case is described in `tests/rules/README.md`.

mod common;

use common::{Scratch, describe_in_full};
use serde::Deserialize;
use std::path::Path;

/// One case file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case shows, in a sentence or two.
    about: String,
    /// The fixture the case starts from: `minimal` (the default) or
    /// `example`, the example registry at the repository root.
    #[serde(default)]
    registry: Fixture,
    steps: Vec<Step>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Fixture {
    #[default]
    Minimal,
    Example,
}

/// One step: exactly one of `edit`, `write`, `copy`, `rename`, `remove`
/// or `check`, with the fields that go with it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    /// A file to change: `from` (which must occur exactly once) becomes `to`.
    edit: Option<String>,
    /// A file to write with `text`.
    write: Option<String>,
    /// A file to copy `to` another place.
    copy: Option<String>,
    /// A file or folder to move `to` another place.
    rename: Option<String>,
    /// A file or folder to delete.
    remove: Option<String>,
    /// Check the registry as of this date and record every finding.
    check: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
}

impl Step {
    fn run(&self, registry: &Scratch, number: usize, out: &mut String) {
        let field = |value: &Option<String>, name: &str| -> String {
            value
                .clone()
                .unwrap_or_else(|| panic!("step {number} needs `{name}`"))
        };
        let actions = [
            &self.edit,
            &self.write,
            &self.copy,
            &self.rename,
            &self.remove,
            &self.check,
        ];
        assert_eq!(
            actions.iter().filter(|action| action.is_some()).count(),
            1,
            "step {number} should do exactly one of edit, write, copy, rename, remove and check"
        );
        if let Some(file) = &self.edit {
            registry.edit(file, &field(&self.from, "from"), &field(&self.to, "to"));
        } else if let Some(file) = &self.write {
            registry.write(file, field(&self.text, "text"));
        } else if let Some(file) = &self.copy {
            registry.write(&field(&self.to, "to"), registry.read(file));
        } else if let Some(file) = &self.rename {
            let to = registry.path().join(field(&self.to, "to"));
            std::fs::create_dir_all(to.parent().expect("parent")).expect("create folders");
            std::fs::rename(registry.path().join(file), to).expect("rename");
        } else if let Some(file) = &self.remove {
            registry.remove(file);
        } else if let Some(today) = &self.check {
            let findings = registry.findings_on(today);
            out.push_str(&format!("## step {number}: check as of {today}\n"));
            if findings.is_empty() {
                out.push_str("no findings\n");
            } else {
                out.push_str(&describe_in_full(&findings));
            }
            out.push('\n');
        }
    }
}

/// Runs a case and returns what its checks found.
fn run(path: &Path) -> (Case, String) {
    let text = std::fs::read_to_string(path).expect("read case");
    let parsed = isg::source::yaml::parse(&text);
    assert!(
        parsed.problems.is_empty(),
        "{}: {:?}",
        path.display(),
        parsed.problems
    );
    let case: Case = serde_json::from_value(parsed.value.expect("a case"))
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let registry = match case.registry {
        Fixture::Minimal => Scratch::minimal(),
        Fixture::Example => Scratch::example(),
    };
    let mut out = String::new();
    for (index, step) in case.steps.iter().enumerate() {
        step.run(&registry, index + 1, &mut out);
    }
    assert!(
        !out.is_empty(),
        "{}: a case needs at least one `check`",
        path.display()
    );
    (case, out)
}

#[test]
fn rule_cases() {
    insta::glob!("rules", "**/*.yaml", |path| {
        let (case, found) = run(path);
        let folder = path.parent().expect("folder");
        let name = path.file_stem().expect("name").to_string_lossy();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(folder.join("snapshots"));
        settings.remove_snapshot_suffix();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_description(case.about.trim());
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(name.as_ref(), found));
    });
}
