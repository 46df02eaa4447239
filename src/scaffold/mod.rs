//! Making new files for a registry: a whole new registry (`isg init`) and
//! new organisations, agreements and data flows (`isg new`). Everything made
//! here passes `isg check`, and nothing here ever replaces a user's file
//! except to add a flow to the agreement the user named.

pub mod agreement;
pub mod ask;
pub mod flow;
pub mod init;
pub mod organisation;
pub mod yaml_out;

use crate::date::Date;
use crate::registry::Registry;
use crate::registry::load;
use crate::source::Worktree;
use std::path::{Path, PathBuf};

/// A registry that new records are added to.
pub struct Scaffold {
    pub root: PathBuf,
    pub registry: Registry,
    pub today: Date,
}

impl Scaffold {
    /// Reads the registry at `root` (its files as they are on disk).
    pub fn open(root: &Path, today: Date) -> anyhow::Result<Scaffold> {
        let source = Worktree::open(root).map_err(|why| {
            anyhow::anyhow!("cannot open the registry folder {}: {why}", root.display())
        })?;
        let loaded = load(&source).map_err(|why| {
            anyhow::anyhow!("cannot read the registry folder {}: {why}", root.display())
        })?;
        Ok(Scaffold {
            root: root.to_path_buf(),
            registry: loaded.registry,
            today,
        })
    }

    /// The check of an answer giving the date something was done (a
    /// signature, a training return, a DPIA): the field's own, and not
    /// after today, as `date-in-future` would report it.
    pub fn done_on(
        &self,
        kind: crate::schema::RecordKind,
        pointer: &'static str,
    ) -> impl Fn(&str) -> Result<(), String> + '_ {
        move |answer: &str| {
            crate::schema::check_field(kind, pointer, serde_json::Value::from(answer))?;
            match Date::parse(answer) {
                Some(date) if date > self.today => Err(format!(
                    "that is after today ({}); give the date it happened",
                    self.today
                )),
                _ => Ok(()),
            }
        }
    }

    /// The version of the registry's MoU, if it has one.
    pub fn mou_version(&self) -> Option<u32> {
        self.registry.mou.as_ref().map(|mou| mou.version)
    }

    /// `Ok` when no organisation has this id yet.
    pub fn is_new_organisation(&self, id: &str) -> Result<(), String> {
        let taken = self.registry.knows_organisation(id)
            || self.registry.unloaded_organisations.contains(id)
            || self.root.join(format!("organisations/{id}.yaml")).exists();
        if taken {
            Err(format!(
                "there is already an organisation `{id}`; choose another id"
            ))
        } else {
            Ok(())
        }
    }

    /// `Ok` when no agreement has this id yet.
    pub fn is_new_agreement(&self, id: &str) -> Result<(), String> {
        let taken = self.registry.knows_agreement(id)
            || self.registry.unloaded_agreements.contains(id)
            || self.root.join(format!("agreements/{id}")).exists();
        if taken {
            Err(format!(
                "there is already an agreement `{id}`; choose another id"
            ))
        } else {
            Ok(())
        }
    }

    /// `Ok` when an organisation has this id; otherwise says which is close.
    pub fn known_organisation(&self, id: &str) -> Result<(), String> {
        if self.registry.knows_organisation(id) {
            return Ok(());
        }
        let ids = self.registry.organisations.iter().map(|o| o.id.as_str());
        Err(match crate::text::suggest::did_you_mean(id, ids) {
            Some(close) => format!("there is no organisation `{id}`; did you mean `{close}`?"),
            None => format!("there is no organisation `{id}` in organisations/"),
        })
    }
}

/// An id made from a name: "Blackpool Teaching Hospitals NHS Foundation
/// Trust" becomes `blackpool-teaching-hospitals-nhs-foundation-trust`.
pub fn slug(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase).map(plain_letter) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if c == '\'' || c == '\u{2019}' {
            // "St Mary's" is `st-marys`, not `st-mary-s`.
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let mut id: String = id.chars().take(63).collect();
    while id.ends_with('-') {
        id.pop();
    }
    id
}

/// The items of a list answered on one line: separated by semicolons if
/// there are any (so items may contain commas), otherwise by commas.
pub fn list(answer: &str) -> Vec<String> {
    let separator = if answer.contains(';') { ';' } else { ',' };
    answer
        .split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The unaccented letter for the accented ones common in British and Irish
/// names (Siân, Ó Briain, Zoë).
fn plain_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ŵ' => 'w',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn ids_are_made_from_names() {
        assert_eq!(slug("Blackpool Council"), "blackpool-council");
        assert_eq!(
            slug("  St Mary's Surgery (Preston) "),
            "st-marys-surgery-preston"
        );
        assert_eq!(slug("Dr Siân Ó Briain"), "dr-sian-o-briain");
        assert_eq!(slug(&"a ".repeat(40)).len(), 63);
        assert_eq!(slug("!!!"), "");
    }
}
