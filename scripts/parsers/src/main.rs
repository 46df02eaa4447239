//! How fast each YAML parser available to `isg` reads a registry's files.
//!
//! Every YAML file of the registry is read into memory first, so only
//! parsing is timed; each parser then takes all the files, in parallel
//! (rayon, as `isg check` does), the parsers taking turns `RUNS` times
//! (default 5), and the median wall time of each is printed. Event parsers
//! are timed pulling every event, the others building the value they build.
//!
//! `cargo run --release --manifest-path scripts/parsers/Cargo.toml -- DIR [RUNS]`

use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One way of reading a file: whether it read the whole file without error.
struct Contender {
    name: &'static str,
    /// What a diagnostic could point at with it.
    positions: &'static str,
    read: fn(&str) -> bool,
}

const CONTENDERS: &[Contender] = &[
    Contender {
        name: "saphyr-parser events (what isg uses)",
        positions: "start and end of every event",
        read: saphyr_parser_events,
    },
    Contender {
        name: "yaml-rust2 events",
        positions: "start of every event only",
        read: yaml_rust2_events,
    },
    Contender {
        name: "libyaml-safer events",
        positions: "start and end of every event",
        read: libyaml_safer_events,
    },
    Contender {
        name: "saphyr MarkedYaml tree",
        positions: "start and end of every node",
        read: saphyr_marked_tree,
    },
    Contender {
        name: "serde_yaml to serde_json::Value",
        positions: "none for values (the crate is archived)",
        read: serde_yaml_value,
    },
    Contender {
        name: "serde-saphyr to serde_json::Value",
        positions: "only through its own Spanned<T> wrappers",
        read: serde_saphyr_value,
    },
];

fn saphyr_parser_events(text: &str) -> bool {
    saphyr_parser::Parser::new_from_str(text).all(|event| event.is_ok())
}

fn yaml_rust2_events(text: &str) -> bool {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

fn libyaml_safer_events(text: &str) -> bool {
    use libyaml_safer::{EventData, Parser};
    let mut bytes = text.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut bytes);
    loop {
        match parser.parse() {
            Ok(event) if event.data == EventData::StreamEnd => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

fn saphyr_marked_tree(text: &str) -> bool {
    use saphyr::LoadableYamlNode;
    saphyr::MarkedYaml::load_from_str(text).is_ok()
}

fn serde_yaml_value(text: &str) -> bool {
    serde_yaml::from_str::<serde_json::Value>(text).is_ok()
}

fn serde_saphyr_value(text: &str) -> bool {
    serde_saphyr::from_str::<serde_json::Value>(text).is_ok()
}

/// The registry's YAML files, as `parse_floor` finds them.
fn yaml_files(root: &Path) -> Vec<String> {
    let mut paths = vec![root.join("isg.yaml"), root.join("mou.yaml")];
    let list = |folder: &str| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(root.join(folder))
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .collect()
    };
    paths.extend(list("organisations"));
    paths.extend(
        list("agreements")
            .into_iter()
            .map(|folder| folder.join("agreement.yaml")),
    );
    paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: isg-parser-comparison DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|runs| runs.parse().ok()).unwrap_or(5);
    let files = yaml_files(Path::new(&root));
    let megabytes = files.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} files, {megabytes:.0} MB, {} threads, median of {runs} runs",
        files.len(),
        rayon::current_num_threads()
    );
    println!();
    println!("| parser | seconds | MB/s | against isg's | files read | positions |");
    println!("| --- | ---: | ---: | ---: | ---: | --- |");
    // The parsers take turns, run after run, so that a spell in which the
    // machine is slower weighs on all of them alike.
    let mut times = vec![Vec::new(); CONTENDERS.len()];
    let mut read = vec![0; CONTENDERS.len()];
    for _ in 0..runs {
        for (i, contender) in CONTENDERS.iter().enumerate() {
            let started = Instant::now();
            read[i] = files
                .par_iter()
                .filter(|text| (contender.read)(text))
                .count();
            times[i].push(started.elapsed());
        }
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|taken| {
            taken.sort();
            taken[taken.len() / 2].as_secs_f64()
        })
        .collect();
    for ((contender, median), read) in CONTENDERS.iter().zip(&medians).zip(&read) {
        println!(
            "| {} | {median:.3} | {:.0} | {:.2} | {read} | {} |",
            contender.name,
            megabytes / median,
            median / medians[0],
            contender.positions
        );
    }
}
