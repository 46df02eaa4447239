//! An unknown field: the field most likely meant (a misspelling, the
//! singular of a plural, another system's name), or where in the format
//! a field of that name belongs.

use super::At;
use crate::diagnostic::Location;
use crate::schema::tree::*;
use crate::schema::words::*;
use crate::schema::{RecordKind, SchemaProblem};
use crate::text::did_you_mean;

/// Each of the `unexpected` fields (at most `limit`) of a mapping.
pub(in crate::schema) fn unknown_fields(
    at: &At<'_>,
    unexpected: &[String],
    limit: usize,
) -> Vec<SchemaProblem> {
    let (root, kind, document, instance) = (at.root, at.kind, at.document, at.instance);
    let pointer = &at.pointer;
    let field = &at.field;
    let parent_path = at.parent_path();
    let problem = |location: Location, message: String, help: Option<String>| {
        at.problem(location, message, help)
    };
    let allowed: Vec<&str> = properties_near(root, parent_path)
        .map(|properties| properties.keys().map(String::as_str).collect())
        .unwrap_or_default();
    unexpected
        .iter()
        .take(limit)
        .map(|name| {
            let child = format!("{pointer}/{}", crate::diagnostic::pointer_segment(name));
            let place = if pointer.is_empty() {
                format!("of {}", kind.noun())
            } else {
                format!("under {field}")
            };
            let suggestion = did_you_mean(name, allowed.iter().copied())
                .or_else(|| word_prefix(name, &allowed))
                .or_else(|| other_number(name, &allowed))
                .or_else(|| {
                    other_word(name, &allowed).filter(|meant| instance.get(*meant).is_none())
                });
            // Sixty rule names are no help: the rules that share
            // a word with it are.
            if kind == RecordKind::Settings && pointer == "/rules" {
                return problem(
                    Location::Key(child),
                    format!("`{name}` is not the name of a rule."),
                    Some(rule_named_wrongly(name, suggestion, &allowed)),
                );
            }
            let allowed_here = format!("The fields allowed here are: {}.", allowed.join(", "));
            let help = match suggestion {
                Some(suggestion) => format!("Did you mean `{suggestion}`? {allowed_here}"),
                None => match &places_of(root, name, pointer, document)[..] {
                    [] => allowed_here,
                    places => format!(
                        "`{name}` belongs {}: check how far it is indented. {allowed_here}",
                        places.join(", or ")
                    ),
                },
            };
            SchemaProblem {
                misspells: suggestion
                    .filter(|meant| instance.get(*meant).is_none())
                    .map(|meant| {
                        format!("{pointer}/{}", crate::diagnostic::pointer_segment(meant))
                    }),
                ..problem(
                    Location::Key(child),
                    format!("`{name}` is not a known field {place}."),
                    Some(help),
                )
            }
        })
        .collect()
}

/// The one field among `allowed` that `name` begins, or that begins `name`,
/// up to a `_`: `review` for `review_due`, `mou_signed` for `mou`. Too far
/// apart letter by letter for [`did_you_mean`], but plainly meant.
pub(in crate::schema) fn word_prefix<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let starts = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with('_'))
    };
    let mut matching = allowed
        .iter()
        .filter(|field| starts(field, name) || starts(name, field));
    match (matching.next(), matching.next()) {
        (Some(field), None) => Some(field),
        _ => None,
    }
}

/// The allowed field another word names (see [`OTHER_WORDS`]).
pub(in crate::schema) fn other_word<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let (_, meant) = OTHER_WORDS.iter().find(|(word, _)| *word == lower)?;
    allowed.iter().copied().find(|field| field == meant)
}

/// The allowed field that is `name` in the plural or the singular:
/// `category` for `categories`, `purpose` for `purposes`, too far apart
/// letter by letter for a did-you-mean when the plural ends in `ies`.
pub(in crate::schema) fn other_number<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let forms = [
        format!("{name}s"),
        format!("{name}es"),
        name.strip_suffix('y')
            .map(|stem| format!("{stem}ies"))
            .unwrap_or_default(),
        name.strip_suffix("ies")
            .map(|stem| format!("{stem}y"))
            .unwrap_or_default(),
        name.strip_suffix('s').unwrap_or_default().to_owned(),
    ];
    allowed
        .iter()
        .copied()
        .find(|field| forms.iter().any(|form| !form.is_empty() && form == field))
}

/// Help for a rule named wrongly under `rules` in `isg.yaml`: the rule
/// meant, or the rules that share a word of its name (`dpia-required`:
/// `dpia-missing`, `dpia-after-start`), and where the list is.
pub(in crate::schema) fn rule_named_wrongly(
    name: &str,
    meant: Option<&str>,
    rules: &[&str],
) -> String {
    const LIST: &str = "`isg explain` lists every rule.";
    if let Some(meant) = meant {
        return format!("Did you mean `{meant}`? {LIST}");
    }
    // Words too common in rule names to say which rule is meant.
    const COMMON: &[&str] = &[
        "missing", "without", "with", "by", "to", "for", "in", "of", "not", "too", "after",
    ];
    let words = |text: &str| -> Vec<String> {
        text.to_ascii_lowercase()
            .split(['-', '_', ' '])
            .filter(|word| !word.is_empty() && !COMMON.contains(word))
            .map(str::to_owned)
            .collect()
    };
    let own = words(name);
    let sharing: Vec<String> = rules
        .iter()
        .filter(|rule| words(rule).iter().any(|word| own.contains(word)))
        .map(|rule| format!("`{rule}`"))
        .collect();
    match sharing.as_slice() {
        [] => {
            format!("Rules are named as `isg explain` lists them, such as `review-overdue`. {LIST}")
        }
        [one] => format!("Did you mean {one}? {LIST}"),
        [rest @ .., last] if sharing.len() <= 6 => {
            format!("Did you mean {} or {last}? {LIST}", rest.join(", "))
        }
        _ => format!(
            "Rules with a word of its name: {}. {LIST}",
            sharing.join(", ")
        ),
    }
}
