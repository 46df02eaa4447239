//! The assurance level of an organisation and the reasons for it, read from
//! the library. The organisation rules themselves are cases in
//! `tests/rules/organisations/`, run by `tests/rule_cases.rs`.

mod common;

use common::{Scratch, TODAY};

const NORTH: &str = "organisations/north-trust.yaml";

#[test]
fn assurance_levels_and_reasons() {
    use isg::assessment::assurance::{Level, Requirement};
    let assurance_on = |registry: &Scratch, today: &str| {
        let source = isg::source::Worktree::open(registry.path()).unwrap();
        let loaded = isg::registry::load(&source).unwrap();
        let today = isg::date::Date::parse(today).unwrap();
        let context = isg::assessment::Assessment::new(
            &loaded.registry,
            today,
            isg::signoff::HistoryState::Unavailable("not a git repository".into()),
        );
        let north = context.assurance_of("north-trust").unwrap();
        (
            north.level,
            north
                .reasons
                .iter()
                .map(|r| r.requirement)
                .collect::<Vec<_>>(),
            north.expiring.len(),
        )
    };
    let registry = Scratch::minimal();
    assert_eq!(assurance_on(&registry, TODAY), (Level::Assured, vec![], 0));
    // By 2027-04-02 training has lapsed and so has the ICO registration (a core requirement).
    assert_eq!(
        assurance_on(&registry, "2027-04-02").0,
        Level::Unassured,
        "the ICO registration has lapsed too by then"
    );
    registry.edit(NORTH, "  breach: breach@north.example\n", "");
    assert_eq!(
        assurance_on(&registry, TODAY),
        (Level::Partial, vec![Requirement::BreachContact], 0)
    );
    registry.edit(NORTH, "status: standards-met", "status: standards-not-met");
    assert_eq!(
        assurance_on(&registry, TODAY),
        (
            Level::Unassured,
            vec![Requirement::DsptStandard, Requirement::BreachContact],
            0
        )
    );
    assert_eq!(
        assurance_on(&registry, "2027-03-01").2,
        1,
        "the ICO registration is within 60 days of expiry"
    );
}
