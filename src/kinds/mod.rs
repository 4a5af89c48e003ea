//! Question kinds: one module per kind, owning everything that is true of it.
//!
//! Each kind's module holds its checked data, its part of the file format (the raw fields and
//! their checks with located diagnostics), grading, the correct answer and a response said for
//! people, the order it is presented in (shuffles, pins), the rows a class's answers are tallied
//! in, what may be shown before the answer is revealed ([`Shown`]) and what after ([`Revealed`]),
//! its worksheet and answer-key blocks, its RON and GIFT writers, and the skeleton the editor
//! inserts.
//!
//! This file is the registry: the enums of kinds, raw answers and responses, and one exhaustive
//! `match` per operation that hands the work to the kind's module. There is no wildcard arm on a
//! kind anywhere, so a new kind is a compile error at every place that must learn about it.
//!
//! The module depends only on the leaves ([`crate::diag`], [`crate::source`], [`crate::text`],
//! [`crate::format`]): the bank, sessions, lessons, handouts and interop all build on it.

pub mod check;
pub mod choice;
pub mod cloze;
pub mod discussion;
pub mod expect;
pub mod matching;
pub mod multiple_select;
pub mod numeric;
pub mod ordering;
pub mod ron;
pub mod short_answer;
pub mod single_choice;
pub mod true_false;

use std::fmt::{self, Write as _};

pub use choice::{Choice, RawChoice};
pub use cloze::{Cloze, Gap, GapAnswer, RawGap, Segment};
pub use discussion::{Discussion, RawRubricPoint, RubricPoint};
pub use expect::{ExpectError, Expectation, ExpectedVerdict};
pub use matching::Matching;
pub use numeric::{Numeric, NumericTarget, format_number, parse_number};
pub use short_answer::{KnownWrong, RawWrong, ShortAnswer};
pub use true_false::TrueFalse;

use crate::diag::findings::Findings;
use crate::source::Citation;
use crate::source::cite::SourceState;

/// The kind of a question with what is needed to present and grade it.
#[derive(Clone, Debug, serde::Serialize)]
pub enum Kind {
    /// Exactly one correct choice, at least two choices.
    SingleChoice(Vec<Choice>),
    /// At least one correct choice, at least two choices. Partial credit, see
    /// [`multiple_select`].
    MultipleSelect(Vec<Choice>),
    TrueFalse(TrueFalse),
    ShortAnswer(ShortAnswer),
    Numeric(Numeric),
    /// Items in their correct order (at least two, all different).
    Ordering(Vec<String>),
    Matching(Matching),
    Discussion(Discussion),
    /// A text with gaps, each a short answer or a drop-down; graded per gap.
    Cloze(Cloze),
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
    Cloze,
}

impl KindName {
    pub const ALL: [KindName; 9] = [
        KindName::SingleChoice,
        KindName::MultipleSelect,
        KindName::TrueFalse,
        KindName::ShortAnswer,
        KindName::Numeric,
        KindName::Ordering,
        KindName::Matching,
        KindName::Discussion,
        KindName::Cloze,
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
            KindName::Cloze => "Cloze",
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
            KindName::Cloze => "fill in the blanks",
        }
    }

    /// The `answer:` value of a correct question of this kind, as the editor inserts it
    /// (indented for a question in a bank's `questions` list); its placeholders are plain enough
    /// to spot.
    pub fn skeleton(self) -> &'static str {
        match self {
            KindName::SingleChoice => single_choice::SKELETON,
            KindName::MultipleSelect => multiple_select::SKELETON,
            KindName::TrueFalse => true_false::SKELETON,
            KindName::ShortAnswer => short_answer::SKELETON,
            KindName::Numeric => numeric::SKELETON,
            KindName::Ordering => ordering::SKELETON,
            KindName::Matching => matching::SKELETON,
            KindName::Discussion => discussion::SKELETON,
            KindName::Cloze => cloze::SKELETON,
        }
    }
}

impl fmt::Display for KindName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The kind of question and everything needed to grade it, exactly as written in a quiz file.
#[derive(Debug, serde::Deserialize)]
#[serde(rename = "Answer", deny_unknown_fields)]
pub enum RawAnswer {
    SingleChoice {
        choices: Vec<RawChoice>,
    },
    MultipleSelect {
        choices: Vec<RawChoice>,
    },
    TrueFalse {
        answer: bool,
        #[serde(default)]
        feedback_true: String,
        #[serde(default)]
        feedback_false: String,
        #[serde(default)]
        misconception: Option<String>,
    },
    ShortAnswer {
        accept: Vec<String>,
        #[serde(default)]
        typos: u8,
        #[serde(default)]
        wrong: Vec<RawWrong>,
        #[serde(default)]
        otherwise: String,
    },
    Numeric {
        #[serde(default)]
        answer: Option<f64>,
        #[serde(default)]
        tolerance: Option<f64>,
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
        #[serde(default)]
        unit: Option<String>,
    },
    Ordering {
        items: Vec<String>,
    },
    Matching {
        pairs: Vec<(String, String)>,
        #[serde(default)]
        distractors: Vec<String>,
    },
    Discussion {
        model_answer: String,
        rubric: Vec<RawRubricPoint>,
        #[serde(default)]
        minutes: Option<u32>,
    },
    Cloze {
        text: String,
        gaps: Vec<RawGap>,
    },
}

/// What a learner answered.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Response {
    /// Single choice: the chosen choice.
    Choice(usize),
    /// Multiple select: the ticked choices.
    Choices(Vec<usize>),
    /// True/false.
    Bool(bool),
    /// Short answer, as typed.
    Text(String),
    /// Numeric, as typed (`1,961`, `24.5 km`).
    Number(String),
    /// Ordering: the items in the learner's order.
    Order(Vec<usize>),
    /// Matching: for each left item, the chosen option (pairs' right sides then distractors).
    Matches(Vec<Option<usize>>),
    /// Discussion: which rubric points the learner ticked for their own answer.
    Rubric(Vec<bool>),
    /// Cloze: for each gap, what was typed or picked (`None` for a gap left empty).
    Gaps(Vec<Option<GapAnswer>>),
}

impl Response {
    /// An answer described from the record alone, when its question is not at hand (choices,
    /// items and options are numbered from 1, as in the bank file).
    pub fn describe_alone(&self) -> String {
        let numbers = |v: &[usize]| {
            v.iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join("; ")
        };
        match self {
            Response::Choice(i) => format!("choice {}", i + 1),
            Response::Choices(v) if v.is_empty() => "(nothing ticked)".into(),
            Response::Choices(v) => format!("choices {}", numbers(v)),
            Response::Bool(b) => if *b { "True" } else { "False" }.into(),
            Response::Text(t) | Response::Number(t) => t.trim().to_owned(),
            Response::Order(v) => format!(
                "items in the order {}",
                v.iter()
                    .map(|i| (i + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
            Response::Matches(v) => format!(
                "options {}",
                v.iter()
                    .map(|o| o.map_or_else(|| "(none)".to_owned(), |o| (o + 1).to_string()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Response::Rubric(v) => {
                let ticked: Vec<usize> = v
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| **t)
                    .map(|(i, _)| i)
                    .collect();
                if ticked.is_empty() {
                    "(no rubric point ticked)".into()
                } else {
                    format!("Ticked: rubric points {}", numbers(&ticked))
                }
            }
            Response::Gaps(g) => format!(
                "gaps {}",
                g.iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let a = match a {
                            None => "(blank)".to_owned(),
                            Some(GapAnswer::Typed(t)) => t.trim().to_owned(),
                            Some(GapAnswer::Picked(p)) => format!("choice {}", p + 1),
                        };
                        format!("({}) {a}", i + 1)
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

/// Why a response cannot be graded (the learner can fix it and try again).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    #[error("this is a {expected} question")]
    WrongKind { expected: KindName },
    #[error("there is no choice {0}")]
    NoSuchChoice(usize),
    #[error("type an answer first")]
    Empty,
    #[error("`{0}` is not a number")]
    NotANumber(String),
    #[error("the order must name every item exactly once")]
    NotAPermutation,
    #[error("expected {expected} entries, got {found}")]
    WrongLength { expected: usize, found: usize },
}

/// What grading a response found, before the question's points, explanation and citation are
/// added (the session's `Outcome`).
#[derive(Clone, Debug, PartialEq)]
pub struct Graded {
    /// 0.0 to 1.0.
    pub score: f64,
    /// Feedback for what was chosen (and for correct answers that were missed).
    pub feedback: Vec<String>,
    /// Misconception tags of the wrong answers chosen.
    pub misconceptions: Vec<String>,
}

impl Graded {
    fn new(score: f64, feedback: Vec<String>, misconceptions: Vec<String>) -> Self {
        Self {
            score,
            feedback,
            misconceptions,
        }
    }

    /// All or nothing.
    fn all_or_nothing(right: bool, feedback: Vec<String>, misconceptions: Vec<String>) -> Self {
        Self::new(if right { 1.0 } else { 0.0 }, feedback, misconceptions)
    }
}

/// One row of a class's tally: a choice, True/False, or right/partly/wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct TallyRow {
    pub label: String,
    /// Whether answering this is right; `None` for "partly right".
    pub correct: Option<bool>,
}

impl TallyRow {
    fn new(label: &str, correct: Option<bool>) -> Self {
        Self {
            label: label.to_owned(),
            correct,
        }
    }

    /// Right / wrong, for answers that are typed.
    fn right_wrong() -> Vec<Self> {
        vec![
            Self::new("Right", Some(true)),
            Self::new("Wrong", Some(false)),
        ]
    }

    /// Right / partly right / wrong, for answers with partial credit.
    fn right_partly_wrong() -> Vec<Self> {
        vec![
            Self::new("Right", Some(true)),
            Self::new("Partly right", None),
            Self::new("Wrong", Some(false)),
        ]
    }
}

/// What of a question may be shown before its answer is revealed: everything a learner needs to
/// answer, nothing that gives the answer away (no correctness, feedback, accepted answers or
/// model answer). Options are in presentation order. A live lesson sends exactly this.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum Shown {
    /// Pick one (`multiple: false`) or tick every one that applies.
    Choices {
        options: Vec<String>,
        multiple: bool,
    },
    TrueFalse,
    /// Type a short answer.
    Text,
    /// Type a number, in `unit` if there is one.
    Number {
        unit: Option<String>,
    },
    /// Put the items in order; they come scrambled.
    Order {
        items: Vec<String>,
    },
    /// Give each left item its partner among the options.
    Matching {
        lefts: Vec<String>,
        options: Vec<String>,
    },
    /// Discuss or write, for about `minutes`; the rubric comes with the model answer.
    Discussion {
        minutes: Option<u32>,
    },
    /// Fill the gaps of a text: the text as segments, and each gap's options in presentation
    /// order (empty for a typed gap).
    Cloze {
        segments: Vec<Segment>,
        gaps: Vec<Vec<String>>,
    },
}

/// What is shown once the answer is revealed, besides the outcome: the correct answer, and
/// which of the shown rows (choices, options) are right.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Revealed {
    pub correct_answer: String,
    /// For choice kinds, per shown option in presentation order; empty for other kinds.
    pub rows_correct: Vec<bool>,
    /// Discussion: the rubric points with their weights, to self-assess against.
    pub rubric: Vec<(String, u32)>,
}

/// A block of a printed worksheet or answer key, format-neutral; the handout module renders it.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(String),
    /// An instruction or aside, in smaller type.
    Note(String),
    List(Vec<String>),
    /// Blank lines to write on.
    Lines(usize),
}

/// A question kind's part of a GIFT file: what the GIFT exporter writes for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GiftAnswer {
    /// The answer block (`{…}`) and the prompt it goes with, or `None` when GIFT cannot hold the
    /// question (it is then written as comments).
    pub body: Option<GiftBody>,
    /// `//` comment lines for what GIFT has no place for (without the `// `).
    pub comments: Vec<String>,
    /// What is lost or changed, by field below the question (`answer.typos`).
    pub notes: Vec<GiftNote>,
}

impl GiftAnswer {
    /// A question GIFT holds as `prompt` and one answer `block`, with what it loses.
    fn block(prompt: impl Into<String>, block: String, notes: Vec<GiftNote>) -> Self {
        Self {
            body: Some(GiftBody::Block {
                prompt: prompt.into(),
                block,
            }),
            notes,
            ..Self::default()
        }
    }
}

/// The question text and answer of a GIFT question.
#[derive(Clone, Debug, PartialEq)]
pub enum GiftBody {
    /// The prompt and one answer block, placed at a `____` blank if the prompt has one.
    Block { prompt: String, block: String },
    /// The whole question text with its answer blocks embedded, already escaped.
    Embedded(String),
}

/// Something lost or changed when writing a question as GIFT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GiftNote {
    pub field: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

/// How GIFT text is written: the GIFT exporter passes its escapers in, so the kinds do
/// not depend on interop.
#[derive(Clone, Copy)]
pub struct GiftText {
    /// Escapes a text, marking it as plain if it starts like a format name (`[html]`).
    pub text: fn(&str) -> String,
    /// Escapes GIFT's special characters only.
    pub escape: fn(&str) -> String,
}

impl GiftText {
    /// `\t####general feedback\n`, or nothing for an empty text.
    fn general(&self, text: &str) -> String {
        if text.is_empty() {
            String::new()
        } else {
            format!("\t####{}\n", (self.text)(text))
        }
    }
}

/// Shuffles presentation orders: the session's seeded generator, passed in so that the kinds
/// do not depend on the session.
pub trait Shuffler {
    fn shuffle(&mut self, items: &mut [usize]);
}

/// A path into the file, formatted only if it is printed: most values are fine, so most paths
/// are never needed.
pub(crate) use check::Lazy;

impl Kind {
    /// What the answer part of the question holds, in a few words each (`4 choices (1 right)`,
    /// `feedback on 3 of 4`), for the loss reports of imports and exports.
    pub fn contents(&self) -> Vec<String> {
        match self {
            Kind::SingleChoice(choices) | Kind::MultipleSelect(choices) => {
                choice::contents(choices)
            }
            Kind::TrueFalse(tf) => true_false::contents(tf),
            Kind::ShortAnswer(sa) => short_answer::contents(sa),
            Kind::Numeric(n) => numeric::contents(n),
            Kind::Ordering(items) => ordering::contents(items),
            Kind::Matching(m) => matching::contents(m),
            Kind::Discussion(d) => discussion::contents(d),
            Kind::Cloze(c) => cloze::contents(c),
        }
    }

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
            Kind::Cloze(_) => KindName::Cloze,
        }
    }

    /// Checks the raw answer at `path` (`questions[3].answer`) and builds the kind, or reports
    /// every problem and returns `None`.
    pub fn check(
        f: &mut Findings,
        path: &dyn fmt::Display,
        raw: RawAnswer,
        source: SourceState<'_>,
    ) -> Option<Kind> {
        match raw {
            RawAnswer::SingleChoice { choices } => single_choice::check(f, path, choices),
            RawAnswer::MultipleSelect { choices } => multiple_select::check(f, path, choices),
            RawAnswer::TrueFalse {
                answer,
                feedback_true,
                feedback_false,
                misconception,
            } => Some(Kind::TrueFalse(TrueFalse {
                answer,
                feedback_true,
                feedback_false,
                misconception,
            })),
            RawAnswer::ShortAnswer {
                accept,
                typos,
                wrong,
                otherwise,
            } => short_answer::check(
                f,
                path,
                short_answer::RawTyped {
                    accept,
                    typos,
                    wrong,
                    otherwise,
                },
            ),
            RawAnswer::Numeric {
                answer,
                tolerance,
                min,
                max,
                unit,
            } => numeric::check(f, path, answer, tolerance, min, max, unit),
            RawAnswer::Ordering { items } => ordering::check(f, path, items),
            RawAnswer::Matching { pairs, distractors } => {
                matching::check(f, path, pairs, distractors)
            }
            RawAnswer::Discussion {
                model_answer,
                rubric,
                minutes,
            } => discussion::check(f, path, model_answer, rubric, minutes, source),
            RawAnswer::Cloze { text, gaps } => cloze::check(f, path, text, gaps),
        }
    }

    /// Grades `response`.
    pub fn grade(&self, response: &Response) -> Result<Graded, ResponseError> {
        let wrong_kind = ResponseError::WrongKind {
            expected: self.name(),
        };
        match (self, response) {
            (Kind::SingleChoice(c), Response::Choice(i)) => single_choice::grade(c, *i),
            (Kind::MultipleSelect(c), Response::Choices(t)) => multiple_select::grade(c, t),
            (Kind::TrueFalse(tf), Response::Bool(b)) => Ok(true_false::grade(tf, *b)),
            (Kind::ShortAnswer(sa), Response::Text(t)) => short_answer::grade(sa, t),
            (Kind::Numeric(n), Response::Number(t)) => numeric::grade(n, t),
            (Kind::Ordering(items), Response::Order(o)) => ordering::grade(items, o),
            (Kind::Matching(m), Response::Matches(c)) => matching::grade(m, c),
            (Kind::Discussion(d), Response::Rubric(t)) => discussion::grade(d, t),
            (Kind::Cloze(c), Response::Gaps(g)) => cloze::grade(c, g),
            (
                Kind::SingleChoice(_)
                | Kind::MultipleSelect(_)
                | Kind::TrueFalse(_)
                | Kind::ShortAnswer(_)
                | Kind::Numeric(_)
                | Kind::Ordering(_)
                | Kind::Matching(_)
                | Kind::Discussion(_)
                | Kind::Cloze(_),
                _,
            ) => Err(wrong_kind),
        }
    }

    /// The response an answer test (`expect: [...]`) describes, or why this kind cannot take it.
    pub fn response_for(&self, e: &Expectation) -> Result<Response, ExpectError> {
        match self {
            Kind::SingleChoice(c) => single_choice::response_for(c, e),
            Kind::MultipleSelect(c) => multiple_select::response_for(c, e),
            Kind::TrueFalse(_) => true_false::response_for(e),
            Kind::ShortAnswer(_) => short_answer::response_for(e),
            Kind::Numeric(_) => numeric::response_for(e),
            Kind::Cloze(c) => cloze::response_for(c, e),
            Kind::Ordering(_) => ordering::response_for(),
            Kind::Matching(_) => matching::response_for(),
            Kind::Discussion(_) => discussion::response_for(),
        }
    }

    /// The correct answer, said for people.
    pub fn correct_answer(&self) -> String {
        match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => choice::correct_answer(c),
            Kind::TrueFalse(tf) => true_false::correct_answer(tf),
            Kind::ShortAnswer(sa) => short_answer::correct_answer(sa),
            Kind::Numeric(n) => numeric::correct_answer(n),
            Kind::Ordering(items) => ordering::correct_answer(items),
            Kind::Matching(m) => matching::correct_answer(m),
            Kind::Discussion(d) => d.model_answer.clone(),
            Kind::Cloze(c) => cloze::correct_answer(c),
        }
    }

    /// What the learner answered, said for people (for the summary and exports).
    pub fn describe(&self, response: &Response) -> String {
        let described = match self {
            Kind::SingleChoice(c) => single_choice::describe(c, response),
            Kind::MultipleSelect(c) => multiple_select::describe(c, response),
            Kind::TrueFalse(_) => true_false::describe(response),
            Kind::ShortAnswer(_) => short_answer::describe(response),
            Kind::Numeric(_) => numeric::describe(response),
            Kind::Ordering(items) => ordering::describe(items, response),
            Kind::Matching(m) => matching::describe(m, response),
            Kind::Discussion(d) => discussion::describe(d, response),
            Kind::Cloze(c) => cloze::describe(c, response),
        };
        described.unwrap_or_else(|| "(answer of another kind)".into())
    }

    /// The presentation order: of the choices (single choice, multiple select), of the items as
    /// first shown (ordering), of the right-hand options (matching), of each drop-down gap's
    /// options one after another (cloze); empty for other kinds.
    pub fn presentation_order(&self, rng: &mut dyn Shuffler, shuffle_choices: bool) -> Vec<usize> {
        match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => {
                choice::presentation_order(c, rng, shuffle_choices)
            }
            Kind::Ordering(items) => ordering::presentation_order(items.len(), rng),
            Kind::Matching(m) => matching::presentation_order(m, rng),
            Kind::Cloze(c) => cloze::presentation_order(c, rng, shuffle_choices),
            Kind::TrueFalse(_) | Kind::ShortAnswer(_) | Kind::Numeric(_) | Kind::Discussion(_) => {
                Vec::new()
            }
        }
    }

    /// The rows a class's answers are counted in, presented in `order`.
    pub fn tally_rows(&self, order: &[usize]) -> Vec<TallyRow> {
        match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => choice::tally_rows(c, order),
            Kind::TrueFalse(tf) => true_false::tally_rows(tf),
            Kind::ShortAnswer(_) | Kind::Numeric(_) => TallyRow::right_wrong(),
            Kind::Ordering(_) | Kind::Matching(_) | Kind::Cloze(_) => {
                TallyRow::right_partly_wrong()
            }
            Kind::Discussion(_) => Vec::new(),
        }
    }

    /// Whether a tally row's share of "right" answers means anything: not when several rows can
    /// be ticked at once (multiple select) or there are no right answers (discussion).
    pub fn tally_has_one_answer(&self) -> bool {
        match self {
            Kind::MultipleSelect(_) | Kind::Discussion(_) => false,
            Kind::SingleChoice(_)
            | Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Cloze(_) => true,
        }
    }

    /// Whether the tally's rows are the options themselves (choices, True/False) rather than
    /// right / partly / wrong.
    pub fn tallies_options(&self) -> bool {
        match self {
            Kind::SingleChoice(_) | Kind::MultipleSelect(_) | Kind::TrueFalse(_) => true,
            Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Discussion(_)
            | Kind::Cloze(_) => false,
        }
    }

    /// What may be shown before the answer is revealed, presented in `order`.
    pub fn shown(&self, order: &[usize]) -> Shown {
        match self {
            Kind::SingleChoice(c) => choice::shown(c, order, false),
            Kind::MultipleSelect(c) => choice::shown(c, order, true),
            Kind::TrueFalse(_) => Shown::TrueFalse,
            Kind::ShortAnswer(_) => Shown::Text,
            Kind::Numeric(n) => Shown::Number {
                unit: n.unit.clone(),
            },
            Kind::Ordering(items) => ordering::shown(items, order),
            Kind::Matching(m) => matching::shown(m, order),
            Kind::Discussion(d) => Shown::Discussion { minutes: d.minutes },
            Kind::Cloze(c) => cloze::shown(c, order),
        }
    }

    /// What is shown once the answer is revealed, presented in `order`.
    pub fn revealed(&self, order: &[usize]) -> Revealed {
        let rows_correct = match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => order
                .iter()
                .filter_map(|&i| c.get(i))
                .map(|c| c.correct)
                .collect(),
            Kind::TrueFalse(tf) => vec![tf.answer, !tf.answer],
            Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Discussion(_)
            | Kind::Cloze(_) => Vec::new(),
        };
        let rubric = match self {
            Kind::Discussion(d) => d
                .rubric
                .iter()
                .map(|r| (r.point.clone(), r.weight))
                .collect(),
            Kind::SingleChoice(_)
            | Kind::MultipleSelect(_)
            | Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Cloze(_) => Vec::new(),
        };
        Revealed {
            correct_answer: self.correct_answer(),
            rows_correct,
            rubric,
        }
    }

    /// The worksheet blocks (what the student fills in), presented in `order`.
    pub fn worksheet(&self, order: &[usize]) -> Vec<Block> {
        match self {
            Kind::SingleChoice(c) => choice::worksheet(c, order),
            Kind::MultipleSelect(c) => {
                let mut blocks = vec![Block::Note("Tick every answer that applies.".into())];
                blocks.extend(choice::worksheet(c, order));
                blocks
            }
            Kind::TrueFalse(_) => vec![Block::List(vec!["☐ True".into(), "☐ False".into()])],
            Kind::ShortAnswer(_) => vec![Block::Lines(1)],
            Kind::Numeric(n) => numeric::worksheet(n),
            Kind::Ordering(items) => ordering::worksheet(items, order),
            Kind::Matching(m) => matching::worksheet(m, order),
            Kind::Discussion(d) => discussion::worksheet(d),
            Kind::Cloze(c) => cloze::worksheet(c, order),
        }
    }

    /// The answer-key blocks, for the worksheet presented in `order`.
    pub fn key(&self, order: &[usize]) -> Vec<Block> {
        match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => choice::key(c, order),
            Kind::Ordering(items) => ordering::key(items, order),
            Kind::Matching(m) => matching::key(m, order),
            Kind::Numeric(n) => numeric::key(n),
            Kind::Discussion(d) => discussion::key(d),
            Kind::Cloze(c) => cloze::key(c, order),
            Kind::TrueFalse(_) | Kind::ShortAnswer(_) => {
                vec![Block::Para(format!("Answer: {}", self.correct_answer()))]
            }
        }
    }

    /// The `answer: …,` field of a bank file, at `indent`.
    pub fn write_ron(&self, out: &mut String, indent: &str) {
        match self {
            Kind::SingleChoice(c) => choice::write_ron(out, "SingleChoice", c, indent),
            Kind::MultipleSelect(c) => choice::write_ron(out, "MultipleSelect", c, indent),
            Kind::TrueFalse(tf) => true_false::write_ron(out, tf, indent),
            Kind::ShortAnswer(sa) => short_answer::write_ron(out, sa, indent),
            Kind::Numeric(n) => numeric::write_ron(out, n, indent),
            Kind::Ordering(items) => ordering::write_ron(out, items, indent),
            Kind::Matching(m) => matching::write_ron(out, m, indent),
            Kind::Discussion(d) => discussion::write_ron(out, d, indent),
            Kind::Cloze(c) => cloze::write_ron(out, c, indent),
        }
    }

    /// The question's GIFT form (`prompt` and `explanation` are the question's).
    pub fn gift(&self, id: &str, prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
        match self {
            Kind::SingleChoice(c) => single_choice::gift(c, prompt, explanation, g),
            Kind::MultipleSelect(c) => multiple_select::gift(c, prompt, explanation, g),
            Kind::TrueFalse(tf) => true_false::gift(tf, prompt, explanation, g),
            Kind::ShortAnswer(sa) => short_answer::gift(sa, prompt, explanation, g),
            Kind::Numeric(n) => numeric::gift(n, prompt, explanation, g),
            Kind::Ordering(items) => ordering::gift(items, id, prompt),
            Kind::Matching(m) => matching::gift(m, prompt, explanation, g),
            Kind::Discussion(d) => discussion::gift(d, prompt, explanation, g),
            Kind::Cloze(c) => cloze::gift(c, prompt, explanation, g),
        }
    }

    /// The choices, for the lints that look at choices (answer position, distractor length).
    pub fn choices(&self) -> Option<&[Choice]> {
        match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => Some(c),
            Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Discussion(_)
            | Kind::Cloze(_) => None,
        }
    }

    /// Wrong answers a learner can give that have no feedback: each as a path below the
    /// question's `answer` (`.choices[2]`, or `""` for the answer itself) and what it is.
    pub fn wrong_answers_without_feedback(&self) -> Vec<(String, String)> {
        match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => choice::wrong_without_feedback(c),
            Kind::TrueFalse(tf) => true_false::wrong_without_feedback(tf),
            Kind::ShortAnswer(sa) => short_answer::wrong_without_feedback(sa),
            Kind::Cloze(c) => cloze::wrong_without_feedback(c),
            Kind::Numeric(_) | Kind::Ordering(_) | Kind::Matching(_) | Kind::Discussion(_) => {
                Vec::new()
            }
        }
    }

    /// Citations inside the answer (a discussion's rubric points), besides the question's own.
    pub fn citations(&self) -> Vec<&Citation> {
        match self {
            Kind::Discussion(d) => d
                .rubric
                .iter()
                .filter_map(|p| p.citation.as_ref())
                .collect(),
            Kind::SingleChoice(_)
            | Kind::MultipleSelect(_)
            | Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Cloze(_) => Vec::new(),
        }
    }

    /// Suggested minutes, for kinds that have them (discussion).
    pub fn minutes(&self) -> Option<u32> {
        match self {
            Kind::Discussion(d) => d.minutes,
            Kind::SingleChoice(_)
            | Kind::MultipleSelect(_)
            | Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Cloze(_) => None,
        }
    }

    /// The rubric points a discussion's model answer is read out with, one stage each.
    pub fn rubric_points(&self) -> Option<&[RubricPoint]> {
        match self {
            Kind::Discussion(d) => Some(&d.rubric),
            Kind::SingleChoice(_)
            | Kind::MultipleSelect(_)
            | Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Cloze(_) => None,
        }
    }

    /// Self-assessed against a rubric rather than graded against a key (discussion).
    pub fn is_self_assessed(&self) -> bool {
        match self {
            Kind::Discussion(_) => true,
            Kind::SingleChoice(_)
            | Kind::MultipleSelect(_)
            | Kind::TrueFalse(_)
            | Kind::ShortAnswer(_)
            | Kind::Numeric(_)
            | Kind::Ordering(_)
            | Kind::Matching(_)
            | Kind::Cloze(_) => false,
        }
    }

    /// Appends what this kind asks and accepts to a question's canonical form (the
    /// identity that survives cosmetic edits: `progress::identity`). Feedback,
    /// misconceptions, pins and citations are not part of it.
    pub fn canonical(&self, form: &mut Form) {
        match self {
            Kind::SingleChoice(c) | Kind::MultipleSelect(c) => choice::canonical(form, c),
            Kind::TrueFalse(tf) => true_false::canonical(form, tf),
            Kind::ShortAnswer(sa) => short_answer::canonical(form, sa),
            Kind::Numeric(n) => numeric::canonical(form, n),
            Kind::Ordering(items) => ordering::canonical(form, items),
            Kind::Matching(m) => matching::canonical(form, m),
            Kind::Discussion(d) => discussion::canonical(form, d),
            Kind::Cloze(c) => cloze::canonical(form, c),
        }
    }
}

/// A question's canonical form being written (see `progress::identity`): netstring
/// fields `<length in bytes>:<text>,`, so no text can be mistaken for a field boundary.
#[derive(Default)]
pub struct Form(pub String);

impl Form {
    pub fn text(&mut self, text: &str) {
        let _ = write!(self.0, "{}:{text},", text.len());
    }

    pub fn flag(&mut self, value: bool) {
        self.text(if value { "true" } else { "false" });
    }

    pub fn count(&mut self, n: usize) {
        self.text(&n.to_string());
    }

    /// A number by its bits (so `24` and `24.0` are one number), `-0` as `0`.
    pub fn number(&mut self, value: f64) {
        let value = if value == 0.0 { 0.0 } else { value };
        self.text(&format!("{:016x}", value.to_bits()));
    }

    pub fn optional(&mut self, text: Option<&str>) {
        self.flag(text.is_some());
        if let Some(text) = text {
            self.text(text);
        }
    }

    pub fn texts<'a>(&mut self, texts: impl ExactSizeIterator<Item = &'a str>) {
        self.count(texts.len());
        for text in texts {
            self.text(text);
        }
    }
}
