//! The question screen: progress, the prompt, the right input for each kind, hint, skip and
//! submit, and the feedback with the cited passage.

use std::time::{Duration, Instant};

use super::Command;
use crate::bank::{Kind, Question};
use crate::session::{Mode, Outcome, Response, Session, Verdict};

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
}

impl Draft {
    /// An empty draft for `q`, or the learner's earlier response to it.
    fn new(q: &Question, order: &[usize], earlier: Option<&Response>) -> Self {
        match (&q.kind, earlier) {
            (_, Some(Response::Choice(i))) => Draft::Choice(Some(*i)),
            (_, Some(Response::Choices(v))) => Draft::Choices(v.clone()),
            (_, Some(Response::Bool(b))) => Draft::Bool(Some(*b)),
            (_, Some(Response::Text(t))) => Draft::Text(t.clone()),
            (_, Some(Response::Number(t))) => Draft::Number(t.clone()),
            (_, Some(Response::Order(v))) => Draft::Order(v.clone()),
            (_, Some(Response::Matches(v))) => Draft::Matches(v.clone()),
            (_, Some(Response::Rubric(v))) => Draft::Rubric {
                revealed: true,
                ticks: v.clone(),
            },
            (Kind::SingleChoice(_), None) => Draft::Choice(None),
            (Kind::MultipleSelect(_), None) => Draft::Choices(Vec::new()),
            (Kind::TrueFalse(_), None) => Draft::Bool(None),
            (Kind::ShortAnswer(_), None) => Draft::Text(String::new()),
            (Kind::Numeric(_), None) => Draft::Number(String::new()),
            (Kind::Ordering(_), None) => Draft::Order(order.to_vec()),
            (Kind::Matching(m), None) => Draft::Matches(vec![None; m.pairs.len()]),
            (Kind::Discussion(d), None) => Draft::Rubric {
                revealed: false,
                ticks: vec![false; d.rubric.len()],
            },
        }
    }

    /// The response to submit, or what is missing.
    pub fn response(&self) -> Result<Response, &'static str> {
        match self {
            Draft::Choice(Some(i)) => Ok(Response::Choice(*i)),
            Draft::Choice(None) => Err("Pick an answer first."),
            Draft::Choices(v) => Ok(Response::Choices(v.clone())),
            Draft::Bool(Some(b)) => Ok(Response::Bool(*b)),
            Draft::Bool(None) => Err("Pick True or False first."),
            Draft::Text(t) if t.trim().is_empty() => Err("Type an answer first."),
            Draft::Text(t) => Ok(Response::Text(t.clone())),
            Draft::Number(t) if t.trim().is_empty() => Err("Type a number first."),
            Draft::Number(t) => Ok(Response::Number(t.clone())),
            Draft::Order(v) => Ok(Response::Order(v.clone())),
            Draft::Matches(v) if v.iter().all(Option::is_none) => {
                Err("Choose a partner for at least one item first.")
            }
            Draft::Matches(v) => Ok(Response::Matches(v.clone())),
            Draft::Rubric {
                revealed: false, ..
            } => Err(
                "Answer the prompt, then show the model answer and tick what your answer covered.",
            ),
            Draft::Rubric { ticks, .. } => Ok(Response::Rubric(ticks.clone())),
        }
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

pub struct QuestionState {
    pub entry: usize,
    pub session: Session,
    pub draft: Draft,
    /// Why the last submit did not go through.
    pub error: Option<String>,
    pub hint_shown: bool,
    pub countdown: Option<Countdown>,
    /// The question index the draft belongs to.
    draft_for: usize,
    /// Self-ratings given after the reveal, by item (review mode).
    pub ratings: std::collections::HashMap<usize, crate::progress::review::SelfRating>,
    /// This session is written to the learner's history (not when no learner is chosen); the
    /// recording is [`crate::app::Learners`]'.
    pub recorded: bool,
    /// Whether the answer field was given the keyboard for this question (once: after Esc
    /// the learner can use the letter shortcuts).
    autofocused: bool,
    /// The bank's file changed on disk during the session: `Some(true)` if the new version
    /// loads, `Some(false)` if it now has errors. The session goes on with the version it began.
    pub bank_changed: Option<bool>,
    /// Trying a question from the editor: Esc or the end returns there.
    pub trying: bool,
}

impl QuestionState {
    pub fn new(entry: usize, session: Session) -> Self {
        let mut state = Self {
            entry,
            draft: Draft::Choice(None),
            session,
            error: None,
            hint_shown: false,
            countdown: None,
            draft_for: usize::MAX,
            autofocused: false,
            recorded: false,
            ratings: std::collections::HashMap::new(),
            bank_changed: None,
            trying: false,
        };
        state.sync_draft();
        state
    }

    /// Makes the draft belong to the current question (after moving).
    fn sync_draft(&mut self) {
        let index = self.session.current_index();
        if self.draft_for == index {
            return;
        }
        self.draft_for = index;
        self.error = None;
        self.hint_shown = false;
        self.autofocused = false;
        let Some(q) = self.session.current_question() else {
            return;
        };
        let earlier = self
            .session
            .current_record()
            .and_then(|r| r.response.as_ref());
        self.countdown = match &q.kind {
            Kind::Discussion(d) => d.minutes.map(Countdown::new),
            _ => None,
        };
        self.draft = Draft::new(q, self.session.current_order(), earlier);
    }

    /// The outcome to show for the current question, if feedback is visible.
    pub fn visible_outcome(&self) -> Option<&Outcome> {
        let i = self.session.current_index();
        if self.session.feedback_visible(i) {
            self.session
                .records()
                .get(i)
                .and_then(|r| r.outcome.as_ref())
        } else {
            None
        }
    }

    pub fn run(&mut self, command: Command) {
        match command {
            Command::Answer(response) => match self.session.answer(response) {
                Ok(_) => {
                    self.error = None;
                    // In a test there is nothing to read after answering: move on.
                    if self.session.config().mode == Mode::Test
                        && let Some(next) = self.session.next_unanswered()
                        && next > self.session.current_index()
                    {
                        self.session.go_to(next);
                    }
                }
                Err(e) => self.error = Some(capitalize(&e.to_string())),
            },
            Command::Skip => self.session.skip(),
            Command::Next => {
                self.session.next_question();
            }
            Command::Previous => {
                self.session.previous_question();
            }
            _ => {}
        }
        self.sync_draft();
    }

    fn is_last(&self) -> bool {
        self.session.current_index() + 1 >= self.session.len()
    }

    fn answered(&self) -> bool {
        self.session
            .current_record()
            .is_some_and(|r| r.outcome.is_some())
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

pub fn ui(ui: &mut egui::Ui, state: &mut QuestionState, commands: &mut Vec<Command>) {
    state.sync_draft();
    let Some(question) = state.session.current_question().cloned() else {
        return;
    };
    let index = state.session.current_index();
    let order = state.session.current_order().to_vec();
    let outcome = state.visible_outcome().cloned();
    let locked = outcome.is_some();

    header_ui(ui, state);
    if state.trying {
        ui.label(
            egui::RichText::new("Trying a question from the editor: Esc goes back to it.")
                .color(ui.visuals().warn_fg_color),
        );
    }
    if let Some(usable) = state.bank_changed {
        changed_ui(ui, state, usable, commands);
    }
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(&question.prompt).size(22.0).strong());
            ui.add_space(10.0);
            let response = state
                .session
                .current_record()
                .and_then(|r| r.response.clone());
            if locked
                && let Some(response) = &response
                && revealed_choices_ui(ui, &question, &order, response)
            {
                // Choices shown as marked text: no faded widgets to squint at.
            } else {
                ui.add_enabled_ui(!locked, |ui| input_ui(ui, state, &question, &order));
            }
            ui.add_space(8.0);
            if let Some(hint) = &question.hint {
                if state.hint_shown {
                    ui.label(egui::RichText::new(format!("Hint: {hint}")).italics());
                } else if !locked && ui.button("Show hint (H)").clicked() {
                    state.hint_shown = true;
                }
            }
            if let Some(error) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.add_space(8.0);
            buttons_ui(ui, state, locked, commands);
            if let Some(outcome) = &outcome {
                ui.add_space(12.0);
                feedback_ui(ui, state.entry, &question, outcome, commands);
                let rating_wanted =
                    matches!(state.session.config().mode, Mode::Review { .. }) && state.recorded;
                if rating_wanted {
                    rating_ui(
                        ui,
                        state.ratings.get(&state.session.current_index()).copied(),
                        commands,
                    );
                }
            }
        });
    keys(ui.ctx(), state, &question, &order, locked, commands);
    let _ = index;
}

/// The bank's file changed on disk: offer to start again with the new version, or go on.
fn changed_ui(
    ui: &mut egui::Ui,
    state: &mut QuestionState,
    usable: bool,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                if usable {
                    ui.label("The bank's file changed on disk.");
                    if ui.button("Restart with the new version").clicked() {
                        commands.push(Command::Start {
                            entry: state.entry,
                            config: state.session.config().clone(),
                        });
                    }
                } else {
                    ui.label(
                        "The bank's file changed on disk and now has errors (see the problems below). This session goes on with the version it started with.",
                    );
                }
                if ui.button("Keep going").clicked() {
                    state.bank_changed = None;
                }
            });
        });
}

fn header_ui(ui: &mut egui::Ui, state: &QuestionState) {
    let s = &state.session;
    let n = s.current_index() + 1;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(format!("Question {n} of {}", s.len())).strong());
        if s.config().mode.feedback_after_each() {
            let (points, max) = s.score_so_far();
            ui.label(format!("· Score so far: {} of {max}", trim_number(points)));
        } else {
            let answered = s.records().iter().filter(|r| r.outcome.is_some()).count();
            ui.label(format!("· Test: {answered} answered, feedback at the end"));
        }
        if let Some(q) = s.current_question() {
            let mut meta = vec![q.kind.name().label().to_owned(), q.difficulty.to_string()];
            meta.extend(q.section.clone());
            ui.label(egui::RichText::new(format!("· {}", meta.join(" · "))).weak());
        }
    });
    ui.add(egui::ProgressBar::new(n as f32 / s.len().max(1) as f32).desired_height(6.0));
}

/// After the answer, the choices as text: the correct ones in green, a wrong one the learner
/// picked in red. Returns false for kinds that have no choices.
fn revealed_choices_ui(
    ui: &mut egui::Ui,
    q: &Question,
    order: &[usize],
    response: &Response,
) -> bool {
    let picked = |i: usize| match response {
        Response::Choice(c) => *c == i,
        Response::Choices(v) => v.contains(&i),
        _ => false,
    };
    let rows: Vec<(String, bool, bool)> = match &q.kind {
        Kind::SingleChoice(choices) | Kind::MultipleSelect(choices) => order
            .iter()
            .enumerate()
            .filter_map(|(pos, &i)| {
                choices
                    .get(i)
                    .map(|c| (format!("{}. {}", pos + 1, c.text), c.correct, picked(i)))
            })
            .collect(),
        Kind::TrueFalse(tf) => {
            let chose = |b: bool| matches!(response, Response::Bool(x) if *x == b);
            vec![
                ("1. True".into(), tf.answer, chose(true)),
                ("2. False".into(), !tf.answer, chose(false)),
            ]
        }
        _ => return false,
    };
    for (text, correct, chosen) in rows {
        let note = match (correct, chosen) {
            (true, true) => "   correct, your answer",
            (true, false) => "   correct",
            (false, true) => "   your answer",
            (false, false) => "",
        };
        let mut line = answer_text(&format!("{text}{note}"));
        if correct {
            line = line.color(CORRECT_COLOR).strong();
        } else if chosen {
            line = line.color(ui.visuals().error_fg_color);
        }
        ui.label(line);
    }
    true
}

/// Green that reads on light and dark backgrounds.
pub const CORRECT_COLOR: egui::Color32 = egui::Color32::from_rgb(22, 150, 70);

/// Big enough to hit on a projector, readable at 800×600.
fn answer_text(text: &str) -> egui::RichText {
    egui::RichText::new(text).size(17.0)
}

fn input_ui(ui: &mut egui::Ui, state: &mut QuestionState, q: &Question, order: &[usize]) {
    match (&q.kind, &mut state.draft) {
        (Kind::SingleChoice(choices), Draft::Choice(chosen)) => {
            for (pos, &i) in order.iter().enumerate() {
                let label = answer_text(&format!("{}. {}", pos + 1, choices[i].text));
                ui.radio_value(chosen, Some(i), label);
            }
        }
        (Kind::MultipleSelect(choices), Draft::Choices(ticked)) => {
            ui.label(egui::RichText::new("Tick every answer that applies.").weak());
            for (pos, &i) in order.iter().enumerate() {
                let mut on = ticked.contains(&i);
                let label = answer_text(&format!("{}. {}", pos + 1, choices[i].text));
                if ui.checkbox(&mut on, label).changed() {
                    toggle(ticked, i, on);
                }
            }
        }
        (Kind::TrueFalse(_), Draft::Bool(chosen)) => {
            ui.radio_value(chosen, Some(true), answer_text("1. True"));
            ui.radio_value(chosen, Some(false), answer_text("2. False"));
        }
        (Kind::ShortAnswer(_), Draft::Text(text)) => {
            let label = ui.label("Your answer:");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .font(egui::TextStyle::Heading)
                        .desired_width(420.0),
                )
                .labelled_by(label.id);
            if !std::mem::replace(&mut state.autofocused, true) {
                edit.request_focus();
            }
        }
        (Kind::Numeric(n), Draft::Number(text)) => {
            ui.horizontal(|ui| {
                let label = ui.label("Your answer:");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .font(egui::TextStyle::Heading)
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                if let Some(unit) = &n.unit {
                    ui.label(answer_text(unit));
                }
                if !std::mem::replace(&mut state.autofocused, true) {
                    edit.request_focus();
                }
            });
        }
        (Kind::Ordering(items), Draft::Order(current)) => {
            ui.label(
                egui::RichText::new(
                    "Put the items in order: first at the top. Use the arrows, or drag an item.",
                )
                .weak(),
            );
            ordering_ui(ui, items, current);
        }
        (Kind::Matching(m), Draft::Matches(chosen)) => {
            let options: Vec<&str> = m.options().collect();
            egui::Grid::new("matching")
                .num_columns(2)
                .spacing([16.0, 8.0])
                .show(ui, |ui| {
                    for (row, (left, _)) in m.pairs.iter().enumerate() {
                        let label = ui.label(answer_text(left));
                        let selected = chosen[row]
                            .and_then(|o| options.get(o).copied())
                            .unwrap_or("Choose…");
                        egui::ComboBox::from_id_salt(("match", row))
                            .selected_text(selected)
                            .width(360.0)
                            .show_ui(ui, |ui| {
                                for &o in order {
                                    if let Some(text) = options.get(o) {
                                        ui.selectable_value(&mut chosen[row], Some(o), *text);
                                    }
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
        }
        (Kind::Discussion(d), Draft::Rubric { revealed, ticks }) => {
            if let Some(countdown) = &mut state.countdown {
                countdown_ui(ui, countdown);
            }
            if !*revealed {
                ui.label(
                    "Discuss or write your answer first, then compare it with the model answer.",
                );
                if ui.button("Show the model answer").clicked() {
                    *revealed = true;
                }
            } else {
                ui.label(egui::RichText::new("Model answer").strong());
                ui.label(&d.model_answer);
                ui.add_space(6.0);
                ui.label(egui::RichText::new("Tick each point your answer covered:").strong());
                for (i, point) in d.rubric.iter().enumerate() {
                    let weight = if point.weight == 1 {
                        "1 point".to_owned()
                    } else {
                        format!("{} points", point.weight)
                    };
                    ui.checkbox(&mut ticks[i], format!("{} ({weight})", point.point));
                }
            }
        }
        _ => {}
    }
}

fn toggle(ticked: &mut Vec<usize>, i: usize, on: bool) {
    if on {
        if !ticked.contains(&i) {
            ticked.push(i);
        }
    } else {
        ticked.retain(|&x| x != i);
    }
}

fn ordering_ui(ui: &mut egui::Ui, items: &[String], current: &mut Vec<usize>) {
    let mut swap: Option<(usize, usize)> = None;
    let mut moved: Option<(usize, usize)> = None;
    let n = current.len();
    for (pos, &item) in current.iter().enumerate() {
        let text = items.get(item).map_or("", String::as_str);
        let row = ui.horizontal(|ui| {
            // Named for screen readers and tests: "Move <item> up".
            let up = ui.add_enabled(pos > 0, egui::Button::new("↑"));
            up.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, pos > 0, format!("Move {text} up"))
            });
            if up.clicked() {
                swap = Some((pos, pos - 1));
            }
            let down = ui.add_enabled(pos + 1 < n, egui::Button::new("↓"));
            down.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    pos + 1 < n,
                    format!("Move {text} down"),
                )
            });
            if down.clicked() {
                swap = Some((pos, pos + 1));
            }
            let handle = ui.dnd_drag_source(egui::Id::unique(("order", item)), pos, |ui| {
                ui.label(answer_text(&format!("{}. {text}", pos + 1)));
            });
            handle.response
        });
        if let Some(from) = row.response.dnd_release_payload::<usize>() {
            moved = Some((*from, pos));
        }
        // Buttons get names for screen readers and tests: "Move <item> up".
        let _ = row.inner;
    }
    if let Some((a, b)) = swap {
        current.swap(a, b);
    }
    if let Some((from, to)) = moved
        && from < n
        && to < n
    {
        let item = current.remove(from);
        current.insert(to, item);
    }
}

fn countdown_ui(ui: &mut egui::Ui, countdown: &mut Countdown) {
    let left = countdown.remaining();
    ui.horizontal(|ui| {
        let secs = left.as_secs();
        let text = crate::format::clock(secs);
        let color = if left.is_zero() {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        };
        ui.label(
            egui::RichText::new(text)
                .size(28.0)
                .monospace()
                .color(color),
        );
        let label = if countdown.is_running() {
            "Pause timer"
        } else {
            "Start timer"
        };
        if ui.button(label).clicked() {
            countdown.toggle();
        }
        if ui.button("+1 minute").clicked() {
            countdown.total += Duration::from_secs(60);
        }
    });
    if countdown.is_running() && !left.is_zero() {
        // Once a second while the timer runs, and never otherwise.
        ui.ctx().request_repaint_after(Duration::from_millis(
            1000 - (left.subsec_millis() as u64 % 1000).min(999),
        ));
    }
}

fn buttons_ui(
    ui: &mut egui::Ui,
    state: &mut QuestionState,
    locked: bool,
    commands: &mut Vec<Command>,
) {
    let test = state.session.config().mode == Mode::Test;
    ui.horizontal(|ui| {
        let big = |text: &str| {
            egui::Button::new(egui::RichText::new(text).strong()).min_size(egui::vec2(110.0, 32.0))
        };
        if !locked {
            if ui.add(big("Submit (Enter)")).clicked() {
                submit(state, commands);
            }
            if ui.button("Skip (S)").clicked() {
                commands.push(Command::Skip);
            }
        } else if !state.is_last() && ui.add(big("Next (Enter)")).clicked() {
            commands.push(Command::Next);
        }
        if state.session.current_index() > 0 && ui.button("← Previous").clicked() {
            commands.push(Command::Previous);
        }
        if test && !state.is_last() && ui.button("Next →").clicked() {
            commands.push(Command::Next);
        }
        let all_done = state.session.next_unanswered().is_none() && state.answered();
        let finish = if test {
            "Submit the test"
        } else if all_done {
            "See results"
        } else {
            "End session"
        };
        let finish_button = if all_done {
            ui.add(big(finish))
        } else {
            ui.button(finish)
        };
        if finish_button.clicked() {
            commands.push(Command::Finish);
        }
    });
}

fn submit(state: &mut QuestionState, commands: &mut Vec<Command>) {
    match state.draft.response() {
        Ok(response) => commands.push(Command::Answer(response)),
        Err(why) => state.error = Some(why.to_owned()),
    }
}

fn feedback_ui(
    ui: &mut egui::Ui,
    entry: usize,
    q: &Question,
    outcome: &Outcome,
    commands: &mut Vec<Command>,
) {
    let (title, color) = match outcome.verdict {
        Verdict::Correct => ("Correct", CORRECT_COLOR),
        Verdict::Partial => ("Partly right", egui::Color32::from_rgb(200, 140, 0)),
        Verdict::Wrong => ("Not quite", ui.visuals().error_fg_color),
        Verdict::Skipped => ("Skipped", ui.visuals().weak_text_color()),
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(2.0, color))
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(title).size(20.0).strong().color(color));
                ui.label(points(outcome.points, outcome.max_points));
            });
            if outcome.verdict != Verdict::Correct {
                ui.label(
                    egui::RichText::new(format!("Correct answer: {}", outcome.correct_answer))
                        .strong(),
                );
            }
            for line in &outcome.feedback {
                ui.label(line);
            }
            if !outcome.explanation.is_empty() {
                ui.add_space(4.0);
                ui.label(&outcome.explanation);
            }
            if let Some(c) = &q.citation {
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(format!("“{}”", c.quote)).italics());
                    ui.label(egui::RichText::new(format!("(paragraph {})", c.paragraph)).weak());
                    if ui.button("Show in source").clicked() {
                        commands.push(Command::ShowSource {
                            bank: entry,
                            paragraph: c.paragraph,
                            quote: c.quote.clone(),
                        });
                    }
                });
            }
        });
}

/// After the reveal in review mode: how well did the learner know it? (FSRS's four grades.)
fn rating_ui(
    ui: &mut egui::Ui,
    given: Option<crate::progress::review::SelfRating>,
    commands: &mut Vec<Command>,
) {
    use crate::progress::review::SelfRating;
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.label("How well did you know it?");
        for (rating, label) in [
            (SelfRating::Again, "Again"),
            (SelfRating::Hard, "Hard"),
            (SelfRating::Good, "Good"),
            (SelfRating::Easy, "Easy"),
        ] {
            if ui.selectable_label(given == Some(rating), label).clicked() {
                commands.push(Command::Rate(rating));
            }
        }
    });
}

/// Keyboard: digits pick, Enter submits or moves on, S skips, H shows the hint, arrows move.
fn keys(
    ctx: &egui::Context,
    state: &mut QuestionState,
    q: &Question,
    order: &[usize],
    locked: bool,
    commands: &mut Vec<Command>,
) {
    use egui::{Key, Modifiers};
    let typing = ctx.egui_wants_keyboard_input();
    let enter = ctx.input(|i| i.key_pressed(Key::Enter));
    if enter && commands.is_empty() {
        if locked {
            commands.push(if state.is_last() {
                Command::Finish
            } else {
                Command::Next
            });
        } else {
            submit(state, commands);
        }
        return;
    }
    if typing {
        return;
    }
    ctx.input_mut(|i| {
        if !locked {
            for (n, key) in DIGITS.iter().enumerate() {
                if i.consume_key(Modifiers::NONE, *key) {
                    pick(&mut state.draft, q, order, n);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::S) {
                commands.push(Command::Skip);
            }
        }
        if i.consume_key(Modifiers::NONE, Key::H) {
            state.hint_shown = true;
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowRight) && !state.is_last() {
            commands.push(Command::Next);
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowLeft) && state.session.current_index() > 0 {
            commands.push(Command::Previous);
        }
    });
}

pub(crate) const DIGITS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

/// Digit `n` (0-based) picks the n-th choice shown, or toggles it.
fn pick(draft: &mut Draft, q: &Question, order: &[usize], n: usize) {
    match (draft, &q.kind) {
        (Draft::Choice(chosen), _) => {
            if let Some(&i) = order.get(n) {
                *chosen = Some(i);
            }
        }
        (Draft::Choices(ticked), _) => {
            if let Some(&i) = order.get(n) {
                let on = !ticked.contains(&i);
                toggle(ticked, i, on);
            }
        }
        (Draft::Bool(chosen), _) if n < 2 => *chosen = Some(n == 0),
        _ => {}
    }
}

/// "2 of 3 points", "1 of 1 point".
pub fn points(got: f64, max: u32) -> String {
    let unit = if max == 1 { "point" } else { "points" };
    format!("{} of {max} {unit}", trim_number(got))
}

/// `2` rather than `2.0`, `0.67` rather than `0.6666…`.
pub fn trim_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.2}")
    }
}
