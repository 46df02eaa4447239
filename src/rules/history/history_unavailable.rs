//! `history-unavailable`: sign-off not checked, and why.

use super::REGISTRY_FILE;
use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};
use crate::signoff::HistoryState;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("history-unavailable", Family::History, Level::Note),
    summary: "Sign-off was not checked because there is no git history to read.",
    checks: "Says, once, why the sign-off rules did not run: the registry is not in a git repository, or the repository has no commits yet. Every other rule still runs.",
    why: "Sign-off lives in git history. Checking a folder of files without it is useful while drafting, but nobody should mistake it for a check of sign-off.",
    example: "isg check ~/Downloads/registry-copy   # a copy without .git",
    fix: "Check the registry inside its git repository (a full clone) to include sign-off.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    if let HistoryState::Unavailable(why) = &context.history {
        out.push(
            Diagnostic::new(
                &RULE,
                REGISTRY_FILE,
                Location::File,
                format!("Sign-off was not checked: {why}."),
            )
            .with_help(
                "Run `isg check` inside the registry's git repository to check sign-off too.",
            ),
        );
    }
}
