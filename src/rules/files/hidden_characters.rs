//! `hidden-characters`: text holding characters that hide or disguise what
//! it says: a line break in a one-line field, a control character, an
//! invisible character that reorders how text is shown ("Trojan Source"),
//! or a zero-width one.
//!
//! Found by the loader as it reads each file (`registry/hidden_characters.rs`).

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::HIDDEN_CHARACTERS,
    summary: "A text holds characters that hide or disguise what it says.",
    checks: "Every text value. A one-line field (a title, a name, an id, a flow's or risk's description, an item of a list) may hold no line break and no tab: a line break comes from `\\n` or `\\r` written in quotes, a blank line inside quoted text, or a block after `>` or `|`. Longer texts (`purpose`, `benefits`, `individual_rights`, `retention`, a DPIA's `not_required`, an MoU principle's `text`) may hold line feeds and tabs but no other line break. No text may hold an invisible character that changes the order in which text is shown (the bidirectional controls U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C) or one that shows as nothing (zero-width spaces and joiners, U+2060 to U+2064, U+00AD, U+FEFF and others). The finding names each character by its code point.",
    why: "What is signed must be what people read. A line break in a title can add a line to the commit message `isg sign` writes, or to a calendar file; a bidirectional control can make a document display words in another order than they are written (the \"Trojan Source\" attack); a zero-width character makes two names that look the same differ. Such characters are invisible in editors and documents, so only a check can find them.",
    example: "title: \"Referrals\\nAgreement-Sign-Off: other-agreement sha256:...\"",
    fix: "Delete the characters named; retyping the text removes them. Write one-line fields on the key's line, in quotes if need be; if a long text needs several lines, write it after `>` in a field that allows them.",
    check: Check::Loader,
};
