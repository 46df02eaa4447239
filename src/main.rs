//! The `isg` command. Everything it does lives in the library; this file
//! parses arguments and turns the outcome into an exit code: 0 no errors,
//! 1 errors found, 2 the tool could not run.

use clap::Parser;
use std::process::ExitCode;

// Loading a registry makes millions of small allocations across threads;
// mimalloc does them markedly faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = isg::cli::Cli::parse();
    match isg::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("isg: {error:#}");
            ExitCode::from(2)
        }
    }
}
