//! Validating a file's data against its schema, and one field's value on
//! its own (for `isg new`), with every problem explained in words.

use super::compile::compiled;
use super::explain::explain;
use super::tree::{field, segments};
use crate::diagnostic::Location;
use crate::schema::RecordKind;
use crate::source::document::Node;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

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
