//! The bank being edited as a document on disk: where it is saved, whether it was ever saved,
//! the file that goes next to it on its first save (the bundled article a new bank cites), and
//! saving itself, atomically. The text and its editing live with the editor; this is only what
//! touches the disk.
//!
//! A document remembers what its file held when it was opened or last saved (a [`Stamp`]), so
//! that a change made elsewhere (a fix in another editor, a `git pull`) is noticed: saving over
//! it is refused until the user has chosen between the two versions
//! ([`AppError::ChangedOnDisk`]), and the editor can reload an unchanged buffer.

use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use super::AppError;
use crate::bank::Bank;
use crate::editor::check::Companion;
use crate::editor::skeleton;
use crate::library::{Entry, Origin};

/// A bank file being edited.
#[derive(Clone, Debug)]
pub struct Document {
    /// Where the bank is saved.
    pub path: PathBuf,
    /// Never saved yet (a new bank, or a copy of a bundled one).
    pub new_file: bool,
    /// A file to write next to the bank on its first save (the bundled article it cites).
    pub companion: Option<Companion>,
    /// The editor's text version last saved (`u64::MAX`: none yet).
    saved_version: u64,
    /// What the file held when it was opened or last saved (`None`: nothing was there).
    on_disk: Option<Stamp>,
}

/// What a file held, in brief: its length and a hash of its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: usize,
    hash: u64,
}

impl Stamp {
    pub fn of(bytes: &[u8]) -> Self {
        // SipHash with fixed keys: the same bytes give the same stamp in every run.
        let mut h = std::hash::DefaultHasher::new();
        bytes.hash(&mut h);
        Self {
            len: bytes.len(),
            hash: h.finish(),
        }
    }
}

/// How the file on disk compares with what the document last read or wrote there.
#[derive(Debug)]
pub enum DiskChange {
    /// It holds what the document knows (or there is no file and never was).
    Unchanged,
    /// Something else wrote it: its text now.
    Changed(String),
    /// It was there and is gone (deleted or moved away).
    Gone,
    /// It cannot be read now.
    Unreadable(io::Error),
}

/// The largest bank file a document reads back (the loader's limit, and a little room).
const READ_LIMIT: u64 = crate::bank::MAX_FILE_BYTES + 1;

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// Where the bank now is.
    pub path: PathBuf,
    /// Saved somewhere else than before ("Save as").
    pub moved: bool,
}

impl Document {
    /// An existing bank file; the editor marks its starting text as saved
    /// ([`Document::mark_saved`]). What the file holds now is remembered, to notice changes
    /// made elsewhere.
    pub fn open(path: PathBuf) -> Self {
        let on_disk = read_file(&path).ok().map(|b| Stamp::of(&b));
        Self {
            path,
            new_file: false,
            companion: None,
            saved_version: u64::MAX,
            on_disk,
        }
    }

    /// A file not saved yet, which cites the bundled article: the article is written next to
    /// it on the first save (and counts as there until then).
    pub fn unsaved(path: PathBuf) -> Self {
        Self {
            path,
            new_file: true,
            companion: Some(Companion {
                file: skeleton::ARTICLE_FILE.to_owned(),
                text: crate::bundled::SOURCES.first().map_or("", |s| s.text),
            }),
            saved_version: u64::MAX,
            on_disk: None,
        }
    }

    /// A new bank from the template, to be saved in `folder` under the first free name
    /// (`my-bank.ron`, `my-bank-2.ron`, …), and its text.
    pub fn new_bank(folder: &Path) -> (Self, String) {
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    "my-bank.ron".to_owned()
                } else {
                    format!("my-bank-{n}.ron")
                }
            })
            .find(|n| !folder.join(n).exists())
            .unwrap_or_else(|| "my-bank.ron".into());
        let id = name.trim_end_matches(".ron").to_owned();
        (Self::unsaved(folder.join(&name)), skeleton::new_bank(&id))
    }

    /// A copy of a bundled bank (its id and source file renamed) to save in `folder`, and its
    /// text.
    pub fn copy_of(bank: &Bank, text: &str, folder: &Path) -> (Self, String) {
        let name = format!("{}-copy.ron", bank.id());
        let text = text
            .replacen(
                &format!("id: \"{}\"", bank.id()),
                &format!("id: \"{}-copy\"", bank.id()),
                1,
            )
            .replacen(
                "file: \"../assets/article.txt\"",
                &format!("file: \"{}\"", skeleton::ARTICLE_FILE),
                1,
            );
        (Self::unsaved(folder.join(name)), text)
    }

    /// The document to edit library entry `entry` in: the file itself, or for a bundled bank a
    /// copy to save in `folder`. Returns the document and the text to start from.
    pub fn for_entry(entry: &Entry, folder: &Path) -> (Self, String) {
        match (&entry.bank, entry.origin) {
            (Some(bank), Origin::Bundled) => {
                let text = crate::bundled::BANKS
                    .iter()
                    .find(|b| Path::new(b.path) == entry.path)
                    .map_or(entry.text.as_str(), |b| b.text);
                Self::copy_of(bank, text, folder)
            }
            _ => (Self::open(entry.path.clone()), entry.text.clone()),
        }
    }

    /// Whether the text at `version` differs from what is on disk (or nothing is yet).
    pub fn is_dirty(&self, version: u64) -> bool {
        self.new_file || version != self.saved_version
    }

    /// Takes `version` as the text on disk (the editor's starting text).
    pub fn mark_saved(&mut self, version: u64) {
        self.saved_version = version;
    }

    /// Compares the file with what this document last read or wrote there.
    pub fn disk_change(&self) -> DiskChange {
        match (read_file(&self.path), self.on_disk) {
            (Ok(bytes), Some(known)) if Stamp::of(&bytes) == known => DiskChange::Unchanged,
            (Ok(bytes), _) => DiskChange::Changed(String::from_utf8_lossy(&bytes).into_owned()),
            (Err(e), Some(_)) if e.kind() == io::ErrorKind::NotFound => DiskChange::Gone,
            (Err(_), None) => DiskChange::Unchanged,
            (Err(e), Some(_)) => DiskChange::Unreadable(e),
        }
    }

    /// Takes `text` as what the file holds now: the user chose to keep their version, so the
    /// next save may replace it.
    pub fn accept_disk(&mut self, text: &str) {
        self.on_disk = Some(Stamp::of(text.as_bytes()));
    }

    /// Saves `text` (the editor's `version`) atomically to `path_text`, the path as typed, and
    /// on a first save the companion file next to it unless one is there already. Refuses an
    /// empty path, and refuses to replace the document's own file when something else changed
    /// it since it was opened or saved ([`AppError::ChangedOnDisk`], with the file's text).
    pub fn save_as(
        &mut self,
        path_text: &str,
        text: &str,
        version: u64,
    ) -> Result<Saved, AppError> {
        let path = PathBuf::from(path_text.trim());
        if path.as_os_str().is_empty() {
            return Err(AppError::NoFileName);
        }
        if path == self.path
            && !self.new_file
            && let DiskChange::Changed(disk) = self.disk_change()
        {
            return Err(AppError::ChangedOnDisk { path, disk });
        }
        super::exports::write(&path, text)?;
        self.on_disk = Some(Stamp::of(text.as_bytes()));
        if let Some(c) = &self.companion {
            let companion = path
                .parent()
                .map_or_else(|| PathBuf::from(&c.file), |p| p.join(&c.file));
            if !companion.exists() {
                super::exports::write(&companion, c.text)?;
            }
            self.companion = None;
        }
        let moved = path != self.path;
        self.path = path.clone();
        self.saved_version = version;
        self.new_file = false;
        Ok(Saved { path, moved })
    }
}

/// A bank file's bytes, if it is a regular file under the size limit.
fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    crate::files::read::read_capped(path, READ_LIMIT)
}
