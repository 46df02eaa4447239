//! `mou.yaml`: the Memorandum of Understanding every member signs.

use crate::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Mou {
    pub version: u32,
    pub effective: Date,
    #[serde(default)]
    pub title: Option<String>,
    pub principles: Vec<Principle>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Principle {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}
