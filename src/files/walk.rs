//! The folder walk: every quiz file (`.ron`) below a folder, in a stable order.
//!
//! Used by `quizdesk check` and by the library when a folder is opened. Hidden folders (`.git`,
//! `.cache`, …) and `target` (a Rust build folder) are skipped; symbolic links to folders are not
//! followed, so a link loop cannot make the walk run forever.

use std::io;
use std::path::{Path, PathBuf};

/// A file as given, or the `.ron` files below a folder (sorted; hidden folders and `target`
/// skipped).
pub fn collect_quiz_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let p = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    pending.push(p);
                }
            } else if p.extension().is_some_and(|e| e == "ron") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ron_files_below_a_folder_sorted_skipping_hidden_and_target() {
        let dir = std::env::temp_dir().join(format!("quizdesk-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["b", "a/deep", ".hidden", "target"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for file in [
            "b/two.ron",
            "a/deep/one.ron",
            "a/notes.txt",
            ".hidden/x.ron",
            "target/y.ron",
            "top.ron",
        ] {
            std::fs::write(dir.join(file), "").unwrap();
        }
        let found = collect_quiz_files(&dir).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(names, ["a/deep/one.ron", "b/two.ron", "top.ron"]);
        // A file is returned as given, whatever its extension.
        let one = dir.join("a/notes.txt");
        assert_eq!(collect_quiz_files(&one).unwrap(), [one]);
        assert!(collect_quiz_files(&dir.join("missing")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
