//! Student results: one session as a CSV file a student hands in (from the summary screen or
//! from the history), and the class gradebook merged from many such files.
//!
//! The format is documented in `docs/RESULTS-FORMAT.md`: RFC 4180 CSV, one row per question, and
//! a fixed header whose first column, `quizdesk_results_v1`, names the format and its version
//! (that column numbers the questions in the order they were asked). A reader refuses any other
//! header, with the reason.
//!
//! The `version` column is the handout version letter: `A` when the session asked the questions
//! and showed the choices exactly as handout version A of the same seed does (`quizdesk export
//! handout`): every question of the bank, questions and choices shuffled, no filter, not a
//! review. Any other session (a filtered, shortened, unshuffled or review session) matches no
//! handout, and its version is empty.

pub mod gradebook;
mod parse;

use std::time::SystemTime;

pub use gradebook::{Gradebook, ReportFormat};
pub use parse::{parse_results, parse_results_bytes};

use crate::bank::Bank;
use crate::csvio as csv;
use crate::format::{format_number, iso_date};
use crate::progress::identity::{Identity, bank_hash, bank_hash_matches};
use crate::progress::{SessionRecord, unix_ms};
use crate::session::grade::{correct_answer, describe_response};
use crate::session::{Filter, Mode, Response, Session, SessionConfig, Verdict};

/// The format's version; the first header column is `quizdesk_results_v{VERSION}`.
pub const VERSION: u32 = 1;

/// The header of a version 1 file, column by column.
pub const COLUMNS: [&str; 19] = [
    "quizdesk_results_v1",
    "student",
    "bank",
    "bank_title",
    "bank_hash",
    "seed",
    "version",
    "mode",
    "date_utc",
    "question",
    "section",
    "answer",
    "verdict",
    "score",
    "points",
    "max_points",
    "time_ms",
    "misconceptions",
    "correct_answer",
];

/// One student's session, as a results file holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct StudentResults {
    pub student: String,
    pub bank: String,
    pub bank_title: String,
    /// [`crate::progress::bank_hash`] of the bank as it was played; may be empty (unknown).
    pub bank_hash: String,
    pub seed: u64,
    /// The handout version letter (`A`), or empty when the session matches no handout.
    pub version: String,
    /// `practice`, `test` or `review`.
    pub mode: String,
    /// When the session ended, `2026-11-28T16:31:07Z`.
    pub date_utc: String,
    /// In the order the questions were asked.
    pub rows: Vec<ResultRow>,
}

/// One question of a session.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    /// 1 for the first question asked.
    pub position: usize,
    pub question: String,
    pub section: String,
    /// What the student answered, said for people; empty when skipped.
    pub answer: String,
    pub verdict: Verdict,
    /// 0 to 1, rounded to 4 decimals.
    pub score: f64,
    /// `score × max_points`, rounded to 4 decimals.
    pub points: f64,
    pub max_points: u32,
    pub time_ms: u64,
    /// Misconception tags of the wrong answers chosen.
    pub misconceptions: Vec<String>,
    /// The correct answer, said for people; empty when unknown.
    pub correct_answer: String,
}

/// A results file read without problems.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsFile {
    /// The file's name as given (for messages).
    pub file: String,
    pub results: StudentResults,
    /// The line each row of `results.rows` starts on.
    pub lines: Vec<usize>,
}

/// Why a file, or a line of it, was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub file: String,
    /// 1-based; 0 when the problem is not on a line (the file could not be read at all).
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.reason)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.reason)
        }
    }
}

/// The results of a live session (finished or not: unanswered questions are written as
/// skipped; questions a practice session never reached are left out), as a results file.
pub fn session_csv(student: &str, session: &Session, finished_at: SystemTime) -> String {
    to_csv(&from_session(student, session, finished_at))
}

/// The results of one session of the history, as a results file. Without the bank, or when a
/// question changed since it was answered, the answers are described from the record alone
/// (`choice 2` rather than the choice's text) and the correct answer is left empty.
pub fn record_csv(student: &str, record: &SessionRecord, bank: Option<&Bank>) -> String {
    to_csv(&from_record(student, record, bank))
}

/// A suggested file name: `results-ana-pact-facts-2026-11-28.csv`. Only lower-case letters,
/// digits and `-` are kept from the name and the bank id, so it is safe on every system.
pub fn file_name(student: &str, bank_id: &str, at: SystemTime) -> String {
    let date: chrono::DateTime<chrono::Utc> = at.into();
    format!(
        "results-{}-{}-{}.csv",
        safe_part(student, "student"),
        safe_part(bank_id, "bank"),
        date.format("%Y-%m-%d")
    )
}

fn safe_part(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && !c.is_control() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out.to_owned()
    }
}

/// The results of a live session.
pub fn from_session(student: &str, session: &Session, finished_at: SystemTime) -> StudentResults {
    let bank = session.bank();
    let config = session.config();
    let rows = (0..session.len())
        .filter(|&i| session.counts(i))
        .filter_map(|i| {
            let q = session.question(i)?;
            let record = session.records().get(i)?;
            let outcome = record.outcome.as_ref();
            let (verdict, score, points, misconceptions) = match (&record.response, outcome) {
                (Some(_), Some(o)) => (o.verdict, o.score, o.points, o.misconceptions.clone()),
                _ => (Verdict::Skipped, 0.0, 0.0, Vec::new()),
            };
            Some(ResultRow {
                position: i + 1,
                question: q.id.clone(),
                section: q.section.clone().unwrap_or_default(),
                answer: record
                    .response
                    .as_ref()
                    .map(|r| describe_response(q, r))
                    .unwrap_or_default(),
                verdict,
                score: round4(score),
                points: round4(points),
                max_points: q.points,
                time_ms: record.time_ms,
                misconceptions,
                correct_answer: correct_answer(q),
            })
        })
        .collect();
    StudentResults {
        student: student.trim().to_owned(),
        bank: bank.id().to_owned(),
        bank_title: bank.title().to_owned(),
        bank_hash: bank_hash(bank),
        seed: config.seed,
        version: handout_version(config, Some(bank.questions().len()), session.len()).into(),
        mode: mode_name(&config.mode).into(),
        date_utc: iso_date(unix_ms(finished_at)),
        rows,
    }
}

/// The results of one session of the history (see [`record_csv`]).
pub fn from_record(student: &str, record: &SessionRecord, bank: Option<&Bank>) -> StudentResults {
    let start = &record.start;
    let bank = bank.filter(|b| b.id() == start.bank);
    let same_bank = bank.filter(|b| bank_hash_matches(b, &start.bank_hash));
    let mut rows = Vec::new();
    let mut written = vec![false; record.answers.len()];
    let ids = start
        .questions
        .iter()
        .map(|id| (id.as_str(), true))
        // Answers to questions the start does not list (not written by quizdesk) go last.
        .chain(record.answers.iter().map(|a| (a.question.as_str(), false)));
    let mut position = 0;
    for (id, listed) in ids {
        if listed {
            position += 1;
        }
        let found = record
            .answers
            .iter()
            .enumerate()
            .find(|(i, a)| a.question == id && !written[*i]);
        let row = match found {
            Some((i, a)) => {
                written[i] = true;
                // The bank's question describes the answer only if it is still the question
                // that was answered.
                let q = bank
                    .and_then(|b| b.question(id))
                    .filter(|q| Identity::of(q).matches(&a.question_hash));
                let answer = match (&a.response, q) {
                    (None, _) => String::new(),
                    (Some(r), Some(q)) => describe_response(q, r),
                    (Some(r), None) => Response::describe_alone(r),
                };
                ResultRow {
                    position: if listed { position } else { 0 },
                    question: a.question.clone(),
                    section: a.section.clone().unwrap_or_default(),
                    answer,
                    verdict: if a.response.is_none() {
                        Verdict::Skipped
                    } else {
                        a.verdict
                    },
                    score: round4(a.score),
                    points: round4(a.points),
                    max_points: a.max_points,
                    time_ms: a.time_ms,
                    misconceptions: a.misconceptions.clone(),
                    correct_answer: q.map(correct_answer).unwrap_or_default(),
                }
            }
            // Never answered in a finished session: never reached, so not asked (a finished
            // session records every question it showed).
            None if record.finished() => continue,
            // Never answered, in a session left unfinished: skipped, if the bank still says
            // what the question was worth.
            None if listed => {
                let Some(q) = same_bank.and_then(|b| b.question(id)) else {
                    continue;
                };
                ResultRow {
                    position,
                    question: q.id.clone(),
                    section: q.section.clone().unwrap_or_default(),
                    answer: String::new(),
                    verdict: Verdict::Skipped,
                    score: 0.0,
                    points: 0.0,
                    max_points: q.points,
                    time_ms: 0,
                    misconceptions: Vec::new(),
                    correct_answer: correct_answer(q),
                }
            }
            None => continue,
        };
        rows.push(row);
    }
    // Unlisted answers are numbered after the listed questions.
    let mut next = position;
    for row in &mut rows {
        if row.position == 0 {
            next += 1;
            row.position = next;
        }
    }
    let at_ms = record
        .end
        .as_ref()
        .map(|e| e.at_ms)
        .or_else(|| record.answers.iter().map(|a| a.at_ms).max())
        .unwrap_or(start.at_ms);
    StudentResults {
        student: student.trim().to_owned(),
        bank: start.bank.clone(),
        bank_title: start.bank_title.clone(),
        bank_hash: start.bank_hash.clone(),
        seed: start.config.seed,
        version: handout_version(
            &start.config,
            same_bank.map(|b| b.questions().len()),
            start.questions.len(),
        )
        .into(),
        mode: mode_name(&start.config.mode).into(),
        date_utc: iso_date(at_ms),
        rows,
    }
}

/// `A` when a session with `config` asks the same questions in the same order, with the same
/// choice order, as handout version A of its seed; empty otherwise. `bank_len` is the number of
/// questions in the bank when known, `asked` the number the session asked.
pub fn handout_version(
    config: &SessionConfig,
    bank_len: Option<usize>,
    asked: usize,
) -> &'static str {
    // With no filter, a session asks min(count, bank size) questions, so fewer than `count`
    // means it asked them all.
    let whole_bank = match config.count {
        None => true,
        Some(count) => bank_len.is_some_and(|n| count >= n) || asked < count,
    };
    let like_handout = whole_bank
        && config.filter == Filter::default()
        && config.shuffle_questions
        && config.shuffle_choices
        && !matches!(config.mode, Mode::Review { .. });
    if like_handout { "A" } else { "" }
}

fn mode_name(mode: &Mode) -> &'static str {
    match mode {
        Mode::Practice => "practice",
        Mode::Test => "test",
        Mode::Review { .. } => "review",
    }
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Correct => "correct",
        Verdict::Partial => "partial",
        Verdict::Wrong => "wrong",
        Verdict::Skipped => "skipped",
    }
}

/// Rounds to 4 decimals, so that a score survives any round trip through text unchanged.
fn round4(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}

/// `results` as a results file (version 1).
pub fn to_csv(results: &StudentResults) -> String {
    let mut out = String::with_capacity(200 * (results.rows.len() + 1));
    csv::push_row(&mut out, COLUMNS);
    let seed = results.seed.to_string();
    for row in &results.rows {
        let position = row.position.to_string();
        let (score, points) = (format_number(row.score), format_number(row.points));
        let (max, time) = (row.max_points.to_string(), row.time_ms.to_string());
        let misconceptions = row.misconceptions.join(";");
        csv::push_row(
            &mut out,
            [
                position.as_str(),
                &results.student,
                &results.bank,
                &results.bank_title,
                &results.bank_hash,
                &seed,
                &results.version,
                &results.mode,
                &results.date_utc,
                &row.question,
                &row.section,
                &row.answer,
                verdict_name(row.verdict),
                &score,
                &points,
                &max,
                &time,
                &misconceptions,
                &row.correct_answer,
            ],
        );
    }
    out
}
