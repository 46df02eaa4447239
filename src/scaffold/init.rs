//! `isg init`: a new registry that passes `isg check` at once, with
//! everything its members need around it: a README written for IG officers,
//! the schemas and settings for their editors, and the GitHub workflow that
//! checks pull requests and publishes the site.

use crate::date::Date;
use crate::schema::RecordKind;
use crate::write::{Existing, atomic_write};
use std::path::Path;

/// What a new registry is called, when it starts, and where its workflow
/// gets `isg` from.
#[derive(Clone, Debug)]
pub struct Init {
    pub name: String,
    pub today: Date,
    /// The `uses:` of the `isg` GitHub action, e.g. `owner/isg@v0.1.0`.
    pub action: String,
}

/// The action this build of `isg` comes from: its repository at its version.
pub fn default_action() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let path = repository
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .trim_start_matches("https://github.com/");
    format!("{path}@v{}", env!("CARGO_PKG_VERSION"))
}

/// The principles of the MoU, in the example registry's words; a new
/// registry starts from the same ten.
const PRINCIPLES: &str = include_str!("../../mou.yaml");

impl Init {
    /// Every file of the new registry: path and content.
    pub fn files(&self) -> Result<Vec<(String, String)>, String> {
        let name = super::yaml_out::scalar(&self.name)?;
        let principles = PRINCIPLES
            .split_once("\nprinciples:\n")
            .map(|(_, list)| list)
            .ok_or("the built-in MoU has no principles")?;
        let mou = format!(
            "# yaml-language-server: $schema=schemas/mou.schema.json\n\
             # The Memorandum of Understanding every member organisation signs.\n\
             # When the principles change, raise the version: members then sign again.\n\
             version: 1\neffective: {}\ntitle: {}\nprinciples:\n{principles}",
            self.today,
            super::yaml_out::scalar(&format!("{} Memorandum of Understanding", self.name))?,
        );
        let mut files = vec![
            (
                "isg.yaml".to_owned(),
                include_str!("init/isg.yaml").replace("@NAME@", &name),
            ),
            ("mou.yaml".to_owned(), mou),
            (
                "README.md".to_owned(),
                include_str!("init/README.md").replace("@NAME@", &self.name),
            ),
            (
                "organisations/README.md".to_owned(),
                include_str!("init/folder-organisations.md").to_owned(),
            ),
            (
                "agreements/README.md".to_owned(),
                include_str!("init/folder-agreements.md").to_owned(),
            ),
            (
                ".gitignore".to_owned(),
                include_str!("init/gitignore").to_owned(),
            ),
            (
                ".vscode/settings.json".to_owned(),
                include_str!("init/vscode-settings.json").to_owned(),
            ),
            (
                ".vscode/extensions.json".to_owned(),
                include_str!("init/vscode-extensions.json").to_owned(),
            ),
            (
                ".github/workflows/isg.yml".to_owned(),
                include_str!("init/workflow.yml").replace("@ACTION@", &self.action),
            ),
        ];
        for kind in RecordKind::ALL {
            files.push((
                format!("schemas/{}", kind.schema_file()),
                kind.schema_text().to_owned(),
            ));
        }
        Ok(files)
    }

    /// Writes the registry into `dir`, which may exist but must hold none of
    /// its files: if any is there, nothing at all is written. Makes `dir` a
    /// git repository (branch `main`, no commits) unless it is inside one.
    pub fn write(&self, dir: &Path) -> anyhow::Result<Vec<String>> {
        let files = self.files().map_err(anyhow::Error::msg)?;
        let existing: Vec<&str> = files
            .iter()
            .map(|(path, _)| path.as_str())
            .filter(|path| dir.join(path).symlink_metadata().is_ok())
            .collect();
        if !existing.is_empty() {
            anyhow::bail!(
                "{} already has {}; nothing was written. Run `isg init` in a new or empty folder.",
                dir.display(),
                existing.join(", ")
            );
        }
        for (path, text) in &files {
            atomic_write(&dir.join(path), text.as_bytes(), Existing::Keep)
                .map_err(|error| anyhow::anyhow!("cannot write {path}: {error}"))?;
        }
        let mut written: Vec<String> = files.into_iter().map(|(path, _)| path).collect();
        if crate::source::git::locate(dir).is_none() {
            crate::source::git::init(dir)
                .map_err(|why| anyhow::anyhow!("cannot start a git repository: {why}"))?;
            written.push(".git (a new git repository, branch main)".to_owned());
        }
        Ok(written)
    }
}

/// Writes the JSON Schemas into `dir` for editors, replacing older copies.
pub fn write_schemas(dir: &Path) -> std::io::Result<Vec<String>> {
    RecordKind::ALL
        .iter()
        .map(|kind| {
            let path = dir.join(kind.schema_file());
            atomic_write(&path, kind.schema_text().as_bytes(), Existing::Replace)?;
            Ok(path.display().to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Init, default_action};
    use crate::date::Date;

    fn init() -> Init {
        Init {
            name: "Fylde Coast: registry #1".to_owned(),
            today: Date::parse("2026-11-22").unwrap(),
            action: "example/isg@v1".to_owned(),
        }
    }

    #[test]
    fn the_mou_has_the_ten_principles_and_names_are_quoted_safely() {
        let files = init().files().unwrap();
        let text = |name: &str| &files.iter().find(|(path, _)| path == name).unwrap().1;
        let mou = crate::source::yaml::parse(text("mou.yaml")).value.unwrap();
        assert_eq!(mou["principles"].as_array().unwrap().len(), 10);
        assert_eq!(mou["version"], 1);
        assert_eq!(mou["effective"], "2026-11-22");
        let settings = crate::source::yaml::parse(text("isg.yaml")).value.unwrap();
        assert_eq!(settings["name"], "Fylde Coast: registry #1");
        assert!(text(".github/workflows/isg.yml").contains("uses: example/isg@v1"));
        assert!(
            !files
                .iter()
                .any(|(_, text)| text.contains('@') && text.contains("@NAME@"))
        );
    }

    #[test]
    fn the_default_action_is_this_version() {
        assert!(default_action().ends_with(&format!("@v{}", env!("CARGO_PKG_VERSION"))));
        assert!(!default_action().contains("https://"));
    }

    #[test]
    fn refuses_to_overwrite_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".vscode")).unwrap();
        std::fs::write(dir.path().join(".vscode/settings.json"), "{}").unwrap();
        let error = init().write(dir.path()).unwrap_err().to_string();
        assert!(error.contains(".vscode/settings.json"), "{error}");
        assert!(!dir.path().join("isg.yaml").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".vscode/settings.json")).unwrap(),
            "{}"
        );
    }
}
