//! Every CSV quizdesk writes guards text a spreadsheet would run as a formula: a team name, a
//! typed answer and a learner name of `=cmd|' /C calc'!A0` reach each file through the
//! functions the app and the command line call, and read back with the guard on, while no cell
//! of any file starts with a formula character.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use quizdesk::classroom::{Lesson, LessonConfig};
use quizdesk::csvio::rows;
use quizdesk::progress::stats::history_csv;
use quizdesk::progress::{Recorder, Store};
use quizdesk::results::{parse_results, record_csv, session_csv};
use quizdesk::session::{ManualClock, Response, Session, SessionConfig};

use crate::common::{bank, quizdesk, temp_dir};

/// The classic spreadsheet command injection.
const PAYLOAD: &str = "=cmd|' /C calc'!A0";

/// A short answer the learner types the payload into, and one whose accepted answer is itself a
/// formula (it goes out as the correct answer of the lesson's CSV).
const BANK: &str = r#"Bank(
    format: 1, id: "guard", title: "Guard",
    questions: [
        (id: "short", prompt: "NATO chief?", explanation: "Stoltenberg.",
         answer: ShortAnswer(accept: ["Stoltenberg"])),
        (id: "sum", prompt: "The formula?", explanation: "A sum.",
         answer: ShortAnswer(accept: ["@SUM(A1:A9)"])),
    ],
)"#;

fn at() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_883_302)
}

/// Every cell of `text`, by row, as written (guard included).
fn cells(what: &str, text: &str) -> Vec<Vec<String>> {
    rows(text, b',')
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{what}: line {}: {}", e.line, e.reason))
                .fields
        })
        .collect()
}

/// No cell of `text` starts with a character that makes a spreadsheet read a formula.
fn assert_no_raw_formula(what: &str, text: &str) {
    for (r, row) in cells(what, text).iter().enumerate() {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: row {r} has the unguarded cell {cell:?}"
            );
        }
    }
}

/// The cells of column `name` (found in the header) below the header.
fn column(what: &str, text: &str, name: &str) -> Vec<String> {
    let all = cells(what, text);
    let k = all[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("{what}: no column {name}"));
    all[1..].iter().map(|row| row[k].clone()).collect()
}

#[test]
fn a_formula_typed_as_a_name_a_team_or_an_answer_is_guarded_in_every_csv() {
    let guarded = format!("'{PAYLOAD}");
    let g = guarded.as_str();
    let dir = temp_dir("csv-guard");
    let b = bank(BANK);
    let store = Store::new(&dir);

    // A learner named like a formula types the formula as an answer, recorded as the app does.
    let clock = ManualClock::new();
    let config = SessionConfig {
        shuffle_questions: false,
        ..SessionConfig::default()
    };
    let mut s = Session::new(b.clone(), config.clone(), Box::new(clock.clone())).unwrap();
    let mut recorder = Recorder::start(store.journal("learner").unwrap(), &s, at()).unwrap();
    for i in 0..s.len() {
        clock.advance_ms(1_500);
        s.answer(Response::Text(PAYLOAD.into())).unwrap();
        recorder.answer(&s, i, at()).unwrap();
        s.next_question();
    }
    s.finish();
    recorder.end(&s, true, at()).unwrap();
    let (history, problem) = store.history("learner", at()).unwrap();
    assert!(problem.is_none());

    // The results file, from the summary screen and from the history.
    let live = session_csv(PAYLOAD, &s, at());
    let from_history = record_csv(PAYLOAD, &history.sessions[0], Some(&b));
    for (what, text) in [("session_csv", &live), ("record_csv", &from_history)] {
        assert_no_raw_formula(what, text);
        assert_eq!(column(what, text, "student"), [g, g], "{what}");
        assert_eq!(column(what, text, "answer"), [g, g], "{what}");
        assert_eq!(
            column(what, text, "correct_answer")[1],
            "'@SUM(A1:A9)",
            "{what}"
        );
        // The results reader takes the guard off again: the values read back exactly.
        let read = parse_results(what, text).unwrap();
        assert_eq!(read.results.student, PAYLOAD);
        assert!(read.results.rows.iter().all(|r| r.answer == PAYLOAD));
    }

    // The history export of the statistics screen.
    let export = history_csv(&history, &[&b]);
    assert_no_raw_formula("history_csv", &export);
    assert_eq!(column("history_csv", &export, "answer"), [g, g]);

    // The gradebook table, written by `quizdesk gradebook --out`.
    let results = dir.join("results.csv");
    std::fs::write(&results, &live).unwrap();
    let table = dir.join("class.csv");
    let o = quizdesk(&[
        "gradebook",
        &results.display().to_string(),
        "--out",
        &table.display().to_string(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let gradebook = read(&table);
    assert_no_raw_formula("gradebook", &gradebook);
    assert_eq!(column("gradebook", &gradebook, "student"), [g]);

    // The class results of a lesson, as the presenter saves them: teams named like formulas.
    let lesson = Lesson::new(
        b.clone(),
        config,
        LessonConfig {
            timer_secs: None,
            teams: vec![PAYLOAD.into(), "-Owls".into()],
        },
        0.0,
    )
    .unwrap();
    let class = lesson.results_csv();
    assert_no_raw_formula("results_csv", &class);
    let header = &cells("results_csv", &class)[0];
    assert!(header.contains(&format!("team {PAYLOAD}")), "{header:?}");
    assert!(header.contains(&"team -Owls".to_owned()), "{header:?}");
    assert_eq!(
        column("results_csv", &class, "correct_answer"),
        ["Stoltenberg", "'@SUM(A1:A9)"]
    );

    std::fs::remove_dir_all(&dir).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
