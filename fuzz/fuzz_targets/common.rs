//! Shared by the targets: a source resolver that reads no files, and the round-trip check.
#![allow(dead_code)] // each target uses part of it

use std::path::Path;

use quizdesk::bank::{SourceError, SourceResolver, load_str};
use quizdesk::interop::{Converted, ImportOptions};

/// The one source file a fuzzed bank can cite, `source.txt`, held in memory (the text of
/// tests/malformed/source.txt); every other file is missing. Nothing is read from disk.
pub struct MemorySources;

pub const SOURCE: &str = include_str!("../../tests/malformed/source.txt");

impl SourceResolver for MemorySources {
    fn read(&self, file: &str) -> Result<String, SourceError> {
        if file == "source.txt" {
            Ok(SOURCE.to_owned())
        } else {
            Err(SourceError::NotFound(file.into()))
        }
    }
}

pub fn options() -> ImportOptions {
    ImportOptions {
        id: "fuzz".into(),
        title: "Fuzz".into(),
        sheet: None,
    }
}

/// What every importer promises: its diagnostics render, and the bank it writes (when it kept
/// a question) loads with no error.
pub fn check_converted(c: &Converted) {
    let _ = c.render();
    if c.bank.questions.is_empty() {
        return;
    }
    let ron = c.to_ron();
    let report = load_str(Path::new("imported.ron"), &ron, &MemorySources);
    assert!(
        !report.has_errors(),
        "the imported bank does not load:\n{}\n--- bank ---\n{ron}",
        report.render()
    );
}
