//! Where a registry keeps its files: the names of its folders and files,
//! and how to tell a registry folder on disk.

use std::path::Path;

/// Settings and policy.
pub const SETTINGS_FILE: &str = "isg.yaml";
/// The Memorandum of Understanding.
pub const MOU_FILE: &str = "mou.yaml";
/// One file per organisation.
pub const ORGANISATIONS_DIR: &str = "organisations";
/// One folder per agreement.
pub const AGREEMENTS_DIR: &str = "agreements";
/// An agreement's record, in its folder.
pub const AGREEMENT_FILE: &str = "agreement.yaml";
/// An agreement's narrative, in its folder.
pub const NARRATIVE_FILE: &str = "agreement.md";

/// The registry that `folder` is part of: the nearest folder at or above
/// it holding `isg.yaml` or `mou.yaml`, so that a command run inside
/// `agreements/` or `organisations/` works on the whole registry. The
/// search stops at the top of a git repository (a folder holding `.git`),
/// so it never reaches a registry the folder does not belong to. `None`
/// when no registry is found; `folder` should be absolute.
pub fn find_registry(folder: &Path) -> Option<&Path> {
    for candidate in folder.ancestors() {
        if [SETTINGS_FILE, MOU_FILE]
            .iter()
            .any(|name| candidate.join(name).is_file())
        {
            return Some(candidate);
        }
        if candidate.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Whether a folder on disk holds any of a registry's parts (`isg.yaml`,
/// `mou.yaml`, `organisations/`, `agreements/`). A registry with some of
/// them missing is checked, and what is missing reported; a folder with
/// none of them is not a registry at all.
pub fn is_registry_folder(folder: &Path) -> bool {
    [SETTINGS_FILE, MOU_FILE, ORGANISATIONS_DIR, AGREEMENTS_DIR]
        .iter()
        .any(|name| folder.join(name).exists())
}
