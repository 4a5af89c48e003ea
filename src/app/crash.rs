//! Crash reports: when the desktop app stops unexpectedly, the next start says so and where
//! the report is.
//!
//! Two kinds of stop leave a trace in `<data folder>/crashes/`:
//! - a **panic** (a bug): the panic hook writes `crash-<unix ms>-<pid>.txt` with the version,
//!   the time, the thread, the message, where it happened and a backtrace, then flushes it to
//!   disk before the default hook prints to the terminal;
//! - an exit that runs no code at all (killed, out of memory, a native library aborting): while
//!   the app runs, a marker `running-<pid>` exists, and a clean exit removes it. A marker whose
//!   process is gone was left by a run that never finished. (Whether a process is alive is known
//!   where `/proc` exists; elsewhere a marker is only reported once it is a day old.)
//!
//! [`Crashes::start`] reads what earlier runs left, marks it as told (a report becomes
//! `crash-….seen.txt`; a stale marker is removed) and creates this run's marker.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What an earlier run left behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Previous {
    /// It panicked: the report, and the panic's message (first line).
    Panicked { report: PathBuf, message: String },
    /// It stopped without running any exit code (its marker was left, since `since`).
    Vanished { since: SystemTime },
}

impl Previous {
    /// The notice for the user, in words.
    pub fn notice(&self) -> String {
        match self {
            Previous::Panicked { report, message } => format!(
                "quizdesk stopped because of a bug last time ({message}). A report was saved in {}: please send it with what you were doing.",
                report.display()
            ),
            Previous::Vanished { since } => format!(
                "quizdesk did not close properly last time (it was started {}); it may have been stopped by the system or run out of memory. Answers already given were saved as they were made.",
                crate::format::iso_date(unix_ms(*since))
            ),
        }
    }
}

/// This run's marker; dropping it (a clean exit) removes it.
#[derive(Debug)]
pub struct Crashes {
    marker: Option<PathBuf>,
}

impl Crashes {
    /// Reads what earlier runs left in `folder` (created if need be), installs the panic hook
    /// that writes reports there, and marks this run as running. A folder that cannot be
    /// written only means no reports: the app runs the same.
    pub fn start(folder: &Path) -> (Self, Vec<Previous>) {
        let previous = take_previous(folder, SystemTime::now());
        install_hook(folder.to_path_buf());
        let marker = folder.join(format!("running-{}", std::process::id()));
        let marker = fs::write(&marker, b"").is_ok().then_some(marker);
        (Self { marker }, previous)
    }
}

impl Crashes {
    /// Nowhere to keep reports (no data folder): nothing is marked.
    pub fn none() -> Self {
        Self { marker: None }
    }
}

impl Drop for Crashes {
    fn drop(&mut self) {
        if let Some(marker) = &self.marker {
            let _ = fs::remove_file(marker);
        }
    }
}

/// Installs a panic hook that writes a report into `folder` and then runs the hook that was
/// there before (which prints the panic on the terminal).
pub fn install_hook(folder: PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with no message".to_owned());
        let place = info.location().map_or_else(String::new, |l| {
            format!("{}:{}:{}", l.file(), l.line(), l.column())
        });
        let _ = write_report(&folder, &message, &place, SystemTime::now());
        previous(info);
    }));
}

/// Writes one panic report into `folder` and flushes it to disk; returns its path.
pub fn write_report(
    folder: &Path,
    message: &str,
    place: &str,
    now: SystemTime,
) -> io::Result<PathBuf> {
    fs::create_dir_all(folder)?;
    let ms = unix_ms(now);
    let path = folder.join(format!("crash-{ms}-{}.txt", std::process::id()));
    let thread = std::thread::current();
    let mut text = String::new();
    let _ = writeln!(text, "quizdesk {} crashed", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(
        text,
        "time: {} ({ms} ms since 1970)",
        crate::format::iso_date(ms)
    );
    let _ = writeln!(text, "thread: {}", thread.name().unwrap_or("unnamed"));
    let _ = writeln!(text, "at: {place}");
    let _ = writeln!(text, "message: {message}");
    let _ = writeln!(
        text,
        "\nbacktrace:\n{}",
        std::backtrace::Backtrace::force_capture()
    );
    // A new file each time (never over another report), written and flushed at once: the
    // process may be about to end.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(path)
}

/// What earlier runs left in `folder`, marked as told.
fn take_previous(folder: &Path, now: SystemTime) -> Vec<Previous> {
    let _ = fs::create_dir_all(folder);
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut names: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    names.sort();
    for (name, path) in names {
        if let Some(rest) = name.strip_prefix("crash-")
            && rest.ends_with(".txt")
            && !rest.ends_with(".seen.txt")
        {
            let message = first_message(&path);
            let seen = path.with_file_name(format!("{}.seen.txt", name.trim_end_matches(".txt")));
            let report = if fs::rename(&path, &seen).is_ok() {
                seen
            } else {
                path
            };
            found.push(Previous::Panicked { report, message });
        } else if let Some(pid) = name.strip_prefix("running-")
            && let Ok(pid) = pid.parse::<u32>()
        {
            let since = fs::metadata(&path)
                .and_then(|m| m.modified())
                .unwrap_or(now);
            if pid != std::process::id() && !is_running(pid, since, now) {
                let _ = fs::remove_file(&path);
                found.push(Previous::Vanished { since });
            }
        }
    }
    // A run that panicked also left its marker only if the panic skipped the drop; one notice
    // per run is enough, and the report says more.
    if found.iter().any(|p| matches!(p, Previous::Panicked { .. })) {
        found.retain(|p| matches!(p, Previous::Panicked { .. }));
    }
    found
}

/// Whether the process `pid`, whose marker dates from `since`, may still be running.
fn is_running(pid: u32, since: SystemTime, now: SystemTime) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        now.duration_since(since).unwrap_or_default() < Duration::from_secs(24 * 3600)
    }
}

/// The message line of a report, cut to a sentence's length.
fn first_message(path: &Path) -> String {
    let text = crate::files::read::read_capped(path, 1 << 20)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let message = text
        .lines()
        .find_map(|l| l.strip_prefix("message: "))
        .unwrap_or("no message was recorded");
    let mut short: String = message.chars().take(160).collect();
    if short.len() < message.len() {
        short.push('…');
    }
    short
}

fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
