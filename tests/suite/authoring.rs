//! Authoring: live reload of bank files changed on disk (a real file, a real watcher).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::library::{Library, Origin};
use quizdesk::session::SessionConfig;
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{QuizApp, Screen};

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("quizdesk-authoring-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bank_text(prompt: &str) -> String {
    format!(
        r#"Bank(format: 1, id: "live", title: "Live", questions: [
    (id: "q1", prompt: "{prompt}", explanation: "Because.",
     answer: TrueFalse(answer: true, feedback_false: "It is true.")),
    (id: "q2", prompt: "Second?", explanation: "Because.",
     answer: TrueFalse(answer: false, feedback_true: "It is false.")),
])
"#
    )
}

/// Writes like an editor that saves to a temporary file and renames it over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("ron.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Steps the UI until `done` holds, for at most five seconds (the reload happens on a
/// background thread after the file has been quiet for a moment).
fn wait_for(h: &mut Harness<'_, QuizApp>, what: &str, done: impl Fn(&QuizApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.step();
}

#[test]
fn a_bank_changed_on_disk_is_reloaded_its_problems_shown_and_the_session_can_restart() {
    let dir = temp_dir("reload");
    let file = dir.join("live.ron");
    std::fs::write(&file, bank_text("First?")).unwrap();
    let mut library = Library::default();
    library.add_path(&file, Origin::Opened).unwrap();
    let mut prefs = Prefs::default();
    prefs.last_config = SessionConfig {
        shuffle_questions: false,
        ..SessionConfig::default()
    };
    let mut h = Harness::builder()
        .with_size([1000.0, 800.0])
        .build_ui_state(
            |ui, app: &mut QuizApp| app.ui(ui),
            QuizApp::new(library, prefs),
        );
    let ctx = h.ctx.clone();
    h.state_mut().watch_files(&ctx);
    h.run();
    h.key_press(egui::Key::Num1);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("First?");

    // Saved with a mistake: the problem is shown with its place, the session goes on.
    save(
        &file,
        &bank_text("First?").replace(
            "explanation: \"Because.\",\n     answer: TrueFalse(answer: true",
            "explanation: \"Because.\",\n     answer: TrueFalse(answer: maybe",
        ),
    );
    wait_for(&mut h, "the broken reload", |app| {
        app.reload_problems.is_some()
    });
    h.get_by_label_contains("Reloaded ");
    h.get_by_label_contains("live.ron:3:");
    h.get_by_label_contains("This session goes on with the version it started with.");
    assert!(
        h.state().library.entries[0].bank.is_none(),
        "the library shows the broken file"
    );
    h.get_by_label("First?");
    h.get_by_label("Keep going").click();
    h.run();
    assert!(h.query_by_label_contains("This session goes on").is_none());

    // Fixed, with a new prompt: the problems go, and the session can restart on the new version.
    save(&file, &bank_text("First, edited?"));
    wait_for(&mut h, "the fixed reload", |app| {
        app.reload_problems.is_none() && app.library.entries[0].bank.is_some()
    });
    assert!(h.query_by_label_contains("Reloaded ").is_none());
    h.get_by_label("Restart with the new version").click();
    h.run();
    let Screen::Question(q) = &h.state().screen else {
        panic!("not on a question")
    };
    assert_eq!(
        q.session.current_question().unwrap().prompt,
        "First, edited?"
    );
    h.get_by_label("First, edited?");
}
