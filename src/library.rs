//! The banks a user can study: the bundled ones, those in the user's quiz folder, and any
//! opened by path. A bank that fails to load stays in the library with its diagnostics, so the
//! problem is shown rather than the bank silently missing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::bank::{Bank, LoadReport, load_file};
use crate::diag::Diagnostic;

/// Where a bank came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into quizdesk.
    Bundled,
    /// The user's quiz folder.
    UserFolder,
    /// Opened from the command line, File → Open, or dropped on the window.
    Opened,
}

/// One bank file in the library.
#[derive(Debug)]
pub struct Entry {
    pub origin: Origin,
    pub path: PathBuf,
    /// The bank, if it loaded without errors.
    pub bank: Option<Arc<Bank>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's text, for rendering diagnostics.
    pub text: String,
}

impl Entry {
    fn from_report(origin: Origin, report: LoadReport) -> Self {
        Self {
            origin,
            path: report.path,
            bank: report.bank.map(Arc::new),
            diagnostics: report.diagnostics,
            text: report.text,
        }
    }

    /// A title to show: the bank's, or the file name of a broken one.
    pub fn title(&self) -> String {
        self.bank.as_ref().map_or_else(
            || {
                self.path.file_name().map_or_else(
                    || self.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            },
            |b| b.title().to_owned(),
        )
    }
}

/// The banks on offer.
#[derive(Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Problems reading files or folders (not the banks' own diagnostics).
    pub problems: Vec<String>,
}

impl Library {
    /// The bundled banks, then the `.ron` files in `user_folder` (if it exists).
    pub fn load(user_folder: Option<&Path>) -> Self {
        let mut library = Self::default();
        for report in crate::bundled::load_all() {
            library
                .entries
                .push(Entry::from_report(Origin::Bundled, report));
        }
        if let Some(folder) = user_folder.filter(|f| f.is_dir()) {
            library.add_path(folder, Origin::UserFolder);
        }
        library
    }

    /// Adds an already loaded bank (from an editor buffer, or a test); returns its index.
    pub fn add_report(&mut self, origin: Origin, report: LoadReport) -> usize {
        self.entries.push(Entry::from_report(origin, report));
        self.entries.len() - 1
    }

    /// Puts a reloaded bank in place of the entry with the same path (not a bundled one).
    /// Returns its index, or `None` if no entry has that path.
    pub fn replace(&mut self, report: LoadReport) -> Option<usize> {
        let i = self
            .entries
            .iter()
            .position(|e| e.origin != Origin::Bundled && e.path == report.path)?;
        let origin = self.entries[i].origin;
        self.entries[i] = Entry::from_report(origin, report);
        Some(i)
    }

    /// Adds a bank file, or every `.ron` file below a folder. A file already in the library is
    /// loaded again in place. Returns the index of the last entry added or replaced.
    pub fn add_path(&mut self, path: &Path, origin: Origin) -> Option<usize> {
        let files = match crate::files::walk::collect_quiz_files(path) {
            Ok(files) => files,
            Err(e) => {
                self.problems
                    .push(format!("cannot read {}: {e}", path.display()));
                return None;
            }
        };
        let mut last = None;
        for file in files {
            match load_file(&file) {
                Ok(report) => {
                    let entry = Entry::from_report(origin, report);
                    let existing = self
                        .entries
                        .iter()
                        .position(|e| e.origin != Origin::Bundled && e.path == entry.path);
                    last = Some(match existing {
                        Some(i) => {
                            self.entries[i] = entry;
                            i
                        }
                        None => {
                            self.entries.push(entry);
                            self.entries.len() - 1
                        }
                    });
                }
                Err(e) => self
                    .problems
                    .push(format!("cannot read {}: {e}", file.display())),
            }
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_banks_are_always_there() {
        let library = Library::load(None);
        assert!(library.entries.len() >= 2);
        assert!(
            library
                .entries
                .iter()
                .all(|e| e.origin == Origin::Bundled && e.bank.is_some())
        );
    }

    #[test]
    fn a_broken_file_is_listed_with_its_diagnostics_and_a_missing_one_is_a_problem() {
        let dir = std::env::temp_dir().join(format!("quizdesk-lib-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("broken.ron"), "Bank(").unwrap();
        let mut library = Library::load(Some(&dir));
        let broken = library
            .entries
            .iter()
            .find(|e| e.origin == Origin::UserFolder)
            .unwrap();
        assert!(broken.bank.is_none());
        assert_eq!(broken.title(), "broken.ron");
        assert!(!broken.diagnostics.is_empty());
        let before = library.entries.len();
        std::fs::write(dir.join("broken.ron"), "Bank(format: 1)").unwrap();
        library.add_path(&dir.join("broken.ron"), Origin::Opened);
        assert_eq!(library.entries.len(), before, "reloaded in place");
        assert_eq!(
            library.add_path(&dir.join("missing.ron"), Origin::Opened),
            None
        );
        assert_eq!(library.problems.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
