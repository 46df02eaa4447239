//! The layers run one way. Each top-level module of `src/` has a floor;
//! a module may use only modules on lower floors, so no two modules import
//! each other and a long-running server can take the lower floors without
//! the upper ones. This test reads the source and names the file and the
//! path of every import that runs the wrong way, every use of git2 outside
//! the modules that read git, and every use of clap outside the command
//! line. It is tested itself with made-up files that break each rule.

use std::collections::BTreeMap;
use std::path::Path;

/// Every top-level module of the library, bottom to top. A module may use
/// those on lower floors only.
const FLOORS: &[(&str, u32)] = &[
    // Leaves that everything may use.
    ("date", 0),
    ("text", 0),
    ("write", 0),
    ("code", 1),
    ("diagnostic", 2),
    // The `pointer!` macro, exported from diagnostic.rs.
    ("pointer", 2),
    // Files, git trees, spans and positions, the files read.
    ("source", 3),
    // The JSON Schemas, validation, the words for fields.
    ("schema", 4),
    // Typed records and their domain facts.
    ("model", 5),
    // All of it, loaded and indexed by id.
    ("registry", 6),
    // Sign-off read from git history.
    ("signoff", 7),
    // The registry judged as of a date: assurance, sign-off state.
    ("assessment", 8),
    // Each rule reads the assessment and emits Diagnostics.
    ("rules", 9),
    // The whole check: load, assess, rules, one finding per mistake.
    ("check", 10),
    // Findings and status for people and programs.
    ("report", 11),
    // Documents, site and exports.
    ("render", 12),
    // Making new files: init, new, the synthetic registries.
    ("scaffold", 13),
    ("synth", 13),
    // The command line.
    ("cli", 14),
];

/// Modules that may use git2: reading git, and checking signatures.
const GIT: &[&str] = &["source", "signoff"];

/// Modules that may use clap.
const COMMAND_LINE: &[&str] = &["cli"];

fn floor(module: &str) -> Option<u32> {
    FLOORS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, floor)| *floor)
}

/// The top-level module a file of `src/` belongs to.
fn module_of(path: &str) -> &str {
    let path = path.strip_prefix("src/").unwrap_or(path);
    let first = path.split('/').next().unwrap_or(path);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The code of a file without its comments and its unit tests (a
/// `#[cfg(test)]` module at the end of the file), so that a doc link or a
/// test helper is not taken for an import.
fn code(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .get(i + 1)
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(match line.find(" // ") {
            Some(at) => &line[..at],
            None => line,
        });
        out.push('\n');
    }
    out
}

/// Every module a piece of code names through `crate::`, with the text
/// naming it: `use crate::rules::Context`, `crate::{date::Date, model}`.
fn crate_paths(code: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let statement_end = after.find([';', '\n']).unwrap_or(after.len());
        let shown = format!("crate::{}", &after[..statement_end]);
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            let mut depth = 0;
            let mut item = String::new();
            for c in group[..end].chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        push_first(&item, &shown, &mut found);
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            push_first(&item, &shown, &mut found);
        } else {
            push_first(after, &shown, &mut found);
        }
        rest = after;
    }
    found
}

fn push_first(path: &str, shown: &str, found: &mut Vec<(String, String)>) {
    let name: String = path
        .trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if !name.is_empty() {
        found.push((name, shown.trim().to_owned()));
    }
}

/// Whether `code` uses the crate `name` (`name::` not inside another path).
fn uses_crate(code: &str, name: &str) -> bool {
    let pattern = format!("{name}::");
    code.match_indices(&pattern).any(|(at, _)| {
        code[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
    })
}

/// Every way the files break the layers, in words naming the file.
fn violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    let mut imports: BTreeMap<(String, String), String> = BTreeMap::new();
    for (path, text) in files {
        if path == "src/lib.rs" || path == "src/main.rs" {
            continue;
        }
        let module = module_of(path);
        let Some(own) = floor(module) else {
            found.push(format!(
                "{path}: the module `{module}` has no floor in tests/architecture.rs"
            ));
            continue;
        };
        let code = code(text);
        for (target, shown) in crate_paths(&code) {
            if target == module {
                continue;
            }
            match floor(&target) {
                None => found.push(format!("{path}: `{shown}` names `{target}`, which has no floor")),
                Some(theirs) if theirs >= own => found.push(format!(
                    "{path}: `{shown}` imports `{target}` (floor {theirs}) into `{module}` (floor {own}); a module may import only from lower floors"
                )),
                Some(_) => {}
            }
            imports
                .entry((module.to_owned(), target))
                .or_insert_with(|| path.clone());
        }
        if uses_crate(&code, "git2") && !GIT.contains(&module) {
            found.push(format!(
                "{path}: uses git2 in `{module}`; only {GIT:?} read git"
            ));
        }
        if uses_crate(&code, "clap") && !COMMAND_LINE.contains(&module) {
            found.push(format!(
                "{path}: uses clap in `{module}`; only the command line knows it"
            ));
        }
    }
    for ((from, to), path) in &imports {
        if let Some(back) = imports.get(&(to.clone(), from.clone()))
            && from < to
        {
            found.push(format!(
                "`{from}` and `{to}` import each other: {path} and {back}"
            ));
        }
    }
    found
}

fn source_files(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src").flatten().collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, root, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path
                .strip_prefix(root)
                .expect("inside the project")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((
                relative,
                std::fs::read_to_string(&path).expect("source file"),
            ));
        }
    }
}

#[test]
fn the_layers_run_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    source_files(&root.join("src"), root, &mut files);
    assert!(files.len() > 100, "read {} files", files.len());
    let found = violations(&files);
    assert!(
        found.is_empty(),
        "{} imports run the wrong way:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_test_of_the_layers_can_fail() {
    let file = |path: &str, text: &str| (path.to_owned(), text.to_owned());
    let upward = violations(&[file(
        "src/source/made_up.rs",
        "use crate::rules::RuleInfo;\n",
    )]);
    assert_eq!(upward.len(), 1, "{upward:?}");
    assert!(
        upward[0].starts_with("src/source/made_up.rs: `crate::rules::RuleInfo` imports `rules`"),
        "{upward:?}"
    );
    let grouped = violations(&[file(
        "src/model/made_up.rs",
        "use crate::{date::Date, registry::Registry};\n",
    )]);
    assert_eq!(grouped.len(), 1, "{grouped:?}");
    assert!(grouped[0].contains("imports `registry`"), "{grouped:?}");
    let inline = violations(&[file(
        "src/schema/made_up.rs",
        "fn f() { crate::report::summary_line(&report); }\n",
    )]);
    assert!(inline[0].contains("imports `report`"), "{inline:?}");
    let both_ways = violations(&[
        file("src/render/a.rs", "use crate::report::x;\n"),
        file("src/report/b.rs", "use crate::render::y;\n"),
    ]);
    assert!(
        both_ways
            .iter()
            .any(|v| v.contains("`render` and `report` import each other")),
        "{both_ways:?}"
    );
    let git = violations(&[file(
        "src/cli/made_up.rs",
        "fn f() { git2::Repository::open(\".\"); }\n",
    )]);
    assert_eq!(git.len(), 1, "{git:?}");
    assert!(git[0].contains("uses git2 in `cli`"), "{git:?}");
    let clap = violations(&[file(
        "src/model/made_up.rs",
        "#[derive(clap::ValueEnum)]\nenum A {}\n",
    )]);
    assert!(clap[0].contains("uses clap in `model`"), "{clap:?}");
    // Comments, doc links and unit tests are not imports.
    let quiet = violations(&[file(
        "src/source/made_up.rs",
        "/// See [`crate::rules`].\nfn f() {} // crate::rules\n#[cfg(test)]\nmod tests {\n    use crate::rules::RuleInfo;\n}\n",
    )]);
    assert!(quiet.is_empty(), "{quiet:?}");
}
