//! The schema as a tree: the schema of a field at an instance pointer, its
//! description and choices, and where else in the format a field of a
//! given name belongs.

use super::compile::schema;
use super::words::singular;
use crate::schema::RecordKind;
use serde_json::Value;

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

pub(super) fn segments(pointer: &str) -> Vec<String> {
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
pub(super) fn schema_node<'a>(root: &'a Value, path: &[String]) -> Option<&'a Value> {
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

pub(super) fn follow_ref<'a>(root: &'a Value, node: &Value) -> Option<&'a Value> {
    let reference = node.get("$ref")?.as_str()?;
    root.pointer(reference.strip_prefix('#')?)
}

/// The description nearest to a schema path: the property's own, or the
/// one of the property that refers to it.
pub(super) fn description_near(root: &Value, path: &[String]) -> Option<String> {
    (0..=path.len()).rev().find_map(|len| {
        let node = schema_node(root, &path[..len])?;
        node.get("description")?.as_str().map(str::to_owned)
    })
}

/// The `properties` object that applies at a schema path, looking outward
/// past `if`/`then`/`else` to the enclosing object schema.
pub(super) fn properties_near<'a>(
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

/// Where else in the format a field called `name` belongs, in words ("in
/// each flow under `flows`", "under `rules`"), other than in the mapping
/// at `here` (an instance pointer): a field indented too little or too
/// much lands in the wrong mapping, and is known by its name. A place
/// where `document` already has the field everywhere is no answer: a
/// flow's `title:` is not the agreement's, which has its own.
pub(super) fn places_of(root: &Value, name: &str, here: &str, document: &Value) -> Vec<String> {
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
