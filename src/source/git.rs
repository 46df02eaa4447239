//! The registry as committed: files read from a git tree at a revision,
//! straight from the object database, without touching the work tree.

use super::{Entry, EntryKind, MAX_FILE_BYTES, Source, Unreadable};
use git2::{Oid, Repository, TreeWalkMode, TreeWalkResult};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A registry folder inside a commit's tree.
pub struct GitTree {
    // libgit2 repositories may move between threads but not be shared;
    // reads are short, so one lock serves the parallel loader well.
    repo: Mutex<Repository>,
    /// Every entry under the registry folder, by registry-relative path,
    /// found in one walk of the tree: looking each path up from the root
    /// would re-read large folders (organisations/) for every file.
    entries: HashMap<String, (Oid, i32)>,
    /// The entries of each folder (`""` is the registry root).
    folders: HashMap<String, Vec<String>>,
    /// The commit the tree belongs to.
    pub commit: Oid,
}

/// Where a registry folder sits in its repository.
pub struct Located {
    repo: Repository,
    /// The registry folder relative to the repository's work tree, with a
    /// trailing `/` unless it is the root.
    pub prefix: String,
}

/// What a repository's HEAD is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Head {
    /// A commit (not read here: one that cannot be read is reported where
    /// history is read, naming it).
    Commit(Oid),
    /// A branch with no commits yet.
    Unborn,
    /// HEAD cannot be read, and why.
    Unreadable(String),
}

impl Located {
    /// The repository's `.git` folder.
    pub fn git_dir(&self) -> PathBuf {
        self.repo.path().to_path_buf()
    }

    /// The repository's work tree, if it has one.
    pub fn work_tree(&self) -> Option<PathBuf> {
        self.repo.workdir().map(Path::to_path_buf)
    }

    pub fn head(&self) -> Head {
        match self.repo.head() {
            Ok(head) => match head.resolve().ok().and_then(|head| head.target()) {
                Some(commit) => Head::Commit(commit),
                None => Head::Unreadable("HEAD does not lead to a commit".into()),
            },
            Err(error) if error.code() == git2::ErrorCode::UnbornBranch => Head::Unborn,
            Err(error) => Head::Unreadable(format!("HEAD could not be read ({})", error.message())),
        }
    }

    /// The email git writes as the author of a commit (`user.email`).
    pub fn user_email(&self) -> Option<String> {
        self.repo
            .config()
            .and_then(|config| config.get_string("user.email"))
            .ok()
    }

    /// Whether anything under `folder` (relative to the registry) differs
    /// from HEAD, files not yet added included.
    pub fn has_changes_in(&self, folder: &str) -> bool {
        let mut options = git2::StatusOptions::new();
        options
            .pathspec(format!("{}{folder}", self.prefix))
            .include_untracked(true);
        self.repo
            .statuses(Some(&mut options))
            .map(|statuses| !statuses.is_empty())
            .unwrap_or(false)
    }
}

/// The commit `rev` (a commit, branch or tag) names in the repository
/// whose `.git` folder is `git_dir`.
pub fn commit_of(git_dir: &Path, rev: &str) -> Result<Oid, String> {
    Repository::open(git_dir)
        .and_then(|repo| repo.revparse_single(rev)?.peel_to_commit().map(|c| c.id()))
        .map_err(|error| error.message().to_owned())
}

/// Where a branch was by the end of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOf {
    /// The newest commit of the branch's first-parent chain made on or
    /// before the day.
    At(Oid),
    /// The branch's first commit was made later, on this day.
    Before(crate::date::Date),
}

/// The commit the branch at `tip` was at by the end of `day` (UTC): the
/// newest commit of its first-parent chain whose committer made it on or
/// before that day. The chain is the commits the branch itself moved
/// through, so a commit merged in later does not count as there before.
pub fn commit_as_of(git_dir: &Path, tip: Oid, day: crate::date::Date) -> Result<AsOf, String> {
    let repo = Repository::open(git_dir).map_err(|error| error.message().to_owned())?;
    let mut commit = repo
        .find_commit(tip)
        .map_err(|error| error.message().to_owned())?;
    loop {
        let made = crate::date::Date::from_unix_seconds(commit.time().seconds());
        if made <= day {
            return Ok(AsOf::At(commit.id()));
        }
        if commit.parent_count() == 0 {
            return Ok(AsOf::Before(made));
        }
        commit = commit
            .parent(0)
            .map_err(|error| format!("{} (a parent of commit {})", error.message(), commit.id()))?;
    }
}

/// The time of a commit, in seconds since 1970.
pub fn commit_time(git_dir: &Path, commit: Oid) -> Result<i64, String> {
    Repository::open(git_dir)
        .and_then(|repo| repo.find_commit(commit).map(|c| c.time().seconds()))
        .map_err(|error| error.message().to_owned())
}

/// Starts a git repository in `dir`, on a branch `main` with no commits.
pub fn init(dir: &Path) -> Result<(), String> {
    let mut options = git2::RepositoryInitOptions::new();
    options.initial_head("main");
    Repository::init_opts(dir, &options)
        .map(drop)
        .map_err(|error| error.message().to_owned())
}

/// Git's object id of a blob holding `bytes` (`git hash-object`): equal
/// ids mean equal files, whichever way they were read.
pub fn blob_id(bytes: &[u8]) -> [u8; 20] {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher.finalize().into()
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
        let (entries, folders, commit) = {
            let commit = located.repo.revparse_single(rev)?.peel_to_commit()?;
            let root = commit.tree()?;
            let top = if located.prefix.is_empty() {
                root
            } else {
                let entry = root.get_path(Path::new(located.prefix.trim_end_matches('/')))?;
                located.repo.find_tree(entry.id())?
            };
            let mut entries = HashMap::new();
            let mut folders: HashMap<String, Vec<String>> = HashMap::new();
            top.walk(TreeWalkMode::PreOrder, |parent, entry| {
                if let Ok(name) = entry.name() {
                    let folder = parent.trim_end_matches('/');
                    let path = if folder.is_empty() {
                        name.to_owned()
                    } else {
                        format!("{folder}/{name}")
                    };
                    folders
                        .entry(folder.to_owned())
                        .or_default()
                        .push(name.to_owned());
                    entries.insert(path, (entry.id(), entry.filemode()));
                }
                TreeWalkResult::Ok
            })?;
            (entries, folders, commit.id())
        };
        Ok(GitTree {
            repo: Mutex::new(located.repo),
            entries,
            folders,
            commit,
        })
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
        let folder = folder.trim_end_matches('/');
        if !folder.is_empty() {
            match self.entries.get(folder) {
                None => return Ok(Vec::new()),
                Some((_, mode)) if kind_of(*mode) != EntryKind::Folder => {
                    return Err(Unreadable::Refused(
                        "this is a file, but a folder is expected here".into(),
                    ));
                }
                Some(_) => {}
            }
        }
        let mut entries: Vec<Entry> = self
            .folders
            .get(folder)
            .into_iter()
            .flatten()
            .map(|name| {
                let path = if folder.is_empty() {
                    name.clone()
                } else {
                    format!("{folder}/{name}")
                };
                let mode = self.entries.get(&path).map_or(0, |(_, mode)| *mode);
                Entry {
                    name: name.clone(),
                    kind: kind_of(mode),
                }
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Unreadable> {
        let &(oid, mode) = self
            .entries
            .get(path.trim_end_matches('/'))
            .ok_or(Unreadable::Missing)?;
        match kind_of(mode) {
            EntryKind::File => {}
            EntryKind::Folder => return Err(Unreadable::IsFolder),
            EntryKind::Refused(why) => return Err(Unreadable::Refused(why)),
        }
        let repo = self
            .repo
            .lock()
            .map_err(|_| Unreadable::Io("the repository lock was poisoned".into()))?;
        let blob = repo.find_blob(oid).map_err(io)?;
        if blob.size() as u64 > MAX_FILE_BYTES {
            return Err(Unreadable::TooLarge(blob.size() as u64));
        }
        Ok(blob.content().to_vec())
    }
}

#[cfg(test)]
mod blob_id_tests {
    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`
        let id = super::blob_id(b"hello\n");
        assert_eq!(
            git2::Oid::from_bytes(&id).unwrap().to_string(),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }
}
