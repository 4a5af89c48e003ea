//! The desktop app: draws core state and turns clicks and keys into [`Command`]s.
//!
//! One file per screen ([`library`], [`setup`], [`question`], [`summary`]), plus the source side
//! panel ([`source_panel`]) and the shortcut help ([`help`]). Screens never change the app while
//! drawing: they push commands, which [`QuizApp::run`] applies after the frame (egui's
//! `wrap_app.rs` pattern), so one enum drives buttons and keyboard shortcuts alike.

pub mod editor;
pub mod export;
pub mod help;
pub mod kinds;
pub mod learner;
pub mod library;
pub mod presenter;
pub mod question;
pub mod setup;
pub mod source_panel;
pub mod stats;
pub mod summary;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

use crate::bank::Bank;
use crate::library::{Library, Origin};
use crate::session::{Mode, Response, Session, SessionConfig, SystemClock};

/// Something the user asked for, applied after the frame is drawn.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Go to the setup screen for library entry `index`.
    Setup(usize),
    /// Start a session on library entry `index`.
    Start {
        entry: usize,
        config: SessionConfig,
    },
    /// Present library entry `entry` to a class (presenter mode).
    Present {
        entry: usize,
        config: SessionConfig,
        lesson: crate::classroom::LessonConfig,
    },
    /// Full screen on or off (F11).
    ToggleFullscreen,
    Answer(Response),
    Skip,
    Next,
    Previous,
    /// Submit the test or end the session and show the summary.
    Finish,
    /// Back to the previous screen (Esc).
    Back,
    Library,
    /// Open the source panel at a paragraph of a bank's source, with the quote picked out.
    ShowSource {
        bank: usize,
        paragraph: usize,
        quote: String,
    },
    CloseSource,
    ToggleHelp,
    /// The statistics screen for library entry `index` and the current learner.
    Stats(usize),
    /// Save the current learner's history as CSV (asks where).
    ExportCsv,
    /// The learner's own grade for the question just revealed (review mode).
    Rate(crate::progress::review::SelfRating),
    /// Make this learner (profile id) the one studying.
    ChooseLearner(String),
    /// Add a learner by name and make them the one studying.
    AddLearner(String),
    /// Add a bank file or folder to the library.
    Open(PathBuf),
    /// Edit library entry `index` (a copy, for a bundled bank).
    Edit(usize),
    /// A new bank from the template, in the editor.
    NewBank,
    /// Play question `id` of a bank being edited, then come back to the editor.
    TryQuestion {
        bank: SharedBank,
        id: String,
    },
    /// Show or hide the quiz format reference.
    ToggleFormatHelp,
}

/// A bank handed along in a command; equal when it is the same bank.
#[derive(Clone, Debug)]
pub struct SharedBank(pub Arc<Bank>);

impl PartialEq for SharedBank {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What a reload of a changed bank file found wrong.
#[derive(Clone, Debug)]
pub struct ReloadProblems {
    pub path: PathBuf,
    pub diagnostics: Vec<crate::diag::Diagnostic>,
}

/// What the source panel shows: a library entry's source, the cited paragraph and quote.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceView {
    pub entry: usize,
    pub paragraph: usize,
    pub quote: String,
}

/// The screen being shown.
pub enum Screen {
    Library,
    Setup(setup::SetupState),
    Question(question::QuestionState),
    Summary(summary::SummaryState),
    Stats(stats::StatsState),
    Presenter(presenter::PresenterState),
    Editor(Box<editor::EditorState>),
}

/// The whole app.
pub struct QuizApp {
    pub library: Library,
    pub screen: Screen,
    pub prefs: theme::Prefs,
    /// The source panel: which library entry's source, which paragraph.
    pub source: Option<SourceView>,
    pub show_help: bool,
    /// Whether a text field had the keyboard at the end of the last frame.
    typing: bool,
    /// Per bank id, the questions not answered fully right in the last finished session (kept
    /// for this run of the app; lasting history is the progress store's).
    pub mistakes: std::collections::HashMap<String, Vec<String>>,
    /// Learners and their history on disk.
    pub progress: learner::Progress,
    /// Reloads banks whose files change on disk (none until [`QuizApp::watch_files`]).
    pub watcher: Option<crate::watch::Watcher>,
    /// The last reload that found problems, shown in a panel until dismissed.
    pub reload_problems: Option<ReloadProblems>,
    /// Where new banks are saved (the user's quiz folder).
    pub user_folder: Option<PathBuf>,
    /// The editor, kept while one of its questions is being tried.
    editor_stash: Option<Box<editor::EditorState>>,
    /// The quiz format reference window is open.
    pub show_format: bool,
    /// Where the library screen's list was scrolled to, and similar per-screen UI state lives
    /// in egui's memory; this is only what the app itself must know.
    commands: Vec<Command>,
}

impl QuizApp {
    /// An app over `library`, showing the library screen.
    pub fn new(library: Library, prefs: theme::Prefs) -> Self {
        Self {
            library,
            screen: Screen::Library,
            prefs,
            source: None,
            show_help: false,
            typing: false,
            mistakes: std::collections::HashMap::new(),
            progress: learner::Progress::default(),
            watcher: None,
            reload_problems: None,
            user_folder: None,
            editor_stash: None,
            show_format: false,
            commands: Vec::new(),
        }
    }

    /// Draws one frame into `ui` and applies what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.prefs.apply(ui.ctx());
        // Esc in a text field only leaves the field. egui drops the focus as soon as Esc
        // arrives, so whether a field had the keyboard is known from the last frame.
        let was_typing = std::mem::replace(&mut self.typing, false);
        let mut commands = std::mem::take(&mut self.commands);
        self.progress.poll();
        self.take_reloads();
        let presenting = matches!(self.screen, Screen::Presenter(_));
        // On a projector the menu bar is clutter; F1 and Esc still work.
        if !presenting {
            self.top_bar(ui, &mut commands);
        }
        if self.reload_problems.is_some() {
            self.reload_panel(ui);
        }
        if let Some(view) = &self.source {
            let bank = self
                .library
                .entries
                .get(view.entry)
                .and_then(|e| e.bank.clone());
            if let Some(bank) = bank {
                source_panel::ui(ui, &bank, view, &mut commands);
            }
        }
        if let Screen::Presenter(state) = &mut self.screen {
            egui::CentralPanel::default().show(ui, |ui| {
                presenter::ui(ui, state, was_typing, &mut commands);
            });
        } else if let Screen::Editor(state) = &mut self.screen {
            egui::CentralPanel::default().show(ui, |ui| {
                editor::ui(ui, state, &mut commands);
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                centered_column(ui, |ui| match &mut self.screen {
                    Screen::Library => {
                        learner::ui(ui, &mut self.progress, &mut commands);
                        let now = std::time::SystemTime::now();
                        let due: Vec<Vec<String>> = self
                            .library
                            .entries
                            .iter()
                            .map(|e| {
                                e.bank
                                    .as_ref()
                                    .map(|b| self.progress.due_for(b, now).to_vec())
                                    .unwrap_or_default()
                            })
                            .collect();
                        let learner =
                            self.progress.current.is_some() && self.progress.store.is_some();
                        library::ui(ui, &self.library, &due, learner, &mut commands)
                    }
                    Screen::Setup(state) => setup::ui(ui, state, &self.library, &mut commands),
                    Screen::Question(state) => question::ui(ui, state, &mut commands),
                    Screen::Summary(state) => summary::ui(ui, state, &mut commands),
                    Screen::Stats(state) => stats::ui(ui, state, &mut commands),
                    Screen::Presenter(_) | Screen::Editor(_) => {}
                });
            });
        }
        if self.show_format {
            format_help(ui.ctx(), &mut commands);
        }
        if self.show_help {
            help::ui(ui.ctx(), presenting, &mut commands);
        }
        self.global_keys(ui.ctx(), was_typing, &mut commands);
        self.take_dropped_files(ui.ctx(), &mut commands);
        self.typing = ui.ctx().egui_wants_keyboard_input();
        for command in commands {
            self.run(command, ui.ctx());
        }
    }

    /// Starts watching every bank file in the library (not the bundled ones) and reloading
    /// them when they change; `ctx` is woken when a reload is ready.
    pub fn watch_files(&mut self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        match crate::watch::Watcher::new(move || ctx.request_repaint()) {
            Ok(mut watcher) => {
                if let Some(folder) = self.user_folder.as_ref().filter(|f| f.is_dir())
                    && let Err(e) = watcher.watch_folder(folder)
                {
                    self.library.problems.push(format!(
                        "new banks in {} will not show up until quizdesk restarts: {e}",
                        folder.display()
                    ));
                }
                self.watcher = Some(watcher);
                self.watch_all();
            }
            Err(e) => self
                .library
                .problems
                .push(format!("changed files will not be reloaded: {e}")),
        }
    }

    /// Watches every bank file in the library (watching one twice is harmless).
    fn watch_all(&mut self) {
        let Some(w) = &mut self.watcher else { return };
        for e in &self.library.entries {
            if e.origin != Origin::Bundled
                && let Err(err) = w.watch(&e.path)
            {
                self.library.problems.push(format!(
                    "{} will not be reloaded when it changes: {err}",
                    e.path.display()
                ));
            }
        }
    }

    /// Puts banks reloaded from disk in the library; a running session on one of them is told.
    fn take_reloads(&mut self) {
        let Some(watcher) = &self.watcher else { return };
        for report in watcher.poll() {
            let problems = ReloadProblems {
                path: report.path.clone(),
                diagnostics: report.diagnostics.clone(),
            };
            let usable = report.bank.is_some();
            let entry = match self.library.replace(report.clone()) {
                Some(entry) => entry,
                // A new bank file in the user's quiz folder.
                None => self.library.add_report(Origin::UserFolder, report),
            };
            self.reload_problems = (!problems.diagnostics.is_empty()).then_some(problems);
            if let Screen::Question(state) = &mut self.screen
                && state.entry == entry
            {
                state.bank_changed = Some(usable);
            }
        }
    }

    /// The problems found when a changed file was reloaded.
    fn reload_panel(&mut self, ui: &mut egui::Ui) {
        let mut close = false;
        egui::Panel::bottom("reload_problems")
            .resizable(true)
            .max_size(ui.available_height() * 0.4)
            .show(ui, |ui| {
                let Some(problems) = &self.reload_problems else {
                    return;
                };
                ui.horizontal(|ui| {
                    let errors = problems.diagnostics.iter().filter(|d| d.is_error()).count();
                    let warnings = problems.diagnostics.len() - errors;
                    ui.strong(format!(
                        "Reloaded {}: {errors} error{}, {warnings} warning{}",
                        problems.path.display(),
                        if errors == 1 { "" } else { "s" },
                        if warnings == 1 { "" } else { "s" },
                    ));
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                });
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for d in &problems.diagnostics {
                        let color = if d.is_error() {
                            ui.visuals().error_fg_color
                        } else {
                            ui.visuals().warn_fg_color
                        };
                        ui.colored_label(color, d.one_line());
                        if let Some(hint) = &d.hint {
                            ui.label(egui::RichText::new(format!("hint: {hint}")).weak());
                        }
                    }
                });
            });
        if close {
            self.reload_problems = None;
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.menu_button("File", |ui| {
                    if ui.button("Open quiz file…").clicked()
                        && let Some(path) = pick_file()
                    {
                        commands.push(Command::Open(path));
                    }
                    if ui.button("New bank from template…").clicked() {
                        commands.push(Command::NewBank);
                    }
                    if ui.button("Library").clicked() {
                        commands.push(Command::Library);
                    }
                });
                ui.menu_button("View", |ui| self.prefs.menu_ui(ui));
                ui.menu_button("Help", |ui| {
                    if ui.button("Keyboard shortcuts (F1)").clicked() {
                        commands.push(Command::ToggleHelp);
                    }
                    if ui.button("Quiz format reference").clicked() {
                        commands.push(Command::ToggleFormatHelp);
                    }
                });
                ui.separator();
                ui.strong("quizdesk");
            });
        });
    }

    /// Shortcuts that work on every screen. Letter keys are left alone while a text field has
    /// the keyboard, so typing an answer never triggers them.
    fn global_keys(&self, ctx: &egui::Context, was_typing: bool, commands: &mut Vec<Command>) {
        use egui::{Key, Modifiers};
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::F1)
                || (!typing && i.consume_key(Modifiers::SHIFT, Key::Questionmark))
                || (!typing && i.consume_key(Modifiers::NONE, Key::Questionmark))
            {
                commands.push(Command::ToggleHelp);
            }
            if i.consume_key(Modifiers::NONE, Key::F11) {
                commands.push(Command::ToggleFullscreen);
            }
            // With the help open, Esc is the help's own (it closes it). The presenter handles
            // its own Esc (to its results first).
            // The presenter and the editor handle their own Esc.
            let presenting = matches!(self.screen, Screen::Presenter(_) | Screen::Editor(_));
            if !self.show_help
                && !was_typing
                && !presenting
                && i.consume_key(Modifiers::NONE, Key::Escape)
            {
                commands.push(Command::Back);
            }
        });
    }

    fn take_dropped_files(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        commands.extend(dropped.into_iter().map(Command::Open));
    }

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
                let Some(bank) = self.bank(entry) else { return };
                let now = ctx.input(|i| i.time);
                match crate::classroom::Lesson::new(bank, config.clone(), lesson.clone(), now) {
                    Ok(l) => {
                        self.prefs.last_config = config;
                        self.prefs.last_lesson = lesson;
                        self.screen = Screen::Presenter(presenter::PresenterState::new(entry, l));
                    }
                    Err(e) => {
                        if let Screen::Setup(state) = &mut self.screen {
                            state.error = Some(e.to_string());
                        }
                    }
                }
            }
            Command::ToggleFullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
            }
            Command::Answer(_) | Command::Skip | Command::Next | Command::Previous => {
                if let Screen::Question(state) = &mut self.screen {
                    let index = state.session.current_index();
                    let answering = matches!(command, Command::Answer(_));
                    state.run(command);
                    let answered = state.error.is_none()
                        && state
                            .session
                            .records()
                            .get(index)
                            .is_some_and(|r| r.response.is_some());
                    if answering
                        && answered
                        && let Some(recorder) = &state.recorder
                        && let Err(e) =
                            recorder.answer(&state.session, index, std::time::SystemTime::now())
                    {
                        self.progress
                            .messages
                            .push(format!("This answer could not be saved: {e}"));
                    }
                }
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
                    let summary = session.finish();
                    if let Some(mut recorder) = state.recorder
                        && let Err(e) = recorder.end(&session, true, std::time::SystemTime::now())
                    {
                        self.progress
                            .messages
                            .push(format!("The end of the session could not be saved: {e}"));
                    }
                    self.mistakes
                        .insert(session.bank().id().to_owned(), summary.mistakes());
                    let mut summary = summary::SummaryState::new(state.entry, session, summary);
                    if let Some(learner) = &self.progress.current {
                        summary.set_student(&learner.name);
                    }
                    self.screen = Screen::Summary(summary);
                    // The due lists change with what was just answered.
                    self.progress.load_history(self.banks(), Some(ctx));
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
                if let Some(e) = self.library.entries.get(entry) {
                    let state = match (&e.bank, e.origin) {
                        (Some(bank), Origin::Bundled) => {
                            let text = crate::bundled::BANKS
                                .iter()
                                .find(|b| std::path::Path::new(b.path) == e.path)
                                .map_or(e.text.as_str(), |b| b.text);
                            editor::copy_of(bank, text, &self.new_bank_folder(), ctx)
                        }
                        _ => editor::EditorState::new(e.path.clone(), &e.text, false, ctx),
                    };
                    self.screen = Screen::Editor(Box::new(state));
                }
            }
            Command::NewBank => {
                let state = editor::new_bank(&self.new_bank_folder(), ctx);
                self.screen = Screen::Editor(Box::new(state));
            }
            Command::TryQuestion { bank, id } => {
                let config = SessionConfig {
                    mode: Mode::Review { ids: vec![id] },
                    seed: crate::session::fresh_seed(),
                    ..SessionConfig::default()
                };
                if let Ok(session) = Session::new(bank.0, config, Box::new(SystemClock::new()))
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
                self.progress.wait_for_history();
                if let (Some(bank), Some(history), Some(learner)) = (
                    self.bank(entry),
                    &self.progress.history,
                    &self.progress.current,
                ) {
                    let stats =
                        crate::progress::stats::stats(history, &bank, std::time::SystemTime::now());
                    self.screen = Screen::Stats(stats::StatsState::new(
                        entry,
                        bank,
                        learner.name.clone(),
                        history,
                        stats,
                    ));
                }
            }
            Command::ExportCsv => {
                if let Some(history) = &self.progress.history
                    && let Some(path) = rfd::FileDialog::new()
                        .set_file_name("quizdesk-history.csv")
                        .save_file()
                {
                    let banks: Vec<&Bank> = self
                        .library
                        .entries
                        .iter()
                        .filter_map(|e| e.bank.as_deref())
                        .collect();
                    let csv = crate::progress::stats::history_csv(history, &banks);
                    let message = match crate::progress::atomic::write_atomic(&path, csv.as_bytes())
                    {
                        Ok(()) => format!("History saved to {}", path.display()),
                        Err(e) => {
                            format!("The history could not be saved to {}: {e}", path.display())
                        }
                    };
                    self.progress.messages.push(message);
                }
            }
            Command::ChooseLearner(id) => {
                self.progress.choose(&id);
                self.progress.load_history(self.banks(), Some(ctx));
            }
            Command::AddLearner(name) => {
                self.progress.add(&name);
                self.progress.load_history(self.banks(), Some(ctx));
            }
            Command::Rate(rating) => {
                if let Screen::Question(state) = &mut self.screen {
                    let index = state.session.current_index();
                    if let Some(recorder) = &state.recorder {
                        match recorder.rate(
                            &state.session,
                            index,
                            rating,
                            std::time::SystemTime::now(),
                        ) {
                            Ok(()) => {
                                state.ratings.insert(index, rating);
                            }
                            Err(e) => self
                                .progress
                                .messages
                                .push(format!("The rating could not be saved: {e}")),
                        }
                    }
                }
            }
            Command::Open(path) => {
                if self.library.add_path(&path, Origin::Opened).is_some() {
                    self.watch_all();
                }
            }
        }
        ctx.request_repaint();
    }

    /// The setup screen for library entry `entry`, offering `config`.
    fn setup_screen(&self, entry: usize, config: SessionConfig) -> Option<Screen> {
        let bank = self.bank(entry)?;
        let mistakes = self.mistakes.get(bank.id()).cloned().unwrap_or_default();
        Some(Screen::Setup(setup::SetupState::new(
            entry,
            &bank,
            config,
            mistakes,
            self.prefs.last_lesson.clone(),
        )))
    }

    /// Where new banks and copies are saved: the user's quiz folder, else the working folder.
    fn new_bank_folder(&self) -> PathBuf {
        self.user_folder
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Every usable bank in the library.
    pub fn banks(&self) -> Vec<Arc<Bank>> {
        self.library
            .entries
            .iter()
            .filter_map(|e| e.bank.clone())
            .collect()
    }

    fn bank(&self, entry: usize) -> Option<Arc<Bank>> {
        self.library.entries.get(entry).and_then(|e| e.bank.clone())
    }

    fn start(&mut self, entry: usize, config: SessionConfig) {
        let Some(bank) = self.bank(entry) else { return };
        match Session::new(bank, config.clone(), Box::new(SystemClock::new())) {
            Ok(session) => {
                if !matches!(config.mode, Mode::Review { .. }) {
                    self.prefs.last_config = config;
                }
                let recorder = match (&self.progress.store, &self.progress.current) {
                    (Some(store), Some(profile)) => {
                        match crate::progress::Recorder::start(
                            store.journal(&profile.id),
                            &session,
                            std::time::SystemTime::now(),
                        ) {
                            Ok(r) => Some(r),
                            Err(e) => {
                                self.progress
                                    .messages
                                    .push(format!("This session's progress cannot be saved: {e}"));
                                None
                            }
                        }
                    }
                    _ => None,
                };
                let mut state = question::QuestionState::new(entry, session);
                state.recorder = recorder;
                self.screen = Screen::Question(state);
            }
            Err(e) => {
                if let Screen::Setup(state) = &mut self.screen {
                    state.error = Some(e.to_string());
                }
            }
        }
    }
}

/// The widest a column of text gets: lines stay easy to read on a wide screen or projector.
const COLUMN_WIDTH: f32 = 1000.0;

/// Lays `add` out in a column at most [`COLUMN_WIDTH`] wide, centred in the space.
fn centered_column(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let available = ui.available_rect_before_wrap();
    let width = available.width().min(COLUMN_WIDTH);
    let left = available.left() + (available.width() - width) / 2.0;
    let rect = egui::Rect::from_min_size(
        egui::pos2(left, available.top()),
        egui::vec2(width, available.height()),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect), add);
}

/// The quiz format reference (`quizzes/FORMAT.md`, compiled in), in a window.
fn format_help(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Quiz format reference")
        .open(&mut open)
        .default_size([720.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(
                    "quizzes/FORMAT.md: every field, every question kind with an example, every check and lint.",
                )
                .weak(),
            );
            ui.add(egui::Label::new(
                egui::RichText::new(include_str!("../../quizzes/FORMAT.md")).monospace(),
            ));
        });
    if !open {
        commands.push(Command::ToggleFormatHelp);
    }
}

/// Asks for a quiz file with the system's file dialog (none where no dialog service runs).
fn pick_file() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Open a quiz bank")
        .add_filter("Quiz banks", &["ron"])
        .pick_file()
}

impl eframe::App for QuizApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        QuizApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}

/// Starts the desktop app on the bundled banks, the user's quiz folder and `paths`.
pub fn run(paths: &[PathBuf]) -> eframe::Result {
    let user_folder = theme::user_quiz_folder();
    let mut library = Library::load(user_folder.as_deref());
    for path in paths {
        library.add_path(path, Origin::Opened);
    }
    let progress = crate::progress::Store::default_location()
        .map(learner::Progress::open)
        .unwrap_or_default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("quizdesk")
            .with_app_id("quizdesk")
            .with_inner_size([1100.0, 760.0])
            .with_min_inner_size([640.0, 480.0])
            .with_icon(theme::icon()),
        ..Default::default()
    };
    eframe::run_native(
        "quizdesk",
        options,
        Box::new(move |cc| {
            let prefs: theme::Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            let mut app = QuizApp::new(library, prefs);
            app.user_folder = user_folder.filter(|f| std::fs::create_dir_all(f).is_ok());
            app.progress = progress;
            app.watch_files(&cc.egui_ctx);
            let banks = app.banks();
            app.progress.load_history(banks, Some(&cc.egui_ctx));
            Ok(Box::new(app))
        }),
    )
}
