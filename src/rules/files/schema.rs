//! `schema`: a file does not follow the registry format.

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::SCHEMA,
    summary: "A field is missing, unknown, of the wrong type or not an allowed value.",
    checks: "Every file against the registry's JSON Schemas (`isg schema` writes them): required fields present, no unknown fields (with a suggestion for misspellings), values of the right kind, values from the allowed lists, ids, ICO numbers, ODS codes, emails and web addresses in the right form, and dates that exist on the calendar.",
    why: "Every other rule, the signed documents and the returns rely on the records meaning exactly what the format says. A misspelt field is otherwise silently ignored.",
    example: "dspt:\n  status: standards-mett   # not an allowed value\n  yaer: 2025-26            # misspelt field",
    fix: "Follow the message: add the missing field, correct the spelling, or pick one of the allowed values listed in the help line. A value written in a common other way (a date as 01/03/2025, yes for true, 180,000 for a number, a code in small letters) gets the help line \"write ...\" with the value as the format wants it; a date is read day first, as in the UK, and the help says which day it was read as. A value written in the words officers use for it (`NHSmail`, `ad hoc`, `s251`, `council`, `England`) gets \"Did you mean ...?\" with the value it stands for, and a value that says \"not\" is never offered one that does not (`not permitted` is not `permitted`). Editors that read the `# yaml-language-server: $schema=` line show the same help as you type.",
    check: Check::Loader,
};
