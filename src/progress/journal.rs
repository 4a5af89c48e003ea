//! A learner's history: an append-only journal of JSON lines (documented in
//! `docs/PROGRESS-FORMAT.md`).
//!
//! Why a journal: recording an answer appends one line and flushes it to disk (no rewrite of
//! the history, so it stays cheap at 100,000 answers), and a crash can only ever leave a torn
//! last line, which is the answer in flight and is dropped on the next read or append. Two app
//! instances on the same profile take an exclusive lock for each append, so neither loses the
//! other's lines. A file that cannot be read for any other reason (a bad line in the middle, a
//! newer format) is set aside under a new name and reported; the lines that could be read are
//! kept in a fresh file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::records::Event;
use crate::files::atomic::{set_aside, write_atomic};
use crate::files::read::{open_regular, read_up_to};

/// The format version this build writes and reads.
pub const HISTORY_VERSION: u32 = 1;

/// The largest history file read: 256 MiB, a million answers and more. A larger one is
/// refused (an error, the file untouched) rather than filling the memory.
pub const MAX_HISTORY_BYTES: u64 = 256 * 1024 * 1024;

/// The first line of every history file.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Header {
    quizdesk_history: u32,
}

/// Something that went wrong with a history file and what was done about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read as a whole; it was moved to `moved_to`, and the `kept` events
    /// that could be read were written to a fresh file.
    SetAside {
        moved_to: PathBuf,
        reason: String,
        kept: usize,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::SetAside {
                moved_to,
                reason,
                kept,
            } => {
                // `set_aside` names the copy after the file (`<name>.unreadable-…`), so it says
                // which of the store's two kinds of file this was.
                let is_profiles = moved_to
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("profiles.json."));
                if is_profiles {
                    write!(
                        f,
                        "your list of learners (profiles.json) could not be read ({reason}); it \
                         was kept as {} and the {kept} learners found in the history folders \
                         were listed again",
                        moved_to.display()
                    )
                } else {
                    write!(
                        f,
                        "your history file could not be read ({reason}); it was kept as {} and \
                         the {kept} records that could be read were carried over",
                        moved_to.display()
                    )
                }
            }
        }
    }
}

/// What reading a history file found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub events: Vec<Event>,
    /// A last line cut off by a crash (the answer in flight), which was ignored.
    pub torn_tail: bool,
    pub problem: Option<Problem>,
}

/// One learner's history file.
#[derive(Clone, Debug)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one event and flushes it to disk before returning: once this returns `Ok`, the
    /// event survives a crash or a power cut.
    pub fn append(&self, event: &Event) -> io::Result<()> {
        self.append_all(std::slice::from_ref(event))
    }

    /// Appends several events with one write and one flush.
    pub fn append_all(&self, events: &[Event]) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)?;
        file.lock()?;
        let mut buf = Vec::with_capacity(256 * events.len());
        let mut len = file.metadata()?.len();
        if len > 0 {
            len = drop_torn_tail(&mut file, len)?;
        }
        if len == 0 {
            push_line(
                &mut buf,
                &Header {
                    quizdesk_history: HISTORY_VERSION,
                },
            )?;
        }
        for event in events {
            push_line(&mut buf, event)?;
        }
        file.write_all(&buf)?;
        file.sync_data()?;
        file.unlock()
    }

    /// Reads every event. A torn last line is ignored; a file that is unreadable otherwise is set
    /// aside (never overwritten) and what could be read is kept in a fresh file.
    pub fn load(&self, now: SystemTime) -> io::Result<Loaded> {
        let file = match open_regular(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(e),
        };
        file.lock_shared()?;
        let bytes = read_up_to(&file, MAX_HISTORY_BYTES)?;
        file.unlock()?;
        drop(file);
        let parsed = parse(&bytes);
        let Some(reason) = parsed.unreadable else {
            return Ok(Loaded {
                events: parsed.events,
                torn_tail: parsed.torn_tail,
                problem: None,
            });
        };
        // Set the file aside, then keep what could be read (unless it is from a newer quizdesk,
        // whose records we cannot interpret).
        let moved_to = set_aside(&self.path, "unreadable", now)?;
        let kept = if parsed.newer {
            Vec::new()
        } else {
            parsed.events
        };
        if !kept.is_empty() {
            let mut out = Vec::new();
            push_line(
                &mut out,
                &Header {
                    quizdesk_history: HISTORY_VERSION,
                },
            )?;
            for event in &kept {
                push_line(&mut out, event)?;
            }
            write_atomic(&self.path, &out)?;
        }
        Ok(Loaded {
            problem: Some(Problem::SetAside {
                moved_to,
                reason,
                kept: kept.len(),
            }),
            events: kept,
            torn_tail: parsed.torn_tail,
        })
    }
}

/// Appends `value` as one JSON line.
fn push_line(buf: &mut Vec<u8>, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *buf, value).map_err(io::Error::other)?;
    buf.push(b'\n');
    Ok(())
}

/// Removes a last line without its newline: it was being written when the app died, so it was
/// never reported as saved. Returns the new length.
fn drop_torn_tail(file: &mut File, len: u64) -> io::Result<u64> {
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    if last[0] == b'\n' {
        return Ok(len);
    }
    // Find the end of the last complete line, reading backwards in blocks.
    let mut end = len;
    let mut block = vec![0u8; 4096];
    while end > 0 {
        let start = end.saturating_sub(block.len() as u64);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut block[..n])?;
        if let Some(i) = block[..n].iter().rposition(|&b| b == b'\n') {
            let new_len = start + i as u64 + 1;
            file.set_len(new_len)?;
            return Ok(new_len);
        }
        end = start;
    }
    file.set_len(0)?;
    Ok(0)
}

/// Parses event lines, on several threads for long histories. Returns the events in order and
/// the indices of the lines that are not events. `utf8`: the whole file is valid UTF-8, so lines
/// can be read as `str` without checking every string again.
fn parse_events(lines: &[(usize, &[u8])], utf8: bool) -> (Vec<Event>, Vec<usize>) {
    let parse_chunk = |chunk: &[(usize, &[u8])]| {
        let mut events = Vec::with_capacity(chunk.len());
        let mut bad = Vec::new();
        for &(i, line) in chunk {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let event = match std::str::from_utf8(line) {
                // A line of a valid file is valid on its own; the check is cheap once the file passed.
                Ok(text) if utf8 => serde_json::from_str::<Event>(text),
                _ => serde_json::from_slice::<Event>(line),
            };
            match event {
                Ok(event) => events.push(event),
                Err(_) => bad.push(i),
            }
        }
        (events, bad)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4);
    if threads < 2 || lines.len() < 4_000 {
        return parse_chunk(lines);
    }
    let size = lines.len().div_ceil(threads);
    let results: Vec<(Vec<Event>, Vec<usize>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(size)
            .map(|chunk| scope.spawn(move || parse_chunk(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut events = Vec::with_capacity(lines.len());
    let mut bad = Vec::new();
    for (e, b) in results {
        events.extend(e);
        bad.extend(b);
    }
    (events, bad)
}

struct Parsed {
    events: Vec<Event>,
    torn_tail: bool,
    /// Why the file cannot be read as a whole, if it cannot.
    unreadable: Option<String>,
    newer: bool,
}

fn parse(bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed {
        events: Vec::new(),
        torn_tail: false,
        unreadable: None,
        newer: false,
    };
    // A byte-order mark (an editor's doing) is not part of the header.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let ends_cleanly = bytes.last().is_none_or(|&b| b == b'\n');
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if ends_cleanly {
        lines.pop(); // the empty piece after the final newline
    }
    let count = lines.len();
    let mut numbered: Vec<(usize, &[u8])> = lines.into_iter().enumerate().collect();
    let mut no_header = false;
    match numbered.first() {
        None => return parsed,
        Some(&(_, first)) => match serde_json::from_slice::<Header>(first) {
            Ok(h) if h.quizdesk_history <= HISTORY_VERSION => {
                numbered.remove(0);
            }
            Ok(h) => {
                parsed.newer = true;
                parsed.unreadable = Some(format!(
                    "it was written by a newer quizdesk (history format {}, this one reads {HISTORY_VERSION})",
                    h.quizdesk_history
                ));
                return parsed;
            }
            Err(_) if count == 1 && !ends_cleanly => {
                // Only a torn header: the file was being created.
                parsed.torn_tail = true;
                return parsed;
            }
            // No header: the file is set aside, but every record in it, line 1 included, is
            // still read and carried over.
            Err(_) => no_header = true,
        },
    }
    let (events, bad) = parse_events(&numbered, std::str::from_utf8(bytes).is_ok());
    parsed.events = events;
    let mut bad_lines = Vec::new();
    for i in bad {
        if i + 1 == count && !ends_cleanly {
            parsed.torn_tail = true;
        } else if !(no_header && i == 0) {
            bad_lines.push(i + 1);
        }
    }
    let mut reasons = Vec::new();
    if no_header {
        reasons.push("line 1 is not a quizdesk history header".to_owned());
    }
    if !bad_lines.is_empty() {
        let shown: Vec<String> = bad_lines.iter().take(5).map(ToString::to_string).collect();
        reasons.push(format!(
            "line{} {} could not be read",
            if bad_lines.len() == 1 { "" } else { "s" },
            shown.join(", ")
        ));
    }
    if !reasons.is_empty() {
        parsed.unreadable = Some(reasons.join("; "));
    }
    parsed
}
