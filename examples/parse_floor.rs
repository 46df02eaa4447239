//! The benchmark floor: find, read and parse every YAML file of a registry
//! with the same parser `isg check` uses, in parallel, and nothing else.
//! `cargo run --release --example parse_floor -- DIR [events|json]`
//! `events` (default) only pulls the parser's events; `json` also builds
//! the JSON data, as the loader does.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The same allocator as the `isg` binary, so the floor is comparable.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn yaml_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("isg.yaml"), root.join("mou.yaml")];
    let list = |dir: PathBuf| {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .collect::<Vec<_>>()
    };
    files.extend(list(root.join("organisations")));
    files.extend(
        list(root.join("agreements"))
            .into_iter()
            .map(|folder| folder.join("agreement.yaml")),
    );
    files
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first() else {
        eprintln!("usage: parse_floor DIR [events|json]");
        return ExitCode::from(2);
    };
    let build_json = args.get(1).map(String::as_str) == Some("json");
    let events: usize = yaml_files(Path::new(root))
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return 0;
            };
            if build_json {
                usize::from(isg::source::yaml::parse(&text).value.is_some())
            } else {
                saphyr_parser::Parser::new_from_str(&text)
                    .take_while(Result::is_ok)
                    .count()
            }
        })
        .sum();
    println!("{events}");
    ExitCode::SUCCESS
}
