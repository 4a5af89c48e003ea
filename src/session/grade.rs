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
//! - discussion: the weight of the rubric points the learner ticks, over the total weight.
//!
//! Responses name choices, items and options by their index in the bank, not on screen.

use crate::bank::{Citation, Kind, KindName, NumericTarget, Question};
use crate::text::{fold, matches_with_typos};

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
    let wrong_kind = || ResponseError::WrongKind {
        expected: q.kind.name(),
    };
    match (&q.kind, response) {
        (Kind::SingleChoice(choices), Response::Choice(i)) => {
            let c = choices.get(*i).ok_or(ResponseError::NoSuchChoice(*i))?;
            let score = if c.correct { 1.0 } else { 0.0 };
            let misconceptions = c
                .misconception
                .iter()
                .filter(|_| !c.correct)
                .cloned()
                .collect();
            Ok(Outcome::new(
                q,
                score,
                vec![c.feedback.clone()],
                misconceptions,
            ))
        }
        (Kind::MultipleSelect(choices), Response::Choices(ticked)) => {
            let mut ticked = ticked.clone();
            ticked.sort_unstable();
            ticked.dedup();
            if let Some(&bad) = ticked.iter().find(|&&i| i >= choices.len()) {
                return Err(ResponseError::NoSuchChoice(bad));
            }
            let k = choices.iter().filter(|c| c.correct).count().max(1) as f64;
            let right = ticked.iter().filter(|&&i| choices[i].correct).count() as f64;
            let wrong = ticked.len() as f64 - right;
            let score = ((right - wrong) / k).max(0.0);
            let mut feedback: Vec<String> = ticked
                .iter()
                .map(|&i| choices[i].feedback.clone())
                .collect();
            feedback.extend(
                choices
                    .iter()
                    .enumerate()
                    .filter(|(i, c)| c.correct && !ticked.contains(i))
                    .map(|(_, c)| {
                        format!("Missed: {}. {}", c.text, c.feedback)
                            .trim_end()
                            .to_owned()
                    }),
            );
            let misconceptions = ticked
                .iter()
                .filter(|&&i| !choices[i].correct)
                .filter_map(|&i| choices[i].misconception.clone())
                .collect();
            Ok(Outcome::new(q, score, feedback, misconceptions))
        }
        (Kind::TrueFalse(tf), Response::Bool(b)) => {
            let feedback = if *b {
                &tf.feedback_true
            } else {
                &tf.feedback_false
            };
            let right = *b == tf.answer;
            let misconceptions = tf
                .misconception
                .iter()
                .filter(|_| !right)
                .cloned()
                .collect();
            Ok(Outcome::new(
                q,
                if right { 1.0 } else { 0.0 },
                vec![feedback.clone()],
                misconceptions,
            ))
        }
        (Kind::ShortAnswer(sa), Response::Text(given)) => {
            if fold(given).is_empty() {
                return Err(ResponseError::Empty);
            }
            if sa.accept.iter().any(|a| fold(a) == fold(given)) {
                return Ok(Outcome::new(q, 1.0, Vec::new(), Vec::new()));
            }
            // A known wrong answer wins over typo tolerance: "Seoul" is not a typo of anything.
            if let Some(w) = sa.wrong.iter().find(|w| fold(&w.text) == fold(given)) {
                return Ok(Outcome::new(
                    q,
                    0.0,
                    vec![w.feedback.clone()],
                    w.misconception.iter().cloned().collect(),
                ));
            }
            if let Some(a) = sa
                .accept
                .iter()
                .find(|a| matches_with_typos(given, a, sa.typos))
            {
                let note = format!("Accepted despite a typo: it is spelt \u{201c}{a}\u{201d}.");
                return Ok(Outcome::new(q, 1.0, vec![note], Vec::new()));
            }
            Ok(Outcome::new(q, 0.0, Vec::new(), Vec::new()))
        }
        (Kind::Numeric(n), Response::Number(typed)) => {
            let value = parse_number(typed, n.unit.as_deref())?;
            let (right, feedback) = match n.target {
                NumericTarget::Near {
                    value: target,
                    tolerance,
                } => {
                    let slack = tolerance.max(1e-9 * target.abs().max(1.0));
                    let right = (value - target).abs() <= slack;
                    (right, direction(value, target - slack, target + slack))
                }
                NumericTarget::Range { min, max } => {
                    let right = (min..=max).contains(&value);
                    (right, direction(value, min, max))
                }
            };
            let feedback = if right { Vec::new() } else { vec![feedback] };
            Ok(Outcome::new(
                q,
                if right { 1.0 } else { 0.0 },
                feedback,
                Vec::new(),
            ))
        }
        (Kind::Ordering(items), Response::Order(order)) => {
            let n = items.len();
            let mut seen = vec![false; n];
            if order.len() != n
                || order
                    .iter()
                    .any(|&i| i >= n || std::mem::replace(&mut seen[i], true))
            {
                return Err(ResponseError::NotAPermutation);
            }
            let pairs = n * (n - 1) / 2;
            let concordant = (0..n)
                .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                .filter(|&(a, b)| order[a] < order[b])
                .count();
            let in_place = order
                .iter()
                .enumerate()
                .filter(|(pos, i)| pos == *i)
                .count();
            let feedback = format!("{in_place} of {n} items in the right place.");
            Ok(Outcome::new(
                q,
                concordant as f64 / pairs.max(1) as f64,
                vec![feedback],
                Vec::new(),
            ))
        }
        (Kind::Matching(m), Response::Matches(chosen)) => {
            let n = m.pairs.len();
            if chosen.len() != n {
                return Err(ResponseError::WrongLength {
                    expected: n,
                    found: chosen.len(),
                });
            }
            if let Some(bad) = chosen.iter().flatten().find(|&&o| o >= m.option_count()) {
                return Err(ResponseError::NoSuchChoice(*bad));
            }
            let right = chosen
                .iter()
                .enumerate()
                .filter(|(i, c)| **c == Some(*i))
                .count();
            let feedback = m
                .pairs
                .iter()
                .enumerate()
                .filter(|(i, _)| chosen[*i] != Some(*i))
                .map(|(_, (l, r))| format!("{l} goes with {r}."))
                .collect();
            Ok(Outcome::new(
                q,
                right as f64 / n as f64,
                feedback,
                Vec::new(),
            ))
        }
        (Kind::Discussion(d), Response::Rubric(ticks)) => {
            if ticks.len() != d.rubric.len() {
                return Err(ResponseError::WrongLength {
                    expected: d.rubric.len(),
                    found: ticks.len(),
                });
            }
            let total: u32 = d.rubric.iter().map(|r| r.weight).sum();
            let got: u32 = d
                .rubric
                .iter()
                .zip(ticks)
                .filter(|(_, t)| **t)
                .map(|(r, _)| r.weight)
                .sum();
            let feedback = format!("Self-assessed: {got} of {total} rubric points.");
            Ok(Outcome::new(
                q,
                f64::from(got) / f64::from(total.max(1)),
                vec![feedback],
                Vec::new(),
            ))
        }
        _ => Err(wrong_kind()),
    }
}

fn direction(value: f64, low: f64, high: f64) -> String {
    if value < low {
        "Too low.".into()
    } else if value > high {
        "Too high.".into()
    } else {
        String::new()
    }
}

/// Reads a number as people type it: `1961`, `1,961`, `1 961`, `24.5`, `24,5`, `-3`, `5e3`,
/// optionally followed by the question's unit (`24 km`).
pub fn parse_number(typed: &str, unit: Option<&str>) -> Result<f64, ResponseError> {
    let mut s = typed.trim();
    if s.is_empty() {
        return Err(ResponseError::Empty);
    }
    if let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty())
        && s.len() >= unit.len()
        && let Some(tail) = s.get(s.len() - unit.len()..)
        && tail.eq_ignore_ascii_case(unit)
    {
        s = s[..s.len() - unit.len()].trim_end();
    }
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{2009}' && *c != '\u{202f}')
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let normalized = if compact.contains('.') || is_thousands_grouped(&compact) {
        compact.replace(',', "")
    } else if compact.matches(',').count() == 1 {
        compact.replace(',', ".")
    } else {
        compact
    };
    normalized
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ResponseError::NotANumber(typed.trim().to_owned()))
}

fn is_thousands_grouped(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut groups = digits.split(',');
    // `0,500` is a decimal comma: nobody groups the thousands of zero.
    let first_ok = groups.next().is_some_and(|g| {
        (1..=3).contains(&g.len()) && !g.starts_with('0') && g.bytes().all(|b| b.is_ascii_digit())
    });
    let rest: Vec<&str> = groups.collect();
    first_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Formats a number without a useless `.0` (it lives in [`crate::format`]; re-exported here
/// for the callers that know it as part of grading).
pub use crate::format::format_number;

/// The correct answer of `q`, said for people.
pub fn correct_answer(q: &Question) -> String {
    match &q.kind {
        Kind::SingleChoice(choices) | Kind::MultipleSelect(choices) => choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        Kind::TrueFalse(tf) => if tf.answer { "True" } else { "False" }.into(),
        Kind::ShortAnswer(sa) => {
            let mut s = sa.accept.first().cloned().unwrap_or_default();
            if sa.accept.len() > 1 {
                s.push_str(&format!(" (also accepted: {})", sa.accept[1..].join(", ")));
            }
            s
        }
        Kind::Numeric(n) => {
            let unit = n
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            match n.target {
                NumericTarget::Near { value, tolerance } if tolerance > 0.0 => {
                    format!(
                        "{}{unit} (± {})",
                        format_number(value),
                        format_number(tolerance)
                    )
                }
                NumericTarget::Near { value, .. } => format!("{}{unit}", format_number(value)),
                NumericTarget::Range { min, max } => {
                    format!(
                        "between {} and {}{unit}",
                        format_number(min),
                        format_number(max)
                    )
                }
            }
        }
        Kind::Ordering(items) => items.join(" → "),
        Kind::Matching(m) => m
            .pairs
            .iter()
            .map(|(l, r)| format!("{l} — {r}"))
            .collect::<Vec<_>>()
            .join("; "),
        Kind::Discussion(d) => d.model_answer.clone(),
    }
}

/// What the learner answered, said for people (for the summary and exports).
pub fn describe_response(q: &Question, response: &Response) -> String {
    let choice_text = |choices: &[crate::bank::Choice], i: usize| {
        choices
            .get(i)
            .map_or_else(|| format!("choice {i}"), |c| c.text.clone())
    };
    match (&q.kind, response) {
        (Kind::SingleChoice(choices), Response::Choice(i)) => choice_text(choices, *i),
        (Kind::MultipleSelect(choices), Response::Choices(ticked)) => {
            if ticked.is_empty() {
                "(nothing ticked)".into()
            } else {
                let mut ticked = ticked.clone();
                ticked.sort_unstable();
                ticked.dedup();
                ticked
                    .iter()
                    .map(|&i| choice_text(choices, i))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }
        (_, Response::Bool(b)) => if *b { "True" } else { "False" }.into(),
        (_, Response::Text(t) | Response::Number(t)) => t.trim().to_owned(),
        (Kind::Ordering(items), Response::Order(order)) => order
            .iter()
            .map(|&i| items.get(i).map_or("?", String::as_str))
            .collect::<Vec<_>>()
            .join(" → "),
        (Kind::Matching(m), Response::Matches(chosen)) => {
            let options: Vec<&str> = m.options().collect();
            m.pairs
                .iter()
                .zip(chosen)
                .map(|((left, _), c)| {
                    let right = c.and_then(|c| options.get(c).copied()).unwrap_or("(none)");
                    format!("{left} — {right}")
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        (Kind::Discussion(d), Response::Rubric(ticks)) => {
            let got: Vec<&str> = d
                .rubric
                .iter()
                .zip(ticks)
                .filter(|(_, t)| **t)
                .map(|(r, _)| r.point.as_str())
                .collect();
            if got.is_empty() {
                "(no rubric point ticked)".into()
            } else {
                format!("Ticked: {}", got.join("; "))
            }
        }
        _ => "(answer of another kind)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_type_them() {
        let ok = |s: &str, unit: Option<&str>| parse_number(s, unit).unwrap();
        assert_eq!(ok("1961", None), 1961.0);
        assert_eq!(ok(" 1,961 ", None), 1961.0);
        assert_eq!(ok("1 961", None), 1961.0);
        assert_eq!(ok("1,234,567.5", None), 1_234_567.5);
        assert_eq!(ok("24,5", None), 24.5);
        assert_eq!(ok("0,500", None), 0.5);
        assert_eq!(ok("24.5 km", Some("km")), 24.5);
        assert_eq!(ok("24.5KM", Some("km")), 24.5);
        assert_eq!(ok("\u{2212}3", None), -3.0);
        assert_eq!(ok("5e3", None), 5000.0);
        assert_eq!(parse_number("", None), Err(ResponseError::Empty));
        assert!(matches!(
            parse_number("abc", None),
            Err(ResponseError::NotANumber(_))
        ));
        assert!(matches!(
            parse_number("1,2,3", None),
            Err(ResponseError::NotANumber(_))
        ));
        assert!(matches!(
            parse_number("inf", None),
            Err(ResponseError::NotANumber(_))
        ));
        assert!(matches!(
            parse_number("24 miles", Some("km")),
            Err(ResponseError::NotANumber(_))
        ));
    }
}
