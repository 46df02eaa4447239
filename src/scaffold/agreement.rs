//! `isg new agreement`: a draft agreement between organisations already in
//! the registry, with what it needs to become active asked along the way.
//! Data flows are added afterwards with `isg new flow`.

use super::ask::{Asker, Ended, Question};
use super::yaml_out::{MapBuilder, Node};
use super::{Scaffold, list, slug};
use crate::schema::{RecordKind, check_field, choices, description};
use serde_json::Value;

/// Answers for `isg new agreement`; each one left out is asked on a terminal.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AgreementAnswers {
    pub title: Option<String>,
    pub id: Option<String>,
    pub tier: Option<String>,
    pub parent: Option<String>,
    pub lead: Option<String>,
    pub party: Vec<String>,
    pub contract: Vec<String>,
    pub purposes: Option<String>,
    pub purpose: Option<String>,
    pub benefits: Option<String>,
    pub article6: Option<String>,
    pub article9: Option<String>,
    pub schedule1: Option<String>,
    pub common_law: Option<String>,
    pub dpia_reference: Option<String>,
    pub dpia_completed: Option<String>,
    pub dpia_not_required: Option<String>,
    pub privacy_notice: Option<String>,
    pub individual_rights: Option<String>,
    pub effective: Option<String>,
    pub review_due: Option<String>,
}

const KIND: RecordKind = RecordKind::Agreement;

/// Asks for an agreement and makes its `agreement.yaml`.
pub fn agreement(
    args: &AgreementAnswers,
    scaffold: &Scaffold,
    asker: &mut Asker,
) -> Result<Option<(String, Node)>, Ended> {
    let registry = &scaffold.registry;
    let field =
        |pointer: &'static str| move |answer: &str| check_field(KIND, pointer, Value::from(answer));
    let title = asker.text(
        args.title.as_deref(),
        &Question::new("--title", "What is the agreement's title?")
            .help(description(KIND, "/title")),
        &field("/title"),
    )?;
    let id = asker.text(
        args.id.as_deref(),
        &Question::new("--id", "Short id for its folder?")
            .help(description(KIND, "/id"))
            .with_default(title.as_deref().map(slug)),
        &|answer| {
            check_field(KIND, "/id", Value::from(answer))?;
            scaffold.is_new_agreement(answer)
        },
    )?;
    let tier = asker.one_of(
        args.tier.as_deref(),
        &Question::new("--tier", "Which tier is it?")
            .help(description(KIND, "/tier"))
            .choices(vec!["1", "2", "3"])
            .with_default(Some("3".to_owned())),
    )?;
    let tier: u8 = tier.and_then(|t| t.parse().ok()).unwrap_or(3);
    let parent_choices: Vec<&str> = registry
        .agreements
        .iter()
        .filter(|a| a.tier < tier)
        .map(|a| a.id.as_str())
        .collect();
    let parent = if tier > 1 {
        asker.one_of(
            args.parent.as_deref(),
            &Question::new("--parent", "Which agreement does it sit under?")
                .help(description(KIND, "/parent"))
                .choices(parent_choices),
        )?
    } else {
        None
    };
    let parent_parties: Option<Vec<&str>> = parent
        .as_deref()
        .and_then(|parent| registry.agreement(parent))
        .map(|parent| parent.parties.iter().map(|p| p.org.as_str()).collect());
    let joinable = |org: &str| -> Result<(), String> {
        scaffold.known_organisation(org)?;
        match &parent_parties {
            Some(parties) if !parties.contains(&org) => Err(format!(
                "`{org}` is not a party to the parent agreement, so it cannot be a controller here until it joins that one"
            )),
            _ => Ok(()),
        }
    };
    let lead = asker.text(
        args.lead.as_deref(),
        &Question::new("--lead", "Which organisation leads it? (its id)")
            .help(description(KIND, "/lead")),
        &joinable,
    )?;

    // Parties: the lead first, then the others.
    let mut parties: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    let mut given: Vec<&str> = args.party.iter().map(String::as_str).collect();
    if args.party.is_empty() && asker.is_interactive() {
        let others = asker.text(
            None,
            &Question::new(
                "--party",
                "Which other organisations are parties? (ids, separated by commas)",
            )
            .help(description(KIND, "/parties")),
            &|answer| {
                list(answer)
                    .iter()
                    .try_for_each(|org| scaffold.known_organisation(org))
            },
        )?;
        given = Vec::new();
        for org in others.as_deref().map(list).unwrap_or_default() {
            parties.push((org, None, None));
        }
    }
    for spec in given {
        let mut parts = spec.splitn(3, ':').map(|p| p.trim().to_owned());
        let org = parts.next().unwrap_or_default();
        parties.push((org, parts.next(), parts.next()));
    }
    if let Some(lead) = &lead
        && !parties.iter().any(|(org, _, _)| org == lead)
    {
        parties.insert(0, (lead.clone(), None, None));
    }
    let mut party_nodes = Vec::new();
    for (org, role, signatory) in parties {
        let flag = format!("--party {org}");
        if let Err(why) = scaffold.known_organisation(&org) {
            asker.problem(&flag, &why);
            continue;
        }
        let role = asker.one_of(
            role.as_deref(),
            &Question::new(
                &flag,
                &format!("What is {}'s role?", registry.organisation_name_or_id(&org)),
            )
            .help(description(KIND, "/parties/0/role"))
            .choices(choices(KIND, "/parties/0/role"))
            .with_default(Some("controller".to_owned())),
        )?;
        let processor = role.as_deref() == Some("processor");
        if !processor && let Err(why) = joinable(&org) {
            asker.problem(&flag, &why);
        }
        let signing: Vec<&str> = registry
            .organisation(&org)
            .map(|o| {
                o.officers
                    .iter()
                    .filter(|o| o.can_sign())
                    .map(|o| o.id.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let who_signs = format!("Who signs for {}?", registry.organisation_name_or_id(&org));
        let signatory_question = Question::new(&flag, &who_signs)
            .help(description(KIND, "/parties/0/signatory"))
            .with_default(signing.first().map(|s| (*s).to_owned()))
            .choices(signing);
        let signatory = if processor {
            None
        } else {
            asker.one_of(signatory.as_deref(), &signatory_question)?
        };
        let contract = if processor {
            let prefix = format!("{org}=");
            asker.text(
                args.contract.iter().find_map(|c| c.strip_prefix(&prefix)),
                &Question::new(
                    &format!("--contract {org}=REFERENCE"),
                    "Reference of its processing contract?",
                )
                .help(description(KIND, "/parties/0/contract")),
                &field("/parties/0/contract"),
            )?
        } else {
            None
        };
        party_nodes.push(
            MapBuilder::new()
                .set("org", Node::Text(org))
                .set("role", role.map(Node::Text))
                .set("signatory", signatory.map(Node::Text))
                .set("contract", contract.map(Node::Text))
                .build_row(),
        );
    }

    let purposes = asker.many_of(
        args.purposes.as_deref(),
        &Question::new(
            "--purposes",
            "What kinds of purpose does it serve? (numbers or names, separated by commas)",
        )
        .help(description(KIND, "/purposes"))
        .choices(choices(KIND, "/purposes")),
    )?;
    let purpose = asker.text(
        args.purpose.as_deref(),
        &Question::new(
            "--purpose",
            "What is the sharing for, in a sentence or two?",
        )
        .help(description(KIND, "/purpose")),
        &field("/purpose"),
    )?;
    let benefits = asker.text(
        args.benefits.as_deref(),
        &Question::new("--benefits", "What good does it do?")
            .help(description(KIND, "/benefits"))
            .optional(),
        &field("/benefits"),
    )?;

    asker.say("\nThe legal basis and the DPIA can be left out while the agreement is a draft; it needs them to become active.")?;
    let article6 = asker.many_of(
        args.article6.as_deref(),
        &Question::new("--article6", "UK GDPR Article 6(1) basis?")
            .help(description(KIND, "/lawful_basis/article6"))
            .choices(choices(KIND, "/lawful_basis/article6"))
            .optional(),
    )?;
    let article9 = asker.many_of(
        args.article9.as_deref(),
        &Question::new(
            "--article9",
            "UK GDPR Article 9(2) condition, for health or other special category data?",
        )
        .help(description(KIND, "/lawful_basis/article9"))
        .choices(choices(KIND, "/lawful_basis/article9"))
        .optional(),
    )?;
    let schedule1 = match &article9 {
        Some(_) => asker.text(
            args.schedule1.as_deref(),
            &Question::new(
                "--schedule1",
                "Data Protection Act 2018 Schedule 1 conditions? (e.g. part1-para2)",
            )
            .help(description(KIND, "/lawful_basis/schedule1"))
            .optional(),
            &|answer| {
                list(answer).into_iter().try_for_each(|c| {
                    check_field(KIND, "/lawful_basis/schedule1/0", Value::from(c))
                })
            },
        )?,
        None => None,
    };
    let common_law = asker.one_of(
        args.common_law.as_deref(),
        &Question::new(
            "--common-law",
            "Basis under the common law duty of confidentiality?",
        )
        .help(description(KIND, "/lawful_basis/common_law"))
        .choices(choices(KIND, "/lawful_basis/common_law"))
        .optional(),
    )?;
    let lawful_basis = MapBuilder::new()
        .set("article6", article6.map(|l| Node::texts(&l)))
        .set("article9", article9.map(|l| Node::texts(&l)))
        .set("schedule1", schedule1.map(|s| Node::texts(&list(&s))))
        .set("common_law", common_law.map(Node::Text))
        .build();

    let dpia_reference = asker.text(
        args.dpia_reference.as_deref(),
        &Question::new(
            "--dpia-reference",
            "Reference of the completed DPIA? (Enter if none is needed or it is not done yet)",
        )
        .help(description(KIND, "/dpia/reference"))
        .optional(),
        &field("/dpia/reference"),
    )?;
    let dpia = match dpia_reference {
        Some(reference) => {
            let completed = asker.text(
                args.dpia_completed.as_deref(),
                &Question::new(
                    "--dpia-completed",
                    "When was the DPIA completed? (YYYY-MM-DD)",
                )
                .help(description(KIND, "/dpia/completed")),
                &scaffold.done_on(KIND, "/dpia/completed"),
            )?;
            Some(
                MapBuilder::new()
                    .set("reference", Node::Text(reference))
                    .set("completed", completed.map(Node::Text))
                    .build(),
            )
        }
        None => asker
            .text(
                args.dpia_not_required.as_deref(),
                &Question::new("--dpia-not-required", "If no DPIA is needed, why not?")
                    .help(description(KIND, "/dpia/not_required"))
                    .optional(),
                &field("/dpia/not_required"),
            )?
            .map(|why| {
                MapBuilder::new()
                    .set("not_required", Node::Text(why))
                    .build()
            }),
    };
    let privacy_notice = asker.text(
        args.privacy_notice.as_deref(),
        &Question::new(
            "--privacy-notice",
            "Address of the privacy notice that tells people about it?",
        )
        .help(description(KIND, "/privacy_notice"))
        .optional(),
        &field("/privacy_notice"),
    )?;
    let individual_rights = asker.text(
        args.individual_rights.as_deref(),
        &Question::new(
            "--individual-rights",
            "How do people exercise their rights?",
        )
        .help(description(KIND, "/individual_rights"))
        .optional(),
        &field("/individual_rights"),
    )?;
    let effective = asker.text(
        args.effective.as_deref(),
        &Question::new("--effective", "When does the sharing start? (YYYY-MM-DD)")
            .help(description(KIND, "/effective"))
            .optional(),
        &field("/effective"),
    )?;
    let start = effective.as_deref().and_then(crate::date::Date::parse);
    let review_default = start.map(|start| start.add_days(365).to_string());
    let review_due = asker.text(
        args.review_due.as_deref(),
        &Question::new("--review-due", "When is it next reviewed? (YYYY-MM-DD)")
            .help(description(KIND, "/review_due"))
            .with_default(review_default)
            .optional(),
        &|answer: &str| {
            check_field(KIND, "/review_due", Value::from(answer))?;
            // As `dates-out-of-order` would report.
            match (start, crate::date::Date::parse(answer)) {
                (Some(start), Some(due)) if due <= start => Err(format!(
                    "the review comes after the sharing starts ({start})"
                )),
                _ => Ok(()),
            }
        },
    )?;

    let (Some(id), Some(title)) = (id, title) else {
        return Ok(None);
    };
    let record = MapBuilder::new()
        .set("id", Node::text(&id))
        .set("title", Node::Text(title))
        .set("tier", Node::Integer(tier.into()))
        .set("parent", parent.map(Node::Text))
        .set("status", Node::text("draft"))
        .set("lead", lead.map(Node::Text))
        .set("parties", Node::List(party_nodes))
        .set("purposes", purposes.map(|p| Node::texts(&p)))
        .set("purpose", purpose.map(Node::Text))
        .set("benefits", benefits.map(Node::Text))
        .set(
            "lawful_basis",
            Some(lawful_basis).filter(|l| l != &Node::Map(Vec::new())),
        )
        .set("dpia", dpia)
        .set("privacy_notice", privacy_notice.map(Node::Text))
        .set("individual_rights", individual_rights.map(Node::Text))
        .set("effective", effective.map(Node::Text))
        .set("review_due", review_due.map(Node::Text))
        .build();
    Ok(Some((id, record)))
}
