//! Reading files that the user or another program made, safely: only regular files are opened
//! (a FIFO, a device or a socket would block `open` or never end), and never more than a cap.
//!
//! Every reader of user files goes through [`open_regular`] or [`read_capped`]: bank files and
//! their sources, the files the importers convert, students' results files, and the progress
//! store's `profiles.json` and histories.
//!
//! Limit: the check is made on the path just before opening it, so a regular file swapped for a
//! FIFO in between (a time-of-check/time-of-use race) could still block `open`. Closing that
//! would need `O_NONBLOCK`, which is not portable; the handle is checked again after opening so
//! that at least nothing but a regular file is ever read.

use std::fs::{self, File, FileType};
use std::io::{self, Read};
use std::path::Path;

/// What a path is when it is not a regular file, in words for a message.
fn kind_name(file_type: &FileType) -> &'static str {
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// The error for a path that is not a regular file: `IsADirectory` for folders, `InvalidInput`
/// otherwise, with a message naming what it is.
pub(crate) fn not_regular(file_type: &FileType) -> io::Error {
    let kind = if file_type.is_dir() {
        io::ErrorKind::IsADirectory
    } else {
        io::ErrorKind::InvalidInput
    };
    let what = kind_name(file_type);
    let message = if what == "not a regular file" {
        format!("it is {what}")
    } else {
        format!("it is {what}, not a regular file")
    };
    io::Error::new(kind, message)
}

/// Fails unless `path` (after following links) is a regular file; its metadata otherwise.
pub fn check_regular(path: &Path) -> io::Result<fs::Metadata> {
    let meta = fs::metadata(path)?;
    if meta.file_type().is_file() {
        Ok(meta)
    } else {
        Err(not_regular(&meta.file_type()))
    }
}

/// Opens `path` for reading if it is a regular file, refusing anything else *before* opening
/// it (see the module docs for the race that remains).
pub fn open_regular(path: &Path) -> io::Result<File> {
    check_regular(path)?;
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    Ok(file)
}

/// The error for a file over `limit_bytes`: kind `FileTooLarge`, "it is larger than the N MiB
/// limit".
pub fn too_large(limit_bytes: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("it is larger than the {} limit", mib(limit_bytes)),
    )
}

/// `limit_bytes` in words: "16 MiB", or bytes when under one MiB.
fn mib(limit_bytes: u64) -> String {
    if limit_bytes >= 1 << 20 {
        format!("{} MiB", limit_bytes >> 20)
    } else {
        format!("{limit_bytes} bytes")
    }
}

/// Reads a whole regular file of at most `limit_bytes`. A larger one is refused from its size
/// before reading (a sparse file costs nothing), and the reading itself stops one byte past the
/// cap, so a file that grows meanwhile cannot exhaust memory either.
pub fn read_capped(path: &Path, limit_bytes: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    if file.metadata()?.len() > limit_bytes {
        return Err(too_large(limit_bytes));
    }
    read_up_to(file, limit_bytes)
}

/// Reads `reader` to its end, failing with [`too_large`] as soon as it goes past `limit_bytes`.
pub fn read_up_to(reader: impl Read, limit_bytes: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit_bytes {
        return Err(too_large(limit_bytes));
    }
    Ok(bytes)
}

/// Whether `a` and `b` are the same file on disk: the same inode (so a hard link or another
/// spelling of the path counts), or the same canonical path where inodes are not available.
/// `false` when either does not exist: a file not yet made is nobody's input.
pub fn is_same_file(a: &Path, b: &Path) -> bool {
    let (Ok(meta_a), Ok(meta_b)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta_a.dev() == meta_b.dev() && meta_a.ino() == meta_b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (meta_a, meta_b);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("quizdesk-read-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn folders_are_refused_as_folders() {
        let dir = temp("folder");
        let e = read_capped(&dir, 10).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::IsADirectory);
        assert!(e.to_string().contains("a folder"), "{e}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_sparse_file_over_the_cap_is_refused_without_reading_it() {
        let dir = temp("sparse");
        let path = dir.join("big.csv");
        File::create(&path)
            .unwrap()
            .set_len(2 * 1024 * 1024 * 1024)
            .unwrap();
        let e = read_capped(&path, 16 << 20).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(e.to_string(), "it is larger than the 16 MiB limit");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_endless_reader_stops_one_byte_past_the_cap() {
        let e = read_up_to(io::repeat(0), 1 << 20).unwrap_err();
        assert_eq!(e.to_string(), "it is larger than the 1 MiB limit");
        assert_eq!(read_up_to(&b"abc"[..], 3).unwrap(), b"abc");
    }

    #[test]
    fn the_same_file_is_recognised_under_another_spelling_or_a_hard_link() {
        let dir = temp("same");
        let a = dir.join("a.csv");
        fs::write(&a, "x").unwrap();
        fs::write(dir.join("b.csv"), "x").unwrap();
        fs::hard_link(&a, dir.join("link.csv")).unwrap();
        assert!(is_same_file(&a, &dir.join(".").join("a.csv")));
        assert!(is_same_file(&a, &dir.join("link.csv")));
        assert!(!is_same_file(&a, &dir.join("b.csv")));
        assert!(!is_same_file(&a, &dir.join("missing.csv")));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_opening() {
        let e = read_capped(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(e.to_string(), "it is a device, not a regular file");
    }
}
