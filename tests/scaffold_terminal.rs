//! `isg new` on a terminal (a pseudo-terminal): the questions for an
//! organisation and a flow, wrong answers asked again, going back, and only
//! the choices the answers so far allow. (From options: `scaffold_new.rs`.)

mod common;

use common::scaffold::{check, init};
use common::{Scratch, TODAY};
use std::path::Path;

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
