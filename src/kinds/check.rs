//! Checks shared by several kinds (and by the bank's own fields): empty texts, texts that fold
//! to the same answer, and paths that are formatted only when a problem is reported.

use std::collections::HashMap;
use std::fmt;

use crate::diag::findings::Findings;
use crate::text::answer_key;

/// The most points a question may be worth, and the largest rubric weight (FORMAT.md §7). With
/// the 16 MiB file limit, totals stay far below `u32::MAX` (a bank file holds under half a
/// million questions or a million rubric points), so no sum of them can overflow. Here, with
/// the checks every kind shares, so that kinds need not depend on the bank module.
pub const MAX_POINTS: u32 = 1000;

/// A path formatted only if it is printed: most values are fine, so most paths are never needed.
pub struct Lazy<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(pub F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Lazy<F> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(out)
    }
}

/// Reports `text` at `path` if it is empty or only white space; whether it is not.
pub fn non_empty(f: &mut Findings, path: impl FnOnce() -> String, text: &str, what: &str) -> bool {
    if text.trim().is_empty() {
        f.error(path(), format!("{what} is empty"), "empty text");
        false
    } else {
        true
    }
}

/// Reports texts that fold to the same answer; `path[i]` (or `path[i].text` for choices) names
/// each element. Choices are shown, not typed, so they are compared as written (trimmed): `C`
/// and `C++`, `-2` and `2`, `où` and `ou` are different choices. Typed answers (and the items
/// of matching and ordering questions) are compared folded, as grading compares them.
pub fn distinct_texts<'t>(
    f: &mut Findings,
    path: impl Fn() -> String,
    texts: impl Iterator<Item = &'t str>,
    what: &str,
) -> bool {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut ok = true;
    let suffix = if what == "choice" { ".text" } else { "" };
    let element = |i: usize| {
        let path = path();
        if what == "left item" {
            format!("{path}[{i}][0]")
        } else {
            format!("{path}[{i}]{suffix}")
        }
    };
    let exact = what == "choice";
    for (i, t) in texts.enumerate() {
        let key = if exact {
            Some(t.trim().to_owned()).filter(|k| !k.is_empty())
        } else {
            answer_key(t)
        };
        let Some(key) = key else {
            f.error(
                element(i),
                if exact {
                    format!("the {what} is empty")
                } else {
                    format!("the {what} is empty (or only punctuation)")
                },
                "empty text",
            );
            ok = false;
            continue;
        };
        if let Some(&first) = seen.get(&key) {
            f.error(element(i), format!("duplicate {what} `{t}`"), format!("same {what} again"))
                .related(element(first), "first here")
                .hint(if exact {
                    format!("every {what} must differ (compared as written, spaces around it ignored)")
                } else {
                    format!("every {what} must differ (case, spacing and punctuation are ignored when comparing)")
                });
            ok = false;
        } else {
            seen.insert(key, i);
        }
    }
    ok
}
