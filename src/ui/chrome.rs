//! What every screen shares: the menu bar, the panel of problems found when a changed bank was
//! reloaded, the quiz format reference window, the centred text column, and the shortcuts and
//! dropped files that work everywhere.

use std::path::PathBuf;

use super::{Command, ReloadProblems, theme};

/// The widest a column of text gets: lines stay easy to read on a wide screen or projector.
const COLUMN_WIDTH: f32 = 1000.0;

/// Lays `add` out in a column at most `COLUMN_WIDTH` wide, centred in the space.
pub fn centered_column(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let available = ui.available_rect_before_wrap();
    let width = available.width().min(COLUMN_WIDTH);
    let left = available.left() + (available.width() - width) / 2.0;
    let rect = egui::Rect::from_min_size(
        egui::pos2(left, available.top()),
        egui::vec2(width, available.height()),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect), add);
}

/// The menu bar: File, View (themes and text size, changed in place) and Help.
pub fn top_bar(ui: &mut egui::Ui, prefs: &mut theme::Prefs, commands: &mut Vec<Command>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open quiz file…").clicked() {
                    commands.push(Command::PickFile);
                }
                if ui.button("New bank from template…").clicked() {
                    commands.push(Command::NewBank);
                }
                if ui.button("Library").clicked() {
                    commands.push(Command::Library);
                }
            });
            ui.menu_button("View", |ui| prefs.menu_ui(ui));
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts (F1)").clicked() {
                    commands.push(Command::ToggleHelp);
                }
                if ui.button("Quiz format reference").clicked() {
                    commands.push(Command::ToggleFormatHelp);
                }
            });
            ui.separator();
            ui.strong("quizdesk");
        });
    });
}

/// The problems found when a changed file was reloaded; "Close" clears them.
pub fn reload_panel(ui: &mut egui::Ui, reload_problems: &mut Option<ReloadProblems>) {
    let mut close = false;
    egui::Panel::bottom("reload_problems")
        .resizable(true)
        .max_size(ui.available_height() * 0.4)
        .show(ui, |ui| {
            let Some(problems) = &*reload_problems else {
                return;
            };
            ui.horizontal(|ui| {
                let (errors, warnings) = crate::diag::count(&problems.diagnostics);
                ui.strong(format!(
                    "Reloaded {}: {errors} error{}, {warnings} warning{}",
                    problems.path.display(),
                    if errors == 1 { "" } else { "s" },
                    if warnings == 1 { "" } else { "s" },
                ));
                if ui.button("Close").clicked() {
                    close = true;
                }
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                crate::ui::library::problem_list(ui, &problems.diagnostics, &problems.path);
            });
        });
    if close {
        *reload_problems = None;
    }
}

/// The quiz format reference (`quizzes/FORMAT.md`, compiled in), in a window.
pub fn format_help(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Quiz format reference")
        .open(&mut open)
        .default_size([720.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(
                    "quizzes/FORMAT.md: every field, every question kind with an example, every check and lint.",
                )
                .weak(),
            );
            ui.add(egui::Label::new(
                egui::RichText::new(include_str!("../../quizzes/FORMAT.md")).monospace(),
            ));
        });
    if !open {
        commands.push(Command::ToggleFormatHelp);
    }
}

/// Shortcuts that work on every screen. Letter keys are left alone while a text field has
/// the keyboard, so typing an answer never triggers them. `esc_taken`: Esc belongs to someone
/// else (the open help closes with it; the presenter and the editor handle their own).
pub fn global_keys(
    ctx: &egui::Context,
    was_typing: bool,
    esc_taken: bool,
    commands: &mut Vec<Command>,
) {
    use egui::{Key, Modifiers};
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::F1)
            || (!typing && i.consume_key(Modifiers::SHIFT, Key::Questionmark))
            || (!typing && i.consume_key(Modifiers::NONE, Key::Questionmark))
        {
            commands.push(Command::ToggleHelp);
        }
        if i.consume_key(Modifiers::NONE, Key::F11) {
            commands.push(Command::ToggleFullscreen);
        }
        if !esc_taken && !was_typing && i.consume_key(Modifiers::NONE, Key::Escape) {
            commands.push(Command::Back);
        }
    });
}

/// Bank files dropped on the window are opened.
pub fn take_dropped_files(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let dropped: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    commands.extend(dropped.into_iter().map(Command::Open));
}
