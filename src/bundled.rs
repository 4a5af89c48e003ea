//! The banks and source texts compiled into the binary, so `quizdesk` works from any folder and
//! after `cargo install`. Bundled files keep their repository paths (`quizzes/…`, `assets/…`),
//! and a bank's relative `source.file` resolves among them as it would on disk.

use std::path::Path;

use crate::bank::load::join_lexically;
use crate::bank::{LoadReport, SourceError, SourceResolver, load_str};

/// A file compiled into the binary.
#[derive(Clone, Copy, Debug)]
pub struct BundledFile {
    /// Its path in the repository.
    pub path: &'static str,
    pub text: &'static str,
}

/// Every bank in `quizzes/` but the template (a test checks that none is missing).
pub const BANKS: &[BundledFile] = &[
    BundledFile {
        path: "quizzes/pact-facts.ron",
        text: include_str!("../quizzes/pact-facts.ron"),
    },
    BundledFile {
        path: "quizzes/pact-discussion.ron",
        text: include_str!("../quizzes/pact-discussion.ron"),
    },
];

/// The commented bank authors start from; a valid bank, but not one to study.
pub const TEMPLATE: BundledFile = BundledFile {
    path: "quizzes/template.ron",
    text: include_str!("../quizzes/template.ron"),
};

/// The source texts the bundled banks cite.
pub const SOURCES: &[BundledFile] = &[BundledFile {
    path: "assets/article.txt",
    text: include_str!("../assets/article.txt"),
}];

/// Resolves a bundled bank's sources among [`SOURCES`].
pub struct BundledSources<'a> {
    bank_path: &'a str,
}

impl<'a> BundledSources<'a> {
    pub fn for_bank(bank_path: &'a str) -> Self {
        Self { bank_path }
    }
}

impl SourceResolver for BundledSources<'_> {
    fn read(&self, file: &str) -> Result<String, SourceError> {
        // The same folder-tree rule as on disk: the bank's folder or the one above it.
        let dir = Path::new(self.bank_path).parent().unwrap_or(Path::new(""));
        let root = dir.parent().unwrap_or(Path::new(""));
        let wanted = join_lexically(dir, file)
            .filter(|p| p.starts_with(root))
            .ok_or_else(|| SourceError::OutsideTree(file.into()))?;
        SOURCES
            .iter()
            .find(|s| Path::new(s.path) == wanted)
            .map(|s| s.text.to_owned())
            .ok_or_else(|| SourceError::NotFound(file.into()))
    }
}

/// A bank named on the command line: a bundled bank's id (`pact-facts`), else a quiz file.
/// The error says both were tried.
pub fn resolve(name: &str) -> Result<LoadReport, String> {
    if let Some(report) = load_all()
        .into_iter()
        .find(|r| r.bank.as_ref().is_some_and(|b| b.id() == name))
    {
        return Ok(report);
    }
    crate::bank::load_file(Path::new(name))
        .map_err(|e| format!("cannot read {name}: {e} (and no bundled bank has that id)"))
}

/// Loads every bundled bank.
pub fn load_all() -> Vec<LoadReport> {
    BANKS
        .iter()
        .map(|b| load_str(Path::new(b.path), b.text, &BundledSources::for_bank(b.path)))
        .collect()
}
