//! Render as a library: every file `isg render` writes can be rendered
//! alone, with the same bytes, as a server does for one page on request.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::Scratch;
use common::repo::{JANE, Repo};
use isg::render::{CommitInfo, OUTPUTS, Site, Snapshot, judged_on, render_one, templates_in};
use isg::signoff::Git;
use isg::source::{GitTree, Source, git::locate};
use std::collections::BTreeSet;
use std::path::Path;

/// Every file under `dir`, as `/`-separated paths, but the manifest.
fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy();
                if relative != isg::render::folder::MANIFEST {
                    files.insert(relative.replace('\\', "/"));
                }
            }
        }
    }
    files
}

#[test]
fn each_file_of_a_render_renders_alone_with_the_same_bytes() {
    // The minimal registry, committed, with one of two sign-offs made.
    let registry = Repo::new();
    registry.sign(JANE, "care-record");
    let out = Scratch::empty();
    let rendered = common::isg_command()
        .arg("render")
        .arg(registry.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(rendered.status.code(), Some(0), "{rendered:?}");
    let written = files_under(out.path());

    // The same render, through the library.
    let located = locate(registry.path()).unwrap();
    let (git_dir, prefix) = (located.git_dir(), located.prefix.clone());
    let tree = GitTree::open(located, "HEAD").unwrap();
    let git = Git::Repo {
        path: git_dir,
        prefix,
        rev: tree.commit,
        base: None,
    };
    let commit = CommitInfo::read(&git).unwrap();
    let checked = isg::check::check(&tree, judged_on(commit.as_ref()), &git).unwrap();
    let snapshot = Snapshot::new(&checked, commit);
    let site = Site::new(&snapshot, &templates_in(&tree as &dyn Source).unwrap()).unwrap();

    // The outputs list exactly the files written.
    let listed: BTreeSet<String> = OUTPUTS
        .iter()
        .flat_map(|output| output.paths(&site))
        .collect();
    assert_eq!(listed, written);
    assert!(written.contains("agreements/index.html"));
    assert!(
        written
            .iter()
            .any(|path| path.starts_with("organisations/"))
    );

    for path in &written {
        let alone = render_one(&site, path)
            .unwrap_or_else(|| panic!("{path} has no output"))
            .unwrap();
        let on_disk = std::fs::read(out.path().join(path)).unwrap();
        assert!(alone == on_disk, "{path} differs when rendered alone");
    }
    for missing in [
        "agreements/no-such-agreement.html",
        "organisations/no-such-body.html",
        "agreements/../index.html",
        "exports/ropa.csv.bak",
        "",
    ] {
        assert!(render_one(&site, missing).is_none(), "{missing}");
    }
    // Every output says what it is.
    for output in OUTPUTS {
        assert!(!output.name().is_empty());
    }
}
