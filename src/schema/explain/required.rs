//! A required field that is missing.

use super::At;
use crate::diagnostic::Location;
use crate::schema::SchemaProblem;
use crate::schema::tree::*;
use serde_json::Value;

/// The field `property` missing from a mapping.
pub(in crate::schema) fn missing(at: &At<'_>, property: &Value) -> Vec<SchemaProblem> {
    let root = at.root;
    let pointer = &at.pointer;
    let field = &at.field;
    let parent_path = at.parent_path();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
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
