//! The learner bar on the library screen: pick a learner or add one, and what went wrong with
//! their progress. The learners themselves are [`crate::app::Learners`].

use super::Command;
use crate::app::Learners;

/// What the bar keeps between frames.
#[derive(Clone, Debug, Default)]
pub struct LearnerBar {
    /// The name being typed for a new learner.
    pub new_name: String,
}

/// The learner bar: pick a learner or add one; then the problems to tell them about
/// (`notices`: side effects that failed).
pub fn ui(
    ui: &mut egui::Ui,
    learners: &Learners,
    bar: &mut LearnerBar,
    notices: &[String],
    commands: &mut Vec<Command>,
) {
    if learners.store.is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Learner:");
        let shown = learners
            .current
            .as_ref()
            .map_or("nobody (progress is not kept)", |p| p.name.as_str());
        egui::ComboBox::from_id_salt("learner")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for p in &learners.profiles.profiles {
                    let chosen = learners.current.as_ref().is_some_and(|c| c.id == p.id);
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
                egui::TextEdit::singleline(&mut bar.new_name)
                    .desired_width(160.0)
                    .hint_text("name"),
            )
            .labelled_by(new_label.id);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add learner").clicked() || enter) && !bar.new_name.trim().is_empty() {
            commands.push(Command::AddLearner(bar.new_name.clone()));
        }
    });
    if learners.current.is_none() {
        ui.label(egui::RichText::new("Pick or add a learner to keep scores and history.").weak());
    }
    for m in learners.messages.iter().chain(notices) {
        ui.colored_label(ui.visuals().warn_fg_color, m);
    }
}
