//! The checked form of a quiz bank.
//!
//! A [`Bank`] can only be made by the loader ([`super::load`]), which validates everything, so
//! code that holds a `&Bank` can rely on its invariants: ids are unique, a single-choice question
//! has exactly one correct choice, a numeric range is ordered, every citation was found verbatim in
//! the source, and so on. The parts are plain data with public fields for easy reading.

use std::fmt;

pub use crate::kinds::{
    Choice, Cloze, Discussion, Gap, GapAnswer, Kind, KindName, KnownWrong, Matching, Numeric,
    NumericTarget, RubricPoint, Segment, ShortAnswer, TrueFalse,
};
pub use crate::source::Citation;
use crate::source::SourceText;

/// A validated quiz bank.
#[derive(Clone, Debug)]
pub struct Bank {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) authors: Vec<String>,
    pub(crate) language: Option<String>,
    pub(crate) source: Option<Source>,
    pub(crate) sections: Vec<String>,
    pub(crate) questions: Vec<Question>,
    /// Indices of `questions` sorted by id, for lookup by id (ids are unique).
    pub(crate) by_id: Vec<u32>,
    /// Lints the bank silences (`allow: [...]`).
    pub(crate) allowed: Vec<super::lint::Lint>,
    /// Per question, the indices of the questions kept apart from it (`apart_from`, made
    /// symmetric, sorted, without repeats); empty when no question has `apart_from`.
    pub(crate) apart: Vec<Vec<u32>>,
}

impl Bank {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    pub fn authors(&self) -> &[String] {
        &self.authors
    }
    /// BCP 47 language tag, such as `en`, if the author gave one.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }
    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }
    /// Every section, in the order the bank declares them, then any others in order of first use.
    pub fn sections(&self) -> &[String] {
        &self.sections
    }
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index(id).and_then(|i| self.questions.get(i))
    }

    /// The index of question `id` in [`Bank::questions`].
    pub fn question_index(&self, id: &str) -> Option<usize> {
        let questions = &self.questions;
        let at = self
            .by_id
            .binary_search_by(|&i| {
                questions
                    .get(i as usize)
                    .map_or("", |q| q.id.as_str())
                    .cmp(id)
            })
            .ok()?;
        self.by_id.get(at).map(|&i| i as usize)
    }
    /// The indices of the questions never asked in one session with question `index`
    /// (`apart_from`, in either direction), sorted.
    pub fn apart_from(&self, index: usize) -> &[u32] {
        self.apart.get(index).map_or(&[], Vec::as_slice)
    }

    /// Whether any question is kept apart from another.
    pub fn has_apart(&self) -> bool {
        !self.apart.is_empty()
    }

    /// Whether questions `a` and `b` are kept apart.
    pub fn are_apart(&self, a: usize, b: usize) -> bool {
        u32::try_from(b).is_ok_and(|b| self.apart_from(a).binary_search(&b).is_ok())
    }

    /// The lints this bank silences.
    pub fn allowed_lints(&self) -> &[super::lint::Lint] {
        &self.allowed
    }
    /// The question kinds that occur in the bank, in [`KindName::ALL`] order.
    pub fn kinds(&self) -> Vec<KindName> {
        KindName::ALL
            .into_iter()
            .filter(|k| self.questions.iter().any(|q| q.kind.name() == *k))
            .collect()
    }
}

/// The text a bank's questions are about.
#[derive(Clone, Debug)]
pub struct Source {
    pub title: String,
    /// The path as written in the bank, relative to the bank file.
    pub file: String,
    pub date: Option<String>,
    pub attribution: Option<String>,
    pub text: SourceText,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        })
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub difficulty: Difficulty,
    /// Points for a fully correct answer, at least 1.
    pub points: u32,
    pub hint: Option<String>,
    /// Why the answer is what it is; may be empty (the check warns).
    pub explanation: String,
    pub citation: Option<Citation>,
    pub kind: Kind,
}
