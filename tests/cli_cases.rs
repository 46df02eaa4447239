//! The command line, case by case, as data: each `tests/cli/*.toml` runs
//! the real binary with its arguments (in a scratch copy of a fixture where
//! it names one as `fs.base`), and its exit code, standard output and
//! standard error are compared with `<case>.stdout` and `<case>.stderr`.
//!
//! After a deliberate change to what isg prints, one command rewrites them,
//! to be read in the diff before committing:
//!
//! ```text
//! TRYCMD=overwrite cargo test --test cli_cases
//! ```

mod common;

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("isg", std::path::Path::new(env!("CARGO_BIN_EXE_isg")))
        .env("ISG_TODAY", common::TODAY)
        .case("tests/cli/*.toml");
}
