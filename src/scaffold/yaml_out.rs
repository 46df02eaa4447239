//! Writing new records as YAML that reads like the hand-written files: keys
//! in the order the format documents them, short lists in brackets, text
//! quoted only when YAML would otherwise misread it. Every document written
//! is read back with the registry's own parser and must mean exactly what
//! was asked for.

use crate::source::yaml;
use serde_json::Value;

/// A record in the order it should be written.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    Integer(i64),
    Bool(bool),
    Map(Vec<(String, Node)>),
    /// A mapping of a few values written on one line,
    /// `{org: north-trust, role: controller}`, as the registry's files write
    /// an agreement's parties; a mapping beneath its key where it does not
    /// fit on the line.
    Row(Vec<(String, Node)>),
    List(Vec<Node>),
}

impl Node {
    pub fn text(text: impl Into<String>) -> Node {
        Node::Text(text.into())
    }

    /// A list of texts.
    pub fn texts<S: AsRef<str>>(items: &[S]) -> Node {
        Node::List(items.iter().map(|item| Node::text(item.as_ref())).collect())
    }

    /// The JSON the registry's loader makes of this node.
    pub fn to_json(&self) -> Value {
        match self {
            Node::Text(text) => Value::String(text.clone()),
            Node::Integer(number) => Value::from(*number),
            Node::Bool(flag) => Value::Bool(*flag),
            Node::Map(entries) | Node::Row(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.to_json()))
                    .collect(),
            ),
            Node::List(items) => Value::Array(items.iter().map(Node::to_json).collect()),
        }
    }
}

/// Builds a mapping from `(key, value)` pairs, leaving out `None` values.
#[derive(Debug, Default)]
pub struct MapBuilder(Vec<(String, Node)>);

impl MapBuilder {
    pub fn new() -> MapBuilder {
        MapBuilder::default()
    }

    pub fn set(mut self, key: &str, value: impl Into<Option<Node>>) -> MapBuilder {
        if let Some(value) = value.into() {
            self.0.push((key.to_owned(), value));
        }
        self
    }

    pub fn build(self) -> Node {
        Node::Map(self.0)
    }

    /// The mapping written on one line where it fits ([`Node::Row`]).
    pub fn build_row(self) -> Node {
        Node::Row(self.0)
    }
}

/// The YAML text of a document: `header` comment lines, then `node`
/// (a mapping). Errs only if the text would not read back as `node`, which
/// would be a fault in this writer, never in the user's answers.
pub fn document(header: &[&str], node: &Node) -> Result<String, String> {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    write_block(&mut out, node, 0);
    read_back(&out, &node.to_json())?;
    Ok(out)
}

/// The lines of `node` as one item of a block list at `indent` spaces:
/// `- key: value` and the rest of the mapping beneath it.
pub fn list_item(node: &Node, indent: usize) -> String {
    let mut out = String::new();
    write_list_item(&mut out, node, indent);
    out
}

/// One text as a YAML value after `key: `, quoted only if it must be.
pub fn scalar(text: &str) -> Result<String, String> {
    let written = scalar_text(&Node::text(text), false);
    read_back(
        &format!("x: {written}\n"),
        &serde_json::json!({ "x": text }),
    )?;
    Ok(written)
}

/// Checks that `text` reads back as `expected`.
pub fn read_back(text: &str, expected: &Value) -> Result<(), String> {
    let parsed = yaml::parse(text);
    match parsed.value {
        Some(value) if parsed.problems.is_empty() && &value == expected => Ok(()),
        _ => Err(format!(
            "the YAML written does not read back as intended:\n{text}"
        )),
    }
}

fn write_block(out: &mut String, node: &Node, indent: usize) {
    let (Node::Map(entries) | Node::Row(entries)) = node else {
        return;
    };
    for (key, value) in entries {
        push_indent(out, indent);
        out.push_str(key);
        out.push(':');
        write_value(out, value, indent);
    }
}

/// Writes what follows `key:`.
fn write_value(out: &mut String, value: &Node, indent: usize) {
    if let Some(row) = row_on_one_line(value, indent) {
        out.push(' ');
        out.push_str(&row);
        out.push('\n');
        return;
    }
    match value {
        Node::Map(entries) | Node::Row(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Node::Map(_) | Node::Row(_) => {
            out.push('\n');
            write_block(out, value, indent + 2);
        }
        Node::List(items) if items.is_empty() => out.push_str(" []\n"),
        Node::List(items) => match flow_list(items) {
            Some(flow) if indent + flow.len() < 90 => {
                out.push(' ');
                out.push_str(&flow);
                out.push('\n');
            }
            _ => {
                out.push('\n');
                for item in items {
                    write_list_item(out, item, indent + 2);
                }
            }
        },
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar, false));
            out.push('\n');
        }
    }
}

fn write_list_item(out: &mut String, item: &Node, indent: usize) {
    push_indent(out, indent);
    out.push('-');
    match item {
        Node::Map(entries) | Node::Row(entries)
            if !entries.is_empty() && row_on_one_line(item, indent + 2).is_none() =>
        {
            // The first key sits on the dash's line, the rest beneath it.
            let mut rest = String::new();
            write_block(&mut rest, item, indent + 2);
            out.push(' ');
            out.push_str(rest.trim_start());
        }
        other => write_value(out, other, indent),
    }
}

/// A [`Node::Row`] as `{a: 1, b: 2}`, when it fits on a line whose text
/// starts `indent` columns in.
fn row_on_one_line(node: &Node, indent: usize) -> Option<String> {
    let Node::Row(entries) = node else {
        return None;
    };
    flow_map(entries).filter(|flow| indent + flow.len() < 90)
}

/// `[a, b, c]` when every item is a scalar that needs no quoting there.
fn flow_list(items: &[Node]) -> Option<String> {
    let texts: Option<Vec<String>> = items.iter().map(flow_scalar).collect();
    Some(format!("[{}]", texts?.join(", ")))
}

/// `{a: 1, b: 2}` when every value is a scalar.
fn flow_map(entries: &[(String, Node)]) -> Option<String> {
    let members: Option<Vec<String>> = entries
        .iter()
        .map(|(key, value)| Some(format!("{key}: {}", flow_scalar(value)?)))
        .collect();
    Some(format!("{{{}}}", members?.join(", ")))
}

/// A scalar as it is written inside `[...]` or `{...}` (quoted if it must
/// be); `None` for a mapping or list.
fn flow_scalar(node: &Node) -> Option<String> {
    match node {
        Node::Map(_) | Node::Row(_) | Node::List(_) => None,
        scalar => Some(scalar_text(scalar, true)),
    }
}

fn scalar_text(node: &Node, in_flow: bool) -> String {
    match node {
        Node::Text(text) if is_plain(text, in_flow) => text.clone(),
        // A JSON string is a valid YAML double-quoted scalar.
        Node::Text(text) => serde_json::to_string(text).unwrap_or_default(),
        Node::Integer(number) => number.to_string(),
        Node::Bool(flag) => flag.to_string(),
        Node::Map(_) | Node::Row(_) | Node::List(_) => String::new(),
    }
}

/// Whether `text` can be written without quotes and still read as the same
/// text: asked of the parser itself rather than of a list of YAML's rules.
fn is_plain(text: &str, in_flow: bool) -> bool {
    let awkward = text.is_empty()
        || text.trim() != text
        || text.chars().any(char::is_control)
        || (in_flow && text.contains([',', '[', ']', '{', '}']));
    !awkward && yaml::parse(&format!("x: {text}\n")).value == Some(serde_json::json!({ "x": text }))
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use super::{MapBuilder, Node, document, is_plain};

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        for plain in ["Blackpool Council", "2026-11-22", "NHS number", "a-b"] {
            assert!(is_plain(plain, false), "{plain}");
        }
        for quoted in [
            "yes: no",
            "true",
            "null",
            "123",
            "1e3",
            "# note",
            "- item",
            "",
            " padded",
            "a #b",
            "*alias",
            "&anchor",
            "!tag",
            "{x}",
            "'q'",
            "line\nbreak",
            "@at",
            "`tick",
            "%pct",
            "|",
            ">",
        ] {
            assert!(!is_plain(quoted, false), "{quoted:?}");
        }
        assert!(!is_plain("a, b", true));
        assert!(is_plain("a, b", false));
    }

    #[test]
    fn rows_are_written_on_one_line_where_they_fit() {
        let party = |org: &str| {
            MapBuilder::new()
                .set("org", Node::text(org))
                .set("role", Node::text("controller"))
                .set("signatory", Node::text("ann: lead"))
                .build_row()
        };
        let long = "a-very-long-organisation-id-that-goes-on-and-on-past-the-line";
        let node = MapBuilder::new()
            .set(
                "parties",
                Node::List(vec![party("north-trust"), party(long)]),
            )
            .build();
        let text = document(&[], &node).unwrap();
        assert_eq!(
            text,
            format!(
                "parties:\n  - {{org: north-trust, role: controller, signatory: \"ann: lead\"}}\n  - org: {long}\n    role: controller\n    signatory: \"ann: lead\"\n"
            )
        );
    }

    #[test]
    fn writes_records_that_read_back_exactly() {
        let node = MapBuilder::new()
            .set("id", Node::text("acme"))
            .set("name", Node::text("Acme: \"the\" trust #1"))
            .set("missing", None)
            .set("public_authority", Node::Bool(false))
            .set("roles", Node::texts(&["dpo", "siro"]))
            .set("items", Node::texts(&["name, address", "true"]))
            .set(
                "officers",
                Node::List(vec![
                    MapBuilder::new()
                        .set("id", Node::text("ann"))
                        .set("roles", Node::texts(&["dpo"]))
                        .set(
                            "contact",
                            MapBuilder::new().set("n", Node::Integer(3)).build(),
                        )
                        .build(),
                ]),
            )
            .set("empty", Node::List(Vec::new()))
            .build();
        let text = document(&["header"], &node).unwrap();
        assert_eq!(
            text,
            "# header\nid: acme\nname: \"Acme: \\\"the\\\" trust #1\"\npublic_authority: false\n\
             roles: [dpo, siro]\nitems: [\"name, address\", \"true\"]\nofficers:\n  - id: ann\n    \
             roles: [dpo]\n    contact:\n      n: 3\nempty: []\n"
        );
    }
}
