//! `isg.yaml`: the registry's name, policy and per-rule levels.

use super::{DsptStatus, kebab_enum};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Settings {
    pub name: Option<String>,
    #[serde(default)]
    pub policy: Policy,
    /// Rule name to level; unknown names are refused by the schema.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

impl Settings {
    /// Whether `isg.yaml` turns the rule of `code` off.
    pub fn turns_off(&self, code: impl Into<crate::code::Code>) -> bool {
        self.rules.get(code.into().name) == Some(&RuleLevel::Off)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default)]
pub struct Policy {
    pub dspt_minimum: DsptStatus,
    pub review_warning_days: u32,
    pub max_review_interval_days: u32,
    pub large_scale_records: u64,
    pub signoff: SignoffLevel,
    /// Whether sign-offs given on paper and transcribed count when
    /// `signoff` is `verified`.
    pub accept_transcribed: bool,
    /// Whether each controller's DPO must review an agreement's version
    /// (`isg review`) before it is in force.
    pub dpo_review: DpoReview,
    pub training_target_percent: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            dspt_minimum: DsptStatus::StandardsMet,
            review_warning_days: 60,
            max_review_interval_days: 1096,
            large_scale_records: 10_000,
            signoff: SignoffLevel::Recorded,
            accept_transcribed: false,
            dpo_review: DpoReview::Optional,
            training_target_percent: 95.0,
        }
    }
}

kebab_enum!(DpoReview {
    Required = "required" => "required",
    Optional = "optional" => "optional",
    Off = "off" => "off",
});

kebab_enum!(SignoffLevel {
    Transcribed = "transcribed" => "transcribed from paper",
    Recorded = "recorded" => "recorded",
    Verified = "verified" => "verified",
});

kebab_enum!(RuleLevel {
    Error = "error" => "error",
    Warning = "warning" => "warning",
    Note = "note" => "note",
    Off = "off" => "off",
});
