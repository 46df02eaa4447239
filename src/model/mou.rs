//! `mou.yaml`: the Memorandum of Understanding every member signs.

use crate::date::Date;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct Mou {
    pub version: u32,
    pub effective: Date,
    #[serde(default)]
    pub title: Option<String>,
    pub principles: Vec<Principle>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Principle {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}
