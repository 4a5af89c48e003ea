//! Short answer: typed, compared after folding case, accents, spacing and punctuation, with an
//! optional number of forgiven typos and known wrong answers that get their own feedback. All or
//! nothing. Cloze's typed gaps are graded the same way.

use std::fmt::{self, Write as _};

use super::Form;
use super::check::distinct_texts;
use super::ron::{list, string};
use super::{GiftAnswer, GiftNote, GiftText, Graded, Kind, Response, ResponseError};
use crate::diag::findings::Findings;
use crate::text::{fold, matches_with_typos};

#[derive(Clone, Debug, serde::Serialize)]
pub struct ShortAnswer {
    /// Accepted answers, as written (the first is the one shown as "the" answer).
    pub accept: Vec<String>,
    /// Edits (insert, delete, substitute, swap) forgiven per answer; 0 to 2.
    pub typos: u8,
    /// Known wrong answers with their own feedback.
    pub wrong: Vec<KnownWrong>,
    /// Feedback for any other wrong answer (Moodle's catch-all `*` answer); empty for none.
    /// Not serialized when empty, so questions without it hash as they did before it existed
    /// (legacy history hashes are of this serialization).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub otherwise: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct KnownWrong {
    pub text: String,
    pub feedback: String,
    pub misconception: Option<String>,
}

/// A wrong short answer that deserves its own feedback, as written in a quiz file.
#[derive(Debug, serde::Deserialize)]
#[serde(rename = "Wrong", deny_unknown_fields)]
pub struct RawWrong {
    pub text: String,
    #[serde(default)]
    pub feedback: String,
    #[serde(default)]
    pub misconception: Option<String>,
}

pub const SKELETON: &str = r#"ShortAnswer(
                accept: ["The answer", "Another accepted form"],
                typos: 1,
                wrong: [(text: "A likely wrong answer", feedback: "Why it is wrong.")],
                otherwise: "Feedback for any other wrong answer.",
            )"#;

pub(super) fn check(f: &mut Findings, path: &dyn fmt::Display, typed: RawTyped) -> Option<Kind> {
    check_typed(f, path, "a short-answer question", typed).map(Kind::ShortAnswer)
}

/// The fields of a typed answer as written in a quiz file.
pub(super) struct RawTyped {
    pub accept: Vec<String>,
    pub typos: u8,
    pub wrong: Vec<RawWrong>,
    pub otherwise: String,
}

/// Checks accepted answers, typos and known wrong answers below `path` (`what` names the
/// question or gap in messages).
pub(super) fn check_typed(
    f: &mut Findings,
    path: &dyn fmt::Display,
    what: &str,
    typed: RawTyped,
) -> Option<ShortAnswer> {
    let RawTyped {
        accept,
        typos,
        wrong,
        otherwise,
    } = typed;
    if accept.is_empty() {
        f.error(
            format!("{path}.accept"),
            format!("{what} needs at least one accepted answer"),
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
    ok.then(|| ShortAnswer {
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
        otherwise: otherwise.trim().to_owned(),
    })
}

pub(super) fn grade(sa: &ShortAnswer, given: &str) -> Result<Graded, ResponseError> {
    if fold(given).is_empty() {
        return Err(ResponseError::Empty);
    }
    Ok(grade_typed(sa, given))
}

/// Grades a non-empty typed answer.
pub(super) fn grade_typed(sa: &ShortAnswer, given: &str) -> Graded {
    if sa.accept.iter().any(|a| fold(a) == fold(given)) {
        return Graded::new(1.0, Vec::new(), Vec::new());
    }
    // A known wrong answer wins over typo tolerance: "Seoul" is not a typo of anything.
    if let Some(w) = sa.wrong.iter().find(|w| fold(&w.text) == fold(given)) {
        return Graded::new(
            0.0,
            vec![w.feedback.clone()],
            w.misconception.iter().cloned().collect(),
        );
    }
    if let Some(a) = sa
        .accept
        .iter()
        .find(|a| matches_with_typos(given, a, sa.typos))
    {
        let note = format!("Accepted despite a typo: it is spelt \u{201c}{a}\u{201d}.");
        return Graded::new(1.0, vec![note], Vec::new());
    }
    let feedback = (!sa.otherwise.is_empty()).then(|| sa.otherwise.clone());
    Graded::new(0.0, feedback.into_iter().collect(), Vec::new())
}

pub(super) fn correct_answer(sa: &ShortAnswer) -> String {
    let mut s = sa.accept.first().cloned().unwrap_or_default();
    if let Some(others) = sa.accept.get(1..).filter(|o| !o.is_empty()) {
        let _ = write!(s, " (also accepted: {})", others.join(", "));
    }
    s
}

pub(super) fn describe(response: &Response) -> Option<String> {
    let Response::Text(t) = response else {
        return None;
    };
    Some(t.trim().to_owned())
}

/// The fields inside `ShortAnswer( … )` (or a typed gap), one per line at `inner`.
pub(super) fn write_ron_fields(out: &mut String, sa: &ShortAnswer, inner: &str) {
    let _ = writeln!(out, "{inner}accept: {},", list(&sa.accept));
    if sa.typos != 0 {
        let _ = writeln!(out, "{inner}typos: {},", sa.typos);
    }
    if !sa.wrong.is_empty() {
        let _ = writeln!(out, "{inner}wrong: [");
        for w in &sa.wrong {
            let mut fields = vec![format!("text: {}", string(&w.text))];
            if !w.feedback.is_empty() {
                fields.push(format!("feedback: {}", string(&w.feedback)));
            }
            if let Some(m) = &w.misconception {
                fields.push(format!("misconception: {}", string(m)));
            }
            let _ = writeln!(out, "{inner}    ({}),", fields.join(", "));
        }
        let _ = writeln!(out, "{inner}],");
    }
    if !sa.otherwise.is_empty() {
        let _ = writeln!(out, "{inner}otherwise: {},", string(&sa.otherwise));
    }
}

pub(super) fn write_ron(out: &mut String, sa: &ShortAnswer, indent: &str) {
    let _ = writeln!(out, "{indent}answer: ShortAnswer(");
    write_ron_fields(out, sa, &format!("{indent}    "));
    let _ = writeln!(out, "{indent}),");
}

/// The notes for what GIFT loses of a typed answer.
pub(super) fn gift_notes(sa: &ShortAnswer, field: &'static str) -> Vec<GiftNote> {
    let mut notes = Vec::new();
    if sa.typos > 0 {
        notes.push(GiftNote {
            field,
            message: format!(
                "GIFT has no typo tolerance: `typos: {}` is lost, so Moodle accepts only the answers as written",
                sa.typos
            ),
            hint: Some("add common misspellings as more accepted answers".into()),
        });
    }
    if sa
        .accept
        .iter()
        .chain(sa.wrong.iter().map(|w| &w.text))
        .any(|t| t.contains("->"))
    {
        notes.push(GiftNote {
            field: "answer.accept",
            message: "an answer contains `->`, which makes Moodle read the question as matching"
                .into(),
            hint: Some("write the arrow another way, such as `→`".into()),
        });
    }
    notes
}

/// The answers of a GIFT short-answer block, one per line (`\t=…`), without the braces.
pub(super) fn gift_answers(sa: &ShortAnswer, g: GiftText) -> String {
    let mut b = String::new();
    for a in &sa.accept {
        let weight = if a.trim_start().starts_with('%') {
            "%100%"
        } else {
            ""
        };
        let _ = writeln!(b, "\t={weight}{}", (g.text)(a));
    }
    // A 0% answer is Moodle's way to give a known wrong answer its own feedback.
    for w in &sa.wrong {
        let _ = write!(b, "\t=%0%{}", (g.text)(&w.text));
        if !w.feedback.is_empty() {
            let _ = write!(b, "#{}", (g.text)(&w.feedback));
        }
        b.push('\n');
    }
    // Moodle's catch-all: `*` matches any answer not matched above.
    if !sa.otherwise.is_empty() {
        let _ = writeln!(b, "\t=%0%*#{}", (g.text)(&sa.otherwise));
    }
    b
}

pub(super) fn gift(sa: &ShortAnswer, prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    let block = format!("{{\n{}{}}}", gift_answers(sa, g), g.general(explanation));
    GiftAnswer::block(prompt, block, gift_notes(sa, "answer.typos"))
}

pub(super) fn wrong_without_feedback(sa: &ShortAnswer) -> Vec<(String, String)> {
    sa.wrong
        .iter()
        .enumerate()
        .filter(|(_, w)| w.feedback.trim().is_empty())
        .map(|(j, w)| {
            (
                format!(".wrong[{j}]"),
                format!("the known wrong answer “{}”", w.text),
            )
        })
        .collect()
}

/// The accepted forms, the typos forgiven, and the known wrong answers (which are graded wrong
/// even within typo distance of an accepted form).
pub(super) fn canonical(form: &mut Form, sa: &ShortAnswer) {
    form.texts(sa.accept.iter().map(String::as_str));
    form.text(&sa.typos.to_string());
    form.texts(sa.wrong.iter().map(|w| w.text.as_str()));
}

/// The response an answer test describes: the text as typed.
pub(super) fn response_for(
    e: &super::expect::Expectation,
) -> Result<Response, super::expect::ExpectError> {
    super::expect::typed(e, "a short-answer question").map(|t| Response::Text(t.to_owned()))
}

/// What the question holds, for loss reports.
pub(crate) fn contents(sa: &ShortAnswer) -> Vec<String> {
    let mut out = vec![crate::format::plural(
        sa.accept.len(),
        "accepted answer",
        "accepted answers",
    )];
    if sa.typos > 0 {
        out.push(format!(
            "{} tolerated",
            crate::format::plural(usize::from(sa.typos), "typo", "typos")
        ));
    }
    if !sa.wrong.is_empty() {
        out.push(crate::format::plural(
            sa.wrong.len(),
            "known wrong answer",
            "known wrong answers",
        ));
    }
    let tagged = sa
        .wrong
        .iter()
        .filter(|w| w.misconception.is_some())
        .count();
    if tagged > 0 {
        out.push(format!("misconception tags on {tagged}"));
    }
    if !sa.otherwise.is_empty() {
        out.push("feedback for any other answer".to_owned());
    }
    out
}
