//! `signoff-by-non-signatory`: a sign-off trailer by someone else.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("signoff-by-non-signatory", Family::History, Level::Warning),
    summary: "A sign-off commit for an agreement's current version is not by any party's signatory.",
    checks: "Sign-off trailers for an agreement's current digest whose commit author is not the signatory of any of its parties, and transcriptions of sign-offs given on paper (`Agreement-Sign-Off-Transcribed`) not made by an administrator or IG lead of the lead organisation, or for an organisation that is not a signing party. They are reported and never counted. A commit that carries other commits' trailers in its body, or several of them, is reported as a squash merge.",
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
            let id = trailer.commit.to_string();
            let commit = super::short(&id);
            if let Some(paper) = &trailer.transcription {
                let whose = match agreement.party(&paper.org) {
                    Some(_) => String::new(),
                    None => format!(" It names `{}`, which is not a party.", paper.org),
                };
                out.push(
                    Diagnostic::new(
                        &RULE,
                        agreement.file.as_str(),
                        Location::Value("/id".into()),
                        format!(
                            "Commit {commit} transcribes a sign-off given on paper as {} <{}>, who is not an administrator or IG lead of the lead organisation, so it does not count.{whose}",
                            trailer.author_name, trailer.author_email
                        ),
                    )
                    .with_help("An administrator or IG lead of the lead organisation records approvals given on paper with `isg sign AGREEMENT --transcribe`."),
                );
                continue;
            }
            let squash = !trailer.in_block || trailer.in_commit > 1;
            let mut message = format!(
                "Commit {commit} signs off this version as {} <{}>, who is not the signatory of any party, so it does not count.",
                trailer.author_name, trailer.author_email
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
