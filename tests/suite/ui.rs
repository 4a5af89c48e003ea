//! The desktop app driven through its AccessKit tree (what screen readers see), with no display.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::library::{Library, Origin};
use quizdesk::session::{SessionConfig, Verdict};
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{QuizApp, Screen};

use crate::common::{ALL_KINDS, report};

/// An app with only the all-kinds test bank, unshuffled, so answers are known.
fn app_with_test_bank() -> QuizApp {
    let mut library = Library::default();
    library.add_report(Origin::Opened, report(ALL_KINDS));
    let mut prefs = Prefs::default();
    prefs.last_config = SessionConfig {
        shuffle_questions: false,
        shuffle_choices: false,
        ..SessionConfig::default()
    };
    QuizApp::new(library, prefs)
}

fn harness(app: QuizApp) -> Harness<'static, QuizApp> {
    Harness::builder()
        .with_size([1000.0, 800.0])
        .build_ui_state(|ui, app: &mut QuizApp| app.ui(ui), app)
}

fn press(h: &mut Harness<'_, QuizApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

fn current_id(h: &Harness<'_, QuizApp>) -> String {
    match &h.state().screen {
        Screen::Question(q) => q.session.current_question().unwrap().id.clone(),
        _ => panic!("not on the question screen"),
    }
}

fn last_verdict(h: &Harness<'_, QuizApp>, index: usize) -> Verdict {
    match &h.state().screen {
        Screen::Question(q) => q.session.records()[index].outcome.as_ref().unwrap().verdict,
        Screen::Summary(s) => s.summary.items[index].verdict,
        _ => panic!("no session"),
    }
}

#[test]
fn the_library_lists_the_bundled_banks_and_a_broken_one_with_its_diagnostics() {
    let mut library = Library::load(None);
    library.add_report(
        Origin::Opened,
        quizdesk::bank::load_str(
            std::path::Path::new("broken.ron"),
            "Bank(format: 1, id: \"x\", titel: \"y\")",
            &crate::common::NoSources,
        ),
    );
    let mut h = harness(QuizApp::new(library, Prefs::default()));
    h.run();
    h.get_by_label_contains("the facts");
    h.get_by_label_contains("Discussion: the Russia");
    h.get_by_label("broken.ron cannot be used");
    h.get_by_label_contains("broken.ron:1:26: error: unknown field `titel` in `Bank`");
    h.get_by_label_contains("hint: did you mean `title`?");
    assert_eq!(
        h.get_all_by_label("Study").count(),
        2,
        "only usable banks can be studied"
    );
}

#[test]
fn a_whole_session_by_keyboard_only() {
    let mut h = harness(app_with_test_bank());
    h.run();
    press(&mut h, egui::Key::Num1); // the first bank
    assert!(matches!(h.state().screen, Screen::Setup(_)));
    press(&mut h, egui::Key::Enter); // start
    // single: choices unshuffled, the correct one is the 2nd.
    assert_eq!(current_id(&h), "single");
    press(&mut h, egui::Key::Num2);
    press(&mut h, egui::Key::Enter);
    h.get_by_label("Correct");
    assert_eq!(last_verdict(&h, 0), Verdict::Correct);
    press(&mut h, egui::Key::Enter); // next
    // multi: tick 1, 2 and 4.
    assert_eq!(current_id(&h), "multi");
    for key in [egui::Key::Num1, egui::Key::Num2, egui::Key::Num4] {
        press(&mut h, key);
    }
    press(&mut h, egui::Key::Enter);
    assert_eq!(last_verdict(&h, 1), Verdict::Correct);
    press(&mut h, egui::Key::Enter);
    // tf: 2 = False, which is wrong.
    press(&mut h, egui::Key::Num2);
    press(&mut h, egui::Key::Enter);
    assert_eq!(last_verdict(&h, 2), Verdict::Wrong);
    h.get_by_label("Not quite");
    h.get_by_label("Correct answer: True");
    press(&mut h, egui::Key::Enter);
    // short: the answer field has the keyboard; type and press Enter.
    assert_eq!(current_id(&h), "short");
    h.get_by_label("Your answer:").type_text("stoltenburg");
    h.run();
    press(&mut h, egui::Key::Enter);
    assert_eq!(last_verdict(&h, 3), Verdict::Correct);
    h.get_by_label_contains("Accepted despite a typo");
    press(&mut h, egui::Key::Enter);
    // num: the answer field has the keyboard; Esc leaves it (and goes nowhere), then S skips.
    assert_eq!(current_id(&h), "num");
    press(&mut h, egui::Key::Escape);
    assert_eq!(current_id(&h), "num");
    press(&mut h, egui::Key::S);
    assert_eq!(current_id(&h), "range");
    h.get_by_label("Your answer:").type_text("2000");
    h.run();
    press(&mut h, egui::Key::Enter);
    assert_eq!(last_verdict(&h, 5), Verdict::Correct);
    press(&mut h, egui::Key::Enter);
    // order: submit the shown order as it is (scrambled, so at best partly right).
    assert_eq!(current_id(&h), "order");
    press(&mut h, egui::Key::Enter);
    assert_ne!(last_verdict(&h, 6), Verdict::Correct);
    press(&mut h, egui::Key::Enter);
    // match: nothing chosen scores 0.
    press(&mut h, egui::Key::Enter);
    assert_eq!(last_verdict(&h, 7), Verdict::Wrong);
    press(&mut h, egui::Key::Enter);
    // discussion: Enter first asks to reveal the model answer.
    assert_eq!(current_id(&h), "discuss");
    press(&mut h, egui::Key::Enter);
    h.get_by_label_contains("show the model answer");
    h.get_by_label("Show the model answer").click();
    h.run();
    press(&mut h, egui::Key::Enter);
    assert_eq!(
        last_verdict(&h, 8),
        Verdict::Wrong,
        "no rubric point ticked"
    );
    // The last question: Enter shows the results.
    press(&mut h, egui::Key::Enter);
    let Screen::Summary(summary) = &h.state().screen else {
        panic!("no summary")
    };
    assert_eq!(summary.summary.correct, 4);
    h.get_by_label_contains("Results: Every kind");
    h.get_by_label_contains("Your answer: Pyongyang");
}

#[test]
fn a_session_by_mouse_with_the_source_panel() {
    let mut app = QuizApp::new(Library::load(None), Prefs::default());
    app.prefs.last_config = SessionConfig {
        seed: 4711,
        count: Some(3),
        ..SessionConfig::default()
    };
    let mut h = harness(app);
    h.run();
    h.get_all_by_label("Study").next().unwrap().click();
    h.run();
    h.get_by_label("Start").click();
    h.run();
    for i in 0..3 {
        let Screen::Question(state) = &h.state().screen else {
            panic!()
        };
        assert_eq!(state.session.current_index(), i);
        h.get_by_label("Skip (S)").click();
        h.run();
    }
    h.get_by_label("End session").click();
    h.run();
    let Screen::Summary(summary) = &h.state().screen else {
        panic!("no summary")
    };
    assert_eq!(summary.summary.skipped, 3);
    h.get_by_label("Again with the same seed (4711)").click();
    h.run();
    // Answer the first question with any choice, then open the cited passage.
    let Screen::Question(state) = &h.state().screen else {
        panic!()
    };
    let q = state.session.current_question().unwrap().clone();
    if let quizdesk::bank::Kind::SingleChoice(_) | quizdesk::bank::Kind::TrueFalse(_) = q.kind {
        h.get_all_by_role(Role::RadioButton).next().unwrap().click();
    } else {
        // Other kinds: skip to a feedback-less state; the source panel is tested below anyway.
    }
    h.run();
    h.get_by_label("Submit (Enter)").click();
    h.run();
    if let Some(button) = h.query_by_label("Show in source") {
        button.click();
        h.run();
        h.get_by_label("Close source");
        let paragraph = q.citation.unwrap().paragraph;
        h.get_by_label(&format!("¶{paragraph}"));
    }
}

#[test]
fn the_same_seed_in_the_ui_gives_the_same_questions() {
    let order = |seed: &str| {
        let mut h = harness(QuizApp::new(Library::load(None), Prefs::default()));
        h.run();
        press(&mut h, egui::Key::Num1);
        h.get_by_label("Seed").focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
        h.get_by_label("Seed").type_text(seed);
        h.run();
        h.get_by_label("Start").click();
        h.run();
        let Screen::Question(state) = &h.state().screen else {
            panic!("not started")
        };
        (0..state.session.len())
            .map(|i| state.session.question(i).unwrap().id.clone())
            .collect::<Vec<_>>()
    };
    let a = order("4711");
    assert_eq!(a, order("4711"));
    assert_ne!(a, order("4712"));
}

#[test]
fn help_opens_with_f1_and_closes_with_escape() {
    let mut h = harness(app_with_test_bank());
    h.run();
    press(&mut h, egui::Key::F1);
    h.get_by_label("Keyboard shortcuts");
    press(&mut h, egui::Key::Escape);
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    assert!(!h.state().show_help);
}

#[test]
fn nothing_repaints_while_nothing_changes() {
    let mut h = harness(app_with_test_bank());
    h.run();
    press(&mut h, egui::Key::Num1);
    press(&mut h, egui::Key::Enter);
    // `run` panics if the UI keeps asking for frames; after it, no repaint is pending.
    let steps = h.run();
    assert!(steps <= 2, "{steps} frames to settle");
}
