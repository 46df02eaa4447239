//! `comment-in-value`: the end of an unquoted value read as a comment.
//!
//! Found by the loader as it reads each file (`registry/comment_in_value.rs`).

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::COMMENT_IN_VALUE,
    summary: "The end of an unquoted value is read as a comment, because it follows ` #`.",
    checks: "Unquoted text values followed on the same line by a `#` with a space before it and none after it, such as `name: Blackpool #1 Care Home`: YAML reads everything from ` #` on as a comment, so the value is only `Blackpool`. A comment written with a space after the `#` (`# like this`) is not reported.",
    why: "The value recorded, signed and published would lose its end without any error: an organisation's name, a retention period or a mitigation cut short.",
    example: "name: Blackpool #1 Care Home",
    fix: "Put the whole value in quotes (`name: \"Blackpool #1 Care Home\"`), or, if it is a comment, put a space after the `#`.",
    check: Check::Loader,
};
