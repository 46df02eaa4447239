//! The registry as files in a folder on disk.

use super::{Entry, EntryKind, MAX_FILE_BYTES, Source, Unreadable};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// A registry folder on disk. Links are followed only while they stay
/// inside the registry: a link to `/etc/passwd` must not be read into a
/// published agreement.
#[derive(Debug)]
pub struct Worktree {
    root: PathBuf,
    /// The registry folder, held open: files are opened relative to it,
    /// so the kernel walks only the part of each path inside the registry
    /// (at national scale, 90,000 opens).
    #[cfg(unix)]
    folder: fs::File,
}

impl Worktree {
    /// Opens a registry folder. Fails when the path is not a readable folder.
    pub fn open(path: &Path) -> io::Result<Worktree> {
        let root = fs::canonicalize(path)?;
        if !root.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("{} is not a folder", path.display()),
            ));
        }
        Ok(Worktree {
            #[cfg(unix)]
            folder: fs::File::open(&root)?,
            root,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The real location of `relative`, every link on the way followed,
    /// or why it may not be used: a folder on the path, as much as the
    /// file itself, may be a link leading outside the registry.
    fn resolve_whole(&self, relative: &str) -> Result<PathBuf, Unreadable> {
        let path = self.root.join(relative);
        match fs::canonicalize(&path) {
            Ok(target) if target.starts_with(&self.root) => Ok(target),
            Ok(_) => Err(Unreadable::Refused(
                "this is, or lies in a folder that is, a link to a place outside the registry, which is not followed".into(),
            )),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                match fs::symlink_metadata(&path) {
                    Ok(_) => Err(Unreadable::Refused(
                        "this is a link to something that does not exist".into(),
                    )),
                    Err(_) => Err(Unreadable::Missing),
                }
            }
            Err(error) => Err(Unreadable::Io(error.to_string())),
        }
    }

    /// The real location of `relative`, or why it may not be used.
    fn resolve(&self, relative: &str) -> Result<PathBuf, Unreadable> {
        let path = self.root.join(relative);
        let metadata = match fs::symlink_metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Err(Unreadable::Missing);
            }
            Err(error) => return Err(Unreadable::Io(error.to_string())),
        };
        if !metadata.file_type().is_symlink() {
            return Ok(path);
        }
        match fs::canonicalize(&path) {
            Ok(target) if target.starts_with(&self.root) => Ok(target),
            Ok(_) => Err(Unreadable::Refused(
                "this is a link to a place outside the registry, which is not followed".into(),
            )),
            Err(_) => Err(Unreadable::Refused(
                "this is a link to something that does not exist".into(),
            )),
        }
    }
}

impl Source for Worktree {
    fn list(&self, folder: &str) -> Result<Vec<Entry>, Unreadable> {
        let path = match self.resolve(folder) {
            Ok(path) => path,
            Err(Unreadable::Missing) => return Ok(Vec::new()),
            Err(other) => return Err(other),
        };
        let reader = match fs::read_dir(&path) {
            Ok(reader) => reader,
            Err(error) if error.kind() == io::ErrorKind::NotADirectory => {
                return Err(Unreadable::Refused(
                    "this is a file, but a folder is expected here".into(),
                ));
            }
            Err(error) => return Err(Unreadable::Io(error.to_string())),
        };
        let mut entries = Vec::new();
        for entry in reader {
            let entry = entry.map_err(|error| Unreadable::Io(error.to_string()))?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue; // names that are not UTF-8 cannot be registry ids
            };
            // The entry's own type costs no system call; only links need
            // following (and checking that they stay inside the registry).
            let file_type = entry
                .file_type()
                .map_err(|error| Unreadable::Io(error.to_string()))?;
            let kind = if file_type.is_symlink() {
                let relative = if folder.is_empty() {
                    name.clone()
                } else {
                    format!("{folder}/{name}")
                };
                match self
                    .resolve(&relative)
                    .and_then(|real| fs::metadata(real).map_err(|e| Unreadable::Io(e.to_string())))
                {
                    Ok(metadata) => kind_of(metadata.file_type()),
                    Err(why) => EntryKind::Refused(why.to_string()),
                }
            } else {
                kind_of(file_type)
            };
            entries.push(Entry { name, kind });
        }
        // Names within a folder are unique, so an unstable sort gives the
        // same order as a stable one, with less work.
        entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Unreadable> {
        let mut file = self.open_file(path).or_else(|error| match error {
            // A link anywhere on the path (or a path this platform cannot
            // open without following links): check where the whole path
            // leads, then open what it leads to.
            Opened::Link => open_file_following(&self.resolve_whole(path)?),
            Opened::Failed(why) => Err(why),
        })?;
        let metadata = file
            .metadata()
            .map_err(|error| Unreadable::Io(error.to_string()))?;
        if metadata.is_dir() {
            return Err(Unreadable::IsFolder);
        }
        if !metadata.is_file() {
            return Err(Unreadable::Refused("this is not an ordinary file".into()));
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(Unreadable::TooLarge(metadata.len()));
        }
        // Read the size the file has now, which takes one system call where
        // reading to the end would take two; a file that grows meanwhile is
        // read as it was. A size of 0 may not be the truth (some special
        // file systems), so such a file is read to its end, but at most one
        // byte past the limit, so that it is refused rather than read
        // without bound.
        let limit = match metadata.len() {
            0 => MAX_FILE_BYTES + 1,
            size => size,
        };
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        (&mut file)
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|error| Unreadable::Io(error.to_string()))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Unreadable::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }
}

enum Opened {
    /// The path is a link, which is followed only after checking where it
    /// leads.
    Link,
    Failed(Unreadable),
}

fn unreadable_because(error: &io::Error) -> Unreadable {
    match error.kind() {
        io::ErrorKind::NotFound => Unreadable::Missing,
        _ => Unreadable::Io(error.to_string()),
    }
}

impl Worktree {
    /// Opens a file of the registry without following a link at its final
    /// name: one system call where checking for a link first would take
    /// two, which counts at national scale. A FIFO or device opens without
    /// waiting (and is then refused as not an ordinary file), so a planted
    /// FIFO cannot hang a check.
    #[cfg(unix)]
    fn open_file(&self, relative: &str) -> Result<fs::File, Opened> {
        use rustix::fs::{Mode, OFlags, openat};
        // Registry paths are made from folder listings and fixed names;
        // an absolute one would make `openat` ignore the folder. (On Unix a
        // path is absolute exactly when it starts with `/`, which is cheaper
        // to test than taking the path apart.)
        if relative.starts_with('/') {
            return Err(Opened::Link);
        }
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            use std::sync::atomic::{AtomicBool, Ordering};
            /// Cleared when the kernel has no `openat2` (before Linux 5.6).
            static HAS_OPENAT2: AtomicBool = AtomicBool::new(true);
            if HAS_OPENAT2.load(Ordering::Relaxed) {
                // No link anywhere on the path, in one system call: a link
                // (at a folder as much as at the file) goes to the slow path,
                // which checks where it leads.
                let resolve =
                    rustix::fs::ResolveFlags::NO_SYMLINKS | rustix::fs::ResolveFlags::NO_MAGICLINKS;
                match rustix::fs::openat2(&self.folder, relative, flags, Mode::empty(), resolve) {
                    Ok(fd) => return Ok(fs::File::from(fd)),
                    Err(rustix::io::Errno::LOOP | rustix::io::Errno::XDEV) => {
                        return Err(Opened::Link);
                    }
                    Err(rustix::io::Errno::NOSYS | rustix::io::Errno::PERM) => {
                        HAS_OPENAT2.store(false, Ordering::Relaxed)
                    }
                    Err(errno) => {
                        return Err(Opened::Failed(unreadable_because(&io::Error::from(errno))));
                    }
                }
            }
        }
        // `openat` refuses a link only at the file's own name: a path with
        // folders in it is checked whole.
        if relative.contains('/') {
            return Err(Opened::Link);
        }
        openat(&self.folder, relative, flags, Mode::empty())
            .map(fs::File::from)
            .map_err(|errno| match errno {
                rustix::io::Errno::LOOP => Opened::Link,
                errno => Opened::Failed(unreadable_because(&io::Error::from(errno))),
            })
    }

    #[cfg(not(unix))]
    fn open_file(&self, _relative: &str) -> Result<fs::File, Opened> {
        Err(Opened::Link)
    }
}

/// Opens a path that has been checked to stay inside the registry.
fn open_file_following(path: &Path) -> Result<fs::File, Unreadable> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .map_err(|error| unreadable_because(&error))
    }
    #[cfg(not(unix))]
    {
        fs::File::open(path).map_err(|error| unreadable_because(&error))
    }
}

fn kind_of(file_type: fs::FileType) -> EntryKind {
    if file_type.is_dir() {
        EntryKind::Folder
    } else if file_type.is_file() {
        EntryKind::File
    } else {
        EntryKind::Refused("this is not an ordinary file".into())
    }
}
