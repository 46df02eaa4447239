//! `isg completions` and `isg man`: shell completion scripts and the manual
//! page, generated from the command-line definitions so they never drift.

use super::Cli;
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in: bash, zsh, fish, powershell or elvish.
    pub shell: Shell,
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "isg", &mut script);
    super::print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// The manual page (roff), with a section for each subcommand.
pub fn man() -> anyhow::Result<ExitCode> {
    let command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        page.extend_from_slice(
            format!(".SH \"ISG {}\"\n", sub.get_name().to_uppercase()).as_bytes(),
        );
        let mut section = Vec::new();
        clap_mangen::Man::new(sub.clone()).render_description_section(&mut section)?;
        clap_mangen::Man::new(sub.clone()).render_options_section(&mut section)?;
        // Each part starts with its own .SH heading; keep them as subsections.
        page.extend_from_slice(
            String::from_utf8_lossy(&section)
                .replace(".SH ", ".SS ")
                .as_bytes(),
        );
    }
    super::print(&String::from_utf8_lossy(&page))?;
    Ok(ExitCode::SUCCESS)
}
