//! The bank editor: the RON text with line numbers and highlighting, checked as you type (off
//! the UI thread, a moment after the last keystroke), every problem listed and underlined,
//! a click on a problem jumps to it, "try this question", skeletons of every kind, and saving
//! (asked for with [`Command::SaveDocument`]; the file itself is [`crate::app::Document`]).
//!
//! The text area is drawn here rather than with egui's `TextEdit`, which lays out the whole
//! text on every change: only the lines on screen are laid out, so typing costs the same in a
//! 10-line bank and a 100,000-line one.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Key, Modifiers};

use super::Command;
use crate::app::Document;
use crate::app::documents::{DiskChange, Saved};
use crate::bank::KindName;
use crate::editor::buffer::{Buffer, Pos};
use crate::editor::check::{Checked, Checker};
use crate::editor::highlight::{self, Highlighter, Token};
use crate::editor::skeleton;

/// The id of the text area (one editor at a time).
pub fn text_id() -> egui::Id {
    egui::Id::unique("quizdesk_bank_editor_text")
}

/// Seconds after the last keystroke before the text is checked.
pub const DEBOUNCE: f64 = 0.25;

pub struct EditorState {
    /// The file: where it is saved, whether it ever was, the file that goes with it.
    pub document: Document,
    /// The path as typed in the "Save as" field.
    pub path_text: String,
    pub buffer: Buffer,
    highlighter: Highlighter,
    checker: Checker,
    /// The buffer version last sent to the checker, and when the text last changed.
    submitted: Option<u64>,
    changed_at: f64,
    /// The newest check result.
    pub checked: Option<Checked>,
    /// Its problems as underlines, by 0-based line (worked out once per check, not per frame).
    marks: std::collections::HashMap<usize, Vec<Mark>>,
    pub message: Option<(bool, String)>,
    /// Scroll the cursor into view in the next frames.
    reveal_cursor: bool,
    /// The first line shown and how many fit, from the last frame.
    view: (usize, usize),
    /// Asked to close with unsaved changes: confirming.
    pub confirm_close: bool,
    /// Whether any field had the keyboard at the end of the last frame (Esc then only leaves
    /// it; egui drops the focus as soon as Esc arrives).
    had_focus: bool,
    /// The file changed on disk while this text had unsaved changes: the file's text, until
    /// the user loads it or keeps their own version.
    pub disk_conflict: Option<String>,
}

impl EditorState {
    /// Edits `text`, the contents of `document`. `ctx` is woken when a check is done.
    pub fn new(mut document: Document, text: &str, ctx: &egui::Context) -> Self {
        let ctx = ctx.clone();
        let buffer = Buffer::new(text);
        if !document.new_file {
            document.mark_saved(buffer.version());
        }
        let mut state = Self {
            path_text: document.path.display().to_string(),
            document,
            buffer,
            highlighter: Highlighter::default(),
            checker: Checker::new(move || ctx.request_repaint()),
            submitted: None,
            changed_at: f64::NEG_INFINITY,
            checked: None,
            marks: std::collections::HashMap::new(),
            message: None,
            reveal_cursor: false,
            view: (0, 40),
            confirm_close: false,
            had_focus: false,
            disk_conflict: None,
        };
        state.submit();
        state
    }

    pub fn is_dirty(&self) -> bool {
        self.document.is_dirty(self.buffer.version())
    }

    fn submit(&mut self) {
        let version = self.buffer.version();
        self.checker.submit(
            version,
            self.document.path.clone(),
            self.buffer.text(),
            self.document.companion.clone(),
        );
        self.submitted = Some(version);
    }

    /// Whether the newest check is of the text as it is now.
    pub fn is_checked(&self) -> bool {
        self.checked
            .as_ref()
            .is_some_and(|c| c.version == self.buffer.version())
    }

    /// Blocks until the current text is checked (for tests and for "try" on fresh edits).
    pub fn check_now(&mut self) {
        if !self.is_checked() {
            let text = self.buffer.text();
            let checked = crate::editor::check::check(
                self.buffer.version(),
                &self.document.path,
                &text,
                self.document.companion.as_ref(),
            );
            self.set_checked(checked);
        }
    }

    /// Keeps a check result, with its problems as underlines by line.
    fn set_checked(&mut self, checked: Checked) {
        self.marks.clear();
        for d in &checked.report.diagnostics {
            let first_line = checked
                .report
                .text
                .get(d.range.clone())
                .and_then(|t| t.split('\n').next())
                .unwrap_or("");
            let from = d.column.saturating_sub(1);
            self.marks
                .entry(d.line.saturating_sub(1))
                .or_default()
                .push(Mark {
                    from,
                    to: from + first_line.chars().count().max(1),
                    error: d.is_error(),
                });
        }
        self.checked = Some(checked);
    }

    /// Moves the cursor to a 1-based line and column and shows it.
    pub fn jump(&mut self, line: usize, column: usize) {
        self.buffer.set_cursor(
            Pos::new(line.saturating_sub(1), column.saturating_sub(1)),
            false,
        );
        self.reveal_cursor = true;
    }

    /// Saves atomically to the path as typed (and the companion source on a first save);
    /// a bank saved somewhere new is checked again there. A file changed elsewhere since it
    /// was opened is not overwritten: the choice between the versions is offered instead.
    pub fn save(&mut self) -> Result<Saved, crate::app::AppError> {
        let result =
            self.document
                .save_as(&self.path_text, &self.buffer.text(), self.buffer.version());
        match result {
            Ok(saved) => {
                self.disk_conflict = None;
                if saved.moved {
                    self.submit();
                }
                Ok(saved)
            }
            Err(crate::app::AppError::ChangedOnDisk { path, disk }) => {
                self.disk_conflict = Some(disk.clone());
                Err(crate::app::AppError::ChangedOnDisk { path, disk })
            }
            Err(e) => Err(e),
        }
    }

    /// The file was written on disk (the watcher saw it): text without unsaved changes is
    /// reloaded; with unsaved changes, the user is asked which version to keep. The editor's
    /// own saves change nothing here.
    pub fn file_changed(&mut self) {
        if self.document.new_file {
            return;
        }
        match self.document.disk_change() {
            DiskChange::Unchanged => {}
            DiskChange::Changed(disk) if self.is_dirty() => {
                self.message = Some((
                    false,
                    "The file changed on disk, and this text has unsaved changes: choose which to keep.".into(),
                ));
                self.disk_conflict = Some(disk);
            }
            DiskChange::Changed(disk) => {
                self.replace_text(&disk);
                self.message = Some((
                    true,
                    "Reloaded: the file changed on disk (Ctrl+Z brings the old text back).".into(),
                ));
            }
            DiskChange::Gone => {
                self.message = Some((
                    false,
                    "The file was deleted or moved on disk: saving writes this text there again."
                        .into(),
                ));
            }
            DiskChange::Unreadable(e) => {
                self.message = Some((false, format!("The file can no longer be read: {e}")));
            }
        }
    }

    /// Drops the unsaved changes for the version on disk (one undo step brings them back).
    pub fn load_disk_version(&mut self) {
        if let Some(disk) = self.disk_conflict.take() {
            self.replace_text(&disk);
            self.message = Some((
                true,
                "Loaded the version on disk (Ctrl+Z brings yours back).".into(),
            ));
        }
    }

    /// Keeps this text: the next save replaces the version on disk.
    pub fn keep_mine(&mut self) {
        if let Some(disk) = self.disk_conflict.take() {
            self.document.accept_disk(&disk);
            self.message = Some((
                true,
                "Keeping your version: saving replaces the one on disk.".into(),
            ));
        }
    }

    /// Puts `disk`, the file's text, in the buffer as one undoable change, marks it saved and
    /// checks it; the cursor stays on its line where it can.
    fn replace_text(&mut self, disk: &str) {
        let line = self.buffer.cursor().line;
        self.buffer.select_all();
        self.buffer.insert(&disk.replace("\r\n", "\n"));
        let last = self.buffer.line_count().saturating_sub(1);
        self.buffer.set_cursor(Pos::new(line.min(last), 0), false);
        self.document.accept_disk(disk);
        self.document.mark_saved(self.buffer.version());
        self.submit();
    }

    /// The id of the question the cursor is in, per the newest check.
    pub fn question_at_cursor(&self) -> Option<String> {
        let checked = self.checked.as_ref()?;
        let bank = checked.report.bank.as_ref()?;
        let offset = self.buffer.offset(self.buffer.cursor());
        let index = checked
            .questions
            .iter()
            .rposition(|r| r.start <= offset)
            .unwrap_or(0);
        bank.questions().get(index).map(|q| q.id.clone())
    }

    /// Inserts a skeleton question of `kind` after the question the cursor is in (or at the
    /// end of the list), and puts the cursor on its prompt.
    pub fn add_question(&mut self, kind: KindName) {
        self.check_now();
        let text = self.buffer.text();
        let id = skeleton::fresh_id(kind, &text);
        let mut snippet = skeleton::question(kind, &id);
        let Some(checked) = &self.checked else { return };
        let offset = self.buffer.offset(self.buffer.cursor());
        let next = checked
            .questions
            .iter()
            .find(|r| r.start > offset)
            .map(|r| r.start);
        let at = match (next, checked.questions_end) {
            (Some(start), _) => line_start(&text, start),
            (None, Some(end)) => {
                // After the last question: it may lack its trailing comma.
                let before = text[..end].trim_end();
                if !before.ends_with([',', '[']) && !before.is_empty() {
                    snippet.insert(0, ',');
                    snippet.insert(1, '\n');
                    before.len()
                } else {
                    line_start(&text, end)
                }
            }
            (None, None) => {
                self.message = Some((
                    false,
                    "No `questions: [ … ]` list found to add to: fix the file's syntax first."
                        .into(),
                ));
                return;
            }
        };
        let pos = self.buffer.pos_of(at);
        self.buffer.set_cursor(pos, false);
        self.buffer.insert(&snippet);
        // The cursor goes to the new prompt's text.
        if let Some(rel) = snippet.find("prompt: \"") {
            let p = self.buffer.pos_of(at + rel + "prompt: \"".len());
            self.buffer.set_cursor(p, false);
        }
        self.reveal_cursor = true;
    }
}

/// The start of the line holding byte `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

pub fn ui(ui: &mut egui::Ui, state: &mut EditorState, commands: &mut Vec<Command>) {
    let now = ui.input(|i| i.time);
    // A finished check; then, a moment after the last change, the next one.
    if let Some(done) = state.checker.poll() {
        state.set_checked(done);
    }
    if let Some(line) = state.buffer.take_changed_from() {
        state.highlighter.invalidate_from(line);
        state.changed_at = now;
    }
    if state.submitted != Some(state.buffer.version()) {
        let wait = DEBOUNCE - (now - state.changed_at);
        if wait <= 0.0 {
            state.submit();
        } else {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(wait));
        }
    }
    let editor_id = text_id();
    shortcuts(ui, state, editor_id, commands);

    toolbar(ui, state, commands);
    if state.disk_conflict.is_some() {
        disk_conflict_ui(ui, state);
    }
    if state.confirm_close {
        confirm_close_ui(ui, state, commands);
    }
    // As tall as its problems need (a header line and two lines each), up to a third of the
    // window; it can be dragged smaller. The text gets the rest.
    let problems = state
        .checked
        .as_ref()
        .map_or(0, |c| c.report.diagnostics.len());
    // (The rows as `problems_ui` lays them out; the header is a row of widgets.)
    let line = ui.text_style_height(&egui::TextStyle::Monospace) + ui.spacing().item_spacing.y;
    let header = ui.spacing().interact_size.y + 2.0 * ui.spacing().item_spacing.y;
    let margins = 2.0 * ui.spacing().window_margin.bottomf() + 4.0;
    let needed = header + margins + 2.0 * line * problems as f32;
    let most = (ui.ctx().content_rect().height() / 3.0).max(header + margins);
    let fit = needed.min(most);
    egui::Panel::bottom("editor_problems")
        .resizable(problems > 0)
        .min_size(header + margins)
        .max_size(fit)
        .default_size(fit)
        .show(ui, |ui| problems_ui(ui, state, editor_id));
    egui::CentralPanel::default().show(ui, |ui| text_area(ui, state, editor_id));
    state.had_focus = ui.ctx().egui_wants_keyboard_input();
}

fn shortcuts(
    ui: &mut egui::Ui,
    state: &mut EditorState,
    editor_id: egui::Id,
    commands: &mut Vec<Command>,
) {
    let (save, try_it, escape) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::S),
            i.consume_key(Modifiers::COMMAND, Key::Enter),
            i.key_pressed(Key::Escape),
        )
    });
    if save {
        commands.push(Command::SaveDocument { close: false });
    }
    if try_it {
        try_question(state, commands);
    }
    // Esc in the text only leaves it; Esc again closes the editor.
    let _ = editor_id;
    if escape && !state.had_focus {
        request_close(state, commands);
    }
}

fn request_close(state: &mut EditorState, commands: &mut Vec<Command>) {
    if state.is_dirty() {
        state.confirm_close = true;
    } else {
        commands.push(Command::Library);
    }
}

/// What the handler says after [`Command::SaveDocument`]: saved, or why not.
pub fn saved(state: &mut EditorState, result: &Result<Saved, crate::app::AppError>) {
    state.message = Some(match result {
        Ok(saved) => (true, format!("Saved {}", saved.path.display())),
        Err(e) => (false, format!("Could not save {}: {e}", state.path_text)),
    });
}

fn try_question(state: &mut EditorState, commands: &mut Vec<Command>) {
    state.check_now();
    let Some(checked) = &state.checked else {
        return;
    };
    match (&checked.report.bank, state.question_at_cursor()) {
        (Some(bank), Some(id)) => commands.push(Command::TryQuestion {
            bank: super::SharedBank(Arc::new(bank.clone())),
            id,
        }),
        _ => {
            let errors = checked.report.error_count();
            state.message = Some((
                false,
                format!(
                    "Fix the {} first: a bank with errors cannot be played.",
                    if errors == 1 {
                        "error".to_owned()
                    } else {
                        format!("{errors} errors")
                    }
                ),
            ));
        }
    }
}

fn toolbar(ui: &mut egui::Ui, state: &mut EditorState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let name = state
            .document
            .path
            .file_name()
            .map_or_else(|| "new bank".into(), |n| n.to_string_lossy().into_owned());
        ui.heading(format!(
            "{name}{}",
            if state.is_dirty() { " •" } else { "" }
        ))
        .on_hover_text(if state.is_dirty() {
            "Unsaved changes"
        } else {
            "Saved"
        });
        if ui.button("Save (Ctrl+S)").clicked() {
            commands.push(Command::SaveDocument { close: false });
        }
        if ui
            .button("Try this question (Ctrl+Enter)")
            .on_hover_text("Play the question the cursor is in, as a learner sees it")
            .clicked()
        {
            try_question(state, commands);
        }
        ui.menu_button("Add question", |ui| {
            for kind in KindName::ALL {
                if ui.button(kind.label()).clicked() {
                    state.add_question(kind);
                    ui.close();
                }
            }
        });
        if ui.button("Close").clicked() {
            request_close(state, commands);
        }
        ui.separator();
        status_ui(ui, state);
    });
    if state.document.new_file || state.path_text != state.document.path.display().to_string() {
        ui.horizontal(|ui| {
            let label = ui.label("Save as:");
            ui.add(egui::TextEdit::singleline(&mut state.path_text).desired_width(420.0))
                .labelled_by(label.id);
        });
    }
    if let Some((ok, message)) = &state.message {
        let color = if *ok {
            super::question::CORRECT_COLOR
        } else {
            ui.visuals().error_fg_color
        };
        ui.colored_label(color, message);
    }
}

fn status_ui(ui: &mut egui::Ui, state: &EditorState) {
    let Some(checked) = &state.checked else {
        ui.label(egui::RichText::new("Checking…").weak());
        return;
    };
    let errors = checked.report.error_count();
    let warnings = checked.report.warning_count();
    let text = match (errors, warnings) {
        (0, 0) => "No problems".to_owned(),
        (e, w) => format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    };
    let color = if errors > 0 {
        ui.visuals().error_fg_color
    } else if warnings > 0 {
        ui.visuals().warn_fg_color
    } else {
        super::question::CORRECT_COLOR
    };
    ui.colored_label(color, text);
    if !state.is_checked() {
        ui.label(egui::RichText::new("(checking…)").weak());
    }
}

fn disk_conflict_ui(ui: &mut egui::Ui, state: &mut EditorState) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    "This file was changed on disk by something else since you opened it, \
                     and your text here has unsaved changes.",
                );
                if ui
                    .button("Load the version on disk")
                    .on_hover_text("Your changes are dropped; Ctrl+Z brings them back")
                    .clicked()
                {
                    state.load_disk_version();
                }
                if ui
                    .button("Keep mine")
                    .on_hover_text("Saving will replace the version on disk with yours")
                    .clicked()
                {
                    state.keep_mine();
                }
            });
        });
}

fn confirm_close_ui(ui: &mut egui::Ui, state: &mut EditorState, commands: &mut Vec<Command>) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("This bank has unsaved changes.");
                if ui.button("Save and close").clicked() {
                    commands.push(Command::SaveDocument { close: true });
                }
                if ui.button("Close without saving").clicked() {
                    commands.push(Command::Library);
                }
                if ui.button("Keep editing").clicked() {
                    state.confirm_close = false;
                }
            });
        });
}

fn problems_ui(ui: &mut egui::Ui, state: &mut EditorState, editor_id: egui::Id) {
    let Some(checked) = &state.checked else {
        return;
    };
    let diagnostics = &checked.report.diagnostics;
    ui.horizontal(|ui| {
        ui.strong("Problems");
        if diagnostics.is_empty() {
            ui.label(egui::RichText::new("none: the bank is ready to play").weak());
        }
    });
    // Two lines per problem (where and what, then the hint); only those in view are laid out,
    // so a file with thousands of warnings costs no more per frame than one with a few.
    let line_height = ui.text_style_height(&egui::TextStyle::Monospace);
    let row_height = 2.0 * (line_height + ui.spacing().item_spacing.y);
    let mut jump = None;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        row_height,
        diagnostics.len(),
        |ui, rows| {
            for d in &diagnostics[rows] {
                let color = if d.is_error() {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().warn_fg_color
                };
                let severity = if d.is_error() { "error" } else { "warning" };
                let text = egui::RichText::new(format!(
                    "{}:{}  {severity}: {}",
                    d.line, d.column, d.message
                ))
                .color(color)
                .monospace();
                if ui
                    .add(egui::Button::new(text).frame(false).truncate())
                    .on_hover_text("Go there")
                    .clicked()
                {
                    jump = Some((d.line, d.column));
                }
                let hint = d.hint.as_deref().map(|h| format!("    hint: {h}"));
                ui.add(
                    egui::Label::new(egui::RichText::new(hint.unwrap_or_default()).weak())
                        .truncate(),
                );
            }
        },
    );
    if let Some((line, column)) = jump {
        state.jump(line, column);
        ui.memory_mut(|m| m.request_focus(editor_id));
    }
}

/// Colours of the highlighted text.
fn token_color(token: Token, visuals: &egui::Visuals) -> Color32 {
    let dark = visuals.dark_mode;
    match token {
        Token::Plain | Token::Punct => visuals.text_color(),
        Token::Comment => visuals.weak_text_color(),
        Token::Str => {
            if dark {
                Color32::from_rgb(206, 145, 120)
            } else {
                Color32::from_rgb(163, 21, 21)
            }
        }
        Token::Number | Token::Keyword => {
            if dark {
                Color32::from_rgb(181, 206, 168)
            } else {
                Color32::from_rgb(9, 134, 88)
            }
        }
        Token::Field => {
            if dark {
                Color32::from_rgb(156, 220, 254)
            } else {
                Color32::from_rgb(0, 16, 128)
            }
        }
        Token::Name => {
            if dark {
                Color32::from_rgb(78, 201, 176)
            } else {
                Color32::from_rgb(38, 127, 153)
            }
        }
    }
}

fn line_job(
    text: &str,
    tokens: &[(std::ops::Range<usize>, Token)],
    font: &FontId,
    visuals: &egui::Visuals,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    for (range, token) in tokens {
        job.append(
            &text[range.clone()],
            0.0,
            TextFormat::simple(font.clone(), token_color(*token, visuals)),
        );
    }
    job
}

/// A problem underlined on a line: character columns, and whether it is an error.
#[derive(Clone, Copy, Debug)]
struct Mark {
    from: usize,
    to: usize,
    error: bool,
}

/// A line drawn this frame: its number, its laid-out text and the top of its row.
type Row = (usize, Arc<egui::Galley>, f32);

/// The text with line numbers: only the lines on screen are laid out and drawn.
fn text_area(ui: &mut egui::Ui, state: &mut EditorState, id: egui::Id) {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let row_height = ui.fonts_mut(|f| f.row_height(&font)).ceil() + 2.0;
    let char_width = ui.fonts_mut(|f| f.glyph_width(&font, '0'));
    let lines = state.buffer.line_count();
    let gutter = char_width * (lines.to_string().len() as f32 + 2.0);
    let focused = ui.memory(|m| m.has_focus(id));
    if focused {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: false,
                },
            );
        });
        handle_keys(ui, state);
    }
    // Bring the cursor's line into view if it is off screen.
    let cursor = state.buffer.cursor();
    let (top, shown) = state.view;
    let mut scroll = egui::ScrollArea::both()
        .id_salt("editor_text")
        .auto_shrink(false);
    if state.reveal_cursor && (cursor.line < top || cursor.line + 1 >= top + shown.max(2)) {
        let first = cursor.line.saturating_sub(shown / 3);
        scroll = scroll.vertical_scroll_offset(first as f32 * row_height);
    }
    let visuals = ui.visuals().clone();
    // Underlines only for the text as checked (an older check would point at the wrong places).
    let checked_now = state.is_checked();
    let selection = state.buffer.selection();
    let mut hit: Option<(egui::Rect, Vec<Row>)> = None;
    // Rows touch: show_rows counts the spacing between rows, so there must be none.
    ui.spacing_mut().item_spacing.y = 0.0;
    let output = scroll.show_rows(ui, row_height, lines, |ui, range| {
        ui.spacing_mut().item_spacing.y = 0.0;
        let mut rows = Vec::new();
        let mut state_at = {
            let buffer = &state.buffer;
            state
                .highlighter
                .start_of(range.start, |i| buffer.line(i).to_owned())
        };
        let width = ui.available_width();
        for i in range.clone() {
            let text = state.buffer.line(i);
            let (tokens, end) = highlight::line(text, state_at);
            state_at = end;
            let galley = ui
                .painter()
                .layout_job(line_job(text, &tokens, &font, &visuals));
            let row_width = (gutter + galley.size().x + char_width * 4.0).max(width);
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(row_width, row_height), egui::Sense::hover());
            let painter = ui.painter();
            let text_left = rect.left() + gutter;
            let marks: Vec<Mark> = if checked_now {
                state.marks.get(&i).cloned().unwrap_or_default()
            } else {
                Vec::new()
            };
            let has_error = marks.iter().any(|m| m.error);
            painter.text(
                egui::pos2(text_left - char_width, rect.top() + 1.0),
                egui::Align2::RIGHT_TOP,
                (i + 1).to_string(),
                font.clone(),
                if has_error {
                    visuals.error_fg_color
                } else if i == cursor.line {
                    visuals.text_color()
                } else {
                    visuals.weak_text_color()
                },
            );
            let x_of = |col: usize| {
                text_left + galley.pos_from_cursor(egui::text::CCursor::new(col)).min.x
            };
            if let Some((s, e)) = selection
                && s.line <= i
                && i <= e.line
            {
                let from = if s.line == i { x_of(s.col) } else { text_left };
                let to = if e.line == i {
                    x_of(e.col)
                } else {
                    x_of(usize::MAX) + char_width * 0.5
                };
                painter.rect_filled(
                    egui::Rect::from_min_max(
                        egui::pos2(from, rect.top()),
                        egui::pos2(to, rect.bottom()),
                    ),
                    0.0,
                    visuals.selection.bg_fill,
                );
            }
            painter.galley(
                egui::pos2(text_left, rect.top() + 1.0),
                galley.clone(),
                visuals.text_color(),
            );
            for &Mark { from, to, error } in &marks {
                let color = if error {
                    visuals.error_fg_color
                } else {
                    visuals.warn_fg_color
                };
                let y = rect.bottom() - 1.5;
                let (x0, x1) = (x_of(from), x_of(to).max(x_of(from) + char_width));
                painter.line_segment(
                    [egui::pos2(x0, y), egui::pos2(x1, y)],
                    egui::Stroke::new(1.5, color),
                );
            }
            if i == cursor.line {
                let x = x_of(cursor.col);
                let caret = egui::Rect::from_min_max(
                    egui::pos2(x, rect.top()),
                    egui::pos2(x + 2.0, rect.bottom()),
                );
                if focused {
                    painter.rect_filled(caret, 0.0, visuals.text_cursor.stroke.color);
                }
                if state.reveal_cursor {
                    ui.scroll_to_rect(caret.expand2(egui::vec2(char_width * 4.0, 0.0)), None);
                    state.reveal_cursor = false;
                }
            }
            rows.push((i, galley, rect.top()));
        }
        let origin = ui.min_rect();
        hit = Some((
            egui::Rect::from_min_size(
                egui::pos2(origin.left() + gutter, origin.top()),
                origin.size(),
            ),
            rows,
        ));
    });
    let visible = output.inner_rect;
    state.view = (
        (output.state.clamped_offset().y / row_height) as usize,
        (visible.height() / row_height) as usize,
    );
    // One widget for the whole text: clicks and drags place the cursor.
    let response = ui.interact(visible, id, egui::Sense::click_and_drag());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Bank source")
    });
    if response.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
    }
    if response.clicked() || response.drag_started() {
        response.request_focus();
    }
    if response.gained_focus() {
        // The arrow keys are the text's only from the next frame on (egui's focus lock).
        ui.ctx().request_repaint();
    }
    // Pressing places the cursor (Shift extends the selection); dragging selects.
    if response.is_pointer_button_down_on()
        && let Some(pointer) = ui.input(|i| i.pointer.interact_pos())
        && let Some((text_origin, rows)) = &hit
    {
        let row = rows
            .iter()
            .find(|(_, _, top)| pointer.y >= *top && pointer.y < top + row_height)
            .or_else(|| {
                if pointer.y < text_origin.top() {
                    rows.first()
                } else {
                    rows.last()
                }
            });
        if let Some((line, galley, _)) = row {
            let x = pointer.x - text_origin.left();
            let col = galley
                .cursor_from_pos(egui::vec2(x, row_height / 2.0))
                .index
                .0;
            let (pressed, shift) = ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift));
            state
                .buffer
                .set_cursor(Pos::new(*line, col), shift || !pressed);
        }
    }
}

/// Typing, editing keys, clipboard and undo, while the text has the keyboard.
fn handle_keys(ui: &mut egui::Ui, state: &mut EditorState) {
    let filter = egui::EventFilter {
        tab: true,
        horizontal_arrows: true,
        vertical_arrows: true,
        escape: false,
    };
    let events = ui.input(|i| i.filtered_events(&filter));
    let page = state.view.1.max(2) as isize - 1;
    let buffer = &mut state.buffer;
    let mut moved = false;
    for event in events {
        match event {
            egui::Event::Text(text) | egui::Event::Ime(egui::ImeEvent::Commit(text))
                if !text.is_empty() && text.chars().all(|c| !c.is_control()) =>
            {
                buffer.insert(&text);
                moved = true;
            }
            egui::Event::Paste(text) => {
                buffer.insert(&text);
                moved = true;
            }
            egui::Event::Copy => {
                if let Some(text) = buffer.selected_text() {
                    ui.ctx().copy_text(text);
                }
            }
            egui::Event::Cut => {
                if let Some(text) = buffer.cut() {
                    ui.ctx().copy_text(text);
                    moved = true;
                }
            }
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => {
                let shift = modifiers.shift;
                let command = modifiers.command;
                moved = true;
                match key {
                    Key::Enter if !command => buffer.newline(),
                    Key::Tab if !shift => buffer.insert("    "),
                    Key::Backspace => buffer.backspace(),
                    Key::Delete => buffer.delete(),
                    Key::ArrowLeft => buffer.left(shift),
                    Key::ArrowRight => buffer.right(shift),
                    Key::ArrowUp => buffer.vertical(-1, shift),
                    Key::ArrowDown => buffer.vertical(1, shift),
                    Key::PageUp => buffer.vertical(-page, shift),
                    Key::PageDown => buffer.vertical(page, shift),
                    Key::Home if command => buffer.set_cursor(Pos::default(), shift),
                    Key::End if command => {
                        buffer.set_cursor(Pos::new(usize::MAX, usize::MAX), shift)
                    }
                    Key::Home => buffer.home(shift),
                    Key::End => buffer.end(shift),
                    Key::A if command => buffer.select_all(),
                    Key::Z if command && shift => {
                        buffer.redo();
                    }
                    Key::Z if command => {
                        buffer.undo();
                    }
                    Key::Y if command => {
                        buffer.redo();
                    }
                    _ => moved = false,
                }
            }
            _ => {}
        }
    }
    if moved {
        state.reveal_cursor = true;
    }
}
