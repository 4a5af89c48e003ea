//! Loss reports of conversions (`--report`, `--json`): per question, what was kept and what
//! was lost, on import (read off the importer's notes and errors) and on export (measured by
//! reading the exported file back).

use std::path::Path;

use quizdesk::interop::convert::ImportFormat;
use quizdesk::interop::report::{Direction, Entry, LossReport, Outcome};
use quizdesk::interop::{Export, ImportOptions, gift};

use crate::common::{self, quizdesk, temp_dir};

fn import_report(text: &str) -> LossReport {
    let path = Path::new("quiz.gift");
    let converted = gift::import(path, text, &ImportOptions::for_path(path));
    LossReport::of_import("GIFT", &converted)
}

fn entry<'r>(report: &'r LossReport, id: &str) -> &'r Entry {
    report
        .questions
        .iter()
        .find(|e| e.id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no entry for `{id}` in\n{}", report.to_text()))
}

const GIFT: &str = "::capital:: Capital of North Korea? {=Pyongyang#Yes. ~Seoul#South. ~Moscow}\n\n\
::broken:: A question whose block never closes {=a ~b\n\n\
::essay:: Discuss the pact. {}\n";

#[test]
fn an_import_lists_each_question_in_file_order_with_what_it_kept() {
    let report = import_report(GIFT);
    assert_eq!(report.direction, Direction::Import);
    let capital = entry(&report, "capital");
    assert_eq!(capital.outcome, Outcome::Whole, "{}", report.to_text());
    assert_eq!(capital.origin.as_deref(), Some("quiz.gift:1"));
    assert!(
        capital.kept.contains(&"3 choices (1 right)".to_owned()),
        "{:?}",
        capital.kept
    );
    assert!(capital.kept.contains(&"feedback on 2 of 3".to_owned()));
    // The broken question is listed where it stands, with its error, between the other two.
    assert_eq!(report.questions.len(), 3, "{}", report.to_text());
    let broken = &report.questions[1];
    assert_eq!(broken.outcome, Outcome::LeftOut);
    assert_eq!(broken.origin.as_deref(), Some("quiz.gift:3"));
    assert_eq!(broken.lost.len(), 1);
    assert_eq!(
        (report.whole, report.with_losses, report.left_out),
        (1, 1, 1),
        "{}",
        report.to_text()
    );
}

#[test]
fn an_import_lists_what_the_importer_could_not_carry_over() {
    // GIFT's numeric answers with several weighted alternatives: quizdesk keeps the full-credit one.
    let report = import_report("::years:: How many years? {#=24:0 =%50%23:0}\n");
    let years = entry(&report, "years");
    assert_eq!(years.outcome, Outcome::WithLosses, "{}", report.to_text());
    assert!(!years.lost.is_empty());
    let text = report.to_text();
    assert!(text.contains("`years` numeric: with losses"), "{text}");
    assert!(text.contains("  lost: "), "{text}");
}

const BANK: &str = r#"Bank(
    format: 1, id: "loss", title: "Loss",
    sections: ["A"],
    questions: [
        (id: "plain", prompt: "Capital?", section: "A", explanation: "Pyongyang.",
         answer: SingleChoice(choices: [
            (text: "Seoul", feedback: "South."),
            (text: "Pyongyang", correct: true, feedback: "Yes."),
         ])),
        (id: "rich", prompt: "NATO chief?", section: "A", explanation: "Stoltenberg.",
         hint: "Norwegian.", tags: ["people"], difficulty: Hard, points: 2,
         answer: ShortAnswer(accept: ["Stoltenberg"], typos: 1)),
        (id: "order", prompt: "Order.", explanation: "Chronology.",
         answer: Ordering(items: ["1961", "2000", "2024"])),
    ],
)"#;

fn export_report(export: &Export) -> LossReport {
    let bank = common::bank(BANK);
    LossReport::of_export(
        ImportFormat::Gift,
        &bank,
        Path::new("loss.ron"),
        BANK,
        export,
    )
}

#[test]
fn an_export_is_measured_by_reading_it_back() {
    let bank = common::bank(BANK);
    let export = gift::export(&bank);
    let report = export_report(&export);
    assert_eq!(report.direction, Direction::Export);
    let plain = entry(&report, "plain");
    assert_eq!(plain.outcome, Outcome::Whole, "{}", report.to_text());
    assert_eq!(plain.origin.as_deref(), Some("loss.ron:5"));
    let rich = entry(&report, "rich");
    assert_eq!(rich.outcome, Outcome::WithLosses);
    for lost in [
        "not kept: the hint",
        "not kept: the difficulty (hard)",
        "not kept: the points (2)",
    ] {
        assert!(
            rich.lost.iter().any(|l| l == lost),
            "{lost}: {:?}",
            rich.lost
        );
    }
    // The exporter's own note explains the typo tolerance, and is not repeated as a difference.
    assert_eq!(
        rich.lost.iter().filter(|l| l.contains("typo")).count(),
        1,
        "{:?}",
        rich.lost
    );
    assert!(rich.kept.contains(&"the explanation".to_owned()));
    // Tags go through Moodle's `// [tag:…]` comments.
    assert!(
        rich.kept.contains(&"the tags people".to_owned()),
        "{:?}",
        rich.kept
    );
    assert_eq!(entry(&report, "order").outcome, Outcome::LeftOut);
}

#[test]
fn an_export_that_changes_an_answer_is_caught_even_without_a_note() {
    let bank = common::bank(BANK);
    let mut export = gift::export(&bank);
    // As if the writer had a bug: one choice's feedback comes out wrong, with no note.
    assert!(export.text.contains("#Yes."));
    export.text = export.text.replace("#Yes.", "#Nope.");
    let report = export_report(&export);
    let plain = entry(&report, "plain");
    assert_eq!(plain.outcome, Outcome::WithLosses);
    assert_eq!(
        plain.lost,
        vec![r#"answer[1].feedback: "Yes." comes back as "Nope.""#.to_owned()]
    );
}

#[test]
fn the_command_line_prints_the_report_as_text_and_as_json() {
    let dir = temp_dir("loss-report");
    let bank = dir.join("loss.ron");
    std::fs::write(&bank, BANK).unwrap();
    let gift_path = dir.join("loss.gift");
    let (bank_s, gift_s) = (bank.to_str().unwrap(), gift_path.to_str().unwrap());

    let out = quizdesk(&["export", "gift", bank_s, "--out", gift_s, "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["direction"], "export");
    assert_eq!(json["left_out"], 1);
    assert_eq!(json["questions"][1]["id"], "rich");
    assert_eq!(json["questions"][1]["outcome"], "with-losses");

    let ron_path = dir.join("back.ron");
    let out = quizdesk(&[
        "import",
        "gift",
        gift_s,
        "--out",
        ron_path.to_str().unwrap(),
        "--report",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Import from GIFT of ") && text.contains("2 questions: 2 whole"),
        "{text}"
    );
    assert!(ron_path.is_file());

    // The report and the converted file cannot both go to standard output.
    let out = quizdesk(&["import", "gift", gift_s, "--report"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("give --out"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_moodle_xml_export_keeps_the_feedback_for_any_other_answer() {
    let text = r#"Bank(format: 1, id: "o", title: "O", questions: [(id: "q", prompt: "Capital?", explanation: "E.", answer: ShortAnswer(accept: ["Pyongyang"], otherwise: "No: it is Pyongyang."))])"#;
    let bank = common::bank(text);
    let export = quizdesk::interop::moodle_xml::export(&bank);
    assert!(export.text.contains("<text>*</text>"), "{}", export.text);
    let report = LossReport::of_export(
        ImportFormat::MoodleXml,
        &bank,
        Path::new("o.ron"),
        text,
        &export,
    );
    let q = entry(&report, "q");
    assert_eq!(q.outcome, Outcome::Whole, "{}", report.to_text());
    assert!(q.kept.contains(&"feedback for any other answer".to_owned()));
}
