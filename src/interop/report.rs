//! Loss reports: for every conversion, per question, what was kept and what was lost.
//!
//! An import's report is read off the [`Converted`] it produced: each converted question lists
//! what it holds (its prompt, its choices and their feedback, its explanation…) and the notes
//! its importer wrote for what could not be carried over; each question that could not be
//! converted is listed with its error.
//!
//! An export's report is measured, not only told: the exported text is read back with
//! quizdesk's own importer for the format (which follows Moodle's), and every field of every
//! question is compared with the bank's. A field that comes back the same is kept; one that does
//! not is lost, with what it came back as, next to the exporter's own notes on why.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::convert::ImportFormat;
use super::{Converted, Export, ImportOptions};
use crate::bank::{Bank, Difficulty, Question};
use crate::format::plural;

/// Which way a conversion went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Into a quizdesk bank.
    Import,
    /// Out of a quizdesk bank.
    Export,
}

/// What became of one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Converted with nothing lost.
    Whole,
    /// Converted, with the losses listed.
    WithLosses,
    /// Not converted (an import error, or a question the format cannot hold).
    LeftOut,
}

impl Outcome {
    fn words(self) -> &'static str {
        match self {
            Outcome::Whole => "whole",
            Outcome::WithLosses => "with losses",
            Outcome::LeftOut => "left out",
        }
    }
}

/// One question's line in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The question's id (in the bank: the imported one, or the exported one).
    pub id: Option<String>,
    /// Where the question is: `FILE:LINE` of the file converted from.
    pub origin: Option<String>,
    /// The question's kind, such as `SingleChoice`.
    pub kind: Option<String>,
    pub outcome: Outcome,
    /// What was carried over, in a few words each.
    pub kept: Vec<String>,
    /// What was lost or changed, a sentence each.
    pub lost: Vec<String>,
}

/// A whole conversion's report.
#[derive(Clone, Debug, Serialize)]
pub struct LossReport {
    pub direction: Direction,
    /// The other format, as named in summaries (`GIFT`, `Moodle XML`).
    pub format: String,
    /// The file converted from.
    pub file: String,
    pub whole: usize,
    pub with_losses: usize,
    pub left_out: usize,
    pub questions: Vec<Entry>,
}

impl LossReport {
    fn new(direction: Direction, format: &str, file: &Path, questions: Vec<Entry>) -> Self {
        let count = |o: Outcome| questions.iter().filter(|e| e.outcome == o).count();
        LossReport {
            direction,
            format: format.to_owned(),
            file: file.display().to_string(),
            whole: count(Outcome::Whole),
            with_losses: count(Outcome::WithLosses),
            left_out: count(Outcome::LeftOut),
            questions,
        }
    }

    /// The report of an import: every converted question with what it holds and its notes, and
    /// every error (a question that could not be converted), in the order of the file.
    pub fn of_import(format: &str, converted: &Converted) -> Self {
        let mut entries: Vec<(usize, Entry)> = Vec::new();
        for draft in &converted.bank.questions {
            let q = &draft.question;
            let line = draft
                .origin
                .as_deref()
                .and_then(|o| o.rsplit_once(':'))
                .and_then(|(_, line)| line.parse().ok())
                .unwrap_or(0);
            let outcome = if draft.notes.is_empty() {
                Outcome::Whole
            } else {
                Outcome::WithLosses
            };
            let kept = fields(q).into_iter().flat_map(|(_, words)| words).collect();
            entries.push((
                line,
                Entry {
                    id: Some(q.id.clone()),
                    origin: draft.origin.clone(),
                    kind: Some(q.kind.name().to_string()),
                    outcome,
                    kept,
                    lost: draft.notes.clone(),
                },
            ));
        }
        for d in converted.diagnostics.iter().filter(|d| d.is_error()) {
            let mut lost = d.message.clone();
            if let Some(hint) = &d.hint {
                lost.push_str(&format!(" (hint: {hint})"));
            }
            entries.push((
                d.line,
                Entry {
                    id: None,
                    origin: Some(format!("{}:{}", converted.path.display(), d.line)),
                    kind: None,
                    outcome: Outcome::LeftOut,
                    kept: Vec::new(),
                    lost: vec![lost],
                },
            ));
        }
        entries.sort_by_key(|(line, _)| *line);
        LossReport::new(
            Direction::Import,
            format,
            &converted.path,
            entries.into_iter().map(|(_, e)| e).collect(),
        )
    }

    /// The report of an export of `bank` (read from `path`, whose text is `text`):
    /// `export.text` is read back as `format` and every question compared with the bank's,
    /// field by field.
    pub fn of_export(
        format: ImportFormat,
        bank: &Bank,
        path: &Path,
        text: &str,
        export: &Export,
    ) -> Self {
        let options = ImportOptions {
            id: bank.id().to_owned(),
            title: bank.title().to_owned(),
            sheet: None,
        };
        let back = format.import(Path::new("exported"), &export.text, &options);
        let by_id: HashMap<&str, &Question> = back
            .bank
            .questions
            .iter()
            .map(|d| (d.question.id.as_str(), &d.question))
            .collect();
        let by_prompt: HashMap<&str, &Question> = back
            .bank
            .questions
            .iter()
            .map(|d| (d.question.prompt.as_str(), &d.question))
            .collect();
        let spans = crate::bank::spans::SpanMap::scan(text);
        let lines = crate::diag::LineIndex::new(text);
        let entries = bank
            .questions()
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let notes: Vec<_> = export.notes.iter().filter(|n| n.question == i).collect();
                let origin = spans.nearest(&format!("questions[{i}]")).map(|(_, span)| {
                    let line = lines.line_col(text, span.value.start).0;
                    format!("{}:{line}", path.display())
                });
                let mut lost: Vec<String> = notes
                    .iter()
                    .map(|n| format!("{}: {}", n.field, n.message))
                    .collect();
                let came_back = by_id
                    .get(q.id.as_str())
                    .or_else(|| by_prompt.get(q.prompt.as_str()))
                    .copied();
                let mut kept = Vec::new();
                let outcome = match came_back {
                    None => {
                        if lost.is_empty() {
                            lost.push(format!(
                                "the question does not come back when the {} file is read",
                                format.name()
                            ));
                        }
                        Outcome::LeftOut
                    }
                    Some(r) => {
                        let theirs: HashMap<&str, Vec<String>> = fields(r).into_iter().collect();
                        let ours = serde_json::to_value(q).unwrap_or(Value::Null);
                        let back = serde_json::to_value(r).unwrap_or(Value::Null);
                        for (field, words) in fields(q) {
                            let a = ours.get(field).unwrap_or(&Value::Null);
                            let b = back.get(field).unwrap_or(&Value::Null);
                            if a == b {
                                kept.extend(words);
                                continue;
                            }
                            // Partly kept: what came back of it counts as kept.
                            let came = theirs.get(field);
                            kept.extend(came.into_iter().flatten().cloned());
                            let name = if field == "kind" { "answer" } else { field };
                            // The exporter said why: its note is the loss.
                            if notes
                                .iter()
                                .any(|n| n.field.split('.').next() == Some(name))
                            {
                                continue;
                            }
                            if field != "kind" {
                                let was = words.join("; ");
                                lost.push(match came {
                                    None => format!("not kept: {was}"),
                                    Some(now) => {
                                        format!("changed: {was} comes back as {}", now.join("; "))
                                    }
                                });
                                continue;
                            }
                            // The answer: the leaves that differ, below the kind's name.
                            let inner = |v: &Value| match v {
                                Value::Object(m) if m.len() == 1 => {
                                    m.values().next().cloned().unwrap_or(Value::Null)
                                }
                                other => other.clone(),
                            };
                            let mut diffs = Vec::new();
                            differences(name, &inner(a), &inner(b), &mut diffs);
                            if a.as_object().map(|m| m.keys().collect::<Vec<_>>())
                                != b.as_object().map(|m| m.keys().collect::<Vec<_>>())
                            {
                                diffs = vec![format!(
                                    "answer: the {} question comes back as a {} question",
                                    q.kind.name(),
                                    r.kind.name()
                                )];
                            }
                            lost.extend(diffs);
                        }
                        if !bank.apart_from(i).is_empty() {
                            lost.push(format!(
                                "apart_from: kept apart from {}; {} has no place for it",
                                plural(bank.apart_from(i).len(), "question", "questions"),
                                format.name()
                            ));
                        }
                        if lost.is_empty() {
                            Outcome::Whole
                        } else {
                            Outcome::WithLosses
                        }
                    }
                };
                Entry {
                    id: Some(q.id.clone()),
                    origin,
                    kind: Some(q.kind.name().to_string()),
                    outcome,
                    kept,
                    lost,
                }
            })
            .collect();
        LossReport::new(Direction::Export, format.name(), path, entries)
    }

    /// The summary line: `Import from GIFT of quiz.gift: 7 whole, 2 with losses, 1 left out`.
    pub fn summary(&self) -> String {
        let way = match self.direction {
            Direction::Import => "Import from",
            Direction::Export => "Export to",
        };
        format!(
            "{way} {} of {}: {}: {} whole, {} with losses, {} left out",
            self.format,
            self.file,
            plural(self.questions.len(), "question", "questions"),
            self.whole,
            self.with_losses,
            self.left_out
        )
    }

    /// The report as text: the summary, then a paragraph per question.
    pub fn to_text(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
        for e in &self.questions {
            out.push('\n');
            let mut head = Vec::new();
            if let Some(origin) = &e.origin {
                head.push(origin.clone());
            }
            if let Some(id) = &e.id {
                head.push(format!("`{id}`"));
            }
            if let Some(kind) = &e.kind {
                head.push(kind.clone());
            }
            out.push_str(&format!("{}: {}\n", head.join(" "), e.outcome.words()));
            if !e.kept.is_empty() {
                out.push_str(&format!("  kept: {}\n", e.kept.join("; ")));
            }
            for lost in &e.lost {
                out.push_str(&format!("  lost: {}\n", super::text::one_line(lost)));
            }
        }
        out
    }

    /// The report as one JSON object (pretty-printed), with the fields of [`LossReport`].
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// What a question holds, field by field (named as in its JSON form), in a few words each;
/// fields at their defaults are left out.
fn fields(q: &Question) -> Vec<(&'static str, Vec<String>)> {
    let mut out = vec![
        ("id", vec![format!("the id `{}`", q.id)]),
        ("prompt", vec!["the prompt".to_owned()]),
        ("kind", q.kind.contents()),
    ];
    if !q.explanation.trim().is_empty() {
        out.push(("explanation", vec!["the explanation".to_owned()]));
    }
    if q.hint.is_some() {
        out.push(("hint", vec!["the hint".to_owned()]));
    }
    if let Some(c) = &q.citation {
        out.push((
            "citation",
            vec![format!("the citation (paragraph {})", c.paragraph)],
        ));
    }
    if let Some(s) = &q.section {
        out.push(("section", vec![format!("the section `{s}`")]));
    }
    if !q.tags.is_empty() {
        out.push(("tags", vec![format!("the tags {}", q.tags.join(", "))]));
    }
    if q.difficulty != Difficulty::Medium {
        out.push((
            "difficulty",
            vec![format!("the difficulty ({})", q.difficulty)],
        ));
    }
    if q.points != 1 {
        out.push(("points", vec![format!("the points ({})", q.points)]));
    }
    out
}

/// The leaves where `a` (the bank's) and `b` (what came back) differ, as sentences.
fn differences(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    const MAX: usize = 12;
    if out.len() >= MAX || a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, av) in x {
                differences(
                    &format!("{path}.{key}"),
                    av,
                    y.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
            for (key, bv) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                differences(&format!("{path}.{key}"), &Value::Null, bv, out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (av, bv)) in x.iter().zip(y).enumerate() {
                differences(&format!("{path}[{i}]"), av, bv, out);
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            out.push(format!("{path}: {} come back as {}", x.len(), y.len()))
        }
        _ => out.push(format!("{path}: {} comes back as {}", shown(a), shown(b))),
    }
}

/// A value in a sentence: strings quoted and shortened, nothing as "nothing".
fn shown(v: &Value) -> String {
    const LONG: usize = 60;
    match v {
        Value::Null => "nothing".to_owned(),
        Value::String(s) if s.is_empty() => "empty".to_owned(),
        Value::String(s) if s.chars().count() > LONG => {
            format!("\"{}…\"", s.chars().take(LONG).collect::<String>())
        }
        other => {
            let s = other.to_string();
            if s.chars().count() > LONG {
                format!("{}…", s.chars().take(LONG).collect::<String>())
            } else {
                s
            }
        }
    }
}
