//! The keyboard shortcut overlay (F1 or ?).

use super::Command;

/// Every shortcut, as shown in the help (and kept in one place so it stays true).
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "1 – 9",
        "pick a choice (single choice, true/false) or tick it (multiple select); in review, after the answer, 1–4 rate it Again, Hard, Good, Easy",
    ),
    (
        "Enter",
        "submit the answer; after the feedback, go to the next question",
    ),
    (
        "S",
        "skip the question (in an answer field, press Esc first)",
    ),
    ("H", "show the hint"),
    ("← / →", "previous / next question"),
    (
        "Page Up / Page Down, Alt+← / Alt+→",
        "previous / next question, also from an answer field",
    ),
    (
        "Tab, Shift+Tab",
        "move between controls; Space presses a button or ticks a box",
    ),
    (
        "Esc",
        "leave an answer field; close this help or the source panel; go back",
    ),
    ("F1 or ?", "show or hide these shortcuts"),
    ("Ctrl + / Ctrl −", "larger / smaller text"),
    ("F11", "full screen"),
];

/// The shortcut help; `presenting` lists presenter mode's keys instead of the study keys.
pub fn ui(ctx: &egui::Context, presenting: bool, commands: &mut Vec<Command>) {
    let (title, shortcuts) = if presenting {
        ("Presenter keys", super::presenter::KEYS)
    } else {
        ("Keyboard shortcuts", SHORTCUTS)
    };
    let response = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
        ui.heading(title);
        ui.add_space(6.0);
        egui::Grid::new("shortcuts")
            .num_columns(2)
            .spacing([24.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for (keys, what) in shortcuts {
                    ui.strong(*keys);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        if ui.button("Close").clicked() {
            commands.push(Command::ToggleHelp);
        }
    });
    if response.should_close() && !commands.contains(&Command::ToggleHelp) {
        commands.push(Command::ToggleHelp);
    }
}
