//! Each rule's documented example (`isg explain RULE`, docs/rules.md) is
//! put into the example registry and shown to fire there, so no rule is
//! documented with an example that would not trigger it.
//!
//! An example is a fragment of a record. Where it is YAML, it is merged into
//! a record of the example registry: mappings key by key, list items into
//! the item with the same `id` or `org` (or else the one in the same
//! place), an empty list or a mapping with none of the record's keys in
//! place of the record's, a `...` key left out, and a key a comment says
//! there is none of (`# no risks`) removed. Where
//! it is a mistake in the YAML itself (a syntax error, a repeated key), each
//! of its top-level keys replaces that key's lines in the file. A few rules'
//! examples are not part of a record (a file saved by a spreadsheet, a git
//! commit, a CI workflow): the test that shows each of them is named here.

mod common;

use common::{Scratch, TODAY, describe};
use isg::rules::RULES;
use serde_json::Value;

const AGREEMENT: &str = "agreements/lpres-shared-care-record/agreement.yaml";
const COUNCIL: &str = "organisations/blackpool-council.yaml";
const PRACTICE: &str = "organisations/ribble-valley-medical-practice.yaml";

/// How a rule's example is put into the example registry.
enum Apply {
    /// Merged, as data, into this record at this JSON pointer (`""` for
    /// the whole record, `/flows/0` for its first flow).
    Merge(&'static str, &'static str),
    /// Its top-level keys replace the same keys' lines in this file.
    Lines(&'static str),
    /// Not part of a record; this test file shows the rule firing.
    ShownBy(&'static str),
}

use Apply::{Lines, Merge, ShownBy};

/// Where each rule's example goes. Every rule is listed.
const PLACES: &[(&str, Apply)] = &[
    ("yaml-syntax", Lines(COUNCIL)),
    ("duplicate-key", Lines(COUNCIL)),
    ("yaml-alias", Lines(AGREEMENT)),
    ("comment-in-value", Lines(COUNCIL)),
    ("hidden-characters", Merge(AGREEMENT, "")),
    ("schema", Merge(COUNCIL, "")),
    ("id-mismatch", Merge(COUNCIL, "")),
    ("unknown-reference", Merge(AGREEMENT, "")),
    ("ico-registration-missing", Merge(PRACTICE, "")),
    ("sponsor-invalid", Merge(PRACTICE, "")),
    ("duplicate-id", Lines(COUNCIL)),
    ("accountable-officer-missing", Lines(COUNCIL)),
    ("dpo-missing", Lines(COUNCIL)),
    ("controller-missing", Lines(AGREEMENT)),
    ("anonymised-with-identifiers", Merge(AGREEMENT, "/flows/0")),
    ("risk-unmitigated", Merge(AGREEMENT, "/flows/0")),
    ("residual-risk-too-high", Merge(AGREEMENT, "/flows/0")),
    (
        "residual-above-inherent",
        Merge(AGREEMENT, "/flows/0/risks/0"),
    ),
    ("file-unreadable", ShownBy("tests/bad_input.rs")),
    (
        "registry-layout",
        ShownBy("tests/rules/files/registry-layout.yaml"),
    ),
    // The example says in a comment that the party's registration expired.
    (
        "party-assurance-lapsed",
        ShownBy("tests/rules/agreements/party-assurance-lapsed-for-active-agreements.yaml"),
    ),
    // Two records: the parent and the agreement under it.
    (
        "parent-not-in-force",
        ShownBy("tests/rules/agreements/parent-not-in-force.yaml"),
    ),
    // The history rules' examples are commits, clones and workflows.
    ("history-unavailable", ShownBy("tests/history.rs")),
    ("history-unreadable", ShownBy("tests/trust.rs")),
    ("shallow-history", ShownBy("tests/history.rs")),
    ("signoff-by-non-signatory", ShownBy("tests/history.rs")),
    ("signoff-missing", ShownBy("tests/history.rs")),
    ("signoff-unverified", ShownBy("tests/history.rs")),
    ("dpo-review-missing", ShownBy("tests/reviews.rs")),
];

/// The rules not in [`PLACES`] take the default for their family: an
/// agreement's example goes into the shared care record, an organisation's
/// into Blackpool Council's record.
fn place(rule: &isg::rules::RuleInfo) -> &'static Apply {
    static AGREEMENTS: Apply = Merge(AGREEMENT, "");
    static ORGANISATIONS: Apply = Merge(COUNCIL, "");
    if let Some((_, apply)) = PLACES.iter().find(|(name, _)| *name == rule.code.name) {
        return apply;
    }
    match rule.code.family {
        isg::code::Family::Agreements => &AGREEMENTS,
        isg::code::Family::Organisations => &ORGANISATIONS,
        family => panic!(
            "{}: say in PLACES where the example of a {family:?} rule goes",
            rule.code.name
        ),
    }
}

#[test]
fn every_documented_example_fires() {
    let failures: Vec<String> = RULES
        .iter()
        .filter_map(|rule| fires(rule.code.name, rule.example, place(rule)).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The test can fail: an example that breaks no rule is caught, by merge
/// and by lines alike.
#[test]
fn an_example_that_breaks_nothing_is_caught() {
    let harmless = "lead: lancashire-teaching-hospitals";
    for apply in [Merge(AGREEMENT, ""), Lines(AGREEMENT)] {
        let said = fires("lead-not-party", harmless, &apply).expect_err("no finding");
        assert!(said.contains("does not fire"), "{said}");
    }
    let said =
        fires("signoff-missing", "", &ShownBy("tests/render_exports.rs")).expect_err("not shown");
    assert!(said.contains("does not show it firing"), "{said}");
}

/// Whether `example`, applied as `apply` says, makes `rule` fire.
fn fires(rule: &str, example: &str, apply: &Apply) -> Result<(), String> {
    let registry = Scratch::example();
    let file = match apply {
        ShownBy(test) if shows(test, rule) => return Ok(()),
        ShownBy(test) => return Err(format!("{rule}: {test} does not show it firing")),
        Merge(file, at) => {
            let mut record = parse(&registry.read(file), file);
            let place = record
                .pointer_mut(at)
                .unwrap_or_else(|| panic!("{rule}: {file} has nothing at {at}"));
            let mut merged = merge_into(std::mem::take(place), parse(example, rule));
            for key in absent(example) {
                remove(&mut merged, key);
            }
            *place = merged;
            let json = serde_json::to_string_pretty(&record).expect("JSON");
            registry.write(file, json + "\n");
            file
        }
        Lines(file) => {
            registry.write(file, replace_lines(&registry.read(file), example));
            file
        }
    };
    let findings = registry.findings_on(TODAY);
    if findings.iter().any(|f| f.rule == rule && f.file == *file) {
        Ok(())
    } else {
        Err(format!(
            "{rule}: its example, put into {file}, does not fire; found:\n{}",
            describe(&findings)
        ))
    }
}

#[test]
fn every_rule_has_a_place_for_its_example() {
    for (name, _) in PLACES {
        assert!(
            RULES.iter().any(|rule| rule.code.name == *name),
            "PLACES names `{name}`, which is no rule"
        );
    }
    for rule in RULES {
        assert!(
            !rule.example.trim().is_empty(),
            "{} has no example",
            rule.code.name
        );
    }
}

/// Whether `test` shows `rule` firing: a Rust test that names it, or a rule
/// case whose snapshot holds a finding of it.
fn shows(test: &str, rule: &str) -> bool {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(test);
    let (file, words) = match test.strip_suffix(".yaml") {
        Some(case) => {
            let (folder, name) = case.rsplit_once('/').expect("a case in a folder");
            (
                root.join(folder)
                    .join("snapshots")
                    .join(format!("{name}.snap")),
                format!(" {rule} "),
            )
        }
        None => (path, format!("\"{rule}\"")),
    };
    std::fs::read_to_string(&file).is_ok_and(|text| text.contains(&words))
}

fn parse(text: &str, what: &str) -> Value {
    let parsed = isg::source::yaml::parse(text);
    parsed
        .value
        .unwrap_or_else(|| panic!("{what}: not YAML: {:?}", parsed.problems))
}

/// `example` merged into `record`, key by key.
fn merge_into(record: Value, example: Value) -> Value {
    match (record, example) {
        (Value::Object(mut record), Value::Object(example)) => {
            for (key, value) in example {
                let merged = match record.remove(&key) {
                    Some(old) => merge(old, value),
                    None => without_ellipsis(value),
                };
                record.insert(key, merged);
            }
            Value::Object(record)
        }
        (record, example) => merge(record, example),
    }
}

/// `example` merged into a value of the record.
fn merge(record: Value, example: Value) -> Value {
    match (record, example) {
        // A mapping that shares no key with the record's stands in for it
        // (`dpia: {not_required: ...}` for a DPIA's reference and date).
        (Value::Object(record), Value::Object(example))
            if !example.keys().any(|key| record.contains_key(key)) =>
        {
            without_ellipsis(Value::Object(example))
        }
        (Value::Object(mut record), Value::Object(example)) => {
            for (key, value) in example {
                if key == "..." {
                    continue;
                }
                let merged = match record.remove(&key) {
                    Some(old) => merge(old, value),
                    None => value,
                };
                record.insert(key, merged);
            }
            Value::Object(record)
        }
        (Value::Array(mut record), Value::Array(example)) if !example.is_empty() => {
            for (index, item) in example.into_iter().enumerate() {
                let same = |old: &Value| {
                    ["id", "org"]
                        .iter()
                        .find_map(|key| Some(old.get(key)? == item.get(key)?))
                };
                let at = record
                    .iter()
                    .position(|old| same(old) == Some(true))
                    .or((index < record.len()).then_some(index));
                match at {
                    Some(at) => {
                        let old = std::mem::take(&mut record[at]);
                        record[at] = merge(old, item);
                    }
                    None => record.push(without_ellipsis(item)),
                }
            }
            Value::Array(record)
        }
        (_, example) => without_ellipsis(example),
    }
}

/// The keys an example says are absent, in comments such as `# no risks`.
fn absent(example: &str) -> Vec<&str> {
    example
        .split("# no ")
        .skip(1)
        .filter_map(|rest| {
            rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
        })
        .filter(|key| !key.is_empty())
        .collect()
}

/// `value` without `key`, wherever it is.
fn remove(value: &mut Value, key: &str) {
    match value {
        Value::Object(map) => {
            map.remove(key);
            map.values_mut().for_each(|value| remove(value, key));
        }
        Value::Array(items) => items.iter_mut().for_each(|value| remove(value, key)),
        _ => {}
    }
}

fn without_ellipsis(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(key, _)| key != "...")
                .map(|(key, value)| (key, without_ellipsis(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_ellipsis).collect()),
        other => other,
    }
}

/// `text` with each top-level key of `example` in place of that key's
/// lines (or added at the end when the file has no such key).
fn replace_lines(text: &str, example: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for (key, block) in blocks(example) {
        let start = lines.iter().position(|line| top_key(line) == Some(key));
        match start {
            Some(start) => {
                let end = (start + 1..lines.len())
                    .find(|&at| top_key(&lines[at]).is_some())
                    .unwrap_or(lines.len());
                lines.splice(start..end, block);
            }
            None => lines.extend(block),
        }
    }
    lines.join("\n") + "\n"
}

/// The top-level key a line starts, if it starts one.
fn top_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let starts = key.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
    (starts && !key.contains([' ', '#'])).then_some(key)
}

/// Each top-level key of an example and its lines; comment lines at the top
/// level are left out.
fn blocks(example: &str) -> Vec<(&str, Vec<String>)> {
    let mut out: Vec<(&str, Vec<String>)> = Vec::new();
    for line in example.lines() {
        if let Some(key) = top_key(line) {
            out.push((key, vec![line.to_owned()]));
        } else if line.starts_with('#') {
            continue;
        } else if let Some((_, block)) = out.last_mut() {
            block.push(line.to_owned());
        }
    }
    out
}
