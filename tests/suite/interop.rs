use std::path::{Path, PathBuf};

use proptest::prelude::*;
use quizdesk::bank::{Bank, Gap, Kind, NumericTarget, Question, Segment};
use quizdesk::interop::{Converted, ImportOptions, aiken, gift, ron_writer};

use super::common;
use crate::common::{quizdesk, temp_dir};

fn fixture(name: &str) -> (PathBuf, String) {
    let path = Path::new("tests/interop").join(name);
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

fn import_gift(name: &str) -> Converted {
    let (path, text) = fixture(name);
    gift::import(&path, &text, &ImportOptions::for_path(&path))
}

fn import_aiken(name: &str) -> Converted {
    let (path, text) = fixture(name);
    aiken::import(&path, &text, &ImportOptions::for_path(&path))
}

/// The converted bank loaded by the crate's own loader, which must report no error.
fn loaded(c: &Converted) -> std::sync::Arc<Bank> {
    let ron = c.to_ron();
    let report = common::report(&ron);
    assert_eq!(report.error_count(), 0, "{}\n{ron}", report.render());
    common::bank(&ron)
}

fn question<'b>(bank: &'b Bank, id: &str) -> &'b Question {
    bank.question(id)
        .unwrap_or_else(|| panic!("no question `{id}`"))
}

/// `(line, column, message)` of every diagnostic of one severity.
fn places(c: &Converted, errors: bool) -> Vec<(usize, usize, String)> {
    c.diagnostics
        .iter()
        .filter(|d| d.is_error() == errors)
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

fn list(c: &[quizdesk::bank::Choice]) -> Vec<(&str, bool, &str)> {
    c.iter()
        .map(|c| (c.text.as_str(), c.correct, c.feedback.as_str()))
        .collect()
}

fn choices(q: &Question) -> Vec<(&str, bool, &str)> {
    match &q.kind {
        Kind::SingleChoice(c) | Kind::MultipleSelect(c) => list(c),
        // A missing-word question: the choices of its one gap.
        Kind::Cloze(cloze) => match cloze.gaps.as_slice() {
            [Gap::Choose(c)] => list(c),
            other => panic!("{} has gaps {other:?}", q.id),
        },
        other => panic!("{} is {other:?}", q.id),
    }
}

/// The question as Moodle shows it: the prompt, or for a missing-word question (a one-gap
/// cloze with the import's prompt) the sentence with `____` where the gap is.
fn shown(q: &Question) -> String {
    if let Kind::Cloze(c) = &q.kind
        && q.prompt == gift::MISSING_WORD_PROMPT
        && c.gaps.len() == 1
    {
        c.segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.as_str(),
                Segment::Gap(_) => gift::BLANK,
            })
            .collect()
    } else {
        q.prompt.clone()
    }
}

#[test]
fn every_gift_feature_converts_and_loads() {
    let c = import_gift("every-feature.gift");
    assert_eq!(c.error_count(), 0, "{}", c.render());
    let bank = loaded(&c);
    assert_eq!(bank.questions().len(), 22);
    assert_eq!(bank.sections(), ["Geography", "Numbers", "Formats"]);

    // Titles become ids: valid ids as written, others slugified; no title: its position.
    let ids: Vec<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    for id in [
        "capital-of-australia",
        "grants-tomb",
        "Sahara",
        "Boiling",
        "q22",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }

    let q = question(&bank, "capital-of-australia");
    assert_eq!(q.section.as_deref(), Some("Geography"));
    assert_eq!(q.explanation, "Canberra has been the capital since 1913.");
    assert_eq!(
        choices(q),
        [
            (
                "Canberra",
                true,
                "Right: it was built as a compromise between Sydney and Melbourne."
            ),
            ("Sydney", false, "The largest city, but not the capital."),
            (
                "Melbourne",
                false,
                "It was the seat of government until 1927."
            ),
        ]
    );

    // Missing word: a blank where the block stood.
    let q = question(&bank, "grants-tomb");
    assert_eq!(shown(q), "Grant is ____ in Grant's tomb.");
    assert_eq!(
        choices(q),
        [
            ("buried", false, ""),
            ("entombed", true, ""),
            ("living", false, "")
        ]
    );

    let Kind::ShortAnswer(sa) = &question(&bank, "longest-river").kind else {
        panic!("short answer")
    };
    assert_eq!(sa.accept, ["Nile", "the Nile"]);
    assert_eq!(sa.wrong.len(), 1);
    assert_eq!(sa.wrong[0].text, "Congo");
    assert_eq!(
        sa.wrong[0].feedback,
        "The Congo is the deepest river, not the longest."
    );

    // True/false: `#wrong#right` feedback lands on the learner's answer.
    let Kind::TrueFalse(tf) = &question(&bank, "antarctica-desert").kind else {
        panic!("true/false")
    };
    assert!(tf.answer);
    assert_eq!(
        tf.feedback_true,
        "Right: deserts are defined by precipitation, not by heat."
    );
    assert_eq!(
        tf.feedback_false,
        "It gets almost no precipitation, so it is one."
    );
    let q = question(&bank, "Equator");
    let Kind::TrueFalse(tf) = &q.kind else {
        panic!("true/false")
    };
    assert!(!tf.answer);
    assert_eq!(tf.feedback_true, "No: it is warm all year.");
    assert_eq!(tf.feedback_false, "Right.");
    assert_eq!(q.explanation, "It gets the most direct sunlight on Earth.");

    let Kind::Matching(m) = &question(&bank, "countries-and-capitals").kind else {
        panic!("matching")
    };
    assert_eq!(m.pairs.len(), 3);
    assert_eq!(m.pairs[0], ("Canada".to_owned(), "Ottawa".to_owned()));
    assert_eq!(m.distractors, ["Sydney"]);

    let target = |id: &str| match &question(&bank, id).kind {
        Kind::Numeric(n) => n.target,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        target("Boiling"),
        NumericTarget::Near {
            value: 212.0,
            tolerance: 0.5
        }
    );
    assert_eq!(
        target("Between"),
        NumericTarget::Range { min: 1.0, max: 5.0 }
    );
    assert_eq!(
        target("grant-born"),
        NumericTarget::Near {
            value: 1822.0,
            tolerance: 0.0
        }
    );
    assert_eq!(
        question(&bank, "Boiling").section.as_deref(),
        Some("Numbers")
    );

    // Weights: positive ones are the right answers; `\=` is a literal `=`.
    let q = question(&bank, "Primes");
    assert!(matches!(q.kind, Kind::MultipleSelect(_)));
    assert_eq!(
        choices(q),
        [
            ("2", true, "The only even prime."),
            ("3", true, ""),
            ("4", false, "4 = 2 × 2."),
            ("9", false, "9 = 3 × 3."),
        ]
    );
    assert_eq!(
        choices(question(&bank, "partial-choice")),
        [
            ("carbon dioxide", true, ""),
            ("air", false, "Partly: air contains it."),
            ("oxygen", false, "")
        ]
    );

    // Escapes and `\n`.
    assert_eq!(
        question(&bank, "Escapes").prompt,
        "Which of these is a GIFT answer block: {=yes ~no} or a \\ path?\nPick one."
    );
    // Formats: HTML to plain text; Markdown and plain kept as written.
    let q = question(&bank, "HTML");
    assert_eq!(q.prompt, "Which ocean is the largest?");
    assert_eq!(
        choices(q),
        [
            ("the Pacific", true, "Yes & by far."),
            ("the Atlantic", false, "")
        ]
    );
    assert_eq!(
        question(&bank, "Markdown").prompt,
        "Which is **longer**: a kilometre or a mile?"
    );
    assert_eq!(question(&bank, "Plain").prompt, "Is 3 < 5?");
    assert_eq!(
        question(&bank, "two-lines").prompt,
        "Which sea lies between Europe and Africa?"
    );

    let Kind::Discussion(d) = &question(&bank, "cold-deserts").kind else {
        panic!("discussion")
    };
    assert_eq!(
        d.model_answer,
        "Dry air holds little heat, so the ground loses its warmth quickly after sunset."
    );
    assert_eq!(d.rubric.len(), 1, "a placeholder rubric point");
}

#[test]
fn every_gift_feature_warns_where_something_is_lost() {
    let c = import_gift("every-feature.gift");
    let warnings = places(&c, false);
    let at = |line: usize, needle: &str| {
        assert!(
            warnings
                .iter()
                .any(|(l, _, m)| *l == line && m.contains(needle)),
            "no warning at line {line} containing {needle:?} in {warnings:#?}"
        );
    };
    at(51, "the feedback for `1822:0` is dropped");
    at(52, "the 50% partial credit for `1822:2` is dropped");
    at(63, "each of the 2 right answers 50%");
    at(63, "for each wrong answer ticked");
    at(66, "partial credit for `air` is dropped");
    at(68, "partial credit for `Saturn` is dropped");
    at(79, "HTML was turned into plain text");
    at(95, "no rubric");
    at(98, "this is a description, not a question, and is left out");
    assert_eq!(warnings.len(), 10, "{warnings:#?}");
    // Weights that map exactly (Primes: 50/50 and -50) are not warned about.
    assert!(!warnings.iter().any(|(l, _, _)| (56..=61).contains(l)));
    // Each lossy question carries its notes into the bank as comments.
    let ron = c.to_ron();
    assert!(
        ron.contains("// note: the 50% partial credit for `air` is dropped: it counts as wrong"),
        "{ron}"
    );
    assert!(ron.contains("// every-feature.gift:66"), "{ron}");
}

#[test]
fn moodle_documentation_examples_convert() {
    let c = import_gift("moodle-docs.gift");
    assert_eq!(c.error_count(), 0, "{}", c.render());
    let bank = loaded(&c);
    assert_eq!(bank.questions().len(), 13);
    let kinds: Vec<&str> = bank
        .questions()
        .iter()
        .map(|q| q.kind.name().as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "TrueFalse",
            "SingleChoice",
            "Cloze",
            "Matching",
            "Numeric",
            "Numeric",
            "Numeric",
            "Cloze",
            "SingleChoice",
            "MultipleSelect",
            "TrueFalse",
            "ShortAnswer",
            "Discussion",
        ]
    );
    let q = &bank.questions()[7];
    assert_eq!(
        shown(q),
        "The American holiday of Thanksgiving is celebrated on the ____ Thursday of November."
    );
    assert_eq!(q.id, "q8", "untitled questions are numbered by position");
    assert_eq!(
        bank.questions()[1].prompt,
        "What's between orange and green in the spectrum?"
    );
    assert_eq!(
        choices(&bank.questions()[1])[0],
        ("yellow", true, "right; good!")
    );
    // `~%-100%` for the wrong answers of a 2-answer question is not quizdesk's -50%: warned.
    assert!(
        places(&c, false)
            .iter()
            .any(|(l, _, m)| *l == 43 && m.contains("for each wrong answer ticked")),
        "{}",
        c.render()
    );
}

#[test]
fn files_written_by_moodle_convert_html_and_categories() {
    let c = import_gift("moodle-export.gift");
    assert_eq!(c.error_count(), 0, "{}", c.render());
    let bank = loaded(&c);
    assert_eq!(bank.questions().len(), 7);
    assert_eq!(bank.sections(), ["Default for Biology 101/Cells"]);
    let q = question(&bank, "Powerhouse");
    assert_eq!(
        q.prompt,
        "Which organelle is the \"powerhouse\" of the cell?"
    );
    assert_eq!(q.explanation, "Mitochondria make most of the cell's ATP.");
    assert_eq!(choices(q)[0], ("Mitochondrion", true, "Correct."));
    let Kind::ShortAnswer(sa) = &question(&bank, "dna-letters").kind else {
        panic!("short answer")
    };
    assert_eq!(sa.accept, ["thymine", "T"]);
    assert_eq!(sa.wrong[0].text, "uracil");
    assert!(matches!(
        question(&bank, "plant-cells").kind,
        Kind::MultipleSelect(_)
    ));
    // One HTML warning per question, not per text.
    let html = places(&c, false)
        .iter()
        .filter(|(_, _, m)| m.contains("HTML"))
        .count();
    assert_eq!(html, 7);
}

#[test]
fn broken_gift_reports_each_error_at_its_line_and_converts_the_rest() {
    let c = import_gift("broken.gift");
    let errors = places(&c, true);
    let expected: &[(usize, usize, &str)] = &[
        (5, 37, "the answer block is not closed"),
        (7, 36, "a second answer block"),
        (9, 23, "a `{` inside an answer block"),
        (13, 30, "`twelve` is not a number"),
        (15, 36, "a matching pair without `->`"),
        (17, 25, "text before the first answer"),
        (19, 26, "the range `5..1` runs backwards"),
        (21, 47, "two answers are the same"),
        (23, 27, "no numerical answer gets full credit"),
        (25, 13, "the question has no text"),
        (27, 27, "`}` without an answer block"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for ((line, column, message), (el, ec, needle)) in errors.iter().zip(expected) {
        assert_eq!((line, column), (el, ec), "{message}");
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    }
    assert!(
        c.diagnostics.iter().all(|d| d.hint.is_some()),
        "every error says what to do"
    );
    let bank = loaded(&c);
    let ids: Vec<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    // Two right answers in a single-answer question convert (as a multiple selection).
    assert_eq!(ids, ["Fine", "two-right", "also-fine"]);
    let rendered = c.render();
    assert!(
        rendered.contains("tests/interop/broken.gift:5:37"),
        "{rendered}"
    );
}

#[test]
fn aiken_files_convert_to_single_choice() {
    let c = import_aiken("good.aiken.txt");
    assert!(c.diagnostics.is_empty(), "{}", c.render());
    let bank = loaded(&c);
    let ids: Vec<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3"]);
    assert_eq!(
        choices(question(&bank, "q1")),
        [
            ("Berlin", false, ""),
            ("Paris", true, ""),
            ("Madrid", false, ""),
            ("Rome", false, "")
        ]
    );
    assert_eq!(choices(question(&bank, "q2"))[1], ("Mars", true, ""));
    assert_eq!(
        question(&bank, "q3").prompt,
        "Which of these questions is written\nover two lines?"
    );
}

#[test]
fn broken_aiken_reports_each_error_at_its_line() {
    let c = import_aiken("bad.aiken.txt");
    let errors = places(&c, true);
    let expected: &[(usize, usize, &str)] = &[
        (1, 1, "option A comes before any question"),
        (2, 1, "`ANSWER:` without a question"),
        (7, 9, "`ANSWER: E` is not one of the options (A, B)"),
        (9, 1, "this question has no `ANSWER:` line"),
        (15, 1, "option A is given twice"),
        (18, 1, "this question has 1 option"),
        (25, 9, "names more than one option"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for ((line, column, message), (el, ec, needle)) in errors.iter().zip(expected) {
        assert_eq!((line, column), (el, ec), "{message}");
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    }
    let bank = loaded(&c);
    // Ids count every question, so fixing one does not renumber the others.
    let ids: Vec<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["q6"]);
    assert_eq!(question(&bank, "q6").prompt, "Good question?");
}

#[test]
fn export_writes_every_kind_that_gift_has() {
    let bank = common::bank(common::ALL_KINDS);
    let out = gift::export(&bank);
    let text = &out.text;
    for needle in [
        "$CATEGORY: $course$/top/A\n",
        "$CATEGORY: $course$/top/B\n",
        // Single choice with feedback and general feedback.
        "::single:: Capital? {\n\t~Seoul#South.\n\t=Pyongyang#Yes.\n\t~Moscow#Russia.\n\t####Pyongyang.\n}",
        // Multiple select: 3 right answers, each 1/3; each wrong one costs 1/3.
        "\t~%33.33333%1961#f1961\n",
        "\t~%-33.33333%2023#f2023\n",
        // True/false: wrong-answer feedback first, then right-answer feedback.
        "::tf:: Kim pledged support. {TRUE#said false#said true####True.}",
        // Short answer: accepted forms; a known wrong answer is a 0% answer with feedback.
        "\t=Stoltenberg\n\t=Jens Stoltenberg\n\t=%0%Blinken#He is the US Secretary of State.\n",
        // Numeric: tolerance and range; the unit goes into the text.
        "::num:: Years since last visit? (unit\\: years) {#\n\t24:1\n",
        "::range:: A year between? {#\n\t2000..2001\n",
        // Matching: a distractor is an answer with no question.
        "\t=Stoltenberg -> NATO\n\t=Blinken -> US\n\t=Kim -> DPRK\n\t= -> UN\n",
        // Discussion: an essay, the model answer as general feedback, the rubric in comments.
        "// rubric (3): three\n// minutes: 5\n// explanation: Open.\n::discuss:: Discuss. {\n\t####A model.\n}",
        // Ordering: a comment only.
        "// Ordering question `order`, not exported (GIFT has none):\n// Order.\n//   1. 1961\n",
        // What GIFT cannot hold, as comments.
        "// difficulty: easy\n::single::",
        "// points: 3\n::multi::",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let notes: Vec<(&str, &str)> = out
        .notes
        .iter()
        .map(|n| (bank.questions()[n.question].id.as_str(), n.message.as_str()))
        .collect();
    assert_eq!(notes.len(), 3, "{notes:#?}");
    for (id, needle) in [
        ("short", "typos: 1"),
        ("order", "not exported"),
        ("discuss", "no rubric"),
    ] {
        assert!(
            notes.iter().any(|(i, m)| *i == id && m.contains(needle)),
            "{id}: {needle} in {notes:#?}"
        );
    }
}

#[test]
fn export_escapes_special_characters_and_warns_about_small_matchings() {
    let bank = common::bank(
        r#"Bank(format: 1, id: "esc", title: "Esc", questions: [
        (id: "q", prompt: "a~b=c#d{e}f:g\\h\nnext", explanation: "[html] is text here",
         answer: SingleChoice(choices: [(text: "%50% right", correct: true), (text: "%50% wrong")])),
        (id: "m", prompt: "Match.", explanation: "E.",
         answer: Matching(pairs: [("a -> b", "1"), ("c", "2")])),
    ])"#,
    );
    let out = gift::export(&bank);
    assert!(
        out.text.contains(
            "::q:: a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nnext {\n\t=%50% right\n\t~%0%%50% wrong\n\t####[moodle][html] is text here\n}"
        ),
        "{}",
        out.text
    );
    let messages: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(
        messages[0].contains("at least three answers"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("`->` in the left item"),
        "{messages:?}"
    );
    // And it reads back as written.
    let back = reimport(&out.text);
    assert_eq!(question(&back, "q").prompt, "a~b=c#d{e}f:g\\h\nnext");
    assert_eq!(question(&back, "q").explanation, "[html] is text here");
    assert_eq!(
        choices(question(&back, "q")),
        [("%50% right", true, ""), ("%50% wrong", false, "")]
    );
}

/// Imports GIFT text (as `round-trip.gift`) into a loaded bank, with no errors.
fn reimport(gift_text: &str) -> std::sync::Arc<Bank> {
    let path = Path::new("round-trip.gift");
    let c = gift::import(path, gift_text, &ImportOptions::for_path(path));
    assert_eq!(c.error_count(), 0, "{}\n{gift_text}", c.render());
    loaded(&c)
}

/// Every field GIFT can carry is the same in `after` as in `before`; ordering questions are
/// not exported.
fn assert_mappable_fields_kept(before: &Bank, after: &Bank) {
    for a in before.questions() {
        if !exportable(a) {
            assert!(after.question(&a.id).is_none(), "{}", a.id);
            continue;
        }
        let b = question(after, &a.id);
        assert_eq!(shown(a), shown(b), "{}", a.id);
        assert_eq!(a.section, b.section, "{}", a.id);
        match (&a.kind, &b.kind) {
            (Kind::SingleChoice(x), Kind::SingleChoice(y))
            | (Kind::MultipleSelect(x), Kind::MultipleSelect(y)) => {
                assert_eq!(choices(a), choices(b), "{}", a.id);
                assert_eq!(x.len(), y.len());
            }
            (Kind::TrueFalse(x), Kind::TrueFalse(y)) => {
                assert_eq!(
                    (x.answer, &x.feedback_true, &x.feedback_false),
                    (y.answer, &y.feedback_true, &y.feedback_false),
                    "{}",
                    a.id
                );
            }
            (Kind::ShortAnswer(x), Kind::ShortAnswer(y)) => {
                assert_eq!(x.accept, y.accept, "{}", a.id);
                let wrong = |s: &quizdesk::bank::ShortAnswer| {
                    s.wrong
                        .iter()
                        .map(|w| (w.text.clone(), w.feedback.clone()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(wrong(x), wrong(y), "{}", a.id);
            }
            (Kind::Numeric(x), Kind::Numeric(y)) => {
                assert_eq!((x.target, &x.unit), (y.target, &y.unit), "{}", a.id);
            }
            (Kind::Matching(x), Kind::Matching(y)) => {
                assert_eq!(
                    (&x.pairs, &x.distractors),
                    (&y.pairs, &y.distractors),
                    "{}",
                    a.id
                );
            }
            (Kind::Discussion(x), Kind::Discussion(y)) => {
                assert_eq!(x.model_answer, y.model_answer, "{}", a.id);
            }
            // A blank in a single-choice or short-answer prompt comes back as a missing-word
            // cloze, and a one-gap cloze as itself.
            (Kind::SingleChoice(_), Kind::Cloze(_)) => {
                assert_eq!(choices(a), choices(b), "{}", a.id);
            }
            (Kind::ShortAnswer(x), Kind::Cloze(y)) => match y.gaps.as_slice() {
                [Gap::Typed(t)] => assert_eq!(x.accept, t.accept, "{}", a.id),
                other => panic!("{}: gaps {other:?}", a.id),
            },
            (Kind::Cloze(x), Kind::Cloze(y)) => {
                assert_eq!(x.text(), y.text(), "{}", a.id);
                assert_eq!(x.key_response(), y.key_response(), "{}", a.id);
            }
            (x, y) => panic!("{}: {:?} came back as {:?}", a.id, x.name(), y.name()),
        }
        if !matches!(a.kind, Kind::Discussion(_)) {
            assert_eq!(a.explanation, b.explanation, "{}", a.id);
        }
    }
    let exported = before.questions().iter().filter(|q| exportable(q)).count();
    assert_eq!(after.questions().len(), exported);
}

/// GIFT has no ordering questions, and one blank a question.
fn exportable(q: &Question) -> bool {
    match &q.kind {
        Kind::Ordering(_) => false,
        Kind::Cloze(c) => c.gaps.len() == 1,
        Kind::SingleChoice(_)
        | Kind::MultipleSelect(_)
        | Kind::TrueFalse(_)
        | Kind::ShortAnswer(_)
        | Kind::Numeric(_)
        | Kind::Matching(_)
        | Kind::Discussion(_) => true,
    }
}

#[test]
fn ron_to_gift_to_ron_keeps_every_mappable_field() {
    for report in quizdesk::bundled::load_all() {
        let bank = report.bank.unwrap();
        let back = reimport(&gift::export(&bank).text);
        assert_mappable_fields_kept(&bank, &back);
        assert_eq!(back.sections(), bank.sections(), "{}", bank.id());
    }
    let bank = common::bank(common::ALL_KINDS);
    let back = reimport(&gift::export(&bank).text);
    assert_mappable_fields_kept(&bank, &back);
}

#[test]
fn missing_word_prompts_go_back_into_the_text() {
    let bank = common::bank(
        r#"Bank(format: 1, id: "mw", title: "MW", questions: [
        (id: "blank", prompt: "Moodle costs ____ money.", explanation: "Free.",
         answer: SingleChoice(choices: [(text: "lots of"), (text: "no", correct: true)])),
        (id: "end", prompt: "The capital is ____", explanation: "Seoul.",
         answer: ShortAnswer(accept: ["Seoul"])),
    ])"#,
    );
    let text = gift::export(&bank).text;
    assert!(
        text.contains("::blank:: Moodle costs {\n\t~lots of\n\t=no\n\t####Free.\n} money.\n"),
        "{text}"
    );
    // A blank at the very end cannot be told from a normal question, so it stays in the text.
    assert!(text.contains("::end:: The capital is ____ {"), "{text}");
    let back = reimport(&text);
    assert_mappable_fields_kept(&bank, &back);
}

#[test]
fn gift_to_ron_to_gift_is_stable() {
    for name in [
        "every-feature.gift",
        "moodle-docs.gift",
        "moodle-export.gift",
    ] {
        let c = import_gift(name);
        let first = gift::export(&loaded(&c)).text;
        let second = gift::export(&reimport(&first)).text;
        // The bank ids differ (file names); everything after the header line is the same.
        let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert_eq!(body(&first), body(&second), "{name}");
    }
}

#[test]
fn imported_ron_is_readable_and_commented() {
    let c = import_gift("every-feature.gift");
    let ron = c.to_ron();
    assert!(ron.starts_with(
        "// Imported from `every-feature.gift` (Moodle GIFT) by `quizdesk import gift`.\n"
    ));
    assert!(
        ron.contains(
            "        // every-feature.gift:7\n        (\n            id: \"capital-of-australia\",\n            prompt: \"What is the capital of Australia?\",\n            section: \"Geography\",\n"
        ),
        "{ron}"
    );
    assert!(
        ron.contains(
            "            answer: SingleChoice(choices: [\n                (text: \"Canberra\", correct: true, feedback: "
        ),
        "{ron}"
    );
    assert_eq!(ron_writer::string("say \"hi\"\\"), r#""say \"hi\"\\""#);
}

// ───────────────────────────────────────────────────────────── the command line, end to end

#[test]
fn cli_import_writes_a_bank_that_check_accepts() {
    let dir = temp_dir("import");
    let out = dir.join("features.ron");
    let o = quizdesk(&[
        "import",
        "gift",
        "tests/interop/every-feature.gift",
        "--out",
        out.to_str().unwrap(),
        "--id",
        "features",
        "--title",
        "Every feature",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(o.stdout.is_empty(), "with --out, nothing on stdout");
    assert!(
        err.contains("warning: the 50% partial credit for `air` is dropped"),
        "{err}"
    );
    assert!(
        err.contains("┌─ tests/interop/every-feature.gift:66:"),
        "rustc-style: {err}"
    );
    assert!(
        err.contains(
            "converted 22 questions from tests/interop/every-feature.gift (GIFT): 10 warnings"
        ),
        "{err}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("    id: \"features\",\n    title: \"Every feature\",\n"));
    let o = quizdesk(&["check", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_import_exit_codes() {
    // Aiken to stdout.
    let o = quizdesk(&["import", "aiken", "tests/interop/good.aiken.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("Bank(\n    format: 1,\n    id: \"good.aiken\""),
        "{stdout}"
    );
    // Something could not be converted: the rest is still written, exit 1.
    let o = quizdesk(&["import", "gift", "tests/interop/broken.gift"]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("id: \"also-fine\""), "{stdout}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error: the answer block is not closed: expected `}`"),
        "{err}"
    );
    assert!(
        err.contains("11 errors and 1 warning; questions with errors were left out"),
        "{err}"
    );
    // Usage and I/O problems: exit 2.
    assert_eq!(
        quizdesk(&["import", "gift", "no/such/file.gift"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(quizdesk(&["import", "qti", "x"]).status.code(), Some(2));
    assert_eq!(
        quizdesk(&[
            "import",
            "gift",
            "tests/interop/every-feature.gift",
            "--id",
            "bad id"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn cli_export_gift_by_bundled_id_and_by_path() {
    let o = quizdesk(&["export", "gift", "pact-facts"]);
    assert_eq!(o.status.code(), Some(0));
    let gift_text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(gift_text.contains("$CATEGORY: $course$/top/The visit\n"));
    assert!(gift_text.contains("::visit-who-travelled:: "));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: ordering question `un-sequence` is not exported"),
        "{err}"
    );
    assert!(err.contains("┌─ quizzes/pact-facts.ron:"), "{err}");
    assert!(err.contains("exported 51 of 55 questions to GIFT"), "{err}");

    let dir = temp_dir("export");
    let out = dir.join("kinds.gift");
    let bank = dir.join("kinds.ron");
    std::fs::write(&bank, common::ALL_KINDS).unwrap();
    let o = quizdesk(&[
        "export",
        "gift",
        bank.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("::single:: Capital? {")
    );
    // And back: the exported file imports with no errors.
    let o = quizdesk(&["import", "gift", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // A bank with errors is not exported.
    let o = quizdesk(&["export", "gift", "tests/malformed/duplicate_ids.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(
        quizdesk(&["export", "gift", "no-such-bank"]).status.code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// ─────────────────────────────────────────────────────────────────────────────── properties

/// Text made mostly of the characters that mean something in GIFT.
fn gifty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec![
                "{", "}", "=", "~", "#", "####", ":", "::", "\\", "\\n", "->", "%", "%50%",
                "%-100%", "..", "\n", "\n\n", "//", "$CATEGORY:", "[html]", "<b>", "&amp;",
                "T", "FALSE", " ", "____",
            ])
            .prop_map(str::to_owned),
            3 => "[a-z0-9 .]{1,6}",
            1 => any::<char>().prop_map(String::from),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Text for a bank field: anything, with at least one letter (quizdesk needs one in a choice).
fn field_text() -> impl Strategy<Value = String> {
    (gifty(), "[a-z]{1,4}", gifty()).prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn importers_never_panic_and_what_they_write_loads(text in gifty()) {
        let path = Path::new("fuzz.gift");
        let options = ImportOptions::for_path(path);
        for c in [gift::import(path, &text, &options), aiken::import(path, &text, &options)] {
            let _ = c.render();
            if !c.bank.questions.is_empty() {
                let report = common::report(&c.to_ron());
                prop_assert_eq!(report.error_count(), 0, "{}", report.render());
            }
        }
    }

    #[test]
    fn importers_never_panic_on_arbitrary_text(text in any::<String>()) {
        let path = Path::new("fuzz.gift");
        let options = ImportOptions::for_path(path);
        let _ = gift::import(path, &text, &options);
        let _ = aiken::import(path, &text, &options);
    }

    #[test]
    fn escaped_text_round_trips_through_gift(
        prompt in field_text(),
        right in field_text(),
        feedback in field_text(),
        explanation in field_text(),
    ) {
        let ron = format!(
            "Bank(format: 1, id: \"p\", title: \"P\", questions: [(id: \"q\", prompt: {}, explanation: {}, answer: SingleChoice(choices: [(text: {}, correct: true, feedback: {}), (text: \"zzzz other\")]))])",
            ron_writer::string(&prompt),
            ron_writer::string(&explanation),
            ron_writer::string(&right),
            ron_writer::string(&feedback),
        );
        let report = common::report(&ron);
        prop_assume!(report.bank.is_some());
        let bank = report.bank.unwrap();
        let text = gift::export(&bank).text;
        let path = Path::new("p.gift");
        let c = gift::import(path, &text, &ImportOptions::for_path(path));
        prop_assert_eq!(c.error_count(), 0, "{}\n{}", c.render(), text);
        let back = common::bank(&c.to_ron());
        let q = &back.questions()[0];
        // GIFT trims texts and has no carriage returns; everything else comes back.
        let kept = |s: &str| s.replace('\r', "").trim().to_owned();
        prop_assert_eq!(&shown(q), &kept(&prompt), "{}", text);
        prop_assert_eq!(&q.explanation, &kept(&explanation), "{}", text);
        let choices = choices(q);
        let (right, feedback) = (kept(&right), kept(&feedback));
        prop_assert_eq!(choices[0].0, right.as_str(), "{}", text);
        prop_assert_eq!(choices[0].2, feedback.as_str(), "{}", text);
    }

    #[test]
    fn any_prompt_round_trips_through_gift(prompt in any::<String>()) {
        let ron = format!(
            "Bank(format: 1, id: \"p\", title: \"P\", questions: [(id: \"q\", prompt: {}, answer: TrueFalse(answer: true))])",
            ron_writer::string(&prompt),
        );
        let report = common::report(&ron);
        prop_assume!(report.bank.is_some());
        let text = gift::export(&report.bank.unwrap()).text;
        let path = Path::new("p.gift");
        let c = gift::import(path, &text, &ImportOptions::for_path(path));
        prop_assert_eq!(c.error_count(), 0, "{}\n{}", c.render(), text);
        let back = common::bank(&c.to_ron());
        let kept = prompt.replace('\r', "");
        prop_assert_eq!(back.questions()[0].prompt.as_str(), kept.trim(), "{}", text);
    }
}
