//! `isg new flow`: a data flow, with its main risk, added to an agreement
//! that exists. The flow goes at the end of the agreement's `flows` list and
//! the rest of the file is left exactly as it was.

use super::ask::{Asker, Ended, Question};
use super::yaml_out::{self, MapBuilder, Node};
use super::{Scaffold, list, slug};
use crate::model::{DataCategory, Identifiability};
use crate::schema::{RecordKind, check_field, choices, description};
use serde_json::Value;

/// Answers for `isg new flow`; each one left out is asked on a terminal.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct FlowAnswers {
    pub agreement: Option<String>,
    pub id: Option<String>,
    pub description: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub subjects: Option<String>,
    pub identifiability: Option<String>,
    pub categories: Option<String>,
    pub items: Option<String>,
    pub frequency: Option<String>,
    pub method: Option<String>,
    pub encrypted: Option<String>,
    pub volume: Option<String>,
    pub storage_country: Option<String>,
    pub transfer_safeguard: Option<String>,
    pub retention: Option<String>,
    pub access: Option<String>,
    pub onward_sharing: Option<String>,
    pub risk: Option<String>,
    pub likelihood: Option<String>,
    pub impact: Option<String>,
    pub mitigations: Option<String>,
    pub residual_likelihood: Option<String>,
    pub residual_impact: Option<String>,
    pub risk_owner: Option<String>,
}

const KIND: RecordKind = RecordKind::Agreement;

/// Asks for a flow: the agreement's id and the flow.
pub fn flow(
    args: &FlowAnswers,
    scaffold: &Scaffold,
    asker: &mut Asker,
) -> Result<Option<(String, Node)>, Ended> {
    let registry = &scaffold.registry;
    let field =
        |pointer: &'static str| move |answer: &str| check_field(KIND, pointer, Value::from(answer));
    let agreement_id = asker.one_of(
        args.agreement.as_deref(),
        &Question::new("--agreement", "Which agreement is the flow part of?")
            .choices(registry.agreements.iter().map(|a| a.id.as_str()).collect()),
    )?;
    let Some(agreement) = agreement_id
        .as_deref()
        .and_then(|id| registry.agreement(id))
    else {
        return Ok(None);
    };
    let parties: Vec<&str> = agreement.parties.iter().map(|p| p.org.as_str()).collect();
    let taken: Vec<&str> = agreement.flows.iter().map(|f| f.id.as_str()).collect();

    let description_text = asker.text(
        args.description.as_deref(),
        &Question::new("--description", "What is the flow, in a sentence?")
            .help(description(KIND, "/flows/0/description")),
        &field("/flows/0/description"),
    )?;
    let id = asker.text(
        args.id.as_deref(),
        &Question::new("--id", "Short id for the flow?")
            .help(description(KIND, "/flows/0/id"))
            .with_default(description_text.as_deref().map(short_slug)),
        &|answer| {
            check_field(KIND, "/flows/0/id", Value::from(answer))?;
            if taken.contains(&answer) {
                return Err(format!("the agreement already has a flow `{answer}`"));
            }
            Ok(())
        },
    )?;
    let from = asker.one_of(
        args.from.as_deref(),
        &Question::new("--from", "Which party sends the data?")
            .help(description(KIND, "/flows/0/from"))
            .choices(parties.clone()),
    )?;
    let receivers: Vec<&str> = parties
        .iter()
        .copied()
        .filter(|p| Some(*p) != from.as_deref())
        .collect();
    let to = asker.many_of(
        args.to.as_deref(),
        &Question::new("--to", "Which parties receive it? (separated by commas)")
            .help(description(KIND, "/flows/0/to"))
            .choices(receivers),
    )?;
    let pick_many = |asker: &mut Asker, given: Option<&str>, flag, prompt, pointer: &str| {
        asker.many_of(
            given,
            &Question::new(flag, prompt)
                .help(description(KIND, pointer))
                .choices(choices(KIND, pointer)),
        )
    };
    let pick_one = |asker: &mut Asker,
                    given: Option<&str>,
                    flag,
                    prompt,
                    pointer: &str,
                    default: Option<&str>| {
        asker.one_of(
            given,
            &Question::new(flag, prompt)
                .help(description(KIND, pointer))
                .choices(choices(KIND, pointer))
                .with_default(default.map(str::to_owned)),
        )
    };
    let subjects = pick_many(
        asker,
        args.subjects.as_deref(),
        "--subjects",
        "Whose data is it?",
        "/flows/0/subjects",
    )?;
    // The kinds of data come first: identifiers or contact details rule out
    // `anonymised` and `aggregate` (rule `anonymised-with-identifiers`),
    // and the identifiability question then offers only what remains.
    let categories = pick_many(
        asker,
        args.categories.as_deref(),
        "--categories",
        "What kinds of data are shared?",
        "/flows/0/categories",
    )?;
    let identifiability = ask_identifiability(
        asker,
        args.identifiability.as_deref(),
        categories.as_deref().unwrap_or_default(),
    )?;
    let items = asker.text(
        args.items.as_deref(),
        &Question::new(
            "--items",
            "Which data items, exactly? (separated by commas)",
        )
        .help(description(KIND, "/flows/0/items")),
        &|answer| {
            if list(answer).is_empty() {
                Err("name at least one item".to_owned())
            } else {
                Ok(())
            }
        },
    )?;
    let frequency = pick_one(
        asker,
        args.frequency.as_deref(),
        "--frequency",
        "How often does it move?",
        "/flows/0/frequency",
        None,
    )?;
    let method = pick_one(
        asker,
        args.method.as_deref(),
        "--method",
        "How does it move?",
        "/flows/0/method",
        None,
    )?;
    let encrypted = asker.yes_no(
        args.encrypted.as_deref(),
        &Question::new("--encrypted", "Is it encrypted while it moves?")
            .help(description(KIND, "/flows/0/encrypted"))
            .with_default(Some("yes".to_owned())),
    )?;
    let volume = asker.number(
        args.volume.as_deref(),
        &Question::new(
            "--volume",
            "About how many people's records move in a year?",
        )
        .help(description(KIND, "/flows/0/volume"))
        .optional(),
        0..=i64::from(u32::MAX),
    )?;
    let storage_country = asker.text(
        args.storage_country.as_deref(),
        &Question::new(
            "--storage-country",
            "Which country does the recipient store it in?",
        )
        .help(description(KIND, "/flows/0/storage_country"))
        .with_default(Some("GB".to_owned())),
        &field("/flows/0/storage_country"),
    )?;
    let transfer_safeguard = match storage_country.as_deref() {
        Some("GB") | None => None,
        Some(_) => pick_one(
            asker,
            args.transfer_safeguard.as_deref(),
            "--transfer-safeguard",
            "What safeguards storing it outside the UK?",
            "/flows/0/transfer_safeguard",
            None,
        )?,
    };
    let retention = asker.text(
        args.retention.as_deref(),
        &Question::new(
            "--retention",
            "How long does the recipient keep it, and how is it destroyed?",
        )
        .help(description(KIND, "/flows/0/retention")),
        &field("/flows/0/retention"),
    )?;
    let access = asker.text(
        args.access.as_deref(),
        &Question::new(
            "--access",
            "Who at the recipient may see it? (separated by commas)",
        )
        .help(description(KIND, "/flows/0/access"))
        .optional(),
        &|_| Ok(()),
    )?;
    let onward_sharing = pick_one(
        asker,
        args.onward_sharing.as_deref(),
        "--onward-sharing",
        "May the recipient pass it on?",
        "/flows/0/onward_sharing",
        Some("prohibited"),
    )?;

    asker.say("\nEvery flow needs its risks assessed on the NHS 5x5 matrix; add more risks in the file later.")?;
    let risk = asker.text(
        args.risk.as_deref(),
        &Question::new("--risk", "What is the flow's main risk, in a sentence?")
            .help(description(KIND, "/flows/0/risks/0/description")),
        &field("/flows/0/risks/0/description"),
    )?;
    let risks = match risk {
        Some(risk) => {
            let score = |asker: &mut Asker,
                         given: Option<&String>,
                         flag: &str,
                         prompt: &str,
                         pointer: &str| {
                asker.number(
                    given.map(String::as_str),
                    &Question::new(flag, prompt).help(description(KIND, pointer)),
                    1..=5,
                )
            };
            let likelihood = score(
                asker,
                args.likelihood.as_ref(),
                "--likelihood",
                "How likely is it, 1 (rare) to 5 (almost certain)?",
                "/flows/0/risks/0/likelihood",
            )?;
            let impact = score(
                asker,
                args.impact.as_ref(),
                "--impact",
                "How bad would it be, 1 (negligible) to 5 (catastrophic)?",
                "/flows/0/risks/0/impact",
            )?;
            let mitigations = asker.text(
                args.mitigations.as_deref(),
                &Question::new("--mitigations", "What reduces it? (separated by commas)")
                    .help(description(KIND, "/flows/0/risks/0/mitigations")),
                &|answer| {
                    if list(answer).is_empty() {
                        Err("name at least one measure".to_owned())
                    } else {
                        Ok(())
                    }
                },
            )?;
            let residual_likelihood = score(
                asker,
                args.residual_likelihood.as_ref(),
                "--residual-likelihood",
                "How likely is it after those measures, 1 to 5?",
                "/flows/0/risks/0/residual",
            )?;
            let residual_impact = score(
                asker,
                args.residual_impact.as_ref(),
                "--residual-impact",
                "How bad after those measures, 1 to 5?",
                "/flows/0/risks/0/residual",
            )?;
            let owner_default = from.as_deref().and_then(|org| {
                let officer = registry
                    .organisation(org)?
                    .officers
                    .iter()
                    .find(|o| o.can_sign())?;
                Some(format!("{org}/{}", officer.id))
            });
            let owner = asker.text(
                args.risk_owner.as_deref(),
                &Question::new("--risk-owner", "Who owns the risk? (organisation/officer)")
                    .help(description(KIND, "/flows/0/risks/0/owner"))
                    .with_default(owner_default),
                &|answer| {
                    let (org, officer) = answer
                        .split_once('/')
                        .ok_or("write it as organisation/officer")?;
                    scaffold.known_organisation(org)?;
                    match registry.officer(org, officer) {
                        Some(_) => Ok(()),
                        None => Err(format!("`{officer}` is not an officer of {org}")),
                    }
                },
            )?;
            let residual = match (residual_likelihood, residual_impact) {
                (Some(l), Some(i)) => Some(
                    MapBuilder::new()
                        .set("likelihood", Node::Integer(l))
                        .set("impact", Node::Integer(i))
                        .build(),
                ),
                _ => None,
            };
            Some(Node::List(vec![
                MapBuilder::new()
                    .set("id", Node::Text(short_slug(&risk)))
                    .set("description", Node::Text(risk))
                    .set("likelihood", likelihood.map(Node::Integer))
                    .set("impact", impact.map(Node::Integer))
                    .set("mitigations", mitigations.map(|m| Node::texts(&list(&m))))
                    .set("residual", residual)
                    .set("owner", owner.map(Node::Text))
                    .build(),
            ]))
        }
        None => None,
    };

    let (Some(agreement_id), Some(id)) = (agreement_id, id) else {
        return Ok(None);
    };
    let node = MapBuilder::new()
        .set("id", Node::Text(id))
        .set("description", description_text.map(Node::Text))
        .set("from", from.map(Node::Text))
        .set("to", to.map(|t| Node::texts(&t)))
        .set("subjects", subjects.map(|s| Node::texts(&s)))
        .set("identifiability", identifiability.map(Node::Text))
        .set("categories", categories.map(|c| Node::texts(&c)))
        .set("items", items.map(|i| Node::texts(&list(&i))))
        .set("frequency", frequency.map(Node::Text))
        .set("method", method.map(Node::Text))
        .set("encrypted", encrypted.map(Node::Bool))
        .set("volume", volume.map(Node::Integer))
        .set("storage_country", storage_country.map(Node::Text))
        .set("transfer_safeguard", transfer_safeguard.map(Node::Text))
        .set("retention", retention.map(Node::Text))
        .set("access", access.map(|a| Node::texts(&list(&a))))
        .set("onward_sharing", onward_sharing.map(Node::Text))
        .set("risks", risks)
        .build();
    Ok(Some((agreement_id, node)))
}

/// An id from the first few words of a sentence.
/// How identifiable the data is. Data holding identifiers or contact
/// details identifies people, so for it only `identifiable` and
/// `pseudonymised` are offered, and the others are refused with the reason.
fn ask_identifiability(
    asker: &mut Asker,
    given: Option<&str>,
    categories: &[String],
) -> Result<Option<String>, Ended> {
    const POINTER: &str = "/flows/0/identifiability";
    // The answers are the schema's values, which are the model's.
    let identifying: Vec<&str> = DataCategory::ALL
        .iter()
        .filter(|category| category.identifies_people())
        .map(|category| category.as_str())
        .filter(|name| categories.iter().any(|answer| answer == name))
        .collect();
    let ruled_out = |answer: &str| {
        !identifying.is_empty()
            && Identifiability::ALL
                .iter()
                .any(|level| level.as_str() == answer && level.claims_no_one_identified())
    };
    let mut question = Question::new("--identifiability", "How identifiable is it?")
        .help(description(KIND, POINTER))
        .choices(choices(KIND, POINTER));
    let named = identifying
        .iter()
        .map(|category| format!("`{category}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let help = format!(
        "The data includes {named}, which identify people: identifiable, or pseudonymised if they are replaced by a key before it is shared."
    );
    if !identifying.is_empty() {
        question.choices.retain(|choice| !ruled_out(choice));
        question = question.help(&help);
    }
    asker.one_of_unless(given, &question, &|answer: &str| {
        ruled_out(answer).then(|| {
            format!(
                "the data includes {named}, which identify people, so it is not {answer}; choose identifiable, or pseudonymised if they are replaced by a key"
            )
        })
    })
}

fn short_slug(text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|word| !matches!(word.to_lowercase().as_str(), "a" | "an" | "the"))
        .take(5)
        .collect();
    slug(&words.join(" "))
}

/// The agreement's text with `flow` added at the end of its `flows` list,
/// everything else unchanged. `Err` when the file's layout leaves no safe
/// place for it (the flow is then printed for the user to paste).
pub fn add_flow(text: &str, flow: &Node) -> Result<String, String> {
    let mut expected = crate::source::yaml::parse(text)
        .value
        .ok_or("the agreement's YAML has problems; fix them first (`isg check`)")?;
    match expected.get_mut("flows") {
        Some(Value::Array(flows)) => flows.push(flow.to_json()),
        None => {
            expected
                .as_object_mut()
                .ok_or("the agreement file is not a set of fields")?
                .insert("flows".to_owned(), Value::Array(vec![flow.to_json()]));
        }
        Some(_) => return Err("its `flows` is not a list".to_owned()),
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let top_level = |line: &str| {
        line.chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
    };
    let flows_line = lines
        .iter()
        .position(|line| top_level(line) && line.starts_with("flows:"));
    let mut out = String::with_capacity(text.len() + 1024);
    match flows_line {
        None => {
            out.push_str(text);
            if !text.is_empty() && !text.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("flows:\n");
            out.push_str(&yaml_out::list_item(flow, 2));
        }
        Some(at) => {
            let rest = lines[at]["flows:".len()..].trim();
            let empty_flow_list = rest == "[]" || rest.starts_with("[] #");
            // The list ends at the next top-level key; comments and blank
            // lines just before that key belong to it.
            let mut end = lines[at + 1..]
                .iter()
                .position(|line| top_level(line))
                .map_or(lines.len(), |offset| at + 1 + offset);
            while end > at + 1 && {
                let line = lines[end - 1].trim();
                line.is_empty() || line.starts_with('#')
            } {
                end -= 1;
            }
            let indent = lines[at + 1..end]
                .iter()
                .find(|line| line.trim_start().starts_with('-'))
                .map_or(2, |line| line.len() - line.trim_start().len());
            for line in &lines[..at] {
                out.push_str(line);
            }
            if empty_flow_list {
                out.push_str("flows:\n");
            } else {
                for line in &lines[at..end] {
                    out.push_str(line);
                }
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            out.push_str(&yaml_out::list_item(flow, indent));
            for line in &lines[end..] {
                out.push_str(line);
            }
        }
    }
    yaml_out::read_back(&out, &expected)
        .map_err(|_| "the file's layout leaves no safe place to add the flow".to_owned())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::add_flow;
    use crate::scaffold::yaml_out::{MapBuilder, Node};

    fn flow() -> Node {
        MapBuilder::new()
            .set("id", Node::text("b"))
            .set("to", Node::texts(&["x"]))
            .build()
    }

    #[test]
    fn a_flow_goes_at_the_end_of_the_list_and_nothing_else_changes() {
        let text = "# keep me\nid: a\nflows:\n  - id: a # first\n    to: [y]\n\n# about the next key\nreview_due: 2027-01-01\n";
        assert_eq!(
            add_flow(text, &flow()).unwrap(),
            "# keep me\nid: a\nflows:\n  - id: a # first\n    to: [y]\n  - id: b\n    to: [x]\n\n# about the next key\nreview_due: 2027-01-01\n"
        );
        let unindented = "id: a\nflows:\n- id: a\n  to: [y]\n";
        assert_eq!(
            add_flow(unindented, &flow()).unwrap(),
            "id: a\nflows:\n- id: a\n  to: [y]\n- id: b\n  to: [x]\n"
        );
    }

    #[test]
    fn a_missing_or_empty_list_is_started() {
        assert_eq!(
            add_flow("id: a\nflows: []\nstatus: draft", &flow()).unwrap(),
            "id: a\nflows:\n  - id: b\n    to: [x]\nstatus: draft"
        );
        assert_eq!(
            add_flow("id: a", &flow()).unwrap(),
            "id: a\nflows:\n  - id: b\n    to: [x]\n"
        );
    }

    #[test]
    fn a_layout_with_no_safe_place_is_refused() {
        assert!(add_flow("id: a\nflows: [{id: a, to: [y]}]\n", &flow()).is_err());
        assert!(add_flow("id: a\nflows: 3\n", &flow()).is_err());
        assert!(add_flow("id: [\n", &flow()).is_err());
    }
}
