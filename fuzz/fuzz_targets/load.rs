//! The loader and every rule, on the minimal registry with one of its files
//! replaced by the fuzzer's bytes (the first byte chooses which): whatever
//! the bytes, the check must end with findings, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

macro_rules! fixture {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!("../../tests/fixtures/minimal/", $path)).as_slice(),
        )
    };
}

const FILES: [(&str, &[u8]); 6] = [
    fixture!("isg.yaml"),
    fixture!("mou.yaml"),
    fixture!("organisations/north-trust.yaml"),
    fixture!("organisations/south-council.yaml"),
    fixture!("agreements/care-protocol/agreement.yaml"),
    fixture!("agreements/care-record/agreement.yaml"),
];

/// Where the fuzzer's bytes go: a registry file, or the care record's
/// narrative (which is also rendered as Markdown).
const TARGETS: [&str; 7] = [
    "isg.yaml",
    "mou.yaml",
    "organisations/north-trust.yaml",
    "organisations/south-council.yaml",
    "agreements/care-protocol/agreement.yaml",
    "agreements/care-record/agreement.yaml",
    "agreements/care-record/agreement.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let target = TARGETS[usize::from(choice) % TARGETS.len()];
    let mut memory = isg::source::Memory::new();
    for (path, contents) in FILES {
        memory.insert(path, contents);
    }
    memory.insert(target, bytes);
    let today = isg::date::Date::parse("2026-11-22").expect("a date");
    let git = isg::signoff::Git::Absent("fuzzing".into());
    let checked = isg::check::check(&memory, today, &git).expect("a registry in memory can be read");
    for finding in &checked.report.findings {
        assert!(finding.span.start.line >= 1, "{finding:?}");
    }
    if target.ends_with(".md")
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        let _ = isg::render::markdown::to_html(text);
        let _ = isg::render::markdown::blocks(text);
    }
});
