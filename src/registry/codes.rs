//! The codes of the rules the loader applies as it reads each file: a
//! file that cannot be read, YAML that cannot be parsed, a value that
//! breaks its schema. Their documentation is in `rules/files/`.

use crate::code::{Code, Family, Level};

pub const YAML_SYNTAX: Code = Code::new("yaml-syntax", Family::Files, Level::Error);
pub const DUPLICATE_KEY: Code = Code::new("duplicate-key", Family::Files, Level::Error);
pub const YAML_ALIAS: Code = Code::new("yaml-alias", Family::Files, Level::Error);
pub const COMMENT_IN_VALUE: Code = Code::new("comment-in-value", Family::Files, Level::Warning);
pub const HIDDEN_CHARACTERS: Code = Code::new("hidden-characters", Family::Files, Level::Error);
pub const SCHEMA: Code = Code::new("schema", Family::Files, Level::Error);
pub const ID_MISMATCH: Code = Code::new("id-mismatch", Family::Files, Level::Error);
pub const FILE_UNREADABLE: Code = Code::new("file-unreadable", Family::Files, Level::Error);
pub const REGISTRY_LAYOUT: Code = Code::new("registry-layout", Family::Files, Level::Error);
