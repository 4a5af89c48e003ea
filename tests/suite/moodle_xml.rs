use std::path::{Path, PathBuf};

use proptest::prelude::*;
use quizdesk::bank::{Bank, Gap, Kind, NumericTarget, Question, Segment};
use quizdesk::interop::convert::{ImportFormat, export_moodle_xml};
use quizdesk::interop::{Converted, ImportOptions, moodle_xml};

use super::common;
use crate::common::{quizdesk, temp_dir};

fn fixture(name: &str) -> (PathBuf, String) {
    let path = Path::new("tests/interop").join(name);
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

fn import_str(name: &str, text: &str) -> Converted {
    let path = Path::new(name);
    moodle_xml::import(path, text, &ImportOptions::for_path(path))
}

fn import_fixture(name: &str) -> Converted {
    let (path, text) = fixture(name);
    moodle_xml::import(&path, &text, &ImportOptions::for_path(&path))
}

/// The converted bank loaded by the crate's own loader, which must report no error.
fn loaded(c: &Converted) -> std::sync::Arc<Bank> {
    let ron = c.to_ron();
    let report = common::report(&ron);
    assert_eq!(report.error_count(), 0, "{}\n{ron}", report.render());
    common::bank(&ron)
}

fn question<'b>(bank: &'b Bank, id: &str) -> &'b Question {
    bank.question(id).unwrap_or_else(|| {
        let ids: Vec<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
        panic!("no question `{id}` in {ids:?}")
    })
}

/// (line, column, message) of each warning or error.
fn places(c: &Converted, errors: bool) -> Vec<(usize, usize, String)> {
    c.diagnostics
        .iter()
        .filter(|d| d.is_error() == errors)
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

fn has_warning(c: &Converted, line: usize, message: &str) -> bool {
    places(c, false)
        .iter()
        .any(|(l, _, m)| *l == line && m.contains(message))
}

/// A question as JSON, without what an imported bank cannot hold (citations need a source).
fn comparable(q: &Question) -> serde_json::Value {
    let mut v = serde_json::to_value(q).unwrap();
    v["citation"] = serde_json::Value::Null;
    if let Some(rubric) = v
        .pointer_mut("/kind/Discussion/rubric")
        .and_then(|r| r.as_array_mut())
    {
        for point in rubric {
            point["citation"] = serde_json::Value::Null;
        }
    }
    v
}

/// Exports `bank`, imports the XML again (with no errors) and loads it.
fn round_trip(bank: &Bank) -> (String, std::sync::Arc<Bank>) {
    let export = moodle_xml::export(bank);
    assert_eq!(export.exported, bank.questions().len());
    let c = import_str("round-trip.xml", &export.text);
    assert_eq!(c.error_count(), 0, "{}", c.render());
    (export.text, loaded(&c))
}

fn assert_same_questions(before: &Bank, after: &Bank) {
    assert_eq!(after.questions().len(), before.questions().len());
    for a in before.questions() {
        let b = question(after, &a.id);
        assert_eq!(comparable(a), comparable(b), "{}", a.id);
        assert_eq!(
            quizdesk::progress::identity::question_hash(a),
            quizdesk::progress::identity::question_hash(b),
            "{}",
            a.id
        );
    }
    let mut x = before.sections().to_vec();
    let mut y = after.sections().to_vec();
    x.sort();
    y.sort();
    assert_eq!(x, y);
}

// ───────────────────────────────────────────────────────────────────────────── round trips

#[test]
fn bundled_banks_round_trip_through_moodle_xml_with_nothing_lost_but_citations() {
    for report in quizdesk::bundled::load_all() {
        let bank = report.bank.unwrap();
        let (_, back) = round_trip(&bank);
        assert_same_questions(&bank, &back);
    }
}

#[test]
fn every_kind_and_every_field_round_trips() {
    let (_, text) = fixture("every-field.ron");
    let bank = common::bank(&text);
    let (xml, back) = round_trip(&bank);
    assert_same_questions(&bank, &back);
    // What Moodle reads is there as Moodle fields, not only in the quizdesk comment.
    assert!(
        xml.contains("<text>$course$/top/Week 2//Maps</text>"),
        "{xml}"
    );
    assert!(xml.contains("<single>false</single>"));
    assert!(xml.contains("<answer fraction=\"33.33333\" format=\"plain_text\">"));
    assert!(xml.contains("<answer fraction=\"-33.33333\" format=\"plain_text\">"));
    assert!(xml.contains("<unit_name>years</unit_name>"));
    assert!(xml.contains("<tolerance>0.25</tolerance>"));
    assert!(xml.contains("<text>Moscow &amp; &lt;Beijing&gt;</text>"));
    assert!(xml.contains("<question type=\"ordering\">"));
    assert!(xml.contains("<gradingtype>ALL_OR_NOTHING</gradingtype>"));
    assert!(xml.contains("<defaultgrade>4</defaultgrade>"));
    assert!(xml.contains("<hint format=\"plain_text\">"));
    assert!(xml.contains("<idnumber>single</idnumber>"));
    assert!(
        xml.contains("{1:SHORTANSWER:=Pyongyang~=Pjöngjang~%0%Seoul#South \\/ not north.}"),
        "{xml}"
    );
    assert!(
        xml.contains(
            "{1:MULTICHOICE:=Kim Jong Un#Yes \\#1.~%0%Kim Il Sung#Died in 1994.~%0%Moon\\~Jae-in}"
        ),
        "{xml}"
    );
    // `--` never stands in a comment (the choice text has one).
    for comment in xml.split("<!--").skip(1) {
        let body = comment.split("-->").next().unwrap();
        assert!(!body.contains("--"), "{body}");
    }
    // The round trip also holds with the bank of every kind the other suites use.
    let bank = common::bank(common::ALL_KINDS);
    let (_, back) = round_trip(&bank);
    assert_same_questions(&bank, &back);
}

#[test]
fn without_the_quizdesk_comments_moodle_fields_still_carry_the_questions() {
    let (_, text) = fixture("every-field.ron");
    let bank = common::bank(&text);
    let xml = moodle_xml::export(&bank).text;
    // As Moodle would write it again: no comments.
    let stripped: String = xml
        .lines()
        .filter(|l| !l.trim_start().starts_with("<!-- quizdesk"))
        .collect::<Vec<_>>()
        .join("\n");
    let c = import_str("stripped.xml", &stripped);
    assert_eq!(c.error_count(), 0, "{}", c.render());
    let back = loaded(&c);
    for a in bank.questions() {
        let b = question(&back, &a.id);
        assert_eq!(
            (&a.explanation, &a.hint, &a.tags, a.points, &a.section),
            (&b.explanation, &b.hint, &b.tags, b.points, &b.section),
            "{}",
            a.id
        );
        assert_eq!(a.kind.name(), b.kind.name(), "{}", a.id);
    }
    // Lost without the comment: difficulty, typos, a range (a value and tolerance instead),
    // the cloze prompt.
    assert_eq!(
        question(&back, "multi").difficulty,
        quizdesk::bank::Difficulty::Medium
    );
    let Kind::Numeric(n) = &question(&back, "range").kind else {
        panic!()
    };
    assert!(matches!(n.target, NumericTarget::Near { .. }));
    assert_eq!(question(&back, "cloze").prompt, moodle_xml_missing_word());
}

fn moodle_xml_missing_word() -> &'static str {
    quizdesk::kinds::cloze::MISSING_WORD_PROMPT
}

#[test]
fn export_notes_every_loss_at_its_field_in_the_bank() {
    let (path, text) = fixture("every-field.ron");
    let report = quizdesk::bank::load_str(&path, &text, &common::NoSources);
    let bank = report.bank.unwrap();
    let export = export_moodle_xml(&bank, &path, &text);
    let messages: Vec<String> = export
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect();
    let has = |m: &str| messages.iter().any(|x| x.contains(m));
    assert!(
        has("the difficulty `easy` is not a Moodle field"),
        "{messages:#?}"
    );
    assert!(has(
        "the misconception tag `two-koreas` is not a Moodle field"
    ));
    assert!(has("1 of 4 choices are pinned"));
    assert!(has("`typos: 2` is not kept"));
    assert!(has("`apart_from` is not kept"));
    assert!(has("the rubric is not a Moodle field"));
    assert!(has("the suggested minutes are not a Moodle field"));
    assert!(has("Moodle 4.4 and later read ordering questions"));
    assert!(!has("Moodle needs at least three answers"));
    assert!(
        export
            .diagnostics
            .iter()
            .all(|d| !d.is_error() && d.line > 1)
    );
    // The pinned note points at the choices of question `single` (line 22 onwards).
    let pinned = export
        .diagnostics
        .iter()
        .find(|d| d.message.contains("1 of 4 choices are pinned"))
        .unwrap();
    assert!((20..=30).contains(&pinned.line), "{}", pinned.line);
    // Bundled banks cite; citations are noted, one per cited question.
    let facts = quizdesk::bundled::load_all()
        .into_iter()
        .find_map(|r| r.bank.filter(|b| b.id() == "pact-facts"))
        .unwrap();
    let export = moodle_xml::export(&facts);
    let cited = facts
        .questions()
        .iter()
        .filter(|q| q.citation.is_some())
        .count();
    assert!(cited > 0);
    assert_eq!(
        export.notes.iter().filter(|n| n.field == "cite").count(),
        cited
    );
}

// ──────────────────────────────────────────────────────────── importing a real-style export

#[test]
fn a_moodle_export_converts_every_type_it_has() {
    let c = import_fixture("moodle-export.xml");
    assert_eq!(c.error_count(), 0, "{}", c.render());
    let bank = loaded(&c);
    assert_eq!(bank.questions().len(), 9, "the description is left out");
    assert_eq!(bank.sections(), ["Geography/Maps", "Roles"]);

    // multichoice, single: HTML in CDATA as text, idnumber as id, fractions, hints, tags.
    let q = question(&bank, "summit-city");
    assert_eq!(q.prompt, "Where did the leaders meet?");
    assert_eq!(q.explanation, "They met in Pyongyang & signed there.");
    assert_eq!(q.points, 2);
    assert_eq!(q.tags, ["places", "week-2"]);
    assert_eq!(
        q.hint.as_deref(),
        Some("It is a capital.\n\nNorth of the border.")
    );
    let Kind::SingleChoice(choices) = &q.kind else {
        panic!()
    };
    let right: Vec<(&str, bool, bool)> = choices
        .iter()
        .map(|c| (c.text.as_str(), c.correct, c.pinned))
        .collect();
    assert_eq!(
        right,
        [
            ("Pyongyang", true, false),
            ("Vladivostok", false, false),
            ("Seoul", false, false)
        ]
    );
    assert_eq!(choices[1].feedback, "Close: they met there in 2019.");

    // multichoice, multiple: no shuffling pins every choice; the name gives the id.
    let q = question(&bank, "years-in-the-article");
    let Kind::MultipleSelect(choices) = &q.kind else {
        panic!()
    };
    assert!(choices.iter().all(|c| c.pinned));
    assert_eq!(choices.iter().filter(|c| c.correct).count(), 2);

    // truefalse, with each answer's feedback.
    let Kind::TrueFalse(tf) = &question(&bank, "pact-in-june").kind else {
        panic!()
    };
    assert!(tf.answer);
    assert_eq!(
        (tf.feedback_true.as_str(), tf.feedback_false.as_str()),
        ("Right, in June.", "It was June.")
    );

    // shortanswer: full credit accepted, 0 a known wrong answer; partial and `*` left out.
    let Kind::ShortAnswer(sa) = &question(&bank, "nato-chief").kind else {
        panic!()
    };
    assert_eq!(sa.accept, ["Stoltenberg", "Jens Stoltenberg"]);
    assert_eq!(sa.wrong.len(), 1);
    assert_eq!(sa.wrong[0].feedback, "He is the US Secretary of State.");

    // numerical: tolerance and the unit with multiplier 1.
    let Kind::Numeric(n) = &question(&bank, "years-since-the-last-visit").kind else {
        panic!()
    };
    assert_eq!(
        n.target,
        NumericTarget::Near {
            value: 24.0,
            tolerance: 0.5
        }
    );
    assert_eq!(n.unit.as_deref(), Some("years"));

    // match: an empty subquestion is a distractor.
    let Kind::Matching(m) = &question(&bank, "who-is-who").kind else {
        panic!()
    };
    assert_eq!(
        m.pairs,
        [
            ("Stoltenberg".to_owned(), "NATO".to_owned()),
            ("Blinken".into(), "US".into())
        ]
    );
    assert_eq!(m.distractors, ["UN"]);

    // essay: the information for graders is the model answer.
    let Kind::Discussion(d) = &question(&bank, "what-the-pact-means").kind else {
        panic!()
    };
    assert_eq!(d.model_answer, "A good answer names both treaties.");
    assert_eq!(question(&bank, "what-the-pact-means").points, 5);

    // cloze: every kind of embedded answer.
    let q = question(&bank, "the-signing");
    let Kind::Cloze(cl) = &q.kind else { panic!() };
    assert_eq!(
        cl.text(),
        "Putin flew to {1} to meet {2}; it was {3} years since {4} and the pact {5}."
    );
    assert_eq!(
        cl.segments
            .iter()
            .filter(|s| matches!(s, Segment::Gap(_)))
            .count(),
        5
    );
    let Gap::Typed(g1) = &cl.gaps[0] else {
        panic!()
    };
    assert_eq!(g1.accept, ["Pyongyang"]);
    assert_eq!(g1.wrong[0].text, "Seoul");
    let Gap::Choose(g2) = &cl.gaps[1] else {
        panic!()
    };
    assert!(g2[0].correct && g2.iter().all(|c| c.pinned));
    assert_eq!(g2[1].feedback, "Died 1994");
    let Gap::Typed(g3) = &cl.gaps[2] else {
        panic!()
    };
    assert_eq!(g3.accept, ["24"]);
    let Gap::Choose(g4) = &cl.gaps[3] else {
        panic!()
    };
    assert!(g4.iter().all(|c| !c.pinned), "MULTICHOICE_S shuffles");

    // ordering: by the answers' positions.
    let Kind::Ordering(items) = &question(&bank, "Chronology").kind else {
        panic!()
    };
    assert_eq!(items, &["1961 treaty", "2000 visit", "2024 visit"]);
}

#[test]
fn every_loss_is_a_warning_at_its_line_and_a_note_on_its_question() {
    let c = import_fixture("moodle-export.xml");
    // Moodle's catch-all `*` answer is kept: its feedback is what any other answer is told.
    let nato = c
        .bank
        .questions
        .iter()
        .find_map(|d| match &d.question.kind {
            quizdesk::bank::Kind::ShortAnswer(sa) if d.question.prompt.contains("NATO") => {
                Some(sa.otherwise.clone())
            }
            _ => None,
        })
        .expect("the NATO short answer");
    assert!(!nato.is_empty());
    for (line, message) in [
        (19, "HTML was turned into plain text"),
        (31, "the numbering `ABCD` is dropped"),
        (33, "the `correctfeedback` is dropped"),
        (49, "the 50% partial credit for `Vladivostok` is dropped"),
        (61, "Moodle's 2 hints were joined into one hint"),
        (64, "the hint's options"),
        (
            78,
            "quizdesk takes 50% of the marks for each wrong answer ticked",
        ),
        (89, "the penalty of 10% for each wrong try is dropped"),
        (139, "`Jens` (50% credit) is left out"),
        (153, "case-sensitive matching is dropped"),
        (196, "the answer 25 (50% credit) is dropped"),
        (206, "the unit `months` (× 12) is dropped"),
        (211, "the penalty for a missing or wrong unit is dropped"),
        (237, "the question was hidden in Moodle"),
        (264, "Moodle essays have no rubric"),
        (268, "an image (`<img>`) in the question text is dropped"),
        (270, "the file `map.png` in the question text is not kept"),
        (297, "a description is not a question and is left out"),
        (
            316,
            "gap 2: the layout as vertical radio buttons (`MCV`) is dropped",
        ),
        (316, "gap 3 is numeric"),
        (316, "gap 3: the tolerance 1 of the number 24 is dropped"),
        (316, "gap 5: case-sensitive matching (`SAC`) is dropped"),
        (316, "the gaps' weights are dropped"),
        (343, "the grading `RELATIVE_NEXT_EXCLUDE_LAST` is dropped"),
    ] {
        assert!(
            has_warning(&c, line, message),
            "{line}: {message}\n{:#?}",
            places(&c, false)
        );
    }
    // Each warning on a converted question is a note on it too, one sentence each.
    let notes: usize = c.bank.questions.iter().map(|d| d.notes.len()).sum();
    assert_eq!(notes + 1, c.warning_count(), "all but the description's");
    let essay = c
        .bank
        .questions
        .iter()
        .find(|d| d.question.id == "what-the-pact-means")
        .unwrap();
    assert_eq!(essay.origin.as_deref(), Some("moodle-export.xml:264"));
    assert!(essay.notes.iter().any(|n| n.contains("map.png")));
    // The bank file says so above the question.
    assert!(
        c.to_ron()
            .contains("        // note: the file `map.png` in the question text is not kept")
    );
}

#[test]
fn questions_that_cannot_be_converted_are_errors_at_their_line_and_the_rest_converts() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="calculated">
    <name><text>calc</text></name>
    <questiontext format="html"><text>{a} + {b}?</text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>no right</text></name>
    <questiontext format="html"><text>Pick.</text></questiontext>
    <answer fraction="0"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>
  </question>
  <question type="multichoice">
    <name><text>two right</text></name>
    <questiontext format="html"><text>Pick.</text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>a</text></answer>
    <answer fraction="100"><text>b</text></answer>
  </question>
  <question type="numerical">
    <name><text>nan</text></name>
    <questiontext format="html"><text>How many?</text></questiontext>
    <answer fraction="100"><text>twelve</text></answer>
  </question>
  <question type="cloze">
    <name><text>multi response</text></name>
    <questiontext format="html"><text>Pick {1:MULTIRESPONSE:=a~=b~c}.</text></questiontext>
  </question>
  <question type="cloze">
    <name><text>unknown sub</text></name>
    <questiontext format="html"><text>Pick {1:FOO:=a}.</text></questiontext>
  </question>
  <question type="shortanswer">
    <name><text>duplicate</text></name>
    <questiontext format="html"><text>Name?</text></questiontext>
    <answer fraction="100"><text>Kim</text></answer>
    <answer fraction="100"><text>kim!</text></answer>
  </question>
  <question type="truefalse">
    <name><text>fine</text></name>
    <questiontext format="html"><text>Fine?</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="matching">
    <name><text>typo in type</text></name>
    <questiontext><text>x</text></questiontext>
  </question>
</quiz>
"#;
    let c = import_str("broken.xml", xml);
    let errors = places(&c, true);
    let lines: Vec<usize> = errors.iter().map(|e| e.0).collect();
    assert_eq!(lines, [3, 7, 13, 23, 27, 31, 45], "{errors:#?}");
    assert!(
        errors[0]
            .2
            .contains("Moodle's `calculated` questions have no quizdesk kind")
    );
    assert!(errors[1].2.contains("no answer has a positive `fraction`"));
    assert!(errors[2].2.contains("several answers give full credit"));
    assert!(errors[3].2.contains("`twelve` is not a number"));
    assert!(
        errors[4]
            .2
            .contains("gap 1 takes several answers (`MULTIRESPONSE`)")
    );
    assert!(
        errors[5]
            .2
            .contains("`FOO` is not a type of embedded answer")
    );
    assert!(errors[6].2.contains("`matching` questions"));
    assert!(
        c.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .all(|d| d.hint.is_some())
    );
    // The repeated short answer is merged with a warning; the rest converts.
    assert!(has_warning(
        &c,
        33,
        "`kim!` is the same answer as one before"
    ));
    let bank = loaded(&c);
    let ids: Vec<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["duplicate", "fine"]);
}

// ─────────────────────────────────────────────────────────────────────── malformed XML

fn only_error(xml: &str) -> (usize, usize, String, String) {
    let c = import_str("bad.xml", xml);
    assert!(c.bank.questions.is_empty());
    let [d] = c.diagnostics.as_slice() else {
        panic!("{:#?}", c.diagnostics)
    };
    assert!(d.is_error());
    (
        d.line,
        d.column,
        d.message.clone(),
        d.hint.clone().unwrap_or_default(),
    )
}

#[test]
fn malformed_xml_is_one_error_with_line_column_what_was_expected_and_a_hint() {
    let (line, col, message, hint) = only_error(
        "<quiz>\n  <question type=\"truefalse\">\n    <name><text>x</text></nmae>\n  </question>\n</quiz>\n",
    );
    assert_eq!((line, col), (3, 25), "{message}");
    assert!(
        message.contains("expected 'name' tag, not 'nmae'"),
        "{message}"
    );
    assert!(hint.contains("`</name>`"), "{hint}");

    let (line, _, message, hint) = only_error("<quiz>\n  <question type=\"essay\">\n");
    assert_eq!(line, 3);
    assert!(
        message.contains("expected the closing `</quiz>`"),
        "{message}"
    );
    assert!(hint.contains("cut short"));

    let (line, col, message, hint) = only_error(
        "<quiz>\n<question type=\"essay\"><name><text>Q&A</text></name></question></quiz>",
    );
    assert_eq!((line, col), (2, 37), "{message}");
    assert!(hint.contains("&amp;"), "{hint}");

    let (_, _, message, _) = only_error("<html><body>no quiz</body></html>");
    assert!(message.contains("expected `<quiz>` as the root element, found `<html>`"));

    let (line, _, message, _) = only_error("");
    assert_eq!(line, 1);
    assert!(message.starts_with("malformed XML"), "{message}");
}

#[test]
fn dtds_are_refused_so_no_entity_expands() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="essay"><name><text>&lol3;</text></name></question></quiz>
"#;
    let (line, col, message, hint) = only_error(laughs);
    assert_eq!((line, col), (2, 1));
    assert!(message.contains("document type declaration"), "{message}");
    assert!(hint.contains("remove it"));
    // An external entity is refused the same way.
    let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<quiz>&x;</quiz>";
    let (line, _, message, _) = only_error(external);
    assert_eq!(line, 2);
    assert!(message.contains("document type declaration"));
}

#[test]
fn deep_nesting_is_bounded_and_never_overflows_the_stack() {
    let depth = 200_000;
    let xml = format!(
        "<quiz>{}{}</quiz>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let (line, _, message, _) = only_error(&xml);
    assert_eq!(line, 1);
    assert!(message.contains("nest more than 64 deep"), "{message}");
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_read() {
    let xml = "\u{feff}<?xml version=\"1.0\"?>\r\n<quiz>\r\n<question type=\"truefalse\">\r\n<name><text>bom</text></name>\r\n<questiontext format=\"plain_text\"><text>Line one\r\nline two</text></questiontext>\r\n<answer fraction=\"0\"><text>true</text></answer><answer fraction=\"100\"><text>false</text></answer>\r\n</question>\r\n<question type=\"frobnicate\"/>\r\n</quiz>";
    let c = import_str("bom.xml", xml);
    assert_eq!(
        places(&c, true),
        [(
            9,
            1,
            "Moodle's `frobnicate` questions have no quizdesk kind".to_owned()
        )]
    );
    let bank = loaded(&c);
    assert_eq!(bank.questions()[0].prompt, "Line one\nline two");
    assert_eq!(c.bank.questions[0].origin.as_deref(), Some("bom.xml:3"));
}

// ───────────────────────────────────────────────────────────── the command line, end to end

#[test]
fn cli_import_and_export_moodle_xml() {
    let dir = temp_dir("moodle-xml");
    let out = dir.join("moodle.ron");
    let o = quizdesk(&[
        "import",
        "moodle-xml",
        "tests/interop/moodle-export.xml",
        "--out",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("┌─ tests/interop/moodle-export.xml:270:7"),
        "{err}"
    );
    assert!(
        err.contains(
            "converted 9 questions from tests/interop/moodle-export.xml (Moodle XML): 31 warnings"
        ),
        "{err}"
    );
    let o = quizdesk(&["check", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // Export by bundled id, to standard output, and by path to a file.
    let o = quizdesk(&["export", "moodle-xml", "pact-discussion"]);
    assert_eq!(o.status.code(), Some(0));
    let xml = String::from_utf8_lossy(&o.stdout);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"));
    assert!(xml.contains("<question type=\"essay\">"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("┌─ quizzes/pact-discussion.ron:"), "{err}");
    assert!(
        err.contains("exported 14 of 14 questions to Moodle XML"),
        "{err}"
    );
    let xml_out = dir.join("every.xml");
    let o = quizdesk(&[
        "export",
        "moodle-xml",
        "tests/interop/every-field.ron",
        "--out",
        xml_out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = quizdesk(&["import", "moodle-xml", xml_out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Never over the input; broken XML exits 1; a missing file 2.
    let o = quizdesk(&[
        "import",
        "moodle-xml",
        xml_out.to_str().unwrap(),
        "--out",
        xml_out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let broken = dir.join("broken.xml");
    std::fs::write(&broken, "<quiz><question></quiz>").unwrap();
    let o = quizdesk(&["import", "moodle-xml", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("broken.xml:1:"));
    assert_eq!(
        quizdesk(&["import", "moodle-xml", "no/such.xml"])
            .status
            .code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_generic_import_format_reads_moodle_xml() {
    let (path, text) = fixture("moodle-export.xml");
    let c = ImportFormat::MoodleXml.import(&path, &text, &ImportOptions::for_path(&path));
    assert_eq!(ImportFormat::MoodleXml.name(), "Moodle XML");
    assert_eq!(c.bank.questions.len(), 9);
}

// ─────────────────────────────────────────────────────────────────────────────── properties

/// Text made mostly of Moodle XML's pieces.
fn xmlish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec![
                "<quiz>", "</quiz>", "<question type=\"multichoice\">", "<question type=\"cloze\">",
                "<question type=\"category\">", "<question type=\"truefalse\">",
                "<question type=\"numerical\">", "<question type=\"match\">", "</question>",
                "<name><text>", "</text></name>", "<questiontext format=\"html\"><text>",
                "</text></questiontext>", "<answer fraction=\"100\"><text>", "<answer fraction=\"-50\">",
                "</text></answer>", "<text>", "</text>", "<![CDATA[<p>", "]]>", "&amp;", "&lt;",
                "{1:SA:=", "{1:MC:=a~b}", "{:NM:=3:1}", "~", "#", "}", "<subquestion>", "</subquestion>",
                "<!-- quizdesk {\"typos\":1} -->", "<file name=\"a.png\">", "</file>",
                "<single>false</single>", "<units><unit><unit_name>km</unit_name></unit></units>",
                "\n", " ",
            ])
            .prop_map(str::to_owned),
            3 => "[a-z0-9 .]{1,6}",
            1 => any::<char>().prop_map(String::from),
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn import_never_panics_and_what_it_writes_loads(text in xmlish()) {
        let c = import_str("fuzz.xml", &format!("<quiz>{text}</quiz>"));
        let _ = c.render();
        if !c.bank.questions.is_empty() {
            let report = common::report(&c.to_ron());
            prop_assert_eq!(report.error_count(), 0, "{}", report.render());
        }
        let _ = import_str("fuzz.xml", &text);
    }

    #[test]
    fn truncated_or_damaged_exports_never_panic(cut in 0.0f64..1.0, flip in 0usize..2000, byte in any::<char>()) {
        let (_, bank_text) = fixture("every-field.ron");
        let xml = moodle_xml::export(&common::bank(&bank_text)).text;
        let mut at = ((xml.len() as f64) * cut) as usize;
        while !xml.is_char_boundary(at) {
            at -= 1;
        }
        let c = import_str("cut.xml", &xml[..at]);
        let _ = c.render();
        let mut damaged: Vec<char> = xml.chars().collect();
        let k = flip % damaged.len();
        damaged[k] = byte;
        let damaged: String = damaged.into_iter().collect();
        let c = import_str("damaged.xml", &damaged);
        let _ = c.render();
        if !c.bank.questions.is_empty() {
            let report = common::report(&c.to_ron());
            prop_assert_eq!(report.error_count(), 0, "{}", report.render());
        }
    }

    #[test]
    fn any_text_round_trips_through_moodle_xml(prompt in any::<String>(), feedback in any::<String>()) {
        let ron = format!(
            "Bank(format: 1, id: \"p\", title: \"P\", questions: [(id: \"q\", prompt: {}, answer: TrueFalse(answer: true, feedback_true: {}))])",
            quizdesk::interop::ron_writer::string(&prompt),
            quizdesk::interop::ron_writer::string(&feedback),
        );
        let report = common::report(&ron);
        prop_assume!(report.bank.is_some());
        let bank = report.bank.unwrap();
        let xml = moodle_xml::export(&bank).text;
        let c = import_str("p.xml", &xml);
        prop_assert_eq!(c.error_count(), 0, "{}\n{}", c.render(), xml);
        let back = common::bank(&c.to_ron());
        let q = &back.questions()[0];
        // Moodle trims texts; everything else comes back, carriage returns too.
        prop_assert_eq!(&q.prompt, &prompt.trim().to_owned());
        let Kind::TrueFalse(tf) = &q.kind else { panic!() };
        prop_assert_eq!(&tf.feedback_true, &feedback.trim().to_owned());
    }
}

#[test]
fn characters_xml_cannot_hold_are_replaced_with_a_note() {
    let ron = format!(
        "Bank(format: 1, id: \"c\", title: \"C\", questions: [(id: \"q\", prompt: {}, answer: TrueFalse(answer: true, misconception: {}))])",
        quizdesk::interop::ron_writer::string("Bell\u{7} here"),
        quizdesk::interop::ron_writer::string("odd\u{ffff}tag"),
    );
    let bank = common::bank(&ron);
    let export = moodle_xml::export(&bank);
    assert!(
        export.text.contains("<text>Bell\u{fffd} here</text>"),
        "{}",
        export.text
    );
    assert!(
        export
            .notes
            .iter()
            .any(|n| n.message.contains("characters XML cannot hold"))
    );
    let c = import_str("c.xml", &export.text);
    assert_eq!(c.error_count(), 0, "{}", c.render());
    let back = loaded(&c);
    let Kind::TrueFalse(tf) = &back.questions()[0].kind else {
        panic!()
    };
    assert_eq!(
        tf.misconception.as_deref(),
        Some("odd\u{ffff}tag"),
        "the comment keeps it escaped"
    );
}
