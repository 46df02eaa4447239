//! The words IG officers use for the format's fixed values: `NHSmail` for
//! `secure-email`, `ad hoc` for `on-request`, `s251` for `section-251`,
//! `council` for `local-authority`. Too far from the value letter by
//! letter for a did-you-mean, but plainly meant. A word is only offered
//! for a field whose allowed values include what it means.
use crate::schema::compile::*;

/// The kinds of special category data (UK GDPR Article 9(1)), which
/// "special category" may mean.
const SPECIAL_CATEGORIES: &[&str] = &[
    "health",
    "genetic",
    "biometric",
    "racial-ethnic-origin",
    "political-opinions",
    "religious-beliefs",
    "trade-union",
    "sex-life",
    "sexual-orientation",
];

/// Each phrase, written as [`normalise`] leaves it, and the values it may
/// mean: one, or several when the phrase alone cannot tell (`consent`).
const PHRASES: &[(&str, &[&str])] = &[
    // How data moves.
    ("nhsmail", &["secure-email"]),
    ("nhs mail", &["secure-email"]),
    ("egress", &["secure-email"]),
    ("secure mail", &["secure-email"]),
    ("encrypted email", &["secure-email"]),
    ("encrypted e mail", &["secure-email"]),
    ("secure e mail", &["secure-email"]),
    ("usb", &["removable-media"]),
    ("usb stick", &["removable-media"]),
    ("memory stick", &["removable-media"]),
    ("encrypted usb", &["removable-media"]),
    ("cd", &["removable-media"]),
    ("dvd", &["removable-media"]),
    ("phone", &["verbal"]),
    ("telephone", &["verbal"]),
    ("in person", &["verbal"]),
    ("face to face", &["verbal"]),
    ("post", &["paper"]),
    ("letter", &["paper"]),
    ("web portal", &["portal"]),
    ("secure ftp", &["sftp"]),
    ("fhir", &["api"]),
    ("hl7", &["api"]),
    ("interface", &["api"]),
    ("web service", &["api"]),
    ("shared record", &["shared-record-view"]),
    ("shared care record", &["shared-record-view"]),
    ("record viewer", &["shared-record-view"]),
    // How often.
    ("ad hoc", &["on-request"]),
    ("adhoc", &["on-request"]),
    ("as required", &["on-request"]),
    ("as needed", &["on-request"]),
    ("when needed", &["on-request"]),
    ("when required", &["on-request"]),
    ("on demand", &["on-request"]),
    ("as and when", &["on-request"]),
    ("continuous", &["real-time"]),
    ("continuously", &["real-time"]),
    ("live", &["real-time", "active"]),
    ("realtime", &["real-time"]),
    ("immediate", &["real-time"]),
    ("once", &["one-off"]),
    ("one time", &["one-off"]),
    ("single", &["one-off"]),
    ("yearly", &["annually"]),
    ("annual", &["annually"]),
    ("once a year", &["annually"]),
    ("every day", &["daily"]),
    ("nightly", &["daily"]),
    ("every week", &["weekly"]),
    ("every month", &["monthly"]),
    ("every quarter", &["quarterly"]),
    // Where it is stored.
    ("uk", &["GB"]),
    ("united kingdom", &["GB"]),
    ("great britain", &["GB"]),
    ("britain", &["GB"]),
    ("england", &["GB"]),
    ("wales", &["GB"]),
    ("scotland", &["GB"]),
    ("northern ireland", &["GB"]),
    ("ireland", &["IE"]),
    ("republic of ireland", &["IE"]),
    ("usa", &["US"]),
    ("united states", &["US"]),
    ("united states of america", &["US"]),
    // The common law duty of confidentiality.
    ("s251", &["section-251"]),
    ("s 251", &["section-251"]),
    ("section 251 support", &["section-251"]),
    ("cag", &["section-251"]),
    ("cag approval", &["section-251"]),
    ("consent", &["implied-consent", "explicit-consent"]),
    ("implied", &["implied-consent"]),
    ("explicit", &["explicit-consent"]),
    ("overriding public interest", &["public-interest"]),
    ("statutory", &["statutory-requirement"]),
    ("statutory duty", &["statutory-requirement"]),
    ("legal requirement", &["statutory-requirement"]),
    ("legal duty", &["statutory-requirement"]),
    // An agreement's status.
    ("in force", &["active"]),
    ("current", &["active"]),
    ("signed", &["active"]),
    ("approved", &["active"]),
    ("agreed", &["active"]),
    ("proposed", &["draft"]),
    ("in review", &["draft"]),
    ("under review", &["draft"]),
    ("pending", &["draft"]),
    ("in progress", &["draft"]),
    ("awaiting signature", &["draft"]),
    ("ended", &["terminated"]),
    ("expired", &["terminated"]),
    ("cancelled", &["terminated"]),
    ("withdrawn", &["terminated"]),
    ("closed", &["terminated"]),
    ("revoked", &["terminated"]),
    ("paused", &["suspended"]),
    ("on hold", &["suspended"]),
    // Kinds of organisation.
    ("council", &["local-authority"]),
    ("county council", &["local-authority"]),
    ("district council", &["local-authority"]),
    ("borough council", &["local-authority"]),
    ("city council", &["local-authority"]),
    ("unitary authority", &["local-authority"]),
    ("charity", &["voluntary-sector"]),
    ("voluntary", &["voluntary-sector"]),
    ("third sector", &["voluntary-sector"]),
    ("vcse", &["voluntary-sector"]),
    ("vcfse", &["voluntary-sector"]),
    ("gp", &["gp-practice"]),
    ("gp surgery", &["gp-practice"]),
    ("surgery", &["gp-practice"]),
    ("general practice", &["gp-practice"]),
    ("hospital", &["nhs-trust"]),
    ("foundation trust", &["nhs-trust"]),
    ("nhs foundation trust", &["nhs-trust"]),
    ("acute trust", &["nhs-trust"]),
    ("mental health trust", &["nhs-trust"]),
    ("ccg", &["icb"]),
    ("integrated care board", &["icb"]),
    ("ambulance", &["ambulance-service"]),
    ("ambulance trust", &["ambulance-service"]),
    ("police force", &["police"]),
    ("constabulary", &["police"]),
    ("fire", &["fire-and-rescue"]),
    ("fire service", &["fire-and-rescue"]),
    ("school", &["education"]),
    ("academy", &["education"]),
    ("college", &["education"]),
    ("university", &["education"]),
    ("care home", &["social-care-provider"]),
    ("care provider", &["social-care-provider"]),
    ("home care", &["social-care-provider"]),
    ("housing association", &["housing"]),
    ("social landlord", &["housing"]),
    ("company", &["private-sector"]),
    ("private", &["private-sector"]),
    ("ltd", &["private-sector"]),
    ("supplier", &["private-sector"]),
    ("government department", &["government"]),
    ("central government", &["government"]),
    // Officers' roles.
    ("caldicott", &["caldicott-guardian"]),
    ("cg", &["caldicott-guardian"]),
    ("senior information risk owner", &["siro"]),
    ("data protection officer", &["dpo"]),
    ("information governance lead", &["ig-lead"]),
    ("information governance manager", &["ig-lead"]),
    ("ig manager", &["ig-lead"]),
    ("director", &["senior-officer"]),
    ("chief executive", &["senior-officer"]),
    ("ceo", &["senior-officer"]),
    // Purposes.
    ("individual care", &["direct-care"]),
    ("direct patient care", &["direct-care"]),
    ("patient care", &["direct-care"]),
    ("population health", &["public-health"]),
    ("service planning", &["planning"]),
    ("crime and disorder", &["crime-prevention"]),
    ("law enforcement", &["crime-prevention"]),
    ("early help", &["early-intervention"]),
    ("audit", &["regulatory"]),
    ("inspection", &["regulatory"]),
    // DSPT outcomes.
    ("met", &["standards-met"]),
    ("exceeded", &["standards-exceeded"]),
    ("not met", &["standards-not-met"]),
    ("approaching", &["approaching-standards"]),
    ("not submitted", &["not-published"]),
    ("unpublished", &["not-published"]),
    // How identifiable the data is.
    ("person identifiable", &["identifiable"]),
    ("patient identifiable", &["identifiable"]),
    ("personally identifiable", &["identifiable"]),
    ("pid", &["identifiable"]),
    ("identified", &["identifiable"]),
    ("named", &["identifiable"]),
    ("pseudonymous", &["pseudonymised"]),
    ("pseudo", &["pseudonymised"]),
    ("de identified", &["pseudonymised"]),
    ("anonymous", &["anonymised"]),
    ("aggregated", &["aggregate"]),
    ("statistics", &["aggregate"]),
    ("counts", &["aggregate"]),
    // Onward sharing.
    ("no", &["prohibited", "off"]),
    ("none", &["prohibited", "off"]),
    // `false` and `true`, read by YAML as yes-or-no rather than text.
    ("false", &["prohibited", "off"]),
    ("true", &["permitted"]),
    ("not permitted", &["prohibited"]),
    ("not allowed", &["prohibited"]),
    ("forbidden", &["prohibited"]),
    ("with consent", &["with-permission"]),
    ("with agreement", &["with-permission"]),
    ("with approval", &["with-permission"]),
    ("yes", &["permitted"]),
    ("allowed", &["permitted"]),
    // Categories of data.
    ("health data", &["health"]),
    ("medical", &["health"]),
    ("clinical", &["health"]),
    ("social care data", &["social-care"]),
    ("ethnicity", &["racial-ethnic-origin"]),
    ("ethnic origin", &["racial-ethnic-origin"]),
    ("race", &["racial-ethnic-origin"]),
    ("religion", &["religious-beliefs"]),
    ("sexuality", &["sexual-orientation"]),
    ("criminal", &["criminal-offence"]),
    ("convictions", &["criminal-offence"]),
    ("offences", &["criminal-offence"]),
    ("contact details", &["contact"]),
    ("address", &["contact"]),
    ("phone number", &["contact"]),
    ("telephone number", &["contact"]),
    ("email address", &["contact"]),
    ("nhs number", &["identifiers"]),
    ("name", &["identifiers"]),
    ("date of birth", &["demographics"]),
    ("dob", &["demographics"]),
    ("gender", &["demographics"]),
    ("age", &["demographics"]),
    (
        "personal details",
        &["identifiers", "contact", "demographics"],
    ),
    ("mental health", &["health"]),
    ("diagnosis", &["health"]),
    ("safeguarding", &["social-care"]),
    ("bank details", &["financial"]),
    ("benefits", &["financial"]),
    ("special category", SPECIAL_CATEGORIES),
    ("special category data", SPECIAL_CATEGORIES),
    // Data subjects.
    ("clients", &["service-users"]),
    ("young people", &["children"]),
    ("children and young people", &["children"]),
    ("pupils", &["children"]),
    ("adults at risk", &["vulnerable-adults"]),
    ("employees", &["staff"]),
    ("members of the public", &["public"]),
    ("residents", &["public"]),
    ("citizens", &["public"]),
    ("suspects", &["offenders"]),
    ("prisoners", &["offenders"]),
    // A party's role.
    ("data processor", &["processor"]),
    ("joint data controller", &["joint-controller"]),
    ("controller in common", &["controller"]),
    // How strict a rule is, in isg.yaml.
    ("warn", &["warning"]),
    ("err", &["error"]),
    ("fail", &["error"]),
    ("info", &["note"]),
    ("information", &["note"]),
    ("disabled", &["off"]),
    ("disable", &["off"]),
    ("ignore", &["off"]),
    ("ignored", &["off"]),
    // How sign-off is proved, in isg.yaml.
    ("verify", &["verified"]),
    ("signed commits", &["verified"]),
    ("ssh", &["verified"]),
    ("record", &["recorded"]),
    ("trailer", &["recorded"]),
    // Safeguards for storing data abroad.
    ("scc", &["scc-addendum"]),
    ("sccs", &["scc-addendum"]),
    ("eu sccs", &["scc-addendum"]),
    ("standard contractual clauses", &["scc-addendum"]),
    ("international data transfer agreement", &["idta"]),
    ("bcr", &["binding-corporate-rules"]),
    ("bcrs", &["binding-corporate-rules"]),
    ("adequate", &["adequacy"]),
    ("adequacy decision", &["adequacy"]),
    ("adequacy regulations", &["adequacy"]),
];

/// `text` in lower case, with every run of characters other than letters
/// and digits made one space: `NHS-Mail` and `nhs mail` read alike.
pub(super) fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    words.join(" ")
}

/// The values among `allowed` that `found` is a word for, in `allowed`'s
/// order; empty when it is no word this table knows for them.
pub fn meant<'a>(found: &str, allowed: &'a [String]) -> Vec<&'a str> {
    let found = normalise(found);
    let Some((_, values)) = PHRASES.iter().find(|(phrase, _)| *phrase == found) else {
        return Vec::new();
    };
    allowed
        .iter()
        .map(String::as_str)
        .filter(|option| values.contains(option))
        .collect()
}

/// Whether `a` and `b` differ in saying "not": `not permitted` is one
/// letter-edit from `permitted` and means the opposite, so a did-you-mean
/// from one to the other would invert what was written.
pub fn negation_differs(a: &str, b: &str) -> bool {
    let negated = |text: &str| {
        normalise(text)
            .split(' ')
            .any(|word| matches!(word, "not" | "no" | "non" | "never" | "without"))
    };
    negated(a) != negated(b)
}

/// What each of the schemas' other patterns asks for, as a message says it
/// ("..., which is not an ICO registration number"). A test holds every
/// pattern in the schemas to a wording.
pub(super) const PATTERN_WORDS: [(&str, &str); 8] = [
    (EMAIL_PATTERN, "an email address"),
    (r"^https?://[^\s/]+\.[^\s]+$", "a web address"),
    ("^Z[A-Z0-9][0-9]{6}$", "an ICO registration number"),
    ("^[A-Z0-9]{3,6}$", "an ODS code"),
    (
        "^(19|20)[0-9]{2}-[0-9]{2}$",
        "a DSPT year written like 2025-26",
    ),
    (
        "^part[1-3]-para[0-9]{1,2}$",
        "a Schedule 1 condition written like part1-para2",
    ),
    (
        "^(part[1-3]-para[0-9]{1,2}|official-authority)$",
        "a Schedule 1 condition written like part1-para2, or official-authority",
    ),
    (
        r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$",
        "an SSH public key",
    ),
];

/// Other words for the format's fields, as other systems and forms name
/// them: `type` for `kind`, `state` for `status`, `title` for an
/// organisation's `name` and `name` for an agreement's `title`.
pub(super) const OTHER_WORDS: &[(&str, &str)] = &[
    ("type", "kind"),
    ("title", "name"),
    ("name", "title"),
    ("level", "tier"),
    ("state", "status"),
    ("start", "effective"),
    ("start_date", "effective"),
    ("effective_date", "effective"),
    ("end", "expires"),
    ("end_date", "expires"),
    ("expiry", "expires"),
    ("expiry_date", "expires"),
    ("email_address", "email"),
    ("sender", "from"),
    ("recipients", "to"),
];

/// One item of a list the format has, in words: `flows` holds flows.
pub(super) fn singular(list: &str) -> Option<&'static str> {
    match list {
        "parties" => Some("party"),
        "flows" => Some("flow"),
        "risks" => Some("risk"),
        "officers" => Some("officer"),
        "certifications" => Some("certification"),
        "principles" => Some("principle"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{RecordKind, schema};
    use serde_json::Value;

    fn enum_values(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Array(options)) = map.get("enum") {
                    found.extend(options.iter().filter_map(|v| v.as_str().map(str::to_owned)));
                }
                map.values().for_each(|v| enum_values(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| enum_values(v, found)),
            _ => {}
        }
    }

    #[test]
    fn special_categories_are_the_models() {
        let special: Vec<&str> = crate::model::DataCategory::ALL
            .iter()
            .filter(|category| category.is_special())
            .map(|category| category.as_str())
            .collect();
        assert_eq!(SPECIAL_CATEGORIES, special.as_slice());
    }

    #[test]
    fn every_phrase_is_normalised_and_means_allowed_values() {
        let mut allowed = Vec::new();
        for kind in [
            RecordKind::Settings,
            RecordKind::Mou,
            RecordKind::Organisation,
            RecordKind::Agreement,
        ] {
            enum_values(schema(kind), &mut allowed);
        }
        let mut phrases: Vec<&str> = PHRASES.iter().map(|(phrase, _)| *phrase).collect();
        for (phrase, values) in PHRASES {
            assert_eq!(
                normalise(phrase),
                *phrase,
                "{phrase} is not written normalised"
            );
            assert!(!values.is_empty(), "{phrase} means nothing");
            for value in *values {
                assert!(
                    allowed.iter().any(|option| option == value),
                    "{phrase}: `{value}` is no allowed value of any field"
                );
            }
        }
        phrases.sort_unstable();
        let count = phrases.len();
        phrases.dedup();
        assert_eq!(phrases.len(), count, "a phrase is listed twice");
    }

    #[test]
    fn words_are_read_whatever_their_case_and_punctuation() {
        let allowed = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
        let methods = allowed(&["api", "secure-email", "email"]);
        assert_eq!(meant("NHSmail", &methods), ["secure-email"]);
        assert_eq!(meant("NHS-Mail", &methods), ["secure-email"]);
        assert_eq!(meant(" nhs mail ", &methods), ["secure-email"]);
        assert!(meant("carrier pigeon", &methods).is_empty());
        // Only a value the field allows.
        assert!(meant("ad hoc", &methods).is_empty());
        // `live` is a frequency or a status, by the field.
        assert_eq!(
            meant("Live", &allowed(&["daily", "real-time"])),
            ["real-time"]
        );
        assert_eq!(meant("Live", &allowed(&["draft", "active"])), ["active"]);
        // A phrase that cannot tell gives both, in the field's order.
        let common_law = allowed(&["implied-consent", "explicit-consent", "section-251"]);
        assert_eq!(
            meant("Consent", &common_law),
            ["implied-consent", "explicit-consent"]
        );
        assert_eq!(meant("S.251", &common_law), ["section-251"]);
        // A rule's level in isg.yaml.
        let levels = allowed(&["error", "warning", "note", "off"]);
        assert_eq!(meant("warn", &levels), ["warning"]);
        assert_eq!(meant("Disabled", &levels), ["off"]);
        assert_eq!(meant("no", &levels), ["off"]);
    }

    #[test]
    fn not_and_no_are_noticed() {
        assert!(negation_differs("not permitted", "permitted"));
        assert!(negation_differs("non-identifiable", "identifiable"));
        assert!(negation_differs("standards-met", "Standards not met"));
        assert!(!negation_differs("not confidential", "not-confidential"));
        assert!(!negation_differs("Permited", "permitted"));
        // `no` as a word, not as letters inside one.
        assert!(!negation_differs("notes", "nodes"));
    }
}
