//! A value written in a common wrong form, written the way the registry
//! format asks: `yes` as `true`, `180,000` as `180000`, `01/03/2025` as
//! `2025-03-01`, `z5940683` as `Z5940683`. Each is only a guess: the
//! schema's explanation offers the first guess that the field's own schema
//! accepts, so advice never suggests a value that would itself be refused.

use serde_json::Value;

/// A guess at what was meant, and how it was arrived at (which decides how
/// the advice is worded).
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub value: Value,
    pub how: How,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum How {
    /// `yes` or `no` for `true` or `false`.
    YesNo,
    /// A number written as text: quoted, with commas, a `%` or in words.
    Number,
    /// A date in another order or with the month in words; the date in
    /// words, so the reader can see how it was read.
    Date(String),
    /// A month without its day (`December 2027`): the guess is the month's
    /// first day; the month in words and its last day, since either end
    /// (or a day between) may be meant.
    Month { words: String, last: String },
    /// Text in the wrong case, with spaces or separators, or without
    /// `https://`.
    Text,
    /// A word of the 5x5 risk matrix (`possible`, `major`) for its score.
    RiskScore,
    /// A way of encrypting (`TLS 1.2`) or of not (`unencrypted`), written
    /// where `encrypted` asks whether the data is encrypted.
    Encryption,
    /// Weeks, months or years where a setting asks for days; whether the
    /// number of days is exact (weeks) or about right (a month or a year
    /// has no fixed number of days).
    Days { exact: bool },
}

/// The number of days in `8 weeks`, `3 months` or `a year`, and whether
/// it is exact: days and weeks are, months and years are counted at their average
/// length (30.44 and 365.25 days) and rounded.
pub fn days(text: &str) -> Option<(u64, bool)> {
    let lower = bare_figure(text);
    let (figure, unit) = lower.split_once(' ')?;
    let count: u64 = match figure {
        "a" | "an" => 1,
        _ => match NUMBER_WORDS.iter().position(|word| *word == figure) {
            Some(count) => count as u64,
            None => small_number(figure, 3)?.into(),
        },
    };
    let (length, exact) = match unit.trim().trim_end_matches('s') {
        "day" => (1.0, true),
        "week" => (7.0, true),
        "month" => (30.44, false),
        "year" => (365.25, false),
        _ => return None,
    };
    let days = (count as f64 * length).round() as u64;
    (days > 0).then_some((days, exact))
}

/// Whether text written for `encrypted` says the data is encrypted
/// (`TLS 1.2`, `AES-256`, `HTTPS`) or is not (`unencrypted`, `none`).
pub fn encryption(text: &str) -> Option<bool> {
    let normalised = super::words::normalise(text);
    let words: Vec<&str> = normalised.split(' ').collect();
    let any = |list: &[&str]| words.iter().any(|word| list.contains(word));
    if any(&["unencrypted", "not", "no", "none", "plain", "plaintext"]) {
        Some(false)
    } else if any(&[
        "tls",
        "ssl",
        "https",
        "aes",
        "aes256",
        "encrypted",
        "encryption",
        "vpn",
        "pgp",
        "gpg",
        "sftp",
        "ssh",
        "ipsec",
    ]) {
        Some(true)
    } else {
        None
    }
}

/// The score a word of the NHS 5x5 risk matrix stands for: likelihood
/// rare, unlikely, possible, likely, almost certain; impact negligible,
/// minor, moderate, major, catastrophic; either as very low, low, medium,
/// high, very high. Written where `likelihood` or `impact` asks for the
/// number. (`major` and `likely` are both 4, so one list serves both.)
pub fn risk_score(text: &str) -> Option<u64> {
    let normalised = super::words::normalise(text);
    let score = match normalised.as_str() {
        "rare" | "negligible" | "very low" | "insignificant" => 1,
        "unlikely" | "minor" | "low" => 2,
        "possible" | "moderate" | "medium" => 3,
        "likely" | "major" | "high" => 4,
        "almost certain" | "certain" | "catastrophic" | "very high" | "extreme" => 5,
        _ => return None,
    };
    Some(score)
}

/// Every guess for `found`, most specific first, without repeats and
/// never `found` itself. Only text is guessed from.
pub fn guesses(found: &Value) -> Vec<Guess> {
    let Some(text) = found.as_str() else {
        return Vec::new();
    };
    let mut guesses = Vec::new();
    if let Some(flag) = yes_no(text) {
        guesses.push(Guess {
            value: Value::Bool(flag),
            how: How::YesNo,
        });
    }
    if let Some(number) = number(text) {
        guesses.push(Guess {
            value: Value::Number(number),
            how: How::Number,
        });
    }
    if let Some((iso, words)) = date(text) {
        guesses.push(Guess {
            value: Value::String(iso),
            how: How::Date(words),
        });
    }
    if let Some((first, last, words)) = month(text) {
        guesses.push(Guess {
            value: Value::String(first),
            how: How::Month { words, last },
        });
    }
    for candidate in texts(text) {
        let value = Value::String(candidate);
        if value != *found && guesses.iter().all(|guess| guess.value != value) {
            guesses.push(Guess {
                value,
                how: How::Text,
            });
        }
    }
    guesses
}

/// `yes`, `y`, `on` and `no`, `n`, `off`, in any case: what YAML 1.1 read
/// as true and false, and what people write in a form.
fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" | "true" => Some(true),
        "no" | "n" | "off" | "false" => Some(false),
        _ => None,
    }
}

const NUMBER_WORDS: [&str; 11] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Words around an approximate figure, as in `about 180,000 a year` or
/// `Tier 3`: the number alone is what the field asks for.
const BEFORE_A_NUMBER: [&str; 11] = [
    "approximately ",
    "approx. ",
    "approx ",
    "about ",
    "around ",
    "roughly ",
    "circa ",
    "c. ",
    "up to ",
    "tier ",
    "~",
];
const AFTER_A_NUMBER: [&str; 9] = [
    " days",
    " records a year",
    " records per year",
    " records",
    " a year",
    " per year",
    " per annum",
    " pa",
    " people",
];

/// `text` without the words of [`BEFORE_A_NUMBER`] and [`AFTER_A_NUMBER`]
/// around it, in lower case.
fn bare_figure(text: &str) -> String {
    let mut lower = text.trim().to_ascii_lowercase();
    if let Some(rest) = BEFORE_A_NUMBER
        .iter()
        .find_map(|word| lower.strip_prefix(word))
    {
        lower = rest.trim_start().to_owned();
    }
    if let Some(rest) = AFTER_A_NUMBER
        .iter()
        .find_map(|word| lower.strip_suffix(word))
    {
        lower = rest.trim_end().to_owned();
    }
    lower
}

/// A number written as text: `"3"`, `180,000`, `180 000`, `97%`, `three`,
/// `about 180,000 a year`.
fn number(text: &str) -> Option<serde_json::Number> {
    let lower = bare_figure(text);
    let text = lower.as_str();
    if let Some(value) = NUMBER_WORDS.iter().position(|word| *word == lower) {
        return Some(serde_json::Number::from(value as u64));
    }
    let text = text.strip_suffix('%').unwrap_or(text).trim_end();
    if let Some(whole) = multiplied(text) {
        return Some(whole.into());
    }
    // Thousands separated by commas or spaces, only between digits.
    let bytes = text.as_bytes();
    let mut plain = String::with_capacity(text.len());
    for (at, &byte) in bytes.iter().enumerate() {
        let between_digits = at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        match byte {
            b',' | b' ' | b'_' if between_digits => {}
            _ => plain.push(char::from(byte)),
        }
    }
    if plain.is_empty()
        || !plain
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    if let Ok(whole) = plain.parse::<u64>() {
        return Some(whole.into());
    }
    if let Ok(whole) = plain.parse::<i64>() {
        return Some(whole.into());
    }
    plain
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
}

/// A whole number written with `k`, `thousand`, `m` or `million`:
/// `180k`, `1.2m`, `2 million`.
fn multiplied(text: &str) -> Option<u64> {
    let (figure, by) = [
        (" thousand", 1_000u64),
        ("k", 1_000),
        (" million", 1_000_000),
        ("m", 1_000_000),
    ]
    .into_iter()
    .find_map(|(word, by)| {
        text.strip_suffix(word)
            .map(|figure| (figure.trim_end(), by))
    })?;
    let (whole, fraction) = figure.split_once('.').unwrap_or((figure, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 6 {
        return None;
    }
    // In whole units, so that `1.1k` is 1100 exactly; only a whole number
    // of records is a figure (`1.2345k` is not).
    let scale = 10u64.pow(fraction.len() as u32);
    let fraction_value: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let parts = fraction_value.checked_mul(by)?;
    (parts % scale == 0).then_some(())?;
    whole
        .parse::<u64>()
        .ok()?
        .checked_mul(by)?
        .checked_add(parts / scale)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A real calendar date written another way, as `YYYY-MM-DD` and in words:
/// `1/3/2025`, `01.03.25` and `1-Mar-2025` (day first, as dates are
/// written in the UK), `1st March 2025`, `March 1, 2025`, `2025/3/1`.
pub fn date(text: &str) -> Option<(String, String)> {
    // A date with a time of day (`2025-03-01T00:00:00`, `2025-03-01
    // 09:00`), as spreadsheets and databases write it: the date alone.
    if let Some((day, time)) = text.trim().split_once(['T', ' '])
        && time.starts_with(|c: char| c.is_ascii_digit())
        && time.contains(':')
        && super::compile::plain_date(day)
    {
        let (year, rest) = day.split_at(4);
        let month: usize = rest[1..3].parse().ok()?;
        let day_of_month: u32 = rest[4..6].parse().ok()?;
        return Some((
            day.to_owned(),
            format!("{day_of_month} {} {}", MONTHS[month - 1], year),
        ));
    }
    let parts: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | ','))
        .filter(|part| !part.is_empty())
        .collect();
    let [first, second, third] = parts[..] else {
        return None;
    };
    let (year, month, day) = if let Some(month) = month_named(second) {
        (year(third)?, month, day(first)?)
    } else if let Some(month) = month_named(first) {
        (year(third)?, month, day(second)?)
    } else if first.len() == 4 {
        (year(first)?, month_number(second)?, day(third)?)
    } else {
        (year(third)?, month_number(second)?, day(first)?)
    };
    let iso = format!("{year:04}-{month:02}-{day:02}");
    if !super::compile::plain_date(&iso) || iso == text {
        return None;
    }
    Some((iso, format!("{day} {} {year}", MONTHS[month as usize - 1])))
}

/// A month of a year written without a day (`December 2027`, `Dec 2027`,
/// `2027-12`, `12/2027`): its first and last days as `YYYY-MM-DD`, and the
/// month in words. Only a four-digit year is read, so `12/27` (which may be
/// a day and a month) is not.
pub fn month(text: &str) -> Option<(String, String, String)> {
    let parts: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | ','))
        .filter(|part| !part.is_empty())
        .collect();
    let [first, second] = parts[..] else {
        return None;
    };
    let (year, month) = match (first.len(), second.len()) {
        (4, _) => (
            small_number(first, 4)?,
            month_named(second).or_else(|| month_number(second))?,
        ),
        (_, 4) => (
            small_number(second, 4)?,
            month_named(first).or_else(|| month_number(first))?,
        ),
        _ => return None,
    };
    if year < 1000 {
        return None;
    }
    let last = crate::date::days_in_month(year as i32, month);
    Some((
        format!("{year:04}-{month:02}-01"),
        format!("{year:04}-{month:02}-{last:02}"),
        format!("{} {year}", MONTHS[month as usize - 1]),
    ))
}

/// A day of the month, with or without `st`, `nd`, `rd` or `th`.
fn day(text: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| {
            text.to_ascii_lowercase()
                .strip_suffix(suffix)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| text.to_owned());
    small_number(&digits, 2).filter(|day| (1..=31).contains(day))
}

fn month_number(text: &str) -> Option<u32> {
    small_number(text, 2).filter(|month| (1..=12).contains(month))
}

/// A month by its name or the name's first three letters or more.
fn month_named(text: &str) -> Option<u32> {
    if text.len() < 3 {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|month| month.to_ascii_lowercase().starts_with(&lower))
        .map(|index| index as u32 + 1)
}

/// A year of four digits, or of two for this century.
fn year(text: &str) -> Option<u32> {
    match text.len() {
        4 => small_number(text, 4),
        2 => small_number(text, 2).map(|year| 2000 + year),
        _ => None,
    }
}

fn small_number(text: &str, longest: usize) -> Option<u32> {
    (!text.is_empty() && text.len() <= longest && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Text written as codes and addresses usually are: trimmed, in capitals
/// or small letters, without spaces, with `-` between its parts, a DSPT
/// year's second year in two digits, a web address with `https://`, a
/// Schedule 1 condition as `part1-para2`.
fn texts(text: &str) -> Vec<String> {
    let trimmed = text.trim();
    let mut out = vec![
        trimmed.to_owned(),
        trimmed.to_ascii_uppercase(),
        trimmed.to_ascii_lowercase(),
    ];
    // Email addresses are not guessed at beyond that: a space in one may
    // stand for a dot, a hyphen or nothing.
    if trimmed.contains('@') {
        return out;
    }
    let joined: String = trimmed.split_whitespace().collect();
    out.push(joined.to_ascii_uppercase());
    out.push(joined);
    let hyphenated: String = trimmed
        .split(|c: char| matches!(c, '/' | '–' | '—' | '\\') || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    out.push(hyphenated.clone());
    if let Some((first, second)) = hyphenated.split_once('-')
        && first.len() == 4
        && second.len() == 4
        && first
            .bytes()
            .chain(second.bytes())
            .all(|b| b.is_ascii_digit())
    {
        out.push(format!("{first}-{}", &second[2..]));
    }
    if !trimmed.contains("://") && trimmed.contains('.') {
        out.push(format!("https://{trimmed}"));
    }
    let condition: String = trimmed
        .to_ascii_lowercase()
        .replace("paragraph", "para")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if let Some(at) = condition.find("para") {
        out.push(format!("{}-{}", &condition[..at], &condition[at..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn date_of(text: &str) -> Option<String> {
        date(text).map(|(iso, _)| iso)
    }

    #[test]
    fn dates_are_read_day_first_or_with_the_month_in_words() {
        assert_eq!(
            date("01/03/2025"),
            Some(("2025-03-01".into(), "1 March 2025".into()))
        );
        assert_eq!(date_of("1/3/25"), Some("2025-03-01".into()));
        assert_eq!(date_of("01.03.2025"), Some("2025-03-01".into()));
        assert_eq!(date_of("1-Mar-2025"), Some("2025-03-01".into()));
        assert_eq!(date_of("1st March 2025"), Some("2025-03-01".into()));
        assert_eq!(date_of("March 1, 2025"), Some("2025-03-01".into()));
        assert_eq!(date_of("2025/3/1"), Some("2025-03-01".into()));
        assert_eq!(date_of("2025-3-1"), Some("2025-03-01".into()));
        assert_eq!(date_of("31 December 2026"), Some("2026-12-31".into()));
        // With a time of day, as a spreadsheet or database writes it.
        assert_eq!(
            date("2025-01-01T00:00:00"),
            Some(("2025-01-01".into(), "1 January 2025".into()))
        );
        assert_eq!(date_of("2025-03-01 09:30"), Some("2025-03-01".into()));
        assert_eq!(date_of("2025-02-30T00:00:00"), None, "no such day");
        assert_eq!(date_of("2025-03-01 or later"), None, "not a time");
    }

    #[test]
    fn only_real_dates_are_guessed() {
        assert_eq!(date_of("31/02/2025"), None);
        assert_eq!(date_of("29/02/2027"), None);
        assert_eq!(date_of("13/13/2025"), None);
        assert_eq!(date_of("2025-03-01"), None, "already right");
        assert_eq!(date_of("March 2025"), None, "no day");
        assert_eq!(date_of("1 Ma 2025"), None, "too short for a month");
        assert_eq!(date_of("next Tuesday"), None);
    }

    #[test]
    fn months_without_a_day_give_their_first_and_last_days() {
        let december = Some((
            "2027-12-01".to_owned(),
            "2027-12-31".to_owned(),
            "December 2027".to_owned(),
        ));
        for text in [
            "December 2027",
            "dec 2027",
            "2027-12",
            "12/2027",
            "2027 December",
        ] {
            assert_eq!(month(text), december, "{text}");
        }
        assert_eq!(
            month("Feb 2028").map(|(_, last, _)| last),
            Some("2028-02-29".into()),
            "a leap year"
        );
        assert_eq!(
            month("02/2027").map(|(_, last, _)| last),
            Some("2027-02-28".into())
        );
        for not in [
            "12/27",
            "13/2027",
            "1 December 2027",
            "2027",
            "Decem 27",
            "next 2027",
        ] {
            assert_eq!(month(not), None, "{not}");
        }
    }

    #[test]
    fn numbers_written_as_text() {
        assert_eq!(number("180,000"), Some(180_000u64.into()));
        assert_eq!(number("180 000"), Some(180_000u64.into()));
        assert_eq!(number(" 3 "), Some(3u64.into()));
        assert_eq!(number("97%"), Some(97u64.into()));
        assert_eq!(number("97.5 %"), serde_json::Number::from_f64(97.5));
        assert_eq!(number("Three"), Some(3u64.into()));
        assert_eq!(number("-2"), Some((-2i64).into()));
        // Figures the format asks for are approximate (records a year).
        assert_eq!(number("about 180000"), Some(180_000u64.into()));
        assert_eq!(number("Approx. 180,000 a year"), Some(180_000u64.into()));
        assert_eq!(number("~500 records"), Some(500u64.into()));
        assert_eq!(number("Tier 3"), Some(3u64.into()));
        assert_eq!(number("60 days"), Some(60u64.into()));
        // Thousands and millions in short.
        assert_eq!(number("180k"), Some(180_000u64.into()));
        assert_eq!(number("about 1.1k a year"), Some(1_100u64.into()));
        assert_eq!(number("1.2m"), Some(1_200_000u64.into()));
        assert_eq!(number("2 million"), Some(2_000_000u64.into()));
        assert_eq!(number("12 thousand"), Some(12_000u64.into()));
        assert_eq!(number("1.2345k"), None, "not a whole number");
        assert_eq!(number("k"), None);
        assert_eq!(number(".5m"), None);
        assert_eq!(number("about"), None);
        assert_eq!(number("about a hundred"), None);
        assert_eq!(number("180000 per month"), None);
        assert_eq!(number("1,,000"), None);
        assert_eq!(number(",5"), None);
        assert_eq!(number("v3"), None);
        assert_eq!(number(""), None);
    }

    #[test]
    fn weeks_months_and_years_in_days() {
        assert_eq!(super::days("8 weeks"), Some((56, true)));
        assert_eq!(super::days("1 day"), Some((1, true)));
        assert_eq!(super::days("3 years"), Some((1096, false)));
        assert_eq!(super::days("a year"), Some((365, false)));
        assert_eq!(super::days("Two months"), Some((61, false)));
        assert_eq!(super::days("about 6 months"), Some((183, false)));
        assert_eq!(super::days("1 month"), Some((30, false)));
        for not in [
            "60",
            "3 decades",
            "years",
            "0 weeks",
            "1000 years",
            "x years",
        ] {
            assert_eq!(super::days(not), None, "{not}");
        }
    }

    #[test]
    fn words_of_the_risk_matrix_are_scores() {
        for (words, score) in [
            (["Rare", "negligible", "very low"], 1),
            (["unlikely", "Minor", "low"], 2),
            (["possible", "moderate", "Medium"], 3),
            (["likely", "major", "HIGH"], 4),
            (["almost certain", "catastrophic", "very high"], 5),
        ] {
            for word in words {
                assert_eq!(risk_score(word), Some(score), "{word}");
            }
        }
        assert_eq!(risk_score("3"), None);
        assert_eq!(risk_score("quite likely"), None);
    }

    #[test]
    fn ways_of_encrypting_are_read_as_encrypted() {
        assert_eq!(encryption("TLS 1.2"), Some(true));
        assert_eq!(encryption("AES-256 at rest and HTTPS"), Some(true));
        assert_eq!(encryption("Encrypted (SFTP)"), Some(true));
        assert_eq!(encryption("unencrypted"), Some(false));
        assert_eq!(encryption("Not encrypted"), Some(false));
        assert_eq!(encryption("by courier"), None);
    }

    #[test]
    fn yes_and_no() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("OFF"), Some(false));
        assert_eq!(yes_no("n"), Some(false));
        assert_eq!(yes_no("maybe"), None);
    }

    #[test]
    fn texts_offer_the_usual_ways_of_writing_codes() {
        let of = |text: &str| -> Vec<Value> {
            guesses(&json!(text))
                .into_iter()
                .filter(|guess| guess.how == How::Text)
                .map(|guess| guess.value)
                .collect()
        };
        assert!(of("z5940683").contains(&json!("Z5940683")));
        assert!(of("Z594 0683").contains(&json!("Z5940683")));
        assert!(of("2025/26").contains(&json!("2025-26")));
        assert!(of("2025-2026").contains(&json!("2025-26")));
        assert!(of("www.example.org/privacy").contains(&json!("https://www.example.org/privacy")));
        assert!(of("Part 1 paragraph 2").contains(&json!("part1-para2")));
        assert_eq!(
            of("amir khan@example.org"),
            vec![json!("AMIR KHAN@EXAMPLE.ORG")],
            "a space in an email address is not guessed at"
        );
        assert!(
            !of("Z5940683").contains(&json!("Z5940683")),
            "never the value itself"
        );
    }

    #[test]
    fn only_text_is_guessed_from() {
        assert!(guesses(&json!(3)).is_empty());
        assert!(guesses(&json!(true)).is_empty());
        assert!(guesses(&json!(null)).is_empty());
    }
}
