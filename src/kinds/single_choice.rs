//! Single choice: exactly one correct choice among at least two; all or nothing.

use std::fmt::{self, Write as _};

use super::choice::{self, Choice, RawChoice};
use super::{GiftAnswer, GiftText, Graded, Kind, Response, ResponseError};
use crate::diag::findings::Findings;

pub const SKELETON: &str = r#"SingleChoice(choices: [
                (text: "The right answer", correct: true, feedback: "Why it is right."),
                (text: "A wrong answer", feedback: "Why it is wrong."),
                (text: "Another wrong answer", feedback: "Why it is wrong."),
            ])"#;

pub(super) fn check(
    f: &mut Findings,
    path: &dyn fmt::Display,
    raw: Vec<RawChoice>,
) -> Option<Kind> {
    let choices = choice::check_list(f, path, raw)?;
    choice::check_one_correct(
        f,
        path,
        &choices,
        "a single-choice question",
        "use `MultipleSelect` if several choices are right",
    )
    .then_some(Kind::SingleChoice(choices))
}

pub(super) fn grade(choices: &[Choice], i: usize) -> Result<Graded, ResponseError> {
    let c = choices.get(i).ok_or(ResponseError::NoSuchChoice(i))?;
    let misconceptions = c
        .misconception
        .iter()
        .filter(|_| !c.correct)
        .cloned()
        .collect();
    Ok(Graded::all_or_nothing(
        c.correct,
        vec![c.feedback.clone()],
        misconceptions,
    ))
}

pub(super) fn describe(choices: &[Choice], response: &Response) -> Option<String> {
    let Response::Choice(i) = response else {
        return None;
    };
    Some(choice::text(choices, *i))
}

pub(super) fn gift(choices: &[Choice], prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    let mut b = String::from("{\n");
    for c in choices {
        let marker = match (c.correct, c.text.trim_start().starts_with('%')) {
            (true, _) => "=",
            // `~%50%…` would read as a weight: give the weight explicitly.
            (false, true) => "~%0%",
            (false, false) => "~",
        };
        let _ = write!(b, "\t{marker}{}", (g.text)(&c.text));
        if !c.feedback.is_empty() {
            let _ = write!(b, "#{}", (g.text)(&c.feedback));
        }
        b.push('\n');
    }
    b.push_str(&g.general(explanation));
    b.push('}');
    GiftAnswer::block(prompt, b, Vec::new())
}

/// The response an answer test describes: exactly one chosen text, found among the choices.
pub(super) fn response_for(
    choices: &[Choice],
    e: &super::expect::Expectation,
) -> Result<Response, super::expect::ExpectError> {
    let chosen = super::expect::chosen(e, "a single-choice question")?;
    let [one] = chosen else {
        return Err(super::expect::ExpectError::new(
            "chosen",
            format!(
                "a single-choice question is answered with one choice, but this test chooses {}",
                chosen.len()
            ),
            Some("list exactly one choice's text in `chosen`".into()),
        ));
    };
    super::expect::find_choice(choices, one, "chosen[0]".into()).map(Response::Choice)
}
