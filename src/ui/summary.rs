//! The summary: score, time, per-section results, and every question with the learner's answer
//! next to the correct one.

use super::Command;
use super::export::SaveTarget;
use super::question::points;
use crate::session::grade::describe_response;
use crate::session::{Mode, Session, SessionConfig, Summary, Verdict};

pub struct SummaryState {
    pub entry: usize,
    pub session: Session,
    pub summary: Summary,
    /// The name on the results file for the teacher.
    pub student: String,
    pub finished_at: std::time::SystemTime,
    /// Where the results file goes; follows the name until the path is edited.
    pub save: SaveTarget,
    named_path: String,
    /// The results open at their top (the first frame sets the scroll position).
    opened: bool,
}

impl SummaryState {
    pub fn new(entry: usize, session: Session, summary: Summary) -> Self {
        let finished_at = std::time::SystemTime::now();
        let mut state = Self {
            entry,
            session,
            summary,
            student: String::new(),
            finished_at,
            save: SaveTarget::default(),
            named_path: String::new(),
            opened: false,
        };
        state.set_student("");
        state
    }

    /// Sets the student's name, and the suggested file name with it (unless the path was
    /// changed by hand).
    pub fn set_student(&mut self, name: &str) {
        self.student = name.to_owned();
        if self.save.path == self.named_path {
            let file = crate::results::file_name(
                if name.trim().is_empty() {
                    "student"
                } else {
                    name
                },
                self.session.bank().id(),
                self.finished_at,
            );
            self.save = SaveTarget::new(&file);
            self.named_path = self.save.path.clone();
        }
    }
}

/// "Results for your teacher": the student's name and where to save the CSV.
fn results_file_ui(ui: &mut egui::Ui, state: &mut SummaryState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.strong("Results file for your teacher");
        let label = ui.label("Name:");
        let mut name = state.student.clone();
        if ui
            .add(egui::TextEdit::singleline(&mut name).desired_width(160.0))
            .labelled_by(label.id)
            .changed()
        {
            state.set_student(&name);
        }
    });
    if let Some(path) = state
        .save
        .ui(ui, "Save to:", "Save results (CSV)", false, commands)
    {
        commands.push(Command::SaveResults(path));
    }
}

pub fn ui(ui: &mut egui::Ui, state: &mut SummaryState, commands: &mut Vec<Command>) {
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
                crate::format::duration_ms(s.elapsed_ms)
            ));
            if s.unreached > 0 {
                ui.label(
                    egui::RichText::new(format!(
                        "Ended early: {} not reached (not counted, answers not shown).",
                        crate::format::plural(s.unreached, "question", "questions")
                    ))
                    .weak(),
                );
            }
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
    ui.add_space(6.0);
    results_file_ui(ui, state, commands);
    let first_frame = !std::mem::replace(&mut state.opened, true);
    let top = |area: egui::ScrollArea| {
        if first_frame {
            area.vertical_scroll_offset(0.0)
        } else {
            area
        }
    };
    let s = &state.summary;
    let state = &*state;
    ui.add_space(8.0);
    if s.items.len() <= FULL_LIST_MAX {
        top(egui::ScrollArea::vertical().id_salt("summary"))
            .auto_shrink(false)
            .show(ui, |ui| {
                sections_ui(ui, s);
                ui.strong("Every question");
                for i in 0..s.items.len() {
                    item_ui(ui, state, i);
                }
            });
    } else {
        // A long session: sections, then fixed-height rows of which only the visible ones are
        // laid out.
        top(egui::ScrollArea::vertical().id_salt("sections"))
            .max_height(ui.available_height() / 3.0)
            .show(ui, |ui| sections_ui(ui, s));
        ui.strong("Every question");
        let row_height =
            ui.text_style_height(&egui::TextStyle::Body) * 2.0 + ui.spacing().item_spacing.y * 3.0;
        top(egui::ScrollArea::vertical().id_salt("every_question"))
            .auto_shrink(false)
            .show_rows(ui, row_height, s.items.len(), |ui, rows| {
                for i in rows {
                    compact_item_ui(ui, state, i);
                }
            });
    }
}

fn sections_ui(ui: &mut egui::Ui, s: &Summary) {
    if s.sections.len() <= 1 {
        return;
    }
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

/// Up to this many questions, the summary shows each in full; longer lists are virtualized.
const FULL_LIST_MAX: usize = 60;

fn verdict_mark(ui: &egui::Ui, verdict: Verdict) -> (&'static str, egui::Color32) {
    match verdict {
        Verdict::Correct => ("Correct", egui::Color32::from_rgb(22, 150, 70)),
        Verdict::Partial => ("Partly right", egui::Color32::from_rgb(200, 140, 0)),
        Verdict::Wrong => ("Wrong", ui.visuals().error_fg_color),
        Verdict::Skipped => ("Skipped", ui.visuals().weak_text_color()),
    }
}

fn your_answer(state: &SummaryState, i: usize) -> String {
    let record = &state.session.records()[i];
    match (state.session.question(i), &record.response) {
        (Some(q), Some(r)) => describe_response(q, r),
        _ => "(skipped)".to_owned(),
    }
}

/// One question in full: prompt, your answer, the correct one, points, time, explanation.
fn item_ui(ui: &mut egui::Ui, state: &SummaryState, i: usize) {
    // `i` counts the questions in the results; `at` is the question's place in the session.
    let Some(item) = state.summary.items.get(i) else {
        return;
    };
    let at = item.index;
    let (Some(q), Some(record)) = (state.session.question(at), state.session.records().get(at))
    else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let (mark, color) = verdict_mark(ui, item.verdict);
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(mark).strong().color(color));
            ui.label(egui::RichText::new(format!("{}. {}", i + 1, q.prompt)).strong());
        });
        ui.label(format!("Your answer: {}", your_answer(state, at)));
        if let Some(outcome) = &record.outcome {
            if item.verdict != Verdict::Correct {
                ui.label(format!("Correct answer: {}", outcome.correct_answer));
            }
            ui.label(format!(
                "{} · {}",
                points(item.points, item.max_points),
                crate::format::duration_ms(item.time_ms)
            ));
            if !outcome.explanation.is_empty() {
                ui.label(egui::RichText::new(&outcome.explanation).weak());
            }
        }
    });
}

/// One question in two truncated lines; the full text shows on hover.
fn compact_item_ui(ui: &mut egui::Ui, state: &SummaryState, i: usize) {
    // `i` counts the questions in the results; `at` is the question's place in the session.
    let Some(item) = state.summary.items.get(i) else {
        return;
    };
    let at = item.index;
    let (Some(q), Some(record)) = (state.session.question(at), state.session.records().get(at))
    else {
        return;
    };
    let (mark, color) = verdict_mark(ui, item.verdict);
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(mark).strong().color(color));
        ui.add(
            egui::Label::new(egui::RichText::new(format!("{}. {}", i + 1, q.prompt)).strong())
                .truncate(),
        );
    });
    let correct = record
        .outcome
        .as_ref()
        .map(|o| o.correct_answer.as_str())
        .unwrap_or_default();
    let detail = format!(
        "Your answer: {} · Correct: {correct} · {}",
        your_answer(state, at),
        points(item.points, item.max_points)
    );
    let explanation = record
        .outcome
        .as_ref()
        .map(|o| o.explanation.as_str())
        .unwrap_or_default();
    ui.add(egui::Label::new(detail).truncate())
        .on_hover_text(explanation);
    ui.separator();
}
