//! Moodle GIFT: [`import`] reads a GIFT file into a draft bank, [`export`] writes a bank as GIFT.
//!
//! The reader follows Moodle's own importer (`qformat_gift`) wherever the format is loose: a
//! question is a block of lines between blank lines; lines starting with `//` are comments;
//! `$CATEGORY:` switches category; `::title::` names a question; `\` escapes `~ = # { } : \` and
//! `\n` is a line break; `// [id:…]` and `// [tag:…]` comment lines give the id and tags; the
//! kind is decided as Moodle decides it (empty block: essay; `#` first: numerical; any `~`:
//! multiple choice; `=` and `->`: matching; `T`, `TRUE`, `F`, `FALSE` (capitals only):
//! true/false; otherwise short answer). Empty answers are dropped as Moodle drops them; HTML in
//! Moodle's default format is rendered to plain text as `[html]` is. What quizdesk cannot
//! represent is reported with its line and column: a warning when the question is converted
//! with a loss, an error when it cannot be converted (the other questions still are).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use super::text::{self, html_to_text, one_line};
use super::{
    Converted, Draft, DraftBank, Export, ExportNote, ImportOptions, load_error, plain_question,
};
use crate::bank::{
    Bank, Choice, Cloze, Discussion, Gap, Kind, KnownWrong, Matching, Numeric, NumericTarget,
    Question, RubricPoint, Segment, ShortAnswer, TrueFalse,
};
use crate::diag::{Diagnostic, DiagnosticBuilder, Severity};
pub use crate::kinds::cloze::MISSING_WORD_PROMPT;
use crate::kinds::multiple_select::percent;
use crate::kinds::{GiftBody, GiftText};
use crate::text::fold;

/// The blank a missing-word question shows where its answer block stood.
pub const BLANK: &str = "____";

/// The prompt of a question whose text was only an image (which quizdesk cannot show).
pub const IMAGE_PROMPT: &str = "(image)";

/// How close a weight must be to the one quizdesk's grading implies, in percent.
const WEIGHT_SLACK: f64 = 0.01;

// ───────────────────────────────────────────────────────────────────────────── reading units

/// One character of a question block: `esc` if it was written with a backslash (and so has no
/// special meaning), `at` its byte offset in the file.
#[derive(Clone, Copy, Debug)]
struct U {
    c: char,
    esc: bool,
    at: usize,
}

fn is(u: &U, c: char) -> bool {
    !u.esc && u.c == c
}

fn sub(us: &[U], range: Range<usize>) -> &[U] {
    us.get(range).unwrap_or(&[])
}

fn from(us: &[U], start: usize) -> &[U] {
    us.get(start..).unwrap_or(&[])
}

/// Where an unescaped `pat` starts.
fn find(us: &[U], pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    let last = us.len().checked_sub(pat.len())?;
    (0..=last).find(|&i| matches_at(us, i, &pat))
}

/// Where the last unescaped `pat` starts.
fn rfind(us: &[U], pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    let last = us.len().checked_sub(pat.len())?;
    (0..=last).rev().find(|&i| matches_at(us, i, &pat))
}

fn matches_at(us: &[U], i: usize, pat: &[char]) -> bool {
    pat.iter()
        .enumerate()
        .all(|(j, &c)| us.get(i + j).is_some_and(|u| is(u, c)))
}

fn starts(us: &[U], pat: &str) -> bool {
    let pat: Vec<char> = pat.chars().collect();
    matches_at(us, 0, &pat)
}

fn trim(us: &[U]) -> &[U] {
    let start = us
        .iter()
        .position(|u| !u.c.is_whitespace())
        .unwrap_or(us.len());
    let end = us
        .iter()
        .rposition(|u| !u.c.is_whitespace())
        .map_or(start, |i| i + 1);
    sub(us, start..end)
}

fn chars(us: &[U]) -> String {
    us.iter().map(|u| u.c).collect()
}

/// The byte range `us` covers in the file (`fallback` if empty).
fn span(us: &[U], fallback: usize) -> Range<usize> {
    match (us.first(), us.last()) {
        (Some(first), Some(last)) => first.at..last.at + last.c.len_utf8() + usize::from(last.esc),
        _ => fallback..fallback,
    }
}

/// A question block: its characters, comment lines left out, lines joined with `\n`; and its
/// comment lines (text after `//`, byte offset of the line), where Moodle 3.6+ reads
/// `[id:…]` and `[tag:…]`.
struct Block {
    units: Vec<U>,
    comments: Vec<(String, usize)>,
}

/// Splits the file into blocks at blank lines, reading escapes.
fn blocks(text: &str, start: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut units: Vec<U> = Vec::new();
    let mut comments: Vec<(String, usize)> = Vec::new();
    let mut offset = start;
    for raw in text.get(start..).unwrap_or("").split('\n') {
        let line_start = offset;
        offset += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !units.is_empty() {
                blocks.push(Block {
                    units: std::mem::take(&mut units),
                    comments: std::mem::take(&mut comments),
                });
            }
            comments.clear();
            continue;
        }
        if let Some(comment) = line.trim_start().strip_prefix("//") {
            let at = line_start + (line.len() - line.trim_start().len());
            comments.push((comment.to_owned(), at));
            continue;
        }
        if !units.is_empty() {
            units.push(U {
                c: '\n',
                esc: false,
                at: line_start.saturating_sub(1),
            });
        }
        let mut it = line.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let at = line_start + i;
            if c != '\\' {
                units.push(U { c, esc: false, at });
                continue;
            }
            match it.peek().map(|&(_, n)| n) {
                Some(n @ ('\\' | '~' | '=' | '#' | '{' | '}' | ':')) => {
                    it.next();
                    units.push(U {
                        c: n,
                        esc: true,
                        at,
                    });
                }
                Some('n') => {
                    it.next();
                    units.push(U {
                        c: '\n',
                        esc: true,
                        at,
                    });
                }
                // Any other backslash is kept as written, as Moodle does.
                _ => units.push(U {
                    c: '\\',
                    esc: true,
                    at,
                }),
            }
        }
    }
    if !units.is_empty() {
        blocks.push(Block { units, comments });
    }
    blocks
}

/// Moodle's `[id:…]` (the first) and `[tag:…]` (every one) in a question's comment lines, with
/// `\]` read as `]`, trimmed; empty ones are skipped.
fn id_and_tags(comments: &[(String, usize)]) -> (Option<(String, usize)>, Vec<String>) {
    let mut id = None;
    let mut tags: Vec<String> = Vec::new();
    for (comment, at) in comments {
        let mut rest = comment.as_str();
        while let Some(open) = rest.find('[') {
            let after = rest.get(open + 1..).unwrap_or("");
            let (key, body) = if let Some(b) = after.strip_prefix("id:") {
                ("id", b)
            } else if let Some(b) = after.strip_prefix("tag:") {
                ("tag", b)
            } else {
                rest = after;
                continue;
            };
            // The token ends at the first `]` not written `\]`.
            let mut value = String::new();
            let mut end = None;
            let mut it = body.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                match c {
                    '\\' if it.peek().is_some_and(|&(_, n)| n == ']') => {
                        it.next();
                        value.push(']');
                    }
                    ']' => {
                        end = Some(i);
                        break;
                    }
                    c if c.is_control() => break,
                    c => value.push(c),
                }
            }
            let Some(end) = end else {
                rest = after;
                continue;
            };
            let value = value.trim().to_owned();
            if !value.is_empty() {
                if key == "id" && id.is_none() {
                    id = Some((value, *at));
                } else if key == "tag" && !tags.contains(&value) {
                    tags.push(value);
                }
            }
            rest = body.get(end + 1..).unwrap_or("");
        }
    }
    (id, tags)
}

/// The text formats GIFT can name in `[…]` before a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Moodle,
    Html,
    Plain,
    Markdown,
}

impl Format {
    fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "moodle" => Format::Moodle,
            "html" => Format::Html,
            "plain" => Format::Plain,
            "markdown" => Format::Markdown,
            _ => return None,
        })
    }
}

/// A leading `[html]`, `[moodle]`, `[plain]` or `[markdown]`, as Moodle reads it (only the first).
fn split_format(us: &[U], default: Format) -> (Format, &[U]) {
    let us = trim(us);
    if !starts(us, "[") {
        return (default, us);
    }
    let Some(end) = us.iter().position(|u| is(u, ']')) else {
        return (default, us);
    };
    match Format::from_name(&chars(sub(us, 1..end))) {
        Some(f) => (f, trim(from(us, end + 1))),
        None => (default, us),
    }
}

/// The characters of a text: a line break in the file joins lines with one space (an explicit
/// `\n` is a line break), HTML becomes plain text (in Moodle's default format too, which
/// renders HTML and turns a line break into `<br>`, when the text has a tag or an entity);
/// trimmed.
fn plain_text(us: &[U], format: Format) -> String {
    let mut out = String::new();
    let mut i = 0;
    while let Some(u) = us.get(i) {
        if is(u, '\n') {
            while out.ends_with([' ', '\t']) {
                out.pop();
            }
            while us.get(i + 1).is_some_and(|n| !n.esc && n.c.is_whitespace()) {
                i += 1;
            }
            out.push(' ');
        } else {
            out.push(u.c);
        }
        i += 1;
    }
    let out = match format {
        Format::Html => html_to_text(&out),
        Format::Moodle if text::looks_like_html(&out) => html_to_text(&out.replace('\n', "<br>")),
        Format::Moodle | Format::Plain | Format::Markdown => out,
    };
    out.trim().to_owned()
}

/// One answer of a block: its marker (`=`, `~`, or none for text before the first marker) and
/// what follows up to the next marker.
struct Answer<'a> {
    at: usize,
    marker: Option<char>,
    body: &'a [U],
}

/// Splits at every unescaped marker character; text before the first marker comes first, with
/// no marker, if it is not blank.
fn split_answers<'a>(us: &'a [U], markers: &[char]) -> Vec<Answer<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut marker = None;
    for (i, u) in us.iter().enumerate() {
        if !u.esc && markers.contains(&u.c) {
            push_answer(&mut out, us, start, i, marker);
            start = i + 1;
            marker = Some((u.c, u.at));
        }
    }
    push_answer(&mut out, us, start, us.len(), marker);
    out
}

fn push_answer<'a>(
    out: &mut Vec<Answer<'a>>,
    us: &'a [U],
    start: usize,
    end: usize,
    marker: Option<(char, usize)>,
) {
    let body = sub(us, start..end);
    match marker {
        Some((c, at)) => out.push(Answer {
            at,
            marker: Some(c),
            body,
        }),
        None if !trim(body).is_empty() => out.push(Answer {
            at: span(trim(body), 0).start,
            marker: None,
            body,
        }),
        None => {}
    }
}

/// A leading `%50%` weight, in percent, as Moodle reads it.
fn weight(body: &[U]) -> (Option<f64>, &[U]) {
    let t = trim(body);
    if !starts(t, "%") {
        return (None, t);
    }
    let mut i = 1;
    let mut number = String::new();
    if t.get(i).is_some_and(|u| is(u, '-')) {
        number.push('-');
        i += 1;
    }
    let digits_from = number.len();
    while let Some(u) = t
        .get(i)
        .filter(|u| !u.esc && (u.c.is_ascii_digit() || u.c == '.'))
    {
        number.push(u.c);
        i += 1;
    }
    let has_digit = number
        .get(digits_from..)
        .and_then(|d| d.chars().next())
        .is_some_and(|c| c.is_ascii_digit());
    if !has_digit || !t.get(i).is_some_and(|u| is(u, '%')) {
        return (None, t);
    }
    match number.parse::<f64>() {
        Ok(w) if w.is_finite() => (Some(w), trim(from(t, i + 1))),
        _ => (None, t),
    }
}

/// Text and feedback: split at the first unescaped `#`.
fn split_feedback(body: &[U]) -> (&[U], Option<&[U]>) {
    match body.iter().position(|u| is(u, '#')) {
        Some(i) => (sub(body, 0..i), Some(from(body, i + 1))),
        None => (body, None),
    }
}

// ──────────────────────────────────────────────────────────────────────────────── importing

/// Reads a GIFT file. `path` names it in diagnostics.
pub fn import(path: &Path, text: &str, options: &ImportOptions) -> Converted {
    // Old Mac files end lines with CR alone: read them as lines, offsets unchanged.
    let text = &*text::unix_line_breaks(text);
    let b = DiagnosticBuilder::new(path, text);
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let mut importer = Importer {
        b: &b,
        file,
        diagnostics: Vec::new(),
        notes: Vec::new(),
        errors: 0,
        ids: super::text::IdSet::default(),
        html_warned: false,
        ordinal: 0,
        id_number: None,
    };
    let mut section: Option<String> = None;
    let mut bank = DraftBank {
        id: options.id.clone(),
        title: options.title.clone(),
        header: vec![
            format!(
                "Imported from `{}` (Moodle GIFT) by `quizdesk import gift`.",
                importer.file
            ),
            "Notes above a question say what GIFT had that quizdesk could not keep.".into(),
            "Check it with `quizdesk check`; the format is described in quizzes/FORMAT.md.".into(),
        ],
        ..DraftBank::default()
    };
    for block in blocks(text, start) {
        // Notes of this block only (a warning about the category lines above a question is
        // one of that question's notes).
        importer.notes.clear();
        importer.html_warned = false;
        let mut us = trim(&block.units);
        if starts(us, "$CATEGORY:") {
            // Moodle reads the whole block as a category; several `$CATEGORY:` lines in a row
            // are read here one by one, the last one giving the section.
            while starts(us, "$CATEGORY:") {
                let end = us.iter().position(|u| is(u, '\n')).unwrap_or(us.len());
                section = category_section(&chars(sub(us, "$CATEGORY:".len()..end)));
                us = trim(from(us, end));
            }
            if us.is_empty() {
                continue;
            }
            importer.warn(
                span(us, 0),
                "Moodle reads the lines after `$CATEGORY:` up to the next blank line as part of the category name",
                "read as a question here",
                Some("put a blank line after the `$CATEGORY:` line".into()),
            );
        }
        let (id_number, tags) = id_and_tags(&block.comments);
        importer.id_number = id_number;
        if let Some(mut q) = importer.question(us) {
            q.section = section.clone();
            q.tags = tags;
            if let Some(s) = &section
                && !bank.sections.contains(s)
            {
                bank.sections.push(s.clone());
            }
            let line = b.index().line_col(text, span(us, 0).start).0;
            bank.questions.push(Draft {
                question: q,
                origin: Some(format!("{}:{line}", importer.file)),
                notes: std::mem::take(&mut importer.notes),
            });
        }
    }
    if bank.questions.is_empty() && importer.errors == 0 {
        let end = text.len();
        let d = b.at(
            Severity::Error,
            end..end,
            "no questions found: the file has no GIFT question with an answer block `{…}`",
            "file ends here",
            Some(
                "a GIFT question looks like `Who is buried in Grant's tomb? {=Grant ~Lincoln}`"
                    .into(),
            ),
        );
        importer.diagnostics.push(d);
    }
    let mut diagnostics = importer.diagnostics;
    diagnostics.sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.severity)));
    Converted {
        path: path.to_path_buf(),
        text: text.to_owned(),
        bank,
        diagnostics,
    }
}

/// The section for a `$CATEGORY:` path: the context (`$course$/`) and `top/` dropped, `//`
/// (Moodle's escaped `/`) read as `/`. `$course$/top/Week 1/Maps` gives `Week 1/Maps`.
fn category_section(path: &str) -> Option<String> {
    let mut p = path.trim();
    if let Some(rest) = p.strip_prefix('$')
        && let Some(end) = rest.find('$')
    {
        p = rest.get(end + 1..).unwrap_or("").trim_start_matches('/');
    }
    if p == "top" {
        p = "";
    }
    let p = p.strip_prefix("top/").unwrap_or(p);
    let section = one_line(&p.replace("//", "/"));
    (!section.is_empty()).then_some(section)
}

struct Importer<'a> {
    b: &'a DiagnosticBuilder<'a>,
    file: String,
    diagnostics: Vec<Diagnostic>,
    /// Warnings about the question being read, written above it in the bank.
    notes: Vec<String>,
    errors: usize,
    ids: super::text::IdSet,
    /// Whether the question being read was already warned about HTML.
    html_warned: bool,
    /// Questions seen (converted or not), for `q1`, `q2`… ids that do not shift when a broken
    /// question is fixed.
    ordinal: usize,
    /// The question's Moodle id number (`// [id:…]`) and where its comment line starts.
    id_number: Option<(String, usize)>,
}

/// `Err(())` means the question cannot be converted; the error was reported.
type Step<T> = Result<T, ()>;

impl Importer<'_> {
    fn warn(&mut self, range: Range<usize>, message: &str, label: &str, hint: Option<String>) {
        self.notes.push(message.to_owned());
        let d = self.b.at(Severity::Warning, range, message, label, hint);
        self.diagnostics.push(d);
    }

    fn error<T>(
        &mut self,
        range: Range<usize>,
        message: &str,
        label: &str,
        hint: Option<String>,
    ) -> Step<T> {
        self.errors += 1;
        let d = self.b.at(Severity::Error, range, message, label, hint);
        self.diagnostics.push(d);
        Err(())
    }

    /// A text of the question in `format`, warning (once per question) when HTML was turned
    /// into plain text.
    fn text(&mut self, us: &[U], default: Format) -> String {
        let (format, body) = split_format(us, default);
        self.images(body, format);
        let out = plain_text(body, format);
        if matches!(format, Format::Html | Format::Moodle)
            && !self.html_warned
            && out != plain_text(body, Format::Plain)
        {
            self.html_warned = true;
            self.warn(
                span(body, 0),
                "HTML was turned into plain text in this question",
                "HTML",
                Some("quizdesk shows text as written: tags are dropped, entities such as `&amp;` decoded, `<br>` starts a line and paragraphs are separated by a blank line".into()),
            );
        }
        out
    }

    /// Warns about each image of a text (HTML `<img>`, Moodle's `@@PLUGINFILE@@` files):
    /// quizdesk shows text only.
    fn images(&mut self, body: &[U], format: Format) {
        if matches!(format, Format::Plain | Format::Markdown) {
            return;
        }
        let lower: Vec<char> = body.iter().map(|u| u.c.to_ascii_lowercase()).collect();
        let mut i = 0;
        while i < lower.len() {
            let rest = lower.get(i..).unwrap_or(&[]);
            if rest.starts_with(&['<', 'i', 'm', 'g']) {
                let end = rest
                    .iter()
                    .position(|&c| c == '>')
                    .map_or(lower.len(), |e| i + e + 1);
                let tag: String = lower.get(i..end).unwrap_or(&[]).iter().collect();
                let what = if tag.contains("data:") {
                    "an embedded image (`data:`)"
                } else if tag.contains("@@pluginfile@@") {
                    "an image from Moodle's files (`@@PLUGINFILE@@`)"
                } else {
                    "an image"
                };
                self.warn(
                    span(sub(body, i..end), 0),
                    &format!("{what} is left out: quizdesk shows text only"),
                    "image",
                    Some("describe what the image shows in the text, or add it to the source the question cites".into()),
                );
                i = end.max(i + 1);
            } else {
                i += 1;
            }
        }
    }

    fn question(&mut self, us: &[U]) -> Option<Question> {
        self.question_inner(us).ok().flatten()
    }

    fn question_inner(&mut self, us: &[U]) -> Step<Option<Question>> {
        let start = span(us, 0).start;
        // ::title::
        let (title, rest) = if starts(us, "::") {
            match find(from(us, 2), "::") {
                Some(end) => (
                    Some(chars(trim(sub(us, 2..2 + end)))),
                    trim(from(us, end + 4)),
                ),
                None => {
                    self.warn(
                        start..start + 2,
                        "the question title is not closed with `::`",
                        "title starts here",
                        Some(
                            "write `::Title::` before the question text; a `:` in a title is written `\\:`"
                                .into(),
                        ),
                    );
                    (None, trim(from(us, 2)))
                }
            }
        } else {
            (None, us)
        };
        let open = rest.iter().position(|u| is(u, '{'));
        let close = rest.iter().position(|u| is(u, '}'));
        let (open, close) = match (open, close) {
            (None, None) => {
                self.warn(
                    span(rest, start),
                    "no answer block `{…}`: this is a description, not a question, and is left out",
                    "description",
                    Some("quizdesk banks hold only questions: put the text into a question's prompt or explanation".into()),
                );
                return Ok(None);
            }
            (Some(open), Some(close)) if close > open => (open, close),
            (Some(open), None) => {
                self.ordinal += 1;
                let at = span(sub(rest, open..open + 1), start);
                return self.error(
                    at,
                    "the answer block is not closed: expected `}`",
                    "opened here",
                    Some("close it with `}`; a literal brace is written `\\{`".into()),
                );
            }
            (_, Some(close)) => {
                self.ordinal += 1;
                let at = span(sub(rest, close..close + 1), start);
                return self.error(
                    at,
                    "`}` without an answer block `{` before it",
                    "unexpected `}`",
                    Some("a literal brace is written `\\}`".into()),
                );
            }
        };
        self.ordinal += 1;
        let inside = sub(rest, open + 1..close);
        if let Some(nested) = inside.iter().position(|u| is(u, '{')) {
            return self.error(
                span(sub(inside, nested..nested + 1), start),
                "a `{` inside an answer block",
                "nested `{`",
                Some(
                    "close the answer block with `}` first; a literal brace is written `\\{`"
                        .into(),
                ),
            );
        }
        let tail = from(rest, close + 1);
        if let Some(again) = tail.iter().position(|u| is(u, '{') || is(u, '}')) {
            return self.error(
                span(sub(tail, again..again + 1), start),
                "a second answer block: a GIFT question has one",
                "another block",
                Some("separate questions with a blank line; literal braces are written `\\{` and `\\}`".into()),
            );
        }

        // The question text, with a blank where the block stood unless it ends the question.
        let mut qtext: Vec<U> = sub(rest, 0..open).to_vec();
        if !trim(tail).is_empty() {
            let at = span(sub(rest, open..open + 1), start).start;
            qtext.extend(BLANK.chars().map(|c| U { c, esc: true, at }));
            qtext.extend_from_slice(tail);
        }
        let (format, _) = split_format(&qtext, Format::Moodle);
        let mut prompt = self.text(&qtext, Format::Moodle);
        let has_image = chars(&qtext).to_ascii_lowercase().contains("<img");
        if prompt.is_empty() && has_image {
            prompt = IMAGE_PROMPT.to_owned();
            self.warn(
                span(trim(&qtext), start),
                &format!("the question text is only an image: the prompt is `{IMAGE_PROMPT}`"),
                "image only",
                Some("write the question in words".into()),
            );
        }
        if prompt.is_empty() {
            return self.error(
                span(sub(rest, open..open + 1), start),
                "the question has no text",
                "answer block without a question",
                Some("write the question before the answer block".into()),
            );
        }

        // General feedback: after the last `####`.
        let mut answer = trim(inside);
        let mut explanation = String::new();
        if let Some(gf) = rfind(answer, "####") {
            explanation = self.text(from(answer, gf + 4), format);
            answer = trim(sub(answer, 0..gf));
        }

        let block_at = span(sub(rest, open..open + 1), start);
        let kind = if answer.is_empty() {
            self.essay(&mut explanation, block_at)?
        } else if starts(answer, "#") {
            let (kind, unit_prompt) = self.numeric(from(answer, 1), &prompt, block_at)?;
            prompt = unit_prompt;
            kind
        } else if answer.iter().any(|u| is(u, '~')) {
            self.choice(answer, format, block_at)?
        } else if answer.iter().any(|u| is(u, '=')) && find(answer, "->").is_some() {
            self.matching(answer, format)?
        } else if let Some(truth) = true_false(answer) {
            self.true_false(answer, truth, format)
        } else {
            self.short_answer(answer, format, block_at)?
        };

        let (prompt, kind) = if trim(tail).is_empty() {
            (prompt, kind)
        } else {
            missing_word(prompt, kind)
        };

        let id = self.question_id(title.as_deref(), start);
        let id = self.ids.unique(id);
        let mut q = plain_question(id, prompt, kind);
        q.explanation = explanation;
        if let Some((message, hint)) = load_error(&q) {
            return self.error(
                start..start,
                &format!("this question cannot be converted: {message}"),
                "question starts here",
                hint,
            );
        }
        Ok(Some(q))
    }

    /// The id: Moodle's id number (`// [id:…]`) if it gives one, else the title's, else `q` and
    /// the question's position; a warning when letters of either were lost.
    fn question_id(&mut self, title: Option<&str>, start: usize) -> String {
        let fallback = format!("q{}", self.ordinal);
        let mut tried: Vec<(&str, String, Range<usize>)> = Vec::new();
        if let Some((number, at)) = self.id_number.take() {
            tried.push(("id number", number, at..at + 2));
        }
        if let Some(t) = title.filter(|t| !t.is_empty()) {
            tried.push(("title", t.to_owned(), start..start + 2));
        }
        // The first name that makes an id without losing letters; else the first that makes
        // one at all; else the position.
        let mut lost: Vec<(&str, String, Range<usize>)> = Vec::new();
        let mut chosen = None;
        let mut partial = None;
        for (what, name, range) in tried {
            let id = text::id_from_any_title(&name);
            if !text::title_loses_letters(&name)
                && let Some(id) = id
            {
                // Written in Latin letters: the id no longer shows the title's script.
                if text::transliterate(&name) != name {
                    self.warn(
                        range,
                        &format!("the {what} `{name}` is written in Latin letters for the id `{id}`"),
                        "id",
                        Some("ids use ASCII letters, digits, `-`, `_` and `.` (quizzes/FORMAT.md, \"Ids\"); the title itself is not kept".into()),
                    );
                }
                chosen = Some(id);
                break;
            }
            if partial.is_none() {
                partial = id;
            }
            lost.push((what, name, range));
        }
        let id = chosen.or(partial).unwrap_or(fallback);
        for (what, name, range) in lost {
            self.warn(
                range,
                &format!("the {what} `{name}` has letters a quizdesk id cannot hold: the id is `{id}`"),
                "id",
                Some("ids use ASCII letters, digits, `-`, `_` and `.` (quizzes/FORMAT.md, \"Ids\"); Cyrillic and Greek are written in Latin, other scripts are dropped".into()),
            );
        }
        id
    }

    fn essay(&mut self, explanation: &mut String, at: Range<usize>) -> Step<Kind> {
        let mut model_answer = std::mem::take(explanation);
        if model_answer.is_empty() {
            model_answer = "No model answer was given.".into();
            self.warn(
                at.clone(),
                "the essay has no general feedback (`####…`) to use as the model answer: a placeholder was written",
                "essay",
                Some("write a model answer in the bank's `model_answer`".into()),
            );
        }
        self.warn(
            at,
            "GIFT essays have no rubric: one placeholder rubric point was written",
            "essay",
            Some("replace it with the points a good answer makes (see `Discussion` in quizzes/FORMAT.md)".into()),
        );
        Ok(Kind::Discussion(Discussion {
            model_answer,
            rubric: vec![RubricPoint {
                point: "Covers what the model answer covers".into(),
                weight: 1,
                citation: None,
            }],
            minutes: None,
        }))
    }

    /// `{=right ~wrong}` (single answer) or `{~%50%a ~%50%b ~%-100%c}` (multiple answers).
    fn choice(&mut self, answer: &[U], format: Format, at: Range<usize>) -> Step<Kind> {
        // As Moodle: any `=` makes it a single-answer question.
        let single = answer.iter().any(|u| is(u, '='));
        let mut choices: Vec<(f64, Choice, Range<usize>)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for a in split_answers(answer, &['~', '=']) {
            let Some(marker) = a.marker else {
                return self.error(
                    span(trim(a.body), a.at),
                    "text before the first answer",
                    "not an answer",
                    Some("start every answer with `=` (right) or `~` (wrong)".into()),
                );
            };
            // Moodle reads a weight only after `~`; `=` is always full credit.
            let (w, body) = if marker == '=' {
                (Some(100.0), trim(a.body))
            } else {
                weight(a.body)
            };
            let (text_us, feedback_us) = split_feedback(body);
            let range = span(trim(text_us), a.at);
            let text = self.text(text_us, format);
            if text.is_empty() {
                // Moodle saves no answer with an empty text (`{~=right ~wrong}`, a stray `~`).
                self.warn(
                    a.at..a.at + 1,
                    "an answer with no text is left out, as Moodle does",
                    "empty answer",
                    Some("remove the stray `=` or `~`; a literal `=` or `~` is written `\\=` or `\\~`".into()),
                );
                continue;
            }
            let feedback = feedback_us.map_or_else(String::new, |f| self.text(f, format));
            // Texts seen (choices are told apart exactly, as written), so a block with very
            // many answers stays linear.
            let weight = w.unwrap_or(0.0);
            if let Some(first) = seen.get(&text).and_then(|&i| choices.get(i)) {
                // The same answer with the same weight twice is one answer to a learner.
                if (first.0 - weight).abs() < WEIGHT_SLACK && first.1.feedback == feedback {
                    self.warn(
                        range,
                        &format!("the answer `{text}` is given twice: the second is left out"),
                        "same answer again",
                        Some("remove one of them".into()),
                    );
                    continue;
                }
                return self.error(
                    range,
                    &format!(
                        "two answers are the same: `{text}`, with different weights or feedback"
                    ),
                    "same answer again",
                    Some("remove one of them, or tell them apart".into()),
                );
            }
            seen.insert(text.clone(), choices.len());
            choices.push((
                w.unwrap_or(0.0),
                Choice {
                    text,
                    correct: false,
                    feedback,
                    misconception: None,
                    pinned: false,
                },
                range,
            ));
        }
        if choices.len() < 2 {
            return self.error(
                at,
                "a multiple-choice question needs at least two answers",
                "too few answers",
                Some("add a wrong answer with `~`".into()),
            );
        }
        if single {
            let full: Vec<usize> = (0..choices.len())
                .filter(|&i| {
                    choices
                        .get(i)
                        .is_some_and(|(w, _, _)| *w >= 100.0 - WEIGHT_SLACK)
                })
                .collect();
            if let Some(&second) = full.get(1) {
                // Moodle offers radio buttons and gives full marks for any of them; quizdesk's
                // single choice has one right answer, so every right one is kept as a multiple
                // selection (all must be ticked).
                let range = choices
                    .get(second)
                    .map_or(at.clone(), |(_, _, r)| r.clone());
                self.warn(
                    range,
                    &format!(
                        "{} answers get full credit in a single-answer question: imported as a multiple selection, where every right answer must be ticked",
                        full.len()
                    ),
                    "another right answer",
                    Some("Moodle gives full marks for any one of them; keep one `=` to ask for one answer".into()),
                );
                for (w, c, range) in &choices {
                    if *w < 100.0 - WEIGHT_SLACK && w.abs() >= WEIGHT_SLACK {
                        let range = range.clone();
                        self.warn(
                            range,
                            &format!(
                                "the {}% weight of `{}` is dropped: it counts as wrong",
                                percent(*w),
                                c.text
                            ),
                            "weight",
                            None,
                        );
                    }
                }
                return Ok(Kind::MultipleSelect(
                    choices
                        .into_iter()
                        .map(|(w, mut c, _)| {
                            c.correct = w >= 100.0 - WEIGHT_SLACK;
                            c
                        })
                        .collect(),
                ));
            }
            for (w, c, range) in &mut choices {
                c.correct = *w >= 100.0 - WEIGHT_SLACK;
                if c.correct || w.abs() < WEIGHT_SLACK {
                    continue;
                }
                let (message, label) = if *w > 0.0 {
                    (
                        format!(
                            "the {}% partial credit for `{}` is dropped: it counts as wrong",
                            percent(*w),
                            c.text
                        ),
                        "partial credit",
                    )
                } else {
                    (
                        format!(
                            "the {}% penalty for `{}` is dropped: a wrong answer scores 0",
                            percent(*w),
                            c.text
                        ),
                        "penalty",
                    )
                };
                let hint = if *w > 0.0 {
                    "quizdesk gives partial credit only to questions with several right answers"
                } else {
                    "in a single-choice question quizdesk never takes marks away"
                };
                let range = range.clone();
                self.warn(range, &message, label, Some(hint.into()));
            }
            return Ok(Kind::SingleChoice(
                choices.into_iter().map(|(_, c, _)| c).collect(),
            ));
        }
        // Multiple answers: quizdesk gives each of the k right answers 1/k and takes 1/k for
        // each wrong one ticked; say so where the weights differ.
        let k = choices.iter().filter(|(w, _, _)| *w > 0.0).count();
        if k == 0 {
            return self.error(
                at,
                "no answer has a positive weight",
                "no right answer",
                Some("mark the right answers with weights adding up to 100, such as `~%50%`, or one right answer with `=`".into()),
            );
        }
        let share = 100.0 / k as f64;
        let unequal: Vec<String> = choices
            .iter()
            .filter(|(w, _, _)| *w > 0.0 && (*w - share).abs() > WEIGHT_SLACK)
            .map(|(w, _, _)| format!("{}%", percent(*w)))
            .collect();
        if !unequal.is_empty() {
            self.warn(
                at.clone(),
                &format!(
                    "quizdesk gives each of the {k} right answers {}% of the marks, not the weights written ({})",
                    percent(share),
                    unequal.join(", ")
                ),
                "weights",
                Some(format!("give every right answer `~%{}%` to grade the same in Moodle", percent(share))),
            );
        }
        let penalties: Vec<String> = choices
            .iter()
            .filter(|(w, _, _)| *w <= 0.0 && (*w + share).abs() > WEIGHT_SLACK)
            .map(|(w, _, _)| format!("{}%", percent(*w)))
            .collect();
        if !penalties.is_empty() {
            self.warn(
                at,
                &format!(
                    "quizdesk takes {}% of the marks for each wrong answer ticked, not the weights written ({})",
                    percent(share),
                    penalties.join(", ")
                ),
                "penalties",
                Some(format!("give every wrong answer `~%-{}%` to grade the same in Moodle", percent(share))),
            );
        }
        Ok(Kind::MultipleSelect(
            choices
                .into_iter()
                .map(|(w, mut c, _)| {
                    c.correct = w > 0.0;
                    c
                })
                .collect(),
        ))
    }

    fn true_false(&mut self, answer: &[U], truth: bool, format: Format) -> Kind {
        let (_, rest) = split_feedback(answer);
        let (wrong, right) = match rest.map(split_feedback) {
            Some((wrong, right)) => (
                self.text(wrong, format),
                right.map_or_else(String::new, |r| self.text(r, format)),
            ),
            None => (String::new(), String::new()),
        };
        let (feedback_true, feedback_false) = if truth {
            (right, wrong)
        } else {
            (wrong, right)
        };
        Kind::TrueFalse(TrueFalse {
            answer: truth,
            feedback_true,
            feedback_false,
            misconception: None,
        })
    }

    /// `{=a =b =%0%wrong#why}`.
    fn short_answer(&mut self, answer: &[U], format: Format, at: Range<usize>) -> Step<Kind> {
        let mut accept: Vec<String> = Vec::new();
        let mut wrong: Vec<KnownWrong> = Vec::new();
        // Folded texts, so a block with very many answers stays linear.
        let mut accepted: HashSet<String> = HashSet::new();
        let mut known_wrong: HashSet<String> = HashSet::new();
        let mut otherwise = String::new();
        for a in split_answers(answer, &['=']) {
            let (w, body) = weight(a.body);
            let w = w.unwrap_or(100.0);
            let (text_us, feedback_us) = split_feedback(body);
            let range = span(trim(text_us), a.at);
            let text = self.text(text_us, format);
            let feedback = feedback_us.map_or_else(String::new, |f| self.text(f, format));
            if text.is_empty() {
                self.warn(
                    a.at..a.at + 1,
                    "an answer with no text is left out, as Moodle does",
                    "empty answer",
                    Some("remove the stray `=`; a literal `=` is written `\\=`".into()),
                );
                continue;
            }
            // `=%0%*#…`: Moodle's wildcard matches any other answer, so its feedback is the
            // feedback for any other answer.
            if text == "*" && w < 100.0 - WEIGHT_SLACK {
                if w.abs() >= WEIGHT_SLACK {
                    self.warn(
                        range.clone(),
                        &format!("the {}% weight of the catch-all answer `*` is dropped: any other answer scores 0", percent(w)),
                        "catch-all",
                        None,
                    );
                }
                if !feedback.is_empty() && otherwise.is_empty() {
                    otherwise = feedback;
                }
                continue;
            }
            if w >= 100.0 - WEIGHT_SLACK {
                if text.contains('*') {
                    self.warn(
                        range.clone(),
                        &format!("`*` in `{text}` is a wildcard in Moodle; quizdesk compares answers as written (ignoring case and punctuation)"),
                        "wildcard",
                        Some("list the accepted answers one by one".into()),
                    );
                }
                if fold(&text).is_empty() {
                    return self.error(
                        range,
                        &format!("the answer `{text}` has no letters or digits to compare"),
                        "cannot be matched",
                        Some(
                            "quizdesk compares letters and digits only; write the answer out"
                                .into(),
                        ),
                    );
                }
                if !feedback.is_empty() {
                    self.warn(
                        range,
                        &format!("the feedback of the accepted answer `{text}` is dropped"),
                        "feedback",
                        Some("quizdesk shows the explanation (`####…`) after every answer; put it there".into()),
                    );
                }
                // Answers that differ only in case or punctuation are one answer to quizdesk.
                if accepted.insert(fold(&text)) {
                    accept.push(text);
                }
            } else if w.abs() < WEIGHT_SLACK || w < 0.0 {
                if w < 0.0 {
                    self.warn(
                        range.clone(),
                        &format!(
                            "the {}% penalty for `{text}` is dropped: a wrong answer scores 0",
                            percent(w)
                        ),
                        "penalty",
                        None,
                    );
                }
                if known_wrong.insert(fold(&text)) {
                    wrong.push(KnownWrong {
                        text,
                        feedback,
                        misconception: None,
                    });
                }
            } else {
                self.warn(
                    range,
                    &format!("the {}% partial credit for `{text}` is dropped: the answer is left out", percent(w)),
                    "partial credit",
                    Some("quizdesk's short answers are right or wrong; add it with `=` to accept it fully".into()),
                );
            }
        }
        if accept.is_empty() {
            return self.error(
                at,
                "no answer gets full credit",
                "no accepted answer",
                Some("mark the accepted answers with `=` (and no weight, or `%100%`)".into()),
            );
        }
        wrong.retain(|w| !accepted.contains(&fold(&w.text)));
        Ok(Kind::ShortAnswer(ShortAnswer {
            accept,
            typos: 0,
            wrong,
            otherwise,
        }))
    }

    /// `{=a -> 1 =b -> 2 = -> extra}`.
    fn matching(&mut self, answer: &[U], format: Format) -> Step<Kind> {
        let mut pairs = Vec::new();
        let mut distractors = Vec::new();
        for a in split_answers(answer, &['=']) {
            if a.marker.is_none() {
                return self.error(
                    span(trim(a.body), a.at),
                    "text before the first pair",
                    "not a pair",
                    Some("start every pair with `=`: `=left -> right`".into()),
                );
            }
            let Some(arrow) = find(a.body, "->") else {
                return self.error(
                    span(trim(a.body), a.at),
                    "a matching pair without `->`",
                    "no `->`",
                    Some("write pairs as `=left -> right`".into()),
                );
            };
            let left = self.text(sub(a.body, 0..arrow), format);
            // Moodle shows the right-hand sides in a drop-down, as plain text.
            let right = plain_text(trim(from(a.body, arrow + 2)), Format::Plain);
            match (left.is_empty(), right.is_empty()) {
                (_, true) if !left.is_empty() => {
                    return self.error(
                        span(trim(a.body), a.at),
                        "a matching pair with nothing after `->`",
                        "empty right side",
                        Some("write pairs as `=left -> right`".into()),
                    );
                }
                (true, true) => {}
                // An answer with no question is an extra wrong answer in Moodle.
                (true, false) => distractors.push(right),
                (false, false) => pairs.push((left, right)),
                _ => {}
            }
        }
        if pairs.len() < 2 {
            return self.error(
                span(answer, 0),
                "a matching question needs at least two pairs",
                "too few pairs",
                Some("Moodle needs at least two pairs and three answers".into()),
            );
        }
        // Moodle lets several items share a right-hand side (`cat -> mammal`, `dog -> mammal`),
        // or repeat an item; quizdesk's matching pairs each item with its own partner, so such
        // a question becomes a fill-in with one drop-down of the right-hand sides per item,
        // graded per item as Moodle grades it.
        let mut options: Vec<String> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        let mut repeated = None;
        for right in pairs.iter().map(|p| &p.1).chain(&distractors) {
            if keys.insert(fold(right)) {
                options.push(right.clone());
            } else if repeated.is_none() {
                repeated = Some(right.clone());
            }
        }
        let mut lefts: HashSet<String> = HashSet::new();
        let repeated_left = pairs
            .iter()
            .find(|p| !lefts.insert(fold(&p.0)))
            .map(|p| p.0.clone());
        let message = match (repeated, repeated_left) {
            (Some(right), _) => format!(
                "the right-hand side `{right}` belongs to several items: imported as a fill-in with a drop-down per item"
            ),
            (None, Some(left)) => format!(
                "the item `{left}` is listed twice: imported as a fill-in with a drop-down per item"
            ),
            (None, None) => return Ok(Kind::Matching(Matching { pairs, distractors })),
        };
        self.warn(
            span(answer, 0),
            &message,
            "repeated",
            Some("quizdesk's matching pairs each item with its own partner".into()),
        );
        let mut segments = Vec::new();
        let mut gaps = Vec::new();
        for (i, (left, right)) in pairs.iter().enumerate() {
            let sep = if i == 0 { "" } else { "\n" };
            segments.push(Segment::Text(format!("{sep}{left}: ")));
            segments.push(Segment::Gap(i));
            gaps.push(Gap::Choose(
                options
                    .iter()
                    .map(|o| Choice {
                        text: o.clone(),
                        correct: fold(o) == fold(right),
                        feedback: String::new(),
                        misconception: None,
                        pinned: false,
                    })
                    .collect(),
            ));
        }
        Ok(Kind::Cloze(Cloze { segments, gaps }))
    }

    /// `{#5:0.1}`, `{#1..5}`, `{#=5:0 =%50%5:1#close}`; returns the kind and the prompt with a
    /// `(unit: …)` suffix read into the unit.
    fn numeric(&mut self, answer: &[U], prompt: &str, at: Range<usize>) -> Step<(Kind, String)> {
        let (answer, others) = match answer.iter().position(|u| is(u, '~')) {
            Some(i) => (sub(answer, 0..i), Some(from(answer, i))),
            None => (answer, None),
        };
        if let Some(others) = others {
            self.warn(
                span(trim(others), at.start),
                "the feedback for other answers (`~#…`) is dropped: quizdesk says `Too low.` or `Too high.`",
                "feedback",
                None,
            );
        }
        let mut targets: Vec<(f64, NumericTarget, Range<usize>, String)> = Vec::new();
        for a in split_answers(answer, &['=']) {
            let (w, body) = weight(a.body);
            let w = w.unwrap_or(100.0);
            let (value_us, feedback_us) = split_feedback(body);
            let value = chars(trim(value_us));
            let range = span(trim(value_us), a.at);
            let Some(target) = numeric_target(&value) else {
                return self.error(
                    range,
                    &format!("`{value}` is not a number, `number:tolerance` or `min..max`"),
                    "not a number",
                    Some("write `{#answer:tolerance}` or `{#min..max}`, with `.` as the decimal point".into()),
                );
            };
            if let NumericTarget::Range { min, max } = target
                && min > max
            {
                return self.error(
                    range,
                    &format!("the range `{value}` runs backwards"),
                    "min above max",
                    Some("write the smaller number first: `{#min..max}`".into()),
                );
            }
            if let Some(f) = feedback_us {
                let feedback = self.text(f, Format::Moodle);
                if !feedback.is_empty() {
                    self.warn(
                        span(trim(f), a.at),
                        &format!("the feedback for `{value}` is dropped: quizdesk says `Too low.` or `Too high.`"),
                        "feedback",
                        Some("put what every learner should read into the explanation (`####…`)".into()),
                    );
                }
            }
            targets.push((w, target, range, value));
        }
        let Some(best) = targets
            .iter()
            .position(|(w, ..)| *w >= 100.0 - WEIGHT_SLACK)
        else {
            return self.error(
                at,
                "no numerical answer gets full credit",
                "no right answer",
                Some("give the right answer without a weight, or with `%100%`".into()),
            );
        };
        for (i, (w, _, range, value)) in targets.iter().enumerate() {
            if i == best || w.abs() < WEIGHT_SLACK {
                continue;
            }
            let message = if *w >= 100.0 - WEIGHT_SLACK {
                format!(
                    "`{value}` is dropped: quizdesk's numeric question has one answer or range, and the first fully right one is kept"
                )
            } else {
                format!(
                    "the {}% partial credit for `{value}` is dropped",
                    percent(*w)
                )
            };
            let range = range.clone();
            self.warn(
                range,
                &message,
                "dropped",
                Some("widen the tolerance or the range if these answers should count".into()),
            );
        }
        let target = targets.get(best).map_or(
            NumericTarget::Near {
                value: 0.0,
                tolerance: 0.0,
            },
            |t| t.1,
        );
        let (prompt, unit) = split_unit(prompt);
        Ok((Kind::Numeric(Numeric { target, unit }), prompt))
    }
}

fn true_false(answer: &[U]) -> Option<bool> {
    let (head, _) = split_feedback(answer);
    // As Moodle: only these four, in capitals (`{true}` is a short answer).
    match chars(trim(head)).as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

fn numeric_target(s: &str) -> Option<NumericTarget> {
    if let Some(i) = s.find("..").filter(|&i| i > 0) {
        return Some(NumericTarget::Range {
            min: number(s.get(..i)?)?,
            max: number(s.get(i + 2..)?)?,
        });
    }
    if let Some(i) = s.find(':').filter(|&i| i > 0) {
        let tolerance = number(s.get(i + 1..)?)?;
        return (tolerance >= 0.0).then_some(NumericTarget::Near {
            value: number(s.get(..i)?)?,
            tolerance,
        });
    }
    Some(NumericTarget::Near {
        value: number(s)?,
        tolerance: 0.0,
    })
}

fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    let plausible = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && s.chars().any(|c| c.is_ascii_digit());
    s.parse::<f64>().ok().filter(|x| plausible && x.is_finite())
}

/// A numeric prompt's `(unit: km)` suffix, which [`export`] writes for a unit.
fn split_unit(prompt: &str) -> (String, Option<String>) {
    if let Some(body) = prompt.strip_suffix(')')
        && let Some(i) = body.rfind("(unit: ")
    {
        let unit = body.get(i + "(unit: ".len()..).unwrap_or("").trim();
        let rest = body.get(..i).unwrap_or("").trim_end();
        if !unit.is_empty() && !rest.is_empty() {
            return (rest.to_owned(), Some(unit.to_owned()));
        }
    }
    (prompt.to_owned(), None)
}

// ──────────────────────────────────────────────────────────────────────────────── exporting

/// Escapes GIFT's special characters (`~ = # { } : \`) and writes line breaks as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// [`escape`], and a `[moodle]` in front of a text that itself starts with a format name such as
/// `[html]`, so that it is read as text.
fn text_out(text: &str) -> String {
    format!("{}{}", format_out(text, text), escape(text))
}

/// The format name to write before `start` (the beginning of `whole`): `[plain]` if `whole`
/// has a tag or an entity (Moodle's default format would render it as HTML), `[moodle]` if it
/// starts with a format name itself, otherwise nothing.
fn format_out(start: &str, whole: &str) -> &'static str {
    let starts_with_format = start
        .trim_start()
        .strip_prefix('[')
        .and_then(|t| t.split_once(']'))
        .is_some_and(|(name, _)| Format::from_name(name).is_some());
    if text::looks_like_html(whole) {
        "[plain]"
    } else if starts_with_format {
        "[moodle]"
    } else {
        ""
    }
}

/// Writes `bank` as GIFT. Sections become `$CATEGORY:` lines (questions without a section come
/// first, so they land in the category chosen at import); fields GIFT cannot hold are written
/// as `//` comments above their question.
pub fn export(bank: &Bank) -> Export {
    let mut out = String::new();
    let mut notes = Vec::new();
    let _ = writeln!(
        out,
        "// {} (quizdesk bank `{}`), written by `quizdesk export gift`.",
        one_line(bank.title()),
        bank.id()
    );
    out.push_str(
        "// In Moodle: Question bank > Import > GIFT format. Lines starting with // are comments\n",
    );
    out.push_str("// that keep what GIFT cannot hold (hints, citations, tags, rubrics).\n");
    let questions = bank.questions();
    let mut order: Vec<usize> = (0..questions.len())
        .filter(|&i| questions.get(i).is_some_and(|q| q.section.is_none()))
        .collect();
    for section in bank.sections() {
        order.extend((0..questions.len()).filter(|&i| {
            questions
                .get(i)
                .is_some_and(|q| q.section.as_ref() == Some(section))
        }));
    }
    let mut current: Option<&str> = None;
    let mut exported = 0;
    for i in order {
        let Some(q) = questions.get(i) else { continue };
        if let Some(section) = q.section.as_deref()
            && current != Some(section)
        {
            current = Some(section);
            let _ = writeln!(
                out,
                "\n$CATEGORY: $course$/top/{}",
                one_line(section).replace('/', "//")
            );
        }
        out.push('\n');
        exported += usize::from(question_out(&mut out, &mut notes, i, q));
    }
    Export {
        text: out,
        notes,
        exported,
    }
}

/// Writes one question; false if GIFT cannot hold it and it was written as comments only.
fn question_out(out: &mut String, notes: &mut Vec<ExportNote>, index: usize, q: &Question) -> bool {
    let mut note = |field: &'static str, message: String, hint: Option<&str>| {
        notes.push(ExportNote {
            question: index,
            field,
            message,
            hint: hint.map(str::to_owned),
        });
    };
    // What GIFT has no place for, kept as comments.
    if let Some(hint) = &q.hint {
        let _ = writeln!(out, "// hint: {}", one_line(hint));
    }
    if let Some(c) = &q.citation {
        let _ = writeln!(
            out,
            "// cite: paragraph {}, \"{}\"",
            c.paragraph,
            one_line(&c.quote)
        );
    }
    // Moodle 3.6+ reads `[tag:…]` in the comment lines of a question.
    if !q.tags.is_empty() {
        let tags: Vec<String> = q
            .tags
            .iter()
            .map(|t| format!("[tag:{}]", one_line(t).replace(']', "\\]")))
            .collect();
        let _ = writeln!(out, "// {}", tags.join(" "));
    }
    let mut meta = Vec::new();
    if q.difficulty != crate::bank::Difficulty::Medium {
        meta.push(format!("difficulty: {}", q.difficulty));
    }
    if q.points != 1 {
        meta.push(format!("points: {}", q.points));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "// {}", one_line(&meta.join("; ")));
    }

    let answer = q.kind.gift(
        &q.id,
        &q.prompt,
        &q.explanation,
        GiftText {
            text: text_out,
            escape,
        },
    );
    for n in answer.notes {
        note(n.field, n.message, n.hint.as_deref());
    }
    for line in &answer.comments {
        // Leading spaces indent a comment (the items of an ordering question).
        let indent = &line[..line.len() - line.trim_start().len()];
        let _ = writeln!(out, "// {indent}{}", one_line(line));
    }
    // Without a body the question is not exported: the comments above say what it was.
    let Some(body) = answer.body else {
        return false;
    };
    let _ = write!(out, "::{}:: ", escape(&q.id));
    match body {
        GiftBody::Embedded(text) => {
            let _ = writeln!(out, "{text}");
        }
        GiftBody::Block { prompt, block } => match split_blank(&prompt) {
            Some((before, after)) => {
                let format = format_out(before, &prompt);
                let (before, after) = (escape(before), escape(after));
                let _ = writeln!(out, "{format}{before}{block}{after}");
            }
            None => {
                let _ = writeln!(out, "{} {block}", text_out(&prompt));
            }
        },
    }
    true
}

/// A missing-word question (the answer block stood mid-sentence) as a one-gap cloze, as Moodle
/// shows it: the sentence with the choices or the typed answer in its gap. Kinds a gap cannot
/// be (several right choices, numbers, true/false) keep the blank in their prompt.
fn missing_word(prompt: String, kind: Kind) -> (String, Kind) {
    let Some((before, after)) = prompt
        .split_once(BLANK)
        .filter(|(b, a)| !a.contains(BLANK) && !has_gap_marker(b) && !has_gap_marker(a))
    else {
        // A `{2}` in the sentence would read as a gap in a cloze text: keep the blank instead.
        return (prompt, kind);
    };
    let gap = match kind {
        Kind::SingleChoice(choices) => Gap::Choose(choices),
        Kind::ShortAnswer(sa) => Gap::Typed(sa),
        Kind::MultipleSelect(_)
        | Kind::TrueFalse(_)
        | Kind::Numeric(_)
        | Kind::Ordering(_)
        | Kind::Matching(_)
        | Kind::Discussion(_)
        | Kind::Cloze(_) => return (prompt, kind),
    };
    let mut segments = Vec::new();
    if !before.is_empty() {
        segments.push(Segment::Text(before.to_owned()));
    }
    segments.push(Segment::Gap(0));
    if !after.is_empty() {
        segments.push(Segment::Text(after.to_owned()));
    }
    let kind = Kind::Cloze(Cloze {
        segments,
        gaps: vec![gap],
    });
    (MISSING_WORD_PROMPT.to_owned(), kind)
}

/// Whether `text` has a number in braces (`{2}`), which a cloze text reads as a gap.
fn has_gap_marker(text: &str) -> bool {
    text.match_indices('{').any(|(i, _)| {
        let after = text.get(i + 1..).unwrap_or("");
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && after.as_bytes().get(digits) == Some(&b'}')
    })
}

/// A prompt with exactly one blank `____` (four underscores), split around it, for GIFT's
/// missing-word form.
fn split_blank(prompt: &str) -> Option<(&str, &str)> {
    let mut found = None;
    let mut run_start = None;
    for (i, c) in prompt
        .char_indices()
        .chain(std::iter::once((prompt.len(), ' ')))
    {
        match (c == '_', run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                run_start = None;
                if i - s == BLANK.len() {
                    if found.is_some() {
                        return None;
                    }
                    found = Some(s);
                } else if i - s > BLANK.len() {
                    return None;
                }
            }
            _ => {}
        }
    }
    let s = found?;
    let after = prompt.get(s + BLANK.len()..)?;
    // A block at the very end is not a blank to GIFT: the text must go on after it.
    if after.trim().is_empty() {
        return None;
    }
    Some((prompt.get(..s)?, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_print_like_moodle() {
        assert_eq!(percent(100.0 / 3.0), "33.33333");
        assert_eq!(percent(50.0), "50");
        assert_eq!(percent(-100.0 / 6.0), "-16.66667");
        assert_eq!(percent(-0.0), "0");
    }

    #[test]
    fn categories_become_sections() {
        assert_eq!(
            category_section("$course$/top/Week 1/Maps").as_deref(),
            Some("Week 1/Maps")
        );
        assert_eq!(category_section("$course$/top"), None);
        assert_eq!(category_section("top/A//B").as_deref(), Some("A/B"));
        assert_eq!(category_section("Geography").as_deref(), Some("Geography"));
    }

    #[test]
    fn blanks_split_only_when_unique() {
        assert_eq!(split_blank("a ____ b"), Some(("a ", " b")));
        assert_eq!(split_blank("____."), Some(("", ".")));
        assert_eq!(split_blank("The answer is ____"), None);
        assert_eq!(split_blank("a ____ b ____"), None);
        assert_eq!(split_blank("a _____ b"), None);
        assert_eq!(split_blank("snake_case"), None);
        assert!(has_gap_marker("a{0}") && has_gap_marker("{12} b"));
        assert!(!has_gap_marker("{x} {} {1 } 1}"));
    }

    #[test]
    fn numbers_and_targets() {
        assert_eq!(
            numeric_target("1..5"),
            Some(NumericTarget::Range { min: 1.0, max: 5.0 })
        );
        assert_eq!(
            numeric_target("-5..-1"),
            Some(NumericTarget::Range {
                min: -5.0,
                max: -1.0
            })
        );
        assert_eq!(
            numeric_target("3.1:0.05"),
            Some(NumericTarget::Near {
                value: 3.1,
                tolerance: 0.05
            })
        );
        assert_eq!(numeric_target("inf"), None);
        assert_eq!(numeric_target("NaN"), None);
        assert_eq!(numeric_target("1,5"), None);
        assert_eq!(numeric_target("5:-1"), None);
    }

    #[test]
    fn unit_suffix() {
        assert_eq!(
            split_unit("How far? (unit: km)"),
            ("How far?".to_owned(), Some("km".to_owned()))
        );
        assert_eq!(split_unit("How far?"), ("How far?".to_owned(), None));
    }
}
