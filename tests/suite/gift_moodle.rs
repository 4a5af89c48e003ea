//! GIFT and Aiken files as Moodle reads them (issue 16): what Moodle's importer takes,
//! `quizdesk import` takes too, with a located warning and a note for what it cannot keep.
//! Each snippet is written in the style of the real files the issue was filed from.

use std::path::Path;

use quizdesk::bank::{Bank, Gap, Kind, Question, Segment};
use quizdesk::interop::{Converted, ImportOptions, aiken, gift};
use quizdesk::session::Response;

use super::common;

fn gift(text: &str) -> Converted {
    let path = Path::new("moodle.gift");
    gift::import(path, text, &ImportOptions::for_path(path))
}

fn aiken(text: &str) -> Converted {
    let path = Path::new("moodle.txt");
    aiken::import(path, text, &ImportOptions::for_path(path))
}

/// The converted bank, which must load with no error.
fn loaded(c: &Converted) -> std::sync::Arc<Bank> {
    let ron = c.to_ron();
    let report = common::report(&ron);
    assert_eq!(report.error_count(), 0, "{}\n{ron}", report.render());
    common::bank(&ron)
}

/// The only question of a file that must convert with no error.
fn only(c: &Converted) -> Question {
    assert_eq!(c.error_count(), 0, "{}", c.render());
    let bank = loaded(c);
    assert_eq!(bank.questions().len(), 1, "{}", c.to_ron());
    bank.questions()[0].clone()
}

fn texts(q: &Question) -> Vec<(String, bool)> {
    match &q.kind {
        Kind::SingleChoice(c) | Kind::MultipleSelect(c) => {
            c.iter().map(|c| (c.text.clone(), c.correct)).collect()
        }
        other => panic!("{} is {other:?}", q.id),
    }
}

fn owned(pairs: &[(&str, bool)]) -> Vec<(String, bool)> {
    pairs.iter().map(|&(t, c)| (t.to_owned(), c)).collect()
}

/// `(line, column)` of the warnings whose message holds `needle`.
fn warned(c: &Converted, needle: &str) -> Vec<(usize, usize)> {
    c.diagnostics
        .iter()
        .filter(|d| !d.is_error() && d.message.contains(needle))
        .map(|d| (d.line, d.column))
        .collect()
}

/// Every warning is also a note on the question it is about (one question per file here).
fn noted(c: &Converted, needle: &str) -> bool {
    c.bank
        .questions
        .iter()
        .any(|d| d.notes.iter().any(|n| n.contains(needle)))
}

#[test]
fn an_empty_answer_before_equals_is_dropped_as_moodle_drops_it() {
    let c = gift("// Unit 3\n::U3 Q1::Pick the right one. {~=right ~wrong}\n");
    let q = only(&c);
    assert_eq!(texts(&q), owned(&[("right", true), ("wrong", false)]));
    assert_eq!(warned(&c, "an answer with no text is left out"), [(2, 31)]);
    assert!(noted(&c, "an answer with no text is left out"));
}

#[test]
fn choices_that_differ_only_in_punctuation_accents_or_sign_are_different_choices() {
    for (snippet, right, others) in [
        (
            "Which came first? {=C ~C++ ~Java}",
            "C",
            &["C++", "Java"][..],
        ),
        ("Solve x + 2 = 0. {=-2 ~2}", "-2", &["2"][..]),
        ("Where? {=où ~ou}", "où", &["ou"][..]),
        (
            "A frame with one column: {=df[['a']] ~df['a']}",
            "df[['a']]",
            &["df['a']"][..],
        ),
    ] {
        let q = only(&gift(snippet));
        let mut expected = vec![(right.to_owned(), true)];
        expected.extend(others.iter().map(|o| ((*o).to_owned(), false)));
        assert_eq!(texts(&q), expected, "{snippet}");
    }
    // Moodle's own escaping example: the answers are `~`, `=` and `\`.
    let q = only(&gift("Which is a tilde? {~ \\~ ~ \\= = \\\\}"));
    assert_eq!(
        texts(&q),
        owned(&[("~", false), ("=", false), ("\\", true)])
    );
    // Aiken too.
    let q = only(&aiken("Which is negative?\nA. 2.0\nB. -2.0\nANSWER: B\n"));
    assert_eq!(texts(&q), owned(&[("2.0", false), ("-2.0", true)]));
}

#[test]
fn the_loader_compares_choices_as_written_and_typed_answers_folded() {
    let ok = r#"Bank(format: 1, id: "b", title: "B", questions: [
        (id: "q", prompt: "Which?", answer: SingleChoice(choices: [(text: "C", correct: true), (text: "C++"), (text: "c")])),
    ])"#;
    let report = common::report(ok);
    assert_eq!(report.error_count(), 0, "{}", report.render());
    let same = r#"Bank(format: 1, id: "b", title: "B", questions: [
        (id: "q", prompt: "Which?", answer: SingleChoice(choices: [(text: "C", correct: true), (text: " C ")])),
    ])"#;
    assert_eq!(common::report(same).error_count(), 1);
    let typed = r#"Bank(format: 1, id: "b", title: "B", questions: [
        (id: "q", prompt: "Capital of France?", answer: ShortAnswer(accept: ["Paris", "paris!"])),
    ])"#;
    assert_eq!(common::report(typed).error_count(), 1);
}

#[test]
fn a_catch_all_wrong_answer_becomes_the_feedback_for_any_other_answer() {
    let c = gift("What jumps and croaks? {=Frog =%0%Toad#Close, but no. =%0%*#Completely wrong}");
    let q = only(&c);
    let Kind::ShortAnswer(sa) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(sa.accept, ["Frog"]);
    assert_eq!(sa.wrong.len(), 1);
    assert_eq!(sa.otherwise, "Completely wrong");
    let graded = q.kind.grade(&Response::Text("Horse".into())).unwrap();
    assert_eq!(
        (graded.score, graded.feedback),
        (0.0, vec!["Completely wrong".to_owned()])
    );
    let graded = q.kind.grade(&Response::Text("toad".into())).unwrap();
    assert_eq!(graded.feedback, ["Close, but no."]);
    // Written back for Moodle as its catch-all.
    let bank = loaded(&c);
    let out = gift::export(&bank).text;
    assert!(out.contains("=%0%*#Completely wrong"), "{out}");
    let again = only(&gift(&out));
    let Kind::ShortAnswer(sa) = &again.kind else {
        panic!("{:?}", again.kind)
    };
    assert_eq!(sa.otherwise, "Completely wrong");
}

#[test]
fn consecutive_category_lines_are_all_categories() {
    let c =
        gift("$CATEGORY: $course$/top/A\n$CATEGORY: $course$/top/A/B\n::q1:: Question? {=a ~b}\n");
    let q = only(&c);
    assert_eq!(q.prompt, "Question?");
    assert_eq!(q.id, "q1");
    assert_eq!(q.section.as_deref(), Some("A/B"));
    assert_eq!(warned(&c, "part of the category name"), [(3, 1)]);
    assert!(noted(&c, "part of the category name"));
}

#[test]
fn html_in_moodle_s_default_format_is_rendered_and_images_are_warned() {
    let c = gift("Plain <b>x</b> &amp; y {=a ~b}");
    let q = only(&c);
    assert_eq!(q.prompt, "Plain x & y");
    assert_eq!(warned(&c, "HTML was turned into plain text"), [(1, 1)]);
    // `\n` in Moodle's format is a line break in the rendered text.
    let q = only(&gift("First<br>second\\nthird {=a ~b}"));
    assert_eq!(q.prompt, "First\nsecond\nthird");
    // Plain text stays as written.
    let q = only(&gift("[plain]Plain <b>x</b> {=a ~b}"));
    assert_eq!(q.prompt, "Plain <b>x</b>");

    let c = gift(
        "// images\n::Pic::[html]<p>What is this? <img src=\"data:image/png;base64,iVBORw0\"></p>\n<img src=\"@@PLUGINFILE@@/cell.png\" alt=\"\"> {=a cell ~a frog}",
    );
    let q = only(&c);
    assert_eq!(q.prompt, "What is this?");
    assert_eq!(
        warned(&c, "an embedded image (`data:`) is left out"),
        [(2, 31)]
    );
    assert_eq!(
        warned(
            &c,
            "an image from Moodle's files (`@@PLUGINFILE@@`) is left out"
        ),
        [(3, 1)]
    );
    assert!(noted(&c, "is left out: quizdesk shows text only"));
}

#[test]
fn a_prompt_that_is_only_an_image_imports_with_a_placeholder() {
    let c = gift("::Map::[html]<p><img src=\"@@PLUGINFILE@@/map.png\"></p> {=Spain ~France}");
    let q = only(&c);
    assert_eq!(q.prompt, gift::IMAGE_PROMPT);
    assert_eq!(warned(&c, "the question text is only an image"), [(1, 8)]);
}

#[test]
fn id_and_tag_comments_become_the_id_and_tags() {
    let c = gift(
        "// question: 1391  name: Essay 1\n// [id:alg-17] [tag:algebra] [tag:week 2] [tag:a\\]b]\n::Linear::Solve 2x = 4. {#2}",
    );
    let q = only(&c);
    assert_eq!(q.id, "alg-17");
    assert_eq!(q.tags, ["algebra", "week 2", "a]b"]);
    // A comment separated by a blank line belongs to no question.
    let q = only(&gift(
        "// [id:lost] [tag:lost]\n\n::Kept::Solve 2x = 4. {#2}",
    ));
    assert_eq!((q.id.as_str(), q.tags.len()), ("Kept", 0));
    // Tags go back out as Moodle reads them.
    let out = gift::export(&loaded(&c)).text;
    assert!(
        out.contains("// [tag:algebra] [tag:week 2] [tag:a\\]b]"),
        "{out}"
    );
}

#[test]
fn non_latin_titles_keep_an_id_and_say_so_when_letters_are_lost() {
    let c = gift("::Вопрос 1:: Что такое проект? {=Временное предприятие ~Операция}");
    let q = only(&c);
    assert_eq!(q.id, "vopros-1");
    assert_eq!(
        warned(
            &c,
            "the title `Вопрос 1` is written in Latin letters for the id `vopros-1`"
        ),
        [(1, 1)]
    );
    assert!(noted(&c, "written in Latin letters"));

    let c = gift("::日本語:: 日本の首都は? {=東京 ~大阪}");
    let q = only(&c);
    assert_eq!(q.id, "q1");
    assert_eq!(
        warned(
            &c,
            "the title `日本語` has letters a quizdesk id cannot hold: the id is `q1`"
        ),
        [(1, 1)]
    );
    assert!(noted(&c, "the title `日本語`"));
}

#[test]
fn only_capital_true_and_false_make_a_true_false_question() {
    let q = only(&gift("The sky is green. {true}"));
    let Kind::ShortAnswer(sa) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(sa.accept, ["true"]);
    let q = only(&gift("The sky is green. {f}"));
    assert!(matches!(q.kind, Kind::ShortAnswer(_)), "{:?}", q.kind);
    for tf in ["T", "TRUE", "F", "FALSE"] {
        let q = only(&gift(&format!("The sky is green. {{{tf}}}")));
        assert!(matches!(q.kind, Kind::TrueFalse(_)), "{tf}");
    }
}

#[test]
fn files_with_old_mac_line_endings_are_read_line_by_line() {
    let c = gift("// Quiz\r::A:: One? {=a ~b}\r\r::B:: Two? {=a ~a}\r\r::C:: Three? {=c ~d}\r");
    assert_eq!(c.bank.questions.len(), 2, "{}", c.render());
    let errors: Vec<(usize, usize)> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(errors, [(4, 17)], "{}", c.render());
    assert_eq!(c.bank.questions[1].origin.as_deref(), Some("moodle.gift:6"));
    assert!(
        c.render().contains("4 │ ::B:: Two? {=a ~a}"),
        "{}",
        c.render()
    );
    // Mixed line endings.
    let c = gift("::A:: One? {=a ~b}\r\n\r\n::B:: Two? {=a ~b}\r\r::C:: Three? {=c ~d}\n");
    assert_eq!(c.bank.questions.len(), 3, "{}", c.render());

    let c = aiken("Which?\rA. one\rB. two\rANSWER: B\r\rAnd?\rA. x\rB. x\rANSWER: A\r");
    assert_eq!(c.bank.questions.len(), 1, "{}", c.render());
    let errors: Vec<usize> = c.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(errors, [8], "{}", c.render());
}

#[test]
fn aiken_options_need_no_space_after_the_letter() {
    let q = only(&aiken("Capital of Spain?\nA)Madrid\nB)Lisbon\nANSWER: A\n"));
    assert_eq!(texts(&q), owned(&[("Madrid", true), ("Lisbon", false)]));
    let q = only(&aiken("Capital of Spain?\nA.Madrid\nB.Lisbon\nANSWER: A\n"));
    assert_eq!(texts(&q), owned(&[("Madrid", true), ("Lisbon", false)]));
}

#[test]
fn two_full_credit_answers_in_a_single_answer_question_become_a_multiple_selection() {
    let c = gift("::Two right:: Which are prime? {=2 =3 ~4}");
    let q = only(&c);
    assert!(matches!(q.kind, Kind::MultipleSelect(_)), "{:?}", q.kind);
    assert_eq!(texts(&q), owned(&[("2", true), ("3", true), ("4", false)]));
    assert_eq!(warned(&c, "2 answers get full credit"), [(1, 37)]);
}

#[test]
fn a_matching_question_with_a_repeated_right_side_becomes_a_drop_down_per_item() {
    let c = gift(
        "::Classes:: Match the animals. {=cat -> mammal =dog -> mammal =trout -> fish = -> bird}",
    );
    let q = only(&c);
    let Kind::Cloze(cloze) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(q.prompt, "Match the animals.");
    assert_eq!(cloze.gaps.len(), 3);
    assert_eq!(cloze.segments[0], Segment::Text("cat: ".into()));
    let Gap::Choose(first) = &cloze.gaps[1] else {
        panic!("drop-down")
    };
    let options: Vec<(&str, bool)> = first.iter().map(|c| (c.text.as_str(), c.correct)).collect();
    assert_eq!(
        options,
        [("mammal", true), ("fish", false), ("bird", false)]
    );
    assert_eq!(warned(&c, "belongs to several items"), [(1, 33)]);
    // A repeated item, too.
    let c =
        gift("Match. {=Saturn's moon -> Titan =Saturn's moon -> Enceladus =Red planet -> Mars}");
    let q = only(&c);
    assert!(matches!(q.kind, Kind::Cloze(_)), "{:?}", q.kind);
    assert_eq!(warned(&c, "is listed twice"), [(1, 9)]);
}
