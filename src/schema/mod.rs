//! The JSON Schemas of the registry format, embedded in the binary and
//! compiled once, and the translation of their errors into plain English.
//!
//! The schemas are the single description of the format: editors show their
//! descriptions as people type, and `isg check` quotes the same descriptions
//! in its help lines. By job:
//! - `compile.rs`: the schemas compiled once, and the quick checks that let
//!   valid data pass without the slow parts of validation;
//! - `validate.rs`: validating a file, or one field on its own;
//! - `tree.rs`: the schema of a field, its description and choices;
//! - `fields.rs`: a field and a value in words;
//! - `words.rs`: every table of words (the words officers use for the
//!   format's values, other names for fields, the words for patterns);
//! - `rewrite.rs`: a value in a common wrong form, written properly;
//! - `explain/`: each kind of validation error explained, one file a kind.

mod compile;
mod explain;
mod fields;
mod rewrite;
mod tree;
mod validate;
mod words;

pub use compile::{is_id, schema};
pub use fields::{as_id, describe_pointer};
pub use tree::{choices, description, field, is_country_code};
pub use validate::{MAX_PROBLEMS, SchemaProblem, check_field, validate, validate_value};

/// Which record a file holds, and so which schema it follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Settings,
    Mou,
    Organisation,
    Agreement,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Settings,
        RecordKind::Mou,
        RecordKind::Organisation,
        RecordKind::Agreement,
    ];

    /// The schema's file name, as `isg schema` writes it.
    pub fn schema_file(self) -> &'static str {
        match self {
            RecordKind::Settings => "settings.schema.json",
            RecordKind::Mou => "mou.schema.json",
            RecordKind::Organisation => "organisation.schema.json",
            RecordKind::Agreement => "agreement.schema.json",
        }
    }

    /// The schema text as shipped.
    pub fn schema_text(self) -> &'static str {
        match self {
            RecordKind::Settings => include_str!("../../schemas/settings.schema.json"),
            RecordKind::Mou => include_str!("../../schemas/mou.schema.json"),
            RecordKind::Organisation => include_str!("../../schemas/organisation.schema.json"),
            RecordKind::Agreement => include_str!("../../schemas/agreement.schema.json"),
        }
    }

    /// What the file describes, for messages ("an organisation").
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Settings => "the registry settings",
            RecordKind::Mou => "the Memorandum of Understanding",
            RecordKind::Organisation => "an organisation",
            RecordKind::Agreement => "an agreement",
        }
    }
}

#[cfg(test)]
mod tests_advice;
#[cfg(test)]
mod tests_validation;
