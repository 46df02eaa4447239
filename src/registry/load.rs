//! Reading a whole registry from a [`Source`]: find the files, then read,
//! parse, validate and type each one in parallel. Problems become
//! diagnostics; one bad file never stops the others being read.

use super::codes::{
    COMMENT_IN_VALUE, DUPLICATE_KEY, FILE_UNREADABLE, HIDDEN_CHARACTERS, ID_MISMATCH,
    REGISTRY_LAYOUT, SCHEMA, YAML_ALIAS, YAML_SYNTAX,
};
use super::{comment_in_value, hidden_characters};
use crate::code::Code;
use crate::diagnostic::{Absence, Diagnostic, Location};
use crate::model::{Agreement, Mou, Organisation, Settings};
use crate::registry::{Record, Registry};
use crate::schema::{RecordKind, is_id, validate};
use crate::source::SourceFiles;
use crate::source::document::{Document, Node};
use crate::source::layout::{
    AGREEMENT_FILE, AGREEMENTS_DIR, MOU_FILE, NARRATIVE_FILE, ORGANISATIONS_DIR, SETTINGS_FILE,
};
use crate::source::yaml::{self, ProblemKind};
use crate::source::{Entry, EntryKind, Source, Unreadable, decode};
use rayon::prelude::*;
use serde_json::Value;

/// A registry as read, with what was wrong in its files.
#[derive(Debug)]
pub struct Loaded {
    pub registry: Registry,
    pub files: SourceFiles,
    pub diagnostics: Vec<Diagnostic>,
}

/// A YAML file to read, what it should hold, and (for organisations and
/// agreements) the id its name gives it.
struct Job {
    path: String,
    kind: RecordKind,
    expected_id: Option<String>,
    narrative: Option<String>,
}

/// A file's record. The large ones are boxed as the registry keeps them,
/// so the results of 70,000 files stay small and nothing is copied.
enum Content {
    Settings(Settings),
    Mou(Mou),
    Organisation(Box<Organisation>),
    Agreement(Box<Agreement>),
}

/// What reading one file gave.
struct FileResult {
    path: String,
    kind: RecordKind,
    expected_id: Option<String>,
    /// The `id` written in the file, when it is text.
    written_id: Option<String>,
    /// How many files (the record and its narrative) were read as text.
    read: usize,
    content: Option<Content>,
    diagnostics: Vec<Diagnostic>,
}

/// A file's result as the registry takes it: the ids it may not be
/// referred to by are settled on the thread that read it, so the strings
/// it no longer needs are freed there.
struct Settled {
    path: String,
    kind: RecordKind,
    read: usize,
    content: Option<Content>,
    diagnostics: Vec<Diagnostic>,
    /// Ids of a file that exists but gave no usable record (or whose id
    /// differs from its name): references to them are not reported again.
    unloaded: Vec<String>,
}

impl FileResult {
    fn settle(self) -> Settled {
        let unloaded = match (&self.content, self.expected_id, self.written_id) {
            // A record whose id differs from its file name (`id-mismatch`)
            // is still what references by the file name mean.
            (Some(_), Some(expected), Some(written)) if expected != written => vec![expected],
            (Some(_), _, _) => Vec::new(),
            (None, expected, written) => expected.into_iter().chain(written).collect(),
        };
        Settled {
            path: self.path,
            kind: self.kind,
            read: self.read,
            content: self.content,
            diagnostics: self.diagnostics,
            unloaded,
        }
    }
}

/// Reads the registry. Fails only when its root folder cannot be listed.
pub fn load(source: &dyn Source) -> Result<Loaded, Unreadable> {
    load_with(source, false)
}

/// Reads the registry to match it against git history: each agreement
/// also keeps git's ids of its files as read ([`Agreement::blob_ids`]), so
/// that a sign-off of that very version needs no second parse.
pub fn load_for_history(source: &dyn Source) -> Result<Loaded, Unreadable> {
    load_with(source, true)
}

fn load_with(source: &dyn Source, blob_ids: bool) -> Result<Loaded, Unreadable> {
    let root = source.list("")?;
    let mut diagnostics = Vec::new();
    let top_level = top_level_jobs(&root, &mut diagnostics);
    // Each folder is listed and its files read as one task, so one thread
    // can be reading organisations while another still lists agreements.
    let read_folder = |list: fn(&dyn Source, &mut Vec<Diagnostic>) -> Listing| {
        let mut diagnostics = Vec::new();
        let listing = list(source, &mut diagnostics);
        let results: Vec<Settled> = listing
            .jobs
            .into_par_iter()
            .map(|job| load_file(source, job, blob_ids).settle())
            .collect();
        (results, diagnostics, listing.misplaced)
    };
    let (
        (organisation_results, organisation_problems, misplaced_organisations),
        (agreement_results, agreement_problems, misplaced_agreements),
    ) = rayon::join(
        || read_folder(organisation_jobs),
        || read_folder(agreement_jobs),
    );
    diagnostics.extend(organisation_problems);
    diagnostics.extend(agreement_problems);

    let mut files = SourceFiles::default();
    let mut settings = None;
    let mut settings_file = None;
    let mut mou = None;
    let mut organisations = Vec::with_capacity(organisation_results.len());
    let mut agreements = Vec::with_capacity(agreement_results.len());
    let mut unloaded_organisations = misplaced_organisations;
    let mut unloaded_agreements = misplaced_agreements;
    let top_level_results = top_level
        .into_iter()
        .map(|job| load_file(source, job, blob_ids).settle());
    let results = top_level_results
        .chain(organisation_results)
        .chain(agreement_results);
    for result in results {
        diagnostics.extend(result.diagnostics);
        files.count_read(result.read);
        let file = result.path;
        match result.content {
            Some(Content::Settings(data)) => {
                settings = Some(data);
                settings_file = Some(file);
            }
            Some(Content::Mou(data)) => {
                mou = Some(Record {
                    file,
                    data: Box::new(data),
                })
            }
            Some(Content::Organisation(data)) => {
                unloaded_organisations.extend(result.unloaded);
                organisations.push(Record { file, data });
            }
            Some(Content::Agreement(data)) => {
                unloaded_agreements.extend(result.unloaded);
                agreements.push(Record { file, data });
            }
            None => match result.kind {
                RecordKind::Organisation => unloaded_organisations.extend(result.unloaded),
                RecordKind::Agreement => unloaded_agreements.extend(result.unloaded),
                RecordKind::Settings | RecordKind::Mou => {}
            },
        }
    }
    let mut registry = Registry::new(
        settings.unwrap_or_default(),
        settings_file,
        mou,
        organisations,
        agreements,
    );
    registry
        .unloaded_organisations
        .extend(unloaded_organisations);
    registry.unloaded_agreements.extend(unloaded_agreements);
    Ok(Loaded {
        registry,
        files,
        diagnostics,
    })
}

fn layout(
    file: impl Into<String>,
    message: impl Into<String>,
    help: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(REGISTRY_LAYOUT, file, Location::File, message).with_help(help)
}

fn unreadable(file: &str, why: &Unreadable) -> Diagnostic {
    Diagnostic::new(
        FILE_UNREADABLE,
        file,
        Location::File,
        format!("{file} cannot be read: {why}."),
    )
}

/// Files the registry layout ignores: hidden files and notes for people.
fn is_ignorable(name: &str) -> bool {
    name.starts_with('.') || name.ends_with(".md") || name.ends_with(".txt")
}

/// The files at the top of the registry to read, reporting anything out
/// of place there.
fn top_level_jobs(root: &[Entry], diagnostics: &mut Vec<Diagnostic>) -> Vec<Job> {
    let mut jobs = Vec::new();
    let entry = |name: &str| root.iter().find(|entry| entry.name == name);

    let mut top_level = |name: &'static str,
                         kind: RecordKind,
                         required: bool,
                         diagnostics: &mut Vec<Diagnostic>| {
        // A file under an expected name is always queued, even when it is a
        // folder or a refused link: reading it reports why it cannot be used,
        // and its id still counts as known, so references to it are not
        // reported a second time.
        match entry(name) {
        Some(_) => jobs.push(Job { path: name.into(), kind, expected_id: None, narrative: None }),
        None if required => diagnostics.push(layout(
            name,
            "The registry has no mou.yaml, so no organisation can have signed the current Memorandum of Understanding.",
            "Add mou.yaml at the root of the registry with the MoU's version, date and principles (`isg init` writes one).",
        )),
        None => {}
    }
    };
    top_level(SETTINGS_FILE, RecordKind::Settings, false, diagnostics);
    top_level(MOU_FILE, RecordKind::Mou, true, diagnostics);

    for folder in [ORGANISATIONS_DIR, AGREEMENTS_DIR] {
        if let Some(Entry {
            kind: EntryKind::Refused(why),
            ..
        }) = entry(folder)
        {
            diagnostics.push(unreadable(folder, &Unreadable::Refused(why.clone())));
        }
    }
    jobs
}

/// The files of a folder to read, and the ids of records saved where
/// they are not read (`organisations/x.yml`, `agreements/x.yaml`): each is
/// reported once, where it is, and references to it are not reported
/// again as leading nowhere.
#[derive(Default)]
struct Listing {
    jobs: Vec<Job>,
    misplaced: Vec<String>,
}

/// The id a YAML file named `name` would hold, by its name.
fn record_id(name: &str) -> Option<&str> {
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .filter(|stem| is_id(stem))
}

/// The organisation files to read, reporting anything out of place in
/// `organisations/`.
fn organisation_jobs(source: &dyn Source, diagnostics: &mut Vec<Diagnostic>) -> Listing {
    let mut listing = Listing::default();
    for item in list_or_report(source, ORGANISATIONS_DIR, diagnostics) {
        let path = format!("{ORGANISATIONS_DIR}/{}", item.name);
        match (&item.kind, item.name.strip_suffix(".yaml")) {
            (_, Some(id)) => listing.jobs.push(Job { path, kind: RecordKind::Organisation, expected_id: Some(id.to_owned()), narrative: None }),
            (EntryKind::File, None) if item.name.ends_with(".yml") => {
                listing.misplaced.extend(record_id(&item.name).map(str::to_owned));
                diagnostics.push(layout(
                    &path,
                    format!("{path} ends in .yml, so it is not read as an organisation."),
                    format!("Rename it to {}.yaml.", item.name.trim_end_matches(".yml")),
                ));
            }
            (EntryKind::Folder, None) => diagnostics.push(layout(
                &path,
                format!("{path} is a folder; organisations/ holds only organisation files."),
                "Move the folder out of organisations/, or turn its contents into organisations/<id>.yaml files.",
            )),
            _ => {}
        }
    }
    listing
}

/// The agreement files to read, reporting anything out of place in
/// `agreements/`.
fn agreement_jobs(source: &dyn Source, diagnostics: &mut Vec<Diagnostic>) -> Listing {
    let mut listing = Listing::default();
    for item in list_or_report(source, AGREEMENTS_DIR, diagnostics) {
        let folder = format!("{AGREEMENTS_DIR}/{}", item.name);
        match &item.kind {
            EntryKind::Folder => {}
            EntryKind::Refused(why) => {
                diagnostics.push(unreadable(&folder, &Unreadable::Refused(why.clone())));
                continue;
            }
            EntryKind::File if is_ignorable(&item.name) => continue,
            EntryKind::File => {
                let id = record_id(&item.name);
                listing.misplaced.extend(id.map(str::to_owned));
                diagnostics.push(layout(
                    &folder,
                    format!("{folder} is a file directly in agreements/, so it is not read as an agreement."),
                    format!(
                        "Each agreement has its own folder: move it to agreements/{}/{AGREEMENT_FILE}.",
                        id.unwrap_or("<id>")
                    ),
                ));
                continue;
            }
        }
        // The folder is not listed: reading agreement.yaml and agreement.md
        // directly says the same with fewer system calls, which counts at
        // national scale. A missing agreement.yaml is reported by load_file.
        listing.jobs.push(Job {
            path: format!("{folder}/{AGREEMENT_FILE}"),
            kind: RecordKind::Agreement,
            expected_id: Some(item.name.clone()),
            narrative: Some(format!("{folder}/{NARRATIVE_FILE}")),
        });
    }
    listing
}

fn list_or_report(
    source: &dyn Source,
    folder: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    source.list(folder).unwrap_or_else(|why| {
        diagnostics.push(unreadable(folder, &why));
        Vec::new()
    })
}

/// Reads and decodes a file. A missing `agreement.md` is normal and says
/// nothing; every other failure is a finding.
fn text_or_report(
    path: &str,
    bytes: Result<Vec<u8>, Unreadable>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(Unreadable::Missing) if path.ends_with(NARRATIVE_FILE) => return None,
        Err(why) => {
            diagnostics.push(unreadable(path, &why));
            return None;
        }
    };
    match decode(bytes) {
        Ok(text) => Some(text),
        Err((span, message)) => {
            diagnostics.push(Diagnostic::new(
                FILE_UNREADABLE,
                path,
                Location::Span(span),
                message,
            ));
            None
        }
    }
}

/// The most findings of one rule kept for one file; the rest are counted
/// in one more finding. A hostile or broken file (100,000 repeated keys)
/// must cost a check a fraction of a second, not a screenful per key.
const MAX_FINDINGS_PER_RULE: usize = crate::schema::MAX_PROBLEMS;

fn load_file(source: &dyn Source, job: Job, blob_ids: bool) -> FileResult {
    let mut result = load_file_uncapped(source, job, blob_ids);
    cap_findings(&mut result.diagnostics, &result.path);
    result
}

/// Keeps the first [`MAX_FINDINGS_PER_RULE`] findings of each rule, and
/// says how many more there were. One over the limit is kept as it is:
/// the finding that counts the rest would take its place (`schema` gives
/// its own count in that place).
fn cap_findings(diagnostics: &mut Vec<Diagnostic>, path: &str) {
    if diagnostics.len() <= MAX_FINDINGS_PER_RULE + 1 {
        return;
    }
    let over = |count: usize| count > MAX_FINDINGS_PER_RULE + 1;
    let mut totals: Vec<(Code, usize)> = Vec::new();
    for diagnostic in diagnostics.iter() {
        match totals.iter_mut().find(|(rule, _)| *rule == diagnostic.rule) {
            Some((_, count)) => *count += 1,
            None => totals.push((diagnostic.rule, 1)),
        }
    }
    if !totals.iter().any(|(_, count)| over(*count)) {
        return;
    }
    let mut counts: Vec<(Code, usize)> = Vec::new();
    diagnostics.retain(|diagnostic| {
        let count = match counts.iter_mut().find(|(rule, _)| *rule == diagnostic.rule) {
            Some((_, count)) => count,
            None => {
                counts.push((diagnostic.rule, 0));
                &mut counts.last_mut().expect("just pushed").1
            }
        };
        *count += 1;
        let total = totals
            .iter()
            .find(|(rule, _)| *rule == diagnostic.rule)
            .map_or(0, |(_, total)| *total);
        !over(total) || *count <= MAX_FINDINGS_PER_RULE
    });
    for (rule, count) in counts {
        if over(count) {
            let more = count - MAX_FINDINGS_PER_RULE;
            diagnostics.push(
                Diagnostic::new(
                    rule,
                    path,
                    Location::File,
                    format!(
                        "And {} more `{}` finding{} in this file, not listed one by one: only the first {MAX_FINDINGS_PER_RULE} of each rule are.",
                        crate::text::thousands(more),
                        rule.name,
                        if more == 1 { "" } else { "s" }
                    ),
                )
                .with_help("Put right the findings listed and check again; the same mistake repeated is usually fixed in one go."),
            );
        }
    }
}

fn load_file_uncapped(source: &dyn Source, job: Job, blob_ids: bool) -> FileResult {
    let mut result = FileResult {
        path: job.path,
        kind: job.kind,
        expected_id: job.expected_id,
        written_id: None,
        read: 0,
        content: None,
        diagnostics: Vec::new(),
    };
    let mut narrative_id = None;
    let narrative = job.narrative.and_then(|path| {
        let bytes = source.read(&path);
        narrative_id = bytes
            .as_deref()
            .ok()
            .filter(|_| blob_ids)
            .map(crate::source::git::blob_id);
        let text = text_or_report(&path, bytes, &mut result.diagnostics)?;
        result.read += 1;
        Some(text)
    });
    let bytes = source.read(&result.path);
    let record_id = match (&bytes, job.kind) {
        (Ok(bytes), RecordKind::Agreement) if blob_ids => Some(crate::source::git::blob_id(bytes)),
        _ => None,
    };
    if job.kind == RecordKind::Agreement && bytes == Err(Unreadable::Missing) {
        let folder = result
            .path
            .trim_end_matches(AGREEMENT_FILE)
            .trim_end_matches('/')
            .to_owned();
        result.diagnostics.push(layout(
            folder.as_str(),
            format!(
                "The folder {folder} has no {AGREEMENT_FILE}, so it is not read as an agreement."
            ),
            format!(
                "Add {}, or remove the folder if it is not an agreement.",
                result.path
            ),
        ));
        // Not an agreement at all, so its name is no known agreement id.
        result.expected_id = None;
        return result;
    }
    let Some(text) = text_or_report(&result.path, bytes, &mut result.diagnostics) else {
        return result;
    };
    let parsed = yaml::read(&text);
    result.read += 1;
    for problem in parsed.problems {
        let rule = match problem.kind {
            ProblemKind::Syntax => YAML_SYNTAX,
            ProblemKind::DuplicateKey => DUPLICATE_KEY,
            ProblemKind::Alias => YAML_ALIAS,
        };
        result.diagnostics.push(
            Diagnostic::new(
                rule,
                result.path.as_str(),
                Location::Span(problem.span),
                problem.message,
            )
            .with_optional_help(problem.help),
        );
    }
    let Some(mut document) = parsed.document else {
        return result;
    };
    for cut in comment_in_value::find(&text, &document) {
        result.diagnostics.push(
            Diagnostic::new(
                COMMENT_IN_VALUE,
                result.path.as_str(),
                Location::Span(cut.comment),
                cut.message,
            )
            .with_help(cut.help),
        );
    }
    for found in hidden_characters::find(&document) {
        result.diagnostics.push(
            Diagnostic::new(
                HIDDEN_CHARACTERS,
                result.path.as_str(),
                Location::Value(found.pointer),
                found.message,
            )
            .with_help(found.help),
        );
    }
    if document.root().is_null() {
        if job.kind == RecordKind::Settings {
            document = Document::from_value(&Value::Object(Default::default()));
        } else {
            result.diagnostics.push(
                Diagnostic::new(SCHEMA, result.path.as_str(), Location::File, format!("This file is empty, but it should describe {}.", job.kind.noun()))
                    .with_help(format!("Fill it in, or remove it. `isg new` writes a starting point; `isg schema` writes {} for your editor.", job.kind.schema_file())),
            );
            return result;
        }
    }
    let data = document.root();
    for problem in validate(job.kind, data) {
        let mut diagnostic = Diagnostic::new(
            SCHEMA,
            result.path.as_str(),
            problem.location,
            problem.message,
        )
        .with_optional_help(problem.help);
        if let Some(meant) = problem.misspells {
            diagnostic.absence = Absence::Misspells(meant);
        }
        result.diagnostics.push(diagnostic);
    }
    result.written_id = data.get("id").and_then(|id| id.as_str()).map(str::to_owned);
    if let (Some(expected), Some(written)) = (&result.expected_id, &result.written_id)
        && expected != written
    {
        let (what, place, renamed) = match job.kind {
            RecordKind::Agreement => (
                "folder",
                format!("agreements/{expected}/"),
                format!("agreements/{written}/"),
            ),
            _ => (
                "file",
                result.path.clone(),
                format!("organisations/{written}.yaml"),
            ),
        };
        // Only a name that is an id is offered as one.
        let help = match (is_id(expected), is_id(written)) {
            (true, true) => {
                format!("Change the id to `{expected}`, or rename the {what} to match `{written}`.")
            }
            (false, true) => format!(
                "Rename the {what} to {renamed}: {what} names are ids, in small letters, digits and hyphens."
            ),
            (true, false) => format!("Change the id to `{expected}`."),
            (false, false) => format!(
                "Give the record an id in small letters, digits and hyphens, and name the {what} after it."
            ),
        };
        result.diagnostics.push(
            Diagnostic::new(
                ID_MISMATCH,
                result.path.as_str(),
                Location::Value("/id".into()),
                format!("The id `{written}` does not match the {what} name {place}."),
            )
            .with_help(help),
        );
    }
    // An organisation or agreement whose id is not an id (which `schema`
    // has reported) cannot be referred to, and its id would become a file
    // name when the site is rendered: the record is not kept.
    let has_records_id = matches!(job.kind, RecordKind::Organisation | RecordKind::Agreement);
    if has_records_id && result.written_id.as_deref().is_some_and(|id| !is_id(id)) {
        yaml::recycle(document);
        return result;
    }
    let schema_failed = result.diagnostics.iter().any(|d| d.rule == SCHEMA);
    let content = match job.kind {
        RecordKind::Settings => typed(data, schema_failed).map(Content::Settings),
        RecordKind::Mou => typed(data, schema_failed).map(Content::Mou),
        RecordKind::Organisation => typed(data, schema_failed).map(Content::Organisation),
        RecordKind::Agreement => {
            // The digest is taken from the data as parsed, before typing, so
            // it covers exactly what the file says.
            let digest = crate::model::digest::digest(data, narrative.as_deref());
            let status_span = data.get("status").map(|status| status.span());
            typed::<Box<Agreement>>(data, schema_failed).map(|mut agreement| {
                agreement.status_span = status_span;
                agreement.narrative = narrative;
                agreement.digest = digest;
                agreement.blob_ids = record_id.map(|record| (record, narrative_id));
                Content::Agreement(agreement)
            })
        }
    };
    match content {
        Ok(content) => result.content = Some(content),
        Err(Some(message)) => result.diagnostics.push(Diagnostic::new(
            SCHEMA,
            result.path.as_str(),
            Location::File,
            message,
        )),
        Err(None) => {}
    }
    yaml::recycle(document);
    result
}

/// Builds the typed record. When the schema already reported problems a
/// failure here says nothing new (`Err(None)`); otherwise the schema missed
/// something and the failure is reported as it is.
fn typed<T: serde::de::DeserializeOwned>(
    data: Node<'_>,
    schema_failed: bool,
) -> Result<T, Option<String>> {
    data.deserialize().map_err(|error| {
        (!schema_failed).then(|| format!("This file could not be understood: {error}."))
    })
}
