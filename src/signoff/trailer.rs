//! The trailers of a commit message, found by git's own rules (those of
//! `git interpret-trailers --parse`), so that what counts as a sign-off is
//! exactly what git itself would call a trailer: only the message's final
//! block of `Key: value` lines, never a line further up, never the subject.
//!
//! The rules, from git's `trailer.c`:
//! - The message ends before a patch part (a line starting `---` and a
//!   space or line end), a scissors line (`# ------------------------ >8
//!   ------------------------`), and any comment lines (`#`), blank lines
//!   and old `Conflicts:` blocks after the text.
//! - The first paragraph is the subject and never holds trailers.
//! - The trailer block is the last paragraph, if its lines are all
//!   trailers (or continuation lines, which start with a space), or if it
//!   holds a trailer git writes itself (`Signed-off-by: `, `(cherry picked
//!   from commit `) and at least a quarter of its lines are trailers.
//! - A trailer is a key of letters, digits and hyphens, optional spaces or
//!   tabs, a colon, then its value; continuation lines are joined with a
//!   single space.
//!
//! Git decides on bytes with its own notion of white space (space, tab,
//! line feed, carriage return); so does this. Like `git interpret-trailers`,
//! it reads a message whose last line has no line feed as if it had one.

/// The lines git writes as trailers itself, which let a block of mixed
/// lines count as a trailer block.
const GIT_GENERATED: [&[u8]; 2] = [b"Signed-off-by: ", b"(cherry picked from commit "];

const COMMENT: u8 = b'#';

const SCISSORS: &[u8] = b"\n# ------------------------ >8 ------------------------\n";

/// Git's white space (`sane_ctype.h`): not vertical tab or form feed.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The start of the line after the one starting at `at`.
fn next_line(text: &[u8], at: usize) -> usize {
    text[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

/// The start of the last line of `text[..end]` (a final line feed belongs
/// to that line); `None` when `end` is 0.
fn last_line(text: &[u8], end: usize) -> Option<usize> {
    match end {
        0 => None,
        1 => Some(0),
        _ => Some(
            text[..end - 1]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1),
        ),
    }
}

/// Whether the line starting at `at` holds only white space.
fn is_blank_line(text: &[u8], at: usize) -> bool {
    text[at..]
        .iter()
        .take_while(|&&b| b != b'\n')
        .all(|&b| is_space(b))
}

/// Where the key of a `Key: value` line ends (the colon), or `None` when
/// the line is no trailer. The key is letters, digits and hyphens, and
/// may be followed by spaces or tabs before the colon.
fn separator(line: &[u8]) -> Option<usize> {
    let mut spaces = false;
    for (i, &byte) in line.iter().enumerate() {
        if byte == b':' {
            return (i >= 1).then_some(i);
        }
        if !spaces && (byte.is_ascii_alphanumeric() || byte == b'-') {
            continue;
        }
        if i != 0 && (byte == b' ' || byte == b'\t') {
            spaces = true;
            continue;
        }
        break;
    }
    None
}

/// The length of the message without what git ignores at its end:
/// comment lines, blank lines, an old `Conflicts:` block, and everything
/// from a scissors line on.
fn ignored_at_end(text: &[u8], len: usize) -> usize {
    let cutoff = if text.starts_with(&SCISSORS[1..]) {
        0
    } else {
        find(text, SCISSORS).map_or(len, |at| len.min(at + 1))
    };
    let mut run_start = None;
    let mut in_conflicts = false;
    let mut line = 0;
    while line < cutoff {
        let next = next_line(text, line);
        if text[line..cutoff].first() == Some(&COMMENT) || text[line] == b'\n' {
            run_start.get_or_insert(line);
        } else if text[line..].starts_with(b"Conflicts:\n") {
            in_conflicts = true;
            run_start.get_or_insert(line);
        } else if in_conflicts && text[line] == b'\t' {
            // A path in the conflicts block.
        } else if run_start.is_some() {
            run_start = None;
            in_conflicts = false;
        }
        line = next;
    }
    match run_start {
        Some(start) => len - start,
        None => len - cutoff,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Where the message proper ends: before a patch part and what git
/// ignores after the text.
fn end_of_message(text: &[u8]) -> usize {
    let mut end = text.len();
    let mut line = 0;
    while line < text.len() {
        if text[line..].starts_with(b"---") && text.get(line + 3).is_some_and(|&b| is_space(b)) {
            end = line;
            break;
        }
        line = next_line(text, line);
    }
    end - ignored_at_end(text, end)
}

/// Where the trailer block of `text[..len]` starts, or `len` when there is
/// none.
fn block_start(text: &[u8], len: usize) -> usize {
    let mut end_of_title = 0;
    while end_of_title < len {
        if text[end_of_title] != COMMENT && is_blank_line(text, end_of_title) {
            break;
        }
        end_of_title = next_line(text, end_of_title);
    }
    let (mut only_spaces, mut recognised) = (true, false);
    let (mut trailers, mut others, mut continuations) = (0usize, 0usize, 0usize);
    let mut cursor = last_line(text, len);
    while let Some(line) = cursor.filter(|&line| line >= end_of_title) {
        cursor = last_line(text, line);
        let rest = &text[line..];
        if text[line..len].first() == Some(&COMMENT) {
            others += continuations;
            continuations = 0;
            continue;
        }
        if is_blank_line(text, line) {
            if only_spaces {
                continue;
            }
            others += continuations;
            if (recognised && trailers * 3 >= others) || (trailers > 0 && others == 0) {
                return next_line(text, line);
            }
            return len;
        }
        only_spaces = false;
        if GIT_GENERATED.iter().any(|prefix| rest.starts_with(prefix)) {
            trailers += 1;
            continuations = 0;
            recognised = true;
        } else if separator(rest).is_some() && !is_space(rest[0]) {
            trailers += 1;
            continuations = 0;
        } else if is_space(rest[0]) {
            continuations += 1;
        } else {
            others += 1 + continuations;
            continuations = 0;
        }
    }
    len
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_space(b))
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// A value with its continuation lines joined by single spaces.
fn unfold(value: &[u8]) -> String {
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        let byte = value[i];
        i += 1;
        if byte == b'\n' {
            while i < value.len() && is_space(value[i]) {
                i += 1;
            }
            out.push(b' ');
        } else {
            out.push(byte);
        }
    }
    String::from_utf8_lossy(trim(&out)).into_owned()
}

/// One trailer: its key as written and its value, unfolded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trailer {
    pub key: String,
    pub value: String,
}

/// The trailers of a commit message, as `git interpret-trailers --parse`
/// lists them.
pub fn parse(message: &[u8]) -> Vec<Trailer> {
    let mut trailers = Vec::new();
    each(message, |key, value| {
        trailers.push(Trailer {
            key: String::from_utf8_lossy(key).into_owned(),
            value: String::from_utf8_lossy(&value).into_owned(),
        })
    });
    trailers
}

/// Calls `found` with the key and the unfolded value of each trailer of a
/// commit message, in order, as [`parse`] lists them, copying nothing
/// unless a value runs over several lines.
pub fn each(message: &[u8], mut found: impl FnMut(&[u8], std::borrow::Cow<'_, [u8]>)) {
    // As `git interpret-trailers` reads its input: the last line completed
    // with a line feed (which decides, for one, whether a final `---` is a
    // divider).
    let completed;
    let message = if message.is_empty() || message.ends_with(b"\n") {
        message
    } else {
        completed = [message, b"\n"].concat();
        &completed
    };
    let end = end_of_message(message);
    let start = block_start(message, end);
    let block = &message[start..end];
    let mut lines = block.split_inclusive(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        // A trailer's continuation lines start with white space.
        let mut whole = std::borrow::Cow::Borrowed(line);
        if separator(line).is_some() {
            while let Some(next) = lines.next_if(|next| next.first().is_some_and(|&b| is_space(b)))
            {
                whole.to_mut().extend_from_slice(next);
            }
        }
        if whole.first() == Some(&COMMENT) {
            continue;
        }
        let Some(at) = separator(&whole) else {
            continue;
        };
        let value = trim(&whole[at + 1..]);
        let value = match value.contains(&b'\n') {
            true => std::borrow::Cow::Owned(unfold(value).into_bytes()),
            false => std::borrow::Cow::Borrowed(value),
        };
        found(trim(&whole[..at]), value);
    }
}

#[cfg(test)]
mod tests {
    use super::{Trailer, parse};

    fn pairs(message: &str) -> Vec<(String, String)> {
        parse(message.as_bytes())
            .into_iter()
            .map(|Trailer { key, value }| (key, value))
            .collect()
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_owned(), value.to_owned())
    }

    #[test]
    fn only_the_last_paragraph_after_the_subject_holds_trailers() {
        assert_eq!(
            pairs("Subject\n\nBody text.\n\nKey: one\nOther-Key : two\n"),
            [pair("Key", "one"), pair("Other-Key", "two")]
        );
        assert!(pairs("Key: the subject is never a trailer\n").is_empty());
        assert!(pairs("Subject\nKey: still the subject's paragraph\n").is_empty());
        assert!(pairs("Subject\n\nKey: quoted\n\nA closing sentence.\n").is_empty());
    }

    #[test]
    fn a_mixed_block_counts_only_with_a_trailer_git_writes() {
        assert!(pairs("Subject\n\nKey: one\nnot a trailer\n").is_empty());
        assert_eq!(
            pairs("Subject\n\nKey: one\nnot a trailer\nSigned-off-by: A <a@b>\n"),
            [pair("Key", "one"), pair("Signed-off-by", "A <a@b>")]
        );
    }

    #[test]
    fn continuation_lines_join_and_comments_and_patches_end_the_message() {
        assert_eq!(
            pairs("Subject\n\nKey: one\n  two\n"),
            [pair("Key", "one two")]
        );
        assert_eq!(
            pairs("Subject\n\nKey: one\n# a comment\n\n"),
            [pair("Key", "one")]
        );
        assert!(pairs("Subject\n\nBody\n---\nKey: after the divider\n").is_empty());
        assert_eq!(
            pairs(
                "Subject\n\nKey: one\n# ------------------------ >8 ------------------------\nOther: x\n"
            ),
            [pair("Key", "one")]
        );
    }
}
