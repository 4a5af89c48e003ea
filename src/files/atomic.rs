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
///
/// Only a regular file (or a new name) is replaced. A device, a named pipe, a socket or a folder
/// at `path` is refused before anything is written: renaming over it would replace the node
/// itself, and run as root `--out /dev/null` turned the machine's `/dev/null` into a file.
/// A symbolic link is followed, so the file it names is replaced and the link stays.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = fs::metadata(path)?;
            if !target.file_type().is_file() {
                return Err(crate::files::read::not_regular(&target.file_type()));
            }
            resolved = fs::canonicalize(path)?;
            resolved.as_path()
        }
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(crate::files::read::not_regular(&meta.file_type()));
        }
        Ok(_) => path,
        Err(e) if e.kind() == io::ErrorKind::NotFound => path,
        Err(e) => return Err(e),
    };
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

    /// Run as root, `--out /dev/null` renamed a regular file over the device (CI then read
    /// garbage from "/dev/null"). A named pipe stands in for the device: the same rename
    /// replaced it.
    #[cfg(unix)]
    #[test]
    fn a_device_or_pipe_is_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = temp("fifo");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let e = write_atomic(&fifo, b"report").unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );
        let folder = dir.join("folder");
        fs::create_dir(&folder).unwrap();
        assert_eq!(
            write_atomic(&folder, b"x").unwrap_err().kind(),
            io::ErrorKind::IsADirectory
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_kept() {
        let dir = temp("link");
        let real = dir.join("real.ron");
        fs::write(&real, "old").unwrap();
        let link = dir.join("link.ron");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
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
