//! The schemas compiled once per record kind, and the quick checks that
//! let valid data skip the slow parts of validation: the commonest patterns
//! (ids, `org/officer` references) and the formats of dates and plain
//! email addresses, checked by code of their own.

use crate::schema::RecordKind;
use crate::source::document::json::DocumentJson;
use jsonschema::{PatternOptions, Validator};
use serde_json::Value;
use std::sync::OnceLock;

pub(super) struct Compiled {
    pub(super) schema: Value,
    /// Validates files as read, in place: the fast path for valid files.
    pub(super) documents: Validator<DocumentJson>,
    /// Validates JSON values, and explains what is wrong. Compiled only
    /// when a file fails its schema: a clean registry never needs it.
    pub(super) values: OnceLock<Validator>,
}

impl Compiled {
    pub(super) fn values(&self) -> &Validator {
        self.values.get_or_init(|| {
            // The schemas are part of the program; a broken one is a bug
            // caught by the test suite, never a user's problem.
            #[allow(clippy::expect_used)]
            jsonschema::options()
                .should_validate_formats(true)
                .with_pattern_options(PatternOptions::regex())
                .build(&self.schema)
                .expect("embedded schema compiles")
        })
    }
}

pub(super) fn compiled(kind: RecordKind) -> &'static Compiled {
    // One cell per kind, so that the threads reading organisations and
    // agreements compile their schemas at the same time.
    static ALL: [OnceLock<Compiled>; RecordKind::ALL.len()] =
        [const { OnceLock::new() }; RecordKind::ALL.len()];
    ALL[kind as usize].get_or_init(|| {
        // As above: a broken embedded schema is a bug, not a finding.
        #[allow(clippy::expect_used)]
        let schema: Value =
            serde_json::from_str(kind.schema_text()).expect("embedded schema is JSON");
        #[allow(clippy::expect_used)]
        let documents = QUICK_PATTERNS
            .iter()
            .fold(
                jsonschema::options_for::<DocumentJson>(),
                |options, quick| options.with_format(quick.format, quick.check),
            )
            .should_validate_formats(true)
            .with_format("email", plain_email_with_dot)
            .with_format("date", plain_date)
            .with_pattern_options(PatternOptions::regex())
            .build(&with_quick_patterns(&schema))
            .expect("embedded schema compiles");
        Compiled {
            schema,
            documents,
            values: OnceLock::new(),
        }
    })
}

/// A pattern the in-place validator checks with code of its own rather
/// than the regular expression engine (several hundred instructions a
/// match, and ids are the most common value in a registry).
pub(super) struct QuickPattern {
    pub(super) pattern: &'static str,
    /// The format it becomes in the in-place validator's copy of a schema.
    pub(super) format: &'static str,
    /// Matches exactly the strings the pattern matches (tested).
    pub(super) check: fn(&str) -> bool,
}

pub(super) const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,62}$";
pub(super) const ID_PAIR_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,62}/[a-z0-9][a-z0-9-]{0,62}$";
pub(super) const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
pub(super) const EMAIL_PATTERN: &str = r"^[^@\s]+@[^@\s]+\.[^@\s]+$";

pub(super) static QUICK_PATTERNS: [QuickPattern; 2] = [
    QuickPattern {
        pattern: ID_PATTERN,
        format: "isg-id",
        check: is_id,
    },
    QuickPattern {
        pattern: ID_PAIR_PATTERN,
        format: "isg-id-pair",
        check: is_id_pair,
    },
];

/// The in-place validator's copy of a schema: each quick pattern becomes
/// its format (where the schema gives no format of its own), and the
/// patterns of dates and email addresses are dropped, since [`plain_date`]
/// and [`plain_email_with_dot`] check what they ask for as well. The schemas written out for editors and used to explain
/// problems keep their patterns.
pub(super) fn with_quick_patterns(schema: &Value) -> Value {
    fn replace(value: &mut Value) {
        match value {
            Value::Object(members) => {
                if let Some(Value::String(pattern)) = members.get("pattern") {
                    let quick = QUICK_PATTERNS.iter().find(|quick| quick.pattern == pattern);
                    match (quick, members.get("format").and_then(Value::as_str)) {
                        (Some(quick), None) => {
                            members.remove("pattern");
                            members.insert("format".into(), Value::from(quick.format));
                        }
                        (None, Some("date")) if pattern == DATE_PATTERN => {
                            members.remove("pattern");
                        }
                        (None, Some("email")) if pattern == EMAIL_PATTERN => {
                            members.remove("pattern");
                        }
                        _ => {}
                    }
                }
                members.values_mut().for_each(replace);
            }
            Value::Array(items) => items.iter_mut().for_each(replace),
            _ => {}
        }
    }
    let mut copy = schema.clone();
    replace(&mut copy);
    copy
}

/// `^[a-z0-9][a-z0-9-]{0,62}$`: what the schemas accept as an id.
pub fn is_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|&byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

/// Two ids joined by `/`.
pub(super) fn is_id_pair(text: &str) -> bool {
    text.split_once('/')
        .is_some_and(|(first, second)| is_id(first) && is_id(second))
}

/// `^[0-9]{4}-[0-9]{2}-[0-9]{2}$` and a real calendar date, as the `date`
/// format and the date pattern check it together.
pub(super) fn plain_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |number, &byte| {
            byte.is_ascii_digit()
                .then(|| number * 10 + u32::from(byte - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Whether an email address has the plain form almost every address in a
/// registry has (`name.surname@trust.nhs.example`): ASCII, one `@`, a local
/// part of dot-separated words and a host name of letter, digit and hyphen
/// labels. Checking that is several times quicker than the full check of
/// the `email` format, and every address it accepts, the full check accepts
/// too. An address it does not accept is not rejected by it: the file then
/// goes through the full check (see [`validate`]), which decides. That is
/// sound only where `email` is checked directly, never under `not` or `if`;
/// a test holds the schemas to that.
pub(super) fn plain_email(address: &str) -> bool {
    let Some((local, host)) = address.split_once('@') else {
        return false;
    };
    let word = |word: &str| {
        !word.is_empty()
            && word
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&byte))
    };
    let label = |label: &[u8]| {
        (1..=63).contains(&label.len())
            && label.iter().all(|&byte| byte.is_ascii_alphanumeric() || byte == b'-')
            && label.first().is_some_and(u8::is_ascii_alphanumeric)
            && label.last().is_some_and(u8::is_ascii_alphanumeric)
            // `xn--` and other labels with hyphens third and fourth are
            // internationalised names: the full check decodes them.
            && label.get(2..4) != Some(b"--".as_slice())
    };
    (1..=64).contains(&local.len())
        && local.split('.').all(word)
        && (1..=253).contains(&host.len())
        && host.as_bytes().split(|&byte| byte == b'.').all(label)
}

/// A plain email address (see [`plain_email`]) whose host has a dot, as
/// the schemas' email pattern asks: every address it accepts passes both
/// the `email` format and the pattern; any other goes to the full checks.
pub(super) fn plain_email_with_dot(address: &str) -> bool {
    plain_email(address)
        && address
            .split_once('@')
            .is_some_and(|(_, host)| host.contains('.'))
}

/// The schema of a record kind, as JSON.
pub fn schema(kind: RecordKind) -> &'static Value {
    &compiled(kind).schema
}
