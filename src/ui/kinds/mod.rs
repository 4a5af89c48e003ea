//! The UI of each question kind: its draft (what the learner has entered before submitting),
//! its input widget, its marked rows after the answer, the digit shortcuts, and what the
//! presenter shows of it. One file per kind; this file holds the [`Draft`] enum and one
//! exhaustive `match` per operation.

pub mod cloze;
pub mod discussion;
pub mod matching;
pub mod multiple_select;
pub mod numeric;
pub mod ordering;
pub mod short_answer;
pub mod single_choice;
pub mod true_false;

use std::time::{Duration, Instant};

use egui::RichText;

use crate::bank::{Kind, Question};
use crate::classroom::Stage;
use crate::session::Response;

/// What the learner has entered for the current question, before submitting.
#[derive(Clone, Debug, PartialEq)]
pub enum Draft {
    Choice(Option<usize>),
    Choices(Vec<usize>),
    Bool(Option<bool>),
    Text(String),
    Number(String),
    /// Items in the learner's current order (bank indices).
    Order(Vec<usize>),
    /// For each left item, the chosen option (bank index).
    Matches(Vec<Option<usize>>),
    Rubric {
        revealed: bool,
        ticks: Vec<bool>,
    },
    /// Per gap of a cloze.
    Gaps(Vec<cloze::GapDraft>),
}

impl Draft {
    /// An empty draft for `q`, or the learner's earlier response to it.
    pub fn new(q: &Question, order: &[usize], earlier: Option<&Response>) -> Self {
        match &q.kind {
            Kind::SingleChoice(_) => single_choice::draft(earlier),
            Kind::MultipleSelect(_) => multiple_select::draft(earlier),
            Kind::TrueFalse(_) => true_false::draft(earlier),
            Kind::ShortAnswer(_) => short_answer::draft(earlier),
            Kind::Numeric(_) => numeric::draft(earlier),
            Kind::Ordering(_) => ordering::draft(order, earlier),
            Kind::Matching(m) => matching::draft(m, earlier),
            Kind::Discussion(d) => discussion::draft(d, earlier),
            Kind::Cloze(c) => cloze::draft(c, earlier),
        }
    }

    /// The response to submit, or what is missing.
    pub fn response(&self) -> Result<Response, &'static str> {
        match self {
            Draft::Choice(chosen) => single_choice::response(*chosen),
            Draft::Choices(v) => Ok(Response::Choices(v.clone())),
            Draft::Bool(chosen) => true_false::response(*chosen),
            Draft::Text(t) => short_answer::response(t),
            Draft::Number(t) => numeric::response(t),
            Draft::Order(v) => Ok(Response::Order(v.clone())),
            Draft::Matches(v) => matching::response(v),
            Draft::Rubric { revealed, ticks } => discussion::response(*revealed, ticks),
            Draft::Gaps(g) => cloze::response(g),
        }
    }
}

/// What an input widget may use besides its draft.
pub struct InputCx<'a> {
    /// The presentation order of the question.
    pub order: &'a [usize],
    /// Whether the text field was given the keyboard for this question already (once: after
    /// Esc the learner can use the letter shortcuts).
    pub autofocused: &'a mut bool,
    /// A discussion's countdown.
    pub countdown: &'a mut Option<Countdown>,
}

/// The input widget for `q` with its draft.
pub fn input_ui(ui: &mut egui::Ui, q: &Question, draft: &mut Draft, cx: InputCx<'_>) {
    match (&q.kind, draft) {
        (Kind::SingleChoice(c), Draft::Choice(chosen)) => {
            single_choice::input_ui(ui, c, chosen, &cx)
        }
        (Kind::MultipleSelect(c), Draft::Choices(t)) => multiple_select::input_ui(ui, c, t, &cx),
        (Kind::TrueFalse(_), Draft::Bool(chosen)) => true_false::input_ui(ui, chosen),
        (Kind::ShortAnswer(_), Draft::Text(text)) => short_answer::input_ui(ui, text, cx),
        (Kind::Numeric(n), Draft::Number(text)) => numeric::input_ui(ui, n, text, cx),
        (Kind::Ordering(items), Draft::Order(current)) => ordering::input_ui(ui, items, current),
        (Kind::Matching(m), Draft::Matches(chosen)) => matching::input_ui(ui, m, chosen, &cx),
        (Kind::Discussion(d), Draft::Rubric { revealed, ticks }) => {
            discussion::input_ui(ui, d, revealed, ticks, cx);
        }
        (Kind::Cloze(c), Draft::Gaps(gaps)) => cloze::input_ui(ui, c, gaps, cx),
        // A draft always belongs to its question (`Draft::new`); nothing to draw otherwise.
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
        ) => {}
    }
}

/// After the answer: the learner's answer as marked text, each row marked in words (never by
/// colour alone). Returns false for kinds whose answer is shown by the feedback alone.
pub fn revealed_ui(ui: &mut egui::Ui, q: &Question, order: &[usize], response: &Response) -> bool {
    let rows = match &q.kind {
        Kind::SingleChoice(c) | Kind::MultipleSelect(c) => {
            single_choice::revealed_rows(c, order, response)
        }
        Kind::TrueFalse(tf) => true_false::revealed_rows(tf, response),
        Kind::Cloze(c) => return cloze::revealed_ui(ui, c, order, response),
        Kind::ShortAnswer(_)
        | Kind::Numeric(_)
        | Kind::Ordering(_)
        | Kind::Matching(_)
        | Kind::Discussion(_) => return false,
    };
    if rows.is_empty() {
        return false;
    }
    for row in rows {
        row.ui(ui);
    }
    true
}

/// Digit `n` (0-based) picks or toggles the n-th option shown.
pub fn pick(draft: &mut Draft, order: &[usize], n: usize) {
    match draft {
        Draft::Choice(chosen) => single_choice::pick(chosen, order, n),
        Draft::Choices(ticked) => multiple_select::pick(ticked, order, n),
        Draft::Bool(chosen) => true_false::pick(chosen, n),
        Draft::Text(_)
        | Draft::Number(_)
        | Draft::Order(_)
        | Draft::Matches(_)
        | Draft::Rubric { .. }
        | Draft::Gaps(_) => {}
    }
}

/// Type sizes of the presenter, from one unit: the window gives the unit the type would have
/// with room to spare ([`Sizes::unit_for_space`]), and the presenter shrinks it until the slide
/// fits, down to [`Sizes::MIN_UNIT`].
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub prompt: f32,
    pub choice: f32,
    pub body: f32,
    pub small: f32,
}

impl Sizes {
    /// The smallest unit the presenter shrinks to so that a slide fits (body text 14.4 px,
    /// choices 17.6 px, the prompt 23.2 px, small print 12 px); below it the slide scrolls.
    pub const MIN_UNIT: f32 = 16.0;

    /// The unit for a window of `size`: what reads from the back of a room (12 to 60 px).
    pub fn unit_for_space(size: egui::Vec2) -> f32 {
        (size.y / 20.0).min(size.x / 32.0).clamp(12.0, 60.0)
    }

    /// Text sizes scaled to the space: what reads from the back of a room at any window size.
    pub fn for_space(size: egui::Vec2) -> Self {
        Self::for_unit(Self::unit_for_space(size))
    }

    /// Text sizes from one unit.
    pub fn for_unit(unit: f32) -> Self {
        Self {
            prompt: unit * 1.45,
            choice: unit * 1.1,
            body: unit * 0.9,
            small: (unit * 0.6).max(12.0),
        }
    }
}

/// What the presenter shows of the question below its prompt and above the tally, at `stage`.
pub fn presenter_body_ui(
    ui: &mut egui::Ui,
    q: &Question,
    stage: Stage,
    order: &[usize],
    sizes: &Sizes,
) {
    match &q.kind {
        Kind::Discussion(d) => discussion::presenter_ui(ui, d, stage, sizes),
        Kind::Ordering(items) => ordering::presenter_ui(ui, items, stage, order, sizes),
        Kind::Matching(m) => matching::presenter_ui(ui, m, stage, order, sizes),
        Kind::Cloze(c) => cloze::presenter_ui(ui, c, stage, order, sizes),
        Kind::SingleChoice(_)
        | Kind::MultipleSelect(_)
        | Kind::TrueFalse(_)
        | Kind::ShortAnswer(_)
        | Kind::Numeric(_) => {}
    }
}

/// The answer the presenter shows once revealed, for kinds whose tally rows are not the options
/// themselves.
pub fn presenter_answer_ui(ui: &mut egui::Ui, q: &Question, order: &[usize], size: f32) {
    let lines = match &q.kind {
        Kind::Matching(m) => matching::presenter_answer(m, order),
        Kind::Ordering(items) => ordering::presenter_answer(items),
        Kind::SingleChoice(_)
        | Kind::MultipleSelect(_)
        | Kind::TrueFalse(_)
        | Kind::ShortAnswer(_)
        | Kind::Numeric(_)
        | Kind::Discussion(_)
        | Kind::Cloze(_) => vec![format!("Answer: {}", q.kind.correct_answer())],
    };
    for text in lines {
        ui.add(
            egui::Label::new(RichText::new(text).size(size).strong().color(CORRECT_COLOR)).wrap(),
        );
    }
}

/// Green that reads on light and dark backgrounds.
pub const CORRECT_COLOR: egui::Color32 = egui::Color32::from_rgb(22, 150, 70);

/// Big enough to hit on a projector, readable at 800×600.
pub fn answer_text(text: &str) -> RichText {
    RichText::new(text).size(17.0)
}

/// One row of a revealed answer: its text, whether it is right, whether the learner chose it.
pub struct MarkedRow {
    pub text: String,
    pub correct: bool,
    pub chosen: bool,
}

impl MarkedRow {
    fn ui(&self, ui: &mut egui::Ui) {
        let note = match (self.correct, self.chosen) {
            (true, true) => "   correct, your answer",
            (true, false) => "   correct",
            (false, true) => "   your answer",
            (false, false) => "",
        };
        let mut line = answer_text(&format!("{}{note}", self.text));
        if self.correct {
            line = line.color(CORRECT_COLOR).strong();
        } else if self.chosen {
            line = line.color(ui.visuals().error_fg_color);
        }
        ui.label(line);
    }
}

/// A countdown for discussion prompts that can be started, paused and extended.
#[derive(Clone, Debug)]
pub struct Countdown {
    pub total: Duration,
    /// Time used before the current run.
    used: Duration,
    running_since: Option<Instant>,
}

impl Countdown {
    pub fn new(minutes: u32) -> Self {
        Self {
            total: Duration::from_secs(u64::from(minutes) * 60),
            used: Duration::ZERO,
            running_since: None,
        }
    }

    pub fn remaining(&self) -> Duration {
        let running = self.running_since.map_or(Duration::ZERO, |t| t.elapsed());
        self.total.saturating_sub(self.used + running)
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn toggle(&mut self) {
        match self.running_since.take() {
            Some(since) => self.used += since.elapsed(),
            None => self.running_since = Some(Instant::now()),
        }
    }
}

/// Gives a text field the keyboard once per question.
fn autofocus(edit: &egui::Response, autofocused: &mut bool) {
    if !std::mem::replace(autofocused, true) {
        edit.request_focus();
    }
}
