//! The agreement rules, each on a registry that triggers it and one that
//! does not, with both sides of every date boundary.

mod common;

use common::{Scratch, TODAY, expect};
use isg::diagnostic::Level::{Error, Warning};

const RECORD: &str = "agreements/care-record/agreement.yaml";
const PROTOCOL: &str = "agreements/care-protocol/agreement.yaml";
const NORTH: &str = "organisations/north-trust.yaml";

/// Adds an assured organisation `west-trust` that is party to nothing.
fn add_west_trust(registry: &Scratch) {
    let text = registry
        .read(NORTH)
        .replace("id: north-trust", "id: west-trust")
        .replace("North NHS Trust", "West NHS Trust")
        .replace("ods_code: RAA", "ods_code: RBB");
    registry.write("organisations/west-trust.yaml", text);
}

fn none_of(registry: &Scratch, rule: &str, today: &str) {
    let found = registry.findings_of(rule, today);
    assert!(
        found.is_empty(),
        "expected no {rule} on {today}: {found:#?}"
    );
}

#[test]
fn lead_not_party() {
    let registry = Scratch::minimal();
    add_west_trust(&registry);
    registry.edit(RECORD, "lead: north-trust", "lead: west-trust");
    let finding = expect(&registry.findings(), "lead-not-party", RECORD, 6, Error).clone();
    assert!(
        finding
            .message
            .contains("West NHS Trust, is not a party to \"Shared care record\""),
        "{}",
        finding.message
    );
    none_of(&Scratch::minimal(), "lead-not-party", TODAY);
}

/// One misspelt party is one finding: `unknown-reference`, with the right
/// id. The lead, the flows and the parent all name the organisation meant,
/// so saying it is not a party would repeat the mistake three more times.
#[test]
fn a_misspelt_party_is_reported_once() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "  - org: north-trust", "  - org: north-trsut");
    let findings = registry.findings();
    let finding = expect(&findings, "unknown-reference", RECORD, 8, Error);
    assert_eq!(finding.help.as_deref(), Some("Did you mean `north-trust`?"));
    let in_record: Vec<_> = findings
        .iter()
        .filter(|f| f.file == RECORD)
        .map(|f| (f.rule, f.span.start.line))
        .collect();
    assert_eq!(in_record, vec![("unknown-reference", 8)]);

    // So is a misspelt lead.
    let registry = Scratch::minimal();
    registry.edit(RECORD, "lead: north-trust", "lead: north-trsut");
    let findings = registry.findings();
    let finding = expect(&findings, "unknown-reference", RECORD, 6, Error);
    assert_eq!(finding.help.as_deref(), Some("Did you mean `north-trust`?"));
    assert_eq!(findings.iter().filter(|f| f.file == RECORD).count(), 1);

    // A lead that is not a party, and not what the misspelling meant, is
    // still reported; so are the flows that name it.
    let registry = Scratch::minimal();
    registry.edit(RECORD, "  - org: north-trust", "  - org: north-trsut");
    add_west_trust(&registry);
    registry.edit(RECORD, "lead: north-trust", "lead: west-trust");
    registry.edit(RECORD, "to: [north-trust]", "to: [west-trust]");
    let findings = registry.findings();
    expect(&findings, "lead-not-party", RECORD, 6, Error);
    expect(&findings, "flow-party-missing", RECORD, 31, Error);
}

#[test]
fn signatory_invalid() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "signatory: jane-smith", "signatory: ann-dpo");
    let finding = expect(&registry.findings(), "signatory-invalid", RECORD, 10, Error).clone();
    assert!(
        finding
            .message
            .contains("Ann Lee (Data Protection Officer of North NHS Trust) cannot sign"),
        "{}",
        finding.message
    );

    // An officer with no roles at all is described as such.
    registry.edit(NORTH, "    roles: [dpo]\n", "");
    let finding = expect(&registry.findings(), "signatory-invalid", RECORD, 10, Error).clone();
    assert!(
        finding
            .message
            .contains("Ann Lee (an officer of North NHS Trust with no roles recorded) cannot sign"),
        "{}",
        finding.message
    );

    registry.edit(RECORD, "signatory: ann-dpo", "signatory: jane-smyth");
    let finding = expect(&registry.findings(), "signatory-invalid", RECORD, 10, Error).clone();
    assert!(
        finding
            .message
            .contains("not an officer of North NHS Trust"),
        "{}",
        finding.message
    );
    assert_eq!(finding.help.as_deref(), Some("Did you mean `jane-smith`?"));

    registry.edit(RECORD, "signatory: jane-smyth", "signatory: tom-brown");
    none_of(&registry, "signatory-invalid", TODAY);
}

#[test]
fn party_assurance_lapsed_for_active_agreements() {
    let registry = Scratch::minimal();
    none_of(&registry, "party-assurance-lapsed", "2027-03-31");
    // North's ICO registration expires on 2027-03-31.
    let findings = registry.findings_on("2027-04-01");
    let finding = expect(&findings, "party-assurance-lapsed", RECORD, 8, Error);
    assert!(
        finding.message.contains("North NHS Trust is unassured")
            && finding
                .message
                .contains("ICO registration Z1234567 expired"),
        "{}",
        finding.message
    );
    expect(&findings, "party-assurance-lapsed", PROTOCOL, 7, Error);
    registry.edit(RECORD, "status: active", "status: suspended");
    // Only the active protocol is reported now: both its parties' registrations lapsed.
    let remaining = registry.findings_of("party-assurance-lapsed", "2027-04-01");
    assert_eq!(
        remaining
            .iter()
            .map(|f| (f.file.as_str(), f.span.start.line))
            .collect::<Vec<_>>(),
        vec![(PROTOCOL, 7), (PROTOCOL, 8)]
    );
}

#[test]
fn flow_party_missing() {
    let registry = Scratch::minimal();
    add_west_trust(&registry);
    registry.edit(RECORD, "to: [north-trust]", "to: [north-trust, west-trust]");
    let finding = expect(
        &registry.findings(),
        "flow-party-missing",
        RECORD,
        31,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("West NHS Trust receives data in flow `care-summary`"),
        "{}",
        finding.message
    );
    assert_eq!(finding.span.start.column, 23);
}

#[test]
fn flow_to_sender() {
    let registry = Scratch::minimal();
    // South Council sends to North NHS Trust: no finding.
    assert!(registry.findings_of("flow-to-sender", TODAY).is_empty());
    registry.edit(
        RECORD,
        "to: [north-trust]",
        "to: [north-trust, south-council]",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "flow-to-sender", RECORD, 31, Warning);
    assert_eq!(finding.span.start.column, 23);
    assert_eq!(
        finding.message,
        "Flow `care-summary` lists its sender, South Council, among its recipients."
    );
    assert_eq!(
        finding.help.as_deref(),
        Some(
            "Remove `south-council` from `to`. If the data also goes back the other way, record that as a flow of its own."
        )
    );
    // It is a party, so nothing else is said about it.
    assert_eq!(findings.len(), 1, "{findings:?}");
}

#[test]
fn tier_hierarchy() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "parent: care-protocol\n", "");
    let finding = expect(&registry.findings(), "tier-hierarchy", RECORD, 3, Error).clone();
    assert!(
        finding.message.contains("tier 3 agreement names no parent"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(PROTOCOL, "tier: 1\n", "tier: 1\nparent: care-record\n");
    let finding = expect(&registry.findings(), "tier-hierarchy", PROTOCOL, 4, Error).clone();
    assert!(
        finding.message.contains("tier 1 agreement is at the top"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(PROTOCOL, "tier: 1\n", "tier: 3\n");
    let finding = expect(&registry.findings(), "tier-hierarchy", RECORD, 4, Error).clone();
    assert!(
        finding.message.contains(
            "is a tier 3 agreement; a tier 3 agreement must sit under a lower tier number"
        ),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    add_west_trust(&registry);
    registry.edit(
        RECORD,
        "purposes:",
        "  - {org: west-trust, role: controller, signatory: jane-smith}\npurposes:",
    );
    let finding = expect(&registry.findings(), "tier-hierarchy", RECORD, 14, Error).clone();
    assert!(
        finding
            .message
            .contains("West NHS Trust is not a party to the parent agreement, \"Care protocol\""),
        "{}",
        finding.message
    );
    // A processor need not be a party to the parent.
    registry.edit(
        RECORD,
        "role: controller, signatory: jane-smith}",
        "role: processor, contract: DPA-7}",
    );
    none_of(&registry, "tier-hierarchy", TODAY);
}

/// A protocol with many parties is indexed rather than searched: the same
/// findings must come out either way.
#[test]
fn tier_hierarchy_under_a_protocol_with_many_parties() {
    let registry = Scratch::minimal();
    add_west_trust(&registry);
    let others: String = (0..40)
        .map(|i| format!("  - {{org: partner-{i:02}, role: processor, contract: DPA-{i}}}\n"))
        .collect();
    registry.edit(PROTOCOL, "purpose:", &format!("{others}purpose:"));
    registry.edit(
        RECORD,
        "purposes:",
        "  - {org: west-trust, role: controller, signatory: jane-smith}\npurposes:",
    );
    let findings = registry.findings_of("tier-hierarchy", TODAY);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = expect(&findings, "tier-hierarchy", RECORD, 14, Error);
    assert!(
        finding
            .message
            .contains("West NHS Trust is not a party to the parent agreement"),
        "{}",
        finding.message
    );
    // Once west-trust is among the protocol's parties, nothing is reported.
    registry.edit(
        PROTOCOL,
        "purpose:",
        "  - {org: west-trust, role: controller}\npurpose:",
    );
    none_of(&registry, "tier-hierarchy", TODAY);
}

#[test]
fn review_overdue_and_due_soon() {
    let registry = Scratch::minimal();
    // Both agreements are due for review on 2027-03-01.
    none_of(&registry, "review-due-soon", "2026-12-30");
    let finding = expect(
        &registry.findings_on("2026-12-31"),
        "review-due-soon",
        RECORD,
        27,
        Warning,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("is due for review in 60 days (2027-03-01)"),
        "{}",
        finding.message
    );
    let on_the_day = registry.findings_on("2027-03-01");
    expect(&on_the_day, "review-due-soon", RECORD, 27, Warning);
    none_of(&registry, "review-overdue", "2027-03-01");
    let findings = registry.findings_on("2027-03-02");
    let finding = expect(&findings, "review-overdue", RECORD, 27, Error);
    assert!(
        finding
            .message
            .ends_with("was due for review on 2027-03-01, 1 day ago."),
        "{}",
        finding.message
    );
    expect(&findings, "review-overdue", PROTOCOL, 13, Error);

    // Drafts are not in force; an active agreement without a date is flagged.
    registry.edit(RECORD, "status: active", "status: draft");
    assert_eq!(
        registry.findings_of("review-overdue", "2027-03-02").len(),
        1
    );
    registry.edit(PROTOCOL, "review_due: 2027-03-01\n", "");
    let finding = expect(&registry.findings(), "review-overdue", PROTOCOL, 1, Error).clone();
    assert!(
        finding.message.contains("has no review date"),
        "{}",
        finding.message
    );
}

#[test]
fn review_interval_too_long() {
    let registry = Scratch::minimal();
    // Effective 2025-03-01; 1096 days later is 2028-03-01.
    registry.edit(RECORD, "review_due: 2027-03-01", "review_due: 2028-03-01");
    none_of(&registry, "review-interval-too-long", TODAY);
    registry.edit(RECORD, "review_due: 2028-03-01", "review_due: 2028-03-02");
    let finding = expect(
        &registry.findings(),
        "review-interval-too-long",
        RECORD,
        27,
        Warning,
    )
    .clone();
    assert!(
        finding.message.contains("1097 days after")
            && finding.help.as_deref().unwrap().contains("2028-03-01"),
        "{finding:?}"
    );
}

#[test]
fn agreement_expired() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "review_due: 2027-03-01\n",
        "review_due: 2027-03-01\nexpires: 2027-01-31\n",
    );
    none_of(&registry, "agreement-expired", "2027-01-31");
    let finding = expect(
        &registry.findings_on("2027-02-01"),
        "agreement-expired",
        RECORD,
        28,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("expired on 2027-01-31 but is still marked active"),
        "{}",
        finding.message
    );
}

#[test]
fn lawful_basis_rules() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "  article6: [e]\n", "");
    let finding = expect(
        &registry.findings(),
        "lawful-basis-missing",
        RECORD,
        16,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("states no lawful basis under UK GDPR Article 6"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "categories: [identifiers, social-care]",
        "categories: [identifiers, health, criminal-offence]",
    );
    registry.edit(RECORD, "  article9: [h]\n", "");
    let findings = registry.findings();
    let special = expect(
        &findings,
        "special-category-without-condition",
        RECORD,
        16,
        Error,
    );
    assert!(
        special.message.contains("special category data (health)"),
        "{}",
        special.message
    );
    let criminal = expect(
        &findings,
        "criminal-offence-without-condition",
        RECORD,
        16,
        Error,
    );
    assert!(
        criminal.message.contains("criminal offence data"),
        "{}",
        criminal.message
    );
    registry.edit(
        RECORD,
        "  schedule1:",
        "  article9: [h]\n  article10: [part2-para18]\n  schedule1:",
    );
    none_of(&registry, "special-category-without-condition", TODAY);
    none_of(&registry, "criminal-offence-without-condition", TODAY);

    let registry = Scratch::minimal();
    registry.edit(RECORD, "  schedule1: [part1-para2]\n", "");
    let finding = expect(
        &registry.findings(),
        "schedule1-condition-missing",
        RECORD,
        18,
        Warning,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("Article 9(2)(h) needs a Data Protection Act 2018 Schedule 1 condition"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(RECORD, "article6: [e]", "article6: [f]");
    let finding = expect(
        &registry.findings(),
        "legitimate-interests-public-authority",
        RECORD,
        17,
        Warning,
    )
    .clone();
    assert!(
        finding
            .message
            .ends_with("but North NHS Trust and South Council are public authorities."),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(RECORD, "article6: [e]", "article6: [a]");
    let finding = expect(
        &registry.findings(),
        "consent-for-direct-care",
        RECORD,
        17,
        Warning,
    )
    .clone();
    assert!(
        finding.message.starts_with(
            "Article 6(1)(a) consent is given as the basis for sharing for direct care (flow `care-summary`), but North NHS Trust and South Council are public authorities:"
        ),
        "{}",
        finding.message
    );
    // Consent can be the basis for sharing about people who are not in the
    // authority's care (a carer referred for support, with consent) ...
    registry.edit(RECORD, "subjects: [service-users]", "subjects: [carers]");
    none_of(&registry, "consent-for-direct-care", TODAY);
    registry.edit(RECORD, "subjects: [carers]", "subjects: [service-users]");
    // ... for purposes other than care (research with consent) ...
    registry.edit(RECORD, "purposes: [direct-care]", "purposes: [research]");
    none_of(&registry, "consent-for-direct-care", TODAY);
    registry.edit(RECORD, "purposes: [research]", "purposes: [direct-care]");
    // ... and for bodies that are not public authorities (a charity).
    for (file, kind) in [
        ("organisations/north-trust.yaml", "kind: nhs-trust"),
        ("organisations/south-council.yaml", "kind: local-authority"),
    ] {
        registry.edit(file, kind, "kind: charity");
    }
    none_of(&registry, "consent-for-direct-care", TODAY);

    let registry = Scratch::minimal();
    registry.edit(RECORD, "  common_law: implied-consent\n", "");
    let finding = expect(
        &registry.findings(),
        "common-law-basis-missing",
        RECORD,
        16,
        Error,
    )
    .clone();
    assert!(
        finding.message.contains("confidential patient information"),
        "{}",
        finding.message
    );
    // Pseudonymised data is not confidential patient information.
    registry.edit(
        RECORD,
        "identifiability: identifiable",
        "identifiability: pseudonymised",
    );
    none_of(&registry, "common-law-basis-missing", TODAY);

    // `not-confidential` is no basis for data that is.
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "common_law: implied-consent",
        "common_law: not-confidential",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "common-law-basis-missing", RECORD, 20, Error);
    assert_eq!(
        finding.message,
        "The agreement says its data is not confidential, but flow `care-summary` shares identifiable health or social care data, which is confidential patient information."
    );
    assert_eq!(finding.span.start.column, 15);
    registry.edit(
        RECORD,
        "identifiability: identifiable",
        "identifiability: aggregate",
    );
    none_of(&registry, "common-law-basis-missing", TODAY);
}

#[test]
fn dpia_missing_for_each_trigger() {
    let no_dpia = |registry: &Scratch| {
        registry.edit(
            RECORD,
            "dpia:\n  reference: DPIA-1\n  completed: 2025-02-01\n",
            "dpia:\n  not_required: Small scale.\n",
        )
    };
    let registry = Scratch::minimal();
    no_dpia(&registry);
    none_of(&registry, "dpia-missing", TODAY);

    registry.edit(RECORD, "subjects: [service-users]", "subjects: [children]");
    let finding = expect(&registry.findings(), "dpia-missing", RECORD, 21, Error).clone();
    assert!(
        finding.message.contains("identifiable data about children"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    no_dpia(&registry);
    registry.edit(
        RECORD,
        "categories: [identifiers, social-care]",
        "categories: [identifiers, health]",
    );
    registry.edit(RECORD, "volume: 2000", "volume: 9999");
    none_of(&registry, "dpia-missing", TODAY);
    registry.edit(RECORD, "volume: 9999", "volume: 10000");
    let finding = expect(&registry.findings(), "dpia-missing", RECORD, 21, Error).clone();
    assert!(
        finding
            .message
            .contains("at large scale (10000 records a year)"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    no_dpia(&registry);
    registry.edit(
        RECORD,
        "purposes: [direct-care]",
        "purposes: [direct-care]\nprocessing: [data-matching]",
    );
    assert!(
        registry.findings_of("dpia-missing", TODAY)[0]
            .message
            .contains("data matching")
    );

    let registry = Scratch::minimal();
    no_dpia(&registry);
    registry.edit(
        RECORD,
        "        likelihood: 2\n        impact: 3\n",
        "        likelihood: 3\n        impact: 5\n",
    );
    assert!(
        registry.findings_of("dpia-missing", TODAY)[0]
            .message
            .contains("scores 15 before mitigation")
    );
}

#[test]
fn dpia_missing_when_the_reference_is_a_placeholder() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "subjects: [service-users]", "subjects: [children]");
    none_of(&registry, "dpia-missing", TODAY);
    for (reference, shown) in [
        ("TBC", "TBC"),
        ("In progress.", "In progress."),
        (" n/a", "n/a"),
    ] {
        let registry = Scratch::minimal();
        registry.edit(RECORD, "subjects: [service-users]", "subjects: [children]");
        registry.edit(
            RECORD,
            "reference: DPIA-1",
            &format!("reference: {reference}"),
        );
        let finding = expect(&registry.findings(), "dpia-missing", RECORD, 22, Error).clone();
        assert_eq!(
            finding.message,
            format!(
                "A DPIA is required because flow `care-summary` shares identifiable data about children, but its reference `{shown}` names no DPIA."
            ),
        );
        assert!(
            finding
                .help
                .as_deref()
                .is_some_and(|help| help.contains("record its `reference`"))
        );
    }
    // No trigger: no DPIA is required, so its reference is not looked at.
    let registry = Scratch::minimal();
    registry.edit(RECORD, "reference: DPIA-1", "reference: TBC");
    none_of(&registry, "dpia-missing", TODAY);
}

#[test]
fn privacy_notice_and_retention() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "privacy_notice: https://north.example/privacy\n",
        "",
    );
    let finding = expect(
        &registry.findings(),
        "privacy-notice-missing",
        RECORD,
        1,
        Warning,
    )
    .clone();
    assert!(
        finding.message.contains("links no privacy notice"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(RECORD, "    retention: Viewed only.\n", "");
    let finding = expect(&registry.findings(), "retention-missing", RECORD, 29, Error).clone();
    assert!(
        finding
            .message
            .contains("`care-summary` does not say how long"),
        "{}",
        finding.message
    );
    registry.edit(
        RECORD,
        "identifiability: identifiable",
        "identifiability: aggregate",
    );
    none_of(&registry, "retention-missing", TODAY);

    // A placeholder, or no end without a reason, is no retention either.
    for (written, help) in [
        ("TBC", "If the recipient keeps nothing"),
        ("Kept indefinitely.", "kept permanently"),
        ("As per policy", "the period the policy sets"),
    ] {
        let registry = Scratch::minimal();
        registry.edit(
            RECORD,
            "    retention: Viewed only.\n",
            &format!("    retention: {written}\n"),
        );
        let finding = expect(&registry.findings(), "retention-missing", RECORD, 40, Error).clone();
        assert!(
            finding.message.contains(&format!(
                "`care-summary` gives `{written}` as its retention, which does not say how long"
            )),
            "{}",
            finding.message
        );
        assert!(
            finding.help.as_deref().unwrap().contains(help),
            "{finding:?}"
        );
        assert_eq!(finding.span.start.column, 16, "{finding:?}");
    }
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "    retention: Viewed only.\n",
        "    retention: Kept permanently under the Public Records Act 1958.\n",
    );
    none_of(&registry, "retention-missing", TODAY);
}

#[test]
fn risk_rules() {
    let registry = Scratch::minimal();
    let risks = registry
        .read(RECORD)
        .split("    risks:\n")
        .nth(1)
        .unwrap()
        .to_owned();
    registry.edit(RECORD, &format!("    risks:\n{risks}"), "");
    let finding = expect(
        &registry.findings(),
        "risk-assessment-missing",
        RECORD,
        29,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("`care-summary` has no risk assessment"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "        likelihood: 2\n        impact: 3\n        mitigations: [NHS number checked]\n",
        "        likelihood: 2\n        impact: 4\n",
    );
    let finding = expect(&registry.findings(), "risk-unmitigated", RECORD, 44, Error).clone();
    assert!(
        finding
            .message
            .contains("scores 8 (high) and has no mitigations"),
        "{}",
        finding.message
    );
    registry.edit(RECORD, "        impact: 4\n", "        impact: 3\n");
    none_of(&registry, "risk-unmitigated", TODAY);
    // Placeholders are no mitigation; one real mitigation among them is.
    registry.edit(
        RECORD,
        "        impact: 3\n",
        "        impact: 4\n        mitigations: [TBC, In progress.]\n",
    );
    let finding = expect(&registry.findings(), "risk-unmitigated", RECORD, 48, Error).clone();
    assert_eq!(
        finding.message,
        "Risk `wrong-person` of flow `care-summary` scores 8 (high), and its mitigations (`TBC`, `In progress.`) name nothing done about it."
    );
    registry.edit(RECORD, "[TBC, In progress.]", "[TBC, NHS number checked]");
    none_of(&registry, "risk-unmitigated", TODAY);

    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "residual: {likelihood: 1, impact: 3}",
        "residual: {likelihood: 3, impact: 5}",
    );
    let finding = expect(
        &registry.findings(),
        "residual-risk-too-high",
        RECORD,
        49,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("still scores 15 after mitigation and no SIRO has accepted it"),
        "{}",
        finding.message
    );
    registry.edit(
        RECORD,
        "owner: north-trust/tom-brown",
        "owner: north-trust/tom-brown\n        accepted_by: north-trust/jane-smith",
    );
    let finding = expect(
        &registry.findings(),
        "residual-risk-too-high",
        RECORD,
        51,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("accepted by Dr Jane Smith, who is not a SIRO"),
        "{}",
        finding.message
    );
    registry.edit(
        RECORD,
        "accepted_by: north-trust/jane-smith",
        "accepted_by: north-trust/tom-brown",
    );
    none_of(&registry, "residual-risk-too-high", TODAY);

    // A score off the 1 to 5 scale is the schema's finding alone: the
    // rules do not go on to judge a residual score of 45 or an unmitigated 50.
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "residual: {likelihood: 1, impact: 3}",
        "residual: {likelihood: 9, impact: 5}",
    );
    registry.edit(
        RECORD,
        "        likelihood: 2\n        impact: 3\n        mitigations: [NHS number checked]\n",
        "        likelihood: 2\n        impact: 25\n",
    );
    let findings = registry.findings();
    assert_eq!(
        findings
            .iter()
            .map(|f| (f.rule, f.span.start.line))
            .collect::<Vec<_>>(),
        vec![("schema", 47), ("schema", 48)],
        "{findings:#?}"
    );
}

#[test]
fn insecure_transfer() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "method: shared-record-view", "method: email");
    let finding = expect(&registry.findings(), "insecure-transfer", RECORD, 37, Error).clone();
    assert!(
        finding.message.contains("is sent by ordinary email"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(RECORD, "encrypted: true", "encrypted: false");
    expect(&registry.findings(), "insecure-transfer", RECORD, 38, Error);

    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "method: shared-record-view\n    encrypted: true\n",
        "method: removable-media\n",
    );
    expect(&registry.findings(), "insecure-transfer", RECORD, 37, Error);
    registry.edit(
        RECORD,
        "method: removable-media\n",
        "method: removable-media\n    encrypted: true\n",
    );
    none_of(&registry, "insecure-transfer", TODAY);
}

#[test]
fn data_minimisation() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "purposes: [direct-care]",
        "purposes: [planning, research]",
    );
    let finding = expect(
        &registry.findings(),
        "data-minimisation",
        RECORD,
        33,
        Warning,
    )
    .clone();
    assert!(
        finding.message.contains("for planning and research only"),
        "{}",
        finding.message
    );
    registry.edit(
        RECORD,
        "purposes: [planning, research]",
        "purposes: [direct-care, planning]",
    );
    none_of(&registry, "data-minimisation", TODAY);
}

#[test]
fn international_transfer_without_safeguard() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "    retention: Viewed only.\n",
        "    storage_country: US\n    retention: Viewed only.\n",
    );
    let finding = expect(
        &registry.findings(),
        "international-transfer-without-safeguard",
        RECORD,
        40,
        Error,
    )
    .clone();
    assert!(
        finding.message.contains("stores personal data in US"),
        "{}",
        finding.message
    );
    registry.edit(
        RECORD,
        "    storage_country: US\n",
        "    storage_country: US\n    transfer_safeguard: idta\n",
    );
    none_of(&registry, "international-transfer-without-safeguard", TODAY);
    registry.edit(
        RECORD,
        "    storage_country: US\n    transfer_safeguard: idta\n",
        "    storage_country: FR\n",
    );
    none_of(&registry, "international-transfer-without-safeguard", TODAY);
}

#[test]
fn onward_sharing_without_permission() {
    let registry = Scratch::minimal();
    let onward = "  - id: pass-on\n    from: north-trust\n    to: [south-council]\n    subjects: [service-users]\n    identifiability: aggregate\n    categories: [social-care]\n    source: care-record/care-summary\n    risks: [{id: r, description: Re-identification., likelihood: 1, impact: 2}]\n";
    let text = registry.read(RECORD) + onward;
    registry.write(RECORD, text);
    // The source flow prohibits onward sharing.
    let finding = expect(
        &registry.findings(),
        "onward-sharing-without-permission",
        RECORD,
        57,
        Error,
    )
    .clone();
    assert!(
        finding.message.contains("prohibits onward sharing"),
        "{}",
        finding.message
    );

    registry.edit(
        RECORD,
        "onward_sharing: prohibited",
        "onward_sharing: with-permission",
    );
    let finding = expect(
        &registry.findings(),
        "onward-sharing-without-permission",
        RECORD,
        57,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("with no record of South Council's permission"),
        "{}",
        finding.message
    );

    registry.edit(RECORD, "    source: care-record/care-summary\n", "    source: care-record/care-summary\n    originator_permission: {by: amir-khan, organisation: south-council, date: 2025-05-01}\n");
    let finding = expect(
        &registry.findings(),
        "onward-sharing-without-permission",
        RECORD,
        58,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("Amir Khan, who is not South Council's Data Protection Officer"),
        "{}",
        finding.message
    );

    registry.edit(RECORD, "by: amir-khan", "by: liz-dpo");
    none_of(&registry, "onward-sharing-without-permission", TODAY);
}

#[test]
fn processor_without_contract() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "    role: controller\n    signatory: amir-khan",
        "    role: processor",
    );
    let finding = expect(
        &registry.findings(),
        "processor-without-contract",
        RECORD,
        12,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("South Council is a processor but no processing contract"),
        "{}",
        finding.message
    );
    registry.edit(
        RECORD,
        "    role: processor",
        "    role: processor\n    contract: TBC",
    );
    let finding = expect(
        &registry.findings(),
        "processor-without-contract",
        RECORD,
        13,
        Error,
    )
    .clone();
    assert_eq!(
        finding.message,
        "South Council is a processor but its processing contract is given as `TBC`, which names no contract."
    );
    registry.edit(RECORD, "    contract: TBC", "    contract: DPA-2024-7");
    none_of(&registry, "processor-without-contract", TODAY);
}

#[test]
fn date_in_future_in_an_agreement() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "completed: 2025-02-01",
        &format!("completed: {TODAY}"),
    );
    none_of(&registry, "date-in-future", TODAY);
    registry.edit(
        RECORD,
        &format!("completed: {TODAY}"),
        "completed: 2052-02-01",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "date-in-future", RECORD, 23, Error);
    assert_eq!(
        finding.message,
        "The DPIA is recorded as completed on 2052-02-01, which is after today (2026-11-22)."
    );
    assert_eq!(
        finding.help.as_deref(),
        Some("Write the date on which it actually happened: perhaps 2025-02-01?")
    );

    registry.edit(
        RECORD,
        "    onward_sharing: prohibited\n",
        "    onward_sharing: prohibited\n    source: care-record/care-summary\n    originator_permission: {by: ann-dpo, organisation: north-trust, date: 2027-05-01}\n",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "date-in-future", RECORD, 44, Error);
    assert_eq!(finding.span.start.column, 75);
    assert!(
        finding.message.starts_with(
            "Permission to pass on the data of flow `care-summary` is recorded as given on 2027-05-01"
        ),
        "{}",
        finding.message
    );
}

#[test]
fn dates_out_of_order() {
    let registry = Scratch::minimal();
    // A year mistyped in the review date: out of order, and not also
    // overdue, since the review date is the mistake.
    registry.edit(
        RECORD,
        "review_due: 2027-03-01\n",
        "review_due: 2024-03-01\n",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "dates-out-of-order", RECORD, 27, Error);
    assert_eq!(
        finding.message,
        "\"Shared care record\" is to be reviewed on 2024-03-01, before it takes effect on 2025-03-01."
    );
    assert_eq!(
        finding.help.as_deref(),
        Some("Correct whichever date is mistyped: `review_due` comes after `effective`.")
    );
    none_of(&registry, "review-overdue", TODAY);

    // The same day is not after it either; a day later is.
    registry.edit(
        RECORD,
        "review_due: 2024-03-01\n",
        "review_due: 2025-03-01\n",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "dates-out-of-order", RECORD, 27, Error);
    assert!(
        finding
            .message
            .ends_with("on 2025-03-01, on the day it takes effect."),
        "{}",
        finding.message
    );
    registry.edit(
        RECORD,
        "review_due: 2025-03-01\n",
        "review_due: 2025-03-02\n",
    );
    none_of(&registry, "dates-out-of-order", TODAY);
    // That review date has passed, and is overdue.
    expect(&registry.findings(), "review-overdue", RECORD, 27, Error);

    // An expiry date before the start, on a draft too, and not also
    // reported as expired.
    registry.edit(
        RECORD,
        "review_due: 2025-03-02\n",
        "review_due: 2027-03-01\nexpires: 2024-12-31\n",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "dates-out-of-order", RECORD, 28, Error);
    assert!(
        finding
            .message
            .ends_with("expires on 2024-12-31, before it takes effect on 2025-03-01."),
        "{}",
        finding.message
    );
    none_of(&registry, "agreement-expired", TODAY);
    registry.edit(RECORD, "status: active", "status: draft");
    expect(
        &registry.findings(),
        "dates-out-of-order",
        RECORD,
        28,
        Error,
    );

    // Turned off, the review and expiry rules report the dates as written.
    registry.edit(RECORD, "status: draft", "status: active");
    registry.write(
        "isg.yaml",
        "name: Minimal test registry\nrules:\n  dates-out-of-order: off\n",
    );
    let findings = registry.findings();
    expect(&findings, "agreement-expired", RECORD, 28, Error);
    assert!(findings.iter().all(|f| f.rule != "dates-out-of-order"));
}

#[test]
fn residual_above_inherent() {
    let registry = Scratch::minimal();
    // 2 x 3 = 6 before mitigation; the same after it is allowed.
    registry.edit(
        RECORD,
        "residual: {likelihood: 1, impact: 3}",
        "residual: {likelihood: 3, impact: 2}",
    );
    none_of(&registry, "residual-above-inherent", TODAY);
    registry.edit(
        RECORD,
        "residual: {likelihood: 3, impact: 2}",
        "residual: {likelihood: 4, impact: 2}",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "residual-above-inherent", RECORD, 49, Warning);
    assert_eq!(finding.span.start.column, 9);
    assert_eq!(
        finding.message,
        "Risk `wrong-person` of flow `care-summary` scores 8 after mitigation, more than the 6 it scores before."
    );
    // Without a residual score the risk is taken as not reduced.
    registry.edit(RECORD, "        residual: {likelihood: 4, impact: 2}\n", "");
    none_of(&registry, "residual-above-inherent", TODAY);
}

#[test]
fn dpia_after_start() {
    let registry = Scratch::minimal();
    // The care record takes effect on 2025-03-01; a DPIA that day is in time.
    registry.edit(RECORD, "completed: 2025-02-01", "completed: 2025-03-01");
    none_of(&registry, "dpia-after-start", TODAY);
    registry.edit(RECORD, "completed: 2025-03-01", "completed: 2025-03-02");
    let findings = registry.findings();
    let finding = expect(&findings, "dpia-after-start", RECORD, 23, Warning);
    assert_eq!(
        finding.message,
        "The DPIA was completed on 2025-03-02, 1 day after \"Shared care record\" took effect on 2025-03-01."
    );
    // A completion date still to come is a mistyped date, reported once.
    registry.edit(RECORD, "completed: 2025-03-02", "completed: 2052-03-02");
    let findings = registry.findings();
    expect(&findings, "date-in-future", RECORD, 23, Error);
    assert!(findings.iter().all(|f| f.rule != "dpia-after-start"));
    registry.write(
        "isg.yaml",
        "name: Minimal test registry\nrules:\n  date-in-future: off\n",
    );
    expect(
        &registry.findings(),
        "dpia-after-start",
        RECORD,
        23,
        Warning,
    );
}

#[test]
fn anonymised_with_identifiers() {
    let registry = Scratch::minimal();
    // The care summary shares identifiers; marked anonymised, it would
    // escape every rule for personal data.
    registry.edit(
        RECORD,
        "identifiability: identifiable",
        "identifiability: anonymised",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "anonymised-with-identifiers", RECORD, 34, Error);
    assert_eq!(finding.span.start.column, 18);
    assert_eq!(
        finding.message,
        "Flow `care-summary` is marked anonymised but shares identifiers, which identify people."
    );
    registry.edit(
        RECORD,
        "identifiability: anonymised",
        "identifiability: aggregate",
    );
    expect(
        &registry.findings(),
        "anonymised-with-identifiers",
        RECORD,
        34,
        Error,
    );
    // Pseudonymised data may keep a key in place of the identifiers.
    registry.edit(
        RECORD,
        "identifiability: aggregate",
        "identifiability: pseudonymised",
    );
    none_of(&registry, "anonymised-with-identifiers", TODAY);
    // Aggregate figures without identifiers are what aggregate means.
    registry.edit(
        RECORD,
        "identifiability: pseudonymised",
        "identifiability: aggregate",
    );
    registry.edit(
        RECORD,
        "categories: [identifiers, social-care]",
        "categories: [social-care]",
    );
    none_of(&registry, "anonymised-with-identifiers", TODAY);
}

#[test]
fn flows_missing() {
    let registry = Scratch::minimal();
    let text = registry.read(RECORD);
    let without_flows = format!("{}flows: []\n", &text[..text.find("flows:").unwrap()]);
    registry.write(RECORD, without_flows);
    let findings = registry.findings();
    let finding = expect(&findings, "flows-missing", RECORD, 28, Error);
    assert_eq!(
        finding.message,
        "\"Shared care record\" is an active operational agreement (tier 3) but states no data flows."
    );
    // A draft may still be being written.
    registry.edit(RECORD, "status: active", "status: draft");
    none_of(&registry, "flows-missing", TODAY);
    // A purpose-level agreement may set common rules only.
    registry.edit(RECORD, "status: draft", "status: active");
    registry.edit(RECORD, "tier: 3", "tier: 2");
    // Nor is the tier 1 protocol, which has no flows either, reported.
    none_of(&registry, "flows-missing", TODAY);
}

#[test]
fn parent_not_in_force() {
    let registry = Scratch::minimal();
    for status in ["draft", "suspended", "terminated"] {
        let text = registry.read(PROTOCOL);
        let start = text.find("status: ").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        registry.write(
            PROTOCOL,
            format!("{}status: {status}{}", &text[..start], &text[end..]),
        );
        let findings = registry.findings();
        let finding = expect(&findings, "parent-not-in-force", RECORD, 4, Error);
        let said = if status == "draft" {
            "still a draft"
        } else {
            status
        };
        assert_eq!(
            finding.message,
            format!(
                "\"Shared care record\" is active, but its parent \"Care protocol\" is {said}."
            )
        );
    }
    // A draft under a parent not yet in force is how agreements are written.
    registry.edit(RECORD, "status: active", "status: draft");
    none_of(&registry, "parent-not-in-force", TODAY);
}
