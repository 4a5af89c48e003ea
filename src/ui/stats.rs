//! The statistics screen: score over time, mastery per section, the questions most often missed
//! and what was chosen instead, the study streak, and the review forecast. Everything is computed
//! once when the screen opens ([`crate::progress::stats`]); frames only draw.

use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Points};

use std::sync::Arc;

use super::Command;
use super::export::SaveTarget;
use crate::bank::Bank;
use crate::format::plural;
use crate::progress::stats::Stats;
use crate::progress::{History, SessionRecord};

pub struct StatsState {
    pub entry: usize,
    pub title: String,
    pub learner: String,
    pub stats: Stats,
    pub bank: Arc<Bank>,
    /// The learner's finished sessions on this bank, newest first.
    pub sessions: Vec<SessionRecord>,
    /// The folder results files are saved in.
    pub folder: SaveTarget,
}

impl StatsState {
    pub fn new(
        entry: usize,
        bank: Arc<Bank>,
        learner: String,
        history: &History,
        stats: Stats,
    ) -> Self {
        let sessions = history
            .sessions
            .iter()
            .rev()
            .filter(|s| s.start.bank == bank.id() && s.finished())
            .take(MAX_SESSIONS)
            .cloned()
            .collect();
        let mut folder = SaveTarget::new("");
        folder.path = super::export::default_folder().display().to_string();
        Self {
            entry,
            title: bank.title().to_owned(),
            learner,
            stats,
            bank,
            sessions,
            folder,
        }
    }
}

/// How many recent sessions are listed for saving.
const MAX_SESSIONS: usize = 50;

/// The learner's recent sessions, each of which can be saved as a results file.
fn sessions_ui(
    ui: &mut egui::Ui,
    sessions: &[SessionRecord],
    folder: &mut SaveTarget,
    commands: &mut Vec<Command>,
) {
    ui.strong("Your sessions");
    if sessions.is_empty() {
        ui.label(egui::RichText::new("No finished sessions yet.").weak());
        return;
    }
    ui.label(
        egui::RichText::new(
            "Save a session as a results file for your teacher (quizdesk gradebook merges a class's files).",
        )
        .weak(),
    );
    let mut save = None;
    egui::Grid::new("sessions").striped(true).show(ui, |ui| {
        for (i, s) in sessions.iter().enumerate() {
            let (points, max) = s.score();
            let at = s.end.as_ref().map_or(s.start.at_ms, |e| e.at_ms);
            let date: chrono::DateTime<chrono::Utc> =
                (std::time::UNIX_EPOCH + std::time::Duration::from_millis(at)).into();
            ui.label(date.format("%Y-%m-%d %H:%M UTC").to_string());
            ui.label(format!(
                "{} of {max} points · {} · seed {}",
                super::question::trim_number(points),
                crate::format::plural(s.answers.len(), "question", "questions"),
                s.start.config.seed
            ));
            let button = ui.button("Save results (CSV)");
            button.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Save results of session {}", i + 1),
                )
            });
            if button.clicked() {
                save = Some(i);
            }
            ui.end_row();
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Save in folder:");
        ui.add(egui::TextEdit::singleline(&mut folder.path).desired_width(360.0))
            .labelled_by(label.id);
    });
    if let Some(i) = save {
        commands.push(Command::SaveSessionResults(i));
    }
    if let Some((ok, message)) = &folder.message {
        let color = if *ok {
            super::question::CORRECT_COLOR
        } else {
            ui.visuals().error_fg_color
        };
        ui.colored_label(color, message);
    }
}

pub fn ui(ui: &mut egui::Ui, state: &mut StatsState, commands: &mut Vec<Command>) {
    let s = &state.stats;
    ui.heading(format!("Statistics: {}", state.title));
    ui.label(format!(
        "{} · {} · {} · study streak: {}",
        state.learner,
        plural(s.sessions, "session", "sessions"),
        plural(s.answers, "answer", "answers"),
        plural(s.streak_days as usize, "day", "days"),
    ));
    if !s.changed.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} question{} changed since you answered {}: the earlier answers are kept in your history but not counted here or in your review schedule.",
                s.changed.len(),
                if s.changed.len() == 1 { " was" } else { "s were" },
                if s.changed.len() == 1 { "it" } else { "them" }
            ),
        );
    }
    ui.horizontal(|ui| {
        if ui.button("Export history as CSV…").clicked() {
            commands.push(Command::ExportCsv);
        }
        if ui.button("Library").clicked() {
            commands.push(Command::Library);
        }
    });
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .id_salt("stats")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.strong("Score over time");
            if s.scores.is_empty() {
                ui.label(egui::RichText::new("No finished sessions yet.").weak());
            } else {
                // By session, oldest first: days since the first session read 0.000–0.007
                // for a week of evening sessions, and −50…50 for one session. Each session is
                // a dot, so one session shows too, and the line joins them.
                let points: Vec<[f64; 2]> = s
                    .scores
                    .iter()
                    .enumerate()
                    .map(|(i, p)| [(i + 1) as f64, p.percent])
                    .collect();
                let last = points.len().max(2) as f64;
                Plot::new("scores")
                    .height(180.0)
                    .include_y(0.0)
                    .include_y(100.0)
                    .include_x(0.5)
                    .include_x(last + 0.5)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .x_axis_label("session (oldest first)")
                    .y_axis_label("%")
                    .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [10.0, 5.0, 1.0]))
                    .x_axis_formatter(|mark, _range| {
                        if mark.value.fract() == 0.0 && mark.value >= 1.0 {
                            format!("{}", mark.value as u64)
                        } else {
                            String::new()
                        }
                    })
                    .show(ui, |plot| {
                        plot.line(Line::new("score", PlotPoints::from(points.clone())));
                        plot.points(Points::new("sessions", PlotPoints::from(points)).radius(4.0));
                    });
            }
            ui.add_space(8.0);
            ui.strong("Mastery by section");
            egui::Grid::new("mastery")
                .num_columns(3)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    for m in &s.sections {
                        ui.label(if m.section.is_empty() {
                            "(no section)"
                        } else {
                            &m.section
                        });
                        let mut bar = egui::ProgressBar::new(m.mastery as f32)
                            .desired_width(240.0)
                            .text(format!("{:.0}%", 100.0 * m.mastery));
                        // egui draws an empty bar's rounded end as a stub that reads as a
                        // little progress: at 0% only the track shows.
                        if m.mastery <= 0.0 {
                            bar = bar.fill(egui::Color32::TRANSPARENT);
                        }
                        ui.add(bar);
                        ui.label(
                            egui::RichText::new(format!(
                                "{} of {} answered",
                                m.answered,
                                crate::format::plural(m.questions, "question", "questions")
                            ))
                            .weak(),
                        );
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.strong("Most often missed");
            if s.missed.is_empty() {
                ui.label(egui::RichText::new("Nothing missed yet.").weak());
            }
            for m in &s.missed {
                ui.label(egui::RichText::new(&m.prompt).strong());
                let chosen: Vec<String> = m
                    .chosen
                    .iter()
                    .map(|(c, n)| format!("“{c}” ×{n}"))
                    .collect();
                if chosen.is_empty() {
                    ui.label(format!("wrong {} of {} times", m.wrong, m.answered));
                } else {
                    ui.label(format!(
                        "wrong {} of {} times · chosen instead: {}",
                        m.wrong,
                        m.answered,
                        chosen.join(", ")
                    ));
                }
            }
            ui.add_space(8.0);
            ui.strong("Due for review, next 7 days");
            let bars: Vec<Bar> = s
                .forecast
                .iter()
                .enumerate()
                .map(|(d, n)| Bar::new(d as f64, *n as f64))
                .collect();
            Plot::new("forecast")
                .height(140.0)
                .include_y(0.0)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .x_axis_label("days from today")
                .show(ui, |plot| plot.bar_chart(BarChart::new("due", bars)));
            ui.add_space(8.0);
            sessions_ui(ui, &state.sessions, &mut state.folder, commands);
        });
}
