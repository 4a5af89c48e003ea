//! The question screen: progress, the prompt, the right input for each kind, hint, skip and
//! submit, and the feedback with the cited passage.

use super::Command;
pub use super::kinds::{CORRECT_COLOR, Countdown, Draft};
use super::kinds::{InputCx, input_ui, pick, revealed_ui};
use crate::bank::Question;
use crate::session::{Mode, Outcome, Session, Verdict};

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
    /// "Submit the test" was pressed with questions unanswered: asking whether to submit anyway.
    pub confirming_submit: bool,
    /// Why the session's progress could not be saved (the disk full, the history read-only),
    /// shown on this screen at once, not only back in the library. Cleared by the next save
    /// that works.
    pub save_error: Option<String>,
    /// An answer was just graded: its feedback is scrolled into view on the next frame (a
    /// long model answer and rubric put the verdict below the window's edge).
    reveal_feedback: bool,
    /// A question was just shown: it opens at its top, not where the last one was scrolled.
    scroll_to_top: bool,
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
            confirming_submit: false,
            save_error: None,
            reveal_feedback: false,
            scroll_to_top: true,
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
        self.scroll_to_top = true;
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
        self.countdown = q.kind.minutes().map(Countdown::new);
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
                    self.reveal_feedback = true;
                    // In a test there is nothing to read after answering: move on.
                    if self.session.config().mode == Mode::Test
                        && let Some(next) = self.session.next_unanswered()
                        && next > self.session.current_index()
                    {
                        self.session.go_to(next);
                    }
                }
                Err(e) => {
                    self.error = Some(capitalize(&e.to_string()));
                    // Enter gave up the field's keyboard: give it back to fix the answer.
                    self.autofocused = false;
                }
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
    if let Some(error) = &state.save_error {
        // Above the question, so it is seen on the question and on its feedback alike.
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{error}. You can go on; answers are saved again once this is fixed."),
        );
    }
    ui.add_space(8.0);
    let mut area = egui::ScrollArea::vertical()
        .id_salt("question")
        .auto_shrink(false);
    if std::mem::take(&mut state.scroll_to_top) {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show(ui, |ui| {
        ui.label(egui::RichText::new(&question.prompt).size(22.0).strong());
        ui.add_space(10.0);
        let response = state
            .session
            .current_record()
            .and_then(|r| r.response.clone());
        if locked
            && let Some(response) = &response
            && revealed_ui(ui, &question, &order, response)
        {
            // The answer shown as marked text: no faded widgets to squint at.
        } else {
            let before = state.draft.clone();
            ui.add_enabled_ui(!locked, |ui| {
                let cx = InputCx {
                    order: &order,
                    autofocused: &mut state.autofocused,
                    countdown: &mut state.countdown,
                };
                input_ui(ui, &question, &mut state.draft, cx);
            });
            // What the last submit said was missing is stale once the answer changes.
            if state.draft != before {
                state.error = None;
            }
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
            let feedback = feedback_ui(ui, state.entry, &question, outcome, commands);
            if std::mem::take(&mut state.reveal_feedback) {
                feedback.scroll_to_me(None);
            }
            if rating_wanted(state) {
                rating_ui(
                    ui,
                    state.ratings.get(&state.session.current_index()).copied(),
                    commands,
                );
            }
        }
    });
    keys(ui.ctx(), state, &order, locked, commands);
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
    // Wrapped: on one unbreakable row, a long section name beside the source panel widened the
    // whole screen, and the feedback below was cut off at the panel instead of wrapping.
    ui.horizontal_wrapped(|ui| {
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
            let unanswered = (0..state.session.len())
                .filter(|&i| state.session.records()[i].outcome.is_none())
                .count();
            if test && unanswered > 0 {
                state.confirming_submit = true;
            } else {
                commands.push(Command::Finish);
            }
        }
    });
    if state.confirming_submit {
        let unanswered = (0..state.session.len())
            .filter(|&i| state.session.records()[i].outcome.is_none())
            .count();
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "{} not answered yet: unanswered questions count as skipped.",
                        crate::format::plural(unanswered, "question is", "questions are")
                    ));
                    if ui.button("Submit anyway").clicked() {
                        state.confirming_submit = false;
                        commands.push(Command::Finish);
                    }
                    if ui.button("Keep answering").clicked() {
                        state.confirming_submit = false;
                    }
                });
            });
    }
}

fn submit(state: &mut QuestionState, commands: &mut Vec<Command>) {
    match state.draft.response() {
        Ok(response) => commands.push(Command::Answer(response)),
        Err(why) => {
            state.error = Some(why.to_owned());
            state.autofocused = false;
        }
    }
}

fn feedback_ui(
    ui: &mut egui::Ui,
    entry: usize,
    q: &Question,
    outcome: &Outcome,
    commands: &mut Vec<Command>,
) -> egui::Response {
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
        })
        .response
}

/// After the reveal in review mode: how well did the learner know it? (FSRS's four grades.)
fn rating_ui(
    ui: &mut egui::Ui,
    given: Option<crate::progress::review::SelfRating>,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.label("How well did you know it?");
        for (rating, label) in RATINGS {
            let button = egui::Button::new(label)
                .selected(given == Some(rating))
                .min_size(egui::vec2(72.0, 28.0));
            if ui.add(button).clicked() {
                commands.push(Command::Rate(rating));
            }
        }
        ui.label(egui::RichText::new("keys 1–4").weak());
    });
}

/// FSRS's four grades, in the order of their keys 1 to 4.
const RATINGS: [(crate::progress::review::SelfRating, &str); 4] = {
    use crate::progress::review::SelfRating;
    [
        (SelfRating::Again, "Again"),
        (SelfRating::Hard, "Hard"),
        (SelfRating::Good, "Good"),
        (SelfRating::Easy, "Easy"),
    ]
};

/// Whether the learner is asked to rate the question just revealed (review, recorded).
fn rating_wanted(state: &QuestionState) -> bool {
    matches!(state.session.config().mode, Mode::Review { .. }) && state.recorded
}

/// Keyboard: digits pick, Enter submits or moves on, S skips, H shows the hint, arrows move.
fn keys(
    ctx: &egui::Context,
    state: &mut QuestionState,
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
    // Page Down / Page Up (or Alt+→ / Alt+←) move between questions even from a text field,
    // where plain arrows move the cursor: in a test, a typed answer's field took the focus and
    // the keyboard could no longer leave that question.
    ctx.input_mut(|i| {
        let next = i.consume_key(Modifiers::NONE, Key::PageDown)
            || i.consume_key(Modifiers::ALT, Key::ArrowRight);
        let previous = i.consume_key(Modifiers::NONE, Key::PageUp)
            || i.consume_key(Modifiers::ALT, Key::ArrowLeft);
        if next && !state.is_last() {
            commands.push(Command::Next);
        }
        if previous && state.session.current_index() > 0 {
            commands.push(Command::Previous);
        }
    });
    if typing {
        return;
    }
    ctx.input_mut(|i| {
        if !locked {
            for (n, key) in DIGITS.iter().enumerate() {
                if i.consume_key(Modifiers::NONE, *key) {
                    pick(&mut state.draft, order, n);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::S) {
                commands.push(Command::Skip);
            }
        }
        if locked && rating_wanted(state) {
            for (key, (rating, _)) in DIGITS.iter().zip(RATINGS) {
                if i.consume_key(Modifiers::NONE, *key) {
                    commands.push(Command::Rate(rating));
                }
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
