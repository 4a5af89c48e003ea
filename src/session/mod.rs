//! The session engine: which questions, in which order, with which choice order; answers,
//! skips, grading, timing and the summary.
//!
//! A session is a pure function of the bank, the [`SessionConfig`] and the answers given: the
//! same bank, seed and config give the same questions in the same order with the same choice
//! order, on every platform and for good (see [`rng`]). Time comes from an injected [`Clock`].

pub mod clock;
pub mod grade;
pub mod rng;

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

pub use clock::{Clock, ManualClock, SystemClock};
pub use grade::{Outcome, Response, ResponseError, Verdict, grade};
use rng::{SessionRng, stable_hash};

use crate::bank::{Bank, Difficulty, KindName, Question};

/// The stream of the generator that picks and orders questions; per-question streams are
/// derived from the question id so that one question's choice order does not depend on which
/// other questions were picked.
const QUESTION_ORDER_STREAM: u64 = 0;

/// How feedback is given.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// Feedback after each answer.
    #[default]
    Practice,
    /// Feedback at the end; answers can be changed until the test is submitted.
    Test,
    /// Only the given questions (for example the ones missed last time), feedback after each.
    /// Filters do not apply; ids no longer in the bank are left out (see
    /// [`Session::missing_ids`]).
    Review { ids: Vec<String> },
}

impl Mode {
    pub fn feedback_after_each(&self) -> bool {
        !matches!(self, Mode::Test)
    }
}

/// Which questions may be asked. An empty list means "any"; a question must match every
/// non-empty list (and any one entry within a list).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filter {
    pub sections: Vec<String>,
    pub tags: Vec<String>,
    pub difficulties: Vec<Difficulty>,
    pub kinds: Vec<KindName>,
}

impl Filter {
    pub fn accepts(&self, q: &Question) -> bool {
        (self.sections.is_empty()
            || q.section
                .as_ref()
                .is_some_and(|s| self.sections.contains(s)))
            && (self.tags.is_empty() || q.tags.iter().any(|t| self.tags.contains(t)))
            && (self.difficulties.is_empty() || self.difficulties.contains(&q.difficulty))
            && (self.kinds.is_empty() || self.kinds.contains(&q.kind.name()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionConfig {
    pub seed: u64,
    /// How many questions; `None` for all that match.
    pub count: Option<usize>,
    pub filter: Filter,
    pub shuffle_questions: bool,
    pub shuffle_choices: bool,
    pub mode: Mode,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            seed: 1,
            count: None,
            filter: Filter::default(),
            shuffle_questions: true,
            shuffle_choices: true,
            mode: Mode::Practice,
        }
    }
}

/// A fresh seed that is easy to read out and type (1 to 999 999).
pub fn fresh_seed() -> u64 {
    use rand::RngExt;
    rand::rng().random_range(1..1_000_000)
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("no question matches these settings")]
    NoQuestions,
    #[error("the session is over")]
    Finished,
    #[error("this question was already answered")]
    AlreadyAnswered,
    #[error(transparent)]
    Response(#[from] ResponseError),
}

/// One question of a session as it is presented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Index of the question in the bank.
    pub question: usize,
    /// Presentation order, as bank indices: of the choices (single choice, multiple select), of
    /// the items as first shown (ordering), or of the right-hand options (matching). Empty for
    /// other kinds.
    pub order: Vec<usize>,
}

/// Picks and orders the questions of a session, with the presentation order of each: a pure
/// function of bank and config. Also returns the review ids no longer in the bank.
pub fn plan(bank: &Bank, config: &SessionConfig) -> Result<(Vec<Item>, Vec<String>), SessionError> {
    let (picked, missing) = pick(bank, config)?;
    Ok((items(bank, config, picked), missing))
}

/// The picked questions as items, each with its presentation order.
fn items(bank: &Bank, config: &SessionConfig, picked: Vec<usize>) -> Vec<Item> {
    picked
        .into_iter()
        .map(|i| Item {
            question: i,
            order: presentation_order(&bank.questions()[i], config.seed, config.shuffle_choices),
        })
        .collect()
}

/// The questions a session may ask (bank indices, in bank order) and the review ids no longer
/// in the bank.
fn candidates(bank: &Bank, config: &SessionConfig) -> (Vec<usize>, Vec<String>) {
    let questions = bank.questions();
    let mut missing = Vec::new();
    let picked: Vec<usize> = match &config.mode {
        Mode::Review { ids } => {
            let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
            let picked: Vec<usize> = (0..questions.len())
                .filter(|&i| wanted.contains(questions[i].id.as_str()))
                .collect();
            let found: HashSet<&str> = picked.iter().map(|&i| questions[i].id.as_str()).collect();
            for id in ids {
                if !found.contains(id.as_str()) && !missing.contains(id) {
                    missing.push(id.clone());
                }
            }
            picked
        }
        Mode::Practice | Mode::Test => (0..questions.len())
            .filter(|&i| config.filter.accepts(&questions[i]))
            .collect(),
    };
    (picked, missing)
}

/// Picks and orders the questions of a session (bank indices), without presentation orders.
/// Two questions kept apart (`apart_from`) are never both picked; see [`take_apart`].
fn pick(bank: &Bank, config: &SessionConfig) -> Result<(Vec<usize>, Vec<String>), SessionError> {
    let (mut picked, missing) = candidates(bank, config);
    let mut rng = SessionRng::new(config.seed, QUESTION_ORDER_STREAM);
    let count = config.count.unwrap_or(picked.len()).min(picked.len());
    if config.shuffle_questions {
        take_apart(bank, &mut rng, &mut picked, count);
    } else if count < picked.len() {
        // A random subset, kept in bank order.
        take_apart(bank, &mut rng, &mut picked, count);
        picked.sort_unstable();
    } else if bank.has_apart() {
        // All of them in bank order: the first of two questions kept apart stays.
        let mut blocked = vec![false; questions_len(bank)];
        picked.retain(|&q| keep(bank, &mut blocked, q));
    }
    if picked.is_empty() {
        return Err(SessionError::NoQuestions);
    }
    Ok((picked, missing))
}

/// Every question a session with `config` may ask (`count` is not applied), in the order of the
/// whole-bank session with that config but with no question left out for being kept apart from
/// another (`apart_from`): for a printed handout of the whole bank. The session asks the same
/// questions in the same order, less those it leaves out.
pub fn plan_together(
    bank: &Bank,
    config: &SessionConfig,
) -> Result<(Vec<Item>, Vec<String>), SessionError> {
    let (mut picked, missing) = candidates(bank, config);
    if config.shuffle_questions {
        SessionRng::new(config.seed, QUESTION_ORDER_STREAM).shuffle(&mut picked);
    }
    if picked.is_empty() {
        return Err(SessionError::NoQuestions);
    }
    Ok((items(bank, config, picked), missing))
}

/// Puts `count` questions of `picked` at its front, in random order, and drops the rest: the
/// steps of a forward Fisher–Yates shuffle, taken one by one, where a question kept apart from
/// one already taken (`apart_from`) is passed over. So a session of `k` questions is the first
/// `k` of the shuffled candidates that are not kept apart from an earlier one, the whole-bank
/// session is all of those, and a bank without `apart_from` draws exactly as a plain partial
/// shuffle does. Costs `count` steps plus one per question passed over.
fn take_apart(bank: &Bank, rng: &mut SessionRng, picked: &mut Vec<usize>, count: usize) {
    if !bank.has_apart() {
        rng.partial_shuffle(picked, count);
        picked.truncate(count);
        return;
    }
    let n = picked.len();
    let mut blocked = vec![false; questions_len(bank)];
    let mut kept = Vec::with_capacity(count);
    let mut i = 0;
    while kept.len() < count && i < n {
        if i + 1 < n {
            let j = i + rng.below((n - i) as u64) as usize;
            picked.swap(i, j);
        }
        let q = picked[i];
        if keep(bank, &mut blocked, q) {
            kept.push(q);
        }
        i += 1;
    }
    *picked = kept;
}

fn questions_len(bank: &Bank) -> usize {
    bank.questions().len()
}

/// Whether question `q` may join the questions taken so far (`blocked` marks, by bank index,
/// the questions kept apart from them); if so, blocks its own.
fn keep(bank: &Bank, blocked: &mut [bool], q: usize) -> bool {
    if blocked.get(q).copied().unwrap_or(false) {
        return false;
    }
    for &other in bank.apart_from(q) {
        if let Some(b) = blocked.get_mut(other as usize) {
            *b = true;
        }
    }
    true
}

/// The presentation order of `q` in a session with `seed` (see [`Item::order`]).
pub fn presentation_order(q: &Question, seed: u64, shuffle_choices: bool) -> Vec<usize> {
    let mut rng = SessionRng::new(seed, stable_hash(&q.id) | 1);
    q.kind.presentation_order(&mut rng, shuffle_choices)
}

/// What happened to one item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    pub response: Option<Response>,
    pub outcome: Option<Outcome>,
    pub skipped: bool,
    /// Time spent on the question before answering it, in milliseconds.
    pub time_ms: u64,
    /// Whether the question was ever shown. Ending a practice or review session early leaves
    /// the questions never reached out of its results: they were not asked.
    pub seen: bool,
}

/// A session being answered.
pub struct Session {
    bank: Arc<Bank>,
    config: SessionConfig,
    /// Bank indices of the questions, in session order.
    items: Vec<usize>,
    /// Presentation orders, made when first needed: a session of all 100,000 questions of a
    /// bank starts without shuffling the choices of every one.
    orders: Vec<OnceLock<Vec<usize>>>,
    records: Vec<Record>,
    missing_ids: Vec<String>,
    current: usize,
    clock: Box<dyn Clock>,
    shown_at_ms: u64,
    started_ms: u64,
    finished_ms: Option<u64>,
}

impl Session {
    pub fn new(
        bank: Arc<Bank>,
        config: SessionConfig,
        clock: Box<dyn Clock>,
    ) -> Result<Self, SessionError> {
        let (items, missing_ids) = pick(&bank, &config)?;
        let now = clock.now_ms();
        let mut records = vec![Record::default(); items.len()];
        if let Some(first) = records.first_mut() {
            first.seen = true;
        }
        Ok(Self {
            records,
            orders: (0..items.len()).map(|_| OnceLock::new()).collect(),
            bank,
            config,
            items,
            missing_ids,
            current: 0,
            clock,
            shown_at_ms: now,
            started_ms: now,
            finished_ms: None,
        })
    }

    pub fn bank(&self) -> &Arc<Bank> {
        &self.bank
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Bank indices of the session's questions, in session order.
    pub fn question_indices(&self) -> &[usize] {
        &self.items
    }

    /// The presentation order of item `index` (see [`Item::order`]); empty if there is none.
    pub fn order(&self, index: usize) -> &[usize] {
        let (Some(&q), Some(cell)) = (self.items.get(index), self.orders.get(index)) else {
            return &[];
        };
        cell.get_or_init(|| {
            self.bank.questions().get(q).map_or_else(Vec::new, |q| {
                presentation_order(q, self.config.seed, self.config.shuffle_choices)
            })
        })
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Review ids that are no longer in the bank.
    pub fn missing_ids(&self) -> &[String] {
        &self.missing_ids
    }

    /// Index of the current item (0-based).
    pub fn current_index(&self) -> usize {
        self.current
    }

    pub fn question(&self, index: usize) -> Option<&Question> {
        self.items
            .get(index)
            .and_then(|&q| self.bank.questions().get(q))
    }

    pub fn current_question(&self) -> Option<&Question> {
        self.question(self.current)
    }

    pub fn current_order(&self) -> &[usize] {
        self.order(self.current)
    }

    pub fn current_record(&self) -> Option<&Record> {
        self.records.get(self.current)
    }

    pub fn is_finished(&self) -> bool {
        self.finished_ms.is_some()
    }

    /// Whether the outcome of item `index` may be shown now.
    pub fn feedback_visible(&self, index: usize) -> bool {
        let answered = self.records.get(index).is_some_and(|r| r.outcome.is_some());
        self.is_finished() || (answered && self.config.mode.feedback_after_each())
    }

    /// Answers the current question. In practice and review an answer is final; in a test it
    /// can be changed until the test is submitted.
    pub fn answer(&mut self, response: Response) -> Result<&Outcome, SessionError> {
        if self.is_finished() {
            return Err(SessionError::Finished);
        }
        let index = self.current;
        let q = self.current_question().ok_or(SessionError::Finished)?;
        let already = self.records[index].outcome.is_some();
        if already && self.config.mode.feedback_after_each() {
            return Err(SessionError::AlreadyAnswered);
        }
        let outcome = grade(q, &response)?;
        let now = self.clock.now_ms();
        let record = &mut self.records[index];
        if !already {
            record.time_ms += now.saturating_sub(self.shown_at_ms);
        }
        self.shown_at_ms = now;
        record.response = Some(response);
        record.skipped = false;
        Ok(record.outcome.insert(outcome))
    }

    /// Skips the current question (it can still be answered later) and moves on.
    pub fn skip(&mut self) {
        if self.is_finished() {
            return;
        }
        if let Some(r) = self.records.get_mut(self.current)
            && r.outcome.is_none()
        {
            r.skipped = true;
        }
        self.next_question();
    }

    /// Moves to the next item; false at the end.
    pub fn next_question(&mut self) -> bool {
        self.go_to(self.current + 1)
    }

    /// Moves to the previous item; false at the start.
    pub fn previous_question(&mut self) -> bool {
        self.current > 0 && self.go_to(self.current - 1)
    }

    /// Moves to item `index`; false if there is none.
    pub fn go_to(&mut self, index: usize) -> bool {
        if index >= self.items.len() || index == self.current {
            return index == self.current;
        }
        self.leave_current();
        self.current = index;
        if let Some(r) = self.records.get_mut(index) {
            r.seen = true;
        }
        true
    }

    fn leave_current(&mut self) {
        let now = self.clock.now_ms();
        if let Some(r) = self.records.get_mut(self.current)
            && r.outcome.is_none()
            && self.finished_ms.is_none()
        {
            r.time_ms += now.saturating_sub(self.shown_at_ms);
        }
        self.shown_at_ms = now;
    }

    /// The first unanswered item after the current one (wrapping), if any.
    pub fn next_unanswered(&self) -> Option<usize> {
        let n = self.items.len();
        (1..=n)
            .map(|k| (self.current + k) % n)
            .find(|&i| self.records[i].outcome.is_none())
    }

    /// Points earned and points possible over the answered questions whose feedback is visible.
    pub fn score_so_far(&self) -> (f64, u32) {
        (0..self.items.len())
            .filter(|&i| self.feedback_visible(i))
            .filter_map(|i| self.records[i].outcome.as_ref())
            .fold((0.0, 0), |(p, m), o| (p + o.points, m + o.max_points))
    }

    /// Whether item `index` counts in the results: every question of a test (it was set, seen
    /// or not), and in practice and review the questions that were shown or answered. A session
    /// ended early leaves out the questions it never reached: they were not asked, their answers
    /// are not revealed, and they are neither mistakes nor skips.
    pub fn counts(&self, index: usize) -> bool {
        self.config.mode == Mode::Test
            || self
                .records
                .get(index)
                .is_some_and(|r| r.seen || r.outcome.is_some())
    }

    /// How many questions the session never reached (see [`Session::counts`]).
    pub fn unreached(&self) -> usize {
        (0..self.items.len()).filter(|&i| !self.counts(i)).count()
    }

    /// Ends the session: unanswered questions that count ([`Session::counts`]) are skipped.
    pub fn finish(&mut self) -> Summary {
        if !self.is_finished() {
            self.leave_current();
            self.finished_ms = Some(self.clock.now_ms());
            let test = self.config.mode == Mode::Test;
            for (&item, record) in self.items.iter().zip(&mut self.records) {
                if record.outcome.is_none() && (test || record.seen) {
                    record.skipped = true;
                    if let Some(q) = self.bank.questions().get(item) {
                        record.outcome = Some(Outcome::skipped(q));
                    }
                }
            }
        }
        self.summary()
    }

    /// The results so far (final once [`Session::finish`] was called).
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            elapsed_ms: self
                .finished_ms
                .unwrap_or_else(|| self.clock.now_ms())
                .saturating_sub(self.started_ms),
            ..Summary::default()
        };
        let mut sections: Vec<SectionSummary> = Vec::new();
        for (index, (&item, record)) in self.items.iter().zip(&self.records).enumerate() {
            let Some(q) = self.bank.questions().get(item) else {
                continue;
            };
            if !self.counts(index) {
                summary.unreached += 1;
                continue;
            }
            let outcome = record.outcome.as_ref();
            let verdict = outcome.map_or(Verdict::Skipped, |o| o.verdict);
            let points = outcome.map_or(0.0, |o| o.points);
            summary.points += points;
            summary.max_points += q.points;
            summary.time_ms += record.time_ms;
            match verdict {
                Verdict::Correct => summary.correct += 1,
                Verdict::Partial => summary.partial += 1,
                Verdict::Wrong => summary.wrong += 1,
                Verdict::Skipped => summary.skipped += 1,
            }
            let name = q.section.clone().unwrap_or_default();
            let section = match sections.iter_mut().position(|s| s.section == name) {
                Some(i) => &mut sections[i],
                None => {
                    sections.push(SectionSummary {
                        section: name,
                        ..SectionSummary::default()
                    });
                    sections.last_mut().expect("just pushed")
                }
            };
            section.questions += 1;
            section.points += points;
            section.max_points += q.points;
            section.correct += usize::from(verdict == Verdict::Correct);
            summary.items.push(ItemSummary {
                index,
                question_id: q.id.clone(),
                verdict,
                score: outcome.map_or(0.0, |o| o.score),
                points,
                max_points: q.points,
                time_ms: record.time_ms,
            });
        }
        let order = |s: &SectionSummary| {
            self.bank
                .sections()
                .iter()
                .position(|x| *x == s.section)
                .unwrap_or(usize::MAX)
        };
        sections.sort_by_key(order);
        summary.sections = sections;
        summary.percent = if summary.max_points == 0 {
            0.0
        } else {
            100.0 * summary.points / f64::from(summary.max_points)
        };
        summary
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub points: f64,
    pub max_points: u32,
    pub percent: f64,
    pub correct: usize,
    pub partial: usize,
    pub wrong: usize,
    pub skipped: usize,
    /// Questions a practice or review session ended before reaching: not asked, so not in
    /// [`Summary::items`] nor in the points possible.
    pub unreached: usize,
    /// Time spent on questions before answering them.
    pub time_ms: u64,
    /// From the start of the session to its end (or now).
    pub elapsed_ms: u64,
    /// In the bank's section order; questions without a section under `""`.
    pub sections: Vec<SectionSummary>,
    pub items: Vec<ItemSummary>,
}

impl Summary {
    /// Ids of the questions not answered fully correctly, for "retry mistakes".
    pub fn mistakes(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.verdict != Verdict::Correct)
            .map(|i| i.question_id.clone())
            .collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SectionSummary {
    pub section: String,
    pub questions: usize,
    pub correct: usize,
    pub points: f64,
    pub max_points: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemSummary {
    /// The item's position in the session.
    pub index: usize,
    pub question_id: String,
    pub verdict: Verdict,
    pub score: f64,
    pub points: f64,
    pub max_points: u32,
    pub time_ms: u64,
}
