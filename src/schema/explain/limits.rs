//! A value out of its bounds: a number too small or too large, empty
//! text, a list too short or with a value repeated, a field not allowed.

use super::At;
use crate::diagnostic::Location;
use crate::schema::SchemaProblem;
use crate::schema::fields::*;
use crate::schema::tree::*;
use serde_json::Value;

/// A number below its `limit`.
pub(in crate::schema) fn below_minimum(at: &At<'_>, limit: &Value) -> Vec<SchemaProblem> {
    let instance = at.instance;
    let pointer = &at.pointer;
    let field = &at.field;
    let description = || at.description();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    vec![problem(
        Location::Value(pointer.clone()),
        format!(
            "{} is {}; it must be at least {limit}.",
            capitalise(field),
            describe_value(instance)
        ),
        description(),
    )]
}

/// A number above its `limit`.
pub(in crate::schema) fn above_maximum(at: &At<'_>, limit: &Value) -> Vec<SchemaProblem> {
    let instance = at.instance;
    let pointer = &at.pointer;
    let field = &at.field;
    let description = || at.description();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    vec![problem(
        Location::Value(pointer.clone()),
        format!(
            "{} is {}; it must be at most {limit}.",
            capitalise(field),
            describe_value(instance)
        ),
        description(),
    )]
}

/// Text that is empty.
pub(in crate::schema) fn empty(at: &At<'_>) -> Vec<SchemaProblem> {
    let pointer = &at.pointer;
    let field = &at.field;
    let description = || at.description();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    vec![problem(
        Location::Value(pointer.clone()),
        format!("{} is empty.", capitalise(field)),
        description(),
    )]
}

/// A list with fewer than `limit` entries.
pub(in crate::schema) fn too_few(at: &At<'_>, limit: u64) -> Vec<SchemaProblem> {
    let pointer = &at.pointer;
    let field = &at.field;
    let description = || at.description();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    vec![problem(
        Location::Value(pointer.clone()),
        format!(
            "{} needs at least {limit} {}.",
            capitalise(field),
            if limit == 1 { "entry" } else { "entries" }
        ),
        description(),
    )]
}

/// A list that repeats a value.
pub(in crate::schema) fn repeated(at: &At<'_>) -> Vec<SchemaProblem> {
    let pointer = &at.pointer;
    let field = &at.field;
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    vec![problem(
        Location::Value(pointer.clone()),
        format!("{} lists the same value more than once.", capitalise(field)),
        Some("Remove the repeated entry.".to_owned()),
    )]
}

/// A field the schema does not allow here.
pub(in crate::schema) fn not_allowed(at: &At<'_>) -> Vec<SchemaProblem> {
    let root = at.root;
    let pointer = &at.pointer;
    let field = &at.field;
    let schema_path = &at.schema_path[..];
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    vec![problem(
        Location::Key(pointer.clone()),
        format!("{} is not allowed here.", capitalise(field)),
        description_near(root, schema_path),
    )]
}

/// Any other problem.
pub(in crate::schema) fn other(at: &At<'_>) -> Vec<SchemaProblem> {
    let pointer = &at.pointer;
    let field = &at.field;
    let description = || at.description();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    vec![problem(
        Location::Value(pointer.clone()),
        format!("{} does not have an allowed value.", capitalise(field)),
        description(),
    )]
}
