//! The organisation rules and the assurance level, on both sides of every
//! date boundary.

mod common;

use common::{Scratch, TODAY, describe, expect, expect_none};
use isg::diagnostic::Level::{Error, Note, Warning};

const NORTH: &str = "organisations/north-trust.yaml";
const SOUTH: &str = "organisations/south-council.yaml";

#[test]
fn ico_registration_missing() {
    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "ico_registration:\n  number: Z1234567\n  expires: 2027-03-31\n",
        "",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "ico-registration-missing", NORTH, 1, Error);
    assert!(
        finding
            .message
            .contains("North NHS Trust has no ICO registration"),
        "{}",
        finding.message
    );

    // An exemption satisfies the rule.
    registry.edit(NORTH, "ods_code: RAA\n", "ods_code: RAA\nico_registration:\n  exempt: Exempt from the fee as a public body processing only for its statutory functions.\n");
    assert!(
        registry
            .findings_of("ico-registration-missing", TODAY)
            .is_empty()
    );
}

#[test]
fn ico_registration_expired_on_both_sides_of_the_date() {
    let registry = Scratch::minimal();
    // Valid on its expiry date, with a note that it expires today.
    assert!(
        registry
            .findings_of("ico-registration-expired", "2027-03-31")
            .is_empty()
    );
    let note = expect(
        &registry.findings_on("2027-03-31"),
        "assurance-expiring",
        NORTH,
        7,
        Note,
    )
    .clone();
    assert!(
        note.message.contains("ICO registration expires today"),
        "{}",
        note.message
    );
    // Expired the day after.
    let findings = registry.findings_on("2027-04-01");
    let finding = expect(&findings, "ico-registration-expired", NORTH, 7, Error);
    assert!(
        finding
            .message
            .contains("North NHS Trust's ICO registration Z1234567 expired on 2027-03-31"),
        "{}",
        finding.message
    );
}

#[test]
fn assurance_expiring_window_includes_its_first_day() {
    let registry = Scratch::minimal();
    // 2027-03-31 is 60 days after 2027-01-30 (the default window).
    let note = expect(
        &registry.findings_on("2027-01-30"),
        "assurance-expiring",
        NORTH,
        7,
        Note,
    )
    .clone();
    assert!(note.message.contains("in 60 days"), "{}", note.message);
    assert!(
        registry
            .findings_of("assurance-expiring", "2027-01-29")
            .is_empty()
    );
    // The window follows the policy.
    registry.write("isg.yaml", "policy:\n  review_warning_days: 90\n");
    assert_eq!(
        registry
            .findings_of("assurance-expiring", "2027-01-01")
            .len(),
        2,
        "both organisations' registrations"
    );
}

#[test]
fn dspt_below_standard() {
    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "status: standards-met",
        "status: approaching-standards",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "dspt-below-standard", NORTH, 9, Error);
    assert_eq!(
        finding.message,
        "North NHS Trust's DSPT outcome for 2025-26 is Approaching Standards; the MoU asks for at least Standards Met."
    );
    assert!(finding.help.is_some());

    // The registry's policy sets the minimum.
    registry.write(
        "isg.yaml",
        "policy:\n  dspt_minimum: approaching-standards\n",
    );
    assert!(
        registry
            .findings_of("dspt-below-standard", TODAY)
            .is_empty()
    );

    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "  status: standards-met\n  year: 2025-26\n  published: 2026-06-27\n",
        "  status: not-published\n",
    );
    let finding = expect(&registry.findings(), "dspt-below-standard", NORTH, 9, Error).clone();
    assert!(
        finding.message.contains("has not published"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "  status: standards-met\n  year: 2025-26\n  published: 2026-06-27\n",
        "  status: standards-exceeded\n  year: 2025-26\n  published: 2026-06-27\n",
    );
    assert!(
        registry.findings().is_empty(),
        "{}",
        describe(&registry.findings())
    );
    registry.edit(
        NORTH,
        "  status: standards-exceeded\n  year: 2025-26\n  published: 2026-06-27\n",
        "  status: not-applicable\n",
    );
    assert!(
        registry.findings().is_empty(),
        "{}",
        describe(&registry.findings())
    );
}

#[test]
fn dspt_out_of_date_turns_over_on_1_july() {
    let registry = Scratch::minimal();
    // 2025-26 is current until the 2026-27 assessment falls due on 30 June 2027.
    assert!(
        registry
            .findings_of("dspt-out-of-date", "2027-06-30")
            .is_empty()
    );
    let findings = registry.findings_on("2027-07-01");
    let finding = expect(&findings, "dspt-out-of-date", NORTH, 10, Warning);
    assert!(
        finding
            .message
            .contains("for 2025-26; on 2027-07-01 it should be for 2026-27 or later"),
        "{}",
        finding.message
    );
}

#[test]
fn accountable_officer_missing() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "roles: [caldicott-guardian]", "roles: [ig-lead]");
    assert!(
        registry
            .findings_of("accountable-officer-missing", TODAY)
            .is_empty(),
        "the SIRO is enough"
    );
    registry.edit(NORTH, "roles: [siro]", "roles: [administrator]");
    let finding = expect(
        &registry.findings(),
        "accountable-officer-missing",
        NORTH,
        22,
        Error,
    )
    .clone();
    assert!(
        finding.message.contains("Caldicott Guardian or a SIRO"),
        "{}",
        finding.message
    );
}

#[test]
fn a_misspelt_roles_field_is_reported_once() {
    let registry = Scratch::minimal();
    // The Caldicott Guardian's roles, misspelt; the SIRO is no longer one.
    registry.edit(
        NORTH,
        "roles: [caldicott-guardian]",
        "role: [caldicott-guardian]",
    );
    registry.edit(NORTH, "roles: [siro]", "roles: [ig-lead]");
    let findings = registry.findings();
    let finding = expect(&findings, "schema", NORTH, 25, Error);
    assert!(
        finding
            .help
            .as_deref()
            .is_some_and(|help| help.starts_with("Did you mean `roles`?")),
        "{:?}",
        finding.help
    );
    // Fixing the misspelling is the fix: no second finding says the
    // organisation names no accountable officer.
    expect_none(&findings, "accountable-officer-missing");

    // The same for the DPO of a public authority.
    registry.edit(NORTH, "roles: [dpo]", "rolse: [dpo]");
    let findings = registry.findings();
    expect(&findings, "schema", NORTH, 33, Error);
    expect_none(&findings, "dpo-missing");

    // An officer written with an empty list of roles is no misspelling
    // (`schema` says the list is empty), and the finding stays.
    registry.edit(NORTH, "role: [caldicott-guardian]", "roles: []");
    expect(
        &registry.findings(),
        "accountable-officer-missing",
        NORTH,
        22,
        Error,
    );
    registry.edit(NORTH, "roles: []", "role: [caldicott-guardian]");

    // With `schema` turned off, nothing else reports the misspelling.
    registry.write(
        "isg.yaml",
        "name: Minimal test registry\nrules:\n  schema: off\n",
    );
    let findings = registry.findings();
    expect(&findings, "accountable-officer-missing", NORTH, 22, Error);
    expect(&findings, "dpo-missing", NORTH, 22, Error);
}

#[test]
fn dpo_missing_for_public_authorities_only() {
    let registry = Scratch::minimal();
    registry.edit(SOUTH, "  - id: liz-dpo\n    name: Liz Park\n    roles: [dpo]\n    email: liz.park@south.example\n", "");
    let finding = expect(&registry.findings(), "dpo-missing", SOUTH, 20, Error).clone();
    assert!(
        finding
            .message
            .contains("South Council is a public authority"),
        "{}",
        finding.message
    );
    // A council is a public authority by law, whatever its record says.
    registry.edit(
        SOUTH,
        "kind: local-authority",
        "kind: local-authority\npublic_authority: false",
    );
    let finding = expect(&registry.findings(), "dpo-missing", SOUTH, 21, Error).clone();
    assert_eq!(
        finding.help.as_deref(),
        Some("Add the DPO under `officers` with `roles: [dpo]` (UK GDPR Article 37).")
    );
    // A school may be independent, and not one.
    registry.edit(SOUTH, "kind: local-authority", "kind: education");
    assert!(registry.findings_of("dpo-missing", TODAY).is_empty());
    registry.edit(SOUTH, "public_authority: false\n", "");
    let finding = expect(&registry.findings(), "dpo-missing", SOUTH, 20, Error).clone();
    assert!(
        finding
            .help
            .as_deref()
            .is_some_and(|help| help.ends_with("say `public_authority: false`.")),
        "{:?}",
        finding.help
    );
}

#[test]
fn breach_contact_missing() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "  breach: breach@north.example\n", "");
    let finding = expect(
        &registry.findings(),
        "breach-contact-missing",
        NORTH,
        19,
        Error,
    )
    .clone();
    assert!(
        finding
            .message
            .contains("no contact for reporting breaches"),
        "{}",
        finding.message
    );
}

#[test]
fn training_attestation_stale_after_365_days() {
    let registry = Scratch::minimal();
    // Attested 2026-04-01: still counts 365 days later, not 366.
    assert!(
        registry
            .findings_of("training-attestation-stale", "2027-04-01")
            .is_empty()
    );
    let findings = registry.findings_on("2027-04-02");
    let finding = expect(&findings, "training-attestation-stale", NORTH, 17, Warning);
    assert!(
        finding.message.contains("last attested on 2026-04-01"),
        "{}",
        finding.message
    );
}

#[test]
fn training_below_target_from_the_policy() {
    let registry = Scratch::minimal();
    // 96% against the default target of 95%; exactly the target is enough.
    expect_none(&registry.findings(), "training-below-target");
    registry.edit(NORTH, "compliance_percent: 96", "compliance_percent: 95");
    expect_none(&registry.findings(), "training-below-target");

    registry.edit(NORTH, "compliance_percent: 95", "compliance_percent: 94.5");
    let findings = registry.findings();
    let finding = expect(&findings, "training-below-target", NORTH, 18, Warning);
    assert_eq!(finding.span.start.column, 23);
    assert_eq!(
        finding.message,
        "North NHS Trust records 94.5% of staff as trained in data security this year; the registry expects at least 95%."
    );
    // It says nothing about the assurance level, which FORMAT.md defines.
    expect_none(&findings, "training-attestation-stale");

    // The registry's own target.
    registry.write(
        "isg.yaml",
        "name: Minimal test registry\npolicy:\n  training_target_percent: 90\n",
    );
    expect_none(&registry.findings(), "training-below-target");

    // A fraction for a percentage.
    registry.edit(
        NORTH,
        "compliance_percent: 94.5",
        "compliance_percent: 0.97",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "training-below-target", NORTH, 18, Warning);
    assert_eq!(
        finding.help.as_deref(),
        Some("The figure is a percentage, from 0 to 100: if 0.97 means 97%, write `97`.")
    );
    registry.edit(
        NORTH,
        "compliance_percent: 0.97",
        "compliance_percent: 0.955",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "training-below-target", NORTH, 18, Warning);
    assert!(
        finding
            .help
            .as_deref()
            .is_some_and(|help| help.ends_with("if 0.955 means 95.5%, write `95.5`.")),
        "{:?}",
        finding.help
    );
}

#[test]
fn mou_not_signed() {
    let registry = Scratch::minimal();
    registry.edit("mou.yaml", "version: 1", "version: 2");
    let findings = registry.findings();
    let finding = expect(&findings, "mou-not-signed", NORTH, 13, Error);
    assert!(
        finding
            .message
            .contains("signed version 1 of the MoU; the current version is 2"),
        "{}",
        finding.message
    );
    expect(&findings, "mou-not-signed", SOUTH, 12, Error);

    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "mou:\n  version: 1\n  signed: 2025-01-15\n  signed_by: jane-smith\n",
        "",
    );
    let finding = expect(&registry.findings(), "mou-not-signed", NORTH, 1, Error).clone();
    assert!(
        finding
            .message
            .contains("has not signed the Memorandum of Understanding (version 1)"),
        "{}",
        finding.message
    );
}

/// A new MoU version published ahead of its `effective` date: the version
/// before it stays in force until that day, its signatures are noted as
/// expiring in the warning window, and from that day the new version is
/// required.
#[test]
fn mou_version_published_ahead_of_its_effective_date() {
    let registry = Scratch::minimal();
    registry.edit(
        "mou.yaml",
        "version: 1\neffective: 2024-04-01",
        "version: 2\neffective: 2027-03-01",
    );
    // Outside the 60-day window: version 1 is in force, nothing to say.
    let findings = registry.findings_on("2026-12-30");
    expect_none(&findings, "mou-not-signed");
    expect_none(&findings, "party-assurance-lapsed");
    expect_none(&findings, "assurance-expiring");

    // In the window (2027-03-01 is 60 days after 2026-12-31): a note.
    let findings = registry.findings_on("2026-12-31");
    expect_none(&findings, "mou-not-signed");
    let note = expect(&findings, "assurance-expiring", NORTH, 13, Note);
    assert_eq!(
        note.message,
        "North NHS Trust's signature of MoU version 1 expires in 60 days (2027-03-01)."
    );
    assert!(
        note.help.as_deref().is_some_and(|help| help.starts_with(
            "Version 2 of the MoU takes effect then. Ask North NHS Trust's accountable officer to sign version 2"
        )),
        "{:?}",
        note.help
    );
    let notes_of_north = |findings: &[isg::diagnostic::Finding]| {
        findings
            .iter()
            .filter(|f| {
                f.rule == "assurance-expiring" && f.file == NORTH && f.message.contains("MoU")
            })
            .count()
    };
    // Signing the new version early ends the note.
    registry.edit(NORTH, "mou:\n  version: 1", "mou:\n  version: 2");
    assert_eq!(notes_of_north(&registry.findings_on("2026-12-31")), 0);

    // On the effective date version 2 is required of those still on 1.
    let findings = registry.findings_on("2027-03-01");
    assert!(
        !findings
            .iter()
            .any(|f| f.rule == "assurance-expiring" && f.message.contains("MoU")),
        "{}",
        describe(&findings)
    );
    let finding = expect(&findings, "mou-not-signed", SOUTH, 12, Error);
    assert!(
        finding
            .message
            .ends_with("signed version 1 of the MoU; the current version is 2."),
        "{}",
        finding.message
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.rule == "mou-not-signed" && f.file == NORTH),
        "{}",
        describe(&findings)
    );
}

/// Before the new version takes effect, a signature older than the
/// version in force is still not enough.
#[test]
fn mou_signature_older_than_the_version_in_force() {
    let registry = Scratch::minimal();
    registry.edit(
        "mou.yaml",
        "version: 1\neffective: 2024-04-01",
        "version: 3\neffective: 2027-03-01",
    );
    let findings = registry.findings_on("2026-12-31");
    let finding = expect(&findings, "mou-not-signed", NORTH, 13, Error);
    assert_eq!(
        finding.message,
        "North NHS Trust signed version 1 of the MoU; the version in force is 2, until version 3 takes effect on 2027-03-01."
    );
}

#[test]
fn certificate_expired_the_day_after_its_date() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "mou:\n", "certifications:\n  - scheme: cyber-essentials\n    reference: CE-1\n    expires: 2026-11-22\nmou:\n");
    assert!(
        registry
            .findings_of("certificate-expired", "2026-11-22")
            .is_empty()
    );
    expect(
        &registry.findings_on("2026-11-22"),
        "assurance-expiring",
        NORTH,
        15,
        Note,
    );
    let findings = registry.findings_on("2026-11-23");
    let finding = expect(&findings, "certificate-expired", NORTH, 15, Warning);
    assert!(
        finding
            .message
            .contains("Cyber Essentials certificate expired on 2026-11-22"),
        "{}",
        finding.message
    );
}

#[test]
fn sponsor_invalid() {
    let registry = Scratch::minimal();
    registry.edit(
        SOUTH,
        "kind: local-authority\n",
        "kind: local-authority\nsponsor: north-trust\n",
    );
    assert!(
        registry.findings_of("sponsor-invalid", TODAY).is_empty(),
        "an assured, self-maintained sponsor is fine"
    );

    // The sponsor's own ICO registration lapses: it is unassured.
    let findings = registry.findings_on("2027-04-01");
    let finding = expect(&findings, "sponsor-invalid", SOUTH, 4, Error);
    assert!(
        finding
            .message
            .contains("South Council's sponsor, North NHS Trust, is unassured"),
        "{}",
        finding.message
    );

    registry.edit(
        NORTH,
        "kind: nhs-trust\n",
        "kind: nhs-trust\nsponsor: south-council\n",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "sponsor-invalid", SOUTH, 4, Error);
    assert!(
        finding.message.contains("is itself sponsored"),
        "{}",
        finding.message
    );

    let registry = Scratch::minimal();
    registry.edit(
        SOUTH,
        "kind: local-authority\n",
        "kind: local-authority\nsponsor: north-trusts\n",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "sponsor-invalid", SOUTH, 4, Error);
    assert!(
        finding.message.contains(
            "`north-trusts`, is not an organisation in this registry. Did you mean `north-trust`?"
        ),
        "{}",
        finding.message
    );
    assert!(
        findings.iter().all(|f| f.rule != "unknown-reference"),
        "reported once, by sponsor-invalid"
    );

    let registry = Scratch::minimal();
    registry.edit(
        SOUTH,
        "kind: local-authority\n",
        "kind: local-authority\nsponsor: south-council\n",
    );
    let finding = expect(&registry.findings(), "sponsor-invalid", SOUTH, 4, Error).clone();
    assert!(
        finding.message.contains("names itself"),
        "{}",
        finding.message
    );
}

#[test]
fn assurance_levels_and_reasons() {
    use isg::assessment::assurance::{Level, Requirement};
    let assurance_on = |registry: &Scratch, today: &str| {
        let source = isg::source::Worktree::open(registry.path()).unwrap();
        let loaded = isg::registry::load(&source).unwrap();
        let today = isg::date::Date::parse(today).unwrap();
        let context = isg::assessment::Assessment::new(
            &loaded.registry,
            today,
            isg::signoff::HistoryState::Unavailable("not a git repository".into()),
        );
        let north = context.assurance_of("north-trust").unwrap();
        (
            north.level,
            north
                .reasons
                .iter()
                .map(|r| r.requirement)
                .collect::<Vec<_>>(),
            north.expiring.len(),
        )
    };
    let registry = Scratch::minimal();
    assert_eq!(assurance_on(&registry, TODAY), (Level::Assured, vec![], 0));
    // By 2027-04-02 training has lapsed and so has the ICO registration (a core requirement).
    assert_eq!(
        assurance_on(&registry, "2027-04-02").0,
        Level::Unassured,
        "the ICO registration has lapsed too by then"
    );
    registry.edit(NORTH, "  breach: breach@north.example\n", "");
    assert_eq!(
        assurance_on(&registry, TODAY),
        (Level::Partial, vec![Requirement::BreachContact], 0)
    );
    registry.edit(NORTH, "status: standards-met", "status: standards-not-met");
    assert_eq!(
        assurance_on(&registry, TODAY),
        (
            Level::Unassured,
            vec![Requirement::DsptStandard, Requirement::BreachContact],
            0
        )
    );
    assert_eq!(
        assurance_on(&registry, "2027-03-01").2,
        1,
        "the ICO registration is within 60 days of expiry"
    );
}

#[test]
fn date_in_future_for_what_has_already_happened() {
    let registry = Scratch::minimal();
    // Today itself is allowed; the day after is not.
    registry.edit(NORTH, "attested: 2026-04-01", &format!("attested: {TODAY}"));
    expect_none(&registry.findings(), "date-in-future");
    registry.edit(NORTH, &format!("attested: {TODAY}"), "attested: 2026-11-23");
    let findings = registry.findings();
    let finding = expect(&findings, "date-in-future", NORTH, 17, Error);
    assert_eq!(finding.span.start.column, 13);
    assert_eq!(
        finding.message,
        "North NHS Trust is recorded as attesting its staff training on 2026-11-23, which is after today (2026-11-22)."
    );
    // Swapping the year's last two digits would still be in the future.
    assert_eq!(
        finding.help.as_deref(),
        Some("Write the date on which it actually happened.")
    );

    // A mistyped year, which would otherwise keep the training current
    // for decades, gets the year it most likely meant.
    registry.edit(NORTH, "attested: 2026-11-23", "attested: 2062-04-01");
    let findings = registry.findings();
    let finding = expect(&findings, "date-in-future", NORTH, 17, Error);
    assert_eq!(
        finding.help.as_deref(),
        Some("Write the date on which it actually happened: perhaps 2026-04-01?")
    );

    registry.edit(NORTH, "signed: 2025-01-15", "signed: 2052-01-15");
    registry.edit(NORTH, "published: 2026-06-27", "published: 2026-12-01");
    let findings = registry.findings();
    let mou = expect(&findings, "date-in-future", NORTH, 14, Error);
    assert!(
        mou.message
            .starts_with("North NHS Trust is recorded as signing the MoU on 2052-01-15"),
        "{}",
        mou.message
    );
    let dspt = expect(&findings, "date-in-future", NORTH, 11, Error);
    assert!(
        dspt.message
            .contains("publishing its DSPT assessment on 2026-12-01"),
        "{}",
        dspt.message
    );
    // Dates still to come by their nature are not this rule's concern.
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule == "date-in-future")
            .count(),
        3,
        "{}",
        describe(&findings)
    );
}

#[test]
fn dpo_conflict() {
    let registry = Scratch::minimal();
    // Ann Lee, the DPO, is made the SIRO as well.
    registry.edit(NORTH, "roles: [dpo]", "roles: [dpo, siro]");
    let findings = registry.findings();
    let finding = expect(&findings, "dpo-conflict", NORTH, 33, Warning);
    assert_eq!(
        finding.message,
        "Ann Lee is North NHS Trust's Data Protection Officer and also its Senior Information Risk Owner, a role that decides how data is used."
    );
    registry.edit(NORTH, "roles: [dpo, siro]", "roles: [senior-officer, dpo]");
    let finding = expect(&registry.findings(), "dpo-conflict", NORTH, 33, Warning).clone();
    assert!(
        finding
            .message
            .ends_with("also its senior officer, a role that decides how data is used."),
        "{}",
        finding.message
    );
    // An IG lead who is also the DPO decides nothing of the kind.
    registry.edit(
        NORTH,
        "roles: [senior-officer, dpo]",
        "roles: [dpo, ig-lead]",
    );
    expect_none(&registry.findings(), "dpo-conflict");
}

#[test]
fn public_authority_by_law() {
    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "kind: nhs-trust\n",
        "kind: nhs-trust\npublic_authority: false\n",
    );
    let findings = registry.findings();
    let finding = expect(&findings, "public-authority-by-law", NORTH, 4, Warning);
    assert_eq!(
        finding.message,
        "North NHS Trust is recorded as not a public authority, but as an NHS trust it is one under the Data Protection Act 2018 (section 7), and is checked as one."
    );
    // Saying so changes nothing else: it still needs its DPO.
    registry.edit(NORTH, "roles: [dpo]", "roles: [ig-lead]");
    expect(&registry.findings(), "dpo-missing", NORTH, 23, Error);
    // A school may be independent.
    registry.edit(NORTH, "kind: nhs-trust\n", "kind: education\n");
    expect_none(&registry.findings(), "public-authority-by-law");
}
