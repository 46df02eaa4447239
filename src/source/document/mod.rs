//! A parsed YAML file as one compact tree: every value with its position,
//! held in a few flat arrays rather than one allocation per value.
//!
//! This is what the loader works on. The schemas validate it directly (see
//! [`json`]), the typed records are deserialised from it with borrowed text
//! (see [`de`]), the sign-off digest is taken from it, and positions for
//! findings come from it. A national registry is 70,000 files; building a
//! `serde_json::Value` for each, then copying it into typed records, cost
//! more than reading the YAML did (BENCHMARKS.md).

mod de;
pub mod json;

use crate::diagnostic::Span;
use serde_json::{Map, Number, Value};

/// A number as the YAML 1.2 core schema resolves it; the same three forms
/// `serde_json` keeps, so converting is exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Num {
    pub fn from_json(number: &Number) -> Option<Num> {
        if let Some(unsigned) = number.as_u64() {
            Some(Num::Unsigned(unsigned))
        } else if let Some(signed) = number.as_i64() {
            Some(Num::Signed(signed))
        } else {
            number.as_f64().map(Num::Float)
        }
    }

    pub fn to_json(self) -> Number {
        match self {
            Num::Unsigned(unsigned) => Number::from(unsigned),
            Num::Signed(signed) => Number::from(signed),
            // Only finite numbers are ever made (see `yaml::resolve_plain`).
            Num::Float(float) => Number::from_f64(float).unwrap_or_else(|| Number::from(0)),
        }
    }
}

/// A piece of [`Document::text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TextRange {
    start: u32,
    len: u32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    Number(Num),
    String(TextRange),
    /// `len` entries of [`Document::items`] from `start`.
    Sequence {
        start: u32,
        len: u32,
    },
    /// `len` entries of [`Document::members`] from `start`.
    Mapping {
        start: u32,
        len: u32,
    },
}

#[derive(Clone, Copy, Debug)]
struct NodeData {
    kind: Kind,
    /// The value's position; for a mapping or list, only its start.
    span: Span,
    /// For a mapping's value, the position of its key.
    key_span: Option<Span>,
}

#[derive(Clone, Copy, Debug)]
struct Member {
    key: TextRange,
    value: u32,
}

/// One file's data. Node 0 is the root.
#[derive(Debug, Default)]
pub struct Document {
    /// The text of every key and string value, one after another.
    text: String,
    nodes: Vec<NodeData>,
    members: Vec<Member>,
    items: Vec<u32>,
}

impl Document {
    /// The top-level value. A file with no content holds `null`.
    pub fn root(&self) -> Node<'_> {
        Node {
            document: self,
            index: 0,
        }
    }

    /// The text of every key and string value, one after another.
    pub fn all_text(&self) -> &str {
        &self.text
    }

    fn text_of(&self, range: TextRange) -> &str {
        let start = range.start as usize;
        self.text
            .get(start..start + range.len as usize)
            .unwrap_or_default()
    }

    /// The data as a `serde_json::Value`, for the few places that want one
    /// (reading back a file `isg new` is about to write, messages about a
    /// file that failed its schema).
    pub fn to_value(&self) -> Value {
        self.root().to_value()
    }

    /// The same data built from a `serde_json::Value` (with no positions).
    pub fn from_value(value: &Value) -> Document {
        let mut builder = Builder::default();
        builder.value(value);
        builder.finish()
    }

    /// Every text value with the key it stands under (`None` for an item
    /// of a list, or a file that is one text), in no particular order: one
    /// pass over the document's flat arrays, for checks that look at every
    /// text and seldom find anything ([`Document::pointer_to`] then says
    /// where it is).
    pub fn texts(&self) -> impl Iterator<Item = (Option<&str>, Node<'_>)> {
        let node = move |index: u32| Node {
            document: self,
            index,
        };
        let root = std::iter::once((None, node(0)));
        let members = self
            .members
            .iter()
            .map(move |member| (Some(self.text_of(member.key)), node(member.value)));
        let items = self.items.iter().map(move |&index| (None, node(index)));
        root.chain(members)
            .chain(items)
            .filter(|(_, node)| matches!(node.kind(), Kind::String(_)))
    }

    /// The JSON pointer of `target`, found by a walk from the root: for the
    /// rare value a check reports.
    pub fn pointer_to(&self, target: Node<'_>) -> String {
        fn find(node: Node<'_>, target: u32, pointer: &mut String) -> bool {
            if node.index == target {
                return true;
            }
            let length = pointer.len();
            for (i, item) in node.items().enumerate() {
                pointer.push('/');
                pointer.push_str(&i.to_string());
                if find(item, target, pointer) {
                    return true;
                }
                pointer.truncate(length);
            }
            for (key, value) in node.members() {
                pointer.push('/');
                pointer.push_str(&crate::diagnostic::pointer_segment(key));
                if find(value, target, pointer) {
                    return true;
                }
                pointer.truncate(length);
            }
            false
        }
        let mut pointer = String::new();
        find(self.root(), target.index, &mut pointer);
        pointer
    }

    /// The position of every key and value, by JSON pointer.
    /// The spans of the value at a JSON pointer (`/parties/0/org`), found
    /// by walking down to it rather than by listing every value; `None`
    /// when the file has no value there.
    pub fn spans_at(&self, pointer: &str) -> Option<NodeSpans> {
        let mut node = self.root();
        if !pointer.is_empty() {
            for segment in pointer.strip_prefix('/')?.split('/') {
                let segment: std::borrow::Cow<'_, str> = match segment.contains('~') {
                    true => segment.replace("~1", "/").replace("~0", "~").into(),
                    false => segment.into(),
                };
                node = match node.kind() {
                    Kind::Mapping { .. } => node.get(&segment)?,
                    Kind::Sequence { .. } => node.items().nth(segment.parse().ok()?)?,
                    _ => return None,
                };
            }
        }
        Some(NodeSpans {
            key: node.key_span(),
            value: node.span(),
            container: node.is_container(),
        })
    }
}

/// Where a value is: its key (for a mapping entry) and the value itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeSpans {
    pub key: Option<Span>,
    pub value: Span,
    /// Whether the value is a mapping or list (its span is only its start).
    pub container: bool,
}

/// A value in a [`Document`]. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Node<'d> {
    document: &'d Document,
    index: u32,
}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_value())
    }
}

impl<'d> Node<'d> {
    fn data(&self) -> &'d NodeData {
        &self.document.nodes[self.index as usize]
    }

    pub(crate) fn kind(&self) -> Kind {
        self.data().kind
    }

    pub fn span(&self) -> Span {
        self.data().span
    }

    pub fn key_span(&self) -> Option<Span> {
        self.data().key_span
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind(), Kind::Null)
    }

    pub fn is_container(&self) -> bool {
        matches!(self.kind(), Kind::Sequence { .. } | Kind::Mapping { .. })
    }

    pub fn as_str(&self) -> Option<&'d str> {
        match self.kind() {
            Kind::String(range) => Some(self.document.text_of(range)),
            _ => None,
        }
    }

    /// The entries of a mapping, in file order; nothing for other values.
    pub fn members(&self) -> Members<'d> {
        let document = self.document;
        let members: &'d [Member] = match self.kind() {
            Kind::Mapping { start, len } => {
                &document.members[start as usize..(start + len) as usize]
            }
            _ => &[],
        };
        Members {
            document,
            members: members.iter(),
        }
    }

    /// The items of a list; nothing for other values.
    pub fn items(&self) -> Items<'d> {
        let document = self.document;
        let items: &'d [u32] = match self.kind() {
            Kind::Sequence { start, len } => {
                &document.items[start as usize..(start + len) as usize]
            }
            _ => &[],
        };
        Items {
            document,
            items: items.iter(),
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<Node<'d>> {
        self.members()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value)
    }

    pub fn to_value(&self) -> Value {
        match self.kind() {
            Kind::Null => Value::Null,
            Kind::Bool(flag) => Value::Bool(flag),
            Kind::Number(number) => Value::Number(number.to_json()),
            Kind::String(range) => Value::String(self.document.text_of(range).to_owned()),
            Kind::Sequence { .. } => {
                Value::Array(self.items().map(|item| item.to_value()).collect())
            }
            Kind::Mapping { .. } => Value::Object(
                self.members()
                    .map(|(key, value)| (key.to_owned(), value.to_value()))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }

    /// Where this node sits in its document, so that two handles on one
    /// node can be told apart from handles on another.
    fn identity(&self) -> (usize, u32) {
        (std::ptr::from_ref(self.document) as usize, self.index)
    }
}

/// What a container being built is waiting for.
#[derive(Debug)]
struct Open {
    node: u32,
    mapping: bool,
    /// Where this container's children start in [`Builder::pending`].
    first_child: usize,
    /// The key waiting for its value: `None` before a key arrives;
    /// `Some(None)` when that key is a duplicate whose value is dropped.
    key: Option<Option<TextRange>>,
    /// Keys seen so far, once a mapping is too large to search its
    /// children for duplicates (a hostile file may have 100,000 keys).
    index: Option<std::collections::HashSet<String>>,
    /// One bit per key seen, chosen by [`key_bit`]: a key whose bit is
    /// clear is new, and its siblings need not be searched.
    seen: u64,
}

/// The bit of [`Open::seen`] for a key, from its length and its first and
/// last bytes: keys of one mapping almost always differ in one of them.
fn key_bit(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let first = u32::from(bytes.first().copied().unwrap_or(0));
    let last = u32::from(bytes.last().copied().unwrap_or(0));
    let mixed = ((key.len() as u32) << 16 | first << 8 | last).wrapping_mul(0x9E37_79B9);
    1 << (mixed >> 26)
}

/// Mappings with more keys than this keep an index of their keys.
const SMALL_MAPPING: usize = 32;

/// Builds a [`Document`] one value at a time, as a parser reports them.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    document: Document,
    open: Vec<Open>,
    /// Children of the open containers, innermost last: `(key, node)`.
    pending: Vec<(Option<TextRange>, u32)>,
    key_span: Option<Span>,
}

/// What [`Builder::key`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum KeyOutcome {
    New,
    /// The key appeared before in the same mapping; its value is dropped.
    Duplicate,
}

impl Builder {
    /// A builder that reuses a finished document's memory.
    pub(crate) fn reusing(mut document: Document) -> Builder {
        document.text.clear();
        document.nodes.clear();
        document.members.clear();
        document.items.clear();
        Builder {
            document,
            ..Builder::default()
        }
    }

    fn add_text(&mut self, text: &str) -> TextRange {
        let start = self.document.text.len() as u32;
        self.document.text.push_str(text);
        TextRange {
            start,
            len: text.len() as u32,
        }
    }

    fn add_node(&mut self, kind: Kind, span: Span) -> u32 {
        let index = self.document.nodes.len() as u32;
        let key_span = self.key_span.take();
        self.document.nodes.push(NodeData {
            kind,
            span,
            key_span,
        });
        index
    }

    /// Whether the next scalar is a mapping key.
    pub(crate) fn expecting_key(&self) -> bool {
        matches!(self.open.last(), Some(open) if open.mapping && open.key.is_none())
    }

    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// A key of the innermost mapping.
    pub(crate) fn key(&mut self, key: &str, span: Span) -> KeyOutcome {
        let document = &self.document;
        let Some(open) = self.open.last_mut() else {
            return KeyOutcome::New;
        };
        let siblings = &self.pending[open.first_child..];
        let bit = key_bit(key);
        let maybe_seen = open.seen & bit != 0;
        open.seen |= bit;
        let duplicate = match &mut open.index {
            Some(index) => !index.insert(key.to_owned()),
            None => {
                // Lengths are compared first: they tell most keys apart
                // without comparing any text.
                let seen = maybe_seen
                    && siblings.iter().any(|(name, _)| {
                        name.is_some_and(|name| {
                            name.len as usize == key.len() && document.text_of(name) == key
                        })
                    });
                if !seen && siblings.len() >= SMALL_MAPPING {
                    let mut index: std::collections::HashSet<String> = siblings
                        .iter()
                        .filter_map(|(name, _)| name.map(|name| document.text_of(name).to_owned()))
                        .collect();
                    index.insert(key.to_owned());
                    open.index = Some(index);
                }
                seen
            }
        };
        self.key_span = Some(span);
        if duplicate {
            if let Some(open) = self.open.last_mut() {
                open.key = Some(None);
            }
            return KeyOutcome::Duplicate;
        }
        let range = self.add_text(key);
        if let Some(open) = self.open.last_mut() {
            open.key = Some(Some(range));
        }
        KeyOutcome::New
    }

    pub(crate) fn string(&mut self, text: &str, span: Span) {
        let range = self.add_text(text);
        self.scalar(Kind::String(range), span);
    }

    pub(crate) fn scalar(&mut self, kind: Kind, span: Span) {
        let node = self.add_node(kind, span);
        self.attach(node);
    }

    pub(crate) fn open(&mut self, mapping: bool, span: Span) {
        let kind = if mapping {
            Kind::Mapping { start: 0, len: 0 }
        } else {
            Kind::Sequence { start: 0, len: 0 }
        };
        let node = self.add_node(kind, span);
        self.open.push(Open {
            node,
            mapping,
            first_child: self.pending.len(),
            key: None,
            index: None,
            seen: 0,
        });
    }

    pub(crate) fn close(&mut self) {
        let Some(open) = self.open.pop() else {
            return;
        };
        let children = self.pending.drain(open.first_child..);
        let kind = if open.mapping {
            let start = self.document.members.len() as u32;
            self.document
                .members
                .extend(children.filter_map(|(key, value)| Some(Member { key: key?, value })));
            Kind::Mapping {
                start,
                len: self.document.members.len() as u32 - start,
            }
        } else {
            let start = self.document.items.len() as u32;
            self.document.items.extend(children.map(|(_, item)| item));
            Kind::Sequence {
                start,
                len: self.document.items.len() as u32 - start,
            }
        };
        self.document.nodes[open.node as usize].kind = kind;
        self.attach(open.node);
    }

    /// Adds a finished value to the container it belongs to. The value of
    /// a duplicate key is dropped (its own contents were still read, so a
    /// duplicate inside it is reported too).
    fn attach(&mut self, node: u32) {
        let Some(open) = self.open.last_mut() else {
            return;
        };
        if !open.mapping {
            self.pending.push((None, node));
        } else if let Some(Some(key)) = open.key.take() {
            self.pending.push((Some(key), node));
        }
    }

    /// The finished document; `null` when nothing was added.
    pub(crate) fn finish(mut self) -> Document {
        if self.document.nodes.is_empty() {
            self.add_node(Kind::Null, Span::default());
        }
        self.document
    }

    fn value(&mut self, value: &Value) {
        let span = Span::default();
        match value {
            Value::Null => self.scalar(Kind::Null, span),
            Value::Bool(flag) => self.scalar(Kind::Bool(*flag), span),
            Value::Number(number) => {
                let kind = Num::from_json(number).map_or(Kind::Null, Kind::Number);
                self.scalar(kind, span);
            }
            Value::String(text) => self.string(text, span),
            Value::Array(items) => {
                self.open(false, span);
                for item in items {
                    self.value(item);
                }
                self.close();
            }
            Value::Object(members) => {
                self.open(true, span);
                for (key, item) in members {
                    self.key(key, span);
                    self.value(item);
                }
                self.close();
            }
        }
    }
}

/// The entries of a mapping ([`Node::members`]). A named type, so that the
/// validator can walk a document without boxing an iterator per mapping.
#[derive(Clone, Debug)]
pub struct Members<'d> {
    document: &'d Document,
    members: std::slice::Iter<'d, Member>,
}

impl<'d> Iterator for Members<'d> {
    type Item = (&'d str, Node<'d>);

    fn next(&mut self) -> Option<Self::Item> {
        let member = self.members.next()?;
        let node = Node {
            document: self.document,
            index: member.value,
        };
        Some((self.document.text_of(member.key), node))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.members.size_hint()
    }
}

impl ExactSizeIterator for Members<'_> {}

/// The items of a list ([`Node::items`]).
#[derive(Clone, Debug)]
pub struct Items<'d> {
    document: &'d Document,
    items: std::slice::Iter<'d, u32>,
}

impl<'d> Iterator for Items<'d> {
    type Item = Node<'d>;

    fn next(&mut self) -> Option<Node<'d>> {
        let index = *self.items.next()?;
        Some(Node {
            document: self.document,
            index,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_round_trip() {
        let value = json!({"b": [1, -2, 2.5, "x", null, true], "a": {"c": {}}, "d": []});
        let document = Document::from_value(&value);
        assert_eq!(document.to_value(), value);
        let root = document.root();
        assert_eq!(root.get("b").map(|b| b.items().len()), Some(6));
        assert_eq!(
            root.get("b")
                .and_then(|b| b.items().nth(3))
                .and_then(|x| x.as_str()),
            Some("x")
        );
        assert!(root.get("missing").is_none());
    }

    #[test]
    fn an_empty_document_is_null() {
        assert!(Builder::default().finish().root().is_null());
    }

    #[test]
    fn duplicate_keys_keep_the_first_value() {
        let mut builder = Builder::default();
        let span = Span::default();
        builder.open(true, span);
        assert_eq!(builder.key("a", span), KeyOutcome::New);
        builder.string("first", span);
        assert_eq!(builder.key("a", span), KeyOutcome::Duplicate);
        builder.open(false, span);
        builder.string("dropped", span);
        builder.close();
        assert_eq!(builder.key("b", span), KeyOutcome::New);
        builder.string("kept", span);
        builder.close();
        assert_eq!(
            builder.finish().to_value(),
            json!({"a": "first", "b": "kept"})
        );
    }

    #[test]
    fn duplicates_are_found_whatever_bits_keys_share() {
        // Keys over two letters, up to three long, share their bits of
        // `seen` often; each mapping's outcomes must match a plain set.
        let mut keys = vec![String::new()];
        for length in 1..=3 {
            let shorter: Vec<String> = keys
                .iter()
                .filter(|k| k.len() == length - 1)
                .cloned()
                .collect();
            keys.extend(
                shorter
                    .iter()
                    .flat_map(|k| [format!("{k}a"), format!("{k}b")]),
            );
        }
        assert!(keys.iter().any(|k| k == "aab") && keys.iter().any(|k| k == "abb"));
        let span = Span::default();
        for step in 1..keys.len() {
            let mut builder = Builder::default();
            let mut seen = std::collections::HashSet::new();
            builder.open(true, span);
            for round in 0..keys.len() * 2 {
                let key = &keys[(round * step) % keys.len()];
                let expected = if seen.insert(key.clone()) {
                    KeyOutcome::New
                } else {
                    KeyOutcome::Duplicate
                };
                assert_eq!(builder.key(key, span), expected, "key {key:?}, step {step}");
                builder.scalar(Kind::Null, span);
            }
            builder.close();
            assert_eq!(builder.finish().root().members().len(), seen.len());
        }
    }

    #[test]
    fn large_mappings_still_find_duplicates() {
        let mut builder = Builder::default();
        let span = Span::default();
        builder.open(true, span);
        for i in 0..100 {
            assert_eq!(builder.key(&format!("k{i}"), span), KeyOutcome::New);
            builder.scalar(Kind::Null, span);
        }
        assert_eq!(builder.key("k7", span), KeyOutcome::Duplicate);
        builder.scalar(Kind::Bool(true), span);
        assert_eq!(builder.key("k99", span), KeyOutcome::Duplicate);
        builder.scalar(Kind::Bool(true), span);
        builder.close();
        let document = builder.finish();
        assert_eq!(document.root().members().len(), 100);
        assert!(document.root().get("k7").is_some_and(|v| v.is_null()));
    }
}
