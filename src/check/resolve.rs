//! Findings from diagnostics: the registry's levels applied, and each
//! pointer turned into a line and column only now, once per file with
//! findings.

use crate::diagnostic::{Diagnostic, Finding, Level, Location, Pos, Span};
use crate::model::{RuleLevel, Settings};
use crate::source::LineIndex;
use crate::source::SourceFiles;
use crate::source::document::Document;
use crate::source::yaml;
use rayon::prelude::*;

/// The outcome of a check: findings in file order, and how many files were read.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub files: usize,
}

impl Report {
    pub fn count(&self, level: Level) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.level == level)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.level == Level::Error)
    }
}

/// Applies the registry's rule levels and resolves every position. Each
/// file's findings are resolved together, files in parallel: a file's
/// positions are read once (from its text, parsed again) and dropped when
/// its findings have them, so a registry with a finding in every file never
/// holds the positions of all its files at once.
pub fn resolve(
    mut diagnostics: Vec<Diagnostic>,
    files: &SourceFiles,
    settings: &Settings,
) -> Vec<Finding> {
    // Stable, so each file's diagnostics keep their order.
    diagnostics.sort_by(|a, b| a.file.cmp(&b.file));
    let mut by_file: Vec<Vec<Diagnostic>> = Vec::new();
    for diagnostic in diagnostics {
        match by_file.last_mut() {
            Some(group) if group[0].file == diagnostic.file => group.push(diagnostic),
            _ => by_file.push(vec![diagnostic]),
        }
    }
    let mut findings: Vec<Finding> = by_file
        .into_par_iter()
        .flat_map_iter(|group| resolve_file(group, files, settings))
        .collect();
    findings.sort_by(|a, b| {
        (&a.file, a.span.start, a.rule, &a.message).cmp(&(
            &b.file,
            b.span.start,
            b.rule,
            &b.message,
        ))
    });
    findings.dedup();
    findings
}

/// The findings of one file's diagnostics.
fn resolve_file(
    diagnostics: Vec<Diagnostic>,
    files: &SourceFiles,
    settings: &Settings,
) -> Vec<Finding> {
    // The file's document, read once for all its findings that point at a
    // value, and walked to each.
    let mut document: Option<Option<Document>> = None;
    let findings = diagnostics
        .into_iter()
        .filter_map(|diagnostic| {
            let level = match settings.rules.get(diagnostic.rule.name) {
                Some(RuleLevel::Off) => return None,
                Some(RuleLevel::Error) => Level::Error,
                Some(RuleLevel::Warning) => Level::Warning,
                Some(RuleLevel::Note) => Level::Note,
                None => diagnostic.rule.level,
            };
            let text = files.text(&diagnostic.file);
            let span = match &diagnostic.location {
                Location::File => first_line(text),
                Location::Span(span) => *span,
                Location::Key(pointer) | Location::Value(pointer) => {
                    let document = document
                        .get_or_insert_with(|| text.and_then(|text| yaml::read(text).document));
                    let want_key = matches!(diagnostic.location, Location::Key(_));
                    document
                        .as_ref()
                        .and_then(|document| pointer_span(document, pointer, want_key))
                        .unwrap_or_else(|| first_line(text))
                }
            };
            Some(Finding {
                rule: diagnostic.rule.name,
                level,
                file: diagnostic.file,
                span: widen(span),
                message: diagnostic.message,
                help: diagnostic.help,
            })
        })
        .collect();
    // Its memory serves the next file read on this thread.
    if let Some(Some(document)) = document {
        yaml::recycle(document);
    }
    findings
}

/// The span for a pointer: the value itself, or for a mapping or list the
/// key that introduces it; a pointer that is not in the file falls back to
/// its nearest parent.
fn pointer_span(document: &Document, pointer: &str, want_key: bool) -> Option<Span> {
    let mut current = pointer;
    let mut exact = true;
    loop {
        if let Some(node) = document.spans_at(current) {
            let key_first = want_key || node.container || !exact;
            return Some(match (key_first, node.key) {
                (true, Some(key)) => key,
                _ if node.container => Span::at(node.value.start),
                _ => node.value,
            });
        }
        if current.is_empty() {
            return None;
        }
        current = &current[..current.rfind('/').unwrap_or(0)];
        exact = false;
    }
}

fn first_line(text: Option<&str>) -> Span {
    let end = text.map_or(1, |text| {
        LineIndex::new(text).line(1).chars().count() as u32 + 1
    });
    Span {
        start: Pos::START,
        end: Pos {
            line: 1,
            column: end.max(2),
        },
    }
}

/// Gives an empty span one character, so every finding underlines something.
fn widen(span: Span) -> Span {
    if span.end > span.start {
        return span;
    }
    Span {
        start: span.start,
        end: Pos {
            line: span.start.line,
            column: span.start.column + 1,
        },
    }
}
