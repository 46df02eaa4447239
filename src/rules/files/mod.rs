//! Rules about the files themselves: readable, valid YAML, following the
//! schema, and ids and references that resolve.

pub mod comment_in_value;
pub mod duplicate_id;
pub mod duplicate_key;
pub mod file_unreadable;
pub mod hidden_characters;
pub mod id_mismatch;
pub mod registry_layout;
pub mod schema;
pub mod unknown_reference;
pub mod yaml_alias;
pub mod yaml_syntax;
