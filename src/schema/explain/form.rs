//! A value not in the expected form: a date, an email or web address, an
//! id, a code (ICO, ODS), a public key (and a private key pasted for one).

use super::At;
use crate::diagnostic::Location;
use crate::schema::SchemaProblem;
use crate::schema::compile::*;
use crate::schema::fields::*;
use crate::schema::tree::*;
use crate::schema::words::*;
use serde_json::Value;

/// A value that is not of its `format` (date, email, uri).
pub(in crate::schema) fn bad_format(at: &At<'_>, format: &str) -> Vec<SchemaProblem> {
    let instance = at.instance;
    let pointer = &at.pointer;
    let field = &at.field;
    let advised = || at.advised();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    let what = match format {
        "date" => "a real date written YYYY-MM-DD",
        "email" => "an email address",
        "uri" => "a web address",
        _ => "in the expected form",
    };
    let help = advised();
    vec![problem(
        Location::Value(pointer.clone()),
        format!(
            "{} is {}, which is not {what}.",
            capitalise(field),
            describe_value(instance)
        ),
        help,
    )]
}

/// A private key pasted where a public key belongs.
pub(in crate::schema) fn private_key(at: &At<'_>) -> Vec<SchemaProblem> {
    let pointer = &at.pointer;
    let field = &at.field;
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    // A private key pasted for a public one: saying only that it
    // is not a public key would leave it where everyone reads it.
    vec![problem(
            Location::Value(pointer.clone()),
            format!(
                "{} is a private key. A private key never leaves its owner's computer.",
                capitalise(field)
            ),
            Some("Remove it, and treat the key as exposed: it stays in the repository's history, where anyone who can read it can sign as this officer. Make a new key pair (`ssh-keygen -t ed25519`) and record the new public key, the one line in the `.pub` file.".to_owned()),
        )]
}

/// A value that does not match its `pattern`.
pub(in crate::schema) fn bad_pattern(at: &At<'_>, pattern: &str) -> Vec<SchemaProblem> {
    let (root, instance) = (at.root, at.instance);
    let pointer = &at.pointer;
    let field = &at.field;
    let parent_path = at.parent_path();
    let description = || at.description();
    let advised = || at.advised();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
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
            .find(|(known, _)| *known == pattern)
            .map_or("in the expected form", |(_, words)| words);
        (what, advised())
    };
    vec![problem(
        Location::Value(pointer.clone()),
        format!(
            "{} is {}, which is not {what}.",
            capitalise(field),
            describe_value(instance)
        ),
        help,
    )]
}

/// What an id looks like, with the value written as one where that can be
/// done (`Record not received` as `record-not-received`), then the field's
/// description.
pub(in crate::schema) fn id_help(text: &str, pair: bool, description: Option<String>) -> String {
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
