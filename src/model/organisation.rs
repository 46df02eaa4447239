//! `organisations/<id>.yaml`: a partner and the assurance it offers.

use super::Text;
use super::kebab_enum;
use crate::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Organisation {
    pub id: Text,
    pub name: Text,
    pub kind: OrganisationKind,
    pub public_authority: Option<bool>,
    #[serde(default = "default_country")]
    pub country: Text,
    pub ods_code: Option<Text>,
    pub sponsor: Option<Text>,
    pub ico_registration: Option<IcoRegistration>,
    pub dspt: Option<Dspt>,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    pub mou: Option<MouSignature>,
    pub training: Option<Training>,
    #[serde(default)]
    pub contacts: Contacts,
    #[serde(default)]
    pub officers: Vec<Officer>,
}

pub(crate) fn default_country() -> Text {
    Text::const_new("GB")
}

impl Organisation {
    /// Whether UK GDPR treats it as a public authority: always for the
    /// kinds that are by law, otherwise as stated or following from its
    /// kind.
    pub fn is_public_authority(&self) -> bool {
        self.kind.is_public_by_law()
            || self
                .public_authority
                .unwrap_or_else(|| self.kind.is_public_by_default())
    }

    pub fn officer(&self, id: &str) -> Option<&Officer> {
        self.officers.iter().find(|officer| officer.id == id)
    }
}

kebab_enum!(OrganisationKind {
    NhsTrust = "nhs-trust" => "NHS trust",
    GpPractice = "gp-practice" => "GP practice",
    Icb = "icb" => "integrated care board",
    AmbulanceService = "ambulance-service" => "ambulance service",
    LocalAuthority = "local-authority" => "local authority",
    Police = "police" => "police force",
    FireAndRescue = "fire-and-rescue" => "fire and rescue service",
    Education = "education" => "education provider",
    SocialCareProvider = "social-care-provider" => "social care provider",
    VoluntarySector = "voluntary-sector" => "voluntary sector organisation",
    Housing = "housing" => "housing provider",
    PrivateSector = "private-sector" => "private sector organisation",
    Government = "government" => "government body",
    Other = "other" => "other organisation",
});

impl OrganisationKind {
    /// Kinds that are public authorities under UK GDPR unless the record
    /// says otherwise: those that are by law, and schools and colleges,
    /// which mostly are (an independent school is not).
    pub fn is_public_by_default(self) -> bool {
        self.is_public_by_law() || self == OrganisationKind::Education
    }

    /// Kinds that are public authorities whatever the record says: the Data
    /// Protection Act 2018 (section 7) takes them from the FOI Act 2000
    /// (Schedule 1). GP practices are listed there for their NHS work.
    pub fn is_public_by_law(self) -> bool {
        use OrganisationKind::*;
        matches!(
            self,
            NhsTrust
                | GpPractice
                | Icb
                | AmbulanceService
                | LocalAuthority
                | Police
                | FireAndRescue
                | Government
        )
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct IcoRegistration {
    pub number: Option<Text>,
    pub expires: Option<Date>,
    pub exempt: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Dspt {
    pub status: DsptStatus,
    pub year: Option<Text>,
    pub published: Option<Date>,
}

kebab_enum!(
    /// DSPT outcomes, best first.
    DsptStatus {
        StandardsExceeded = "standards-exceeded" => "Standards Exceeded",
        StandardsMet = "standards-met" => "Standards Met",
        ApproachingStandards = "approaching-standards" => "Approaching Standards",
        StandardsNotMet = "standards-not-met" => "Standards Not Met",
        NotPublished = "not-published" => "Not Published",
        NotApplicable = "not-applicable" => "Not Applicable",
    }
);

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Certification {
    pub scheme: CertificationScheme,
    pub reference: Option<Text>,
    pub expires: Option<Date>,
    pub name: Option<Text>,
}

kebab_enum!(CertificationScheme {
    Iso27001 = "iso-27001" => "ISO/IEC 27001",
    CyberEssentials = "cyber-essentials" => "Cyber Essentials",
    CyberEssentialsPlus = "cyber-essentials-plus" => "Cyber Essentials Plus",
    Psn = "psn" => "PSN compliance",
    Other = "other" => "other certification",
});

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct MouSignature {
    pub version: u32,
    pub signed: Date,
    pub signed_by: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Training {
    pub attested: Date,
    pub compliance_percent: Option<f64>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Contacts {
    pub breach: Option<Text>,
    pub requests: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Officer {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub roles: Vec<OfficerRole>,
    pub email: Option<Text>,
    #[serde(default)]
    pub signing_keys: Vec<Text>,
}

impl Officer {
    /// Caldicott Guardians, SIROs and senior officers may sign agreements.
    pub fn can_sign(&self) -> bool {
        self.roles.iter().any(|role| role.may_sign())
    }

    /// Administrators and IG leads may transcribe sign-offs given on paper
    /// for the agreements their organisation leads.
    pub fn may_transcribe(&self) -> bool {
        self.has_role(OfficerRole::Administrator) || self.has_role(OfficerRole::IgLead)
    }

    pub fn has_role(&self, role: OfficerRole) -> bool {
        self.roles.contains(&role)
    }
}

impl OfficerRole {
    /// Whether an officer with this role may sign agreements.
    pub fn may_sign(self) -> bool {
        matches!(
            self,
            OfficerRole::CaldicottGuardian | OfficerRole::Siro | OfficerRole::SeniorOfficer
        )
    }
}

kebab_enum!(OfficerRole {
    CaldicottGuardian = "caldicott-guardian" => "Caldicott Guardian",
    Siro = "siro" => "Senior Information Risk Owner",
    Dpo = "dpo" => "Data Protection Officer",
    IgLead = "ig-lead" => "IG lead",
    SeniorOfficer = "senior-officer" => "senior officer",
    Administrator = "administrator" => "administrator",
});
