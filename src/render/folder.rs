//! Writing rendered files: only inside the output folder, never through a
//! link, each one atomically, and without leaving the pages of records
//! that no longer exist.
//!
//! The output folder is opened once; every folder under it is created and
//! entered relative to its parent without following links, and every file
//! is written to a new temporary file of an unpredictable name, created
//! exclusively in its own folder, then renamed over its name. A link
//! planted anywhere under the output folder (at a folder, a page, or a
//! temporary file's name) can therefore never make `isg render` write
//! somewhere else; a link found there is refused with a message.
//!
//! Each render lists what it wrote in [`MANIFEST`]; the next render removes
//! whatever the last one wrote that it did not write again (the page of an
//! agreement since removed), and nothing else.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The list of files the last render wrote, inside the output folder.
pub const MANIFEST: &str = ".isg-rendered";

/// An output folder being written.
pub struct Folder {
    root: PathBuf,
    folders: Folders,
    written: Vec<String>,
    /// What the last render wrote, from its manifest.
    previous: Vec<String>,
}

/// A failure, with the path it happened at.
fn at(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

impl Folder {
    /// Opens (creating if need be) the output folder. Refuses a folder
    /// holding a link anywhere under it.
    pub fn new(root: &Path) -> io::Result<Folder> {
        fs::create_dir_all(root).map_err(|error| at(root, error))?;
        refuse_links(root)?;
        let folders = Folders::open(root).map_err(|error| at(root, error))?;
        let previous = folders
            .read_manifest()
            .map(|text| {
                text.lines()
                    .filter(|line| is_inside(line))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Folder {
            root: root.to_path_buf(),
            folders,
            written: Vec::new(),
            previous,
        })
    }

    /// Writes `bytes` to `relative` (a `/`-separated path inside the output
    /// folder). Paths that would leave the folder are refused.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        if !is_inside(relative) || relative == MANIFEST {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{relative}` is not a path inside the output folder"),
            ));
        }
        self.folders
            .write(relative, bytes)
            .map_err(|error| at(&self.root.join(relative), error))?;
        self.written.push(relative.to_owned());
        Ok(())
    }

    /// The files written, in order.
    pub fn written(&self) -> &[String] {
        &self.written
    }

    /// Ends the render: removes what the last render wrote and this one
    /// did not, then records what this one wrote.
    pub fn finish(mut self) -> io::Result<()> {
        let now: HashSet<&str> = self.written.iter().map(String::as_str).collect();
        for stale in self
            .previous
            .iter()
            .filter(|path| !now.contains(path.as_str()))
        {
            self.folders
                .remove(stale)
                .map_err(|error| at(&self.root.join(stale), error))?;
        }
        // Sorted, so the same render always lists the same bytes (pages are
        // written in the order they are finished).
        self.written.sort_unstable();
        let mut manifest = self.written.join("\n");
        manifest.push('\n');
        self.folders
            .write(MANIFEST, manifest.as_bytes())
            .map_err(|error| at(&self.root.join(MANIFEST), error))
    }
}

/// Whether `relative` is a path of names inside a folder: no `..`, no
/// root, nothing empty.
fn is_inside(relative: &str) -> bool {
    !relative.is_empty()
        && !relative.contains('\\')
        && Path::new(relative)
            .components()
            .all(|part| matches!(part, Component::Normal(_)))
}

/// Refuses an output folder with a link anywhere under it, naming it.
fn refuse_links(root: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(root).follow_links(false).min_depth(1) {
        let entry = entry.map_err(|error| io::Error::other(error.to_string()))?;
        if entry.path_is_symlink() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is a link; isg render writes only into real folders and files, never through a link, so that nothing outside the output folder can be overwritten. Remove the link, or render into another folder with --out",
                    entry.path().display()
                ),
            ));
        }
    }
    Ok(())
}

/// Splits `a/b/c.html` into its folder and its name.
fn split(relative: &str) -> (&str, &str) {
    relative.rsplit_once('/').unwrap_or(("", relative))
}

#[cfg(unix)]
use unix::Folders;

#[cfg(not(unix))]
use portable::Folders;

#[cfg(unix)]
mod unix {
    use super::{HashMap, io, split};
    use crate::write::temporary_name;
    use rustix::fs::{
        AtFlags, FileType, Mode, OFlags, mkdirat, openat, renameat, statat, unlinkat,
    };
    use std::fs::File;
    use std::io::{Read, Write};
    use std::os::fd::OwnedFd;
    use std::path::Path;

    /// The output folder and the folders under it, each opened relative to
    /// its parent without following links.
    pub struct Folders {
        root: OwnedFd,
        opened: HashMap<String, OwnedFd>,
    }

    const FOLDER: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::NOFOLLOW)
        .union(OFlags::CLOEXEC);

    fn refused_link(name: &str) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{name}` is a link or not a folder; isg render never writes through a link"),
        )
    }

    impl Folders {
        pub fn open(root: &Path) -> io::Result<Folders> {
            let root = openat(
                rustix::fs::CWD,
                root,
                FOLDER.difference(OFlags::NOFOLLOW),
                Mode::empty(),
            )?;
            Ok(Folders {
                root,
                opened: HashMap::new(),
            })
        }

        /// The folder `relative` (`""` is the output folder), created if
        /// need be, entered one name at a time without following links.
        fn folder(&mut self, relative: &str) -> io::Result<&OwnedFd> {
            if relative.is_empty() {
                return Ok(&self.root);
            }
            if !self.opened.contains_key(relative) {
                let (parent, name) = split(relative);
                let parent_fd = self.folder(parent)?;
                let fd = match openat(parent_fd, name, FOLDER, Mode::empty()) {
                    Ok(fd) => fd,
                    Err(rustix::io::Errno::NOENT) => {
                        match mkdirat(parent_fd, name, Mode::from_bits_truncate(0o755)) {
                            Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                            Err(errno) => return Err(errno.into()),
                        }
                        openat(parent_fd, name, FOLDER, Mode::empty())
                            .map_err(|_| refused_link(relative))?
                    }
                    Err(rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR) => {
                        return Err(refused_link(relative));
                    }
                    Err(errno) => return Err(errno.into()),
                };
                self.opened.insert(relative.to_owned(), fd);
            }
            Ok(&self.opened[relative])
        }

        pub fn write(&mut self, relative: &str, bytes: &[u8]) -> io::Result<()> {
            let (parent, name) = split(relative);
            let folder = self.folder(parent)?;
            // A new name, created exclusively: a file or link already
            // there (planted, or left by another render) is never opened.
            let (temporary, file) = loop {
                let temporary = temporary_name(name);
                let flags = OFlags::WRONLY
                    | OFlags::CREATE
                    | OFlags::EXCL
                    | OFlags::NOFOLLOW
                    | OFlags::CLOEXEC;
                match openat(
                    folder,
                    temporary.as_str(),
                    flags,
                    Mode::from_bits_truncate(0o644),
                ) {
                    Ok(fd) => break (temporary, File::from(fd)),
                    Err(rustix::io::Errno::EXIST) => continue,
                    Err(errno) => return Err(errno.into()),
                }
            };
            let result = (|| {
                let mut file = file;
                file.write_all(bytes)?;
                file.sync_all()?;
                drop(file);
                match statat(folder, name, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(stat) if FileType::from_raw_mode(stat.st_mode) == FileType::Symlink => {
                        return Err(refused_link(relative));
                    }
                    _ => {}
                }
                // Renaming replaces the name itself, whatever it was.
                renameat(folder, temporary.as_str(), folder, name).map_err(io::Error::from)
            })();
            if result.is_err() {
                let _ = unlinkat(folder, temporary.as_str(), AtFlags::empty());
            }
            result
        }

        /// Removes the file `relative` if it is there (a link is removed
        /// itself, never followed).
        pub fn remove(&mut self, relative: &str) -> io::Result<()> {
            let (parent, name) = split(relative);
            let folder = match self.folder_if_there(parent)? {
                Some(folder) => folder,
                None => return Ok(()),
            };
            match unlinkat(folder, name, AtFlags::empty()) {
                Ok(()) | Err(rustix::io::Errno::NOENT) => Ok(()),
                // A folder of that name now: not a page this render made.
                Err(rustix::io::Errno::ISDIR | rustix::io::Errno::PERM) => Ok(()),
                Err(errno) => Err(errno.into()),
            }
        }

        /// Like [`Folders::folder`], but creating nothing.
        fn folder_if_there(&mut self, relative: &str) -> io::Result<Option<&OwnedFd>> {
            if relative.is_empty() || self.opened.contains_key(relative) {
                return self.folder(relative).map(Some);
            }
            let (parent, name) = split(relative);
            let Some(parent_fd) = self.folder_if_there(parent)? else {
                return Ok(None);
            };
            match openat(parent_fd, name, FOLDER, Mode::empty()) {
                Ok(fd) => {
                    self.opened.insert(relative.to_owned(), fd);
                    Ok(self.opened.get(relative))
                }
                Err(rustix::io::Errno::NOENT) => Ok(None),
                Err(rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR) => {
                    Err(refused_link(relative))
                }
                Err(errno) => Err(errno.into()),
            }
        }

        /// The manifest of the last render, if there is one (never read
        /// through a link).
        pub fn read_manifest(&self) -> Option<String> {
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
            let fd = openat(&self.root, super::MANIFEST, flags, Mode::empty()).ok()?;
            let mut file = File::from(fd);
            if !file.metadata().ok()?.is_file() {
                return None;
            }
            let mut text = String::new();
            // A manifest lists at most every page of a national registry.
            (&mut file)
                .take(64 * 1024 * 1024)
                .read_to_string(&mut text)
                .ok()?;
            Some(text)
        }
    }
}

#[cfg(not(unix))]
mod portable {
    use super::{io, split};
    use crate::write::temporary_name;
    use std::fs;
    use std::io::Write;
    use std::path::{Path, PathBuf};

    /// Without `openat`, paths are checked for links as they are used.
    pub struct Folders {
        root: PathBuf,
    }

    impl Folders {
        pub fn open(root: &Path) -> io::Result<Folders> {
            Ok(Folders {
                root: root.to_path_buf(),
            })
        }

        fn folder(&self, relative: &str) -> io::Result<PathBuf> {
            let mut path = self.root.clone();
            for name in relative.split('/').filter(|name| !name.is_empty()) {
                path.push(name);
                match fs::symlink_metadata(&path) {
                    Ok(metadata) if metadata.is_dir() => {}
                    Ok(_) => {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            format!("`{relative}` is a link or not a folder"),
                        ));
                    }
                    Err(_) => fs::create_dir(&path)?,
                }
            }
            Ok(path)
        }

        pub fn write(&mut self, relative: &str, bytes: &[u8]) -> io::Result<()> {
            let (parent, name) = split(relative);
            let folder = self.folder(parent)?;
            let temporary = folder.join(temporary_name(name));
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)?;
            let result = file
                .write_all(bytes)
                .and_then(|()| file.sync_all())
                .and_then(|()| fs::rename(&temporary, folder.join(name)));
            if result.is_err() {
                let _ = fs::remove_file(&temporary);
            }
            result
        }

        pub fn remove(&mut self, relative: &str) -> io::Result<()> {
            match fs::remove_file(self.root.join(relative)) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
                _ => Ok(()),
            }
        }

        pub fn read_manifest(&self) -> Option<String> {
            fs::read_to_string(self.root.join(super::MANIFEST)).ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Folder, MANIFEST};

    #[test]
    fn writes_inside_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut folder = Folder::new(dir.path()).unwrap();
        folder.write("exports/a.csv", b"x").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("exports/a.csv")).unwrap(),
            b"x"
        );
        for bad in [
            "../escape.txt",
            "/etc/passwd",
            "exports/../../x",
            "",
            MANIFEST,
        ] {
            assert!(folder.write(bad, b"x").is_err(), "{bad}");
        }
        assert_eq!(folder.written(), ["exports/a.csv"]);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_while_rendering_is_never_written_through() {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("victim.txt");
        std::fs::write(&target, "precious").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut folder = Folder::new(dir.path()).unwrap();
        // Planted after the folder was checked: at a page's name, and at a
        // folder on the way to one.
        std::os::unix::fs::symlink(&target, dir.path().join("index.html")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("agreements")).unwrap();
        let page = folder.write("index.html", b"page").unwrap_err();
        assert!(page.to_string().contains("index.html"), "{page}");
        let through = folder.write("agreements/a.html", b"page").unwrap_err();
        assert!(through.to_string().contains("is a link"), "{through}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(leftovers, 0, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn an_output_folder_holding_a_link_is_refused_with_its_name() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("site")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("site/organisations")).unwrap();
        let error = Folder::new(&dir.path().join("site")).err().unwrap();
        let message = error.to_string();
        assert!(
            message.contains("site/organisations is a link")
                && message.contains("never through a link"),
            "{message}"
        );
    }

    #[test]
    fn what_the_last_render_wrote_and_this_one_did_not_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = Folder::new(dir.path()).unwrap();
        first.write("agreements/old.html", b"old").unwrap();
        first.write("agreements/kept.html", b"kept").unwrap();
        first.finish().unwrap();
        std::fs::write(dir.path().join("CNAME"), "registry.example").unwrap();
        let mut second = Folder::new(dir.path()).unwrap();
        second.write("agreements/kept.html", b"kept again").unwrap();
        second.finish().unwrap();
        assert!(!dir.path().join("agreements/old.html").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("agreements/kept.html")).unwrap(),
            "kept again"
        );
        assert!(
            dir.path().join("CNAME").exists(),
            "a file the render did not write is left alone"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap(),
            "agreements/kept.html\n"
        );
    }
}
