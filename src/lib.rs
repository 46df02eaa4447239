//! isg: information sharing agreements as code.
//!
//! A registry of organisations, the Memorandum of Understanding and data
//! sharing agreements is kept as YAML in a git repository. This library
//! reads it (see `ARCHITECTURE.md` for the data flow), checks it against the
//! format and the rules, and reports what it finds.

pub mod assessment;
pub mod check;
pub mod cli;
pub mod code;
pub mod date;
pub mod diagnostic;
pub mod model;
pub mod registry;
pub mod render;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod signoff;
pub mod source;
pub mod synth;
pub mod text;
pub mod write;
