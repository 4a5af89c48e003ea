//! Saving files from the app: a path field with the suggested name (so saving works with the
//! keyboard and where no file dialog service runs), a "Choose…" button for the system dialog
//! (opened by the command handler, not in the frame), and the result said in words. The
//! writing itself is [`crate::app::exports`].

use std::path::{Path, PathBuf};

use super::Command;
use crate::app::AppError;

/// The folder files are offered in first: the user's documents folder, else home, else here.
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| {
            u.document_dir()
                .map_or_else(|| u.home_dir().to_path_buf(), Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where to save one thing, as typed, and what happened last time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveTarget {
    pub path: String,
    pub message: Option<(bool, String)>,
}

impl SaveTarget {
    /// A target in the default folder with `file_name`.
    pub fn new(file_name: &str) -> Self {
        Self {
            path: default_folder().join(file_name).display().to_string(),
            message: None,
        }
    }

    /// Records how saving went, in words for the user.
    pub fn saved(&mut self, result: Result<Vec<PathBuf>, AppError>, what: &str) {
        self.message = Some(match result {
            Ok(paths) if paths.len() == 1 => {
                (true, format!("Saved {what} to {}", paths[0].display()))
            }
            Ok(paths) => (
                true,
                format!(
                    "Saved {} files of {what} in {}",
                    paths.len(),
                    paths
                        .first()
                        .and_then(|p| p.parent())
                        .unwrap_or(Path::new("."))
                        .display()
                ),
            ),
            Err(e) => (false, format!("Could not save {what}: {e}")),
        });
    }

    /// The path field, "Choose…" (which asks the handler for the system's dialog) and the save
    /// button labelled `button`. Returns the path when the user asks to save. With `folder`,
    /// the path is a folder.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        button: &str,
        folder: bool,
        commands: &mut Vec<Command>,
    ) -> Option<PathBuf> {
        let mut save = None;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(label);
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.path).desired_width(360.0))
                .labelled_by(label.id);
            if ui.button("Choose…").clicked() {
                commands.push(Command::ChooseSavePath { folder });
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button(button).clicked() || enter) && !self.path.trim().is_empty() {
                save = Some(PathBuf::from(self.path.trim()));
            }
        });
        if let Some((ok, message)) = &self.message {
            let color = if *ok {
                super::question::CORRECT_COLOR
            } else {
                ui.visuals().error_fg_color
            };
            ui.colored_label(color, message);
        }
        save
    }
}
