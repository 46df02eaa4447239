//! The command line, case by case, as data: each `tests/cli/*.toml` runs
//! the real binary with its arguments (in a scratch copy of a fixture where
//! it names one as `fs.base`), and its exit code, standard output and
//! standard error are compared with `<case>.stdout` and `<case>.stderr`.
//!
//! Cases that judge dates say the day (`--today`), so no result depends on
//! the day the tests run. After a deliberate change to what isg prints, one
//! command rewrites the expected output and exit codes, to be read in the
//! diff before committing (a changed exit code is a changed `status.code`):
//!
//! ```text
//! TRYCMD=overwrite cargo test --test cli_cases
//! ```

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("isg", std::path::Path::new(env!("CARGO_BIN_EXE_isg")))
        .case("tests/cli/*.toml");
}
