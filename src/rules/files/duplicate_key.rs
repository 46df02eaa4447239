//! `duplicate-key`: the same key twice in one mapping.

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::DUPLICATE_KEY,
    summary: "The same key appears twice in one mapping.",
    checks: "That no key appears twice in the same mapping, such as two `status:` lines in one organisation's `dspt`.",
    why: "Different tools keep different copies of a repeated key, so people could sign one value while the registry uses another. isg keeps the first and reports the second.",
    example: "dspt:\n  status: standards-met\n  status: approaching-standards",
    fix: "Delete the repeated line, keeping the value that is true.",
    check: Check::Loader,
};
