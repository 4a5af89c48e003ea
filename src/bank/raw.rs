//! The first stage of parsing: serde structs that mirror a quiz file exactly.
//!
//! These types accept anything that is well-formed RON of the right shape (unknown fields are
//! rejected here), but they can still hold an invalid quiz: no correct choice, duplicate ids, a
//! range whose minimum is above its maximum. [`super::validate`] turns them into the checked
//! types of [`super::model`]. Field names here are the names authors write; `quizzes/FORMAT.md`
//! documents every one.

use serde::Deserialize;

pub use crate::kinds::{
    Expectation, ExpectedVerdict, RawAnswer, RawChoice, RawGap, RawRubricPoint, RawWrong,
};
pub use crate::source::RawCite;

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
    /// Answer tests: answers a learner might give, with the verdict each must get.
    #[serde(default)]
    pub expect: Vec<Expectation>,
    /// Ids of questions never asked in one session with this one (the relation is symmetric).
    #[serde(default)]
    pub apart_from: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename = "Difficulty")]
pub enum RawDifficulty {
    Easy,
    Medium,
    Hard,
}
