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
/// YAML allows no others, and a NUL byte means the file is not text at
/// all. A carriage return is a line ending only before a line feed (CRLF):
/// alone, YAML reads it as a line break where git, most tools and the line
/// numbers in findings do not, so a lone one is refused too. Bytes are
/// tested 64 at a time without branching, which the compiler turns into
/// vector instructions (about 8 GB/s, for LF and CRLF files alike), and
/// only a block holding one is searched byte by byte. No byte of a
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
/// control character other than tab and line endings, or a carriage
/// return not followed by a line feed. Written without branches, in bytes
/// rather than booleans, so that testing a block can be vectorised, and so
/// that it costs the same whether a file's lines end in LF or CRLF.
fn refused(byte: u8, after: u8) -> u8 {
    let control = u8::from(byte < 0x20)
        & u8::from(byte != b'\t')
        & u8::from(byte != b'\n')
        & u8::from(byte != b'\r')
        | u8::from(byte == 0x7f);
    control | (u8::from(byte == b'\r') & u8::from(after != b'\n'))
}

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
