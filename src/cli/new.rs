//! `isg new organisation|agreement|flow`: add a record to a registry by
//! answering questions (on a terminal) or giving options (in scripts).

use super::answers::{AgreementOptions, FlowOptions, OrganisationOptions};
use crate::check::Report;
use crate::date::Date;
use crate::report::{Style, render};
use crate::scaffold::Scaffold;
use crate::scaffold::agreement::agreement;
use crate::scaffold::ask::{Asker, Terminal};
use crate::scaffold::flow::{add_flow, flow};
use crate::scaffold::organisation::organisation;
use crate::scaffold::yaml_out::{self, document};
use crate::write::{Existing, atomic_write};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: What,
    /// The registry folder (default: the registry the current folder is in).
    #[arg(long, global = true)]
    pub registry: Option<PathBuf>,
    /// Ask nothing, even on a terminal: every answer comes from the options.
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Check the new record as if today were this date (YYYY-MM-DD).
    #[arg(long, global = true, value_parser = super::parse_date, value_name = "DATE")]
    pub today: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// A new organisation, with its assurance and officers.
    Organisation(OrganisationOptions),
    /// A new draft agreement between organisations in the registry.
    Agreement(AgreementOptions),
    /// A new data flow, with its main risk, in an existing agreement.
    Flow(FlowOptions),
}

/// The scaffold's answers from the command line's options: the same
/// fields, under the same names.
fn as_answers<T: serde::de::DeserializeOwned>(
    options: &impl serde::Serialize,
) -> anyhow::Result<T> {
    Ok(serde_json::from_value(serde_json::to_value(options)?)?)
}

pub fn run(args: NewArgs) -> anyhow::Result<ExitCode> {
    let root = &super::registry_folder(args.registry.clone());
    if root.is_dir() && !crate::source::layout::is_registry_folder(root) {
        bail!("{}", super::not_a_registry(root));
    }
    let today = args.today.unwrap_or_else(Date::today);
    let scaffold = Scaffold::open(root, today)?;
    // Questions go to standard error, so standard output stays clean.
    let interactive =
        !args.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let terminal = interactive.then(|| Terminal {
        input: Box::new(std::io::stdin().lock()),
        output: Box::new(std::io::stderr()),
    });
    let mut asker = Asker::new(terminal);
    let (written, next) = match &args.what {
        What::Organisation(options) => {
            let answers = &as_answers(options)?;
            let (id, record) = complete(
                asker.ask_all(|asker| organisation(answers, &scaffold, asker))?,
                asker,
            )?;
            let file = format!("organisations/{id}.yaml");
            create(
                &scaffold,
                &file,
                "../schemas/organisation.schema.json",
                &record,
            )?;
            (
                file,
                format!("Propose it in a pull request; agreements can now name `{id}` as a party."),
            )
        }
        What::Agreement(options) => {
            let answers = &as_answers(options)?;
            let (id, record) = complete(
                asker.ask_all(|asker| agreement(answers, &scaffold, asker))?,
                asker,
            )?;
            let file = format!("agreements/{id}/agreement.yaml");
            create(
                &scaffold,
                &file,
                "../../schemas/agreement.schema.json",
                &record,
            )?;
            (
                file,
                format!("Add its data flows with `isg new flow --agreement {id}`."),
            )
        }
        What::Flow(options) => {
            let answers = &as_answers(options)?;
            let (agreement_id, flow) = complete(
                asker.ask_all(|asker| flow(answers, &scaffold, asker))?,
                asker,
            )?;
            let Some(record) = scaffold.registry.agreement(&agreement_id) else {
                bail!("there is no agreement `{agreement_id}`");
            };
            let path = root.join(&record.file);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", record.file))?;
            let changed = add_flow(&text, &flow).map_err(|why| {
                anyhow::anyhow!(
                    "{} was not changed: {why}. Add the flow under `flows:` yourself:\n\n{}",
                    record.file,
                    yaml_out::list_item(&flow, 2)
                )
            })?;
            atomic_write(&path, changed.as_bytes(), Existing::Replace)
                .with_context(|| format!("cannot write {}", record.file))?;
            let next = if record.status == crate::model::AgreementStatus::Draft {
                "When the agreement is complete, set `status: active` and ask each party to sign it off (`isg sign`)."
            } else {
                "The agreement's meaning has changed, so every party signs it off again (`isg sign`)."
            };
            (record.file.clone(), next.to_owned())
        }
    };
    report(root, today, &written, &next)
}

/// Ends the questions: the answers, or every missing and wrong option.
fn complete<T>(made: Option<T>, asker: Asker) -> anyhow::Result<T> {
    asker.finish().map_err(anyhow::Error::msg)?;
    // `None` comes only with a problem that `finish` reports.
    made.context("not enough answers to write the file")
}

/// Writes a new record's file, refusing to replace one.
fn create(
    scaffold: &Scaffold,
    file: &str,
    schema: &str,
    record: &crate::scaffold::yaml_out::Node,
) -> anyhow::Result<()> {
    let header = format!("yaml-language-server: $schema={schema}");
    let text = document(&[&header], record).map_err(anyhow::Error::msg)?;
    atomic_write(&scaffold.root.join(file), text.as_bytes(), Existing::Keep).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{file} already exists; nothing was written")
        } else {
            anyhow::anyhow!("cannot write {file}: {error}")
        }
    })
}

/// Says what was written, and checks it as `isg check` would.
fn report(root: &std::path::Path, today: Date, file: &str, next: &str) -> anyhow::Result<ExitCode> {
    let (source, git) = super::open_registry(root, None)?;
    let checked = crate::check::check(source.as_ref(), today, &git)
        .map_err(|why| anyhow::anyhow!("cannot check the registry: {why}"))?;
    let findings: Vec<_> = checked
        .report
        .findings
        .into_iter()
        .filter(|finding| finding.file == file)
        .collect();
    let own = Report { findings, files: 1 };
    let mut text = format!("Wrote {file}.\n");
    if own.findings.is_empty() {
        text.push_str(&format!("It passes `isg check`. {next}\n"));
    } else {
        text.push_str("`isg check` finds this in it:\n\n");
        text.push_str(&render(
            crate::report::Format::Human,
            &own,
            &checked.files,
            Style::Plain,
            "",
        ));
    }
    super::print(&text)?;
    Ok(if own.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
