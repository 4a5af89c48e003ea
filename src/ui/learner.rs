//! Who is studying: the learner bar on the library screen, and the progress store behind it.

use std::collections::HashMap;
use std::io;
use std::sync::mpsc;
use std::time::SystemTime;

use super::Command;
use crate::bank::Bank;
use crate::progress::review::{due, memory};
use crate::progress::{History, Problem, Profile, Profiles, Store};

/// A loaded history, any problem found reading it, and the due lists of the banks it was loaded
/// for (worked out on the loading thread: FSRS replays every review).
type Loaded = (History, Option<Problem>, HashMap<String, Vec<String>>);
type Loading = mpsc::Receiver<io::Result<Loaded>>;

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
    /// The current learner's history, once loaded (on a background thread).
    pub history: Option<History>,
    loading: Option<Loading>,
    /// Per bank id, the questions due for review (computed once per history load).
    due: HashMap<String, Vec<String>>,
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

    /// Starts reading the current learner's history on a background thread, and working out
    /// which questions of `banks` are due; `ctx` is asked to repaint when it is ready.
    pub fn load_history(&mut self, banks: Vec<std::sync::Arc<Bank>>, ctx: Option<&egui::Context>) {
        let (Some(store), Some(profile)) = (&self.store, &self.current) else {
            self.history = None;
            return;
        };
        let (tx, rx) = mpsc::channel();
        let (store, id, ctx) = (store.clone(), profile.id.clone(), ctx.cloned());
        std::thread::spawn(move || {
            let now = SystemTime::now();
            let loaded = store.history(&id, now).map(|(history, problem)| {
                let due_lists = banks
                    .iter()
                    .map(|b| (b.id().to_owned(), due(&memory(&history, b), now)))
                    .collect();
                (history, problem, due_lists)
            });
            let _ = tx.send(loaded);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.loading = Some(rx);
    }

    /// Takes a finished history load, if any. Returns true when the history changed.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.loading else {
            return false;
        };
        match rx.try_recv() {
            Ok(Ok((history, problem, due_lists))) => {
                self.messages.extend(problem.map(|p| p.to_string()));
                self.history = Some(history);
                self.loading = None;
                self.due = due_lists;
                return true;
            }
            Ok(Err(e)) => self
                .messages
                .push(format!("Your history could not be read: {e}")),
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => {}
        }
        self.loading = None;
        self.due.clear();
        true
    }

    /// Blocks until a history load started by [`Progress::load_history`] is done.
    pub fn wait_for_history(&mut self) {
        if let Some(rx) = self.loading.take() {
            if let Ok(result) = rx.recv() {
                let (tx, again) = mpsc::channel();
                let _ = tx.send(result);
                self.loading = Some(again);
            }
            self.poll();
        }
    }

    /// The questions of `bank` due for review now.
    pub fn due_for(&mut self, bank: &Bank, now: SystemTime) -> &[String] {
        let history = &self.history;
        self.due.entry(bank.id().to_owned()).or_insert_with(|| {
            history
                .as_ref()
                .map(|h| due(&memory(h, bank), now))
                .unwrap_or_default()
        })
    }

    pub fn choose(&mut self, id: &str) {
        let Some(store) = &self.store else { return };
        if let Some(p) = self.profiles.profiles.iter().find(|p| p.id == id) {
            self.current = Some(p.clone());
            self.history = None;
            self.due.clear();
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
                self.history = None;
                self.due.clear();
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
