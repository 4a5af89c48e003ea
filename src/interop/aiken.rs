//! Aiken: the simplest multiple-choice format Moodle reads. Each question is its text, then
//! options `A. text` or `A) text` (a capital letter, `.` or `)`, a space or none, as Moodle reads
//! them), then `ANSWER: B`:
//!
//! ```text
//! In which city did Putin and Kim meet?
//! A. Moscow
//! B. Pyongyang
//! C) Seoul
//! ANSWER: B
//! ```
//!
//! Every question becomes a single-choice question with ids `q1`, `q2`… (Aiken has no titles).
//! A question whose text runs over several lines keeps its line breaks. Blank lines are
//! ignored. A question that cannot be read (no `ANSWER:` line, an answer letter that is not an
//! option, an option before any question…) is reported with its line and left out; the others
//! are still converted.

use std::ops::Range;
use std::path::Path;

use super::{Converted, Draft, DraftBank, ImportOptions, load_error, plain_question};
use crate::bank::{Choice, Kind};
use crate::diag::{Diagnostic, DiagnosticBuilder, Severity};

/// A question being read.
struct Pending {
    /// Byte range of its first line.
    start: Range<usize>,
    line: usize,
    prompt: Vec<String>,
    options: Vec<(char, String, Range<usize>)>,
    /// An error was reported: the rest of the question is read but not converted.
    broken: bool,
}

/// Reads an Aiken file. `path` names it in diagnostics.
pub fn import(path: &Path, text: &str, options: &ImportOptions) -> Converted {
    // Old Mac files end lines with CR alone: read them as lines, offsets unchanged.
    let text = &*super::text::unix_line_breaks(text);
    let b = DiagnosticBuilder::new(path, text);
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let mut r = Reader {
        b: &b,
        file,
        diagnostics: Vec::new(),
        ids: super::text::IdSet::default(),
        ordinal: 0,
        bank: DraftBank {
            id: options.id.clone(),
            title: options.title.clone(),
            ..DraftBank::default()
        },
    };
    r.bank.header = vec![
        format!(
            "Imported from `{}` (Aiken) by `quizdesk import aiken`.",
            r.file
        ),
        "Aiken has no feedback or explanations: add an `explanation` to each question.".into(),
        "Check it with `quizdesk check`; the format is described in quizzes/FORMAT.md.".into(),
    ];
    let mut pending: Option<Pending> = None;
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut offset = start;
    for raw in text.get(start..).unwrap_or("").split('\n') {
        let line_start = offset;
        offset += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let at = line_start + (line.len() - line.trim_start().len());
        let range = at..at + trimmed.len();
        if let Some(rest) = answer_line(trimmed) {
            let letter_at = at + (trimmed.len() - rest.len());
            match pending.take() {
                Some(p) => r.finish(p, rest, letter_at..letter_at + rest.len().max(1)),
                None => r.error(
                    range,
                    "`ANSWER:` without a question".into(),
                    "no question before it",
                    "write the question and its options before `ANSWER:`",
                ),
            }
        } else if let Some((letter, option, _)) =
            option_line(trimmed).filter(|&(_, _, spaced)| spaced || pending.is_some())
        {
            match pending.as_mut() {
                Some(p) => r.option(p, letter, option, range),
                None => r.error(
                    range,
                    format!("option {letter} comes before any question"),
                    "no question before it",
                    "write the question on the line before its options",
                ),
            }
        } else {
            match pending.as_mut() {
                Some(p) if p.options.is_empty() => p.prompt.push(trimmed.to_owned()),
                _ => {
                    if let Some(p) = pending.take() {
                        r.missing_answer(&p);
                    }
                    pending = Some(Pending {
                        line: b.index().line_col(text, at).0,
                        start: range,
                        prompt: vec![trimmed.to_owned()],
                        options: Vec::new(),
                        broken: false,
                    });
                }
            }
        }
    }
    if let Some(p) = pending.take() {
        r.missing_answer(&p);
    }
    if r.bank.questions.is_empty() && r.diagnostics.is_empty() {
        let end = text.len();
        r.error(
            end..end,
            "no questions found".into(),
            "file ends here",
            "an Aiken question is a line of text, options `A. …`, `B. …`, then `ANSWER: A`",
        );
    }
    let mut diagnostics = r.diagnostics;
    diagnostics.sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.severity)));
    Converted {
        path: path.to_path_buf(),
        text: text.to_owned(),
        bank: r.bank,
        diagnostics,
    }
}

struct Reader<'a> {
    b: &'a DiagnosticBuilder<'a>,
    file: String,
    diagnostics: Vec<Diagnostic>,
    ids: super::text::IdSet,
    /// Questions seen, converted or not, for ids that do not shift when one is fixed.
    ordinal: usize,
    bank: DraftBank,
}

impl Reader<'_> {
    fn error(&mut self, range: Range<usize>, message: String, label: &str, hint: &str) {
        let d = self.b.at(
            Severity::Error,
            range,
            message,
            label,
            Some(hint.to_owned()),
        );
        self.diagnostics.push(d);
    }

    fn missing_answer(&mut self, p: &Pending) {
        self.ordinal += 1;
        if !p.broken {
            self.error(
                p.start.clone(),
                "this question has no `ANSWER:` line".into(),
                "question starts here",
                "end each question with its right option's letter, such as `ANSWER: B`",
            );
        }
    }

    fn option(&mut self, p: &mut Pending, letter: char, option: &str, range: Range<usize>) {
        let problem = if option.is_empty() {
            Some((
                format!("option {letter} has no text"),
                "empty option",
                "write the option after the letter: `A. text`",
            ))
        } else if let Some((_, first, _)) = p.options.iter().find(|(l, _, _)| *l == letter) {
            Some((
                format!("option {letter} is given twice (first: `{first}`)"),
                "letter used again",
                "give each option its own letter",
            ))
        } else if let Some((l, _, _)) = p.options.iter().find(|(_, t, _)| t == option) {
            // Options are told apart as written: `2.0` and `-2.0` differ.
            Some((
                format!("options {l} and {letter} are the same"),
                "same option again",
                "remove one of them",
            ))
        } else {
            None
        };
        match problem {
            Some((message, label, hint)) => {
                // One error per question: the rest of it is read but not reported again.
                if !p.broken {
                    self.error(range, message, label, hint);
                }
                p.broken = true;
            }
            None => p.options.push((letter, option.to_owned(), range)),
        }
    }

    fn finish(&mut self, p: Pending, rest: &str, letter_range: Range<usize>) {
        self.ordinal += 1;
        if p.broken {
            return;
        }
        let mut chosen = rest.chars().filter(|c| c.is_alphanumeric());
        let answer = match (chosen.next(), chosen.next()) {
            (Some(c), None) => c.to_ascii_uppercase(),
            (None, _) => {
                return self.error(
                    letter_range,
                    "`ANSWER:` gives no letter".into(),
                    "expected a letter",
                    "write the right option's letter, such as `ANSWER: B`",
                );
            }
            (Some(_), Some(_)) => {
                return self.error(
                    letter_range,
                    format!("`ANSWER: {rest}` names more than one option"),
                    "one letter expected",
                    "Aiken questions have exactly one right answer",
                );
            }
        };
        if p.options.len() < 2 {
            let n = p.options.len();
            return self.error(
                p.start.clone(),
                format!(
                    "this question has {}: it needs at least two",
                    crate::format::plural(n, "option", "options")
                ),
                "question starts here",
                "write options as `A. text` or `A) text`, one per line",
            );
        }
        if !p.options.iter().any(|(l, _, _)| *l == answer) {
            let listed = p
                .options
                .iter()
                .map(|(l, _, _)| l.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            return self.error(
                letter_range,
                format!("`ANSWER: {answer}` is not one of the options ({listed})"),
                "no such option",
                "give the letter of one of the options",
            );
        }
        let choices = p
            .options
            .iter()
            .map(|(l, t, _)| Choice {
                text: t.clone(),
                correct: *l == answer,
                feedback: String::new(),
                misconception: None,
                pinned: false,
            })
            .collect();
        let id = self.ids.unique(format!("q{}", self.ordinal));
        let q = plain_question(id, p.prompt.join("\n"), Kind::SingleChoice(choices));
        if let Some((message, hint)) = load_error(&q) {
            let d = self.b.at(
                Severity::Error,
                p.start.clone(),
                format!("this question cannot be converted: {message}"),
                "question starts here",
                hint,
            );
            self.diagnostics.push(d);
            return;
        }
        self.bank.questions.push(Draft {
            question: q,
            origin: Some(format!("{}:{}", self.file, p.line)),
            notes: Vec::new(),
        });
    }
}

/// What follows `ANSWER:` (any case), trimmed.
fn answer_line(line: &str) -> Option<&str> {
    let head = line.get(..7)?;
    head.eq_ignore_ascii_case("ANSWER:")
        .then(|| line.get(7..).unwrap_or("").trim())
}

/// `A. text`, `A) text`, `A.text` or `A)text`: a capital letter, `.` or `)`, then the text,
/// with or without a space (as Moodle reads it). An option with nothing after the letter is
/// given with empty text. Whether a space followed is returned too: a line such as
/// `A.B. Smith wrote…` is an option only inside a question.
fn option_line(line: &str) -> Option<(char, &str, bool)> {
    let mut chars = line.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let mark = chars.next()?;
    if !matches!(mark, '.' | ')') {
        return None;
    }
    let rest = chars.as_str();
    Some((
        letter,
        rest.trim(),
        rest.is_empty() || rest.starts_with([' ', '\t']),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_answers_are_recognised() {
        assert_eq!(option_line("A. Moscow"), Some(('A', "Moscow", true)));
        assert_eq!(option_line("B)\tSeoul"), Some(('B', "Seoul", true)));
        assert_eq!(option_line("C."), Some(('C', "", true)));
        assert_eq!(option_line("a. lower"), None);
        assert_eq!(
            option_line("A.B. is a name"),
            Some(('A', "B. is a name", false))
        );
        assert_eq!(option_line("A)Moscow"), Some(('A', "Moscow", false)));
        assert_eq!(option_line("Alpha"), None);
        assert_eq!(answer_line("ANSWER: B"), Some("B"));
        assert_eq!(answer_line("answer:c"), Some("c"));
        assert_eq!(answer_line("ANSWERS"), None);
        assert_eq!(answer_line("ANS"), None);
    }
}
