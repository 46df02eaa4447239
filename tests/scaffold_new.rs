//! `isg new --no-input`: organisations, agreements and flows written from
//! options check clean; missing or wrong options are all named and nothing
//! is written; dates, countries and identifiability are checked as they
//! are given; a new flow keeps the rest of its agreement's file.
//! (The same questions asked on a terminal: `scaffold_terminal.rs`.)

mod common;

use common::scaffold::{check, init, run, text};
use common::{Scratch, TODAY};
use std::path::Path;
use std::process::Output;

const HOSPITAL: &[&str] = &[
    "--name",
    "Fylde Coast Hospitals NHS Trust",
    "--id",
    "fylde-coast-hospitals",
    "--kind",
    "nhs-trust",
    "--ods-code",
    "RXL",
    "--ico-number",
    "Z1234567",
    "--ico-expires",
    "2027-06-30",
    "--dspt-status",
    "standards-met",
    "--dspt-published",
    "2026-06-30",
    "--officer-name",
    "Dr Siân Evans",
    "--officer-email",
    "sian.evans@fylde.example",
    "--dpo-name",
    "Tom Baker",
    "--dpo-email",
    "tom.baker@fylde.example",
    "--training-attested",
    "2026-06-01",
    "--training-percent",
    "96",
    "--mou-signed",
    "2026-11-02",
];

const COUNCIL: &[&str] = &[
    "--name",
    "Blackpool Borough Council",
    "--kind",
    "local-authority",
    "--ico-number",
    "Z7654321",
    "--ico-expires",
    "2027-03-31",
    "--dspt-status",
    "not-applicable",
    // The accountable officer is also the DPO: one officer, both roles.
    "--officer-role",
    "caldicott-guardian",
    "--officer-name",
    "Karen Lee",
    "--officer-email",
    "karen.lee@blackpool.example",
    "--dpo-name",
    "Karen Lee",
    "--training-attested",
    "2026-05-01",
    "--mou-signed",
    "2026-11-01",
];

const AGREEMENT: &[&str] = &[
    "--title",
    "Hospital discharge to social care",
    "--tier",
    "1",
    "--lead",
    "fylde-coast-hospitals",
    "--party",
    "blackpool-borough-council:controller",
    "--purposes",
    "direct-care",
    "--purpose",
    "The hospital tells the council's social care team when a patient who needs care at home is ready to leave.",
    "--article6",
    "e",
    "--article9",
    "h",
    "--schedule1",
    "part1-para2",
    "--common-law",
    "implied-consent",
    "--dpia-reference",
    "DPIA-2026-01",
    "--dpia-completed",
    "2026-10-01",
    "--privacy-notice",
    "https://www.fylde.example/privacy",
    "--individual-rights",
    "Ask the DPO of the organisation that holds the record.",
    "--effective",
    "2026-12-01",
];

const FLOW: &[&str] = &[
    "--agreement",
    "hospital-discharge-to-social-care",
    "--description",
    "The ward sends a discharge notice to the council's hospital social work team.",
    "--from",
    "fylde-coast-hospitals",
    "--to",
    "blackpool-borough-council",
    "--subjects",
    "patients",
    "--identifiability",
    "identifiable",
    "--categories",
    "identifiers,health,contact",
    "--items",
    "NHS number, name, address, expected discharge date, care needs",
    "--frequency",
    "daily",
    "--method",
    "mesh",
    "--volume",
    "4000",
    "--retention",
    "Kept in the social care record for 8 years after care ends.",
    "--access",
    "hospital social workers",
    "--risk",
    "A notice goes to the wrong team",
    "--likelihood",
    "2",
    "--impact",
    "3",
    "--mitigations",
    "MESH mailbox checked monthly; named recipients only",
    "--residual-likelihood",
    "1",
    "--residual-impact",
    "3",
];

/// `isg new WHAT --no-input ARGS` in `dir`.
fn new(dir: &Path, what: &str, args: &[&str]) -> Output {
    let mut all = vec!["new", what, "--no-input", "--today", TODAY, "--registry"];
    all.push(dir.to_str().expect("utf-8 path"));
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn new_records_from_options_check_clean() {
    let scratch = Scratch::empty();
    let dir = scratch.path();
    init(dir);
    for (what, args, file) in [
        (
            "organisation",
            HOSPITAL,
            "organisations/fylde-coast-hospitals.yaml",
        ),
        (
            "organisation",
            COUNCIL,
            "organisations/blackpool-borough-council.yaml",
        ),
        (
            "agreement",
            AGREEMENT,
            "agreements/hospital-discharge-to-social-care/agreement.yaml",
        ),
        (
            "flow",
            FLOW,
            "agreements/hospital-discharge-to-social-care/agreement.yaml",
        ),
    ] {
        let output = new(dir, what, args);
        assert_eq!(output.status.code(), Some(0), "{what}: {}", text(&output));
        assert!(
            text(&output).contains(&format!("Wrote {file}.\nIt passes `isg check`.")),
            "{}",
            text(&output)
        );
        assert!(
            scratch
                .read(file)
                .starts_with("# yaml-language-server: $schema=../")
        );
        let (code, rules) = check(dir);
        assert_eq!(
            (code, rules),
            (0, vec!["history-unavailable".to_owned()]),
            "after {what}"
        );
    }
    let hospital = scratch.read("organisations/fylde-coast-hospitals.yaml");
    assert!(
        hospital.contains(
            "  - id: sian-evans\n    name: Dr Siân Evans\n    roles: [caldicott-guardian]\n"
        ),
        "{hospital}"
    );
    assert!(
        hospital.contains("mou:\n  version: 1\n  signed: 2026-11-02\n  signed_by: sian-evans\n"),
        "{hospital}"
    );
    let council = scratch.read("organisations/blackpool-borough-council.yaml");
    assert!(
        council.contains("roles: [caldicott-guardian, dpo]"),
        "one officer with both roles: {council}"
    );
    let agreement = scratch.read("agreements/hospital-discharge-to-social-care/agreement.yaml");
    assert!(agreement.contains("status: draft\n"));
    assert!(
        agreement.contains("review_due: 2027-12-01\n"),
        "a year after it starts"
    );
    assert!(
        agreement.contains("signatory: karen-lee}\n"),
        "the accountable officer signs: {agreement}"
    );
    assert!(
        agreement.contains(
            "    items: [NHS number, name, address, expected discharge date, care needs]\n"
        )
    );
    assert!(agreement.contains("        owner: fylde-coast-hospitals/sian-evans\n"));

    // Made active, the agreement is complete: only sign-off is missing.
    scratch.edit(
        "agreements/hospital-discharge-to-social-care/agreement.yaml",
        "status: draft",
        "status: active",
    );
    let (code, rules) = check(dir);
    assert_eq!((code, rules), (0, vec!["history-unavailable".to_owned()]));
}

#[test]
fn new_inside_a_registry_folder_writes_to_the_registry() {
    let scratch = Scratch::empty();
    let dir = scratch.path();
    init(dir);
    let mut args = vec!["new", "organisation", "--no-input", "--today", TODAY];
    args.extend_from_slice(HOSPITAL);
    let output = common::isg_command()
        .current_dir(dir.join("organisations"))
        .args(&args)
        .output()
        .expect("run isg");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains("Wrote organisations/fylde-coast-hospitals.yaml."),
        "{}",
        text(&output)
    );
    assert!(
        dir.join("organisations/fylde-coast-hospitals.yaml")
            .is_file()
    );
    assert!(!dir.join("organisations/organisations").exists());
}

#[test]
fn missing_and_wrong_options_are_all_named_and_nothing_is_written() {
    let scratch = Scratch::empty();
    init(scratch.path());
    let output = new(
        scratch.path(),
        "organisation",
        &["--name", "Acme", "--kind", "hospital", "--ods-code", "r1"],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output);
    for part in [
        "--kind `hospital`: `hospital` is not one of nhs-trust",
        "--ods-code `r1`:",
        "--officer-name is needed: The accountable officer's name?",
        "--mou-signed is needed",
        "Run the command on a terminal to be asked",
    ] {
        assert!(message.contains(part), "{part} in {message}");
    }
    assert!(!scratch.path().join("organisations/acme.yaml").exists());

    let taken = new(scratch.path(), "organisation", HOSPITAL);
    assert!(taken.status.success());
    let again = new(scratch.path(), "organisation", HOSPITAL);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again).contains("there is already an organisation `fylde-coast-hospitals`"),
        "{}",
        text(&again)
    );
}

#[test]
fn a_country_written_uk_is_refused_with_the_code_to_write() {
    let scratch = Scratch::example();
    let output = new(
        scratch.path(),
        "flow",
        &[
            "--agreement",
            "lpres-shared-care-record",
            "--storage-country",
            "UK",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains(
            "--storage-country `UK`: `storage_country` of flow 1 is \"UK\", which is not one of the allowed values. The United Kingdom's ISO 3166-1 code is GB: write `GB`."
        ),
        "{}",
        text(&output)
    );
}

#[test]
fn a_review_date_before_the_start_is_refused() {
    let scratch = Scratch::empty();
    let dir = scratch.path().join("registry");
    init(&dir);
    for organisation in [HOSPITAL, COUNCIL] {
        let output = new(&dir, "organisation", organisation);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    }
    let mut args = AGREEMENT.to_vec();
    args.extend(["--review-due", "2026-12-01"]);
    let output = new(&dir, "agreement", &args);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains(
            "--review-due `2026-12-01`: the review comes after the sharing starts (2026-12-01)"
        ),
        "{}",
        text(&output)
    );
    assert!(
        !dir.join("agreements/hospital-discharge-to-social-care")
            .exists()
    );
    // The day after is accepted.
    args.pop();
    args.push("2026-12-02");
    let output = new(&dir, "agreement", &args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

#[test]
fn a_date_of_something_done_is_refused_after_today() {
    let scratch = Scratch::empty();
    let dir = scratch.path().join("registry");
    init(&dir);
    let with = |flag: &str, date: &str| {
        let mut args = HOSPITAL.to_vec();
        let at = args.iter().position(|arg| *arg == flag).unwrap() + 1;
        args[at] = date;
        let output = new(&dir, "organisation", &args);
        (output.status.code(), text(&output))
    };
    // TODAY is 2026-11-22.
    for flag in ["--training-attested", "--mou-signed", "--dspt-published"] {
        let (code, said) = with(flag, "2062-06-01");
        assert_eq!(code, Some(2), "{said}");
        assert!(
            said.contains(&format!(
                "{flag} `2062-06-01`: that is after today (2026-11-22); give the date it happened"
            )),
            "{said}"
        );
    }
    assert!(
        !dir.join("organisations/fylde-coast-hospitals.yaml")
            .exists()
    );
    let (code, said) = with("--training-attested", "2026-11-22");
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn identifiers_rule_out_an_anonymised_or_aggregate_flow() {
    let scratch = Scratch::empty();
    let dir = scratch.path().join("registry");
    init(&dir);
    for organisation in [HOSPITAL, COUNCIL] {
        assert_eq!(
            new(&dir, "organisation", organisation).status.code(),
            Some(0)
        );
    }
    assert_eq!(new(&dir, "agreement", AGREEMENT).status.code(), Some(0));
    let file = dir.join("agreements/hospital-discharge-to-social-care/agreement.yaml");
    let before = std::fs::read_to_string(&file).expect("agreement written");
    let with = |identifiability: &str| {
        let mut args = FLOW.to_vec();
        let at = args
            .iter()
            .position(|arg| *arg == "--identifiability")
            .unwrap()
            + 1;
        args[at] = identifiability;
        let output = new(&dir, "flow", &args);
        (output.status.code(), text(&output))
    };
    // FLOW's categories are identifiers, health and contact.
    for refused in ["aggregate", "anonymised"] {
        let (code, said) = with(refused);
        assert_eq!(code, Some(2), "{said}");
        assert!(
            said.contains(&format!(
                "--identifiability `{refused}`: the data includes `identifiers` and `contact`, which identify people, so it is not {refused}; choose identifiable, or pseudonymised if they are replaced by a key"
            )),
            "{said}"
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            before,
            "nothing written"
        );
    }
    let (code, said) = with("pseudonymised");
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn a_new_flow_joins_an_agreement_and_keeps_the_rest_of_the_file() {
    let scratch = Scratch::example();
    let file = "agreements/lpres-shared-care-record/agreement.yaml";
    let before = scratch.read(file);
    let output = new(
        scratch.path(),
        "flow",
        &[
            "--agreement",
            "lpres-shared-care-record",
            "--id",
            "audit-extract",
            "--description",
            "Access logs are sent to the trust for audit.",
            "--from",
            "north-west-shared-infrastructure-service",
            "--to",
            "lancashire-teaching-hospitals",
            "--subjects",
            "staff",
            "--identifiability",
            "identifiable",
            "--categories",
            "identifiers",
            "--items",
            "user id, record viewed, time",
            "--frequency",
            "monthly",
            "--method",
            "email",
            "--encrypted",
            "no",
            "--retention",
            "Kept for two years, then deleted.",
            "--risk",
            "Logs reach the wrong person",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--mitigations",
            "Named recipients only",
            "--residual-likelihood",
            "1",
            "--residual-impact",
            "2",
        ],
    );
    let after = scratch.read(file);
    assert!(
        after.starts_with(before.trim_end()),
        "everything before is kept: {}",
        text(&output)
    );
    assert!(after.contains("  - id: audit-extract\n"), "{after}");
    let flows = scratch
        .findings()
        .into_iter()
        .filter(|f| f.file == file)
        .map(|f| f.rule)
        .collect::<Vec<_>>();
    // Identifiable data by plain email: written, and the check says why not.
    assert_eq!(flows, ["insecure-transfer"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("`isg check` finds this in it:\n\nerror[insecure-transfer]"),
        "{}",
        text(&output)
    );
    assert!(after.contains("        owner: north-west-shared-infrastructure-service/"));
}
