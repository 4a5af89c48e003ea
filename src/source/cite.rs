//! Citations: a pointer into the source (a paragraph and a quote found verbatim in it), and the
//! check that a quiz file's citation holds.

use std::fmt;

use super::{SourceText, fold_typography};
use crate::diag::findings::Findings;

/// A pointer into the source: a 1-based paragraph number and a quote found verbatim in it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    pub paragraph: usize,
    pub quote: String,
}

/// A citation as written in a quiz file: `cite: (paragraph: 3, quote: "…")`.
#[derive(Debug, serde::Deserialize)]
#[serde(rename = "Cite", deny_unknown_fields)]
pub struct RawCite {
    pub paragraph: u32,
    pub quote: String,
}

/// What citations can be checked against.
#[derive(Clone, Copy)]
pub enum SourceState<'a> {
    /// The bank declares no source.
    Absent,
    /// The bank declares a source that could not be used (already reported).
    Broken,
    Loaded(&'a SourceText),
}

/// Checks a citation against the source, reporting at `path`; the citation if it holds.
pub fn check(
    f: &mut Findings,
    path: &dyn fmt::Display,
    c: &RawCite,
    source: SourceState<'_>,
) -> Option<Citation> {
    let source = match source {
        SourceState::Loaded(s) => s,
        // Already reported at `source.file`.
        SourceState::Broken => return None,
        SourceState::Absent => {
            f.error(
                path.to_string(),
                "this question cites a source, but the bank has no `source`",
                "no source",
            )
            .hint("add `source: (title: …, file: \"…\")` to the bank, or remove `cite`");
            return None;
        }
    };
    let paragraph = c.paragraph as usize;
    let Some(text) = source.paragraph(paragraph) else {
        let e = f.error(
            format!("{path}.paragraph"),
            format!(
                "paragraph {paragraph} does not exist: the source has paragraphs 1 to {}",
                source.len()
            ),
            "no such paragraph",
        );
        if paragraph == 0 {
            e.hint("paragraphs are counted from 1");
        }
        return None;
    };
    if c.quote.trim().is_empty() {
        f.error(format!("{path}.quote"), "the quote is empty", "empty text");
        return None;
    }
    if !source.paragraph_contains(paragraph, &c.quote) {
        let elsewhere = source.find(&c.quote);
        let hint = if let Some(p) = elsewhere.first() {
            format!("the quote is in paragraph {p}: write `paragraph: {p}`")
        } else if fold_typography(text).contains(&fold_typography(&c.quote)) {
            "the quote differs from the source only in quotation marks, apostrophes or dashes: \
             copy them from the source (it uses typographic ones such as ’ and “ ”)"
                .to_owned()
        } else {
            format!(
                "copy the words exactly from paragraph {paragraph}: \"{}\"",
                abbreviate(text, 90)
            )
        };
        f.error(
            format!("{path}.quote"),
            format!("the quote was not found verbatim in paragraph {paragraph} of the source"),
            "not in the cited paragraph",
        )
        .hint(hint);
        return None;
    }
    Some(Citation {
        paragraph,
        quote: c.quote.clone(),
    })
}

pub fn abbreviate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    }
}
