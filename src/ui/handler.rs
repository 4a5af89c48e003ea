//! The command handler: applies each [`Command`] after the frame, by changing the screen and
//! calling the application layer ([`crate::app`]) for everything that touches the disk. File
//! dialogs open here, between frames. Every failure is told: on the screen that asked, or in
//! the app's notices.

use std::path::{Path, PathBuf};

use super::{
    Command, QuizApp, Screen, SourceView, editor, export::SaveTarget, question, setup, stats,
    summary,
};
use crate::app::{App, AppError, Document, exports};
use crate::session::{Mode, SessionConfig};

impl QuizApp {
    /// Applies one command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Setup(entry) => {
                if let Some(screen) = self.setup_screen(entry, self.prefs.last_config.clone()) {
                    self.screen = screen;
                }
            }
            Command::Start { entry, config } => self.start(entry, config),
            Command::Present {
                entry,
                config,
                lesson,
            } => {
                let now = ctx.input(|i| i.time);
                match self
                    .app
                    .start_lesson(entry, config.clone(), lesson.clone(), now)
                {
                    Ok(l) => {
                        self.prefs.last_config = config;
                        self.prefs.last_lesson = lesson;
                        self.screen =
                            Screen::Presenter(super::presenter::PresenterState::new(entry, l));
                    }
                    Err(e) => self.setup_error(e),
                }
            }
            Command::Presenter(step) => {
                if let Screen::Presenter(state) = &mut self.screen {
                    state.apply(step, ctx.input(|i| i.time));
                }
            }
            Command::ToggleFullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
            }
            Command::Answer(_) | Command::Skip | Command::Next | Command::Previous => {
                self.play(command);
            }
            Command::Finish if self.editor_stash.is_some() => {
                if let Some(editor) = self.editor_stash.take() {
                    self.screen = Screen::Editor(editor);
                }
            }
            Command::Finish => {
                if let Screen::Question(state) =
                    std::mem::replace(&mut self.screen, Screen::Library)
                {
                    let mut session = state.session;
                    let finished = self.app.finish_session(&mut session, wake(ctx));
                    self.notices.extend(finished.problem.map(|e| e.to_string()));
                    let mut summary =
                        summary::SummaryState::new(state.entry, session, finished.summary);
                    if let Some(learner) = &self.app.learners.current {
                        summary.set_student(&learner.name);
                    }
                    self.screen = Screen::Summary(summary);
                }
            }
            Command::Back => {
                if self.source.is_some() {
                    self.source = None;
                } else if let Some(editor) = self.editor_stash.take() {
                    self.screen = Screen::Editor(editor);
                } else {
                    self.screen = match std::mem::replace(&mut self.screen, Screen::Library) {
                        Screen::Question(state) => self
                            .setup_screen(state.entry, state.session.config().clone())
                            .unwrap_or(Screen::Library),
                        Screen::Presenter(state) => self
                            .setup_screen(state.entry, state.lesson.config().clone())
                            .unwrap_or(Screen::Library),
                        _ => Screen::Library,
                    };
                }
            }
            Command::Library => {
                self.editor_stash = None;
                self.screen = Screen::Library;
            }
            Command::Edit(entry) => {
                if let Some(e) = self.app.library.entries.get(entry) {
                    let (document, text) = Document::for_entry(e, &self.app.new_bank_folder());
                    let state = editor::EditorState::new(document, &text, ctx);
                    self.screen = Screen::Editor(Box::new(state));
                }
            }
            Command::NewBank => {
                let (document, text) = Document::new_bank(&self.app.new_bank_folder());
                let state = editor::EditorState::new(document, &text, ctx);
                self.screen = Screen::Editor(Box::new(state));
            }
            Command::SaveDocument { close } => self.save_document(close),
            Command::TryQuestion { bank, id } => {
                if let Ok(session) = App::try_question(bank.0, id)
                    && let Screen::Editor(editor) =
                        std::mem::replace(&mut self.screen, Screen::Library)
                {
                    self.editor_stash = Some(editor);
                    let mut state = question::QuestionState::new(usize::MAX, session);
                    state.trying = true;
                    self.screen = Screen::Question(state);
                }
            }
            Command::ToggleFormatHelp => self.show_format = !self.show_format,
            Command::ShowSource {
                bank,
                paragraph,
                quote,
            } => {
                self.source = Some(SourceView {
                    entry: bank,
                    paragraph,
                    quote,
                });
                // Scroll to the paragraph again, even if it was shown before.
                ctx.data_mut(|d| d.remove_temp::<usize>(egui::Id::unique("source_scrolled_to")));
            }
            Command::CloseSource => self.source = None,
            Command::ToggleHelp => self.show_help = !self.show_help,
            Command::Stats(entry) => {
                if let Some(s) = self.app.statistics(entry) {
                    self.screen = Screen::Stats(stats::StatsState::new(
                        entry, s.bank, s.learner, s.history, s.stats,
                    ));
                }
            }
            Command::ExportCsv => {
                if self.app.learners.history.is_some()
                    && let Some(path) = rfd::FileDialog::new()
                        .set_file_name("quizdesk-history.csv")
                        .save_file()
                {
                    self.notices.push(match self.app.export_history(&path) {
                        Ok(path) => format!("History saved to {}", path.display()),
                        Err(e) => format!("The history could not be saved to {e}"),
                    });
                }
            }
            Command::ChooseLearner(id) => {
                if let Err(e) = self.app.learners.choose(&id) {
                    self.notices.push(e.to_string());
                }
                self.app.reload_history(wake(ctx));
            }
            Command::AddLearner(name) => {
                match self.app.learners.add(&name) {
                    Ok(()) => self.learner_bar.new_name.clear(),
                    Err(e) => self.notices.push(e.to_string()),
                }
                self.app.reload_history(wake(ctx));
            }
            Command::Rate(rating) => {
                if let Screen::Question(state) = &mut self.screen {
                    let index = state.session.current_index();
                    match self
                        .app
                        .learners
                        .record_rating(&state.session, index, rating)
                    {
                        Ok(true) => {
                            state.ratings.insert(index, rating);
                            state.save_error = None;
                        }
                        Ok(false) => {}
                        Err(e) => {
                            state.save_error = Some(e.to_string());
                            self.notices.push(e.to_string());
                        }
                    }
                }
            }
            Command::PickFile => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Open a quiz bank")
                    .add_filter("Quiz banks", &["ron"])
                    .pick_file()
                {
                    self.app.open(&path);
                }
            }
            Command::Open(path) => {
                self.app.open(&path);
            }
            Command::ChooseSavePath { folder } => {
                if let Some(target) = self.save_target()
                    && let Some(path) = ask_where(Path::new(target.path.trim()), folder)
                {
                    target.path = path.display().to_string();
                }
            }
            Command::SaveResults(path) => {
                if let Screen::Summary(s) = &mut self.screen {
                    let result =
                        exports::session_results(&path, &s.student, &s.session, s.finished_at);
                    s.save.saved(result.map(|p| vec![p]), "your results");
                }
            }
            Command::SaveSessionResults(index) => {
                if let Screen::Stats(s) = &mut self.screen
                    && let Some(record) = s.sessions.get(index)
                {
                    let folder = PathBuf::from(s.folder.path.trim());
                    let result = exports::record_results(&folder, &s.learner, record, &s.bank);
                    s.folder.saved(result.map(|p| vec![p]), "the results");
                }
            }
            Command::SaveHandouts(folder) => {
                if let Screen::Setup(s) = &mut self.screen {
                    let result = match s.chosen() {
                        Err(e) => Err(AppError::Handouts(e)),
                        Ok(config) => exports::handouts(
                            &folder,
                            s.bank(),
                            config.seed,
                            usize::from(s.versions),
                            s.handout_format(),
                        ),
                    };
                    s.handouts.saved(result, "the handouts");
                }
            }
            Command::SaveClassResults(path) => {
                if let Screen::Presenter(s) = &mut self.screen {
                    let result = exports::class_results(&path, &s.lesson);
                    s.save.saved(result.map(|p| vec![p]), "the class results");
                }
            }
        }
        // A session is recorded only while its screen is up: leaving it (for the library, the
        // setup, another session) keeps it as abandoned.
        if !matches!(&self.screen, Screen::Question(q) if q.recorded) {
            self.app.learners.abandon_session();
        }
        ctx.request_repaint();
    }

    /// Answers, skips or moves in the session being played, and records an answer given.
    fn play(&mut self, command: Command) {
        let Screen::Question(state) = &mut self.screen else {
            return;
        };
        let index = state.session.current_index();
        let answering = matches!(command, Command::Answer(_));
        state.run(command);
        let answered = state.error.is_none()
            && state
                .session
                .records()
                .get(index)
                .is_some_and(|r| r.response.is_some());
        if answering && answered {
            match self.app.learners.record_answer(&state.session, index) {
                Ok(()) => state.save_error = None,
                Err(e) => {
                    state.save_error = Some(e.to_string());
                    self.notices.push(e.to_string());
                }
            }
        }
    }

    /// Saves the bank being edited, and puts it in the library (or reloads it there) at once.
    fn save_document(&mut self, close: bool) {
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        let result = state.save();
        editor::saved(state, &result);
        if let Ok(saved) = result {
            self.app.open(&saved.path);
            if close {
                self.screen = Screen::Library;
            }
        }
    }

    /// The path field of the current screen that a file dialog fills in.
    fn save_target(&mut self) -> Option<&mut SaveTarget> {
        match &mut self.screen {
            Screen::Summary(s) => Some(&mut s.save),
            Screen::Setup(s) => Some(&mut s.handouts),
            Screen::Presenter(s) => Some(&mut s.save),
            Screen::Stats(s) => Some(&mut s.folder),
            Screen::Library | Screen::Question(_) | Screen::Editor(_) => None,
        }
    }

    /// Tells the setup screen why a session or lesson could not start.
    fn setup_error(&mut self, error: AppError) {
        if let Screen::Setup(state) = &mut self.screen {
            state.error = Some(error.to_string());
        }
    }

    /// The setup screen for library entry `entry`, offering `config`.
    fn setup_screen(&self, entry: usize, config: SessionConfig) -> Option<Screen> {
        let bank = self.app.bank(entry)?;
        let mistakes = self
            .app
            .mistakes
            .get(bank.id())
            .cloned()
            .unwrap_or_default();
        Some(Screen::Setup(setup::SetupState::new(
            entry,
            &bank,
            config,
            mistakes,
            self.prefs.last_lesson.clone(),
        )))
    }

    fn start(&mut self, entry: usize, config: SessionConfig) {
        match self.app.start_session(entry, config.clone()) {
            Ok(started) => {
                if !matches!(config.mode, Mode::Review { .. }) {
                    self.prefs.last_config = config;
                }
                let problem = started.problem.map(|e| e.to_string());
                self.notices.extend(problem.clone());
                let mut state = question::QuestionState::new(entry, started.session);
                state.recorded = started.recorded;
                state.save_error = problem;
                self.screen = Screen::Question(state);
            }
            Err(e) => self.setup_error(e),
        }
    }
}

/// What wakes the UI when a background job is done.
fn wake(ctx: &egui::Context) -> impl FnOnce() + Send + 'static {
    let ctx = ctx.clone();
    move || ctx.request_repaint()
}

/// Asks where to save with the system's file dialog, starting at `current` (a folder with
/// `folder`). None when cancelled or where no dialog service runs.
fn ask_where(current: &Path, folder: bool) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    if folder {
        dialog.set_directory(current).pick_folder()
    } else {
        let dir = current.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = current
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        dialog.set_directory(dir).set_file_name(name).save_file()
    }
}
