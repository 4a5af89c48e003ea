//! The application layer without a window: recording, exports, the editor's document, the
//! history load, and that `src/app/` stays free of UI crates.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use quizdesk::app::documents::Saved;
use quizdesk::app::{App, AppError, Document, Learners, exports};
use quizdesk::library::{Library, Origin};
use quizdesk::progress::Store;
use quizdesk::session::{Mode, Response, SessionConfig, Verdict};

use crate::common::{ALL_KINDS, report, temp_dir};

/// The app over the all-kinds bank, with learner Ada keeping progress in `dir`.
fn app_with_ada(dir: &Path) -> (App, Store) {
    let mut library = Library::default();
    library.add_report(Origin::Opened, report(ALL_KINDS));
    let mut app = App::new(library);
    let store = Store::new(dir);
    app.learners = Learners::open(store.clone());
    app.learners.add("Ada").unwrap();
    (app, store)
}

fn unshuffled() -> SessionConfig {
    SessionConfig {
        shuffle_questions: false,
        shuffle_choices: false,
        ..SessionConfig::default()
    }
}

#[test]
fn recording_an_answer_writes_its_journal_line_at_once_and_the_end_fills_in_the_rest() {
    let dir = temp_dir("app-record");
    let (mut app, store) = app_with_ada(&dir);
    let started = app.start_session(0, unshuffled()).unwrap();
    assert!(started.recorded && started.problem.is_none());
    let mut session = started.session;
    session.answer(Response::Choice(1)).unwrap();
    app.learners.record_answer(&session, 0).unwrap();
    let now = std::time::SystemTime::now();
    let (history, _) = store.history("ada", now).unwrap();
    assert_eq!(history.answer_count(), 1, "on disk before the session ends");
    assert!(!history.sessions[0].finished());

    // Every question shown; the eight left unanswered are skipped at the end (questions never
    // reached would not be asked: issue 12, item 7).
    for _ in 1..session.len() {
        session.next_question();
    }
    let finished = app.finish_session(&mut session, || {});
    assert!(finished.problem.is_none());
    assert_eq!(finished.summary.correct, 1);
    assert_eq!(app.mistakes["kinds"].len(), 8, "kept for 'review mistakes'");
    let (history, _) = store.history("ada", now).unwrap();
    let s = &history.sessions[0];
    assert!(s.finished());
    assert_eq!(s.answers.len(), 9, "the unanswered ones as skipped");
    assert_eq!(
        s.answers
            .iter()
            .filter(|a| a.verdict == Verdict::Correct)
            .count(),
        1
    );
    // The history was read again for the due lists.
    app.learners.wait_for_history();
    assert_eq!(app.learners.history.as_ref().unwrap().sessions.len(), 1);
    let stats = app.statistics(0).unwrap();
    assert_eq!((stats.learner.as_str(), stats.stats.sessions), ("Ada", 1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_session_left_unfinished_is_kept_as_abandoned_and_a_rating_replaces_its_answer() {
    let dir = temp_dir("app-abandon");
    let (mut app, store) = app_with_ada(&dir);
    let config = SessionConfig {
        mode: Mode::Review {
            ids: vec!["tf".into()],
        },
        ..unshuffled()
    };
    let mut session = app.start_session(0, config).unwrap().session;
    session.answer(Response::Bool(true)).unwrap();
    app.learners.record_answer(&session, 0).unwrap();
    let rating = quizdesk::progress::review::SelfRating::Good;
    assert!(app.learners.record_rating(&session, 0, rating).unwrap());
    app.learners.abandon_session();
    assert!(!app.learners.is_recording());
    let (history, _) = store.history("ada", std::time::SystemTime::now()).unwrap();
    let s = &history.sessions[0];
    assert!(s.end.as_ref().is_some_and(|e| !e.finished));
    assert_eq!(s.answers.len(), 1);
    assert_eq!(s.answers[0].self_rating, Some(rating));
    // Nothing is recorded once the session is gone.
    assert!(!app.learners.record_rating(&session, 0, rating).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_a_learner_nothing_is_recorded_and_nothing_fails() {
    let mut library = Library::default();
    library.add_report(Origin::Opened, report(ALL_KINDS));
    let mut app = App::new(library);
    let started = app.start_session(0, unshuffled()).unwrap();
    assert!(!started.recorded && started.problem.is_none());
    let mut session = started.session;
    session.answer(Response::Choice(1)).unwrap();
    app.learners.record_answer(&session, 0).unwrap();
    assert!(app.finish_session(&mut session, || {}).problem.is_none());
    assert!(matches!(
        app.export_history(Path::new("never.csv")),
        Err(AppError::NoHistory)
    ));
    assert!(!Path::new("never.csv").exists());
    assert!(matches!(
        app.start_session(7, unshuffled()),
        Err(AppError::NoSuchEntry(7))
    ));
}

#[test]
fn a_journal_that_cannot_be_written_is_an_error_and_the_session_still_runs() {
    let dir = temp_dir("app-unwritable");
    let (mut app, _) = app_with_ada(&dir);
    // The learner's folder is a file now: nothing can be appended below it.
    let profile_dir = dir.join("profiles").join("ada");
    let _ = std::fs::remove_dir_all(&profile_dir);
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    std::fs::write(&profile_dir, "not a folder").unwrap();
    let started = app.start_session(0, unshuffled()).unwrap();
    assert!(!started.recorded);
    let problem = started.problem.unwrap();
    assert!(matches!(problem, AppError::StartSession(_)));
    assert!(
        problem
            .to_string()
            .starts_with("This session's progress cannot be saved: "),
        "{problem}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_export_that_cannot_be_written_says_which_file() {
    let dir = temp_dir("app-export-fails");
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let path = blocker.join("results.csv");
    let lesson = {
        let bank = crate::common::bank(ALL_KINDS);
        quizdesk::classroom::Lesson::new(bank, unshuffled(), Default::default(), 0.0).unwrap()
    };
    let err = exports::class_results(&path, &lesson).unwrap_err();
    assert!(matches!(&err, AppError::Write { path: p, .. } if p == &path));
    assert!(err.to_string().contains("a-file"), "{err}");
    // The same folder works.
    let ok = dir.join("out").join("class.csv");
    assert_eq!(exports::class_results(&ok, &lesson).unwrap(), ok);
    assert_eq!(std::fs::read_to_string(&ok).unwrap(), lesson.results_csv());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn results_need_a_name_and_handouts_are_written_file_by_file() {
    let dir = temp_dir("app-results");
    let (mut app, _) = app_with_ada(&dir.join("store"));
    let mut session = app.start_session(0, unshuffled()).unwrap().session;
    let _ = app.finish_session(&mut session, || {});
    let path = dir.join("r.csv");
    let now = std::time::SystemTime::now();
    assert!(matches!(
        exports::session_results(&path, "  ", &session, now),
        Err(AppError::NoStudentName)
    ));
    assert!(!path.exists(), "nothing written without a name");
    exports::session_results(&path, "Ada", &session, now).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        quizdesk::results::parse_results("r.csv", &text)
            .unwrap()
            .results
            .student,
        "Ada"
    );
    let bank = app.bank(0).unwrap();
    let written = exports::handouts(
        &dir.join("handouts"),
        &bank,
        1,
        2,
        quizdesk::handout::Format::Markdown,
    )
    .unwrap();
    assert_eq!(written.len(), 4);
    assert!(written.iter().all(|p| p.exists()));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every file name in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_document_saves_atomically_with_its_companion_and_refuses_an_empty_path() {
    let dir = temp_dir("app-document");
    let (mut doc, text) = Document::new_bank(&dir);
    assert_eq!(doc.path, dir.join("my-bank.ron"));
    assert!(doc.is_dirty(0), "never saved");
    assert!(matches!(
        doc.save_as("   ", &text, 1),
        Err(AppError::NoFileName)
    ));
    assert!(names(&dir).is_empty(), "nothing written");
    assert!(doc.is_dirty(1) && doc.companion.is_some());

    // A save that fails leaves the document as it was.
    std::fs::write(dir.join("blocker"), "x").unwrap();
    let bad = dir.join("blocker").join("b.ron");
    assert!(matches!(
        doc.save_as(&bad.display().to_string(), &text, 1),
        Err(AppError::Write { .. })
    ));
    assert!(doc.new_file && doc.companion.is_some() && doc.path == dir.join("my-bank.ron"));
    std::fs::remove_file(dir.join("blocker")).unwrap();

    let target = doc.path.display().to_string();
    let saved = doc.save_as(&target, &text, 1).unwrap();
    assert_eq!(
        saved,
        Saved {
            path: dir.join("my-bank.ron"),
            moved: false
        }
    );
    assert!(!doc.is_dirty(1) && doc.is_dirty(2));
    // The bank, the article it cites, and no temporary file left behind.
    assert_eq!(names(&dir), ["article.txt", "my-bank.ron"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("my-bank.ron")).unwrap(),
        text
    );
    // The companion is written once; a later save leaves the user's article alone.
    std::fs::write(dir.join("article.txt"), "my own notes").unwrap();
    let elsewhere = dir.join("sub").join("other.ron");
    let saved = doc
        .save_as(&format!("  {}  ", elsewhere.display()), "changed", 2)
        .unwrap();
    assert!(saved.moved && doc.path == elsewhere);
    assert_eq!(
        std::fs::read_to_string(dir.join("article.txt")).unwrap(),
        "my own notes"
    );
    assert!(!dir.join("sub").join("article.txt").exists());
    // A new bank in the same folder takes the next free name.
    assert_eq!(Document::new_bank(&dir).0.path, dir.join("my-bank-2.ron"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_first_save_does_not_overwrite_an_article_already_there() {
    let dir = temp_dir("app-companion");
    std::fs::write(dir.join("article.txt"), "already here").unwrap();
    let (mut doc, text) = Document::new_bank(&dir);
    doc.save_as(&doc.path.display().to_string(), &text, 1)
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("article.txt")).unwrap(),
        "already here"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bundled_bank_is_edited_as_a_copy() {
    let library = Library::load(None);
    let entry = library
        .entries
        .iter()
        .find(|e| e.origin == Origin::Bundled)
        .unwrap();
    let id = entry.bank.as_ref().unwrap().id().to_owned();
    let (doc, text) = Document::for_entry(entry, Path::new("somewhere"));
    assert!(doc.new_file && doc.companion.is_some());
    assert_eq!(
        doc.path,
        Path::new("somewhere").join(format!("{id}-copy.ron"))
    );
    assert!(text.contains(&format!("id: \"{id}-copy\"")), "{text}");
}

#[test]
fn the_history_arrives_through_the_channel_and_waiting_joins_the_loader() {
    let dir = temp_dir("app-history");
    let (mut app, _) = app_with_ada(&dir);
    let mut session = app.start_session(0, unshuffled()).unwrap().session;
    let woken = Arc::new(AtomicBool::new(false));
    let flag = woken.clone();
    let _ = app.finish_session(&mut session, move || flag.store(true, Ordering::SeqCst));
    assert!(app.learners.is_loading_history());
    app.learners.wait_for_history();
    assert!(
        woken.load(Ordering::SeqCst),
        "the loader has woken the UI before the wait returns"
    );
    assert!(!app.learners.is_loading_history());
    assert_eq!(app.learners.history.as_ref().unwrap().sessions.len(), 1);
    assert!(!app.learners.poll(), "nothing more to take");

    // Polled once a frame instead, it arrives all the same.
    app.reload_history(|| {});
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.learners.poll() {
        assert!(
            std::time::Instant::now() < deadline,
            "the history never came"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(app.learners.history.is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `src/app/` is the application without its UI: it must build without egui, eframe, rfd or
/// clap (comments may name them).
#[test]
fn the_app_layer_imports_no_ui_or_command_line_crate() {
    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"),
        &mut files,
    );
    assert!(files.len() >= 4, "{files:?}");
    let forbidden = ["egui", "eframe", "rfd", "clap", "egui_plot", "egui_kittest"];
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let words = code.split(|c: char| !(c.is_alphanumeric() || c == '_'));
            for word in words {
                if forbidden.contains(&word) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "UI crates in the app layer:\n{}",
        found.join("\n")
    );
}

// ---- Crash reports (issue 12, item 8) ----

/// The panic hook is global to the test binary: the tests that install it take turns.
static PANIC_HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_panic_leaves_a_report_in_the_data_folder_and_the_next_start_tells_of_it_once() {
    use quizdesk::app::crash::{Crashes, Previous};
    let _turn = PANIC_HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let dir = crate::common::temp_dir("crash-report").join("crashes");
    let (run, previous) = Crashes::start(&dir);
    assert!(previous.is_empty(), "{previous:?}");
    let crashed = std::thread::Builder::new()
        .name("lesson".into())
        .spawn(|| panic!("boom-7c1f: the tally went negative"))
        .unwrap()
        .join();
    assert!(crashed.is_err());
    // The hook is global to this test binary: put the default one back.
    let _ = std::panic::take_hook();
    let reports: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .filter(|t| t.contains("boom-7c1f"))
        .collect();
    assert_eq!(reports.len(), 1, "one report");
    let report = &reports[0];
    assert!(
        report.contains("message: boom-7c1f: the tally went negative"),
        "{report}"
    );
    assert!(report.contains("thread: lesson"), "{report}");
    assert!(report.contains("at: tests/suite/app.rs:"), "{report}");
    assert!(report.contains("backtrace:"), "{report}");
    drop(run);
    assert!(
        !std::fs::read_dir(&dir).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("running-")),
        "a clean exit leaves no marker"
    );

    // The next start tells of it, with where the report is; the one after does not again.
    let (_run, previous) = Crashes::start(&dir);
    let told: Vec<&Previous> = previous
        .iter()
        .filter(
            |p| matches!(p, Previous::Panicked { message, .. } if message.contains("boom-7c1f")),
        )
        .collect();
    assert_eq!(told.len(), 1, "{previous:?}");
    let Previous::Panicked { report, .. } = told[0] else {
        unreachable!()
    };
    assert!(report.exists(), "the report is kept");
    let notice = told[0].notice();
    assert!(notice.contains("stopped because of a bug"), "{notice}");
    assert!(notice.contains(&report.display().to_string()), "{notice}");
    let _ = std::panic::take_hook();
    let (_again, previous) = Crashes::start(&dir);
    let _ = std::panic::take_hook();
    assert!(
        !previous.iter().any(
            |p| matches!(p, Previous::Panicked { message, .. } if message.contains("boom-7c1f"))
        ),
        "told once: {previous:?}"
    );
}

#[test]
fn a_run_killed_without_exiting_is_told_on_the_next_start() {
    use quizdesk::app::crash::{Crashes, Previous};
    let _turn = PANIC_HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let dir = crate::common::temp_dir("crash-killed").join("crashes");
    std::fs::create_dir_all(&dir).unwrap();
    // A process that has ended: its marker stands for a run killed without exiting.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    std::fs::write(dir.join(format!("running-{dead}")), b"").unwrap();
    // And one for a run still going (this process): not a crash.
    std::fs::write(dir.join(format!("running-{}", std::process::id())), b"").unwrap();
    let (_run, previous) = Crashes::start(&dir);
    let _ = std::panic::take_hook();
    assert_eq!(previous.len(), 1, "{previous:?}");
    assert!(matches!(previous[0], Previous::Vanished { .. }));
    assert!(previous[0].notice().contains("did not close properly"));
    assert!(!dir.join(format!("running-{dead}")).exists(), "told once");
}
