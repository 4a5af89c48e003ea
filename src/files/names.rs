//! Names that come from data (a learner's id in `profiles.json`, a bank's id) and become one
//! component of a path: [`safe_component`] is the one check that such a name stays in its
//! folder, whatever the file it came from says.

/// Why a name cannot be used as a file or folder name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{}` cannot be used as a file or folder name: {reason}",
    crate::text::terminal_safe(name)
)]
pub struct UnsafeName {
    /// The name as found (shown with control characters masked).
    pub name: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// The longest name accepted, in bytes (most file systems allow 255).
pub const MAX_COMPONENT_BYTES: usize = 200;

/// `name` if it is one plain path component that stays in its folder: not empty, not `.` or
/// `..`, no separator (`/`, `\`), drive colon, control character or NUL, no leading dot or
/// space (hidden files, trimmed names) and at most [`MAX_COMPONENT_BYTES`] bytes.
pub fn safe_component(name: &str) -> Result<&str, UnsafeName> {
    let refuse = |reason| {
        Err(UnsafeName {
            name: name.to_owned(),
            reason,
        })
    };
    if name.is_empty() {
        return refuse("it is empty");
    }
    if name == "." || name == ".." {
        return refuse("it names a folder itself or its parent");
    }
    if name.contains(['/', '\\']) {
        return refuse("it contains a path separator");
    }
    if name.contains(':') {
        return refuse("it contains `:`");
    }
    if name.chars().any(char::is_control) {
        return refuse("it contains a control character");
    }
    if name.starts_with(['.', ' ']) || name.ends_with([' ', '.']) {
        return refuse("it starts or ends with a dot or a space");
    }
    if name.len() > MAX_COMPONENT_BYTES {
        return refuse("it is too long");
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass_and_anything_that_leaves_the_folder_is_refused() {
        for ok in ["ada", "ada-lovelace", "ben-2", "pact_facts.v2", "zoë"] {
            assert_eq!(safe_component(ok), Ok(ok));
        }
        for bad in [
            "",
            ".",
            "..",
            "../../../../tmp/elsewhere",
            "a/b",
            "a\\b",
            "C:x",
            ".hidden",
            "end.",
            "nul\0",
            "esc\u{1b}",
        ] {
            assert!(safe_component(bad).is_err(), "{bad:?} passed");
        }
        assert!(safe_component(&"a".repeat(201)).is_err());
        let e = safe_component("../x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`../x` cannot be used as a file or folder name: it contains a path separator"
        );
    }
}
