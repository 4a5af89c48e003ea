//! Choices, shared by the two choice kinds ([`super::single_choice`], [`super::multiple_select`])
//! and cloze drop-down gaps: the checks, the pinned shuffle, tally rows, worksheets and keys.

use std::fmt::{self, Write as _};

use super::Form;
use super::check::distinct_texts;
use super::ron::string;
use super::{Block, Shown, Shuffler, TallyRow};
use crate::diag::findings::Findings;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    /// Why this choice is right or wrong.
    pub feedback: String,
    /// A tag naming the confusion this distractor captures.
    pub misconception: Option<String>,
    /// Keeps its position when choices are shuffled.
    pub pinned: bool,
}

/// A choice as written in a quiz file.
#[derive(Debug, serde::Deserialize)]
#[serde(rename = "Choice", deny_unknown_fields)]
pub struct RawChoice {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    #[serde(default)]
    pub feedback: String,
    #[serde(default)]
    pub misconception: Option<String>,
    #[serde(default)]
    pub pinned: bool,
}

/// At least two choices, all different; the checked choices.
pub(super) fn check_list(
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

/// Exactly one correct choice among those at `path.choices`; `what` names the question or gap
/// in messages and `hint` says what to do when several are marked.
pub(super) fn check_one_correct(
    f: &mut Findings,
    path: &dyn fmt::Display,
    choices: &[Choice],
    what: &str,
    hint: &str,
) -> bool {
    let correct: Vec<usize> = (0..choices.len()).filter(|&i| choices[i].correct).collect();
    match correct.len() {
        0 => {
            f.error(
                format!("{path}.choices"),
                format!("{what} needs exactly one correct choice; none is marked"),
                "no correct choice",
            )
            .hint("mark the right one with `correct: true`");
            false
        }
        1 => true,
        n => {
            f.error(
                format!("{path}.choices[{}].correct", correct[1]),
                format!("{what} needs exactly one correct choice; {n} are marked"),
                "another correct choice",
            )
            .related(
                format!("{path}.choices[{}].correct", correct[0]),
                "first correct choice",
            )
            .hint(hint);
            false
        }
    }
}

/// The correct choices' texts.
pub(super) fn correct_answer(choices: &[Choice]) -> String {
    choices
        .iter()
        .filter(|c| c.correct)
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The text of choice `i`, or a placeholder for an index the bank does not have.
pub(super) fn text(choices: &[Choice], i: usize) -> String {
    choices
        .get(i)
        .map_or_else(|| format!("choice {i}"), |c| c.text.clone())
}

/// The choices in presentation order: with `shuffle`, only the unpinned choices move, among the
/// unpinned positions.
pub(super) fn presentation_order(
    choices: &[Choice],
    rng: &mut dyn Shuffler,
    shuffle: bool,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..choices.len()).collect();
    if shuffle {
        let mut free: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| !choices[i].pinned)
            .collect();
        rng.shuffle(&mut free);
        let mut free = free.into_iter();
        for slot in order.iter_mut() {
            if !choices[*slot].pinned {
                *slot = free.next().unwrap_or(*slot);
            }
        }
    }
    order
}

pub(super) fn tally_rows(choices: &[Choice], order: &[usize]) -> Vec<TallyRow> {
    order
        .iter()
        .filter_map(|&i| choices.get(i))
        .map(|c| TallyRow {
            label: c.text.clone(),
            correct: Some(c.correct),
        })
        .collect()
}

pub(super) fn shown(choices: &[Choice], order: &[usize], multiple: bool) -> Shown {
    Shown::Choices {
        options: order
            .iter()
            .filter_map(|&i| choices.get(i))
            .map(|c| c.text.clone())
            .collect(),
        multiple,
    }
}

/// `a`, `b`, … for position `i` on a worksheet.
pub fn lower(i: usize) -> char {
    char::from(b'a' + (i % 26) as u8)
}

/// `☐ a) …` for each choice in order.
pub(super) fn worksheet(choices: &[Choice], order: &[usize]) -> Vec<Block> {
    vec![Block::List(
        order
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| {
                choices
                    .get(c)
                    .map(|c| format!("☐ {}) {}", lower(i), c.text))
            })
            .collect(),
    )]
}

/// `Answer: b) …; d) …` with the worksheet's letters.
pub(super) fn key(choices: &[Choice], order: &[usize]) -> Vec<Block> {
    vec![Block::Para(format!(
        "Answer: {}",
        key_letters(choices, order)
    ))]
}

/// The correct choices with the worksheet's letters: `b) …; d) …`.
pub(super) fn key_letters(choices: &[Choice], order: &[usize]) -> String {
    order
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| choices.get(c).map(|c| (i, c)))
        .filter(|(_, c)| c.correct)
        .map(|(i, c)| format!("{}) {}", lower(i), c.text))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `answer: Name(choices: [ … ]),` at `indent`.
pub(super) fn write_ron(out: &mut String, name: &str, choices: &[Choice], indent: &str) {
    let _ = writeln!(out, "{indent}answer: {name}(choices: [");
    write_ron_list(out, choices, &format!("{indent}    "));
    let _ = writeln!(out, "{indent}]),");
}

/// One `(text: …, …),` line per choice at `indent`, defaults left out.
pub(super) fn write_ron_list(out: &mut String, choices: &[Choice], indent: &str) {
    for c in choices {
        let mut fields = vec![format!("text: {}", string(&c.text))];
        if c.correct {
            fields.push("correct: true".into());
        }
        if !c.feedback.is_empty() {
            fields.push(format!("feedback: {}", string(&c.feedback)));
        }
        if let Some(m) = &c.misconception {
            fields.push(format!("misconception: {}", string(m)));
        }
        if c.pinned {
            fields.push("pinned: true".into());
        }
        let _ = writeln!(out, "{indent}({}),", fields.join(", "));
    }
}

pub(super) fn wrong_without_feedback(choices: &[Choice]) -> Vec<(String, String)> {
    choices
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.correct && c.feedback.trim().is_empty())
        .map(|(j, c)| {
            (
                format!(".choices[{j}]"),
                format!("the wrong choice “{}”", c.text),
            )
        })
        .collect()
}

/// Single choice and multiple select: each choice's text and correctness.
pub(super) fn canonical(form: &mut Form, choices: &[Choice]) {
    form.count(choices.len());
    for choice in choices {
        form.text(&choice.text);
        form.flag(choice.correct);
    }
}

/// What a list of choices holds, for loss reports: `4 choices (1 right)`, `feedback on 3`.
pub(crate) fn contents(choices: &[Choice]) -> Vec<String> {
    let right = choices.iter().filter(|c| c.correct).count();
    let mut out = vec![format!(
        "{} ({} right)",
        crate::format::plural(choices.len(), "choice", "choices"),
        right
    )];
    let feedback = choices
        .iter()
        .filter(|c| !c.feedback.trim().is_empty())
        .count();
    if feedback > 0 {
        out.push(format!("feedback on {feedback} of {}", choices.len()));
    }
    let tagged = choices.iter().filter(|c| c.misconception.is_some()).count();
    if tagged > 0 {
        out.push(format!("misconception tags on {tagged}"));
    }
    let pinned = choices.iter().filter(|c| c.pinned).count();
    if pinned > 0 {
        out.push(format!("{pinned} pinned"));
    }
    out
}
