//! `registry-layout`: files and folders where the format expects them.

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::REGISTRY_LAYOUT,
    summary: "A file or folder is not where the registry format expects it.",
    checks: "That the registry has a `mou.yaml`; that organisation files end in `.yaml`; and that each folder under `agreements/` holds an `agreement.yaml` (files directly in `agreements/` are reported too).",
    why: "A record saved in the wrong place is silently left out of every check, document and return, so a partner could believe an agreement is in force when the registry does not know it.",
    example: "organisations/blackpool-council.yml   # .yml, not .yaml\nagreements/new-agreement/draft.yaml   # no agreement.yaml",
    fix: "Rename or move the file as the message says. `isg new` creates files in the right place.",
    check: Check::Loader,
};
