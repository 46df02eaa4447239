//! `--format sarif`: SARIF 2.1.0, with every rule's documentation, for
//! GitHub code scanning and other tools.

use super::Report;
use crate::diagnostic::Level;
use crate::rules::{RULES, RuleInfo};
use serde_json::{Value, json};

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

fn rule_descriptor(rule: &RuleInfo) -> Value {
    let markdown = format!(
        "**What it checks.** {}\n\n**Why.** {}\n\n**Example.**\n\n```yaml\n{}\n```\n\n**How to fix it.** {}",
        rule.checks, rule.why, rule.example, rule.fix
    );
    let text = format!(
        "{}\n\nWhy: {}\n\nHow to fix it: {}",
        rule.checks, rule.why, rule.fix
    );
    json!({
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.checks},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": sarif_level(rule.level)},
    })
}

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = RULES.iter().map(|rule| rule_descriptor(rule)).collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let mut text = finding.message.clone();
            if let Some(help) = &finding.help {
                text.push_str("\n\n");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": finding.rule,
                "level": sarif_level(finding.level),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": finding.file, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": finding.span.start.line,
                            "startColumn": finding.span.start.column,
                            "endLine": finding.span.end.line,
                            "endColumn": finding.span.end.column,
                        },
                    },
                }],
            });
            if let Some(index) = RULES.iter().position(|rule| rule.name == finding.rule) {
                result["ruleIndex"] = json!(index);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "isg",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
