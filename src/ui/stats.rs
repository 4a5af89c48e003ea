//! The statistics screen: score over time, mastery per section, the questions most often missed
//! and what was chosen instead, the study streak, and the review forecast. Everything is computed
//! once when the screen opens ([`crate::progress::stats`]); frames only draw.

use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints};

use super::Command;
use crate::progress::stats::Stats;

pub struct StatsState {
    pub entry: usize,
    pub title: String,
    pub learner: String,
    pub stats: Stats,
}

pub fn ui(ui: &mut egui::Ui, state: &StatsState, commands: &mut Vec<Command>) {
    let s = &state.stats;
    ui.heading(format!("Statistics: {}", state.title));
    ui.label(format!(
        "{} · {} sessions · {} answers · study streak: {} day{}",
        state.learner,
        s.sessions,
        s.answers,
        s.streak_days,
        if s.streak_days == 1 { "" } else { "s" }
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
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.strong("Score over time");
            if s.scores.is_empty() {
                ui.label(egui::RichText::new("No finished sessions yet.").weak());
            } else {
                let first = s.scores[0].at_ms;
                let points: Vec<[f64; 2]> = s
                    .scores
                    .iter()
                    .map(|p| [(p.at_ms - first) as f64 / 86_400_000.0, p.percent])
                    .collect();
                Plot::new("scores")
                    .height(180.0)
                    .include_y(0.0)
                    .include_y(100.0)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .x_axis_label("days since the first session")
                    .y_axis_label("%")
                    .show(ui, |plot| {
                        plot.line(Line::new("score", PlotPoints::from(points)))
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
                        ui.add(
                            egui::ProgressBar::new(m.mastery as f32)
                                .desired_width(240.0)
                                .text(format!("{:.0}%", 100.0 * m.mastery)),
                        );
                        ui.label(
                            egui::RichText::new(format!(
                                "{} of {} questions answered",
                                m.answered, m.questions
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
        });
}
