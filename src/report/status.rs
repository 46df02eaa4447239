//! `isg status`: every organisation's assurance and every agreement's state,
//! for people (a table), scripts (JSON) and pull requests (Markdown).

use crate::assessment::Assessment;
use crate::assessment::assurance::Level as Assurance;
use crate::assessment::awaiting::Awaiting;
use crate::date::Date;
use crate::registry::Registry;
use crate::signoff::{HistoryState, PartySignOff};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct Status {
    pub organisations: Vec<OrganisationStatus>,
    pub agreements: Vec<AgreementStatus>,
    /// `read`, or why sign-off could not be read from git history.
    pub history: String,
    /// Set by [`Status::overdue`]: only agreements waiting longer than
    /// this many days are shown.
    #[serde(skip)]
    overdue: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct OrganisationStatus {
    pub id: String,
    pub name: String,
    pub assurance: Assurance,
    /// Why it is not fully assured, in words.
    pub reasons: Vec<String>,
    pub expiring: Vec<Expiring>,
}

#[derive(Debug, Serialize)]
pub struct Expiring {
    pub what: String,
    pub date: Date,
}

#[derive(Debug, Serialize)]
pub struct AgreementStatus {
    pub id: String,
    pub title: String,
    pub status: String,
    pub tier: u8,
    pub parties: Vec<String>,
    pub review_due: Option<Date>,
    pub digest: String,
    /// Sign-offs of the current digest that count.
    pub signoffs: Vec<PartySignOff>,
    /// Parties whose signatory has not signed the current digest; `null`
    /// when the history could not be read.
    pub missing: Option<Vec<String>>,
    /// Who this version is waiting for, since when and for how many days
    /// (active and draft agreements).
    pub awaiting: Vec<Awaiting>,
    /// The day the last sign-off of a fully signed version was made.
    pub signed_off_on: Option<Date>,
    /// Reviews of the current version by controllers' DPOs that count.
    pub reviews: Vec<PartySignOff>,
    /// Controller parties whose DPO has not reviewed the current version;
    /// `null` when the history could not be read.
    pub review_missing: Option<Vec<String>>,
}

impl Status {
    pub fn new(registry: &Registry, today: Date, history: HistoryState) -> Status {
        let history_note = match history.why_not_read() {
            None => "read".to_owned(),
            Some(why) => format!("not read: {why}"),
        };
        let context = Assessment::new(registry, today, history);
        let organisations = registry
            .organisations
            .iter()
            .zip(context.assurances())
            .map(|(org, assurance)| OrganisationStatus {
                id: org.id.to_string(),
                name: org.name.to_string(),
                assurance: assurance.level,
                reasons: assurance
                    .reasons
                    .iter()
                    .map(|reason| reason.message.clone())
                    .collect(),
                expiring: assurance
                    .expiring
                    .iter()
                    .map(|item| Expiring {
                        what: item.what.clone(),
                        date: item.date,
                    })
                    .collect(),
            })
            .collect();
        let agreements = registry
            .agreements
            .iter()
            .map(|agreement| AgreementStatus {
                id: agreement.id.to_string(),
                title: agreement.title.to_string(),
                status: agreement.status.as_str().to_owned(),
                tier: agreement.tier,
                parties: agreement
                    .parties
                    .iter()
                    .map(|party| party.org.to_string())
                    .collect(),
                review_due: agreement.review_due,
                digest: agreement.digest.clone(),
                signoffs: context
                    .history
                    .of(&agreement.id)
                    .map(|state| state.signed.clone())
                    .unwrap_or_default(),
                missing: context.history.of(&agreement.id).map(|state| {
                    let unverified = state
                        .unverified
                        .iter()
                        .map(|(sign_off, _)| sign_off.org.clone());
                    state.missing.iter().cloned().chain(unverified).collect()
                }),
                awaiting: context.awaiting(agreement),
                signed_off_on: context
                    .history
                    .of(&agreement.id)
                    .and_then(|state| state.signed_off_on),
                reviews: context
                    .history
                    .of(&agreement.id)
                    .map(|state| state.reviews.clone())
                    .unwrap_or_default(),
                review_missing: context.history.of(&agreement.id).map(|state| {
                    let unverified = state.review_unverified.iter().map(|(r, _)| r.org.clone());
                    state
                        .review_missing
                        .iter()
                        .cloned()
                        .chain(unverified)
                        .collect()
                }),
            })
            .collect();
        Status {
            organisations,
            agreements,
            history: history_note,
            overdue: None,
        }
    }

    /// Only the agreements waiting longer than `days` for a sign-off, and
    /// no organisations: the list to chase.
    pub fn overdue(mut self, days: i64) -> Status {
        self.organisations.clear();
        for agreement in &mut self.agreements {
            agreement
                .awaiting
                .retain(|party| party.days.is_some_and(|waited| waited > days));
        }
        self.agreements
            .retain(|agreement| !agreement.awaiting.is_empty());
        self.overdue = Some(days);
        self
    }

    /// The heading of the agreements table.
    fn agreements_heading(&self) -> String {
        match self.overdue {
            None => format!("Agreements ({})", self.agreements.len()),
            Some(days) => format!(
                "Agreements waiting longer than {} for sign-off ({})",
                crate::text::plural(days.max(0) as usize, "day"),
                self.agreements.len()
            ),
        }
    }

    /// Every party waited for, longest first, with its agreement.
    fn chase_list(&self) -> Vec<(&AgreementStatus, &Awaiting)> {
        let mut list: Vec<(&AgreementStatus, &Awaiting)> = self
            .agreements
            .iter()
            .flat_map(|agreement| {
                agreement
                    .awaiting
                    .iter()
                    .map(move |party| (agreement, party))
            })
            .collect();
        list.sort_by(|(a, x), (b, y)| {
            crate::assessment::awaiting::longest_first(x, y).then_with(|| a.title.cmp(&b.title))
        });
        list
    }

    /// How long an agreement's version has waited: "12 days", "not
    /// committed", or nothing when it waits for no one.
    fn waiting(agreement: &AgreementStatus) -> String {
        match agreement.awaiting.first() {
            None => String::new(),
            Some(party) => match party.days {
                Some(days) => crate::text::plural(days.max(0) as usize, "day"),
                None => "not committed".to_owned(),
            },
        }
    }

    /// The cells of one row of the chase list.
    fn chase_row(agreement: &AgreementStatus, party: &Awaiting) -> Vec<String> {
        let signatory = match (&party.name, &party.role) {
            (Some(name), Some(role)) => format!("{name} ({role})"),
            (Some(name), None) => name.clone(),
            _ => party.officer.clone(),
        };
        vec![
            party
                .days
                .map_or_else(|| "-".to_owned(), |days| days.to_string()),
            party
                .since
                .map_or_else(|| "not committed".to_owned(), |date| date.to_string()),
            agreement.title.clone(),
            party.organisation.clone(),
            signatory,
            party.email.clone().unwrap_or_default(),
        ]
    }

    const CHASE_HEADERS: [&'static str; 6] = [
        "Days",
        "Since",
        "Agreement",
        "Organisation",
        "Signatory",
        "Email",
    ];

    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The reasons and expiries of an organisation, in one cell.
    fn notes(org: &OrganisationStatus) -> String {
        let expiring = org
            .expiring
            .iter()
            .map(|item| format!("{} expires {}", item.what, item.date));
        org.reasons
            .iter()
            .cloned()
            .chain(expiring)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// "3 of 5" parties signed ("3 of 5 (1 on paper)" when some were
    /// transcribed), or "?" when the history was not read.
    fn signed(agreement: &AgreementStatus) -> String {
        let Some(missing) = &agreement.missing else {
            return "?".to_owned();
        };
        // Parties that sign: those signed plus those awaited (processors
        // without a signatory sign nothing).
        let signed = agreement.signoffs.len();
        let on_paper = agreement
            .signoffs
            .iter()
            .filter(|s| s.level == crate::model::SignoffLevel::Transcribed)
            .count();
        let total = signed + missing.len();
        match on_paper {
            0 => format!("{signed} of {total}"),
            _ => format!("{signed} of {total} ({on_paper} on paper)"),
        }
    }

    /// "1 of 2" controllers' DPOs reviewed, or "?" when the history was
    /// not read.
    fn reviewed(agreement: &AgreementStatus) -> String {
        match &agreement.review_missing {
            Some(missing) => format!(
                "{} of {}",
                agreement.reviews.len(),
                agreement.reviews.len() + missing.len()
            ),
            None => "?".to_owned(),
        }
    }

    /// `sha256:` and the first twelve hex digits: enough to tell versions apart.
    fn short_digest(agreement: &AgreementStatus) -> &str {
        &agreement.digest[..agreement.digest.len().min(19)]
    }

    fn awaiting(agreement: &AgreementStatus) -> String {
        agreement
            .missing
            .as_ref()
            .map(|missing| missing.join(", "))
            .unwrap_or_default()
    }

    fn review(agreement: &AgreementStatus) -> String {
        agreement
            .review_due
            .map_or_else(|| "none".to_owned(), |date| date.to_string())
    }

    /// Readable tables for the terminal.
    pub fn human(&self) -> String {
        let mut out = String::new();
        if self.overdue.is_none() {
            let _ = writeln!(out, "Organisations ({})\n", self.organisations.len());
            let rows: Vec<Vec<String>> = self
                .organisations
                .iter()
                .map(|org| {
                    vec![
                        org.assurance.as_str().to_owned(),
                        org.name.clone(),
                        Self::notes(org),
                    ]
                })
                .collect();
            out.push_str(&table(
                &["Assurance", "Organisation", "Reasons and expiring"],
                &rows,
            ));
            out.push('\n');
        }
        let _ = writeln!(out, "{}\n", self.agreements_heading());
        let rows: Vec<Vec<String>> = self
            .agreements
            .iter()
            .map(|agreement| {
                vec![
                    agreement.status.clone(),
                    agreement.tier.to_string(),
                    Self::review(agreement),
                    Self::reviewed(agreement),
                    Self::signed(agreement),
                    Self::waiting(agreement),
                    Self::short_digest(agreement).to_owned(),
                    agreement.title.clone(),
                    Self::awaiting(agreement),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                "Status",
                "Tier",
                "Review due",
                "DPO review",
                "Signed",
                "Waiting",
                "Digest",
                "Agreement",
                "Awaiting sign-off",
            ],
            &rows,
        ));
        let chase = self.chase_list();
        if !chase.is_empty() {
            let _ = writeln!(
                out,
                "\nWaiting for sign-off ({}), longest first\n",
                chase.len()
            );
            let rows: Vec<Vec<String>> = chase
                .iter()
                .map(|(agreement, party)| Self::chase_row(agreement, party))
                .collect();
            out.push_str(&table(&Self::CHASE_HEADERS, &rows));
        }
        if self.history != "read" {
            let _ = writeln!(out, "\nSign-off {}.", self.history);
        }
        out
    }

    /// Markdown tables, for a pull request or a job summary.
    pub fn markdown(&self) -> String {
        // A cell is one line of text: hidden characters are shown by their
        // code points, and a `|` would end the cell.
        let cell = |text: &str| crate::text::visible(text).replace('|', "\\|");
        let mut out = String::new();
        if self.overdue.is_none() {
            out.push_str(
                "## Organisations\n\n| Organisation | Assurance | Reasons and expiring |\n| --- | --- | --- |\n",
            );
            for org in &self.organisations {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    cell(&org.name),
                    org.assurance.as_str(),
                    cell(&Self::notes(org))
                );
            }
            out.push('\n');
        }
        let _ = write!(out, "## {}\n\n", self.agreements_heading());
        out.push_str("| Agreement | Status | Tier | Review due | DPO review | Signed | Waiting | Awaiting sign-off | Digest |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for agreement in &self.agreements {
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} | {} | {} | {} | {} | {} | `{}` |",
                cell(&agreement.title),
                agreement.id,
                agreement.status,
                agreement.tier,
                Self::review(agreement),
                Self::reviewed(agreement),
                Self::signed(agreement),
                Self::waiting(agreement),
                cell(&Self::awaiting(agreement)),
                Self::short_digest(agreement)
            );
        }
        let chase = self.chase_list();
        if !chase.is_empty() {
            let _ = writeln!(
                out,
                "\n## Waiting for sign-off, longest first\n\n| {} |\n|{}",
                Self::CHASE_HEADERS.join(" | "),
                " --- |".repeat(Self::CHASE_HEADERS.len())
            );
            for (agreement, party) in chase {
                let cells: Vec<String> = Self::chase_row(agreement, party)
                    .iter()
                    .map(|text| cell(text))
                    .collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        if self.history != "read" {
            let _ = writeln!(out, "\nSign-off {}.", self.history);
        }
        out
    }
}

/// Left-aligned columns two spaces apart; the last column is not padded.
fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    // Hidden characters are shown by their code points: a carriage return
    // or a bidirectional control in a name must not rewrite the terminal.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| crate::text::visible(cell).into_owned())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, value) in row.iter().enumerate() {
            widths[i] = widths[i].max(value.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::from("  ");
        for (i, value) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                text.push_str(value);
            } else {
                text.push_str(value);
                text.push_str(&" ".repeat(widths[i] - value.chars().count() + 2));
            }
        }
        text.trim_end().to_owned() + "\n"
    };
    let mut out = line(headers.to_vec());
    for row in &rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}
