//! Agreements as PDF, made in-process with Typst: embedded fonts, selectable
//! text, PDF/A-2b, and the commit's time as the document's timestamp, so
//! the same commit always gives the same bytes.
//!
//! The template (`templates/agreement.typ`) reads the agreement from a JSON
//! file in a virtual file system holding only that file, so what an
//! agreement says is data to Typst, never markup, and a template cannot
//! read anything else.

use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

const TEMPLATE: &str = include_str!("templates/agreement.typ");

/// Compilations a memoised result survives without being used.
const EVICT_AFTER: usize = 4;

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// The fonts shipped inside the binary, loaded once.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let (fonts, infos): (Vec<Font>, Vec<_>) = typst_kit::fonts::embedded().unzip();
        Fonts {
            book: LazyHash::new(FontBook::from_infos(infos)),
            fonts,
        }
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

fn file_id(path: &str) -> FileId {
    #[allow(clippy::expect_used)] // fixed, valid paths
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    )
    .intern()
}

struct Document {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

impl World for Document {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Writes each character of the data's text that no embedded font can show
/// as its code point in brackets (`[U+1F600]`), and drops invisible
/// formatting characters the fonts lack (zero-width spaces and joiners,
/// variation selectors). PDF/A refuses a document with a character it
/// cannot display, and an emoji pasted into a field must not cost the
/// agreement its PDF; the site's pages show the characters themselves.
fn printable(data: &mut serde_json::Value) {
    use serde_json::Value;
    match data {
        Value::String(text) if !text.chars().all(shown) => {
            let mut written = String::with_capacity(text.len());
            for character in text.chars() {
                if shown(character) {
                    written.push(character);
                } else if !invisible(character) {
                    written.push_str(&format!("[U+{:04X}]", u32::from(character)));
                }
            }
            *text = written;
        }
        Value::Array(items) => items.iter_mut().for_each(printable),
        Value::Object(members) => members.values_mut().for_each(printable),
        _ => {}
    }
}

/// Whether the embedded fonts can show a character (white space and line
/// breaks need no glyph).
fn shown(character: char) -> bool {
    character.is_ascii()
        || character.is_whitespace()
        || fonts()
            .fonts
            .iter()
            .any(|font| font.info().coverage.contains(u32::from(character)))
}

/// Formatting characters that have no look of their own.
fn invisible(character: char) -> bool {
    matches!(character,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// The PDF of one agreement, from the data the agreement page is built from
/// (as JSON), dated `time` (seconds since 1970, UTC).
pub fn agreement_pdf(
    mut data: serde_json::Value,
    ident: &str,
    time: i64,
) -> Result<Vec<u8>, String> {
    printable(&mut data);
    let date = crate::date::Date::from_unix_seconds(time);
    let (year, month, day) = date.ymd();
    let seconds = time.rem_euclid(86_400);
    let datetime = Datetime::from_ymd_hms(
        year,
        month as u8,
        day as u8,
        (seconds / 3600) as u8,
        (seconds / 60 % 60) as u8,
        (seconds % 60) as u8,
    )
    .ok_or("the commit time is not a valid date")?;
    let document = Document {
        main: Source::new(file_id("agreement.typ"), TEMPLATE.to_owned()),
        data_id: file_id("agreement.json"),
        data: Bytes::new(serde_json::to_vec(&data).map_err(|e| e.to_string())?),
        today: Datetime::from_ymd(year, month as u8, day as u8).ok_or("invalid date")?,
    };
    let paged: PagedDocument = typst::compile(&document).output.map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    // Typst memoises across compilations; in a run of thousands of
    // documents the cache grows without bound (13 GiB for a regional
    // registry), so drop what has not been used recently, as its CLI does.
    typst::comemo::evict(EVICT_AFTER);
    let standards = PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| e.message().to_string())?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp: Some(Timestamp::new_utc(datetime)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&paged, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })
}
