//! Grading: a response to a question becomes an [`Outcome`] with a score, the correct answer,
//! feedback for what was chosen, the explanation and the citation.
//!
//! The rules (also in `quizzes/FORMAT.md`):
//! - single choice, true/false, short answer, numeric: all or nothing;
//! - multiple select: each correct choice ticked earns `1/k` (k = number of correct choices), each
//!   wrong choice ticked costs `1/k`, and the score never goes below 0;
//! - ordering: the share of item pairs in the right relative order (so one item out of place
//!   costs little, a reversed list scores 0);
//! - matching: the share of left items given their right partner;
//! - discussion: the weight of the rubric points the learner ticks, over the total weight;
//! - cloze: the share of gaps filled right.
//!
//! Responses name choices, items and options by their index in the bank, not on screen. What is
//! true of each kind (its grading rule, its correct answer) lives in [`crate::kinds`]; this module
//! adds what is true of every question: points, explanation and citation.

use crate::bank::{Citation, Question};
pub use crate::kinds::{Response, ResponseError, format_number, parse_number};

/// Correct, partly correct, wrong or skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Verdict {
    Correct,
    Partial,
    Wrong,
    Skipped,
}

/// A graded answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// 0.0 to 1.0.
    pub score: f64,
    /// `score × max_points`.
    pub points: f64,
    pub max_points: u32,
    pub verdict: Verdict,
    /// The correct answer, said for people.
    pub correct_answer: String,
    /// Feedback for what was chosen (and for correct choices that were missed).
    pub feedback: Vec<String>,
    /// Misconception tags of the wrong answers chosen.
    pub misconceptions: Vec<String>,
    pub explanation: String,
    pub citation: Option<Citation>,
}

impl Outcome {
    fn new(q: &Question, score: f64, feedback: Vec<String>, misconceptions: Vec<String>) -> Self {
        let score = score.clamp(0.0, 1.0);
        let verdict = if score >= 1.0 - 1e-9 {
            Verdict::Correct
        } else if score > 1e-9 {
            Verdict::Partial
        } else {
            Verdict::Wrong
        };
        Self {
            score,
            points: score * f64::from(q.points),
            max_points: q.points,
            verdict,
            correct_answer: correct_answer(q),
            feedback: feedback
                .into_iter()
                .filter(|f| !f.trim().is_empty())
                .collect(),
            misconceptions,
            explanation: q.explanation.clone(),
            citation: q.citation.clone(),
        }
    }

    /// The outcome of a question that was not answered.
    pub fn skipped(q: &Question) -> Self {
        Self {
            verdict: Verdict::Skipped,
            ..Self::new(q, 0.0, Vec::new(), Vec::new())
        }
    }
}

/// Grades `response` to `q`.
pub fn grade(q: &Question, response: &Response) -> Result<Outcome, ResponseError> {
    let graded = q.kind.grade(response)?;
    Ok(Outcome::new(
        q,
        graded.score,
        graded.feedback,
        graded.misconceptions,
    ))
}

/// The correct answer of `q`, said for people.
pub fn correct_answer(q: &Question) -> String {
    q.kind.correct_answer()
}

/// What the learner answered, said for people (for the summary and exports).
pub fn describe_response(q: &Question, response: &Response) -> String {
    q.kind.describe(response)
}
