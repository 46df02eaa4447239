//! `agreements/<id>/agreement.yaml`: who shares what, why, how, and the
//! risks of each flow.

use super::Text;
use super::kebab_enum;
use crate::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Agreement {
    pub id: Text,
    pub title: Text,
    pub tier: u8,
    pub parent: Option<Text>,
    pub status: AgreementStatus,
    pub lead: Option<Text>,
    #[serde(default)]
    pub parties: Vec<Party>,
    #[serde(default)]
    pub purposes: Vec<Purpose>,
    pub purpose: Option<Text>,
    pub benefits: Option<Text>,
    pub lawful_basis: Option<LawfulBasis>,
    #[serde(default)]
    pub processing: Vec<ProcessingMarker>,
    pub dpia: Option<Dpia>,
    pub privacy_notice: Option<Text>,
    pub individual_rights: Option<Text>,
    pub effective: Option<Date>,
    pub review_due: Option<Date>,
    pub expires: Option<Date>,
    #[serde(default)]
    pub flows: Vec<Flow>,
    /// The narrative body from `agreement.md`, when there is one.
    #[serde(skip)]
    pub narrative: Option<String>,
    /// `sha256:<hex>` of the canonical content (see `model::digest`).
    #[serde(skip)]
    pub digest: String,
    /// Git's ids of the two files as read (`agreement.yaml`, and
    /// `agreement.md` if there is one), when the registry was read to be
    /// matched against history: a committed version with the same ids has
    /// the same digest.
    #[serde(skip)]
    pub blob_ids: Option<([u8; 20], Option<[u8; 20]>)>,
    /// Where `status` is written in `agreement.yaml`: the history rules
    /// report there for every active agreement, and need not read the
    /// file again to find it.
    #[serde(skip)]
    pub status_span: Option<crate::diagnostic::Span>,
}

impl Agreement {
    pub fn party(&self, org: &str) -> Option<&Party> {
        self.parties.iter().find(|party| party.org == org)
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|flow| flow.id == id)
    }
}

kebab_enum!(AgreementStatus {
    Draft = "draft" => "draft",
    Active = "active" => "active",
    Suspended = "suspended" => "suspended",
    Terminated = "terminated" => "terminated",
});

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Party {
    pub org: Text,
    pub role: PartyRole,
    pub signatory: Option<Text>,
    pub contract: Option<Text>,
}

kebab_enum!(PartyRole {
    Controller = "controller" => "controller",
    JointController = "joint-controller" => "joint controller",
    Processor = "processor" => "processor",
});

kebab_enum!(Purpose {
    DirectCare = "direct-care" => "direct care",
    Safeguarding = "safeguarding" => "safeguarding",
    PublicHealth = "public-health" => "public health",
    Planning = "planning" => "planning",
    Commissioning = "commissioning" => "commissioning",
    Research = "research" => "research",
    EarlyIntervention = "early-intervention" => "early intervention",
    CrimePrevention = "crime-prevention" => "crime prevention",
    Regulatory = "regulatory" => "regulatory",
    Administration = "administration" => "administration",
    Other = "other" => "other",
});

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct LawfulBasis {
    #[serde(default)]
    pub article6: Vec<Text>,
    #[serde(default)]
    pub article9: Vec<Text>,
    #[serde(default)]
    pub schedule1: Vec<Text>,
    #[serde(default)]
    pub article10: Vec<Text>,
    pub common_law: Option<CommonLawBasis>,
    #[serde(default)]
    pub legal_powers: Vec<Text>,
}

kebab_enum!(CommonLawBasis {
    ImpliedConsent = "implied-consent" => "implied consent for individual care",
    ExplicitConsent = "explicit-consent" => "explicit consent",
    Section251 = "section-251" => "section 251 support",
    StatutoryRequirement = "statutory-requirement" => "a statutory requirement",
    PublicInterest = "public-interest" => "overriding public interest",
    NotConfidential = "not-confidential" => "not confidential information",
});

kebab_enum!(ProcessingMarker {
    Profiling = "profiling" => "profiling",
    DataMatching = "data-matching" => "data matching",
    AutomatedDecision = "automated-decision" => "automated decision-making",
    SystematicMonitoring = "systematic-monitoring" => "systematic monitoring",
    InnovativeTechnology = "innovative-technology" => "innovative technology",
    InvisibleProcessing = "invisible-processing" => "invisible processing",
});

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Dpia {
    pub reference: Option<Text>,
    pub completed: Option<Date>,
    pub not_required: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Flow {
    pub id: Text,
    pub description: Option<Text>,
    pub from: Text,
    #[serde(default)]
    pub to: Vec<Text>,
    #[serde(default)]
    pub subjects: Vec<Subject>,
    pub identifiability: Identifiability,
    #[serde(default)]
    pub categories: Vec<DataCategory>,
    #[serde(default)]
    pub items: Vec<Text>,
    pub frequency: Option<Frequency>,
    pub method: Option<TransferMethod>,
    pub encrypted: Option<bool>,
    pub volume: Option<u64>,
    #[serde(default = "super::organisation::default_country")]
    pub storage_country: Text,
    pub transfer_safeguard: Option<TransferSafeguard>,
    pub retention: Option<Text>,
    #[serde(default)]
    pub access: Vec<Text>,
    pub onward_sharing: Option<OnwardSharing>,
    pub source: Option<Text>,
    pub originator_permission: Option<OriginatorPermission>,
    #[serde(default)]
    pub risks: Vec<Risk>,
}

kebab_enum!(Subject {
    Patients = "patients" => "patients",
    ServiceUsers = "service-users" => "service users",
    Children = "children" => "children",
    VulnerableAdults = "vulnerable-adults" => "vulnerable adults",
    Carers = "carers" => "carers",
    Staff = "staff" => "staff",
    Public = "public" => "members of the public",
    Offenders = "offenders" => "offenders",
    Victims = "victims" => "victims",
    Other = "other" => "other people",
});

kebab_enum!(Identifiability {
    Identifiable = "identifiable" => "identifiable",
    Pseudonymised = "pseudonymised" => "pseudonymised",
    Anonymised = "anonymised" => "anonymised",
    Aggregate = "aggregate" => "aggregate",
});

impl Identifiability {
    /// Marked as identifying no one: anonymised or aggregate. Data holding
    /// identifiers or contact details cannot be either
    /// (rule `anonymised-with-identifiers`).
    pub fn claims_no_one_identified(self) -> bool {
        matches!(
            self,
            Identifiability::Anonymised | Identifiability::Aggregate
        )
    }
}

kebab_enum!(DataCategory {
    Identifiers = "identifiers" => "identifiers",
    Contact = "contact" => "contact details",
    Demographics = "demographics" => "demographics",
    Financial = "financial" => "financial",
    SocialCare = "social-care" => "social care",
    Education = "education" => "education",
    Location = "location" => "location",
    Health = "health" => "health",
    Genetic = "genetic" => "genetic",
    Biometric = "biometric" => "biometric",
    RacialEthnicOrigin = "racial-ethnic-origin" => "racial or ethnic origin",
    PoliticalOpinions = "political-opinions" => "political opinions",
    ReligiousBeliefs = "religious-beliefs" => "religious or philosophical beliefs",
    TradeUnion = "trade-union" => "trade union membership",
    SexLife = "sex-life" => "sex life",
    SexualOrientation = "sexual-orientation" => "sexual orientation",
    CriminalOffence = "criminal-offence" => "criminal offence",
});

impl DataCategory {
    /// Identifiers or contact details: data that identifies people.
    pub fn identifies_people(self) -> bool {
        matches!(self, DataCategory::Identifiers | DataCategory::Contact)
    }

    /// UK GDPR Art 9(1) special category data.
    pub fn is_special(self) -> bool {
        use DataCategory::*;
        matches!(
            self,
            Health
                | Genetic
                | Biometric
                | RacialEthnicOrigin
                | PoliticalOpinions
                | ReligiousBeliefs
                | TradeUnion
                | SexLife
                | SexualOrientation
        )
    }
}

kebab_enum!(Frequency {
    OneOff = "one-off" => "one-off",
    OnRequest = "on-request" => "on request",
    RealTime = "real-time" => "real time",
    Daily = "daily" => "daily",
    Weekly = "weekly" => "weekly",
    Monthly = "monthly" => "monthly",
    Quarterly = "quarterly" => "quarterly",
    Annually = "annually" => "annually",
});

kebab_enum!(TransferMethod {
    Api = "api" => "API",
    Sftp = "sftp" => "secure file transfer (SFTP)",
    Mesh = "mesh" => "NHS MESH",
    SecureEmail = "secure-email" => "secure email",
    SharedRecordView = "shared-record-view" => "shared record view",
    Portal = "portal" => "portal",
    Email = "email" => "ordinary email",
    RemovableMedia = "removable-media" => "removable media",
    Paper = "paper" => "paper",
    Verbal = "verbal" => "verbal",
    Other = "other" => "other method",
});

kebab_enum!(TransferSafeguard {
    Adequacy = "adequacy" => "UK adequacy regulations",
    Idta = "idta" => "International Data Transfer Agreement (IDTA)",
    SccAddendum = "scc-addendum" => "EU standard contractual clauses with the UK addendum",
    BindingCorporateRules = "binding-corporate-rules" => "binding corporate rules",
    Derogation = "derogation" => "an Article 49 derogation",
});

kebab_enum!(OnwardSharing {
    Prohibited = "prohibited" => "prohibited",
    WithPermission = "with-permission" => "only with the originator's permission",
    Permitted = "permitted" => "permitted",
});

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct OriginatorPermission {
    pub by: Text,
    pub organisation: Text,
    pub date: Date,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Risk {
    pub id: Text,
    pub description: Text,
    pub likelihood: u8,
    pub impact: u8,
    #[serde(default)]
    pub mitigations: Vec<Text>,
    pub residual: Option<Score>,
    pub owner: Option<Text>,
    pub accepted_by: Option<Text>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
pub struct Score {
    pub likelihood: u8,
    pub impact: u8,
}
