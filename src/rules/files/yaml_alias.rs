//! `yaml-alias`: anchors, aliases, tags and merge keys are refused.

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::YAML_ALIAS,
    summary: "A file uses YAML anchors, aliases, tags or merge keys.",
    checks: "That no file uses `&anchor`, `*alias`, `<<:` merge keys or `!tag`s.",
    why: "An agreement must say what it means in place, so that a reader of any one part sees exactly what was signed. Aliases also allow files that expand to gigabytes (\"billion laughs\").",
    example: "risks:\n  - &usual {id: loss, description: Data lost, likelihood: 2, impact: 3}\n  - *usual",
    fix: "Write out each value where it is needed, and remove the `&`, `*`, `<<` or `!` marker.",
    check: Check::Loader,
};
