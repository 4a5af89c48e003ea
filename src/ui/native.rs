//! Opening the desktop app in a window: the library, the learners' store and the saved
//! preferences are read, then eframe runs [`QuizApp`].

use std::path::PathBuf;

use super::{QuizApp, theme};
use crate::app::Learners;
use crate::app::crash::Crashes;
use crate::library::{Library, Origin};

/// Starts the desktop app on the bundled banks, the user's quiz folder and `paths`.
pub fn run(paths: &[PathBuf]) -> eframe::Result {
    let user_folder = theme::user_quiz_folder();
    let mut library = Library::load(user_folder.as_deref());
    for path in paths {
        library.add_path(path, Origin::Opened);
    }
    let store = crate::progress::Store::default_location();
    // A bug or a kill leaves a trace in the data folder, told on the next start.
    let (crashes, previous) = match &store {
        Some(store) => Crashes::start(&store.root().join("crashes")),
        None => (Crashes::none(), Vec::new()),
    };
    let learners = store.map(Learners::open).unwrap_or_default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("quizdesk")
            .with_app_id("quizdesk")
            .with_inner_size([1100.0, 760.0])
            .with_min_inner_size([640.0, 480.0])
            .with_icon(theme::icon()),
        ..Default::default()
    };
    let result = eframe::run_native(
        "quizdesk",
        options,
        Box::new(move |cc| {
            let prefs: theme::Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            let mut app = QuizApp::new(library, prefs);
            app.app.user_folder = user_folder.filter(|f| std::fs::create_dir_all(f).is_ok());
            app.app.learners = learners;
            app.notices.extend(previous.iter().map(|p| p.notice()));
            app.watch_files(&cc.egui_ctx);
            let ctx = cc.egui_ctx.clone();
            app.app.reload_history(move || ctx.request_repaint());
            Ok(Box::new(app))
        }),
    );
    // A clean exit: this run's marker goes.
    drop(crashes);
    result
}
