//! Finding the unquoted values cut short by a comment (`name: Blackpool
//! #1 Care Home` reads as "Blackpool"): the rule `comment-in-value`,
//! documented in `rules/files/comment_in_value.rs`.

use crate::diagnostic::{Pos, Span};
use crate::source::document::{Document, Node};
use std::collections::HashMap;

/// A value cut short by a comment: where the comment is, the comment, and
/// the value as it is read.
pub struct CutShort {
    pub comment: Span,
    pub message: String,
    pub help: String,
}

/// The text values of a file cut short by a comment that starts with ` #`
/// and no space after the `#`. Most files have no ` #` at all, and are
/// passed over after one search of their text.
pub fn find(text: &str, document: &Document) -> Vec<CutShort> {
    if !text.contains(" #") {
        return Vec::new();
    }
    // Where each text value ends: only these can be followed by a comment
    // that cut them short (a block of text after `|` ends lines later).
    let mut ends = HashMap::new();
    text_value_ends(document.root(), &mut ends);
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let Some(at) = line.find(" #") else { continue };
        let before = line[..at].trim_end();
        let comment = line[at + 1..].trim_end();
        let glued = comment[1..].starts_with(|c: char| !c.is_whitespace());
        let quoted = before.ends_with(['"', '\'']);
        if !glued || quoted || before.trim_start().starts_with('#') {
            continue;
        }
        let number = index as u32 + 1;
        let end = Pos {
            line: number,
            column: before.chars().count() as u32 + 1,
        };
        let Some(value) = ends.get(&end) else {
            continue;
        };
        let start = line[..=at].chars().count() as u32 + 1;
        found.push(CutShort {
            comment: Span {
                start: Pos {
                    line: number,
                    column: start,
                },
                end: Pos {
                    line: number,
                    column: start + comment.chars().count() as u32,
                },
            },
            message: format!(
                "`{comment}` is read as a comment, so the value here is \"{value}\"."
            ),
            help: format!(
                "If the `#` is part of the text, put the whole value in quotes: `\"{value} {comment}\"`. A comment has a space after its `#`."
            ),
        });
    }
    found
}

fn text_value_ends<'d>(node: Node<'d>, ends: &mut HashMap<Pos, &'d str>) {
    if let Some(text) = node.as_str() {
        ends.insert(node.span().end, text);
    }
    for (_, value) in node.members() {
        text_value_ends(value, ends);
    }
    for item in node.items() {
        text_value_ends(item, ends);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::read;

    fn cut(text: &str) -> Vec<(Span, String)> {
        let document = read(text).document.expect("YAML");
        find(text, &document)
            .into_iter()
            .map(|cut| (cut.comment, cut.message))
            .collect()
    }

    #[test]
    fn a_hash_glued_to_text_after_a_value_is_reported() {
        let found = cut(
            "id: a\nname: Blackpool #1 Care Home\nitems: [x]\nrisks:\n  - mitigations:\n      - Checked #daily\n",
        );
        assert_eq!(
            found.len(),
            2,
            "{:?}",
            found.iter().map(|f| &f.1).collect::<Vec<_>>()
        );
        assert_eq!(
            found[0].1,
            "`#1 Care Home` is read as a comment, so the value here is \"Blackpool\"."
        );
        assert_eq!(
            found[0].0.start,
            Pos {
                line: 2,
                column: 17
            }
        );
        assert_eq!(
            found[0].0.end,
            Pos {
                line: 2,
                column: 29
            }
        );
        assert_eq!(
            found[1].0.start,
            Pos {
                line: 6,
                column: 17
            }
        );
    }

    #[test]
    fn comments_quoted_text_and_blocks_are_left_alone() {
        for text in [
            "status: active # a comment, with its space\n",
            "name: \"North\" #1\n",
            "name: 'North #1 Trust'\n",
            "name: \"North #1 Trust\"\n",
            "purpose: |\n  Referrals: see #3 in the plan.\n",
            "# yaml-language-server: $schema=x\nid: a\n",
            "  #indented comment\nid: a\n",
            "volume: 100 #about\n",
            "id: a #\n",
        ] {
            assert!(cut(text).is_empty(), "{text:?}");
        }
    }
}
