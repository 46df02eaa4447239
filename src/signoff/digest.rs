//! An agreement's digest: `sha256:` and the hex SHA-256 of its canonical
//! content: the parsed `agreement.yaml` as RFC 8785 canonical JSON, a 0x00
//! byte, then `agreement.md` with line endings normalised to `\n` (empty if
//! absent). Comments, key order and layout do not change the digest; any
//! change of meaning does.

use crate::source::document::{Kind, Node, Num};
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// The digest of an agreement's data and narrative.
pub fn digest(agreement: Node<'_>, narrative: Option<&str>) -> String {
    let mut hasher = Hashing::default();
    write_canonical(agreement, &mut hasher);
    hasher.put("\0");
    if let Some(narrative) = narrative {
        write_normalised_line_endings(narrative, &mut hasher);
    }
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in hasher.finish() {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

/// Where canonical text goes: straight into the hash when taking a digest,
/// so no copy of the agreement is made.
trait Sink {
    fn put(&mut self, text: &str);
}

impl Sink for String {
    fn put(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// SHA-256 of what is put, gathered into blocks first: canonical JSON
/// comes in pieces of a few bytes, and hashing each piece on its own
/// costs more than copying it.
struct Hashing {
    hasher: Sha256,
    buffer: Vec<u8>,
}

const HASH_BUFFER: usize = 4096;

impl Default for Hashing {
    fn default() -> Hashing {
        Hashing {
            hasher: Sha256::new(),
            buffer: Vec::with_capacity(HASH_BUFFER),
        }
    }
}

impl Hashing {
    fn finish(mut self) -> impl IntoIterator<Item = u8> {
        self.hasher.update(&self.buffer);
        self.hasher.finalize()
    }
}

impl Sink for Hashing {
    fn put(&mut self, text: &str) {
        if self.buffer.len() + text.len() > HASH_BUFFER {
            self.hasher.update(&self.buffer);
            self.buffer.clear();
            if text.len() > HASH_BUFFER {
                self.hasher.update(text.as_bytes());
                return;
            }
        }
        self.buffer.extend_from_slice(text.as_bytes());
    }
}

/// `\r\n` and lone `\r` written as `\n`.
fn write_normalised_line_endings(text: &str, out: &mut impl Sink) {
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        out.put(&rest[..at]);
        out.put("\n");
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.put(rest);
}

/// RFC 8785 (JSON Canonicalization Scheme): object members sorted by their
/// UTF-16 code units, no white space, ECMAScript number formatting, and
/// only the escapes JSON requires.
pub fn canonical_json(data: Node<'_>) -> String {
    let mut out = String::new();
    write_canonical(data, &mut out);
    out
}

fn write_canonical(data: Node<'_>, out: &mut impl Sink) {
    match data.kind() {
        Kind::Null => out.put("null"),
        Kind::Bool(flag) => out.put(if flag { "true" } else { "false" }),
        Kind::Number(Num::Unsigned(integer)) => out.put(&integer.to_string()),
        Kind::Number(Num::Signed(integer)) => out.put(&integer.to_string()),
        Kind::Number(Num::Float(float)) => out.put(&ecmascript_number(float)),
        Kind::String(_) => write_string(data.as_str().unwrap_or_default(), out),
        Kind::Sequence { .. } => {
            out.put("[");
            for (i, item) in data.items().enumerate() {
                if i > 0 {
                    out.put(",");
                }
                write_canonical(item, out);
            }
            out.put("]");
        }
        Kind::Mapping { .. } => {
            let mut sorted: Vec<(&str, Node<'_>)> = data.members().collect();
            // Keys are almost always ASCII, where UTF-16 order is byte order.
            if sorted.iter().all(|(key, _)| key.is_ascii()) {
                sorted.sort_unstable_by_key(|(key, _)| *key);
            } else {
                sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            }
            out.put("{");
            for (i, (key, item)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.put(",");
                }
                write_string(key, out);
                out.put(":");
                write_canonical(item, out);
            }
            out.put("}");
        }
    }
}

/// A JSON string, escaping only what JSON requires; runs of ordinary
/// characters are written whole.
fn write_string(text: &str, out: &mut impl Sink) {
    out.put("\"");
    let bytes = text.as_bytes();
    let mut run_start = 0;
    while let Some(at) = next_to_escape(bytes, run_start) {
        let byte = bytes[at];
        out.put(&text[run_start..at]);
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            _ => "",
        };
        if escape.is_empty() {
            out.put(&format!("\\u{byte:04x}"));
        } else {
            out.put(escape);
        }
        run_start = at + 1;
    }
    out.put(&text[run_start..]);
    out.put("\"");
}

/// Whether JSON needs this byte escaped. Every such character is ASCII, so
/// bytes can be searched: no byte of a multi-byte character is below 0x80.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The first byte at or after `from` that needs escaping. Text is searched
/// 16 bytes at a time, which the compiler turns into a few vector
/// instructions; almost all text needs no escape at all.
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    let chunks = rest.chunks_exact(16);
    let tail = chunks.remainder();
    let mut at = from;
    for chunk in chunks {
        if chunk
            .iter()
            .fold(false, |any, &byte| any | needs_escape(byte))
        {
            return chunk
                .iter()
                .position(|&byte| needs_escape(byte))
                .map(|i| at + i);
        }
        at += 16;
    }
    tail.iter()
        .position(|&byte| needs_escape(byte))
        .map(|i| at + i)
}

/// A finite number as ECMAScript's `Number.prototype.toString` writes it
/// (RFC 8785 section 3.2.2.3).
fn ecmascript_number(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    // Rust's `{:e}` gives the shortest digits that round-trip: "d.ddde±n".
    let formatted = format!("{:e}", value.abs());
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let k = digits.len() as i32;
    let n = exponent + 1; // value = 0.digits x 10^n
    let mut text = String::new();
    if value < 0.0 {
        text.push('-');
    }
    if k <= n && n <= 21 {
        text.push_str(&digits);
        text.push_str(&"0".repeat((n - k) as usize));
    } else if 0 < n && n <= 21 {
        text.push_str(&digits[..n as usize]);
        text.push('.');
        text.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        text.push_str("0.");
        text.push_str(&"0".repeat((-n) as usize));
        text.push_str(&digits);
    } else {
        text.push_str(&digits[..1]);
        if k > 1 {
            text.push('.');
            text.push_str(&digits[1..]);
        }
        let _ = write!(text, "e{}{}", if n > 0 { "+" } else { "-" }, (n - 1).abs());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::document::Document;
    use serde_json::Value;

    fn parse(text: &str) -> Document {
        crate::source::yaml::read(text).document.unwrap()
    }

    /// The test vector of FORMAT.md ("Sign-off").
    #[test]
    fn format_test_vector() {
        let yaml = "# Test vector for the agreement digest\nid: tv\ntitle: \"Test vector – café référrals\"\ntier: 3\nstatus: draft\neffective: 2025-03-01\nparties:\n  - {org: a-org, role: controller, signatory: ann}\n  - org: b-org\n    role: controller\n    signatory: bob\nflows: []\n";
        let value = parse(yaml);
        assert_eq!(
            canonical_json(value.root()),
            r#"{"effective":"2025-03-01","flows":[],"id":"tv","parties":[{"org":"a-org","role":"controller","signatory":"ann"},{"org":"b-org","role":"controller","signatory":"bob"}],"status":"draft","tier":3,"title":"Test vector – café référrals"}"#
        );
        assert_eq!(
            digest(value.root(), Some("## Notes\r\n\r\nLine one.\r\n")),
            "sha256:8797518d29daab22163302f8a08ce137b6567ff370f4e9a1aa747b9ad440586f"
        );
    }

    #[test]
    fn layout_does_not_change_the_digest_but_meaning_does() {
        let a = parse("id: x\ntier: 3\nparties: [{org: a, role: controller}]\n");
        let b =
            parse("# a comment\nparties:\n  - role: controller\n    org: a\ntier: 3\nid: 'x'\n");
        let c = parse("id: x\ntier: 2\nparties: [{org: a, role: controller}]\n");
        let a = a.root();
        assert_eq!(digest(a, None), digest(b.root(), None));
        assert_ne!(digest(a, None), digest(c.root(), None));
        assert_ne!(digest(a, None), digest(a, Some("Note")));
        assert_eq!(digest(a, Some("a\nb\n")), digest(a, Some("a\r\nb\r\n")));
        assert_eq!(digest(a, Some("a\rb\r\r\n")), digest(a, Some("a\nb\n\n")));
    }

    /// The digest is hashed in blocks as it is written; it must equal the
    /// hash of the whole canonical text, whatever the sizes of the pieces
    /// (here long strings cross the block boundary in every way).
    #[test]
    fn digest_is_the_hash_of_the_canonical_text() {
        for length in [0, 1, 100, 4000, 4095, 4096, 4097, 9000] {
            let long = "x".repeat(length);
            let yaml = format!(
                "id: x\ntitle: {long}a\npurpose: \"{long}\\n\"\nflows: [{{id: f, description: {long}}}]\n"
            );
            let document = parse(&yaml);
            let narrative = format!("{long}\r\nend");
            let mut whole = canonical_json(document.root()).into_bytes();
            whole.push(0);
            whole.extend_from_slice(narrative.replace("\r\n", "\n").as_bytes());
            let expected: String = Sha256::digest(&whole)
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect();
            assert_eq!(
                digest(document.root(), Some(&narrative)),
                format!("sha256:{expected}"),
                "length {length}"
            );
        }
    }

    /// Escapes anywhere in long text (searched 16 bytes at a time) come out
    /// as JSON writes them.
    #[test]
    fn long_strings_escape_where_they_need_to() {
        let specials = [
            '"', '\\', '\u{8}', '\t', '\n', '\u{c}', '\r', '\u{1}', '\u{1f}',
        ];
        for at in [0, 1, 15, 16, 17, 31, 32, 33, 47] {
            for special in specials {
                let mut text: String = "é-text-".repeat(7);
                text.insert(
                    text.char_indices().nth(at).map_or(text.len(), |(i, _)| i),
                    special,
                );
                let mut out = String::new();
                write_string(&text, &mut out);
                assert_eq!(
                    out,
                    serde_json::to_string(&text).unwrap(),
                    "{special:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn numbers_as_ecmascript_writes_them() {
        for (value, text) in [
            (96.5, "96.5"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (-2.5, "-2.5"),
            (123.456, "123.456"),
        ] {
            assert_eq!(ecmascript_number(value), text);
        }
    }

    #[test]
    fn members_sort_by_utf16_code_units() {
        // U+FB33 sorts after U+1F600 by code point, but before it by UTF-16
        // code unit (0xFB33 > 0xD83D): RFC 8785 uses code units.
        let value: Value =
            serde_json::from_str(r#"{"\ufb33":1,"\ud83d\ude00":2,"a":3,"\r":4}"#).unwrap();
        assert_eq!(
            canonical_json(Document::from_value(&value).root()),
            "{\"\\r\":4,\"a\":3,\"😀\":2,\"\u{fb33}\":1}"
        );
    }

    #[test]
    fn strings_escape_only_what_json_requires() {
        let value = serde_json::json!(["a\"b\\c\u{8}\t\n\u{c}\r\u{1}é/<"]);
        assert_eq!(
            canonical_json(Document::from_value(&value).root()),
            r#"["a\"b\\c\b\t\n\f\r\u0001é/<"]"#
        );
    }
}
