//! The library screen: every bank on offer, with what it covers; broken banks with their
//! diagnostics.

use super::Command;
use crate::library::{Entry, Library, Origin};

/// `due[i]`: the questions of entry `i` due for review for the current learner.
/// `learner`: a learner is chosen, so their statistics can be shown.
pub fn ui(
    ui: &mut egui::Ui,
    library: &Library,
    due: &[Vec<String>],
    learner: bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Library");
        if ui
            .button("New bank…")
            .on_hover_text("Write a new bank, starting from the commented template")
            .clicked()
        {
            commands.push(Command::NewBank);
        }
    });
    ui.label("Pick a quiz bank to study (or press its number). Open your own with File > Open, or drop a .ron file on the window.");
    ui.add_space(8.0);
    for problem in &library.problems {
        ui.colored_label(ui.visuals().warn_fg_color, problem);
    }
    // Banks that can be studied are numbered; 1-9 open the setup of the n-th.
    let studiable: Vec<usize> = (0..library.entries.len())
        .filter(|&i| library.entries[i].bank.is_some())
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("library")
        .auto_shrink(false)
        .show(ui, |ui| {
            for (index, entry) in library.entries.iter().enumerate() {
                let number = studiable
                    .iter()
                    .position(|&i| i == index)
                    .map(|n| n + 1)
                    .filter(|n| *n <= 9);
                let due = due.get(index).map_or(&[][..], Vec::as_slice);
                entry_ui(ui, index, number, entry, due, learner, commands);
                ui.add_space(8.0);
            }
        });
    if !ui.ctx().egui_wants_keyboard_input() {
        ui.input_mut(|i| {
            for (n, key) in super::question::DIGITS.iter().enumerate() {
                if i.consume_key(egui::Modifiers::NONE, *key)
                    && let Some(&entry) = studiable.get(n)
                {
                    commands.push(Command::Setup(entry));
                }
            }
        });
    }
}

fn entry_ui(
    ui: &mut egui::Ui,
    index: usize,
    number: Option<usize>,
    entry: &Entry,
    due: &[String],
    learner: bool,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = entry.title();
            match &entry.bank {
                Some(bank) => {
                    let prefix = number.map(|n| format!("{n}. ")).unwrap_or_default();
                    ui.label(egui::RichText::new(format!("{prefix}{title}")).heading());
                    if !bank.description().is_empty() {
                        ui.label(bank.description());
                    }
                    let kinds: Vec<&str> = bank.kinds().iter().map(|k| k.label()).collect();
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · {} · {}",
                            crate::format::plural(bank.questions().len(), "question", "questions"),
                            kinds.join(", "),
                            origin_label(entry.origin),
                        ))
                        .weak(),
                    );
                    if !bank.sections().is_empty() {
                        ui.label(
                            egui::RichText::new(format!(
                                "Sections: {}",
                                bank.sections().join(" · ")
                            ))
                            .weak(),
                        );
                    }
                    if let Some(source) = bank.source() {
                        ui.label(egui::RichText::new(format!("Source: {}", source.title)).weak());
                    }
                    if !entry.diagnostics.is_empty() {
                        diagnostics_ui(ui, entry);
                    }
                    ui.add_space(4.0);
                    let study = egui::Button::new(egui::RichText::new("Study").strong())
                        .min_size(egui::vec2(100.0, 30.0));
                    ui.horizontal(|ui| {
                        if ui
                            .add(study)
                            .on_hover_text(format!("Set up a session on {title}"))
                            .clicked()
                        {
                            commands.push(Command::Setup(index));
                        }
                        let edit = if entry.origin == Origin::Bundled {
                            "Edit a copy"
                        } else {
                            "Edit"
                        };
                        if ui
                            .button(edit)
                            .on_hover_text("Open the bank's file in the editor")
                            .clicked()
                        {
                            commands.push(Command::Edit(index));
                        }
                        if learner
                            && ui
                                .button("Statistics")
                                .on_hover_text(
                                    "Your scores, mastery and missed questions for this bank",
                                )
                                .clicked()
                        {
                            commands.push(Command::Stats(index));
                        }
                        if !due.is_empty() {
                            let label = format!("Review due ({})", due.len());
                            if ui
                                .button(label)
                                .on_hover_text(
                                    "The questions your memory schedule says to review now",
                                )
                                .clicked()
                            {
                                let config = crate::session::SessionConfig {
                                    mode: crate::session::Mode::Review { ids: due.to_vec() },
                                    ..crate::session::SessionConfig::default()
                                };
                                commands.push(Command::Start {
                                    entry: index,
                                    config,
                                });
                            }
                        }
                    });
                }
                None => {
                    ui.label(
                        egui::RichText::new(format!("{title} cannot be used"))
                            .heading()
                            .color(ui.visuals().error_fg_color),
                    );
                    ui.label(egui::RichText::new(entry.path.display().to_string()).weak());
                    diagnostics_ui(ui, entry);
                    if ui.button("Edit to fix").clicked() {
                        commands.push(Command::Edit(index));
                    }
                }
            }
        });
}

/// How many of a file's problems a card or the reload panel lists. A bank
/// can carry 100k of them; laying out every one each frame took 3 GB and
/// seconds, and nobody reads past the first screenful. The editor lists them
/// all (it lays out only the visible rows).
pub const LISTED_PROBLEMS: usize = 20;

/// A file's first problems: where, what, and the hint; then how many more
/// there are and where to see them.
pub fn diagnostics_ui(ui: &mut egui::Ui, entry: &Entry) {
    problem_list(ui, &entry.diagnostics, &entry.path);
}

/// The first [`LISTED_PROBLEMS`] of `diagnostics`, and a line counting the
/// rest (by the findings they stand for, so a summed-up lint counts true).
pub fn problem_list(
    ui: &mut egui::Ui,
    diagnostics: &[crate::diag::Diagnostic],
    path: &std::path::Path,
) {
    for d in diagnostics.iter().take(LISTED_PROBLEMS) {
        let color = if d.is_error() {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().warn_fg_color
        };
        ui.label(egui::RichText::new(d.one_line()).color(color).monospace());
        if let Some(hint) = &d.hint {
            ui.label(egui::RichText::new(format!("    hint: {hint}")).monospace());
        }
    }
    if let Some(rest) = diagnostics.get(LISTED_PROBLEMS..).filter(|r| !r.is_empty()) {
        let (errors, warnings) = crate::diag::count(rest);
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(format!(
                "{errors} more error{}",
                if errors == 1 { "" } else { "s" }
            ));
        }
        if warnings > 0 {
            parts.push(format!(
                "{warnings} more warning{}",
                if warnings == 1 { "" } else { "s" }
            ));
        }
        ui.label(
            egui::RichText::new(format!(
                "… and {}: open the file in the editor to see them all, or run `quizdesk check {}`",
                parts.join(" and "),
                path.display()
            ))
            .italics(),
        );
    }
}

fn origin_label(origin: Origin) -> &'static str {
    match origin {
        Origin::Bundled => "bundled",
        Origin::UserFolder => "from your quiz folder",
        Origin::Opened => "opened",
    }
}
