//! `file-unreadable`: a registry file cannot be read at all.

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::FILE_UNREADABLE,
    summary: "A registry file cannot be read: too large, not text, or a link outside the registry.",
    checks: "That each registry file is UTF-8 text (a byte-order mark is allowed), is not binary, holds no control characters other than tabs and line endings (neither those below U+0020 nor those from U+0080 to U+009F, which are curly quotes and dashes damaged by a wrong encoding), is at most 4 MB, is a file and not a folder, and is not a link that leads outside the registry.",
    why: "Agreements are published and signed from these files; content that cannot be read reliably, or that comes from outside the registry, cannot be assured.",
    example: "organisations/blackpool-council.yaml  (saved as UTF-16 by a spreadsheet program)",
    fix: "Save the file as UTF-8 text, delete invisible control characters (they come in with text copied from word processors; the message names the character a damaged one stood for), replace a link with the file itself, or move large documents out of the registry and refer to them by reference.",
    check: Check::Loader,
};
