//! Image snapshots of a few key screens (egui_kittest with wgpu; Mesa's software Vulkan in CI).
//! Text and state are tested elsewhere; these catch layout that is cramped, clipped or broken.
//! After an intended change of look: `UPDATE_SNAPSHOTS=1 cargo test snapshots`, then look at
//! the new images in `tests/snapshots/` before committing them.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::library::Library;
use quizdesk::session::{Mode, SessionConfig};
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{Command, QuizApp};

fn harness(app: QuizApp, size: [f32; 2]) -> Harness<'static, QuizApp> {
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut QuizApp| app.ui(ui), app)
}

/// The bundled factual bank, one question by id, choices in bank order.
fn on_question(id: &str) -> QuizApp {
    let mut app = QuizApp::new(Library::load(None), Prefs::default());
    let ctx = egui::Context::default();
    let config = SessionConfig {
        mode: Mode::Review {
            ids: vec![id.to_owned()],
        },
        shuffle_choices: false,
        ..SessionConfig::default()
    };
    app.run(Command::Start { entry: 0, config }, &ctx);
    app
}

#[test]
fn library_screen() {
    let mut h = harness(
        QuizApp::new(Library::load(None), Prefs::default()),
        [1000.0, 700.0],
    );
    h.run();
    h.snapshot("library");
}

#[test]
fn feedback_with_the_source_panel() {
    let mut h = harness(on_question("reaction-china-role"), [1200.0, 760.0]);
    h.run();
    h.get_by_label("1. Providing Russia with military support")
        .click();
    h.run();
    h.get_by_label("Submit (Enter)").click();
    h.run();
    h.get_by_label("Show in source").click();
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot("feedback_and_source");
}

#[test]
fn a_question_at_800_by_600() {
    let mut h = harness(on_question("across-who-said-what"), [800.0, 600.0]);
    h.run();
    h.snapshot("matching_800x600");
}

#[test]
fn summary_screen() {
    let mut app = QuizApp::new(Library::load(None), Prefs::default());
    let ctx = egui::Context::default();
    let config = SessionConfig {
        seed: 4711,
        count: Some(4),
        ..SessionConfig::default()
    };
    app.run(Command::Start { entry: 0, config }, &ctx);
    app.run(Command::Skip, &ctx);
    app.run(Command::Finish, &ctx);
    // The suggested path holds the home folder and today's date: fixed for the picture.
    if let quizdesk::ui::Screen::Summary(s) = &mut app.screen {
        s.set_student("Ada");
        s.save.path = "/home/ada/results-ada-pact-facts.csv".into();
    }
    let mut h = harness(app, [1000.0, 760.0]);
    h.run();
    h.snapshot("summary");
}

#[test]
fn statistics_screen() {
    use quizdesk::progress::History;
    use quizdesk::session::{Response, Verdict};
    let library = Library::load(None);
    let bank = library.entries[0].bank.clone().unwrap();
    let day = 86_400_000u64;
    let start = 1_780_000_000_000u64;
    let mut events = Vec::new();
    for s in 0..8u64 {
        let id = format!("s{s}");
        let at = start + s * day;
        events.push(crate::common::start_event(&id, at, bank.id()));
        for (k, q) in bank.questions().iter().enumerate().take(12) {
            let right = !(k as u64 + s).is_multiple_of(4) || s > 5;
            let response = match &q.kind {
                quizdesk::bank::Kind::SingleChoice(c) => Some(Response::Choice(
                    c.iter().position(|c| c.correct == right).unwrap_or(0),
                )),
                _ => None,
            };
            let verdict = if right {
                Verdict::Correct
            } else {
                Verdict::Wrong
            };
            events.push(crate::common::answer_event(
                &id,
                at + k as u64,
                q,
                verdict,
                response,
            ));
        }
        events.push(crate::common::end_event(&id, at + 60_000));
    }
    let history = History::from_events(events);
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_millis(start + 7 * day + 3_600_000);
    let stats = quizdesk::progress::stats::stats(&history, &bank, now);
    let mut app = QuizApp::new(library, Prefs::default());
    app.screen = quizdesk::ui::Screen::Stats(quizdesk::ui::stats::StatsState::new(
        0,
        bank.clone(),
        "Ada".into(),
        &history,
        stats,
    ));
    if let quizdesk::ui::Screen::Stats(s) = &mut app.screen {
        s.folder.path = "/home/ada".into();
    }
    let mut h = harness(app, [1000.0, 900.0]);
    h.run();
    h.snapshot("statistics");
}

/// Presenter mode on the bundled factual bank: `ids` only, choices in bank order.
fn presenting(ids: &[&str], teams: &[&str], timer: Option<u32>) -> QuizApp {
    let mut app = QuizApp::new(Library::load(None), Prefs::default());
    let ctx = egui::Context::default();
    let config = SessionConfig {
        mode: Mode::Review {
            ids: ids.iter().map(|s| (*s).to_owned()).collect(),
        },
        shuffle_choices: false,
        shuffle_questions: false,
        ..SessionConfig::default()
    };
    let lesson = quizdesk::classroom::LessonConfig {
        timer_secs: timer,
        teams: teams.iter().map(|s| (*s).to_owned()).collect(),
    };
    app.run(
        Command::Present {
            entry: 0,
            config,
            lesson,
        },
        &ctx,
    );
    app
}

#[test]
fn presenter_tally_chart_reveal_and_scoreboard_on_a_projector() {
    let mut h = harness(
        presenting(
            &["reaction-china-role"],
            &["Red", "Blue", "Green"],
            Some(90),
        ),
        [1280.0, 720.0],
    );
    h.step();
    h.key_press(egui::Key::T); // pause the clock: a still picture
    for key in "AABBBBBBCDDDDS1V".chars() {
        let key = egui::Key::from_name(&key.to_string()).unwrap();
        h.key_press(key);
    }
    h.key_press(egui::Key::Space);
    h.key_press(egui::Key::Space);
    h.run();
    h.snapshot("presenter_revealed_1280x720");
}

#[test]
fn presenter_discussion_rubric_at_800x600() {
    let app = QuizApp::new(Library::load(None), Prefs::default());
    let discussion = app.app.library.entries[1].bank.clone().unwrap();
    let first = discussion.questions()[0].id.clone();
    let mut app = app;
    let ctx = egui::Context::default();
    app.run(
        Command::Present {
            entry: 1,
            config: SessionConfig {
                mode: Mode::Review { ids: vec![first] },
                ..SessionConfig::default()
            },
            lesson: quizdesk::classroom::LessonConfig {
                timer_secs: None,
                teams: Vec::new(),
            },
        },
        &ctx,
    );
    let mut h = harness(app, [800.0, 600.0]);
    h.step();
    h.key_press(egui::Key::T);
    h.key_press(egui::Key::Space);
    h.key_press(egui::Key::Space);
    h.run();
    h.snapshot("presenter_discussion_800x600");
}
