//! An agreement's narrative (`agreement.md`) as safe HTML. CommonMark via
//! pulldown-cmark with raw HTML turned into text, links kept only for
//! http, https and mailto (others become plain text), images shown as their
//! description (documents work offline), then ammonia as a second layer.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

fn allowed(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        SCHEMES
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
    })
}

pub fn to_html(markdown: &str) -> String {
    let mut dropping_link = false;
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. }) if !allowed(dest_url) => {
            dropping_link = true;
            None
        }
        Event::End(TagEnd::Link) if dropping_link => {
            dropping_link = false;
            None
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut raw = String::new();
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .url_schemes(HashSet::from(SCHEMES))
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn keeps_markdown_and_neutralises_markup() {
        let html = to_html(
            "## Notes\n\n*Read* [the notice](https://example.org/privacy).\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) ![logo](https://example.org/a.png)\n",
        );
        assert!(html.contains("<h2>Notes</h2>"), "{html}");
        assert!(html.contains("<em>Read</em>"));
        assert!(html.contains("href=\"https://example.org/privacy\""));
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("click"), "the link's words stay: {html}");
        assert!(
            html.contains("logo"),
            "an image's description stays: {html}"
        );
    }
}
