//! Moving questions between quizdesk and learning management systems: Moodle GIFT files are
//! imported ([`gift::import`]) and exported ([`gift::export`]), Aiken files imported
//! ([`aiken::import`]), Moodle XML files imported and exported ([`moodle_xml`]).
//!
//! An import produces a [`Converted`]: a [`DraftBank`] of ordinary [`Question`]s, with a note on
//! each question for whatever could not be carried over, and [`Diagnostic`]s that point into the
//! imported file (rendered like `quizdesk check`'s). [`ron_writer`] writes the draft as a
//! readable, commented bank in the documented format; every question is checked with the
//! crate's own loader before it is kept, so an imported bank loads with no errors. What maps and
//! what is lost is documented in `quizzes/FORMAT.md`, "Importing and exporting".

pub mod aiken;
pub mod convert;
pub mod gift;
pub mod moodle_xml;
pub mod report;
pub mod ron_writer;
pub mod sheet;
pub mod sheet_read;
pub mod text;

use std::path::{Path, PathBuf};

use crate::bank::{Question, SourceError, SourceResolver};
use crate::diag::Diagnostic;

/// A bank being built from another format.
#[derive(Clone, Debug, Default)]
pub struct DraftBank {
    pub id: String,
    pub title: String,
    /// Sections in order of first use.
    pub sections: Vec<String>,
    pub questions: Vec<Draft>,
    /// Comment lines written at the top of the bank file.
    pub header: Vec<String>,
}

/// One converted question, with where it came from and what was lost.
#[derive(Clone, Debug)]
pub struct Draft {
    pub question: Question,
    /// Where it came from, such as `quiz.gift:12`; written as a comment.
    pub origin: Option<String>,
    /// What could not be carried over; written as comments above the question.
    pub notes: Vec<String>,
}

/// The result of an import: the bank (possibly empty) and every diagnostic about the input.
#[derive(Debug)]
pub struct Converted {
    /// The imported file, as named in diagnostics.
    pub path: PathBuf,
    /// Its text, for rendering diagnostics.
    pub text: String,
    pub bank: DraftBank,
    pub diagnostics: Vec<Diagnostic>,
}

impl Converted {
    pub fn error_count(&self) -> usize {
        crate::diag::count(&self.diagnostics).0
    }

    pub fn warning_count(&self) -> usize {
        crate::diag::count(&self.diagnostics).1
    }

    /// The bank as RON text, in the documented format.
    pub fn to_ron(&self) -> String {
        ron_writer::bank(&self.bank)
    }

    /// The diagnostics rendered with source lines and carets, as `quizdesk check` prints them.
    pub fn render(&self) -> String {
        crate::diag::render(&self.path, &self.text, &self.diagnostics)
    }
}

/// The id and title of an imported bank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    pub id: String,
    pub title: String,
    /// The sheet of a workbook to read (spreadsheets only; default: the first).
    pub sheet: Option<String>,
}

impl ImportOptions {
    /// Named after the file: `Chapter 3.gift` gives the id `chapter-3` and the title
    /// `Chapter 3`.
    pub fn for_path(path: &Path) -> Self {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = text::id_from_title(&stem).unwrap_or_else(|| "imported".to_owned());
        let title = if stem.trim().is_empty() {
            "Imported questions".to_owned()
        } else {
            stem.trim().to_owned()
        };
        Self {
            id,
            title,
            sheet: None,
        }
    }
}

/// A bank written in another format (GIFT, Moodle XML), with what could not be carried over.
#[derive(Clone, Debug, Default)]
pub struct Export {
    pub text: String,
    pub notes: Vec<ExportNote>,
    /// How many questions were written as questions of the format (the rest only as comments,
    /// each with an [`ExportNote`] saying why).
    pub exported: usize,
}

/// Something lost or changed when exporting a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportNote {
    /// The index of the question in the bank.
    pub question: usize,
    /// Where in the question, as a path below it (`answer`, `answer.pairs`).
    pub field: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

/// Sources for banks that have none (imported banks never cite).
struct NoSources;

impl SourceResolver for NoSources {
    fn read(&self, file: &str) -> Result<String, SourceError> {
        Err(SourceError::NotFound(file.into()))
    }
}

/// Checks one converted question with the crate's own loader, as the only question of a bank:
/// the first error's message if it would not load.
pub(crate) fn load_error(question: &Question) -> Option<(String, Option<String>)> {
    let draft = DraftBank {
        id: "check".into(),
        title: "check".into(),
        sections: Vec::new(),
        questions: vec![Draft {
            question: question.clone(),
            origin: None,
            notes: Vec::new(),
        }],
        header: Vec::new(),
    };
    let text = ron_writer::bank(&draft);
    let report = crate::bank::load_str(Path::new("check.ron"), &text, &NoSources);
    report
        .diagnostics
        .into_iter()
        .find(Diagnostic::is_error)
        .map(|d| (d.message, d.hint))
}

/// A question with the defaults of the format for everything GIFT and Aiken do not have.
pub(crate) fn plain_question(id: String, prompt: String, kind: crate::bank::Kind) -> Question {
    Question {
        id,
        prompt,
        section: None,
        tags: Vec::new(),
        difficulty: crate::bank::Difficulty::Medium,
        points: 1,
        hint: None,
        explanation: String::new(),
        citation: None,
        kind,
    }
}
