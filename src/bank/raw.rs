//! The first stage of parsing: serde structs that mirror a quiz file exactly.
//!
//! These types accept anything that is well-formed RON of the right shape (unknown fields are
//! rejected here), but they can still hold an invalid quiz: no correct choice, duplicate ids, a
//! range whose minimum is above its maximum. [`super::validate`] turns them into the checked
//! types of [`super::model`]. Field names here are the names authors write; `quizzes/FORMAT.md`
//! documents every one.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename = "Bank", deny_unknown_fields)]
pub struct RawBank {
    pub format: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub source: Option<RawSource>,
    #[serde(default)]
    pub sections: Vec<String>,
    /// Lints silenced for this bank, by name (`"missing-citation"`).
    #[serde(default)]
    pub allow: Vec<String>,
    pub questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Source", deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
    pub file: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub attribution: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Question", deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub difficulty: Option<RawDifficulty>,
    #[serde(default)]
    pub points: Option<u32>,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub cite: Option<RawCite>,
    pub answer: RawAnswer,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename = "Difficulty")]
pub enum RawDifficulty {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Cite", deny_unknown_fields)]
pub struct RawCite {
    pub paragraph: u32,
    pub quote: String,
}

/// The kind of question and everything needed to grade it.
#[derive(Debug, Deserialize)]
#[serde(rename = "Answer", deny_unknown_fields)]
pub enum RawAnswer {
    SingleChoice {
        choices: Vec<RawChoice>,
    },
    MultipleSelect {
        choices: Vec<RawChoice>,
    },
    TrueFalse {
        answer: bool,
        #[serde(default)]
        feedback_true: String,
        #[serde(default)]
        feedback_false: String,
        #[serde(default)]
        misconception: Option<String>,
    },
    ShortAnswer {
        accept: Vec<String>,
        #[serde(default)]
        typos: u8,
        #[serde(default)]
        wrong: Vec<RawWrong>,
    },
    Numeric {
        #[serde(default)]
        answer: Option<f64>,
        #[serde(default)]
        tolerance: Option<f64>,
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
        #[serde(default)]
        unit: Option<String>,
    },
    Ordering {
        items: Vec<String>,
    },
    Matching {
        pairs: Vec<(String, String)>,
        #[serde(default)]
        distractors: Vec<String>,
    },
    Discussion {
        model_answer: String,
        rubric: Vec<RawRubricPoint>,
        #[serde(default)]
        minutes: Option<u32>,
    },
}

#[derive(Debug, Deserialize)]
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

/// A wrong short answer that deserves its own feedback.
#[derive(Debug, Deserialize)]
#[serde(rename = "Wrong", deny_unknown_fields)]
pub struct RawWrong {
    pub text: String,
    #[serde(default)]
    pub feedback: String,
    #[serde(default)]
    pub misconception: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Rubric", deny_unknown_fields)]
pub struct RawRubricPoint {
    pub point: String,
    #[serde(default = "one")]
    pub weight: u32,
    #[serde(default)]
    pub cite: Option<RawCite>,
}

fn one() -> u32 {
    1
}
