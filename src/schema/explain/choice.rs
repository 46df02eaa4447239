//! A value that is not one of the allowed choices: the choice meant, in
//! the words officers use for it, or the choices to write.

use super::At;
use super::*;
use crate::diagnostic::Location;
use crate::schema::SchemaProblem;
use crate::schema::fields::*;
use crate::schema::words;
use crate::text::did_you_mean;
use serde_json::Value;

/// A value not among `options`.
pub(in crate::schema) fn not_a_choice(at: &At<'_>, options: &Value) -> Vec<SchemaProblem> {
    let instance = at.instance;
    let pointer = &at.pointer;
    let field = &at.field;
    let description = || at.description();
    let advised = || at.advised();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    let options: Vec<String> = options
        .as_array()
        .map(|values| {
            values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let found = instance
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| instance.to_string());
    // The words officers use for a value (`NHSmail`, `ad hoc`).
    let meant = words::meant(&found, &options);
    let did_you_mean_one_of = || match &meant[..] {
        [] => None,
        [value] => Some(format!("Did you mean `{value}`?")),
        [values @ .., last] => Some(format!(
            "Did you mean `{}` or `{last}`?",
            values.join("`, `")
        )),
    };
    let help = if options.len() > LONG_ENUM {
        // The country codes: too many to list, and so short that
        // every typo is a real code, so the field's description
        // (which gives the common codes) helps more.
        match meant[..] {
            ["GB"] => Some("The United Kingdom's ISO 3166-1 code is GB: write `GB`.".to_owned()),
            [_] => advise(did_you_mean_one_of(), description()),
            _ => advised(),
        }
    } else if options.iter().all(|option| option.len() == 1) {
        Some(letter_help(at, &found, &options))
    } else {
        advise(
            did_you_mean_one_of().or_else(|| value_meant(pointer, &found, &options)),
            Some(format!("Allowed values: {}.", join_options(&options))),
        )
    };
    let message = if instance.is_null() {
        format!("{} has no value.", capitalise(field))
    } else {
        // Text in quotes, a number or `true` as it is.
        let shown = if instance.is_string() {
            format!("\"{}\"", shorten(&found))
        } else {
            shorten(&found)
        };
        format!(
            "{} is {shown}, which is not one of the allowed values.",
            capitalise(field),
        )
    };
    vec![problem(Location::Value(pointer.clone()), message, help)]
}

/// Advice for a letter of an Article that is not one: letters mean nothing
/// on their own, so the description says what each stands for, and a
/// letter is found from its meaning (`public task`) or its citation
/// (`6(1)(e)`).
fn letter_help(at: &At<'_>, found: &str, options: &[String]) -> String {
    let description = at.description().unwrap_or_default();
    // Every single character is one edit from every other, so a near miss
    // is only offered for a longer answer or one in the wrong case: `tier:
    // 4` is not a `1` mistyped, nor `g` an `a`.
    let trimmed = found.trim();
    let meant = letter_meant(found, options, &description).or_else(|| {
        did_you_mean(found, options.iter().map(String::as_str))
            .filter(|close| trimmed.chars().count() > 1 || close.eq_ignore_ascii_case(trimmed))
            .map(str::to_owned)
    });
    match meant {
        Some(letter) => format!("Did you mean `{letter}`? {description}"),
        None => description,
    }
}

/// The value most likely meant by `found`, written at `pointer`, beyond
/// the words officers use for one: several values in one entry of a list
/// (`Caldicott Guardian and SIRO`), a value followed by more words
/// (`weekly (Mondays)`), or a value a letter or two away, unless it says
/// the opposite (`not permitted` is not `permitted`).
fn value_meant(pointer: &str, found: &str, options: &[String]) -> Option<String> {
    let in_a_list = pointer
        .rsplit('/')
        .next()
        .is_some_and(|last| last.parse::<usize>().is_ok());
    let several = in_a_list
        .then(|| several_values(found, options))
        .flatten()
        .map(|values| {
            format!(
                "Did you mean `{}`? Give each as an entry of its own.",
                values.join("` and `")
            )
        });
    several
        .or_else(|| {
            leading_option(found, options)
                .map(|value| format!("Did you mean `{value}`? Write the value alone."))
        })
        .or_else(|| {
            did_you_mean(found, options.iter().map(String::as_str))
                .filter(|close| !words::negation_differs(found, close))
                .map(|close| format!("Did you mean `{close}`?"))
        })
}

/// More choices than a message can list: the ISO 3166-1 country codes.
pub(in crate::schema) const LONG_ENUM: usize = 40;

pub(in crate::schema) fn join_options(options: &[String]) -> String {
    options.join(", ")
}

/// The letter of an Article whose meaning or citation `found` gives:
/// `public task` or `6(1)(e)` for `e`, from a description that lists the
/// letters as `...: a consent, b contract, ..., f legitimate interests.`
pub(in crate::schema) fn letter_meant(
    found: &str,
    letters: &[String],
    description: &str,
) -> Option<String> {
    let found = found.trim().to_lowercase();
    // A citation: the letter in the last brackets.
    if let Some(inner) = found
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(_, letter)| letter)
        && letters.iter().any(|letter| letter == inner)
    {
        return Some(inner.to_owned());
    }
    let (_, listed) = description.rsplit_once(": ")?;
    let meanings: Vec<(&str, String)> = listed
        .trim_end_matches('.')
        .split(", ")
        .filter_map(|entry| {
            let (letter, meaning) = entry.split_once(' ')?;
            letters
                .iter()
                .any(|known| known == letter)
                .then(|| (letter, meaning.to_lowercase()))
        })
        .collect();
    let matching: Vec<&str> = meanings
        .iter()
        .filter(|(_, meaning)| {
            *meaning == found
                || (found.len() >= 4 && meaning.contains(found.as_str()))
                || found.contains(meaning.as_str())
        })
        .map(|(letter, _)| *letter)
        .collect();
    match matching[..] {
        [letter] => Some(letter.to_owned()),
        _ => None,
    }
}

/// The allowed values that `found` names together, as in `Caldicott
/// Guardian and SIRO` or `siro/dpo`: each part is a value, in the officers'
/// words or a letter or two away. `None` unless there are two or more and
/// every part names one.
pub(in crate::schema) fn several_values<'a>(
    found: &str,
    options: &'a [String],
) -> Option<Vec<&'a str>> {
    let lower = found.to_lowercase();
    let parts: Vec<&str> = lower
        .split([',', '/', '&', '+', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let mut values: Vec<&str> = Vec::new();
    for part in parts {
        let value = options
            .iter()
            .map(String::as_str)
            .find(|option| words::normalise(option) == words::normalise(part))
            .or_else(|| match words::meant(part, options)[..] {
                [value] => Some(value),
                _ => None,
            })
            .or_else(|| did_you_mean(part, options.iter().map(String::as_str)))?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    (values.len() > 1).then_some(values)
}

/// The allowed value that `found` begins with, followed by other words:
/// `weekly (Mondays)` is `weekly`, `sftp via the portal` is `sftp`. The
/// longest such value, when it is not all that was written.
pub(in crate::schema) fn leading_option<'a>(found: &str, options: &'a [String]) -> Option<&'a str> {
    let lower = found.trim().to_lowercase();
    options
        .iter()
        .filter(|option| {
            lower
                .strip_prefix(option.to_lowercase().as_str())
                .and_then(|rest| rest.chars().next())
                .is_some_and(|next| !next.is_alphanumeric() && next != '-')
        })
        .max_by_key(|option| option.len())
        .map(String::as_str)
}
