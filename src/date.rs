//! Calendar dates as the registry writes them (`YYYY-MM-DD`), with the few
//! operations the rules need: parsing that refuses impossible dates, day
//! arithmetic and today's date.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01 so
/// that comparison and arithmetic are plain integer operations. Days are
/// 64-bit so that any date git can record (a commit's time is 64-bit
/// seconds) is held exactly, however odd: such a date is shown as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (2025-02-30).
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::from_ymd(year as i32, month, day)
    }

    /// Builds a date from its parts, or `None` when no such day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(i64::from(year), month, day)))
    }

    /// Today's date in UTC, from the system clock, or from the environment
    /// variable `ISG_TODAY` (YYYY-MM-DD) when it is set: every command then
    /// judges dates as of that day, as `--today` does for one command (the
    /// files and sign-offs stay today's; `--as-of` turns those back too).
    /// (The command line refuses an `ISG_TODAY` that is not a date before
    /// any command runs.)
    pub fn today() -> Date {
        if let Some(date) = std::env::var("ISG_TODAY")
            .ok()
            .and_then(|text| Date::parse(text.trim()))
        {
            return date;
        }
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs() as i64)
            .unwrap_or(0);
        Date::from_unix_seconds(seconds)
    }

    /// The UTC date of a Unix timestamp (seconds).
    pub fn from_unix_seconds(seconds: i64) -> Date {
        Date(seconds.div_euclid(86_400))
    }

    pub fn add_days(self, days: i64) -> Date {
        Date(self.0.saturating_add(days))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.0.saturating_sub(self.0)
    }

    pub fn days_since_epoch(self) -> i64 {
        self.0
    }

    /// The year, month and day; a year beyond `i32` (only a commit's odd
    /// time can give one) is given as the nearest `i32`.
    pub fn ymd(self) -> (i32, u32, u32) {
        let (year, month, day) = civil_from_days(self.0);
        (
            year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            month,
            day,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil_from_days(self.0);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The text is read where it lies: a registry holds hundreds of
        // thousands of dates, and copying each into a `String` first (as
        // deserialising a `Cow<str>` does) would allocate for every one.
        struct DateText;

        impl serde::de::Visitor<'_> for DateText {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).ok_or_else(|| E::custom(format!("`{text}` is not a real date")))
            }
        }

        deserializer.deserialize_str(DateText)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every
// proleptic Gregorian date, with no tables.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Exact for every `i64` day count (the shift by 719,468 days is done in
/// 128 bits, so the extremes cannot overflow).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = i128::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i128::from(month <= 2);
    (year as i64, month, day)
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in [
            "1970-01-01",
            "2024-02-29",
            "2025-12-31",
            "2000-02-29",
            "1999-03-01",
        ] {
            assert_eq!(
                Date::parse(text).map(|d| d.to_string()).as_deref(),
                Some(text)
            );
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        for text in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-04-31",
            "2025-00-10",
            "25-01-01",
            "2025-1-01",
            "2025/01/01",
            "２０２５-01-01",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn odd_dates_are_shown_as_they_are() {
        // A commit's time may be any 64-bit number of seconds.
        assert_eq!(
            Date::from_unix_seconds(99_999_999_999).to_string(),
            "5138-11-16"
        );
        assert_eq!(
            Date::from_unix_seconds(-62_167_219_200).to_string(),
            "0000-01-01"
        );
        assert_eq!(
            Date::from_unix_seconds(i64::MAX).to_string(),
            "292277026596-12-04"
        );
        assert_eq!(
            Date::from_unix_seconds(i64::MIN).to_string(),
            "-292277022657-01-27"
        );
    }

    #[test]
    fn arithmetic_crosses_months_and_leap_days() {
        let start = Date::parse("2024-02-28").unwrap();
        assert_eq!(start.add_days(1).to_string(), "2024-02-29");
        assert_eq!(start.add_days(2).to_string(), "2024-03-01");
        assert_eq!(start.days_until(Date::parse("2025-02-28").unwrap()), 366);
        assert!(start < start.add_days(1));
    }

    #[test]
    fn deserialises_from_text_only() {
        let document = crate::source::yaml::read("a: 2024-02-29\nb: 2025-02-29\nc: 20250101\n")
            .document
            .expect("document");
        let field = |key: &str| document.root().get(key).expect(key).deserialize::<Date>();
        assert_eq!(field("a").ok(), Date::parse("2024-02-29"));
        let not_real = field("b").expect_err("not a real date").to_string();
        assert!(
            not_real.contains("`2025-02-29` is not a real date"),
            "{not_real}"
        );
        let number = field("c").expect_err("a number").to_string();
        assert!(number.contains("a date written YYYY-MM-DD"), "{number}");
        // Deserialisers that hand over text they own work too.
        let owned: Date = serde_json::from_value(serde_json::json!("2026-11-22")).expect("date");
        assert_eq!(Some(owned), Date::parse("2026-11-22"));
    }
}
