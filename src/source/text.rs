//! From bytes to text: UTF-8 only, a leading byte-order mark dropped, and
//! binary files refused. Also the line index used to show source lines.

use crate::diagnostic::{Pos, Span};

/// Decodes a registry file, or says (with the position) why it is not text.
pub fn decode(bytes: Vec<u8>) -> Result<String, (Span, String)> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err((
            Span::at(Pos::START),
            "This file is saved as UTF-16 text; registry files must be UTF-8. Save it again choosing the UTF-8 encoding.".into(),
        ));
    }
    if let Some(offset) = first_control(&bytes) {
        let message = match bytes[offset] {
            0 => {
                "This file is not text (it contains binary data). Registry files must be YAML text."
                    .to_owned()
            }
            0xC2 => c1_message(bytes.get(offset + 1).copied().unwrap_or(0x80)),
            b'\r' => "This file holds a carriage return without a line feed after it (U+000D) here: an old Mac line ending, or an invisible character pasted in. YAML reads it as a new line where other tools do not, so lines would be numbered differently. Save the file with Windows (CRLF) or Unix (LF) line endings, or delete the character.".to_owned(),
            byte => format!(
                "This file holds an invisible control character (U+{byte:04X}) here, which cannot appear in a registry file. Delete it: it often comes in with text copied from a word processor, and retyping the text removes it."
            ),
        };
        return Err((Span::at(position_of(&bytes, offset)), message));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        (
            Span::at(position_of(&bytes, offset)),
            "This file is not valid UTF-8 text. Save it as UTF-8 (in most editors: \"Save with encoding\" then \"UTF-8\").".into(),
        )
    })
}

/// Where the first control character other than tab and line endings is:
/// YAML allows no others (neither the C0 controls below U+0020 and DEL,
/// nor the C1 controls U+0080 to U+009F, written in UTF-8 as 0xC2 and a
/// byte from 0x80 to 0x9F), and a NUL byte means the file is not text at
/// all. A carriage return is a line ending only before a line feed (CRLF):
/// alone, YAML reads it as a line break where git, most tools and the line
/// numbers in findings do not, so a lone one is refused too. Bytes are
/// tested 64 at a time without branching, which the compiler turns into
/// vector instructions (with the UTF-8 check, decoding runs at about
/// 3.7 GB/s on one core, for LF and CRLF files alike), and only a block
/// holding one is searched byte by byte. No byte of a
/// multi-byte UTF-8 character is below 0x80, so bytes can be tested.
fn first_control(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let mut start = 0;
    // Each block is tested with the byte after it, to see what follows a
    // carriage return at its end.
    while start + BLOCK < bytes.len() {
        let now = &bytes[start..start + BLOCK];
        let next = &bytes[start + 1..=start + BLOCK];
        let any = now
            .iter()
            .zip(next)
            .fold(0, |any, (&byte, &after)| any | refused(byte, after));
        if any != 0 {
            return now
                .iter()
                .zip(next)
                .position(|(&byte, &after)| refused(byte, after) != 0)
                .map(|at| start + at);
        }
        start += BLOCK;
    }
    (start..bytes.len())
        .find(|&at| refused(bytes[at], bytes.get(at + 1).copied().unwrap_or(0)) != 0)
}

/// 1 when a byte may not stand before `after` in a registry file: a
/// control character other than tab and line endings, the first byte of a
/// C1 control character, or a carriage return not followed by a line feed.
/// Written without branches, in bytes rather than booleans, so that
/// testing a block can be vectorised, and so that it costs the same
/// whether a file's lines end in LF or CRLF.
fn refused(byte: u8, after: u8) -> u8 {
    let control = u8::from(byte < 0x20)
        & u8::from(byte != b'\t')
        & u8::from(byte != b'\n')
        & u8::from(byte != b'\r')
        | u8::from(byte == 0x7f);
    let c1 = u8::from(byte == 0xC2) & u8::from(after & 0xE0 == 0x80);
    control | c1 | (u8::from(byte == b'\r') & u8::from(after != b'\n'))
}

/// What to say about the C1 control character U+0080 + (`second` - 0x80).
/// Almost always it is a character of the Windows-1252 encoding (a curly
/// quote, a dash, the euro sign) that some program read as Latin-1 on the
/// text's way into the file, so the character meant is named.
fn c1_message(second: u8) -> String {
    let code = u32::from(second);
    let meant = WINDOWS_1252_C1
        .get(usize::from(second.wrapping_sub(0x80)))
        .copied()
        .flatten();
    match meant {
        Some(meant) => format!(
            "This file holds an invisible control character (U+{code:04X}) here, which cannot appear in a registry file. It is almost certainly a damaged {meant}: the text passed through a program that read its Windows encoding wrongly. Type {meant} in its place (check the rest of the text for others)."
        ),
        None => format!(
            "This file holds an invisible control character (U+{code:04X}) here, which cannot appear in a registry file. Delete it: it comes in with text converted wrongly between encodings, and retyping the text removes it."
        ),
    }
}

/// The characters Windows-1252 has at 0x80 to 0x9F, which text read as
/// Latin-1 turns into the C1 controls U+0080 to U+009F (five have none).
#[rustfmt::skip]
const WINDOWS_1252_C1: [Option<char>; 32] = [
    Some('€'), None, Some('‚'), Some('ƒ'), Some('„'), Some('…'), Some('†'), Some('‡'),
    Some('ˆ'), Some('‰'), Some('Š'), Some('‹'), Some('Œ'), None, Some('Ž'), None,
    None, Some('‘'), Some('’'), Some('“'), Some('”'), Some('•'), Some('–'), Some('—'),
    Some('˜'), Some('™'), Some('š'), Some('›'), Some('œ'), None, Some('ž'), Some('Ÿ'),
];

/// The line and column (in characters, counting only the valid prefix) of
/// a byte offset.
fn position_of(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos {
        line: line as u32,
        column: column as u32,
    }
}

/// Byte offsets of line starts, to cut source lines out for snippets.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: u32) -> &'a str {
        let index = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of a position within the text, clamped to the line.
    pub fn offset(&self, pos: Pos) -> usize {
        let index = (pos.line.max(1) as usize - 1).min(self.starts.len() - 1);
        let line = self.line(index as u32 + 1);
        let within = line
            .char_indices()
            .nth(pos.column.max(1) as usize - 1)
            .map_or(line.len(), |(i, _)| i);
        self.starts[index] + within
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_bom_and_keeps_text() {
        assert_eq!(decode(b"\xEF\xBB\xBFid: a\n".to_vec()).unwrap(), "id: a\n");
    }

    #[test]
    fn names_utf16() {
        let (span, message) = decode(b"\xFF\xFEi\x00d\x00".to_vec()).unwrap_err();
        assert_eq!(span.start, Pos::START);
        assert!(message.contains("UTF-16"), "{message}");
    }

    #[test]
    fn refuses_binary_and_bad_utf8_with_position() {
        let (span, message) = decode(b"id: a\nname: b\x00c".to_vec()).unwrap_err();
        assert_eq!(span.start, Pos { line: 2, column: 8 });
        assert!(message.contains("binary"));
        let (span, message) = decode(b"id: a\nname: caf\xE9\n".to_vec()).unwrap_err();
        assert_eq!(
            span.start,
            Pos {
                line: 2,
                column: 10
            }
        );
        assert!(message.contains("UTF-8"));
    }

    #[test]
    fn refuses_control_characters_but_not_tabs_or_line_endings() {
        assert!(decode(b"id: a\r\nname:\tb\n".to_vec()).is_ok());
        for control in (1..0x20).filter(|b| ![9, 10, 13].contains(b)).chain([0x7f]) {
            // At every place in a block of 64 and in the tail after it.
            for at in [0, 5, 63, 64, 100, 140] {
                let mut bytes = b"name: ".to_vec();
                bytes.resize(150, b'x');
                bytes[at] = control;
                let (span, message) = decode(bytes).unwrap_err();
                assert_eq!(
                    span.start,
                    Pos {
                        line: 1,
                        column: at as u32 + 1
                    }
                );
                assert!(
                    message.contains(&format!("control character (U+{control:04X})")),
                    "{message}"
                );
            }
        }
        // A carriage return is allowed only before a line feed, also where
        // the pair straddles two blocks.
        let mut crlf = "a: b\r\n".repeat(40).into_bytes();
        assert!(decode(crlf.clone()).is_ok());
        crlf.truncate(63);
        crlf.extend_from_slice(b"\r\nc: d\r\n");
        assert!(decode(crlf).is_ok());
        for (text, column) in [("id: a\rname: b\n", 6), ("id: a\r", 6)] {
            let (span, message) = decode(text.into()).unwrap_err();
            assert_eq!(span.start, Pos { line: 1, column }, "{text:?}");
            assert!(
                message.contains("carriage return without a line feed"),
                "{message}"
            );
        }
        let (span, message) = decode("id: a\nname: Word\u{b}break\n".into()).unwrap_err();
        assert_eq!(
            span.start,
            Pos {
                line: 2,
                column: 11
            }
        );
        assert!(message.contains("U+000B"), "{message}");
    }

    #[test]
    fn refuses_c1_controls_and_names_the_character_meant() {
        for code in 0x80u32..0xA0 {
            let control = char::from_u32(code).unwrap();
            // At every place in a block of 64, straddling the end of one
            // (its first byte the block's last), and in the tail.
            for at in [0, 5, 62, 63, 64, 100, 140] {
                let mut text = "x".repeat(at);
                text.push(control);
                text.push_str(&"x".repeat(150 - at));
                let (span, message) = decode(text.into_bytes()).unwrap_err();
                assert_eq!(
                    span.start,
                    Pos {
                        line: 1,
                        column: at as u32 + 1
                    },
                    "U+{code:04X} at {at}"
                );
                assert!(
                    message.contains(&format!("control character (U+{code:04X})")),
                    "{message}"
                );
            }
        }
        let (_, message) = decode("name: Trust\u{92}s\n".into()).unwrap_err();
        assert!(message.contains("a damaged ’"), "{message}");
        let (_, message) = decode("purpose: care\u{85}\n".into()).unwrap_err();
        assert!(message.contains("a damaged …"), "{message}");
        let (_, message) = decode("name: a\u{81}b\n".into()).unwrap_err();
        assert!(message.contains("Delete it"), "{message}");
        // Characters that share the first byte, or follow the C1 range, are
        // ordinary text: a no-break space, £, é, À.
        let text = "name: \u{a0}£5 café À\u{bf}\n".repeat(10);
        assert_eq!(decode(text.clone().into_bytes()).unwrap(), text);
    }

    #[test]
    fn line_index_handles_crlf_and_characters() {
        let text = "a: 1\r\nname: café x\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line(2), "name: café x");
        assert_eq!(
            &text[index.offset(Pos {
                line: 2,
                column: 12
            })..][..1],
            "x"
        );
    }
}
