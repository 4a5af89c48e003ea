use std::path::Path;
use std::sync::Arc;

use quizdesk::bank::{Bank, LoadReport, SourceError, SourceResolver, load_str};

/// A resolver for banks without a source.
pub struct NoSources;

impl SourceResolver for NoSources {
    fn read(&self, file: &str) -> Result<String, SourceError> {
        Err(SourceError::NotFound(file.into()))
    }
}

/// A fresh, empty folder for one test (`name` is unique across the suite).
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("quizdesk-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the built `quizdesk` binary in the crate's folder.
pub fn quizdesk(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

pub fn report(text: &str) -> LoadReport {
    load_str(Path::new("test.ron"), text, &NoSources)
}

/// Loads a bank that must be valid, failing the test with rendered diagnostics otherwise.
pub fn bank(text: &str) -> Arc<Bank> {
    let r = report(text);
    match r.bank {
        Some(b) => Arc::new(b),
        None => panic!("bank did not load:\n{}", r.render()),
    }
}

/// A bank with one question per kind, ids named after the kind.
pub const ALL_KINDS: &str = r#"Bank(
    format: 1, id: "kinds", title: "Every kind",
    sections: ["A", "B"],
    questions: [
        (id: "single", prompt: "Capital?", section: "A", difficulty: Easy, explanation: "Pyongyang.",
         answer: SingleChoice(choices: [
            (text: "Seoul", feedback: "South.", misconception: "two-koreas"),
            (text: "Pyongyang", correct: true, feedback: "Yes."),
            (text: "Moscow", feedback: "Russia."),
         ])),
        (id: "multi", prompt: "Years?", section: "A", points: 3, explanation: "Three.",
         answer: MultipleSelect(choices: [
            (text: "1961", correct: true, feedback: "f1961"),
            (text: "2000", correct: true, feedback: "f2000"),
            (text: "2023", feedback: "f2023", misconception: "date-mixup"),
            (text: "2001", correct: true, feedback: "f2001"),
            (text: "1950", feedback: "f1950"),
         ])),
        (id: "tf", prompt: "Kim pledged support.", section: "B", explanation: "True.",
         answer: TrueFalse(answer: true, feedback_true: "said true", feedback_false: "said false", misconception: "doubt")),
        (id: "short", prompt: "NATO chief?", section: "B", difficulty: Hard, explanation: "Stoltenberg.",
         answer: ShortAnswer(accept: ["Stoltenberg", "Jens Stoltenberg"], typos: 1,
            wrong: [(text: "Blinken", feedback: "He is the US Secretary of State.", misconception: "who-said-what")])),
        (id: "num", prompt: "Years since last visit?", explanation: "24.",
         answer: Numeric(answer: 24, tolerance: 1, unit: "years")),
        (id: "range", prompt: "A year between?", explanation: "Range.",
         answer: Numeric(min: 2000, max: 2001)),
        (id: "order", prompt: "Order.", explanation: "Chronology.",
         answer: Ordering(items: ["1961", "2000", "2001", "2024"])),
        (id: "match", prompt: "Match.", explanation: "Roles.",
         answer: Matching(pairs: [("Stoltenberg", "NATO"), ("Blinken", "US"), ("Kim", "DPRK")], distractors: ["UN"])),
        (id: "discuss", prompt: "Discuss.", points: 4, explanation: "Open.",
         answer: Discussion(model_answer: "A model.", rubric: [(point: "one", weight: 1), (point: "three", weight: 3)], minutes: 5)),
    ],
)"#;

/// A recorded session start for `bank_id` (history fixtures).
pub fn start_event(session: &str, at_ms: u64, bank_id: &str) -> quizdesk::progress::Event {
    quizdesk::progress::Event::Start(quizdesk::progress::SessionStart {
        session: session.into(),
        at_ms,
        bank: bank_id.into(),
        bank_title: bank_id.into(),
        bank_hash: String::new(),
        config: quizdesk::session::SessionConfig {
            seed: 4711,
            ..quizdesk::session::SessionConfig::default()
        },
        questions: Vec::new(),
    })
}

/// A recorded answer (history fixtures): full marks when `verdict` is correct, none otherwise.
pub fn answer_event(
    session: &str,
    at_ms: u64,
    question: &quizdesk::bank::Question,
    verdict: quizdesk::session::Verdict,
    response: Option<quizdesk::session::Response>,
) -> quizdesk::progress::Event {
    let score = if verdict == quizdesk::session::Verdict::Correct {
        1.0
    } else {
        0.0
    };
    quizdesk::progress::Event::Answer(quizdesk::progress::AnswerRecord {
        session: session.into(),
        at_ms,
        question: question.id.clone(),
        question_hash: quizdesk::progress::question_hash(question),
        section: question.section.clone(),
        response,
        verdict,
        score,
        points: score,
        max_points: 1,
        time_ms: 2000,
        misconceptions: Vec::new(),
        self_rating: None,
    })
}

/// A recorded end of a finished session.
pub fn end_event(session: &str, at_ms: u64) -> quizdesk::progress::Event {
    quizdesk::progress::Event::End(quizdesk::progress::SessionEnd {
        session: session.into(),
        at_ms,
        finished: true,
    })
}
