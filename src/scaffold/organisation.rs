//! `isg new organisation`: an organisation's record with the assurance the
//! rules look for, asked in the order an IG officer has it to hand.

use super::ask::{Asker, Ended, Question};
use super::yaml_out::{MapBuilder, Node};
use super::{Scaffold, slug};
use crate::assessment::assurance::dspt_cycle;
use crate::model::OrganisationKind;
use crate::schema::{RecordKind, check_field, choices, description};
use serde_json::Value;

/// Answers for `isg new organisation`; each one left out is asked on a
/// terminal.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct OrganisationAnswers {
    pub name: Option<String>,
    pub id: Option<String>,
    pub kind: Option<String>,
    pub public_authority: Option<String>,
    pub ods_code: Option<String>,
    pub sponsor: Option<String>,
    pub ico_number: Option<String>,
    pub ico_expires: Option<String>,
    pub ico_exempt: Option<String>,
    pub dspt_status: Option<String>,
    pub dspt_year: Option<String>,
    pub dspt_published: Option<String>,
    pub officer_name: Option<String>,
    pub officer_role: Option<String>,
    pub officer_email: Option<String>,
    pub dpo_name: Option<String>,
    pub dpo_email: Option<String>,
    pub breach_email: Option<String>,
    pub requests_email: Option<String>,
    pub training_attested: Option<String>,
    pub training_percent: Option<String>,
    pub mou_signed: Option<String>,
}

const KIND: RecordKind = RecordKind::Organisation;

/// Asks for an organisation and makes its file (`None` until every answer
/// is known: see `Asker::finish`).
pub fn organisation(
    args: &OrganisationAnswers,
    scaffold: &Scaffold,
    asker: &mut Asker,
) -> Result<Option<(String, Node)>, Ended> {
    let field =
        |pointer: &'static str| move |answer: &str| check_field(KIND, pointer, Value::from(answer));
    let name = asker.text(
        args.name.as_deref(),
        &Question::new("--name", "What is the organisation's full name?")
            .help(description(KIND, "/name")),
        &field("/name"),
    )?;
    let id = asker.text(
        args.id.as_deref(),
        &Question::new("--id", "Short id for its file and for agreements?")
            .help(description(KIND, "/id"))
            .with_default(name.as_deref().map(slug)),
        &|answer| {
            check_field(KIND, "/id", Value::from(answer))?;
            scaffold.is_new_organisation(answer)
        },
    )?;
    let kind = asker.one_of(
        args.kind.as_deref(),
        &Question::new("--kind", "What kind of organisation is it?")
            .choices(choices(KIND, "/kind")),
    )?;
    let public_by_default = kind
        .as_deref()
        .and_then(|kind| serde_json::from_value::<OrganisationKind>(Value::from(kind)).ok())
        .is_some_and(OrganisationKind::is_public_by_default);
    let public = asker.yes_no(
        args.public_authority.as_deref(),
        &Question::new(
            "--public-authority",
            "Is it a public authority under UK GDPR?",
        )
        .help(description(KIND, "/public_authority"))
        .with_default(Some(yes_no(public_by_default))),
    )?;
    let ods_code = asker.text(
        args.ods_code.as_deref(),
        &Question::new("--ods-code", "Its NHS ODS code?")
            .help(description(KIND, "/ods_code"))
            .optional(),
        &field("/ods_code"),
    )?;
    let sponsor = asker.text(
        args.sponsor.as_deref(),
        &Question::new(
            "--sponsor",
            "Does another organisation keep this record for it? Its id:",
        )
        .help(description(KIND, "/sponsor"))
        .optional(),
        &|answer| scaffold.known_organisation(answer),
    )?;

    let ico_number = asker.text(
        args.ico_number.as_deref(),
        &Question::new(
            "--ico-number",
            "ICO registration number? (Enter if it is exempt from the fee)",
        )
        .help(description(KIND, "/ico_registration/number"))
        .optional(),
        &field("/ico_registration/number"),
    )?;
    let ico = if ico_number.is_some() || args.ico_number.is_some() {
        let expires = asker.text(
            args.ico_expires.as_deref(),
            &Question::new(
                "--ico-expires",
                "When does the ICO registration end? (YYYY-MM-DD)",
            )
            .help(description(KIND, "/ico_registration/expires")),
            &field("/ico_registration/expires"),
        )?;
        MapBuilder::new()
            .set("number", ico_number.map(Node::Text))
            .set("expires", expires.map(Node::Text))
            .build()
    } else {
        let exempt = asker.text(
            args.ico_exempt.as_deref(),
            &Question::new(
                "--ico-number with --ico-expires, or --ico-exempt,",
                "Why is it exempt from the data protection fee?",
            )
            .help(description(KIND, "/ico_registration/exempt")),
            &field("/ico_registration/exempt"),
        )?;
        MapBuilder::new()
            .set("exempt", exempt.map(Node::Text))
            .build()
    };

    let status = asker.one_of(
        args.dspt_status.as_deref(),
        &Question::new("--dspt-status", "Its latest published DSPT outcome?")
            .help(description(KIND, "/dspt/status"))
            .choices(choices(KIND, "/dspt/status"))
            .with_default(Some("standards-met".to_owned())),
    )?;
    let assessed = !matches!(status.as_deref(), Some("not-applicable" | "not-published"));
    let mut dspt = MapBuilder::new().set("status", status.map(Node::Text));
    if assessed {
        let last_due = dspt_cycle(scaffold.today) - 1;
        let year = asker.text(
            args.dspt_year.as_deref(),
            &Question::new("--dspt-year", "Which DSPT cycle is that outcome for?")
                .help(description(KIND, "/dspt/year"))
                .with_default(Some(format!("{last_due}-{:02}", (last_due + 1) % 100))),
            &field("/dspt/year"),
        )?;
        let published = asker.text(
            args.dspt_published.as_deref(),
            &Question::new("--dspt-published", "When was it published? (YYYY-MM-DD)")
                .help(description(KIND, "/dspt/published")),
            &scaffold.done_on(KIND, "/dspt/published"),
        )?;
        dspt = dspt
            .set("year", year.map(Node::Text))
            .set("published", published.map(Node::Text));
    }

    asker.say("\nThe accountable officer signs agreements and the MoU for the organisation.")?;
    let role = asker.one_of(
        args.officer_role.as_deref(),
        &Question::new(
            "--officer-role",
            "Is the accountable officer its Caldicott Guardian or its SIRO?",
        )
        .choices(vec!["caldicott-guardian", "siro"])
        .with_default(Some("caldicott-guardian".to_owned())),
    )?;
    let officer_name = asker.text(
        args.officer_name.as_deref(),
        &Question::new("--officer-name", "The accountable officer's name?")
            .help(description(KIND, "/officers/0/name")),
        &field("/officers/0/name"),
    )?;
    let officer_email = asker.text(
        args.officer_email.as_deref(),
        &Question::new("--officer-email", "Their work email address?")
            .help(description(KIND, "/officers/0/email")),
        &field("/officers/0/email"),
    )?;
    let mut officers = vec![Officer {
        name: officer_name,
        email: officer_email,
        roles: role.into_iter().collect(),
    }];

    let dpo_question = Question::new("--dpo-name", "The Data Protection Officer's name?")
        .help(description(KIND, "/officers/0/name"));
    let dpo_name = asker.text(
        args.dpo_name.as_deref(),
        &if public == Some(true) {
            dpo_question
        } else {
            dpo_question.optional()
        },
        &field("/officers/0/name"),
    )?;
    let mut dpo_email = None;
    if let Some(dpo_name) = dpo_name {
        if Some(&dpo_name) == officers[0].name.as_ref() {
            officers[0].roles.push("dpo".to_owned());
            dpo_email = officers[0].email.clone();
        } else {
            dpo_email = asker.text(
                args.dpo_email.as_deref(),
                &Question::new("--dpo-email", "The DPO's work email address?")
                    .help(description(KIND, "/officers/0/email")),
                &field("/officers/0/email"),
            )?;
            officers.push(Officer {
                name: Some(dpo_name),
                email: dpo_email.clone(),
                roles: vec!["dpo".to_owned()],
            });
        }
    }
    let contact_default = dpo_email.clone().or_else(|| officers[0].email.clone());
    let breach = asker.text(
        args.breach_email.as_deref(),
        &Question::new(
            "--breach-email",
            "Where should partners report a breach? (email)",
        )
        .help(description(KIND, "/contacts/breach"))
        .with_default(contact_default.clone()),
        &field("/contacts/breach"),
    )?;
    let requests = asker.text(
        args.requests_email.as_deref(),
        &Question::new(
            "--requests-email",
            "Where do FOI and subject access requests go? (email)",
        )
        .help(description(KIND, "/contacts/requests"))
        .with_default(contact_default),
        &field("/contacts/requests"),
    )?;

    let attested = asker.text(
        args.training_attested.as_deref(),
        &Question::new(
            "--training-attested",
            "When was staff IG training compliance last confirmed? (YYYY-MM-DD)",
        )
        .help(description(KIND, "/training/attested"))
        .optional(),
        &scaffold.done_on(KIND, "/training/attested"),
    )?;
    let training = match attested {
        Some(attested) => {
            let percent = asker.number(
                args.training_percent.as_deref(),
                &Question::new(
                    "--training-percent",
                    "What share of staff completed the training? (0 to 100)",
                )
                .help(description(KIND, "/training/compliance_percent"))
                .optional(),
                0..=100,
            )?;
            Some(
                MapBuilder::new()
                    .set("attested", Node::Text(attested))
                    .set("compliance_percent", percent.map(Node::Integer))
                    .build(),
            )
        }
        None => None,
    };

    let officer_ids: Vec<Option<String>> = officers
        .iter()
        .map(|officer| officer.name.as_deref().map(officer_id))
        .collect();
    let mou = match scaffold.mou_version() {
        Some(version) => {
            let signed = asker.text(
                args.mou_signed.as_deref(),
                &Question::new(
                    "--mou-signed",
                    "When did the accountable officer sign the registry's MoU? (YYYY-MM-DD)",
                )
                .help(description(KIND, "/mou/signed")),
                &scaffold.done_on(KIND, "/mou/signed"),
            )?;
            signed.map(|signed| {
                MapBuilder::new()
                    .set("version", Node::Integer(version.into()))
                    .set("signed", Node::Text(signed))
                    .set("signed_by", officer_ids[0].clone().map(Node::Text))
                    .build()
            })
        }
        None => None,
    };

    let (Some(id), Some(name), Some(kind)) = (id, name, kind) else {
        return Ok(None);
    };
    let record = MapBuilder::new()
        .set("id", Node::text(&id))
        .set("name", Node::Text(name))
        .set("kind", Node::Text(kind))
        .set(
            "public_authority",
            public
                .filter(|&public| public != public_by_default)
                .map(Node::Bool),
        )
        .set("ods_code", ods_code.map(Node::Text))
        .set("sponsor", sponsor.map(Node::Text))
        .set("ico_registration", ico)
        .set("dspt", dspt.build())
        .set("mou", mou)
        .set("training", training)
        .set(
            "contacts",
            MapBuilder::new()
                .set("breach", breach.map(Node::Text))
                .set("requests", requests.map(Node::Text))
                .build(),
        )
        .set(
            "officers",
            Node::List(
                officers
                    .into_iter()
                    .zip(officer_ids)
                    .map(|(officer, id)| {
                        MapBuilder::new()
                            .set("id", id.map(Node::Text))
                            .set("name", officer.name.map(Node::Text))
                            .set("roles", Node::texts(&officer.roles))
                            .set("email", officer.email.map(Node::Text))
                            .build()
                    })
                    .collect(),
            ),
        )
        .build();
    Ok(Some((id, record)))
}

struct Officer {
    name: Option<String>,
    email: Option<String>,
    roles: Vec<String>,
}

/// An officer's id from their name, without a title: "Dr Siân Evans" is
/// `sian-evans`.
fn officer_id(name: &str) -> String {
    const TITLES: [&str; 10] = [
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "professor",
        "sir",
        "dame",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    let start = words
        .iter()
        .take_while(|word| TITLES.contains(&word.trim_end_matches('.').to_lowercase().as_str()))
        .count();
    let id = slug(&words[start.min(words.len().saturating_sub(1))..].join(" "));
    if id.is_empty() { slug(name) } else { id }
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn officer_ids_leave_out_titles() {
        assert_eq!(super::officer_id("Dr Siân Evans"), "sian-evans");
        assert_eq!(super::officer_id("Prof. Sir Ian Gilmore"), "ian-gilmore");
        assert_eq!(super::officer_id("Dr"), "dr");
        assert_eq!(super::officer_id("Amir Khan"), "amir-khan");
    }
}
