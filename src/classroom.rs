//! A lesson run from the front of a classroom: one question at a time on a projector, an
//! optional countdown, the class's answers tallied by the teacher, a reveal, the explanation and
//! source, and points for teams.
//!
//! Plain Rust with no UI: the presenter screen (`ui::presenter`) draws a [`Lesson`] and turns
//! keys and clicks into calls on it. Time is passed in as seconds (`now`) from whatever clock
//! the caller has (egui's input time in the app, any number in tests), so countdowns are pure.

use std::sync::Arc;

use crate::bank::{Bank, Question};
use crate::csvio;
use crate::session::{Item, SessionConfig, SessionError, grade, plan};

/// The most teams a lesson can have (keys 1–8 award their points).
pub const MAX_TEAMS: usize = 8;

/// Colour names that double as default team names: easy to call out in a room.
pub const TEAM_NAMES: [&str; MAX_TEAMS] = [
    "Red", "Blue", "Green", "Yellow", "Purple", "Orange", "Teal", "Grey",
];

/// How a lesson runs, chosen on the setup screen.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LessonConfig {
    /// Seconds per question, or none (no time pressure). Discussion prompts use their own
    /// suggested minutes when they have them.
    pub timer_secs: Option<u32>,
    /// Team names; empty for no teams, else 2 to [`MAX_TEAMS`].
    pub teams: Vec<String>,
}

impl Default for LessonConfig {
    fn default() -> Self {
        Self {
            timer_secs: Some(60),
            teams: Vec::new(),
        }
    }
}

/// A countdown that can be paused, extended and shortened. Times are seconds on the caller's
/// clock.
#[derive(Clone, Debug, PartialEq)]
pub struct Countdown {
    total: f64,
    /// Seconds used before the current run.
    used: f64,
    running_since: Option<f64>,
}

impl Countdown {
    /// A stopped countdown of `secs` seconds.
    pub fn new(secs: f64) -> Self {
        Self {
            total: secs.max(0.0),
            used: 0.0,
            running_since: None,
        }
    }

    pub fn total(&self) -> f64 {
        self.total
    }

    pub fn remaining(&self, now: f64) -> f64 {
        let running = self.running_since.map_or(0.0, |t| (now - t).max(0.0));
        (self.total - self.used - running).max(0.0)
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn is_over(&self, now: f64) -> bool {
        self.remaining(now) <= 0.0
    }

    pub fn start(&mut self, now: f64) {
        if self.running_since.is_none() && !self.is_over(now) {
            self.running_since = Some(now);
        }
    }

    pub fn pause(&mut self, now: f64) {
        if let Some(since) = self.running_since.take() {
            self.used += (now - since).max(0.0);
        }
    }

    pub fn toggle(&mut self, now: f64) {
        if self.is_running() {
            self.pause(now);
        } else {
            self.start(now);
        }
    }

    /// Adds (or with a negative number, takes away) time. Taking away never goes below zero
    /// remaining; adding to an expired countdown gives it that much time again.
    pub fn add(&mut self, secs: f64, now: f64) {
        let remaining = self.remaining(now);
        let change = secs.max(-remaining);
        if remaining <= 0.0 && secs > 0.0 {
            // Restart from nothing left rather than from minus however long it sat expired.
            self.pause(now);
            self.total = self.used;
        }
        self.total += change;
        if self.is_over(now) {
            self.pause(now);
        }
    }

    /// Whole seconds left, rounded up (what a clock on the wall would show).
    pub fn display_secs(&self, now: f64) -> u64 {
        self.remaining(now).ceil() as u64
    }

    /// Seconds until the shown number changes (for scheduling a repaint), if running.
    pub fn next_change_in(&self, now: f64) -> Option<f64> {
        if !self.is_running() || self.is_over(now) {
            return None;
        }
        let remaining = self.remaining(now);
        let frac = remaining - remaining.floor();
        Some(if frac <= 1e-6 { 1.0 } else { frac })
    }
}

/// Where one question is in the reveal sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The question is up; the class answers; the teacher may tally.
    Asking,
    /// Discussion prompts: this many rubric points are shown (1..=n).
    Rubric(usize),
    /// The correct answer is shown (with the tally coloured by it).
    Revealed,
    /// The explanation and the cited passage (for discussions: the model answer) are shown.
    Explained,
}

pub use crate::kinds::TallyRow;

/// The rows the class's answers are counted in for `q` presented in `order`.
pub fn tally_rows(q: &Question, order: &[usize]) -> Vec<TallyRow> {
    q.kind.tally_rows(order)
}

/// The letter shown for row `i` (A, B, …).
pub fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

/// Per-question state of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Slide {
    pub stage: Stage,
    /// Counts per tally row.
    pub tally: Vec<u32>,
    /// Whether the tally is shown as a bar chart.
    pub chart_shown: bool,
    pub countdown: Option<Countdown>,
    /// Points per team for this question.
    pub awarded: Vec<u32>,
    /// Whether the countdown was started when the slide was first shown.
    started: bool,
}

/// A lesson: the questions of a seeded session, presented one at a time.
pub struct Lesson {
    bank: Arc<Bank>,
    config: SessionConfig,
    lesson: LessonConfig,
    items: Vec<Item>,
    slides: Vec<Slide>,
    index: usize,
    pub scoreboard_shown: bool,
}

impl Lesson {
    /// The lesson for `bank` with `config` (the same questions and orders as a session with that
    /// seed, so a handout of version A follows along).
    pub fn new(
        bank: Arc<Bank>,
        config: SessionConfig,
        lesson: LessonConfig,
        now: f64,
    ) -> Result<Self, SessionError> {
        let (items, _) = plan(&bank, &config)?;
        let teams = lesson.teams.len().min(MAX_TEAMS);
        let slides = items
            .iter()
            .map(|item| {
                let q = &bank.questions()[item.question];
                let secs = q
                    .kind
                    .minutes()
                    .map(|m| f64::from(m) * 60.0)
                    .or(lesson.timer_secs.map(f64::from));
                Slide {
                    stage: Stage::Asking,
                    tally: vec![0; tally_rows(q, &item.order).len()],
                    chart_shown: false,
                    countdown: secs.map(Countdown::new),
                    awarded: vec![0; teams],
                    started: false,
                }
            })
            .collect();
        let mut lesson = Self {
            bank,
            config,
            lesson: LessonConfig {
                teams: lesson.teams.into_iter().take(MAX_TEAMS).collect(),
                ..lesson
            },
            items,
            slides,
            index: 0,
            scoreboard_shown: false,
        };
        lesson.arrive(now);
        Ok(lesson)
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

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn teams(&self) -> &[String] {
        &self.lesson.teams
    }

    pub fn question(&self) -> &Question {
        &self.bank.questions()[self.items[self.index].question]
    }

    pub fn question_at(&self, index: usize) -> Option<&Question> {
        self.items
            .get(index)
            .map(|item| &self.bank.questions()[item.question])
    }

    /// The presentation order of the current question (see [`Item::order`]).
    pub fn order(&self) -> &[usize] {
        &self.items[self.index].order
    }

    pub fn slide(&self) -> &Slide {
        &self.slides[self.index]
    }

    pub fn slide_at(&self, index: usize) -> Option<&Slide> {
        self.slides.get(index)
    }

    fn slide_mut(&mut self) -> &mut Slide {
        &mut self.slides[self.index]
    }

    pub fn rows(&self) -> Vec<TallyRow> {
        tally_rows(self.question(), self.order())
    }

    /// The tally rows of question `index`.
    pub fn rows_at(&self, index: usize) -> Vec<TallyRow> {
        self.items
            .get(index)
            .map(|item| tally_rows(&self.bank.questions()[item.question], &item.order))
            .unwrap_or_default()
    }

    /// Starts the countdown the first time a question is shown.
    fn arrive(&mut self, now: f64) {
        let slide = self.slide_mut();
        if !slide.started {
            slide.started = true;
            if let Some(c) = &mut slide.countdown {
                c.start(now);
            }
        }
    }

    /// The next step (space): reveal, next rubric point, explanation, then the next question.
    /// Returns false at the very end.
    pub fn step(&mut self, now: f64) -> bool {
        let rubric_len = self.question().kind.rubric_points().map(<[_]>::len);
        let slide = self.slide_mut();
        let next = match (slide.stage, rubric_len) {
            (Stage::Asking, Some(n)) if n > 0 => Stage::Rubric(1),
            (Stage::Rubric(k), Some(n)) if k < n => Stage::Rubric(k + 1),
            (Stage::Rubric(_), _) => Stage::Explained,
            (Stage::Asking, _) => Stage::Revealed,
            (Stage::Revealed, _) => Stage::Explained,
            (Stage::Explained, _) => return self.next(now),
        };
        if next != Stage::Asking
            && let Some(c) = &mut slide.countdown
            && rubric_len.is_none()
        {
            // The answers are in: stop the clock (a discussion's keeps going while the rubric
            // is read out).
            c.pause(now);
        }
        slide.stage = next;
        true
    }

    /// The previous step of this question (Backspace): hides what was last revealed.
    pub fn step_back(&mut self) {
        let rubric_len = self.question().kind.rubric_points().map(<[_]>::len);
        let slide = self.slide_mut();
        slide.stage = match (slide.stage, rubric_len) {
            (Stage::Asking | Stage::Rubric(1) | Stage::Revealed, _) => Stage::Asking,
            (Stage::Rubric(k), _) => Stage::Rubric(k - 1),
            (Stage::Explained, Some(n)) if n > 0 => Stage::Rubric(n),
            (Stage::Explained, Some(_)) => Stage::Asking,
            (Stage::Explained, None) => Stage::Revealed,
        };
    }

    /// To the next question; false at the last one.
    pub fn next(&mut self, now: f64) -> bool {
        if self.index + 1 >= self.items.len() {
            return false;
        }
        self.leave(now);
        self.index += 1;
        self.arrive(now);
        true
    }

    /// To the previous question (its state kept); false at the first one.
    pub fn previous(&mut self, now: f64) -> bool {
        if self.index == 0 {
            return false;
        }
        self.leave(now);
        self.index -= 1;
        true
    }

    /// Jumps to question `index`.
    pub fn go_to(&mut self, index: usize, now: f64) -> bool {
        if index >= self.items.len() || index == self.index {
            return false;
        }
        self.leave(now);
        self.index = index;
        self.arrive(now);
        true
    }

    /// A question left behind keeps its remaining time, paused.
    fn leave(&mut self, now: f64) {
        if let Some(c) = &mut self.slide_mut().countdown {
            c.pause(now);
        }
    }

    pub fn is_last(&self) -> bool {
        self.index + 1 == self.items.len()
    }

    /// Starts or pauses the countdown; a question without one gets one of a minute.
    pub fn toggle_timer(&mut self, now: f64) {
        let slide = self.slide_mut();
        match &mut slide.countdown {
            Some(c) => c.toggle(now),
            None => {
                let mut c = Countdown::new(60.0);
                c.start(now);
                slide.countdown = Some(c);
            }
        }
    }

    /// Adds (or takes away) time on the current question's countdown.
    pub fn add_time(&mut self, secs: f64, now: f64) {
        let slide = self.slide_mut();
        match &mut slide.countdown {
            Some(c) => c.add(secs, now),
            None if secs > 0.0 => slide.countdown = Some(Countdown::new(secs)),
            None => {}
        }
    }

    /// Removes the countdown from the current question (no time pressure).
    pub fn clear_timer(&mut self) {
        self.slide_mut().countdown = None;
    }

    /// Changes the count of tally row `row` by `delta` (never below zero).
    pub fn tally(&mut self, row: usize, delta: i32) {
        if let Some(n) = self.slide_mut().tally.get_mut(row) {
            *n = n.saturating_add_signed(delta);
        }
    }

    /// Sets the count of tally row `row`.
    pub fn set_tally(&mut self, row: usize, count: u32) {
        if let Some(n) = self.slide_mut().tally.get_mut(row) {
            *n = count;
        }
    }

    pub fn toggle_chart(&mut self) {
        let slide = self.slide_mut();
        slide.chart_shown = !slide.chart_shown;
    }

    /// Gives (or with a negative number, takes back) points to team `team` for this question.
    pub fn award(&mut self, team: usize, delta: i32) {
        if let Some(p) = self.slide_mut().awarded.get_mut(team) {
            *p = p.saturating_add_signed(delta);
        }
    }

    /// Every team's total so far, in team order.
    pub fn totals(&self) -> Vec<u32> {
        (0..self.lesson.teams.len())
            .map(|t| self.slides.iter().map(|s| s.awarded[t]).sum())
            .collect()
    }

    /// Teams by total, highest first (ties keep team order), as (team index, total).
    pub fn standings(&self) -> Vec<(usize, u32)> {
        let mut s: Vec<(usize, u32)> = self.totals().into_iter().enumerate().collect();
        s.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s
    }

    /// The class tallies and team points as CSV: one row per question. Written by
    /// [`crate::csvio`], so team names and answers that look like formulas are guarded.
    pub fn results_csv(&self) -> String {
        let mut out = String::new();
        let header = [
            "number",
            "question",
            "kind",
            "correct_answer",
            "answers",
            "right",
            "percent_right",
            "tally",
        ]
        .map(str::to_owned)
        .into_iter()
        .chain(self.lesson.teams.iter().map(|team| format!("team {team}")))
        .collect::<Vec<_>>();
        csvio::push_row_in(
            &mut out,
            csvio::Dialect::EXPORT,
            header.iter().map(String::as_str),
        );
        for (i, (item, slide)) in self.items.iter().zip(&self.slides).enumerate() {
            let q = &self.bank.questions()[item.question];
            let rows = tally_rows(q, &item.order);
            let (answers, right) = class_right(&rows, &slide.tally);
            let percent = if answers > 0 && q.kind.tally_has_one_answer() {
                format!("{:.0}", 100.0 * f64::from(right) / f64::from(answers))
            } else {
                String::new()
            };
            let tally = rows
                .iter()
                .zip(&slide.tally)
                .enumerate()
                .map(|(r, (row, n))| format!("{} {}: {n}", letter(r), row.label))
                .collect::<Vec<_>>()
                .join("; ");
            let row = [
                (i + 1).to_string(),
                q.id.clone(),
                q.kind.name().as_str().to_owned(),
                grade::correct_answer(q),
                answers.to_string(),
                right.to_string(),
                percent,
                tally,
            ]
            .into_iter()
            .chain(slide.awarded.iter().map(u32::to_string))
            .collect::<Vec<_>>();
            csvio::push_row_in(
                &mut out,
                csvio::Dialect::EXPORT,
                row.iter().map(String::as_str),
            );
        }
        out
    }
}

/// How many answers were tallied, and how many of them right. For multiple select the counts
/// are ticks, so "right" counts ticks of correct choices.
pub fn class_right(rows: &[TallyRow], tally: &[u32]) -> (u32, u32) {
    let answers = tally.iter().sum();
    let right = rows
        .iter()
        .zip(tally)
        .filter(|(r, _)| r.correct == Some(true))
        .map(|(_, n)| n)
        .sum();
    (answers, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_pauses_extends_and_stops_at_zero() {
        let mut c = Countdown::new(60.0);
        assert_eq!(c.remaining(100.0), 60.0);
        c.start(100.0);
        assert_eq!(c.display_secs(110.5), 50);
        c.pause(110.5);
        assert_eq!(c.remaining(500.0), 49.5);
        c.add(30.0, 500.0);
        assert_eq!(c.remaining(500.0), 79.5);
        c.add(-100.0, 500.0);
        assert_eq!(c.remaining(500.0), 0.0);
        assert!(c.is_over(500.0));
        c.start(500.0);
        assert!(!c.is_running(), "an expired countdown does not run");
        c.add(20.0, 600.0);
        assert_eq!(c.remaining(600.0), 20.0);
        c.start(600.0);
        assert_eq!(c.display_secs(601.2), 19);
        assert!((c.next_change_in(601.2).unwrap_or(0.0) - 0.8).abs() < 1e-9);
        assert_eq!(c.remaining(700.0), 0.0);
        assert_eq!(c.next_change_in(700.0), None);
        assert_eq!(crate::format::clock(125), "2:05");
    }
}
