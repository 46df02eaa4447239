//! `signoff-unverified`: a sign-off the `verified` policy cannot accept.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::pointer;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("signoff-unverified", Family::History, Level::Error),
    summary: "The registry requires verified sign-off and a sign-off is only recorded.",
    checks: "When `policy.signoff` is `verified`: that each party's sign-off commit is signed with SSH (git's `gpgsig`, SSHSIG, namespace `git`) by one of the signatory's `signing_keys` as they stood on the branch before the change that brought the sign-off in. A key added in the same change does not count. A sign-off given on paper and transcribed (`isg sign --transcribe`) has no signature of the signatory, so it counts only with `policy.accept_transcribed: true`.",
    why: "A recorded sign-off proves only what the commit's author field says, which anyone can set. An SSH signature by a key registered beforehand proves the signatory made it.",
    example: "policy:\n  signoff: verified\n# the signatory's sign-off commit is not SSH-signed",
    fix: "The signatory adds their SSH public key to `signing_keys` in their organisation's file (merged first), configures git to sign commits with it (`git config gpg.format ssh`, `user.signingkey`, `commit.gpgsign true`), and runs `isg sign` again.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    for agreement in &registry.agreements {
        let Some(state) = context.history.of(&agreement.id) else {
            continue;
        };
        for (sign_off, why) in &state.unverified {
            let index = agreement
                .parties
                .iter()
                .position(|p| p.org == sign_off.org)
                .unwrap_or(0);
            let officer = registry
                .officer(&sign_off.org, &sign_off.officer)
                .map_or(sign_off.officer.as_str(), |o| o.name.as_str());
            let org = registry.organisation_name_or_id(&sign_off.org);
            out.push(
                Diagnostic::new(
                    &RULE,
                    agreement.file.as_str(),
                    Location::Value(pointer!("parties", index, "signatory")),
                    format!("{officer}'s sign-off for {org} (commit {}) is not verified: {why}.", super::short(&sign_off.commit)),
                )
                .with_help(match sign_off.level {
                    crate::model::SignoffLevel::Transcribed => "The signatory signs with `isg sign` (an SSH-signed commit), or the registry accepts sign-offs given on paper with `accept_transcribed: true` under `policy` in isg.yaml.",
                    _ => "Register the signatory's SSH key under `signing_keys` (merged first), sign commits with it, and run `isg sign` again.",
                }),
            );
        }
    }
}
