//! Answer tests: answers a learner might give, each with the verdict it must get, written in the
//! question (`expect: [(answer: "in Pyongyang", verdict: Right)]`). The loader grades each one
//! with the question's own key and reports any that comes out otherwise, so a grader that is too
//! strict (or too lenient) is caught when the bank is checked, not by a learner.
//!
//! How an expectation becomes a [`Response`] is the kind's business: each kind's module has a
//! small `response_for` function, and [`super::Kind::response_for`] picks it. The choice helpers
//! shared by the choice kinds (finding a choice by its text) live here.

use super::choice::Choice;
use crate::diag::did_you_mean;
use crate::text::fold;

/// One answer test as written in a quiz file: `(answer: "…", verdict: Right)` for typed kinds,
/// `(chosen: ["…", …], verdict: Partly)` for choice kinds.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(rename = "Expect", deny_unknown_fields)]
pub struct Expectation {
    /// What is typed (short answer, numeric; cloze gaps separated by `|`).
    #[serde(default)]
    pub answer: Option<String>,
    /// The texts of the choices picked or ticked (true/false: `"True"` or `"False"`).
    #[serde(default)]
    pub chosen: Option<Vec<String>>,
    pub verdict: ExpectedVerdict,
}

/// The verdict an answer test expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename = "Verdict")]
pub enum ExpectedVerdict {
    /// Full marks.
    Right,
    /// Some but not all of the marks.
    Partly,
    /// No marks.
    Wrong,
}

impl ExpectedVerdict {
    /// The verdict a score earns.
    pub fn of_score(score: f64) -> Self {
        if score >= 1.0 {
            ExpectedVerdict::Right
        } else if score <= 0.0 {
            ExpectedVerdict::Wrong
        } else {
            ExpectedVerdict::Partly
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ExpectedVerdict::Right => "Right",
            ExpectedVerdict::Partly => "Partly",
            ExpectedVerdict::Wrong => "Wrong",
        }
    }
}

impl Expectation {
    /// What the test answers, said for people (for messages): the typed text, or the chosen
    /// texts joined with `; `.
    pub fn said(&self) -> String {
        match (&self.answer, &self.chosen) {
            (Some(a), _) => a.clone(),
            (None, Some(c)) => c.join("; "),
            (None, None) => String::new(),
        }
    }
}

/// Why an answer test cannot be turned into a response: what is wrong, the field it is about
/// (below the expectation: `"answer"`, `"chosen"`, or `""` for the whole entry) and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectError {
    pub field: String,
    pub message: String,
    pub hint: Option<String>,
}

impl ExpectError {
    pub(super) fn new(
        field: impl Into<String>,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            hint,
        }
    }
}

/// The typed answer of a test for a typed kind (`what`: "a short-answer question").
pub(super) fn typed<'e>(e: &'e Expectation, what: &str) -> Result<&'e str, ExpectError> {
    match (&e.answer, &e.chosen) {
        (Some(a), None) => Ok(a),
        (_, Some(_)) => Err(ExpectError::new(
            "chosen",
            format!("{what} is typed, so its answer tests give `answer`, not `chosen`"),
            Some("write `(answer: \"what a learner types\", verdict: Right)`".into()),
        )),
        (None, None) => Err(ExpectError::new(
            "",
            "this answer test gives no `answer`",
            Some("write `(answer: \"what a learner types\", verdict: Right)`".into()),
        )),
    }
}

/// The chosen texts of a test for a choice kind (`what`: "a single-choice question").
pub(super) fn chosen<'e>(e: &'e Expectation, what: &str) -> Result<&'e [String], ExpectError> {
    match (&e.chosen, &e.answer) {
        (Some(c), None) => Ok(c),
        (_, Some(_)) => Err(ExpectError::new(
            "answer",
            format!(
                "{what} is answered by choosing, so its answer tests give `chosen`, not `answer`"
            ),
            Some("write `(chosen: [\"the text of a choice\"], verdict: Right)`".into()),
        )),
        (None, None) => Err(ExpectError::new(
            "",
            "this answer test gives no `chosen`",
            Some("write `(chosen: [\"the text of a choice\"], verdict: Right)`".into()),
        )),
    }
}

/// The index of the choice whose text is `text`: the one written the same (spaces at the ends
/// aside), else the only one that is the same folded (case, accents, spacing and punctuation
/// ignored; choices such as `C` and `C++` differ only there, so they are told apart by their
/// exact text); or an error about `field` with a did-you-mean hint.
pub(super) fn find_choice(
    choices: &[Choice],
    text: &str,
    field: String,
) -> Result<usize, ExpectError> {
    let exact = choices.iter().position(|c| c.text.trim() == text.trim());
    let wanted = fold(text);
    let mut folded =
        (0..choices.len()).filter(|&i| choices.get(i).is_some_and(|c| fold(&c.text) == wanted));
    let unique = match (folded.next(), folded.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    };
    exact.or(unique).ok_or_else(|| {
        ExpectError::new(
            field,
            format!("`{text}` is not one of the question's choices"),
            did_you_mean(text, choices.iter().map(|c| c.text.as_str())).or_else(|| {
                Some(format!(
                    "the choices are {}",
                    choices
                        .iter()
                        .map(|c| format!("`{}`", c.text))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }),
        )
    })
}

/// The error for a kind that takes no answer tests (`what`: "an ordering question").
pub(super) fn not_for(what: &str) -> ExpectError {
    ExpectError::new(
        "",
        format!("{what} cannot have answer tests (`expect`)"),
        Some(
            "answer tests are for single choice, multiple select, true/false, short answer, \
             numeric and cloze questions; remove `expect`"
                .into(),
        ),
    )
}
