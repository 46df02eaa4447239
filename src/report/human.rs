//! Findings for people: rustc-style, with the offending line underlined.

use super::summary_line;
use crate::check::Report;
use crate::diagnostic::{Finding, Level};
use crate::source::LineIndex;
use crate::source::SourceFiles;
use crate::text::{visible, visible_lines};
use annotate_snippets::{AnnotationKind, Group, Renderer, Snippet};
use std::borrow::Cow;
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
        let shown = Shown::new(finding, index);
        let _ = writeln!(out, "{}", renderer.render(&finding_groups(finding, &shown)));
        out.push('\n');
    }
    out.push_str(&by_rule(report));
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// With many findings from several rules, how many each rule found, most
/// first: the shape of a long report at a glance (a new MoU version
/// unsigned, say, rather than fifty separate problems). Empty otherwise.
fn by_rule(report: &Report) -> String {
    /// Fewer findings than this are read one by one.
    const MANY: usize = 10;
    /// The rules listed; the rest are counted together.
    const LISTED: usize = 8;
    let mut counts: Vec<(&str, Level, usize)> = Vec::new();
    for finding in &report.findings {
        match counts.iter_mut().find(|(rule, _, _)| *rule == finding.rule) {
            Some((_, _, count)) => *count += 1,
            None => counts.push((finding.rule, finding.level, 1)),
        }
    }
    if report.findings.len() < MANY || counts.len() < 2 {
        return String::new();
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let rest = counts.split_off(counts.len().min(LISTED));
    let rest_findings: usize = rest.iter().map(|(_, _, count)| count).sum();
    let width = counts
        .iter()
        .map(|(_, _, count)| *count)
        .chain([rest_findings])
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let mut out = String::from("By rule (`isg explain RULE` says what each one checks):\n");
    for (rule, level, count) in counts {
        let _ = writeln!(out, "  {count:>width$} {:<7} {rule}", level.as_str());
    }
    if !rest.is_empty() {
        let rules = match rest.len() {
            1 => "one other rule".to_owned(),
            n => format!("{n} other rules"),
        };
        let _ = writeln!(out, "  {rest_findings:>width$} from {rules}");
    }
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

/// A finding's words and the line it quotes, with every hidden character
/// (a carriage return, a bidirectional control) shown by its code point,
/// so that nothing in a file or a value can rewrite the terminal's text.
struct Shown<'a> {
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    /// The line quoted, and where each of its characters starts in it.
    line: Option<(Cow<'a, str>, Vec<usize>)>,
}

impl<'a> Shown<'a> {
    fn new(finding: &'a Finding, index: Option<&LineIndex<'a>>) -> Shown<'a> {
        let line = index
            .filter(|index| (finding.span.start.line as usize) <= index.line_count())
            .map(|index| shown_line(index.line(finding.span.start.line)));
        Shown {
            message: visible(&finding.message),
            help: finding.help.as_deref().map(visible_lines),
            line,
        }
    }
}

/// A line of a file as shown, and the byte where each original character
/// starts in it (and one more for its end).
fn shown_line(line: &str) -> (Cow<'_, str>, Vec<usize>) {
    let shown = visible(line);
    let mut starts = Vec::with_capacity(line.len() + 1);
    let mut at = 0;
    for c in line.chars() {
        starts.push(at);
        at += match crate::text::hidden(c) {
            Some(_) => format!("[U+{:04X}]", u32::from(c)).len(),
            None => c.len_utf8(),
        };
    }
    starts.push(at);
    (shown, starts)
}

fn finding_groups<'a>(finding: &'a Finding, shown: &'a Shown<'a>) -> Vec<Group<'a>> {
    let title = level(finding.level)
        .primary_title(shown.message.as_ref())
        .id(finding.rule);
    let help = shown.help.as_deref();
    let snippet = match &shown.line {
        Some((source, starts)) => {
            // Show only the first line of the span: a multi-line value is
            // located well enough by where it starts.
            let line = finding.span.start.line;
            let byte = |column: u32| {
                starts
                    .get(column.saturating_sub(1) as usize)
                    .copied()
                    .unwrap_or(source.len())
            };
            let start = byte(finding.span.start.column);
            let end_column = if finding.span.end.line == line {
                finding.span.end.column
            } else {
                u32::MAX
            };
            let end = byte(end_column).max(start);
            let source = source.as_ref();
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
            if let Some(help) = help {
                group = group.element(annotate_snippets::Level::HELP.message(help));
            }
            return vec![group];
        }
    };
    let mut group = title.element(snippet);
    if let Some(help) = help {
        group = group.element(annotate_snippets::Level::HELP.message(help));
    }
    vec![group]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Pos, Span};

    fn report(findings: &[(&'static str, Level)]) -> Report {
        let findings = findings
            .iter()
            .map(|&(rule, level)| Finding {
                rule,
                level,
                file: "mou.yaml".into(),
                span: Span::at(Pos::START),
                message: "m".into(),
                help: None,
            })
            .collect();
        Report { findings, files: 1 }
    }

    #[test]
    fn many_findings_are_counted_by_rule_most_first() {
        let mut findings = vec![("mou-not-signed", Level::Error); 3];
        findings.extend(vec![("party-assurance-lapsed", Level::Error); 6]);
        findings.push(("assurance-expiring", Level::Note));
        assert_eq!(
            by_rule(&report(&findings)),
            "By rule (`isg explain RULE` says what each one checks):\n  6 error   party-assurance-lapsed\n  3 error   mou-not-signed\n  1 note    assurance-expiring\n\n"
        );
        // Fewer than ten are read one by one; one rule needs no breakdown.
        assert_eq!(by_rule(&report(&findings[1..])), "");
        assert_eq!(
            by_rule(&report(&[("mou-not-signed", Level::Error); 12])),
            ""
        );
        // Past eight rules, the rest are counted together.
        let rules = [
            "a-rule", "b-rule", "c-rule", "d-rule", "e-rule", "f-rule", "g-rule", "h-rule",
            "i-rule", "j-rule",
        ];
        let mut findings: Vec<(&'static str, Level)> =
            rules.iter().map(|rule| (*rule, Level::Warning)).collect();
        findings.push(("j-rule", Level::Warning));
        let text = by_rule(&report(&findings));
        assert!(
            text.contains("\n  2 warning j-rule\n  1 warning a-rule\n"),
            "{text}"
        );
        assert!(
            text.ends_with("  1 warning g-rule\n  2 from 2 other rules\n\n"),
            "{text}"
        );
        findings.pop();
        findings.push(("k-rule", Level::Warning));
        let text = by_rule(&report(&findings));
        assert!(text.ends_with("  3 from 3 other rules\n\n"), "{text}");
        let mut findings: Vec<(&'static str, Level)> = rules[..9]
            .iter()
            .map(|rule| (*rule, Level::Warning))
            .collect();
        findings.push(("a-rule", Level::Warning));
        let text = by_rule(&report(&findings));
        assert!(
            text.ends_with("  1 warning h-rule\n  1 from one other rule\n\n"),
            "{text}"
        );
    }
}
