//! Where registry files come from, and how their bytes become data with
//! positions.
//!
//! A [`Source`] lists folders and reads files by registry-relative path. The
//! working tree is one source; a git tree at a revision is another, so every
//! later stage is the same whichever is read.

pub mod document;
mod files;
pub mod git;
pub mod layout;
pub mod memory;
mod syntax;
mod text;
mod worktree;
pub mod yaml;

pub use files::SourceFiles;
pub use git::GitTree;
pub use memory::Memory;
pub use text::{LineIndex, decode};
pub use worktree::Worktree;

use std::fmt;

/// Files larger than this are refused unread. A large agreement with a
/// hundred flows is a few hundred kilobytes; anything near this size is a
/// mistake (an export or a binary saved under a `.yaml` name).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// What a folder entry is, after links are followed inside the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Folder,
    /// Something that cannot be read as part of the registry; the text
    /// says why (a link leading outside the registry, a device, ...).
    Refused(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub kind: EntryKind,
}

/// Why a file could not be read. These become `file-unreadable` findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    Missing,
    IsFolder,
    TooLarge(u64),
    Refused(String),
    Io(String),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Missing => write!(f, "the file does not exist"),
            Unreadable::IsFolder => write!(f, "this is a folder, but a file is expected here"),
            Unreadable::TooLarge(size) => write!(
                f,
                "the file is {} MB, larger than the {} MB limit for a registry file",
                size.div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Unreadable::Refused(why) => f.write_str(why),
            Unreadable::Io(why) => write!(f, "the file could not be read: {why}"),
        }
    }
}

/// A tree of registry files, addressed by `/`-separated relative paths.
pub trait Source: Sync {
    /// The entries of a folder (`""` is the registry root), sorted by name.
    /// A missing folder is an empty list.
    fn list(&self, folder: &str) -> Result<Vec<Entry>, Unreadable>;

    /// The bytes of a file, refusing folders and files over [`MAX_FILE_BYTES`].
    fn read(&self, path: &str) -> Result<Vec<u8>, Unreadable>;
}
