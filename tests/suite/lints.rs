//! Quality lints on crafted banks: each fires where it should (file, line, column), stays quiet
//! where it should not, and can be silenced per bank; the coverage report.

use std::path::Path;

use quizdesk::bank::lint::{Lint, add_lints, coverage, lint};
use quizdesk::bank::{LoadReport, load_str};

use crate::common::{NoSources, bank};

/// Loads `text` and adds its lints, as `quizdesk check` does.
fn checked(text: &str) -> LoadReport {
    let mut r = load_str(Path::new("lint.ron"), text, &NoSources);
    add_lints(&mut r);
    r
}

fn lints_of(text: &str) -> Vec<Lint> {
    lint(&bank(text)).iter().map(|f| f.lint).collect()
}

/// A single-choice question with choices `texts`, the one at `correct` right, every choice with
/// feedback.
fn single(id: &str, prompt: &str, texts: &[&str], correct: usize) -> String {
    let choices: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "(text: \"{t}\", correct: {}, feedback: \"Because.\")",
                i == correct
            )
        })
        .collect();
    format!(
        "(id: \"{id}\", prompt: \"{prompt}\", explanation: \"Why.\", answer: SingleChoice(choices: [{}]))",
        choices.join(", ")
    )
}

fn bank_of(questions: &[String], extra: &str) -> String {
    format!(
        "Bank(format: 1, id: \"b\", title: \"B\", {extra}\nquestions: [\n{}\n])",
        questions.join(",\n")
    )
}

#[test]
fn answer_position_fires_when_most_correct_answers_share_a_position() {
    let prompts = [
        "Where did Putin travel in June?",
        "Who signed the treaty with him?",
        "Which city hosted the summit meeting?",
        "Which body monitored sanctions until April?",
        "Which carrier arrived in Busan harbour?",
        "What did Stoltenberg say about China?",
    ];
    let piled: Vec<String> = prompts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            single(
                &format!("q{i}"),
                p,
                &["alpha", "bravo", "charlie"],
                usize::from(i == 5),
            )
        })
        .collect();
    let r = checked(&bank_of(&piled, ""));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.message.contains("[answer-position]"))
        .unwrap_or_else(|| panic!("{}", r.render()));
    assert!(d.message.starts_with("5 of 6 single-choice questions have their correct answer in position 1 (positions 1: 5, 2: 1)"), "{}", d.message);
    assert_eq!(d.related.len(), 3, "points at some of them");
    // Spread answers: quiet.
    let spread: Vec<String> = prompts
        .iter()
        .enumerate()
        .map(|(i, p)| single(&format!("q{i}"), p, &["alpha", "bravo", "charlie"], i % 3))
        .collect();
    assert!(lints_of(&bank_of(&spread, "")).is_empty());
    // Silenced.
    assert!(lints_of(&bank_of(&piled, "allow: [\"answer-position\"],")).is_empty());
}

#[test]
fn distractor_length_points_at_the_odd_choice() {
    let q = single(
        "q",
        "Who condemned the pact?",
        &[
            "China",
            "The US and its allies in the region, strongly",
            "Japan",
            "Iran",
        ],
        1,
    );
    let r = checked(&bank_of(&[q], ""));
    let d = &r.diagnostics[0];
    assert!(d.message.contains("the correct choice is much longer than the others (45 characters; the others are about 5) [distractor-length]"), "{}", d.message);
    assert_eq!((d.line, d.column), (3, 160), "{}", r.render());
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("allow: [\"distractor-length\"]")
    );
    // Short choices a few characters apart are fine, and so are long ones of similar length.
    let fine = single("q", "Which year?", &["1961", "2000", "2001", "2024"], 3);
    let long = single(
        "q2",
        "Which best sums up the article?",
        &[
            "A pact that pledges mutual military help",
            "A trade deal on oil and gas exports to Asia",
            "A treaty ending the Korean War at long last",
        ],
        0,
    );
    assert!(lints_of(&bank_of(&[fine, long], "")).is_empty());
}

#[test]
fn missing_feedback_and_citation_are_reported_per_answer() {
    let text = r#"Bank(format: 1, id: "b", title: "B", questions: [
        (id: "s", prompt: "Pick one.", explanation: "x", answer: SingleChoice(choices: [
            (text: "a", correct: true), (text: "b"), (text: "c", feedback: "no")])),
        (id: "t", prompt: "True?", explanation: "x", answer: TrueFalse(answer: false, feedback_false: "yes")),
        (id: "w", prompt: "Name?", explanation: "x", answer: ShortAnswer(accept: ["Kim"], wrong: [(text: "Putin", feedback: "")])),
    ])"#;
    let r = checked(text);
    let found: Vec<(usize, &str)> = r
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                3,
                "in question `s`, the wrong choice “b” has no feedback [missing-feedback]"
            ),
            (
                4,
                "in question `t`, the wrong answer (feedback_true) has no feedback [missing-feedback]"
            ),
            (
                5,
                "in question `w`, the known wrong answer “Putin” has no feedback [missing-feedback]"
            ),
        ],
        "{}",
        r.render()
    );
    // Without a source there is nothing to cite, so no missing-citation.
    assert!(!lints_of(text).contains(&Lint::MissingCitation));
    assert!(
        lints_of(&text.replace(
            "title: \"B\",",
            "title: \"B\", allow: [\"missing-feedback\"],"
        ))
        .is_empty()
    );
}

#[test]
fn missing_citation_fires_only_for_banks_with_a_source() {
    let dir = std::env::temp_dir().join(format!("quizdesk-lint-cite-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("src.txt"),
        "First paragraph.\n\nSecond paragraph here.\n\nThird one.\n",
    )
    .unwrap();
    let file = dir.join("b.ron");
    std::fs::write(
        &file,
        r#"Bank(format: 1, id: "b", title: "B", source: (title: "S", file: "src.txt"), questions: [
        (id: "cited", prompt: "P?", explanation: "x", cite: (paragraph: 2, quote: "Second"), answer: TrueFalse(answer: true, feedback_false: "f")),
        (id: "bare", prompt: "Q?", explanation: "x", answer: TrueFalse(answer: true, feedback_false: "f")),
    ])"#,
    )
    .unwrap();
    let mut r = quizdesk::bank::load_file(&file).unwrap();
    add_lints(&mut r);
    assert_eq!(r.diagnostics.len(), 1, "{}", r.render());
    assert_eq!(
        r.diagnostics[0].message,
        "question `bare` does not cite the source [missing-citation]"
    );
    assert_eq!(r.diagnostics[0].line, 3);
    let c = coverage(r.bank.as_ref().unwrap()).unwrap();
    assert_eq!(c.citations, vec![0, 1, 0]);
    assert_eq!(c.uncited(), vec![1, 3]);

    // The CLI: the same warning, and the coverage report in words and in JSON.
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_quizdesk"))
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&["check", "--coverage", file.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("cites 1 of 3 paragraphs of “S”; not cited:\n  paragraph 1: First paragraph.\n  paragraph 3: Third one.\n"), "{out}");
    assert!(
        out.contains("checked 1 file: 1 warning, no errors"),
        "{out}"
    );
    let o = run(&["check", "--json", "--coverage", file.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["coverage"]["uncited"], serde_json::json!([1, 3]));
    assert_eq!(last["coverage"]["paragraphs"], 3);
}

#[test]
fn near_duplicates_are_found_in_either_order_and_short_prompts_are_left_alone() {
    let qs = [
        single(
            "a",
            "When did Putin last visit Pyongyang before 2024?",
            &["x", "y"],
            0,
        ),
        single("b", "Which country abstained in the vote?", &["x", "y"], 1),
        single(
            "c",
            "When did Putin visit Pyongyang before 2024?",
            &["x", "y"],
            0,
        ),
        single("d", "Which country vetoed in the vote?", &["x", "y"], 1),
        single("e", "Who won?", &["x", "y"], 0),
        single("f", "Who lost?", &["x", "y"], 1),
    ];
    let r = checked(&bank_of(&qs, ""));
    let dups: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("[near-duplicate]"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        dups,
        [
            "question `c` asks almost the same as `a` [near-duplicate]",
            "question `d` asks almost the same as `b` [near-duplicate]",
        ],
        "{}",
        r.render()
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("question `c`"))
        .unwrap();
    assert_eq!(d.related[0].line, 3, "points back at `a`");
}

#[test]
fn unknown_lint_names_are_errors_with_a_suggestion() {
    let r = checked(&bank_of(
        &[single("q", "Which?", &["a", "b"], 0)],
        "allow: [\"near-duplicates\"],",
    ));
    assert_eq!(r.error_count(), 1, "{}", r.render());
    let d = &r.diagnostics[0];
    assert_eq!(d.message, "there is no lint named `near-duplicates`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `near-duplicate`?"));
    // The validator's own warning is named and silenced the same way.
    let bare = r#"Bank(format: 1, id: "b", title: "B", allow: ["missing-explanation"], questions: [
        (id: "q", prompt: "P", answer: TrueFalse(answer: true, feedback_false: "f"))])"#;
    assert!(checked(bare).diagnostics.is_empty());
    let noisy = bare.replace("allow: [\"missing-explanation\"], ", "");
    assert!(
        checked(&noisy).diagnostics[0]
            .message
            .ends_with("[missing-explanation]")
    );
}

/// Two questions where the first's prompt names the second's answer.
const LEAKY: &str = r#"Bank(format: 1, id: "b", title: "B", questions: [
    (id: "poe-name", prompt: "What does the abbreviation PoE stand for?", explanation: "x",
     answer: ShortAnswer(accept: ["Panel of Experts", "UN Panel of Experts"])),
    (id: "remain", explanation: "x",
     prompt: "True or false: with the Panel of Experts' mandate expired, the sanctions ended too.",
     answer: TrueFalse(answer: false, feedback_true: "No.", feedback_false: "Yes.")),
    (id: "where", prompt: "In which city did the leaders meet?", explanation: "x",
     answer: ShortAnswer(accept: ["Pyongyang"])),
    (id: "moscow", prompt: "What did the pact replace?", explanation: "x",
     answer: SingleChoice(choices: [
        (text: "Declarations from 1961, 2000 and 2001", correct: true, feedback: "Yes."),
        (text: "A treaty signed in Moscow", feedback: "No."),
     ])),
])"#;

#[test]
fn answer_leak_fires_at_the_text_that_gives_an_answer_away() {
    let r = checked(LEAKY);
    let leaks: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("[answer-leak]"))
        .collect();
    assert_eq!(leaks.len(), 1, "{}", r.render());
    let d = leaks[0];
    assert_eq!(
        d.message,
        "question `remain` gives away the answer of `poe-name` (`Panel of Experts`) [answer-leak]"
    );
    assert_eq!((d.line, d.column), (5, 14), "{}", r.render());
    assert_eq!(d.related.len(), 1);
    assert_eq!(d.related[0].line, 3, "points at the question it gives away");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("apart_from: [\"poe-name\"]")
    );
}

#[test]
fn answer_leak_is_quiet_for_questions_kept_apart_and_when_allowed() {
    let apart = LEAKY.replace(
        "(id: \"remain\",",
        "(id: \"remain\", apart_from: [\"poe-name\"],",
    );
    assert!(
        lints_of(&apart).is_empty(),
        "kept apart: no session asks both"
    );
    // The relation is symmetric: written on the other question it works the same.
    let other = LEAKY.replace(
        "(id: \"poe-name\",",
        "(id: \"poe-name\", apart_from: [\"remain\"],",
    );
    assert!(lints_of(&other).is_empty());
    let allowed = LEAKY.replace("title: \"B\",", "title: \"B\", allow: [\"answer-leak\"],");
    assert!(lints_of(&allowed).is_empty());
    // The leak list itself still has the pair (sessions and tests use it).
    let b = bank(&apart);
    let leaks = quizdesk::bank::lint::answer_leaks(&b);
    assert_eq!(leaks.len(), 1);
    assert_eq!((leaks[0].from, leaks[0].answers), (1, 0));
}

#[test]
fn a_bare_name_among_choices_or_a_common_word_is_not_a_leak() {
    // "Moscow" is a choice, and the answer a statement; "Pyongyang" is not shown elsewhere.
    let quiet = LEAKY.replace(
        "with the Panel of Experts' mandate expired",
        "with the mandate expired",
    );
    assert!(lints_of(&quiet).is_empty(), "{:?}", lints_of(&quiet));
}

#[test]
fn apart_from_with_an_unknown_or_own_id_is_an_error() {
    // The first error of LEAKY with `apart_from: [id]` on question `remain`.
    let error_with = |id: &str| {
        let text = LEAKY.replace(
            "(id: \"remain\",",
            &format!("(id: \"remain\", apart_from: [\"{id}\"],"),
        );
        let r = crate::common::report(&text);
        r.diagnostics.into_iter().find(|d| d.is_error()).unwrap()
    };
    let e = error_with("poe-nam");
    assert_eq!(e.message, "there is no question with id `poe-nam`");
    assert_eq!((e.line, e.column), (4, 33));
    assert_eq!(e.hint.as_deref(), Some("did you mean `poe-name`?"));
    let e = error_with("remain");
    assert_eq!(e.message, "question `remain` is kept apart from itself");
}
