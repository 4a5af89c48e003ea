//! The ninth kind, Cloze, everywhere a kind works: checking with located diagnostics, grading
//! per gap, sessions, what is shown before the reveal, the presenter's tally, handouts and keys,
//! results files and the gradebook, the RON and GIFT writers, the question screen, identity.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::bank::{Bank, Gap, GapAnswer, Kind, Question, Segment};
use quizdesk::classroom::{Lesson, LessonConfig, tally_rows};
use quizdesk::handout::{Format, handouts};
use quizdesk::interop::{gift, ron_writer};
use quizdesk::library::{Library, Origin};
use quizdesk::results::{Gradebook, parse_results, session_csv};
use quizdesk::session::{
    ManualClock, Response, ResponseError, Session, SessionConfig, Verdict, grade, plan,
};
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{QuizApp, Screen};

use crate::common::{bank, report};

/// One typed gap with typos and a known wrong answer, one drop-down with a pinned choice.
const CLOZE: &str = r#"Bank(format: 1, id: "cz", title: "Cloze", questions: [
    (id: "signing", prompt: "Fill in the blanks.", explanation: "Paragraph 3.",
     answer: Cloze(
        text: "The leaders met in {1} to sign a mutual {2} pact.",
        gaps: [
            (accept: ["Pyongyang", "the North Korean capital"], typos: 1,
             wrong: [(text: "Seoul", feedback: "The South's capital.", misconception: "two-koreas")]),
            (choices: [
                (text: "trade", feedback: "It is about defence.", misconception: "pact-scope"),
                (text: "defence", correct: true, feedback: "Right."),
                (text: "energy"),
                (text: "none of these", pinned: true),
            ]),
        ],
     )),
    (id: "plain", prompt: "Plain?", explanation: "x", answer: TrueFalse(answer: true)),
])"#;

fn cloze_bank() -> Arc<Bank> {
    bank(CLOZE)
}

fn signing(b: &Bank) -> &Question {
    b.question("signing").expect("the cloze question")
}

fn gaps(typed: Option<&str>, picked: Option<usize>) -> Response {
    Response::Gaps(vec![
        typed.map(|t| GapAnswer::Typed(t.into())),
        picked.map(GapAnswer::Picked),
    ])
}

#[test]
fn a_cloze_loads_into_text_segments_and_gaps() {
    let b = cloze_bank();
    let Kind::Cloze(c) = &signing(&b).kind else {
        panic!("a cloze")
    };
    assert_eq!(
        c.segments,
        [
            Segment::Text("The leaders met in ".into()),
            Segment::Gap(0),
            Segment::Text(" to sign a mutual ".into()),
            Segment::Gap(1),
            Segment::Text(" pact.".into()),
        ]
    );
    assert!(matches!(&c.gaps[0], Gap::Typed(sa) if sa.typos == 1));
    assert!(matches!(&c.gaps[1], Gap::Choose(ch) if ch.len() == 4));
    assert_eq!(
        c.text(),
        "The leaders met in {1} to sign a mutual {2} pact."
    );
}

/// `(line, column, message)` of each error.
fn errors(text: &str) -> Vec<(usize, usize, String)> {
    report(text)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

fn one_cloze(text: &str, gaps: &str) -> String {
    format!(
        "Bank(format: 1, id: \"b\", title: \"B\", questions: [\n  (id: \"c\", prompt: \"P\", explanation: \"E\",\n   answer: Cloze(\n    text: {text},\n    gaps: [\n{gaps}\n    ]))])"
    )
}

#[test]
fn every_cloze_mistake_is_reported_at_its_line_with_a_hint() {
    // A marker past the last gap, and a gap the text never uses.
    let e = errors(&one_cloze(
        r#""a {1} b {3}""#,
        "      (accept: [\"x\"]),\n      (accept: [\"y\"]),",
    ));
    assert!(
        e.contains(&(
            4,
            11,
            "the text has `{3}`, but the gaps are numbered 1 to 2".into()
        )),
        "{e:?}"
    );
    assert!(
        e.contains(&(7, 7, "gap 2 is not in the text".into())),
        "{e:?}"
    );
    // A gap used twice.
    let e = errors(&one_cloze(r#""{1} and {1}""#, "      (accept: [\"x\"]),"));
    assert_eq!(e, [(4, 11, "`{1}` appears twice in the text".into())]);
    // Both forms, and neither.
    let e = errors(&one_cloze(
        r#""{1} {2}""#,
        "      (accept: [\"x\"], choices: [(text: \"a\", correct: true), (text: \"b\")]),\n      (),",
    ));
    assert_eq!(
        e,
        [
            (
                6,
                7,
                "a gap is either typed (`accept`) or a drop-down (`choices`), not both".into()
            ),
            (
                7,
                7,
                "a gap needs `accept` (typed) or `choices` (a drop-down)".into()
            ),
        ]
    );
    // A drop-down needs exactly one correct choice, at least two choices, and no typos.
    let e = errors(&one_cloze(
        r#""{1} {2} {3}""#,
        "      (choices: [(text: \"a\"), (text: \"b\")]),\n      (choices: [(text: \"a\", correct: true)]),\n      (typos: 1, choices: [(text: \"a\", correct: true), (text: \"b\")]),",
    ));
    assert_eq!(
        e,
        [
            (
                6,
                17,
                "a drop-down gap needs exactly one correct choice; none is marked".into()
            ),
            (
                7,
                17,
                "a choice question needs at least two choices; it has 1".into()
            ),
            (
                8,
                7,
                "`typos`, `wrong` and `otherwise` go with a typed gap (`accept`), not with `choices`".into()
            ),
        ]
    );
    // A typed gap is checked as a short answer; no gaps at all is an error too.
    let e = errors(&one_cloze(
        r#""{1}""#,
        "      (accept: [\"x\", \"X.\"], typos: 3),",
    ));
    assert_eq!(
        e.iter()
            .map(|(l, _, m)| (*l, m.as_str()))
            .collect::<Vec<_>>(),
        [
            (6, "duplicate accepted answer `X.`"),
            (6, "`typos` is 3; at most 2 edits can be forgiven"),
        ]
    );
    let e = errors(&one_cloze(r#""no gaps""#, ""));
    assert_eq!(
        e.iter().map(|(_, _, m)| m.as_str()).collect::<Vec<_>>(),
        ["a cloze question needs at least one gap"]
    );
    // The hint says where the unused gap goes.
    let r = report(&one_cloze(
        r#""{1}""#,
        "      (accept: [\"x\"]),\n      (accept: [\"y\"]),",
    ));
    assert!(
        r.render()
            .contains("hint: write `{2}` in the text where it goes"),
        "{}",
        r.render()
    );
}

#[test]
fn each_gap_is_graded_and_the_score_is_the_share_right() {
    let b = cloze_bank();
    let q = signing(&b);
    let all = grade(q, &gaps(Some("pyongyang"), Some(1))).unwrap();
    assert_eq!(all.verdict, Verdict::Correct);
    assert_eq!(all.score, 1.0);
    assert!(
        all.feedback.iter().all(|f| !f.contains("Gap 1 is")),
        "{:?}",
        all.feedback
    );

    // A typo is forgiven, the wrong choice's feedback and misconception come through.
    let half = grade(q, &gaps(Some("Pyongyamg"), Some(0))).unwrap();
    assert_eq!(half.verdict, Verdict::Partial);
    assert!((half.score - 0.5).abs() < 1e-9);
    assert_eq!(
        half.feedback,
        [
            "Gap 1: Accepted despite a typo: it is spelt \u{201c}Pyongyang\u{201d}.",
            "Gap 2: It is about defence.",
            "Gap 2 is \u{201c}defence\u{201d}.",
        ]
    );
    assert_eq!(half.misconceptions, ["pact-scope"]);

    // A known wrong answer wins over typos; a blank gap is wrong with the answer shown.
    let wrong = grade(q, &gaps(Some("Seoul"), None)).unwrap();
    assert_eq!(wrong.verdict, Verdict::Wrong);
    assert_eq!(wrong.misconceptions, ["two-koreas"]);
    assert!(
        wrong
            .feedback
            .contains(&"Gap 1: The South's capital.".to_owned())
    );
    assert!(
        wrong
            .feedback
            .contains(&"Gap 2 is \u{201c}defence\u{201d}.".to_owned())
    );
    assert_eq!(wrong.correct_answer, "(1) Pyongyang; (2) defence");

    // What cannot be graded.
    assert_eq!(grade(q, &gaps(None, None)), Err(ResponseError::Empty));
    assert_eq!(grade(q, &gaps(Some("  "), None)), Err(ResponseError::Empty));
    assert_eq!(
        grade(q, &Response::Gaps(vec![None])),
        Err(ResponseError::WrongLength {
            expected: 2,
            found: 1
        })
    );
    assert_eq!(
        grade(q, &gaps(Some("x"), Some(9))),
        Err(ResponseError::NoSuchChoice(9))
    );
    assert!(matches!(
        grade(q, &Response::Gaps(vec![Some(GapAnswer::Picked(0)), None])),
        Err(ResponseError::WrongKind { .. })
    ));
    assert!(matches!(
        grade(q, &Response::Text("Pyongyang".into())),
        Err(ResponseError::WrongKind { .. })
    ));
    assert_eq!(
        q.kind.describe(&gaps(Some(" Seoul "), Some(0))),
        "(1) Seoul; (2) trade"
    );
    assert_eq!(
        q.kind.describe(&gaps(None, Some(1))),
        "(1) (blank); (2) defence"
    );
}

#[test]
fn sessions_shuffle_each_drop_down_by_the_seed_keeping_pins() {
    let b = cloze_bank();
    let orders: Vec<Vec<usize>> = (1..=40)
        .map(|seed| {
            let config = SessionConfig {
                seed,
                ..SessionConfig::default()
            };
            let (items, _) = plan(&b, &config).unwrap();
            items
                .into_iter()
                .find(|i| i.question == 0)
                .map(|i| i.order)
                .unwrap()
        })
        .collect();
    for order in &orders {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            [0, 1, 2, 3],
            "a permutation of the drop-down's choices"
        );
        assert_eq!(order[3], 3, "the pinned choice keeps its place");
    }
    assert!(
        orders.iter().any(|o| o[..3] != [0, 1, 2]),
        "shuffled for some seed"
    );
    // The same seed, the same order.
    let again = plan(
        &b,
        &SessionConfig {
            seed: 7,
            ..SessionConfig::default()
        },
    )
    .unwrap();
    assert_eq!(
        again.0.iter().find(|i| i.question == 0).unwrap().order,
        orders[6]
    );
    let unshuffled = plan(
        &b,
        &SessionConfig {
            shuffle_choices: false,
            ..SessionConfig::default()
        },
    )
    .unwrap();
    assert_eq!(
        unshuffled.0.iter().find(|i| i.question == 0).unwrap().order,
        [0, 1, 2, 3]
    );
}

#[test]
fn before_the_reveal_nothing_gives_the_answer_away() {
    let b = cloze_bank();
    let q = signing(&b);
    let order = [2, 0, 1, 3];
    let shown = serde_json::to_string(&q.kind.shown(&order)).unwrap();
    // The drop-down's options, in the order shown; the typed gap has none.
    assert!(
        shown.contains(r#""gaps":[[],["energy","trade","defence","none of these"]]"#),
        "{shown}"
    );
    for secret in [
        "Pyongyang",
        "correct",
        "Seoul",
        "It is about defence",
        "Paragraph 3",
    ] {
        assert!(!shown.contains(secret), "{secret} leaks in {shown}");
    }
    let revealed = q.kind.revealed(&order);
    assert_eq!(revealed.correct_answer, "(1) Pyongyang; (2) defence");
}

#[test]
fn the_presenter_tallies_a_cloze_as_right_partly_or_wrong() {
    let b = cloze_bank();
    let rows = tally_rows(signing(&b), &[]);
    let labels: Vec<(&str, Option<bool>)> =
        rows.iter().map(|r| (r.label.as_str(), r.correct)).collect();
    assert_eq!(
        labels,
        [
            ("Right", Some(true)),
            ("Partly right", None),
            ("Wrong", Some(false))
        ]
    );
    let config = SessionConfig {
        shuffle_questions: false,
        ..SessionConfig::default()
    };
    let mut lesson = Lesson::new(b.clone(), config, LessonConfig::default(), 0.0).unwrap();
    assert_eq!(lesson.question().id, "signing");
    lesson.tally(0, 3);
    lesson.tally(1, 2);
    assert_eq!(lesson.slide().tally, [3, 2, 0]);
    let csv = lesson.results_csv();
    assert!(csv.contains("signing"), "{csv}");
}

#[test]
fn handouts_print_numbered_blanks_and_the_key_gives_each_gap() {
    let b = cloze_bank();
    let files = handouts(&b, 4711, 1, Format::Markdown).unwrap();
    let sheet = &files[0].contents;
    let key = &files[1].contents;
    assert!(
        sheet.contains("The leaders met in (1) \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ to sign a mutual (2) \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ pact."),
        "{sheet}"
    );
    assert!(sheet.contains("- (2) a) "), "{sheet}");
    assert!(
        sheet.contains("d) none of these"),
        "the pin keeps the last letter: {sheet}"
    );
    assert!(!sheet.contains("Pyongyang"), "{sheet}");
    // The key names the typed answers and the drop-down's letter as printed.
    let (items, _) = plan(
        &b,
        &SessionConfig {
            seed: 4711,
            ..SessionConfig::default()
        },
    )
    .unwrap();
    let order = &items.iter().find(|i| i.question == 0).unwrap().order;
    let letter = char::from(b'a' + order.iter().position(|&o| o == 1).unwrap() as u8);
    assert!(
        key.contains(&format!(
            "Answer: (1) Pyongyang (also: the North Korean capital); (2) {letter}) defence"
        )),
        "{key}"
    );
}

#[test]
fn results_files_and_the_gradebook_carry_cloze_answers() {
    let b = cloze_bank();
    let clock = ManualClock::new();
    let config = SessionConfig {
        shuffle_questions: false,
        ..SessionConfig::default()
    };
    let mut s = Session::new(b.clone(), config, Box::new(clock.clone())).unwrap();
    clock.advance_ms(3000);
    s.answer(gaps(Some("Pyongyang"), Some(0))).unwrap();
    s.next_question();
    s.answer(Response::Bool(true)).unwrap();
    s.finish();
    let at = UNIX_EPOCH + Duration::from_secs(1_795_883_302);
    let csv = session_csv("Ana", &s, at);
    let file = parse_results("ana.csv", &csv).unwrap();
    let row = &file.results.rows[0];
    assert_eq!(row.question, "signing");
    assert_eq!(row.verdict, Verdict::Partial);
    assert_eq!(row.answer, "(1) Pyongyang; (2) trade");
    assert_eq!(row.correct_answer, "(1) Pyongyang; (2) defence");
    assert!((row.points - 0.5).abs() < 1e-9);
    assert_eq!(row.misconceptions, ["pact-scope"]);
    let book = Gradebook::build(vec![Ok(file)], Some(&b));
    assert!(book.rejected.is_empty(), "{book:?}");
    assert_eq!(book.students[0].correct, 1);
    let text = book.render(quizdesk::results::ReportFormat::Text);
    assert!(text.contains("pact-scope"), "{text}");
}

#[test]
fn the_bank_writer_round_trips_a_cloze() {
    let b = cloze_bank();
    let mut ron = String::new();
    ron_writer::question(&mut ron, signing(&b), "        ");
    let text = format!("Bank(format: 1, id: \"w\", title: \"W\", questions: [\n{ron}])");
    let back = bank(&text);
    let (Kind::Cloze(a), Kind::Cloze(c)) = (&signing(&b).kind, &back.questions()[0].kind) else {
        panic!("cloze both ways:\n{text}")
    };
    assert_eq!(a.text(), c.text());
    assert_eq!(a.key_response(), c.key_response());
    let Gap::Choose(choices) = &c.gaps[1] else {
        panic!("drop-down")
    };
    assert!(choices[3].pinned);
    assert_eq!(choices[0].misconception.as_deref(), Some("pact-scope"));
}

#[test]
fn gift_carries_a_one_gap_cloze_as_missing_word_and_says_what_it_cannot() {
    let b = bank(
        r#"Bank(format: 1, id: "g", title: "G", questions: [
        (id: "one", prompt: "Fill in the blank.", explanation: "E.",
         answer: Cloze(text: "Kim met Putin in {1} last week.", gaps: [(choices: [(text: "Pyongyang", correct: true), (text: "Moscow", feedback: "Not there.")])])),
        (id: "typed", prompt: "Complete:", explanation: "F.",
         answer: Cloze(text: "The pact replaces {1} declarations.", gaps: [(accept: ["previous", "earlier"])])),
        (id: "two", prompt: "P", explanation: "E.",
         answer: Cloze(text: "{1} and {2}.", gaps: [(accept: ["a"]), (accept: ["b"])])),
    ])"#,
    );
    let export = gift::export(&b);
    assert!(
        export.text.contains(
            "::one:: Kim met Putin in {\n\t=Pyongyang\n\t~Moscow#Not there.\n\t####E.\n} last week.\n"
        ),
        "{}",
        export.text
    );
    assert!(
        export
            .text
            .contains("::typed:: Complete\\: The pact replaces {\n\t=previous\n\t=earlier\n"),
        "{}",
        export.text
    );
    assert!(!export.text.contains("::two::"), "{}", export.text);
    assert!(
        export
            .text
            .contains("// Cloze question with 2 gaps, not exported")
    );
    assert_eq!(export.exported, 2);
    assert!(
        export
            .notes
            .iter()
            .any(|n| n.question == 2 && n.field == "answer.gaps")
    );
    // Read back, the missing-word questions are one-gap clozes again.
    let path = std::path::Path::new("back.gift");
    let back = gift::import(
        path,
        &export.text,
        &quizdesk::interop::ImportOptions::for_path(path),
    );
    assert_eq!(back.error_count(), 0, "{}", back.render());
    let back = bank(&back.to_ron());
    let Kind::Cloze(one) = &back.question("one").unwrap().kind else {
        panic!("cloze")
    };
    assert_eq!(one.text(), "Kim met Putin in {1} last week.");
    assert_eq!(
        back.question("one").unwrap().prompt,
        gift::MISSING_WORD_PROMPT
    );
    let Kind::Cloze(typed) = &back.question("typed").unwrap().kind else {
        panic!("cloze")
    };
    assert_eq!(
        typed.text(),
        "Complete: The pact replaces {1} declarations."
    );
}

#[test]
fn the_identity_of_a_cloze_keeps_feedback_edits_and_changes_with_a_key() {
    let base = cloze_bank();
    let hash = |text: &str| quizdesk::progress::question_hash(signing(&bank(text)));
    let before = quizdesk::progress::question_hash(signing(&base));
    assert_eq!(
        hash(&CLOZE.replace("It is about defence.", "It is a defence pact.")),
        before
    );
    assert_ne!(
        hash(&CLOZE.replace(r#""Pyongyang", "#, r#""P'yongyang", "#)),
        before
    );
    assert_ne!(
        hash(
            &CLOZE
                .replace(
                    r#"(text: "trade", feedback"#,
                    r#"(text: "trade", correct: true, feedback"#
                )
                .replace(r#"(text: "defence", correct: true"#, r#"(text: "defence""#)
        ),
        before
    );
}

#[test]
fn a_cloze_is_answered_on_the_question_screen_and_marked_per_gap() {
    let mut library = Library::default();
    library.add_report(Origin::Opened, report(CLOZE));
    let mut prefs = Prefs::default();
    prefs.last_config = SessionConfig {
        shuffle_questions: false,
        shuffle_choices: false,
        ..SessionConfig::default()
    };
    let mut h = Harness::builder()
        .with_size([1000.0, 800.0])
        .build_ui_state(
            |ui, app: &mut QuizApp| app.ui(ui),
            QuizApp::new(library, prefs),
        );
    h.run();
    h.key_press(egui::Key::Num1);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(matches!(h.state().screen, Screen::Question(_)));
    h.get_by_label("The leaders met in ");
    // Nothing filled in is not an answer.
    h.get_by_label("Submit (Enter)").click();
    h.run();
    h.get_by_label("Fill in at least one gap first.");
    // Gap 1 is typed, gap 2 a drop-down, each labelled by its number.
    h.get_by_label("(1)").click();
    h.run();
    h.get_by_label("(1)").type_text("Pyongyang");
    h.run();
    h.get_by_label("(2)").click();
    h.run();
    h.get_by_label("trade").click();
    h.run();
    h.get_by_label("Submit (Enter)").click();
    h.run();
    let Screen::Question(state) = &h.state().screen else {
        panic!("still on the question")
    };
    let record = &state.session.records()[0];
    let outcome = record.outcome.as_ref().unwrap();
    assert_eq!(outcome.verdict, Verdict::Partial, "{:?}", record.response);
    h.get_by_label("Partly right");
    // Each gap marked in words, never by colour alone.
    h.get_by_label("(1) Pyongyang: right");
    h.get_by_label("(2) trade: wrong");
    h.get_by_label("→ defence");
}

#[test]
fn the_presenter_shows_numbered_blanks_then_fills_them_in() {
    let mut library = Library::default();
    library.add_report(Origin::Opened, report(CLOZE));
    let mut prefs = Prefs::default();
    prefs.last_config = SessionConfig {
        shuffle_questions: false,
        shuffle_choices: false,
        ..SessionConfig::default()
    };
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(
            |ui, app: &mut QuizApp| app.ui(ui),
            QuizApp::new(library, prefs),
        );
    h.run();
    h.key_press(egui::Key::Num1);
    h.run();
    h.get_by_label("Present to a class").scroll_to_me();
    h.run();
    h.get_by_label("Present to a class").click();
    h.run();
    assert!(matches!(h.state().screen, Screen::Presenter(_)));
    h.get_by_label("(1) ______");
    h.get_by_label("(2) ______");
    h.get_by_label("(2) trade  ·  defence  ·  energy  ·  none of these");
    assert!(
        h.query_by_label_contains("Pyongyang").is_none(),
        "no answer before the reveal"
    );
    h.key_press(egui::Key::Space);
    h.run();
    h.get_by_label("(1) Pyongyang");
    h.get_by_label("(2) defence");
    h.get_by_label("Answer: (1) Pyongyang; (2) defence");
}
