//! Each file rule, on a registry that triggers it and one that does not.

mod common;

use common::{Scratch, describe, expect, expect_none};
use isg::diagnostic::Level::Error;

const NORTH: &str = "organisations/north-trust.yaml";
const RECORD: &str = "agreements/care-record/agreement.yaml";
const SOUTH: &str = "organisations/south-council.yaml";

#[test]
fn the_minimal_fixture_is_clean() {
    let findings = Scratch::minimal().findings();
    assert!(findings.is_empty(), "{}", describe(&findings));
}

#[test]
fn yaml_syntax() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "name: North NHS Trust", "name: [North NHS Trust");
    let findings = registry.findings();
    // `[` opens a list that is never closed: the `:` on the next line is
    // where the parser finds out, but the finding is where the list opens.
    let finding = expect(&findings, "yaml-syntax", NORTH, 2, Error);
    assert_eq!(finding.span.start.column, 7, "at the `[`");
    assert_eq!(
        finding.message,
        "This `[` is never closed, so the lines after it are read as inside it."
    );
    assert_eq!(
        finding.help.as_deref(),
        Some("End it with `]` on the same line, e.g. `roles: [siro, dpo]`.")
    );
    // The broken file does not hide findings elsewhere, nor cause false ones:
    // references to north-trust are not reported as unknown.
    expect_none(&findings, "unknown-reference");
    assert_eq!(findings.len(), 1, "{}", describe(&findings));
}

/// Files are read in parallel: with many files, a broken one anywhere
/// among them is reported at that file, and only there.
#[test]
fn broken_files_among_many_are_reported_where_they_are() {
    let registry = Scratch::minimal();
    let north = registry.read(NORTH);
    for i in 0..30 {
        let id = format!("extra-{i:02}");
        registry.write(
            &format!("organisations/{id}.yaml"),
            north.replace("id: north-trust", &format!("id: {id}")),
        );
    }
    registry.edit(
        "organisations/extra-03.yaml",
        "name: North NHS Trust",
        "name: [North NHS Trust",
    );
    registry.edit(
        "organisations/extra-10.yaml",
        "kind: nhs-trust",
        "kind: nhs-trusts",
    );
    registry.edit(
        "organisations/extra-17.yaml",
        "ods_code: RAA",
        "ods_code: RAA\nods_code: RAB",
    );
    registry.edit(
        "organisations/extra-29.yaml",
        "id: extra-29",
        "id: extra-28",
    );
    let findings = registry.findings();
    expect(
        &findings,
        "yaml-syntax",
        "organisations/extra-03.yaml",
        2,
        Error,
    );
    expect(&findings, "schema", "organisations/extra-10.yaml", 3, Error);
    expect(
        &findings,
        "duplicate-key",
        "organisations/extra-17.yaml",
        5,
        Error,
    );
    // Its id is another file's: one finding, which gives its own name.
    expect(
        &findings,
        "duplicate-id",
        "organisations/extra-29.yaml",
        1,
        Error,
    );
    assert_eq!(findings.len(), 4, "{}", describe(&findings));
}

#[test]
fn yaml_syntax_does_not_stop_other_files() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "name: North NHS Trust", "name: [North NHS Trust");
    registry.edit(
        "organisations/south-council.yaml",
        "kind: local-authority",
        "kind: council",
    );
    let findings = registry.findings();
    expect(&findings, "yaml-syntax", NORTH, 2, Error);
    expect(
        &findings,
        "schema",
        "organisations/south-council.yaml",
        3,
        Error,
    );
}

#[test]
fn duplicate_key() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "kind: nhs-trust\n", "kind: nhs-trust\nkind: icb\n");
    let findings = registry.findings();
    let finding = expect(&findings, "duplicate-key", NORTH, 4, Error);
    assert!(
        finding.message.contains("`kind` appears twice"),
        "{}",
        finding.message
    );
    assert_eq!(finding.span.start.column, 1);
}

#[test]
fn yaml_alias() {
    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "  breach: breach@north.example\n  requests: dpo@north.example",
        "  breach: &contact breach@north.example\n  requests: *contact",
    );
    let findings = registry.findings();
    expect(&findings, "yaml-alias", NORTH, 20, Error);
    let alias = expect(&findings, "yaml-alias", NORTH, 21, Error);
    assert!(
        alias.message.contains("refers to another part"),
        "{}",
        alias.message
    );
    assert_eq!(alias.span.start.column, 13);
}

#[test]
fn schema_unknown_field_with_suggestion() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "  year: 2025-26", "  yaer: 2025-26");
    let findings = registry.findings();
    let unknown = findings
        .iter()
        .find(|f| f.message.contains("`yaer`"))
        .expect("unknown field finding");
    assert_eq!(
        (
            unknown.rule,
            unknown.file.as_str(),
            unknown.span.start.line,
            unknown.span.start.column
        ),
        ("schema", NORTH, 10, 3)
    );
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap()
            .contains("Did you mean `year`?")
    );
    // `year` is required, and missing because of the typo: one finding.
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // A required field missing with nothing like it in its place is
    // reported at the mapping that lacks it.
    registry.edit(NORTH, "  yaer: 2025-26\n", "");
    let findings = registry.findings();
    let missing = findings
        .iter()
        .find(|f| f.message.contains("`year` is missing"))
        .expect("missing field finding");
    assert_eq!((missing.rule, missing.span.start.line), ("schema", 8));
}

#[test]
fn schema_wrong_enum_type_pattern_and_date() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "status: standards-met", "status: standards-mett");
    registry.edit(NORTH, "number: Z1234567", "number: X1234567");
    registry.edit(NORTH, "expires: 2027-03-31", "expires: 2027-02-30");
    registry.edit(RECORD, "likelihood: 2\n", "likelihood: 7\n");
    registry.edit(RECORD, "encrypted: true", "encrypted: yes");
    let findings = registry.findings();
    let status = expect(&findings, "schema", NORTH, 9, Error);
    assert!(
        status
            .help
            .as_deref()
            .unwrap()
            .contains("Did you mean `standards-met`?")
    );
    let number = expect(&findings, "schema", NORTH, 6, Error);
    assert!(number.message.contains("X1234567"), "{}", number.message);
    let date = expect(&findings, "schema", NORTH, 7, Error);
    assert!(date.message.contains("not a real date"), "{}", date.message);
    let score = expect(&findings, "schema", RECORD, 46, Error);
    assert!(score.message.contains("at most 5"), "{}", score.message);
    let flag = expect(&findings, "schema", RECORD, 38, Error);
    assert!(
        flag.message.contains("should be true or false"),
        "{}",
        flag.message
    );
}

/// Countries are ISO 3166-1 codes. `UK` is what people type for the United
/// Kingdom: it is refused with the code to write instead, and is not taken
/// for a country outside the UK by the international transfer rule.
#[test]
fn schema_country_codes() {
    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "name: North NHS Trust\n",
        "name: North NHS Trust\ncountry: UK\n",
    );
    registry.edit(
        RECORD,
        "    retention: Viewed only.\n",
        "    retention: Viewed only.\n    storage_country: UK\n",
    );
    let findings = registry.findings();
    let country = expect(&findings, "schema", NORTH, 3, Error);
    assert!(
        country.message.contains("`country` is \"UK\""),
        "{}",
        country.message
    );
    assert_eq!(
        country.help.as_deref(),
        Some("The United Kingdom's ISO 3166-1 code is GB: write `GB`.")
    );
    let storage = expect(&findings, "schema", RECORD, 41, Error);
    assert!(storage.message.contains("\"UK\""), "{}", storage.message);
    expect_none(&findings, "international-transfer-without-safeguard");

    // A code that is no country gets the field's description, which names
    // the common codes, rather than a list of 249.
    registry.edit(RECORD, "storage_country: UK", "storage_country: EN");
    let findings = registry.findings();
    let storage = expect(&findings, "schema", RECORD, 41, Error);
    assert!(
        storage
            .help
            .as_deref()
            .unwrap()
            .contains("GB for the United Kingdom (not UK)"),
        "{:?}",
        storage.help
    );

    // Real codes are accepted, and a country without UK adequacy is one.
    registry.edit(NORTH, "country: UK", "country: GB");
    registry.edit(RECORD, "storage_country: EN", "storage_country: US");
    let findings = registry.findings();
    expect_none(&findings, "schema");
    expect(
        &findings,
        "international-transfer-without-safeguard",
        RECORD,
        41,
        Error,
    );
}

/// An officer's id written as a name is one finding, in the organisation's
/// file: the agreements and the MoU that name the officer by the right id
/// are not reported as leading nowhere.
#[test]
fn an_officer_id_written_wrongly_is_reported_once() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "  - id: jane-smith", "  - id: Jane Smith");
    let findings = registry.findings();
    let id = expect(&findings, "schema", NORTH, 23, Error);
    assert!(id.message.contains("\"Jane Smith\""), "{}", id.message);
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // A reference to no one like that officer is still reported.
    registry.edit(RECORD, "signatory: jane-smith", "signatory: chris-wood");
    let findings = registry.findings();
    expect(&findings, "signatory-invalid", RECORD, 10, Error);
}

/// A misspelt field is one finding, at the misspelling: not also what the
/// rules make of its absence, in its own file or in others.
#[test]
fn a_misspelt_field_is_reported_once() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "    retention: Viewed only.",
        "    retension: Viewed only.",
    );
    let findings = registry.findings();
    let typo = expect(&findings, "schema", RECORD, 40, Error);
    assert!(typo.message.contains("`retension`"), "{}", typo.message);
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // Genuinely missing, it is reported as missing.
    registry.edit(RECORD, "    retension: Viewed only.\n", "");
    let findings = registry.findings();
    expect(&findings, "retention-missing", RECORD, 29, Error);
    expect_none(&findings, "schema");

    // A required field misspelt is unknown, not also missing.
    let registry = Scratch::minimal();
    registry.edit(RECORD, "    to: [north-trust]", "    too: [north-trust]");
    let findings = registry.findings();
    expect(&findings, "schema", RECORD, 31, Error);
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // `parent` misspelt: not also a tier 3 agreement without a parent.
    let registry = Scratch::minimal();
    registry.edit(RECORD, "parent: care-protocol", "parnet: care-protocol");
    let findings = registry.findings();
    expect(&findings, "schema", RECORD, 4, Error);
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // `parties` misspelt: not also a lead and flow ends that are no party.
    let registry = Scratch::minimal();
    registry.edit(RECORD, "parties:", "partys:");
    let findings = registry.findings();
    expect(&findings, "schema", RECORD, 7, Error);
    assert_eq!(findings.len(), 1, "{}", describe(&findings));
}

/// An organisation's misspelt field is not repeated as its lapsed
/// assurance in the agreements it is a party to, unless something else
/// has lapsed as well.
#[test]
fn a_misspelt_assurance_field_is_reported_once() {
    let registry = Scratch::minimal();
    // South Council's record is kept by North NHS Trust, so a lapse of
    // North's assurance would also be reported as an unassured sponsor.
    registry.edit(
        SOUTH,
        "kind: local-authority\n",
        "kind: local-authority\nsponsor: north-trust\n",
    );
    expect_none(&registry.findings(), "sponsor-invalid");
    registry.edit(NORTH, "ico_registration:", "ico_registraton:");
    let findings = registry.findings();
    let typo = expect(&findings, "schema", NORTH, 5, Error);
    assert!(
        typo.help
            .as_deref()
            .is_some_and(|help| help.starts_with("Did you mean `ico_registration`?")),
        "{:?}",
        typo.help
    );
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // With the MoU signature gone too, the party has lapsed for a reason
    // of its own: that, and the missing signature, are reported.
    registry.edit(
        NORTH,
        "mou:\n  version: 1\n  signed: 2025-01-15\n  signed_by: jane-smith\n",
        "",
    );
    let findings = registry.findings();
    expect(&findings, "mou-not-signed", NORTH, 1, Error);
    expect(&findings, "sponsor-invalid", SOUTH, 4, Error);
    let lapsed = expect(&findings, "party-assurance-lapsed", RECORD, 8, Error);
    assert!(
        lapsed.message.contains("no ICO registration"),
        "{}",
        lapsed.message
    );
    expect_none(&findings, "ico-registration-missing");

    // An officer's `roles` misspelt: not also a signatory without authority.
    let registry = Scratch::minimal();
    registry.edit(
        NORTH,
        "    roles: [caldicott-guardian]",
        "    role: [caldicott-guardian]",
    );
    let findings = registry.findings();
    expect(&findings, "schema", NORTH, 25, Error);
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // `officers` misspelt: not also every signatory, risk owner and MoU
    // signature naming an officer the organisation seems not to have.
    let registry = Scratch::minimal();
    registry.edit(NORTH, "officers:", "officer:");
    let findings = registry.findings();
    let typo = expect(&findings, "schema", NORTH, 22, Error);
    assert!(
        typo.help
            .as_deref()
            .is_some_and(|help| help.starts_with("Did you mean `officers`?")),
        "{:?}",
        typo.help
    );
    assert_eq!(findings.len(), 1, "{}", describe(&findings));
    // Without any officers at all, those findings are the point.
    registry.remove(NORTH);
    registry.write(
        NORTH,
        Scratch::minimal()
            .read(NORTH)
            .split("officers:")
            .next()
            .unwrap(),
    );
    let findings = registry.findings();
    expect(&findings, "signatory-invalid", RECORD, 10, Error);
    expect(&findings, "unknown-reference", RECORD, 50, Error);
}

/// With `schema` turned off the misspelling goes unreported, so what the
/// rules make of the missing field is reported instead.
#[test]
fn a_misspelt_field_is_reported_by_the_rules_when_schema_is_off() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "    retention: Viewed only.",
        "    retension: Viewed only.",
    );
    registry.write(
        "isg.yaml",
        "name: Minimal test registry\nrules:\n  schema: off\n",
    );
    let findings = registry.findings();
    expect(&findings, "retention-missing", RECORD, 29, Error);
    expect_none(&findings, "schema");
}

/// A reference written as words that names a record once written as an
/// id is reported once, by `schema` (which shows the id); one that names
/// nothing either way also gets the rule's did-you-mean.
#[test]
fn a_reference_written_as_words_is_reported_once() {
    for (from, to, line) in [
        ("signatory: jane-smith", "signatory: Jane Smith", 10),
        ("parent: care-protocol", "parent: Care Protocol", 4),
        ("  - org: north-trust", "  - org: North Trust", 8),
        (
            "owner: north-trust/tom-brown",
            "owner: North Trust/Tom Brown",
            50,
        ),
    ] {
        let registry = Scratch::minimal();
        registry.edit(RECORD, from, to);
        let findings = registry.findings();
        expect(&findings, "schema", RECORD, line, Error);
        assert_eq!(findings.len(), 1, "{to}:\n{}", describe(&findings));
    }
    let registry = Scratch::minimal();
    registry.edit(RECORD, "signatory: jane-smith", "signatory: Jane Smyth");
    let findings = registry.findings();
    expect(&findings, "schema", RECORD, 10, Error);
    let signatory = expect(&findings, "signatory-invalid", RECORD, 10, Error);
    assert_eq!(
        signatory.help.as_deref(),
        Some("Did you mean `jane-smith`?")
    );
    assert_eq!(findings.len(), 2, "{}", describe(&findings));
}

/// An id written as words is shown written as an id.
#[test]
fn schema_ids_written_as_words() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "      - id: wrong-person",
        "      - id: Wrong person",
    );
    registry.edit(
        RECORD,
        "owner: north-trust/tom-brown",
        "owner: North Trust/Tom Brown",
    );
    let findings = registry.findings();
    let id = expect(&findings, "schema", RECORD, 44, Error);
    assert!(
        id.message
            .ends_with("is the text \"Wrong person\", which is not an id."),
        "{}",
        id.message
    );
    assert!(
        id.help
            .as_deref()
            .unwrap()
            .starts_with("An id is lower-case letters, digits and hyphens: write `wrong-person`. "),
        "{:?}",
        id.help
    );
    let owner = expect(&findings, "schema", RECORD, 50, Error);
    assert!(
        owner
            .message
            .ends_with("which is not two ids joined by `/`."),
        "{}",
        owner.message
    );
    assert!(
        owner
            .help
            .as_deref()
            .unwrap()
            .contains("write `north-trust/tom-brown`."),
        "{:?}",
        owner.help
    );
}

#[test]
fn schema_conditional_requirements() {
    let registry = Scratch::minimal();
    // A controller needs a signatory; a DPIA is either referenced or not required.
    registry.edit(
        RECORD,
        "    role: controller\n    signatory: amir-khan",
        "    role: controller",
    );
    registry.edit(
        RECORD,
        "  reference: DPIA-1\n",
        "  reference: DPIA-1\n  not_required: Small scale.\n",
    );
    let findings = registry.findings();
    let signatory = findings
        .iter()
        .find(|f| f.message.contains("`signatory` is missing"))
        .expect("signatory finding");
    assert_eq!(
        (
            signatory.rule,
            signatory.span.start.line,
            signatory.span.start.column
        ),
        ("schema", 11, 5)
    );
    let reference = findings
        .iter()
        .find(|f| {
            f.message
                .contains("`reference` under `dpia` is not allowed")
        })
        .expect("dpia finding");
    assert_eq!((reference.rule, reference.span.start.line), ("schema", 21));
    assert!(
        reference
            .help
            .as_deref()
            .unwrap()
            .contains("Not used when the DPIA is not required"),
        "{reference:?}"
    );
}

#[test]
fn schema_empty_file() {
    let registry = Scratch::minimal();
    registry.write(NORTH, "# nothing here yet\n");
    let findings = registry.findings();
    let finding = expect(&findings, "schema", NORTH, 1, Error);
    assert!(finding.message.contains("empty"), "{}", finding.message);
    expect_none(&findings, "unknown-reference");
}

#[test]
fn id_mismatch() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "id: north-trust", "id: north-trusts");
    let findings = registry.findings();
    let finding = expect(&findings, "id-mismatch", NORTH, 1, Error);
    assert!(
        finding.message.contains("north-trusts"),
        "{}",
        finding.message
    );
    assert_eq!(finding.span.start.column, 5);

    let registry = Scratch::minimal();
    registry.edit(RECORD, "id: care-record", "id: care-records");
    let findings = registry.findings();
    let finding = expect(&findings, "id-mismatch", RECORD, 1, Error);
    assert_eq!(
        finding.help.as_deref(),
        Some("Change the id to `care-record`, or rename the folder to match `care-records`.")
    );

    // A folder named as a title: only the id is offered as its name.
    let registry = Scratch::minimal();
    let text = registry.read(RECORD);
    registry.remove("agreements/care-record");
    registry.write("agreements/Care Record/agreement.yaml", text);
    let findings = registry.findings();
    let finding = expect(
        &findings,
        "id-mismatch",
        "agreements/Care Record/agreement.yaml",
        1,
        Error,
    );
    assert_eq!(
        finding.help.as_deref(),
        Some(
            "Rename the folder to agreements/care-record/: folder names are ids, in small letters, digits and hyphens."
        )
    );
}

#[test]
fn duplicate_id_between_files_and_within_records() {
    let registry = Scratch::minimal();
    // A copied file whose id was not changed.
    registry.write("organisations/west-trust.yaml", registry.read(NORTH));
    let findings = registry.findings();
    let copy = expect(
        &findings,
        "duplicate-id",
        "organisations/west-trust.yaml",
        1,
        Error,
    );
    assert!(
        copy.message.contains("organisations/north-trust.yaml"),
        "{}",
        copy.message
    );
    // One finding for the one mistake, whose help gives the file's name as
    // the id; with `duplicate-id` off, `id-mismatch` says it instead.
    assert_eq!(findings.len(), 1, "{}", describe(&findings));
    assert!(
        copy.help
            .as_deref()
            .is_some_and(|help| help.contains("change its id to `west-trust`")),
        "{:?}",
        copy.help
    );
    registry.write("isg.yaml", "rules:\n  duplicate-id: off\n");
    let mismatch = expect(
        &registry.findings(),
        "id-mismatch",
        "organisations/west-trust.yaml",
        1,
        Error,
    )
    .clone();
    assert!(
        mismatch
            .help
            .as_deref()
            .is_some_and(|help| help.contains("Change the id to `west-trust`")),
        "{:?}",
        mismatch.help
    );

    let registry = Scratch::minimal();
    registry.edit(NORTH, "  - id: ann-dpo", "  - id: tom-brown");
    expect(&registry.findings(), "duplicate-id", NORTH, 31, Error);

    let registry = Scratch::minimal();
    registry.edit(RECORD, "  - org: south-council", "  - org: north-trust");
    let findings = registry.findings();
    let party = expect(&findings, "duplicate-id", RECORD, 11, Error);
    assert!(
        party.message.contains("listed as a party twice"),
        "{}",
        party.message
    );
}

#[test]
fn unknown_reference_with_suggestions() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "    from: south-council", "    from: south-counsil");
    registry.edit(
        RECORD,
        "owner: north-trust/tom-brown",
        "owner: north-trust/tom-browne",
    );
    registry.edit(RECORD, "parent: care-protocol", "parent: care-protocols");
    registry.edit(NORTH, "signed_by: jane-smith", "signed_by: jane-smyth");
    let findings = registry.findings();
    let from = expect(&findings, "unknown-reference", RECORD, 30, Error);
    assert!(
        from.help
            .as_deref()
            .unwrap()
            .contains("Did you mean `south-council`?")
    );
    let owner = expect(&findings, "unknown-reference", RECORD, 50, Error);
    assert!(
        owner.message.contains("tom-browne")
            && owner.help.as_deref().unwrap().contains("`tom-brown`"),
        "{owner:?}"
    );
    let parent = expect(&findings, "unknown-reference", RECORD, 4, Error);
    assert!(parent.help.as_deref().unwrap().contains("`care-protocol`"));
    let signed = expect(&findings, "unknown-reference", NORTH, 15, Error);
    assert!(signed.help.as_deref().unwrap().contains("`jane-smith`"));
    assert_eq!(findings.len(), 4, "{}", describe(&findings));
}

/// An officer is named with their organisation (`org/officer`, or an
/// originator's permission): a wrong organisation is reported as such, a
/// wrong officer of a real one as not listed there.
#[test]
fn unknown_reference_in_officer_references() {
    let registry = Scratch::minimal();
    registry.edit(
        RECORD,
        "owner: north-trust/tom-brown",
        "owner: north-trusts/tom-brown\n        accepted_by: north-trust/tom-browne",
    );
    registry.edit(
        RECORD,
        "    onward_sharing: prohibited\n",
        "    onward_sharing: prohibited\n    originator_permission: {by: ann-lee, organisation: south-counsil, date: 2025-01-01}\n",
    );
    let findings = registry.findings();
    let owner = expect(&findings, "unknown-reference", RECORD, 51, Error);
    assert!(
        owner
            .message
            .contains("The risk owner's organisation `north-trusts` is not an organisation")
            && owner.help.as_deref().unwrap().contains("`north-trust`"),
        "{owner:?}"
    );
    let accepted = expect(&findings, "unknown-reference", RECORD, 52, Error);
    assert!(
        accepted
            .message
            .contains("officer accepting the risk `tom-browne` is not an officer of"),
        "{accepted:?}"
    );
    let permission = expect(&findings, "unknown-reference", RECORD, 43, Error);
    assert!(
        permission
            .message
            .contains("originating organisation `south-counsil`")
            && permission
                .help
                .as_deref()
                .unwrap()
                .contains("`south-council`"),
        "{permission:?}"
    );
    let unknown: Vec<_> = findings
        .iter()
        .filter(|finding| finding.rule == "unknown-reference")
        .collect();
    assert_eq!(unknown.len(), 3, "{}", describe(&findings));
}

#[test]
fn a_risk_owner_written_as_the_officer_alone_is_given_the_reference_to_write() {
    let registry = Scratch::minimal();
    for written in ["tom-brown", "Tom Brown"] {
        registry.edit(
            RECORD,
            "owner: north-trust/tom-brown",
            &format!("owner: {written}"),
        );
        let findings = registry.findings();
        let owner = expect(&findings, "schema", RECORD, 50, Error);
        assert_eq!(
            owner.help.as_deref(),
            Some("Write `north-trust/tom-brown`: Tom Brown is an officer of North NHS Trust."),
            "{written}"
        );
        registry.edit(
            RECORD,
            &format!("owner: {written}"),
            "owner: north-trust/tom-brown",
        );
    }
    // Two parties with a Tom Brown: which is meant is not guessed.
    registry.edit(
        SOUTH,
        "  - id: liz-dpo",
        "  - {id: tom-brown, name: Tom Brown, roles: [ig-lead], email: tom.brown@south.example}\n  - id: liz-dpo",
    );
    registry.edit(RECORD, "owner: north-trust/tom-brown", "owner: tom-brown");
    let findings = registry.findings();
    let owner = expect(&findings, "schema", RECORD, 50, Error);
    assert!(
        !owner
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("north-trust/"),
        "{owner:?}"
    );
}

#[test]
fn an_organisation_named_by_its_initials_is_one_finding_naming_it() {
    let registry = Scratch::minimal();
    registry.edit(RECORD, "    from: south-council", "    from: SC");
    let findings = registry.findings();
    let sender = expect(&findings, "unknown-reference", RECORD, 30, Error);
    assert_eq!(
        sender.message,
        "The sender `SC` is not an organisation in this registry."
    );
    assert_eq!(
        sender.help.as_deref(),
        Some("Did you mean `south-council`?")
    );
    // Not also "`SC` is not an id: write `sc`", which names no organisation,
    // nor a flow sender that is not a party.
    assert_eq!(findings.len(), 1, "{}", describe(&findings));

    // Initials two organisations share name neither.
    let somerset = registry
        .read(SOUTH)
        .replace("id: south-council", "id: somerset-care")
        .replace("name: South Council", "name: Somerset Care");
    registry.write("organisations/somerset-care.yaml", somerset);
    let findings = registry.findings();
    let sender = expect(&findings, "unknown-reference", RECORD, 30, Error);
    assert_eq!(
        sender.help.as_deref(),
        Some("Check the spelling, or add organisations/sc.yaml.")
    );
    registry.remove("organisations/somerset-care.yaml");

    // Initials that are no organisation's: the file to add is named as an id.
    registry.edit(RECORD, "    from: SC", "    from: XYZ");
    let findings = registry.findings();
    let sender = expect(&findings, "unknown-reference", RECORD, 30, Error);
    assert_eq!(
        sender.help.as_deref(),
        Some("Check the spelling, or add organisations/xyz.yaml.")
    );

    // With `unknown-reference` off, `schema` still says the value is no id.
    registry.write("isg.yaml", "rules:\n  unknown-reference: off\n");
    let findings = registry.findings();
    expect(&findings, "schema", RECORD, 30, Error);
    expect_none(&findings, "unknown-reference");
}

#[test]
fn unknown_reference_to_a_missing_organisation_file() {
    let registry = Scratch::minimal();
    registry.remove("organisations/south-council.yaml");
    let findings = registry.findings();
    for line in [11, 30] {
        expect(&findings, "unknown-reference", RECORD, line, Error);
    }
    expect(
        &findings,
        "unknown-reference",
        "agreements/care-protocol/agreement.yaml",
        8,
        Error,
    );
    assert_eq!(findings.len(), 3, "{}", describe(&findings));
}

#[test]
fn registry_layout() {
    let registry = Scratch::minimal();
    registry.write("organisations/east-trust.yml", "id: east-trust\n");
    registry.write("agreements/half-written/notes.yaml", "title: later\n");
    registry.write("agreements/stray.yaml", "id: stray\n");
    let findings = registry.findings();
    expect(
        &findings,
        "registry-layout",
        "organisations/east-trust.yml",
        1,
        Error,
    );
    expect(
        &findings,
        "registry-layout",
        "agreements/half-written",
        1,
        Error,
    );
    expect(
        &findings,
        "registry-layout",
        "agreements/stray.yaml",
        1,
        Error,
    );

    // A record saved under the wrong name is reported once, where it is:
    // the agreements naming it are not also told it does not exist.
    let registry = Scratch::minimal();
    let south = registry.read(SOUTH);
    registry.remove(SOUTH);
    registry.write("organisations/south-council.yml", south);
    let protocol = registry.read("agreements/care-protocol/agreement.yaml");
    registry.remove("agreements/care-protocol");
    registry.write("agreements/care-protocol.yaml", protocol);
    let findings = registry.findings();
    let renamed = expect(
        &findings,
        "registry-layout",
        "organisations/south-council.yml",
        1,
        Error,
    );
    assert_eq!(
        renamed.help.as_deref(),
        Some("Rename it to south-council.yaml.")
    );
    let moved = expect(
        &findings,
        "registry-layout",
        "agreements/care-protocol.yaml",
        1,
        Error,
    );
    assert_eq!(
        moved.help.as_deref(),
        Some(
            "Each agreement has its own folder: move it to agreements/care-protocol/agreement.yaml."
        )
    );
    assert!(
        findings.iter().all(|f| f.rule != "unknown-reference"),
        "{}",
        describe(&findings)
    );

    let registry = Scratch::minimal();
    registry.remove("mou.yaml");
    let missing = expect(
        &registry.findings(),
        "registry-layout",
        "mou.yaml",
        1,
        Error,
    )
    .message
    .clone();
    assert!(missing.contains("no mou.yaml"), "{missing}");
}

#[test]
fn rule_levels_follow_isg_yaml() {
    let registry = Scratch::minimal();
    registry.edit(NORTH, "id: north-trust", "id: north-trusts");
    registry.write("isg.yaml", "rules:\n  id-mismatch: warning\n");
    expect(
        &registry.findings(),
        "id-mismatch",
        NORTH,
        1,
        isg::diagnostic::Level::Warning,
    );
    registry.write("isg.yaml", "rules:\n  id-mismatch: off\n");
    assert!(registry.findings().is_empty());
    registry.write("isg.yaml", "rules:\n  id-mismatchh: off\n");
    let findings = registry.findings();
    let unknown = expect(&findings, "schema", "isg.yaml", 2, Error);
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap()
            .contains("Did you mean `id-mismatch`?")
    );
}

#[test]
fn duplicate_id_keeps_the_record_named_after_the_id() {
    // The copy sorts before the original; the original still keeps the id.
    let registry = Scratch::minimal();
    let copy = registry
        .read(NORTH)
        .replace("name: North NHS Trust", "name: Copied NHS Trust");
    registry.write("organisations/a-copy.yaml", copy);
    registry.edit(RECORD, "signatory: jane-smith", "signatory: jane-smyth");
    let findings = registry.findings();
    let duplicate = expect(
        &findings,
        "duplicate-id",
        "organisations/a-copy.yaml",
        1,
        Error,
    );
    assert!(
        duplicate.message.contains("organisations/north-trust.yaml"),
        "{}",
        duplicate.message
    );
    // A copy whose id was not changed: its own name is the id to give it,
    // and `id-mismatch` does not also offer to rename it to the id taken.
    assert_eq!(
        duplicate.help.as_deref(),
        Some(
            "If this organisation is a copy, change its id to `a-copy`, the name of its file; otherwise remove the copy."
        )
    );
    expect_none(&findings, "id-mismatch");
    expect_none(
        &findings
            .iter()
            .filter(|f| f.file == NORTH)
            .cloned()
            .collect::<Vec<_>>(),
        "duplicate-id",
    );
    // References to north-trust mean the original, not the copy.
    let signatory = expect(&findings, "signatory-invalid", RECORD, 10, Error);
    assert!(
        signatory
            .message
            .contains("not an officer of North NHS Trust"),
        "{}",
        signatory.message
    );
}
