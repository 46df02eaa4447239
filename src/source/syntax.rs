//! YAML syntax errors in the words of the people who edit registry files.
//!
//! The parser describes an error in the terms of the YAML specification
//! ("while parsing a block mapping, did not find expected key"). An IG
//! officer needs to hear what is wrong on the line in front of them and how
//! to put it right, so each description the parser gives for the mistakes
//! people make by hand (indentation, tabs, colons in text, unclosed quotes
//! and brackets) is said again here in plain words, with a fix. A
//! description not listed is passed on as the parser gives it, with general
//! advice.

use crate::diagnostic::Pos;

/// A syntax error as it is reported: where, what, and how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Explained {
    pub at: Pos,
    pub message: String,
    pub help: String,
}

/// The syntax error the parser describes as `info` at `at`, in `text`.
/// Kept out of line: the YAML reader's loop runs for every event of every
/// file, and its size decides what the compiler inlines into it.
#[cold]
#[inline(never)]
pub(super) fn explain(text: &str, at: Pos, info: &str) -> Explained {
    if let Some(explained) = dash_without_space(text, at) {
        return explained;
    }
    // Read as inside a `{ ... }` or `[ ... ]` that an earlier line opened
    // and never closed: the place to mend is where it opens.
    if matches!(
        info,
        "\"-\" is only valid inside a block"
            | "illegal placement of ':' indicator"
            | "while parsing a flow mapping, did not find expected ',' or '}'"
            | "while parsing a flow sequence, expected ',' or ']'"
    ) && let Some(explained) = unclosed_bracket(text, at)
    {
        return explained;
    }
    if let Some(character) = info
        .strip_prefix("unexpected character: `")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return reserved_character(text, at, character);
    }
    let (message, help) = words(info);
    let help = help.to_owned();
    // A line that lacks the `: ` of a field, or starts with `%`, is found
    // out only where the next one starts (or where the file ends): point at
    // that line.
    let found_after = matches!(
        info,
        "simple key expect ':'"
            | "simple key expected"
            | "did not find expected <document start>"
            | "did not find expected <document-start>"
    );
    let at = match found_after && starts_its_line(text, at) {
        true => content_line_before(text, at.line).unwrap_or(at),
        false => at,
    };
    Explained { at, message, help }
}

/// A list item written `-id: a` for `- id: a`: YAML reads `-id` as the
/// name of a field, and the error comes at that line or the next, in words
/// about colons or alignment that do not point at the `-`. Found on the
/// error's line or the content line before it.
fn dash_without_space(text: &str, at: Pos) -> Option<Explained> {
    let lines: Vec<&str> = text.lines().collect();
    let on_line = |line: u32| {
        let content = lines.get(line.checked_sub(1)? as usize)?;
        let indent = content.len() - content.trim_start().len();
        let item = content.trim_start().strip_prefix('-')?;
        let name: String = item
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        (item.starts_with(|c: char| c.is_ascii_alphabetic()) && item[name.len()..].starts_with(':'))
            .then(|| {
                let column = content[..indent].chars().count() as u32 + 1;
                (Pos { line, column }, name)
            })
    };
    let before = content_line_before(text, at.line).map(|pos| pos.line);
    let (at, name) = on_line(at.line).or_else(|| on_line(before?))?;
    Some(Explained {
        at,
        message: format!(
            "A list item needs a space after its `-`: without one, `-{name}` is read as the name of a field."
        ),
        help: "Put a space between the `-` and the field: `- id: ...`, not `-id: ...`.".to_owned(),
    })
}

/// Whether only spaces come before `at` on its line (or the line is past
/// the end of the text).
fn starts_its_line(text: &str, at: Pos) -> bool {
    text.lines()
        .nth(at.line.saturating_sub(1) as usize)
        .is_none_or(|line| {
            line.chars()
                .take(at.column.saturating_sub(1) as usize)
                .all(char::is_whitespace)
        })
}

/// Where the last line before `line` (1-based) with something other than
/// a comment on it begins.
fn content_line_before(text: &str, line: u32) -> Option<Pos> {
    let before = text.lines().take(line.saturating_sub(1) as usize);
    let (index, content) = before
        .enumerate()
        .filter(|(_, content)| {
            let content = content.trim_start();
            !content.is_empty() && !content.starts_with('#')
        })
        .last()?;
    let indent = content.chars().take_while(|c| c.is_whitespace()).count();
    Some(Pos {
        line: index as u32 + 1,
        column: indent as u32 + 1,
    })
}

/// A value that starts with a character YAML keeps for itself (`@`, `%`,
/// a backquote): the help shows the line's own value in quotes.
fn reserved_character(text: &str, at: Pos, character: &str) -> Explained {
    let named = match character {
        "`" => "a backquote (`)".to_owned(),
        other => format!("`{other}`"),
    };
    let line = text
        .lines()
        .nth(at.line.saturating_sub(1) as usize)
        .unwrap_or_default();
    // The field and its value, when the value runs to the end of the line
    // and holds no double quotation mark of its own.
    let quoted = line.split_once(": ").and_then(|(field, value)| {
        let field = field.trim_start().trim_start_matches("- ");
        let value = value.trim_end();
        let line = format!("{field}: \"{value}\"");
        // Shown as code, unless it holds the backquote that marks code.
        (!value.contains('"') && !value.contains(" #") && !field.is_empty()).then(|| {
            if line.contains('`') {
                line
            } else {
                format!("`{line}`")
            }
        })
    });
    Explained {
        at,
        message: format!(
            "A value cannot start with {named}: YAML keeps that character for itself."
        ),
        help: match quoted {
            Some(quoted) => format!("Put the value in quotes: {quoted}."),
            None => "Put the value in quotes, e.g. `name: \"@North\"`.".to_owned(),
        },
    }
}

/// The `{` or `[` still open where the error is, when it was opened on an
/// earlier line: registry files write each on one line, so the error is
/// that it was never closed. A bracket or quotation mark counts where a
/// value starts (after `:`, `- `, `,` or an opening bracket, or inside
/// brackets); in the middle of plain text it is text. Comments are skipped.
fn unclosed_bracket(text: &str, at: Pos) -> Option<Explained> {
    let mut open: Vec<(char, Pos)> = Vec::new();
    for (index, line) in text.lines().enumerate().take(at.line as usize) {
        let line_number = index as u32 + 1;
        let mut quote: Option<char> = None;
        // The character before this one, and the last other than a space.
        let mut previous: Option<char> = None;
        let mut last: Option<char> = None;
        for (column, c) in line.chars().enumerate() {
            if line_number == at.line && column as u32 + 1 >= at.column {
                break;
            }
            let value_starts = matches!(last, None | Some(':' | '-' | ',' | '[' | '{'));
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if value_starts => quote = Some(c),
                (None, '#') if previous.is_none_or(char::is_whitespace) => break,
                (None, '{' | '[') if value_starts || !open.is_empty() => open.push((
                    c,
                    Pos {
                        line: line_number,
                        column: column as u32 + 1,
                    },
                )),
                (None, '}' | ']') => {
                    open.pop();
                }
                _ => {}
            }
            if !c.is_whitespace() {
                last = Some(c);
            }
            previous = Some(c);
        }
    }
    let (bracket, opened) = open.last().copied()?;
    (opened.line < at.line).then(|| {
        let (close, example) = match bracket {
            '{' => ('}', "`- {org: north-trust, role: controller}`"),
            _ => (']', "`roles: [siro, dpo]`"),
        };
        Explained {
            at: opened,
            message: format!(
                "This `{bracket}` is never closed, so the lines after it are read as inside it."
            ),
            help: format!("End it with `{close}` on the same line, e.g. {example}."),
        }
    })
}

/// The message and help for a syntax error the parser describes as `info`.
fn words(info: &str) -> (String, &'static str) {
    let (message, help) = match info {
        "mapping values are not allowed in this context" => (
            "A colon followed by a space or the end of the line (`: `) here would start a new field, but a field cannot start here.",
            "If this is text that contains `: `, put the whole value in quotes, e.g. `name: \"North: acute services\"`. Otherwise start the field in the same column as the fields above it at its level.",
        ),
        "while parsing a block mapping, did not find expected key" => (
            "This line does not line up with the fields around it, so it is neither a new field nor part of the one above.",
            "Start it in the same column as the other fields at its level, using spaces. If it continues the text above, put that text in quotes; a `#` comment line inside text also ends the text.",
        ),
        "simple key expect ':'" | "simple key expected" => (
            "This line is not a field: a field is a name, a colon and a space, then the value (`name: value`).",
            "Add `: ` after the field's name (the space after the colon is needed). If the line continues text from the line above, put that text in quotes.",
        ),
        "':' must be followed by a valid YAML whitespace" => (
            "The colon after a field's name must be followed by a space.",
            "Put a space (not a tab) between the colon and the value: `name: value`.",
        ),
        "while scanning a plain scalar, found a tab"
        | "tab cannot be used as indentation"
        | "tabs disallowed in this context"
        | "tabs disallowed within this context (block indentation)"
        | "a block scalar content cannot start with a tab" => (
            "A tab character is used here or at the start of the next line; YAML files are indented with spaces only.",
            "Replace the tab with spaces. Most editors can show tabs and turn them into spaces.",
        ),
        "while parsing a flow mapping, did not find expected ',' or '}'" => (
            "This `{ ... }` is not closed properly: its fields are separated by commas, and it must end with `}`.",
            "End it with `}` on the same line, e.g. `{org: north-trust, role: controller}`, and put any text containing `,` `:` `{` or `}` in quotes.",
        ),
        "while parsing a flow sequence, expected ',' or ']'" | "misplaced bracket" => (
            "This `[ ... ]` list is not closed properly: its items are separated by commas, and it must end with `]`.",
            "End it with `]` on the same line, e.g. `roles: [siro, dpo]`, and put any item containing `,` `:` `[` or `]` in quotes.",
        ),
        "illegal placement of ':' indicator" => (
            "A colon here is not allowed: this part of the file is read as the inside of a `[ ... ]` list or `{ ... }` opened earlier, most likely one that was never closed.",
            "Close the list with `]` (or the `{` with `}`) on the line where it opens, and put text containing `:` in quotes.",
        ),
        "invalid indentation in quoted scalar" => (
            "The text in quotes that starts here runs on to the next lines, which are not indented under it: most likely its closing quotation mark is missing.",
            "End the text with the same quotation mark it starts with (`\"` or `'`).",
        ),
        "while scanning a quoted scalar, found unexpected end of stream"
        | "while scanning a quoted scalar, found unexpected document indicator" => (
            "The text in quotes that starts here is never closed.",
            "End the text with the same quotation mark it starts with (`\"` or `'`).",
        ),
        "invalid trailing content after double-quoted scalar" => (
            "There is more after the closing quotation mark.",
            "Put the whole value inside the quotes, or remove what follows them. For quotation marks inside text, use the other kind around it: `title: 'The \"Blue\" protocol'`.",
        ),
        "block sequence entries are not allowed in this context" => (
            "A list item (`- `) cannot start here: list items go on lines of their own, under the field they belong to.",
            "Put each item on a new line, indented under its field (`roles:` then `  - siro`), or write the list on one line as `[siro, dpo]`. If the `-` is part of text, put the text in quotes.",
        ),
        "while parsing a block collection, did not find expected '-' indicator" => (
            "This line is in a list but is not a list item: each item starts with `- `, in the same column as the other items.",
            "Start the line with `- ` lined up with the items above, or indent it further if it belongs to the item above.",
        ),
        "while scanning a block scalar, did not find expected comment or line break" => (
            "Text after `|` or `>` must start on the next line.",
            "Move the text to the next line, indented under the field, or remove the `|` or `>` to keep it on one line.",
        ),
        "wrongly indented line in block scalar" => (
            "This line of text (after `|` or `>`) is indented less than the text's first line.",
            "Indent every line of the text at least as far as its first line.",
        ),
        "comment intercepting the multiline text" => (
            "A `#` comment interrupts text that runs over several lines.",
            "Move the comment out of the text, or, if `#` is part of the text, put the whole text in quotes.",
        ),
        "while parsing node, found unknown anchor" => (
            "This value refers to another part of the file (`*name`); registry files must spell every value out.",
            "Replace the `*name` reference with the value it stands for. If `*` is part of text, put the text in quotes.",
        ),
        "a byte order mark must not appear inside a document" => (
            "There is an invisible byte order mark (U+FEFF) here; it may only come at the very start of a file.",
            "Delete the invisible character; it often comes in with text copied from elsewhere. Retyping the line removes it.",
        ),
        "found unprintable character" => (
            "This line holds a control character, which cannot appear in a registry file.",
            "Delete it; it is usually invisible and comes in with text copied from elsewhere. Retyping the line removes it.",
        ),
        "missing explicit document end marker before directive"
        | "did not find expected <document start>"
        | "did not find expected <document-start>"
        | "while scanning a directive, could not find expected directive name"
        | "while scanning a directive, found unexpected non-alphabetical character"
        | "while scanning a directive, did not find expected comment or line break" => (
            "A line cannot start with `%`: YAML reads it as an instruction for itself.",
            "Put the text in quotes, or remove the `%`.",
        ),
        "plain scalar cannot start with '-' followed by ,[]{}" => (
            "A value cannot start with `-` followed by `,` `[` `]` `{` or `}`.",
            "Put the value in quotes.",
        ),
        "while parsing a node, did not find expected node content" => (
            "A value is expected here, but there is none.",
            "Give the value, or remove the extra comma or dash in front of this place.",
        ),
        "invalid content after document end marker" => (
            "Nothing may follow `...` on its line.",
            "Remove the `...` line: a registry file needs no end marker.",
        ),
        _ => {
            return (
                format!("The YAML cannot be read here: {info}."),
                "Check the indentation and punctuation on this line and the one before it: each `key: value` on its own line, list items start with `- `, and text containing `: ` or `#` goes in quotes.",
            );
        }
    };
    (message.to_owned(), help)
}

#[cfg(test)]
mod tests {
    use super::super::yaml::{ProblemKind, read};
    use crate::diagnostic::Pos;

    /// The message, help and position of the syntax error in `text`.
    fn error(text: &str) -> (String, String, Pos) {
        let read = read(text);
        assert!(read.document.is_none(), "{text:?} should not be read");
        let problem = &read.problems[0];
        assert_eq!(problem.kind, ProblemKind::Syntax);
        (
            problem.message.clone(),
            problem.help.clone().unwrap_or_default(),
            problem.span.start,
        )
    }

    fn at(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn a_bracket_in_the_middle_of_text_is_text() {
        let text = "purpose: Care (see [1\n# a [comment\nname: 'North [A'\nkind: x\n";
        assert_eq!(super::unclosed_bracket(text, at(4, 5)), None);
        let text = "purpose: Care\nroles: [siro, 'd [p'\nkind: x\n";
        let explained = super::unclosed_bracket(text, at(3, 5)).expect("the list is open");
        assert_eq!(explained.at, at(2, 8));
    }

    #[test]
    fn the_mistakes_people_make_are_said_in_plain_words() {
        for (text, message, help, place) in [
            (
                "flows:\n  -id: a\n    from: b\n",
                "A list item needs a space after its `-`: without one, `-id` is read as the name of a field.",
                "Put a space between the `-` and the field",
                at(2, 3),
            ),
            (
                "officers:\n  - id: a\n    name: A\n  -id: b\n    name: B\n",
                "without one, `-id` is read as the name of a field",
                "`- id: ...`, not `-id: ...`",
                at(4, 3),
            ),
            (
                "parties:\n  - {org: a, role: controller\n  - {org: b, role: controller}\n",
                "This `{` is never closed, so the lines after it are read as inside it.",
                "End it with `}` on the same line",
                at(2, 5),
            ),
            (
                "flows:\n  - id: f\n    to: [a, b\n    from: c\n",
                "This `[` is never closed",
                "End it with `]` on the same line",
                at(3, 9),
            ),
            (
                "individual_rights: @NWAS DPO\n",
                "A value cannot start with `@`: YAML keeps that character for itself.",
                "Put the value in quotes: `individual_rights: \"@NWAS DPO\"`.",
                at(1, 20),
            ),
            (
                "  - name: `DPO`\n",
                "A value cannot start with a backquote (`):",
                "Put the value in quotes: name: \"`DPO`\".",
                at(1, 11),
            ),
            (
                "id: a\nname: North: acute services\n",
                "A colon followed by a space or the end of the line (`: `) here would start a new field",
                "put the whole value in quotes",
                at(2, 12),
            ),
            (
                "dspt:\n  status: met\n year: 2025-26\n",
                "This line does not line up with the fields around it",
                "same column",
                at(3, 2),
            ),
            (
                "id: a\nkind:nhs-trust\nname: b\n",
                "This line is not a field",
                "the space after the colon is needed",
                at(2, 1),
            ),
            (
                "dspt:\n  status: met\n  year 2025-26\n  published: 2026-06-27\n",
                "This line is not a field",
                "Add `: ` after the field's name",
                at(3, 3),
            ),
            (
                "name: North NHS Trust:\n",
                "A colon followed by a space or the end of the line",
                "put the whole value in quotes",
                at(1, 22),
            ),
            (
                "dspt:\n  status: met\n\tyear: 2025-26\n",
                "A tab character is used here or at the start of the next line",
                "Replace the tab with spaces",
                at(2, 11),
            ),
            (
                "parties:\n  - {org: a, role: controller\n",
                "This `{` is never closed",
                "End it with `}`",
                at(2, 5),
            ),
            (
                "roles: [siro}\n",
                "This `[ ... ]` list is not closed properly",
                "End it with `]`",
                at(1, 13),
            ),
            (
                "kind: [nhs-trust\nods_code: RAA\n",
                "This `[` is never closed",
                "End it with `]` on the same line",
                at(1, 7),
            ),
            (
                "id: a\nname: \"North NHS Trust\nkind: nhs-trust\n",
                "most likely its closing quotation mark is missing",
                "End the text with the same quotation mark",
                at(2, 7),
            ),
            (
                "id: a\nname: 'North NHS Trust",
                "The text in quotes that starts here is never closed",
                "End the text with the same quotation mark",
                at(2, 7),
            ),
            (
                "name: \"North\" NHS Trust\n",
                "There is more after the closing quotation mark",
                "Put the whole value inside the quotes",
                at(1, 15),
            ),
            (
                "name: @North\n",
                "A value cannot start with `@`",
                "Put the value in quotes",
                at(1, 7),
            ),
            (
                "kind: - nhs-trust\n",
                "A list item (`- `) cannot start here",
                "`roles:` then `  - siro`",
                at(1, 7),
            ),
            (
                "name: | North\n",
                "Text after `|` or `>` must start on the next line",
                "Move the text to the next line",
                at(1, 7),
            ),
            (
                "ods_code: *RAA\n",
                "This value refers to another part of the file",
                "Replace the `*name` reference",
                at(1, 11),
            ),
            (
                "%ods_code: RAA\n",
                "A line cannot start with `%`",
                "Put the text in quotes",
                at(1, 1),
            ),
        ] {
            let (said, helped, found) = error(text);
            assert!(said.contains(message), "{text:?}: {said}");
            assert!(helped.contains(help), "{text:?}: {helped}");
            assert_eq!(found, place, "{text:?}: {said}");
            assert!(
                !said.contains("scalar") && !said.contains("while parsing"),
                "{said}"
            );
        }
    }

    #[test]
    fn other_errors_keep_the_parsers_words() {
        let (message, help) = super::words("while parsing a tag, did not find expected tag URI");
        assert_eq!(
            message,
            "The YAML cannot be read here: while parsing a tag, did not find expected tag URI."
        );
        assert!(help.starts_with("Check the indentation and punctuation"));
    }
}
