//! The rules' documentation as text: `isg explain` and `docs/rules.md`.

use crate::rules::{Family, RULES, RuleInfo, precedence};
use std::fmt::Write;

/// One rule in full, for the terminal.
pub fn rule_text(rule: &RuleInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} by default)\n",
        rule.code.name,
        rule.code.level.as_str()
    );
    let _ = writeln!(out, "What it checks\n  {}\n", wrap(rule.checks, 2));
    let _ = writeln!(out, "Why it matters\n  {}\n", wrap(rule.why, 2));
    let _ = writeln!(out, "Example that fails\n{}\n", indent(rule.example, 4));
    let _ = writeln!(out, "How to fix it\n  {}", wrap(rule.fix, 2));
    let precedences = precedence::of(rule);
    if !precedences.is_empty() {
        let _ = writeln!(out, "\nWhen another rule reports the same mistake");
        for sentence in precedences {
            let _ = writeln!(out, "  {}", wrap(&sentence, 2));
        }
    }
    out
}

/// Every rule with its level and summary, grouped by family.
pub fn list_text() -> String {
    let mut out = String::new();
    let width = RULES
        .iter()
        .map(|rule| rule.code.name.len())
        .max()
        .unwrap_or(0);
    let mut family: Option<Family> = None;
    for rule in RULES {
        if family != Some(rule.code.family) {
            if family.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", rule.code.family.title());
            family = Some(rule.code.family);
        }
        let _ = writeln!(
            out,
            "  {:width$}  {:7}  {}",
            rule.code.name,
            rule.code.level.as_str(),
            rule.summary
        );
    }
    out.push_str("\nRun `isg explain RULE` for what a rule checks, why, and how to fix it.\n");
    out
}

/// The Markdown reference of every rule (`docs/rules.md`).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule table by `isg explain --markdown`; do not edit by hand. -->\n\n\
         Every finding of `isg check` names one of these rules. Change a rule's level in `isg.yaml` under `rules:` \
         (`error`, `warning`, `note` or `off`).\n\n| Rule | Default level | What it finds |\n| --- | --- | --- |\n",
    );
    for rule in RULES {
        let _ = writeln!(
            out,
            "| [`{0}`](#{0}) | {1} | {2} |",
            rule.code.name,
            rule.code.level.as_str(),
            rule.summary
        );
    }
    let mut family: Option<Family> = None;
    for rule in RULES {
        if family != Some(rule.code.family) {
            let _ = write!(out, "\n## {}\n", rule.code.family.title());
            family = Some(rule.code.family);
        }
        let _ = write!(
            out,
            "\n### {}\n\nDefault level: **{}**.\n\n**What it checks.** {}\n\n**Why it matters.** {}\n\n**Example that fails.**\n\n```yaml\n{}\n```\n\n**How to fix it.** {}\n",
            rule.code.name,
            rule.code.level.as_str(),
            rule.checks,
            rule.why,
            rule.example,
            rule.fix
        );
        let precedences = precedence::of(rule);
        if !precedences.is_empty() {
            let _ = write!(
                out,
                "\n**When another rule reports the same mistake.** {}\n",
                precedences.join(" ")
            );
        }
    }
    out
}

fn indent(text: &str, by: usize) -> String {
    text.lines()
        .map(|line| format!("{:by$}{line}", ""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wraps prose at 78 columns, continuing lines with `by` spaces.
fn wrap(text: &str, by: usize) -> String {
    let mut out = String::new();
    let mut column = by;
    for word in text.split_whitespace() {
        if column + word.len() + 1 > 78 && column > by {
            out.push('\n');
            out.push_str(&" ".repeat(by));
            column = by;
        } else if column > by {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.chars().count();
    }
    out
}
