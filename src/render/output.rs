//! Writing rendered files: only inside the output folder, each one
//! atomically (see `crate::write`).

use crate::write::Existing;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

pub struct Output {
    root: PathBuf,
    written: Vec<String>,
}

impl Output {
    pub fn new(root: &Path) -> io::Result<Output> {
        fs::create_dir_all(root)?;
        Ok(Output {
            root: root.to_path_buf(),
            written: Vec::new(),
        })
    }

    /// Writes `bytes` to `relative` (a `/`-separated path inside the output
    /// folder). Paths that would leave the folder are refused.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = Path::new(relative);
        if relative.is_empty()
            || !path
                .components()
                .all(|part| matches!(part, Component::Normal(_)))
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{relative}` is not a path inside the output folder"),
            ));
        }
        crate::write::atomic_write(&self.root.join(path), bytes, Existing::Replace)?;
        self.written.push(relative.to_owned());
        Ok(())
    }

    /// The files written, in order.
    pub fn written(&self) -> &[String] {
        &self.written
    }
}

#[cfg(test)]
mod tests {
    use super::Output;

    #[test]
    fn writes_inside_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut output = Output::new(dir.path()).unwrap();
        output.write("exports/a.csv", b"x").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("exports/a.csv")).unwrap(),
            b"x"
        );
        for bad in ["../escape.txt", "/etc/passwd", "exports/../../x", ""] {
            assert!(output.write(bad, b"x").is_err(), "{bad}");
        }
        assert_eq!(output.written(), ["exports/a.csv"]);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
