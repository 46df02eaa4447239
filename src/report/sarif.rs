//! `--format sarif`: SARIF 2.1.0, with every rule's documentation, for
//! GitHub code scanning and other tools.

use crate::check::Report;
use crate::diagnostic::Level;
use crate::rules::{RULES, RuleInfo};
use serde::Serialize;
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
        "id": rule.code.name,
        "name": rule.code.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.checks},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": sarif_level(rule.code.level)},
    })
}

/// A SARIF log. The results are written straight from the findings: a
/// registry with a finding in every file has hundreds of thousands, and
/// building them as JSON values first took gigabytes. Fields are declared
/// in the order of their names, as the JSON values wrote them.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    tool: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [ResultLocation<'a>; 1],
    message: Message,
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: &'a str,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: u32,
    end_line: u32,
    start_column: u32,
    start_line: u32,
}

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = RULES.iter().map(|rule| rule_descriptor(rule)).collect();
    let results = report
        .findings
        .iter()
        .map(|finding| {
            let mut text = finding.message.clone();
            if let Some(help) = &finding.help {
                text.push_str("\n\n");
                text.push_str(help);
            }
            SarifResult {
                level: sarif_level(finding.level),
                locations: [ResultLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: &finding.file,
                            uri_base_id: "%SRCROOT%",
                        },
                        region: Region {
                            end_column: finding.span.end.column,
                            end_line: finding.span.end.line,
                            start_column: finding.span.start.column,
                            start_line: finding.span.start.line,
                        },
                    },
                }],
                message: Message { text },
                rule_id: finding.rule,
                rule_index: RULES.iter().position(|rule| rule.code.name == finding.rule),
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results,
            tool: json!({"driver": {
                "name": "isg",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }}),
        }],
        version: "2.1.0",
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
