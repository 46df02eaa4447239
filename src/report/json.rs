//! `--format json`: one object with every finding and a summary.

use crate::check::Report;
use crate::diagnostic::Level;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<Entry<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'a str,
    level: Level,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    notes: usize,
    files: usize,
}

pub fn render(report: &Report) -> String {
    let output = Output {
        diagnostics: report
            .findings
            .iter()
            .map(|finding| Entry {
                rule: finding.rule,
                level: finding.level,
                file: &finding.file,
                line: finding.span.start.line,
                column: finding.span.start.column,
                end_line: finding.span.end.line,
                end_column: finding.span.end.column,
                message: &finding.message,
                help: finding.help.as_deref(),
            })
            .collect(),
        summary: Summary {
            errors: report.count(Level::Error),
            warnings: report.count(Level::Warning),
            notes: report.count(Level::Note),
            files: report.files,
        },
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
