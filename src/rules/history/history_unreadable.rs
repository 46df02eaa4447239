//! `history-unreadable`: the history exists but a commit in it cannot be
//! read, so sign-off cannot be decided.

use super::REGISTRY_FILE;
use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};
use crate::signoff::HistoryState;

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("history-unreadable", Family::History, Level::Error),
    summary: "A commit in the registry's history cannot be read, so sign-off cannot be checked.",
    checks: "That every commit reachable from the revision checked can be read: its author, dates, message and tree. A damaged or hand-made commit (a date too large for git to read, a missing object) stops the sign-off rules, and this error names the commit and what could not be read.",
    why: "Sign-off is decided from the whole history. Passing over a commit that cannot be read could hide a sign-off, or let a broken commit switch the sign-off check off; either way the result could not be trusted.",
    example: "# a commit made with `git hash-object --literally` whose author time is 99999999999999999999",
    fix: "Find the commit with `git fsck` or `git log`; if it is not needed, rewrite the history without it (with the agreement of every party, since sign-off commits may follow it), or restore the missing objects from another clone.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    if let HistoryState::Unreadable(broken) = &context.history {
        out.push(
            Diagnostic::new(
                &RULE,
                REGISTRY_FILE,
                Location::File,
                format!("Sign-off of agreements cannot be checked: {broken}."),
            )
            .with_help("Run `git fsck` to see what is damaged. A commit that cannot be read must be mended or removed from the history (sign-off commits after it may need to be made again); a missing object can be fetched from another full clone."),
        );
    }
}
