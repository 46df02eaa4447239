//! A registry held in memory: files by registry-relative path. For tools
//! that build a registry rather than read one from disk or git (fuzzing,
//! property tests), with the same listing rules as the other sources.

use super::{Entry, EntryKind, MAX_FILE_BYTES, Source, Unreadable};
use std::collections::BTreeMap;

/// Files by `/`-separated path; folders are the paths' prefixes.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    files: BTreeMap<String, Vec<u8>>,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: &str, bytes: impl Into<Vec<u8>>) {
        self.files
            .insert(path.trim_matches('/').to_owned(), bytes.into());
    }
}

impl Source for Memory {
    fn list(&self, folder: &str) -> Result<Vec<Entry>, Unreadable> {
        let folder = folder.trim_matches('/');
        if self.files.contains_key(folder) {
            return Err(Unreadable::Refused(
                "this is a file, but a folder is expected here".into(),
            ));
        }
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let mut entries: Vec<Entry> = Vec::new();
        for path in self.files.keys().filter(|path| path.starts_with(&prefix)) {
            let rest = &path[prefix.len()..];
            let (name, kind) = match rest.split_once('/') {
                Some((name, _)) => (name, EntryKind::Folder),
                None => (rest, EntryKind::File),
            };
            if entries.last().is_none_or(|last| last.name != name) {
                entries.push(Entry {
                    name: name.to_owned(),
                    kind,
                });
            }
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Unreadable> {
        let path = path.trim_matches('/');
        match self.files.get(path) {
            Some(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => {
                Err(Unreadable::TooLarge(bytes.len() as u64))
            }
            Some(bytes) => Ok(bytes.clone()),
            None if self
                .files
                .keys()
                .any(|p| p.starts_with(&format!("{path}/"))) =>
            {
                Err(Unreadable::IsFolder)
            }
            None => Err(Unreadable::Missing),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Memory, Source};
    use crate::source::EntryKind;

    #[test]
    fn lists_folders_and_files_in_order() {
        let mut memory = Memory::new();
        memory.insert("isg.yaml", "name: x\n");
        memory.insert("agreements/b/agreement.yaml", "id: b\n");
        memory.insert("agreements/a/agreement.yaml", "id: a\n");
        memory.insert("agreements/a/agreement.md", "# A\n");
        let names = |folder: &str| -> Vec<(String, EntryKind)> {
            memory
                .list(folder)
                .unwrap()
                .into_iter()
                .map(|e| (e.name, e.kind))
                .collect()
        };
        assert_eq!(
            names(""),
            [
                ("agreements".to_owned(), EntryKind::Folder),
                ("isg.yaml".to_owned(), EntryKind::File)
            ]
        );
        assert_eq!(names("agreements").len(), 2);
        assert_eq!(names("agreements/a").len(), 2);
        assert_eq!(
            memory.read("agreements/b/agreement.yaml").unwrap(),
            b"id: b\n"
        );
        assert!(memory.read("agreements").is_err());
        assert!(memory.list("missing").unwrap().is_empty());
    }
}
