//! Who is studying and what they did: the learners' profiles, the recorder that writes each
//! answer to the learner's journal as it is given, and the history, read on a background thread.
//!
//! The history arrives through a channel that the UI drains once a frame ([`Learners::poll`]);
//! [`Learners::wait_for_history`] blocks until the load is done and its thread has finished,
//! so a test (or a screen that needs the history now) sees a settled state.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::SystemTime;

use super::AppError;
use crate::bank::Bank;
use crate::progress::review::{SelfRating, due, memory};
use crate::progress::{History, Problem, Profile, Profiles, Recorder, Store};
use crate::session::Session;

/// A loaded history, any problem found reading it, and the due lists of the banks it was loaded
/// for (worked out on the loading thread: FSRS replays every review).
type Loaded = (History, Option<Problem>, HashMap<String, Vec<String>>);

/// A history load under way: its result arrives on `result`; `thread` is joined when waiting.
struct Loading {
    result: mpsc::Receiver<io::Result<Loaded>>,
    thread: Option<JoinHandle<()>>,
}

/// The learners, the current one's history, and the recorder of the session being played.
#[derive(Default)]
pub struct Learners {
    /// `None` when there is nowhere to keep progress (then nothing is recorded).
    pub store: Option<Store>,
    pub profiles: Profiles,
    pub current: Option<Profile>,
    /// Problems found reading the learners or their history (a file set aside, say).
    pub messages: Vec<String>,
    /// The current learner's history, once loaded (on a background thread).
    pub history: Option<History>,
    loading: Option<Loading>,
    /// Per bank id, the questions due for review (computed once per history load).
    due: HashMap<String, Vec<String>>,
    /// Writes the session being played to the learner's journal. Dropped without an end (by
    /// [`Learners::abandon_session`]), it records the session as abandoned.
    recorder: Option<Recorder>,
}

impl Learners {
    /// Opens the store and picks the learner used last.
    pub fn open(store: Store) -> Self {
        let mut learners = Self {
            store: Some(store.clone()),
            ..Self::default()
        };
        match store.profiles(SystemTime::now()) {
            Ok((profiles, problem)) => {
                learners.messages.extend(problem.map(|p| p.to_string()));
                learners.current = profiles
                    .last
                    .as_ref()
                    .and_then(|id| profiles.profiles.iter().find(|p| &p.id == id))
                    .cloned();
                // An id is a folder name: one that would leave the data folder (a hand-edited
                // `profiles.json`) is refused here, and again by `Store::journal`.
                if let Some(Err(e)) = learners
                    .current
                    .as_ref()
                    .map(|p| crate::files::names::safe_component(&p.id))
                {
                    learners
                        .messages
                        .push(AppError::UnsafeLearner(e).to_string());
                    learners.current = None;
                }
                learners.profiles = profiles;
            }
            Err(e) => learners.messages.push(
                AppError::ReadLearners {
                    root: store.root().to_path_buf(),
                    source: e,
                }
                .to_string(),
            ),
        }
        learners
    }

    /// Whether answers are being kept: there is a store and a learner.
    pub fn is_recording_possible(&self) -> bool {
        self.store.is_some() && self.current.is_some()
    }

    /// Starts reading the current learner's history on a background thread, and working out
    /// which questions of `banks` are due; `wake` is called (on that thread) once the result
    /// can be taken with [`Learners::poll`].
    pub fn load_history(&mut self, banks: Vec<Arc<Bank>>, wake: impl FnOnce() + Send + 'static) {
        let (Some(store), Some(profile)) = (&self.store, &self.current) else {
            self.history = None;
            return;
        };
        let (tx, rx) = mpsc::channel();
        let (store, id) = (store.clone(), profile.id.clone());
        let thread = std::thread::spawn(move || {
            let now = SystemTime::now();
            let loaded = store.history(&id, now).map(|(history, problem)| {
                let due_lists = banks
                    .iter()
                    .map(|b| (b.id().to_owned(), due(&memory(&history, b), now)))
                    .collect();
                (history, problem, due_lists)
            });
            // The receiver is gone only when a newer load replaced this one.
            if tx.send(loaded).is_ok() {
                wake();
            }
        });
        self.loading = Some(Loading {
            result: rx,
            thread: Some(thread),
        });
    }

    /// Whether a history load is under way (not yet taken).
    pub fn is_loading_history(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes a finished history load, if any (once a frame). Returns true when the history
    /// changed.
    pub fn poll(&mut self) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        match loading.result.try_recv() {
            Ok(result) => self.take(result),
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => self.due.clear(),
        }
        self.loading = None;
        true
    }

    /// Blocks until a history load started by [`Learners::load_history`] is done and its
    /// thread has finished (so whatever it woke is already woken), and takes its result.
    pub fn wait_for_history(&mut self) {
        let Some(mut loading) = self.loading.take() else {
            return;
        };
        let result = loading.result.recv();
        if let Some(thread) = loading.thread.take() {
            // A panic on the loading thread only loses the load; the learner is told below.
            let _ = thread.join();
        }
        match result {
            Ok(result) => self.take(result),
            Err(_) => self.messages.push(
                AppError::ReadHistory(io::Error::other("the loading thread stopped")).to_string(),
            ),
        }
    }

    fn take(&mut self, result: io::Result<Loaded>) {
        match result {
            Ok((history, problem, due_lists)) => {
                self.messages.extend(problem.map(|p| p.to_string()));
                self.history = Some(history);
                self.due = due_lists;
            }
            Err(e) => {
                self.messages.push(AppError::ReadHistory(e).to_string());
                self.due.clear();
            }
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

    /// Makes learner `id` the one studying (and remembers them for next time).
    pub fn choose(&mut self, id: &str) -> Result<(), AppError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        let Some(p) = self.profiles.profiles.iter().find(|p| p.id == id) else {
            return Ok(());
        };
        crate::files::names::safe_component(&p.id).map_err(AppError::UnsafeLearner)?;
        self.current = Some(p.clone());
        self.history = None;
        self.due.clear();
        store
            .set_last(id, SystemTime::now())
            .map_err(AppError::RememberLearner)
    }

    /// Adds a learner called `name` and makes them the one studying. A blank name is ignored.
    pub fn add(&mut self, name: &str) -> Result<(), AppError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        if name.trim().is_empty() {
            return Ok(());
        }
        let profile = store
            .add_profile(name, SystemTime::now())
            .map_err(AppError::AddLearner)?;
        if let Ok((profiles, _)) = store.profiles(SystemTime::now()) {
            self.profiles = profiles;
        }
        self.current = Some(profile);
        self.history = None;
        self.due.clear();
        Ok(())
    }

    /// Starts recording `session` for the current learner (abandoning any session recorded
    /// before). Returns whether it is recorded: not without a store and a learner.
    pub fn start_session(&mut self, session: &Session) -> Result<bool, AppError> {
        self.abandon_session();
        let (Some(store), Some(profile)) = (&self.store, &self.current) else {
            return Ok(false);
        };
        let recorder = store
            .journal(&profile.id)
            .and_then(|journal| Recorder::start(journal, session, SystemTime::now()))
            .map_err(AppError::StartSession)?;
        self.recorder = Some(recorder);
        Ok(true)
    }

    /// Whether a session is being recorded.
    pub fn is_recording(&self) -> bool {
        self.recorder.is_some()
    }

    /// Writes the outcome of item `index` of `session` to the journal (after it was answered).
    pub fn record_answer(&self, session: &Session, index: usize) -> Result<(), AppError> {
        match &self.recorder {
            Some(r) => r
                .answer(session, index, SystemTime::now())
                .map_err(AppError::RecordAnswer),
            None => Ok(()),
        }
    }

    /// Writes the learner's own grade for item `index` (review mode). Returns whether it was
    /// recorded (not when no session is being recorded).
    pub fn record_rating(
        &self,
        session: &Session,
        index: usize,
        rating: SelfRating,
    ) -> Result<bool, AppError> {
        match &self.recorder {
            Some(r) => r
                .rate(session, index, rating, SystemTime::now())
                .map(|()| true)
                .map_err(AppError::RecordRating),
            None => Ok(false),
        }
    }

    /// Writes the end of the session being recorded: `finished` when the summary was reached.
    pub fn end_session(&mut self, session: &Session, finished: bool) -> Result<(), AppError> {
        match self.recorder.take() {
            Some(mut r) => r
                .end(session, finished, SystemTime::now())
                .map_err(AppError::EndSession),
            None => Ok(()),
        }
    }

    /// Stops recording; the session is kept as abandoned (best effort: the answers are on disk
    /// already).
    pub fn abandon_session(&mut self) {
        self.recorder = None;
    }
}
