//! One mistake, one finding: which rule's finding is kept when two rules
//! report the same mistake. The table is data; `check` applies it, in
//! this order, after every rule has run, and `isg explain` shows each
//! rule's entries. A kept rule turned off in `isg.yaml` keeps nothing
//! back, so the mistake is still reported by the other.

use super::RuleInfo;
use super::agreements::{
    agreement_expired, dates_out_of_order, dpia_after_start, review_due_soon, review_overdue,
};
use super::files::{duplicate_id, id_mismatch, schema, unknown_reference};
use super::organisations::date_in_future;
use crate::code::Code;

/// How two findings are known to report one mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Same {
    /// Both are about the same value: the same field of the same file.
    Value,
    /// The left-out finding holds only because a field is absent that the
    /// kept one says was misspelt (`retension:` for `retention:`), or lies
    /// inside such a field.
    MisspeltField,
}

/// The findings a precedence leaves out.
#[derive(Clone, Copy, Debug)]
pub enum Over {
    /// Those of one rule.
    Rule(&'static RuleInfo),
    /// Those of every rule that reads the records (not the loader's, which
    /// read the files themselves).
    RecordRules,
}

/// When `kept` and another rule report one mistake (`same`), `kept`'s
/// finding stays and the other's is left out, for the reason `why`.
#[derive(Debug)]
pub struct Precedence {
    pub kept: &'static RuleInfo,
    pub over: Over,
    pub same: Same,
    pub why: &'static str,
}

/// Every precedence, in the order they are applied.
pub static PRECEDENCE: &[Precedence] = &[
    Precedence {
        kept: &dates_out_of_order::RULE,
        over: Over::Rule(&review_overdue::RULE),
        same: Same::Value,
        why: "a review date on or before the start is a mistyped date, not a review missed",
    },
    Precedence {
        kept: &dates_out_of_order::RULE,
        over: Over::Rule(&review_due_soon::RULE),
        same: Same::Value,
        why: "a review date on or before the start is a mistyped date, not a review to arrange",
    },
    Precedence {
        kept: &dates_out_of_order::RULE,
        over: Over::Rule(&agreement_expired::RULE),
        same: Same::Value,
        why: "an expiry on or before the start is a mistyped date, not an agreement that has ended",
    },
    Precedence {
        kept: &date_in_future::RULE,
        over: Over::Rule(&dpia_after_start::RULE),
        same: Same::Value,
        why: "a DPIA completed after today is a mistyped year, not a DPIA made late",
    },
    Precedence {
        kept: &schema::RULE,
        over: Over::RecordRules,
        same: Same::MisspeltField,
        why: "the field is there, misspelt; a finding that it is missing (a flow kept for no stated time, a party unassured) sends the reader looking for the wrong fix",
    },
    Precedence {
        kept: &unknown_reference::RULE,
        over: Over::Rule(&schema::RULE),
        same: Same::Value,
        why: "a reference not written as an id (`from: NWAS`) is best corrected to the record meant, which only `unknown-reference` can name",
    },
    Precedence {
        kept: &duplicate_id::RULE,
        over: Over::Rule(&id_mismatch::RULE),
        same: Same::Value,
        why: "a copied file whose id was not changed needs a new id; `id-mismatch` would offer to rename it to the id that is taken",
    },
];

impl Over {
    /// Whether this leaves out findings of the rule `code`.
    pub fn covers(self, code: Code) -> bool {
        match self {
            Over::Rule(over) => over.code == code,
            Over::RecordRules => super::find(code.name)
                .is_some_and(|rule| !matches!(rule.check, super::Check::Loader)),
        }
    }
}

/// What `isg explain` says of a rule's precedences: one sentence each, for
/// those where it is kept and those where it is left out.
pub fn of(rule: &RuleInfo) -> Vec<String> {
    let mut sentences = Vec::new();
    for precedence in PRECEDENCE {
        let same = match precedence.same {
            Same::Value => "about the same value",
            Same::MisspeltField => "because of a field it says was misspelt",
        };
        if precedence.kept == rule {
            let over = match precedence.over {
                Over::Rule(over) => format!("`{}`", over.code.name),
                Over::RecordRules => "any rule about the records".to_owned(),
            };
            sentences.push(format!(
                "Kept over {over} when both report one mistake {same}: {}.",
                precedence.why
            ));
        } else if let Over::Rule(over) = precedence.over
            && over == rule
        {
            sentences.push(format!(
                "Left out beside `{}` when both report one mistake {same}: {}.",
                precedence.kept.code.name, precedence.why
            ));
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::{Over, PRECEDENCE, of};
    use crate::rules::{RULES, find};

    #[test]
    fn each_precedence_is_between_two_rules_of_the_table() {
        for precedence in PRECEDENCE {
            assert!(RULES.contains(&precedence.kept));
            assert!(
                !precedence.over.covers(precedence.kept.code),
                "{precedence:?}"
            );
            if let Over::Rule(over) = precedence.over {
                assert!(RULES.contains(&over), "{precedence:?}");
            }
        }
        // Loader rules are never left out for a misspelling.
        let misspelling = PRECEDENCE
            .iter()
            .find(|p| matches!(p.over, Over::RecordRules))
            .unwrap();
        assert!(!misspelling.over.covers(find("duplicate-key").unwrap().code));
        assert!(
            misspelling
                .over
                .covers(find("party-assurance-lapsed").unwrap().code)
        );
    }

    #[test]
    fn explain_says_of_both_rules_which_is_kept() {
        let kept = of(find("duplicate-id").unwrap());
        assert_eq!(
            kept,
            [
                "Kept over `id-mismatch` when both report one mistake about the same value: a copied file whose id was not changed needs a new id; `id-mismatch` would offer to rename it to the id that is taken."
            ]
        );
        let dropped = of(find("id-mismatch").unwrap());
        assert_eq!(dropped.len(), 1);
        assert!(
            dropped[0].starts_with(
                "Left out beside `duplicate-id` when both report one mistake about the same value:"
            ),
            "{dropped:?}"
        );
        assert!(of(find("insecure-transfer").unwrap()).is_empty());
    }
}
