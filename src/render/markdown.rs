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

/// The deepest a narrative's blocks and inline markup may nest (a quote
/// in a list in a quote...). Far beyond any real document; past it, the
/// markup is dropped and its text kept, because laying out and cleaning
/// very deep trees takes time that grows faster than the text (a file of
/// 100,000 `>` took minutes).
pub const MAX_DEPTH: usize = 32;

/// The largest narrative rendered as Markdown. A longer one (a hundred
/// times a long agreement) is shown as plain text, in paragraphs.
pub const MAX_BYTES: usize = 1024 * 1024;

/// The narrative's events, with markup nested deeper than [`MAX_DEPTH`]
/// dropped (its text kept in the container around it).
fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let mut depth = 0usize;
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter(move |event| match event {
        Event::Start(_) => {
            depth += 1;
            depth <= MAX_DEPTH
        }
        Event::End(_) => {
            depth = depth.saturating_sub(1);
            depth < MAX_DEPTH
        }
        _ => true,
    })
}

/// A narrative too large to render as Markdown, as escaped paragraphs.
fn plain_html(markdown: &str) -> String {
    let mut html = String::from(
        "<p><em>This narrative is larger than 1 MB, so it is shown as plain text.</em></p>\n",
    );
    for paragraph in markdown.split("\n\n").filter(|p| !p.trim().is_empty()) {
        html.push_str("<p>");
        for c in paragraph.trim().chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '"' => html.push_str("&quot;"),
                '\'' => html.push_str("&#39;"),
                c => html.push(c),
            }
        }
        html.push_str("</p>\n");
    }
    html
}

pub fn to_html(markdown: &str) -> String {
    if markdown.len() > MAX_BYTES {
        return plain_html(markdown);
    }
    let mut dropping_link = false;
    let events = events(markdown).filter_map(|event| match event {
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
    use super::{MAX_DEPTH, to_html};

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        let deep = format!("{}deep text\n", ">".repeat(100_000));
        let html = to_html(&deep);
        assert!(
            html.contains("deep text"),
            "{}",
            &html[html.len().saturating_sub(200)..]
        );
        assert_eq!(
            html.matches("<blockquote>").count(),
            MAX_DEPTH,
            "nesting stops at the limit"
        );
        let huge = "word ".repeat(300_000);
        let plain = to_html(&format!("# Heading\n\n{huge}\n\n<script>x</script>"));
        assert!(plain.starts_with("<p><em>This narrative is larger than 1 MB"));
        assert!(plain.contains("&lt;script&gt;"), "plain text is escaped");
        assert!(!plain.contains("<h1>"));
    }

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

/// One block of a narrative as plain text, for documents that are not HTML.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Block {
    /// `heading`, `paragraph`, `item` or `code`.
    pub kind: &'static str,
    pub level: u8,
    pub text: String,
}

/// A narrative as plain blocks: inline emphasis is dropped, a link keeps its
/// words with its address after them, raw HTML is kept as text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut link: Option<String> = None;
    if markdown.len() > MAX_BYTES {
        return markdown
            .split("\n\n")
            .map(str::trim)
            .filter(|paragraph| !paragraph.is_empty())
            .map(|paragraph| Block {
                kind: "paragraph",
                level: 0,
                text: paragraph.to_owned(),
            })
            .collect();
    }
    for event in events(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(Block {
                    kind: "heading",
                    level: level as u8,
                    text: String::new(),
                })
            }
            Event::Start(Tag::Paragraph) if current.is_none() => {
                current = Some(Block {
                    kind: "paragraph",
                    level: 0,
                    text: String::new(),
                })
            }
            Event::Start(Tag::Item) => {
                current = Some(Block {
                    kind: "item",
                    level: 0,
                    text: String::new(),
                })
            }
            Event::Start(Tag::CodeBlock(_)) => {
                current = Some(Block {
                    kind: "code",
                    level: 0,
                    text: String::new(),
                })
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.into_string()),
            Event::End(TagEnd::Link) => {
                if let (Some(url), Some(block)) = (link.take(), current.as_mut())
                    && allowed(&url)
                {
                    block.text.push_str(&format!(" ({url})"));
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let block = current.get_or_insert_with(|| Block {
                    kind: "paragraph",
                    level: 0,
                    text: String::new(),
                });
                block.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = current.as_mut() {
                    block
                        .text
                        .push(if block.kind == "code" { '\n' } else { ' ' });
                }
            }
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock,
            ) => {
                if let Some(block) = current.take() {
                    let text = if block.kind == "code" {
                        block.text.trim_end().to_owned()
                    } else {
                        block.text.trim().to_owned()
                    };
                    if !text.is_empty() {
                        blocks.push(Block { text, ..block });
                    }
                }
            }
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod block_tests {
    use super::{Block, blocks};

    #[test]
    fn narrative_as_plain_blocks() {
        let found = blocks(
            "## Opting out\n\nAsk *any* partner, see [the notice](https://example.org/n).\n\n- first\n- second\n\n<b>raw</b>\n",
        );
        assert_eq!(
            found[0],
            Block {
                kind: "heading",
                level: 2,
                text: "Opting out".into()
            }
        );
        assert_eq!(
            found[1].text,
            "Ask any partner, see the notice (https://example.org/n)."
        );
        assert_eq!((found[2].kind, found[2].text.as_str()), ("item", "first"));
        assert_eq!(found[4].text, "<b>raw</b>");
    }
}
