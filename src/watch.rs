//! Live reload: watches bank files and reloads them when they change on disk, off the UI thread.
//!
//! The folders holding the files are watched (not the files themselves), because editors often
//! save by writing a new file and renaming it over the old one, which ends a watch on the file.
//! A file is reloaded once it has been quiet for [`QUIET`] (an editor may write a file in
//! several steps): `notify-debouncer-mini` waits for that, per file. Only creations,
//! modifications and removals count ([`ChangesOnly`]): notify reports opening and closing a file
//! too, and quizdesk's own reading of a reloaded file would otherwise be a change that reloads it
//! again, forever (measured on Linux without the filter: 19 reloads in 3 s after one save; with
//! it, one reload, also when the file is written in three steps 60 ms apart). Each changed file
//! is loaded, with its lints, and handed over through [`Watcher::poll`]. The UI thread never
//! touches the disk for this.
//!
//! `notify-debouncer-full` was not taken: it delays each event by the timeout instead of waiting
//! for a file to be quiet, so a file written in steps over more than the timeout would be
//! reloaded once per step, the first time half written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, DebouncedEventKind, Debouncer};

use crate::bank::LoadReport;

/// How long a file must be quiet before it is reloaded.
pub const QUIET: Duration = Duration::from_millis(150);

enum Message {
    /// Watch a file: its absolute path, and the path as the library knows it.
    Watch(PathBuf, PathBuf),
    /// Watch a folder for new bank files: its absolute path, and the path as given.
    WatchFolder(PathBuf, PathBuf),
    /// These files have been quiet for [`QUIET`] since they changed.
    Changed(Vec<PathBuf>),
}

/// Watches bank files; dropping it stops watching.
pub struct Watcher {
    to_worker: Sender<Message>,
    reloaded: Receiver<LoadReport>,
    /// Kept alive for as long as files are watched.
    debouncer: Debouncer<ChangesOnly>,
}

impl Watcher {
    /// Starts watching (nothing yet: see [`Watcher::watch`]). `wake` is called from the
    /// worker thread whenever reloaded banks are ready, to wake the UI.
    pub fn new(wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let (to_worker, inbox) = mpsc::channel::<Message>();
        let (done, reloaded) = mpsc::channel::<LoadReport>();
        let events = to_worker.clone();
        let config = notify_debouncer_mini::Config::default().with_timeout(QUIET);
        let debouncer = notify_debouncer_mini::new_debouncer_opt::<_, ChangesOnly>(
            config,
            move |result: DebounceEventResult| {
                // A file still being written is reported as continuous; it is reloaded when the
                // writing stops and it is quiet.
                if let Ok(batch) = result {
                    let paths: Vec<PathBuf> = batch
                        .into_iter()
                        .filter(|e| e.kind == DebouncedEventKind::Any)
                        .map(|e| e.path)
                        .collect();
                    if !paths.is_empty() {
                        let _ = events.send(Message::Changed(paths));
                    }
                }
            },
        )?;
        std::thread::Builder::new()
            .name("quizdesk-reload".into())
            .spawn(move || worker(inbox, done, wake))
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(Self {
            to_worker,
            reloaded,
            debouncer,
        })
    }

    /// Watches the bank file at `path` (its folder, filtered to the file). Reloaded reports
    /// carry `path` as given.
    pub fn watch(&mut self, path: &Path) -> notify::Result<()> {
        let file = absolute(path);
        if let Some(folder) = file.parent() {
            self.debouncer
                .watcher()
                .watch(folder, RecursiveMode::NonRecursive)?;
        }
        let _ = self
            .to_worker
            .send(Message::Watch(file, path.to_path_buf()));
        Ok(())
    }

    /// Watches `folder` (not below it) for bank files that appear in it; they are loaded and
    /// handed over like changed ones, with paths under `folder` as given.
    pub fn watch_folder(&mut self, folder: &Path) -> notify::Result<()> {
        let absolute_folder = absolute(folder);
        self.debouncer
            .watcher()
            .watch(&absolute_folder, RecursiveMode::NonRecursive)?;
        let _ = self
            .to_worker
            .send(Message::WatchFolder(absolute_folder, folder.to_path_buf()));
        Ok(())
    }

    /// Banks reloaded since the last call, in the order their files changed.
    pub fn poll(&self) -> Vec<LoadReport> {
        self.reloaded.try_iter().collect()
    }
}

/// Whether an event changes what a file holds: a creation, a modification or a removal (not an
/// open, a read or a close).
fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    )
}

/// The platform's watcher, passing on only the events that change a file ([`is_change`]), so
/// that the debouncer never waits on, or reports, a file that was only read.
pub struct ChangesOnly(notify::RecommendedWatcher);

impl notify::Watcher for ChangesOnly {
    fn new<F: notify::EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self>
    where
        Self: Sized,
    {
        let filtered = move |event: notify::Result<notify::Event>| {
            if event.as_ref().map_or(true, |e| is_change(&e.kind)) {
                handler.handle_event(event);
            }
        };
        notify::RecommendedWatcher::new(filtered, config).map(Self)
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> notify::WatcherKind
    where
        Self: Sized,
    {
        notify::RecommendedWatcher::kind()
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Keeps the list of watched files and reloads those that changed (and are quiet by now).
fn worker(inbox: Receiver<Message>, done: Sender<LoadReport>, wake: impl Fn()) {
    // Absolute path → the path as the library knows it.
    let mut watched: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut folders: HashMap<PathBuf, PathBuf> = HashMap::new();
    for message in inbox {
        match message {
            Message::Watch(file, known) => {
                watched.insert(file, known);
            }
            Message::WatchFolder(folder, given) => {
                folders.insert(folder, given);
            }
            Message::Changed(paths) => {
                let mut files: Vec<PathBuf> = paths.into_iter().map(|p| absolute(&p)).collect();
                files.sort();
                files.dedup();
                let mut reloaded = false;
                for file in files {
                    // A new bank file in a watched folder is watched from now on.
                    if !watched.contains_key(&file)
                        && file.extension().is_some_and(|e| e == "ron")
                        && let (Some(parent), Some(name)) = (file.parent(), file.file_name())
                        && let Some(given) = folders.get(parent)
                    {
                        watched.insert(file.clone(), given.join(name));
                    }
                    let Some(known) = watched.get(&file) else {
                        continue;
                    };
                    // A file that is gone (or mid-rename) is not reported: the next event
                    // brings it back.
                    if let Ok(mut report) = crate::bank::load_file(known) {
                        crate::bank::lint::add_lints(&mut report);
                        if done.send(report).is_err() {
                            return;
                        }
                        reloaded = true;
                    }
                }
                if reloaded {
                    wake();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind};

    use super::*;

    #[test]
    fn only_creations_modifications_and_removals_are_changes() {
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
        // Reading a file (as a reload does) opens and closes it: not a change.
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Any));
    }

    /// The worker, driven by messages alone (no watcher, no clock): it runs until its inbox
    /// closes, so the test is exact.
    #[test]
    fn the_worker_reloads_watched_files_and_new_banks_in_watched_folders_only() {
        let dir = std::env::temp_dir().join(format!("quizdesk-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["a.ron", "new.ron", "notes.txt", "other.ron"] {
            std::fs::write(dir.join(name), "Bank(").unwrap();
        }
        let (to_worker, inbox) = mpsc::channel();
        let (done, reloaded) = mpsc::channel();
        let send = |m| to_worker.send(m).unwrap();
        // The library knows the files by these paths (here absolute ones, to be read from any
        // working folder).
        let a = dir.join("a.ron");
        send(Message::Watch(a.clone(), a.clone()));
        send(Message::Changed(vec![a.clone(), a.clone()]));
        // Before its folder is watched, a new file is not a bank of the library.
        send(Message::Changed(vec![dir.join("other.ron")]));
        send(Message::WatchFolder(dir.clone(), dir.clone()));
        send(Message::Changed(vec![
            dir.join("notes.txt"),
            dir.join("new.ron"),
            dir.join("gone.ron"),
        ]));
        // Nothing to reload in this batch: no wake.
        send(Message::Changed(vec![dir.join("notes.txt")]));
        drop(to_worker);
        let wakes = Cell::new(0);
        worker(inbox, done, || wakes.set(wakes.get() + 1));
        let paths: Vec<PathBuf> = reloaded.try_iter().map(|r| r.path).collect();
        assert_eq!(paths, [a, dir.join("new.ron")], "each changed bank once");
        assert_eq!(wakes.get(), 2, "one wake per batch that reloaded something");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
