//! Text helpers every layer may use: lists and counts in words, the
//! nearest of a set of names ("Did you mean ...?", [`suggest`]), and the
//! characters that hide or disguise text (line breaks, control characters,
//! the invisible characters that reorder how text is displayed, "Trojan
//! Source", and zero-width ones), shown so that none of them can.

pub mod suggest;

pub use suggest::did_you_mean;

use std::borrow::Cow;

/// "1 error", "2 warnings".
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What a hidden character does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// Starts a new line in some places and not in others (line feed,
    /// carriage return, the Unicode line and paragraph separators).
    LineBreak,
    Tab,
    /// Any other control character.
    Control,
    /// Changes the order in which the text around it is shown.
    Bidi,
    /// Shows as nothing, so that two texts that look alike differ.
    Invisible,
}

/// Whether `c` hides or disguises text, and how.
pub fn hidden(c: char) -> Option<Hidden> {
    Some(match c {
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Hidden::LineBreak,
        '\t' => Hidden::Tab,
        c if c.is_control() => Hidden::Control,
        '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Hidden::Bidi
        }
        '\u{AD}'
        | '\u{34F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{E0000}'..='\u{E007F}' => Hidden::Invisible,
        _ => return None,
    })
}

/// Whether `bytes` are all printable ASCII (U+0020 to U+007E), which hides
/// nothing. Most registry text is, so this is the first look at any text:
/// written to run over whole blocks of bytes without stopping, which the
/// compiler turns into vector instructions.
pub fn printable_ascii(bytes: &[u8]) -> bool {
    // Below U+0020, U+007F and every byte of a non-ASCII character map to
    // less than 0x21 as signed bytes, after adding one.
    let outside = |byte: &u8| (byte.wrapping_add(1) as i8) < 0x21;
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(false, |any, byte| any | outside(byte)) {
            return false;
        }
    }
    !blocks.remainder().iter().any(outside)
}

/// A hidden character's code point and, for the common ones, its name:
/// `U+202E (RIGHT-TO-LEFT OVERRIDE)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\t' => "TAB",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{85}' => "NEXT LINE",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{AD}' => "SOFT HYPHEN",
        '\u{61C}' => "ARABIC LETTER MARK",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => return format!("U+{:04X}", u32::from(c)),
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

/// `text` with every hidden character written as its code point in
/// brackets (`[U+000A]`), so that it is one line and shows what it holds:
/// for commit messages, the terminal and Markdown tables. Borrowed when
/// there is nothing to show, as almost always.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match hidden(c) {
            Some(_) => out.push_str(&format!("[U+{:04X}]", u32::from(c))),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], but keeping line feeds and tabs: for text shown as
/// lines, such as a code snippet, where only a line break that is not a
/// line feed would mislead.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| hidden(c).is_some() && !matches!(c, '\n' | '\t'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match hidden(c) {
            Some(_) if !matches!(c, '\n' | '\t') => {
                out.push_str(&format!("[U+{:04X}]", u32::from(c)))
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A count with its thousands separated: `99,900`.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Hidden, describe, hidden, thousands, visible, visible_lines};

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(99_900), "99,900");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn printable_ascii_is_told_from_everything_else() {
        use super::printable_ascii;
        let long = "Shared care record for Lancashire and South Cumbria, ".repeat(4);
        assert!(printable_ascii(long.as_bytes()));
        assert!(printable_ascii(b" ~"));
        for outside in ["\n", "\t", "\u{7f}", "é", "\u{202E}", "\u{0}"] {
            assert!(
                !printable_ascii(format!("{long}{outside}").as_bytes()),
                "{outside:?}"
            );
            assert!(
                !printable_ascii(format!("{outside}{long}").as_bytes()),
                "{outside:?}"
            );
        }
    }

    #[test]
    fn hidden_characters_are_named_and_shown() {
        assert_eq!(hidden('\u{202E}'), Some(Hidden::Bidi));
        assert_eq!(hidden('\u{200B}'), Some(Hidden::Invisible));
        assert_eq!(hidden('\r'), Some(Hidden::LineBreak));
        assert_eq!(hidden('\u{7}'), Some(Hidden::Control));
        assert_eq!(hidden('é'), None);
        assert_eq!(hidden('ŵ'), None);
        assert_eq!(describe('\u{202E}'), "U+202E (RIGHT-TO-LEFT OVERRIDE)");
        assert_eq!(
            visible("Referrals\nAgreement-Sign-Off: x"),
            "Referrals[U+000A]Agreement-Sign-Off: x"
        );
        assert_eq!(visible("X\rEND:VEVENT"), "X[U+000D]END:VEVENT");
        assert!(matches!(visible("Siân"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            visible_lines("a\n\tb\rc\u{2066}"),
            "a\n\tb[U+000D]c[U+2066]"
        );
    }
}
