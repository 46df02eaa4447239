//! Validation errors in plain English: which field (in words: "`impact`
//! of risk 1 of flow 2"), what was found, what is allowed, and how to
//! write it. One file for each kind of error.

pub(super) mod choice;
pub(super) mod form;
pub(super) mod limits;
pub(super) mod required;
pub(super) mod unknown_field;
pub(super) mod wrong_type;

use crate::diagnostic::Location;
use crate::schema::fields::*;
use crate::schema::rewrite;
use crate::schema::tree::*;
use crate::schema::{RecordKind, SchemaProblem};
use jsonschema::PatternOptions;
use jsonschema::ValidationError;
use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One validation error, with what every kind of explanation needs.
pub(in crate::schema) struct At<'a> {
    /// The schema of the record.
    pub root: &'a Value,
    pub kind: RecordKind,
    /// The whole record.
    pub document: &'a Value,
    /// The value that fails.
    pub instance: &'a Value,
    /// Where the value is (a JSON pointer).
    pub pointer: String,
    /// Where in the schema the failing keyword is.
    pub schema_path: Vec<String>,
    /// The field in words.
    pub field: String,
}

impl At<'_> {
    /// The schema path of the value's own schema (the failing keyword's
    /// parent).
    pub fn parent_path(&self) -> &[String] {
        &self.schema_path[..self.schema_path.len().saturating_sub(1)]
    }

    /// The field's description, as editors show it.
    pub fn description(&self) -> Option<String> {
        description_near(self.root, self.parent_path())
    }

    /// The field's description, after the value written properly where a
    /// common slip can be undone.
    pub fn advised(&self) -> Option<String> {
        advise(
            rewritten(
                self.kind,
                self.root,
                self.parent_path(),
                &self.pointer,
                self.instance,
            ),
            self.description(),
        )
    }

    pub fn problem(
        &self,
        location: Location,
        message: String,
        help: Option<String>,
    ) -> SchemaProblem {
        SchemaProblem {
            location,
            message,
            help,
            misspells: None,
            missing: None,
        }
    }
}

/// The problems of one validation error, in words; at most `limit` of
/// them (an unknown-fields error holds one problem per field).
pub(in crate::schema) fn explain(
    root: &Value,
    error: &ValidationError<'_>,
    kind: RecordKind,
    document: &Value,
    limit: usize,
) -> Vec<SchemaProblem> {
    let pointer = error.instance_path().as_str().to_owned();
    let at = At {
        root,
        kind,
        document,
        instance: error.instance(),
        field: describe_pointer(&pointer),
        schema_path: segments(error.evaluation_path().as_str()),
        pointer,
    };
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            unknown_field::unknown_fields(&at, unexpected, limit)
        }
        ValidationErrorKind::Required { property } => required::missing(&at, property),
        ValidationErrorKind::Enum { options } => choice::not_a_choice(&at, options),
        ValidationErrorKind::Type { .. } => wrong_type::wrong_type(&at),
        ValidationErrorKind::Format { format } => form::bad_format(&at, format),
        ValidationErrorKind::Pattern { .. }
            if at
                .instance
                .as_str()
                .is_some_and(|text| text.contains("PRIVATE KEY-----")) =>
        {
            form::private_key(&at)
        }
        ValidationErrorKind::Pattern { pattern } => form::bad_pattern(&at, pattern),
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => limits::below_minimum(&at, limit),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => limits::above_maximum(&at, limit),
        ValidationErrorKind::MinLength { .. } => limits::empty(&at),
        ValidationErrorKind::MinItems { limit } => limits::too_few(&at, *limit),
        ValidationErrorKind::UniqueItems => limits::repeated(&at),
        ValidationErrorKind::FalseSchema | ValidationErrorKind::Not { .. } => {
            limits::not_allowed(&at)
        }
        _ => limits::other(&at),
    }
}

/// `advice`, then what the help would have said without it.
pub(in crate::schema) fn advise(advice: Option<String>, help: Option<String>) -> Option<String> {
    match (advice, help) {
        (Some(advice), Some(help)) => Some(format!("{advice} {help}")),
        (advice, help) => advice.or(help),
    }
}

/// How `found` is written as the field at schema path `path` asks, from
/// the first of [`rewrite::guesses`] that the field's schema accepts:
/// "Write `Z5940683`.", "Dates are written year-month-day: ...".
pub(in crate::schema) fn rewritten(
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
pub(in crate::schema) fn field_validator(
    kind: RecordKind,
    root: &Value,
    path: &[String],
) -> Option<Arc<Validator>> {
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
