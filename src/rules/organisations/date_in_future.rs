//! `date-in-future`: a date recording something already done is after today.

use crate::assessment::Assessment;
use crate::code::{Code, Family};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Level, Location};
use crate::model::Agreement;
use crate::pointer;
use crate::registry::Record;
use crate::rules::{Check, RuleInfo};

pub static RULE: RuleInfo = RuleInfo {
    code: Code::new("date-in-future", Family::Organisations, Level::Error),
    summary: "A date that records something already done is after today.",
    checks: "That the dates recording something that has happened are not after today (or `--today`): an organisation's MoU signature (`mou.signed`), staff training return (`training.attested`) and DSPT publication (`dspt.published`); an agreement's DPIA (`dpia.completed`) and each flow's originator permission (`originator_permission.date`). Today itself is allowed. When swapping the last two digits of the year gives a date that has passed (2062 for 2026), the help suggests it.",
    why: "These dates are the evidence partners and auditors rely on. One in the future is a mistyped date, and it keeps a record looking current for years: staff training attested in 2062 would never be reported as overdue.",
    example: "training:\n  attested: 2062-04-01   # checked on 2026-11-22",
    fix: "Write the date on which it actually happened.",
    check: Check::RegistryAndEachAgreement(check_organisations, check_agreement),
};

fn check_organisations(context: &Assessment<'_>, out: &mut Vec<Diagnostic>) {
    for org in &context.registry.organisations {
        let dates = [
            (
                org.mou.as_ref().map(|mou| mou.signed),
                "/mou/signed",
                "signing the MoU",
            ),
            (
                org.training.as_ref().map(|training| training.attested),
                "/training/attested",
                "attesting its staff training",
            ),
            (
                org.dspt.as_ref().and_then(|dspt| dspt.published),
                "/dspt/published",
                "publishing its DSPT assessment",
            ),
        ];
        for (date, pointer, what) in dates {
            if let Some(date) = date.filter(|date| *date > context.today) {
                out.push(finding(
                    context,
                    org.file.as_str(),
                    pointer.to_owned(),
                    date,
                    format!("{} is recorded as {what} on {date}", org.name),
                ));
            }
        }
    }
}

fn check_agreement(
    context: &Assessment<'_>,
    agreement: &Record<Agreement>,
    out: &mut Vec<Diagnostic>,
) {
    let file = agreement.file.as_str();
    if let Some(date) = agreement.dpia.as_ref().and_then(|dpia| dpia.completed)
        && date > context.today
    {
        out.push(finding(
            context,
            file,
            "/dpia/completed".into(),
            date,
            format!("The DPIA is recorded as completed on {date}"),
        ));
    }
    for (f, flow) in agreement.flows.iter().enumerate() {
        let Some(permission) = &flow.originator_permission else {
            continue;
        };
        if permission.date > context.today {
            out.push(finding(
                context,
                file,
                pointer!("flows", f, "originator_permission", "date"),
                permission.date,
                format!(
                    "Permission to pass on the data of flow `{}` is recorded as given on {}",
                    flow.id, permission.date
                ),
            ));
        }
    }
}

fn finding(
    context: &Assessment<'_>,
    file: &str,
    pointer: String,
    date: Date,
    recorded: String,
) -> Diagnostic {
    let today = context.today;
    let mut help = String::from("Write the date on which it actually happened");
    match year_digits_swapped(date).filter(|guess| *guess <= today) {
        Some(guess) => help.push_str(&format!(": perhaps {guess}?")),
        None => help.push('.'),
    }
    Diagnostic::new(
        &RULE,
        file,
        Location::Value(pointer),
        format!("{recorded}, which is after today ({today})."),
    )
    .with_help(help)
}

/// The date with the last two digits of its year swapped (2062-04-01 to
/// 2026-04-01), the commonest way a year is mistyped; `None` when they are
/// the same digit or the day does not exist in that year (29 February).
fn year_digits_swapped(date: Date) -> Option<Date> {
    let (year, month, day) = date.ymd();
    let (tens, units) = ((year / 10) % 10, year % 10);
    if tens == units {
        return None;
    }
    Date::from_ymd(year - tens * 10 - units + units * 10 + tens, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_two_digits_of_the_year_are_swapped() {
        let date = |text| Date::parse(text).unwrap();
        assert_eq!(
            year_digits_swapped(date("2062-04-01")),
            Some(date("2026-04-01"))
        );
        assert_eq!(
            year_digits_swapped(date("2052-01-15")),
            Some(date("2025-01-15"))
        );
        assert_eq!(year_digits_swapped(date("2033-04-01")), None);
        // 2028 is a leap year, 2082 is not.
        assert_eq!(year_digits_swapped(date("2028-02-29")), None);
    }
}
