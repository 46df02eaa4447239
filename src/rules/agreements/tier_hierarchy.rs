//! `tier-hierarchy`: agreements sit under the right higher-tier agreement.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::PartyRole;
use crate::pointer;
use crate::rules::{Check, RuleInfo};
use std::collections::{HashMap, HashSet};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("tier-hierarchy", Family::Agreements, Level::Error),
    summary: "A tier 2 or 3 agreement has no parent, a parent of the wrong tier, or a party outside its parent.",
    checks: "That tier 2 and tier 3 agreements name a `parent`, that the parent has a lower tier number (a tier 3 agreement may sit under tier 2 or tier 1, a tier 2 under tier 1), that a tier 1 agreement has no parent, and that every controller and joint controller is also a party to the parent. Processors are not required in the parent: they act under contract for a controller, not as members of the protocol. A party that is no organisation in the registry is reported by `unknown-reference` alone.",
    why: "A lower-tier agreement relies on the commitments of the one above it; an organisation outside the parent has not made them.",
    example: "tier: 3\nparent: safeguarding-children-lancashire\nparties:\n  - {org: lancashire-carers-trust, role: controller, signatory: gillian-parr}   # not a party to the parent",
    fix: "Name the right parent, or add the organisation to the parent agreement first.",
    check: Check::Registry(check),
};

/// Parents with more parties than this are indexed rather than searched.
const LARGE: usize = 32;

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let registry = context.registry;
    // A protocol may have hundreds of parties, and each agreement under it
    // asks after each of its own: the parties of large parents are indexed
    // once, the first time they are asked about.
    let mut large_parents: HashMap<usize, HashSet<&str>> = HashMap::new();
    for agreement in &registry.agreements {
        let file = agreement.file.as_str();
        let Some(parent_id) = &agreement.parent else {
            if agreement.tier > 1 {
                out.push(
                    Diagnostic::new(&RULE, file, Location::Value("/tier".into()), format!("This tier {} agreement names no parent agreement.", agreement.tier))
                        .with_help("Add `parent:` with the id of the tier 1 protocol or tier 2 agreement it sits under.")
                        // Gone when `parent` is reported misspelt.
                        .because_absent(file, "/parent"),
                );
            }
            continue;
        };
        if agreement.tier == 1 {
            out.push(
                Diagnostic::new(
                    &RULE,
                    file,
                    Location::Key("/parent".into()),
                    "A tier 1 agreement is at the top of the hierarchy and has no parent.",
                )
                .with_help(
                    "Remove `parent`, or change `tier` if this agreement sits under another.",
                ),
            );
            continue;
        }
        let Some(parent_position) = registry.agreement_position(parent_id) else {
            continue;
        };
        let parent = &registry.agreements[parent_position];
        let mut in_parent = |org: &str| {
            if parent.parties.len() <= LARGE {
                return parent.party(org).is_some();
            }
            large_parents
                .entry(parent_position)
                .or_insert_with(|| parent.parties.iter().map(|p| p.org.as_str()).collect())
                .contains(org)
        };
        if parent.tier >= agreement.tier {
            out.push(
                Diagnostic::new(
                    &RULE,
                    file,
                    Location::Value("/parent".into()),
                    format!("The parent, \"{}\", is a tier {} agreement; a tier {} agreement must sit under a lower tier number.", parent.title, parent.tier, agreement.tier),
                )
                .with_help("Name the tier 1 protocol or tier 2 agreement this one sits under."),
            );
        }
        for (i, party) in agreement.parties.iter().enumerate() {
            // A party not in the registry is reported by `unknown-reference`.
            if party.role != PartyRole::Processor
                && registry.knows_organisation(&party.org)
                && !in_parent(&party.org)
            {
                out.push(
                    Diagnostic::new(
                        &RULE,
                        file,
                        Location::Value(pointer!("parties", i, "org")),
                        format!(
                            "{} is not a party to the parent agreement, \"{}\".",
                            registry
                                .organisation(&party.org)
                                .map_or(party.org.as_str(), |o| o.name.as_str()),
                            parent.title
                        ),
                    )
                    .with_help(format!(
                        "Add the organisation to {} first, or remove it here.",
                        parent.file
                    )),
                );
            }
        }
    }
}
