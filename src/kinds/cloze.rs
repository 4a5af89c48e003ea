//! Cloze (fill in the blanks): a text with numbered gaps `{1}`, `{2}`, …, each either typed (a
//! short answer with accepted forms, typos and known wrong answers) or a drop-down of choices
//! with exactly one right. Graded per gap: the score is the share of gaps right, so partial
//! credit comes for free. As Moodle's embedded answers, H5P's Fill in the Blanks and Anki's
//! cloze.
//!
//! In a quiz file:
//!
//! ```ron
//! answer: Cloze(
//!     text: "The pact was signed in {1} by Vladimir Putin and {2}.",
//!     gaps: [
//!         (accept: ["Pyongyang"], typos: 1),
//!         (choices: [(text: "Kim Jong Un", correct: true), (text: "Kim Il Sung")]),
//!     ],
//! ),
//! ```

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use super::Form;
use super::check::non_empty;
use super::choice::{self, Choice, RawChoice};
use super::ron::string;
use super::short_answer::{self, RawWrong, ShortAnswer};
use super::{
    Block, GiftAnswer, GiftBody, GiftNote, GiftText, Graded, Kind, KindName, Response,
    ResponseError, Shown, Shuffler,
};
use crate::diag::findings::Findings;
use crate::text::fold;

/// A checked cloze: the text cut at its gaps, and the gaps in number order.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Cloze {
    /// Text and gaps in reading order; every gap occurs exactly once.
    pub segments: Vec<Segment>,
    pub gaps: Vec<Gap>,
}

/// A piece of a cloze text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Segment {
    Text(String),
    /// Gap `n` (0-based index into [`Cloze::gaps`]; shown as `n + 1`).
    Gap(usize),
}

/// One gap.
#[derive(Clone, Debug, serde::Serialize)]
pub enum Gap {
    /// Typed, and graded as a short answer.
    Typed(ShortAnswer),
    /// A drop-down: exactly one choice is right.
    Choose(Vec<Choice>),
}

/// What a learner put in one gap.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum GapAnswer {
    Typed(String),
    /// The chosen choice, by its index in the bank.
    Picked(usize),
}

/// A gap as written in a quiz file: `accept` (with optional `typos` and `wrong`) for a typed gap,
/// or `choices` for a drop-down.
#[derive(Debug, serde::Deserialize)]
#[serde(rename = "Gap", deny_unknown_fields)]
pub struct RawGap {
    #[serde(default)]
    pub accept: Vec<String>,
    #[serde(default)]
    pub typos: u8,
    #[serde(default)]
    pub wrong: Vec<RawWrong>,
    #[serde(default)]
    pub otherwise: String,
    #[serde(default)]
    pub choices: Vec<RawChoice>,
}

/// The prompt of a missing-word question (a GIFT question whose answer block stands inside the
/// sentence), imported as a one-gap cloze; written back to GIFT as the sentence alone.
pub const MISSING_WORD_PROMPT: &str = "Fill in the blank.";

pub const SKELETON: &str = r#"Cloze(
                text: "A sentence with a typed gap {1} and a drop-down gap {2}.",
                gaps: [
                    (accept: ["first answer", "another accepted form"], typos: 1),
                    (choices: [
                        (text: "the right option", correct: true),
                        (text: "a wrong option", feedback: "Why it is wrong."),
                    ]),
                ],
            )"#;

/// The text cut at `{n}` markers (`n` from 1); other braces are text.
fn segments(text: &str) -> Vec<RawSegment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut plain_start = 0;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after.as_bytes().get(digits) == Some(&b'}') {
            let start = offset + open;
            if start > plain_start {
                out.push(RawSegment::Text(&text[plain_start..start]));
            }
            out.push(RawSegment::Marker(&after[..digits]));
            let consumed = open + 1 + digits + 1;
            offset += consumed;
            plain_start = offset;
            rest = &rest[consumed..];
        } else {
            offset += open + 1;
            rest = after;
        }
    }
    if plain_start < text.len() {
        out.push(RawSegment::Text(&text[plain_start..]));
    }
    out
}

enum RawSegment<'t> {
    Text(&'t str),
    /// The digits of a `{n}` marker.
    Marker(&'t str),
}

pub(super) fn check(
    f: &mut Findings,
    path: &dyn fmt::Display,
    text: String,
    raw_gaps: Vec<RawGap>,
) -> Option<Kind> {
    let mut ok = non_empty(f, || format!("{path}.text"), &text, "the cloze text");
    if raw_gaps.is_empty() {
        f.error(
            format!("{path}.gaps"),
            "a cloze question needs at least one gap",
            "no gaps",
        )
        .hint("list each gap in `gaps`, and write `{1}`, `{2}`, … in the text where they go");
        ok = false;
    }
    // The text's markers: each names a listed gap, once.
    let mut used: HashMap<usize, usize> = HashMap::new();
    let mut cut = Vec::new();
    for (at, seg) in segments(&text).into_iter().enumerate() {
        match seg {
            RawSegment::Text(t) => cut.push(Segment::Text(t.to_owned())),
            RawSegment::Marker(digits) => {
                let n = digits.parse::<usize>().unwrap_or(0);
                if n == 0 || n > raw_gaps.len() {
                    f.error(
                        format!("{path}.text"),
                        format!(
                            "the text has `{{{digits}}}`, but the gaps are numbered 1 to {}",
                            raw_gaps.len()
                        ),
                        "no such gap",
                    )
                    .hint("gaps are numbered from 1 in the order of `gaps`; add a gap or fix the number");
                    ok = false;
                } else if used.insert(n, at).is_some() {
                    f.error(
                        format!("{path}.text"),
                        format!("`{{{n}}}` appears twice in the text"),
                        "gap used twice",
                    )
                    .hint("each gap goes in one place; add another gap for the second place");
                    ok = false;
                } else {
                    cut.push(Segment::Gap(n - 1));
                }
            }
        }
    }
    let mut gaps = Vec::with_capacity(raw_gaps.len());
    for (i, g) in raw_gaps.into_iter().enumerate() {
        let gp = format!("{path}.gaps[{i}]");
        if !used.contains_key(&(i + 1)) && !text.trim().is_empty() {
            f.error(
                gp.clone(),
                format!("gap {} is not in the text", i + 1),
                "unused gap",
            )
            .hint(format!("write `{{{}}}` in the text where it goes", i + 1));
            ok = false;
        }
        match (g.accept.is_empty(), g.choices.is_empty()) {
            (false, true) => {
                let raw = short_answer::RawTyped {
                    accept: g.accept,
                    typos: g.typos,
                    wrong: g.wrong,
                    otherwise: g.otherwise,
                };
                let typed = short_answer::check_typed(f, &gp, "a typed gap", raw);
                match typed {
                    Some(sa) => gaps.push(Gap::Typed(sa)),
                    None => ok = false,
                }
            }
            (true, false) => {
                if g.typos != 0 || !g.wrong.is_empty() || !g.otherwise.trim().is_empty() {
                    f.error(
                        gp.clone(),
                        "`typos`, `wrong` and `otherwise` go with a typed gap (`accept`), not with `choices`",
                        "not used with choices",
                    );
                    ok = false;
                }
                let checked = choice::check_list(f, &gp, g.choices).filter(|c| {
                    choice::check_one_correct(
                        f,
                        &gp,
                        c,
                        "a drop-down gap",
                        "a gap has one right answer; for several accepted words use a typed gap (`accept`)",
                    )
                });
                match checked {
                    Some(c) => gaps.push(Gap::Choose(c)),
                    None => ok = false,
                }
            }
            (false, false) => {
                f.error(
                    gp,
                    "a gap is either typed (`accept`) or a drop-down (`choices`), not both",
                    "both forms",
                );
                ok = false;
            }
            (true, true) => {
                f.error(
                    gp,
                    "a gap needs `accept` (typed) or `choices` (a drop-down)",
                    "empty gap",
                )
                .hint("write `(accept: [\"answer\"])` or `(choices: [(text: \"…\", correct: true), (text: \"…\")])`");
                ok = false;
            }
        }
    }
    ok.then_some(Kind::Cloze(Cloze {
        segments: cut,
        gaps,
    }))
}

impl Cloze {
    /// The text with `{n}` markers, as written in a quiz file.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            match s {
                Segment::Text(t) => out.push_str(t),
                Segment::Gap(i) => {
                    let _ = write!(out, "{{{}}}", i + 1);
                }
            }
        }
        out
    }

    /// The right answer of gap `i`, said for people.
    pub fn gap_answer(&self, i: usize) -> String {
        match self.gaps.get(i) {
            Some(Gap::Typed(sa)) => sa.accept.first().cloned().unwrap_or_default(),
            Some(Gap::Choose(c)) => choice::correct_answer(c),
            None => String::new(),
        }
    }

    /// A response that fills every gap right (the first accepted form, the right choice).
    pub fn key_response(&self) -> Vec<Option<GapAnswer>> {
        self.gaps
            .iter()
            .map(|g| match g {
                Gap::Typed(sa) => sa.accept.first().cloned().map(GapAnswer::Typed),
                Gap::Choose(c) => c.iter().position(|c| c.correct).map(GapAnswer::Picked),
            })
            .collect()
    }

    /// Whether `answer` fills gap `i` right.
    pub fn gap_is_right(&self, i: usize, answer: Option<&GapAnswer>) -> bool {
        match (self.gaps.get(i), answer) {
            (Some(Gap::Typed(sa)), Some(GapAnswer::Typed(t))) => {
                !fold(t).is_empty() && short_answer::grade_typed(sa, t).score >= 1.0 - 1e-9
            }
            (Some(Gap::Choose(c)), Some(GapAnswer::Picked(p))) => {
                c.get(*p).is_some_and(|c| c.correct)
            }
            (Some(Gap::Typed(_)), Some(GapAnswer::Picked(_)))
            | (Some(Gap::Choose(_)), Some(GapAnswer::Typed(_)))
            | (Some(_), None)
            | (None, _) => false,
        }
    }

    /// Each gap's part of a presentation `order`: the drop-down gaps' choice orders one after
    /// another (an empty slice for a typed gap). An order that does not fit gives bank order.
    pub fn gap_orders(&self, order: &[usize]) -> Vec<Vec<usize>> {
        let total: usize = self.gaps.iter().map(choice_count).sum();
        let mut at = 0;
        self.gaps
            .iter()
            .map(|g| {
                let n = choice_count(g);
                let part = if order.len() == total {
                    order.get(at..at + n).map(<[usize]>::to_vec)
                } else {
                    None
                };
                at += n;
                part.unwrap_or_else(|| (0..n).collect())
            })
            .collect()
    }
}

fn choice_count(g: &Gap) -> usize {
    match g {
        Gap::Typed(_) => 0,
        Gap::Choose(c) => c.len(),
    }
}

pub(super) fn grade(c: &Cloze, given: &[Option<GapAnswer>]) -> Result<Graded, ResponseError> {
    if given.len() != c.gaps.len() {
        return Err(ResponseError::WrongLength {
            expected: c.gaps.len(),
            found: given.len(),
        });
    }
    let filled = |a: &Option<GapAnswer>| match a {
        Some(GapAnswer::Typed(t)) => !fold(t).is_empty(),
        Some(GapAnswer::Picked(_)) => true,
        None => false,
    };
    if !given.iter().any(filled) {
        return Err(ResponseError::Empty);
    }
    let mut right = 0usize;
    let mut feedback = Vec::new();
    let mut misconceptions = Vec::new();
    for (i, (gap, answer)) in c.gaps.iter().zip(given).enumerate() {
        let n = i + 1;
        let graded = match (gap, answer) {
            (_, None) => None,
            (Gap::Typed(_), Some(GapAnswer::Typed(t))) if fold(t).is_empty() => None,
            (Gap::Typed(sa), Some(GapAnswer::Typed(t))) => Some(short_answer::grade_typed(sa, t)),
            (Gap::Choose(choices), Some(GapAnswer::Picked(p))) => {
                Some(super::single_choice::grade(choices, *p)?)
            }
            (Gap::Typed(_), Some(GapAnswer::Picked(_)))
            | (Gap::Choose(_), Some(GapAnswer::Typed(_))) => {
                return Err(ResponseError::WrongKind {
                    expected: KindName::Cloze,
                });
            }
        };
        let is_right = graded.as_ref().is_some_and(|g| g.score >= 1.0 - 1e-9);
        right += usize::from(is_right);
        if let Some(g) = graded {
            misconceptions.extend(g.misconceptions);
            for note in g.feedback.into_iter().filter(|f| !f.trim().is_empty()) {
                feedback.push(format!("Gap {n}: {note}"));
            }
        }
        if !is_right {
            feedback.push(format!("Gap {n} is “{}”.", c.gap_answer(i)));
        }
    }
    Ok(Graded::new(
        right as f64 / c.gaps.len().max(1) as f64,
        feedback,
        misconceptions,
    ))
}

pub(super) fn correct_answer(c: &Cloze) -> String {
    (0..c.gaps.len())
        .map(|i| format!("({}) {}", i + 1, c.gap_answer(i)))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn describe(c: &Cloze, response: &Response) -> Option<String> {
    let Response::Gaps(given) = response else {
        return None;
    };
    Some(
        c.gaps
            .iter()
            .enumerate()
            .map(|(i, gap)| {
                let text = match (gap, given.get(i).and_then(Option::as_ref)) {
                    (_, None) => "(blank)".to_owned(),
                    (_, Some(GapAnswer::Typed(t))) if t.trim().is_empty() => "(blank)".to_owned(),
                    (_, Some(GapAnswer::Typed(t))) => t.trim().to_owned(),
                    (Gap::Choose(choices), Some(GapAnswer::Picked(p))) => choice::text(choices, *p),
                    (Gap::Typed(_), Some(GapAnswer::Picked(p))) => format!("choice {p}"),
                };
                format!("({}) {text}", i + 1)
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// Each drop-down's choices shuffled (pins kept) one after another.
pub(super) fn presentation_order(c: &Cloze, rng: &mut dyn Shuffler, shuffle: bool) -> Vec<usize> {
    c.gaps
        .iter()
        .flat_map(|g| match g {
            Gap::Typed(_) => Vec::new(),
            Gap::Choose(choices) => choice::presentation_order(choices, rng, shuffle),
        })
        .collect()
}

pub(super) fn shown(c: &Cloze, order: &[usize]) -> Shown {
    Shown::Cloze {
        segments: c.segments.clone(),
        gaps: c
            .gaps
            .iter()
            .zip(c.gap_orders(order))
            .map(|(g, o)| match g {
                Gap::Typed(_) => Vec::new(),
                Gap::Choose(choices) => o
                    .iter()
                    .filter_map(|&i| choices.get(i).map(|c| c.text.clone()))
                    .collect(),
            })
            .collect(),
    }
}

/// The text with `(n) ________` for each gap, then each drop-down's options.
pub(super) fn worksheet(c: &Cloze, order: &[usize]) -> Vec<Block> {
    let mut text = String::new();
    for s in &c.segments {
        match s {
            Segment::Text(t) => text.push_str(t),
            Segment::Gap(i) => {
                let _ = write!(text, "({}) __________", i + 1);
            }
        }
    }
    let mut blocks = vec![Block::Para(text)];
    let options: Vec<String> = c
        .gaps
        .iter()
        .zip(c.gap_orders(order))
        .enumerate()
        .filter_map(|(i, (g, o))| match g {
            Gap::Typed(_) => None,
            Gap::Choose(choices) => {
                let listed: Vec<String> = o
                    .iter()
                    .enumerate()
                    .filter_map(|(pos, &k)| {
                        choices
                            .get(k)
                            .map(|c| format!("{}) {}", choice::lower(pos), c.text))
                    })
                    .collect();
                Some(format!("({}) {}", i + 1, listed.join("   ")))
            }
        })
        .collect();
    if !options.is_empty() {
        blocks.push(Block::Note(
            "For each numbered gap with options, write the letter of the right one.".into(),
        ));
        blocks.push(Block::List(options));
    }
    blocks
}

pub(super) fn key(c: &Cloze, order: &[usize]) -> Vec<Block> {
    let answer = c
        .gaps
        .iter()
        .zip(c.gap_orders(order))
        .enumerate()
        .map(|(i, (g, o))| match g {
            Gap::Typed(sa) => {
                let also = sa.accept.get(1..).filter(|a| !a.is_empty());
                match also {
                    Some(also) => format!(
                        "({}) {} (also: {})",
                        i + 1,
                        sa.accept.first().map_or("", String::as_str),
                        also.join(", ")
                    ),
                    None => format!("({}) {}", i + 1, c.gap_answer(i)),
                }
            }
            Gap::Choose(choices) => format!("({}) {}", i + 1, choice::key_letters(choices, &o)),
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![Block::Para(format!("Answer: {answer}"))]
}

pub(super) fn write_ron(out: &mut String, c: &Cloze, indent: &str) {
    let inner = format!("{indent}    ");
    let _ = writeln!(out, "{indent}answer: Cloze(");
    let _ = writeln!(out, "{inner}text: {},", string(&c.text()));
    let _ = writeln!(out, "{inner}gaps: [");
    for g in &c.gaps {
        match g {
            Gap::Typed(sa) => {
                let _ = writeln!(out, "{inner}    (");
                short_answer::write_ron_fields(out, sa, &format!("{inner}        "));
                let _ = writeln!(out, "{inner}    ),");
            }
            Gap::Choose(choices) => {
                let _ = writeln!(out, "{inner}    (choices: [");
                choice::write_ron_list(out, choices, &format!("{inner}        "));
                let _ = writeln!(out, "{inner}    ]),");
            }
        }
    }
    let _ = writeln!(out, "{inner}],");
    let _ = writeln!(out, "{indent}),");
}

/// One gap becomes GIFT's missing-word form (the answer block where the gap stands); GIFT has
/// one answer block per question, so a cloze with more gaps is written as comments.
pub(super) fn gift(c: &Cloze, prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    if let [gap] = c.gaps.as_slice() {
        let mut notes = Vec::new();
        let answers = match gap {
            Gap::Typed(sa) => {
                notes.extend(short_answer::gift_notes(sa, "answer.gaps[0].typos"));
                short_answer::gift_answers(sa, g)
            }
            Gap::Choose(choices) => {
                let mut b = String::new();
                for ch in choices {
                    let marker = if ch.correct { "=" } else { "~" };
                    let _ = write!(b, "\t{marker}{}", (g.text)(&ch.text));
                    if !ch.feedback.is_empty() {
                        let _ = write!(b, "#{}", (g.text)(&ch.feedback));
                    }
                    b.push('\n');
                }
                b
            }
        };
        let block = format!("{{\n{answers}{}}}", g.general(explanation));
        let mut text = String::new();
        if !prompt.trim().is_empty() && prompt != MISSING_WORD_PROMPT {
            text.push_str(&(g.text)(prompt.trim()));
            text.push(' ');
        }
        for s in &c.segments {
            match s {
                Segment::Text(t) => text.push_str(&(g.escape)(t)),
                Segment::Gap(_) => text.push_str(&block),
            }
        }
        // A block at the very end would read as an ordinary question, not a blank.
        if matches!(c.segments.last(), Some(Segment::Gap(_))) {
            text.push_str(" .");
            notes.push(GiftNote {
                field: "answer.text",
                message: "the gap ends the text, and GIFT reads an answer block at the end as a question, not a blank: a ` .` is added after it".into(),
                hint: Some("let the text go on after the last gap".into()),
            });
        }
        return GiftAnswer {
            body: Some(GiftBody::Embedded(text)),
            notes,
            ..GiftAnswer::default()
        };
    }
    let mut comments = vec![
        format!(
            "Cloze question with {} gaps, not exported (GIFT has one blank a question):",
            c.gaps.len()
        ),
        prompt.to_owned(),
        c.text(),
    ];
    comments.extend((0..c.gaps.len()).map(|i| format!("  gap {}: {}", i + 1, c.gap_answer(i))));
    GiftAnswer {
        body: None,
        comments,
        notes: vec![GiftNote {
            field: "answer.gaps",
            message: format!(
                "a cloze question with {} gaps is not exported: a GIFT question has one answer block; it is written as a comment",
                c.gaps.len()
            ),
            hint: Some("split it into one question per gap to keep it in Moodle".into()),
        }],
    }
}

pub(super) fn wrong_without_feedback(c: &Cloze) -> Vec<(String, String)> {
    c.gaps
        .iter()
        .enumerate()
        .flat_map(|(i, g)| {
            let found = match g {
                Gap::Typed(sa) => short_answer::wrong_without_feedback(sa),
                Gap::Choose(choices) => choice::wrong_without_feedback(choices),
            };
            found.into_iter().map(move |(below, what)| {
                (
                    format!(".gaps[{i}]{below}"),
                    format!("{what} of gap {}", i + 1),
                )
            })
        })
        .collect()
}

/// The text with its markers, then per gap whether it is typed (as a short answer) or a
/// drop-down (its choices with their correctness).
pub(super) fn canonical(form: &mut Form, c: &Cloze) {
    form.text(&c.text());
    form.count(c.gaps.len());
    for gap in &c.gaps {
        match gap {
            Gap::Typed(sa) => {
                form.text("typed");
                short_answer::canonical(form, sa);
            }
            Gap::Choose(choices) => {
                form.text("choose");
                choice::canonical(form, choices);
            }
        }
    }
}

/// The response an answer test describes: the gaps' answers separated by `|`, in gap order; a
/// typed gap takes the text as typed, a drop-down the choice with that text; an empty part
/// leaves its gap blank.
pub(super) fn response_for(
    c: &Cloze,
    e: &super::expect::Expectation,
) -> Result<Response, super::expect::ExpectError> {
    let typed = super::expect::typed(e, "a cloze question")?;
    let parts: Vec<&str> = typed.split('|').map(str::trim).collect();
    if parts.len() != c.gaps.len() {
        return Err(super::expect::ExpectError::new(
            "answer",
            format!(
                "the question has {} gaps, but this test fills {}",
                c.gaps.len(),
                parts.len()
            ),
            Some(
                "give one answer per gap, in gap order, separated by `|`: `\"first | second\"`"
                    .into(),
            ),
        ));
    }
    let mut gaps = Vec::with_capacity(parts.len());
    for (gap, part) in c.gaps.iter().zip(parts) {
        if part.is_empty() {
            gaps.push(None);
            continue;
        }
        gaps.push(Some(match gap {
            Gap::Typed(_) => GapAnswer::Typed(part.to_owned()),
            Gap::Choose(choices) => {
                let i = super::expect::find_choice(choices, part, "answer".into())?;
                GapAnswer::Picked(i)
            }
        }));
    }
    Ok(Response::Gaps(gaps))
}

/// What the question holds, for loss reports.
pub(crate) fn contents(c: &Cloze) -> Vec<String> {
    let typed = c.gaps.iter().filter(|g| matches!(g, Gap::Typed(_))).count();
    let mut out = vec![format!(
        "{} ({typed} typed, {} drop-down)",
        crate::format::plural(c.gaps.len(), "gap", "gaps"),
        c.gaps.len() - typed
    )];
    let feedback: usize = c
        .gaps
        .iter()
        .map(|g| match g {
            Gap::Typed(sa) => sa.wrong.len(),
            Gap::Choose(choices) => choices
                .iter()
                .filter(|c| !c.feedback.trim().is_empty())
                .count(),
        })
        .sum();
    if feedback > 0 {
        out.push(format!("feedback on {feedback} gap answers"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_cut_at_numbered_markers_only() {
        let cut: Vec<String> = segments("a {1} b {x} {22}{} c{3")
            .into_iter()
            .map(|s| match s {
                RawSegment::Text(t) => format!("T:{t}"),
                RawSegment::Marker(d) => format!("M:{d}"),
            })
            .collect();
        assert_eq!(cut, ["T:a ", "M:1", "T: b {x} ", "M:22", "T:{} c{3"]);
    }
}
