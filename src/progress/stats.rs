//! Statistics over a learner's history, computed once per history load (the statistics screen
//! only draws them), and the history as CSV.

use std::collections::HashMap;
use std::time::SystemTime;

use super::records::{History, Identity};
use super::review::{forecast, memory};
use crate::bank::Bank;
use crate::csvio::{Dialect, push_row_in};
use crate::format::iso_date;
use crate::session::Verdict;
use crate::session::grade::describe_response;

/// One finished session's score.
#[derive(Clone, Debug, PartialEq)]
pub struct ScorePoint {
    pub at_ms: u64,
    pub percent: f64,
}

/// How well a section is known: the share of its questions whose latest answer was right.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionMastery {
    pub section: String,
    pub questions: usize,
    pub answered: usize,
    /// Average latest score of the answered questions, 0 to 1.
    pub mastery: f64,
}

/// A question often answered wrongly, and what was chosen instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Missed {
    pub question: String,
    pub prompt: String,
    pub wrong: usize,
    pub answered: usize,
    /// The wrong answers given, most frequent first, with counts.
    pub chosen: Vec<(String, usize)>,
}

/// Everything the statistics screen shows for one bank.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub scores: Vec<ScorePoint>,
    pub sections: Vec<SectionMastery>,
    pub missed: Vec<Missed>,
    /// Consecutive days (UTC) with at least one answer, ending today or yesterday.
    pub streak_days: u32,
    /// Questions falling due on each of the next 7 days (day 0 includes overdue ones).
    pub forecast: Vec<usize>,
    pub answers: usize,
    pub sessions: usize,
    /// Questions edited since they were answered: their earlier answers are left out of mastery,
    /// misses and the review schedule.
    pub changed: Vec<String>,
}

const DAY_MS: u64 = 86_400_000;

/// Statistics of `history` for `bank` at `now`.
pub fn stats(history: &History, bank: &Bank, now: SystemTime) -> Stats {
    let now_ms = super::unix_ms(now);
    let mut s = Stats::default();
    let sessions: Vec<_> = history
        .sessions
        .iter()
        .filter(|x| x.start.bank == bank.id())
        .collect();
    s.sessions = sessions.len();
    for session in &sessions {
        s.answers += session.answers.len();
        let (points, max) = session.score();
        if session.finished() && max > 0 {
            s.scores.push(ScorePoint {
                at_ms: session.start.at_ms,
                percent: 100.0 * points / f64::from(max),
            });
        }
    }
    // Latest score per question (answers are in order within and across sessions), counting
    // only answers to the question as it is now.
    let current: HashMap<&str, Identity> = bank
        .questions()
        .iter()
        .map(|q| (q.id.as_str(), Identity::of(q)))
        .collect();
    let mut latest: HashMap<&str, f64> = HashMap::new();
    let mut wrong: HashMap<&str, (usize, usize, HashMap<String, usize>)> = HashMap::new();
    let mut days: Vec<u64> = Vec::new();
    for a in history.answers_for(bank.id()) {
        days.push(a.at_ms / DAY_MS);
        if a.verdict == Verdict::Skipped {
            continue;
        }
        if !current
            .get(a.question.as_str())
            .is_some_and(|now| now.matches(&a.question_hash))
        {
            if current.contains_key(a.question.as_str()) && !s.changed.contains(&a.question) {
                s.changed.push(a.question.clone());
            }
            continue;
        }
        latest.insert(a.question.as_str(), a.score);
        let entry = wrong.entry(a.question.as_str()).or_default();
        entry.1 += 1;
        if a.verdict == Verdict::Wrong {
            entry.0 += 1;
            if let (Some(q), Some(r)) = (bank.question(&a.question), &a.response) {
                *entry.2.entry(describe_response(q, r)).or_default() += 1;
            }
        }
    }
    for section in bank
        .sections()
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(""))
    {
        let qs: Vec<_> = bank
            .questions()
            .iter()
            .filter(|q| q.section.as_deref().unwrap_or("") == section)
            .collect();
        if qs.is_empty() {
            continue;
        }
        let scores: Vec<f64> = qs
            .iter()
            .filter_map(|q| latest.get(q.id.as_str()).copied())
            .collect();
        s.sections.push(SectionMastery {
            section: section.to_owned(),
            questions: qs.len(),
            answered: scores.len(),
            mastery: if scores.is_empty() {
                0.0
            } else {
                scores.iter().sum::<f64>() / scores.len() as f64
            },
        });
    }
    let mut missed: Vec<Missed> = wrong
        .into_iter()
        .filter(|(_, (w, _, _))| *w > 0)
        .filter_map(|(id, (w, n, chosen))| {
            let q = bank.question(id)?;
            // Discussion rubrics are self-assessed, not distractors.
            if q.kind.is_self_assessed() {
                return None;
            }
            let mut chosen: Vec<(String, usize)> = chosen.into_iter().collect();
            chosen.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Some(Missed {
                question: id.to_owned(),
                prompt: q.prompt.clone(),
                wrong: w,
                answered: n,
                chosen,
            })
        })
        .collect();
    missed.sort_by(|a, b| {
        b.wrong
            .cmp(&a.wrong)
            .then_with(|| a.question.cmp(&b.question))
    });
    missed.truncate(10);
    s.missed = missed;
    days.sort_unstable();
    days.dedup();
    let today = now_ms / DAY_MS;
    let mut day = if days.last() == Some(&today) {
        today
    } else {
        today.saturating_sub(1)
    };
    while days.binary_search(&day).is_ok() {
        s.streak_days += 1;
        if day == 0 {
            break;
        }
        day -= 1;
    }
    s.forecast = forecast(&memory(history, bank), now, 7);
    s
}

/// The whole history as CSV: one row per answer, with its session's settings. Written by
/// [`crate::csvio`], so typed answers that look like formulas are guarded.
pub fn history_csv(history: &History, banks: &[&Bank]) -> String {
    let mut out = String::new();
    push_row_in(
        &mut out,
        Dialect::EXPORT,
        [
            "date_utc",
            "session",
            "bank",
            "seed",
            "mode",
            "question",
            "verdict",
            "score",
            "points",
            "max_points",
            "time_ms",
            "answer",
        ],
    );
    for s in &history.sessions {
        let bank = banks.iter().find(|b| b.id() == s.start.bank);
        let mode = match &s.start.config.mode {
            crate::session::Mode::Practice => "practice",
            crate::session::Mode::Test => "test",
            crate::session::Mode::Review { .. } => "review",
        };
        let seed = s.start.config.seed.to_string();
        for a in &s.answers {
            let answer = match (&a.response, bank.and_then(|b| b.question(&a.question))) {
                (Some(r), Some(q)) => describe_response(q, r),
                (Some(r), None) => format!("{r:?}"),
                (None, _) => String::new(),
            };
            let row = [
                iso_date(a.at_ms),
                s.start.session.clone(),
                s.start.bank.clone(),
                seed.clone(),
                mode.to_owned(),
                a.question.clone(),
                format!("{:?}", a.verdict),
                a.score.to_string(),
                a.points.to_string(),
                a.max_points.to_string(),
                a.time_ms.to_string(),
                answer,
            ];
            push_row_in(&mut out, Dialect::EXPORT, row.iter().map(String::as_str));
        }
    }
    out
}
