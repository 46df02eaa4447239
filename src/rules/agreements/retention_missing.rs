//! `retention-missing`: nobody knows how long the data is kept.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("retention-missing", Family::Agreements, Level::Error),
    summary: "A flow of personal data says nothing about how long it is kept.",
    checks: "That every flow of personal data (identifiable or pseudonymised) gives `retention`, and that it says how long: a placeholder (`TBC`, `n/a`), `as per policy`, or `indefinitely` or `as long as necessary` on its own says nothing.",
    why: "UK GDPR Article 5(1)(e), storage limitation: personal data is kept no longer than necessary. The ICO data sharing code expects agreements to state retention and deletion.",
    example: "flows:\n  - id: referral\n    identifiability: identifiable\n    retention: TBC",
    fix: "Add `retention:` saying how long the recipient keeps the data and how it is then destroyed.",
    check: Check::EachAgreement(check),
};

const HELP: &str =
    "Add `retention:` saying how long the recipient keeps the data and how it is destroyed.";

fn check(_: &Assessment<'_>, agreement: &Record<Agreement>, out: &mut Vec<Diagnostic>) {
    for (f, flow) in agreement.flows.iter().enumerate() {
        if !super::is_personal(flow) {
            continue;
        }
        let (message, help) = match flow.retention.as_deref() {
            None => (
                format!("Flow `{}` does not say how long the data is kept.", flow.id),
                HELP.to_owned(),
            ),
            Some(written) => match says_nothing(written) {
                Some(unsaid) => (
                    format!(
                        "Flow `{}` gives `{}` as its retention, which does not say how long the data is kept.",
                        flow.id,
                        written.trim()
                    ),
                    unsaid.help().to_owned(),
                ),
                None => continue,
            },
        };
        out.push(
            Diagnostic::new(
                &RULE,
                agreement.file.as_str(),
                Location::Value(pointer!("flows", f, "retention")),
                message,
            )
            .with_help(help),
        );
    }
}

/// What a retention written as a few words leaves unsaid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unsaid {
    /// A placeholder: `TBC`, `n/a`, `unknown`.
    Everything,
    /// A policy not named: `as per policy`.
    Period,
    /// No end, and no reason: `indefinitely`, `as long as necessary`.
    End,
}

impl Unsaid {
    fn help(self) -> &'static str {
        match self {
            Unsaid::Everything => {
                "Say how long the recipient keeps the data and how it is then destroyed, e.g. `retention: Kept for 8 years after the last contact, then securely destroyed.` If the recipient keeps nothing (it only views the data), say that."
            }
            Unsaid::Period => {
                "Give the period the policy sets for this data, and the policy or schedule it comes from, e.g. `retention: Kept for 8 years after the last contact (Records Management Code of Practice), then securely destroyed.`"
            }
            Unsaid::End => {
                "Give the period, or the law or records schedule under which the data is kept permanently (such as the Records Management Code of Practice), so partners and the public can see it is kept no longer than necessary."
            }
        }
    }
}

/// Placeholders: nothing is said.
const EVERYTHING: &[&str] = &[
    "",
    "-",
    "?",
    "x",
    "tbc",
    "tbd",
    "tba",
    "to be confirmed",
    "to be decided",
    "to be agreed",
    "n/a",
    "na",
    "none",
    "unknown",
    "not known",
    "various",
    "see above",
];

/// Whether `text` is only a placeholder (`TBC`, `n/a`, `unknown`), with
/// any stop or spaces around it.
pub(super) fn is_placeholder(text: &str) -> bool {
    is_written_as(text, EVERYTHING)
}

/// Whether `text`, with any stop or spaces around it, is one of `phrases`.
pub(super) fn is_written_as(text: &str, phrases: &[&str]) -> bool {
    let bare = text
        .trim()
        .trim_end_matches(['.', '!', ';', ':'])
        .trim_end();
    phrases.iter().any(|one| bare.eq_ignore_ascii_case(one))
}

/// A policy, not named.
const PERIOD: &[&str] = &[
    "as per policy",
    "per policy",
    "policy",
    "as per local policy",
    "local policy",
    "as per retention policy",
    "per retention policy",
    "retention policy",
    "as per our policy",
    "in line with policy",
    "in line with local policy",
    "in line with our policy",
    "in line with retention policy",
    "as per retention schedule",
    "in line with retention schedule",
    "in line with our retention policy",
    "as per organisational policy",
    "in line with organisational policy",
];

/// No end, and no reason.
const END: &[&str] = &[
    "indefinitely",
    "indefinite",
    "forever",
    "permanently",
    "permanent",
    "no limit",
    "unlimited",
    "as long as necessary",
    "as long as needed",
    "as long as required",
    "as required",
    "as necessary",
    "as needed",
    "until no longer needed",
    "until no longer required",
];

/// Words before a phrase that change nothing: `Kept indefinitely.`, `For
/// as long as necessary`.
const KEPT: &[&str] = &["kept", "retained", "held", "stored"];

/// The last word of each phrase above, and of `Kept.` and `Kept for.`
/// (placeholders on their own): a retention ending in any other word is
/// no phrase above, which is all a clean registry's flows need to learn.
fn last_words() -> &'static [&'static str] {
    static LAST_WORDS: std::sync::OnceLock<Vec<&str>> = std::sync::OnceLock::new();
    LAST_WORDS.get_or_init(|| {
        let mut words: Vec<&str> = [EVERYTHING, PERIOD, END, KEPT, &["for"]]
            .concat()
            .into_iter()
            .filter_map(|phrase| phrase.rsplit(' ').next())
            .filter(|word| !word.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

/// Whether `retention` is only words that say nothing about how long:
/// the whole of it, not a sentence that uses them (`Kept permanently
/// under the Public Records Act 1958` says why).
fn says_nothing(retention: &str) -> Option<Unsaid> {
    // Longer than any of the phrases with `Kept for` before them, ending
    // in a word none ends in, or with a figure in it: it says something.
    // (This runs for every flow of a national registry, so it is quick to
    // say so, and allocates nothing.)
    let is_one_of = |word: &str, any: &[&str]| any.iter().any(|one| word.eq_ignore_ascii_case(one));
    let parts = |c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!');
    let last = retention.trim_end_matches(parts).rsplit(parts).next();
    if retention.len() > 60
        || !last.is_some_and(|last| is_one_of(last, last_words()))
        || retention.bytes().any(|byte| byte.is_ascii_digit())
    {
        return None;
    }
    let mut words = [""; 8];
    let mut count = 0;
    for word in retention.split(parts).filter(|word| !word.is_empty()) {
        *words.get_mut(count)? = word;
        count += 1;
    }
    let mut words = &words[..count];
    if let [first, rest @ ..] = words
        && is_one_of(first, KEPT)
    {
        words = rest;
    }
    if let [first, rest @ ..] = words
        && first.eq_ignore_ascii_case("for")
    {
        words = rest;
    }
    let is = |phrase: &str| {
        let mut phrase = phrase.split(' ').filter(|word| !word.is_empty());
        words.iter().all(|word| {
            phrase
                .next()
                .is_some_and(|own| word.eq_ignore_ascii_case(own))
        }) && phrase.next().is_none()
    };
    [
        (EVERYTHING, Unsaid::Everything),
        (PERIOD, Unsaid::Period),
        (END, Unsaid::End),
    ]
    .into_iter()
    .find(|(phrases, _)| phrases.iter().any(|phrase| is(phrase)))
    .map(|(_, unsaid)| unsaid)
}

#[cfg(test)]
mod tests {
    use super::{Unsaid, says_nothing};

    #[test]
    fn a_few_words_that_say_nothing_are_told_apart_from_a_retention() {
        for (written, unsaid) in [
            ("TBC", Unsaid::Everything),
            (" n/a ", Unsaid::Everything),
            ("Unknown.", Unsaid::Everything),
            ("-", Unsaid::Everything),
            ("Kept.", Unsaid::Everything),
            ("Kept for:", Unsaid::Everything),
            ("Until no longer required", Unsaid::End),
            ("Retention policy", Unsaid::Period),
            ("As per policy", Unsaid::Period),
            ("In line with local policy.", Unsaid::Period),
            ("indefinitely", Unsaid::End),
            ("Kept indefinitely.", Unsaid::End),
            ("Retained permanently", Unsaid::End),
            ("For as long as necessary", Unsaid::End),
            ("As required", Unsaid::End),
        ] {
            assert_eq!(says_nothing(written), Some(unsaid), "{written}");
        }
        for written in [
            "Kept permanently under the Public Records Act 1958.",
            "Kept for two years after support ends, then deleted.",
            "Viewed only; nothing is kept.",
            "For as long as the service runs; deleted within 90 days of the contract ending.",
            "8 years",
            "Kept as long as necessary for the child's care, and at most 25 years.",
        ] {
            assert_eq!(says_nothing(written), None, "{written}");
        }
    }
}
