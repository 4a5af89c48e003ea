//! Moodle XML → quizdesk. A `<quiz>` of `<question>`s; `type="category"` questions set the
//! section of the questions after them. Each question is read as Moodle's importer reads it
//! (the same defaults), converted into the quizdesk kind that grades it the same way, and
//! checked with the bank loader; whatever quizdesk has no place for is a located warning and a
//! note on the question, and a question that cannot be converted is a located error.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use super::embedded::{self, Piece, SubAnswer, SubKind};
use super::{DEFAULT_PENALTY, Extras, Parts};
use crate::bank::{
    Choice, Cloze, Discussion, Gap, Kind, KnownWrong, Matching, Numeric, NumericTarget, Question,
    RubricPoint, Segment, ShortAnswer, TrueFalse,
};
use crate::diag::{Diagnostic, DiagnosticBuilder, Severity};
use crate::interop::text::{IdSet, html_to_text, id_from_title, is_valid_id, looks_like_html};
use crate::interop::{Converted, Draft, DraftBank, ImportOptions, load_error, plain_question};
use crate::kinds::cloze::MISSING_WORD_PROMPT;
use crate::kinds::multiple_select::percent;
use crate::text::fold;

/// How deep elements may nest; Moodle XML needs about six levels.
pub const MAX_DEPTH: usize = 64;

/// At most this many XML nodes (the file size limit already bounds it; this keeps a file of
/// tiny elements from costing more than a file of questions).
const MAX_NODES: u32 = 4_000_000;

/// How close a weight must be to the one quizdesk's grading implies, in percent.
const WEIGHT_SLACK: f64 = 0.01;

/// Reads a Moodle XML file. `path` names it in diagnostics.
pub fn import(path: &Path, text: &str, options: &ImportOptions) -> Converted {
    let b = DiagnosticBuilder::new(path, text);
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let mut bank = DraftBank {
        id: options.id.clone(),
        title: options.title.clone(),
        header: vec![
            format!("Imported from `{file}` (Moodle XML) by `quizdesk import moodle-xml`."),
            "Notes above a question say what Moodle had that quizdesk could not keep.".into(),
            "Check it with `quizdesk check`; the format is described in quizzes/FORMAT.md.".into(),
        ],
        ..DraftBank::default()
    };
    let mut diagnostics = Vec::new();
    // A byte-order mark is not XML; the positions below count from after it.
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let xml = text.get(start..).unwrap_or("");
    let parsed = Document::parse_with_options(
        xml,
        ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
            ..ParsingOptions::default()
        },
    );
    let doc = match parsed {
        Ok(doc) => doc,
        Err(e) => {
            diagnostics.push(malformed(&b, xml, start, &e));
            return Converted {
                path: path.to_path_buf(),
                text: text.to_owned(),
                bank,
                diagnostics,
            };
        }
    };
    let mut importer = Importer {
        b: &b,
        text,
        base: start,
        file,
        diagnostics,
        notes: Vec::new(),
        errors: 0,
        ids: IdSet::default(),
        html_warned: false,
        ordinal: 0,
    };
    if let Some(deep) = too_deep(&doc) {
        let at = importer.range(deep);
        importer.errors += 1;
        importer.diagnostics.push(b.at(
            Severity::Error,
            at.start..at.start,
            format!("elements nest more than {MAX_DEPTH} deep"),
            "too deep",
            Some("Moodle XML nests about six levels: this is not a question bank export".into()),
        ));
    } else {
        importer.quiz(doc.root_element(), &mut bank);
    }
    if bank.questions.is_empty() && importer.errors == 0 {
        let end = text.len();
        importer.errors += 1;
        importer.diagnostics.push(
            b.at(
                Severity::Error,
                end..end,
                "no questions found: the file has no `<question>` that quizdesk can convert",
                "file ends here",
                Some(
                    "a Moodle XML file is `<quiz>` with `<question type=\"multichoice\">`… inside"
                        .into(),
                ),
            ),
        );
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

/// The error of a file that is not well-formed XML, at its line and column, with a hint.
fn malformed(
    b: &DiagnosticBuilder<'_>,
    xml: &str,
    base: usize,
    e: &roxmltree::Error,
) -> Diagnostic {
    use roxmltree::Error as E;
    let pos = e.pos();
    let offset = match e {
        E::DtdDetected => xml.find("<!DOCTYPE").unwrap_or(0),
        E::UnexpectedEndOfStream | E::UnclosedRootNode => xml.len(),
        _ => offset_of(xml, pos.row, pos.col),
    };
    let what = e.to_string();
    let what = what
        .strip_suffix(&format!(" at {pos}"))
        .unwrap_or(&what)
        .to_owned();
    let (message, hint) = match e {
        E::DtdDetected => (
            "the file has a document type declaration (`<!DOCTYPE …>`), which quizdesk refuses"
                .to_owned(),
            "Moodle XML has none; remove it (a DTD can define entities that expand without bound)",
        ),
        E::UnexpectedCloseTag(..) => (
            format!("malformed XML: {what}"),
            "every `<name>` needs its `</name>`, closed in the reverse order of opening",
        ),
        E::UnknownEntityReference(..) | E::MalformedEntityReference(..) => (
            format!("malformed XML: {what}"),
            "write `&amp;` for a literal `&` and `&lt;` for `<`, or put the text in `<![CDATA[…]]>`",
        ),
        E::UnexpectedEndOfStream | E::UnclosedRootNode => (
            format!("malformed XML: {what}: expected the closing `</quiz>`"),
            "the file ends too early; it may have been cut short while copying",
        ),
        E::NodesLimitReached => (
            format!("the file has more than {MAX_NODES} XML nodes"),
            "split it into smaller files and import them one by one",
        ),
        _ => (
            format!("malformed XML: {what}"),
            "a Moodle XML file is `<quiz>` with `<question>` elements; open it in an XML editor to see what is wrong here",
        ),
    };
    let at = base + offset;
    b.at(Severity::Error, at..at, message, "here", Some(hint.into()))
}

/// The byte offset of 1-based `row` and `col` (in characters).
fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let mut offset = 0;
    for _ in 1..row {
        match text.get(offset..).and_then(|t| t.find('\n')) {
            Some(n) => offset += n + 1,
            None => return text.len(),
        }
    }
    let line = text.get(offset..).unwrap_or("");
    offset
        + line
            .char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(line.len(), |(k, _)| k)
}

/// The first element nested more than [`MAX_DEPTH`] deep, if any (without recursion: parents
/// come before their children in document order).
fn too_deep<'a>(doc: &'a Document<'a>) -> Option<Node<'a, 'a>> {
    let mut depth: HashMap<u32, usize> = HashMap::new();
    for node in doc.descendants().filter(Node::is_element) {
        let d = node
            .parent()
            .and_then(|p| depth.get(&p.id().get()))
            .copied()
            .unwrap_or(0)
            + 1;
        if d > MAX_DEPTH {
            return Some(node);
        }
        depth.insert(node.id().get(), d);
    }
    None
}

/// Moodle's `true`/`false` reading: `false`, `0` and empty are false, anything else true.
fn flag(s: &str) -> bool {
    let s = s.trim();
    !(s.is_empty() || s == "false" || s == "0")
}

fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The section for a category path: the context (`$course$/`) and `top/` dropped, `//`
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
    let section = crate::interop::text::one_line(&p.replace("//", "/"));
    (!section.is_empty()).then_some(section)
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn children<'a>(node: Node<'a, 'a>, name: &'a str) -> impl Iterator<Item = Node<'a, 'a>> {
    node.children().filter(move |c| c.has_tag_name(name))
}

/// All text directly inside `node` (text and CDATA), as written.
fn own_text(node: Node<'_, '_>) -> String {
    node.children()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect()
}

/// The text of the `<text>` inside `node`, or of `node` itself when it has none (old files).
fn inner_text(node: Node<'_, '_>) -> String {
    match child(node, "text") {
        Some(t) => own_text(t),
        None => own_text(node),
    }
}

/// The text of `<name><text>…` below `node`, trimmed, or empty.
fn value(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).map(|c| own_text(c).trim().to_owned())
}

struct Importer<'a> {
    b: &'a DiagnosticBuilder<'a>,
    text: &'a str,
    /// Where the XML starts in `text` (after a byte-order mark).
    base: usize,
    file: String,
    diagnostics: Vec<Diagnostic>,
    /// Warnings about the question being read, written above it in the bank.
    notes: Vec<String>,
    errors: usize,
    ids: IdSet,
    html_warned: bool,
    /// Questions seen (converted or not), for `q1`, `q2`… ids that do not shift when a broken
    /// question is fixed.
    ordinal: usize,
}

/// `Err(())` means the question cannot be converted; the error was reported.
type Step<T> = Result<T, ()>;

impl Importer<'_> {
    fn range(&self, node: Node<'_, '_>) -> Range<usize> {
        let r = node.range();
        self.base + r.start..self.base + r.end
    }

    /// The start tag of `node` (for labels).
    fn head(&self, node: Node<'_, '_>) -> Range<usize> {
        let r = self.range(node);
        let end = self
            .text
            .get(r.clone())
            .and_then(|t| t.find('>'))
            .map_or(r.end, |k| r.start + k + 1);
        r.start..end
    }

    fn warn(&mut self, at: Node<'_, '_>, message: &str, label: &str, hint: Option<&str>) {
        self.notes.push(message.to_owned());
        let d = self.b.at(
            Severity::Warning,
            self.head(at),
            message,
            label,
            hint.map(str::to_owned),
        );
        self.diagnostics.push(d);
    }

    fn error<T>(
        &mut self,
        at: Node<'_, '_>,
        message: &str,
        label: &str,
        hint: Option<&str>,
    ) -> Step<T> {
        self.errors += 1;
        let d = self.b.at(
            Severity::Error,
            self.head(at),
            message,
            label,
            hint.map(str::to_owned),
        );
        self.diagnostics.push(d);
        Err(())
    }

    fn quiz(&mut self, root: Node<'_, '_>, bank: &mut DraftBank) {
        if !root.has_tag_name("quiz") {
            let name = root.tag_name().name().to_owned();
            let _: Step<()> = self.error(
                root,
                &format!("expected `<quiz>` as the root element, found `<{name}>`"),
                "root element",
                Some("a Moodle XML file is `<quiz>` with `<question>` elements inside"),
            );
            return;
        }
        let mut section: Option<String> = None;
        for node in root.children().filter(Node::is_element) {
            if !node.has_tag_name("question") {
                let name = node.tag_name().name().to_owned();
                let d = self.b.at(
                    Severity::Warning,
                    self.head(node),
                    format!("`<{name}>` is not a question and is skipped"),
                    "skipped",
                    Some("only `<question>` elements are read inside `<quiz>`".into()),
                );
                self.diagnostics.push(d);
                continue;
            }
            let qtype = node.attribute("type").unwrap_or("").trim().to_owned();
            if qtype == "category" {
                let path = child(node, "category").map(inner_text).unwrap_or_default();
                section = category_section(&path);
                continue;
            }
            self.notes.clear();
            self.html_warned = false;
            if let Ok(Some(mut q)) = self.question(node, &qtype) {
                q.section = section.clone();
                if let Some(s) = &section
                    && !bank.sections.contains(s)
                {
                    bank.sections.push(s.clone());
                }
                let line = self.b.index().line_col(self.text, self.range(node).start).0;
                bank.questions.push(Draft {
                    question: q,
                    origin: Some(format!("{}:{line}", self.file)),
                    notes: std::mem::take(&mut self.notes),
                });
            }
        }
    }

    /// A text field (`<questiontext format="html"><text>…</text><file …/></questiontext>`) as
    /// plain text: HTML turned into text (warned once per question), files and images warned.
    fn rich(&mut self, node: Option<Node<'_, '_>>, default_format: &str, what: &str) -> String {
        let Some(node) = node else {
            return String::new();
        };
        let format = node.attribute("format").unwrap_or(default_format).trim();
        let raw = inner_text(node);
        for f in children(node, "file") {
            let name = f.attribute("name").unwrap_or("").to_owned();
            self.warn(
                f,
                &format!(
                    "the file `{name}` in the {what} is not kept: quizdesk banks hold text only"
                ),
                "file",
                Some("describe the picture in the text, or leave the question out if it needs it"),
            );
        }
        match format {
            "plain_text" | "moodle_auto_format" | "markdown" | "wiki_like" => raw.trim().to_owned(),
            _ => {
                if raw.to_ascii_lowercase().contains("<img") {
                    self.warn(
                        node,
                        &format!("an image (`<img>`) in the {what} is dropped"),
                        "image",
                        Some("quizdesk shows text only: describe the picture in the text"),
                    );
                }
                if !self.html_warned && looks_like_html(&raw) {
                    self.html_warned = true;
                    self.warn(
                        node,
                        "HTML was turned into plain text in this question",
                        "HTML",
                        Some("quizdesk shows text as written: tags are dropped, entities such as `&amp;` decoded, `<br>` starts a line and paragraphs are separated by a blank line"),
                    );
                }
                html_to_text(&raw)
            }
        }
    }

    fn question(&mut self, node: Node<'_, '_>, qtype: &str) -> Step<Option<Question>> {
        if qtype == "description" {
            self.warn(
                node,
                "a description is not a question and is left out",
                "description",
                Some("quizdesk banks hold only questions: put the text into a question's prompt or explanation"),
            );
            return Ok(None);
        }
        self.ordinal += 1;
        let format = child(node, "questiontext")
            .and_then(|t| t.attribute("format"))
            .unwrap_or("html")
            .to_owned();
        let extras = self.extras(node);
        let prompt = self.rich(child(node, "questiontext"), "html", "question text");
        let kind = match qtype {
            "multichoice" => self.multichoice(node, &format, &extras)?,
            "truefalse" => self.true_false(node, &format, &extras)?,
            "shortanswer" => self.short_answer(node, &extras)?,
            "numerical" => self.numerical(node, &extras)?,
            "match" => self.matching(node, &format)?,
            "ordering" => self.ordering(node, &format)?,
            "essay" => self.essay(node, &format, &extras)?,
            "cloze" | "multianswer" => self.cloze(node, &prompt, &extras)?,
            other => {
                let hint = match other {
                    "calculated" | "calculatedsimple" | "calculatedmulti" => {
                        "quizdesk has no calculated questions: write one numeric question per set of values"
                    }
                    "ddwtos" | "gapselect" => {
                        "quizdesk's Cloze has drop-down gaps: rewrite it as a Moodle Cloze (embedded answers) question"
                    }
                    "random" | "randomsamatch" => {
                        "random questions are drawn from a category when a quiz runs; export the category's questions instead"
                    }
                    _ => {
                        "quizdesk converts multichoice, truefalse, shortanswer, numerical, match, ordering, essay and cloze questions"
                    }
                };
                let message = if other.is_empty() {
                    "the question has no `type`".to_owned()
                } else {
                    format!("Moodle's `{other}` questions have no quizdesk kind")
                };
                return self.error(node, &message, "not converted", Some(hint));
            }
        };
        let prompt = match (&kind, &extras.prompt) {
            (Kind::Cloze(_), Some(p)) => p.clone(),
            (Kind::Cloze(_), None) => MISSING_WORD_PROMPT.to_owned(),
            _ => prompt,
        };
        let name = child(node, "name").map(inner_text).unwrap_or_default();
        let idnumber = value(node, "idnumber").unwrap_or_default();
        let id = if is_valid_id(&idnumber) {
            idnumber
        } else {
            id_from_title(&name).unwrap_or_else(|| format!("q{}", self.ordinal))
        };
        let id = self.ids.unique(id);
        let mut q = plain_question(id, prompt, kind);
        q.explanation = self.rich(child(node, "generalfeedback"), &format, "general feedback");
        q.points = self.points(node);
        q.hint = self.hints(node, &format);
        q.tags = self.tags(node);
        if let Some(d) = extras.difficulty {
            q.difficulty = d;
        }
        self.penalty(node, qtype);
        if value(node, "hidden").is_some_and(|h| flag(&h))
            && let Some(h) = child(node, "hidden")
        {
            self.warn(
                h,
                "the question was hidden in Moodle; quizdesk asks every question of a bank",
                "hidden",
                None,
            );
        }
        for field in [
            "correctfeedback",
            "partiallycorrectfeedback",
            "incorrectfeedback",
        ] {
            if let Some(f) = child(node, field)
                && !inner_text(f).trim().is_empty()
            {
                self.warn(
                    f,
                    &format!(
                        "the `{field}` is dropped: quizdesk says itself whether an answer is right"
                    ),
                    "dropped",
                    Some("move it into the general feedback if it explains the answer"),
                );
            }
        }
        if let Some((message, hint)) = load_error(&q) {
            return self.error(
                node,
                &format!("this question cannot be converted: {message}"),
                "question starts here",
                hint.as_deref(),
            );
        }
        Ok(Some(q))
    }

    /// The quizdesk comment in the question, if any.
    fn extras(&mut self, node: Node<'_, '_>) -> Extras {
        for c in node.children().filter(Node::is_comment) {
            match Extras::from_comment(c.text().unwrap_or("")) {
                Some(Ok(e)) => return e,
                Some(Err(problem)) => {
                    let d = self.b.at(
                        Severity::Warning,
                        self.range(c),
                        format!("the quizdesk comment is not readable and is ignored: {problem}"),
                        "quizdesk comment",
                        Some("it was written by `quizdesk export moodle-xml`; leave it as written, or remove it".into()),
                    );
                    self.notes
                        .push("the quizdesk comment is not readable and is ignored".into());
                    self.diagnostics.push(d);
                }
                None => {}
            }
        }
        Extras::default()
    }

    fn points(&mut self, node: Node<'_, '_>) -> u32 {
        let Some(at) = child(node, "defaultgrade") else {
            return 1;
        };
        let text = own_text(at);
        match number(&text) {
            Some(v) if v >= 1.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) => v as u32,
            Some(v) if v > 0.0 && v <= f64::from(u32::MAX) => {
                let p = (v.round() as u32).max(1);
                self.warn(
                    at,
                    &format!(
                        "the mark {} was rounded to {p} points: quizdesk counts whole points",
                        text.trim()
                    ),
                    "mark",
                    None,
                );
                p
            }
            _ => {
                self.warn(
                    at,
                    &format!(
                        "the mark `{}` is not a positive number: the question is worth 1 point",
                        text.trim()
                    ),
                    "mark",
                    None,
                );
                1
            }
        }
    }

    fn penalty(&mut self, node: Node<'_, '_>, qtype: &str) {
        let Some(at) = child(node, "penalty") else {
            return;
        };
        let Some(p) = number(&own_text(at)) else {
            return;
        };
        let default = match qtype {
            "truefalse" => 1.0,
            "essay" => 0.0,
            _ => DEFAULT_PENALTY,
        };
        if p > 0.0 && (p - default).abs() > 0.005 {
            self.warn(
                at,
                &format!(
                    "the penalty of {} for each wrong try is dropped: quizdesk asks once",
                    percent(p * 100.0) + "%"
                ),
                "penalty",
                None,
            );
        }
    }

    fn hints(&mut self, node: Node<'_, '_>, format: &str) -> Option<String> {
        let mut hints = Vec::new();
        let mut first = None;
        for h in children(node, "hint") {
            first.get_or_insert(h);
            let text = self.rich(Some(h), format, "hint");
            if !text.is_empty() {
                hints.push(text);
            }
            if ["shownumcorrect", "clearwrong"]
                .iter()
                .any(|o| child(h, o).is_some())
            {
                self.warn(
                    h,
                    "the hint's options (show the number of correct responses, clear wrong ones) are dropped",
                    "hint options",
                    Some("quizdesk shows a hint on request, before the one answer"),
                );
            }
        }
        if hints.len() > 1
            && let Some(h) = first
        {
            self.warn(
                h,
                &format!("Moodle's {} hints were joined into one hint, separated by blank lines", hints.len()),
                "hints",
                Some("Moodle shows one hint after each wrong try; quizdesk shows its hint on request"),
            );
        }
        (!hints.is_empty()).then(|| hints.join("\n\n"))
    }

    fn tags(&mut self, node: Node<'_, '_>) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for list in ["tags", "coursetags"] {
            if let Some(t) = child(node, list) {
                for tag in children(t, "tag") {
                    let text = inner_text(tag).trim().to_owned();
                    if !text.is_empty() && !tags.contains(&text) {
                        tags.push(text);
                    }
                }
            }
        }
        tags
    }

    /// Per answer: fraction in percent, the answer's node, text and feedback.
    fn answers<'n>(
        &mut self,
        node: Node<'n, 'n>,
        format: &str,
        rich_answers: bool,
    ) -> Vec<(f64, Node<'n, 'n>, String, String)> {
        let mut out = Vec::new();
        for a in children(node, "answer") {
            let fraction = a
                .attribute("fraction")
                .and_then(number)
                .or_else(|| {
                    value(a, "fraction")
                        .and_then(|f| number(&f))
                        .map(|f| f * 100.0)
                })
                .unwrap_or(0.0);
            let text = if rich_answers {
                self.rich(Some(a), format, "answer")
            } else {
                inner_text(a).trim().to_owned()
            };
            let feedback = self.rich(child(a, "feedback"), format, "feedback");
            out.push((fraction, a, text, feedback));
        }
        out
    }

    fn multichoice(&mut self, node: Node<'_, '_>, format: &str, extras: &Extras) -> Step<Kind> {
        let single = value(node, "single").is_none_or(|s| flag(&s));
        let shuffle = value(node, "shuffleanswers").is_some_and(|s| flag(&s));
        if let Some(n) = child(node, "answernumbering") {
            let style = own_text(n).trim().to_owned();
            if !style.is_empty() && style != "abc" {
                self.warn(
                    n,
                    &format!(
                        "the numbering `{style}` is dropped: quizdesk numbers choices 1, 2, 3…"
                    ),
                    "numbering",
                    None,
                );
            }
        }
        let answers = self.answers(node, format, true);
        let mut choices = Vec::new();
        let right = answers.iter().filter(|a| a.0 > 0.0).count();
        if right == 0 {
            return self.error(
                node,
                "no answer has a positive `fraction`: nothing would be right",
                "no right answer",
                Some("give the right answer `fraction=\"100\"`"),
            );
        }
        if single {
            let full = answers
                .iter()
                .filter(|a| a.0 >= 100.0 - WEIGHT_SLACK)
                .count();
            if full != 1 {
                let message = if full == 0 {
                    "no answer gives full credit (`fraction=\"100\"`) in a single-answer question"
                } else {
                    "several answers give full credit in a single-answer question"
                };
                return self.error(
                    node,
                    message,
                    "single answer",
                    Some("give exactly one answer `fraction=\"100\"`, or write `<single>false</single>` for several right answers"),
                );
            }
        } else {
            self.check_weights(node, &answers, right);
        }
        for (w, a, text, feedback) in answers {
            let correct = if single {
                w >= 100.0 - WEIGHT_SLACK
            } else {
                w > 0.0
            };
            if single && !correct && w.abs() > WEIGHT_SLACK {
                let message = if w > 0.0 {
                    format!(
                        "the {}% partial credit for `{text}` is dropped: it counts as wrong",
                        percent(w)
                    )
                } else {
                    format!(
                        "the {}% penalty for `{text}` is dropped: a wrong answer scores 0",
                        percent(w)
                    )
                };
                self.warn(a, &message, "partial credit", Some("quizdesk gives partial credit only to questions with several right answers"));
            }
            choices.push(Choice {
                text,
                correct,
                feedback,
                misconception: None,
                pinned: !shuffle,
            });
        }
        apply_choice_parts(&mut choices, &extras.parts);
        Ok(if single {
            Kind::SingleChoice(choices)
        } else {
            Kind::MultipleSelect(choices)
        })
    }

    /// Warns when the weights of a multiple-answer question grade otherwise than quizdesk does.
    fn check_weights(
        &mut self,
        node: Node<'_, '_>,
        answers: &[(f64, Node<'_, '_>, String, String)],
        right: usize,
    ) {
        let share = 100.0 / right as f64;
        let unequal: Vec<String> = answers
            .iter()
            .filter(|a| a.0 > 0.0 && (a.0 - share).abs() > WEIGHT_SLACK)
            .map(|a| format!("{}%", percent(a.0)))
            .collect();
        if !unequal.is_empty() {
            self.warn(
                node,
                &format!(
                    "quizdesk gives each of the {right} right answers {}% of the marks, not the weights written ({})",
                    percent(share),
                    unequal.join(", ")
                ),
                "weights",
                None,
            );
        }
        let penalties: Vec<String> = answers
            .iter()
            .filter(|a| a.0 <= 0.0 && (a.0 + share).abs() > WEIGHT_SLACK)
            .map(|a| format!("{}%", percent(a.0)))
            .collect();
        if !penalties.is_empty() {
            self.warn(
                node,
                &format!(
                    "quizdesk takes {}% of the marks for each wrong answer ticked, not the weights written ({})",
                    percent(share),
                    penalties.join(", ")
                ),
                "penalties",
                None,
            );
        }
    }

    fn true_false(&mut self, node: Node<'_, '_>, format: &str, extras: &Extras) -> Step<Kind> {
        let answers = self.answers(node, format, false);
        let mut tf = TrueFalse {
            answer: true,
            feedback_true: String::new(),
            feedback_false: String::new(),
            misconception: extras.parts.misconceptions.first().cloned().flatten(),
        };
        let mut found = false;
        for (k, (w, a, text, feedback)) in answers.into_iter().enumerate() {
            // As Moodle: `true` and `false`, or (old files) the first is true.
            let is_true = match text.as_str() {
                "true" => true,
                "false" => false,
                _ => {
                    self.warn(
                        a,
                        &format!(
                            "the answer `{text}` is read as `{}` by its position",
                            k == 0
                        ),
                        "answer",
                        Some("write the answers as `true` and `false`"),
                    );
                    k == 0
                }
            };
            if is_true {
                tf.feedback_true = feedback;
                tf.answer = w >= 100.0 - WEIGHT_SLACK;
            } else {
                tf.feedback_false = feedback;
                tf.answer = w < 100.0 - WEIGHT_SLACK;
            }
            found = true;
        }
        if !found {
            return self.error(
                node,
                "a true/false question without answers",
                "no answers",
                Some(
                    "add `<answer fraction=\"100\"><text>true</text></answer>` and one for `false`",
                ),
            );
        }
        Ok(Kind::TrueFalse(tf))
    }

    /// Accepted answers and known wrong ones from Moodle's short answers, with their losses.
    fn short(
        &mut self,
        at: Node<'_, '_>,
        answers: Vec<(f64, String, String)>,
        where_: &str,
    ) -> ShortAnswer {
        let mut sa = ShortAnswer {
            accept: Vec::new(),
            typos: 0,
            wrong: Vec::new(),
            otherwise: String::new(),
        };
        let mut seen: Vec<String> = Vec::new();
        for (w, text, feedback) in answers {
            if text == "*" {
                // Moodle's catch-all: its feedback is what any other answer is told.
                if w > WEIGHT_SLACK && !feedback.is_empty() {
                    self.warn(
                        at,
                        &format!("{where_}: credit for any other answer (`*`) is dropped; its feedback is kept for any other answer"),
                        "catch-all",
                        None,
                    );
                }
                sa.otherwise = feedback;
                continue;
            }
            if text.contains('*') {
                self.warn(
                    at,
                    &format!("{where_}: the wildcard `*` in `{text}` is read as a plain character"),
                    "wildcard",
                    Some("list the accepted forms one by one"),
                );
            }
            let folded = fold(&text);
            if seen.contains(&folded) {
                self.warn(at, &format!("{where_}: `{text}` is the same answer as one before for quizdesk (it ignores case, accents and punctuation) and is left out"), "repeated", None);
                continue;
            }
            if w >= 100.0 - WEIGHT_SLACK {
                if !feedback.is_empty() {
                    self.warn(
                        at,
                        &format!(
                            "{where_}: the feedback on the accepted answer `{text}` is dropped"
                        ),
                        "feedback",
                        Some("put it in the general feedback"),
                    );
                }
                seen.push(folded);
                sa.accept.push(text);
            } else if w.abs() <= WEIGHT_SLACK {
                seen.push(folded);
                sa.wrong.push(KnownWrong {
                    text,
                    feedback,
                    misconception: None,
                });
            } else {
                self.warn(at, &format!("{where_}: `{text}` ({}% credit) is left out: quizdesk's short answers are right or wrong", percent(w)), "partial credit", None);
            }
        }
        sa
    }

    fn short_answer(&mut self, node: Node<'_, '_>, extras: &Extras) -> Step<Kind> {
        if let Some(u) = child(node, "usecase")
            && flag(&own_text(u))
        {
            self.warn(
                u,
                "case-sensitive matching is dropped: quizdesk ignores case",
                "case",
                None,
            );
        }
        let answers = self
            .answers(node, "plain_text", false)
            .into_iter()
            .map(|(w, _, t, f)| (w, t, f))
            .collect();
        let mut sa = self.short(node, answers, "short answer");
        apply_short_parts(&mut sa, &extras.parts);
        if sa.accept.is_empty() {
            return self.error(
                node,
                "no answer gives full credit (`fraction=\"100\"`)",
                "no right answer",
                Some("give the right answer `fraction=\"100\"`"),
            );
        }
        Ok(Kind::ShortAnswer(sa))
    }

    fn numerical(&mut self, node: Node<'_, '_>, extras: &Extras) -> Step<Kind> {
        let mut target = None;
        for (w, a, text, feedback) in self.answers(node, "plain_text", false) {
            if text == "*" {
                continue;
            }
            let Some(v) = number(&text) else {
                return self.error(
                    a,
                    &format!("`{text}` is not a number"),
                    "answer",
                    Some("write the answer with a `.` for decimals, such as `2.5`"),
                );
            };
            let tolerance = value(a, "tolerance")
                .and_then(|t| number(&t))
                .unwrap_or(0.0)
                .abs();
            if target.is_none() && w >= 100.0 - WEIGHT_SLACK {
                target = Some(NumericTarget::Near {
                    value: v,
                    tolerance,
                });
                if !feedback.is_empty() {
                    self.warn(
                        a,
                        "the feedback on the right answer is dropped",
                        "feedback",
                        Some("put it in the general feedback"),
                    );
                }
            } else {
                self.warn(a, &format!("the answer {text} ({}% credit) is dropped: quizdesk takes one right answer", percent(w)), "dropped", Some("quizdesk says `Too low.` or `Too high.` to a wrong number"));
            }
        }
        let Some(mut target) = target else {
            return self.error(
                node,
                "no answer gives full credit (`fraction=\"100\"`)",
                "no right answer",
                Some("give the right answer `fraction=\"100\"`"),
            );
        };
        if let (Some((min, max)), NumericTarget::Near { value, tolerance }) = (extras.range, target)
            && ((min + max) / 2.0 - value).abs() <= 1e-9 * value.abs().max(1.0)
            && ((max - min) / 2.0 - tolerance).abs() <= 1e-9 * tolerance.abs().max(1.0)
        {
            target = NumericTarget::Range { min, max };
        }
        let mut unit = None;
        if let Some(units) = child(node, "units") {
            for u in children(units, "unit") {
                let name = value(u, "unit_name").unwrap_or_default();
                let multiplier = value(u, "multiplier")
                    .and_then(|m| number(&m))
                    .unwrap_or(1.0);
                if unit.is_none() && (multiplier - 1.0).abs() < 1e-12 && !name.is_empty() {
                    unit = Some(name);
                } else {
                    self.warn(
                        u,
                        &format!(
                            "the unit `{name}` (× {multiplier}) is dropped: quizdesk takes one unit"
                        ),
                        "unit",
                        Some("convert the answer to the unit kept"),
                    );
                }
            }
        }
        if unit.is_some()
            && let Some(g) = child(node, "unitgradingtype")
            && number(&own_text(g)).is_some_and(|v| v != 0.0)
        {
            self.warn(g, "the penalty for a missing or wrong unit is dropped: quizdesk takes the number with or without its unit", "unit grading", None);
        }
        Ok(Kind::Numeric(Numeric { target, unit }))
    }

    fn matching(&mut self, node: Node<'_, '_>, format: &str) -> Step<Kind> {
        let mut pairs = Vec::new();
        let mut distractors = Vec::new();
        for s in children(node, "subquestion") {
            let left = self.rich(Some(s), format, "matching item");
            let right = child(s, "answer")
                .map(inner_text)
                .unwrap_or_default()
                .trim()
                .to_owned();
            if left.is_empty() {
                distractors.push(right);
            } else {
                pairs.push((left, right));
            }
        }
        Ok(Kind::Matching(Matching { pairs, distractors }))
    }

    fn ordering(&mut self, node: Node<'_, '_>, format: &str) -> Step<Kind> {
        let mut items: Vec<(f64, String)> = self
            .answers(node, format, true)
            .into_iter()
            .map(|(w, _, t, _)| (w, t))
            .collect();
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let count = items.len();
        if let Some(sel) = child(node, "selecttype")
            && !matches!(own_text(sel).trim(), "" | "ALL" | "0")
        {
            self.warn(
                sel,
                "Moodle showed a selection of the items; quizdesk asks them all",
                "selection",
                None,
            );
        } else if let Some(c) = child(node, "selectcount")
            && number(&own_text(c)).is_some_and(|n| n > 0.0 && (n as usize) < count)
            && child(node, "selecttype").is_none()
        {
            self.warn(
                c,
                "Moodle showed a selection of the items; quizdesk asks them all",
                "selection",
                None,
            );
        }
        if let Some(g) = child(node, "gradingtype")
            && !matches!(own_text(g).trim(), "" | "ALL_OR_NOTHING" | "-1")
        {
            self.warn(
                g,
                &format!(
                    "the grading `{}` is dropped: quizdesk grades an ordering all or nothing",
                    own_text(g).trim()
                ),
                "grading",
                None,
            );
        }
        Ok(Kind::Ordering(items.into_iter().map(|(_, t)| t).collect()))
    }

    fn essay(&mut self, node: Node<'_, '_>, format: &str, extras: &Extras) -> Step<Kind> {
        let mut model_answer =
            self.rich(child(node, "graderinfo"), format, "information for graders");
        if model_answer.is_empty() {
            model_answer = "No model answer was given.".into();
            self.warn(node, "the essay has no information for graders (`<graderinfo>`) to use as the model answer: a placeholder was written", "essay", Some("write a model answer in the bank's `model_answer`"));
        }
        if let Some(t) = child(node, "responsetemplate")
            && !inner_text(t).trim().is_empty()
        {
            self.warn(t, "the response template is dropped", "template", None);
        }
        if let Some(a) = child(node, "attachments")
            && number(&own_text(a)).is_some_and(|n| n != 0.0)
        {
            self.warn(
                a,
                "attachments are dropped: quizdesk discussions are talked through or written",
                "attachments",
                None,
            );
        }
        let rubric = if extras.rubric.is_empty() {
            self.warn(node, "Moodle essays have no rubric: one placeholder rubric point was written", "essay", Some("replace it with the points a good answer makes (see `Discussion` in quizzes/FORMAT.md)"));
            vec![RubricPoint {
                point: "Covers what the model answer covers".into(),
                weight: 1,
                citation: None,
            }]
        } else {
            extras
                .rubric
                .iter()
                .map(|(point, weight)| RubricPoint {
                    point: point.clone(),
                    weight: *weight,
                    citation: None,
                })
                .collect()
        };
        Ok(Kind::Discussion(Discussion {
            model_answer,
            rubric,
            minutes: extras.minutes,
        }))
    }

    fn cloze(&mut self, node: Node<'_, '_>, text: &str, extras: &Extras) -> Step<Kind> {
        let at = child(node, "questiontext").unwrap_or(node);
        let text = match &extras.prompt {
            Some(p) => text.strip_prefix(p.as_str()).map_or(text, str::trim_start),
            None => text,
        };
        let pieces = match embedded::parse(text) {
            Ok(p) => p,
            Err(bad) => {
                return self.error(
                    at,
                    &format!(
                        "{} (at `{}`)",
                        bad.message,
                        text.get(bad.range.clone()).unwrap_or("")
                    ),
                    "embedded answer",
                    Some(&bad.hint),
                );
            }
        };
        let mut segments = Vec::new();
        let mut gaps = Vec::new();
        let mut weights = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Text(t) => segments.push(Segment::Text(t)),
                Piece::Sub(sub) => {
                    let n = gaps.len() + 1;
                    let where_ = format!("gap {n}");
                    weights.push(sub.weight);
                    let gap = match sub.kind {
                        SubKind::Short { case_sensitive } => {
                            if case_sensitive {
                                self.warn(at, &format!("{where_}: case-sensitive matching (`{}`) is dropped: quizdesk ignores case", sub.type_name), "case", None);
                            }
                            let answers = sub
                                .answers
                                .into_iter()
                                .map(|a| (a.percent, a.text, a.feedback))
                                .collect();
                            let sa = self.short(at, answers, &where_);
                            if sa.accept.is_empty() {
                                return self.error(
                                    at,
                                    &format!("{where_} has no answer with full credit (`=`)"),
                                    "embedded answer",
                                    Some("mark the right answer with `=`"),
                                );
                            }
                            Gap::Typed(sa)
                        }
                        SubKind::Numerical => {
                            let answers: Vec<(f64, String, String)> = sub
                                .answers
                                .into_iter()
                                .map(|a| {
                                    let (v, tol) = a.text.split_once(':').unwrap_or((&a.text, ""));
                                    if number(tol).is_some_and(|t| t != 0.0) {
                                        self.warn(at, &format!("{where_}: the tolerance {} of the number {} is dropped", tol.trim(), v.trim()), "tolerance", None);
                                    }
                                    (a.percent, v.trim().to_owned(), a.feedback)
                                })
                                .collect();
                            self.warn(at, &format!("{where_} is numeric: quizdesk's gaps are typed or drop-downs, so it accepts the number as written"), "numeric gap", Some("a numeric answer typed otherwise (`2.50`, `2,5`) is marked wrong"));
                            let sa = self.short(at, answers, &where_);
                            if sa.accept.is_empty() {
                                return self.error(
                                    at,
                                    &format!("{where_} has no answer with full credit (`=`)"),
                                    "embedded answer",
                                    Some("mark the right answer with `=`"),
                                );
                            }
                            Gap::Typed(sa)
                        }
                        SubKind::Choice { layout, shuffled } => {
                            if let Some(layout) = layout {
                                self.warn(at, &format!("{where_}: the layout as {layout} (`{}`) is dropped: quizdesk shows a drop-down", sub.type_name), "layout", None);
                            }
                            self.drop_down(at, &where_, sub.answers, shuffled)?
                        }
                        SubKind::MultiResponse => {
                            return self.error(at, &format!("{where_} takes several answers (`{}`): a quizdesk gap has one", sub.type_name), "embedded answer", Some("split it into one drop-down gap per right answer, or make it a multiple-select question"));
                        }
                    };
                    segments.push(Segment::Gap(gaps.len()));
                    gaps.push(gap);
                }
            }
        }
        if gaps.is_empty() {
            return self.error(
                at,
                "a Cloze question without embedded answers such as `{1:SHORTANSWER:=answer}`",
                "no gaps",
                Some(
                    "write each gap as `{1:SHORTANSWER:=answer}` or `{1:MULTICHOICE:=right~wrong}`",
                ),
            );
        }
        if weights.iter().any(|w| Some(w) != weights.first()) {
            self.warn(
                at,
                "the gaps' weights are dropped: quizdesk counts every gap the same",
                "weights",
                None,
            );
        }
        if extras.gaps.len() == gaps.len() {
            for (gap, parts) in gaps.iter_mut().zip(&extras.gaps) {
                match gap {
                    Gap::Typed(sa) => apply_short_parts(sa, parts),
                    Gap::Choose(choices) => apply_choice_parts(choices, parts),
                }
            }
        }
        Ok(Kind::Cloze(Cloze { segments, gaps }))
    }

    fn drop_down(
        &mut self,
        at: Node<'_, '_>,
        where_: &str,
        answers: Vec<SubAnswer>,
        shuffled: bool,
    ) -> Step<Gap> {
        let full = answers
            .iter()
            .filter(|a| a.percent >= 100.0 - WEIGHT_SLACK)
            .count();
        if full != 1 {
            return self.error(
                at,
                &format!("{where_} needs exactly one answer with full credit (`=`), found {full}"),
                "embedded answer",
                Some("a drop-down gap has one right answer"),
            );
        }
        let mut choices = Vec::new();
        for a in answers {
            let correct = a.percent >= 100.0 - WEIGHT_SLACK;
            if !correct && a.percent.abs() > WEIGHT_SLACK {
                self.warn(
                    at,
                    &format!(
                        "{where_}: the {}% credit for `{}` is dropped: it counts as wrong",
                        percent(a.percent),
                        a.text
                    ),
                    "partial credit",
                    None,
                );
            }
            choices.push(Choice {
                text: a.text,
                correct,
                feedback: a.feedback,
                misconception: None,
                pinned: !shuffled,
            });
        }
        Ok(Gap::Choose(choices))
    }
}

/// Pins and misconceptions from the quizdesk comment, when they fit the choices.
fn apply_choice_parts(choices: &mut [Choice], parts: &Parts) {
    if parts.pinned.len() == choices.len() {
        for (c, p) in choices.iter_mut().zip(&parts.pinned) {
            c.pinned = *p;
        }
    }
    if parts.misconceptions.len() == choices.len() {
        for (c, m) in choices.iter_mut().zip(&parts.misconceptions) {
            c.misconception.clone_from(m);
        }
    }
}

/// Typos and misconceptions from the quizdesk comment, when they fit the answers.
fn apply_short_parts(sa: &mut ShortAnswer, parts: &Parts) {
    sa.typos = parts.typos;
    if parts.misconceptions.len() == sa.wrong.len() {
        for (w, m) in sa.wrong.iter_mut().zip(&parts.misconceptions) {
            w.misconception.clone_from(m);
        }
    }
}
