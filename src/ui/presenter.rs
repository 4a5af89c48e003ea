//! Presenter mode: one question at a time for a projector, type scaled to the window, a
//! countdown, the class's answers tallied as a bar chart, reveal, explanation and source, teams
//! and a scoreboard; all by keyboard (space = next step). The lesson itself is
//! [`crate::classroom::Lesson`]; this screen draws it and turns keys and clicks into
//! [`PresenterCommand`]s, applied to the lesson after the frame ([`PresenterState::apply`]).
//!
//! A projector cannot scroll for the class, so every slide fits the window: the header
//! (question number, countdown), the footer (the teacher's buttons) and the scoreboard are fixed
//! panels, and the slide between them is laid out at the largest type that fits ([`Fit`]): the
//! window's unit ([`Sizes::unit_for_space`]) shrunk a whole pixel at a time, down to
//! [`Sizes::MIN_UNIT`] (body text 14.4 px, the prompt 23.2 px). Only below that minimum does the
//! slide scroll. Passes that resize are discarded before they are shown, and a slide that fits
//! asks for no more frames.

use std::time::Duration;

use egui::{Color32, RichText};

use super::Command::{self, Presenter as Do};
use super::export::SaveTarget;
use super::kinds::Sizes;
pub use super::presenter_command::PresenterCommand;
use super::question::{CORRECT_COLOR, trim_number};
use crate::classroom::{Lesson, Stage, class_right, letter};
use crate::format::clock;

/// Keys of the presenter, for the help overlay and the footer.
pub const KEYS: &[(&str, &str)] = &[
    (
        "Space / Enter",
        "Next step: reveal, explanation, next question",
    ),
    ("Backspace", "Hide what was last revealed"),
    ("→ / Page Down, ← / Page Up", "Next / previous question"),
    ("A–H", "Count one answer for that choice (Shift: one less)"),
    ("V", "Show or hide the tally as a bar chart"),
    ("T", "Start or pause the countdown"),
    ("+ / −", "Thirty seconds more / less"),
    ("1–8", "A point for that team (Alt: take one back)"),
    ("S", "Show or hide the scoreboard"),
    ("F11", "Full screen"),
    (
        "Esc",
        "End of the lesson: results (the lesson can be resumed)",
    ),
];

/// Partly right, as on the study screens.
const PARTLY_COLOR: Color32 = Color32::from_rgb(200, 140, 0);

/// The team colours, in team order (matching [`crate::classroom::TEAM_NAMES`]).
const TEAM_COLORS: [Color32; 8] = [
    Color32::from_rgb(200, 40, 40),
    Color32::from_rgb(40, 90, 200),
    Color32::from_rgb(30, 140, 60),
    Color32::from_rgb(200, 160, 0),
    Color32::from_rgb(130, 60, 170),
    Color32::from_rgb(220, 110, 20),
    Color32::from_rgb(0, 140, 140),
    Color32::from_rgb(110, 110, 110),
];

pub struct PresenterState {
    pub entry: usize,
    pub lesson: Lesson,
    /// The end-of-lesson screen is showing.
    pub ended: bool,
    /// The question whose explanation was last scrolled into view.
    explained_shown: Option<usize>,
    pub save: SaveTarget,
}

impl PresenterState {
    pub fn new(entry: usize, lesson: Lesson) -> Self {
        let name = format!(
            "class-{}-seed{}.csv",
            lesson.bank().id(),
            lesson.config().seed
        );
        Self {
            entry,
            lesson,
            ended: false,
            explained_shown: None,
            save: SaveTarget::new(&name),
        }
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    state: &mut PresenterState,
    typing: bool,
    commands: &mut Vec<Command>,
) {
    let now = ui.input(|i| i.time);
    if !typing {
        keys(ui.ctx(), state, commands);
    }
    let window = ui.available_size();
    let base_unit = Sizes::unit_for_space(window);
    let fit_id = egui::Id::unique("presenter_fit");
    let key = fit_key(state, window);
    let mut fit = ui
        .data(|d| d.get_temp::<Fit>(fit_id))
        .filter(|f| f.key == key)
        .unwrap_or_else(|| Fit::new(key, base_unit));
    let sizes = Sizes::for_unit(fit.unit);
    set_text_styles(ui.style_mut(), &sizes);
    if state.ended {
        end_ui(ui, state, &sizes, commands);
        return;
    }
    // Header, footer and scoreboard are panels: they never wrap into the slide, and the slide
    // gets what is left of the window.
    egui::Panel::top("presenter_header").show(ui, |ui| header_ui(ui, state, &sizes, now, commands));
    egui::Panel::bottom("presenter_footer").show(ui, |ui| footer_ui(ui, state, &sizes, commands));
    if state.lesson.scoreboard_shown && !state.lesson.teams().is_empty() {
        egui::Panel::right("scoreboard")
            .resizable(false)
            .min_size(sizes.body * 8.0)
            .show(ui, |ui| scoreboard_ui(ui, &state.lesson, &sizes, commands));
    }
    egui::CentralPanel::default().show(ui, |ui| {
        let room = ui.available_size();
        let needed = egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.scope(|ui| slide_ui(ui, state, &sizes, commands))
                    .response
                    .rect
                    .size()
            })
            .inner;
        if fit.measured(needed, room) {
            // Lay the slide out again at the new size before anyone sees this one.
            ui.ctx()
                .request_discard("presenter: type resized to fit the window");
            ui.ctx().request_repaint();
        }
    });
    ui.data_mut(|d| d.insert_temp(fit_id, fit));
    if let Some(c) = &state.lesson.slide().countdown
        && let Some(secs) = c.next_change_in(now)
    {
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(secs));
    }
}

/// The presenter's text styles (what buttons and fields use) at `sizes`.
pub(super) fn set_text_styles(style: &mut egui::Style, sizes: &Sizes) {
    for (text_style, size) in [
        (egui::TextStyle::Body, sizes.body),
        (egui::TextStyle::Button, sizes.small),
        (egui::TextStyle::Heading, sizes.prompt),
        (egui::TextStyle::Small, sizes.small),
        (egui::TextStyle::Monospace, sizes.body),
    ] {
        if let Some(font) = style.text_styles.get_mut(&text_style) {
            font.size = size;
        }
    }
    style.spacing.item_spacing.y = sizes.small * 0.5;
}

/// What decides how much room a slide needs: a new value starts the fit again at full size.
fn fit_key(state: &PresenterState, window: egui::Vec2) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let lesson = &state.lesson;
    let slide = lesson.slide();
    let mut h = std::hash::DefaultHasher::new();
    (
        lesson.index(),
        format!("{:?}", slide.stage),
        slide.chart_shown,
        lesson.scoreboard_shown,
        slide.countdown.is_some(),
        state.ended,
        window.x.round() as i32,
        window.y.round() as i32,
    )
        .hash(&mut h);
    h.finish()
}

/// The largest type unit at which the slide fits, found over a few passes: each pass lays the
/// slide out at `unit` and measures how much of its room it needs; an overflowing slide
/// shrinks in proportion, then the unit is interpolated between the largest that fitted and the
/// smallest that did not. Units are whole pixels, so a few type sizes serve every slide (each
/// new size costs glyphs) and the search ends; then it stays put, and a still slide asks for no
/// more frames.
#[derive(Clone, Copy, Debug)]
struct Fit {
    key: u64,
    /// The unit the slide is drawn at: whole pixels, at most the window's unit.
    unit: f32,
    /// The smallest unit allowed: [`Sizes::MIN_UNIT`], or the window's unit if smaller.
    min_unit: f32,
    /// The largest unit seen to fit, and its room over what it needed (at least 1).
    fits: Option<(f32, f32)>,
    /// The smallest unit seen to overflow, and its room over what it needed (below 1).
    overflows: Option<(f32, f32)>,
}

impl Fit {
    fn new(key: u64, base_unit: f32) -> Self {
        let unit = base_unit.floor().max(1.0);
        Self {
            key,
            unit,
            min_unit: Sizes::MIN_UNIT.min(unit),
            fits: None,
            overflows: None,
        }
    }

    /// Takes the size the slide `needed` in the `room` it had; true when the unit changed.
    fn measured(&mut self, needed: egui::Vec2, room: egui::Vec2) -> bool {
        let before = self.unit;
        // Height only: text wraps to the width, and the fixed-width tally controls would
        // shrink the type for nothing on a narrow window.
        let ratio = room.y / needed.y.max(1.0);
        if ratio >= 1.0 - 1e-3 {
            if self.fits.is_none_or(|(f, _)| f <= self.unit) {
                self.fits = Some((self.unit, ratio));
            }
        } else {
            if self.overflows.is_none_or(|(o, _)| o >= self.unit) {
                self.overflows = Some((self.unit, ratio));
            }
            // What fitted before may not fit now (the timer ran out, the footer wrapped).
            if self.fits.is_some_and(|(f, _)| f >= self.unit) {
                self.fits = None;
            }
        }
        self.unit = match (self.fits, self.overflows) {
            (Some((f, _)), None) => f,
            // Text shrinks at least in proportion (lines rewrap shorter), spacing does not.
            (None, Some((o, r))) => (o * r * 0.98).floor().min(o - 1.0).max(self.min_unit),
            (Some((f, _)), Some((o, _))) if o - f <= 1.0 => f,
            // Where the room would be just enough, on the line between the two.
            (Some((f, rf)), Some((o, ro))) => {
                let t = ((rf - 1.0) / (rf - ro).max(1e-3)).clamp(0.0, 1.0);
                (f + (o - f) * t).floor().clamp(f + 1.0, o - 1.0)
            }
            (None, None) => self.unit,
        };
        self.unit != before
    }
}

/// The question's number and section, and the countdown, above the slide.
fn header_ui(
    ui: &mut egui::Ui,
    state: &PresenterState,
    sizes: &Sizes,
    now: f64,
    commands: &mut Vec<Command>,
) {
    let lesson = &state.lesson;
    let q = lesson.question();
    let mut info = format!("Question {} of {}", lesson.index() + 1, lesson.len());
    if let Some(section) = &q.section {
        info.push_str(&format!(" · {section}"));
    }
    ui.horizontal(|ui| {
        // The countdown first, from the right; the number gets what is left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            countdown_ui(ui, lesson, sizes, now, commands);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(info).size(sizes.small).weak()).truncate());
            });
        });
    });
}

fn slide_ui(
    ui: &mut egui::Ui,
    state: &mut PresenterState,
    sizes: &Sizes,
    commands: &mut Vec<Command>,
) {
    let lesson = &state.lesson;
    let q = lesson.question().clone();
    let stage = lesson.slide().stage;
    // Once explained, the question steps back so the explanation fits on the screen.
    let compact = stage == Stage::Explained;
    let prompt_size = if compact { sizes.choice } else { sizes.prompt };
    ui.label(RichText::new(&q.prompt).size(prompt_size).strong());
    ui.add_space(sizes.small);

    super::kinds::presenter_body_ui(ui, &q, stage, lesson.order(), sizes);

    let revealed = matches!(stage, Stage::Revealed | Stage::Explained);
    let rows = lesson.rows();
    if !rows.is_empty() {
        let is_choice = q.kind.tallies_options();
        if revealed && !is_choice {
            let size = if compact { sizes.body } else { sizes.choice };
            super::kinds::presenter_answer_ui(ui, &q, lesson.order(), size);
        }
        if !is_choice {
            ui.add_space(sizes.small * 0.5);
            ui.label(RichText::new("Class tally").size(sizes.small).weak());
        }
        let text_size = if is_choice && !compact {
            sizes.choice
        } else {
            sizes.body
        };
        tally_ui(ui, lesson, &rows, revealed, text_size, sizes, commands);
    }

    if stage == Stage::Explained && !q.kind.is_self_assessed() {
        ui.add_space(sizes.small);
        if !q.explanation.is_empty() {
            let explanation = ui.label(
                RichText::new(&q.explanation)
                    .size(sizes.body)
                    .color(ui.visuals().strong_text_color()),
            );
            // Bring the explanation into view once, when it first appears.
            if state.explained_shown != Some(lesson.index()) {
                state.explained_shown = Some(lesson.index());
                explanation.scroll_to_me(Some(egui::Align::Center));
            }
        }
    }
    if stage == Stage::Explained {
        // A discussion cites in its rubric points; other kinds in the question.
        let citations: Vec<&crate::bank::Citation> =
            q.citation.iter().chain(q.kind.citations()).collect();
        for c in citations.into_iter().take(3) {
            ui.add_space(sizes.small * 0.5);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("“{}”", c.quote))
                        .size(sizes.body)
                        .italics(),
                );
                ui.label(
                    RichText::new(format!("(paragraph {})", c.paragraph))
                        .size(sizes.small)
                        .weak(),
                );
                if ui.button("Show in source").clicked() {
                    commands.push(Command::ShowSource {
                        bank: state.entry,
                        paragraph: c.paragraph,
                        quote: c.quote.clone(),
                    });
                }
            });
        }
    }
}

/// One row per choice (or True/False, or right/wrong): letter and text on the left; on the
/// right the bar (when the chart is shown), its share, and the count with − and +. Correct rows
/// turn green on reveal.
fn tally_ui(
    ui: &mut egui::Ui,
    lesson: &Lesson,
    rows: &[crate::classroom::TallyRow],
    revealed: bool,
    text_size: f32,
    sizes: &Sizes,
    commands: &mut Vec<Command>,
) {
    let slide = lesson.slide().clone();
    let max = slide.tally.iter().copied().max().unwrap_or(0).max(1);
    let (answers, right) = class_right(rows, &slide.tally);
    let bar_width = (ui.available_width() * 0.22).max(60.0);
    let row_height = text_size * 1.3;
    // −, the count and + (the widest count is four digits), then the bar and its share.
    let controls_width = sizes.small * 9.0
        + if slide.chart_shown {
            bar_width + sizes.small * 3.5
        } else {
            0.0
        };
    // Every row the same width, whatever its text and counts: the controls then line up. The
    // frame's margins (8 each side) and stroke (3 each side) are outside that width.
    let row_width = ui.available_width() - 22.0;
    let mut changes = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let right_row = revealed && row.correct == Some(true);
        let color = match (revealed, row.correct) {
            (true, Some(true)) => CORRECT_COLOR,
            (true, Some(false)) => ui.visuals().weak_text_color(),
            (true, None) => PARTLY_COLOR,
            (false, _) => ui.visuals().strong_text_color(),
        };
        // The same width on every row (a frame's stroke takes room): only the colour shows
        // the right answer's row, and its controls stay in line with the others.
        let stroke = if right_row {
            egui::Stroke::new(3.0, CORRECT_COLOR)
        } else {
            egui::Stroke::new(3.0, egui::Color32::TRANSPARENT)
        };
        egui::Frame::new()
            .stroke(stroke)
            .inner_margin(egui::Margin::symmetric(8, 2))
            .corner_radius(6.0)
            .show(ui, |ui| {
                ui.set_width(row_width);
                ui.horizontal(|ui| {
                    let text_width =
                        (row_width - controls_width - ui.spacing().item_spacing.x).max(120.0);
                    ui.allocate_ui_with_layout(
                        egui::vec2(text_width, row_height),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_width(text_width);
                            ui.label(
                                RichText::new(letter(r))
                                    .size(text_size)
                                    .strong()
                                    .color(color),
                            );
                            let mut text = RichText::new(&row.label).size(text_size).color(color);
                            if right_row {
                                text = text.strong();
                            }
                            ui.add(egui::Label::new(text).wrap());
                        },
                    );
                    let count = slide.tally.get(r).copied().unwrap_or(0);
                    ui.allocate_ui_with_layout(
                        egui::vec2(controls_width, row_height),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_width(controls_width);
                            if slide.chart_shown {
                                let (rect, _) = ui.allocate_exact_size(
                                    egui::vec2(bar_width, row_height * 0.8),
                                    egui::Sense::hover(),
                                );
                                let painter = ui.painter();
                                painter.rect_filled(rect, 4.0, ui.visuals().faint_bg_color);
                                let share = count as f32 / max as f32;
                                let bar = egui::Rect::from_min_size(
                                    rect.min,
                                    egui::vec2(rect.width() * share, rect.height()),
                                );
                                let fill = match (revealed, row.correct) {
                                    (true, Some(true)) => CORRECT_COLOR,
                                    (true, None) => PARTLY_COLOR,
                                    (true, _) => ui.visuals().weak_text_color(),
                                    (false, _) => ui.visuals().selection.bg_fill,
                                };
                                painter.rect_filled(bar, 4.0, fill);
                                let percent = (100 * count + answers / 2)
                                    .checked_div(answers)
                                    .map(|p| format!("{p}%"))
                                    .unwrap_or_default();
                                ui.add_sized(
                                    egui::vec2(sizes.small * 3.0, row_height),
                                    egui::Label::new(RichText::new(percent).size(sizes.small)),
                                );
                            }
                            if ui.small_button("−").on_hover_text("One less").clicked() {
                                changes.push((r, -1));
                            }
                            let mut value = count;
                            // As wide as the widest count (four digits) on every row: sized to its own
                            // digits, the field pushed + further right on each row with a larger count.
                            let digits = ui
                                .painter()
                                .layout_no_wrap(
                                    "9999".into(),
                                    egui::TextStyle::Button.resolve(ui.style()),
                                    egui::Color32::WHITE,
                                )
                                .size();
                            let field = ui.add_sized(
                                digits + 2.0 * ui.spacing().button_padding,
                                egui::DragValue::new(&mut value).range(0..=9999),
                            );
                            // The field is named for screen readers (and tests) by its row.
                            field.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::SpinButton,
                                    true,
                                    format!("Answers for {}", letter(r)),
                                )
                            });
                            if value != count {
                                changes.push((r, value as i32 - count as i32));
                            }
                            if ui.small_button("+").on_hover_text("One more").clicked() {
                                changes.push((r, 1));
                            }
                        },
                    );
                });
            });
    }
    for (row, delta) in changes {
        commands.push(Do(PresenterCommand::Tally { row, delta }));
    }
    if answers > 0 {
        let mut line = format!("{answers} answers tallied");
        if revealed && lesson.question().kind.tally_has_one_answer() {
            line.push_str(&format!(
                " · {}% right",
                (100 * right + answers / 2) / answers
            ));
        }
        ui.label(RichText::new(line).size(sizes.small).weak());
    }
}

fn countdown_ui(
    ui: &mut egui::Ui,
    lesson: &Lesson,
    sizes: &Sizes,
    now: f64,
    commands: &mut Vec<Command>,
) {
    let Some(c) = lesson.slide().countdown.clone() else {
        if ui.small_button("Add a timer").clicked() {
            commands.push(Do(PresenterCommand::AddTime { secs: 60.0 }));
        }
        return;
    };
    if ui.small_button("No timer").clicked() {
        commands.push(Do(PresenterCommand::ClearTimer));
    }
    if ui.small_button("+30 s").clicked() {
        commands.push(Do(PresenterCommand::AddTime { secs: 30.0 }));
    }
    if ui.small_button("−30 s").clicked() {
        commands.push(Do(PresenterCommand::AddTime { secs: -30.0 }));
    }
    let toggle = if c.is_running() { "Pause" } else { "Start" };
    if ui.small_button(toggle).clicked() {
        commands.push(Do(PresenterCommand::ToggleTimer));
    }
    let secs = c.display_secs(now);
    let (text, color) = if secs == 0 {
        ("Time's up".to_owned(), ui.visuals().error_fg_color)
    } else if secs <= 10 {
        (clock(secs), ui.visuals().error_fg_color)
    } else {
        (clock(secs), ui.visuals().strong_text_color())
    };
    let mut text = RichText::new(text).size(sizes.prompt).strong().color(color);
    if !c.is_running() && secs > 0 {
        text = text.weak();
    }
    ui.label(text)
        .on_hover_text("Time left (T starts or pauses it)");
}

fn scoreboard_ui(ui: &mut egui::Ui, lesson: &Lesson, sizes: &Sizes, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Scoreboard").size(sizes.body).strong());
    ui.add_space(sizes.small * 0.5);
    let mut changes = Vec::new();
    for (team, total) in lesson.standings() {
        let name = lesson.teams()[team].clone();
        let color = TEAM_COLORS[team % TEAM_COLORS.len()];
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{} {name}", team + 1))
                    .size(sizes.body)
                    .color(color)
                    .strong(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(total.to_string()).size(sizes.body).strong());
            });
        });
        ui.horizontal(|ui| {
            for (text, delta, what) in [("+1", 1, "A point for"), ("−1", -1, "Take a point from")]
            {
                let button = ui.small_button(text);
                // Named for screen readers (and tests) by what it does, not by its sign.
                button.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{what} {name}"))
                });
                if button.clicked() {
                    changes.push((team, delta));
                }
            }
            let this = lesson.slide().awarded.get(team).copied().unwrap_or(0);
            if this > 0 {
                ui.label(
                    RichText::new(format!("+{this} this question"))
                        .size(sizes.small)
                        .weak(),
                );
            }
        });
    }
    for (team, delta) in changes {
        commands.push(Do(PresenterCommand::Award { team, delta }));
    }
}

fn footer_ui(
    ui: &mut egui::Ui,
    state: &mut PresenterState,
    sizes: &Sizes,
    commands: &mut Vec<Command>,
) {
    let lesson = &state.lesson;
    // The footer is for the teacher: smaller than what the class reads.
    if let Some(font) = ui.style_mut().text_styles.get_mut(&egui::TextStyle::Button) {
        font.size = (sizes.small * 0.85).max(12.0);
    }
    ui.horizontal_wrapped(|ui| {
        let stage = lesson.slide().stage;
        let next = match stage {
            Stage::Asking | Stage::Rubric(_) if lesson.question().kind.rubric_points().is_some() => "Next point",
            Stage::Asking => "Reveal",
            Stage::Revealed | Stage::Rubric(_) => "Explain",
            Stage::Explained if lesson.is_last() => "Finish",
            Stage::Explained => "Next question",
        };
        let next = if matches!(stage, Stage::Rubric(k) if lesson.question().kind.rubric_points().is_some_and(|r| k >= r.len())) {
            "Model answer"
        } else {
            next
        };
        if ui.add(egui::Button::new(RichText::new(format!("{next} (Space)")).strong())).clicked() {
            commands.push(Do(PresenterCommand::Step));
        }
        if ui.button("Previous").clicked() {
            commands.push(Do(PresenterCommand::PreviousQuestion));
        }
        if ui.button("Next").clicked() {
            commands.push(Do(PresenterCommand::NextQuestion));
        }
        if !lesson.rows().is_empty() {
            let shown = lesson.slide().chart_shown;
            if ui.selectable_label(shown, "Chart (V)").clicked() {
                commands.push(Do(PresenterCommand::ToggleChart));
            }
        }
        if !lesson.teams().is_empty() {
            if ui
                .selectable_label(lesson.scoreboard_shown, "Scoreboard (S)")
                .clicked()
            {
                commands.push(Do(PresenterCommand::ToggleScoreboard));
            }
            if !lesson.scoreboard_shown {
                let given: Vec<String> = lesson
                    .slide()
                    .awarded
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p > 0)
                    .map(|(t, p)| format!("{} +{p}", lesson.teams()[t]))
                    .collect();
                if !given.is_empty() {
                    ui.label(RichText::new(given.join(" · ")).size(sizes.small).weak());
                }
            }
        }
        if ui.button("End (Esc)").clicked() {
            commands.push(Do(PresenterCommand::End));
        }
        ui.label(RichText::new("F1: keys").size(sizes.small).weak());
    });
}

fn end_ui(
    ui: &mut egui::Ui,
    state: &mut PresenterState,
    sizes: &Sizes,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            let lesson = &state.lesson;
            ui.label(
                RichText::new(format!("Lesson results: {}", lesson.bank().title()))
                    .size(sizes.prompt)
                    .strong(),
            );
            if !lesson.teams().is_empty() {
                ui.add_space(sizes.small);
                for (place, (team, total)) in lesson.standings().into_iter().enumerate() {
                    let color = TEAM_COLORS[team % TEAM_COLORS.len()];
                    ui.label(
                        RichText::new(format!("{}. {}  {total}", place + 1, lesson.teams()[team]))
                            .size(if place == 0 { sizes.choice } else { sizes.body })
                            .color(color)
                            .strong(),
                    );
                }
            }
            ui.add_space(sizes.small);
            ui.label(RichText::new("Class answers").size(sizes.body).strong());
            results_table_ui(ui, lesson, sizes);
            ui.add_space(sizes.small);
            if let Some(path) = state
                .save
                .ui(ui, "Class results (CSV):", "Save", false, commands)
            {
                commands.push(Command::SaveClassResults(path));
            }
            ui.add_space(sizes.small);
            ui.horizontal(|ui| {
                if ui.button("Back to the lesson").clicked() {
                    commands.push(Do(PresenterCommand::Resume));
                }
                if ui.button("Library").clicked() {
                    commands.push(Command::Library);
                }
            });
        });
}

/// The class's answers question by question, as wide as the screen: the question column takes
/// what the number and count columns leave, and long questions wrap.
fn results_table_ui(ui: &mut egui::Ui, lesson: &Lesson, sizes: &Sizes) {
    let gap = sizes.small * 1.5;
    let number_width = sizes.body * 2.0;
    let count_width = sizes.body * 5.0;
    let question_width =
        (ui.available_width() - number_width - 2.0 * count_width - 3.0 * gap).max(sizes.body * 8.0);
    let widths = [number_width, question_width, count_width, count_width];
    let strong = |t: &str| RichText::new(t).strong();
    let mut rows = vec![[
        strong("#"),
        strong("Question"),
        strong("Answers"),
        strong("Right"),
    ]];
    for i in 0..lesson.len() {
        let (Some(q), Some(slide)) = (lesson.question_at(i), lesson.slide_at(i)) else {
            continue;
        };
        let (answers, right) = class_right(&lesson.rows_at(i), &slide.tally);
        let answers_text = if answers > 0 {
            answers.to_string()
        } else {
            "—".into()
        };
        let right_text = if answers > 0 && q.kind.tally_has_one_answer() {
            format!(
                "{}%",
                trim_number((100.0 * f64::from(right) / f64::from(answers)).round())
            )
        } else {
            "—".into()
        };
        rows.push([
            RichText::new((i + 1).to_string()),
            RichText::new(&q.prompt),
            RichText::new(answers_text),
            RichText::new(right_text),
        ]);
    }
    for (n, cells) in rows.into_iter().enumerate() {
        // Stripes as in a grid: a background behind every other row, painted under its text.
        let background = ui.painter().add(egui::Shape::Noop);
        let response = ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = gap;
            for (cell, width) in cells.into_iter().zip(widths) {
                ui.allocate_ui_with_layout(
                    egui::vec2(width, 0.0),
                    egui::Layout::top_down(egui::Align::LEFT),
                    |ui| {
                        ui.set_width(width);
                        ui.add(egui::Label::new(cell).wrap());
                    },
                );
            }
        });
        if n % 2 == 1 {
            ui.painter().set(
                background,
                egui::Shape::rect_filled(
                    response.response.rect.expand(2.0),
                    2.0,
                    ui.visuals().faint_bg_color,
                ),
            );
        }
    }
}

fn keys(ctx: &egui::Context, state: &PresenterState, commands: &mut Vec<Command>) {
    use egui::{Key, Modifiers};
    let lesson = &state.lesson;
    let mut asked = Vec::new();
    let mut push = |c: PresenterCommand| asked.push(c);
    ctx.input_mut(|i| {
        if state.ended {
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::Back);
            }
            return;
        }
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            push(PresenterCommand::End);
            return;
        }
        if i.consume_key(Modifiers::NONE, Key::Space) || i.consume_key(Modifiers::NONE, Key::Enter)
        {
            push(PresenterCommand::Step);
        }
        if i.consume_key(Modifiers::NONE, Key::Backspace) {
            push(PresenterCommand::StepBack);
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowRight)
            || i.consume_key(Modifiers::NONE, Key::PageDown)
        {
            push(PresenterCommand::NextQuestion);
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowLeft)
            || i.consume_key(Modifiers::NONE, Key::PageUp)
        {
            push(PresenterCommand::PreviousQuestion);
        }
        const LETTERS: [Key; 8] = [
            Key::A,
            Key::B,
            Key::C,
            Key::D,
            Key::E,
            Key::F,
            Key::G,
            Key::H,
        ];
        let rows = lesson.slide().tally.len();
        // Every press counts: letters typed faster than frames arrive several in one frame
        // (`consume_key` took them all and counted one).
        let count = |i: &mut egui::InputState, m: Modifiers, key: Key| {
            i32::try_from(i.count_and_consume_key(m, key)).unwrap_or(i32::MAX)
        };
        for (row, key) in LETTERS.into_iter().enumerate().take(rows) {
            // Shift first: a plain key pattern also matches Shift (egui matches logically).
            let down = count(i, Modifiers::SHIFT, key);
            if down > 0 {
                push(PresenterCommand::Tally { row, delta: -down });
            }
            let up = count(i, Modifiers::NONE, key);
            if up > 0 {
                push(PresenterCommand::Tally { row, delta: up });
            }
        }
        if i.consume_key(Modifiers::NONE, Key::V) {
            push(PresenterCommand::ToggleChart);
        }
        if i.consume_key(Modifiers::NONE, Key::T) {
            push(PresenterCommand::ToggleTimer);
        }
        if i.consume_key(Modifiers::NONE, Key::Plus)
            || i.consume_key(Modifiers::SHIFT, Key::Plus)
            || i.consume_key(Modifiers::NONE, Key::Equals)
        {
            push(PresenterCommand::AddTime { secs: 30.0 });
        }
        if i.consume_key(Modifiers::NONE, Key::Minus) {
            push(PresenterCommand::AddTime { secs: -30.0 });
        }
        if i.consume_key(Modifiers::NONE, Key::S) {
            push(PresenterCommand::ToggleScoreboard);
        }
        for (team, key) in super::question::DIGITS
            .into_iter()
            .enumerate()
            .take(lesson.teams().len())
        {
            let down = count(i, Modifiers::ALT, key);
            if down > 0 {
                push(PresenterCommand::Award { team, delta: -down });
            }
            let up = count(i, Modifiers::NONE, key);
            if up > 0 {
                push(PresenterCommand::Award { team, delta: up });
            }
        }
    });
    commands.extend(asked.into_iter().map(Do));
}
