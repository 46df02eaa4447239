//! The JSON Schemas of the registry format, embedded in the binary and
//! compiled once, and the translation of their errors into plain English.
//!
//! The schemas are the single description of the format: editors show their
//! descriptions as people type, and `isg check` quotes the same descriptions
//! in its help lines.

use crate::diagnostic::Location;
use crate::source::document::Node;
use crate::source::document::json::DocumentJson;
use crate::text::suggest::did_you_mean;
use jsonschema::error::ValidationErrorKind;
use jsonschema::{PatternOptions, ValidationError, Validator};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

mod rewrite;
mod words;

/// Which record a file holds, and so which schema it follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Settings,
    Mou,
    Organisation,
    Agreement,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Settings,
        RecordKind::Mou,
        RecordKind::Organisation,
        RecordKind::Agreement,
    ];

    /// The schema's file name, as `isg schema` writes it.
    pub fn schema_file(self) -> &'static str {
        match self {
            RecordKind::Settings => "settings.schema.json",
            RecordKind::Mou => "mou.schema.json",
            RecordKind::Organisation => "organisation.schema.json",
            RecordKind::Agreement => "agreement.schema.json",
        }
    }

    /// The schema text as shipped.
    pub fn schema_text(self) -> &'static str {
        match self {
            RecordKind::Settings => include_str!("../schemas/settings.schema.json"),
            RecordKind::Mou => include_str!("../schemas/mou.schema.json"),
            RecordKind::Organisation => include_str!("../schemas/organisation.schema.json"),
            RecordKind::Agreement => include_str!("../schemas/agreement.schema.json"),
        }
    }

    /// What the file describes, for messages ("an organisation").
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Settings => "the registry settings",
            RecordKind::Mou => "the Memorandum of Understanding",
            RecordKind::Organisation => "an organisation",
            RecordKind::Agreement => "an agreement",
        }
    }
}

struct Compiled {
    schema: Value,
    /// Validates files as read, in place: the fast path for valid files.
    documents: Validator<DocumentJson>,
    /// Validates JSON values, and explains what is wrong. Compiled only
    /// when a file fails its schema: a clean registry never needs it.
    values: OnceLock<Validator>,
}

impl Compiled {
    fn values(&self) -> &Validator {
        self.values.get_or_init(|| {
            // The schemas are part of the program; a broken one is a bug
            // caught by the test suite, never a user's problem.
            #[allow(clippy::expect_used)]
            jsonschema::options()
                .should_validate_formats(true)
                .with_pattern_options(PatternOptions::regex())
                .build(&self.schema)
                .expect("embedded schema compiles")
        })
    }
}

fn compiled(kind: RecordKind) -> &'static Compiled {
    // One cell per kind, so that the threads reading organisations and
    // agreements compile their schemas at the same time.
    static ALL: [OnceLock<Compiled>; RecordKind::ALL.len()] =
        [const { OnceLock::new() }; RecordKind::ALL.len()];
    ALL[kind as usize].get_or_init(|| {
        // As above: a broken embedded schema is a bug, not a finding.
        #[allow(clippy::expect_used)]
        let schema: Value =
            serde_json::from_str(kind.schema_text()).expect("embedded schema is JSON");
        #[allow(clippy::expect_used)]
        let documents = QUICK_PATTERNS
            .iter()
            .fold(
                jsonschema::options_for::<DocumentJson>(),
                |options, quick| options.with_format(quick.format, quick.check),
            )
            .should_validate_formats(true)
            .with_format("email", plain_email_with_dot)
            .with_format("date", plain_date)
            .with_pattern_options(PatternOptions::regex())
            .build(&with_quick_patterns(&schema))
            .expect("embedded schema compiles");
        Compiled {
            schema,
            documents,
            values: OnceLock::new(),
        }
    })
}

/// A pattern the in-place validator checks with code of its own rather
/// than the regular expression engine (several hundred instructions a
/// match, and ids are the most common value in a registry).
struct QuickPattern {
    pattern: &'static str,
    /// The format it becomes in the in-place validator's copy of a schema.
    format: &'static str,
    /// Matches exactly the strings the pattern matches (tested).
    check: fn(&str) -> bool,
}

const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,62}$";
const ID_PAIR_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,62}/[a-z0-9][a-z0-9-]{0,62}$";
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const EMAIL_PATTERN: &str = r"^[^@\s]+@[^@\s]+\.[^@\s]+$";

/// What each of the schemas' other patterns asks for, as a message says it
/// ("..., which is not an ICO registration number"). A test holds every
/// pattern in the schemas to a wording.
const PATTERN_WORDS: [(&str, &str); 8] = [
    (EMAIL_PATTERN, "an email address"),
    (r"^https?://[^\s/]+\.[^\s]+$", "a web address"),
    ("^Z[A-Z0-9][0-9]{6}$", "an ICO registration number"),
    ("^[A-Z0-9]{3,6}$", "an ODS code"),
    (
        "^(19|20)[0-9]{2}-[0-9]{2}$",
        "a DSPT year written like 2025-26",
    ),
    (
        "^part[1-3]-para[0-9]{1,2}$",
        "a Schedule 1 condition written like part1-para2",
    ),
    (
        "^(part[1-3]-para[0-9]{1,2}|official-authority)$",
        "a Schedule 1 condition written like part1-para2, or official-authority",
    ),
    (
        r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$",
        "an SSH public key",
    ),
];

static QUICK_PATTERNS: [QuickPattern; 2] = [
    QuickPattern {
        pattern: ID_PATTERN,
        format: "isg-id",
        check: is_id,
    },
    QuickPattern {
        pattern: ID_PAIR_PATTERN,
        format: "isg-id-pair",
        check: is_id_pair,
    },
];

/// The in-place validator's copy of a schema: each quick pattern becomes
/// its format (where the schema gives no format of its own), and the
/// patterns of dates and email addresses are dropped, since [`plain_date`]
/// and [`plain_email_with_dot`] check what they ask for as well. The schemas written out for editors and used to explain
/// problems keep their patterns.
fn with_quick_patterns(schema: &Value) -> Value {
    fn replace(value: &mut Value) {
        match value {
            Value::Object(members) => {
                if let Some(Value::String(pattern)) = members.get("pattern") {
                    let quick = QUICK_PATTERNS.iter().find(|quick| quick.pattern == pattern);
                    match (quick, members.get("format").and_then(Value::as_str)) {
                        (Some(quick), None) => {
                            members.remove("pattern");
                            members.insert("format".into(), Value::from(quick.format));
                        }
                        (None, Some("date")) if pattern == DATE_PATTERN => {
                            members.remove("pattern");
                        }
                        (None, Some("email")) if pattern == EMAIL_PATTERN => {
                            members.remove("pattern");
                        }
                        _ => {}
                    }
                }
                members.values_mut().for_each(replace);
            }
            Value::Array(items) => items.iter_mut().for_each(replace),
            _ => {}
        }
    }
    let mut copy = schema.clone();
    replace(&mut copy);
    copy
}

/// `^[a-z0-9][a-z0-9-]{0,62}$`: what the schemas accept as an id.
pub fn is_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|&byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

/// Two ids joined by `/`.
fn is_id_pair(text: &str) -> bool {
    text.split_once('/')
        .is_some_and(|(first, second)| is_id(first) && is_id(second))
}

/// `^[0-9]{4}-[0-9]{2}-[0-9]{2}$` and a real calendar date, as the `date`
/// format and the date pattern check it together.
fn plain_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |number, &byte| {
            byte.is_ascii_digit()
                .then(|| number * 10 + u32::from(byte - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Whether an email address has the plain form almost every address in a
/// registry has (`name.surname@trust.nhs.example`): ASCII, one `@`, a local
/// part of dot-separated words and a host name of letter, digit and hyphen
/// labels. Checking that is several times quicker than the full check of
/// the `email` format, and every address it accepts, the full check accepts
/// too. An address it does not accept is not rejected by it: the file then
/// goes through the full check (see [`validate`]), which decides. That is
/// sound only where `email` is checked directly, never under `not` or `if`;
/// a test holds the schemas to that.
fn plain_email(address: &str) -> bool {
    let Some((local, host)) = address.split_once('@') else {
        return false;
    };
    let word = |word: &str| {
        !word.is_empty()
            && word
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&byte))
    };
    let label = |label: &[u8]| {
        (1..=63).contains(&label.len())
            && label.iter().all(|&byte| byte.is_ascii_alphanumeric() || byte == b'-')
            && label.first().is_some_and(u8::is_ascii_alphanumeric)
            && label.last().is_some_and(u8::is_ascii_alphanumeric)
            // `xn--` and other labels with hyphens third and fourth are
            // internationalised names: the full check decodes them.
            && label.get(2..4) != Some(b"--".as_slice())
    };
    (1..=64).contains(&local.len())
        && local.split('.').all(word)
        && (1..=253).contains(&host.len())
        && host.as_bytes().split(|&byte| byte == b'.').all(label)
}

/// A plain email address (see [`plain_email`]) whose host has a dot, as
/// the schemas' email pattern asks: every address it accepts passes both
/// the `email` format and the pattern; any other goes to the full checks.
fn plain_email_with_dot(address: &str) -> bool {
    plain_email(address)
        && address
            .split_once('@')
            .is_some_and(|(_, host)| host.contains('.'))
}

/// The schema of a record kind, as JSON.
pub fn schema(kind: RecordKind) -> &'static Value {
    &compiled(kind).schema
}

/// The most schema problems explained for one file. A file with more
/// (a spreadsheet pasted in as 100,000 fields) gets these and a count of
/// the rest: explaining each costs far more than finding it, and nobody
/// reads the hundred-and-first.
pub const MAX_PROBLEMS: usize = 100;

/// One schema problem, in words, at a place in the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SchemaProblem {
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
    /// For an unknown field: the pointer of the field it was most likely
    /// meant to be, when the file lacks that field (`/flows/0/retention`
    /// for `retension`).
    pub misspells: Option<String>,
    /// For a missing required field: its pointer.
    pub missing: Option<String>,
}

/// Checks a file's data against its schema. Valid data, by far the common
/// case, costs one pass over the data as read; only a file with problems is
/// copied into a JSON value to explain them.
pub fn validate(kind: RecordKind, data: Node<'_>) -> Vec<SchemaProblem> {
    if compiled(kind).documents.is_valid(data) {
        return Vec::new();
    }
    validate_value(kind, &data.to_value())
}

/// Checks JSON data against a schema, explaining each problem.
pub fn validate_value(kind: RecordKind, value: &Value) -> Vec<SchemaProblem> {
    let compiled = compiled(kind);
    if compiled.values().is_valid(value) {
        return Vec::new();
    }
    let mut problems: Vec<SchemaProblem> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Problems not explained, past the limit: how many, and how many of
    // them are unknown fields.
    let (mut more, mut more_unknown) = (0usize, 0usize);
    for error in compiled.values().iter_errors(value) {
        let budget = MAX_PROBLEMS.saturating_sub(problems.len());
        let unexpected = match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => Some(unexpected.len()),
            _ => None,
        };
        if budget == 0 {
            more += unexpected.unwrap_or(1);
            more_unknown += unexpected.unwrap_or(0);
            continue;
        }
        if let Some(unexpected) = unexpected.filter(|&n| n > budget) {
            more += unexpected - budget;
            more_unknown += unexpected - budget;
        }
        for problem in explain(&compiled.schema, &error, kind, value, budget) {
            if seen.insert(problem.clone()) {
                problems.push(problem);
            }
        }
    }
    // A required field written with a typo (`too:` for `to:`) is both
    // unknown and missing: the finding at the typo, which says what it was
    // meant to be, is the one kept.
    let misspelt: Vec<String> = problems
        .iter()
        .filter_map(|problem| problem.misspells.clone())
        .collect();
    problems.retain(|problem| {
        problem
            .missing
            .as_ref()
            .is_none_or(|missing| !misspelt.contains(missing))
    });
    // A wrong value often fails both `pattern` and `format`; one finding
    // per place is enough.
    let mut places = std::collections::HashSet::new();
    problems.retain(|problem| {
        places.insert(problem.location.clone()) || matches!(problem.location, Location::Key(_))
    });
    if more > 0 {
        let noun = if more == more_unknown {
            "unknown field"
        } else {
            "problem"
        };
        let what = format!(
            "{} more {noun}{}",
            crate::text::thousands(more),
            if more == 1 { "" } else { "s" }
        );
        problems.push(SchemaProblem {
            location: Location::File,
            message: format!("And {what} in this file, not listed one by one: only {MAX_PROBLEMS} problems of a file are listed."),
            help: Some("Put right the problems listed and check again. A file with this many is usually not a registry record at all (a spreadsheet or export saved under a registry name)".to_owned() + "; remove it if so."),
            misspells: None,
            missing: None,
        });
    }
    problems
}

/// The schema of the field at an instance pointer such as
/// `/officers/0/roles`: what editors and `isg new` describe it with.
pub fn field(kind: RecordKind, pointer: &str) -> Option<&'static Value> {
    let root = schema(kind);
    let mut node = root;
    for segment in segments(pointer) {
        while let Some(target) = follow_ref(root, node) {
            node = target;
        }
        node = if segment.parse::<usize>().is_ok() {
            node.get("items")?
        } else {
            node.get("properties")?.get(segment.as_str())?
        };
    }
    while node.get("description").is_none()
        && let Some(target) = follow_ref(root, node)
    {
        node = target;
    }
    Some(node)
}

/// Whether `code` is an ISO 3166-1 country code (the schemas' list).
pub fn is_country_code(code: &str) -> bool {
    choices(RecordKind::Organisation, "/country").contains(&code)
}

/// The values a field may take, in the schema's order: its own `enum`, or
/// its items' for a list.
pub fn choices(kind: RecordKind, pointer: &str) -> Vec<&'static str> {
    let Some(node) = field(kind, pointer) else {
        return Vec::new();
    };
    node.get("enum")
        .or_else(|| node.get("items")?.get("enum"))
        .and_then(Value::as_array)
        .map(|values| values.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The description of a field, as editors show it.
pub fn description(kind: RecordKind, pointer: &str) -> &'static str {
    field(kind, pointer)
        .and_then(|node| node.get("description")?.as_str())
        .unwrap_or_default()
}

/// Checks one field's value on its own, with the same words `isg check`
/// would use: a record holding only that value is validated, and only
/// problems at that field count.
pub fn check_field(kind: RecordKind, pointer: &str, value: Value) -> Result<(), String> {
    let mut record = value;
    for segment in segments(pointer).iter().rev() {
        record = if segment.parse::<usize>().is_ok() {
            Value::Array(vec![record])
        } else {
            serde_json::json!({ segment: record })
        };
    }
    // Indexes other than 0 were folded to 0 above.
    let pointer: String = segments(pointer)
        .iter()
        .map(|s| match s.parse::<usize>() {
            Ok(_) => "/0".to_owned(),
            Err(_) => format!("/{}", crate::diagnostic::pointer_segment(s)),
        })
        .collect();
    let problem = validate_value(kind, &record).into_iter().find(|problem| {
        matches!(&problem.location, Location::Value(at) | Location::Key(at)
            if at == &pointer || at.starts_with(&format!("{pointer}/")))
    });
    // Advice beyond the field's description (which the question shows
    // already), such as the code to write for a country, goes with it.
    let description = field(kind, &pointer)
        .and_then(|node| node.get("description"))
        .and_then(Value::as_str);
    let Some(SchemaProblem { message, help, .. }) = problem else {
        return Ok(());
    };
    let advice = help.as_deref().map_or("", |help| {
        description
            .and_then(|description| help.strip_suffix(description))
            .unwrap_or(help)
            .trim_end()
    });
    if advice.is_empty() {
        Err(message)
    } else {
        Err(format!("{message} {advice}"))
    }
}

fn segments(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The schema node at a path that may pass through `$ref`s.
fn schema_node<'a>(root: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut node = root;
    for segment in path {
        if segment == "$ref" {
            node = follow_ref(root, node)?;
            continue;
        }
        node = match node.get(segment.as_str()) {
            Some(next) => next,
            None => follow_ref(root, node)?.get(segment.as_str())?,
        };
    }
    Some(node)
}

fn follow_ref<'a>(root: &'a Value, node: &Value) -> Option<&'a Value> {
    let reference = node.get("$ref")?.as_str()?;
    root.pointer(reference.strip_prefix('#')?)
}

/// The description nearest to a schema path: the property's own, or the
/// one of the property that refers to it.
fn description_near(root: &Value, path: &[String]) -> Option<String> {
    (0..=path.len()).rev().find_map(|len| {
        let node = schema_node(root, &path[..len])?;
        node.get("description")?.as_str().map(str::to_owned)
    })
}

/// The `properties` object that applies at a schema path, looking outward
/// past `if`/`then`/`else` to the enclosing object schema.
fn properties_near<'a>(
    root: &'a Value,
    path: &[String],
) -> Option<&'a serde_json::Map<String, Value>> {
    (0..=path.len()).rev().find_map(|len| {
        let node = schema_node(root, &path[..len])?;
        let node = if node.get("$ref").is_some() {
            follow_ref(root, node)?
        } else {
            node
        };
        node.get("properties")?.as_object()
    })
}

/// One item of a list the format has, in words: `flows` holds flows.
fn singular(list: &str) -> Option<&'static str> {
    match list {
        "parties" => Some("party"),
        "flows" => Some("flow"),
        "risks" => Some("risk"),
        "officers" => Some("officer"),
        "certifications" => Some("certification"),
        "principles" => Some("principle"),
        _ => None,
    }
}

/// Where else in the format a field called `name` belongs, in words ("in
/// each flow under `flows`", "under `rules`"), other than in the mapping
/// at `here` (an instance pointer): a field indented too little or too
/// much lands in the wrong mapping, and is known by its name. A place
/// where `document` already has the field everywhere is no answer: a
/// flow's `title:` is not the agreement's, which has its own.
fn places_of(root: &Value, name: &str, here: &str, document: &Value) -> Vec<String> {
    /// Whether every mapping at `place` (`*` for each item of a list) has
    /// `name`; true when there are none.
    fn all_have(value: &Value, place: &[String], name: &str) -> bool {
        match place.split_first() {
            None => value.as_object().is_none_or(|map| map.contains_key(name)),
            Some((first, rest)) if first == "*" => value
                .as_array()
                .is_none_or(|items| items.iter().all(|item| all_have(item, rest, name))),
            Some((first, rest)) => value
                .get(first)
                .is_none_or(|inner| all_have(inner, rest, name)),
        }
    }
    fn walk(
        root: &Value,
        node: &Value,
        name: &str,
        path: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) {
        let node = match node.get("$ref") {
            Some(_) => follow_ref(root, node).unwrap_or(node),
            None => node,
        };
        if path.len() > 8 {
            return;
        }
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            if properties.contains_key(name) {
                out.push(path.clone());
            }
            for (key, child) in properties {
                path.push(key.clone());
                walk(root, child, name, path, out);
                path.pop();
            }
        }
        if let Some(items) = node.get("items") {
            path.push("*".to_owned());
            walk(root, items, name, path, out);
            path.pop();
        }
    }
    let here: Vec<String> = segments(here)
        .into_iter()
        .map(|part| {
            if part.parse::<usize>().is_ok() {
                "*".to_owned()
            } else {
                part
            }
        })
        .collect();
    let mut found = Vec::new();
    walk(root, root, name, &mut Vec::new(), &mut found);
    found
        .into_iter()
        .filter(|place| *place != here)
        .filter(|place| {
            // Absent mappings say nothing: the field may belong in one.
            let present = place
                .iter()
                .try_fold(document, |value, part| match part.as_str() {
                    "*" => value.as_array().and_then(|items| items.first()),
                    key => value.get(key),
                })
                .is_some();
            !present || !all_have(document, place, name)
        })
        .map(|place| match &place[..] {
            [] => "at the top of the file, not indented".to_owned(),
            [.., list, last] if last == "*" => match singular(list) {
                Some(noun) => format!("in each {noun} under `{list}`"),
                None => format!("in each item under `{list}`"),
            },
            [.., key] => format!("under `{key}`"),
        })
        .collect()
}

/// A field's place in words: "`signatory` of party 2", "`status` under `dspt`".
pub fn describe_pointer(pointer: &str) -> String {
    let parts = segments(pointer);
    if parts.is_empty() {
        return "the file".to_owned();
    }
    let mut words: Vec<String> = Vec::new();
    let mut i = parts.len();
    while i > 0 {
        i -= 1;
        let part = &parts[i];
        let is_index = part.parse::<usize>().is_ok();
        if is_index && i > 0 {
            let number = part.parse::<usize>().unwrap_or(0) + 1;
            let list = &parts[i - 1];
            words.push(match singular(list) {
                Some(noun) => format!("{noun} {number}"),
                None => format!("item {number} of `{list}`"),
            });
            i -= 1;
        } else if words.is_empty() {
            words.push(format!("`{part}`"));
        } else {
            words.push(format!("under `{part}`"));
        }
    }
    let mut text = words.remove(0);
    for word in words {
        if word.starts_with("under") {
            text.push(' ');
        } else {
            text.push_str(" of ");
        }
        text.push_str(&word);
    }
    text
}

/// A value in words, for "but it is ...".
fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::Bool(flag) => format!("{flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the text \"{}\"", shorten(text)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a set of fields".to_owned(),
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}...", text.chars().take(57).collect::<String>())
    } else {
        text.to_owned()
    }
}

fn type_words(schema_type: &Value) -> String {
    let word = |name: &str| match name {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "a set of fields (`name: value` lines)",
        "null" => "empty",
        _ => "something else",
    };
    match schema_type {
        Value::String(name) => word(name).to_owned(),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .map(word)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "something else".to_owned(),
    }
}

/// What an id looks like, with the value written as one where that can be
/// done (`Record not received` as `record-not-received`), then the field's
/// description.
fn id_help(text: &str, pair: bool, description: Option<String>) -> String {
    let written = if pair {
        text.split_once('/')
            .and_then(|(first, second)| Some(format!("{}/{}", as_id(first)?, as_id(second)?)))
    } else {
        as_id(text)
    };
    let rule = if pair {
        "Both ids are lower-case letters, digits and hyphens"
    } else {
        "An id is lower-case letters, digits and hyphens"
    };
    let mut help = match written {
        Some(written) => format!("{rule}: write `{written}`."),
        None => format!("{rule}."),
    };
    if let Some(description) = description {
        help.push(' ');
        help.push_str(&description);
    }
    help
}

/// `text` as an id: lower case, with spaces, underscores and dots made
/// hyphens and punctuation left out; `None` when it has letters an id cannot
/// hold (`café`), or nothing is left.
pub fn as_id(text: &str) -> Option<String> {
    let mut id = String::new();
    for c in text.trim().chars() {
        match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => id.push(c),
            ' ' | '_' | '-' | '.' if !id.is_empty() && !id.ends_with('-') => id.push('-'),
            c if c.is_alphanumeric() => return None,
            _ => {}
        }
    }
    let id = id.trim_end_matches('-');
    is_id(id).then(|| id.to_owned())
}

/// How `found` is written as the field at schema path `path` asks, from
/// the first of [`rewrite::guesses`] that the field's schema accepts:
/// "Write `Z5940683`.", "Dates are written year-month-day: ...".
fn rewritten(
    kind: RecordKind,
    root: &Value,
    path: &[String],
    pointer: &str,
    found: &Value,
) -> Option<String> {
    let mut guesses = rewrite::guesses(found);
    // The field's name in the file (the schema's path may end in a `$ref`).
    let name = pointer.rsplit('/').next().unwrap_or_default();
    // `encrypted: TLS 1.2` says how, where the field asks whether.
    // (`yes` and `no` are read as such first.)
    if !guesses.iter().any(|guess| guess.value.is_boolean())
        && name == "encrypted"
        && let Some(encrypted) = found.as_str().and_then(rewrite::encryption)
    {
        guesses.insert(
            0,
            rewrite::Guess {
                value: Value::Bool(encrypted),
                how: rewrite::How::Encryption,
            },
        );
    }
    // `likelihood: possible` names a score of the 5x5 risk matrix.
    if (name == "likelihood" || name == "impact")
        && let Some(score) = found.as_str().and_then(rewrite::risk_score)
    {
        guesses.insert(
            0,
            rewrite::Guess {
                value: Value::from(score),
                how: rewrite::How::RiskScore,
            },
        );
    }
    // `review_warning_days: 2 months`: a setting in days given in months.
    if name.ends_with("_days")
        && let Some((days, exact)) = found.as_str().and_then(rewrite::days)
    {
        guesses.insert(
            0,
            rewrite::Guess {
                value: Value::from(days),
                how: rewrite::How::Days { exact },
            },
        );
    }
    if guesses.is_empty() {
        return None;
    }
    let field = field_validator(kind, root, path)?;
    let guess = guesses
        .into_iter()
        .find(|guess| field.is_valid(&guess.value))?;
    let written = match &guess.value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Some(match guess.how {
        rewrite::How::YesNo => {
            format!("Yes and no are written `true` and `false`: write `{written}`.")
        }
        rewrite::How::Number => format!("Write it as a number: `{written}`."),
        rewrite::How::RiskScore => format!(
            "Scores are written as numbers from 1 to 5: {} is `{written}` on the 5x5 risk matrix.",
            found.as_str().unwrap_or_default().trim()
        ),
        rewrite::How::Date(words) => {
            format!("Dates are written year-month-day: for {words}, write `{written}`.")
        }
        rewrite::How::Month { words, last } => format!(
            "A date needs its day: write the day in {words} that is meant, from `{written}` to `{last}`."
        ),
        rewrite::How::Text => format!("Write `{written}`."),
        rewrite::How::Days { exact } => format!(
            "The setting is in days: {} is {}`{written}`.",
            found.as_str().unwrap_or_default().trim(),
            if exact { "" } else { "about " }
        ),
        rewrite::How::Encryption if guess.value == Value::Bool(true) => {
            format!(
                "The field asks only whether the data is encrypted while it moves: write `{written}`."
            )
        }
        rewrite::How::Encryption => {
            format!(
                "The field asks only whether the data is encrypted while it moves: if it is not, write `{written}`."
            )
        }
    })
}

/// The schema at `path` compiled on its own, to try guesses against; `None`
/// when it refers elsewhere (`$ref`), as only a field's own schema is
/// tried. Compiled once per field: a registry may make the same slip in
/// thousands of files.
fn field_validator(kind: RecordKind, root: &Value, path: &[String]) -> Option<Arc<Validator>> {
    type Fields = Mutex<HashMap<(RecordKind, Vec<String>), Option<Arc<Validator>>>>;
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    let fields = FIELDS.get_or_init(Default::default);
    let key = (kind, path.to_vec());
    if let Some(known) = fields.lock().ok()?.get(&key) {
        return known.clone();
    }
    let compiled = schema_node(root, path)
        .filter(|node| !node.to_string().contains("\"$ref\""))
        .and_then(|node| {
            jsonschema::options()
                .should_validate_formats(true)
                .with_pattern_options(PatternOptions::regex())
                .build(node)
                .ok()
        })
        .map(Arc::new);
    fields.lock().ok()?.insert(key, compiled.clone());
    compiled
}

/// The letter of an Article whose meaning or citation `found` gives:
/// `public task` or `6(1)(e)` for `e`, from a description that lists the
/// letters as `...: a consent, b contract, ..., f legitimate interests.`
fn letter_meant(found: &str, letters: &[String], description: &str) -> Option<String> {
    let found = found.trim().to_lowercase();
    // A citation: the letter in the last brackets.
    if let Some(inner) = found
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(_, letter)| letter)
        && letters.iter().any(|letter| letter == inner)
    {
        return Some(inner.to_owned());
    }
    let (_, listed) = description.rsplit_once(": ")?;
    let meanings: Vec<(&str, String)> = listed
        .trim_end_matches('.')
        .split(", ")
        .filter_map(|entry| {
            let (letter, meaning) = entry.split_once(' ')?;
            letters
                .iter()
                .any(|known| known == letter)
                .then(|| (letter, meaning.to_lowercase()))
        })
        .collect();
    let matching: Vec<&str> = meanings
        .iter()
        .filter(|(_, meaning)| {
            *meaning == found
                || (found.len() >= 4 && meaning.contains(found.as_str()))
                || found.contains(meaning.as_str())
        })
        .map(|(letter, _)| *letter)
        .collect();
    match matching[..] {
        [letter] => Some(letter.to_owned()),
        _ => None,
    }
}

/// The one field among `allowed` that `name` begins, or that begins `name`,
/// up to a `_`: `review` for `review_due`, `mou_signed` for `mou`. Too far
/// apart letter by letter for [`did_you_mean`], but plainly meant.
fn word_prefix<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let starts = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with('_'))
    };
    let mut matching = allowed
        .iter()
        .filter(|field| starts(field, name) || starts(name, field));
    match (matching.next(), matching.next()) {
        (Some(field), None) => Some(field),
        _ => None,
    }
}

/// The choices an entry of the list at schema path `path` may take, when
/// its entries are choices, and the description that says what they mean.
fn list_choices(root: &Value, path: &[String]) -> Option<(Vec<String>, String)> {
    let list = schema_node(root, path)?;
    let items = list.get("items")?;
    let items = follow_ref(root, items).unwrap_or(items);
    let choices = items.get("enum")?.as_array()?;
    let description = [items, list]
        .iter()
        .find_map(|node| node.get("description")?.as_str())
        .unwrap_or_default();
    Some((
        choices
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        description.to_owned(),
    ))
}

/// The one choice `found` stands for: by the words officers use for it,
/// by its meaning or citation for the letters of an Article (`public
/// task`, `Article 6(1)(e)`), or a letter or two away (unless it says the
/// opposite).
fn choice_meant(found: &str, choices: &[String], description: &str) -> Option<String> {
    if let Some(choice) = choices
        .iter()
        .find(|choice| choice.eq_ignore_ascii_case(found.trim()))
    {
        return Some(choice.clone());
    }
    if choices.iter().all(|choice| choice.len() == 1) {
        return letter_meant(found, choices, description);
    }
    match &words::meant(found, choices)[..] {
        [one] => return Some((*one).to_owned()),
        [] => {}
        _ => return None,
    }
    did_you_mean(found, choices.iter().map(String::as_str))
        .filter(|close| !words::negation_differs(found, close))
        .map(str::to_owned)
}

/// Help for a rule named wrongly under `rules` in `isg.yaml`: the rule
/// meant, or the rules that share a word of its name (`dpia-required`:
/// `dpia-missing`, `dpia-after-start`), and where the list is.
fn rule_named_wrongly(name: &str, meant: Option<&str>, rules: &[&str]) -> String {
    const LIST: &str = "`isg explain` lists every rule.";
    if let Some(meant) = meant {
        return format!("Did you mean `{meant}`? {LIST}");
    }
    // Words too common in rule names to say which rule is meant.
    const COMMON: &[&str] = &[
        "missing", "without", "with", "by", "to", "for", "in", "of", "not", "too", "after",
    ];
    let words = |text: &str| -> Vec<String> {
        text.to_ascii_lowercase()
            .split(['-', '_', ' '])
            .filter(|word| !word.is_empty() && !COMMON.contains(word))
            .map(str::to_owned)
            .collect()
    };
    let own = words(name);
    let sharing: Vec<String> = rules
        .iter()
        .filter(|rule| words(rule).iter().any(|word| own.contains(word)))
        .map(|rule| format!("`{rule}`"))
        .collect();
    match sharing.as_slice() {
        [] => {
            format!("Rules are named as `isg explain` lists them, such as `review-overdue`. {LIST}")
        }
        [one] => format!("Did you mean {one}? {LIST}"),
        [rest @ .., last] if sharing.len() <= 6 => {
            format!("Did you mean {} or {last}? {LIST}", rest.join(", "))
        }
        _ => format!(
            "Rules with a word of its name: {}. {LIST}",
            sharing.join(", ")
        ),
    }
}

/// Other words for the format's fields, as other systems and forms name
/// them: `type` for `kind`, `state` for `status`, `title` for an
/// organisation's `name` and `name` for an agreement's `title`.
const OTHER_WORDS: &[(&str, &str)] = &[
    ("type", "kind"),
    ("title", "name"),
    ("name", "title"),
    ("level", "tier"),
    ("state", "status"),
    ("start", "effective"),
    ("start_date", "effective"),
    ("effective_date", "effective"),
    ("end", "expires"),
    ("end_date", "expires"),
    ("expiry", "expires"),
    ("expiry_date", "expires"),
    ("email_address", "email"),
    ("sender", "from"),
    ("recipients", "to"),
];

/// The allowed field another word names (see [`OTHER_WORDS`]).
fn other_word<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let (_, meant) = OTHER_WORDS.iter().find(|(word, _)| *word == lower)?;
    allowed.iter().copied().find(|field| field == meant)
}

/// The allowed field that is `name` in the plural or the singular:
/// `category` for `categories`, `purpose` for `purposes`, too far apart
/// letter by letter for a did-you-mean when the plural ends in `ies`.
fn other_number<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let forms = [
        format!("{name}s"),
        format!("{name}es"),
        name.strip_suffix('y')
            .map(|stem| format!("{stem}ies"))
            .unwrap_or_default(),
        name.strip_suffix("ies")
            .map(|stem| format!("{stem}y"))
            .unwrap_or_default(),
        name.strip_suffix('s').unwrap_or_default().to_owned(),
    ];
    allowed
        .iter()
        .copied()
        .find(|field| forms.iter().any(|form| !form.is_empty() && form == field))
}

/// The allowed values that `found` names together, as in `Caldicott
/// Guardian and SIRO` or `siro/dpo`: each part is a value, in the officers'
/// words or a letter or two away. `None` unless there are two or more and
/// every part names one.
fn several_values<'a>(found: &str, options: &'a [String]) -> Option<Vec<&'a str>> {
    let lower = found.to_lowercase();
    let parts: Vec<&str> = lower
        .split([',', '/', '&', '+', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let mut values: Vec<&str> = Vec::new();
    for part in parts {
        let value = options
            .iter()
            .map(String::as_str)
            .find(|option| words::normalise(option) == words::normalise(part))
            .or_else(|| match words::meant(part, options)[..] {
                [value] => Some(value),
                _ => None,
            })
            .or_else(|| did_you_mean(part, options.iter().map(String::as_str)))?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    (values.len() > 1).then_some(values)
}

/// The allowed value that `found` begins with, followed by other words:
/// `weekly (Mondays)` is `weekly`, `sftp via the portal` is `sftp`. The
/// longest such value, when it is not all that was written.
fn leading_option<'a>(found: &str, options: &'a [String]) -> Option<&'a str> {
    let lower = found.trim().to_lowercase();
    options
        .iter()
        .filter(|option| {
            lower
                .strip_prefix(option.to_lowercase().as_str())
                .and_then(|rest| rest.chars().next())
                .is_some_and(|next| !next.is_alphanumeric() && next != '-')
        })
        .max_by_key(|option| option.len())
        .map(String::as_str)
}

/// `advice`, then what the help would have said without it.
fn advise(advice: Option<String>, help: Option<String>) -> Option<String> {
    match (advice, help) {
        (Some(advice), Some(help)) => Some(format!("{advice} {help}")),
        (advice, help) => advice.or(help),
    }
}

/// More choices than a message can list: the ISO 3166-1 country codes.
const LONG_ENUM: usize = 40;

fn join_options(options: &[String]) -> String {
    options.join(", ")
}

/// The problems `error` stands for, in words; `document` is the file's
/// data, for advice that depends on what else it holds.
/// The problems of one validation error, in words; at most `limit` of
/// them (an unknown-fields error holds one problem per field).
fn explain(
    root: &Value,
    error: &ValidationError<'_>,
    kind: RecordKind,
    document: &Value,
    limit: usize,
) -> Vec<SchemaProblem> {
    let pointer = error.instance_path().as_str().to_owned();
    let schema_path = segments(error.evaluation_path().as_str());
    let parent_path = &schema_path[..schema_path.len().saturating_sub(1)];
    let field = describe_pointer(&pointer);
    let instance = error.instance();
    let description = || description_near(root, parent_path);
    // The field's description, after the value written properly where a
    // common slip can be undone.
    let advised = || {
        advise(
            rewritten(kind, root, parent_path, &pointer, instance),
            description(),
        )
    };
    let problem = |location: Location, message: String, help: Option<String>| SchemaProblem {
        location,
        message,
        help,
        misspells: None,
        missing: None,
    };

    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed: Vec<&str> = properties_near(root, parent_path)
                .map(|properties| properties.keys().map(String::as_str).collect())
                .unwrap_or_default();
            unexpected
                .iter()
                .take(limit)
                .map(|name| {
                    let child = format!("{pointer}/{}", crate::diagnostic::pointer_segment(name));
                    let place = if pointer.is_empty() {
                        format!("of {}", kind.noun())
                    } else {
                        format!("under {field}")
                    };
                    let suggestion = did_you_mean(name, allowed.iter().copied())
                        .or_else(|| word_prefix(name, &allowed))
                        .or_else(|| other_number(name, &allowed))
                        .or_else(|| {
                            other_word(name, &allowed)
                                .filter(|meant| instance.get(*meant).is_none())
                        });
                    // Sixty rule names are no help: the rules that share
                    // a word with it are.
                    if kind == RecordKind::Settings && pointer == "/rules" {
                        return problem(
                            Location::Key(child),
                            format!("`{name}` is not the name of a rule."),
                            Some(rule_named_wrongly(name, suggestion, &allowed)),
                        );
                    }
                    let allowed_here =
                        format!("The fields allowed here are: {}.", allowed.join(", "));
                    let help = match suggestion {
                        Some(suggestion) => format!("Did you mean `{suggestion}`? {allowed_here}"),
                        None => match &places_of(root, name, &pointer, document)[..] {
                            [] => allowed_here,
                            places => format!(
                                "`{name}` belongs {}: check how far it is indented. {allowed_here}",
                                places.join(", or ")
                            ),
                        },
                    };
                    SchemaProblem {
                        misspells: suggestion
                            .filter(|meant| instance.get(*meant).is_none())
                            .map(|meant| {
                                format!("{pointer}/{}", crate::diagnostic::pointer_segment(meant))
                            }),
                        ..problem(
                            Location::Key(child),
                            format!("`{name}` is not a known field {place}."),
                            Some(help),
                        )
                    }
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let place = if pointer.is_empty() {
                String::new()
            } else {
                format!(" from {field}")
            };
            let help = properties_near(root, parent_path)
                .and_then(|properties| properties.get(name))
                .and_then(|node| node.get("description"))
                .and_then(Value::as_str)
                .map(|text| format!("Add `{name}:`. {text}"));
            vec![SchemaProblem {
                missing: Some(format!(
                    "{pointer}/{}",
                    crate::diagnostic::pointer_segment(name)
                )),
                ..problem(
                    Location::Value(pointer.clone()),
                    format!("The required field `{name}` is missing{place}."),
                    help,
                )
            }]
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|values| {
                    values
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let found = instance
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| instance.to_string());
            // The words officers use for a value (`NHSmail`, `ad hoc`).
            let meant = words::meant(&found, &options);
            let did_you_mean_one_of = || match &meant[..] {
                [] => None,
                [value] => Some(format!("Did you mean `{value}`?")),
                [values @ .., last] => Some(format!(
                    "Did you mean `{}` or `{last}`?",
                    values.join("`, `")
                )),
            };
            let help = if options.len() > LONG_ENUM {
                // The country codes: too many to list, and so short that
                // every typo is a real code, so the field's description
                // (which gives the common codes) helps more.
                match meant[..] {
                    ["GB"] => {
                        Some("The United Kingdom's ISO 3166-1 code is GB: write `GB`.".to_owned())
                    }
                    [_] => advise(did_you_mean_one_of(), description()),
                    _ => advised(),
                }
            } else if options.iter().all(|option| option.len() == 1) {
                // Letters of an Article, which mean nothing on their own: the
                // description says what each stands for, and a letter is
                // found from its meaning (`public task`) or its citation
                // (`6(1)(e)`).
                let description = description().unwrap_or_default();
                // Every single character is one edit from every other, so
                // a near miss is only offered for a longer answer or one in
                // the wrong case: `tier: 4` is not a `1` mistyped, nor `g`
                // an `a`.
                let trimmed = found.trim();
                let meant = letter_meant(&found, &options, &description).or_else(|| {
                    did_you_mean(&found, options.iter().map(String::as_str))
                        .filter(|close| {
                            trimmed.chars().count() > 1 || close.eq_ignore_ascii_case(trimmed)
                        })
                        .map(str::to_owned)
                });
                Some(match meant {
                    Some(letter) => format!("Did you mean `{letter}`? {description}"),
                    None => description,
                })
            } else {
                // A value a letter or two away, unless it says the
                // opposite (`not permitted` is not `permitted`).
                let close = || {
                    did_you_mean(&found, options.iter().map(String::as_str))
                        .filter(|close| !words::negation_differs(&found, close))
                        .map(|close| format!("Did you mean `{close}`?"))
                };
                // `Caldicott Guardian and SIRO` as one entry of a list.
                let several = || {
                    let in_a_list = pointer
                        .rsplit('/')
                        .next()
                        .is_some_and(|last| last.parse::<usize>().is_ok());
                    in_a_list
                        .then(|| several_values(&found, &options))
                        .flatten()
                        .map(|values| {
                            format!(
                                "Did you mean `{}`? Give each as an entry of its own.",
                                values.join("` and `")
                            )
                        })
                };
                // `weekly (Mondays)`: an allowed value, then more words.
                let first = || {
                    leading_option(&found, &options)
                        .map(|value| format!("Did you mean `{value}`? Write the value alone."))
                };
                let allowed = format!("Allowed values: {}.", join_options(&options));
                advise(
                    did_you_mean_one_of()
                        .or_else(several)
                        .or_else(first)
                        .or_else(close),
                    Some(allowed),
                )
            };
            let message = if instance.is_null() {
                format!("{} has no value.", capitalise(&field))
            } else {
                // Text in quotes, a number or `true` as it is.
                let shown = if instance.is_string() {
                    format!("\"{}\"", shorten(&found))
                } else {
                    shorten(&found)
                };
                format!(
                    "{} is {shown}, which is not one of the allowed values.",
                    capitalise(&field),
                )
            };
            vec![problem(Location::Value(pointer), message, help)]
        }
        ValidationErrorKind::Type { .. } => {
            let expected = schema_node(root, parent_path)
                .and_then(|node| node.get("type"))
                .map(type_words)
                .unwrap_or_default();
            let message = if instance.is_null() {
                format!(
                    "{} has no value; it should be {expected}.",
                    capitalise(&field)
                )
            } else {
                format!(
                    "{} should be {expected}, but it is {}.",
                    capitalise(&field),
                    describe_value(instance)
                )
            };
            let mut help = description();
            if expected == "a list"
                && let Some(fields) = instance.as_object()
            {
                // Entries written as fields named by their ids
                // (`epr-to-ed:` with the flow under it): an entry's first
                // field is its `id`, or else the first it must have (a
                // party's `org`).
                let key = schema_node(root, parent_path)
                    .and_then(|node| node.get("items"))
                    .map(|items| follow_ref(root, items).unwrap_or(items))
                    .and_then(|items| {
                        if items.get("properties")?.get("id").is_some() {
                            return Some("id");
                        }
                        items.get("required")?.get(0)?.as_str()
                    })
                    .unwrap_or("id");
                help = Some(match fields.iter().next() {
                    Some((first, value)) if value.is_object() => format!(
                        "Each entry of a list starts with `- ` on a line of its own: write `- {key}: {first}` where it says `{first}:`, with the entry's fields lined up under `{key}`, and the same for each entry."
                    ),
                    _ => "Each entry of a list starts with `- ` on a line of its own, under the field.".to_owned(),
                });
            } else if expected == "a list" && !instance.is_array() && !instance.is_null() {
                let written = instance
                    .as_str()
                    .map_or_else(|| instance.to_string(), str::to_owned);
                // The list shown must be one the schema takes: each entry
                // as the choice it means (`Caldicott Guardian` is
                // `caldicott-guardian`) when the entries are choices.
                let choices = list_choices(root, parent_path);
                let text = match &choices {
                    Some((choices, meanings)) => written
                        .split(", ")
                        .map(|entry| {
                            choice_meant(entry, choices, meanings)
                                .unwrap_or_else(|| entry.to_owned())
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => written.clone(),
                };
                // Commas part entries in `[...]`: say so, since a sentence
                // with a comma in it would become two entries.
                let entries = text.split(", ").count();
                // `-Crew gives...` under the field: an item without the
                // space after its dash is read as text.
                let dashed = written
                    .strip_prefix('-')
                    .filter(|rest| rest.starts_with(|c: char| c.is_alphanumeric()));
                help = Some(if let Some(item) = dashed {
                    format!(
                        "A list item needs a space after its `-`: write `- {}` on its line.",
                        shorten(item)
                    )
                } else if entries > 1 && choices.is_some() {
                    format!("Write it as a list: `[{text}]`, or one `- entry` per line.")
                } else if entries > 1 {
                    format!(
                        "Write it as a list: `[{text}]` is {entries} entries, parted at the commas. If it is one entry, write it under the field on a line of its own as `- {text}`."
                    )
                } else {
                    format!(
                        "Write it as a list, even with one entry: `[{text}]`, or one `- entry` per line."
                    )
                });
            }
            if expected == "text" && !instance.is_null() {
                help = Some(format!(
                    "Put the value in quotes so it is read as text. {}",
                    description().unwrap_or_default()
                ));
            }
            let wants_fields = schema_node(root, parent_path)
                .filter(|node| node.get("type").and_then(Value::as_str) == Some("object"));
            // Fields written as list items (`- signoff: verified` under
            // `policy:`): each is a one-field entry of a list.
            let dashed_fields = wants_fields
                .and(instance.as_array())
                .filter(|items| {
                    !items.is_empty()
                        && items
                            .iter()
                            .all(|item| item.as_object().is_some_and(|fields| !fields.is_empty()))
                })
                .and_then(|items| items[0].as_object()?.iter().next())
                .map(|(name, value)| match value {
                    Value::String(text) => format!("{name}: {text}"),
                    Value::Number(_) | Value::Bool(_) => format!("{name}: {value}"),
                    _ => format!("{name}:"),
                });
            if let Some(first) = &dashed_fields {
                help = advise(
                    Some(format!(
                        "Write its fields without a `-` before them: `{first}`, not `- {first}`."
                    )),
                    description(),
                );
            }
            if let Some(required) = wants_fields
                .and_then(|node| node.get("required")?.as_array())
                .filter(|_| !instance.is_null() && dashed_fields.is_none())
            {
                let names: Vec<String> = required
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|name| format!("`{name}`"))
                    .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                help = advise(
                    Some(format!(
                        "Write it as fields, one `name: value` on each line, or `{{name: value, ...}}` on one line; it needs {}.",
                        crate::text::join_and(&names)
                    )),
                    help,
                );
            }
            let help = advise(rewritten(kind, root, parent_path, &pointer, instance), help);
            vec![problem(Location::Value(pointer), message, help)]
        }
        ValidationErrorKind::Format { format } => {
            let what = match format.as_str() {
                "date" => "a real date written YYYY-MM-DD",
                "email" => "an email address",
                "uri" => "a web address",
                _ => "in the expected form",
            };
            let help = advised();
            vec![problem(
                Location::Value(pointer),
                format!(
                    "{} is {}, which is not {what}.",
                    capitalise(&field),
                    describe_value(instance)
                ),
                help,
            )]
        }
        ValidationErrorKind::Pattern { .. }
            if instance
                .as_str()
                .is_some_and(|text| text.contains("PRIVATE KEY-----")) =>
        {
            // A private key pasted for a public one: saying only that it
            // is not a public key would leave it where everyone reads it.
            vec![problem(
                Location::Value(pointer),
                format!(
                    "{} is a private key. A private key never leaves its owner's computer.",
                    capitalise(&field)
                ),
                Some("Remove it, and treat the key as exposed: it stays in the repository's history, where anyone who can read it can sign as this officer. Make a new key pair (`ssh-keygen -t ed25519`) and record the new public key, the one line in the `.pub` file.".to_owned()),
            )]
        }
        ValidationErrorKind::Pattern { pattern } => {
            let is_date = schema_node(root, parent_path)
                .and_then(|node| node.get("format"))
                .and_then(Value::as_str)
                == Some("date");
            let (what, help) = if is_date {
                ("a date written YYYY-MM-DD", advised())
            } else if pattern == ID_PATTERN || pattern == ID_PAIR_PATTERN {
                let text = instance.as_str().unwrap_or_default();
                (
                    if pattern == ID_PATTERN {
                        "an id"
                    } else {
                        "two ids joined by `/`"
                    },
                    Some(id_help(text, pattern == ID_PAIR_PATTERN, description())),
                )
            } else {
                let what = PATTERN_WORDS
                    .iter()
                    .find(|(known, _)| known == pattern)
                    .map_or("in the expected form", |(_, words)| words);
                (what, advised())
            };
            vec![problem(
                Location::Value(pointer),
                format!(
                    "{} is {}, which is not {what}.",
                    capitalise(&field),
                    describe_value(instance)
                ),
                help,
            )]
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => vec![problem(
            Location::Value(pointer),
            format!(
                "{} is {}; it must be at least {limit}.",
                capitalise(&field),
                describe_value(instance)
            ),
            description(),
        )],
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => vec![problem(
            Location::Value(pointer),
            format!(
                "{} is {}; it must be at most {limit}.",
                capitalise(&field),
                describe_value(instance)
            ),
            description(),
        )],
        ValidationErrorKind::MinLength { .. } => {
            vec![problem(
                Location::Value(pointer),
                format!("{} is empty.", capitalise(&field)),
                description(),
            )]
        }
        ValidationErrorKind::MinItems { limit } => vec![problem(
            Location::Value(pointer),
            format!(
                "{} needs at least {limit} {}.",
                capitalise(&field),
                if *limit == 1 { "entry" } else { "entries" }
            ),
            description(),
        )],
        ValidationErrorKind::UniqueItems => vec![problem(
            Location::Value(pointer),
            format!(
                "{} lists the same value more than once.",
                capitalise(&field)
            ),
            Some("Remove the repeated entry.".to_owned()),
        )],
        ValidationErrorKind::FalseSchema | ValidationErrorKind::Not { .. } => vec![problem(
            Location::Key(pointer),
            format!("{} is not allowed here.", capitalise(&field)),
            description_near(root, &schema_path),
        )],
        _ => vec![problem(
            Location::Value(pointer),
            format!("{} does not have an allowed value.", capitalise(&field)),
            description(),
        )],
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {

    /// Every YAML file of the example registry and the test fixtures, with
    /// the record kind its place gives it.
    fn registry_files() -> Vec<(RecordKind, Value)> {
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
                    Some(name)
                        if name.ends_with(".yaml") && relative.contains("organisations/") =>
                    {
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
    fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
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
    fn strings_over(alphabet: &[char], longest: usize) -> Vec<String> {
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
        let mut candidates =
            strings_over(&['a', 'z', '0', '9', '-', '/', 'A', 'Z', ' ', 'é', '\n'], 4);
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
    fn patterns(schema: &Value, found: &mut Vec<String>) {
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
    fn problem_at(kind: RecordKind, data: Value, pointer: &str) -> (String, String) {
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

    fn flow_with(field: &str, value: Value) -> Value {
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
            help.starts_with(
                "`likelihood` belongs in each risk under `risks`, or under `residual`:"
            ),
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
        assert!(
            help("yes").starts_with("Yes and no are written `true` and `false`: write `true`.")
        );
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
        let (message, help) =
            problem_at(RecordKind::Organisation, data, "/officers/0/signing_keys/0");
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
    use super::*;

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
    use crate::source::document::Document;
    use serde_json::json;

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
}
