//! Every file quizdesk saves for someone else to read: a learner's history as CSV, results files
//! for the teacher (from a session just played or from the history), printable handouts, and
//! a lesson's class results. Each write is atomic (a half-written file never replaces a good
//! one) and creates the folder it goes in; each failure says which file.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::AppError;
use crate::bank::Bank;
use crate::classroom::Lesson;
use crate::handout::Format;
use crate::progress::{History, SessionRecord};
use crate::session::Session;

/// Writes `contents` to `path` atomically (creating its folder).
pub fn write(path: &Path, contents: &str) -> Result<PathBuf, AppError> {
    crate::files::atomic::write_atomic(path, contents.as_bytes()).map_err(|source| {
        AppError::Write {
            path: path.to_path_buf(),
            source,
        }
    })?;
    Ok(path.to_path_buf())
}

/// Saves `history` as CSV at `path`, questions described from `banks` where they are known.
pub fn history(path: &Path, history: &History, banks: &[&Bank]) -> Result<PathBuf, AppError> {
    write(path, &crate::progress::stats::history_csv(history, banks))
}

/// Saves the results of `session` (finished at `finished_at`) for `student` at `path`.
/// Refuses a blank name: the teacher's gradebook needs one.
pub fn session_results(
    path: &Path,
    student: &str,
    session: &Session,
    finished_at: SystemTime,
) -> Result<PathBuf, AppError> {
    if student.trim().is_empty() {
        return Err(AppError::NoStudentName);
    }
    write(
        path,
        &crate::results::session_csv(student, session, finished_at),
    )
}

/// Saves the results of `record`, a session of `learner`'s history on `bank`, in `folder`
/// under the suggested name for that learner, bank and the session's end.
pub fn record_results(
    folder: &Path,
    learner: &str,
    record: &SessionRecord,
    bank: &Bank,
) -> Result<PathBuf, AppError> {
    let at_ms = record.end.as_ref().map_or(record.start.at_ms, |e| e.at_ms);
    let at = UNIX_EPOCH + Duration::from_millis(at_ms);
    let path = folder.join(crate::results::file_name(learner, bank.id(), at));
    write(
        &path,
        &crate::results::record_csv(learner, record, Some(bank)),
    )
}

/// Saves worksheets and answer keys for `versions` versions of `bank` with `seed` in `folder`,
/// as `quizdesk export handout` does. Returns the files written.
pub fn handouts(
    folder: &Path,
    bank: &Bank,
    seed: u64,
    versions: usize,
    format: Format,
) -> Result<Vec<PathBuf>, AppError> {
    let files = crate::handout::handouts(bank, seed, versions, format)
        .map_err(|e| AppError::Handouts(e.to_string()))?;
    files
        .iter()
        .map(|f| write(&folder.join(&f.name), &f.contents))
        .collect()
}

/// Saves the class's answers and the team points of `lesson` as CSV at `path`.
pub fn class_results(path: &Path, lesson: &Lesson) -> Result<PathBuf, AppError> {
    write(path, &lesson.results_csv())
}
