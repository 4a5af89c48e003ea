//! The conversions behind `quizdesk import gift|aiken` and `quizdesk export gift`, as values:
//! reading the file to convert, converting it, checking the result as a whole bank, and turning
//! what GIFT cannot hold into located diagnostics. The command line (the `import` and
//! `export` commands of the `cli` module) prints them and picks the exit code.

use std::io;
use std::path::{Path, PathBuf};

use super::{Converted, ImportOptions, NoSources, aiken, gift, moodle_xml, sheet};
use crate::bank::{Bank, MAX_FILE_BYTES};
use crate::diag::{Diagnostic, DiagnosticBuilder, Severity};

/// A format quizdesk imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// Moodle GIFT.
    Gift,
    /// Aiken (multiple choice only).
    Aiken,
    /// A spreadsheet: CSV, Excel (`.xlsx`, `.xls`) or OpenDocument (`.ods`), one question per
    /// row.
    Sheet,
    /// Moodle XML (Moodle's question bank export).
    MoodleXml,
}

impl ImportFormat {
    /// The format's name, as summaries print it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Gift => "GIFT",
            Self::Aiken => "Aiken",
            Self::Sheet => "spreadsheet",
            Self::MoodleXml => "Moodle XML",
        }
    }

    /// Converts `text` (read from `path`) into a draft bank and its diagnostics.
    pub fn import(self, path: &Path, text: &str, options: &ImportOptions) -> Converted {
        match self {
            Self::Gift => gift::import(path, text, options),
            Self::Aiken => aiken::import(path, text, options),
            Self::Sheet => sheet::import_text(path, text, options),
            Self::MoodleXml => moodle_xml::import(path, text, options),
        }
    }

    /// Reads `path` and converts it: as UTF-8 text ([`read_text`]) for the text formats, as
    /// bytes for a spreadsheet (a workbook is binary; [`sheet::import`] tells CSV from the
    /// rest).
    pub fn read_and_import(
        self,
        path: &Path,
        options: &ImportOptions,
    ) -> Result<Converted, ReadError> {
        match self {
            Self::Gift | Self::Aiken | Self::MoodleXml => {
                Ok(self.import(path, &read_text(path)?, options))
            }
            Self::Sheet => Ok(sheet::import(path, &read_bytes(path)?, options)),
        }
    }
}

/// The file as bytes, at most [`MAX_FILE_BYTES`] long (only a regular file).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    match crate::files::read::read_capped(path, MAX_FILE_BYTES) {
        Err(e) if e.kind() == io::ErrorKind::FileTooLarge => Err(ReadError::NotText {
            path: path.to_path_buf(),
            problem: format!(
                "the file is larger than the {} MiB limit",
                MAX_FILE_BYTES >> 20
            ),
        }),
        result => result.map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Why a file to convert could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read (or is a folder).
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// The file was read but is not text quizdesk takes (too large, not UTF-8).
    #[error("{}: {problem}", path.display())]
    NotText { path: PathBuf, problem: String },
}

/// The file as text, at most [`MAX_FILE_BYTES`] long and in UTF-8.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_text = |problem| ReadError::NotText {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = match crate::files::read::read_capped(path, MAX_FILE_BYTES) {
        Err(e) if e.kind() == io::ErrorKind::FileTooLarge => {
            return Err(not_text(format!(
                "the file is larger than the {} MiB limit",
                MAX_FILE_BYTES >> 20
            )));
        }
        result => result.map_err(io_error)?,
    };
    String::from_utf8(bytes).map_err(|e| {
        not_text(format!(
            "the file is not UTF-8 text (invalid byte at offset {}); re-save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The first error of `ron` loaded as a whole bank, if it does not load cleanly. Every
/// converted question was checked on its own; this checks the bank too, so that a mistake in a
/// converter is caught at once rather than by the next `quizdesk check`.
pub fn whole_bank_error(ron: &str) -> Option<String> {
    // From bytes, so that the file limits (the size above all) are checked too.
    let report = crate::bank::load_bytes(Path::new("converted.ron"), ron.as_bytes(), &NoSources);
    report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| d.one_line())
}

/// A bank exported as GIFT or Moodle XML, with what was lost located in the bank's file.
#[derive(Debug)]
pub struct ExportReport {
    /// The exported text.
    pub text: String,
    /// The export itself, notes included (for the loss report).
    pub export: super::Export,
    /// A warning for each thing the format does not keep, pointing into the bank's file.
    pub diagnostics: Vec<Diagnostic>,
    /// Questions written (GIFT has no ordering questions: they are left out).
    pub exported: usize,
    /// Questions in the bank.
    pub total: usize,
}

/// Exports `bank` (loaded from `path`, whose text is `text`) as GIFT.
pub fn export_gift(bank: &Bank, path: &Path, text: &str) -> ExportReport {
    located(bank, path, text, gift::export(bank), "not kept in GIFT")
}

/// Exports `bank` (loaded from `path`, whose text is `text`) as Moodle XML.
pub fn export_moodle_xml(bank: &Bank, path: &Path, text: &str) -> ExportReport {
    located(
        bank,
        path,
        text,
        moodle_xml::export(bank),
        "not kept in Moodle",
    )
}

/// An export with each of its notes made a warning at its place in the bank's file.
fn located(
    bank: &Bank,
    path: &Path,
    text: &str,
    export: super::Export,
    label: &str,
) -> ExportReport {
    let spans = crate::bank::spans::SpanMap::scan(text);
    let builder = DiagnosticBuilder::new(path, text);
    let diagnostics = export
        .notes
        .iter()
        .map(|n| {
            let range = spans
                .nearest(&format!("questions[{}].{}", n.question, n.field))
                .map_or(0..0, |(_, s)| s.value.clone());
            builder.at(Severity::Warning, range, &n.message, label, n.hint.clone())
        })
        .collect();
    ExportReport {
        text: export.text.clone(),
        diagnostics,
        exported: export.exported,
        total: bank.questions().len(),
        export,
    }
}
