//! A field and a value in words, as messages name them: "`impact` of risk
//! 1 of flow 2", "the text \"yes\"", "a list of text"; and a reference
//! written as words turned into the id it stands for.

use super::tree::segments;
use super::words::singular;
use crate::schema::compile::*;
use serde_json::Value;

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
pub(super) fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::Bool(flag) => format!("{flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the text \"{}\"", shorten(text)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a set of fields".to_owned(),
    }
}

pub(super) fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}...", text.chars().take(57).collect::<String>())
    } else {
        text.to_owned()
    }
}

pub(super) fn type_words(schema_type: &Value) -> String {
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

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
