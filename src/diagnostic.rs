//! Findings as data: what a rule found, where, and how to fix it.
//!
//! Rules name a place by JSON pointer into the file's data; the pointer is
//! turned into a line and column only when the findings are reported (see
//! `report::resolve`), so the loaded registry does not carry a position for
//! every value it will almost never need.

pub use crate::code::{Code, Level};

/// A position in a file: 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// A range in a file; `end` is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn at(start: Pos) -> Span {
        Span { start, end: start }
    }
}

/// Where in a file a finding points.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// The whole file: reported at its first line.
    File,
    /// A position known when the finding was made (parser errors).
    Span(Span),
    /// The key of the mapping entry at this JSON pointer (unknown fields).
    Key(String),
    /// The value at this JSON pointer. For a mapping or list the position is
    /// the key that introduces it, so "missing field" findings land on the
    /// line that lacks the field. A pointer that does not exist in the file
    /// falls back to its nearest existing parent.
    Value(String),
}

/// One finding, before levels from `isg.yaml` are applied and positions are
/// resolved.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Code,
    /// Path relative to the registry root, with `/` separators.
    pub file: String,
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
    /// How the finding depends on fields a file lacks, so that one
    /// misspelt field gives one finding (see `check`).
    pub absence: Absence,
}

/// A finding's part in "one misspelt field, one finding".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Absence {
    /// A finding about what is at its own location, as most are: a finding
    /// located at a field the file lacks because it misspelt it (`retension:`
    /// for `retention:`) is that misspelling again.
    #[default]
    AtLocation,
    /// A `schema` finding about an unknown field that was most likely meant
    /// to be the field at this pointer in the same file, which the file
    /// lacks.
    Misspells(String),
    /// A finding that holds only because each of these fields (file,
    /// pointer) is absent, such as a party's lapsed assurance in an
    /// agreement because its organisation's file lacks `ico_registration`.
    Because(Vec<(String, String)>),
}

impl Diagnostic {
    pub fn new(
        rule: impl Into<Code>,
        file: impl Into<String>,
        location: Location,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            file: file.into(),
            location,
            message: message.into(),
            help: None,
            absence: Absence::AtLocation,
        }
    }

    /// Marks the finding as holding only because `pointer` in `file` is
    /// absent (see [`Absence::Because`]); may be called for each such field.
    pub fn because_absent(
        mut self,
        file: impl Into<String>,
        pointer: impl Into<String>,
    ) -> Diagnostic {
        let cause = (file.into(), pointer.into());
        match &mut self.absence {
            Absence::Because(causes) => causes.push(cause),
            _ => self.absence = Absence::Because(vec![cause]),
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_optional_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }
}

/// A finding ready to report: level decided, position resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub level: Level,
    pub file: String,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn pointer_segment(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1").into()
    } else {
        segment.into()
    }
}

/// Builds a JSON pointer from segments.
#[macro_export]
macro_rules! pointer {
    ($($segment:expr),* $(,)?) => {{
        let mut pointer = String::new();
        $(
            pointer.push('/');
            pointer.push_str(&$crate::diagnostic::pointer_segment(&$segment.to_string()));
        )*
        pointer
    }};
}
