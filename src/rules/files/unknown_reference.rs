//! `unknown-reference`: an id that leads nowhere.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::{Record, Registry};
use crate::rules::{
    Check, RuleInfo, officer_id_written_wrongly, officers_absent, written_as_words_for,
};
use crate::text::suggest::did_you_mean;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("unknown-reference", Family::Files, Level::Error),
    summary: "An id refers to an organisation, officer, agreement or flow that does not exist.",
    checks: "Every reference by id: the officer who signed an organisation's MoU (`mou.signed_by`); an agreement's `parent`, `lead`, parties' `org`; each flow's `from`, `to`, `source` (`<agreement>/<flow>`) and `originator_permission`; each risk's `owner` and `accepted_by` (`<organisation>/<officer>`). A close match is suggested, or for an organisation the one whose initials were written (`NWAS` for north-west-ambulance-service); a `schema` finding that such a reference is not written as an id is then left out, as the same mistake. A reference whose closest match is an officer whose own id is written wrongly, and one written as words that names a record once written as an id (`North Trust` for `north-trust`), are reported by `schema` alone, which shows the id to write. (A party's `signatory` is checked by `signatory-invalid`, an organisation's `sponsor` by `sponsor-invalid`.)",
    why: "A reference that leads nowhere means a partner, signatory or data flow the agreement depends on is not on record, so its assurance cannot be checked.",
    example: "parties:\n  - org: blackpool-counsil   # no organisations/blackpool-counsil.yaml\n    role: controller",
    fix: "Correct the spelling (the help line suggests the closest id), or add the missing organisation or agreement to the registry.",
    check: Check::RegistryAndEachAgreement(check, check_agreement),
};

/// The organisations' references.
fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    for org in &registry.organisations {
        if let Some(mou) = &org.mou
            && org.officer(&mou.signed_by).is_none()
            && !officer_id_written_wrongly(org, &mou.signed_by)
            && !written_as_words_for(&mou.signed_by, |id| org.officer(id).is_some())
        {
            let officers = org.officers.iter().map(|o| o.id.as_str());
            out.push(officers_absent(
                org,
                Diagnostic::new(
                    &RULE,
                    &org.file,
                    Location::Value("/mou/signed_by".into()),
                    format!(
                        "The MoU was signed by `{}`, who is not listed under officers of {}.",
                        mou.signed_by, org.name
                    ),
                )
                .with_help(suggestion(
                    did_you_mean(&mou.signed_by, officers),
                    "the officer under `officers`",
                )),
            ));
        }
    }
}

/// A reference to an organisation that is not in the registry. Places are
/// built only for a finding.
fn missing_org(
    registry: &Registry,
    file: &str,
    place: &dyn Fn() -> String,
    id: &str,
    role: &str,
) -> Option<Diagnostic> {
    if registry.knows_organisation(id)
        || written_as_words_for(id, |id| registry.knows_organisation(id))
    {
        return None;
    }
    Some(
        Diagnostic::new(
            &RULE,
            file,
            Location::Value(place()),
            format!("The {role} `{id}` is not an organisation in this registry."),
        )
        .with_help(suggestion(
            registry.closest_organisation(id),
            // The file is named after the id the reference is written as.
            &format!(
                "organisations/{}.yaml",
                crate::schema::as_id(id).as_deref().unwrap_or(id)
            ),
        )),
    )
}

/// An agreement's references.
fn check_agreement(
    context: &Assessment<'_>,
    agreement: &Record<Agreement>,
    out: &mut Vec<Diagnostic>,
) {
    let registry = context.registry;
    let file = agreement.file.as_str();
    if let Some(parent) = &agreement.parent
        && !registry.knows_agreement(parent)
        && !written_as_words_for(parent, |id| registry.knows_agreement(id))
    {
        let ids = registry.agreements.iter().map(|a| a.id.as_str());
        out.push(
            Diagnostic::new(
                &RULE,
                file,
                Location::Value("/parent".into()),
                format!("The parent agreement `{parent}` is not in this registry."),
            )
            .with_help(suggestion(
                did_you_mean(parent, ids),
                &format!("agreements/{parent}/agreement.yaml"),
            )),
        );
    }
    // The finding for an organisation this agreement names, if it is missing.
    let check_org = |place: &dyn Fn() -> String, id: &str, role: &str| {
        missing_org(registry, file, place, id, role)
    };
    if let Some(lead) = &agreement.lead {
        out.extend(check_org(&|| "/lead".into(), lead, "lead organisation"));
    }
    for (i, party) in agreement.parties.iter().enumerate() {
        out.extend(check_org(
            &|| pointer!("parties", i, "org"),
            &party.org,
            "party",
        ));
    }
    for (f, flow) in agreement.flows.iter().enumerate() {
        out.extend(check_org(
            &|| pointer!("flows", f, "from"),
            &flow.from,
            "sender",
        ));
        for (t, to) in flow.to.iter().enumerate() {
            out.extend(check_org(
                &|| pointer!("flows", f, "to", t),
                to,
                "recipient",
            ));
        }
        if let Some(source) = &flow.source {
            out.extend(check_source(
                registry,
                file,
                &|| pointer!("flows", f, "source"),
                source,
            ));
        }
        if let Some(permission) = &flow.originator_permission {
            let reference = OfficerReference {
                org_place: &|| pointer!("flows", f, "originator_permission", "organisation"),
                officer_place: &|| pointer!("flows", f, "originator_permission", "by"),
                org_role: "originating organisation",
                officer_role: "officer who gave permission",
            };
            out.extend(check_officer(
                registry,
                file,
                &reference,
                &permission.organisation,
                &permission.by,
            ));
        }
        for (r, risk) in flow.risks.iter().enumerate() {
            for (field, value, officer_role, org_role) in [
                (
                    "owner",
                    &risk.owner,
                    "risk owner",
                    "risk owner's organisation",
                ),
                (
                    "accepted_by",
                    &risk.accepted_by,
                    "officer accepting the risk",
                    "organisation of the officer accepting the risk",
                ),
            ] {
                if let Some((org, officer)) = value.as_deref().and_then(|v| v.split_once('/')) {
                    let place = || pointer!("flows", f, "risks", r, field);
                    let reference = OfficerReference {
                        org_place: &place,
                        officer_place: &place,
                        org_role,
                        officer_role,
                    };
                    out.extend(check_officer(registry, file, &reference, org, officer));
                }
            }
        }
    }
}

/// What a risk's `owner` or `accepted_by` written as the officer alone
/// (`gareth-lloyd`, `Gareth Lloyd`) stands for, as `<organisation>/<officer>`
/// with the officer's and the organisation's names: the one officer of the
/// agreement's parties whose id or name it is. `schema` reports the value,
/// since the format asks for both ids; this says which to write.
pub fn officer_written_alone<'r>(
    registry: &'r Registry,
    agreement: &Agreement,
    written: &str,
) -> Option<(String, &'r str, &'r str)> {
    let written = written.trim();
    let as_id = crate::schema::as_id(written);
    let mut meant = agreement
        .parties
        .iter()
        .filter_map(|party| registry.organisation(&party.org))
        .flat_map(|organisation| {
            organisation
                .officers
                .iter()
                .map(move |officer| (organisation, officer))
        })
        .filter(|(_, officer)| {
            officer.id == written
                || as_id.as_deref() == Some(officer.id.as_str())
                || officer.name.eq_ignore_ascii_case(written)
        });
    match (meant.next(), meant.next()) {
        (Some((organisation, officer)), None) => Some((
            format!("{}/{}", organisation.id, officer.id),
            officer.name.as_str(),
            organisation.name.as_str(),
        )),
        _ => None,
    }
}

/// Where an officer is named with their organisation, and in what role.
struct OfficerReference<'r> {
    org_place: &'r dyn Fn() -> String,
    officer_place: &'r dyn Fn() -> String,
    /// The organisation's role, for a message that it is missing.
    org_role: &'r str,
    /// The officer's role, for a message that they are not listed.
    officer_role: &'r str,
}

/// An officer named with their organisation: the organisation must be in
/// the registry and list the officer. One lookup finds both.
fn check_officer(
    registry: &Registry,
    file: &str,
    reference: &OfficerReference<'_>,
    org: &str,
    officer: &str,
) -> Option<Diagnostic> {
    let Some(organisation) = registry.organisation(org) else {
        // An organisation whose file did not load is reported in that file.
        return missing_org(registry, file, reference.org_place, org, reference.org_role);
    };
    if organisation.officer(officer).is_some()
        || officer_id_written_wrongly(organisation, officer)
        || written_as_words_for(officer, |id| organisation.officer(id).is_some())
    {
        return None;
    }
    let what = reference.officer_role;
    Some(officers_absent(
        organisation,
        Diagnostic::new(
            &RULE,
            file,
            Location::Value((reference.officer_place)()),
            format!(
                "The {what} `{officer}` is not an officer of {}.",
                organisation.name
            ),
        )
        .with_help(suggestion(
            did_you_mean(officer, organisation.officers.iter().map(|o| o.id.as_str())),
            &format!("the officer to {}", organisation.file),
        )),
    ))
}

/// A flow's `source`: `<agreement>/<flow>`.
fn check_source(
    registry: &Registry,
    file: &str,
    place: &dyn Fn() -> String,
    source: &str,
) -> Option<Diagnostic> {
    let (agreement_id, flow_id) = source.split_once('/')?;
    if written_as_words_for(agreement_id, |id| registry.knows_agreement(id)) {
        return None;
    }
    if !registry.knows_agreement(agreement_id) {
        let ids = registry.agreements.iter().map(|a| a.id.as_str());
        return Some(
            Diagnostic::new(
                &RULE,
                file,
                Location::Value(place()),
                format!("The source flow's agreement `{agreement_id}` is not in this registry."),
            )
            .with_help(suggestion(
                did_you_mean(agreement_id, ids),
                &format!("agreements/{agreement_id}/agreement.yaml"),
            )),
        );
    }
    let agreement = registry.agreement(agreement_id)?;
    if agreement.flow(flow_id).is_some() {
        return None;
    }
    Some(
        Diagnostic::new(
            &RULE,
            file,
            Location::Value(place()),
            format!("The agreement `{agreement_id}` has no flow `{flow_id}`."),
        )
        .with_help(suggestion(
            did_you_mean(flow_id, agreement.flows.iter().map(|f| f.id.as_str())),
            &format!("the flow to {}", agreement.file),
        )),
    )
}

fn suggestion(close: Option<&str>, otherwise_add: &str) -> String {
    match close {
        Some(close) => format!("Did you mean `{close}`?"),
        None => format!("Check the spelling, or add {otherwise_add}."),
    }
}
