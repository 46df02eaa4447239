//! The registry's records as typed Rust values, deserialised from the JSON
//! data after it has passed its schema.

mod agreement;
pub mod digest;
pub mod facts;
mod mou;
mod organisation;
mod settings;

pub use agreement::*;
pub use mou::*;
pub use organisation::*;
pub use settings::*;

/// Text in a record. Values of up to 24 bytes (ids, codes, roles, most
/// names) are held inline, with no allocation of their own: a national
/// registry holds millions of them, and keeping each on the heap made
/// its records half as large again and slower to look up.
pub type Text = compact_str::CompactString;

/// Declares an enum written in kebab-case in YAML, with the plain-English
/// label documents and messages use.
macro_rules! kebab_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal => $label:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, serde::Serialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as written in YAML.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The value in words, for messages and documents.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use kebab_enum;
