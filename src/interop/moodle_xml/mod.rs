//! Moodle XML, the format of Moodle's question bank export: [`import`] reads a file into a draft
//! bank, [`export`] writes a bank. The reading follows Moodle's own importer
//! (`question/format/xml/format.php`): the same elements, defaults and question types.
//!
//! The XML is parsed with `roxmltree`, which keeps every node's byte range in the file (so each
//! problem is reported at its question's line and column), refuses DTDs (so no entity can
//! expand) and never recurses while parsing; nesting is bounded below that.
//!
//! Moodle has no place for some quizdesk fields (difficulty, typo tolerance, misconception tags,
//! pins on some choices only, rubrics, discussion minutes, a numeric range as written, a cloze's
//! prompt): the exporter writes them in an XML comment in the question, `<!-- quizdesk {…} -->`
//! (JSON), which Moodle skips and this importer reads back, so that a bank exported and imported
//! again keeps them. Each is still reported as an export note, since Moodle does not use them.

mod embedded;
mod export;
mod import;

pub use export::export;
pub use import::import;

use crate::bank::Difficulty;

/// The marker that starts the comment with quizdesk's own fields.
const EXTRAS_MARK: &str = "quizdesk ";

/// Moodle's default penalty for each wrong try; quizdesk asks once, so this one is not warned
/// about on import.
const DEFAULT_PENALTY: f64 = 0.3333333;

/// quizdesk's fields that Moodle has no place for, kept in a comment inside the question.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Extras {
    #[serde(skip_serializing_if = "Option::is_none")]
    difficulty: Option<Difficulty>,
    /// A cloze's prompt, which the export writes as the first paragraph of the question text.
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt: Option<String>,
    /// A numeric range as written (Moodle holds it as a value and a tolerance).
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<(f64, f64)>,
    #[serde(flatten)]
    parts: Parts,
    /// Per cloze gap.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    gaps: Vec<Parts>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rubric: Vec<(String, u32)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes: Option<u32>,
}

/// The extras of a list of answers.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Parts {
    #[serde(skip_serializing_if = "is_zero")]
    typos: u8,
    /// Per choice (or per known wrong short answer; one for true/false).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    misconceptions: Vec<Option<String>>,
    /// Per choice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pinned: Vec<bool>,
}

/// Whether XML 1.0 can hold `c` at all (even as `&#…;`): not the C0 controls but tab and line
/// ends, nor U+FFFE and U+FFFF.
fn xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

impl Parts {
    fn is_empty(&self) -> bool {
        *self == Parts::default()
    }
}

impl Extras {
    fn is_empty(&self) -> bool {
        *self == Extras::default()
    }

    /// The comment's text: JSON, with `--` (which may not occur in an XML comment) written
    /// `-\u002d`, which only occurs inside JSON strings and reads back the same; so are the
    /// characters XML cannot hold.
    fn to_comment(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        let mut out = String::with_capacity(json.len());
        for c in json.replace("--", "-\\u002d").chars() {
            if xml_char(c) {
                out.push(c);
            } else {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
        }
        format!("{EXTRAS_MARK}{out}")
    }

    fn from_comment(text: &str) -> Option<Result<Extras, String>> {
        let json = text.trim().strip_prefix(EXTRAS_MARK.trim_end())?;
        Some(serde_json::from_str(json.trim()).map_err(|e| e.to_string()))
    }
}
