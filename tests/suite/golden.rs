//! These values were produced once and are pinned: if one changes, sessions printed or
//! projected with that seed no longer match, so the change is a bug.

use quizdesk::session::rng::SessionRng;
use quizdesk::session::{SessionConfig, plan};

#[test]
fn the_generator_stream_is_pinned() {
    let mut rng = SessionRng::new(4711, 0);
    let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
    assert_eq!(first, GOLDEN_STREAM);
    let mut rng = SessionRng::new(4711, 0);
    let mut v: Vec<u32> = (0..10).collect();
    rng.shuffle(&mut v);
    assert_eq!(v, GOLDEN_SHUFFLE);
}

/// A bank kept only for this test: never edit it.
const GOLDEN_BANK: &str = r#"Bank(format: 1, id: "golden", title: "Golden", questions: [
    (id: "a", prompt: "A", explanation: "x", answer: SingleChoice(choices: [(text: "1", correct: true), (text: "2"), (text: "3"), (text: "4")])),
    (id: "b", prompt: "B", explanation: "x", answer: MultipleSelect(choices: [(text: "1", correct: true), (text: "2"), (text: "3", correct: true), (text: "4"), (text: "5")])),
    (id: "c", prompt: "C", explanation: "x", answer: TrueFalse(answer: false)),
    (id: "d", prompt: "D", explanation: "x", answer: Ordering(items: ["1", "2", "3", "4", "5"])),
    (id: "e", prompt: "E", explanation: "x", answer: Matching(pairs: [("a", "1"), ("b", "2"), ("c", "3")], distractors: ["4"])),
    (id: "f", prompt: "F", explanation: "x", answer: ShortAnswer(accept: ["x"])),
    (id: "g", prompt: "G", explanation: "x", answer: SingleChoice(choices: [(text: "1"), (text: "2", correct: true), (text: "3", pinned: true)])),
])"#;

#[test]
fn seed_4711_is_pinned() {
    let bank = crate::common::bank(GOLDEN_BANK);
    let (items, _) = plan(
        &bank,
        &SessionConfig {
            seed: 4711,
            ..SessionConfig::default()
        },
    )
    .unwrap();
    let got: Vec<(&str, Vec<usize>)> = items
        .iter()
        .map(|it| (bank.questions()[it.question].id.as_str(), it.order.clone()))
        .collect();
    let want: Vec<(&str, Vec<usize>)> = GOLDEN_SAMPLE
        .iter()
        .map(|(id, o)| (*id, o.to_vec()))
        .collect();
    assert_eq!(got, want);
    // Same seed, fewer questions: the choice order of a question does not depend on which
    // other questions were picked.
    let (three, _) = plan(
        &bank,
        &SessionConfig {
            seed: 4711,
            count: Some(3),
            ..SessionConfig::default()
        },
    )
    .unwrap();
    for it in three {
        let full = items.iter().find(|x| x.question == it.question).unwrap();
        assert_eq!(it.order, full.order);
    }
}

const GOLDEN_STREAM: [u64; 3] = [
    2800564769248426080,
    3699199145744502398,
    6379684585188807194,
];
const GOLDEN_SHUFFLE: [u32; 10] = [1, 2, 4, 3, 7, 5, 0, 6, 8, 9];
const GOLDEN_SAMPLE: &[(&str, &[usize])] = &[
    ("b", &[3, 0, 4, 2, 1]),
    ("c", &[]),
    ("d", &[3, 0, 4, 2, 1]),
    ("a", &[2, 3, 0, 1]),
    ("f", &[]),
    ("e", &[1, 3, 0, 2]),
    ("g", &[1, 0, 2]),
];
