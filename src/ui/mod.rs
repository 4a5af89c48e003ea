//! The desktop app: draws the application's state ([`crate::app`]) and turns clicks and keys
//! into [`Command`]s.
//!
//! One file per screen ([`library`], [`setup`], [`question`], [`summary`], [`stats`],
//! [`presenter`], [`editor`]), plus the source side panel ([`source_panel`]), the shortcut help
//! ([`help`]) and the menu bar and other frame-wide parts ([`chrome`]). Screens never change
//! the app while drawing and never touch the disk: they push commands, which
//! [`QuizApp::run`] ([`handler`]) applies after the frame by calling the application layer
//! (egui's `wrap_app.rs` pattern), so one enum drives buttons and keyboard shortcuts alike.
//! File dialogs open there too, never inside a frame.

pub mod chrome;
pub mod editor;
pub mod export;
pub mod handler;
pub mod help;
pub mod kinds;
pub mod learner;
pub mod library;
pub mod native;
pub mod presenter;
pub mod presenter_command;
pub mod question;
pub mod setup;
pub mod source_panel;
pub mod stats;
pub mod summary;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::App;
use crate::bank::Bank;
use crate::library::Library;
use crate::session::{Response, SessionConfig};

pub use native::run;

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
    /// A step of the lesson being presented.
    Presenter(presenter::PresenterCommand),
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
    /// Ask for a quiz file with the system's file dialog, then open it.
    PickFile,
    /// Add a bank file or folder to the library.
    Open(PathBuf),
    /// Ask where to save with the system's dialog, for the current screen's path field (a
    /// folder with `folder`).
    ChooseSavePath {
        folder: bool,
    },
    /// Save the summary's results file at this path.
    SaveResults(PathBuf),
    /// Save session `index` of the statistics screen's list as a results file.
    SaveSessionResults(usize),
    /// Save the setup screen's handouts in this folder.
    SaveHandouts(PathBuf),
    /// Save the lesson's class results at this path.
    SaveClassResults(PathBuf),
    /// Edit library entry `index` (a copy, for a bundled bank).
    Edit(usize),
    /// A new bank from the template, in the editor.
    NewBank,
    /// Save the bank being edited (then close the editor, with `close`, if that worked).
    SaveDocument {
        close: bool,
    },
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

/// The whole app: the application layer and what is on screen.
pub struct QuizApp {
    /// The library, the learners, the watcher: everything that is not drawing.
    pub app: App,
    pub screen: Screen,
    pub prefs: theme::Prefs,
    /// The source panel: which library entry's source, which paragraph.
    pub source: Option<SourceView>,
    pub show_help: bool,
    /// Whether a text field had the keyboard at the end of the last frame.
    typing: bool,
    /// The learner bar's own state (the name being typed).
    pub learner_bar: learner::LearnerBar,
    /// Failures to tell the user about (a file not saved, an answer not recorded).
    pub notices: Vec<String>,
    /// The last reload that found problems, shown in a panel until dismissed.
    pub reload_problems: Option<ReloadProblems>,
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
            app: App::new(library),
            screen: Screen::Library,
            prefs,
            source: None,
            show_help: false,
            typing: false,
            learner_bar: learner::LearnerBar::default(),
            notices: Vec::new(),
            reload_problems: None,
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
        self.app.learners.poll();
        self.take_reloads();
        let presenting = matches!(self.screen, Screen::Presenter(_));
        // On a projector the menu bar is clutter; F1 and Esc still work.
        if !presenting {
            chrome::top_bar(ui, &mut self.prefs, &mut commands);
        }
        if self.reload_problems.is_some() {
            chrome::reload_panel(ui, &mut self.reload_problems);
        }
        if let Some(view) = &self.source
            && let Some(bank) = self.app.bank(view.entry)
        {
            source_panel::ui(ui, &bank, view, presenting, &mut commands);
        }
        // An open help or format reference takes Esc before the screen can: Esc closes it, and
        // never also ends a lesson or leaves a screen behind it.
        if (self.show_help || self.show_format)
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            commands.push(if self.show_help {
                Command::ToggleHelp
            } else {
                Command::ToggleFormatHelp
            });
        }
        self.screen_ui(ui, was_typing, &mut commands);
        if self.show_format {
            chrome::format_help(ui.ctx(), &mut commands);
        }
        if self.show_help {
            help::ui(ui.ctx(), presenting, &mut commands);
        }
        let screen_keeps_esc = matches!(self.screen, Screen::Presenter(_) | Screen::Editor(_));
        chrome::global_keys(
            ui.ctx(),
            was_typing,
            self.show_help || screen_keeps_esc,
            &mut commands,
        );
        chrome::take_dropped_files(ui.ctx(), &mut commands);
        self.typing = ui.ctx().egui_wants_keyboard_input();
        for command in commands {
            self.run(command, ui.ctx());
        }
    }

    /// The current screen, in the central panel.
    fn screen_ui(&mut self, ui: &mut egui::Ui, was_typing: bool, commands: &mut Vec<Command>) {
        match &mut self.screen {
            Screen::Presenter(state) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    presenter::ui(ui, state, was_typing, commands);
                });
            }
            Screen::Editor(state) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    editor::ui(ui, state, commands);
                });
            }
            screen => {
                let app = &mut self.app;
                let (bar, notices) = (&mut self.learner_bar, &self.notices);
                egui::CentralPanel::default().show(ui, |ui| {
                    chrome::centered_column(ui, |ui| match screen {
                        Screen::Library => {
                            learner::ui(ui, &app.learners, bar, notices, commands);
                            let now = std::time::SystemTime::now();
                            let banks: Vec<Option<Arc<Bank>>> =
                                app.library.entries.iter().map(|e| e.bank.clone()).collect();
                            let due: Vec<Vec<String>> = banks
                                .iter()
                                .map(|b| {
                                    b.as_ref()
                                        .map(|b| app.learners.due_for(b, now).to_vec())
                                        .unwrap_or_default()
                                })
                                .collect();
                            let learner = app.learners.is_recording_possible();
                            library::ui(ui, &app.library, &due, learner, commands)
                        }
                        Screen::Setup(state) => setup::ui(ui, state, &app.library, commands),
                        Screen::Question(state) => question::ui(ui, state, commands),
                        Screen::Summary(state) => summary::ui(ui, state, commands),
                        Screen::Stats(state) => stats::ui(ui, state, commands),
                        Screen::Presenter(_) | Screen::Editor(_) => {}
                    });
                });
            }
        }
    }

    /// Starts watching every bank file in the library (not the bundled ones) and reloading
    /// them when they change; `ctx` is woken when a reload is ready.
    pub fn watch_files(&mut self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        self.app.watch_files(move || ctx.request_repaint());
    }

    /// Puts banks reloaded from disk in the library; a running session on one of them is told.
    fn take_reloads(&mut self) {
        for reloaded in self.app.take_reloads() {
            let diagnostics = reloaded.report.diagnostics;
            self.reload_problems = (!diagnostics.is_empty()).then_some(ReloadProblems {
                path: reloaded.report.path.clone(),
                diagnostics,
            });
            if let Screen::Question(state) = &mut self.screen
                && state.entry == reloaded.entry
            {
                state.bank_changed = Some(reloaded.usable);
            }
            if let Screen::Editor(state) = &mut self.screen
                && (state.document.path == reloaded.report.path
                    || crate::files::read::is_same_file(
                        &state.document.path,
                        &reloaded.report.path,
                    ))
            {
                state.file_changed();
            }
        }
    }
}

impl eframe::App for QuizApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        QuizApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}
