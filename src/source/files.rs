//! The registry files a check read: how many, and the text of those its
//! findings point into.

use super::{Source, decode};
use std::collections::HashMap;

/// How many files were read, and the text of those that findings point
/// into. Texts are fetched again only for files with findings
/// ([`SourceFiles::fetch`]): keeping every file's text in memory would
/// double what a national registry costs to check.
#[derive(Debug, Default)]
pub struct SourceFiles {
    read: usize,
    texts: HashMap<String, String>,
}

impl SourceFiles {
    /// Counts `count` more files read.
    pub fn count_read(&mut self, count: usize) {
        self.read += count;
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }

    /// How many registry files were read.
    pub fn len(&self) -> usize {
        self.read
    }

    pub fn is_empty(&self) -> bool {
        self.read == 0
    }

    /// Reads the text of each of `paths` not already held. Files that
    /// cannot be read as text are skipped: their findings say why.
    pub fn fetch<'a>(&mut self, source: &dyn Source, paths: impl IntoIterator<Item = &'a str>) {
        for path in paths {
            if !self.texts.contains_key(path)
                && let Ok(text) = source
                    .read(path)
                    .map_err(|_| ())
                    .and_then(|bytes| decode(bytes).map_err(|_| ()))
            {
                self.texts.insert(path.to_owned(), text);
            }
        }
    }
}
