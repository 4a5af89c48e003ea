//! Writing files so that a crash at any moment leaves either the old or the new content, and
//! setting unreadable files aside without ever overwriting anything.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes` atomically: write a temporary file beside it, flush it to disk,
/// rename it over the target, then flush the folder so the rename itself is durable.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Flushes a folder's entries (a rename is only durable once its folder is). Best effort: some
/// platforms cannot open folders as files.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Moves `path` aside as `<name>.<reason>-<unix seconds>[-n]`, never replacing an existing file,
/// and returns where it went.
pub fn set_aside(path: &Path, reason: &str, now: SystemTime) -> io::Result<PathBuf> {
    let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let dir = path.parent().unwrap_or(Path::new("."));
    for n in 0..1000 {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let target = dir.join(format!("{name}.{reason}-{secs}{suffix}"));
        // hard_link fails if the target exists, so nothing is ever overwritten; then the
        // original name is removed. Where links are unsupported, fall back to a checked rename.
        match fs::hard_link(path, &target) {
            Ok(()) => {
                fs::remove_file(path)?;
                sync_dir(dir);
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) if !target.exists() => {
                fs::rename(path, &target)?;
                sync_dir(dir);
                return Ok(target);
            }
            Err(_) => continue,
        }
    }
    Err(io::Error::other("no free name to set the file aside"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("quizdesk-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_files() {
        let dir = temp("write");
        let path = dir.join("a.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn setting_aside_never_overwrites() {
        let dir = temp("aside");
        let path = dir.join("h.jsonl");
        let now = UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        fs::write(&path, "first").unwrap();
        let a = set_aside(&path, "unreadable", now).unwrap();
        fs::write(&path, "second").unwrap();
        let b = set_aside(&path, "unreadable", now).unwrap();
        assert_ne!(a, b);
        assert_eq!(fs::read_to_string(&a).unwrap(), "first");
        assert_eq!(fs::read_to_string(&b).unwrap(), "second");
        assert!(!path.exists());
        assert!(
            a.to_string_lossy()
                .ends_with("h.jsonl.unreadable-1700000000")
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
