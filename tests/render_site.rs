//! `isg render`'s HTML site: the dashboard, directory, risk register and
//! data flow map, the draft mark on an uncommitted render, a registry's own
//! templates, every local link resolving, nothing from the records becoming
//! markup, no page written outside the site, and the same bytes from a
//! commit. (Each agreement's page and PDF: `render_documents.rs`.)

// Test helpers build fixtures; a failure to build one should stop the test.
#![allow(clippy::unwrap_used)]

mod common;

use common::Scratch;
use common::render::{page, render, signed_registry, texts};
use scraper::{Html, Selector};
use std::path::Path;

#[test]
fn a_draft_render_says_so_on_every_page() {
    // Rendered from inside the registry with no path or --out: the
    // registry is found above, and the site goes in its `site` folder.
    let registry = Scratch::minimal();
    let rendered = common::isg_command()
        .current_dir(registry.path().join("agreements"))
        .arg("render")
        .output()
        .unwrap();
    assert_eq!(rendered.status.code(), Some(0));
    let site = registry.path().join("site");
    assert!(
        String::from_utf8_lossy(&rendered.stdout).contains(&format!(
            "files into {} from the files on disk",
            site.display()
        )),
        "{}",
        String::from_utf8_lossy(&rendered.stdout)
    );
    assert!(!registry.path().join("agreements/site").exists());
    for file in [
        "index.html",
        "agreements/index.html",
        "agreements/care-record.html",
        "organisations/index.html",
        "organisations/north-trust.html",
        "risks.html",
    ] {
        let html = page(&site, file);
        assert!(
            texts(&html, ".uncommitted")[0].starts_with("Uncommitted draft"),
            "{file}"
        );
    }
    assert_eq!(
        texts(&page(&site, "agreements/care-record.html"), ".draft-mark"),
        vec!["DRAFT - NOT SIGNED OFF"]
    );
}

#[test]
fn dashboard_directory_and_risk_register() {
    let registry = Scratch::minimal();
    registry.edit(
        "organisations/south-council.yaml",
        "  breach: breach@south.example\n",
        "",
    );
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let dashboard = page(out.path(), "index.html");
    assert!(texts(&dashboard, ".counts li").contains(&"2 active".to_owned()));
    let not_assured = texts(
        &dashboard,
        "#not-assured + table tbody tr, section[aria-labelledby=not-assured] tbody tr",
    );
    assert!(
        not_assured.iter().any(|row| row.contains("South Council")
            && row.contains("gives no contact for reporting breaches")),
        "{not_assured:?}"
    );
    let directory = texts(&page(out.path(), "organisations/index.html"), "tbody tr");
    assert_eq!(directory.len(), 2);
    let risks = texts(&page(out.path(), "risks.html"), "tbody tr");
    assert_eq!(risks.len(), 1);
    assert!(
        risks[0].contains("A record is shown for the wrong person.")
            && risks[0].contains("6 moderate")
            && risks[0].contains("3 low"),
        "{risks:?}"
    );
    let north = page(out.path(), "organisations/north-trust.html");
    assert!(
        texts(&north, "td").iter().any(|t| t == "in"),
        "flows in are listed"
    );
}

#[test]
fn nothing_from_the_yaml_or_markdown_becomes_markup() {
    let registry = Scratch::minimal();
    let record = "agreements/care-record/agreement.yaml";
    registry.edit(
        record,
        "title: Shared care record",
        "title: \"<script>alert('title')</script>{{ 7*7 }}\"",
    );
    registry.edit(
        record,
        "purpose: Clinicians see social care records when treating people.",
        "purpose: \"<img src=x onerror=alert(1)> {% for x in range(9999999) %}{% endfor %}\"",
    );
    registry.edit(
        record,
        "privacy_notice: https://north.example/privacy",
        "privacy_notice: \"https://north.example/privacy\\\" onmouseover=\\\"alert(1)\"",
    );
    registry.write("agreements/care-record/agreement.md", "<script>alert('md')</script>\n\n[x](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">y</a>\n");
    let out = Scratch::empty();
    render(registry.path(), out.path());
    for entry in walk(out.path()) {
        if entry.extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(&entry).unwrap();
            let html = Html::parse_document(&text);
            assert!(
                html.select(
                    &Selector::parse("script, img, [onerror], [onclick], [onmouseover]").unwrap()
                )
                .next()
                .is_none(),
                "{}: {text}",
                entry.display()
            );
            let links = Selector::parse("[href], [src]").unwrap();
            for element in html.select(&links) {
                let target = element
                    .value()
                    .attr("href")
                    .or(element.value().attr("src"))
                    .unwrap_or_default();
                assert!(
                    !target
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:"),
                    "{}: {target}",
                    entry.display()
                );
                assert!(!target.contains('"'), "{}: {target}", entry.display());
            }
            assert!(
                !text.contains(">49<"),
                "template syntax in data is not evaluated"
            );
        }
    }
    let page = std::fs::read_to_string(out.path().join("agreements/care-record.html")).unwrap();
    let html = Html::parse_document(&page);
    assert_eq!(
        texts(&html, "h1"),
        vec!["<script>alert('title')</script>{{ 7*7 }}"],
        "shown as text, not run or evaluated"
    );
    assert!(
        texts(&html, ".narrative")[0].starts_with("<script>alert('md')</script>"),
        "raw HTML in Markdown is shown as text"
    );
}

#[test]
fn registry_templates_override_the_built_in_ones() {
    let registry = Scratch::minimal();
    registry.write("templates/risks.html", "{% extends \"base.html\" %}{% block content %}<h1>Our risks</h1><p>{{ risks | length }} risks</p>{% endblock %}");
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let risks = page(out.path(), "risks.html");
    assert_eq!(texts(&risks, "h1"), vec!["Our risks"]);
    assert_eq!(texts(&risks, "main p"), vec!["1 risks"]);

    // A broken or runaway override is reported, not rendered.
    registry.write(
        "templates/risks.html",
        "{% for i in range(100000000) %}{{ i }}{% endfor %}",
    );
    let output = common::isg_command()
        .arg("render")
        .arg(registry.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("template risks.html"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path))
        } else {
            files.push(path)
        }
    }
    files
}

#[test]
fn html_is_reproducible_from_a_commit() {
    let registry = signed_registry();
    let (first, second) = (Scratch::empty(), Scratch::empty());
    render(registry.path(), first.path());
    render(registry.path(), second.path());
    let files = walk(first.path());
    assert!(files.len() > 10);
    for file in files {
        let relative = file.strip_prefix(first.path()).unwrap();
        assert_eq!(
            std::fs::read(&file).unwrap(),
            std::fs::read(second.path().join(relative)).unwrap(),
            "{}",
            relative.display()
        );
    }
}

#[test]
fn a_record_whose_id_is_not_an_id_is_left_out_not_written_outside() {
    let registry = Scratch::minimal();
    let long = "x".repeat(300);
    registry.edit(
        "organisations/south-council.yaml",
        "id: south-council",
        "id: ../../../escaped",
    );
    registry.edit(
        "organisations/north-trust.yaml",
        "id: north-trust",
        &format!("id: {long}"),
    );
    let findings = registry.findings();
    for file in [
        "organisations/south-council.yaml",
        "organisations/north-trust.yaml",
    ] {
        let schema = common::expect(&findings, "schema", file, 1, isg::diagnostic::Level::Error);
        assert!(
            schema.message.contains("which is not an id"),
            "{}",
            schema.message
        );
    }
    // Neither record is kept, so references to them are not reported again.
    common::expect_none(&findings, "unknown-reference");

    let out = Scratch::empty();
    let said = render(registry.path(), &out.path().join("site"));
    assert!(said.contains("Some files have problems"), "{said}");
    assert!(
        out.path()
            .join("site/agreements/care-record.html")
            .is_file()
    );
    assert!(!out.path().join("escaped.html").exists());
    let organisations: Vec<String> = std::fs::read_dir(out.path().join("site/organisations"))
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        organisations.iter().all(|name| name == "index.html"),
        "{organisations:?}"
    );
}

#[test]
fn every_local_link_in_the_site_resolves() {
    let registry = Scratch::example();
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let selector = scraper::Selector::parse("[href], [src]").unwrap();
    let mut checked = 0;
    let mut pages = vec![out.path().to_path_buf()];
    while let Some(dir) = pages.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pages.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let html = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
            for element in html.select(&selector) {
                let target = element
                    .value()
                    .attr("href")
                    .or(element.value().attr("src"))
                    .unwrap();
                if target.starts_with("http://")
                    || target.starts_with("https://")
                    || target.starts_with("mailto:")
                    || target.starts_with('#')
                {
                    continue;
                }
                let file = target.split('#').next().unwrap();
                assert!(
                    path.parent().unwrap().join(file).exists(),
                    "{} links to {target}, which is not in the site",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn data_flow_map_draws_each_route_and_stays_readable_at_hundreds_of_nodes() {
    let registry = Scratch::minimal();
    let out = Scratch::empty();
    render(registry.path(), out.path());
    let html = scraper::Html::parse_document(
        &std::fs::read_to_string(out.path().join("map.html")).unwrap(),
    );
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(html.select(&select("svg circle")).count(), 2);
    let routes: Vec<_> = html.select(&select("svg path")).collect();
    assert_eq!(routes.len(), 1);
    assert_eq!(
        routes[0].value().attr("stroke"),
        Some("#b1361e"),
        "identifiable data is drawn in red"
    );
    let tooltip = routes[0].text().collect::<String>();
    assert!(
        tooltip.starts_with("South Council to North NHS Trust (identifiable): Shared care record"),
        "{tooltip}"
    );

    // Several hundred organisations: neighbours on the circle stay at least
    // a label's height apart. (The map alone: a full render would also make
    // hundreds of PDFs.)
    let big = Scratch::empty();
    let dir = big.path().join("registry");
    isg::synth::generate(
        &dir,
        isg::synth::Size {
            organisations: 600,
            agreements: 400,
            flows: 2000,
        },
        3,
    )
    .unwrap();
    let loaded = isg::registry::load(&isg::source::Worktree::open(&dir).unwrap()).unwrap();
    let today = isg::date::Date::parse(common::TODAY).unwrap();
    let context = isg::assessment::Assessment::new(
        &loaded.registry,
        today,
        isg::signoff::HistoryState::Unavailable("not a repository".into()),
    );
    let snapshot = isg::render::Snapshot {
        registry: &loaded.registry,
        context,
        commit: None,
        problems: Default::default(),
    };
    let html = scraper::Html::parse_fragment(&isg::render::map::svg(&snapshot, ""));
    let points: Vec<(f64, f64)> = html
        .select(&select("svg circle"))
        .map(|c| {
            (
                c.value().attr("cx").unwrap().parse().unwrap(),
                c.value().attr("cy").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert!(
        points.len() > 200,
        "{} organisations on the map",
        points.len()
    );
    let closest = points
        .iter()
        .zip(points.iter().cycle().skip(1))
        .map(|(a, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
        .fold(f64::MAX, f64::min);
    assert!(closest >= 15.5, "labels {closest:.1}px apart");
}
