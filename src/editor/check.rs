//! Checking the text being edited, off the UI thread: the newest text submitted is loaded,
//! validated and linted on a worker thread; older texts still waiting are skipped.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::bank::LoadReport;
use crate::bank::spans::SpanMap;

/// The result of checking one version of the text.
#[derive(Debug)]
pub struct Checked {
    /// The buffer version that was checked.
    pub version: u64,
    pub report: LoadReport,
    /// Where each question of `questions: [...]` starts and ends (byte ranges), in order.
    pub questions: Vec<Range<usize>>,
    /// Where the questions list closes (its `]`), if it was found.
    pub questions_end: Option<usize>,
}

struct Job {
    version: u64,
    path: PathBuf,
    text: String,
    companion: Option<Companion>,
}

/// A source file that will be written next to the bank when it is first saved (a new bank's
/// copy of the bundled article), so it counts as found before then.
#[derive(Clone, Debug)]
pub struct Companion {
    pub file: String,
    pub text: &'static str,
}

/// A worker thread that checks submitted texts.
pub struct Checker {
    jobs: Sender<Job>,
    results: Receiver<Checked>,
}

impl Checker {
    /// Starts the worker; `wake` is called from it when a result is ready.
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (done, results) = mpsc::channel();
        // Without a thread results never come and the editor keeps saying it is checking;
        // saving and loading work as always.
        let _ = std::thread::Builder::new()
            .name("quizdesk-check".into())
            .spawn(move || {
                while let Ok(mut job) = inbox.recv() {
                    // Only the newest text matters.
                    while let Ok(newer) = inbox.try_recv() {
                        job = newer;
                    }
                    let checked = check(job.version, &job.path, &job.text, job.companion.as_ref());
                    if done.send(checked).is_err() {
                        return;
                    }
                    wake();
                }
            });
        Self { jobs, results }
    }

    /// Asks for `text` (version `version` of the buffer for the file `path`) to be checked.
    pub fn submit(&self, version: u64, path: PathBuf, text: String, companion: Option<Companion>) {
        let _ = self.jobs.send(Job {
            version,
            path,
            text,
            companion,
        });
    }

    /// The newest result ready, if any.
    pub fn poll(&self) -> Option<Checked> {
        self.results.try_iter().last()
    }
}

/// Sources on disk, and the companion file until it is written.
struct Sources<'a> {
    disk: crate::bank::FsSources,
    companion: Option<&'a Companion>,
}

impl crate::bank::SourceResolver for Sources<'_> {
    fn read(&self, file: &str) -> Result<String, crate::bank::SourceError> {
        match (self.disk.read(file), self.companion) {
            (Err(crate::bank::SourceError::NotFound(_)), Some(c)) if c.file == file => {
                Ok(c.text.to_owned())
            }
            (result, _) => result,
        }
    }
}

/// Loads, validates and lints `text` as the file `path` (sources are found relative to it).
pub fn check(
    version: u64,
    path: &std::path::Path,
    text: &str,
    companion: Option<&Companion>,
) -> Checked {
    let sources = Sources {
        disk: crate::bank::FsSources::for_bank(path),
        companion,
    };
    let mut report = crate::bank::load_str(path, text, &sources);
    crate::bank::lint::add_lints(&mut report);
    let (questions, questions_end) = SpanMap::list_items(text, "questions");
    Checked {
        version,
        report,
        questions,
        questions_end,
    }
}
