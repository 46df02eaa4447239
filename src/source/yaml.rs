//! YAML text to a [`Document`]: the data of a file with the position of
//! every value.
//!
//! The registry is read with the YAML 1.2 core schema: dates and codes stay
//! text, only `true`/`false` are booleans, and integers are JSON integers.
//! Anchors, aliases, tags and merge keys are refused: an agreement must say
//! what it means in place, and refusing aliases also makes "billion laughs"
//! expansion impossible. Nesting is capped, and the event parser is pulled
//! one event at a time, so a hostile file cannot exhaust the stack or memory.

use super::document::{Builder, Document, KeyOutcome, Kind, Num};
use crate::diagnostic::{Pos, Span};
use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_json::{Number, Value};
use std::cell::Cell;

pub use super::document::NodeSpans;

/// Deeper than any registry record needs (agreements nest about six levels).
pub const MAX_DEPTH: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax,
    DuplicateKey,
    Alias,
}

/// Something wrong with the YAML itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// A file's data and what was wrong with its YAML. `document` is `None`
/// when the file cannot be understood (a syntax error or an alias): checking
/// a half-read file would only add confusing findings.
#[derive(Debug)]
pub struct Read {
    pub document: Option<Document>,
    pub problems: Vec<Problem>,
}

/// Reads a file's text into a [`Document`].
pub fn read(text: &str) -> Read {
    let builder = SPARE
        .with(Cell::take)
        .map_or_else(Builder::default, Builder::reusing);
    Reader {
        builder,
        problems: Vec::new(),
        fatal: false,
    }
    .run(text)
}

thread_local! {
    /// A document no longer needed, whose memory the next [`read`] on this
    /// thread reuses: loading a registry then allocates almost nothing per
    /// file beyond the records it keeps.
    static SPARE: Cell<Option<Document>> = const { Cell::new(None) };
}

/// Gives a document's memory back for the next [`read`] on this thread.
pub fn recycle(document: Document) {
    SPARE.with(|spare| spare.set(Some(document)));
}

/// A file's data as JSON, for callers that want a `serde_json::Value`.
#[derive(Debug)]
pub struct Parsed {
    pub value: Option<Value>,
    pub problems: Vec<Problem>,
}

/// Parses a file's text into JSON data.
pub fn parse(text: &str) -> Parsed {
    let read = read(text);
    Parsed {
        value: read.document.as_ref().map(Document::to_value),
        problems: read.problems,
    }
}

struct Reader {
    builder: Builder,
    problems: Vec<Problem>,
    fatal: bool,
}

fn to_span(span: saphyr_parser::Span) -> Span {
    let pos = |marker: saphyr_parser::Marker| Pos {
        line: marker.line() as u32,
        column: marker.col() as u32 + 1,
    };
    Span {
        start: pos(span.start),
        end: pos(span.end),
    }
}

impl Reader {
    fn problem(
        &mut self,
        kind: ProblemKind,
        span: Span,
        message: impl Into<String>,
        help: Option<&str>,
    ) {
        self.problems.push(Problem {
            kind,
            span,
            message: message.into(),
            help: help.map(str::to_owned),
        });
    }

    fn run(mut self, text: &str) -> Read {
        let mut parser = Parser::new_from_str(text);
        let mut documents = 0;
        while !self.fatal {
            let (event, span) = match parser.next_event() {
                None => break,
                Some(Ok(next)) => next,
                Some(Err(error)) => {
                    let marker = error.marker();
                    let at = Pos {
                        line: marker.line() as u32,
                        column: marker.col() as u32 + 1,
                    };
                    // The scanner has its own nesting guard; say what it means.
                    if error.info().contains("recursion limit") {
                        self.problem(
                            ProblemKind::Syntax,
                            Span::at(at),
                            too_deep(),
                            Some(TOO_DEEP_HELP),
                        );
                    } else {
                        let explained = super::syntax::explain(text, at, error.info());
                        self.problem(
                            ProblemKind::Syntax,
                            Span::at(explained.at),
                            explained.message,
                            Some(explained.help.as_str()),
                        );
                    }
                    self.fatal = true;
                    break;
                }
            };
            let span = to_span(span);
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        self.problem(
                            ProblemKind::Syntax,
                            span,
                            "This file holds more than one YAML document (after a `---` line, or data after a `...` line).",
                            Some("Keep one record per file: remove the `---` or `...` line, and move anything that is a record of its own to its own file."),
                        );
                        self.fatal = true;
                    }
                }
                Event::Alias(_) => {
                    self.problem(
                        ProblemKind::Alias,
                        span,
                        "This value refers to another part of the file (`*alias`); registry files must spell every value out.",
                        Some("Replace the `*name` reference with the value it stands for."),
                    );
                    self.fatal = true;
                }
                Event::Scalar(value, style, anchor, tag) => {
                    self.refuse_decorations(span, anchor, tag.is_some());
                    if style == ScalarStyle::DoubleQuoted {
                        self.refuse_escaped_controls(&value, span);
                    }
                    if self.builder.expecting_key() {
                        self.key(&value, style, span);
                    } else if style == ScalarStyle::Plain {
                        match resolve_plain(&value) {
                            Some(kind) => self.builder.scalar(kind, span),
                            None => self.builder.string(&value, span),
                        }
                    } else {
                        self.builder.string(&value, span);
                    }
                }
                Event::SequenceStart(anchor, tag) => {
                    self.refuse_decorations(span, anchor, tag.is_some());
                    self.open(false, span);
                }
                Event::MappingStart(anchor, tag) => {
                    self.refuse_decorations(span, anchor, tag.is_some());
                    self.open(true, span);
                }
                Event::SequenceEnd | Event::MappingEnd => self.builder.close(),
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        let document = (!self.fatal).then(|| self.builder.finish());
        Read {
            document,
            problems: self.problems,
        }
    }

    fn refuse_decorations(&mut self, span: Span, anchor: usize, tagged: bool) {
        if anchor != 0 {
            self.problem(
                ProblemKind::Alias,
                span,
                "This value has an anchor (`&name`); registry files do not use anchors or aliases.",
                Some(
                    "Remove the `&name` marker and write values out in full where they are needed.",
                ),
            );
        }
        if tagged {
            self.problem(
                ProblemKind::Alias,
                span,
                "This value has a YAML tag (`!name` or `!!type`); registry files do not use tags.",
                Some("Remove the tag. If a value must stay text, put it in quotes instead."),
            );
        }
    }

    fn key(&mut self, key: &str, style: ScalarStyle, span: Span) {
        if style == ScalarStyle::Plain && key == "<<" {
            self.problem(
                ProblemKind::Alias,
                span,
                "Merge keys (`<<`) are not allowed in registry files.",
                Some("Write out the fields this entry should have instead of merging them from elsewhere."),
            );
            self.fatal = true;
            return;
        }
        if self.builder.key(key, span) == KeyOutcome::Duplicate {
            self.problem(
                ProblemKind::DuplicateKey,
                span,
                format!("`{key}` appears twice in the same place; the first one is used and this one is ignored."),
                Some("Remove one of them, or merge what they say into one entry."),
            );
        }
    }

    fn open(&mut self, mapping: bool, span: Span) {
        if self.builder.expecting_key() {
            self.problem(
                ProblemKind::Syntax,
                span,
                "A key here is a list or a mapping; keys must be plain names.",
                Some("Write keys as simple words, such as `name:`."),
            );
            self.fatal = true;
            return;
        }
        if self.builder.depth() >= MAX_DEPTH {
            self.problem(ProblemKind::Syntax, span, too_deep(), Some(TOO_DEEP_HELP));
            self.fatal = true;
            return;
        }
        self.builder.open(mapping, span);
    }
}

impl Reader {
    /// Control characters are refused in a file's bytes (`decode`); this
    /// refuses them written as escapes in double-quoted text (`"\v"`,
    /// `"\u000b"`), the only way YAML has to write one otherwise. Tabs and
    /// line breaks are text. Kept out of the reader's loop, like the
    /// explanation of syntax errors.
    #[inline(never)]
    fn refuse_escaped_controls(&mut self, value: &str, span: Span) {
        let refused = |c: &char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        if let Some(control) = value.chars().find(refused) {
            self.problem(
                ProblemKind::Syntax,
                span,
                format!(
                    "This text holds an invisible control character (U+{:04X}), written as an escape; registry text cannot hold one.",
                    u32::from(control)
                ),
                Some("Remove the escape (a `\\` followed by a letter or a number) from the text. To break a line, use `\\n`, or write the text as a block after `|`."),
            );
            self.fatal = true;
        }
    }
}

fn too_deep() -> String {
    format!(
        "The data is nested more than {MAX_DEPTH} levels deep, far deeper than any registry record."
    )
}

const TOO_DEEP_HELP: &str =
    "Check the indentation and brackets: a registry file nests only a few levels.";

/// Resolves an unquoted scalar by the YAML 1.2 core schema: `None` when it
/// is text.
fn resolve_plain(text: &str) -> Option<Kind> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Kind::Null),
        "true" | "True" | "TRUE" => return Some(Kind::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Kind::Bool(false)),
        _ => {}
    }
    // Most plain scalars are words, codes and dates: only those starting
    // like a number can be one.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
        return None;
    }
    let number = resolve_integer(text).or_else(|| {
        is_core_float(text)
            .then(|| text.parse::<f64>().ok().and_then(Number::from_f64))
            .flatten()
    })?;
    Num::from_json(&number).map(Kind::Number)
}

fn resolve_integer(text: &str) -> Option<Number> {
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(octal) = text.strip_prefix("0o") {
        return digits(octal, 8)
            .then(|| u64::from_str_radix(octal, 8).ok().map(Number::from))
            .flatten();
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return digits(hex, 16)
            .then(|| u64::from_str_radix(hex, 16).ok().map(Number::from))
            .flatten();
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits(unsigned, 10) {
        return None;
    }
    let trimmed = text.strip_prefix('+').unwrap_or(text);
    trimmed
        .parse::<i64>()
        .map(Number::from)
        .or_else(|_| trimmed.parse::<u64>().map(Number::from))
        .ok()
        .or_else(|| trimmed.parse::<f64>().ok().and_then(Number::from_f64))
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_float(text: &str) -> bool {
    let bytes = text.strip_prefix(['-', '+']).unwrap_or(text).as_bytes();
    let mut i = 0;
    let count_digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let whole = count_digits(0);
    i += whole;
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let fraction = count_digits(i);
        if whole == 0 && fraction == 0 {
            return false;
        }
        i += fraction;
    } else if whole == 0 {
        return false;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let exponent = count_digits(i);
        if exponent == 0 {
            return false;
        }
        i += exponent;
    }
    i == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value(text: &str) -> Value {
        let parsed = parse(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.value.expect("value")
    }

    #[test]
    fn core_schema_scalars() {
        let data = value(
            "a: 2025-03-01\nb: 3\nc: true\nd: yes\ne: ~\nf: 'true'\ng: 1.5\nh: 2025-26\ni: Z1234567\nj: 0x1F\nk: -7\nl:\n",
        );
        assert_eq!(
            data,
            json!({"a": "2025-03-01", "b": 3, "c": true, "d": "yes", "e": null, "f": "true", "g": 1.5,
                   "h": "2025-26", "i": "Z1234567", "j": 31, "k": -7, "l": null})
        );
    }

    #[test]
    fn keeps_nesting() {
        let data = value("z: 1\na:\n  - {x: 1, y: [2, 3]}\n  - q\n");
        assert_eq!(data, json!({"z": 1, "a": [{"x": 1, "y": [2, 3]}, "q"]}));
    }

    #[test]
    fn records_positions_of_keys_and_values() {
        let document = read("id: a\nparties:\n  - org: b\n    role: controller\n")
            .document
            .unwrap();
        let role = document.spans_at("/parties/0/role").unwrap();
        assert_eq!(role.key.unwrap().start, Pos { line: 4, column: 5 });
        assert_eq!(
            role.value.start,
            Pos {
                line: 4,
                column: 11
            }
        );
        assert_eq!(
            role.value.end,
            Pos {
                line: 4,
                column: 21
            }
        );
        assert_eq!(
            document.spans_at("/parties").unwrap().key.unwrap().start,
            Pos { line: 2, column: 1 }
        );
        assert_eq!(document.spans_at("/parties/1"), None);
        assert_eq!(document.spans_at("/parties/0/rol"), None);
    }

    #[test]
    fn duplicate_keys_keep_the_first_and_are_reported() {
        let parsed = parse("id: a\nname: one\nname: two\n");
        assert_eq!(parsed.value, Some(json!({"id": "a", "name": "one"})));
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].kind, ProblemKind::DuplicateKey);
        assert_eq!(parsed.problems[0].span.start, Pos { line: 3, column: 1 });
    }

    #[test]
    fn aliases_anchors_tags_and_merges_are_refused() {
        let parsed = parse("a: &x 1\nb: *x\n");
        assert!(parsed.value.is_none());
        assert!(parsed.problems.iter().all(|p| p.kind == ProblemKind::Alias));
        assert_eq!(parsed.problems.len(), 2);
        let parsed = parse("a: !!str 1\n");
        assert_eq!(parsed.problems[0].kind, ProblemKind::Alias);
        let parsed = parse("base: {x: 1}\nother:\n  <<: {y: 2}\n");
        assert!(parsed.value.is_none());
        assert_eq!(parsed.problems[0].kind, ProblemKind::Alias);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let parsed = parse("id: a\nname: [unclosed\n");
        assert!(parsed.value.is_none());
        assert_eq!(parsed.problems[0].kind, ProblemKind::Syntax);
        assert!(parsed.problems[0].span.start.line >= 2);
    }

    #[test]
    fn deep_nesting_stops_early() {
        let text = "[".repeat(100_000);
        let parsed = parse(&text);
        assert!(parsed.value.is_none());
        assert!(parsed.problems[0].message.contains("nested"));
    }

    #[test]
    fn empty_and_comment_only_files_are_null() {
        assert_eq!(value(""), Value::Null);
        assert_eq!(value("# just a comment\n# another\n"), Value::Null);
    }

    #[test]
    fn control_characters_written_as_escapes_are_refused() {
        for text in [
            "name: \"Fylde\\vCoast\"\n",
            "name: \"Fylde\\u000bCoast\"\n",
            "a: 1\nb: \"x\\x07\"\n",
        ] {
            let read = read(text);
            assert!(read.document.is_none(), "{text:?}");
            assert_eq!(read.problems[0].kind, ProblemKind::Syntax);
            assert!(
                read.problems[0]
                    .message
                    .contains("invisible control character"),
                "{text:?}"
            );
        }
        assert_eq!(
            read("b: \"x\\x07\"\n").problems[0].span.start,
            Pos { line: 1, column: 4 }
        );
        // Tabs and line breaks written as escapes are text.
        assert!(read("name: \"a\\tb\\nc\\r\"\n").problems.is_empty());
    }

    #[test]
    fn second_document_is_refused() {
        let parsed = parse("a: 1\n---\nb: 2\n");
        assert!(parsed.value.is_none());
        assert!(parsed.problems[0].message.contains("more than one"));
    }
}
