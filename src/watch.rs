//! Live reload: watches bank files and reloads them when they change on disk, off the UI thread.
//!
//! The folders holding the files are watched (not the files themselves), because editors often
//! save by writing a new file and renaming it over the old one, which ends a watch on the file.
//! Changes are gathered until the files have been quiet for a moment (an editor may write a file
//! in several steps), then each changed file is loaded, with its lints, and handed over through
//! [`Watcher::poll`]. The UI thread never touches the disk for this.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::bank::LoadReport;

/// How long files must be quiet before they are reloaded.
pub const QUIET: Duration = Duration::from_millis(150);

enum Message {
    /// Watch a file: its absolute path, and the path as the library knows it.
    Watch(PathBuf, PathBuf),
    /// Watch a folder for new bank files: its absolute path, and the path as given.
    WatchFolder(PathBuf, PathBuf),
    Changed(Vec<PathBuf>),
}

/// Watches bank files; dropping it stops watching.
pub struct Watcher {
    to_worker: Sender<Message>,
    reloaded: Receiver<LoadReport>,
    /// Kept alive for as long as files are watched.
    _notify: notify::RecommendedWatcher,
}

impl Watcher {
    /// Starts watching (nothing yet: see [`Watcher::watch`]). `wake` is called from the
    /// worker thread whenever reloaded banks are ready, to wake the UI.
    pub fn new(wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let (to_worker, inbox) = mpsc::channel::<Message>();
        let (done, reloaded) = mpsc::channel::<LoadReport>();
        let events = to_worker.clone();
        let notify = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                )
            {
                let _ = events.send(Message::Changed(event.paths));
            }
        })?;
        std::thread::Builder::new()
            .name("quizdesk-reload".into())
            .spawn(move || worker(inbox, done, wake))
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(Self {
            to_worker,
            reloaded,
            _notify: notify,
        })
    }

    /// Watches the bank file at `path` (its folder, filtered to the file). Reloaded reports
    /// carry `path` as given.
    pub fn watch(&mut self, path: &Path) -> notify::Result<()> {
        let file = absolute(path);
        if let Some(folder) = file.parent() {
            self._notify.watch(folder, RecursiveMode::NonRecursive)?;
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
        self._notify
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

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Gathers changes to watched files until they are quiet, then reloads them.
fn worker(inbox: Receiver<Message>, done: Sender<LoadReport>, wake: impl Fn()) {
    // Absolute path → the path as the library knows it.
    let mut watched: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut folders: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut pending: HashSet<PathBuf> = HashSet::new();
    loop {
        let message = if pending.is_empty() {
            match inbox.recv() {
                Ok(m) => m,
                Err(_) => return,
            }
        } else {
            match inbox.recv_timeout(QUIET) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    let mut files: Vec<PathBuf> = pending.drain().collect();
                    files.sort();
                    for file in files {
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
                        }
                    }
                    wake();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        };
        match message {
            Message::Watch(file, known) => {
                watched.insert(file, known);
            }
            Message::WatchFolder(folder, given) => {
                folders.insert(folder, given);
            }
            Message::Changed(paths) => {
                for p in paths.into_iter().map(|p| absolute(&p)) {
                    // A new bank file in a watched folder is watched from now on.
                    if !watched.contains_key(&p)
                        && p.extension().is_some_and(|e| e == "ron")
                        && let (Some(parent), Some(name)) = (p.parent(), p.file_name())
                        && let Some(given) = folders.get(parent)
                    {
                        watched.insert(p.clone(), given.join(name));
                    }
                    if watched.contains_key(&p) {
                        pending.insert(p);
                    }
                }
            }
        }
    }
}
