//! `--format github`: workflow commands that GitHub Actions shows as
//! annotations on the pull request's changed lines.

use super::summary_line;
use crate::check::Report;
use crate::diagnostic::Level;
use std::fmt::Write;

pub fn render(report: &Report, path_prefix: &str) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match finding.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        let file = if path_prefix.is_empty() {
            finding.file.clone()
        } else {
            format!("{path_prefix}/{}", finding.file)
        };
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push('\n');
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&file),
            finding.span.start.line,
            finding.span.start.column,
            finding.span.end.line,
            finding.span.end.column,
            escape_property(&format!("isg {}", finding.rule)),
            escape_data(&message)
        );
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// Escaping from the Actions toolkit (`toCommandValue`/`escapeData`).
fn escape_data(text: &str) -> String {
    crate::text::visible_lines(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_the_command() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_data("a\u{202E}b\rc"), "a[U+202E]b[U+000D]c");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
