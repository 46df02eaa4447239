//! Writes a synthetic registry for benchmarks:
//! `cargo run --release --example generate -- small|regional|national DIR [SEED]`.

use isg::synth::{Size, generate};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(dir)) = (args.first().and_then(|name| Size::named(name)), args.get(1))
    else {
        eprintln!("usage: generate small|regional|national DIR [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|seed| seed.parse().ok()).unwrap_or(1);
    let dir = PathBuf::from(dir);
    if dir.exists() {
        eprintln!("{} already exists; give a new folder", dir.display());
        return ExitCode::from(2);
    }
    match generate(&dir, size, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cannot write {}: {error}", dir.display());
            ExitCode::from(2)
        }
    }
}
