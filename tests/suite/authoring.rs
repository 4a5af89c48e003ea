//! Authoring: live reload of bank files changed on disk (a real file, a real watcher).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::library::{Library, Origin};
use quizdesk::session::SessionConfig;
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{QuizApp, Screen};

use crate::common::temp_dir;

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
        h.state().app.library.entries[0].bank.is_none(),
        "the library shows the broken file"
    );
    h.get_by_label("First?");
    h.get_by_label("Keep going").click();
    h.run();
    assert!(h.query_by_label_contains("This session goes on").is_none());

    // Fixed, with a new prompt: the problems go, and the session can restart on the new version.
    save(&file, &bank_text("First, edited?"));
    wait_for(&mut h, "the fixed reload", |app| {
        app.reload_problems.is_none() && app.app.library.entries[0].bank.is_some()
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

// ---- The editor ----

fn editor_of<'a>(h: &'a Harness<'_, QuizApp>) -> &'a quizdesk::ui::editor::EditorState {
    match &h.state().screen {
        Screen::Editor(e) => e,
        _ => panic!("not in the editor"),
    }
}

/// Steps until the editor has checked the text as it is now.
fn wait_checked(h: &mut Harness<'_, QuizApp>) {
    wait_for(
        h,
        "the check",
        |app| matches!(&app.screen, Screen::Editor(e) if e.is_checked()),
    );
}

/// A few frames (the editor's checks wake the UI, so `run` may not settle at once).
fn frames(h: &mut Harness<'_, QuizApp>) {
    for _ in 0..4 {
        h.step();
    }
}

fn key(h: &mut Harness<'_, QuizApp>, key: egui::Key) {
    h.key_press(key);
    h.step();
}

fn editor_app(dir: &Path) -> (Harness<'static, QuizApp>, PathBuf) {
    let file = dir.join("live.ron");
    std::fs::write(&file, bank_text("First?")).unwrap();
    let mut library = Library::default();
    library.add_path(&file, Origin::Opened).unwrap();
    let mut app = QuizApp::new(library, Prefs::default());
    app.app.user_folder = Some(dir.to_path_buf());
    let h = Harness::builder()
        .with_size([1100.0, 800.0])
        .build_ui_state(|ui, app: &mut QuizApp| app.ui(ui), app);
    (h, file)
}

#[test]
fn the_editor_shows_an_error_as_it_is_typed_jumps_to_it_and_clears_it_when_fixed() {
    let dir = temp_dir("editor-errors");
    let (mut h, file) = editor_app(&dir);
    frames(&mut h);
    h.get_by_label("Edit").click();
    frames(&mut h);
    wait_checked(&mut h);
    h.get_by_label("No problems");
    h.get_by_label("none: the bank is ready to play");

    // Line 2, at its end, type a stray word.
    h.get_by_label("Bank source").focus();
    frames(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Home);
    key(&mut h, egui::Key::ArrowDown);
    key(&mut h, egui::Key::End);
    h.get_by_label("Bank source").type_text(" oops");
    h.step();
    assert!(editor_of(&h).is_dirty());
    wait_checked(&mut h);
    h.get_by_label("1 error, 0 warnings");
    let problem = editor_of(&h).checked.as_ref().unwrap().report.diagnostics[0].clone();
    assert_eq!(problem.line, 2, "{problem:?}");
    let row = format!(
        "{}:{}  error: {}",
        problem.line, problem.column, problem.message
    );
    h.get_by_label(&row);

    // A click on the problem puts the cursor there.
    h.get_by_label(&row).click();
    h.step();
    let cursor = editor_of(&h).buffer.cursor();
    assert_eq!(
        (cursor.line + 1, cursor.col + 1),
        (problem.line, problem.column)
    );

    // Undo the stray word: the problem goes.
    h.get_by_label("Bank source").focus();
    frames(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.step();
    assert_eq!(editor_of(&h).buffer.text(), bank_text("First?"));
    wait_checked(&mut h);
    h.get_by_label("No problems");
    assert!(h.query_by_label(&row).is_none());
    // Idle once checked: the editor asks for no more frames (run panics otherwise).
    h.run();
    // Nothing was written: the file is as it was.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), bank_text("First?"));
}

#[test]
fn try_the_question_under_the_cursor_then_save_atomically() {
    let dir = temp_dir("editor-try");
    let (mut h, file) = editor_app(&dir);
    frames(&mut h);
    h.get_by_label("Edit").click();
    frames(&mut h);
    wait_checked(&mut h);
    // Into the second question (line 4), and change its prompt.
    h.get_by_label("Bank source").focus();
    frames(&mut h);
    for _ in 0..3 {
        key(&mut h, egui::Key::ArrowDown);
    }
    let line = editor_of(&h).buffer.line(3).to_owned();
    let col = line.find("Second?").unwrap() + "Second".len();
    for _ in 0..col {
        h.key_press(egui::Key::ArrowRight);
    }
    h.step();
    h.get_by_label("Bank source").type_text(", really");
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    frames(&mut h);
    let Screen::Question(q) = &h.state().screen else {
        panic!("not trying the question")
    };
    assert_eq!(q.session.len(), 1);
    assert_eq!(
        q.session.current_question().unwrap().prompt,
        "Second, really?"
    );
    h.get_by_label("Trying a question from the editor: Esc goes back to it.");
    // Answer it (false is right), then back to the editor with the text as it was.
    h.key_press(egui::Key::Num2);
    frames(&mut h);
    h.key_press(egui::Key::Enter);
    frames(&mut h);
    h.get_by_label("Correct");
    h.key_press(egui::Key::Escape);
    frames(&mut h);
    assert!(editor_of(&h).buffer.text().contains("Second, really?"));
    assert!(editor_of(&h).is_dirty());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    frames(&mut h);
    assert!(!editor_of(&h).is_dirty());
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved, editor_of(&h).buffer.text());
    assert!(saved.contains("Second, really?"));
    // The library has the saved version, and no temporary file is left behind.
    let bank = h.state().app.library.entries[0].bank.clone().unwrap();
    assert_eq!(bank.questions()[1].prompt, "Second, really?");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["live.ron"]);
}

#[test]
fn a_new_bank_from_the_template_gets_skeletons_of_every_kind_and_plays_once_saved() {
    let dir = temp_dir("editor-new");
    let (mut h, _) = editor_app(&dir);
    frames(&mut h);
    h.get_by_label("New bank…").click();
    frames(&mut h);
    wait_checked(&mut h);
    assert_eq!(editor_of(&h).document.path, dir.join("my-bank.ron"));
    h.get_by_label("No problems");
    let before = editor_of(&h)
        .checked
        .as_ref()
        .unwrap()
        .report
        .bank
        .as_ref()
        .unwrap()
        .questions()
        .len();
    for kind in quizdesk::bank::KindName::ALL {
        h.get_by_label("Add question").click();
        frames(&mut h);
        h.get_by_label(kind.label()).click();
        frames(&mut h);
    }
    wait_checked(&mut h);
    let checked = editor_of(&h).checked.as_ref().unwrap();
    // No errors; the only advice is to cite the source in each new question.
    assert_eq!(
        checked.report.error_count(),
        0,
        "{}",
        checked.report.render()
    );
    assert_eq!(
        checked.report.warning_count(),
        quizdesk::bank::KindName::ALL.len(),
        "{}",
        checked.report.render()
    );
    assert!(
        checked
            .report
            .diagnostics
            .iter()
            .all(|d| d.message.starts_with("question `new-")
                && d.message.ends_with("[missing-citation]")),
        "{}",
        checked.report.render()
    );
    assert_eq!(
        checked.report.bank.as_ref().unwrap().questions().len(),
        before + quizdesk::bank::KindName::ALL.len()
    );

    // Closing asks first; then save and close.
    h.get_by_label("Close").click();
    frames(&mut h);
    h.get_by_label("This bank has unsaved changes.");
    h.get_by_label("Save and close").click();
    frames(&mut h);
    assert!(matches!(h.state().screen, Screen::Library));
    assert!(dir.join("my-bank.ron").exists());
    assert!(
        dir.join("article.txt").exists(),
        "the article it cites is saved next to it"
    );
    let entry = h
        .state()
        .app
        .library
        .entries
        .iter()
        .find(|e| e.path == dir.join("my-bank.ron"))
        .unwrap();
    assert!(entry.diagnostics.iter().all(|d| !d.is_error()));
    assert_eq!(
        entry.bank.as_ref().unwrap().questions().len(),
        before + quizdesk::bank::KindName::ALL.len()
    );
}

#[test]
fn esc_leaves_the_text_first_then_closes_the_editor() {
    let dir = temp_dir("editor-esc");
    let (mut h, _) = editor_app(&dir);
    h.run();
    h.get_by_label("Edit").click();
    frames(&mut h);
    h.get_by_label("Bank source").focus();
    frames(&mut h);
    key(&mut h, egui::Key::Escape);
    frames(&mut h);
    assert!(
        matches!(h.state().screen, Screen::Editor(_)),
        "the first Esc only leaves the text"
    );
    key(&mut h, egui::Key::Escape);
    frames(&mut h);
    assert!(
        matches!(h.state().screen, Screen::Library),
        "the second closes the unchanged bank"
    );
}

#[test]
fn a_bank_file_that_appears_in_the_quiz_folder_joins_the_library() {
    let dir = temp_dir("new-file");
    let mut app = QuizApp::new(Library::default(), Prefs::default());
    app.app.user_folder = Some(dir.clone());
    let mut h = Harness::builder()
        .with_size([1000.0, 800.0])
        .build_ui_state(|ui, app: &mut QuizApp| app.ui(ui), app);
    let ctx = h.ctx.clone();
    h.state_mut().watch_files(&ctx);
    h.run();
    assert!(h.state().app.library.entries.is_empty());
    save(
        &dir.join("fresh.ron"),
        &bank_text("Fresh?").replace("title: \"Live\"", "title: \"Fresh bank\""),
    );
    std::fs::write(dir.join("notes.txt"), "not a bank").unwrap();
    wait_for(&mut h, "the new bank", |app| {
        !app.app.library.entries.is_empty()
    });
    let entry = &h.state().app.library.entries[0];
    assert_eq!(entry.path, dir.join("fresh.ron"));
    assert_eq!(entry.origin, Origin::UserFolder);
    h.get_by_label("1. Fresh bank");
    // And it is watched from then on.
    save(
        &dir.join("fresh.ron"),
        &bank_text("Fresher?").replace("title: \"Live\"", "title: \"Fresh bank\""),
    );
    wait_for(&mut h, "the reload", |app| {
        app.app.library.entries[0]
            .bank
            .as_ref()
            .is_some_and(|b| b.questions()[0].prompt == "Fresher?")
    });
    assert_eq!(
        h.state().app.library.entries.len(),
        1,
        "reloaded in place, not added again"
    );
}

#[test]
fn dragging_selects_text_across_lines_and_typing_replaces_it() {
    let dir = temp_dir("editor-drag");
    let (mut h, _) = editor_app(&dir);
    h.run();
    h.get_by_label("Edit").click();
    frames(&mut h);
    let area = h.get_by_label("Bank source").rect();
    let from = area.left_top() + egui::vec2(120.0, 6.0);
    let to = area.left_top() + egui::vec2(220.0, 80.0);
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    frames(&mut h);
    h.hover_at(to);
    frames(&mut h);
    h.drop_at(to);
    frames(&mut h);
    let editor = editor_of(&h);
    let (start, end) = editor.buffer.selection().expect("a selection");
    assert_eq!(start.line, 0, "from the first line");
    assert!(end.line >= 2, "down to a later line: {end:?}");
    let selected = editor.buffer.selected_text().unwrap();
    assert!(
        selected.contains('\n') && selected.contains("q1"),
        "{selected:?}"
    );
    // The text has the keyboard after the drag: typing replaces the selection.
    h.get_by_label("Bank source").type_text("X");
    frames(&mut h);
    let text = editor_of(&h).buffer.text();
    assert!(text.contains('X') && !text.contains(&selected), "{text}");
    assert_eq!(text.len(), bank_text("First?").len() - selected.len() + 1);
}

// ---- The editor and changes made elsewhere (issue 12, item 8) ----

/// Opens the editor on the bank and makes an unsaved change at the start of the text.
fn edit_with_unsaved_change(h: &mut Harness<'_, QuizApp>) {
    frames(h);
    h.get_by_label("Edit").click();
    frames(h);
    h.get_by_label("Bank source").focus();
    frames(h);
    h.get_by_label("Bank source").type_text("// mine");
    frames(h);
    key(h, egui::Key::Enter);
    frames(h);
    assert!(editor_of(h).is_dirty());
}

/// The bank is fixed elsewhere while the editor holds the old text with a change of its own,
/// then the user saves (no watcher: the save itself must notice). Returns the fixed text.
fn fixed_elsewhere_then_saved(h: &mut Harness<'_, QuizApp>, file: &Path) -> String {
    edit_with_unsaved_change(h);
    let fixed = bank_text("Fixed elsewhere?");
    save(file, &fixed);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    frames(h);
    fixed
}

#[test]
fn saving_never_overwrites_a_fix_made_on_disk_while_the_editor_was_open() {
    let dir = temp_dir("editor-conflict");
    let (mut h, file) = editor_app(&dir);
    let fixed = fixed_elsewhere_then_saved(&mut h, &file);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        fixed,
        "the fix on disk is kept"
    );
    assert!(editor_of(&h).is_dirty(), "nothing was saved");
    h.get_by_label_contains("changed on disk since you opened it");
    // The user keeps their version on purpose: then it saves.
    h.get_by_label("Keep mine").click();
    frames(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    frames(&mut h);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.starts_with("// mine\n"), "{saved}");
    assert!(!editor_of(&h).is_dirty());
    assert!(h.query_by_label("Keep mine").is_none());
}

#[test]
fn the_version_on_disk_can_replace_unsaved_changes_and_undo_brings_them_back() {
    let dir = temp_dir("editor-load-disk");
    let (mut h, file) = editor_app(&dir);
    let fixed = fixed_elsewhere_then_saved(&mut h, &file);
    h.get_by_label("Load the version on disk").click();
    frames(&mut h);
    assert_eq!(editor_of(&h).buffer.text(), fixed);
    assert!(!editor_of(&h).is_dirty(), "the text is what the file holds");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed);
    // Saving now writes nothing new and is not refused.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    frames(&mut h);
    h.get_by_label_contains("Saved ");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed);
    // The dropped changes are one undo away.
    h.get_by_label("Bank source").focus();
    frames(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    frames(&mut h);
    assert!(editor_of(&h).buffer.text().starts_with("// mine\n"));
    assert!(editor_of(&h).is_dirty());
}

#[test]
fn an_unchanged_text_in_the_editor_follows_its_file_when_it_changes_on_disk() {
    let dir = temp_dir("editor-follow");
    let (mut h, file) = editor_app(&dir);
    let ctx = h.ctx.clone();
    h.state_mut().watch_files(&ctx);
    frames(&mut h);
    h.get_by_label("Edit").click();
    frames(&mut h);
    let fixed = bank_text("Changed elsewhere?");
    save(&file, &fixed);
    wait_for(
        &mut h,
        "the reload in the editor",
        |app| matches!(&app.screen, Screen::Editor(e) if e.buffer.text() == fixed),
    );
    assert!(!editor_of(&h).is_dirty());
    h.get_by_label_contains("Reloaded: the file changed on disk");
    // With unsaved changes, the text stays and the choice is offered.
    h.get_by_label("Bank source").focus();
    frames(&mut h);
    h.get_by_label("Bank source").type_text("// mine");
    frames(&mut h);
    key(&mut h, egui::Key::Enter);
    frames(&mut h);
    assert!(editor_of(&h).is_dirty());
    save(&file, &bank_text("Changed again?"));
    wait_for(
        &mut h,
        "the conflict",
        |app| matches!(&app.screen, Screen::Editor(e) if e.disk_conflict.is_some()),
    );
    assert!(editor_of(&h).buffer.text().starts_with("// mine\n"));
    h.get_by_label("Load the version on disk");
    h.get_by_label("Keep mine");
}

/// Issue 12, item 9: at 800×600 the text area showed 11 lines while the problems area below it
/// kept a third of the window, mostly empty. The problems area is as tall as its problems (up
/// to a third of the window), and the text gets the rest.
#[test]
fn the_problems_area_takes_only_the_room_its_problems_need() {
    let dir = temp_dir("editor-room");
    let file = dir.join("live.ron");
    std::fs::write(&file, bank_text("First?")).unwrap();
    let mut library = Library::default();
    library.add_path(&file, Origin::Opened).unwrap();
    let mut app = QuizApp::new(library, Prefs::default());
    app.app.user_folder = Some(dir.to_path_buf());
    let mut h = Harness::builder()
        .with_size([800.0, 600.0])
        .build_ui_state(|ui, app: &mut QuizApp| app.ui(ui), app);
    frames(&mut h);
    h.get_by_label("Edit").click();
    frames(&mut h);
    wait_checked(&mut h);
    h.get_by_label("none: the bank is ready to play");
    frames(&mut h);
    // In points: the text size preference zooms.
    let height = h.ctx.content_rect().height();
    let problems = h.get_by_label("Problems").rect();
    assert!(
        problems.top() > height - 60.0,
        "with no problems the area is one line: it starts at {} of {height}",
        problems.top()
    );

    // Problems: the area grows for them, to a third of the window at most.
    h.get_by_label("Bank source").focus();
    frames(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Home);
    key(&mut h, egui::Key::ArrowDown);
    key(&mut h, egui::Key::End);
    h.get_by_label("Bank source").type_text(" oops");
    h.step();
    assert!(editor_of(&h).is_dirty());
    wait_checked(&mut h);
    frames(&mut h);
    let count = editor_of(&h)
        .checked
        .as_ref()
        .unwrap()
        .report
        .diagnostics
        .len();
    assert!(count >= 1, "the stray text has problems");
    let grown = h.get_by_label("Problems").rect();
    assert!(
        grown.top() < problems.top() && grown.top() > height * 2.0 / 3.0 - 10.0,
        "{count} problems take at most a third: the area starts at {} of {height}",
        grown.top()
    );
    std::fs::remove_dir_all(&dir).ok();
}
