//! `id-mismatch`: a record's id differs from its file or folder name.

use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: crate::registry::codes::ID_MISMATCH,
    summary: "A record's id differs from its file or folder name.",
    checks: "That `organisations/<id>.yaml` contains `id: <id>`, and `agreements/<id>/agreement.yaml` contains `id: <id>`.",
    why: "People find records by file name and tools find them by id; when the two differ, a reference can lead to the wrong organisation. This usually happens when a file is copied to start a new record.",
    example: "# organisations/blackpool-council.yaml\nid: blackpool-borough-council",
    fix: "Change the `id` to match the file name, or rename the file to match the id.",
    check: Check::Loader,
};
