//! `shallow-history`: too little history to decide sign-off.

use super::REGISTRY_FILE;
use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};
use crate::signoff::HistoryState;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("shallow-history", Family::History, Level::Error),
    summary: "The repository is a shallow clone, so sign-off cannot be checked.",
    checks: "That the repository holds its full history. A shallow clone (`git clone --depth`, or CI's default checkout) lacks the commits that hold sign-offs, so no sign-off rule can be decided; they are skipped and this error says why.",
    why: "Passing an agreement as signed, or failing it as unsigned, on a partial history would be wrong either way.",
    example: "- uses: actions/checkout@v4   # fetches one commit by default",
    fix: "Fetch the full history: `git fetch --unshallow`, or in GitHub Actions `actions/checkout` with `fetch-depth: 0`.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    if matches!(context.history, HistoryState::Shallow) {
        out.push(
            Diagnostic::new(&RULE, REGISTRY_FILE, Location::File, "This repository is a shallow clone, so sign-off of agreements cannot be checked.")
                .with_help("Fetch the full history: `git fetch --unshallow`, or in GitHub Actions use `actions/checkout` with `fetch-depth: 0`."),
        );
    }
}
