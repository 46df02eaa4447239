//! The registry as committed: files read from a git tree at a revision,
//! straight from the object database, without touching the work tree.

use super::{Entry, EntryKind, MAX_FILE_BYTES, Source, Unreadable};
use git2::{ObjectType, Oid, Repository};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A registry folder inside a commit's tree.
pub struct GitTree {
    // libgit2 repositories may move between threads but not be shared;
    // reads are short, so one lock serves the parallel loader well.
    repo: Mutex<Repository>,
    tree: Oid,
    /// The registry folder within the repository (`""` or `"registry/"`).
    prefix: String,
    /// The commit the tree belongs to.
    pub commit: Oid,
}

/// Where a registry folder sits in its repository.
pub struct Located {
    pub repo: Repository,
    /// The registry folder relative to the repository's work tree, with a
    /// trailing `/` unless it is the root.
    pub prefix: String,
}

/// Finds the repository that holds `path`, if any.
pub fn locate(path: &Path) -> Option<Located> {
    let repo = Repository::discover(path).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let folder = path.canonicalize().ok()?;
    let relative: PathBuf = folder.strip_prefix(&workdir).ok()?.to_path_buf();
    let mut prefix = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    if !prefix.is_empty() {
        prefix.push('/');
    }
    Some(Located { repo, prefix })
}

impl GitTree {
    /// The registry at `rev` (a commit, branch or tag).
    pub fn open(located: Located, rev: &str) -> Result<GitTree, git2::Error> {
        let (tree, commit) = {
            let commit = located.repo.revparse_single(rev)?.peel_to_commit()?;
            (commit.tree_id(), commit.id())
        };
        Ok(GitTree {
            repo: Mutex::new(located.repo),
            tree,
            prefix: located.prefix,
            commit,
        })
    }

    fn full_path(&self, relative: &str) -> String {
        format!("{}{relative}", self.prefix)
            .trim_end_matches('/')
            .to_owned()
    }
}

fn io(error: git2::Error) -> Unreadable {
    Unreadable::Io(error.message().to_owned())
}

/// What a tree entry's file mode makes it.
fn kind_of(mode: i32) -> EntryKind {
    match mode {
        0o040000 => EntryKind::Folder,
        0o100644 | 0o100755 => EntryKind::File,
        0o120000 => EntryKind::Refused(
            "this is a link; links are not followed in a committed registry".into(),
        ),
        _ => EntryKind::Refused("this is a submodule, not a registry file".into()),
    }
}

impl Source for GitTree {
    fn list(&self, folder: &str) -> Result<Vec<Entry>, Unreadable> {
        let repo = self
            .repo
            .lock()
            .map_err(|_| Unreadable::Io("the repository lock was poisoned".into()))?;
        let root = repo.find_tree(self.tree).map_err(io)?;
        let path = self.full_path(folder);
        let tree = if path.is_empty() {
            root
        } else {
            match root.get_path(Path::new(&path)) {
                Ok(entry) if entry.kind() == Some(ObjectType::Tree) => {
                    repo.find_tree(entry.id()).map_err(io)?
                }
                Ok(_) => {
                    return Err(Unreadable::Refused(
                        "this is a file, but a folder is expected here".into(),
                    ));
                }
                Err(_) => return Ok(Vec::new()),
            }
        };
        let mut entries: Vec<Entry> = tree
            .iter()
            .filter_map(|entry| {
                Some(Entry {
                    name: entry.name().ok()?.to_owned(),
                    kind: kind_of(entry.filemode()),
                })
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Unreadable> {
        let repo = self
            .repo
            .lock()
            .map_err(|_| Unreadable::Io("the repository lock was poisoned".into()))?;
        let root = repo.find_tree(self.tree).map_err(io)?;
        let entry = root
            .get_path(Path::new(&self.full_path(path)))
            .map_err(|_| Unreadable::Missing)?;
        match kind_of(entry.filemode()) {
            EntryKind::File => {}
            EntryKind::Folder => return Err(Unreadable::IsFolder),
            EntryKind::Refused(why) => return Err(Unreadable::Refused(why)),
        }
        let blob = repo.find_blob(entry.id()).map_err(io)?;
        if blob.size() as u64 > MAX_FILE_BYTES {
            return Err(Unreadable::TooLarge(blob.size() as u64));
        }
        Ok(blob.content().to_vec())
    }
}
