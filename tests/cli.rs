//! The real binary: exit codes and every output format, where a test needs
//! more than a case in `tests/cli/` (an edited registry, the structure of
//! JSON and SARIF, every shell's completions).

mod common;

use common::{Scratch, TODAY, fixture, isg};
use serde_json::Value;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// Asserts that isg could not run (exit code 2) and said `says`.
fn refused(output: &std::process::Output, says: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(says), "{stderr}");
}

/// A registry with one error and one finding turned into a warning.
fn registry_with_findings() -> Scratch {
    let registry = Scratch::minimal();
    registry.edit(
        "organisations/north-trust.yaml",
        "status: standards-met",
        "status: standards-mett",
    );
    registry.edit(
        "agreements/care-record/agreement.yaml",
        "id: care-record",
        "id: care-records",
    );
    registry.write("isg.yaml", "rules:\n  id-mismatch: warning\n");
    registry
}

#[test]
fn warnings_alone_exit_0() {
    let registry = Scratch::minimal();
    registry.edit(
        "agreements/care-record/agreement.yaml",
        "id: care-record",
        "id: care-records",
    );
    registry.write("isg.yaml", "rules:\n  id-mismatch: warning\n");
    let output = registry.run(&["check", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).contains("0 errors, 1 warning, 1 note"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_mistyped_isg_today_is_refused_not_ignored() {
    let registry = Scratch::minimal();
    let run = |value: &str| {
        common::isg_command()
            .current_dir(registry.path())
            .args(["check", "--format", "json"])
            .env("ISG_TODAY", value)
            .output()
            .expect("run isg")
    };
    // A date that is no date is refused: tests/cli/isg-today-mistyped.toml.
    // A date far ahead makes the fixture's assurance lapse; an empty value
    // is no value.
    let ahead = run("2031-01-01");
    assert_eq!(ahead.status.code(), Some(1));
    assert!(stdout(&ahead).contains("ico-registration-expired"));
    let empty = run("");
    assert_ne!(empty.status.code(), Some(2));
    assert!(
        empty.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&empty.stderr)
    );
}

/// `isg ARGS` run in `folder`, with no registry path given.
fn isg_in(folder: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::isg_command()
        .current_dir(folder)
        .args(args)
        .output()
        .expect("run isg")
}

#[test]
fn commands_inside_a_registry_work_on_the_whole_registry() {
    let registry = registry_with_findings();
    let json = ["check", "--today", TODAY, "--format", "json"];
    let from_root = isg_in(registry.path(), &json);
    assert_eq!(from_root.status.code(), Some(1));
    for inside in ["agreements", "agreements/care-record", "organisations"] {
        let output = isg_in(&registry.path().join(inside), &json);
        assert_eq!(output.status.code(), Some(1), "from {inside}");
        // The same findings, in the same files and places, as from the top.
        assert_eq!(stdout(&output), stdout(&from_root), "from {inside}");
    }
    let report: Value = serde_json::from_str(&stdout(&from_root)).expect("JSON");
    assert_eq!(report["summary"]["files"], 7);
    assert_eq!(
        report["diagnostics"][2]["file"],
        "organisations/north-trust.yaml"
    );

    let status = ["status", "--today", TODAY, "--format", "json"];
    let from_root = isg_in(registry.path(), &status);
    let inside = isg_in(&registry.path().join("organisations"), &status);
    assert_eq!(inside.status.code(), Some(0));
    assert_eq!(stdout(&inside), stdout(&from_root));
    let status: Value = serde_json::from_str(&stdout(&inside)).expect("JSON");
    assert_eq!(status["organisations"][0]["id"], "south-council");
    assert_eq!(status["agreements"][0]["id"], "care-protocol");
}

#[test]
fn a_folder_in_no_registry_is_refused() {
    // No isg.yaml or mou.yaml here or above, up to the repository's top: the
    // registry outside the repository is not used, and the folder is not a
    // registry either.
    let outer = Scratch::minimal();
    git2::Repository::init(outer.path().join("repository")).expect("git init");
    outer.write("repository/notes/plan.txt", "not a registry\n");
    let notes = outer.path().join("repository/notes");
    for args in [
        &["check", "--today", TODAY, "--format", "json"][..],
        &["status"],
        &["render"],
        &["new", "organisation", "--no-input"],
    ] {
        refused(
            &isg_in(&notes, args),
            "isg: . is not a registry folder: it has none of isg.yaml, mou.yaml, organisations/ or agreements/.",
        );
    }
    assert!(!notes.join("site").exists() && !notes.join("organisations").exists());

    // A registry missing its MoU is still a registry, checked and told so.
    let registry = Scratch::minimal();
    registry.remove("mou.yaml");
    let output = isg_in(
        registry.path(),
        &["check", "--today", TODAY, "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn human_format_shows_the_line_and_help() {
    let output = registry_with_findings().run(&["check", "--today", TODAY, "--color", "never"]);
    let text = stdout(&output);
    assert!(
        text.contains("error[schema]: `status` under `dspt` is \"standards-mett\""),
        "{text}"
    );
    assert!(
        text.contains("--> organisations/north-trust.yaml:9:11"),
        "{text}"
    );
    assert!(text.contains("9 |   status: standards-mett"), "{text}");
    assert!(text.contains("^^^^^^^^^^^^^^"), "{text}");
    assert!(
        text.contains("help: Did you mean `standards-met`?"),
        "{text}"
    );
    assert!(text.contains("warning[id-mismatch]"), "{text}");
    assert!(
        text.ends_with("Checked 7 files: 1 error, 1 warning, 1 note.\n"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when --color never"
    );

    let coloured = registry_with_findings().run(&["check", "--today", TODAY, "--color", "always"]);
    assert!(stdout(&coloured).contains('\u{1b}'));
}

#[test]
fn json_format() {
    let output = registry_with_findings().run(&["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(
        json["summary"],
        serde_json::json!({"errors": 1, "warnings": 1, "notes": 1, "files": 7})
    );
    let diagnostics = json["diagnostics"].as_array().expect("array");
    assert_eq!(diagnostics.len(), 3);
    let first = &diagnostics[0];
    assert_eq!(first["rule"], "id-mismatch");
    assert_eq!(first["level"], "warning");
    assert_eq!(first["file"], "agreements/care-record/agreement.yaml");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(1), Some(17))
    );
    assert_eq!(diagnostics[1]["rule"], "history-unavailable");
    assert_eq!(diagnostics[1]["level"], "note");
    let second = &diagnostics[2];
    assert_eq!(
        (second["rule"].as_str(), second["level"].as_str()),
        (Some("schema"), Some("error"))
    );
    assert_eq!(
        (
            second["line"].as_u64(),
            second["column"].as_u64(),
            second["end_column"].as_u64()
        ),
        (Some(9), Some(11), Some(25))
    );
    assert!(
        second["message"]
            .as_str()
            .unwrap()
            .contains("standards-mett")
    );
    assert!(second["help"].as_str().unwrap().contains("standards-met"));
}

#[test]
fn sarif_format_is_valid_sarif_2_1_0() {
    let output = registry_with_findings().run(&["check", "--today", TODAY, "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), isg::rules::RULES.len());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let schema_result = results.iter().find(|r| r["ruleId"] == "schema").unwrap();
    assert_eq!(schema_result["level"], "error");
    let index = schema_result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "schema");
    let location = &schema_result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "organisations/north-trust.yaml"
    );
    assert_eq!(
        (
            location["region"]["startLine"].as_u64(),
            location["region"]["startColumn"].as_u64()
        ),
        (Some(9), Some(11))
    );
    assert!(
        rules[index]["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("How to fix it")
    );
}

#[test]
fn github_format_annotates_with_repository_paths() {
    let registry = registry_with_findings();
    let parent = registry.path().parent().unwrap();
    let name = registry.path().file_name().unwrap().to_str().unwrap();
    let output = common::isg_command()
        .current_dir(parent)
        .args(["check", "--today", TODAY, "--format", "github", name])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with(&format!("::warning file={name}/agreements/care-record/agreement.yaml,line=1,col=5,endLine=1,endColumn=17,title=isg id-mismatch::")), "{text}");
    assert!(
        lines[1].starts_with(&format!("::notice file={name}/isg.yaml,line=1,col=1,")),
        "{text}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "::error file={name}/organisations/north-trust.yaml,line=9,col=11,"
        )),
        "{text}"
    );
    assert!(
        lines[2].contains("%0ADid you mean `standards-met`?"),
        "help follows the message on its own line: {text}"
    );
    assert_eq!(lines[3], "Checked 7 files: 1 error, 1 warning, 1 note.");
}

#[test]
fn github_annotations_from_inside_a_registry_in_a_repository_subfolder() {
    // The registry is `registry/` in its repository; the check runs in one
    // of its agreement folders, as a step with a `working-directory` would.
    let repository = Scratch::empty();
    let registry = registry_with_findings();
    common::copy(registry.path(), &repository.path().join("registry"));
    git2::Repository::init(repository.path()).expect("git init");
    let output = isg_in(
        &repository.path().join("registry/agreements/care-record"),
        &["check", "--today", TODAY, "--format", "github"],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("::error file=registry/organisations/north-trust.yaml,line=9,col=11,"),
        "{text}"
    );
    assert!(
        text.contains(
            "::warning file=registry/agreements/care-record/agreement.yaml,line=1,col=5,"
        ),
        "{text}"
    );
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == isg::report::explain::rules_markdown(),
        "docs/rules.md is stale: run `cargo run -- explain --markdown > docs/rules.md`"
    );
}

#[test]
fn example_registry_checks_clean() {
    // A copy outside git: every rule but sign-off runs. (Sign-off of the
    // example's active agreements lives in this repository's history.)
    let registry = Scratch::example();
    let output = registry.run(&["check", "--today", TODAY, "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let rules: Vec<&str> = common::rules_of(&json);
    assert_eq!(
        rules,
        vec!["history-unavailable"],
        "the example registry must check clean"
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(json["summary"]["files"].as_u64().unwrap() >= 17);
}

#[test]
fn generated_registries_check_clean() {
    let registry = Scratch::empty();
    let dir = registry.path().join("generated");
    isg::synth::generate(
        &dir,
        isg::synth::Size {
            organisations: 60,
            agreements: 25,
            flows: 80,
        },
        7,
    )
    .unwrap();
    let output = isg(
        &["check", "--today", isg::synth::VALID_ON, "--format", "json"],
        Some(&dir),
    );
    let json: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let rules: Vec<&str> = common::rules_of(&json);
    assert_eq!(rules, vec!["history-unavailable"]);
    assert_eq!(json["summary"]["files"], 2 + 60 + 25);
}

#[test]
fn status_in_every_format() {
    let registry = Scratch::minimal();
    registry.edit(
        "organisations/south-council.yaml",
        "  breach: breach@south.example\n",
        "",
    );

    let json = registry.run(&["status", "--today", "2027-03-01", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let json: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let organisations = json["organisations"].as_array().unwrap();
    assert_eq!(organisations.len(), 2);
    let north = organisations
        .iter()
        .find(|o| o["id"] == "north-trust")
        .unwrap();
    assert_eq!(north["assurance"], "assured");
    assert_eq!(
        north["expiring"],
        serde_json::json!([{"what": "ICO registration", "date": "2027-03-31"}])
    );
    let south = organisations
        .iter()
        .find(|o| o["id"] == "south-council")
        .unwrap();
    assert_eq!(south["assurance"], "partial");
    assert_eq!(
        south["reasons"],
        serde_json::json!(["South Council gives no contact for reporting breaches."])
    );
    let record = json["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "care-record")
        .unwrap();
    assert_eq!(record["status"], "active");
    assert_eq!(record["tier"], 3);
    assert_eq!(record["review_due"], "2027-03-01");
    assert_eq!(
        record["parties"],
        serde_json::json!(["north-trust", "south-council"])
    );

    let human = stdout(&registry.run(&["status", "--today", "2027-03-01"]));
    assert!(
        human.contains("Organisations (2)") && human.contains("Agreements (2)"),
        "{human}"
    );
    assert!(
        human.contains("  assured    North NHS Trust  ICO registration expires 2027-03-31\n"),
        "{human}"
    );
    assert!(human.contains("  partial    South Council    South Council gives no contact for reporting breaches. ICO registration expires 2027-03-31\n"), "{human}");
    assert!(
        human.contains("  active  3     2027-03-01  ?           ?                sha256:")
            && human.contains("  Shared care record\n")
            && human.ends_with(
                "\nSign-off not read: the registry folder is not inside a git repository.\n"
            ),
        "{human}"
    );

    let markdown =
        stdout(&registry.run(&["status", "--today", "2027-03-01", "--format", "markdown"]));
    assert!(
        markdown.contains("| Organisation | Assurance | Reasons and expiring |"),
        "{markdown}"
    );
    assert!(markdown.contains("| South Council | partial | South Council gives no contact for reporting breaches. ICO registration expires 2027-03-31 |"), "{markdown}");
    assert!(
        markdown.contains(
            "| Shared care record (`care-record`) | active | 3 | 2027-03-01 | ? | ? |  |  | `sha256:"
        ),
        "{markdown}"
    );
}

/// The messy fixture fires every rule at once (what a user sees of it is
/// tests/cli/check-messy.toml).
#[test]
fn messy_registry_fires_every_rule() {
    // A copy outside git, so the output does not depend on this repository's history.
    let registry = Scratch::copy_of(&fixture("messy"));
    let json = registry.run(&["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let json: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let mut fired: Vec<&str> = common::rules_of(&json);
    fired.sort();
    fired.dedup();
    // The other sign-off rules need real git history: tests/history.rs.
    let mut all: Vec<&str> = isg::rules::RULES
        .iter()
        .filter(|rule| {
            rule.code.family != isg::rules::Family::History
                || rule.code.name == "history-unavailable"
        })
        .map(|rule| rule.code.name)
        .collect();
    all.sort();
    assert_eq!(
        fired, all,
        "every rule but the sign-off ones should fire on tests/fixtures/messy"
    );
}

#[test]
fn completions_and_man_page_cover_every_subcommand() {
    use clap::CommandFactory;
    let subcommands: Vec<String> = isg::cli::Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    assert!(subcommands.len() >= 7, "{subcommands:?}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = isg(&["completions", shell], None);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        for name in &subcommands {
            assert!(
                script.contains(name.as_str()),
                "{shell} completion lacks {name}"
            );
        }
    }
    let page = stdout(&isg(&["man"], None));
    assert!(
        page.starts_with(".ie") && page.contains(".TH isg 1"),
        "{page}"
    );
    for name in subcommands.iter().filter(|name| *name != "help") {
        assert!(
            page.contains(&format!(".SH \"ISG {}\"", name.to_uppercase())),
            "man page lacks a section for {name}"
        );
    }
    assert!(page.contains("\\-\\-today"), "options are documented");
    assert_eq!(isg(&["completions", "tcsh"], None).status.code(), Some(2));
}
