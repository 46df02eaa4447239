//! `signoff-by-non-signatory`: a sign-off trailer by someone else.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("signoff-by-non-signatory", Family::History, Level::Warning),
    summary: "A sign-off commit for an agreement's current version is not by any party's signatory.",
    checks: "Sign-off trailers for an agreement's current digest whose commit author is not the signatory of any of its parties. They are reported and never counted. A commit that carries other commits' trailers in its body, or several of them, is reported as a squash merge.",
    why: "Only the named signatory can sign for a party. A trailer written by someone else proves nothing; and squash merges replace every signatory's authorship with the person who merged, losing the proof.",
    example: "# commit by ig.admin@example.org:\nAgreement-Sign-Off: lpres-shared-care-record sha256:...",
    fix: "The party's signatory signs with `isg sign` themselves. Merge pull requests with a merge commit or by rebasing, never by squashing.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    for agreement in &context.registry.agreements {
        let Some(state) = context.history.of(&agreement.id) else {
            continue;
        };
        for trailer in &state.strangers {
            let squash = !trailer.in_block || trailer.in_commit > 1;
            let mut message = format!(
                "Commit {} signs off this version as {} <{}>, who is not the signatory of any party, so it does not count.",
                super::short(&trailer.commit.to_string()),
                trailer.author_name,
                trailer.author_email
            );
            if squash {
                message.push_str(" It carries sign-offs copied from other commits, as a squash merge does: squashing loses who signed.");
            }
            out.push(
                Diagnostic::new(&RULE, agreement.file.as_str(), Location::Value("/id".into()), message)
                    .with_help("Each party's signatory signs with `isg sign`; merge pull requests with a merge commit or rebase, never squash."),
            );
        }
    }
}
