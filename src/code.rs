//! Rule codes: what names a rule wherever its findings go (its name, its
//! family and its level unless `isg.yaml` says otherwise), and nothing of
//! how it checks or what its documentation says. A finding carries its
//! rule's code; settings give levels by it. Each layer that finds problems
//! defines the codes of what it finds, and the rule table in `rules` joins
//! each code to its documentation and its check.

use serde::Serialize;

/// How serious a finding is. `Error` fails `isg check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// A group of rules, as `isg explain` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Files,
    Organisations,
    Agreements,
    History,
}

impl Family {
    pub fn title(self) -> &'static str {
        match self {
            Family::Files => "Files",
            Family::Organisations => "Organisations",
            Family::Agreements => "Agreements",
            Family::History => "Sign-off (git history)",
        }
    }
}

/// A rule's code: its name (`signoff-missing`), family and default level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Code {
    pub name: &'static str,
    pub family: Family,
    pub level: Level,
}

impl Code {
    pub const fn new(name: &'static str, family: Family, level: Level) -> Code {
        Code {
            name,
            family,
            level,
        }
    }
}
