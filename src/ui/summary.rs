//! The summary: score, time, per-section results, and every question with the learner's answer
//! next to the correct one.

use super::Command;
use super::question::points;
use crate::session::grade::describe_response;
use crate::session::{Mode, Session, SessionConfig, Summary, Verdict};

pub struct SummaryState {
    pub entry: usize,
    pub session: Session,
    pub summary: Summary,
}

impl SummaryState {
    pub fn new(entry: usize, session: Session, summary: Summary) -> Self {
        Self {
            entry,
            session,
            summary,
        }
    }
}

pub fn ui(ui: &mut egui::Ui, state: &SummaryState, commands: &mut Vec<Command>) {
    let s = &state.summary;
    ui.heading(format!("Results: {}", state.session.bank().title()));
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(format!("{:.0}%", s.percent))
                .size(36.0)
                .strong(),
        );
        ui.vertical(|ui| {
            ui.label(points(s.points, s.max_points));
            ui.label(format!(
                "{} correct, {} partly, {} wrong, {} skipped · time {}",
                s.correct,
                s.partial,
                s.wrong,
                s.skipped,
                duration(s.elapsed_ms)
            ));
        });
    });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let mistakes = s.mistakes();
        let config = state.session.config();
        if ui
            .add_enabled(
                !mistakes.is_empty(),
                egui::Button::new(format!("Retry mistakes ({})", mistakes.len())),
            )
            .clicked()
        {
            let review = SessionConfig {
                mode: Mode::Review { ids: mistakes },
                count: None,
                ..config.clone()
            };
            commands.push(Command::Start {
                entry: state.entry,
                config: review,
            });
        }
        if ui
            .button(format!("Again with the same seed ({})", config.seed))
            .clicked()
        {
            commands.push(Command::Start {
                entry: state.entry,
                config: config.clone(),
            });
        }
        if ui.button("New session").clicked() {
            commands.push(Command::Setup(state.entry));
        }
        if ui.button("Library").clicked() {
            commands.push(Command::Library);
        }
    });
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            if s.sections.len() > 1 {
                ui.strong("By section");
                egui::Grid::new("sections")
                    .num_columns(3)
                    .striped(true)
                    .spacing([24.0, 4.0])
                    .show(ui, |ui| {
                        for section in &s.sections {
                            ui.label(if section.section.is_empty() {
                                "(no section)"
                            } else {
                                &section.section
                            });
                            ui.label(points(section.points, section.max_points));
                            ui.label(format!(
                                "{} of {} correct",
                                section.correct, section.questions
                            ));
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
            }
            ui.strong("Every question");
            for (i, item) in s.items.iter().enumerate() {
                let Some(q) = state.session.question(i) else {
                    continue;
                };
                let record = &state.session.records()[i];
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let (mark, color) = match item.verdict {
                        Verdict::Correct => ("Correct", egui::Color32::from_rgb(22, 150, 70)),
                        Verdict::Partial => ("Partly right", egui::Color32::from_rgb(200, 140, 0)),
                        Verdict::Wrong => ("Wrong", ui.visuals().error_fg_color),
                        Verdict::Skipped => ("Skipped", ui.visuals().weak_text_color()),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(mark).strong().color(color));
                        ui.label(egui::RichText::new(format!("{}. {}", i + 1, q.prompt)).strong());
                    });
                    let yours = record
                        .response
                        .as_ref()
                        .map_or_else(|| "(skipped)".to_owned(), |r| describe_response(q, r));
                    ui.label(format!("Your answer: {yours}"));
                    if let Some(outcome) = &record.outcome {
                        if item.verdict != Verdict::Correct {
                            ui.label(format!("Correct answer: {}", outcome.correct_answer));
                        }
                        ui.label(format!(
                            "{} · {}",
                            points(item.points, item.max_points),
                            duration(item.time_ms)
                        ));
                        if !outcome.explanation.is_empty() {
                            ui.label(egui::RichText::new(&outcome.explanation).weak());
                        }
                    }
                });
            }
        });
}

fn duration(ms: u64) -> String {
    let secs = ms / 1000;
    if secs >= 60 {
        format!("{}:{:02} min", secs / 60, secs % 60)
    } else {
        format!("{secs} s")
    }
}
