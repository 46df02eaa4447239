//! Printing findings for people and for CI (human, JSON, SARIF, GitHub
//! annotations), `isg status`'s tables, and the rules' documentation.

pub mod explain;
mod github;
mod human;
mod json;
mod sarif;
pub mod status;

pub use human::Style;

use crate::check::Report;
use crate::diagnostic::Level;
use crate::source::SourceFiles;

/// The output formats of `isg check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Readable text with the offending lines shown.
    Human,
    /// One JSON object, for scripts.
    Json,
    /// SARIF 2.1.0, for code scanning tools.
    Sarif,
    /// GitHub Actions annotations on the pull request.
    Github,
}

/// Prints a report in the chosen format.
pub fn render(
    format: Format,
    report: &Report,
    files: &SourceFiles,
    style: Style,
    path_prefix: &str,
) -> String {
    match format {
        Format::Human => human::render(report, files, style),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report, path_prefix),
    }
}

use crate::text::plural;

/// The closing line of human and GitHub output.
pub fn summary_line(report: &Report) -> String {
    let files = plural(report.files, "file");
    if report.findings.is_empty() {
        return format!("Checked {files}: no problems found.");
    }
    format!(
        "Checked {files}: {}, {}, {}.",
        plural(report.count(Level::Error), "error"),
        plural(report.count(Level::Warning), "warning"),
        plural(report.count(Level::Note), "note")
    )
}
