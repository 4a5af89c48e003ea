//! The application layer: what the desktop app does, without drawing anything. It owns the
//! library, the learners and their progress ([`learners`]), the watcher that reloads changed
//! bank files, and performs every side effect the UI asks for: recording answers and sessions
//! ([`study`]), saving the bank being edited ([`documents`]) and every export ([`exports`]).
//!
//! No egui, eframe, rfd or clap here (`tests/suite/app.rs` checks): the UI turns clicks and
//! keys into commands, and its command handler calls this layer after the frame. Every side
//! effect returns `Result<_, AppError>`, so the UI can show each failure in words.

pub mod crash;
pub mod documents;
pub mod exports;
pub mod learners;
pub mod study;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::bank::{Bank, LoadReport};
use crate::library::{Library, Origin};
use crate::session::SessionError;

pub use documents::Document;
pub use learners::Learners;

/// Why something the user asked for did not happen, in words for them.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("no file name")]
    NoFileName,
    /// The file being edited was changed by something else since it was opened or saved.
    #[error(
        "not saved: {} changed on disk since you opened it; load that version, or keep yours and save again",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf, disk: String },
    #[error("write your name first")]
    NoStudentName,
    #[error("{0}")]
    Handouts(String),
    #[error("there is no history to save")]
    NoHistory,
    #[error("there is no bank {0} in the library")]
    NoSuchEntry(usize),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error("Your learners could not be read from {}: {source}", root.display())]
    ReadLearners { root: PathBuf, source: io::Error },
    #[error("A learner listed in profiles.json cannot be used: {0}")]
    UnsafeLearner(crate::files::names::UnsafeName),
    #[error("Your history could not be read: {0}")]
    ReadHistory(io::Error),
    #[error("Could not remember the learner: {0}")]
    RememberLearner(io::Error),
    #[error("Could not add the learner: {0}")]
    AddLearner(io::Error),
    #[error("This session's progress cannot be saved: {0}")]
    StartSession(io::Error),
    #[error("This answer could not be saved: {0}")]
    RecordAnswer(io::Error),
    #[error("The rating could not be saved: {0}")]
    RecordRating(io::Error),
    #[error("The end of the session could not be saved: {0}")]
    EndSession(io::Error),
}

/// A bank reloaded from disk and put in the library.
#[derive(Clone, Debug)]
pub struct Reloaded {
    /// The library entry it is now.
    pub entry: usize,
    /// Whether the new version can be used (it may now have errors).
    pub usable: bool,
    pub report: LoadReport,
}

/// The application's state and services.
#[derive(Default)]
pub struct App {
    pub library: Library,
    /// Learners and their history on disk.
    pub learners: Learners,
    /// Reloads banks whose files change on disk (none until [`App::watch_files`]).
    pub watcher: Option<crate::watch::Watcher>,
    /// Where new banks are saved (the user's quiz folder).
    pub user_folder: Option<PathBuf>,
    /// Per bank id, the questions not answered fully right in the last finished session (kept
    /// for this run of the app; lasting history is the learners' journals).
    pub mistakes: HashMap<String, Vec<String>>,
}

impl App {
    /// The app over `library`, with no learners (nothing is recorded) and nothing watched.
    pub fn new(library: Library) -> Self {
        Self {
            library,
            ..Self::default()
        }
    }

    /// Every usable bank in the library.
    pub fn banks(&self) -> Vec<Arc<Bank>> {
        self.library
            .entries
            .iter()
            .filter_map(|e| e.bank.clone())
            .collect()
    }

    /// The bank of library entry `entry`, if usable.
    pub fn bank(&self, entry: usize) -> Option<Arc<Bank>> {
        self.library.entries.get(entry).and_then(|e| e.bank.clone())
    }

    /// Where new banks and copies are saved: the user's quiz folder, else the working folder.
    pub fn new_bank_folder(&self) -> PathBuf {
        self.user_folder
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Starts reading the current learner's history again (it changes with every session);
    /// `wake` is called when it can be taken.
    pub fn reload_history(&mut self, wake: impl FnOnce() + Send + 'static) {
        let banks = self.banks();
        self.learners.load_history(banks, wake);
    }

    /// Adds the bank file or folder at `path` to the library (in place if it is there) and
    /// watches it. Returns the entry, if it loaded.
    pub fn open(&mut self, path: &Path) -> Option<usize> {
        let entry = self.library.add_path(path, Origin::Opened)?;
        self.watch_all();
        Some(entry)
    }

    /// Starts watching every bank file in the library (not the bundled ones) and the user's
    /// quiz folder, reloading them when they change; `wake` is called (on the watcher's
    /// thread) when a reload is ready. What cannot be watched is told in the library's problems.
    pub fn watch_files(&mut self, wake: impl Fn() + Send + 'static) {
        match crate::watch::Watcher::new(wake) {
            Ok(mut watcher) => {
                if let Some(folder) = self.user_folder.as_ref().filter(|f| f.is_dir())
                    && let Err(e) = watcher.watch_folder(folder)
                {
                    self.library.problems.push(format!(
                        "new banks in {} will not show up until quizdesk restarts: {e}",
                        folder.display()
                    ));
                }
                self.watcher = Some(watcher);
                self.watch_all();
            }
            Err(e) => self
                .library
                .problems
                .push(format!("changed files will not be reloaded: {e}")),
        }
    }

    /// Watches every bank file in the library (watching one twice is harmless).
    fn watch_all(&mut self) {
        let Some(w) = &mut self.watcher else { return };
        for e in &self.library.entries {
            if e.origin != Origin::Bundled
                && let Err(err) = w.watch(&e.path)
            {
                self.library.problems.push(format!(
                    "{} will not be reloaded when it changes: {err}",
                    e.path.display()
                ));
            }
        }
    }

    /// Puts the banks reloaded from disk since the last call in the library (once a frame).
    pub fn take_reloads(&mut self) -> Vec<Reloaded> {
        let Some(watcher) = &self.watcher else {
            return Vec::new();
        };
        let mut reloaded = Vec::new();
        for report in watcher.poll() {
            let usable = report.bank.is_some();
            let entry = match self.library.replace(report.clone()) {
                Some(entry) => entry,
                // A new bank file in the user's quiz folder.
                None => self.library.add_report(Origin::UserFolder, report.clone()),
            };
            reloaded.push(Reloaded {
                entry,
                usable,
                report,
            });
        }
        reloaded
    }
}
