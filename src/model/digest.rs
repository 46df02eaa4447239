//! An agreement's digest: `sha256:` and the hex SHA-256 of its canonical
//! content: the parsed `agreement.yaml` as RFC 8785 canonical JSON, a 0x00
//! byte, then `agreement.md` with line endings normalised to `\n` (empty if
//! absent). Comments, key order and layout do not change the digest; any
//! change of meaning does.

use crate::source::document::{Kind, Node, Num};
use sha2::{Digest, Sha256};
use std::cell::Cell;
use std::fmt::Write;

/// The digest of an agreement's data and narrative.
pub fn digest(agreement: Node<'_>, narrative: Option<&str>) -> String {
    // The canonical text is written whole, then hashed in one call: its
    // pieces are a few bytes each, and hashing them one by one costs more
    // than writing them. The text's memory is kept for the next agreement
    // this thread digests.
    let mut text = CANONICAL.with(Cell::take);
    text.clear();
    Canonical::new(&mut text).value(agreement);
    text.push(0);
    if let Some(narrative) = narrative {
        push_normalised_line_endings(narrative, &mut text);
    }
    let hash = Sha256::digest(&text);
    CANONICAL.with(|spare| spare.set(text));
    let mut digest = String::with_capacity(7 + 64);
    digest.push_str("sha256:");
    for byte in hash {
        let _ = write!(digest, "{byte:02x}");
    }
    digest
}

thread_local! {
    /// Memory for the canonical text of the next agreement digested here.
    static CANONICAL: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// `\r\n` and lone `\r` written as `\n`.
fn push_normalised_line_endings(text: &str, out: &mut Vec<u8>) {
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        out.push(b'\n');
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.extend_from_slice(rest.as_bytes());
}

/// RFC 8785 (JSON Canonicalization Scheme): object members sorted by their
/// UTF-16 code units, no white space, ECMAScript number formatting, and
/// only the escapes JSON requires.
pub fn canonical_json(data: Node<'_>) -> String {
    let mut out = Vec::new();
    Canonical::new(&mut out).value(data);
    // Only whole strings and ASCII punctuation are written, so the text is
    // UTF-8; the lossy conversion never replaces anything.
    String::from_utf8(out)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// Writes canonical JSON, keeping one list for sorting the members of
/// every mapping it meets.
struct Canonical<'o, 'd> {
    out: &'o mut Vec<u8>,
    /// The members of the mappings being written, innermost last.
    members: Vec<Member<'d>>,
}

/// A mapping's member, with the first eight bytes of its key as a number
/// (big-endian, zero-padded): comparing those orders almost every pair of
/// keys without comparing the text.
#[derive(Clone, Copy)]
struct Member<'d> {
    prefix: u64,
    key: &'d str,
    value: Node<'d>,
}

impl<'d> Member<'d> {
    /// The order of keys by their bytes: by the first eight, then, where
    /// those are equal (or one key is a zero-padded prefix of the other),
    /// by the whole key.
    fn byte_order(a: &Member<'_>, b: &Member<'_>) -> std::cmp::Ordering {
        a.prefix.cmp(&b.prefix).then_with(|| a.key.cmp(b.key))
    }

    fn new((key, value): (&'d str, Node<'d>)) -> Self {
        let mut prefix = [0u8; 8];
        match key.as_bytes().first_chunk::<8>() {
            Some(head) => prefix = *head,
            None => {
                for (to, from) in prefix.iter_mut().zip(key.as_bytes()) {
                    *to = *from;
                }
            }
        }
        Member {
            prefix: u64::from_be_bytes(prefix),
            key,
            value,
        }
    }
}

impl<'o, 'd> Canonical<'o, 'd> {
    fn new(out: &'o mut Vec<u8>) -> Self {
        Canonical {
            out,
            members: Vec::new(),
        }
    }

    fn value(&mut self, data: Node<'d>) {
        match data.kind() {
            Kind::Null => self.out.extend_from_slice(b"null"),
            Kind::Bool(true) => self.out.extend_from_slice(b"true"),
            Kind::Bool(false) => self.out.extend_from_slice(b"false"),
            Kind::Number(Num::Unsigned(integer)) => push_integer(integer, false, self.out),
            Kind::Number(Num::Signed(integer)) => {
                push_integer(integer.unsigned_abs(), integer < 0, self.out)
            }
            Kind::Number(Num::Float(float)) => {
                self.out
                    .extend_from_slice(ecmascript_number(float).as_bytes());
            }
            Kind::String(_) => push_string(data.as_str().unwrap_or_default(), self.out),
            Kind::Sequence { .. } => {
                self.out.push(b'[');
                for (i, item) in data.items().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.value(item);
                }
                self.out.push(b']');
            }
            Kind::Mapping { .. } => self.mapping(data),
        }
    }

    fn mapping(&mut self, data: Node<'d>) {
        let start = self.members.len();
        self.members.extend(data.members().map(Member::new));
        let members = &mut self.members[start..];
        // Keys are almost always ASCII, where UTF-16 order is byte order.
        if members.iter().all(|member| member.key.is_ascii()) {
            members.sort_unstable_by(Member::byte_order);
        } else {
            members.sort_by(|a, b| a.key.encode_utf16().cmp(b.key.encode_utf16()));
        }
        self.out.push(b'{');
        for at in start..self.members.len() {
            let Member { key, value, .. } = self.members[at];
            if at > start {
                self.out.push(b',');
            }
            push_string(key, self.out);
            self.out.push(b':');
            self.value(value);
        }
        self.out.push(b'}');
        self.members.truncate(start);
    }
}

/// An integer in decimal, as JSON and ECMAScript write it.
fn push_integer(magnitude: u64, negative: bool, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = magnitude;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if negative {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[at..]);
}

/// A JSON string, escaping only what JSON requires; runs of ordinary
/// characters are written whole.
fn push_string(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run_start = 0;
    while let Some(at) = next_to_escape(bytes, run_start) {
        let byte = bytes[at];
        out.extend_from_slice(&bytes[run_start..at]);
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xf)]);
            }
        }
        run_start = at + 1;
    }
    out.extend_from_slice(&bytes[run_start..]);
    out.push(b'"');
}

/// Whether JSON needs this byte escaped. Every such character is ASCII, so
/// bytes can be searched: no byte of a multi-byte character is below 0x80.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The first byte at or after `from` that needs escaping. Text is tested
/// eight bytes at a time (most keys and values are shorter than sixteen
/// bytes, so one or two tests clear them), and searched byte by byte only
/// where a test says a byte needs escaping. Text shorter than eight bytes
/// is searched byte by byte.
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let first_in = |chunk: &[u8], at: usize| {
        chunk
            .iter()
            .position(|&byte| needs_escape(byte))
            .map(|i| at + i)
    };
    if rest.len() < 8 {
        return first_in(rest, from);
    }
    let word_at = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&rest[at..at + 8]);
        word_needs_escape(u64::from_le_bytes(word))
    };
    let mut at = 0;
    while at + 8 <= rest.len() {
        if word_at(at) {
            return first_in(&rest[at..at + 8], from + at);
        }
        at += 8;
    }
    // The last eight bytes, overlapping words already tested, cover the
    // tail without padding it.
    let last = rest.len() - 8;
    if at < rest.len() && word_at(last) {
        return first_in(&rest[at..], from + at);
    }
    None
}

/// Whether any of eight bytes needs escaping, tested on the word they make
/// together: subtracting 0x20 from every byte borrows into the top bit of a
/// byte below 0x20, and subtracting 1 does the same for a byte that is zero
/// once `"` or `\\` has been XORed away. A borrow can only add flags above
/// a byte that really needs escaping, so "none" is exact, and the caller
/// searches the bytes for the one that does.
fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, limit: u8| word.wrapping_sub(ONES * u64::from(limit)) & !word;
    let control = below(word, 0x20);
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    (control | quote | backslash) & HIGH != 0
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

    /// The digest is the hash of the canonical text, a NUL byte and the
    /// narrative, whatever their lengths; the text's memory is reused from
    /// one agreement to the next, so a short one after a long one must not
    /// carry anything over.
    #[test]
    fn digest_is_the_hash_of_the_canonical_text() {
        for length in [9000, 0, 1, 100, 4000, 4095, 4096, 4097, 2] {
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

    /// `text` written by [`push_string`] is what `serde_json` writes.
    fn assert_written_as_json(text: &str, case: &str) {
        let mut out = Vec::new();
        push_string(text, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(text).unwrap(),
            "{case}"
        );
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
                assert_written_as_json(&text, &format!("{special:?} at {at}"));
            }
        }
    }

    /// Short text and text just over a multiple of eight bytes: a special
    /// character at every place, in the words or in the last, overlapping
    /// one.
    #[test]
    fn escapes_at_every_place_of_short_text() {
        for length in 0..=25 {
            for at in 0..=length {
                for special in ['"', '\\', '\n', '\u{1}', 'a'] {
                    let mut text = "b".repeat(length);
                    text.insert(at, special);
                    assert_written_as_json(&text, &format!("{special:?} at {at} of {length}"));
                }
            }
        }
    }

    /// The word test agrees with testing byte by byte: every byte value at
    /// every place, among letters or among bytes of other characters.
    #[test]
    fn words_need_escaping_exactly_when_a_byte_does() {
        for filler in [b'a', 0xc3, 0x7f, b'!', 0xff] {
            for place in 0..8 {
                for byte in 0..=255u8 {
                    let mut word = [filler; 8];
                    word[place] = byte;
                    assert_eq!(
                        word_needs_escape(u64::from_le_bytes(word)),
                        word.iter().any(|&byte| needs_escape(byte)),
                        "{word:?}"
                    );
                }
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
    fn integers_as_json_writes_them() {
        let value = serde_json::json!([0, 7, 10, -3, 90210, u64::MAX, i64::MIN, i64::MAX]);
        assert_eq!(
            canonical_json(Document::from_value(&value).root()),
            serde_json::to_string(&value).unwrap()
        );
    }

    /// Members are first ordered by their keys' first eight bytes; keys
    /// that share those, or differ only by a trailing NUL, still come in
    /// byte order.
    #[test]
    fn members_sort_by_whole_keys() {
        let document = parse("b: 1\nabcdefghZ: 2\nabcdefghA: 4\nab: 5\n\"\": 6\nabcdefgh: 7\n");
        assert_eq!(
            canonical_json(document.root()),
            r#"{"":6,"ab":5,"abcdefgh":7,"abcdefghA":4,"abcdefghZ":2,"b":1}"#
        );
        // A key that differs from another only by trailing NUL bytes has the
        // same zero-padded first eight bytes; the whole key decides. (No
        // registry file can hold such a key: control characters are
        // refused before the YAML is read.)
        let null = Document::from_value(&Value::Null);
        let member = |key| Member::new((key, null.root()));
        let keys = ["ab\0\0", "ab", "ab\0", "a", "ab\0\0\0\0\0\0"];
        let mut members: Vec<Member<'_>> = keys.iter().map(|key| member(key)).collect();
        members.sort_unstable_by(Member::byte_order);
        let sorted: Vec<&str> = members.iter().map(|member| member.key).collect();
        assert_eq!(sorted, ["a", "ab", "ab\0", "ab\0\0", "ab\0\0\0\0\0\0"]);
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
