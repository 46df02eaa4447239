//! An agreement's digest: `sha256:` and the hex SHA-256 of its canonical
//! content: the parsed `agreement.yaml` as RFC 8785 canonical JSON, a 0x00
//! byte, then `agreement.md` with line endings normalised to `\n` (empty if
//! absent). Comments, key order and layout do not change the digest; any
//! change of meaning does.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// The digest of an agreement's data and narrative.
pub fn digest(agreement: &Value, narrative: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(canonical_json(agreement).as_bytes());
    hasher.update([0u8]);
    if let Some(narrative) = narrative {
        hasher.update(normalise_line_endings(narrative).as_bytes());
    }
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in hasher.finalize() {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

fn normalise_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// RFC 8785 (JSON Canonicalization Scheme): object members sorted by their
/// UTF-16 code units, no white space, ECMAScript number formatting, and
/// only the escapes JSON requires.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => match (number.as_i64(), number.as_u64(), number.as_f64()) {
            (Some(integer), _, _) => {
                let _ = write!(out, "{integer}");
            }
            (_, Some(integer), _) => {
                let _ = write!(out, "{integer}");
            }
            (_, _, Some(float)) => out.push_str(&ecmascript_number(float)),
            _ => out.push_str("null"),
        },
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
            sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, (key, item)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
    }
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
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
    use crate::source::yaml::parse;

    /// The test vector of FORMAT.md ("Sign-off").
    #[test]
    fn format_test_vector() {
        let yaml = "# Test vector for the agreement digest\nid: tv\ntitle: \"Test vector – café référrals\"\ntier: 3\nstatus: draft\neffective: 2025-03-01\nparties:\n  - {org: a-org, role: controller, signatory: ann}\n  - org: b-org\n    role: controller\n    signatory: bob\nflows: []\n";
        let value = parse(yaml).value.unwrap();
        assert_eq!(
            canonical_json(&value),
            r#"{"effective":"2025-03-01","flows":[],"id":"tv","parties":[{"org":"a-org","role":"controller","signatory":"ann"},{"org":"b-org","role":"controller","signatory":"bob"}],"status":"draft","tier":3,"title":"Test vector – café référrals"}"#
        );
        assert_eq!(
            digest(&value, Some("## Notes\r\n\r\nLine one.\r\n")),
            "sha256:8797518d29daab22163302f8a08ce137b6567ff370f4e9a1aa747b9ad440586f"
        );
    }

    #[test]
    fn layout_does_not_change_the_digest_but_meaning_does() {
        let a = parse("id: x\ntier: 3\nparties: [{org: a, role: controller}]\n")
            .value
            .unwrap();
        let b =
            parse("# a comment\nparties:\n  - role: controller\n    org: a\ntier: 3\nid: 'x'\n")
                .value
                .unwrap();
        let c = parse("id: x\ntier: 2\nparties: [{org: a, role: controller}]\n")
            .value
            .unwrap();
        assert_eq!(digest(&a, None), digest(&b, None));
        assert_ne!(digest(&a, None), digest(&c, None));
        assert_ne!(digest(&a, None), digest(&a, Some("Note")));
        assert_eq!(digest(&a, Some("a\nb\n")), digest(&a, Some("a\r\nb\r\n")));
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
            canonical_json(&value),
            "{\"\\r\":4,\"a\":3,\"😀\":2,\"\u{fb33}\":1}"
        );
    }
}
