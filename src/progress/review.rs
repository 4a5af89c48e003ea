//! Spaced review: each question's memory state, scheduled with FSRS (the scheduler Anki uses),
//! rebuilt from the history by replaying its answers in order.
//!
//! The scheduler is `rs-fsrs`, Open Spaced Repetition's small pure-Rust implementation with the
//! FSRS-5 default parameters (the `fsrs` crate that Anki uses adds parameter training on the burn
//! ML framework, a large build for something quizdesk does not do). quizdesk uses its long-term
//! scheduler: intervals in whole days, no minute-long learning steps, which suit a quiz reviewed
//! at most daily. Grades come from the outcome: right → Good, partly right → Hard, wrong → Again;
//! a self-rating given after the reveal (in review mode) replaces that. Skipped questions are not
//! reviews. Answers to a question recorded under other content (an edited question) are left out,
//! so its memory starts afresh.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating};

use super::records::{AnswerRecord, History, Identity};
use crate::bank::Bank;
use crate::session::Verdict;

/// The learner's own grade for a review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SelfRating {
    Again,
    Hard,
    Good,
    Easy,
}

impl SelfRating {
    fn rating(self) -> Rating {
        match self {
            SelfRating::Again => Rating::Again,
            SelfRating::Hard => Rating::Hard,
            SelfRating::Good => Rating::Good,
            SelfRating::Easy => Rating::Easy,
        }
    }
}

/// The scheduler with quizdesk's settings.
pub fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

fn to_chrono(t: SystemTime) -> DateTime<Utc> {
    DateTime::<Utc>::from(t)
}

fn from_chrono(t: DateTime<Utc>) -> SystemTime {
    let ms = u64::try_from(t.timestamp_millis()).unwrap_or(0);
    UNIX_EPOCH + Duration::from_millis(ms)
}

/// The grade an answer gives, if it is a review at all.
pub fn rating_for(answer: &AnswerRecord) -> Option<Rating> {
    if let Some(own) = answer.self_rating {
        return Some(own.rating());
    }
    match answer.verdict {
        Verdict::Correct => Some(Rating::Good),
        Verdict::Partial => Some(Rating::Hard),
        Verdict::Wrong => Some(Rating::Again),
        Verdict::Skipped => None,
    }
}

/// One question's memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Memory {
    pub card: Card,
    pub reviews: u32,
}

impl Memory {
    pub fn due(&self) -> SystemTime {
        from_chrono(self.card.due)
    }

    /// How likely the learner still knows it at `now` (0 to 1).
    pub fn retrievability(&self, now: SystemTime) -> f64 {
        self.card.get_retrievability(to_chrono(now))
    }
}

/// Memory for every question of `bank` that has been reviewed, by question id.
pub fn memory(history: &History, bank: &Bank) -> HashMap<String, Memory> {
    let current: HashMap<&str, Identity> = bank
        .questions()
        .iter()
        .map(|q| (q.id.as_str(), Identity::of(q)))
        .collect();
    let mut answers: Vec<&AnswerRecord> = history
        .answers_for(bank.id())
        .filter(|a| {
            current
                .get(a.question.as_str())
                .is_some_and(|now| now.matches(&a.question_hash))
        })
        .collect();
    answers.sort_by_key(|a| a.at_ms);
    let fsrs = scheduler();
    let mut memory: HashMap<String, Memory> = HashMap::new();
    for a in answers {
        let Some(rating) = rating_for(a) else {
            continue;
        };
        let at = to_chrono(UNIX_EPOCH + Duration::from_millis(a.at_ms));
        let entry = memory.entry(a.question.clone()).or_insert_with(|| Memory {
            card: Card {
                due: at,
                last_review: at,
                ..Card::default()
            },
            reviews: 0,
        });
        entry.card = fsrs.next(entry.card.clone(), at, rating).card;
        entry.reviews += 1;
    }
    memory
}

/// Ids of the questions due for review at `now`, most overdue first.
pub fn due(memory: &HashMap<String, Memory>, now: SystemTime) -> Vec<String> {
    let mut due: Vec<(&String, SystemTime)> = memory
        .iter()
        .map(|(id, m)| (id, m.due()))
        .filter(|(_, d)| *d <= now)
        .collect();
    due.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    due.into_iter().map(|(id, _)| id.clone()).collect()
}

/// How many questions fall due on each of the next `days` days (day 0 includes overdue ones).
pub fn forecast(memory: &HashMap<String, Memory>, now: SystemTime, days: usize) -> Vec<usize> {
    let mut counts = vec![0; days];
    for m in memory.values() {
        let day = m
            .due()
            .duration_since(now)
            .map_or(0, |d| (d.as_secs() / 86_400) as usize);
        if let Some(c) = counts.get_mut(day) {
            *c += 1;
        }
    }
    counts
}
