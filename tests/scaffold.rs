//! `isg init`, `isg new` and `isg schema`: a new registry checks clean, new
//! records written from options or answered on a terminal check clean, and
//! nothing a user already has is overwritten.

mod common;

use common::{Scratch, TODAY, isg, rules_of};
use std::path::Path;
use std::process::Output;

fn run(args: &[&str]) -> Output {
    isg(args, None)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `isg check --format json` on a folder: its exit code and rule names.
fn check(dir: &Path) -> (i32, Vec<String>) {
    let output = isg(&["check", "--format", "json", "--today", TODAY], Some(dir));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let rules = rules_of(&json).into_iter().map(str::to_owned).collect();
    (output.status.code().unwrap_or(-1), rules)
}

fn init(dir: &Path) {
    let output = run(&[
        "init",
        dir.to_str().expect("utf-8 path"),
        "--name",
        "Fylde Coast sharing registry",
        "--today",
        "2026-04-01",
    ]);
    assert!(output.status.success(), "{}", text(&output));
}

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
fn init_makes_a_registry_that_checks_clean() {
    let scratch = Scratch::empty();
    let dir = scratch.path().join("registry");
    init(&dir);
    for file in [
        "isg.yaml",
        "mou.yaml",
        "README.md",
        ".gitignore",
        ".vscode/settings.json",
        ".github/workflows/isg.yml",
        "schemas/agreement.schema.json",
        "organisations/README.md",
        "agreements/README.md",
    ] {
        assert!(dir.join(file).is_file(), "{file} is written");
    }
    assert!(dir.join(".git").is_dir(), "a git repository is started");
    let (code, rules) = check(&dir);
    assert_eq!(code, 0);
    // A repository without commits has no sign-off to read; nothing else.
    assert_eq!(rules, ["history-unavailable"]);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.starts_with("# Fylde Coast sharing registry\n"));
    for step in [
        "isg new organisation",
        "isg new agreement",
        "isg sign",
        "isg render",
    ] {
        assert!(readme.contains(step), "the README explains {step}");
    }
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/isg.yml")).unwrap();
    for part in [
        "fetch-depth: 0",
        "isg check --format github ${ISG_BASE:+--base \"$ISG_BASE\"}",
        "github.event.before",
        "isg status --format markdown ${ISG_BASE:+--base \"$ISG_BASE\"} >> \"$GITHUB_STEP_SUMMARY\"",
        "upload-sarif",
        "isg render --out site",
        "deploy-pages",
    ] {
        assert!(workflow.contains(part), "the workflow has {part}");
    }
}

#[test]
fn init_refuses_to_overwrite_anything() {
    let scratch = Scratch::empty();
    scratch.write("README.md", "our own readme\n");
    let output = run(&["init", scratch.path().to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("already has README.md; nothing was written"),
        "{}",
        text(&output)
    );
    assert_eq!(scratch.read("README.md"), "our own readme\n");
    assert!(!scratch.path().join("isg.yaml").exists());
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
fn a_terminal_offers_only_what_the_categories_allow() {
    let scratch = Scratch::example();
    let mut session = on_terminal("flow", scratch.path());
    let mut answer = |question: &str, reply: &str| session.answer(question, reply);
    answer(
        "Which agreement is the flow part of?",
        "carers-support-referrals",
    );
    answer(
        "What is the flow, in a sentence?",
        "The carers trust sends the names of carers it could not reach.",
    );
    answer("[carers-trust-sends-names-of] > ", "unreached-carers");
    answer("Which party sends the data?", "2");
    answer("   1  lancashire-teaching-hospitals", "");
    answer("Which parties receive it?", "1");
    answer("Whose data is it?", "carers");
    answer("What kinds of data are shared?", "identifiers");
    // Only two choices are offered, with the reason; a third is refused.
    answer(
        "The data includes `identifiers`, which identify people: identifiable, or pseudonymised if they are replaced by a key before it is shared.\r\n   1  identifiable\r\n   2  pseudonymised\r\n> ",
        "aggregate",
    );
    answer(
        "the data includes `identifiers`, which identify people, so it is not aggregate; choose identifiable, or pseudonymised if they are replaced by a key. Try again > ",
        "1",
    );
    answer("Which data items, exactly?", "carer name; phone number");
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

#[test]
fn schema_writes_the_schemas_editors_use() {
    let scratch = Scratch::empty();
    let out = scratch.path().join("schemas");
    let output = run(&["schema", "--out", out.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{}", text(&output));
    for name in ["settings", "mou", "organisation", "agreement"] {
        let file = format!("{name}.schema.json");
        let shipped = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("schemas")
                .join(&file),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join(&file)).unwrap(),
            shipped,
            "{file}"
        );
    }

    // Without --out, into the registry's `schemas/`, where its files'
    // `$schema` lines look, even from inside `agreements/`.
    let registry = Scratch::minimal();
    let output = common::isg_command()
        .current_dir(registry.path().join("agreements"))
        .arg("schema")
        .output()
        .expect("run isg");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        registry
            .path()
            .join("schemas/agreement.schema.json")
            .is_file()
    );
    assert!(!registry.path().join("agreements/schemas").exists());
}

/// `isg new WHAT` in `registry`, on a pseudo-terminal.
fn on_terminal(what: &str, registry: &Path) -> Terminal {
    let mut command = common::isg_command();
    command
        .args(["new", what, "--today", TODAY, "--registry"])
        .arg(registry);
    Terminal(rexpect::session::spawn_command(command, Some(20_000)).expect("pty"))
}

struct Terminal(rexpect::session::PtySession);

impl Terminal {
    /// Waits for `question`, then types `reply` and Enter.
    fn answer(&mut self, question: &str, reply: &str) {
        self.0
            .exp_string(question)
            .unwrap_or_else(|e| panic!("{question}: {e}"));
        self.0.send_line(reply).expect("send");
    }

    /// Waits for `last` and for the command to end.
    fn finish(mut self, last: &str) {
        self.0.exp_string(last).expect("the last words");
        self.0.exp_eof().expect("the command ends");
    }
}

#[test]
fn new_organisation_asks_its_questions_on_a_terminal() {
    let scratch = Scratch::empty();
    init(scratch.path());
    let mut session = on_terminal("organisation", scratch.path());
    let mut answer = |question: &str, reply: &str| session.answer(question, reply);
    answer(
        "What is the organisation's full name?",
        "Lytham Community Carers",
    );
    answer("[lytham-community-carers] > ", "");
    answer("What kind of organisation is it?", "charity");
    answer("is not one of nhs-trust", "10");
    answer("Is it a public authority under UK GDPR?", "");
    answer("Its NHS ODS code?", "");
    answer("Does another organisation keep this record for it?", "");
    answer("ICO registration number?", "");
    answer(
        "Why is it exempt from the data protection fee?",
        "A not-for-profit body with an exemption.",
    );
    answer("Its latest published DSPT outcome?", "");
    answer("Which DSPT cycle is that outcome for?", "");
    answer("When was it published?", "2026-30-06");
    answer("Try again", "2026-06-30");
    answer(
        "Is the accountable officer its Caldicott Guardian or its SIRO?",
        "2",
    );
    answer("The accountable officer's name?", "Ann Hughes");
    answer("Their work email address?", "ann.hughes@lcc.example");
    answer("The Data Protection Officer's name?", "");
    answer("Where should partners report a breach?", "");
    answer("Where do FOI and subject access requests go?", "");
    answer(
        "When was staff IG training compliance last confirmed?",
        "2026-09-01",
    );
    answer("What share of staff completed the training?", "100");
    answer(
        "When did the accountable officer sign the registry's MoU?",
        "2026-10-01",
    );
    session.finish("It passes `isg check`.");
    let written = scratch.read("organisations/lytham-community-carers.yaml");
    for part in [
        "kind: voluntary-sector\n",
        "exempt: A not-for-profit body with an exemption.\n",
        "year: 2025-26\n",
        "published: 2026-06-30\n",
        "roles: [siro]\n",
        "breach: ann.hughes@lcc.example\n",
        "signed_by: ann-hughes\n",
    ] {
        assert!(written.contains(part), "{part} in {written}");
    }
    assert!(
        !written.contains("public_authority"),
        "the kind's default is not repeated"
    );
    assert_eq!(check(scratch.path()).0, 0);
}

#[test]
fn new_flow_offers_the_agreements_parties_on_a_terminal() {
    let scratch = Scratch::example();
    let mut session = on_terminal("flow", scratch.path());
    let mut answer = |question: &str, reply: &str| session.answer(question, reply);
    answer(
        "Which agreement is the flow part of?",
        "carers-support-referal",
    );
    answer(
        "did you mean `carers-support-referrals`?",
        "carers-support-referrals",
    );
    answer(
        "What is the flow, in a sentence?",
        "The carers trust reports how many referrals it took up.",
    );
    answer("[carers-trust-reports-how-many] > ", "uptake-report");
    answer("Which party sends the data?", "2");
    answer("   1  lancashire-teaching-hospitals", "");
    answer("Which parties receive it?", "1");
    answer("Whose data is it?", "patients");
    // A wrong answer is mended by going back to it.
    answer("What kinds of data are shared?", "back");
    answer("Whose data is it?", "carers");
    answer("What kinds of data are shared?", "social-care");
    answer("How identifiable is it?", "aggregate");
    answer(
        "Which data items, exactly?",
        "referrals received; referrals taken up",
    );
    answer("How often does it move?", "monthly");
    answer("How does it move?", "secure-email");
    answer("Is it encrypted while it moves?", "");
    answer("About how many people's records move in a year?", "");
    answer("Which country does the recipient store it in?", "");
    answer(
        "How long does the recipient keep it",
        "Kept for a year, then deleted.",
    );
    answer("Who at the recipient may see it?", "");
    answer("May the recipient pass it on?", "");
    answer(
        "What is the flow's main risk",
        "A count is small enough to identify a carer",
    );
    answer("How likely is it, 1 (rare) to 5 (almost certain)?", "6");
    answer("give a number from 1 to 5", "2");
    answer("How bad would it be", "2");
    answer(
        "What reduces it?",
        "Counts under 5 are shown as fewer than 5",
    );
    answer("How likely is it after those measures", "1");
    answer("How bad after those measures", "2");
    answer("[lancashire-carers-trust/gillian-parr] > ", "");
    session.finish("It passes `isg check`.");
    let agreement = scratch.read("agreements/carers-support-referrals/agreement.yaml");
    let added = agreement
        .split("  - id: uptake-report\n")
        .nth(1)
        .expect("the flow is added");
    for part in [
        "    from: lancashire-carers-trust\n",
        "    to: [lancashire-teaching-hospitals]\n",
        "    subjects: [carers]\n",
        "    identifiability: aggregate\n",
        "    items: [referrals received, referrals taken up]\n",
        "    encrypted: true\n",
        "    onward_sharing: prohibited\n",
    ] {
        assert!(added.contains(part), "{part} in {added}");
    }
}
