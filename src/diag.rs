//! Diagnostics: what is wrong in a quiz file, where, and what to do about it.
//!
//! A [`Diagnostic`] carries a byte range into the file's text together with the 1-based line and
//! column (counted in characters, as rustc does) of its start, so it can be printed as
//! `file:line:column`, rendered with a caret under the source line ([`render`]), or written as one
//! JSON object per line for editors and scripts ([`Diagnostic::to_json`]).

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

pub mod findings;

/// How bad a problem is. Errors make a bank unusable; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Errors and warnings among `diagnostics`, a summary counted for every problem it sums up
/// ([`Diagnostic::stands_for`]).
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    diagnostics
        .iter()
        .fold((0, 0), |(errors, warnings), d| match d.severity {
            Severity::Error => (errors + d.stands_for, warnings),
            Severity::Warning => (errors, warnings + d.stands_for),
        })
}

/// A secondary place that helps explain a diagnostic ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One problem found in a quiz file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the user named it.
    pub path: PathBuf,
    /// 1-based line of the start of the problem.
    pub line: usize,
    /// 1-based column (in characters) of the start of the problem.
    pub column: usize,
    /// Byte range of the problem in the file's text (may be empty).
    pub range: Range<usize>,
    /// What is wrong, including what was expected.
    pub message: String,
    /// A short label printed under the caret.
    pub label: String,
    /// What to do about it, where that helps.
    pub hint: Option<String>,
    pub related: Vec<Related>,
    /// Where the problem is in a file that has no text to show, such as a spreadsheet:
    /// `Sheet1:12:C` (sheet, row, column), or empty for the file as a whole. Such a diagnostic
    /// is printed as `file: Sheet1:12:C: error: message` with its hint, without a source line;
    /// `line` and `column` then hold the row and the column's number.
    pub place: Option<String>,
    /// How many problems this diagnostic counts for: 1, or for a summary of findings left out
    /// of a long list ("4,000 more [missing-feedback] warnings…"), how many it sums up.
    pub stands_for: usize,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A diagnostic about a file with no text (a spreadsheet), at `place` (`Sheet1:12:C`, or
    /// empty for the whole file); `line` and `column` are the row and column numbers.
    #[allow(clippy::too_many_arguments)]
    pub fn placed(
        severity: Severity,
        path: &Path,
        place: String,
        line: usize,
        column: usize,
        message: impl Into<String>,
        label: impl Into<String>,
        hint: Option<String>,
    ) -> Self {
        Self {
            severity,
            path: path.to_path_buf(),
            line,
            column,
            range: 0..0,
            message: message.into(),
            label: label.into(),
            hint,
            related: Vec::new(),
            place: Some(place),
            stands_for: 1,
        }
    }

    /// `path:line:column: severity: message`, the one-line form used in the app and in logs
    /// (`path: place: severity: message` for a diagnostic with a [`Diagnostic::place`]).
    pub fn one_line(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if let Some(place) = &self.place {
            let place = if place.is_empty() {
                String::new()
            } else {
                format!(" {place}:")
            };
            return format!(
                "{}:{place} {severity}: {}",
                self.path.display(),
                self.message
            );
        }
        format!(
            "{}:{}:{}: {severity}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }

    /// One JSON object (no trailing newline): path, line, column, end_line, end_column,
    /// severity, message, hint, and `stands_for` on a summary of findings left out.
    pub fn to_json(&self, text: &str) -> String {
        self.to_json_with(text, &LineIndex::new(text))
    }

    /// [`Diagnostic::to_json`] with the file's line index built once for all its diagnostics
    /// (building it per diagnostic made `check --json` quadratic).
    pub fn to_json_with(&self, text: &str, index: &LineIndex) -> String {
        let (end_line, end_column) = index.line_col(text, self.range.end);
        if let Some(place) = &self.place {
            return serde_json::json!({
                "path": self.path.display().to_string(),
                "place": place,
                "line": self.line,
                "column": self.column,
                "severity": self.severity,
                "message": self.message,
                "hint": self.hint,
            })
            .to_string();
        }
        let mut json = serde_json::json!({
            "path": self.path.display().to_string(),
            "line": self.line,
            "column": self.column,
            "end_line": end_line,
            "end_column": end_column,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        });
        if self.stands_for != 1 {
            json["stands_for"] = self.stands_for.into();
        }
        json.to_string()
    }
}

/// Byte offsets of line starts, to turn byte offsets into line and column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters before it)` about every [`CHECKPOINT`] bytes, so that a
    /// column far along a long line is counted from a nearby checkpoint, not from the line's
    /// start (100k diagnostics on one long line were quadratic).
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two [`LineIndex`] checkpoints.
const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // Line starts from a memchr search; characters counted per checkpoint's chunk (a
        // character starts at every byte that is not a UTF-8 continuation byte, `10xxxxxx`).
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        loop {
            let next = ceil_char_boundary(text, at + CHECKPOINT);
            if next >= text.len() {
                break;
            }
            chars += text.as_bytes()[at..next]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count();
            checkpoints.push((next, chars));
            at = next;
        }
        Self {
            starts,
            checkpoints,
        }
    }

    /// Characters before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let at = self.checkpoints.partition_point(|&(b, _)| b <= offset);
        let (byte, chars) = at
            .checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .copied()
            .unwrap_or((0, 0));
        chars + text.get(byte..offset).map_or(0, |s| s.chars().count())
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = if offset - start <= CHECKPOINT {
            text.get(start..offset).map_or(0, |s| s.chars().count())
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        } + 1;
        (line, column)
    }

    /// The line holding byte `offset`: its first byte to its end, the `\n` left out.
    pub fn line_bounds(&self, text: &str, offset: usize) -> Range<usize> {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let end = self
            .starts
            .get(line)
            .map_or(text.len(), |&next| next.saturating_sub(1).max(start));
        start..end
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let rest = text.get(start..).unwrap_or("");
        let end_of_line = rest.find('\n').map_or(text.len(), |i| start + i);
        rest.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end_of_line, |(i, _)| (start + i).min(end_of_line))
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Builds diagnostics for one file: knows its path and text, computes line and column.
///
/// The line index is built at the first diagnostic: a clean 5 MB bank never needs it.
pub struct DiagnosticBuilder<'a> {
    path: &'a Path,
    text: &'a str,
    index: std::cell::OnceCell<LineIndex>,
}

impl<'a> DiagnosticBuilder<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Self {
            path,
            text,
            index: std::cell::OnceCell::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    pub fn at(
        &self,
        severity: Severity,
        range: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        let range = self.clamp(range);
        let (line, column) = self.index().line_col(self.text, range.start);
        Diagnostic {
            severity,
            path: self.path.to_path_buf(),
            line,
            column,
            range,
            message: message.into(),
            label: label.into(),
            hint,
            related: Vec::new(),
            place: None,
            stands_for: 1,
        }
    }

    pub fn related(&self, range: Range<usize>, message: impl Into<String>) -> Related {
        let range = self.clamp(range);
        let (line, column) = self.index().line_col(self.text, range.start);
        Related {
            range,
            line,
            column,
            message: message.into(),
        }
    }

    fn clamp(&self, range: Range<usize>) -> Range<usize> {
        let start = floor_char_boundary(self.text, range.start.min(self.text.len()));
        let end = floor_char_boundary(self.text, range.end.clamp(start, self.text.len()));
        start..end
    }
}

/// Renders diagnostics rustc-style, with the source line and a caret, into a string.
pub fn render(path: &Path, text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = Vec::new();
    let mut writer = term::termcolor::NoColor::new(&mut out);
    // Writing to memory cannot fail.
    let _ = render_to(&mut writer, path, text, diagnostics);
    String::from_utf8_lossy(&out).into_owned()
}

/// Renders diagnostics with colours to a terminal writer.
///
/// A diagnostic on a long line (a bank written on one line, a minified file) is shown with a
/// window of that line around its caret, not the whole line: 3,000 errors on an 89 KB line
/// printed 267 MB before.
pub fn render_to(
    writer: &mut dyn term::termcolor::WriteColor,
    path: &Path,
    text: &str,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let shown = Shown::new(text);
    let name = terminal_safe(&path.display().to_string());
    let file = SimpleFile::new(name.as_str(), &*shown.text);
    let index = LineIndex::new(&shown.text);
    let config = term::Config::default();
    for d in diagnostics {
        if d.place.is_some() {
            write!(writer, "{}", placed_lines(d))?;
            continue;
        }
        let emitted = match Window::around(d, &shown, &index, &name) {
            Some((window, diagnostic)) => {
                term::emit_to_write_style(writer, &config, &window, &diagnostic)
            }
            None => term::emit_to_write_style(writer, &config, &file, &to_codespan(d, &shown)),
        };
        // Rendering only fails for ranges outside the file, which `DiagnosticBuilder` prevents;
        // fall back to the one-line form rather than lose the diagnostic.
        if emitted.is_err() {
            writeln!(writer, "{}", terminal_safe(&d.one_line()))?;
        }
    }
    Ok(())
}

/// Lines longer than this many bytes are shown as a window around the diagnostic.
const LONG_LINE: usize = 400;
/// Bytes of context kept on each side of a diagnostic on a long line.
const CONTEXT: usize = 80;
/// The most of a diagnostic's own range shown on a long line.
const MOST_SHOWN: usize = 240;

/// A window of one long line, rendered in place of the whole line: `…` marks what was cut, and
/// line and column numbers stay those of the file.
struct Window<'a> {
    name: &'a str,
    text: String,
    /// 1-based line in the file.
    line: usize,
    /// Characters of the line before the window's first character.
    skipped: usize,
    /// Bytes of the `…` in front (0 when the window starts the line).
    prefix: usize,
}

impl<'a> Window<'a> {
    /// The window and the diagnostic placed in it, if `d` is on a long line.
    fn around(
        d: &Diagnostic,
        shown: &Shown<'_>,
        index: &LineIndex,
        name: &'a str,
    ) -> Option<(Self, cs::Diagnostic<()>)> {
        let text = &*shown.text;
        let range = shown.range(&d.range);
        let start = floor_char_boundary(text, range.start.min(text.len()));
        // From the index: searching the text for the line's ends per diagnostic was quadratic
        // on a one-line file (100k diagnostics on one line: 14 s).
        let Range {
            start: line_start,
            end: line_end,
        } = index.line_bounds(text, start);
        if line_end - line_start <= LONG_LINE {
            return None;
        }
        let end = range.end.clamp(start, line_end).min(start + MOST_SHOWN);
        let from = floor_char_boundary(text, start.saturating_sub(CONTEXT).max(line_start));
        let to = ceil_char_boundary(text, (end + CONTEXT).min(line_end));
        let cut_front = from > line_start;
        let mut window_text = String::new();
        if cut_front {
            window_text.push('…');
        }
        let prefix = window_text.len();
        window_text.push_str(text.get(from..to)?);
        if to < line_end {
            window_text.push('…');
        }
        let end = floor_char_boundary(text, end);
        let inside = |r: &Range<usize>| r.start >= from && r.end <= to;
        let place = |r: &Range<usize>| (r.start - from + prefix)..(r.end - from + prefix);
        let mut labels = vec![
            cs::Label::primary((), place(&(start..end))).with_message(terminal_safe(&d.label)),
        ];
        let mut notes = Vec::new();
        for r in &d.related {
            let shown_range = shown.range(&r.range);
            if inside(&shown_range) {
                labels.push(
                    cs::Label::secondary((), place(&shown_range))
                        .with_message(terminal_safe(&r.message)),
                );
            } else {
                notes.push(format!(
                    "{} (line {}, column {})",
                    terminal_safe(&r.message),
                    r.line,
                    r.column
                ));
            }
        }
        notes.extend(d.hint.iter().map(|h| format!("hint: {}", terminal_safe(h))));
        let base = match d.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        };
        let diagnostic = base
            .with_message(terminal_safe(&d.message))
            .with_labels(labels)
            .with_notes(notes);
        let skipped = index.chars_before(text, from) - index.chars_before(text, line_start);
        let line = index.line_col(text, start).0;
        Some((
            Window {
                name,
                text: window_text,
                line,
                skipped,
                prefix,
            },
            diagnostic,
        ))
    }
}

impl<'f> codespan_reporting::files::Files<'f> for Window<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(
        &'f self,
        (): (),
        _byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(
        &'f self,
        (): (),
        _line: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line)
    }

    fn column_number(
        &'f self,
        (): (),
        _line: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let after_prefix = self
            .text
            .get(self.prefix..byte.max(self.prefix))
            .map_or(0, |s| s.chars().count());
        Ok(self.skipped + after_prefix + 1)
    }

    fn line_range(
        &'f self,
        (): (),
        line: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        if line == 0 {
            Ok(0..self.text.len())
        } else {
            Err(codespan_reporting::files::Error::LineTooLarge {
                given: line,
                max: 0,
            })
        }
    }
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset.min(text.len())
}

/// A diagnostic with a [`Diagnostic::place`] (no text to show): its one-line form, then its
/// hint on a line of its own, as codespan prints hints.
fn placed_lines(d: &Diagnostic) -> String {
    let mut out = terminal_safe(&d.one_line());
    out.push('\n');
    if let Some(hint) = &d.hint {
        out.push_str(&format!("  = hint: {}\n", terminal_safe(hint)));
    }
    out
}

/// A file's text as a terminal may show it: every control character, escape and bidi override
/// masked as `�` ([`crate::text::terminal_safe`]), so that a quiz file cannot clear the screen
/// or retitle the window of whoever checks it. Masking lengthens the text, so diagnostics'
/// byte ranges are moved with [`Shown::offset`].
struct Shown<'a> {
    text: std::borrow::Cow<'a, str>,
    /// For each masked character: the original offset just after it, and how many bytes the
    /// masking has added up to there.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Shown<'a> {
    fn new(text: &'a str) -> Self {
        let masked = crate::text::terminal_safe(text);
        let mut shifts = Vec::new();
        if let std::borrow::Cow::Owned(_) = masked {
            let mut added = 0;
            let mut chars = text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let kept_cr = c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
                if crate::text::is_terminal_control(c) && !kept_cr {
                    added += '\u{fffd}'.len_utf8() - c.len_utf8();
                    shifts.push((i + c.len_utf8(), added));
                }
            }
        }
        Self {
            text: masked,
            shifts,
        }
    }

    /// Where byte `offset` of the original text is in the shown text.
    fn offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(end, _)| end <= offset);
        offset
            + before
                .checked_sub(1)
                .and_then(|i| self.shifts.get(i))
                .map_or(0, |&(_, added)| added)
    }

    fn range(&self, range: &Range<usize>) -> Range<usize> {
        self.offset(range.start)..self.offset(range.end)
    }
}

/// `text` safe to print on a terminal, owned.
fn terminal_safe(text: &str) -> String {
    crate::text::terminal_safe(text).into_owned()
}

fn to_codespan(d: &Diagnostic, shown: &Shown<'_>) -> cs::Diagnostic<()> {
    let base = match d.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
    };
    let mut labels =
        vec![cs::Label::primary((), shown.range(&d.range)).with_message(terminal_safe(&d.label))];
    labels.extend(d.related.iter().map(|r| {
        cs::Label::secondary((), shown.range(&r.range)).with_message(terminal_safe(&r.message))
    }));
    base.with_message(terminal_safe(&d.message))
        .with_labels(labels)
        .with_notes(
            d.hint
                .iter()
                .map(|h| format!("hint: {}", terminal_safe(h)))
                .collect(),
        )
}

/// "did you mean `x`?" for a misspelt name, if one of `candidates` is close enough.
pub fn did_you_mean<'c>(
    found: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    let found_lower = found.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&found_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|&(distance, c)| distance <= (c.chars().count() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Columns counted from checkpoints are the columns counted from the line's start, on
        /// long lines of multi-byte characters too.
        #[test]
        fn line_col_from_checkpoints_is_exact(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    400 => proptest::strategy::Just("a"),
                    300 => proptest::strategy::Just("é"),
                    200 => proptest::strategy::Just("日本"),
                    100 => proptest::strategy::Just("🦀"),
                    1 => proptest::strategy::Just("\n"),
                ],
                0..5000,
            ),
            probes in proptest::collection::vec(0usize..12_000, 1..20),
        ) {
            let text: String = pieces.concat();
            let index = LineIndex::new(&text);
            for probe in probes {
                let offset = floor_char_boundary(&text, probe.min(text.len()));
                let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let naive = (
                    text[..offset].matches('\n').count() + 1,
                    text[start..offset].chars().count() + 1,
                );
                proptest::prop_assert_eq!(index.line_col(&text, probe), naive);
                let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
                proptest::prop_assert_eq!(index.line_bounds(&text, offset), start..end);
            }
        }
    }

    #[test]
    fn line_col_counts_characters_and_round_trips() {
        let text = "ab\nçé x\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), (2, 4));
        assert_eq!(index.offset(text, 2, 4), x);
        assert_eq!(index.line_col(text, text.len()), (4, 5));
        assert_eq!(index.offset(text, 99, 1), text.len());
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let fields = ["explanation", "prompt", "hint"];
        assert_eq!(
            did_you_mean("explenation", fields).as_deref(),
            Some("did you mean `explanation`?")
        );
        assert_eq!(did_you_mean("zzzzzz", fields), None);
    }

    #[test]
    fn render_shows_location_caret_and_hint() {
        let text = "Bank(\n  titel: \"x\",\n)\n";
        let path = Path::new("q.ron");
        let b = DiagnosticBuilder::new(path, text);
        let start = text.find("titel").unwrap();
        let d = b.at(
            Severity::Error,
            start..start + 5,
            "unknown field `titel`",
            "unknown field",
            Some("did you mean `title`?".into()),
        );
        assert_eq!((d.line, d.column), (2, 3));
        let out = render(path, text, std::slice::from_ref(&d));
        assert!(out.contains("q.ron:2:3"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("hint: did you mean `title`?"), "{out}");
        let json: serde_json::Value = serde_json::from_str(&d.to_json(text)).unwrap();
        assert_eq!(json["line"], 2);
        assert_eq!(json["column"], 3);
        assert_eq!(json["end_column"], 8);
        assert_eq!(json["severity"], "error");
    }
}
