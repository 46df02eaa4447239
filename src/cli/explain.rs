//! `isg explain`.

use crate::report::explain::{list_text, rule_text, rules_markdown};
use crate::rules::{RULES, find};
use crate::text::suggest::did_you_mean;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule to explain; without it, every rule is listed.
    pub rule: Option<String>,
    /// Print the documentation of every rule as Markdown (docs/rules.md).
    #[arg(long, conflicts_with = "rule")]
    pub markdown: bool,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    if args.markdown {
        super::print(&rules_markdown())?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(name) = args.rule else {
        super::print(&list_text())?;
        return Ok(ExitCode::SUCCESS);
    };
    match find(&name) {
        Some(rule) => {
            super::print(&rule_text(rule))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let hint = did_you_mean(&name, RULES.iter().map(|rule| rule.code.name))
                .map(|close| format!(" Did you mean `{close}`?"))
                .unwrap_or_default();
            anyhow::bail!(
                "there is no rule called `{name}`.{hint} Run `isg explain` to list every rule."
            )
        }
    }
}
