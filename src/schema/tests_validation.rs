//! Tests of validation: every schema compiles, the quick checks agree with
//! the full ones, and every problem is placed and worded.

use super::compile::*;
use super::words::*;
use super::*;
use crate::diagnostic::Location;
use jsonschema::PatternOptions;
use serde_json::{Value, json};

/// Every YAML file of the example registry and the test fixtures, with
/// the record kind its place gives it.
pub(super) fn registry_files() -> Vec<(RecordKind, Value)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut folders = vec![root.to_owned(), root.join("tests/fixtures")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                if !relative.starts_with(['.', 't']) || relative.starts_with("tests/fixtures") {
                    folders.push(path);
                }
                continue;
            }
            let kind = match path.file_name().and_then(|name| name.to_str()) {
                Some("isg.yaml") => RecordKind::Settings,
                Some("mou.yaml") => RecordKind::Mou,
                Some("agreement.yaml") => RecordKind::Agreement,
                Some(name) if name.ends_with(".yaml") && relative.contains("organisations/") => {
                    RecordKind::Organisation
                }
                _ => continue,
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue; // the fixture of a file that is not UTF-8
            };
            if let Some(value) = crate::source::yaml::parse(&text).value {
                files.push((kind, value));
            }
        }
    }
    assert!(files.len() > 30, "found {} files", files.len());
    files
}

/// Every place in `value`, as JSON pointers.
pub(super) fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                pointers(
                    item,
                    format!("{at}/{}", crate::diagnostic::pointer_segment(key)),
                    out,
                );
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Every address the quick email check accepts, the `email` format
/// accepts: all short strings over the characters that matter, and
/// addresses at every length limit.
#[test]
fn plain_email_accepts_only_what_the_email_format_accepts() {
    let format = jsonschema::options()
        .should_validate_formats(true)
        .build(&json!({ "format": "email" }))
        .unwrap();
    let full = |address: &str| format.is_valid(&json!(address));
    let alphabet = ["a", "1", "-", ".", "@", "_", "\"", " ", "<", "[", "é"];
    // Every string of up to five pieces: each round extends the last.
    let mut candidates: Vec<String> = vec![String::new()];
    let mut last_round = candidates.clone();
    for _ in 0..5 {
        last_round = last_round
            .iter()
            .flat_map(|shorter| {
                alphabet
                    .iter()
                    .map(move |piece| format!("{shorter}{piece}"))
            })
            .collect();
        candidates.extend(last_round.iter().cloned());
    }
    let label = |length: usize| "a".repeat(length);
    for (local, host) in [
        (label(64), "b.example".to_owned()),
        (label(65), "b.example".to_owned()),
        ("a".to_owned(), format!("{}.example", label(63))),
        ("a".to_owned(), format!("{}.example", label(64))),
        ("a".to_owned(), vec![label(61); 4].join(".")),
        (
            "a".to_owned(),
            format!("{}.a", vec![label(61); 4].join(".")),
        ),
        ("a".to_owned(), "xn--caf-dma.example".to_owned()),
        ("a".to_owned(), "ab--cd.example".to_owned()),
        ("a".to_owned(), "-b.example".to_owned()),
        ("a".to_owned(), "b-.example".to_owned()),
        ("a.".to_owned(), "b.example".to_owned()),
        ("a..b".to_owned(), "b.example".to_owned()),
    ] {
        candidates.push(format!("{local}@{host}"));
    }
    let pattern = jsonschema::options()
        .with_pattern_options(PatternOptions::regex())
        .build(&json!({ "pattern": EMAIL_PATTERN }))
        .unwrap();
    let mut accepted = 0;
    let mut with_dot = 0;
    for candidate in &candidates {
        if plain_email(candidate) {
            accepted += 1;
            assert!(full(candidate), "{candidate:?} is not an email address");
        }
        if plain_email_with_dot(candidate) {
            with_dot += 1;
            assert!(
                pattern.is_valid(&json!(candidate)),
                "{candidate:?} does not match the email pattern"
            );
        }
    }
    assert!(accepted > 100, "only {accepted} accepted");
    assert!(with_dot > 10, "only {with_dot} accepted with a dot");
    for plain in [
        "jo.bloggs@lancashire-teaching.nhs.example",
        "dpo+ig@council.example",
        "a@b",
        "O'Brien@x1.example",
    ] {
        assert!(plain_email(plain) && full(plain), "{plain}");
    }
}

/// The quick email check may turn down an address the full check
/// accepts; that only sends the file through the full check, as long as
/// `email` is never under a keyword that turns failure into success.
#[test]
fn email_format_is_never_under_not_if_or_one_of() {
    fn visit(schema: &Value, guarded: bool, path: &str) {
        match schema {
            Value::Object(members) => {
                if members.get("format") == Some(&json!("email")) {
                    assert!(!guarded, "email format under not, if or oneOf at {path}");
                }
                // The quick patterns are exact, but keep them where a
                // mistake could only make validation stricter.
                if let Some(Value::String(pattern)) = members.get("pattern") {
                    let quick = [DATE_PATTERN, EMAIL_PATTERN].contains(&pattern.as_str())
                        || QUICK_PATTERNS.iter().any(|quick| quick.pattern == pattern);
                    assert!(
                        !(quick && guarded),
                        "{pattern} under not, if or oneOf at {path}"
                    );
                }
                for (key, value) in members {
                    let guarded = guarded || matches!(key.as_str(), "not" | "if" | "oneOf");
                    visit(value, guarded, &format!("{path}/{key}"));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    visit(item, guarded, &format!("{path}/{i}"));
                }
            }
            _ => {}
        }
    }
    for kind in RecordKind::ALL {
        visit(schema(kind), false, kind.schema_file());
    }
}

/// Strings over the characters that matter, up to `longest` long.
pub(super) fn strings_over(alphabet: &[char], longest: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = all.clone();
    for _ in 0..longest {
        last = last
            .iter()
            .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// Each quick pattern matches exactly what its regular expression
/// matches, on every short string over the characters that matter and
/// on ids at and around their length limit.
#[test]
fn quick_patterns_match_what_the_patterns_match() {
    let mut candidates = strings_over(&['a', 'z', '0', '9', '-', '/', 'A', 'Z', ' ', 'é', '\n'], 4);
    for length in [61, 62, 63, 64] {
        let id = "a".repeat(length);
        candidates.extend([
            id.clone(),
            format!("{id}/b"),
            format!("b/{id}"),
            format!("-{id}"),
        ]);
    }
    for quick in &QUICK_PATTERNS {
        let regex = jsonschema::options()
            .with_pattern_options(PatternOptions::regex())
            .build(&json!({"pattern": quick.pattern}))
            .unwrap();
        let mut matched = 0;
        for text in &candidates {
            let expected = regex.is_valid(&json!(text));
            assert_eq!(
                (quick.check)(text),
                expected,
                "{} on {text:?}",
                quick.pattern
            );
            matched += usize::from(expected);
        }
        assert!(matched >= 4, "{} matched only {matched}", quick.pattern);
    }
}

/// Every use of a quick pattern, and of the date and email patterns,
/// is replaced in the in-place validator's copy of the schemas.
/// Every `pattern` in a schema.
pub(super) fn patterns(schema: &Value, found: &mut Vec<String>) {
    match schema {
        Value::Object(members) => {
            if let Some(Value::String(pattern)) = members.get("pattern") {
                found.push(pattern.clone());
            }
            members.values().for_each(|value| patterns(value, found));
        }
        Value::Array(items) => items.iter().for_each(|item| patterns(item, found)),
        _ => {}
    }
}

#[test]
fn every_pattern_is_named_in_words() {
    let mut used = Vec::new();
    for kind in RecordKind::ALL {
        patterns(schema(kind), &mut used);
    }
    let explained_elsewhere = [ID_PATTERN, ID_PAIR_PATTERN, DATE_PATTERN];
    for pattern in &used {
        assert!(
            explained_elsewhere.contains(&pattern.as_str())
                || PATTERN_WORDS.iter().any(|(known, _)| known == pattern),
            "no words for the pattern {pattern}: add it to PATTERN_WORDS"
        );
    }
    for (known, _) in PATTERN_WORDS {
        assert!(
            used.iter().any(|pattern| pattern == known),
            "PATTERN_WORDS names {known}, which no schema uses"
        );
    }
}

/// The message and help of the one problem at `pointer`.
pub(super) fn problem_at(kind: RecordKind, data: Value, pointer: &str) -> (String, String) {
    let problems = validate_value(kind, &data);
    let problem = problems
        .iter()
        .find(|problem| problem.location == Location::Value(pointer.into()))
        .unwrap_or_else(|| panic!("no problem at {pointer}: {problems:?}"));
    (
        problem.message.clone(),
        problem.help.clone().unwrap_or_default(),
    )
}

pub(super) fn flow_with(field: &str, value: Value) -> Value {
    let mut flow = json!({"id": "f", "from": "a", "to": ["b"]});
    flow[field] = value;
    json!({"flows": [flow]})
}

#[test]
fn values_in_a_common_wrong_form_are_shown_written_properly() {
    use RecordKind::{Agreement, Organisation};
    let cases = [
        (
            Agreement,
            json!({"effective": "01/03/2025"}),
            "/effective",
            "Dates are written year-month-day: for 1 March 2025, write `2025-03-01`. Date",
        ),
        (
            Agreement,
            json!({"review_due": "1st January 2027"}),
            "/review_due",
            "for 1 January 2027, write `2027-01-01`.",
        ),
        (
            Agreement,
            json!({"review_due": "December 2027"}),
            "/review_due",
            "A date needs its day: write the day in December 2027 that is meant, from `2027-12-01` to `2027-12-31`.",
        ),
        (
            Organisation,
            json!({"mou": {"signed": "2024-02"}}),
            "/mou/signed",
            "from `2024-02-01` to `2024-02-29`.",
        ),
        (
            Agreement,
            json!({"tier": "three"}),
            "/tier",
            "Write it as a number: `3`. 1 for",
        ),
        (
            Agreement,
            flow_with("volume", json!("180,000")),
            "/flows/0/volume",
            "Write it as a number: `180000`.",
        ),
        (
            Agreement,
            flow_with("encrypted", json!("yes")),
            "/flows/0/encrypted",
            "Yes and no are written `true` and `false`: write `true`.",
        ),
        (
            Agreement,
            flow_with("encrypted", json!("No")),
            "/flows/0/encrypted",
            "write `false`.",
        ),
        (
            Agreement,
            flow_with("storage_country", json!("ie")),
            "/flows/0/storage_country",
            "Write `IE`.",
        ),
        (
            Agreement,
            json!({"privacy_notice": "www.trust.example/privacy"}),
            "/privacy_notice",
            "Write `https://www.trust.example/privacy`.",
        ),
        (
            Agreement,
            json!({"lawful_basis": {"schedule1": ["Part 2 para 18"]}}),
            "/lawful_basis/schedule1/0",
            "Write `part2-para18`.",
        ),
        (
            Organisation,
            json!({"ico_registration": {"number": "za 123456"}}),
            "/ico_registration/number",
            "Write `ZA123456`. ICO registration number",
        ),
        (
            Organisation,
            json!({"ods_code": "rxn"}),
            "/ods_code",
            "Write `RXN`.",
        ),
        (
            Organisation,
            json!({"dspt": {"year": "2025/2026"}}),
            "/dspt/year",
            "Write `2025-26`.",
        ),
        (
            Organisation,
            json!({"training": {"compliance_percent": "96%"}}),
            "/training/compliance_percent",
            "Write it as a number: `96`.",
        ),
        (
            Organisation,
            json!({"country": "uk"}),
            "/country",
            "The United Kingdom's ISO 3166-1 code is GB: write `GB`.",
        ),
        (
            Agreement,
            json!({"effective": "2025-03-01T00:00:00"}),
            "/effective",
            "Dates are written year-month-day: for 1 March 2025, write `2025-03-01`.",
        ),
        (
            Agreement,
            flow_with("volume", json!("180k")),
            "/flows/0/volume",
            "Write it as a number: `180000`.",
        ),
        (
            Agreement,
            flow_with("risks", json!([{"id": "r", "likelihood": "Possible"}])),
            "/flows/0/risks/0/likelihood",
            "Scores are written as numbers from 1 to 5: Possible is `3` on the 5x5 risk matrix. How likely",
        ),
        (
            Agreement,
            flow_with(
                "risks",
                json!([{"id": "r", "residual": {"impact": "major"}}]),
            ),
            "/flows/0/risks/0/residual/impact",
            "major is `4` on the 5x5 risk matrix.",
        ),
        (
            RecordKind::Settings,
            json!({"policy": {"max_review_interval_days": "3 years"}}),
            "/policy/max_review_interval_days",
            "The setting is in days: 3 years is about `1096`.",
        ),
        (
            RecordKind::Settings,
            json!({"policy": {"review_warning_days": "8 weeks"}}),
            "/policy/review_warning_days",
            "The setting is in days: 8 weeks is `56`.",
        ),
    ];
    for (kind, data, pointer, advice) in cases {
        let (_, help) = problem_at(kind, data, pointer);
        assert!(help.contains(advice), "{pointer}: {help}");
    }
}

#[test]
fn the_words_officers_use_find_the_value_they_mean() {
    use RecordKind::{Agreement, Organisation};
    let flow = |field: &str, found: &str| {
        let pointer = format!("/flows/0/{field}");
        problem_at(Agreement, flow_with(field, json!(found)), &pointer).1
    };
    assert_eq!(
        flow("method", "NHSmail"),
        "Did you mean `secure-email`? Allowed values: api, sftp, mesh, secure-email, shared-record-view, portal, email, removable-media, paper, verbal, other."
    );
    assert!(flow("frequency", "ad hoc").starts_with("Did you mean `on-request`?"));
    assert_eq!(
        flow("storage_country", "England"),
        "The United Kingdom's ISO 3166-1 code is GB: write `GB`."
    );
    assert!(flow("storage_country", "Ireland").starts_with("Did you mean `IE`? Country where"));
    assert!(flow("onward_sharing", "no").starts_with("Did you mean `prohibited`?"));
    let common_law = problem_at(
        Agreement,
        json!({"lawful_basis": {"common_law": "Consent"}}),
        "/lawful_basis/common_law",
    )
    .1;
    assert!(
        common_law.starts_with("Did you mean `implied-consent` or `explicit-consent`?"),
        "{common_law}"
    );
    let kind = problem_at(Organisation, json!({"kind": "County Council"}), "/kind").1;
    assert!(
        kind.starts_with("Did you mean `local-authority`?"),
        "{kind}"
    );
    let status = problem_at(Agreement, json!({"status": "live"}), "/status").1;
    assert!(status.starts_with("Did you mean `active`?"), "{status}");
    // What people call their data, for the kinds the format names.
    let category = |found: &str| {
        problem_at(
            Agreement,
            flow_with("categories", json!([found])),
            "/flows/0/categories/0",
        )
        .1
    };
    assert!(category("NHS number").starts_with("Did you mean `identifiers`?"));
    assert!(category("Address").starts_with("Did you mean `contact`?"));
    assert!(
        category("special category data").starts_with(
            "Did you mean `health`, `genetic`, `biometric`, `racial-ethnic-origin`, `political-opinions`, `religious-beliefs`, `trade-union`, `sex-life` or `sexual-orientation`?"
        ),
        "{}",
        category("special category data")
    );
    // `false` is read by YAML as no, not as text.
    let onward = problem_at(
        Agreement,
        flow_with("onward_sharing", json!(false)),
        "/flows/0/onward_sharing",
    );
    assert_eq!(
        onward.0,
        "`onward_sharing` of flow 1 is false, which is not one of the allowed values."
    );
    assert!(
        onward.1.starts_with("Did you mean `prohibited`?"),
        "{}",
        onward.1
    );
}

#[test]
fn fields_written_as_list_items_are_told_to_lose_the_dash() {
    let (message, help) = problem_at(
        RecordKind::Settings,
        json!({"rules": [{"review-due-soon": "off"}]}),
        "/rules",
    );
    assert_eq!(
        message,
        "`rules` should be a set of fields (`name: value` lines), but it is a list."
    );
    assert!(
        help.starts_with(
            "Write its fields without a `-` before them: `review-due-soon: off`, not `- review-due-soon: off`."
        ),
        "{help}"
    );
    // A record's mapping with required fields says the same, not what it needs.
    let (_, help) = problem_at(
        RecordKind::Organisation,
        json!({"ico_registration": [{"number": "Z5940683"}, {"expires": "2027-01-01"}]}),
        "/ico_registration",
    );
    assert!(
        help.starts_with("Write its fields without a `-` before them: `number: Z5940683`"),
        "{help}"
    );
    // A list of plain values is not fields.
    let (_, help) = problem_at(RecordKind::Settings, json!({"rules": ["off"]}), "/rules");
    assert!(!help.contains("without a `-`"), "{help}");
}

#[test]
fn a_list_of_choices_written_as_text_is_shown_with_the_choices_meant() {
    let officer = |roles: &str| json!({"officers": [{"id": "a", "name": "A", "email": "a@x.example", "roles": roles}]});
    let (_, help) = problem_at(
        RecordKind::Organisation,
        officer("Caldicott Guardian"),
        "/officers/0/roles",
    );
    assert_eq!(
        help,
        "Write it as a list, even with one entry: `[caldicott-guardian]`, or one `- entry` per line."
    );
    let (_, help) = problem_at(
        RecordKind::Organisation,
        officer("SIRO, DPO"),
        "/officers/0/roles",
    );
    assert_eq!(
        help,
        "Write it as a list: `[siro, dpo]`, or one `- entry` per line."
    );
    // The letters of an Article, by their citation or meaning.
    let basis = |article6: &str| {
        problem_at(
            RecordKind::Agreement,
            json!({"lawful_basis": {"article6": article6}}),
            "/lawful_basis/article6",
        )
        .1
    };
    assert!(
        basis("Article 6(1)(e)").contains("`[e]`"),
        "{}",
        basis("Article 6(1)(e)")
    );
    assert!(
        basis("public task, consent").contains("`[e, a]`"),
        "{}",
        basis("public task, consent")
    );
    // Text that is no choice is shown as written, for the choices'
    // own finding once it is a list.
    let (_, help) = problem_at(
        RecordKind::Organisation,
        officer("boss"),
        "/officers/0/roles",
    );
    assert!(help.contains("`[boss]`"), "{help}");
}

#[test]
fn a_rule_named_wrongly_is_told_the_rules_it_may_mean() {
    let rule = |name: &str| {
        let problems = validate_value(RecordKind::Settings, &json!({"rules": {name: "off"}}));
        let problem = problems
            .iter()
            .find(|problem| problem.location == Location::Key(format!("/rules/{name}")))
            .unwrap_or_else(|| panic!("{problems:?}"));
        assert_eq!(
            problem.message,
            format!("`{name}` is not the name of a rule.")
        );
        problem.help.clone().unwrap_or_default()
    };
    assert_eq!(
        rule("dpia-required"),
        "Did you mean `dpia-after-start` or `dpia-missing`? `isg explain` lists every rule."
    );
    assert_eq!(
        rule("review_due_soon"),
        "Did you mean `review-due-soon`? `isg explain` lists every rule."
    );
    assert_eq!(
        rule("retention-unclear"),
        "Did you mean `retention-missing`? `isg explain` lists every rule."
    );
    assert!(rule("everything").starts_with("Rules are named as `isg explain` lists them"));
}

#[test]
fn a_list_item_without_the_space_after_its_dash_is_told_so() {
    let (_, help) = problem_at(
        RecordKind::Agreement,
        flow_with("access", json!("-ward staff")),
        "/flows/0/access",
    );
    assert_eq!(
        help,
        "A list item needs a space after its `-`: write `- ward staff` on its line."
    );
}

#[test]
fn a_list_written_as_fields_is_told_how_entries_start() {
    let data = json!({"flows": {"epr-to-ed": {"from": "a", "to": ["b"]}}});
    let (message, help) = problem_at(RecordKind::Agreement, data, "/flows");
    assert_eq!(
        message,
        "`flows` should be a list, but it is a set of fields."
    );
    assert_eq!(
        help,
        "Each entry of a list starts with `- ` on a line of its own: write `- id: epr-to-ed` where it says `epr-to-ed:`, with the entry's fields lined up under `id`, and the same for each entry."
    );
    // A party is named by its `org`.
    let data = json!({"parties": {"north-trust": {"role": "controller"}}});
    let (_, help) = problem_at(RecordKind::Agreement, data, "/parties");
    assert!(
        help.contains("write `- org: north-trust` where it says `north-trust:`"),
        "{help}"
    );
}

#[test]
fn a_field_under_another_name_is_found() {
    let unknown_at = |kind, data: Value, pointer: &str| {
        let problems = validate_value(kind, &data);
        let help = problems
            .iter()
            .find(|problem| problem.location == Location::Key(pointer.into()))
            .and_then(|problem| problem.help.clone())
            .unwrap_or_default();
        (help, problems)
    };
    let (help, problems) = unknown_at(
        RecordKind::Organisation,
        json!({"id": "a", "name": "A", "type": "nhs-trust"}),
        "/type",
    );
    assert!(help.starts_with("Did you mean `kind`?"), "{help}");
    assert!(
        problems
            .iter()
            .all(|problem| problem.missing.as_deref() != Some("/kind")),
        "{problems:?}"
    );
    let (help, _) = unknown_at(RecordKind::Agreement, json!({"name": "Care"}), "/name");
    assert!(help.starts_with("Did you mean `title`?"), "{help}");
    // Not when the field it would mean is there already.
    let (help, _) = unknown_at(
        RecordKind::Agreement,
        json!({"title": "Care", "name": "Care"}),
        "/name",
    );
    assert!(!help.contains("Did you mean"), "{help}");
}
