//! The second stage of parsing: checks a [`RawBank`] and builds a [`Bank`] that cannot hold an
//! invalid quiz, reporting every problem found in one pass.
//!
//! Problems are named by the path of the offending value (`questions[2].answer.choices`); the
//! loader turns paths into line and column with [`super::spans::SpanMap`].

use std::collections::HashMap;
use std::fmt;

use super::lint::Lint;
use super::model::*;
use super::raw::*;
use crate::diag::did_you_mean;
pub(crate) use crate::diag::findings::{Finding, Findings};
use crate::kinds::Lazy;
use crate::kinds::check::non_empty;
use crate::source::SourceText;
use crate::source::cite::{self as cite, SourceState};

/// The one format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Reads a bank's source file, given the path written in the bank.
pub trait SourceResolver {
    fn read(&self, file: &str) -> Result<String, SourceError>;
}

/// Why a source file could not be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SourceError {
    #[error("source file `{0}` was not found")]
    NotFound(String),
    #[error("source file `{0}` is outside the bank's folder tree")]
    OutsideTree(String),
    #[error("source file `{0}` must be a `.txt` or `.md` file")]
    NotText(String),
    #[error("source file `{file}` is larger than {limit_mib} MiB")]
    TooLarge { file: String, limit_mib: u64 },
    #[error("source file `{0}` is not UTF-8 text")]
    NotUtf8(String),
    #[error("source file `{file}` could not be read: {reason}")]
    Io { file: String, reason: String },
}

impl SourceError {
    fn hint(&self) -> Option<String> {
        Some(match self {
            SourceError::NotFound(_) => {
                "the path is relative to the folder that holds the bank file".into()
            }
            SourceError::OutsideTree(_) => {
                "a source must sit in the bank's folder or the folder above it, or below \
                 either (`../assets/article.txt`); absolute paths are not allowed"
                    .into()
            }
            SourceError::NotText(_) => "sources are plain text; save it as UTF-8 `.txt`".into(),
            SourceError::NotUtf8(_) => "save the source as UTF-8".into(),
            SourceError::TooLarge { .. } | SourceError::Io { .. } => return None,
        })
    }
}

/// Checks `raw` and builds the bank, or returns no bank if any error was found.
pub(crate) fn validate(
    raw: RawBank,
    resolver: &dyn SourceResolver,
) -> (Option<Bank>, Vec<Finding>) {
    let mut f = Findings::default();

    if raw.format != FORMAT_VERSION {
        let e = f.error(
            "format",
            format!(
                "unsupported format version {}: this quizdesk reads format {FORMAT_VERSION}",
                raw.format
            ),
            "unsupported version",
        );
        if raw.format > FORMAT_VERSION {
            e.hint("the file was written for a newer quizdesk; update quizdesk to open it");
        } else {
            e.hint(format!("write `format: {FORMAT_VERSION}`"));
        }
    }
    check_id(&mut f, || "id".into(), &raw.id, "bank");
    non_empty(&mut f, || "title".into(), &raw.title, "the bank's title");

    let source = raw
        .source
        .as_ref()
        .and_then(|s| load_source(&mut f, s, resolver));
    // A declared source that cannot be used is reported once, at `source.file`; its citations
    // are then not checked rather than each reported again.
    let source_state = match (&raw.source, &source) {
        (None, _) => SourceState::Absent,
        (Some(_), None) => SourceState::Broken,
        (Some(_), Some(s)) => SourceState::Loaded(&s.text),
    };

    let mut sections = raw.sections.clone();
    let mut seen_sections: HashMap<String, usize> = HashMap::new();
    for (i, s) in raw.sections.iter().enumerate() {
        let path = format!("sections[{i}]");
        non_empty(&mut f, || path.clone(), s, "a section name");
        if let Some(first) = seen_sections.insert(s.clone(), i) {
            f.error(
                &path,
                format!("section `{s}` is declared twice"),
                "declared again",
            )
            .related(format!("sections[{first}]"), "first declared here");
        }
    }

    let mut allowed = Vec::new();
    for (i, name) in raw.allow.iter().enumerate() {
        match Lint::from_name(name) {
            Some(lint) => allowed.push(lint),
            None => {
                f.error(
                    format!("allow[{i}]"),
                    format!("there is no lint named `{name}`"),
                    "unknown lint",
                )
                .maybe_hint(
                    did_you_mean(name, Lint::ALL.iter().map(|l| l.name())).or_else(|| {
                        Some(format!(
                            "the lints are {}",
                            Lint::ALL.map(|l| format!("`{l}`")).join(", ")
                        ))
                    }),
                );
            }
        }
    }
    let explain = !allowed.contains(&Lint::MissingExplanation);

    if raw.questions.is_empty() {
        f.error("questions", "the bank has no questions", "empty list")
            .hint("add at least one question; see quizzes/FORMAT.md for every kind");
    }

    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut questions = Vec::with_capacity(raw.questions.len());
    for (i, q) in raw.questions.iter().enumerate() {
        if let Some(&first) = ids.get(q.id.as_str()) {
            f.error(
                format!("questions[{i}].id"),
                format!("duplicate question id `{}`", q.id),
                "used again here",
            )
            .related(format!("questions[{first}].id"), "first used here")
            .hint("question ids must be unique in a bank; history and review key on them");
        } else {
            ids.insert(q.id.as_str(), i);
        }
        if let Some(section) = &q.section
            && !raw.sections.is_empty()
            && !raw.sections.contains(section)
        {
            f.error(
                format!("questions[{i}].section"),
                format!("section `{section}` is not one of the bank's `sections`"),
                "unknown section",
            )
            .maybe_hint(
                did_you_mean(section, raw.sections.iter().map(String::as_str))
                    .or_else(|| Some("add it to the bank's `sections` list".into())),
            );
        }
        if let Some(section) = &q.section
            && !sections.contains(section)
        {
            sections.push(section.clone());
        }
    }
    let apart = apart_relation(&mut f, &raw.questions, &ids);
    drop(ids);
    for (i, q) in raw.questions.into_iter().enumerate() {
        questions.push(question(
            &mut f,
            &Lazy(|out: &mut fmt::Formatter<'_>| write!(out, "questions[{i}]")),
            q,
            source_state,
            explain,
        ));
    }

    if f.has_errors() {
        return (None, f.0);
    }
    let bank = Bank {
        id: raw.id,
        title: raw.title,
        description: raw.description,
        authors: raw.authors,
        language: raw.language,
        source,
        sections,
        questions: questions.into_iter().flatten().collect(),
        by_id: Vec::new(),
        allowed,
        apart,
    };
    let mut bank = bank;
    let mut by_id: Vec<u32> = (0..bank.questions.len() as u32).collect();
    by_id.sort_unstable_by(|&a, &b| {
        bank.questions[a as usize]
            .id
            .cmp(&bank.questions[b as usize].id)
    });
    bank.by_id = by_id;
    (Some(bank), f.0)
}

/// Resolves every question's `apart_from` into the symmetric relation, by question index
/// (empty when no question has `apart_from`); reports unknown ids and a question kept apart
/// from itself.
fn apart_relation(
    f: &mut Findings,
    questions: &[RawQuestion],
    ids: &HashMap<&str, usize>,
) -> Vec<Vec<u32>> {
    if questions.iter().all(|q| q.apart_from.is_empty()) {
        return Vec::new();
    }
    let mut apart: Vec<Vec<u32>> = vec![Vec::new(); questions.len()];
    for (i, q) in questions.iter().enumerate() {
        for (k, other) in q.apart_from.iter().enumerate() {
            let path = format!("questions[{i}].apart_from[{k}]");
            match ids.get(other.as_str()) {
                Some(&j) if j == i => {
                    f.error(
                        path,
                        format!("question `{other}` is kept apart from itself"),
                        "its own id",
                    )
                    .hint("`apart_from` names other questions that give this one away");
                }
                Some(&j) => {
                    if let (Ok(a), Ok(b)) = (u32::try_from(i), u32::try_from(j)) {
                        apart[i].push(b);
                        apart[j].push(a);
                    }
                }
                None => {
                    f.error(
                        path,
                        format!("there is no question with id `{other}`"),
                        "unknown question id",
                    )
                    .maybe_hint(
                        did_you_mean(other, questions.iter().map(|q| q.id.as_str())).or_else(
                            || Some("`apart_from` lists ids of questions in this bank".into()),
                        ),
                    );
                }
            }
        }
    }
    for list in &mut apart {
        list.sort_unstable();
        list.dedup();
    }
    apart
}

/// Runs a question's answer tests against its key, reporting each that cannot be run or that
/// gets another verdict.
fn run_expectations(f: &mut Findings, base: &dyn fmt::Display, kind: &Kind, tests: &[Expectation]) {
    for (j, e) in tests.iter().enumerate() {
        let at = |field: &str| {
            if field.is_empty() {
                format!("{base}.expect[{j}]")
            } else {
                format!("{base}.expect[{j}].{field}")
            }
        };
        let response = match kind.response_for(e) {
            Ok(r) => r,
            Err(err) => {
                f.error(at(&err.field), err.message, "cannot test this")
                    .maybe_hint(err.hint);
                continue;
            }
        };
        let said = e.said();
        match kind.grade(&response) {
            Ok(graded) => {
                let got = ExpectedVerdict::of_score(graded.score);
                if got != e.verdict {
                    f.error(
                        at("verdict"),
                        format!(
                            "expected `{said}` to be {}, but it is graded {}",
                            e.verdict.name(),
                            got.name()
                        ),
                        "answer test fails",
                    )
                    .hint(expectation_hint(kind, e.verdict, got));
                }
            }
            Err(err) => {
                f.error(
                    at(if e.answer.is_some() { "answer" } else { "chosen" }),
                    format!("`{said}` cannot be graded: {err}"),
                    "cannot be graded",
                )
                .hint("a session asks the learner to fix such an answer rather than grading it; test another answer");
            }
        }
    }
}

/// What to do about a failing answer test.
fn expectation_hint(kind: &Kind, want: ExpectedVerdict, got: ExpectedVerdict) -> String {
    let fix = match (kind.name(), want) {
        (KindName::ShortAnswer, ExpectedVerdict::Right) => "add it to `accept` (or raise `typos`)",
        (KindName::ShortAnswer, _) => "take it out of `accept`, or lower `typos`",
        (KindName::Cloze, ExpectedVerdict::Right | ExpectedVerdict::Partly) => {
            "add the gap's answer to its `accept` (or raise its `typos`)"
        }
        (KindName::Numeric, _) => "change `answer`, `tolerance` or the range",
        (
            KindName::SingleChoice
            | KindName::MultipleSelect
            | KindName::TrueFalse
            | KindName::Cloze
            | KindName::Ordering
            | KindName::Matching
            | KindName::Discussion,
            _,
        ) => "check which choices are marked `correct`",
    };
    format!(
        "if the key is right, the test should say `verdict: {}`; otherwise {fix}",
        got.name()
    )
}

fn load_source(f: &mut Findings, s: &RawSource, resolver: &dyn SourceResolver) -> Option<Source> {
    non_empty(f, || "source.title".into(), &s.title, "the source's title");
    match resolver.read(&s.file) {
        Ok(text) => {
            let text = SourceText::parse(&text);
            if text.is_empty() {
                f.error(
                    "source.file",
                    format!("source file `{}` is empty", s.file),
                    "empty source",
                );
                return None;
            }
            Some(Source {
                title: s.title.clone(),
                file: s.file.clone(),
                date: s.date.clone(),
                attribution: s.attribution.clone(),
                text,
            })
        }
        Err(e) => {
            let hint = e.hint();
            f.error("source.file", e.to_string(), "cannot use this source")
                .maybe_hint(hint);
            None
        }
    }
}

fn check_id(f: &mut Findings, path: impl FnOnce() -> String, id: &str, what: &str) {
    if id.is_empty() {
        f.error(path(), format!("the {what} id is empty"), "empty id")
            .hint("ids are short and stable, like `pact-signed-where`");
        return;
    }
    let valid = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !valid {
        // Name the first character that is not allowed: an invisible one (pasted with the
        // text, or a direction override) cannot be found by looking.
        let bad = id.chars().enumerate().find(|&(n, c)| {
            !(c.is_ascii_alphanumeric() || (n > 0 && matches!(c, '-' | '_' | '.')))
        });
        let which = bad.map_or_else(String::new, |(n, c)| {
            format!(": character {} is {}", n + 1, crate::text::describe_char(c))
        });
        f.error(
            path(),
            format!(
                "the {what} id `{}` has characters ids cannot have{which}",
                crate::text::terminal_safe(id)
            ),
            "invalid id",
        )
        .hint("use letters, digits, `-`, `_` and `.`, starting with a letter or digit");
    }
}

fn question(
    f: &mut Findings,
    base: &dyn fmt::Display,
    q: RawQuestion,
    source: SourceState<'_>,
    explain: bool,
) -> Option<Question> {
    let errors_before = f.error_count();
    check_id(f, || format!("{base}.id"), &q.id, "question");
    non_empty(f, || format!("{base}.prompt"), &q.prompt, "the prompt");
    if let Some(section) = &q.section {
        non_empty(f, || format!("{base}.section"), section, "the section name");
    }
    for (i, tag) in q.tags.iter().enumerate() {
        non_empty(f, || format!("{base}.tags[{i}]"), tag, "the tag");
    }
    if q.points == Some(0) {
        f.error(
            format!("{base}.points"),
            "points must be at least 1",
            "zero points",
        )
        .hint("leave `points` out for the default of 1");
    }
    if let Some(points) = q.points.filter(|&p| p > super::MAX_POINTS) {
        f.error(
            format!("{base}.points"),
            format!("points must be at most {}, not {points}", super::MAX_POINTS),
            "too many points",
        );
    }
    if let Some(hint) = &q.hint {
        non_empty(f, || format!("{base}.hint"), hint, "the hint");
    }
    let explanation = q.explanation.unwrap_or_default();
    if explain && explanation.trim().is_empty() {
        f.warning(
            base.to_string(),
            format!("question `{}` has no explanation [missing-explanation]", q.id),
            "no explanation",
        )
        .hint("add `explanation: \"…\"`: learners learn most from why an answer is right; to silence this for the bank: `allow: [\"missing-explanation\"]`");
    }
    let citation = q.cite.as_ref().and_then(|c| {
        cite::check(
            f,
            &Lazy(|out: &mut fmt::Formatter<'_>| write!(out, "{base}.cite")),
            c,
            source,
        )
    });
    let kind = Kind::check(
        f,
        &Lazy(|out: &mut fmt::Formatter<'_>| write!(out, "{base}.answer")),
        q.answer,
        source,
    );

    // A kind that failed its checks has reported why; its answer tests cannot run.
    if let Some(kind) = &kind {
        run_expectations(f, base, kind, &q.expect);
    }
    if f.error_count() > errors_before {
        return None;
    }
    Some(Question {
        id: q.id,
        prompt: q.prompt,
        section: q.section,
        tags: q.tags,
        difficulty: match q.difficulty {
            Some(RawDifficulty::Easy) => Difficulty::Easy,
            Some(RawDifficulty::Medium) | None => Difficulty::Medium,
            Some(RawDifficulty::Hard) => Difficulty::Hard,
        },
        points: q.points.unwrap_or(1),
        hint: q.hint,
        explanation,
        citation,
        kind: kind?,
    })
}
