use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use quizdesk::bank::{Bank, Gap, GapAnswer, Kind, NumericTarget, Question};
use quizdesk::progress::{Recorder, Store};
use quizdesk::results::gradebook::{Gradebook, ReportFormat};
use quizdesk::results::{
    COLUMNS, Rejection, ResultsFile, file_name, from_session, parse_results, parse_results_bytes,
    record_csv, session_csv, to_csv,
};
use quizdesk::session::grade::{describe_response, format_number};
use quizdesk::session::{ManualClock, Mode, Response, Session, SessionConfig, Verdict};

use crate::common::{ALL_KINDS, bank};

fn finished_at() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_883_302) // 2026-11-28
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quizdesk-results-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The bundled pact-facts bank without its `apart_from` fields, so that a whole-bank session
/// asks every question (these tests are about results, not about keeping questions apart).
fn pact() -> Arc<Bank> {
    let file = quizdesk::bundled::BANKS
        .iter()
        .find(|b| b.path == "quizzes/pact-facts.ron")
        .expect("the bundled pact-facts bank");
    let text: String = file
        .text
        .lines()
        .filter(|l| !l.trim_start().starts_with("apart_from:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let report = quizdesk::bank::load_str(
        std::path::Path::new(file.path),
        &text,
        &quizdesk::bundled::BundledSources::for_bank(file.path),
    );
    Arc::new(report.bank.expect("pact-facts loads"))
}

/// A fully correct response to `q`.
fn right(q: &Question) -> Response {
    match &q.kind {
        Kind::SingleChoice(c) => Response::Choice(c.iter().position(|c| c.correct).unwrap()),
        Kind::MultipleSelect(c) => {
            Response::Choices((0..c.len()).filter(|&i| c[i].correct).collect())
        }
        Kind::TrueFalse(tf) => Response::Bool(tf.answer),
        Kind::ShortAnswer(sa) => Response::Text(sa.accept[0].clone()),
        Kind::Numeric(n) => Response::Number(match n.target {
            NumericTarget::Near { value, .. } => format_number(value),
            NumericTarget::Range { min, .. } => format_number(min),
        }),
        Kind::Ordering(items) => Response::Order((0..items.len()).collect()),
        Kind::Matching(m) => Response::Matches((0..m.pairs.len()).map(Some).collect()),
        Kind::Discussion(d) => Response::Rubric(vec![true; d.rubric.len()]),
        Kind::Cloze(c) => Response::Gaps(c.key_response()),
    }
}

/// A wrong response to `q`; `pick` varies which wrong choice.
fn wrong(q: &Question, pick: usize) -> Response {
    match &q.kind {
        Kind::SingleChoice(c) | Kind::MultipleSelect(c) => {
            let wrong: Vec<usize> = (0..c.len()).filter(|&i| !c[i].correct).collect();
            let i = wrong[pick % wrong.len()];
            if matches!(q.kind, Kind::SingleChoice(_)) {
                Response::Choice(i)
            } else {
                Response::Choices(vec![i])
            }
        }
        Kind::TrueFalse(tf) => Response::Bool(!tf.answer),
        Kind::ShortAnswer(sa) => Response::Text(
            sa.wrong
                .get(pick % (sa.wrong.len() + 1))
                .map_or_else(|| "Nobody, really".to_owned(), |w| w.text.clone()),
        ),
        Kind::Numeric(_) => Response::Number("-1".into()),
        Kind::Ordering(items) => Response::Order((0..items.len()).rev().collect()),
        Kind::Matching(m) => Response::Matches(vec![None; m.pairs.len()]),
        Kind::Discussion(d) => Response::Rubric(vec![false; d.rubric.len()]),
        Kind::Cloze(c) => Response::Gaps(
            c.gaps
                .iter()
                .map(|g| match g {
                    Gap::Typed(_) => Some(GapAnswer::Typed("Nobody, really".into())),
                    Gap::Choose(ch) => ch.iter().position(|c| !c.correct).map(GapAnswer::Picked),
                })
                .collect(),
        ),
    }
}

/// Student `n` of a class: their own seed, and a strategy of their own (some know everything,
/// some guess, some skip, some play a shorter test).
fn play(bank: &Arc<Bank>, n: usize) -> Session {
    let short = n % 5 == 4;
    let config = SessionConfig {
        seed: 1000 + 37 * n as u64,
        count: short.then_some(20),
        mode: if short { Mode::Test } else { Mode::Practice },
        ..SessionConfig::default()
    };
    let clock = ManualClock::new();
    let mut s = Session::new(bank.clone(), config, Box::new(clock.clone())).unwrap();
    for i in 0..s.len() {
        clock.advance_ms(1_000 + 137 * ((n + i) % 11) as u64);
        let q = s.current_question().unwrap().clone();
        let action = match n % 6 {
            0 => 3,                   // knows it all
            1 => (i + n) % 2 * 3,     // skips half
            _ => (i * 7 + n * 3) % 5, // mixed
        };
        let response = match action {
            0 => None,
            1 => Some(wrong(&q, n + i)),
            2 => Some(wrong(&q, 0)),
            _ => Some(right(&q)),
        };
        match response {
            Some(r) => {
                s.answer(r).unwrap();
                s.next_question();
            }
            None => s.skip(),
        }
    }
    s.finish();
    s
}

fn parse_ok(name: &str, text: &str) -> ResultsFile {
    parse_results(name, text).unwrap_or_else(|r| panic!("{name} rejected: {r:?}"))
}

fn lines_and_reasons(r: Result<ResultsFile, Vec<Rejection>>) -> Vec<(usize, String)> {
    r.expect_err("must be rejected")
        .into_iter()
        .map(|r| (r.line, r.reason))
        .collect()
}

/// One rejection, on `line`, whose reason says `says`.
fn assert_rejected(text: &str, line: usize, says: &str) {
    let got = lines_and_reasons(parse_results("f.csv", text));
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, line, "{got:?}");
    assert!(got[0].1.contains(says), "`{}` lacks `{says}`", got[0].1);
}

fn kinds_session(student_answers: bool) -> Session {
    let b = bank(ALL_KINDS);
    let clock = ManualClock::new();
    let config = SessionConfig {
        seed: 4711,
        ..SessionConfig::default()
    };
    let mut s = Session::new(b.clone(), config, Box::new(clock.clone())).unwrap();
    for i in 0..s.len() {
        clock.advance_ms(500 * (i as u64 + 1));
        let q = s.current_question().unwrap().clone();
        let r = match (&q.kind, i % 3) {
            (Kind::ShortAnswer(_), _) => Response::Text("Blinken, \"Antony\"\nof the US".into()),
            (Kind::Numeric(_), _) => Response::Number("-3".into()),
            (_, 0) => wrong(&q, i),
            (_, 1) if student_answers => right(&q),
            _ => {
                s.skip();
                continue;
            }
        };
        s.answer(r).unwrap();
        s.next_question();
    }
    s.finish();
    s
}

#[test]
fn a_results_file_reads_back_to_the_same_values() {
    let s = kinds_session(true);
    let student = "=Zoë \"Z\", O'Neil\nJr ";
    let written = from_session(student, &s, finished_at());
    let csv = to_csv(&written);
    assert!(csv.starts_with(&format!("{}\r\n", COLUMNS.join(","))));
    // The name's quotes are doubled, its comma and line break kept inside quotes, and a
    // spreadsheet would not run it as a formula.
    assert!(csv.contains("\"'=Zoë \"\"Z\"\", O'Neil\nJr\""), "{csv}");
    assert!(
        csv.contains(",'-3,"),
        "a negative answer is guarded too: {csv}"
    );
    let read = parse_ok("s.csv", &csv);
    assert_eq!(read.results, written);
    assert_eq!(read.results.student, "=Zoë \"Z\", O'Neil\nJr");
    assert_eq!(read.results.version, "A");
    assert_eq!(read.results.date_utc, "2026-11-28T16:28:22Z");
    // Lines stay right after fields holding line breaks: each row starts on the physical line
    // reported for it.
    let physical: Vec<&str> = csv.split('\n').collect();
    assert!(
        physical.len() > read.results.rows.len() + 1,
        "some field spans lines"
    );
    for (row, line) in read.results.rows.iter().zip(&read.lines) {
        assert!(
            physical[line - 1].starts_with(&format!("{},", row.position)),
            "row {} is not on line {line}",
            row.position
        );
    }
    let short = read
        .results
        .rows
        .iter()
        .find(|r| r.question == "short")
        .unwrap();
    assert_eq!(short.answer, "Blinken, \"Antony\"\nof the US");
    assert_eq!(short.verdict, Verdict::Wrong);
    let single = read
        .results
        .rows
        .iter()
        .find(|r| r.question == "single")
        .unwrap();
    assert_eq!(single.correct_answer, "Pyongyang");
    // Every question is there, in session order, with the verdicts the session gave.
    let summary = s.summary();
    assert_eq!(read.results.rows.len(), summary.items.len());
    for (row, item) in read.results.rows.iter().zip(&summary.items) {
        assert_eq!(row.question, item.question_id);
        assert_eq!(row.verdict, item.verdict);
        assert_eq!(row.time_ms, item.time_ms);
        assert!((row.points - item.points).abs() < 1e-4);
        assert_eq!(row.answer.is_empty(), item.verdict == Verdict::Skipped);
    }
    // The multiple-select wrong answer carried its misconception tag.
    let tags: Vec<&String> = read
        .results
        .rows
        .iter()
        .flat_map(|r| &r.misconceptions)
        .collect();
    assert!(!tags.is_empty(), "{csv}");
}

#[test]
fn session_csv_and_record_csv_write_the_same_file() {
    let dir = temp("record");
    let store = Store::new(&dir);
    let b = pact();
    let clock = ManualClock::new();
    let mut s = Session::new(
        b.clone(),
        SessionConfig {
            seed: 77,
            ..SessionConfig::default()
        },
        Box::new(clock.clone()),
    )
    .unwrap();
    let mut recorder = Recorder::start(store.journal("ana").unwrap(), &s, finished_at()).unwrap();
    for i in 0..s.len() {
        clock.advance_ms(700 + 31 * i as u64);
        let q = s.current_question().unwrap().clone();
        if i % 4 == 3 {
            s.skip();
            continue;
        }
        let r = if i % 3 == 0 { wrong(&q, i) } else { right(&q) };
        s.answer(r).unwrap();
        recorder.answer(&s, i, finished_at()).unwrap();
        s.next_question();
    }
    s.finish();
    recorder.end(&s, true, finished_at()).unwrap();
    let (history, problem) = store.history("ana", finished_at()).unwrap();
    assert!(problem.is_none());
    let record = &history.sessions[0];
    let live = session_csv("Ana", &s, finished_at());
    let from_history = record_csv("Ana", record, Some(&b));
    assert_eq!(live, from_history);
    let read = parse_ok("ana.csv", &live);
    assert_eq!(read.results.rows.len(), b.questions().len());
    assert!(
        read.results
            .rows
            .iter()
            .any(|r| r.verdict == Verdict::Skipped)
    );
    assert!(
        read.results
            .rows
            .iter()
            .any(|r| r.verdict == Verdict::Wrong)
    );
    // Without the bank the same scores are written, the answers described from the record.
    let bare = parse_ok("bare.csv", &record_csv("Ana", record, None));
    for (a, b) in bare.results.rows.iter().zip(&read.results.rows) {
        assert_eq!(
            (&a.question, a.verdict, a.points, a.time_ms),
            (&b.question, b.verdict, b.points, b.time_ms)
        );
        assert!(a.correct_answer.is_empty());
    }
    assert!(
        bare.results
            .rows
            .iter()
            .any(|r| r.answer.starts_with("choice "))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_version_is_a_only_for_sessions_that_match_handout_a() {
    let b = pact();
    let csv_of = |config: SessionConfig| {
        let s = Session::new(b.clone(), config, Box::new(ManualClock::new())).unwrap();
        parse_ok("v.csv", &session_csv("V", &s, finished_at()))
            .results
            .version
    };
    let base = SessionConfig {
        seed: 9,
        ..SessionConfig::default()
    };
    assert_eq!(csv_of(base.clone()), "A");
    assert_eq!(
        csv_of(SessionConfig {
            mode: Mode::Test,
            ..base.clone()
        }),
        "A"
    );
    assert_eq!(
        csv_of(SessionConfig {
            count: Some(b.questions().len()),
            ..base.clone()
        }),
        "A"
    );
    assert_eq!(
        csv_of(SessionConfig {
            count: Some(10),
            ..base.clone()
        }),
        ""
    );
    assert_eq!(
        csv_of(SessionConfig {
            shuffle_choices: false,
            ..base.clone()
        }),
        ""
    );
    // Version A asks exactly what the handout asks, in its order, with its choice order.
    let s = Session::new(b.clone(), base.clone(), Box::new(ManualClock::new())).unwrap();
    let (handout_a, _) = quizdesk::session::plan(
        &b,
        &SessionConfig {
            seed: quizdesk::handout::version_seed(9, 0),
            ..SessionConfig::default()
        },
    )
    .unwrap();
    assert_eq!(handout_a.len(), s.len());
    for (i, item) in handout_a.iter().enumerate() {
        assert_eq!(s.question_indices()[i], item.question);
        assert_eq!(s.order(i), item.order.as_slice());
    }
}

#[test]
fn file_names_are_safe() {
    assert_eq!(
        file_name("Ana", "pact-facts", finished_at()),
        "results-ana-pact-facts-2026-11-28.csv"
    );
    assert_eq!(
        file_name("../Zoë O'Neil\\:*?<>|", "my bank/2", finished_at()),
        "results-zoë-o-neil-my-bank-2-2026-11-28.csv"
    );
    assert_eq!(
        file_name("  ", "..", finished_at()),
        "results-student-bank-2026-11-28.csv"
    );
}

/// A small valid file to break in tests.
fn sample() -> String {
    let s = kinds_session(true);
    to_csv(&from_session("Ana", &s, finished_at()))
}

/// `sample()` with `from` replaced by `to` in data row `row` (1 = first after the header).
fn with_row(text: &str, row: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
    assert!(lines[row].contains(from), "{} lacks {from}", lines[row]);
    lines[row] = lines[row].replacen(from, to, 1);
    lines.join("\r\n")
}

#[test]
fn each_problem_is_rejected_with_its_line_and_reason() {
    let good = sample();
    parse_ok("good.csv", &good);
    let header_len = COLUMNS.join(",").len();
    // The header.
    assert_rejected(&good[header_len + 2..], 1, "not a quizdesk results file");
    assert_rejected(
        &good.replacen("quizdesk_results_v1", "quizdesk_results_v2", 1),
        1,
        "version 2 comes from a newer quizdesk",
    );
    assert_rejected(
        &good.replacen(",bank_hash,", ",hash,", 1),
        1,
        "column 5 is `hash`, expected `bank_hash`",
    );
    assert_rejected(
        "date_utc,session,bank,seed\n",
        1,
        "this is a history export",
    );
    assert_rejected("", 1, "empty");
    assert_rejected("\u{feff}\r\n\r\n", 1, "empty");
    assert_rejected(&good[..header_len + 2], 2, "no results after the header");
    // Rows: numbers, ranges, columns, duplicates, other students, other sessions.
    assert_rejected(
        &with_row(&good, 2, ",Ana,", ",Ana,extra,"),
        3,
        "20 fields, expected 19",
    );
    assert_rejected(
        &with_row(&good, 3, ",Ana,", ",Bo,"),
        4,
        "student `Bo` differs from `Ana` on line 2",
    );
    assert_rejected(
        &with_row(&good, 2, ",4711,", ",4712,"),
        3,
        "seed 4712 differs from seed 4711 on line 2",
    );
    assert_rejected(
        &with_row(&good, 2, ",4711,", ",47x1,"),
        3,
        "seed `47x1` is not a whole number",
    );
    let first_q = good
        .split("\r\n")
        .nth(1)
        .unwrap()
        .split(',')
        .nth(9)
        .unwrap()
        .to_owned();
    let second_q = good
        .split("\r\n")
        .nth(2)
        .unwrap()
        .split(',')
        .nth(9)
        .unwrap()
        .to_owned();
    assert_rejected(
        &with_row(&good, 2, &format!(",{second_q},"), &format!(",{first_q},")),
        3,
        &format!("question `{first_q}` is already on line 2"),
    );
    assert_rejected(
        &with_row(&good, 1, ",practice,", ",exam,"),
        2,
        "mode `exam`",
    );
    assert_rejected(
        &with_row(&good, 1, ",2026-11-28T16:28:22Z,", ",yesterday,"),
        2,
        "date_utc `yesterday`",
    );
    assert_rejected(
        &with_row(&good, 1, "1,Ana,", "0,Ana,"),
        2,
        "not a question number",
    );
    // Score, points and time of a known row.
    let row_fields: Vec<String> = good
        .split("\r\n")
        .nth(1)
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let tail = row_fields[12..17].join(",");
    let broken = |score: &str, points: &str, max: &str, time: &str| {
        with_row(
            &good,
            1,
            &tail,
            &format!("{},{score},{points},{max},{time}", row_fields[12]),
        )
    };
    assert_rejected(
        &broken("1.5", "1", "3", "10"),
        2,
        "score 1.5 is outside 0 to 1",
    );
    assert_rejected(&broken("-0.5", "0", "3", "10"), 2, "outside 0 to 1");
    assert_rejected(
        &broken("abc", "1", "3", "10"),
        2,
        "score `abc` is not a number",
    );
    assert_rejected(
        &broken("NaN", "1", "3", "10"),
        2,
        "score `NaN` is not a number",
    );
    assert_rejected(
        &broken("1", "4", "3", "10"),
        2,
        "points 4 exceed max_points 3",
    );
    assert_rejected(&broken("1", "1", "three", "10"), 2, "max_points `three`");
    assert_rejected(&broken("1", "1", "3", "-10"), 2, "time_ms `-10`");
    assert_rejected(
        &with_row(&good, 1, &format!(",{},", row_fields[12]), ",maybe,"),
        2,
        "verdict `maybe`",
    );
    // Several problems in a file are all listed.
    let two = with_row(&with_row(&good, 1, ",4711,", ",x,"), 4, ",4711,", ",y,");
    let got = lines_and_reasons(parse_results("f.csv", &two));
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [2, 5]);
}

#[test]
fn line_numbers_stay_right_after_quoted_line_breaks_and_encodings_are_checked() {
    let good = sample();
    // The short-answer row holds a line break inside quotes: rows after it start one line
    // further down than their row count says.
    let rows: Vec<&str> = good.split("\r\n").collect();
    let short_row = rows.iter().position(|r| r.contains(",short,")).unwrap();
    let read = parse_ok("good.csv", &good);
    let short_at = read
        .results
        .rows
        .iter()
        .position(|r| r.question == "short")
        .unwrap();
    assert_eq!(read.lines[short_at], short_row + 1);
    if short_at + 1 < read.lines.len() {
        assert_eq!(
            read.lines[short_at + 1],
            short_row + 3,
            "the quoted field spans two lines"
        );
        // A bad row after it is reported on its real line.
        assert_rejected(
            &with_row(&good, short_row + 1, ",Ana,", ",Bo,"),
            short_row + 3,
            "student `Bo`",
        );
    }
    // An unclosed quote is reported where it opens.
    let last_line = good.matches('\n').count() + 1;
    assert_rejected(
        &format!("{good}9,\"Ana,x\r\n"),
        last_line,
        "field 2 opened on this line is never closed",
    );
    // A quote closed too early: the rest of the field is reported, not silently joined.
    assert_rejected(
        &with_row(&good, 2, ",Ana,", ",\"An\"a,"),
        3,
        "text after the closing quote of field 2",
    );
    assert_rejected(
        &with_row(&good, 2, ",Ana,", ",An\"a,"),
        3,
        "a quote inside field 2",
    );
    // Not UTF-8, on line 3; UTF-16.
    let mut bytes = good.clone().into_bytes();
    let third = good.match_indices("\r\n").nth(1).unwrap().0 + 2;
    bytes.insert(third + 3, 0xff);
    let got = parse_results_bytes("latin.csv", &bytes).unwrap_err();
    assert_eq!((got[0].line, got.len()), (3, 1), "{got:?}");
    assert!(got[0].reason.contains("not UTF-8"));
    let got = parse_results_bytes("u16.csv", &[0xff, 0xfe, b'q', 0]).unwrap_err();
    assert!(got[0].reason.contains("UTF-16"), "{got:?}");
}

#[test]
fn a_file_saved_again_by_a_spreadsheet_still_reads() {
    let good = sample();
    let expected = parse_ok("good.csv", &good).results;
    let lf = good.replace("\r\n", "\n");
    let cr = good.replace("\r\n", "\r");
    let excel = format!("\u{feff}{good}{}\r\n\r\n", ",".repeat(COLUMNS.len() - 1));
    for (name, text) in [("lf", &lf), ("cr", &cr), ("excel", &excel)] {
        let read = parse_ok(name, text);
        assert_eq!(read.results, expected, "{name}");
        assert_eq!(read.lines, parse_ok("good.csv", &good).lines, "{name}");
    }
    let bytes = format!("\u{feff}{good}").into_bytes();
    assert_eq!(
        parse_results_bytes("bom.csv", &bytes).unwrap().results,
        expected
    );
    // A spreadsheet with decimal commas separates fields with `;`.
    let semi = format!(
        "{}\r\n1;Ana;kinds;Every kind;;4711;A;practice;2026-11-28 16:55;single;A;Seoul;wrong;0;0;1;1200;two-koreas;\r\n2;Ana;kinds;Every kind;;4711;A;practice;2026-11-28 16:55;multi;A;\"1961; 2023\";partial;0,3333;1;3;900;date-mixup;\r\n",
        COLUMNS.join(";")
    );
    let read = parse_ok("semi.csv", &semi);
    assert_eq!(read.results.rows[1].score, 0.3333);
    assert_eq!(read.results.rows[1].answer, "1961; 2023");
    assert_eq!(read.results.rows[0].misconceptions, ["two-koreas"]);
}

struct Class {
    sessions: Vec<(String, Session)>,
    files: Vec<ResultsFile>,
}

fn class_of(n: usize) -> Class {
    let b = pact();
    let mut sessions = Vec::new();
    let mut files = Vec::new();
    for i in 0..n {
        let name = format!("Student {i:02}");
        let s = play(&b, i);
        let csv = session_csv(&name, &s, finished_at());
        files.push(parse_ok(&format!("s{i:02}.csv"), &csv));
        sessions.push((name, s));
    }
    Class { sessions, files }
}

#[test]
fn thirty_students_merge_into_one_report_with_the_right_totals() {
    let b = pact();
    let class = class_of(30);
    let book = Gradebook::build(class.files.iter().cloned().map(Ok).collect(), Some(&b));
    assert!(
        book.rejected.is_empty() && book.warnings.is_empty(),
        "{book:?}"
    );
    assert_eq!(book.students.len(), 30);
    assert_eq!(book.bank_id, "pact-facts");
    // Per student, against each session's own summary.
    for (name, s) in &class.sessions {
        let sum = s.summary();
        let row = book.students.iter().find(|r| &r.name == name).unwrap();
        assert_eq!(row.asked, s.len(), "{name}");
        assert_eq!(row.answered, s.len() - sum.skipped, "{name}");
        assert_eq!(row.correct, sum.correct, "{name}");
        assert_eq!(row.max_points, u64::from(sum.max_points), "{name}");
        assert!((row.points - sum.points).abs() < 1e-3, "{name}");
        assert!((row.percent - sum.percent).abs() < 1e-2, "{name}");
        assert_eq!(row.time_ms, sum.time_ms, "{name}");
        assert_eq!(row.seed, s.config().seed);
        assert_eq!(
            row.version,
            if s.len() == b.questions().len() {
                "A"
            } else {
                ""
            }
        );
    }
    // The strategies differ enough to make a spread.
    let percents: Vec<f64> = book.students.iter().map(|s| s.percent).collect();
    assert!(percents.iter().any(|&p| p > 99.9) && percents.iter().any(|&p| p < 60.0));
    // Per question, tallied from the sessions directly.
    let bank_order: Vec<&str> = b.questions().iter().map(|q| q.id.as_str()).collect();
    let ids: Vec<&str> = book.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, bank_order, "every question was asked; bank order");
    for q in &book.questions {
        let (mut asked, mut correct, mut skipped, mut score) = (0, 0, 0, 0.0);
        let mut wrong_answers: Vec<String> = Vec::new();
        for (_, s) in &class.sessions {
            let Some(i) = (0..s.len()).find(|&i| s.question(i).unwrap().id == q.id) else {
                continue;
            };
            asked += 1;
            let rec = &s.records()[i];
            match &rec.response {
                None => skipped += 1,
                Some(r) => {
                    let o = rec.outcome.as_ref().unwrap();
                    score += o.score;
                    correct += usize::from(o.verdict == Verdict::Correct);
                    if o.verdict != Verdict::Correct
                        && !matches!(s.question(i).unwrap().kind, Kind::Discussion(_))
                    {
                        wrong_answers.push(describe_response(s.question(i).unwrap(), r));
                    }
                }
            }
        }
        assert_eq!(
            (q.asked, q.correct, q.skipped),
            (asked, correct, skipped),
            "{}",
            q.id
        );
        assert!((q.percent_correct - 100.0 * correct as f64 / asked as f64).abs() < 1e-9);
        assert!(
            (q.mean_score - score / asked as f64).abs() < 1e-3,
            "{}",
            q.id
        );
        let listed: usize = q.distractors.iter().map(|d| d.students).sum();
        assert_eq!(listed, wrong_answers.len(), "{}", q.id);
        if let Some(top) = q.distractors.first() {
            let top_count = wrong_answers.iter().filter(|a| **a == top.answer).count();
            assert_eq!(top.students, top_count, "{}", q.id);
            assert!(q.distractors.iter().all(|d| d.students <= top.students));
        }
    }
    // Misconceptions: tallied from the outcomes.
    let mut times = std::collections::HashMap::<String, usize>::new();
    for (_, s) in &class.sessions {
        for r in s.records() {
            if r.response.is_some() {
                for t in &r.outcome.as_ref().unwrap().misconceptions {
                    *times.entry(t.clone()).or_default() += 1;
                }
            }
        }
    }
    assert!(!times.is_empty());
    assert_eq!(book.misconceptions.len(), times.len());
    for m in &book.misconceptions {
        assert_eq!(m.times, times[&m.tag], "{}", m.tag);
    }
    assert!(
        book.misconceptions
            .windows(2)
            .all(|w| w[0].times >= w[1].times)
    );
    // The CSV report: one row per student, their percent and a points column per question.
    let csv = book.render(ReportFormat::Csv);
    let rows: Vec<Vec<String>> = quizdesk::csvio::rows(&csv, b',')
        .into_iter()
        .map(|r| r.unwrap().fields)
        .collect();
    assert_eq!(rows.len(), 31);
    assert_eq!(rows[0].len(), 13 + b.questions().len());
    assert_eq!(&rows[0][13], &bank_order[0]);
    for (name, s) in &class.sessions {
        let row = rows.iter().find(|r| &r[0] == name).unwrap();
        assert_eq!(row[11], format!("{:.1}", s.summary().percent), "{name}");
        let asked = row[13..].iter().filter(|c| !c.is_empty()).count();
        assert_eq!(asked, s.len(), "{name}");
    }
    // The text report names everyone.
    let text = book.render(ReportFormat::Text);
    assert!(
        class
            .sessions
            .iter()
            .all(|(n, _)| text.contains(n.as_str()))
    );
    assert!(
        text.contains(&format!(
            "30 students from 30 of 30 files; {} questions",
            b.questions().len()
        )),
        "{text}"
    );
}

#[test]
fn mismatched_files_are_rejected_and_the_rest_reported() {
    let b = pact();
    let class = class_of(4);
    let mut inputs: Vec<_> = class.files.iter().cloned().map(Ok).collect();
    // The same student again, another bank, an edited bank, and a broken file.
    let mut again = class.files[1].clone();
    again.file = "again.csv".into();
    inputs.push(Ok(again));
    let kinds = kinds_session(true);
    inputs.push(Ok(parse_ok(
        "kinds.csv",
        &session_csv("Kim", &kinds, finished_at()),
    )));
    let mut edited = class.files[2].clone();
    edited.file = "edited.csv".into();
    edited.results.student = "Eda".into();
    edited.results.bank_hash = "0000000000000000".into();
    inputs.push(Ok(edited));
    inputs.push(parse_results("broken.csv", "student,score\nAna,1\n"));
    let book = Gradebook::build(inputs.clone(), None);
    let rejected: Vec<String> = book.rejected.iter().map(ToString::to_string).collect();
    assert_eq!(rejected.len(), 3, "{rejected:?}");
    assert!(
        rejected[0]
            .starts_with("again.csv:2: student `Student 01` is already in the report from s01.csv"),
        "{rejected:?}"
    );
    assert!(
        rejected[1].starts_with("kinds.csv:2: bank `kinds` is not the class's bank `pact-facts`"),
        "{rejected:?}"
    );
    assert!(
        rejected[2].starts_with("broken.csv:1: not a quizdesk results file"),
        "{rejected:?}"
    );
    assert_eq!(book.warnings.len(), 1);
    assert_eq!(book.warnings[0].file, "edited.csv");
    assert!(
        book.warnings[0]
            .reason
            .contains("another version of bank `pact-facts`")
    );
    assert_eq!(
        book.students.len(),
        5,
        "the four students and the edited-bank file"
    );
    assert_eq!(book.rejected_files(), 3);
    // With the bank at hand, the edited file is compared with the bank itself.
    let with_bank = Gradebook::build(inputs.clone(), Some(&b));
    assert_eq!(with_bank.students.len(), 5);
    assert_eq!(with_bank.warnings.len(), 1);
    assert!(with_bank.warnings[0].reason.contains(&format!(
        "the bank's is {}",
        quizdesk::progress::bank_hash(&b)
    )));
    // Given the bank, the class bank is that one even if most files say otherwise.
    let kinds_bank = bank(ALL_KINDS);
    let book = Gradebook::build(inputs, Some(&kinds_bank));
    assert_eq!(book.students.len(), 1);
    assert_eq!(book.students[0].name, "Kim");
    assert!(
        book.rejected
            .iter()
            .any(|r| r.reason.contains("(the bank given)"))
    );
}

#[test]
fn the_html_report_escapes_everything_and_has_its_tables() {
    let b = pact();
    let s = play(&b, 1);
    let name = "<script>alert('x')</script> & co";
    let file = parse_ok("<evil>.csv", &session_csv(name, &s, finished_at()));
    let bad = parse_results("bad<b>.csv", "x\n");
    let book = Gradebook::build(vec![Ok(file), bad], Some(&b));
    let html = book.render(ReportFormat::Html);
    assert!(!html.contains("<script>"), "student name not escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    assert!(html.contains("&lt;evil&gt;.csv") && html.contains("bad&lt;b&gt;.csv"));
    assert!(!html.contains("<b>"));
    for heading in [
        "<h2>Students</h2>",
        "<h2>Questions</h2>",
        "<h2>Wrong answers and misconceptions</h2>",
        "<h2>Rejected</h2>",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(html.contains("@media print") && html.contains("table-header-group"));
    // Prompts are escaped too (the bank has quotes in them).
    let prompt = &b.questions()[0].prompt;
    assert!(
        html.contains(
            &prompt
                .replace('&', "&amp;")
                .replace('\'', "&#39;")
                .replace('"', "&quot;")
        )
    );
}

fn quizdesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_gradebook_command_reports_good_files_and_rejects_bad_ones() {
    let dir = temp("cli");
    let class = class_of(30);
    let mut names = Vec::new();
    for (i, (name, s)) in class.sessions.iter().enumerate() {
        let file = format!("s{i:02}.csv");
        std::fs::write(dir.join(&file), session_csv(name, s, finished_at())).unwrap();
        names.push(file);
    }
    let all: Vec<&str> = names.iter().map(String::as_str).collect();
    // All good: exit 0, a text report on stdout.
    let o = quizdesk(&dir, &[&["gradebook"][..], &all].concat());
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("Class report: Russia and North Korea"),
        "{stdout}"
    );
    assert!(stdout.contains("Student 29"));
    assert!(
        stderr.contains("gradebook: 30 students from 30 of 30 files"),
        "{stderr}"
    );

    // Bad files among them: the good ones are reported, exit 1, `file:line: reason`.
    let good = std::fs::read_to_string(dir.join("s00.csv")).unwrap();
    // A name holding a terminal escape sequence is shown inert.
    let bad_score = with_row(&good, 3, ",Student 00,", ",Student 99\u{1b}[2J,");
    std::fs::write(dir.join("other-student.csv"), bad_score).unwrap();
    std::fs::write(dir.join("empty.csv"), "").unwrap();
    std::fs::write(dir.join("dup.csv"), &good).unwrap();
    let mut args = vec!["gradebook", "--out", "class.html"];
    args.extend(&all);
    args.extend(["other-student.csv", "empty.csv", "dup.csv", "missing.csv"]);
    let o = quizdesk(&dir, &args);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(
        stderr.contains(
            "other-student.csv:4: student `Student 99\u{fffd}[2J` differs from `Student 00` on line 2"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("empty.csv:1: the file is empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("dup.csv:2: student `Student 00` is already in the report from s00.csv"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.csv: cannot read the file"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(dir.join("class.html")).unwrap();
    assert_eq!(
        html.matches("<td>Student ").count(),
        30,
        "every good student is in the report"
    );
    assert!(html.contains("other-student.csv"));

    // The CSV report, with the bank given; a folder of files works too (the report is skipped).
    std::fs::create_dir_all(dir.join("in")).unwrap();
    for n in &names[..3] {
        std::fs::copy(dir.join(n), dir.join("in").join(n)).unwrap();
    }
    let o = quizdesk(
        &dir,
        &[
            "gradebook",
            "in",
            "--bank",
            "pact-facts",
            "--out",
            "in/class.csv",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = quizdesk(&dir, &["gradebook", "in", "--out", "in/class.csv"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let csv = std::fs::read_to_string(dir.join("in/class.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.starts_with("student,file,seed,"));

    // Usage problems and nothing usable: exit 2.
    assert_eq!(
        quizdesk(&dir, &["gradebook", "s00.csv", "--out", "class.pdf"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        quizdesk(&dir, &["gradebook", "s00.csv", "--bank", "no-such-bank"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(quizdesk(&dir, &["gradebook"]).status.code(), Some(2));
    let o = quizdesk(&dir, &["gradebook", "empty.csv", "missing.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no usable results file"));
    std::fs::remove_dir_all(&dir).unwrap();
}
