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
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err((
            Span::at(position_of(&bytes, offset)),
            "This file is not text (it contains binary data). Registry files must be YAML text."
                .into(),
        ));
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
