//! `yaml-syntax`: a file's YAML cannot be read.

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::YAML_SYNTAX,
    summary: "A file's YAML cannot be read.",
    checks: "That every registry file is well-formed YAML: consistent indentation, closed brackets and quotes, one document per file, and nesting no deeper than 32 levels.",
    why: "A file that cannot be read cannot be checked, signed off or published: everything it says is lost until it is fixed.",
    example: "purpose: Clinicians see: the record   # a second `: ` inside an unquoted value\nparties: [unclosed",
    fix: "Go to the line and column given. Usually a value containing `: ` or `#` needs quotes, a list item is missing its `- `, or indentation is uneven (use spaces, not tabs).",
    check: Check::Loader,
};
