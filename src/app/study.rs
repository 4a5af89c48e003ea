//! Studying: starting a session or a lesson on a library entry, recording what the learner
//! does in it, finishing it, and the statistics of a learner's history.

use std::sync::Arc;
use std::time::SystemTime;

use super::{App, AppError};
use crate::bank::Bank;
use crate::classroom::{Lesson, LessonConfig};
use crate::progress::History;
use crate::progress::stats::Stats;
use crate::session::{Session, SessionConfig, Summary, SystemClock};

/// A session just started.
pub struct Started {
    pub session: Session,
    /// Whether it is written to the learner's history.
    pub recorded: bool,
    /// Why it is not recorded although a learner is studying.
    pub problem: Option<AppError>,
}

/// A session just finished.
pub struct Finished {
    pub summary: Summary,
    /// Why its end could not be recorded.
    pub problem: Option<AppError>,
}

/// What the statistics screen shows for a learner and a bank.
pub struct Statistics<'a> {
    pub bank: Arc<Bank>,
    pub learner: String,
    pub history: &'a History,
    pub stats: Stats,
}

impl App {
    /// Starts a session on library entry `entry`, recorded for the current learner if there is
    /// one (a session whose recording fails still runs: the problem is returned with it).
    pub fn start_session(
        &mut self,
        entry: usize,
        config: SessionConfig,
    ) -> Result<Started, AppError> {
        let bank = self.bank(entry).ok_or(AppError::NoSuchEntry(entry))?;
        let session = Session::new(bank, config, Box::new(SystemClock::new()))?;
        let (recorded, problem) = match self.learners.start_session(&session) {
            Ok(recorded) => (recorded, None),
            Err(e) => (false, Some(e)),
        };
        Ok(Started {
            session,
            recorded,
            problem,
        })
    }

    /// A session of the one question `id` of `bank` (a bank being edited), not recorded.
    pub fn try_question(bank: Arc<Bank>, id: String) -> Result<Session, AppError> {
        let config = SessionConfig {
            mode: crate::session::Mode::Review { ids: vec![id] },
            seed: crate::session::fresh_seed(),
            ..SessionConfig::default()
        };
        Ok(Session::new(bank, config, Box::new(SystemClock::new()))?)
    }

    /// A lesson (presenter mode) on library entry `entry`, begun at `now` on the UI's clock.
    pub fn start_lesson(
        &self,
        entry: usize,
        config: SessionConfig,
        lesson: LessonConfig,
        now: f64,
    ) -> Result<Lesson, AppError> {
        let bank = self.bank(entry).ok_or(AppError::NoSuchEntry(entry))?;
        Ok(Lesson::new(bank, config, lesson, now)?)
    }

    /// Finishes `session`: its summary, its end in the learner's journal, its mistakes kept
    /// for "review mistakes", and the history read again (the due lists change with it);
    /// `wake` is called when the history is ready.
    pub fn finish_session(
        &mut self,
        session: &mut Session,
        wake: impl FnOnce() + Send + 'static,
    ) -> Finished {
        let summary = session.finish();
        let problem = self.learners.end_session(session, true).err();
        self.mistakes
            .insert(session.bank().id().to_owned(), summary.mistakes());
        self.reload_history(wake);
        Finished { summary, problem }
    }

    /// The statistics of the current learner on library entry `entry`, once their history is
    /// read (this waits for it).
    pub fn statistics(&mut self, entry: usize) -> Option<Statistics<'_>> {
        self.learners.wait_for_history();
        let bank = self.bank(entry)?;
        let learner = self.learners.current.as_ref()?.name.clone();
        let history = self.learners.history.as_ref()?;
        let stats = crate::progress::stats::stats(history, &bank, SystemTime::now());
        Some(Statistics {
            bank,
            learner,
            history,
            stats,
        })
    }

    /// Saves the current learner's whole history as CSV at `path`.
    pub fn export_history(&self, path: &std::path::Path) -> Result<std::path::PathBuf, AppError> {
        let history = self.learners.history.as_ref().ok_or(AppError::NoHistory)?;
        let banks: Vec<&Bank> = self
            .library
            .entries
            .iter()
            .filter_map(|e| e.bank.as_deref())
            .collect();
        super::exports::history(path, history, &banks)
    }
}
