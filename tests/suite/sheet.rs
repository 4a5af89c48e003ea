//! `quizdesk import sheet`: the template in every format, a teacher's messy sheet read the same
//! from CSV, .xlsx and .ods, every diagnostic at its row and column, corrupt files and limits.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use quizdesk::bank::{Kind, KindName, NumericTarget};
use quizdesk::interop::{Converted, ImportOptions, sheet};

use super::common;
use crate::common::{quizdesk, temp_dir};

fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn import_file(rel: &str) -> Converted {
    let p = path(rel);
    let bytes = std::fs::read(&p).unwrap();
    sheet::import(Path::new(rel), &bytes, &ImportOptions::for_path(&p))
}

fn import_csv(text: &str) -> Converted {
    let p = Path::new("class.csv");
    sheet::import_text(p, text, &ImportOptions::for_path(p))
}

/// The bank's RON without comments (origins name the file).
fn body(c: &Converted) -> String {
    c.to_ron()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `(line, column, message)` of the errors.
fn errors(c: &Converted) -> Vec<(usize, usize, String)> {
    c.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

#[test]
fn the_template_imports_clean_from_csv_xlsx_and_ods_with_every_kind() {
    let csv = import_file("quizzes/sheet-template.csv");
    assert!(csv.diagnostics.is_empty(), "{}", csv.render());
    let report = common::report(&csv.to_ron());
    let mut report = report;
    quizdesk::bank::lint::add_lints(&mut report);
    assert!(report.diagnostics.is_empty(), "{}", report.render());
    let bank = report.bank.unwrap();
    assert_eq!(bank.kinds(), KindName::ALL.to_vec());
    for other in ["quizzes/sheet-template.xlsx", "quizzes/sheet-template.ods"] {
        let c = import_file(other);
        assert!(c.diagnostics.is_empty(), "{other}: {}", c.render());
        assert_eq!(body(&c), body(&csv), "{other}");
    }
}

#[test]
fn a_messy_sheet_reads_the_same_from_csv_xlsx_and_ods() {
    let csv = import_file("tests/sheet/messy.csv");
    let xlsx = import_file("tests/sheet/messy.xlsx");
    let ods = import_file("tests/sheet/messy.ods");
    assert_eq!(body(&csv), body(&xlsx));
    assert_eq!(body(&csv), body(&ods));
    let bank = common::bank(&csv.to_ron());
    let q = |id: &str| bank.question(id).unwrap();
    // Trailing spaces trimmed, a lower-case letter, the merged `Choices` header over C–F.
    assert_eq!(q("q1").prompt, "Where did the leaders meet?");
    match &q("q1").kind {
        Kind::SingleChoice(c) => {
            assert_eq!(
                c.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
                ["Moscow", "Pyongyang", "Seoul"]
            );
            assert!(c[1].correct && !c[0].correct);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&q("q2").kind, Kind::MultipleSelect(c) if c[0].correct && !c[1].correct && c[2].correct)
    );
    assert_eq!(q("q2").points, 2);
    assert!(matches!(&q("q3").kind, Kind::TrueFalse(t) if t.answer));
    assert!(matches!(&q("q4").kind, Kind::TrueFalse(t) if !t.answer));
    assert!(
        matches!(&q("q5").kind, Kind::TrueFalse(t) if t.answer),
        "`x` is true"
    );
    assert!(
        matches!(&q("q7").kind, Kind::Numeric(n) if matches!(n.target, NumericTarget::Near { value, .. } if value == 0.3))
    );
    assert!(matches!(&q("q8").kind, Kind::SingleChoice(c) if c[0].text == "친구" && c[0].correct));
    // The kind guessed is said in a note; the extra column's text is a note too.
    let draft = |id: &str| {
        csv.bank
            .questions
            .iter()
            .find(|d| d.question.id == id)
            .unwrap()
    };
    assert!(
        draft("q6")
            .notes
            .iter()
            .any(|n| n.contains("read as numeric")),
        "{:?}",
        draft("q6").notes
    );
    assert!(
        draft("q1")
            .notes
            .iter()
            .any(|n| n.contains("`Notes`") && n.contains("from the slides"))
    );
    assert_eq!(draft("q1").origin.as_deref(), Some("messy.csv:4"));
    // The bad rows, at their row and column, in each format.
    assert_eq!(
        errors(&csv)
            .iter()
            .map(|(l, c, _)| (*l, *c))
            .collect::<Vec<_>>(),
        [(13, 51), (14, 28)]
    );
    let places: Vec<String> = xlsx.diagnostics.iter().map(|d| d.one_line()).collect();
    assert!(
        places
            .iter()
            .any(|p| p.starts_with("tests/sheet/messy.xlsx: Sheet1:13:G: error: `E` is neither")),
        "{places:#?}"
    );
    assert!(places.iter().any(|p| p.starts_with(
        "tests/sheet/messy.xlsx: Sheet1:14:B: error: `quizz` is not a question kind"
    )));
    assert!(
        places
            .iter()
            .any(|p| p.contains("Sheet1:3:I: warning: column I (`Notes`)"))
    );
    assert_eq!(ods.error_count(), 2);
}

#[test]
fn every_problem_is_reported_at_its_row_and_column_and_other_rows_still_convert() {
    let text = "prompt,kind,choices,correct,points,difficulty,paragraph\n\
                Ok?,single,a|b,A,,,\n\
                No key,single,a|b,,,,\n\
                Bad letter,single,a|b,C,,,\n\
                Two keys,single,a|b|c,\"A,B\",,,\n\
                ,single,a|b,A,,,\n\
                Unknown kind,quiz,,x,,,\n\
                TF,truefalse,,maybe,,,\n\
                Num,numeric,,about ten,,,\n\
                Range,numeric,,9..3,,,\n\
                Pairs,matching,a -> 1|b,,,,\n\
                Gaps,cloze,,The {open gap,,,\n\
                Essay,discussion,,,,,\n\
                One choice,single,only,A,,,\n\
                Same,single,x|x,A,,,\n\
                Points,short,,yes,1.5,,\n\
                Level,short,,yes,,tough,\n\
                Cited,short,,yes,,,3\n";
    let c = import_csv(text);
    let got = errors(&c);
    let at = |line: usize| {
        got.iter()
            .find(|(l, _, _)| *l == line)
            .unwrap_or_else(|| panic!("no error on line {line}: {got:#?}"))
    };
    assert!(at(3).2.contains("does not say which choice is correct"));
    assert_eq!(at(3).1, 19, "at the empty correct cell");
    assert!(at(4).2.contains("`C` is neither"));
    assert!(at(5).2.contains("names 2"));
    assert!(at(6).2.contains("prompt is empty"));
    assert!(at(7).2.contains("`quiz` is not a question kind"));
    assert_eq!(at(7).1, 14);
    assert!(at(8).2.contains("`maybe` is neither true nor false"));
    assert!(at(9).2.contains("not a number"));
    assert!(at(10).2.contains("runs backwards"));
    assert!(at(11).2.contains("`b` is not a pair"));
    assert!(at(12).2.contains("never closed"));
    assert!(at(13).2.contains("model answer"));
    assert!(at(14).2.contains("at least two choices"));
    assert!(
        at(15).2.contains("cannot be converted"),
        "the loader's own check: {:?}",
        at(15)
    );
    assert_eq!(got.len(), 13, "{got:#?}");
    // Converted, with a note and a located warning for what was changed or lost.
    let ids: Vec<&str> = c
        .bank
        .questions
        .iter()
        .map(|d| d.question.id.as_str())
        .collect();
    assert_eq!(ids, ["q1", "q15", "q16", "q17"]);
    let warnings: Vec<(usize, usize)> = c
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(warnings, [(16, 19), (17, 19), (18, 20)]);
    for d in &c.bank.questions[1..] {
        assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
    }
    common::bank(&c.to_ron());
}

#[test]
fn a_header_without_a_prompt_column_lists_what_was_found_and_what_is_expected() {
    let c = import_csv("Qestion,Antwortz\nWhat?,x\n");
    let e = &c.diagnostics[0];
    assert!(e.is_error());
    assert!(e.message.contains("`Qestion`, `Antwortz`"), "{}", e.message);
    assert!(e.hint.as_deref().unwrap().contains("`prompt`"));
    assert!(c.bank.questions.is_empty());
    // Other languages' headers, a semicolon CSV, a decimal comma.
    let c =
        import_csv("Pregunta;Tipo;Respuesta correcta;Puntos\n¿Cuánto es 1,5 + 1?;numérico;2,5;2\n");
    assert!(c.diagnostics.is_empty(), "{}", c.render());
    let q = &c.bank.questions[0].question;
    assert!(
        matches!(&q.kind, Kind::Numeric(n) if matches!(n.target, NumericTarget::Near { value, .. } if value == 2.5))
    );
    assert_eq!(q.points, 2);
}

#[test]
fn kinds_are_guessed_from_the_cells() {
    let c = import_csv(
        "prompt,choices,correct\n\
         A?,,TRUE\n\
         B?,,42 ± 0.5\n\
         C?,,Pyongyang\n\
         D?,a -> 1|b -> 2,\n\
         The {cat|kitten} sat.,,\n\
         E?,x|*y|z,\n",
    );
    assert!(
        !c.diagnostics.iter().any(|d| d.is_error()),
        "{}",
        c.render()
    );
    let kinds: Vec<KindName> = c
        .bank
        .questions
        .iter()
        .map(|d| d.question.kind.name())
        .collect();
    assert_eq!(
        kinds,
        [
            KindName::TrueFalse,
            KindName::Numeric,
            KindName::ShortAnswer,
            KindName::Matching,
            KindName::Cloze,
            KindName::SingleChoice
        ]
    );
    assert!(
        c.bank
            .questions
            .iter()
            .all(|d| d.notes.iter().any(|n| n.contains("kind was not given")))
    );
}

#[test]
fn corrupt_workbooks_are_reported_never_a_panic() {
    let good = std::fs::read(path("tests/sheet/messy.xlsx")).unwrap();
    let name = Path::new("class.xlsx");
    let options = ImportOptions::for_path(name);
    for cut in [10, good.len() / 2, good.len() - 30] {
        let c = sheet::import(name, &good[..cut], &options);
        assert!(c.error_count() >= 1, "cut at {cut}");
        assert!(c.bank.questions.is_empty());
    }
    let c = sheet::import(name, b"\x00\x01garbage\xff\xfe not a workbook", &options);
    assert!(
        c.diagnostics[0]
            .one_line()
            .starts_with("class.xlsx: error: the file is not a spreadsheet"),
        "{}",
        c.render()
    );
    // An .ods named .xlsx is read as what it is, with a warning.
    let ods = std::fs::read(path("tests/sheet/messy.ods")).unwrap();
    let c = sheet::import(name, &ods, &options);
    assert!(
        c.diagnostics
            .iter()
            .any(|d| !d.is_error() && d.message.contains("is OpenDocument (.ods)"))
    );
    assert_eq!(c.bank.questions.len(), 8);
}

#[test]
fn limits_stop_zip_bombs_and_far_away_cells() {
    let bomb = import_file("tests/sheet/bomb.xlsx");
    assert!(
        bomb.diagnostics[0]
            .message
            .contains("unpacks to more than 64 MiB"),
        "{}",
        bomb.render()
    );
    // One cell at XFD1048576: read cell by cell, the rows past the limit are reported.
    let far = import_file("tests/sheet/far.xlsx");
    assert_eq!(far.bank.questions.len(), 1);
    assert!(
        far.diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("past row 100000"))
    );
}

#[test]
fn the_command_line_prints_cells_and_takes_a_sheet_name() {
    let dir = temp_dir("sheet-cli");
    let out = dir.join("messy.ron");
    let o = quizdesk(&[
        "import",
        "sheet",
        "tests/sheet/messy.xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("tests/sheet/messy.xlsx: Sheet1:13:G: error:"),
        "{err}"
    );
    assert!(err.contains("  = hint: write the letter"), "{err}");
    assert!(err.contains("converted 8 questions"), "{err}");
    let check = quizdesk(&["check", out.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let o = quizdesk(&[
        "import",
        "sheet",
        "tests/sheet/messy.xlsx",
        "--sheet",
        "Answers",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("has no sheet `Answers`; its sheets are `Sheet1`"),
        "{err}"
    );
    let o = quizdesk(&["import", "gift", "tests/sheet/messy.csv", "--sheet", "x"]);
    assert_eq!(o.status.code(), Some(2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), name in "(x\\.xlsx|x\\.ods|x\\.csv|x\\.xls)") {
        let p = Path::new(&name);
        let c = sheet::import(p, &bytes, &ImportOptions::for_path(p));
        prop_assert!(c.bank.questions.len() <= bytes.len());
    }

    #[test]
    fn damaged_workbooks_never_panic(at in 0usize..6000, byte in any::<u8>(), ods in any::<bool>()) {
        let rel = if ods { "tests/sheet/messy.ods" } else { "tests/sheet/messy.xlsx" };
        let mut bytes = std::fs::read(path(rel)).unwrap();
        let i = at % bytes.len();
        bytes[i] = byte;
        let p = Path::new(rel);
        let c = sheet::import(p, &bytes, &ImportOptions::for_path(p));
        prop_assert!(c.bank.questions.len() <= 8);
    }
}
