//! Session setup: mode, how many questions, filters, shuffling and the seed.

use std::sync::Arc;

use super::Command;
use super::export::SaveTarget;
use crate::bank::{Bank, Difficulty, KindName};
use crate::classroom::{LessonConfig, MAX_TEAMS, TEAM_NAMES};
use crate::library::Library;
use crate::session::{Mode, SessionConfig, fresh_seed};

/// A fresh seed other than `previous`, so "a new session" is never the last one again.
fn fresh_seed_except(previous: u64) -> u64 {
    loop {
        let seed = fresh_seed();
        if seed != previous {
            return seed;
        }
    }
}

pub struct SetupState {
    pub entry: usize,
    pub config: SessionConfig,
    /// The seed as typed (kept apart so a half-typed seed is not lost). A new session starts
    /// with a fresh seed, so its order is new; the last one is a click away.
    pub seed_text: String,
    /// The seed of the last session, offered as "Same seed again".
    pub last_seed: u64,
    /// How many questions, when not all.
    pub count: usize,
    pub all_questions: bool,
    pub error: Option<String>,
    bank: Arc<Bank>,
    /// Questions missed in the last session on this bank, for "review mistakes".
    mistakes: Vec<String>,
    /// Presenter settings: timer and teams.
    pub lesson: LessonConfig,
    /// Printable handouts: how many versions, which format, where.
    pub versions: u8,
    pub markdown: bool,
    pub handouts: SaveTarget,
}

impl SetupState {
    pub fn new(
        entry: usize,
        bank: &Arc<Bank>,
        mut config: SessionConfig,
        mistakes: Vec<String>,
        lesson: LessonConfig,
    ) -> Self {
        // Filters from another bank make no sense here.
        config
            .filter
            .sections
            .retain(|s| bank.sections().contains(s));
        config.filter.kinds.retain(|k| bank.kinds().contains(k));
        if matches!(config.mode, Mode::Review { .. }) {
            config.mode = Mode::Practice;
        }
        let total = bank.questions().len();
        Self {
            entry,
            seed_text: fresh_seed_except(config.seed).to_string(),
            last_seed: config.seed,
            count: config.count.unwrap_or(total.min(10)).clamp(1, total.max(1)),
            all_questions: config.count.is_none(),
            config,
            error: None,
            bank: bank.clone(),
            mistakes,
            lesson,
            versions: 2,
            markdown: false,
            handouts: SaveTarget::new(&format!("{} handouts", bank.id())),
        }
    }

    /// The handouts' file format, as chosen.
    pub fn handout_format(&self) -> crate::handout::Format {
        if self.markdown {
            crate::handout::Format::Markdown
        } else {
            crate::handout::Format::Html
        }
    }

    /// The bank the session is set up on.
    pub fn bank(&self) -> &Arc<Bank> {
        &self.bank
    }

    /// The session settings as chosen, or why they cannot be used.
    pub fn chosen(&self) -> Result<SessionConfig, String> {
        let seed: u64 = self.seed_text.trim().parse().map_err(|_| {
            format!(
                "the seed must be a whole number, not `{}`",
                self.seed_text.trim()
            )
        })?;
        Ok(SessionConfig {
            seed,
            count: (!self.all_questions).then_some(self.count),
            ..self.config.clone()
        })
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    state: &mut SetupState,
    _library: &Library,
    commands: &mut Vec<Command>,
) {
    let bank = state.bank.clone();
    ui.heading(format!("New session: {}", bank.title()));
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .id_salt("setup")
        .auto_shrink(false)
        .show(ui, |ui| {
            egui::Grid::new("setup")
                .num_columns(2)
                .spacing([24.0, 12.0])
                .show(ui, |ui| {
                    ui.strong("Mode");
                    ui.vertical(|ui| {
                        ui.radio_value(
                            &mut state.config.mode,
                            Mode::Practice,
                            "Practice: feedback after each answer",
                        );
                        ui.radio_value(
                            &mut state.config.mode,
                            Mode::Test,
                            "Test: feedback at the end",
                        );
                        if !state.mistakes.is_empty() {
                            let review = Mode::Review { ids: state.mistakes.clone() };
                            let label = format!("Review mistakes: the {} missed last time", state.mistakes.len());
                            ui.radio_value(&mut state.config.mode, review, label);
                        }
                    });
                    ui.end_row();

                    ui.strong("Questions");
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut state.all_questions, "All");
                        if !state.all_questions {
                            let label = ui.label("How many:");
                            ui.add(
                                egui::DragValue::new(&mut state.count)
                                    .range(1..=bank.questions().len()),
                            )
                            .labelled_by(label.id);
                        }
                        ui.label(
                            egui::RichText::new(format!("of {}", bank.questions().len())).weak(),
                        );
                    });
                    ui.end_row();

                    if !bank.sections().is_empty() {
                        ui.strong("Sections");
                        toggles(
                            ui,
                            bank.sections().iter().cloned(),
                            &mut state.config.filter.sections,
                            |s| s.clone(),
                        );
                        ui.end_row();
                    }

                    ui.strong("Difficulty");
                    toggles(
                        ui,
                        Difficulty::ALL,
                        &mut state.config.filter.difficulties,
                        |d| d.to_string(),
                    );
                    ui.end_row();

                    ui.strong("Kinds");
                    toggles(
                        ui,
                        bank.kinds(),
                        &mut state.config.filter.kinds,
                        |k: &KindName| k.label().to_owned(),
                    );
                    ui.end_row();

                    ui.strong("Shuffle");
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut state.config.shuffle_questions, "Questions");
                        ui.checkbox(&mut state.config.shuffle_choices, "Choices");
                    });
                    ui.end_row();

                    let seed_label = ui.strong("Seed");
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut state.seed_text).desired_width(120.0),
                        )
                        .labelled_by(seed_label.id);
                        if ui.button("New seed").clicked() {
                            let current = state.seed_text.trim().parse().unwrap_or(state.last_seed);
                            state.seed_text = fresh_seed_except(current).to_string();
                        }
                        let same = format!("Same seed again ({})", state.last_seed);
                        if state.seed_text.trim() != state.last_seed.to_string()
                            && ui.button(same).clicked()
                        {
                            state.seed_text = state.last_seed.to_string();
                        }
                    });
                    ui.end_row();
                });
            ui.label(
                egui::RichText::new(
                    "Each new session gets a new seed, so the questions come in a new order. The same seed gives the same questions in the same order: type one, or take the last, so a class or a handout can follow along.",
                )
                .weak(),
            );
            ui.add_space(12.0);
            if let Some(error) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                let start = ui.add(
                    egui::Button::new(egui::RichText::new("Start").strong())
                        .min_size(egui::vec2(120.0, 32.0)),
                );
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if start.clicked() || enter {
                    match state.chosen() {
                        Ok(config) => commands.push(Command::Start {
                            entry: state.entry,
                            config,
                        }),
                        Err(e) => state.error = Some(e),
                    }
                }
                if ui.button("Back to the library").clicked() {
                    commands.push(Command::Library);
                }
            });
            ui.add_space(16.0);
            classroom_ui(ui, state, commands);
            ui.add_space(16.0);
            handouts_ui(ui, state, commands);
        });
}

/// Presenter settings and the button that starts presenting.
fn classroom_ui(ui: &mut egui::Ui, state: &mut SetupState, commands: &mut Vec<Command>) {
    ui.heading("Teach it to a class");
    ui.label(
        egui::RichText::new(
            "Presenter mode shows one question at a time in big type for a projector: countdown, class tally, reveal, explanation and team points, all by keyboard.",
        )
        .weak(),
    );
    egui::Grid::new("classroom")
        .num_columns(2)
        .spacing([24.0, 10.0])
        .show(ui, |ui| {
            ui.strong("Timer");
            ui.horizontal_wrapped(|ui| {
                for (secs, label) in [
                    (None, "None"),
                    (Some(30), "30 s"),
                    (Some(60), "1 min"),
                    (Some(120), "2 min"),
                    (Some(300), "5 min"),
                ] {
                    ui.radio_value(&mut state.lesson.timer_secs, secs, label);
                }
            });
            ui.end_row();

            let teams_label = ui.strong("Teams");
            ui.vertical(|ui| {
                let teams = &mut state.lesson.teams;
                let mut count = teams.len();
                egui::ComboBox::from_id_salt("team_count")
                    .selected_text(if count == 0 {
                        "No teams".to_owned()
                    } else {
                        format!("{count} teams")
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut count, 0, "No teams");
                        for n in 2..=MAX_TEAMS {
                            ui.selectable_value(&mut count, n, format!("{n} teams"));
                        }
                    })
                    .response
                    .labelled_by(teams_label.id);
                if count != teams.len() {
                    teams.truncate(count);
                    while teams.len() < count {
                        teams.push(TEAM_NAMES[teams.len()].to_owned());
                    }
                }
                ui.horizontal_wrapped(|ui| {
                    for (i, name) in teams.iter_mut().enumerate() {
                        let label = ui.label(format!("{}:", i + 1));
                        ui.add(egui::TextEdit::singleline(name).desired_width(90.0))
                            .labelled_by(label.id);
                    }
                });
            });
            ui.end_row();
        });
    if ui
        .add(egui::Button::new(
            egui::RichText::new("Present to a class").strong(),
        ))
        .clicked()
    {
        match state.chosen() {
            Ok(mut config) => {
                if matches!(config.mode, Mode::Review { .. }) {
                    config.mode = Mode::Practice;
                }
                let mut lesson = state.lesson.clone();
                for (i, name) in lesson.teams.iter_mut().enumerate() {
                    if name.trim().is_empty() {
                        *name = TEAM_NAMES[i % MAX_TEAMS].to_owned();
                    }
                }
                commands.push(Command::Present {
                    entry: state.entry,
                    config,
                    lesson,
                });
            }
            Err(e) => state.error = Some(e),
        }
    }
}

/// Printable worksheets and answer keys, as `quizdesk export handout` makes them.
fn handouts_ui(ui: &mut egui::Ui, state: &mut SetupState, commands: &mut Vec<Command>) {
    ui.heading("Printable handouts");
    ui.label(
        egui::RichText::new(
            "Worksheets of the whole bank with an answer key each. Version A follows a session or lesson with this seed; B, C, … shuffle differently.",
        )
        .weak(),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Versions:");
        ui.add(egui::DragValue::new(&mut state.versions).range(1..=26))
            .labelled_by(label.id);
        ui.radio_value(&mut state.markdown, false, "HTML (print from a browser)");
        ui.radio_value(&mut state.markdown, true, "Markdown");
    });
    if let Some(folder) = state
        .handouts
        .ui(ui, "Folder:", "Save handouts", true, commands)
    {
        commands.push(Command::SaveHandouts(folder));
    }
}

/// One checkbox per value; none ticked means "any".
fn toggles<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    values: impl IntoIterator<Item = T>,
    chosen: &mut Vec<T>,
    label: impl Fn(&T) -> String,
) {
    ui.horizontal_wrapped(|ui| {
        for value in values {
            let mut on = chosen.contains(&value);
            if ui.checkbox(&mut on, label(&value)).changed() {
                if on {
                    chosen.push(value.clone());
                } else {
                    chosen.retain(|v| *v != value);
                }
            }
        }
        ui.label(egui::RichText::new(if chosen.is_empty() { "(any)" } else { "" }).weak());
    });
}
