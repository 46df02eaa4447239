//! The rendered site in headless Chromium: pages load from disk with no
//! console errors, and the browser's own DOM has what a reader should see.
//!
//! Needs Debian's `chromium`, so it is ignored by a plain `cargo test`;
//! `.ci/run` installs Chromium and runs it with `--ignored`.

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::Scratch;
use std::path::Path;
use std::process::Command;

/// Chromium's DOM after loading `page`, and its console messages.
fn load_in_chromium(page: &Path, profile: &Path) -> (String, Vec<String>) {
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect(
            "this test needs Debian's chromium (apt-get install chromium); .ci/run installs it",
        );
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let console = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    (String::from_utf8(output.stdout).unwrap(), console)
}

/// `isg render ARGS` of the registry in `folder`, into a new folder.
fn render(folder: &Path, args: &[&str]) -> Scratch {
    let out = Scratch::empty();
    let rendered = common::isg_command()
        .current_dir(folder)
        .arg("render")
        .args(args)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    out
}

#[test]
#[ignore = "needs chromium; .ci/run runs it with --ignored"]
fn dashboard_and_agreement_render_in_chromium_without_console_errors() {
    let registry = Scratch::example();
    let out = render(registry.path(), &[]);
    let profile = Scratch::empty();

    let (dashboard, console) = load_in_chromium(&out.path().join("index.html"), profile.path());
    assert!(console.is_empty(), "console messages: {console:?}");
    assert!(
        dashboard.contains("<h1>Lancashire and Cumbria information sharing registry</h1>"),
        "{dashboard}"
    );
    assert!(dashboard.contains("Reviews due in the next 90 days"));

    let (agreement, console) = load_in_chromium(
        &out.path().join("agreements/lpres-shared-care-record.html"),
        profile.path(),
    );
    assert!(console.is_empty(), "console messages: {console:?}");
    assert!(
        agreement.contains("Lancashire Person's Record Exchange Service (shared care record)</h1>")
    );
    assert!(agreement.contains("Dr Amelia Hart"));
    assert!(
        agreement.contains("DRAFT - NOT SIGNED OFF"),
        "a copy outside git is an uncommitted draft"
    );
}

/// The chase list on the dashboard and the waiting on an agreement's page,
/// as the browser shows them, for a registry signed off over months.
#[test]
#[ignore = "needs chromium; .ci/run runs it with --ignored"]
fn the_chase_list_shows_in_chromium() {
    let repo = common::dated::history();
    let out = render(repo.path(), &["--as-of", "2025-04-30"]);
    let profile = Scratch::empty();
    let (dashboard, console) = load_in_chromium(&out.path().join("index.html"), profile.path());
    assert!(console.is_empty(), "console messages: {console:?}");
    for cell in [
        "<td class=\"days\">88</td><td class=\"nowrap\">2025-02-01</td>",
        "<td class=\"days\">51</td><td class=\"nowrap\">2025-03-10</td>",
        "<td>Amir Khan (Caldicott Guardian)</td>",
        "<a href=\"mailto:amir.khan@south.example\">amir.khan@south.example</a>",
    ] {
        assert!(dashboard.contains(cell), "{cell} not in {dashboard}");
    }
    // Longest waiting first.
    let protocol = dashboard.find("2025-02-01").unwrap();
    let record = dashboard.find("2025-03-10").unwrap();
    assert!(protocol < record, "{dashboard}");
    let (page, console) = load_in_chromium(
        &out.path().join("agreements/care-record.html"),
        profile.path(),
    );
    assert!(console.is_empty(), "console messages: {console:?}");
    assert!(
        page.contains("Waiting for 1 party to sign since this version reached the branch on 2025-03-10: 51 days."),
        "{page}"
    );
}
