//! Typed records straight from a [`Document`], with text borrowed from it:
//! each field's `String` is allocated once, at its final size.

use super::{Kind, Node, Num};
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use std::fmt;

/// Why data could not become a typed record. The schema has already
/// reported anything a person could fix; this is kept for the rare case it
/// has not.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

impl<'de> Node<'de> {
    /// The typed record this value describes.
    pub fn deserialize<T: serde::Deserialize<'de>>(self) -> Result<T, Error> {
        T::deserialize(self)
    }
}

struct Items<I>(I);

impl<'de, I: ExactSizeIterator<Item = Node<'de>>> SeqAccess<'de> for Items<I> {
    type Error = Error;

    /// Lists are allocated at their final size.
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }
}

struct MemberAccess<'de, I> {
    members: I,
    value: Option<Node<'de>>,
}

impl<'de, I: ExactSizeIterator<Item = (&'de str, Node<'de>)>> MapAccess<'de>
    for MemberAccess<'de, I>
{
    type Error = Error;

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

impl<'de> Deserializer<'de> for Node<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.kind() {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(flag) => visitor.visit_bool(flag),
            Kind::Number(Num::Unsigned(number)) => visitor.visit_u64(number),
            Kind::Number(Num::Signed(number)) => visitor.visit_i64(number),
            Kind::Number(Num::Float(number)) => visitor.visit_f64(number),
            Kind::String(_) => visitor.visit_borrowed_str(self.as_str().unwrap_or_default()),
            Kind::Sequence { .. } => visitor.visit_seq(Items(self.items())),
            Kind::Mapping { .. } => visitor.visit_map(MemberAccess {
                members: self.members(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.as_str() {
            Some(text) => visitor.visit_enum(text.into_deserializer()),
            None => Err(de::Error::invalid_type(
                de::Unexpected::Other("a value that is not text"),
                &visitor,
            )),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use crate::source::yaml::read;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Colour {
        Red,
        LightBlue,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Record {
        name: String,
        count: u8,
        ratio: f64,
        colour: Colour,
        note: Option<String>,
        missing: Option<String>,
        tags: Vec<String>,
        more: BTreeMap<String, i64>,
        flag: bool,
    }

    #[test]
    fn typed_records_from_a_document() {
        let read = read(
            "name: North\ncount: 3\nratio: 0.5\ncolour: light-blue\nnote: ~\ntags: [a, 'b']\nmore: {x: -1}\nflag: true\n",
        );
        let record: Record = read
            .document
            .expect("document")
            .root()
            .deserialize()
            .expect("typed");
        assert_eq!(
            record,
            Record {
                name: "North".into(),
                count: 3,
                ratio: 0.5,
                colour: Colour::LightBlue,
                note: None,
                missing: None,
                tags: vec!["a".into(), "b".into()],
                more: BTreeMap::from([("x".into(), -1)]),
                flag: true,
            }
        );
    }

    #[test]
    fn wrong_types_are_errors_not_panics() {
        let read = read("name: [1]\ncount: 300\n");
        let document = read.document.expect("document");
        assert!(document.root().deserialize::<Record>().is_err());
        let read = read_colour("colour: {a: 1}\n");
        assert!(read.is_err());
    }

    fn read_colour(text: &str) -> Result<Colour, super::Error> {
        let document = read(text).document.expect("document");
        let colour = document.root().get("colour").expect("colour");
        colour.deserialize()
    }

    #[test]
    fn unknown_enum_values_are_errors() {
        assert!(read_colour("colour: green\n").is_err());
        assert_eq!(read_colour("colour: red\n").ok(), Some(Colour::Red));
    }
}
