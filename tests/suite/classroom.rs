//! Presenter mode: the lesson core (stages, countdowns, tallies, teams, results) and the
//! presenter screen driven by keyboard and mouse with a moved clock.

use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::classroom::{Lesson, LessonConfig, Stage};
use quizdesk::library::{Library, Origin};
use quizdesk::session::{SessionConfig, plan};
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{QuizApp, Screen};

use crate::common::{ALL_KINDS, bank, report, temp_dir};

fn unshuffled() -> SessionConfig {
    SessionConfig {
        shuffle_questions: false,
        shuffle_choices: false,
        ..SessionConfig::default()
    }
}

fn lesson(teams: &[&str], timer: Option<u32>) -> Lesson {
    Lesson::new(
        bank(ALL_KINDS),
        unshuffled(),
        LessonConfig {
            timer_secs: timer,
            teams: teams.iter().map(|t| (*t).to_owned()).collect(),
        },
        0.0,
    )
    .unwrap()
}

#[test]
fn a_lesson_asks_the_same_questions_in_the_same_order_as_a_session_with_its_seed() {
    let bank = quizdesk::bundled::load_all()
        .into_iter()
        .find_map(|r| r.bank.filter(|b| b.id() == "pact-facts"))
        .map(Arc::new)
        .unwrap();
    let config = SessionConfig {
        seed: 4242,
        count: Some(12),
        ..SessionConfig::default()
    };
    let mut lesson =
        Lesson::new(bank.clone(), config.clone(), LessonConfig::default(), 0.0).unwrap();
    let (items, _) = plan(&bank, &config).unwrap();
    assert_eq!(lesson.len(), 12);
    for (i, item) in items.iter().enumerate() {
        assert_eq!(lesson.question().id, bank.questions()[item.question].id);
        assert_eq!(lesson.order(), item.order.as_slice(), "question {i}");
        lesson.next(0.0);
    }
}

#[test]
fn each_step_reveals_one_thing_and_discussion_rubric_points_come_one_at_a_time() {
    let mut l = lesson(&[], Some(60));
    assert_eq!(l.slide().stage, Stage::Asking);
    assert!(
        l.slide().countdown.as_ref().unwrap().is_running(),
        "the clock starts with the question"
    );
    assert!(l.step(10.0));
    assert_eq!(l.slide().stage, Stage::Revealed);
    assert!(
        !l.slide().countdown.as_ref().unwrap().is_running(),
        "reveal stops the clock"
    );
    assert_eq!(l.slide().countdown.as_ref().unwrap().display_secs(99.0), 50);
    l.step_back();
    assert_eq!(l.slide().stage, Stage::Asking);
    l.step(10.0);
    l.step(10.0);
    assert_eq!(l.slide().stage, Stage::Explained);
    assert!(l.step(10.0), "the next question");
    assert_eq!(l.index(), 1);
    assert_eq!(l.question().id, "multi");

    // The discussion prompt is last, with its own 5 minutes and two rubric points.
    assert!(l.go_to(8, 20.0));
    assert_eq!(l.question().id, "discuss");
    let c = l.slide().countdown.clone().unwrap();
    assert_eq!(c.total(), 300.0);
    assert_eq!(c.display_secs(80.0), 240);
    l.step(80.0);
    assert_eq!(l.slide().stage, Stage::Rubric(1));
    assert!(
        l.slide().countdown.as_ref().unwrap().is_running(),
        "a discussion's clock runs on while the rubric is read"
    );
    l.step(81.0);
    assert_eq!(l.slide().stage, Stage::Rubric(2));
    l.step(82.0);
    assert_eq!(l.slide().stage, Stage::Explained);
    l.step_back();
    assert_eq!(l.slide().stage, Stage::Rubric(2));
    l.step(83.0);
    assert!(!l.step(84.0), "nothing after the last question");
    assert!(l.is_last());

    // Going back keeps what each question showed.
    assert!(l.previous(85.0));
    assert_eq!(l.question().id, "match");
    assert_eq!(l.slide().stage, Stage::Asking);
    assert!(l.go_to(0, 85.0));
    assert_eq!(l.slide().stage, Stage::Explained);
}

#[test]
fn tallies_never_go_below_zero_and_teams_are_ranked_by_total() {
    let mut l = lesson(&["Red", "Blue", "Green"], None);
    assert!(l.slide().countdown.is_none(), "no timer: no time pressure");
    let rows = l.rows();
    assert_eq!(
        rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
        ["Seoul", "Pyongyang", "Moscow"]
    );
    l.tally(0, 3);
    l.tally(1, 5);
    l.tally(2, -4);
    l.set_tally(0, 2);
    assert_eq!(l.slide().tally, vec![2, 5, 0]);
    assert_eq!(
        quizdesk::classroom::class_right(&rows, &l.slide().tally),
        (7, 5)
    );
    l.award(1, 2);
    l.award(2, 1);
    l.award(0, -1);
    l.next(0.0);
    l.award(2, 2);
    l.award(9, 1); // no such team: ignored
    assert_eq!(l.totals(), vec![0, 2, 3]);
    assert_eq!(l.standings(), vec![(2, 3), (1, 2), (0, 0)]);
    // True/false and free-answer questions are tallied as True/False and right/wrong.
    l.go_to(2, 0.0);
    assert_eq!(
        l.rows()
            .iter()
            .map(|r| r.label.as_str())
            .collect::<Vec<_>>(),
        ["True", "False"]
    );
    l.go_to(3, 0.0);
    assert_eq!(
        l.rows().iter().map(|r| r.correct).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );
    l.go_to(6, 0.0);
    assert_eq!(l.rows().len(), 3, "ordering: right, partly right, wrong");
    l.go_to(8, 0.0);
    assert!(l.rows().is_empty(), "discussions are not tallied");

    let csv = l.results_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "number,question,kind,correct_answer,answers,right,percent_right,tally,team Red,team Blue,team Green"
    );
    assert_eq!(
        lines[1],
        "1,single,SingleChoice,Pyongyang,7,5,71,A Seoul: 2; B Pyongyang: 5; C Moscow: 0,0,2,1"
    );
    assert!(
        lines[2].starts_with("2,multi,MultipleSelect,1961; 2000; 2001,0,0,,"),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with(",0,0,2"));
    assert_eq!(lines.len(), 10);
}

// ---- The presenter screen ----

fn app(teams: &[&str], timer: Option<u32>) -> QuizApp {
    let mut library = Library::default();
    library.add_report(Origin::Opened, report(ALL_KINDS));
    let mut prefs = Prefs::default();
    prefs.last_config = unshuffled();
    prefs.last_lesson = LessonConfig {
        timer_secs: timer,
        teams: teams.iter().map(|t| (*t).to_owned()).collect(),
    };
    QuizApp::new(library, prefs)
}

fn harness(app: QuizApp, size: [f32; 2]) -> Harness<'static, QuizApp> {
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut QuizApp| app.ui(ui), app)
}

/// A few frames (a running countdown keeps asking for repaints, so `run` would never settle).
fn frames(h: &mut Harness<'_, QuizApp>) {
    for _ in 0..3 {
        h.step();
    }
}

fn key(h: &mut Harness<'_, QuizApp>, key: egui::Key) {
    h.key_press(key);
    frames(h);
}

/// Moves the app's clock forward.
fn wait(h: &mut Harness<'_, QuizApp>, secs: f64) {
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + secs);
    frames(h);
}

fn lesson_of<'a>(h: &'a Harness<'_, QuizApp>) -> &'a Lesson {
    match &h.state().screen {
        Screen::Presenter(p) => &p.lesson,
        _ => panic!("not presenting"),
    }
}

fn present(h: &mut Harness<'_, QuizApp>) {
    h.run();
    h.key_press(egui::Key::Num1);
    h.run();
    h.get_by_label("Present to a class").scroll_to_me();
    h.run();
    h.get_by_label("Present to a class").click();
    frames(h);
    assert!(matches!(h.state().screen, Screen::Presenter(_)));
}

#[test]
fn presenter_countdown_tally_reveal_and_explanation_by_keyboard() {
    let mut h = harness(app(&[], Some(60)), [1280.0, 800.0]);
    present(&mut h);
    h.get_by_label("Capital?");
    h.get_by_label("Question 1 of 9 · A");
    h.get_by_label("1:00");
    wait(&mut h, 15.2);
    h.get_by_label("0:45");
    key(&mut h, egui::Key::T); // pause
    wait(&mut h, 100.0);
    h.get_by_label("0:45");
    key(&mut h, egui::Key::Plus);
    h.get_by_label("1:15");
    key(&mut h, egui::Key::T); // run again
    wait(&mut h, 80.0);
    h.get_by_label("Time's up");

    // The class answered: A twice (one taken back), B three times, C once.
    for k in [
        egui::Key::A,
        egui::Key::A,
        egui::Key::B,
        egui::Key::B,
        egui::Key::B,
        egui::Key::C,
    ] {
        key(&mut h, k);
    }
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::A);
    frames(&mut h);
    assert_eq!(lesson_of(&h).slide().tally, vec![1, 3, 1]);
    key(&mut h, egui::Key::V);
    assert!(lesson_of(&h).slide().chart_shown);
    h.get_by_label("60%"); // B's bar: 3 of 5
    h.get_by_label("5 answers tallied");
    assert!(
        h.query_by_label("Pyongyang.").is_none(),
        "nothing explained yet"
    );

    key(&mut h, egui::Key::Space);
    assert_eq!(lesson_of(&h).slide().stage, Stage::Revealed);
    h.get_by_label("5 answers tallied · 60% right");
    key(&mut h, egui::Key::Space);
    h.get_by_label("Pyongyang.");
    key(&mut h, egui::Key::Space);
    h.get_by_label("Years?");
    h.get_by_label("1:00");
    key(&mut h, egui::Key::ArrowLeft);
    h.get_by_label("Pyongyang.");
    key(&mut h, egui::Key::Backspace);
    assert!(h.query_by_label("Pyongyang.").is_none());
    assert_eq!(lesson_of(&h).slide().stage, Stage::Revealed);

    // A short-answer question: the answer is shown on reveal, the tally is right/wrong.
    for _ in 0..3 {
        key(&mut h, egui::Key::ArrowRight);
    }
    h.get_by_label("NATO chief?");
    assert!(
        h.query_by_label_contains("Stoltenberg (also accepted")
            .is_none()
    );
    key(&mut h, egui::Key::Space);
    h.get_by_label("Answer: Stoltenberg (also accepted: Jens Stoltenberg)");
}

#[test]
fn presenter_tally_by_clicking_and_typing() {
    let mut h = harness(app(&[], None), [1280.0, 800.0]);
    present(&mut h);
    assert!(h.query_by_label("1:00").is_none(), "no timer chosen");
    h.get_all_by_label("+").next().unwrap().click();
    frames(&mut h);
    h.get_all_by_label("+").nth(1).unwrap().click();
    frames(&mut h);
    h.get_all_by_label("+").nth(1).unwrap().click();
    frames(&mut h);
    assert_eq!(lesson_of(&h).slide().tally, vec![1, 2, 0]);
    h.get_all_by_label("−").nth(1).unwrap().click();
    frames(&mut h);
    assert_eq!(lesson_of(&h).slide().tally, vec![1, 1, 0]);
    // Typing a count: the field for C.
    let field = h.get_by_label("Answers for C");
    field.focus();
    field.type_text("7");
    frames(&mut h);
    h.key_press(egui::Key::Enter);
    frames(&mut h);
    assert_eq!(
        lesson_of(&h).slide().tally[2],
        7,
        "{:?}",
        lesson_of(&h).slide().tally
    );
    h.get_by_label("Chart (V)").click();
    frames(&mut h);
    h.get_by_label("78%"); // 7 of 9
    h.get_by_label("Add a timer").click();
    frames(&mut h);
    assert!(lesson_of(&h).slide().countdown.is_some());
}

#[test]
fn presenter_teams_scoreboard_discussion_and_results() {
    let mut h = harness(app(&["Owls", "Foxes"], Some(30)), [1280.0, 800.0]);
    present(&mut h);
    key(&mut h, egui::Key::Num2);
    key(&mut h, egui::Key::Num2);
    key(&mut h, egui::Key::Num1);
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::Num2);
    frames(&mut h);
    assert_eq!(lesson_of(&h).totals(), vec![1, 1]);
    assert!(
        h.query_by_label("Scoreboard").is_none(),
        "hidden until asked for"
    );
    h.get_by_label("Owls +1 · Foxes +1");
    key(&mut h, egui::Key::S);
    h.get_by_label("Scoreboard");
    h.get_by_label("1 Owls");
    h.get_by_label("2 Foxes");
    h.get_by_label("A point for Foxes").click();
    frames(&mut h);
    assert_eq!(lesson_of(&h).standings(), vec![(1, 2), (0, 1)]);

    // The discussion: its own five minutes, then rubric points one by one, then the model.
    for _ in 0..8 {
        key(&mut h, egui::Key::ArrowRight);
    }
    h.get_by_label("Discuss.");
    h.get_by_label("5:00");
    key(&mut h, egui::Key::Space);
    h.get_by_label("one");
    assert!(h.query_by_label("three").is_none());
    key(&mut h, egui::Key::Space);
    h.get_by_label("three");
    assert!(h.query_by_label("A model.").is_none());
    key(&mut h, egui::Key::Space);
    h.get_by_label("A model.");
    key(&mut h, egui::Key::Space);

    // The end: standings, the class table and the CSV.
    let Screen::Presenter(p) = &h.state().screen else {
        panic!("left the presenter")
    };
    assert!(p.ended);
    h.get_by_label("Lesson results: Every kind");
    h.get_by_label("1. Foxes  2");
    h.get_by_label("2. Owls  1");
    let dir = temp_dir("presenter-results");
    let path = dir.join("class.csv");
    h.get_by_label("Class results (CSV):").focus();
    frames(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Class results (CSV):")
        .type_text(&path.display().to_string());
    frames(&mut h);
    h.get_by_label("Save").scroll_to_me();
    frames(&mut h);
    h.get_by_label("Save").click();
    frames(&mut h);
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.starts_with("number,question,kind,correct_answer,answers,right,percent_right,tally,team Owls,team Foxes\n"));
    assert!(
        csv.contains(
            "\n1,single,SingleChoice,Pyongyang,0,0,,A Seoul: 0; B Pyongyang: 0; C Moscow: 0,1,2\n"
        ),
        "{csv}"
    );
    h.get_by_label_contains("Saved the class results to");

    h.get_by_label("Back to the lesson").scroll_to_me();
    frames(&mut h);
    h.get_by_label("Back to the lesson").click();
    frames(&mut h);
    h.get_by_label("A model.");
    key(&mut h, egui::Key::Escape);
    key(&mut h, egui::Key::Escape);
    assert!(
        matches!(h.state().screen, Screen::Setup(_)),
        "Esc twice: results, then setup"
    );
}

#[test]
fn presenter_type_grows_with_the_window() {
    fn prompt_height(size: [f32; 2]) -> f32 {
        let mut h = harness(app(&[], None), size);
        present(&mut h);
        h.get_by_label("Capital?").rect().height()
    }
    let small = prompt_height([800.0, 600.0]);
    let big = prompt_height([1920.0, 1080.0]);
    assert!(
        big > small * 1.5,
        "prompt {small} px at 800×600, {big} px at 1920×1080"
    );
    assert!(small >= 28.0, "still large on a small window: {small}");
}

#[test]
fn handouts_are_saved_from_the_setup_screen() {
    let mut h = harness(app(&[], None), [1000.0, 900.0]);
    h.run();
    h.key_press(egui::Key::Num1);
    h.run();
    // Handouts keep an explicit seed: here the last one, chosen (a new session gets a new one).
    h.get_by_label("Same seed again (1)").click();
    h.run();
    let dir = temp_dir("setup-handouts");
    h.get_by_label("Folder:").scroll_to_me();
    h.run();
    h.get_by_label("Folder:").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Folder:")
        .type_text(&dir.display().to_string());
    h.run();
    h.get_by_label("Save handouts").click();
    h.run();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "kinds-seed1-A-key.html",
            "kinds-seed1-A.html",
            "kinds-seed1-B-key.html",
            "kinds-seed1-B.html"
        ]
    );
    let expected =
        quizdesk::handout::handouts(&bank(ALL_KINDS), 1, 2, quizdesk::handout::Format::Html)
            .unwrap();
    let a = std::fs::read_to_string(dir.join("kinds-seed1-A.html")).unwrap();
    assert_eq!(
        a,
        expected
            .iter()
            .find(|f| f.name == "kinds-seed1-A.html")
            .unwrap()
            .contents
    );
    h.get_by_label_contains("Saved 4 files of the handouts in");
}

#[test]
fn presenter_is_idle_when_nothing_changes() {
    // No timer: the screen settles and asks for no more frames.
    let mut h = harness(app(&["Red", "Blue"], None), [1280.0, 800.0]);
    present(&mut h);
    key(&mut h, egui::Key::S);
    h.run(); // panics if the UI keeps repainting
    // With a timer: running it repaints (once a second), paused it settles again.
    let mut h = harness(app(&[], Some(60)), [1280.0, 800.0]);
    present(&mut h);
    key(&mut h, egui::Key::T);
    assert!(
        !lesson_of(&h)
            .slide()
            .countdown
            .as_ref()
            .unwrap()
            .is_running()
    );
    h.run();
}

/// Issue 12, item 3: Esc with the help open ended the lesson and left the help over the results.
#[test]
fn esc_with_the_help_open_closes_the_help_and_keeps_the_lesson() {
    let mut h = harness(app(&[], None), [1280.0, 800.0]);
    present(&mut h);
    key(&mut h, egui::Key::F1);
    h.get_by_label("Presenter keys");
    key(&mut h, egui::Key::Escape);
    assert!(
        h.query_by_label("Presenter keys").is_none(),
        "the help is closed"
    );
    let Screen::Presenter(p) = &h.state().screen else {
        panic!("the lesson ended")
    };
    assert!(!p.ended, "the lesson goes on");
    key(&mut h, egui::Key::Escape);
    let Screen::Presenter(p) = &h.state().screen else {
        panic!("left the presenter")
    };
    assert!(p.ended, "the second Esc ends the lesson");
}

/// Presses of `key` (with `modifiers`) that all arrive in the next frame, as keys typed faster
/// than frames do (kittest's own `key_press` runs a frame per event).
fn presses_in_one_frame(
    h: &mut Harness<'_, QuizApp>,
    key: egui::Key,
    modifiers: egui::Modifiers,
    n: usize,
) {
    for _ in 0..n {
        for pressed in [true, false] {
            h.input_mut().events.push(egui::Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers,
            });
        }
    }
}

#[test]
fn tallies_typed_faster_than_frames_are_all_counted() {
    // Issue 12, item 9: letters typed 12 ms apart arrive several in a frame; one count per
    // frame per key kept 4 of 7.
    let mut h = harness(app(&[], None), [1280.0, 800.0]);
    present(&mut h);
    presses_in_one_frame(&mut h, egui::Key::A, egui::Modifiers::NONE, 5);
    presses_in_one_frame(&mut h, egui::Key::B, egui::Modifiers::NONE, 2);
    h.step();
    assert_eq!(lesson_of(&h).slide().tally, vec![5, 2, 0]);
    // Taking back the same way.
    presses_in_one_frame(&mut h, egui::Key::A, egui::Modifiers::SHIFT, 2);
    h.step();
    assert_eq!(lesson_of(&h).slide().tally, vec![3, 2, 0]);
}
