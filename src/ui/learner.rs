//! Who is studying: the learner bar on the library screen, and the progress store behind it.

use std::time::SystemTime;

use super::Command;
use crate::progress::{Profile, Profiles, Store};

/// The app's link to the progress store.
#[derive(Default)]
pub struct Progress {
    /// `None` when there is nowhere to keep progress (then nothing is recorded).
    pub store: Option<Store>,
    pub profiles: Profiles,
    pub current: Option<Profile>,
    /// Problems to tell the learner about (a file set aside, a failed write).
    pub messages: Vec<String>,
    /// The name being typed for a new learner.
    pub new_name: String,
}

impl Progress {
    /// Opens the store and picks the learner used last.
    pub fn open(store: Store) -> Self {
        let mut progress = Self {
            store: Some(store.clone()),
            ..Self::default()
        };
        match store.profiles(SystemTime::now()) {
            Ok((profiles, problem)) => {
                progress.messages.extend(problem.map(|p| p.to_string()));
                progress.current = profiles
                    .last
                    .as_ref()
                    .and_then(|id| profiles.profiles.iter().find(|p| &p.id == id))
                    .cloned();
                progress.profiles = profiles;
            }
            Err(e) => progress.messages.push(format!(
                "Your learners could not be read from {}: {e}",
                store.root().display()
            )),
        }
        progress
    }

    pub fn choose(&mut self, id: &str) {
        let Some(store) = &self.store else { return };
        if let Some(p) = self.profiles.profiles.iter().find(|p| p.id == id) {
            self.current = Some(p.clone());
            if let Err(e) = store.set_last(id, SystemTime::now()) {
                self.messages
                    .push(format!("Could not remember the learner: {e}"));
            }
        }
    }

    pub fn add(&mut self, name: &str) {
        let Some(store) = &self.store else { return };
        if name.trim().is_empty() {
            return;
        }
        match store.add_profile(name, SystemTime::now()) {
            Ok(profile) => {
                if let Ok((profiles, _)) = store.profiles(SystemTime::now()) {
                    self.profiles = profiles;
                }
                self.current = Some(profile);
                self.new_name.clear();
            }
            Err(e) => self
                .messages
                .push(format!("Could not add the learner: {e}")),
        }
    }
}

/// The learner bar: pick a learner or add one.
pub fn ui(ui: &mut egui::Ui, progress: &mut Progress, commands: &mut Vec<Command>) {
    if progress.store.is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Learner:");
        let shown = progress
            .current
            .as_ref()
            .map_or("nobody (progress is not kept)", |p| p.name.as_str());
        egui::ComboBox::from_id_salt("learner")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for p in &progress.profiles.profiles {
                    let chosen = progress.current.as_ref().is_some_and(|c| c.id == p.id);
                    if ui.selectable_label(chosen, &p.name).clicked() {
                        commands.push(Command::ChooseLearner(p.id.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        let new_label = ui.label("New learner:");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut progress.new_name)
                    .desired_width(160.0)
                    .hint_text("name"),
            )
            .labelled_by(new_label.id);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add learner").clicked() || enter) && !progress.new_name.trim().is_empty() {
            commands.push(Command::AddLearner(progress.new_name.clone()));
        }
    });
    if progress.current.is_none() {
        ui.label(egui::RichText::new("Pick or add a learner to keep scores and history.").weak());
    }
    for m in &progress.messages {
        ui.colored_label(ui.visuals().warn_fg_color, m);
    }
}
