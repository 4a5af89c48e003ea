//! Answer tests in the format (`expect: [...]`): the loader grades each with the question's key
//! and reports, at its line, every test that gets another verdict or cannot be run.

use quizdesk::diag::Diagnostic;

use crate::common::{bank, report};

fn bank_of(questions: &str) -> String {
    format!("Bank(format: 1, id: \"b\", title: \"B\", questions: [\n{questions}\n])")
}

fn errors(text: &str) -> Vec<Diagnostic> {
    report(text)
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

const CITY: &str = r#"(id: "city", prompt: "Where did they meet?", explanation: "Pyongyang.",
    answer: ShortAnswer(accept: ["Pyongyang", "in Pyongyang"], typos: 1),
    expect: [
        (answer: "Pyongyang", verdict: Right),
        (answer: "pyongyan", verdict: Right),
        (answer: "in Pyongyang", verdict: Right),
        (answer: "Seoul", verdict: Wrong),
    ])"#;

#[test]
fn passing_tests_of_every_kind_that_takes_them_load_clean() {
    let text = bank_of(&format!(
        "{CITY},\n{}",
        r#"(id: "one", prompt: "Capital?", explanation: "x",
    answer: SingleChoice(choices: [(text: "Pyongyang", correct: true), (text: "Seoul")]),
    expect: [(chosen: ["Pyongyang"], verdict: Right), (chosen: ["seoul"], verdict: Wrong)]),
(id: "many", prompt: "Years?", explanation: "x",
    answer: MultipleSelect(choices: [(text: "1961", correct: true), (text: "2000", correct: true), (text: "2023")]),
    expect: [
        (chosen: ["1961", "2000"], verdict: Right),
        (chosen: ["1961"], verdict: Partly),
        (chosen: ["2023"], verdict: Wrong),
        (chosen: [], verdict: Wrong),
    ]),
(id: "tf", prompt: "Kim pledged support.", explanation: "x",
    answer: TrueFalse(answer: true),
    expect: [(chosen: ["True"], verdict: Right), (chosen: ["false"], verdict: Wrong)]),
(id: "num", prompt: "Years since?", explanation: "x",
    answer: Numeric(answer: 24, unit: "years"),
    expect: [(answer: "24", verdict: Right), (answer: "24 years", verdict: Right), (answer: "2000", verdict: Wrong)]),
(id: "gaps", prompt: "Fill in.", explanation: "x",
    answer: Cloze(text: "Signed in {1} by {2}.", gaps: [
        (accept: ["Pyongyang"], typos: 1),
        (choices: [(text: "Kim Jong Un", correct: true), (text: "Kim Il Sung")]),
    ]),
    expect: [
        (answer: "Pyongyang | Kim Jong Un", verdict: Right),
        (answer: "Seoul | Kim Jong Un", verdict: Partly),
        (answer: " | Kim Il Sung", verdict: Wrong),
    ])"#
    ));
    let b = bank(&text);
    assert_eq!(b.questions().len(), 6);
}

#[test]
fn a_failing_test_is_an_error_at_its_verdict_with_a_hint() {
    let text = bank_of(
        r#"(id: "city", prompt: "Where did they meet?", explanation: "Pyongyang.",
    answer: ShortAnswer(accept: ["Pyongyang"], typos: 1),
    expect: [
        (answer: "Pyongyang", verdict: Right),
        (answer: "in Pyongyang", verdict: Right),
    ])"#,
    );
    let r = report(&text);
    assert!(r.bank.is_none(), "a failing answer test is an error");
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{}", r.render());
    assert_eq!(
        e[0].message,
        "expected `in Pyongyang` to be Right, but it is graded Wrong"
    );
    assert_eq!((e[0].line, e[0].column), (6, 43), "{}", r.render());
    let hint = e[0].hint.as_deref().unwrap();
    assert!(hint.contains("add it to `accept`"), "{hint}");
    // Too lenient is caught the same way.
    let lenient = bank_of(
        r#"(id: "n", prompt: "Years?", explanation: "x", answer: Numeric(answer: 24, tolerance: 5),
    expect: [(answer: "20", verdict: Wrong)])"#,
    );
    let e = errors(&lenient);
    assert_eq!(
        e[0].message,
        "expected `20` to be Wrong, but it is graded Right"
    );
    assert_eq!(e[0].line, 3);
}

#[test]
fn a_chosen_text_that_is_not_a_choice_is_an_error_with_did_you_mean() {
    let text = bank_of(
        r#"(id: "many", prompt: "Years?", explanation: "x",
    answer: MultipleSelect(choices: [(text: "1961", correct: true), (text: "Pyongyang")]),
    expect: [(chosen: ["1961", "Pyongyan"], verdict: Partly)])"#,
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].message,
        "`Pyongyan` is not one of the question's choices"
    );
    assert_eq!((e[0].line, e[0].column), (4, 32));
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `Pyongyang`?"));
    // Far from every choice: the hint lists them.
    let far = text.replace("Pyongyan\"", "Moscow\"");
    let e = errors(&far);
    assert_eq!(
        e[0].hint.as_deref(),
        Some("the choices are `1961`, `Pyongyang`")
    );
    // A cloze drop-down is checked the same way.
    let cloze = bank_of(
        r#"(id: "g", prompt: "Fill in.", explanation: "x",
    answer: Cloze(text: "By {1}.", gaps: [(choices: [(text: "Kim Jong Un", correct: true), (text: "Kim Il Sung")])]),
    expect: [(answer: "Kim Jong Um", verdict: Right)])"#,
    );
    let e = errors(&cloze);
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `Kim Jong Un`?"));
}

#[test]
fn tests_of_the_wrong_shape_or_kind_are_located_errors() {
    let text = bank_of(
        r#"(id: "order", prompt: "Order.", explanation: "x", answer: Ordering(items: ["a", "b"]),
    expect: [(answer: "a | b", verdict: Right)]),
(id: "short", prompt: "Name?", explanation: "x", answer: ShortAnswer(accept: ["Kim"]),
    expect: [(chosen: ["Kim"], verdict: Right)]),
(id: "one", prompt: "Pick.", explanation: "x",
    answer: SingleChoice(choices: [(text: "a", correct: true), (text: "b")]),
    expect: [(answer: "a", verdict: Right), (chosen: ["a", "b"], verdict: Right)]),
(id: "tf", prompt: "True?", explanation: "x", answer: TrueFalse(answer: true),
    expect: [(chosen: ["Yes"], verdict: Right)]),
(id: "gaps", prompt: "Fill.", explanation: "x",
    answer: Cloze(text: "{1} and {2}", gaps: [(accept: ["a"]), (accept: ["b"])]),
    expect: [(answer: "a", verdict: Partly)]),
(id: "num", prompt: "How many?", explanation: "x", answer: Numeric(answer: 3),
    expect: [(answer: "three", verdict: Wrong)])"#,
    );
    let found: Vec<(usize, String)> = errors(&text)
        .into_iter()
        .map(|d| (d.line, d.message))
        .collect();
    assert_eq!(
        found,
        [
            (3, "an ordering question cannot have answer tests (`expect`)".to_owned()),
            (5, "a short-answer question is typed, so its answer tests give `answer`, not `chosen`".to_owned()),
            (8, "a single-choice question is answered by choosing, so its answer tests give `chosen`, not `answer`".to_owned()),
            (8, "a single-choice question is answered with one choice, but this test chooses 2".to_owned()),
            (10, "a true/false question is answered `True` or `False`, not `Yes`".to_owned()),
            (13, "the question has 2 gaps, but this test fills 1".to_owned()),
            (15, "`three` cannot be graded: `three` is not a number".to_owned()),
        ]
    );
    for kind in [
        r#"Matching(pairs: [("a", "1"), ("b", "2")])"#,
        r#"Discussion(model_answer: "m", rubric: [(point: "p")])"#,
    ] {
        let text = bank_of(&format!(
            "(id: \"k\", prompt: \"P.\", explanation: \"x\", answer: {kind}, expect: [(answer: \"a\", verdict: Right)])"
        ));
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{kind}");
        assert!(
            e[0].message
                .ends_with("cannot have answer tests (`expect`)")
        );
    }
}
