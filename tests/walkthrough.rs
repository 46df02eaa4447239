//! The README's walkthrough, from nothing to a signed-off PDF: every
//! command it shows is run, in order, and must print what the README says.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One command of the walkthrough and what it prints.
struct Step {
    command: String,
    expected: Vec<String>,
}

fn steps(readme: &str) -> Vec<Step> {
    let start = readme
        .find("<!-- walkthrough -->")
        .expect("walkthrough start");
    let end = readme
        .find("<!-- /walkthrough -->")
        .expect("walkthrough end");
    let mut steps: Vec<Step> = Vec::new();
    let mut in_console = false;
    let mut continued = false;
    for line in readme[start..end].lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if continued {
            let step = steps.last_mut().expect("a command continues");
            step.command.push(' ');
            step.command
                .push_str(line.trim().trim_end_matches('\\').trim_end());
            continued = line.ends_with('\\');
        } else if let Some(command) = line.strip_prefix("$ ") {
            continued = command.ends_with('\\');
            steps.push(Step {
                command: command.trim_end_matches('\\').trim_end().to_owned(),
                expected: Vec::new(),
            });
        } else {
            steps
                .last_mut()
                .expect("output follows a command")
                .expected
                .push(line.to_owned());
        }
    }
    steps
}

#[test]
fn the_readme_walkthrough_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let steps = steps(&readme);
    assert!(steps.len() >= 15, "the walkthrough has its steps");
    let home = tempfile::tempdir().expect("temporary folder");
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_isg"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cwd = home.path().to_path_buf();
    for step in &steps {
        if let Some(folder) = step.command.strip_prefix("cd ") {
            cwd = cwd.join(folder);
            assert!(step.expected.is_empty());
            continue;
        }
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!("{} 2>&1", step.command))
            .current_dir(&cwd)
            // A machine of its own: no one's git settings, a fixed date,
            // and commits dated so that their ids are the README's.
            .env("HOME", home.path())
            .env("PATH", &path)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("ISG_TODAY", "2026-11-22")
            .env("GIT_AUTHOR_DATE", "2026-11-22T10:00:00+00:00")
            .env("GIT_COMMITTER_DATE", "2026-11-22T10:00:00+00:00")
            .env("NO_COLOR", "1")
            .env("LC_ALL", "C")
            .output()
            .expect("run bash");
        let printed = String::from_utf8_lossy(&output.stdout);
        let printed: Vec<&str> = printed.lines().map(str::trim_end).collect();
        let expected: Vec<&str> = step.expected.iter().map(|l| l.trim_end()).collect();
        assert_eq!(
            printed, expected,
            "`{}` printed something else than the README says",
            step.command
        );
    }

    let pdf = cwd.join("site/agreements/hospital-discharge.pdf");
    let text = pdf_extract::extract_text(&pdf).expect("the PDF reads");
    assert!(text.contains("Signed off by every party"), "{text}");
    assert!(text.contains("Dr Siân Evans") && text.contains("Karen Lee"));
    assert!(
        !text.contains("DRAFT"),
        "a signed-off agreement carries no draft mark"
    );
}
