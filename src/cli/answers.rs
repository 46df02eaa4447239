//! The options of `isg new organisation|agreement|flow`: each answer the
//! questions would ask for, given on the command line. They become the
//! scaffold's answers (`scaffold::*::*Answers`, the same fields) unchanged.

/// Answers for `isg new agreement`; each one left out is asked on a terminal.
#[derive(Clone, Debug, Default, clap::Args, serde::Serialize)]
pub struct AgreementOptions {
    /// The agreement's title, e.g. "Sharing discharge summaries with GP practices".
    #[arg(long)]
    pub title: Option<String>,
    /// Its id (default: made from the title).
    #[arg(long)]
    pub id: Option<String>,
    /// 1 overarching protocol, 2 purpose-level agreement, 3 operational agreement.
    #[arg(long)]
    pub tier: Option<String>,
    /// Id of the agreement it sits under (tiers 2 and 3).
    #[arg(long)]
    pub parent: Option<String>,
    /// Id of the organisation that leads and maintains the agreement.
    #[arg(long)]
    pub lead: Option<String>,
    /// A party: ORG, ORG:ROLE or ORG:ROLE:SIGNATORY (role default
    /// controller, signatory default the organisation's accountable
    /// officer). Repeat for each party; the lead is always a party.
    #[arg(long, value_name = "ORG[:ROLE[:SIGNATORY]]")]
    pub party: Vec<String>,
    /// For a processor: ORG=REFERENCE of its processing contract.
    #[arg(long, value_name = "ORG=REFERENCE")]
    pub contract: Vec<String>,
    /// The kinds of purpose, separated by commas, e.g. direct-care,safeguarding.
    #[arg(long)]
    pub purposes: Option<String>,
    /// The purpose of the sharing, in words.
    #[arg(long)]
    pub purpose: Option<String>,
    /// The benefits to people and services, in words.
    #[arg(long)]
    pub benefits: Option<String>,
    /// UK GDPR Article 6(1) letters, e.g. e.
    #[arg(long)]
    pub article6: Option<String>,
    /// UK GDPR Article 9(2) letters for special category data, e.g. h.
    #[arg(long)]
    pub article9: Option<String>,
    /// DPA 2018 Schedule 1 conditions, e.g. part1-para2.
    #[arg(long)]
    pub schedule1: Option<String>,
    /// The common law basis, e.g. implied-consent.
    #[arg(long)]
    pub common_law: Option<String>,
    /// Reference of the completed DPIA.
    #[arg(long)]
    pub dpia_reference: Option<String>,
    /// Date the DPIA was completed (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub dpia_completed: Option<String>,
    /// Why no DPIA is needed (instead of --dpia-reference).
    #[arg(long, value_name = "REASON")]
    pub dpia_not_required: Option<String>,
    /// Address of the privacy notice that tells people about the sharing.
    #[arg(long, value_name = "URL")]
    pub privacy_notice: Option<String>,
    /// How people exercise their rights, in words.
    #[arg(long)]
    pub individual_rights: Option<String>,
    /// Date the sharing starts (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub effective: Option<String>,
    /// Date of the next review (YYYY-MM-DD; default a year after it starts).
    #[arg(long, value_name = "DATE")]
    pub review_due: Option<String>,
}

/// Answers for `isg new flow`; each one left out is asked on a terminal.
#[derive(Clone, Debug, Default, clap::Args, serde::Serialize)]
pub struct FlowOptions {
    /// Id of the agreement the flow belongs to.
    #[arg(long)]
    pub agreement: Option<String>,
    /// The flow's id, unique within the agreement (default: from the description).
    #[arg(long)]
    pub id: Option<String>,
    /// What the flow is, in a sentence.
    #[arg(long)]
    pub description: Option<String>,
    /// Id of the party that sends the data.
    #[arg(long)]
    pub from: Option<String>,
    /// Ids of the parties that receive it, separated by commas.
    #[arg(long)]
    pub to: Option<String>,
    /// Whose data it is, e.g. patients,carers.
    #[arg(long)]
    pub subjects: Option<String>,
    /// identifiable, pseudonymised, anonymised or aggregate.
    #[arg(long)]
    pub identifiability: Option<String>,
    /// The kinds of data, e.g. identifiers,health.
    #[arg(long)]
    pub categories: Option<String>,
    /// The data items, separated by commas (or semicolons).
    #[arg(long)]
    pub items: Option<String>,
    /// How often data moves, e.g. daily.
    #[arg(long)]
    pub frequency: Option<String>,
    /// How data moves, e.g. mesh, api, secure-email.
    #[arg(long)]
    pub method: Option<String>,
    /// Whether it is encrypted while it moves: yes or no (default yes).
    #[arg(long, value_name = "YES/NO")]
    pub encrypted: Option<String>,
    /// About how many people's records move in a year.
    #[arg(long)]
    pub volume: Option<String>,
    /// Two-letter code of the country the recipient stores it in (default GB).
    #[arg(long)]
    pub storage_country: Option<String>,
    /// The safeguard for storing it outside the UK, e.g. adequacy.
    #[arg(long)]
    pub transfer_safeguard: Option<String>,
    /// How long the recipient keeps it and how it is destroyed.
    #[arg(long)]
    pub retention: Option<String>,
    /// Who at the recipient may see it, separated by commas.
    #[arg(long)]
    pub access: Option<String>,
    /// prohibited, with-permission or permitted (default prohibited).
    #[arg(long)]
    pub onward_sharing: Option<String>,
    /// The flow's main risk, in a sentence.
    #[arg(long)]
    pub risk: Option<String>,
    /// How likely the risk is before mitigation, 1 to 5.
    #[arg(long)]
    pub likelihood: Option<String>,
    /// Its impact before mitigation, 1 to 5.
    #[arg(long)]
    pub impact: Option<String>,
    /// What reduces it, separated by commas (or semicolons).
    #[arg(long)]
    pub mitigations: Option<String>,
    /// Likelihood after mitigation, 1 to 5.
    #[arg(long)]
    pub residual_likelihood: Option<String>,
    /// Impact after mitigation, 1 to 5.
    #[arg(long)]
    pub residual_impact: Option<String>,
    /// Who owns the risk: ORG/OFFICER (default the sender's accountable officer).
    #[arg(long, value_name = "ORG/OFFICER")]
    pub risk_owner: Option<String>,
}

/// Answers for `isg new organisation`; each one left out is asked on a
/// terminal.
#[derive(Clone, Debug, Default, clap::Args, serde::Serialize)]
pub struct OrganisationOptions {
    /// The organisation's full name, e.g. "Blackpool Council".
    #[arg(long)]
    pub name: Option<String>,
    /// Its id (default: made from the name, e.g. blackpool-council).
    #[arg(long)]
    pub id: Option<String>,
    /// What sort of organisation it is, e.g. nhs-trust, local-authority.
    #[arg(long)]
    pub kind: Option<String>,
    /// Whether it is a public authority: yes or no (default: from --kind).
    #[arg(long, value_name = "YES/NO")]
    pub public_authority: Option<String>,
    /// Its NHS ODS code, if it has one.
    #[arg(long)]
    pub ods_code: Option<String>,
    /// Id of the organisation that maintains this record for it, if any.
    #[arg(long)]
    pub sponsor: Option<String>,
    /// ICO registration number, e.g. Z1234567.
    #[arg(long)]
    pub ico_number: Option<String>,
    /// Date the ICO registration ends (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub ico_expires: Option<String>,
    /// Why the organisation need not pay the data protection fee (instead of --ico-number).
    #[arg(long, value_name = "REASON")]
    pub ico_exempt: Option<String>,
    /// Latest published DSPT outcome, e.g. standards-met or not-applicable.
    #[arg(long)]
    pub dspt_status: Option<String>,
    /// The DSPT cycle of that outcome, e.g. 2025-26.
    #[arg(long)]
    pub dspt_year: Option<String>,
    /// Date the DSPT outcome was published (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub dspt_published: Option<String>,
    /// Name of the accountable officer (Caldicott Guardian or SIRO).
    #[arg(long)]
    pub officer_name: Option<String>,
    /// Their role: caldicott-guardian or siro.
    #[arg(long)]
    pub officer_role: Option<String>,
    /// Their work email address.
    #[arg(long)]
    pub officer_email: Option<String>,
    /// Name of the Data Protection Officer.
    #[arg(long)]
    pub dpo_name: Option<String>,
    /// The DPO's work email address.
    #[arg(long)]
    pub dpo_email: Option<String>,
    /// Email address for reporting breaches (default: the DPO's).
    #[arg(long)]
    pub breach_email: Option<String>,
    /// Email address for FOI and subject access requests (default: the DPO's).
    #[arg(long)]
    pub requests_email: Option<String>,
    /// Date staff IG training compliance was last confirmed (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub training_attested: Option<String>,
    /// Share of staff trained in the year, 0 to 100.
    #[arg(long, value_name = "PERCENT")]
    pub training_percent: Option<String>,
    /// Date the accountable officer signed the registry's current MoU (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub mou_signed: Option<String>,
}
