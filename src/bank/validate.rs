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
use crate::diag::{Severity, did_you_mean};
use crate::source::{SourceText, fold_typography};
use crate::text::fold;

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

/// A problem, named by the path of the value it is about.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub severity: Severity,
    pub path: String,
    /// Point at the field name rather than its value.
    pub on_key: bool,
    pub message: String,
    pub label: String,
    pub hint: Option<String>,
    pub related: Vec<(String, String)>,
}

#[derive(Default)]
struct Findings(Vec<Finding>, usize);

impl Findings {
    fn error(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Finding {
        self.push(Severity::Error, path, message, label)
    }

    fn warning(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Finding {
        self.push(Severity::Warning, path, message, label)
    }

    fn push(
        &mut self,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Finding {
        self.1 += usize::from(severity == Severity::Error);
        self.0.push(Finding {
            severity,
            path: path.into(),
            on_key: false,
            message: message.into(),
            label: label.into(),
            hint: None,
            related: Vec::new(),
        });
        let last = self.0.len() - 1;
        &mut self.0[last]
    }

    fn has_errors(&self) -> bool {
        self.1 > 0
    }

    fn error_count(&self) -> usize {
        self.1
    }
}

impl Finding {
    fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    fn maybe_hint(&mut self, hint: Option<String>) -> &mut Self {
        self.hint = hint;
        self
    }

    fn related(&mut self, path: impl Into<String>, message: impl Into<String>) -> &mut Self {
        self.related.push((path.into(), message.into()));
        self
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
        (Some(_), Some(s)) => SourceState::Loaded(s),
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
        f.error(
            path(),
            format!("the {what} id `{id}` has characters ids cannot have"),
            "invalid id",
        )
        .hint("use letters, digits, `-`, `_` and `.`, starting with a letter or digit");
    }
}

fn non_empty(f: &mut Findings, path: impl FnOnce() -> String, text: &str, what: &str) -> bool {
    if text.trim().is_empty() {
        f.error(path(), format!("{what} is empty"), "empty text");
        false
    } else {
        true
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
        citation(
            f,
            &Lazy(|out: &mut fmt::Formatter<'_>| write!(out, "{base}.cite")),
            c,
            source,
        )
    });
    let kind = kind(
        f,
        &Lazy(|out: &mut fmt::Formatter<'_>| write!(out, "{base}.answer")),
        q.answer,
        source,
    );

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

/// What citations can be checked against.
#[derive(Clone, Copy)]
enum SourceState<'a> {
    Absent,
    Broken,
    Loaded(&'a Source),
}

fn citation(
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
    let Some(text) = source.text.paragraph(paragraph) else {
        let e = f.error(
            format!("{path}.paragraph"),
            format!(
                "paragraph {paragraph} does not exist: the source has paragraphs 1 to {}",
                source.text.len()
            ),
            "no such paragraph",
        );
        if paragraph == 0 {
            e.hint("paragraphs are counted from 1");
        }
        return None;
    };
    if !non_empty(f, || format!("{path}.quote"), &c.quote, "the quote") {
        return None;
    }
    if !source.text.paragraph_contains(paragraph, &c.quote) {
        let elsewhere = source.text.find(&c.quote);
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

fn abbreviate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    }
}

fn kind(
    f: &mut Findings,
    path: &dyn fmt::Display,
    answer: RawAnswer,
    source: SourceState<'_>,
) -> Option<Kind> {
    Some(match answer {
        RawAnswer::SingleChoice { choices } => {
            let choices = choice_list(f, path, choices)?;
            let correct: Vec<usize> = (0..choices.len()).filter(|&i| choices[i].correct).collect();
            match correct.len() {
                0 => {
                    f.error(
                        format!("{path}.choices"),
                        "a single-choice question needs exactly one correct choice; none is marked",
                        "no correct choice",
                    )
                    .hint("mark the right one with `correct: true`");
                    return None;
                }
                1 => {}
                n => {
                    let e = f.error(
                        format!("{path}.choices[{}].correct", correct[1]),
                        format!("a single-choice question needs exactly one correct choice; {n} are marked"),
                        "another correct choice",
                    );
                    e.related(
                        format!("{path}.choices[{}].correct", correct[0]),
                        "first correct choice",
                    )
                    .hint("use `MultipleSelect` if several choices are right");
                    return None;
                }
            }
            Kind::SingleChoice(choices)
        }
        RawAnswer::MultipleSelect { choices } => {
            let choices = choice_list(f, path, choices)?;
            if !choices.iter().any(|c| c.correct) {
                f.error(
                    format!("{path}.choices"),
                    "a multiple-select question needs at least one correct choice",
                    "no correct choice",
                )
                .hint("mark each right one with `correct: true`");
                return None;
            }
            if choices.iter().all(|c| c.correct) {
                f.warning(
                    format!("{path}.choices"),
                    "every choice is correct, so ticking all of them always scores full marks",
                    "all correct",
                )
                .hint("add at least one wrong choice");
            }
            Kind::MultipleSelect(choices)
        }
        RawAnswer::TrueFalse {
            answer,
            feedback_true,
            feedback_false,
            misconception,
        } => Kind::TrueFalse(TrueFalse {
            answer,
            feedback_true,
            feedback_false,
            misconception,
        }),
        RawAnswer::ShortAnswer {
            accept,
            typos,
            wrong,
        } => {
            if accept.is_empty() {
                f.error(
                    format!("{path}.accept"),
                    "a short-answer question needs at least one accepted answer",
                    "empty list",
                );
                return None;
            }
            let mut ok = distinct_texts(
                f,
                || format!("{path}.accept"),
                accept.iter().map(String::as_str),
                "accepted answer",
            );
            if typos > 2 {
                f.error(
                    format!("{path}.typos"),
                    format!("`typos` is {typos}; at most 2 edits can be forgiven"),
                    "too many",
                )
                .hint("use 1 for names and places, 0 for short words");
                ok = false;
            }
            for (i, w) in wrong.iter().enumerate() {
                if fold(&w.text).is_empty() {
                    f.error(
                        format!("{path}.wrong[{i}].text"),
                        "a known wrong answer is empty (or only punctuation)",
                        "empty text",
                    );
                    ok = false;
                } else if accept.iter().any(|a| fold(a) == fold(&w.text)) {
                    f.error(
                        format!("{path}.wrong[{i}].text"),
                        format!("`{}` is listed both as accepted and as wrong", w.text),
                        "also accepted",
                    );
                    ok = false;
                }
            }
            if !ok {
                return None;
            }
            Kind::ShortAnswer(ShortAnswer {
                accept,
                typos,
                wrong: wrong
                    .into_iter()
                    .map(|w| KnownWrong {
                        text: w.text,
                        feedback: w.feedback,
                        misconception: w.misconception,
                    })
                    .collect(),
            })
        }
        RawAnswer::Numeric {
            answer,
            tolerance,
            min,
            max,
            unit,
        } => {
            let target = numeric_target(f, path, answer, tolerance, min, max)?;
            Kind::Numeric(Numeric { target, unit })
        }
        RawAnswer::Ordering { items } => {
            if items.len() < 2 {
                f.error(
                    format!("{path}.items"),
                    format!(
                        "an ordering question needs at least two items; it has {}",
                        items.len()
                    ),
                    "too few items",
                );
                return None;
            }
            if !distinct_texts(
                f,
                || format!("{path}.items"),
                items.iter().map(String::as_str),
                "item",
            ) {
                return None;
            }
            Kind::Ordering(items)
        }
        RawAnswer::Matching { pairs, distractors } => {
            if pairs.len() < 2 {
                f.error(
                    format!("{path}.pairs"),
                    format!(
                        "a matching question needs at least two pairs; it has {}",
                        pairs.len()
                    ),
                    "too few pairs",
                );
                return None;
            }
            let lefts_ok = distinct_texts(
                f,
                || format!("{path}.pairs"),
                pairs.iter().map(|p| p.0.as_str()),
                "left item",
            );
            let rights: Vec<&str> = pairs
                .iter()
                .map(|p| p.1.as_str())
                .chain(distractors.iter().map(String::as_str))
                .collect();
            let rights_ok = distinct_right_options(f, path, pairs.len(), &rights);
            if !(lefts_ok && rights_ok) {
                return None;
            }
            Kind::Matching(Matching { pairs, distractors })
        }
        RawAnswer::Discussion {
            model_answer,
            rubric,
            minutes,
        } => {
            let mut ok = non_empty(
                f,
                || format!("{path}.model_answer"),
                &model_answer,
                "the model answer",
            );
            if rubric.is_empty() {
                f.error(
                    format!("{path}.rubric"),
                    "a discussion needs at least one rubric point to self-assess against",
                    "empty rubric",
                );
                ok = false;
            }
            let mut points = Vec::with_capacity(rubric.len());
            for (i, r) in rubric.iter().enumerate() {
                let rp = format!("{path}.rubric[{i}]");
                ok &= non_empty(f, || format!("{rp}.point"), &r.point, "the rubric point");
                if r.weight == 0 {
                    f.error(
                        format!("{rp}.weight"),
                        "a rubric weight must be at least 1",
                        "zero weight",
                    );
                    ok = false;
                }
                let citation = r
                    .cite
                    .as_ref()
                    .and_then(|c| citation(f, &format!("{rp}.cite"), c, source));
                ok &= r.cite.is_none() || citation.is_some();
                points.push(RubricPoint {
                    point: r.point.clone(),
                    weight: r.weight,
                    citation,
                });
            }
            if minutes == Some(0) {
                f.error(
                    format!("{path}.minutes"),
                    "suggested minutes must be at least 1",
                    "zero minutes",
                )
                .hint("leave `minutes` out for no suggested time");
                ok = false;
            }
            if !ok {
                return None;
            }
            Kind::Discussion(Discussion {
                model_answer,
                rubric: points,
                minutes,
            })
        }
    })
}

fn choice_list(
    f: &mut Findings,
    path: &dyn fmt::Display,
    choices: Vec<RawChoice>,
) -> Option<Vec<Choice>> {
    if choices.len() < 2 {
        f.error(
            format!("{path}.choices"),
            format!(
                "a choice question needs at least two choices; it has {}",
                choices.len()
            ),
            "too few choices",
        )
        .hint("add plausible wrong choices, each with `feedback` saying why it is wrong");
        return None;
    }
    let ok = distinct_texts(
        f,
        || format!("{path}.choices"),
        choices.iter().map(|c| c.text.as_str()),
        "choice",
    );
    ok.then(|| {
        choices
            .into_iter()
            .map(|c| Choice {
                text: c.text,
                correct: c.correct,
                feedback: c.feedback,
                misconception: c.misconception,
                pinned: c.pinned,
            })
            .collect()
    })
}

/// Reports texts that fold to the same answer; `path[i]` (or `path[i].text` for choices) names
/// each element.
fn distinct_texts<'t>(
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
    for (i, t) in texts.enumerate() {
        let key = fold(t);
        if key.is_empty() {
            f.error(
                element(i),
                format!("the {what} is empty (or only punctuation)"),
                "empty text",
            );
            ok = false;
            continue;
        }
        if let Some(&first) = seen.get(&key) {
            f.error(element(i), format!("duplicate {what} `{t}`"), format!("same {what} again"))
                .related(element(first), "first here")
                .hint(format!("every {what} must differ (case, spacing and punctuation are ignored when comparing)"));
            ok = false;
        } else {
            seen.insert(key, i);
        }
    }
    ok
}

fn distinct_right_options(
    f: &mut Findings,
    path: &dyn fmt::Display,
    pair_count: usize,
    rights: &[&str],
) -> bool {
    let place = |i: usize| {
        if i < pair_count {
            format!("{path}.pairs[{i}][1]")
        } else {
            format!("{path}.distractors[{}]", i - pair_count)
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut ok = true;
    for (i, t) in rights.iter().enumerate() {
        let key = fold(t);
        if key.is_empty() {
            f.error(place(i), "a right-hand option is empty", "empty option");
            ok = false;
        } else if let Some(&first) = seen.get(&key) {
            f.error(
                place(i),
                format!("duplicate right-hand option `{t}`"),
                "same option again",
            )
            .related(place(first), "first here")
            .hint(
                "each left item needs its own partner, and a distractor must not repeat a partner",
            );
            ok = false;
        } else {
            seen.insert(key, i);
        }
    }
    ok
}

fn numeric_target(
    f: &mut Findings,
    path: &dyn fmt::Display,
    answer: Option<f64>,
    tolerance: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<NumericTarget> {
    for (name, v) in [
        ("answer", answer),
        ("tolerance", tolerance),
        ("min", min),
        ("max", max),
    ] {
        if v.is_some_and(|v| !v.is_finite()) {
            f.error(
                format!("{path}.{name}"),
                format!("`{name}` must be a finite number"),
                "not finite",
            );
            return None;
        }
    }
    match (answer, min, max) {
        (Some(value), None, None) => {
            let tolerance = tolerance.unwrap_or(0.0);
            if tolerance < 0.0 {
                f.error(
                    format!("{path}.tolerance"),
                    format!("the tolerance {tolerance} is negative"),
                    "impossible tolerance",
                )
                .hint("the tolerance is a distance: `tolerance: 0.5` accepts answer ± 0.5");
                return None;
            }
            Some(NumericTarget::Near { value, tolerance })
        }
        (None, Some(min), Some(max)) => {
            if tolerance.is_some() {
                f.error(
                    format!("{path}.tolerance"),
                    "`tolerance` goes with `answer`, not with `min`/`max`",
                    "not used with a range",
                );
                return None;
            }
            if min > max {
                f.error(
                    format!("{path}.min"),
                    format!("impossible range: min {min} is greater than max {max}"),
                    "min > max",
                )
                .related(format!("{path}.max"), "max")
                .hint("swap `min` and `max`");
                return None;
            }
            Some(NumericTarget::Range { min, max })
        }
        (None, None, None) => {
            f.error(
                path.to_string(),
                "a numeric question needs `answer` (with optional `tolerance`) or `min` and `max`",
                "no target",
            )
            .hint("write `Numeric(answer: 1961)` or `Numeric(min: 2000, max: 2001)`");
            None
        }
        (Some(_), _, _) => {
            f.error(
                format!("{path}.answer"),
                "give either `answer` or `min`/`max`, not both",
                "both forms",
            );
            None
        }
        (None, _, _) => {
            let missing = if min.is_none() { "min" } else { "max" };
            f.error(
                path.to_string(),
                format!("a numeric range needs both `min` and `max`; `{missing}` is missing"),
                "incomplete range",
            );
            None
        }
    }
}

/// A path formatted only if it is printed: most values are fine, so most paths are never needed.
struct Lazy<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Lazy<F> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(out)
    }
}
