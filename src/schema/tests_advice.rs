//! Tests of the advice: values in a common wrong form written properly,
//! the words officers use, fields misspelt or misplaced.

use super::compile::*;
use super::explain::{form::*, unknown_field::*};
use super::fields::*;
use super::tests_validation::{flow_with, patterns, pointers, problem_at, registry_files};
use super::tree::*;
use super::*;
use crate::diagnostic::Location;
use crate::source::document::Document;
use jsonschema::PatternOptions;
use serde_json::{Value, json};

#[test]
fn a_field_in_the_singular_is_found_in_the_plural() {
    let problems = validate_value(
        RecordKind::Agreement,
        &flow_with("category", json!(["health"])),
    );
    let unknown = problems
        .iter()
        .find(|problem| problem.location == Location::Key("/flows/0/category".into()))
        .expect("the unknown field");
    assert!(
        unknown
            .help
            .as_deref()
            .is_some_and(|help| help.starts_with("Did you mean `categories`?")),
        "{unknown:?}"
    );
    // Meant for `categories`, which is then not also reported missing.
    assert!(
        problems
            .iter()
            .all(|problem| problem.missing.as_deref() != Some("/flows/0/categories")),
        "{problems:?}"
    );
}

#[test]
fn several_values_in_one_entry_are_parted() {
    let role = |found: &str| {
        problem_at(
            RecordKind::Organisation,
            json!({"officers": [{"id": "a", "roles": [found]}]}),
            "/officers/0/roles/0",
        )
        .1
    };
    assert!(
        role("Caldicott Guardian and SIRO").starts_with(
            "Did you mean `caldicott-guardian` and `siro`? Give each as an entry of its own."
        ),
        "{}",
        role("Caldicott Guardian and SIRO")
    );
    assert!(role("SIRO / DPO").starts_with("Did you mean `siro` and `dpo`?"));
    // Not when a part names nothing.
    assert!(!role("SIRO and cook").contains("entry of its own"));
    // A field that takes one value is not told to take two.
    let (_, help) = problem_at(
        RecordKind::Organisation,
        json!({"kind": "NHS trust and council"}),
        "/kind",
    );
    assert!(!help.contains("entry of its own"), "{help}");
}

#[test]
fn a_value_followed_by_more_words_is_found() {
    let (_, help) = problem_at(
        RecordKind::Agreement,
        flow_with("frequency", json!("Weekly (Mondays)")),
        "/flows/0/frequency",
    );
    assert!(
        help.starts_with("Did you mean `weekly`? Write the value alone."),
        "{help}"
    );
    // Only a whole word: `apis` is not `api` and more.
    let (_, help) = problem_at(
        RecordKind::Agreement,
        flow_with("method", json!("apis")),
        "/flows/0/method",
    );
    assert!(!help.contains("alone"), "{help}");
}

#[test]
fn a_number_outside_the_choices_is_not_a_number_mistyped() {
    let (message, help) = problem_at(RecordKind::Agreement, json!({"tier": 4}), "/tier");
    assert_eq!(
        message,
        "`tier` is 4, which is not one of the allowed values."
    );
    assert!(help.starts_with("1 for an overarching protocol"), "{help}");
    // Nor is a letter of an Article that does not exist; one in
    // capitals is the letter.
    let article6 = |letter: &str| {
        problem_at(
            RecordKind::Agreement,
            json!({"lawful_basis": {"article6": [letter]}}),
            "/lawful_basis/article6/0",
        )
        .1
    };
    assert!(
        article6("g").starts_with("Letters of UK GDPR Article 6(1)"),
        "{}",
        article6("g")
    );
    assert!(
        article6("E").starts_with("Did you mean `e`?"),
        "{}",
        article6("E")
    );
}

#[test]
fn a_field_in_the_wrong_mapping_is_told_where_it_belongs() {
    let unknown_field = |kind: RecordKind, data: Value, pointer: &str| {
        let problems = validate_value(kind, &data);
        let problem = problems
            .iter()
            .find(|problem| problem.location == Location::Key(pointer.into()))
            .unwrap_or_else(|| panic!("no unknown field at {pointer}: {problems:?}"));
        (
            problem.message.clone(),
            problem.help.clone().unwrap_or_default(),
        )
    };
    let (message, help) = unknown_field(
        RecordKind::Agreement,
        json!({"retention": "A year."}),
        "/retention",
    );
    assert_eq!(message, "`retention` is not a known field of an agreement.");
    assert!(
        help.starts_with("`retention` belongs in each flow under `flows`: check how far it is indented. The fields allowed here are: benefits,"),
        "{help}"
    );
    let (_, help) = unknown_field(
        RecordKind::Settings,
        json!({"policy": {"privacy-notice-missing": "off"}}),
        "/policy/privacy-notice-missing",
    );
    assert!(
        help.starts_with("`privacy-notice-missing` belongs under `rules`:"),
        "{help}"
    );
    // A field of two mappings names both, and never the one it is in.
    let (_, help) = unknown_field(
        RecordKind::Agreement,
        flow_with("likelihood", json!(3)),
        "/flows/0/likelihood",
    );
    assert!(
        help.starts_with("`likelihood` belongs in each risk under `risks`, or under `residual`:"),
        "{help}"
    );
    let (_, help) = unknown_field(
        RecordKind::Agreement,
        flow_with("title", json!("A flow")),
        "/flows/0/title",
    );
    assert!(
        help.starts_with("`title` belongs at the top of the file, not indented:"),
        "{help}"
    );
    // Unless the file has one there already: then it is not that one.
    let mut data = flow_with("title", json!("A flow"));
    data["title"] = json!("The agreement");
    let (_, help) = unknown_field(RecordKind::Agreement, data, "/flows/0/title");
    assert!(help.starts_with("The fields allowed here are:"), "{help}");
    // A misspelling is a misspelling first.
    let (_, help) = unknown_field(
        RecordKind::Agreement,
        flow_with("retension", json!("x")),
        "/flows/0/retension",
    );
    assert!(help.starts_with("Did you mean `retention`?"), "{help}");
}

#[test]
fn a_way_of_encrypting_where_encrypted_asks_whether() {
    let help = |found: &str| {
        problem_at(
            RecordKind::Agreement,
            flow_with("encrypted", json!(found)),
            "/flows/0/encrypted",
        )
        .1
    };
    assert!(
        help("TLS 1.2").starts_with(
            "The field asks only whether the data is encrypted while it moves: write `true`."
        ),
        "{}",
        help("TLS 1.2")
    );
    assert!(help("unencrypted").contains("if it is not, write `false`."));
    assert!(help("yes").starts_with("Yes and no are written `true` and `false`: write `true`."));
    assert!(
        !help("by courier").contains("write"),
        "{}",
        help("by courier")
    );
}

#[test]
fn a_single_value_where_a_list_belongs_is_shown_as_one() {
    let (message, help) = problem_at(
        RecordKind::Agreement,
        flow_with("to", json!("north-trust")),
        "/flows/0/to",
    );
    assert_eq!(
        message,
        "`to` of flow 1 should be a list, but it is the text \"north-trust\"."
    );
    assert_eq!(
        help,
        "Write it as a list, even with one entry: `[north-trust]`, or one `- entry` per line."
    );
    // A sentence with a comma would become two entries in brackets.
    let data = flow_with(
        "risks",
        json!([{"id": "r", "mitigations": "Checked twice, by two people"}]),
    );
    let (_, help) = problem_at(RecordKind::Agreement, data, "/flows/0/risks/0/mitigations");
    assert_eq!(
        help,
        "Write it as a list: `[Checked twice, by two people]` is 2 entries, parted at the commas. If it is one entry, write it under the field on a line of its own as `- Checked twice, by two people`."
    );
}

#[test]
fn a_private_key_pasted_for_a_public_one_is_called_what_it_is() {
    let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";
    let data = json!({"officers": [{"id": "a", "signing_keys": [key]}]});
    let (message, help) = problem_at(RecordKind::Organisation, data, "/officers/0/signing_keys/0");
    assert_eq!(
        message,
        "Item 1 of `signing_keys` of officer 1 is a private key. A private key never leaves its owner's computer."
    );
    assert!(help.contains("treat the key as exposed"), "{help}");
    assert!(!message.contains("b3Blbn"), "the key is not repeated");
}

#[test]
fn a_value_that_says_not_is_never_offered_the_one_that_does_not() {
    let help = problem_at(
        RecordKind::Agreement,
        flow_with("identifiability", json!("non-identifiable")),
        "/flows/0/identifiability",
    )
    .1;
    assert_eq!(
        help,
        "Allowed values: identifiable, pseudonymised, anonymised, aggregate."
    );
    let help = problem_at(
        RecordKind::Organisation,
        json!({"dspt": {"status": "Standards not met"}}),
        "/dspt/status",
    )
    .1;
    assert!(
        help.starts_with("Did you mean `standards-not-met`?"),
        "{help}"
    );
}

#[test]
fn article_letters_are_found_from_their_meaning_or_citation() {
    let help_for = |field: &str, found: &str| {
        let data = json!({"lawful_basis": {field: [found]}});
        problem_at(
            RecordKind::Agreement,
            data,
            &format!("/lawful_basis/{field}/0"),
        )
        .1
    };
    let help = help_for("article6", "public task");
    assert_eq!(
        help,
        "Did you mean `e`? Letters of UK GDPR Article 6(1): a consent, b contract, c legal obligation, d vital interests, e public task, f legitimate interests."
    );
    assert!(help_for("article6", "6(1)(e)").starts_with("Did you mean `e`?"));
    assert!(help_for("article9", "Art. 9(2)(h)").starts_with("Did you mean `h`?"));
    assert!(help_for("article6", "Legitimate interest").starts_with("Did you mean `f`?"));
    assert!(help_for("article9", "explicit consent").starts_with("Did you mean `a`?"));
    // A misspelt letter still finds the letter.
    assert!(help_for("article6", "1e").starts_with("Did you mean `e`?"));
    // `health` is in two meanings of Article 9 (h and i): no guess.
    assert!(help_for("article9", "health").starts_with("Letters of UK GDPR Article 9(2)"));
}

#[test]
fn a_value_where_fields_belong_is_told_which_fields() {
    let (message, help) = problem_at(
        RecordKind::Agreement,
        json!({"parties": ["north-trust"]}),
        "/parties/0",
    );
    assert!(
        message.starts_with("Party 1 should be a set of fields"),
        "{message}"
    );
    assert!(
        help.starts_with("Write it as fields, one `name: value` on each line, or `{name: value, ...}` on one line; it needs `org` and `role`."),
        "{help}"
    );
}

#[test]
fn a_field_name_cut_short_or_run_on_is_suggested() {
    let allowed = ["review_due", "mou", "effective", "dspt"];
    assert_eq!(word_prefix("review", &allowed), Some("review_due"));
    assert_eq!(word_prefix("mou_signed", &allowed), Some("mou"));
    assert_eq!(word_prefix("dspt_status", &allowed), Some("dspt"));
    // Only at a word's end, and only when one field fits.
    assert_eq!(word_prefix("revi", &allowed), None);
    assert_eq!(word_prefix("mouse", &allowed), None);
    assert_eq!(word_prefix("review", &["review_due", "review_by"]), None);

    let problems = validate_value(
        RecordKind::Organisation,
        &json!({"mou_signed": {"version": 3}}),
    );
    let unknown = problems
        .iter()
        .find(|p| p.location == Location::Key("/mou_signed".into()))
        .expect("unknown field");
    assert!(
        unknown
            .help
            .as_deref()
            .is_some_and(|help| help.starts_with("Did you mean `mou`?")),
        "{unknown:?}"
    );
    assert_eq!(unknown.misspells.as_deref(), Some("/mou"));
}

#[test]
fn patterns_are_named_in_the_message() {
    let (message, _) = problem_at(
        RecordKind::Organisation,
        json!({"ico_registration": {"number": "12345"}}),
        "/ico_registration/number",
    );
    assert!(
        message.ends_with("which is not an ICO registration number."),
        "{message}"
    );
    let (message, _) = problem_at(
        RecordKind::Organisation,
        json!({"dspt": {"year": "last year"}}),
        "/dspt/year",
    );
    assert!(
        message.ends_with("which is not a DSPT year written like 2025-26."),
        "{message}"
    );
}

#[test]
fn guesses_the_field_refuses_are_not_offered() {
    // 7 is a number, but not on the 1 to 5 scale.
    let data = flow_with("risks", json!([{"id": "r", "likelihood": "7"}]));
    let (_, help) = problem_at(RecordKind::Agreement, data, "/flows/0/risks/0/likelihood");
    assert!(!help.contains("Write"), "{help}");
    // No 31 February, and no guessing at what a space in an address was.
    let (_, help) = problem_at(
        RecordKind::Agreement,
        json!({"effective": "31/02/2025"}),
        "/effective",
    );
    assert!(!help.contains("year-month-day"), "{help}");
    let data = json!({"officers": [{"id": "a", "email": "amir khan@trust.example"}]});
    let (message, help) = problem_at(RecordKind::Organisation, data, "/officers/0/email");
    assert!(
        message.ends_with("which is not an email address."),
        "{message}"
    );
    assert!(!help.contains("Write"), "{help}");
    // Nothing to guess from text that is not close to any form.
    let (_, help) = problem_at(
        RecordKind::Agreement,
        flow_with("volume", json!("between 100 and 200 thousand")),
        "/flows/0/volume",
    );
    assert_eq!(help, "About how many people's records move in a year.");
    // An approximate figure is what the field asks for.
    let (_, help) = problem_at(
        RecordKind::Agreement,
        flow_with("volume", json!("about 180,000 a year")),
        "/flows/0/volume",
    );
    assert!(
        help.starts_with("Write it as a number: `180000`."),
        "{help}"
    );
}

#[test]
fn quick_patterns_replace_every_use() {
    let quick: Vec<&str> = QUICK_PATTERNS
        .iter()
        .map(|quick| quick.pattern)
        .chain([DATE_PATTERN, EMAIL_PATTERN])
        .collect();
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for kind in RecordKind::ALL {
        patterns(schema(kind), &mut before);
        patterns(&with_quick_patterns(schema(kind)), &mut after);
    }
    assert!(
        quick
            .iter()
            .all(|pattern| before.iter().any(|p| p == pattern))
    );
    assert!(
        after
            .iter()
            .all(|pattern| !quick.contains(&pattern.as_str())),
        "{after:?}"
    );
    assert!(!after.is_empty(), "other patterns are kept");
}

/// The quick date check agrees with the date pattern and the `date`
/// format together: every month and day around the limits, in leap
/// and ordinary years, and malformed dates.
#[test]
fn quick_dates_match_the_date_pattern_and_format() {
    let full = jsonschema::options()
        .should_validate_formats(true)
        .with_pattern_options(PatternOptions::regex())
        .build(&json!({"type": "string", "format": "date", "pattern": DATE_PATTERN}))
        .unwrap();
    let mut candidates = Vec::new();
    for year in [
        "0000", "0001", "1600", "1900", "2000", "2023", "2024", "2100", "9999",
    ] {
        for month in 0..=13 {
            for day in 0..=32 {
                candidates.push(format!("{year}-{month:02}-{day:02}"));
            }
        }
    }
    candidates.extend(
        [
            "2024-2-01",
            "2024-02-1",
            "2024-02-011",
            "20240-02-01",
            "2024/02/01",
            "2024-02-01 ",
            " 2024-02-01",
            "2024-02-01\n",
            "2024-0a-01",
            "+024-02-01",
            "2024-٠٢-01",
            "2024-02-01T00:00:00Z",
            "",
        ]
        .map(String::from),
    );
    let mut valid = 0;
    for text in &candidates {
        let expected = full.is_valid(&json!(text));
        assert_eq!(plain_date(text), expected, "{text:?}");
        valid += usize::from(expected);
    }
    assert!(valid > 1000, "only {valid} valid dates");
}

/// Files are validated in place (the fast path) and, when that fails,
/// again as JSON to explain why. The two must agree on every file, and
/// on every file with any one value replaced by a wrong one.
#[test]
fn validating_in_place_agrees_with_validating_json() {
    let replacements = [
        json!(null),
        json!("x"),
        json!(7),
        json!(-1.5),
        json!(2.5),
        json!(3),
        json!(true),
        json!([]),
        json!({}),
        json!(["x", "x"]),
        json!("2025-02-30"),
    ];
    let mut checked = 0;
    let mut invalid = 0;
    for (kind, value) in registry_files() {
        let compiled = compiled(kind);
        let mut places = Vec::new();
        pointers(&value, String::new(), &mut places);
        let mut variants = vec![value.clone()];
        for place in places.iter().filter(|place| !place.is_empty()) {
            for replacement in &replacements {
                let mut variant = value.clone();
                *variant.pointer_mut(place).unwrap() = replacement.clone();
                variants.push(variant);
            }
            let (parent, key) = place.rsplit_once('/').unwrap();
            if let Some(Value::Object(members)) = value.pointer(parent).cloned() {
                let mut variant = value.clone();
                let mut members = members;
                members.remove(key);
                *variant.pointer_mut(parent).unwrap() = Value::Object(members);
                variants.push(variant);
            }
        }
        for variant in variants {
            let document = Document::from_value(&variant);
            let in_place = compiled.documents.is_valid(document.root());
            assert_eq!(
                in_place,
                compiled.values().is_valid(&variant),
                "{kind:?}: {variant}"
            );
            checked += 1;
            invalid += usize::from(!in_place);
        }
    }
    // The replacements must make many records invalid, or the test
    // shows nothing.
    assert!(invalid * 4 > checked, "{invalid} of {checked} invalid");
}

#[test]
fn values_are_written_as_ids_where_they_can_be() {
    for (text, id) in [
        ("Record not received", Some("record-not-received")),
        ("EPR to ED", Some("epr-to-ed")),
        (
            "North-West-Ambulance-Service",
            Some("north-west-ambulance-service"),
        ),
        ("  dr_jane.smith ", Some("dr-jane-smith")),
        ("Jane's -- team", Some("janes-team")),
        ("café", None),
        ("---", None),
        ("£", None),
    ] {
        assert_eq!(as_id(text).as_deref(), id, "{text:?}");
    }
    assert_eq!(as_id(&"a".repeat(64)), None);
    assert_eq!(
        id_help("North Trust/Tom Brown", true, None),
        "Both ids are lower-case letters, digits and hyphens: write `north-trust/tom-brown`."
    );
    assert_eq!(
        id_help("?", false, Some("Short name.".into())),
        "An id is lower-case letters, digits and hyphens. Short name."
    );
}

#[test]
fn every_embedded_schema_compiles() {
    for kind in RecordKind::ALL {
        assert!(schema(kind).is_object());
    }
}

#[test]
fn fields_give_their_choices_descriptions_and_checks() {
    let kinds = choices(RecordKind::Organisation, "/kind");
    assert_eq!(kinds.first(), Some(&"nhs-trust"));
    assert!(kinds.contains(&"voluntary-sector"));
    assert!(choices(RecordKind::Organisation, "/officers/0/roles").contains(&"dpo"));
    assert!(choices(RecordKind::Agreement, "/flows/3/categories").contains(&"health"));
    assert!(description(RecordKind::Agreement, "/flows/0/volume").contains("records"));
    assert!(choices(RecordKind::Organisation, "/name").is_empty());
    assert!(field(RecordKind::Organisation, "/no-such-field").is_none());

    let check = |pointer, value| check_field(RecordKind::Organisation, pointer, value);
    assert_eq!(check("/id", json!("blackpool-council")), Ok(()));
    assert!(check("/id", json!("Blackpool Council")).is_err());
    assert!(check("/ico_registration/number", json!("Z5940683")).is_ok());
    let wrong = check("/ico_registration/number", json!("12")).unwrap_err();
    assert!(wrong.contains("`number`"), "{wrong}");
    assert!(check("/officers/2/email", json!("amir.khan@blackpool.example")).is_ok());
    assert!(check("/officers/2/email", json!("not an email")).is_err());
    assert!(check("/mou/signed", json!("2025-02-30")).is_err());
    assert!(check("/mou/signed", json!("2025-02-28")).is_ok());
    // The question already shows the description; the advice is added.
    let wrong = check("/mou/signed", json!("28/02/2025")).unwrap_err();
    assert!(
        wrong.ends_with(
            "Dates are written year-month-day: for 28 February 2025, write `2025-02-28`."
        ),
        "{wrong}"
    );
    let wrong = check("/mou/signed", json!("February 2025")).unwrap_err();
    assert!(
        wrong.ends_with("from `2025-02-01` to `2025-02-28`."),
        "{wrong}"
    );
}

#[test]
fn describes_places_in_words() {
    assert_eq!(
        describe_pointer("/parties/1/signatory"),
        "`signatory` of party 2"
    );
    assert_eq!(describe_pointer("/dspt/status"), "`status` under `dspt`");
    assert_eq!(
        describe_pointer("/flows/0/risks/2/residual/impact"),
        "`impact` under `residual` of risk 3 of flow 1"
    );
    assert_eq!(
        describe_pointer("/flows/0/to/1"),
        "item 2 of `to` of flow 1"
    );
}

#[test]
fn unknown_field_suggests_the_close_one() {
    let problems = validate_value(
        RecordKind::Mou,
        &json!({"version": 1, "effective": "2024-04-01", "principles": [{"id": "a", "txet": "x"}]}),
    );
    let unknown = problems
        .iter()
        .find(|p| p.location == Location::Key("/principles/0/txet".into()))
        .expect("unknown field");
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap()
            .contains("Did you mean `text`?"),
        "{unknown:?}"
    );
    assert_eq!(unknown.misspells.as_deref(), Some("/principles/0/text"));
    // `text` is required, but its absence is the same typo: one finding.
    assert_eq!(problems.len(), 1, "{problems:?}");

    // Without a field close to it, a missing field is reported where
    // it is missing.
    let problems = validate_value(
        RecordKind::Mou,
        &json!({"version": 1, "effective": "2024-04-01", "principles": [{"id": "a", "wording": "x"}]}),
    );
    let missing = problems
        .iter()
        .find(|p| p.message.contains("`text` is missing"))
        .expect("missing field");
    assert_eq!(missing.location, Location::Value("/principles/0".into()));
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn impossible_dates_are_refused() {
    let problems = validate_value(
        RecordKind::Mou,
        &json!({"version": 1, "effective": "2025-02-29", "principles": [{"id": "a", "text": "x"}]}),
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("real date"), "{problems:?}");
}

#[test]
fn enum_values_get_a_suggestion() {
    let problems = validate_value(
        RecordKind::Settings,
        &json!({"policy": {"signoff": "verifed"}}),
    );
    assert_eq!(
        problems[0].location,
        Location::Value("/policy/signoff".into())
    );
    assert!(
        problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("Did you mean `verified`?")
    );
}
