//! The returns auditors and the DSPT ask for, without retyping: the UK GDPR
//! Article 30 record of processing (`ropa.csv`), the DSPT data-flow map
//! (`dspt-data-flows.csv`), review and expiry dates as calendar events
//! (`reviews.ics`), the whole registry as JSON (`registry.json`), and the
//! register of sharing for the public (`public-register.csv`).

use super::words::{article6, article9, list, schedule1};
use super::{SignOff, Snapshot};
use crate::date::Date;
use crate::model::{Agreement, AgreementStatus, Flow, OfficerRole};
use crate::registry::Record;
use serde_json::{Value, json};
use std::fmt::Write;

fn written_agreement(snapshot: &Snapshot<'_>, agreement: &Agreement) -> String {
    let signed = match snapshot.sign_off(agreement) {
        SignOff::Complete => "signed off by every party",
        SignOff::Incomplete { .. } => "not signed off",
        SignOff::NotChecked => "sign-off not checked",
    };
    format!("Yes ({}, {signed})", agreement.status.label())
}

fn name<'s>(snapshot: &'s Snapshot<'_>, org: &'s str) -> &'s str {
    snapshot.registry.organisation_name_or_id(org)
}

/// The names of a flow's recipients, `; ` between them.
fn recipient_names(snapshot: &Snapshot<'_>, flow: &Flow) -> String {
    flow.to
        .iter()
        .map(|to| name(snapshot, to))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether an agreement is agreed: active and, as far as the history
/// shows, signed off by every party (it may take effect later).
fn agreed(snapshot: &Snapshot<'_>, agreement: &Agreement) -> bool {
    agreement.status == AgreementStatus::Active
        && !matches!(snapshot.sign_off(agreement), SignOff::Incomplete { .. })
}

fn basis_cells(agreement: &Agreement) -> [String; 5] {
    let Some(basis) = &agreement.lawful_basis else {
        return Default::default();
    };
    [
        basis
            .article6
            .iter()
            .map(|l| article6(l))
            .collect::<Vec<_>>()
            .join("; "),
        basis
            .article9
            .iter()
            .map(|l| article9(l))
            .collect::<Vec<_>>()
            .join("; "),
        basis
            .schedule1
            .iter()
            .map(|c| schedule1(c))
            .collect::<Vec<_>>()
            .join("; "),
        basis
            .article10
            .iter()
            .map(|c| schedule1(c))
            .collect::<Vec<_>>()
            .join("; "),
        basis
            .common_law
            .map(|c| c.label().to_owned())
            .unwrap_or_default(),
    ]
}

fn labels<T: Copy>(items: &[T], label: fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|item| label(*item))
        .collect::<Vec<_>>()
        .join("; ")
}

fn transfer(flow: &Flow) -> String {
    if flow.storage_country == "GB" {
        return "None: stored in the UK".to_owned();
    }
    match flow.transfer_safeguard {
        Some(safeguard) => format!(
            "Stored in {}; safeguard: {}",
            flow.storage_country,
            safeguard.label()
        ),
        None => format!("Stored in {}; no safeguard recorded", flow.storage_country),
    }
}

fn security(flow: &Flow) -> String {
    let method = flow.method.map_or("method not recorded", |m| m.label());
    let encrypted = match flow.encrypted {
        Some(true) => "encrypted in transit",
        Some(false) => "not encrypted in transit",
        None => "encryption not recorded",
    };
    format!("{method}; {encrypted}")
}

fn date_cell(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// Every flow of every agreement that is not terminated, in file order.
fn flows<'a>(
    snapshot: &'a Snapshot<'_>,
) -> impl Iterator<Item = (&'a Record<Agreement>, &'a Flow)> {
    snapshot
        .registry
        .agreements
        .iter()
        .filter(|agreement| agreement.status != AgreementStatus::Terminated)
        .flat_map(|agreement| agreement.flows.iter().map(move |flow| (agreement, flow)))
}

fn csv_bytes(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.into_iter().map(spreadsheet_text));
    }
    writer.into_inner().unwrap_or_default()
}

/// A cell as text a spreadsheet will not run. These files are opened in
/// Excel, and each organisation writes its own records: a cell starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return would be taken as a
/// formula (which can fetch web addresses or run commands), so it is
/// written after a `'`, the spreadsheet's mark for "this is text", which
/// Excel does not show.
fn spreadsheet_text(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The agreement's purposes: their kinds, then the purpose in words.
fn purposes(agreement: &Agreement) -> String {
    match (&agreement.purpose, agreement.purposes.is_empty()) {
        (Some(text), false) => format!(
            "{}: {}",
            labels(&agreement.purposes, |p| p.label()),
            text.trim()
        ),
        (Some(text), true) => text.trim().to_owned(),
        (None, _) => labels(&agreement.purposes, |p| p.label()),
    }
}

/// The register of sharing for the public: who shares what about whom,
/// why, and under which law, for each flow of an agreement in place (active,
/// signed off by every party, and in effect). Being published, it lists
/// only what git history shows signed off: rendered from files that are
/// not committed, it has no rows. Nothing about people who work for the
/// partners (no officers, no contacts) and nothing an attacker could use
/// (no risks, methods or systems).
pub fn public_register_csv(snapshot: &Snapshot<'_>) -> Vec<u8> {
    let header = [
        "Agreement",
        "Shared by",
        "Shared with",
        "Why",
        "Whose data",
        "What data",
        "Data items",
        "How identifiable",
        "Article 6 basis",
        "Article 9 condition",
        "Where it is stored",
        "In place since",
        "Next review",
    ];
    let in_place = |agreement: &Agreement| {
        agreement.status == AgreementStatus::Active
            && snapshot.sign_off(agreement) == SignOff::Complete
            && agreement
                .effective
                .is_none_or(|effective| effective <= snapshot.date())
    };
    let rows = flows(snapshot)
        .filter(|(agreement, _)| in_place(agreement))
        .map(|(agreement, flow)| {
            let [a6, a9, ..] = basis_cells(agreement);
            vec![
                agreement.title.to_string(),
                name(snapshot, &flow.from).to_owned(),
                recipient_names(snapshot, flow),
                purposes(agreement),
                labels(&flow.subjects, |s| s.label()),
                labels(&flow.categories, |c| c.label()),
                list(&flow.items),
                flow.identifiability.label().to_owned(),
                a6,
                a9,
                transfer(flow),
                date_cell(snapshot.in_place_since(agreement)),
                date_cell(agreement.review_due),
            ]
        });
    csv_bytes(&header, rows)
}

/// The record of processing activities (UK GDPR Article 30): one row per
/// data flow, with the DSPT's additions (bases, written agreement, its end).
pub fn ropa_csv(snapshot: &Snapshot<'_>) -> Vec<u8> {
    let header = [
        "Processing activity",
        "Agreement",
        "Agreement id",
        "Controller",
        "Controller DPO",
        "Contact for requests",
        "Recipients",
        "Purposes",
        "Article 6 basis",
        "Article 9 condition",
        "Schedule 1 condition",
        "Criminal offence condition",
        "Common law basis",
        "Data subjects",
        "Personal data",
        "Data items",
        "Identifiability",
        "Transfers outside the UK",
        "Retention",
        "Security measures",
        "Access",
        "Written agreement",
        "Effective",
        "Review due",
        "Ends",
        "Digest",
    ];
    let rows = flows(snapshot).map(|(agreement, flow)| {
        let controller = snapshot.registry.organisation(&flow.from);
        let dpo = controller
            .and_then(|org| org.officers.iter().find(|o| o.has_role(OfficerRole::Dpo)))
            .map(|o| format!("{} <{}>", o.name, o.email.as_deref().unwrap_or("")))
            .unwrap_or_default();
        let requests = controller
            .and_then(|org| org.contacts.requests.as_deref())
            .unwrap_or_default()
            .to_owned();
        let recipients: Vec<String> = flow
            .to
            .iter()
            .map(|to| {
                let role = agreement.party(to).map_or("", |p| p.role.label());
                format!("{} ({role})", name(snapshot, to))
            })
            .collect();
        let [a6, a9, s1, a10, common] = basis_cells(agreement);
        vec![
            flow.description.as_ref().unwrap_or(&flow.id).to_string(),
            agreement.title.to_string(),
            agreement.id.to_string(),
            name(snapshot, &flow.from).to_owned(),
            dpo,
            requests,
            recipients.join("; "),
            purposes(agreement),
            a6,
            a9,
            s1,
            a10,
            common,
            labels(&flow.subjects, |s| s.label()),
            labels(&flow.categories, |c| c.label()),
            list(&flow.items),
            flow.identifiability.label().to_owned(),
            transfer(flow),
            flow.retention.as_deref().unwrap_or_default().to_owned(),
            security(flow),
            list(&flow.access),
            written_agreement(snapshot, agreement),
            date_cell(agreement.effective),
            date_cell(agreement.review_due),
            date_cell(agreement.expires),
            agreement.digest.clone(),
        ]
    });
    csv_bytes(&header, rows)
}

/// The DSPT data-flow map: one row per flow, as the toolkit's data flow
/// mapping asks for it.
pub fn dspt_csv(snapshot: &Snapshot<'_>) -> Vec<u8> {
    let header = [
        "Flow",
        "Description",
        "From",
        "To",
        "Data subjects",
        "Data items",
        "Identifiability",
        "Special category data",
        "Transfer method",
        "Frequency",
        "Encrypted in transit",
        "Records a year",
        "Storage location",
        "Article 6 basis",
        "Article 9 condition",
        "Agreement in place",
        "Agreement",
        "Agreement review or end date",
        "Risk owners",
        "Highest residual risk",
    ];
    let rows = flows(snapshot).map(|(agreement, flow)| {
        let [a6, a9, ..] = basis_cells(agreement);
        let in_place = agreed(snapshot, agreement);
        let end = agreement.expires.or(agreement.review_due);
        let owners: Vec<String> = flow
            .risks
            .iter()
            .filter_map(|risk| risk.owner.as_deref())
            .map(|owner| match owner.split_once('/') {
                Some((org, officer)) => snapshot
                    .registry
                    .officer(org, officer)
                    .map_or(owner.to_owned(), |o| {
                        format!("{} ({})", o.name, name(snapshot, org))
                    }),
                None => owner.to_owned(),
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let highest = flow
            .risks
            .iter()
            .map(crate::model::facts::residual_score)
            .max();
        vec![
            format!("{}/{}", agreement.id, flow.id),
            flow.description.as_deref().unwrap_or_default().to_owned(),
            name(snapshot, &flow.from).to_owned(),
            recipient_names(snapshot, flow),
            labels(&flow.subjects, |s| s.label()),
            list(&flow.items),
            flow.identifiability.label().to_owned(),
            if flow.categories.iter().any(|c| c.is_special()) {
                "Yes"
            } else {
                "No"
            }
            .to_owned(),
            flow.method
                .map(|m| m.label().to_owned())
                .unwrap_or_default(),
            flow.frequency
                .map(|f| f.label().to_owned())
                .unwrap_or_default(),
            match flow.encrypted {
                Some(true) => "Yes",
                Some(false) => "No",
                None => "",
            }
            .to_owned(),
            flow.volume.map(|v| v.to_string()).unwrap_or_default(),
            flow.storage_country.to_string(),
            a6,
            a9,
            match agreement.effective {
                // Signed ahead of the date it takes effect: not yet in place.
                Some(effective) if in_place && effective > snapshot.date() => {
                    format!("From {effective}")
                }
                _ if in_place => "Yes".to_owned(),
                _ => "No".to_owned(),
            },
            agreement.title.to_string(),
            date_cell(end),
            owners.join("; "),
            highest
                .map(|score| format!("{score} ({})", crate::model::facts::band(score)))
                .unwrap_or_default(),
        ]
    });
    csv_bytes(&header, rows)
}

/// Escapes an iCalendar TEXT value (RFC 5545 section 3.3.11). Every line
/// break, a lone carriage return included, becomes the escape `\n`, so no
/// text can end a line and start a property or event of its own; other
/// control and hidden characters, which TEXT may not hold, are shown by
/// their code points.
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if crate::text::hidden(c).is_some() => {
                out.push_str(&format!("[U+{:04X}]", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 section 3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn ics_date(date: Date) -> String {
    let (y, m, d) = date.ymd();
    format!("{y:04}{m:02}{d:02}")
}

/// Review dates, agreement ends, ICO registration and certificate expiries
/// as all-day calendar events, for Outlook and other calendars.
pub fn reviews_ics(snapshot: &Snapshot<'_>) -> String {
    let mut events: Vec<(String, Date, String, String)> = Vec::new();
    for agreement in snapshot
        .registry
        .agreements
        .iter()
        .filter(|a| a.status != AgreementStatus::Terminated)
    {
        let parties: Vec<&str> = agreement
            .parties
            .iter()
            .map(|p| name(snapshot, &p.org))
            .collect();
        let about = format!(
            "Agreement {} (tier {}, {}). Parties: {}.",
            agreement.id,
            agreement.tier,
            agreement.status.label(),
            parties.join(", ")
        );
        if let Some(due) = agreement.review_due {
            events.push((
                format!("review-{}", agreement.id),
                due,
                format!("Review due: {}", agreement.title),
                about.clone(),
            ));
        }
        if let Some(ends) = agreement.expires {
            events.push((
                format!("ends-{}", agreement.id),
                ends,
                format!("Agreement ends: {}", agreement.title),
                about,
            ));
        }
    }
    for org in &snapshot.registry.organisations {
        if let Some(expires) = org.ico_registration.as_ref().and_then(|ico| ico.expires) {
            events.push((
                format!("ico-{}", org.id),
                expires,
                format!("ICO registration expires: {}", org.name),
                format!("Renew the data protection fee for {}.", org.name),
            ));
        }
        for (i, certificate) in org.certifications.iter().enumerate() {
            if let Some(expires) = certificate.expires {
                let scheme = certificate
                    .name
                    .as_deref()
                    .unwrap_or(certificate.scheme.label());
                events.push((
                    format!("certificate-{}-{i}", org.id),
                    expires,
                    format!("{scheme} certificate expires: {}", org.name),
                    format!(
                        "Certificate {}.",
                        certificate
                            .reference
                            .as_deref()
                            .unwrap_or("without a reference")
                    ),
                ));
            }
        }
    }
    events.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let stamp = match &snapshot.commit {
        Some(commit) => {
            let (date, seconds) = (commit.date, commit.time.rem_euclid(86_400));
            format!(
                "{}T{:02}{:02}{:02}Z",
                ics_date(date),
                seconds / 3600,
                seconds / 60 % 60,
                seconds % 60
            )
        }
        None => format!("{}T000000Z", ics_date(snapshot.date())),
    };
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//isg//Information sharing registry//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    let calendar = snapshot
        .registry
        .settings
        .name
        .clone()
        .unwrap_or_else(|| "Information sharing registry".to_owned());
    fold(
        &format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{calendar}: reviews and expiries"))
        ),
        &mut out,
    );
    for (uid, date, summary, description) in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{uid}@isg"), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("DTSTART;VALUE=DATE:{}", ics_date(date)), &mut out);
        fold(
            &format!("DTEND;VALUE=DATE:{}", ics_date(date.add_days(1))),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", ics_text(&summary)), &mut out);
        fold(&format!("DESCRIPTION:{}", ics_text(&description)), &mut out);
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// Everything, machine-readable: every record as written, with each
/// organisation's assurance and each agreement's digest and sign-offs.
pub fn registry_json(snapshot: &Snapshot<'_>) -> String {
    let registry = snapshot.registry;
    let organisations: Vec<Value> = registry
        .organisations
        .iter()
        .zip(snapshot.context.assurances())
        .map(|(org, assurance)| {
            let mut value = serde_json::to_value(&org.data).unwrap_or(Value::Null);
            value["assurance"] = json!({
                "level": assurance.level,
                "reasons": assurance.reasons.iter().map(|r| r.message.clone()).collect::<Vec<_>>(),
                "expiring": assurance.expiring,
            });
            value
        })
        .collect();
    let agreements: Vec<Value> = registry
        .agreements
        .iter()
        .map(|agreement| {
            let mut value = serde_json::to_value(&agreement.data).unwrap_or(Value::Null);
            value["digest"] = json!(agreement.digest);
            value["narrative"] = json!(agreement.narrative);
            let state = snapshot.context.history.of(&agreement.id);
            value["signoffs"] = json!(state.map(|s| s.signed.clone()).unwrap_or_default());
            value["missing"] = json!(state.map(|s| s.missing.clone()));
            value["awaiting"] = json!(snapshot.context.awaiting(agreement));
            value["signed_off"] = json!(snapshot.sign_off(agreement) == SignOff::Complete);
            value["signed_off_on"] = json!(state.and_then(|s| s.signed_off_on));
            value["reviews"] = json!(state.map(|s| s.reviews.clone()).unwrap_or_default());
            value["review_missing"] = json!(state.map(|s| s.review_missing.clone()));
            value["in_place_since"] = json!(snapshot.in_place_since(agreement));
            value["problems"] = json!(snapshot.problems_of(&agreement.id));
            value
        })
        .collect();
    let document = json!({
        "name": registry.settings.name,
        "commit": snapshot.commit,
        "date": snapshot.date(),
        "mou": registry.mou.as_ref().map(|mou| serde_json::to_value(&mou.data).unwrap_or(Value::Null)),
        "organisations": organisations,
        "agreements": agreements,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    let _ = writeln!(text);
    text
}
