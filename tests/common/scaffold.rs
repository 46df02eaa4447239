//! Helpers shared by the tests of `isg init`, `isg new` and `isg schema`:
//! running the binary, reading what it said, checking a folder, and starting
//! a registry.

use super::{TODAY, isg, rules_of};
use std::path::Path;
use std::process::Output;

pub fn run(args: &[&str]) -> Output {
    isg(args, None)
}

pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `isg check --format json` on a folder: its exit code and rule names.
pub fn check(dir: &Path) -> (i32, Vec<String>) {
    let output = isg(&["check", "--format", "json", "--today", TODAY], Some(dir));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let rules = rules_of(&json).into_iter().map(str::to_owned).collect();
    (output.status.code().unwrap_or(-1), rules)
}

pub fn init(dir: &Path) {
    let output = run(&[
        "init",
        dir.to_str().expect("utf-8 path"),
        "--name",
        "Fylde Coast sharing registry",
        "--today",
        "2026-04-01",
    ]);
    assert!(output.status.success(), "{}", text(&output));
}
