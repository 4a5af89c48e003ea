//! A question's identity: a hash of what it asks and what it accepts, and nothing else, so that
//! a learner's history (review memory, statistics) survives cosmetic edits and resets when the
//! question really changes.
//!
//! The hash is taken over an explicit, versioned canonical form ([`canonical_form`]), written
//! out field by field below rather than derived from the Rust types, so renaming a field or
//! adding one that is not part of the key (an explanation, feedback, a hint, tags, the section,
//! the difficulty, misconception tags, citations, pins, points) never changes it. What is in it:
//! the prompt, the kind, and per kind what is offered and what is right, in the bank's order
//! (recorded responses refer to choices and items by position):
//!
//! | kind | in the canonical form |
//! | --- | --- |
//! | single choice, multiple select | each choice's text and whether it is correct |
//! | true/false | the answer |
//! | short answer | the accepted forms, the typos forgiven, the known wrong answers' texts (they win over typo tolerance) |
//! | numeric | the target (value and tolerance, or min and max) and the unit |
//! | ordering | the items, in their correct order |
//! | matching | the pairs, then the distractors |
//! | discussion | the model answer, and each rubric point with its weight |
//! | cloze | the text with its `{n}` markers, and per gap: typed (as a short answer) or the choices with their correctness |
//!
//! What each kind puts in the form is written by the kind itself (`Kind::canonical` in
//! [`crate::kinds`]).
//!
//! The form is a string of fields, each written `<length in bytes>:<text>,` (a netstring), so no
//! text can be mistaken for the boundary between two fields. It starts with [`VERSION`]. It is
//! hashed with 64-bit FNV-1a ([`crate::session::rng::stable_hash`], written out in code, so the
//! value never depends on the Rust version) and written as 16 hexadecimal digits. The whole is
//! documented in `docs/PROGRESS-FORMAT.md`; a golden test pins the hash of a fixed question.
//!
//! Histories written before this form existed hold [`legacy_question_hash`]es: the hash of the
//! question's serde JSON form. [`Identity::matches`] accepts both, so those answers still count.

use crate::bank::{Bank, Question};
use crate::kinds::Form;
use crate::session::rng::stable_hash;

/// The version of the canonical form, its first field. Change it (to `q3`, …) whenever the
/// form changes, and keep accepting the hashes of the versions before.
pub const VERSION: &str = "q2";

/// The canonical form of what `q` asks and accepts (see the module documentation).
pub fn canonical_form(q: &Question) -> String {
    let mut form = Form::default();
    form.text(VERSION);
    form.text(&q.prompt);
    form.text(q.kind.name().as_str());
    q.kind.canonical(&mut form);
    form.0
}

/// The hash of [`canonical_form`]: what the history records as `question_hash`.
pub fn question_hash(q: &Question) -> String {
    format!("{:016x}", stable_hash(&canonical_form(q)))
}

/// **Legacy**: the hash of a question's serde JSON form, which histories recorded before the
/// canonical form ([`VERSION`] `q2`) existed. It changes with any edit and any change to the
/// Rust types, so it is kept only to recognise those old records; never record it.
pub fn legacy_question_hash(q: &Question) -> String {
    let json = serde_json::to_string(q).unwrap_or_default();
    format!("{:016x}", stable_hash(&json))
}

/// A hash of a bank's questions: of their [`question_hash`]es, in order.
pub fn bank_hash(bank: &Bank) -> String {
    joined_hash(bank, question_hash)
}

/// **Legacy**: the bank hash that histories and results files recorded before the canonical
/// form existed (of the [`legacy_question_hash`]es); only to recognise them.
pub fn legacy_bank_hash(bank: &Bank) -> String {
    joined_hash(bank, legacy_question_hash)
}

/// Whether `recorded` (a `bank_hash` from a history or results file) is `bank`'s, as hashed
/// now or as hashed before the canonical form.
pub fn bank_hash_matches(bank: &Bank, recorded: &str) -> bool {
    bank_hash(bank) == recorded || legacy_bank_hash(bank) == recorded
}

fn joined_hash(bank: &Bank, hash: fn(&Question) -> String) -> String {
    let all: Vec<String> = bank.questions().iter().map(hash).collect();
    format!("{:016x}", stable_hash(&all.join(",")))
}

/// A question's identity as it is now, to compare with the hashes answers recorded. The legacy
/// hash is worked out only if an answer's hash is not the current one (an old history).
#[derive(Clone, Debug)]
pub struct Identity<'q> {
    question: &'q Question,
    hash: String,
    legacy: std::cell::OnceCell<String>,
}

impl<'q> Identity<'q> {
    /// The identity of `q` as it is now.
    pub fn of(q: &'q Question) -> Self {
        Self {
            question: q,
            hash: question_hash(q),
            legacy: std::cell::OnceCell::new(),
        }
    }

    /// The hash to record for an answer given now.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Whether an answer that recorded `question_hash` was given to this question as it is
    /// now: the current hash, or the legacy hash of a history written before it (the same
    /// question, unchanged since, in every field).
    pub fn matches(&self, question_hash: &str) -> bool {
        self.hash == question_hash
            || *self
                .legacy
                .get_or_init(|| legacy_question_hash(self.question))
                == question_hash
    }
}
