//! What a history file records, and the history rebuilt from it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use super::identity::{Identity, bank_hash, question_hash};
use crate::bank::Bank;
use crate::session::{Response, SessionConfig, Verdict};

/// One line of a history file: `{"answer": {...}}`. (Externally tagged: an internally tagged
/// enum makes serde buffer every line before reading it, which halves load speed.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Start(SessionStart),
    Answer(AnswerRecord),
    End(SessionEnd),
}

/// A session began.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionStart {
    /// Unique per session: start time and a random part.
    pub session: String,
    /// Milliseconds since the Unix epoch.
    pub at_ms: u64,
    pub bank: String,
    pub bank_title: String,
    /// Hash of the bank's questions as they were (see [`bank_hash`]; older histories hold
    /// [`super::identity::legacy_bank_hash`]).
    pub bank_hash: String,
    pub config: SessionConfig,
    /// The question ids, in session order.
    pub questions: Vec<String>,
}

/// A question was answered (or, at the end, counted as skipped).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub session: String,
    pub at_ms: u64,
    pub question: String,
    /// Hash of what the question asked and accepted when it was answered (see
    /// [`question_hash`]; older histories hold [`super::identity::legacy_question_hash`], which
    /// [`Identity::matches`] accepts too).
    pub question_hash: String,
    #[serde(default)]
    pub section: Option<String>,
    /// `None` when skipped.
    pub response: Option<Response>,
    pub verdict: Verdict,
    pub score: f64,
    pub points: f64,
    pub max_points: u32,
    pub time_ms: u64,
    #[serde(default)]
    pub misconceptions: Vec<String>,
    /// The learner's own again/hard/good/easy after the reveal (review mode); recorded as a
    /// second `answer` line for the same question, which replaces the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_rating: Option<super::review::SelfRating>,
}

/// A session ended: finished (summary shown) or abandoned (app closed, or left for another).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionEnd {
    pub session: String,
    pub at_ms: u64,
    pub finished: bool,
}

/// One session as recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionRecord {
    pub start: SessionStart,
    pub answers: Vec<AnswerRecord>,
    pub end: Option<SessionEnd>,
}

impl SessionRecord {
    pub fn finished(&self) -> bool {
        self.end.as_ref().is_some_and(|e| e.finished)
    }

    /// Points and possible points over the answers recorded.
    pub fn score(&self) -> (f64, u32) {
        self.answers
            .iter()
            .fold((0.0, 0), |(p, m), a| (p + a.points, m + a.max_points))
    }
}

/// A learner's whole history, in the order sessions began.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub sessions: Vec<SessionRecord>,
}

impl History {
    /// Rebuilds sessions from events. Answers and ends of a session whose start is missing are
    /// dropped; a later answer to the same question in a session replaces an earlier one (a
    /// test whose answer was changed).
    pub fn from_events(events: impl IntoIterator<Item = Event>) -> Self {
        let mut sessions: Vec<SessionRecord> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for event in events {
            match event {
                Event::Start(start) => {
                    if !index.contains_key(&start.session) {
                        index.insert(start.session.clone(), sessions.len());
                        sessions.push(SessionRecord {
                            start,
                            answers: Vec::new(),
                            end: None,
                        });
                    }
                }
                Event::Answer(answer) => {
                    if let Some(&i) = index.get(&answer.session) {
                        let answers = &mut sessions[i].answers;
                        match answers.iter_mut().find(|a| a.question == answer.question) {
                            Some(earlier) => *earlier = answer,
                            None => answers.push(answer),
                        }
                    }
                }
                Event::End(end) => {
                    if let Some(&i) = index.get(&end.session) {
                        sessions[i].end = Some(end);
                    }
                }
            }
        }
        Self { sessions }
    }

    /// Every answer to questions of `bank_id`, oldest first.
    pub fn answers_for<'a>(
        &'a self,
        bank_id: &'a str,
    ) -> impl Iterator<Item = &'a AnswerRecord> + 'a {
        self.sessions
            .iter()
            .filter(move |s| s.start.bank == bank_id)
            .flat_map(|s| s.answers.iter())
    }

    pub fn answer_count(&self) -> usize {
        self.sessions.iter().map(|s| s.answers.len()).sum()
    }

    /// Questions of `bank` answered before when they asked or accepted something else: their
    /// history is not mixed with the new version's.
    pub fn changed_questions(&self, bank: &Bank) -> Vec<String> {
        let mut changed = Vec::new();
        for q in bank.questions() {
            let now = Identity::of(q);
            if self
                .answers_for(bank.id())
                .any(|a| a.question == q.id && !now.matches(&a.question_hash))
                && !changed.contains(&q.id)
            {
                changed.push(q.id.clone());
            }
        }
        changed
    }
}
