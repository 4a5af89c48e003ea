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
    let mut h = harness(app, [1000.0, 760.0]);
    h.run();
    h.snapshot("summary");
}
