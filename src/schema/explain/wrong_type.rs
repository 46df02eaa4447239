//! A value of the wrong type: a number written as text, a list written
//! as one value, a mapping where text belongs, a missing value.

use super::At;
use super::choice::letter_meant;
use super::*;
use crate::diagnostic::Location;
use crate::schema::SchemaProblem;
use crate::schema::fields::*;
use crate::schema::tree::*;
use crate::schema::words;
use crate::text::did_you_mean;
use serde_json::Value;

/// A value whose type the schema does not allow.
pub(in crate::schema) fn wrong_type(at: &At<'_>) -> Vec<SchemaProblem> {
    let (root, kind, instance) = (at.root, at.kind, at.instance);
    let pointer = &at.pointer;
    let field = &at.field;
    let parent_path = at.parent_path();
    let description = || at.description();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    let expected = schema_node(root, parent_path)
        .and_then(|node| node.get("type"))
        .map(type_words)
        .unwrap_or_default();
    let message = if instance.is_null() {
        format!(
            "{} has no value; it should be {expected}.",
            capitalise(field)
        )
    } else {
        format!(
            "{} should be {expected}, but it is {}.",
            capitalise(field),
            describe_value(instance)
        )
    };
    let mut help = description();
    if expected == "a list" {
        if let Some(fields) = instance.as_object() {
            help = Some(list_written_as_fields(at, fields));
        } else if !instance.is_array() && !instance.is_null() {
            help = Some(list_written_as_text(at));
        }
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
    let help = advise(rewritten(kind, root, parent_path, pointer, instance), help);
    vec![problem(Location::Value(pointer.clone()), message, help)]
}

/// Advice for a list written as fields named by its entries' ids
/// (`epr-to-ed:` with the flow under it).
fn list_written_as_fields(at: &At<'_>, fields: &serde_json::Map<String, Value>) -> String {
    let (root, parent_path) = (at.root, at.parent_path());
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
    match fields.iter().next() {
        Some((first, value)) if value.is_object() => format!(
            "Each entry of a list starts with `- ` on a line of its own: write `- {key}: {first}` where it says `{first}:`, with the entry's fields lined up under `{key}`, and the same for each entry."
        ),
        _ => "Each entry of a list starts with `- ` on a line of its own, under the field."
            .to_owned(),
    }
}

/// Advice for a list written as one text (`roles: Caldicott Guardian`,
/// `subjects: patients, carers`, `-Crew gives...`).
fn list_written_as_text(at: &At<'_>) -> String {
    let (root, instance, parent_path) = (at.root, at.instance, at.parent_path());
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
            .map(|entry| choice_meant(entry, choices, meanings).unwrap_or_else(|| entry.to_owned()))
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
    if let Some(item) = dashed {
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
        format!("Write it as a list, even with one entry: `[{text}]`, or one `- entry` per line.")
    }
}

/// The choices an entry of the list at schema path `path` may take, when
/// its entries are choices, and the description that says what they mean.
pub(in crate::schema) fn list_choices(
    root: &Value,
    path: &[String],
) -> Option<(Vec<String>, String)> {
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
pub(in crate::schema) fn choice_meant(
    found: &str,
    choices: &[String],
    description: &str,
) -> Option<String> {
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
