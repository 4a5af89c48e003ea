//! The checked form of a quiz bank.
//!
//! A [`Bank`] can only be made by the loader ([`super::load`]), which validates everything, so
//! code that holds a `&Bank` can rely on its invariants: ids are unique, a single-choice question
//! has exactly one correct choice, a numeric range is ordered, every citation was found verbatim in
//! the source, and so on. The parts are plain data with public fields for easy reading.

use std::fmt;

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

/// A pointer into the source: a 1-based paragraph number and a quote found verbatim in it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    pub paragraph: usize,
    pub quote: String,
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

/// The kind of a question with what is needed to present and grade it.
#[derive(Clone, Debug, serde::Serialize)]
pub enum Kind {
    /// Exactly one correct choice, at least two choices.
    SingleChoice(Vec<Choice>),
    /// At least one correct choice, at least two choices. Partial credit, see
    /// `session::grade`.
    MultipleSelect(Vec<Choice>),
    TrueFalse(TrueFalse),
    ShortAnswer(ShortAnswer),
    Numeric(Numeric),
    /// Items in their correct order (at least two, all different).
    Ordering(Vec<String>),
    Matching(Matching),
    Discussion(Discussion),
}

impl Kind {
    pub fn name(&self) -> KindName {
        match self {
            Kind::SingleChoice(_) => KindName::SingleChoice,
            Kind::MultipleSelect(_) => KindName::MultipleSelect,
            Kind::TrueFalse(_) => KindName::TrueFalse,
            Kind::ShortAnswer(_) => KindName::ShortAnswer,
            Kind::Numeric(_) => KindName::Numeric,
            Kind::Ordering(_) => KindName::Ordering,
            Kind::Matching(_) => KindName::Matching,
            Kind::Discussion(_) => KindName::Discussion,
        }
    }
}

/// The name of a question kind, for filters and listings.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum KindName {
    SingleChoice,
    MultipleSelect,
    TrueFalse,
    ShortAnswer,
    Numeric,
    Ordering,
    Matching,
    Discussion,
}

impl KindName {
    pub const ALL: [KindName; 8] = [
        KindName::SingleChoice,
        KindName::MultipleSelect,
        KindName::TrueFalse,
        KindName::ShortAnswer,
        KindName::Numeric,
        KindName::Ordering,
        KindName::Matching,
        KindName::Discussion,
    ];

    /// The name as written in quiz files (`SingleChoice`).
    pub fn as_str(self) -> &'static str {
        match self {
            KindName::SingleChoice => "SingleChoice",
            KindName::MultipleSelect => "MultipleSelect",
            KindName::TrueFalse => "TrueFalse",
            KindName::ShortAnswer => "ShortAnswer",
            KindName::Numeric => "Numeric",
            KindName::Ordering => "Ordering",
            KindName::Matching => "Matching",
            KindName::Discussion => "Discussion",
        }
    }

    /// A label for people ("single choice").
    pub fn label(self) -> &'static str {
        match self {
            KindName::SingleChoice => "single choice",
            KindName::MultipleSelect => "multiple select",
            KindName::TrueFalse => "true/false",
            KindName::ShortAnswer => "short answer",
            KindName::Numeric => "numeric",
            KindName::Ordering => "ordering",
            KindName::Matching => "matching",
            KindName::Discussion => "discussion",
        }
    }
}

impl fmt::Display for KindName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    /// Why this choice is right or wrong.
    pub feedback: String,
    /// A tag naming the confusion this distractor captures.
    pub misconception: Option<String>,
    /// Keeps its position when choices are shuffled.
    pub pinned: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct TrueFalse {
    pub answer: bool,
    /// Shown when the learner answers "true".
    pub feedback_true: String,
    /// Shown when the learner answers "false".
    pub feedback_false: String,
    /// The confusion behind the wrong answer.
    pub misconception: Option<String>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ShortAnswer {
    /// Accepted answers, as written (the first is the one shown as "the" answer).
    pub accept: Vec<String>,
    /// Edits (insert, delete, substitute, swap) forgiven per answer; 0 to 2.
    pub typos: u8,
    /// Known wrong answers with their own feedback.
    pub wrong: Vec<KnownWrong>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct KnownWrong {
    pub text: String,
    pub feedback: String,
    pub misconception: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum NumericTarget {
    /// Within `tolerance` (≥ 0) of `value`.
    Near { value: f64, tolerance: f64 },
    /// Between `min` and `max` inclusive, `min ≤ max`.
    Range { min: f64, max: f64 },
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Numeric {
    pub target: NumericTarget,
    pub unit: Option<String>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Matching {
    /// (left, right) pairs; lefts distinct, rights distinct, at least two.
    pub pairs: Vec<(String, String)>,
    /// Extra right-hand options that match nothing.
    pub distractors: Vec<String>,
}

impl Matching {
    /// All right-hand options: the pairs' right sides, then the distractors.
    pub fn options(&self) -> impl Iterator<Item = &str> {
        self.pairs
            .iter()
            .map(|(_, r)| r.as_str())
            .chain(self.distractors.iter().map(String::as_str))
    }

    pub fn option_count(&self) -> usize {
        self.pairs.len() + self.distractors.len()
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Discussion {
    pub model_answer: String,
    /// At least one point; every weight ≥ 1.
    pub rubric: Vec<RubricPoint>,
    pub minutes: Option<u32>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct RubricPoint {
    pub point: String,
    pub weight: u32,
    pub citation: Option<Citation>,
}
