//! `training-below-target`: fewer staff trained than the registry expects.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new(
        "training-below-target",
        Family::Organisations,
        Level::Warning,
    ),
    summary: "Fewer staff completed data security training than the registry expects.",
    checks: "That an organisation's `training.compliance_percent`, where it gives one, is at least `policy.training_target_percent` (95 unless changed, as the DSPT has asked). A figure of 1 or less is probably a fraction written for a percentage (0.97 for 97), and the help says so. It does not change the organisation's assurance level.",
    why: "MoU principle 5 and the DSPT: staff who handle shared data are trained in data protection every year. Partners rely on the figure an organisation records; a low one tells them some of its staff have not been trained.",
    example: "training:\n  attested: 2026-06-26\n  compliance_percent: 81",
    fix: "Record the new figure under `training.compliance_percent` once more staff have completed their training. If the registry works to another target, set `policy.training_target_percent` in isg.yaml.",
    check: Check::Registry(check),
};

fn check(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    let target = context.registry.settings.policy.training_target_percent;
    for org in &context.registry.organisations {
        let Some(percent) = org.training.as_ref().and_then(|t| t.compliance_percent) else {
            continue;
        };
        if percent >= target {
            continue;
        }
        let help = if percent > 0.0 && percent <= 1.0 {
            // Rounded, so that 0.955 reads as 95.5 and not 95.49999999999999.
            let meant = (percent * 10_000.0).round() / 100.0;
            format!(
                "The figure is a percentage, from 0 to 100: if {percent} means {meant}%, write `{meant}`."
            )
        } else {
            format!(
                "Record the new figure under `training.compliance_percent` once more staff have completed their training. The registry expects at least {target}% (`policy.training_target_percent` in isg.yaml)."
            )
        };
        out.push(
            Diagnostic::new(
                &RULE,
                org.file.as_str(),
                Location::Value("/training/compliance_percent".into()),
                format!(
                    "{} records {percent}% of staff as trained in data security this year; the registry expects at least {target}%.",
                    org.name
                ),
            )
            .with_help(help),
        );
    }
}
