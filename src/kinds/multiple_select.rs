//! Multiple select: at least one correct choice among at least two. Each correct choice ticked
//! earns `1/k` (k = number of correct choices), each wrong choice ticked costs `1/k`, and the
//! score never goes below 0.

use std::fmt::{self, Write as _};

use super::choice::{self, Choice, RawChoice};
use super::{GiftAnswer, GiftNote, GiftText, Graded, Kind, Response, ResponseError};
use crate::diag::findings::Findings;

pub const SKELETON: &str = r#"MultipleSelect(choices: [
                (text: "A right answer", correct: true, feedback: "Why it is right."),
                (text: "Another right answer", correct: true, feedback: "Why it is right."),
                (text: "A wrong answer", feedback: "Why it is wrong."),
            ])"#;

pub(super) fn check(
    f: &mut Findings,
    path: &dyn fmt::Display,
    raw: Vec<RawChoice>,
) -> Option<Kind> {
    let choices = choice::check_list(f, path, raw)?;
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
    Some(Kind::MultipleSelect(choices))
}

pub(super) fn grade(choices: &[Choice], ticked: &[usize]) -> Result<Graded, ResponseError> {
    let mut ticked = ticked.to_vec();
    ticked.sort_unstable();
    ticked.dedup();
    if let Some(&bad) = ticked.iter().find(|&&i| i >= choices.len()) {
        return Err(ResponseError::NoSuchChoice(bad));
    }
    let k = choices.iter().filter(|c| c.correct).count().max(1) as f64;
    let right = ticked.iter().filter(|&&i| choices[i].correct).count() as f64;
    let wrong = ticked.len() as f64 - right;
    let score = ((right - wrong) / k).max(0.0);
    let mut feedback: Vec<String> = ticked
        .iter()
        .map(|&i| choices[i].feedback.clone())
        .collect();
    feedback.extend(
        choices
            .iter()
            .enumerate()
            .filter(|(i, c)| c.correct && !ticked.contains(i))
            .map(|(_, c)| {
                format!("Missed: {}. {}", c.text, c.feedback)
                    .trim_end()
                    .to_owned()
            }),
    );
    let misconceptions = ticked
        .iter()
        .filter(|&&i| !choices[i].correct)
        .filter_map(|&i| choices[i].misconception.clone())
        .collect();
    Ok(Graded::new(score, feedback, misconceptions))
}

pub(super) fn describe(choices: &[Choice], response: &Response) -> Option<String> {
    let Response::Choices(ticked) = response else {
        return None;
    };
    if ticked.is_empty() {
        return Some("(nothing ticked)".into());
    }
    let mut ticked = ticked.clone();
    ticked.sort_unstable();
    ticked.dedup();
    Some(
        ticked
            .iter()
            .map(|&i| choice::text(choices, i))
            .collect::<Vec<_>>()
            .join("; "),
    )
}

pub(super) fn gift(choices: &[Choice], prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    let mut notes = Vec::new();
    let k = choices.iter().filter(|c| c.correct).count().max(1);
    let share = percent(100.0 / k as f64);
    if k > 10 {
        notes.push(GiftNote {
            field: "answer.choices",
            message: format!(
                "Moodle rounds the weight {share}% of each of the {k} right answers to its list of grades"
            ),
            hint: Some("Moodle's grades divide 100 exactly for up to 10 right answers".into()),
        });
    }
    let mut b = String::from("{\n");
    for c in choices {
        let sign = if c.correct { "" } else { "-" };
        let _ = write!(b, "\t~%{sign}{share}%{}", (g.text)(&c.text));
        if !c.feedback.is_empty() {
            let _ = write!(b, "#{}", (g.text)(&c.feedback));
        }
        b.push('\n');
    }
    b.push_str(&g.general(explanation));
    b.push('}');
    GiftAnswer::block(prompt, b, notes)
}

/// A percentage as GIFT writes it: at most five decimals, no trailing zeros (`33.33333`, `50`).
pub fn percent(w: f64) -> String {
    let s = format!("{w:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_owned() }
}

/// The response an answer test describes: the chosen texts, each found among the choices
/// (an empty list ticks nothing).
pub(super) fn response_for(
    choices: &[Choice],
    e: &super::expect::Expectation,
) -> Result<Response, super::expect::ExpectError> {
    let chosen = super::expect::chosen(e, "a multiple-select question")?;
    let mut ticked = Vec::with_capacity(chosen.len());
    for (k, text) in chosen.iter().enumerate() {
        let i = super::expect::find_choice(choices, text, format!("chosen[{k}]"))?;
        if !ticked.contains(&i) {
            ticked.push(i);
        }
    }
    Ok(Response::Choices(ticked))
}
