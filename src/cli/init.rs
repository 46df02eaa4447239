//! `isg init` and `isg schema`: a new registry, and the schemas for editors.

use crate::date::Date;
use crate::scaffold::init::{Init, default_action, write_schemas};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the new registry (default: the current folder). It
    /// may exist, but must not hold any of the files `init` writes.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The registry's name, shown on its site and documents.
    #[arg(long, default_value = "Information sharing registry")]
    pub name: String,
    /// The GitHub action the workflow installs `isg` with, as OWNER/REPO@REF
    /// (default: the repository and version of this `isg`).
    #[arg(long, value_name = "OWNER/REPO@REF")]
    pub action: Option<String>,
    /// The date the MoU takes effect (default: today).
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub today: Option<Date>,
}

pub fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let init = Init {
        name: args.name,
        today: args.today.unwrap_or_else(Date::today),
        action: args.action.unwrap_or_else(default_action),
    };
    let written = init.write(&args.dir)?;
    let mut text = format!(
        "Started the registry \"{}\" in {}:\n",
        init.name,
        args.dir.display()
    );
    for file in &written {
        text.push_str(&format!("  {file}\n"));
    }
    text.push_str(
        "\nNext: add your organisation with `isg new organisation`, check with `isg check`,\n\
         then commit and push. README.md explains the rest to every member.\n",
    );
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The folder to write the schemas into (default: `schemas` in the
    /// registry the current folder is in, where its files look for them).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn schema(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    let out = args
        .out
        .unwrap_or_else(|| super::inside(&super::registry_folder(None), "schemas"));
    let written = write_schemas(&out)
        .map_err(|error| anyhow::anyhow!("cannot write into {}: {error}", out.display()))?;
    let mut text = String::from("Wrote the JSON Schemas for editors:\n");
    for file in written {
        text.push_str(&format!("  {file}\n"));
    }
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}
