//! Finding text that holds characters that hide or disguise what it says:
//! the rule `hidden-characters`, documented in
//! `rules/files/hidden_characters.rs`.

use crate::diagnostic::Pos;
use crate::source::document::Document;
use crate::text::{Hidden, describe, hidden};

/// Fields whose text may run over several lines, by their key.
const MULTI_LINE: [&str; 6] = [
    "purpose",
    "benefits",
    "individual_rights",
    "retention",
    "not_required",
    "text",
];

/// One text value holding hidden characters.
pub struct Found {
    pub pointer: String,
    pub message: String,
    pub help: String,
}

/// Whether any text of the file may hold a hidden character: every hidden
/// character is below U+0020, U+007F, or has a UTF-8 lead byte from a
/// short list, so most files are passed after one look at the text of
/// their keys and values.
fn may_hide(text: &str) -> bool {
    !crate::text::printable_ascii(text.as_bytes()) && text.bytes().any(may_start_hidden)
}

/// Whether a byte may begin a hidden character: a control character, or
/// the lead byte in UTF-8 of every hidden character above U+007F.
fn may_start_hidden(byte: u8) -> bool {
    byte < 0x20
        || matches!(
            byte,
            0x7F | 0xC2 | 0xCD | 0xD8 | 0xE1 | 0xE2 | 0xE3 | 0xEF | 0xF0 | 0xF3
        )
}

/// The text values of a file holding hidden characters.
pub fn find(document: &Document) -> Vec<Found> {
    if !may_hide(document.all_text()) {
        return Vec::new();
    }
    let mut found: Vec<(Pos, Found)> = document
        .texts()
        .filter_map(|(key, node)| {
            let multi_line = key.is_some_and(|key| MULTI_LINE.contains(&key));
            let characters = hidden_in(node.as_str()?, multi_line)?;
            let finding = describe_finding(
                document.pointer_to(node),
                key.unwrap_or_default(),
                multi_line,
                &characters,
            );
            Some((node.span().start, finding))
        })
        .collect();
    // In the order the file gives them.
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, finding)| finding).collect()
}

/// The hidden characters a text may not hold, each once, in order.
fn hidden_in(text: &str, multi_line: bool) -> Option<Vec<(char, Hidden)>> {
    // Most texts hold no byte that could begin a hidden character (a long
    // text's line feeds aside): they are passed after one look at their bytes.
    let allowed = |byte: u8| multi_line && matches!(byte, b'\n' | b'\t');
    if crate::text::printable_ascii(text.as_bytes())
        || !text
            .bytes()
            .any(|byte| may_start_hidden(byte) && !allowed(byte))
    {
        return None;
    }
    let mut characters: Vec<(char, Hidden)> = Vec::new();
    for c in text.chars() {
        let Some(kind) = hidden(c) else { continue };
        let allowed = multi_line && matches!(c, '\n' | '\t');
        if !allowed && !characters.iter().any(|(seen, _)| *seen == c) {
            characters.push((c, kind));
        }
    }
    (!characters.is_empty()).then_some(characters)
}

/// The finding for a text at `pointer` (under `key`) holding `characters`.
fn describe_finding(
    pointer: String,
    key: &str,
    multi_line: bool,
    characters: &[(char, Hidden)],
) -> Found {
    let field = crate::schema::describe_pointer(&pointer);
    let named: Vec<String> = characters.iter().map(|(c, _)| describe(*c)).collect();
    let named = crate::text::join_and(&named.iter().map(String::as_str).collect::<Vec<_>>());
    let kinds: Vec<Hidden> = characters.iter().map(|(_, kind)| *kind).collect();
    let breaks = kinds
        .iter()
        .any(|kind| matches!(kind, Hidden::LineBreak | Hidden::Tab));
    let what = if kinds.contains(&Hidden::Bidi) {
        "an invisible character that changes the order in which text is shown, so that what readers see is not what is written"
    } else if kinds.contains(&Hidden::Invisible) {
        "a character that shows as nothing, so that two texts that look the same would differ"
    } else if kinds
        .iter()
        .all(|kind| matches!(kind, Hidden::LineBreak | Hidden::Tab))
        && !multi_line
    {
        "a line break or tab, but it is a one-line field: it would start a new line in some places (a commit message, a calendar, a spreadsheet) and not in others"
    } else {
        "a control character, which no registry text may hold: it shows differently, or not at all, from one program to another"
    };
    let help = if breaks && !multi_line {
        format!(
            "Write `{key}` on one line after the colon, in quotes if it holds a `: ` or `#`. A `\\n` or `\\r` in quotes is a line break, and so is a blank line inside quoted text; after `>` or `|` the text always ends with one (use `>-` to drop it)."
        )
    } else {
        "Delete the characters named; they are usually pasted in unseen with text from elsewhere, and retyping the text removes them.".to_owned()
    };
    Found {
        message: format!("{} holds {named}: {what}.", capitalise(&field)),
        pointer,
        help,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(yaml: &str) -> Vec<(String, String)> {
        let document = crate::source::yaml::read(yaml).document.expect("document");
        find(&document)
            .into_iter()
            .map(|found| (found.pointer, found.message))
            .collect()
    }

    #[test]
    fn line_breaks_in_one_line_fields_and_hidden_characters_anywhere() {
        let got = found(
            "title: \"Referrals\\nAgreement-Sign-Off: x\"\npurpose: >\n  Two\n  lines.\n\n  More.\nname: \"Bad\u{202E}name\"\nitems: [\"a\\tb\"]\n",
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "/title");
        assert!(
            got[0].1.starts_with(
                "`title` holds U+000A (LINE FEED): a line break or tab, but it is a one-line field"
            ),
            "{}",
            got[0].1
        );
        assert_eq!(got[1].0, "/name");
        assert!(
            got[1].1.contains("U+202E (RIGHT-TO-LEFT OVERRIDE)"),
            "{}",
            got[1].1
        );
        assert!(got[1].1.contains("changes the order"), "{}", got[1].1);
        assert_eq!(got[2].0, "/items/0");
        assert!(got[2].1.contains("U+0009 (TAB)"), "{}", got[2].1);
    }

    #[test]
    fn clean_text_and_line_feeds_in_long_texts_pass() {
        assert!(found("title: Café référrals – Siân's\npurpose: |\n  One\n  \tTwo\n").is_empty());
        let carriage = found("purpose: \"One\\rTwo\"\n");
        assert_eq!(
            carriage.len(),
            1,
            "a carriage return is no line feed: {carriage:?}"
        );
        let zero_width = found("name: \"Black\u{200B}pool\"\n");
        assert!(
            zero_width[0].1.contains("U+200B (ZERO WIDTH SPACE)"),
            "{zero_width:?}"
        );
    }
}
