//! `isg init` and `isg schema`: a new registry checks clean, with its
//! README, workflow and schemas; nothing a user already has is
//! overwritten; the schemas editors use are written where the records'
//! `$schema` lines look.

mod common;

use common::Scratch;
use common::scaffold::{check, init, run, text};
use std::path::Path;

#[test]
fn init_makes_a_registry_that_checks_clean() {
    let scratch = Scratch::empty();
    let dir = scratch.path().join("registry");
    init(&dir);
    for file in [
        "isg.yaml",
        "mou.yaml",
        "README.md",
        ".gitignore",
        ".vscode/settings.json",
        ".github/workflows/isg.yml",
        "schemas/agreement.schema.json",
        "organisations/README.md",
        "agreements/README.md",
    ] {
        assert!(dir.join(file).is_file(), "{file} is written");
    }
    assert!(dir.join(".git").is_dir(), "a git repository is started");
    let (code, rules) = check(&dir);
    assert_eq!(code, 0);
    // A repository without commits has no sign-off to read; nothing else.
    assert_eq!(rules, ["history-unavailable"]);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.starts_with("# Fylde Coast sharing registry\n"));
    for step in [
        "isg new organisation",
        "isg new agreement",
        "isg sign",
        "isg render",
    ] {
        assert!(readme.contains(step), "the README explains {step}");
    }
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/isg.yml")).unwrap();
    for part in [
        "fetch-depth: 0",
        "isg check --format github ${ISG_BASE:+--base \"$ISG_BASE\"}",
        "github.event.before",
        "isg status --format markdown ${ISG_BASE:+--base \"$ISG_BASE\"} >> \"$GITHUB_STEP_SUMMARY\"",
        "upload-sarif",
        "isg render --out site",
        "deploy-pages",
    ] {
        assert!(workflow.contains(part), "the workflow has {part}");
    }
}

#[test]
fn init_refuses_to_overwrite_anything() {
    let scratch = Scratch::empty();
    scratch.write("README.md", "our own readme\n");
    let output = run(&["init", scratch.path().to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("already has README.md; nothing was written"),
        "{}",
        text(&output)
    );
    assert_eq!(scratch.read("README.md"), "our own readme\n");
    assert!(!scratch.path().join("isg.yaml").exists());
}

#[test]
fn schema_writes_the_schemas_editors_use() {
    let scratch = Scratch::empty();
    let out = scratch.path().join("schemas");
    let output = run(&["schema", "--out", out.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{}", text(&output));
    for name in ["settings", "mou", "organisation", "agreement"] {
        let file = format!("{name}.schema.json");
        let shipped = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("schemas")
                .join(&file),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join(&file)).unwrap(),
            shipped,
            "{file}"
        );
    }

    // Without --out, into the registry's `schemas/`, where its files'
    // `$schema` lines look, even from inside `agreements/`.
    let registry = Scratch::minimal();
    let output = common::isg_command()
        .current_dir(registry.path().join("agreements"))
        .arg("schema")
        .output()
        .expect("run isg");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        registry
            .path()
            .join("schemas/agreement.schema.json")
            .is_file()
    );
    assert!(!registry.path().join("agreements/schemas").exists());
}
