//! Writing files safely: each one atomically (a temporary file beside it,
//! then moved into place), so a reader never sees half a file and an
//! interrupted write leaves the old one intact; and, where a command only
//! creates files, never over one that exists.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// What to do when the file already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (rendered output; a file the command says it changes).
    Replace,
    /// Refuse, with `AlreadyExists` (scaffolding a user's registry).
    Keep,
}

/// An unpredictable name for a temporary file beside `name`: the standard
/// library's hash keys are random for each process and each use.
pub(crate) fn temporary_name(name: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write(name.as_bytes());
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos()),
    );
    format!(".{name}.{:016x}.tmp", hasher.finish())
}

/// Writes `bytes` to `target`, creating its folder if needed.
pub fn atomic_write(target: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(folder)?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file");
    // A new name, created exclusively: a file or link already at that name
    // (planted to redirect the write) is never opened.
    let (temporary, file) = loop {
        let temporary = folder.join(temporary_name(name));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => break (temporary, file),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    };
    let result = (|| {
        let mut file = file;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        match existing {
            Existing::Replace => fs::rename(&temporary, target),
            // A hard link never replaces an existing name, so two writers
            // racing for the same file cannot overwrite each other.
            Existing::Keep => match fs::hard_link(&temporary, target) {
                Ok(()) => fs::remove_file(&temporary),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
                // Some file systems (FAT, some network shares) have no hard
                // links: creating the file exclusively is the next best.
                Err(_) => {
                    let mut file = fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(target)?;
                    file.write_all(bytes)?;
                    file.sync_all()?;
                    fs::remove_file(&temporary)
                }
            },
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::{Existing, atomic_write};

    #[test]
    fn keep_refuses_an_existing_file_and_replace_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.yaml");
        atomic_write(&path, b"one", Existing::Keep).unwrap();
        let error = atomic_write(&path, b"two", Existing::Keep).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        atomic_write(&path, b"three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["b.yaml"], "no temporary file is left behind");
    }
}
