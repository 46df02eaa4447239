//! The browsable site: a dashboard, the organisation directory and pages,
//! a page per agreement (the document partners read, print and file), and
//! the risk register. Plain HTML and CSS that work offline.
//!
//! Templates are minijinja, built in and overridable by a registry's
//! `templates/` folder (only files of the built-in names are read). Every
//! value is HTML-escaped, an undefined variable is an error rather than
//! blank text, and each page has a fuel limit so a template cannot loop
//! for ever.

use super::words::{article6, article9, schedule1};
use super::{RenderError, SignOff, Snapshot, markdown, signoff};
use crate::model::facts::{band, inherent_score, residual_score};
use crate::model::{Agreement, AgreementStatus, OnwardSharing};
use crate::registry::Record;
use crate::source::{Source, Unreadable};
use minijinja::{Environment, UndefinedBehavior, Value, context};
use serde_json::json;
use std::collections::HashMap;
use std::io;
use std::sync::OnceLock;

/// The built-in templates, by name.
pub const TEMPLATES: [(&str, &str); 8] = [
    ("base.html", include_str!("templates/base.html")),
    ("agreement.html", include_str!("templates/agreement.html")),
    (
        "organisation.html",
        include_str!("templates/organisation.html"),
    ),
    ("index.html", include_str!("templates/index.html")),
    (
        "organisations.html",
        include_str!("templates/organisations.html"),
    ),
    ("agreements.html", include_str!("templates/agreements.html")),
    ("risks.html", include_str!("templates/risks.html")),
    ("map.html", include_str!("templates/map.html")),
];

const STYLE: &str = include_str!("templates/style.css");

/// Instructions one page may take: far more than any real page needs.
const FUEL: u64 = 5_000_000;

fn template_error(name: &str, error: &minijinja::Error) -> RenderError {
    RenderError::Template {
        name: name.to_owned(),
        message: error.to_string(),
    }
}

/// The template environment, with `overrides` (name, source) from the
/// registry's `templates/` folder replacing built-ins of the same name.
pub fn environment(overrides: &[(String, String)]) -> Result<Environment<'static>, RenderError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    for (name, source) in TEMPLATES {
        let source = overrides
            .iter()
            .find(|(n, _)| n == name)
            .map_or(source.to_owned(), |(_, s)| s.clone());
        env.add_template_owned(name, source)
            .map_err(|e| template_error(name, &e))?;
    }
    Ok(env)
}

/// Template data from anything serialisable.
fn value<T: serde::Serialize>(data: T) -> Value {
    Value::from(minijinja::value::Serde(data))
}

/// The largest page a template may write: several times the largest page
/// of the national registry (its directory of 50,000 organisations). A
/// template that writes more (a registry's own template doubling a text in
/// a loop) is stopped with an error naming it.
pub const MAX_PAGE_BYTES: usize = 256 * 1024 * 1024;

/// Collects a page, refusing to grow past its limit.
#[derive(Default)]
struct Page {
    bytes: Vec<u8>,
    limit: usize,
    too_large: bool,
}

impl io::Write for Page {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + bytes.len() > self.limit {
            self.too_large = true;
            return Err(io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn render_page(env: &Environment<'_>, name: &str, context: Value) -> Result<String, RenderError> {
    render_page_within(env, name, context, MAX_PAGE_BYTES)
}

/// Renders one page, refusing one larger than `limit` bytes.
fn render_page_within(
    env: &Environment<'_>,
    name: &str,
    context: Value,
    limit: usize,
) -> Result<String, RenderError> {
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    let mut page = Page {
        limit,
        ..Page::default()
    };
    match template.render_captured_to(context, &mut page) {
        Ok(_) => Ok(String::from_utf8(page.bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())),
        Err(_) if page.too_large => Err(RenderError::Template {
            name: name.to_owned(),
            message: format!(
                "the page would be larger than {}, the most one page may be (a template that repeats or doubles a text in a loop never stops growing)",
                size(limit)
            ),
        }),
        Err(error) => Err(template_error(name, &error)),
    }
}

/// A size in words: `256 MB`, `4 KB`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{} MB", b / (1024 * 1024)),
        b if b >= 1024 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

fn assurance_of(snapshot: &Snapshot<'_>, org: &str) -> &'static str {
    snapshot
        .context
        .assurance_of(org)
        .map_or("unknown", |a| a.level.as_str())
}

fn org_name<'s>(snapshot: &'s Snapshot<'_>, id: &'s str) -> &'s str {
    snapshot.registry.organisation_name_or_id(id)
}

fn officer_name(snapshot: &Snapshot<'_>, reference: Option<&str>) -> Option<String> {
    let (org, officer) = reference?.split_once('/')?;
    Some(snapshot.registry.officer(org, officer).map_or_else(
        || reference.unwrap_or_default().to_owned(),
        |o| format!("{} ({})", o.name, org_name(snapshot, org)),
    ))
}

/// Only a plain http(s) address becomes a link; anything else (the schema
/// reports it) is never put into an `href`.
fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
}

fn join<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

fn labels<T: Copy>(items: &[T], label: fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|item| label(*item))
        .collect::<Vec<_>>()
        .join(", ")
}

fn risk_rows(snapshot: &Snapshot<'_>, agreement: &Record<Agreement>) -> Vec<serde_json::Value> {
    agreement
        .flows
        .iter()
        .flat_map(|flow| flow.risks.iter().map(move |risk| (flow, risk)))
        .map(|(flow, risk)| {
            let (inherent, residual) = (inherent_score(risk), residual_score(risk));
            json!({
                "agreement": agreement.title, "agreement_id": agreement.id, "flow": flow.description.clone().unwrap_or_else(|| flow.id.clone()),
                "description": risk.description, "inherent": inherent, "inherent_band": band(inherent), "residual": residual, "residual_band": band(residual),
                "mitigations": join(&risk.mitigations), "owner": officer_name(snapshot, risk.owner.as_deref()), "accepted_by": officer_name(snapshot, risk.accepted_by.as_deref()),
            })
        })
        .collect()
}

fn agreement_view(snapshot: &Snapshot<'_>, agreement: &Record<Agreement>) -> serde_json::Value {
    let registry = snapshot.registry;
    let tier_words = match agreement.tier {
        1 => "overarching protocol",
        2 => "purpose-level agreement",
        _ => "operational agreement",
    };
    let parties: Vec<_> = agreement
        .parties
        .iter()
        .map(|party| {
            let signatory = party.signatory.as_deref().and_then(|s| registry.officer(&party.org, s)).map(|o| o.name.clone());
            json!({"id": party.org, "name": org_name(snapshot, &party.org), "role": party.role.label(), "contract": party.contract, "signatory": signatory, "assurance": assurance_of(snapshot, &party.org)})
        })
        .collect();
    let mut basis = Vec::new();
    if let Some(lawful) = &agreement.lawful_basis {
        basis.extend(
            lawful
                .article6
                .iter()
                .map(|l| format!("UK GDPR {}", article6(l))),
        );
        basis.extend(
            lawful
                .article9
                .iter()
                .map(|l| format!("UK GDPR {}", article9(l))),
        );
        basis.extend(lawful.schedule1.iter().map(|c| schedule1(c)));
        basis.extend(
            lawful
                .article10
                .iter()
                .map(|c| format!("Criminal offence data (Article 10): {}", schedule1(c))),
        );
        if let Some(common) = lawful.common_law {
            basis.push(format!(
                "Common law duty of confidentiality: {}",
                common.label()
            ));
        }
        basis.extend(
            lawful
                .legal_powers
                .iter()
                .map(|p| format!("Legal power: {p}")),
        );
    }
    let flows: Vec<_> = agreement
        .flows
        .iter()
        .map(|flow| {
            let to: Vec<&str> = flow.to.iter().map(|t| org_name(snapshot, t)).collect();
            json!({
                "id": flow.id, "description": flow.description, "from": org_name(snapshot, &flow.from), "to": join(&to),
                "subjects": labels(&flow.subjects, |s| s.label()), "categories": labels(&flow.categories, |c| c.label()),
                "identifiability": flow.identifiability.label(), "items": join(&flow.items),
                "method": flow.method.map_or("method not stated", |m| m.label()), "frequency": flow.frequency.map_or("frequency not stated", |f| f.label()),
                "encrypted": match flow.encrypted { Some(true) => "encrypted in transit", Some(false) => "not encrypted", None => "encryption not stated" },
                "volume": flow.volume, "storage": match (&flow.storage_country[..], flow.transfer_safeguard) {
                    ("GB", _) => "in the UK".to_owned(),
                    (country, Some(safeguard)) => format!("in {country}, under {}", safeguard.label()),
                    (country, None) => format!("in {country}"),
                },
                "retention": flow.retention, "access": join(&flow.access),
                "onward": match flow.onward_sharing { Some(OnwardSharing::Permitted) => "permitted", Some(OnwardSharing::Prohibited) => "prohibited", _ => "only with the originating organisation's DPO's permission" },
            })
        })
        .collect();
    let mut matrix = Vec::new();
    for likelihood in (1..=5u32).rev() {
        let cells: Vec<_> = (1..=5u32)
            .map(|impact| {
                let count = agreement.flows.iter().flat_map(|f| &f.risks).filter(|r| u32::from(r.likelihood) == likelihood && u32::from(r.impact) == impact).count();
                json!({"count": if count > 0 { Some(count) } else { None }, "band": band(likelihood * impact)})
            })
            .collect();
        matrix.push(json!({"likelihood": likelihood, "cells": cells}));
    }
    let dpia = match &agreement.dpia {
        Some(dpia) if dpia.reference.is_some() => format!(
            "Completed: {}{}.",
            dpia.reference.as_deref().unwrap_or_default(),
            dpia.completed
                .map(|d| format!(" on {d}"))
                .unwrap_or_default()
        ),
        Some(dpia) => format!(
            "Not required: {}",
            dpia.not_required
                .as_deref()
                .unwrap_or("no reason given")
                .trim()
        ),
        None => "Not recorded.".to_owned(),
    };
    let privacy_notice = agreement
        .privacy_notice
        .as_deref()
        .filter(|url| is_web_address(url));
    let parent = agreement.parent.as_deref().map(
        |id| json!({"id": id, "title": registry.agreement(id).map_or(id, |a| a.title.as_str())}),
    );
    json!({
        "id": agreement.id, "title": agreement.title, "tier": agreement.tier, "tier_words": tier_words, "parent": parent,
        "status": agreement.status.label(), "lead": agreement.lead.as_deref().map(|l| org_name(snapshot, l)),
        "effective": agreement.effective, "review_due": agreement.review_due, "expires": agreement.expires,
        "parties": parties, "purposes": labels(&agreement.purposes, |p| p.label()), "purpose": agreement.purpose.as_deref().map(str::trim),
        "benefits": agreement.benefits.as_deref().map(str::trim), "basis": basis, "flows": flows, "risks": risk_rows(snapshot, agreement), "matrix": matrix,
        "dpia": dpia, "privacy_notice": privacy_notice, "individual_rights": agreement.individual_rights.as_deref().map(str::trim),
        "narrative": agreement.narrative.as_deref().map(markdown::to_html), "signoff": signoff::rows(snapshot, agreement), "signoff_summary": signoff::summary(snapshot, agreement), "dpo_reviews": signoff::reviews(snapshot, agreement), "digest": agreement.digest,
        "in_place_since": snapshot.in_place_since(agreement),
        "problems": snapshot.problems_of(&agreement.id),
    })
}

/// Each organisation's agreements and flows (in and out), in one pass over
/// the agreements rather than one pass per organisation.
type Involvement<'a> = HashMap<&'a str, (Vec<serde_json::Value>, Vec<serde_json::Value>)>;

fn involvement<'a>(snapshot: &'a Snapshot<'_>) -> Involvement<'a> {
    let mut map: Involvement<'a> = HashMap::new();
    for agreement in &snapshot.registry.agreements {
        for party in &agreement.parties {
            map.entry(party.org.as_str()).or_default().0.push(json!({"id": agreement.id, "title": agreement.title, "role": party.role.label(), "status": agreement.status.label()}));
        }
        for flow in &agreement.flows {
            let name = flow.description.clone().unwrap_or_else(|| flow.id.clone());
            let to: Vec<&str> = flow.to.iter().map(|t| org_name(snapshot, t)).collect();
            map.entry(flow.from.as_str())
                .or_default()
                .1
                .push(json!({"direction": "out", "with": join(&to), "flow": name, "agreement": agreement.title, "agreement_id": agreement.id}));
            for recipient in flow.to.iter().filter(|t| **t != flow.from) {
                map.entry(recipient.as_str())
                    .or_default()
                    .1
                    .push(json!({"direction": "in", "with": org_name(snapshot, &flow.from), "flow": name, "agreement": agreement.title, "agreement_id": agreement.id}));
            }
        }
    }
    map
}

fn organisation_view(
    snapshot: &Snapshot<'_>,
    index: usize,
    involvement: &Involvement,
) -> serde_json::Value {
    let registry = snapshot.registry;
    let org = &registry.organisations[index];
    let assurance = &snapshot.context.assurances()[index];
    let ico = match &org.ico_registration {
        Some(ico) if ico.exempt.is_some() => format!(
            "exempt: {}",
            ico.exempt.as_deref().unwrap_or_default().trim()
        ),
        Some(ico) => format!(
            "{}, expires {}",
            ico.number.as_deref().unwrap_or("no number"),
            ico.expires.map(|d| d.to_string()).unwrap_or_default()
        ),
        None => "not recorded".to_owned(),
    };
    let dspt = match &org.dspt {
        Some(dspt) => match (&dspt.year, dspt.published) {
            (Some(year), Some(published)) => {
                format!("{} for {year}, published {published}", dspt.status.label())
            }
            _ => dspt.status.label().to_owned(),
        },
        None => "not recorded".to_owned(),
    };
    let mou = org.mou.as_ref().map_or_else(
        || "not signed".to_owned(),
        |m| format!("version {} signed on {}", m.version, m.signed),
    );
    let training = org.training.as_ref().map_or_else(
        || "not attested".to_owned(),
        |t| {
            format!(
                "attested {}{}",
                t.attested,
                t.compliance_percent
                    .map(|p| format!(", {p}% of staff trained"))
                    .unwrap_or_default()
            )
        },
    );
    let (agreements, flows) = involvement
        .get(org.id.as_str())
        .cloned()
        .unwrap_or_default();
    json!({
        "id": org.id, "name": org.name, "assurance": assurance.level.as_str(), "reasons": assurance.reasons.iter().map(|r| &r.message).collect::<Vec<_>>(),
        "expiring": assurance.expiring, "kind": org.kind.label(), "public_authority": org.is_public_authority(), "ods_code": org.ods_code,
        "sponsor": org.sponsor.as_deref().map(|s| org_name(snapshot, s)), "ico": ico, "dspt": dspt, "mou": mou, "training": training,
        "breach": org.contacts.breach, "requests": org.contacts.requests,
        "certifications": org.certifications.iter().map(|c| json!({"scheme": c.name.as_deref().unwrap_or_else(|| c.scheme.label()), "reference": c.reference, "expires": c.expires})).collect::<Vec<_>>(),
        "officers": org.officers.iter().map(|o| json!({"name": o.name, "roles": labels(&o.roles, |r| r.label()), "email": o.email})).collect::<Vec<_>>(),
        "agreements": agreements, "flows": flows,
    })
}

fn dashboard_view(snapshot: &Snapshot<'_>) -> serde_json::Value {
    let registry = snapshot.registry;
    let by_status: Vec<_> = AgreementStatus::ALL
        .iter()
        .map(|status| json!({"status": status.label(), "count": registry.agreements.iter().filter(|a| a.status == *status).count()}))
        .collect();
    let horizon = snapshot.date().add_days(90);
    let mut reviews: Vec<_> = registry
        .agreements
        .iter()
        .filter(|a| {
            matches!(
                a.status,
                AgreementStatus::Active | AgreementStatus::Suspended
            )
        })
        .filter_map(|a| {
            a.review_due
                .filter(|due| *due <= horizon)
                .map(|due| (due, a))
        })
        .collect();
    reviews.sort_by_key(|(due, a)| (*due, a.id.clone()));
    // Every party still to sign, longest waiting first: the list to chase.
    let mut chase: Vec<_> = registry
        .agreements
        .iter()
        .flat_map(|a| {
            snapshot
                .context
                .awaiting(a)
                .into_iter()
                .map(move |party| (a, party))
        })
        .collect();
    chase.sort_by(|(a, x), (b, y)| {
        crate::assessment::awaiting::longest_first(x, y).then_with(|| a.title.cmp(&b.title))
    });
    let awaiting: Vec<_> = chase
        .iter()
        .map(|(a, party)| {
            let officer = party.name.as_deref().map(|name| match &party.role {
                Some(role) => format!("{name} ({role})"),
                None => name.to_owned(),
            });
            json!({
                "id": a.id, "title": a.title, "org": party.organisation,
                "signatory": officer.unwrap_or_else(|| party.officer.clone()),
                "email": party.email, "since": party.since, "days": party.days,
            })
        })
        .collect();
    let awaiting_note = match snapshot.context.history.why_not_read() {
        None => "No active or draft agreement is waiting for a sign-off: each is signed off at its current version.".to_owned(),
        Some(why) => format!("Sign-off was not checked: {why}."),
    };
    let not_assured: Vec<_> = registry
        .organisations
        .iter()
        .zip(snapshot.context.assurances())
        .filter(|(_, a)| a.level != crate::assessment::assurance::Level::Assured)
        .map(|(o, a)| json!({"id": o.id, "name": o.name, "assurance": a.level.as_str(), "reasons": a.reasons.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join(" ")}))
        .collect();
    let with_problems: Vec<_> = registry
        .agreements
        .iter()
        .filter_map(|a| {
            let problems = snapshot.problems_of(&a.id);
            (!problems.is_empty())
                .then(|| json!({"id": a.id, "title": a.title, "count": problems.len()}))
        })
        .collect();
    json!({
        "problems": with_problems,
        "by_status": by_status,
        "reviews": reviews.iter().map(|(due, a)| json!({"date": due, "id": a.id, "title": a.title})).collect::<Vec<_>>(),
        "awaiting": awaiting, "awaiting_note": awaiting_note, "not_assured": not_assured,
    })
}

/// What every page is built from: the snapshot, the templates, and what
/// several pages share, worked out once.
pub struct Site<'a> {
    pub snapshot: &'a Snapshot<'a>,
    env: Environment<'static>,
    /// The registry's name, on every page.
    name: String,
    /// The MoU, on every page.
    mou: Option<Value>,
    /// Each organisation's agreements and flows, for its page: worked out
    /// on the first organisation page, then kept.
    involvement: OnceLock<Involvement<'a>>,
}

impl<'a> Site<'a> {
    /// The site of `snapshot`, with `overrides` (name, source) from the
    /// registry's `templates/` folder replacing built-ins of the same name.
    pub fn new(
        snapshot: &'a Snapshot<'a>,
        overrides: &[(String, String)],
    ) -> Result<Site<'a>, RenderError> {
        let registry = snapshot.registry;
        Ok(Site {
            snapshot,
            env: environment(overrides)?,
            name: registry
                .settings
                .name
                .clone()
                .unwrap_or_else(|| "Information sharing registry".to_owned()),
            mou: registry.mou.as_ref().map(|mou| value(&mou.data)),
            involvement: OnceLock::new(),
        })
    }

    /// What every page's layout shows.
    fn page(&self, title: &str, root: &str, draft: bool) -> Value {
        let snapshot = self.snapshot;
        context! { page_title => title, registry => self.name.clone(), root => root, version => snapshot.version(), date => snapshot.date().to_string(), uncommitted => snapshot.commit.is_none(), draft => draft, mou => self.mou.clone() }
    }

    fn render(&self, name: &str, context: Value) -> Result<Vec<u8>, RenderError> {
        render_page(&self.env, name, context).map(String::into_bytes)
    }
}

/// The site's style sheet.
pub fn style(_: &Site<'_>) -> Result<Vec<u8>, RenderError> {
    Ok(STYLE.as_bytes().to_vec())
}

/// The dashboard.
pub fn dashboard(site: &Site<'_>) -> Result<Vec<u8>, RenderError> {
    site.render(
        "index.html",
        context! { d => value(dashboard_view(site.snapshot)), ..site.page("Dashboard", "", false) },
    )
}

/// The page of the agreement at `index`.
pub fn agreement_page(site: &Site<'_>, index: usize) -> Result<Vec<u8>, RenderError> {
    let snapshot = site.snapshot;
    let agreement = &snapshot.registry.agreements[index];
    let draft = snapshot.sign_off(agreement) != SignOff::Complete;
    let view = agreement_view(snapshot, agreement);
    site.render(
        "agreement.html",
        context! { a => value(view), pdf => cfg!(feature = "pdf"), ..site.page(&agreement.title, "../", draft) },
    )
}

/// The PDF of the agreement at `index`: the page's data plus what the
/// layout shows around it, through `render::pdf`.
#[cfg(feature = "pdf")]
pub fn agreement_pdf(site: &Site<'_>, index: usize) -> Result<Vec<u8>, RenderError> {
    let snapshot = site.snapshot;
    let agreement = &snapshot.registry.agreements[index];
    let draft = snapshot.sign_off(agreement) != SignOff::Complete;
    let mut data = agreement_view(snapshot, agreement);
    data["registry"] = json!(site.name);
    data["draft"] = json!(draft);
    data["version"] = json!(match &snapshot.commit {
        Some(commit) => format!("commit {}, as of {}", &commit.id[..12], snapshot.date()),
        None => "uncommitted draft".to_owned(),
    });
    data["status_line"] = json!(if draft {
        "DRAFT - NOT SIGNED OFF"
    } else {
        "Signed off by every party"
    });
    data["narrative_blocks"] = json!(
        agreement
            .narrative
            .as_deref()
            .map(markdown::blocks)
            .unwrap_or_default()
    );
    data["mou"] = snapshot
        .registry
        .mou
        .as_ref()
        .map_or(serde_json::Value::Null, |mou| {
            serde_json::to_value(&mou.data).unwrap_or_default()
        });
    let time = snapshot.commit.as_ref().map_or_else(
        || snapshot.date().days_since_epoch().saturating_mul(86_400),
        |commit| commit.time,
    );
    super::pdf::agreement_pdf(
        data,
        &format!("{} {}", agreement.id, agreement.digest),
        time,
    )
    .map_err(|message| RenderError::Template {
        name: "agreement.typ".to_owned(),
        message,
    })
}

/// The list of agreements.
pub fn agreement_list(site: &Site<'_>) -> Result<Vec<u8>, RenderError> {
    let snapshot = site.snapshot;
    let list: Vec<_> = snapshot
        .registry
        .agreements
        .iter()
        .map(|a| {
            let signed = match snapshot.sign_off(a) {
                SignOff::Complete => "signed off".to_owned(),
                SignOff::Incomplete { waiting: 0 } => "not signed off (see its problems)".to_owned(),
                SignOff::Incomplete { waiting } => format!("{waiting} still to sign"),
                SignOff::NotChecked => "not checked".to_owned(),
            };
            json!({"id": a.id, "title": a.title, "tier": a.tier, "status": a.status.label(), "review_due": a.review_due, "signed": signed, "problems": snapshot.problems_of(&a.id).len()})
        })
        .collect();
    site.render(
        "agreements.html",
        context! { agreements => value(list), ..site.page("Agreements", "../", false) },
    )
}

/// The page of the organisation at `index`.
pub fn organisation_page(site: &Site<'_>, index: usize) -> Result<Vec<u8>, RenderError> {
    let snapshot = site.snapshot;
    let involvement = site.involvement.get_or_init(|| involvement(snapshot));
    let org = &snapshot.registry.organisations[index];
    site.render(
        "organisation.html",
        context! { o => value(organisation_view(snapshot, index, involvement)), ..site.page(&org.name, "../", false) },
    )
}

/// The directory of organisations.
pub fn organisation_list(site: &Site<'_>) -> Result<Vec<u8>, RenderError> {
    let snapshot = site.snapshot;
    let directory: Vec<_> = snapshot
        .registry
        .organisations
        .iter()
        .zip(snapshot.context.assurances())
        .map(|(o, a)| {
            let expiring = a.expiring.iter().map(|e| format!("{} expires {}", e.what, e.date));
            let notes: Vec<String> = a.reasons.iter().map(|r| r.message.clone()).chain(expiring).collect();
            json!({"id": o.id, "name": o.name, "kind": o.kind.label(), "assurance": a.level.as_str(), "notes": notes.join(" ")})
        })
        .collect();
    site.render(
        "organisations.html",
        context! { organisations => value(directory), ..site.page("Organisations", "../", false) },
    )
}

/// The risk register.
pub fn risks(site: &Site<'_>) -> Result<Vec<u8>, RenderError> {
    let snapshot = site.snapshot;
    let risks: Vec<_> = snapshot
        .registry
        .agreements
        .iter()
        .filter(|a| a.status != AgreementStatus::Terminated)
        .flat_map(|a| risk_rows(snapshot, a))
        .collect();
    site.render(
        "risks.html",
        context! { risks => value(risks), ..site.page("Risk register", "", false) },
    )
}

/// The data-flow map.
pub fn map(site: &Site<'_>) -> Result<Vec<u8>, RenderError> {
    let legend: Vec<_> = super::map::legend()
        .into_iter()
        .map(|(label, colour)| json!({"label": label, "colour": colour}))
        .collect();
    let svg = super::map::svg(site.snapshot, "");
    site.render(
        "map.html",
        context! { svg => svg, legend => value(legend), ..site.page("Data-flow map", "", false) },
    )
}

/// The registry's own templates in `templates/`, by name, read like every
/// registry file (links leaving the registry refused). Only files of the
/// built-in names are read.
pub fn templates_in(source: &dyn Source) -> Result<Vec<(String, String)>, RenderError> {
    let mut overrides = Vec::new();
    for (name, _) in TEMPLATES {
        let path = format!("templates/{name}");
        match source.read(&path) {
            Err(Unreadable::Missing) => {}
            Err(why) => {
                return Err(RenderError::Unusable(format!(
                    "{path} cannot be used as a template: {why}. Remove it to use the built-in template."
                )));
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => overrides.push((name.to_owned(), text)),
                Err(_) => {
                    return Err(RenderError::Unusable(format!(
                        "{path} is not UTF-8 text, so it cannot be used as a template"
                    )));
                }
            },
        }
    }
    Ok(overrides)
}

#[cfg(test)]
mod tests {
    use super::{RenderError, environment, render_page_within};

    #[test]
    fn a_template_that_writes_without_end_is_stopped_with_its_name_and_the_limit() {
        let doubling = "{% set n = namespace(x='ab') %}{% for i in range(16) %}{% set n.x = n.x ~ n.x %}{% endfor %}{{ n.x }}";
        let env = environment(&[("index.html".to_owned(), doubling.to_owned())]).unwrap();
        let error = render_page_within(&env, "index.html", minijinja::Value::UNDEFINED, 64 * 1024)
            .unwrap_err();
        let RenderError::Template { name, message } = &error else {
            panic!("{error}")
        };
        assert_eq!(name, "index.html");
        assert!(message.contains("larger than 64 KB"), "{message}");
        // Within the limit, the same template renders.
        let page = render_page_within(&env, "index.html", minijinja::Value::UNDEFINED, 1024 * 1024)
            .unwrap();
        assert_eq!(page.len(), 2 << 16);
    }
}
