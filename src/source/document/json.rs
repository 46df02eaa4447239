//! A [`Document`] as `jsonschema` sees it, so that files are validated in
//! place, without first copying them into `serde_json` values.

use super::{Document, Items, Kind, Members, Node, Num};
use jsonschema::json::{Array, Json, JsonNumber, Node as JsonNode, NodeIdentity, Object};
use jsonschema::types::JsonType;
use serde_json::{Number, Value};
use std::borrow::Cow;

/// The [`Json`] representation of [`Document`] nodes.
pub struct DocumentJson;

impl Json for DocumentJson {
    type Node<'a> = Node<'a>;
    type PreparedKey = Box<str>;
    type StringBuffer = Document;

    // Mappings are small and searched in order, so one pass over the
    // members is cheaper than looking up each required key.
    const KEYS_PER_LOOKUP: usize = 64;

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>(
        buffer: &mut Document,
        string: &str,
        f: impl FnOnce(Node<'_>) -> T,
    ) -> T {
        *buffer = Document::from_value(&Value::String(string.to_owned()));
        f(buffer.root())
    }
}

impl JsonNumber for Num {
    fn as_u64(&self) -> Option<u64> {
        match *self {
            Num::Unsigned(number) => Some(number),
            Num::Signed(number) => u64::try_from(number).ok(),
            Num::Float(_) => None,
        }
    }

    fn as_i64(&self) -> Option<i64> {
        match *self {
            Num::Unsigned(number) => i64::try_from(number).ok(),
            Num::Signed(number) => Some(number),
            Num::Float(_) => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        Some(match *self {
            Num::Unsigned(number) => number as f64,
            Num::Signed(number) => number as f64,
            Num::Float(number) => number,
        })
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_json().to_string())
    }

    fn to_number(&self) -> Cow<'_, Number> {
        Cow::Owned(self.to_json())
    }

    fn is_integer(&self) -> bool {
        match *self {
            Num::Unsigned(_) | Num::Signed(_) => true,
            Num::Float(number) => number.fract() == 0.0,
        }
    }

    fn is_written_as_integer(&self) -> bool {
        !matches!(self, Num::Float(_))
    }
}

/// A mapping node, as a JSON object.
#[derive(Clone, Copy)]
pub struct Mapping<'a>(Node<'a>);

/// A list node, as a JSON array.
#[derive(Clone, Copy)]
pub struct Sequence<'a>(Node<'a>);

impl<'a> JsonNode<'a, DocumentJson> for Node<'a> {
    type Object = Mapping<'a>;
    type Array = Sequence<'a>;
    type Number = Num;

    fn as_object(&self) -> Option<Mapping<'a>> {
        matches!(self.kind(), Kind::Mapping { .. }).then_some(Mapping(*self))
    }

    fn as_array(&self) -> Option<Sequence<'a>> {
        matches!(self.kind(), Kind::Sequence { .. }).then_some(Sequence(*self))
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        Node::as_str(self).map(Cow::Borrowed)
    }

    fn as_number(&self) -> Option<Num> {
        match self.kind() {
            Kind::Number(number) => Some(number),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.kind() {
            Kind::Bool(flag) => Some(flag),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        Node::is_null(self)
    }

    fn json_type(&self) -> JsonType {
        match self.kind() {
            Kind::Null => JsonType::Null,
            Kind::Bool(_) => JsonType::Boolean,
            Kind::Number(_) => JsonType::Number,
            Kind::String(_) => JsonType::String,
            Kind::Sequence { .. } => JsonType::Array,
            Kind::Mapping { .. } => JsonType::Object,
        }
    }

    /// `enum` and `const` are checked on every valid file: compare in
    /// place rather than building a value to compare.
    fn equals_value(&self, expected: &Value) -> bool {
        match (self.kind(), expected) {
            (Kind::String(_), Value::String(expected)) => {
                Node::as_str(self) == Some(expected.as_str())
            }
            (Kind::Bool(flag), Value::Bool(expected)) => flag == *expected,
            (Kind::Null, Value::Null) => true,
            (Kind::Number(number), Value::Number(expected)) => {
                jsonschema::json::cmp::equal_numbers(&number, expected)
            }
            (Kind::Sequence { .. } | Kind::Mapping { .. }, Value::Array(_) | Value::Object(_)) => {
                jsonschema::json::cmp::equal(&self.to_value(), expected)
            }
            _ => false,
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(Node::to_value(self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        let (document, index) = Node::identity(self);
        Some(NodeIdentity::tagged(document, index))
    }
}

impl<'a> Object<'a, DocumentJson> for Mapping<'a> {
    type Node = Node<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.0.members().len()
    }

    fn get(&self, key: &Box<str>) -> Option<Node<'a>> {
        self.0.get(key)
    }

    fn members(&self) -> Self::MembersIter {
        self.0.members()
    }
}

impl<'a> Array<'a, DocumentJson> for Sequence<'a> {
    type Node = Node<'a>;
    type ElementsIter = Items<'a>;

    fn len(&self) -> usize {
        self.0.items().len()
    }

    fn elements(&self) -> Self::ElementsIter {
        self.0.items()
    }

    /// Lists of text (the common case: purposes, roles) compare in place:
    /// short ones pairwise, with no allocation.
    fn is_unique(&self) -> bool {
        const SHORT: usize = 16;
        let items = self.0.items();
        if items.len() <= SHORT && items.clone().all(|item| item.as_str().is_some()) {
            return items.clone().enumerate().all(|(i, item)| {
                items
                    .clone()
                    .skip(i + 1)
                    .all(|other| other.as_str() != item.as_str())
            });
        }
        let items: Vec<Node<'a>> = items.collect();
        if let Some(mut texts) = items
            .iter()
            .map(Node::as_str)
            .collect::<Option<Vec<&str>>>()
        {
            texts.sort_unstable();
            return texts.windows(2).all(|pair| pair[0] != pair[1]);
        }
        let values: Vec<Value> = items.iter().map(Node::to_value).collect();
        jsonschema::json::unique::is_unique(&values)
    }
}
