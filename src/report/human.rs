//! Findings for people: rustc-style, with the offending line underlined.

use super::{Report, summary_line};
use crate::diagnostic::{Finding, Level, Pos};
use crate::load::SourceFiles;
use crate::source::LineIndex;
use annotate_snippets::{AnnotationKind, Group, Renderer, Snippet};
use std::collections::HashMap;
use std::fmt::Write;

/// Whether to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Colour,
}

pub fn render(report: &Report, files: &SourceFiles, style: Style) -> String {
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Colour => Renderer::styled(),
    };
    let mut indexes: HashMap<&str, LineIndex<'_>> = HashMap::new();
    let mut out = String::new();
    for finding in &report.findings {
        let index = files.text(&finding.file).map(|text| {
            &*indexes
                .entry(finding.file.as_str())
                .or_insert_with(|| LineIndex::new(text))
        });
        let _ = writeln!(out, "{}", renderer.render(&finding_groups(finding, index)));
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

fn level(level: Level) -> annotate_snippets::Level<'static> {
    match level {
        Level::Error => annotate_snippets::Level::ERROR,
        Level::Warning => annotate_snippets::Level::WARNING,
        Level::Note => annotate_snippets::Level::NOTE,
    }
}

fn finding_groups<'a>(finding: &'a Finding, index: Option<&LineIndex<'a>>) -> Vec<Group<'a>> {
    let title = level(finding.level)
        .primary_title(finding.message.as_str())
        .id(finding.rule);
    let snippet = match index {
        Some(index) if (finding.span.start.line as usize) <= index.line_count() => {
            // Show only the first line of the span: a multi-line value is
            // located well enough by where it starts.
            let line = finding.span.start.line;
            let source = index.line(line);
            let start = byte_in_line(index, finding.span.start);
            let end_pos = if finding.span.end.line == line {
                finding.span.end
            } else {
                Pos {
                    line,
                    column: u32::MAX,
                }
            };
            let end = byte_in_line(index, end_pos).max(start);
            let annotation = if end > start {
                AnnotationKind::Primary.span(start..end)
            } else {
                // Past the end of the line (a missing value): point just after it.
                AnnotationKind::Primary.span(source.len()..source.len())
            };
            Snippet::source(source)
                .line_start(line as usize)
                .path(finding.file.as_str())
                .annotation(annotation)
        }
        _ => {
            // No text to show (the file is missing, binary or unreadable):
            // name the file and position only.
            let origin = annotate_snippets::Origin::path(finding.file.as_str())
                .line(finding.span.start.line as usize)
                .char_column(finding.span.start.column as usize);
            let mut group = title.element(origin);
            if let Some(help) = &finding.help {
                group = group.element(annotate_snippets::Level::HELP.message(help.as_str()));
            }
            return vec![group];
        }
    };
    let mut group = title.element(snippet);
    if let Some(help) = &finding.help {
        group = group.element(annotate_snippets::Level::HELP.message(help.as_str()));
    }
    vec![group]
}

fn byte_in_line(index: &LineIndex<'_>, pos: Pos) -> usize {
    let line = index.line(pos.line);
    line.char_indices()
        .nth(pos.column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i)
}
