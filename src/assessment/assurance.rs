//! An organisation's assurance level, its reasons and what is about to
//! expire: computed here once and used by the rules, `isg status` and the
//! documents.
//!
//! - `assured`: ICO registration current (or exempt); DSPT at or above the
//!   registry's minimum for the current or previous cycle (or not
//!   applicable); the current MoU signed; an accountable officer (Caldicott
//!   Guardian or SIRO) and, for public authorities, a DPO named; a breach
//!   contact; staff training attested within 365 days.
//! - `partial`: the first three hold, some of the rest do not.
//! - `unassured`: any of the first three fails.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{DsptStatus, Mou, OfficerRole, Organisation, Policy};
use crate::registry::Record;
use serde::Serialize;

/// How long a staff training attestation counts, in days.
pub const TRAINING_VALID_DAYS: i64 = 365;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Assured,
    Partial,
    Unassured,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Assured => "assured",
            Level::Partial => "partial",
            Level::Unassured => "unassured",
        }
    }
}

/// What assurance asks of an organisation, one requirement at a time. The
/// rule table says which rule reports each (`rules/organisations/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// An ICO registration, or an exemption, is recorded.
    IcoRegistration,
    /// The ICO registration has not expired.
    IcoRegistrationCurrent,
    /// The DSPT outcome is at or above the registry's minimum.
    DsptStandard,
    /// The DSPT outcome is for the current or the previous cycle.
    DsptCurrent,
    /// The current MoU version is signed.
    MouSigned,
    /// A Caldicott Guardian or SIRO is named.
    AccountableOfficer,
    /// A public authority names its DPO.
    Dpo,
    /// A contact for reporting breaches is given.
    BreachContact,
    /// Staff training was attested within the last year.
    Training,
}

/// Why an organisation is not fully assured: one failed requirement.
#[derive(Clone, Debug)]
pub struct Reason {
    pub requirement: Requirement,
    /// JSON pointer to the field concerned (or the mapping that lacks it).
    pub pointer: String,
    pub message: String,
    pub help: String,
    /// One of the first three requirements (ICO, DSPT, MoU).
    pub core: bool,
    /// The fields whose absence the reason rests on, besides `pointer`
    /// itself: "no accountable officer" rests on the `roles` of officers
    /// who have none, since one whose `role:` is misspelt may be the one.
    pub rests_on: Vec<String>,
}

impl Assurance {
    /// Marks a finding made elsewhere because this organisation is
    /// unassured (a party's lapsed assurance, a sponsor's) as resting on
    /// the reasons for that, in the organisation's `file`: when those are
    /// only fields the file misspelt, the misspelling is reported there
    /// instead (see [`crate::diagnostic::Absence`]).
    pub fn because_unassured(&self, file: &str, finding: Diagnostic) -> Diagnostic {
        self.reasons
            .iter()
            .filter(|reason| reason.core)
            .fold(finding, |finding, reason| {
                finding.because_absent(file, reason.pointer.as_str())
            })
    }
}

/// Something that expires within the registry's warning window.
#[derive(Clone, Debug, Serialize)]
pub struct Expiring {
    pub what: String,
    pub date: Date,
    #[serde(skip)]
    pub pointer: String,
    /// What to do before then.
    #[serde(skip)]
    pub renew: String,
}

/// What to do about a registration or certificate that is about to expire.
const RENEW: &str = "Renew it before then and record the new expiry date.";

#[derive(Clone, Debug)]
pub struct Assurance {
    pub level: Level,
    pub reasons: Vec<Reason>,
    pub expiring: Vec<Expiring>,
}

/// The first year of the DSPT cycle in progress on `today`: cycles run from
/// 1 July, and a cycle's assessment is due by 30 June at its end.
pub fn dspt_cycle(today: Date) -> i32 {
    let (year, month, _) = today.ymd();
    if month >= 7 { year } else { year - 1 }
}

/// The first year of a DSPT cycle written `2025-26`; `None` for anything
/// else (which `schema` reports), so that no rule reasons from a year it
/// cannot read.
pub fn dspt_year_start(year: &str) -> Option<i32> {
    let (first, second) = year.split_once('-')?;
    let digits = |part: &str, count: usize| {
        part.len() == count && part.bytes().all(|byte| byte.is_ascii_digit())
    };
    (digits(first, 4) && digits(second, 2))
        .then(|| first.parse().ok())
        .flatten()
}

fn dspt_rank(status: DsptStatus) -> u8 {
    match status {
        DsptStatus::StandardsExceeded => 0,
        DsptStatus::StandardsMet => 1,
        DsptStatus::ApproachingStandards => 2,
        DsptStatus::StandardsNotMet => 3,
        DsptStatus::NotPublished | DsptStatus::NotApplicable => 4,
    }
}

/// Assesses one organisation on `today`.
pub fn assess(
    org: &Record<Organisation>,
    mou: Option<&Mou>,
    policy: &Policy,
    today: Date,
) -> Assurance {
    let name = org.name.as_str();
    let mut reasons = Vec::new();
    let mut expiring = Vec::new();
    let warn_until = today.add_days(i64::from(policy.review_warning_days));
    let mut reason =
        |requirement: Requirement, pointer: &str, core: bool, message: String, help: String| {
            reasons.push(Reason {
                requirement,
                pointer: pointer.to_owned(),
                message,
                help,
                core,
                rests_on: Vec::new(),
            });
        };

    // ICO registration.
    match &org.ico_registration {
        None => reason(
            Requirement::IcoRegistration,
            "/ico_registration",
            true,
            format!("{name} has no ICO registration recorded."),
            "Add `ico_registration:` with the `number` and `expires` date from the ICO register, or `exempt:` with the reason the organisation need not pay the data protection fee.".into(),
        ),
        Some(ico) if ico.exempt.is_none() => {
            if let Some(expires) = ico.expires {
                if expires < today {
                    reason(
                        Requirement::IcoRegistrationCurrent,
                        "/ico_registration/expires",
                        true,
                        format!("{name}'s ICO registration{} expired on {expires}.", ico.number.as_deref().map(|n| format!(" {n}")).unwrap_or_default()),
                        "Renew the data protection fee with the ICO, then record the new expiry date under `ico_registration`.".into(),
                    );
                } else if expires <= warn_until {
                    expiring.push(Expiring { what: "ICO registration".into(), date: expires, pointer: "/ico_registration/expires".into(), renew: RENEW.into() });
                }
            }
        }
        Some(_) => {}
    }

    // DSPT.
    match &org.dspt {
        None => reason(
            Requirement::DsptStandard,
            "/dspt",
            true,
            format!("{name} has no Data Security and Protection Toolkit outcome recorded."),
            "Add `dspt:` with the latest published `status`, `year` and `published` date, or `status: not-applicable` if the organisation does not handle NHS patient data.".into(),
        ),
        Some(dspt) if dspt.status == DsptStatus::NotApplicable => {}
        Some(dspt) => {
            let year = dspt.year.as_deref().unwrap_or("the latest cycle");
            if dspt.status == DsptStatus::NotPublished {
                reason(
                    Requirement::DsptStandard,
                    "/dspt/status",
                    true,
                    format!("{name} has not published a DSPT assessment; the MoU asks for at least {}.", policy.dspt_minimum.label()),
                    "Publish the organisation's DSPT assessment, then record its outcome, year and date.".into(),
                );
            } else if dspt_rank(dspt.status) > dspt_rank(policy.dspt_minimum) {
                reason(
                    Requirement::DsptStandard,
                    "/dspt/status",
                    true,
                    format!("{name}'s DSPT outcome for {year} is {}; the MoU asks for at least {}.", dspt.status.label(), policy.dspt_minimum.label()),
                    "Share with partners the organisation's improvement plan to reach the standard, and record the new outcome once it is published.".into(),
                );
            }
            let current = dspt_cycle(today);
            if let Some(start) = dspt.year.as_deref().and_then(dspt_year_start)
                && start < current - 1
            {
                reason(
                    Requirement::DsptCurrent,
                    "/dspt/year",
                    true,
                    format!(
                        "{name}'s latest DSPT outcome is for {year}; on {today} it should be for {}-{:02} or later.",
                        current - 1,
                        current % 100
                    ),
                    format!("Record the outcome of the {}-{:02} assessment (due by 30 June {current}).", current - 1, current % 100),
                );
            }
        }
    }

    // The MoU in force. A new version published ahead of its `effective`
    // date leaves the version before it in force until then, so members
    // have until that day to sign the new one; in the warning window a
    // signature of the old version is shown as expiring.
    if let Some(mou) = mou {
        let pending = today < mou.effective && mou.version > 1;
        let in_force = if pending {
            mou.version - 1
        } else {
            mou.version
        };
        let (current, sign) = if pending {
            (
                format!(
                    "the version in force is {in_force}, until version {} takes effect on {}",
                    mou.version, mou.effective
                ),
                format!(
                    "Ask {name}'s accountable officer to sign version {} of the MoU (in force from {}), then record the version, date and signatory under `mou`.",
                    mou.version, mou.effective
                ),
            )
        } else {
            (
                format!("the current version is {in_force}"),
                format!(
                    "Ask {name}'s accountable officer to sign version {in_force} of the MoU, then record the version, date and signatory under `mou`."
                ),
            )
        };
        match &org.mou {
            Some(signed) if signed.version == mou.version => {}
            Some(signed) if signed.version == in_force => {
                if mou.effective <= warn_until {
                    expiring.push(Expiring {
                        what: format!("signature of MoU version {in_force}"),
                        date: mou.effective,
                        pointer: "/mou/version".into(),
                        renew: format!("Version {} of the MoU takes effect then. {sign}", mou.version),
                    });
                }
            }
            Some(signed) => reason(
                Requirement::MouSigned,
                "/mou/version",
                true,
                format!("{name} signed version {} of the MoU; {current}.", signed.version),
                sign,
            ),
            None => reason(
                Requirement::MouSigned,
                "/mou",
                true,
                format!("{name} has not signed the Memorandum of Understanding (version {}).", if pending { mou.version } else { in_force }),
                "Record the signature under `mou:` with the `version`, the date `signed` and the officer who `signed_by`.".into(),
            ),
        }
    }

    // Officers, contacts, training.
    let has = |role: OfficerRole| org.officers.iter().any(|officer| officer.has_role(role));
    if !has(OfficerRole::CaldicottGuardian) && !has(OfficerRole::Siro) {
        reason(
            Requirement::AccountableOfficer,
            "/officers",
            false,
            format!("{name} names no accountable officer (a Caldicott Guardian or a SIRO)."),
            "Add the officer under `officers` with `roles: [caldicott-guardian]` or `roles: [siro]`.".into(),
        );
    }
    if org.is_public_authority() && !has(OfficerRole::Dpo) {
        reason(
            Requirement::Dpo,
            "/officers",
            false,
            format!("{name} is a public authority but names no Data Protection Officer."),
            if org.kind.is_public_by_law() {
                "Add the DPO under `officers` with `roles: [dpo]` (UK GDPR Article 37).".into()
            } else {
                "Add the DPO under `officers` with `roles: [dpo]` (UK GDPR Article 37). If the organisation is not a public authority, say `public_authority: false`.".into()
            },
        );
    }
    if org.contacts.breach.is_none() {
        reason(
            Requirement::BreachContact,
            "/contacts/breach",
            false,
            format!("{name} gives no contact for reporting breaches."),
            "Add `contacts:` with `breach:` and the email address partners should use to report a breach, vulnerability or threat.".into(),
        );
    }
    match &org.training {
        None => reason(
            Requirement::Training,
            "/training",
            false,
            format!("{name} has no staff training attestation recorded."),
            "Add `training:` with the date staff IG training was last `attested`.".into(),
        ),
        Some(training) if training.attested.days_until(today) > TRAINING_VALID_DAYS => reason(
            Requirement::Training,
            "/training/attested",
            false,
            format!(
                "{name}'s staff training was last attested on {}, more than a year before {today}.",
                training.attested
            ),
            "Record this year's staff IG training return under `training` (the DSPT expects it every year).".into(),
        ),
        Some(_) => {}
    }

    for (i, certificate) in org.certifications.iter().enumerate() {
        if let Some(expires) = certificate.expires
            && expires >= today
            && expires <= warn_until
        {
            let what = certificate
                .name
                .as_deref()
                .unwrap_or_else(|| certificate.scheme.label())
                .to_owned();
            expiring.push(Expiring {
                what: format!("{what} certificate"),
                date: expires,
                pointer: format!("/certifications/{i}/expires"),
                renew: RENEW.into(),
            });
        }
    }

    // A role no officer has rests on the officers without roles: one whose
    // `role:` is misspelt may be the one who has it.
    for reason in reasons.iter_mut().filter(|r| r.pointer == "/officers") {
        reason.rests_on = (org.officers.iter().enumerate())
            .filter(|(_, officer)| officer.roles.is_empty())
            .map(|(i, _)| format!("/officers/{i}/roles"))
            .collect();
    }

    let level = if reasons.iter().any(|r| r.core) {
        Level::Unassured
    } else if reasons.is_empty() {
        Level::Assured
    } else {
        Level::Partial
    };
    Assurance {
        level,
        reasons,
        expiring,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dspt_cycles_turn_over_on_1_july() {
        let date = |text| Date::parse(text).unwrap();
        assert_eq!(dspt_cycle(date("2026-06-30")), 2025);
        assert_eq!(dspt_cycle(date("2026-07-01")), 2026);
        assert_eq!(dspt_year_start("2025-26"), Some(2025));
        for unreadable in [
            "-2025-26",
            "2025",
            "25-26",
            "2025-2026",
            "202a-26",
            "2025-2x",
            "",
        ] {
            assert_eq!(dspt_year_start(unreadable), None, "{unreadable:?}");
        }
    }
}
