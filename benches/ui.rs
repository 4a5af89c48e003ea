//! UI benchmarks (issue 4): the CPU cost of one frame (layout and tessellation) of the question
//! and summary screens, with a 10,000-question bank open.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use quizdesk::bank::{SourceError, SourceResolver, load_str};
use quizdesk::library::{Library, Origin};
use quizdesk::session::SessionConfig;
use quizdesk::ui::theme::Prefs;
use quizdesk::ui::{Command, QuizApp};

#[path = "support/gen_bank.rs"]
mod gen_bank;

struct Article;

impl SourceResolver for Article {
    fn read(&self, _file: &str) -> Result<String, SourceError> {
        Ok(include_str!("../assets/article.txt").to_owned())
    }
}

fn app_with_big_bank() -> (QuizApp, egui::Context) {
    let text = gen_bank::generate(10_000);
    let mut library = Library::default();
    library.add_report(
        Origin::Opened,
        load_str(Path::new("big.ron"), &text, &Article),
    );
    let mut app = QuizApp::new(library, Prefs::default());
    let ctx = egui::Context::default();
    app.run(
        Command::Start {
            entry: 0,
            config: SessionConfig::default(),
        },
        &ctx,
    );
    (app, ctx)
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

/// One frame as eframe runs it: the UI pass, then tessellation into triangles.
fn frame(app: &mut QuizApp, ctx: &egui::Context) -> usize {
    let output = ctx.run_ui(input(), |ui| app.ui(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn question_frame(c: &mut Criterion) {
    let (mut app, ctx) = app_with_big_bank();
    for _ in 0..3 {
        frame(&mut app, &ctx); // fonts, layout caches
    }
    c.bench_function("question_screen_frame_10k_bank", |b| {
        b.iter(|| black_box(frame(&mut app, &ctx)))
    });
}

fn summary_frame(c: &mut Criterion) {
    let (mut app, ctx) = app_with_big_bank();
    app.run(Command::Finish, &ctx);
    for _ in 0..3 {
        frame(&mut app, &ctx);
    }
    c.bench_function("summary_screen_frame_10k_questions", |b| {
        b.iter(|| black_box(frame(&mut app, &ctx)))
    });
}

/// A history of 100,000 answers (2,000 sessions of 50) to the generated bank.
fn history_100k(bank: &quizdesk::bank::Bank) -> quizdesk::progress::History {
    use quizdesk::progress::{AnswerRecord, Event, SessionEnd, SessionStart, question_hash};
    use quizdesk::session::{Response, Verdict};
    let hashes: Vec<String> = bank.questions().iter().map(question_hash).collect();
    let mut events = Vec::with_capacity(104_000);
    for s in 0..2_000u64 {
        let id = format!("s{s}");
        let at = 1_780_000_000_000 + s * 3_600_000;
        events.push(Event::Start(SessionStart {
            session: id.clone(),
            at_ms: at,
            bank: bank.id().to_owned(),
            bank_title: bank.title().to_owned(),
            bank_hash: String::new(),
            config: SessionConfig::default(),
            questions: Vec::new(),
        }));
        for k in 0..50u64 {
            let q = ((s * 50 + k) * 7 % bank.questions().len() as u64) as usize;
            let right = (s + k) % 3 != 0;
            events.push(Event::Answer(AnswerRecord {
                session: id.clone(),
                at_ms: at + k,
                question: bank.questions()[q].id.clone(),
                question_hash: hashes[q].clone(),
                section: bank.questions()[q].section.clone(),
                response: Some(Response::Choice(0)),
                verdict: if right {
                    Verdict::Correct
                } else {
                    Verdict::Wrong
                },
                score: if right { 1.0 } else { 0.0 },
                points: if right { 1.0 } else { 0.0 },
                max_points: 1,
                time_ms: 3_000,
                misconceptions: Vec::new(),
                self_rating: None,
            }));
        }
        events.push(Event::End(SessionEnd {
            session: id,
            at_ms: at + 60_000,
            finished: true,
        }));
    }
    quizdesk::progress::History::from_events(events)
}

fn stats_screen(c: &mut Criterion) {
    let text = gen_bank::generate(10_000);
    let bank = load_str(Path::new("big.ron"), &text, &Article)
        .bank
        .expect("valid");
    let history = history_100k(&bank);
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_790_000_000);
    c.bench_function("statistics_computed_once_100k_answers", |b| {
        b.iter(|| quizdesk::progress::stats::stats(black_box(&history), &bank, now))
    });
    let stats = quizdesk::progress::stats::stats(&history, &bank, now);
    let mut app = QuizApp::new(Library::default(), Prefs::default());
    app.screen = quizdesk::ui::Screen::Stats(quizdesk::ui::stats::StatsState::new(
        0,
        std::sync::Arc::new(bank),
        "Ada".into(),
        &history,
        stats,
    ));
    let ctx = egui::Context::default();
    for _ in 0..3 {
        frame(&mut app, &ctx);
    }
    c.bench_function("statistics_screen_frame_100k_answers", |b| {
        b.iter(|| black_box(frame(&mut app, &ctx)))
    });
}

/// Presenter mode on the bundled factual bank at 1920×1080 with teams, the tally chart and the
/// scoreboard shown: what a projector laptop draws per frame.
fn presenter_frame(c: &mut Criterion) {
    let mut app = QuizApp::new(Library::load(None), Prefs::default());
    let ctx = egui::Context::default();
    app.run(
        Command::Present {
            entry: 0,
            config: SessionConfig::default(),
            lesson: quizdesk::classroom::LessonConfig {
                timer_secs: None,
                teams: ["Red", "Blue", "Green", "Yellow"]
                    .map(String::from)
                    .to_vec(),
            },
        },
        &ctx,
    );
    if let quizdesk::ui::Screen::Presenter(p) = &mut app.screen {
        p.lesson.scoreboard_shown = true;
        p.lesson.toggle_chart();
        for row in 0..p.lesson.rows().len() {
            p.lesson.set_tally(row, 3 + row as u32);
        }
    }
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    };
    let frame = |app: &mut QuizApp| {
        let output = ctx.run_ui(input(), |ui| app.ui(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    for _ in 0..3 {
        frame(&mut app);
    }
    c.bench_function("presenter_frame_1920x1080", |b| {
        b.iter(|| black_box(frame(&mut app)))
    });
}

/// The editor with the generated 10,000-question bank (4 MB, 100,000 lines) open, the cursor in
/// the middle, and its check done: 10,000 near-duplicate warnings listed (the generated prompts
/// are one template). The UI thread's cost of one keystroke (the character typed and the frame
/// drawn), and of a frame with nothing to do. Checking runs on a worker thread a moment after
/// the last keystroke; joining the lines to send it is measured apart.
fn editor_keystroke(c: &mut Criterion) {
    // Next to the article it cites, so the bank loads and is linted.
    let dir = std::env::temp_dir().join(format!("quizdesk-bench-editor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("article.txt"),
        include_str!("../assets/article.txt"),
    )
    .expect("article");
    let text = gen_bank::generate(10_000).replace("../assets/article.txt", "article.txt");
    let ctx = egui::Context::default();
    let mut app = QuizApp::new(Library::default(), Prefs::default());
    let document = quizdesk::app::Document::open(dir.join("big.ron"));
    let mut editor = quizdesk::ui::editor::EditorState::new(document, &text, &ctx);
    editor.check_now();
    let findings = editor
        .checked
        .as_ref()
        .map_or(0, |c| c.report.diagnostics.len());
    assert!(findings >= 10_000, "the check found {findings} problems");
    let middle = editor.buffer.line_count() / 2;
    editor.jump(middle, 12);
    app.screen = quizdesk::ui::Screen::Editor(Box::new(editor));
    let id = quizdesk::ui::editor::text_id();
    let frame = |app: &mut QuizApp, events: Vec<egui::Event>| {
        let mut raw = input();
        raw.events = events;
        let output = ctx.run_ui(raw, |ui| app.ui(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    for _ in 0..3 {
        frame(&mut app, Vec::new());
    }
    // Give the text the keyboard, as a click would.
    ctx.memory_mut(|m| m.request_focus(id));
    frame(&mut app, Vec::new());
    frame(&mut app, Vec::new());
    if let quizdesk::ui::Screen::Editor(e) = &app.screen {
        eprintln!(
            "editor: {} lines, {findings} problems",
            e.buffer.line_count()
        );
    }
    c.bench_function("editor_idle_frame_10k_bank_10k_problems", |b| {
        b.iter(|| black_box(frame(&mut app, Vec::new())))
    });
    // Typing a character, then deleting it: the line keeps its length however long it runs.
    let backspace = egui::Event::Key {
        key: egui::Key::Backspace,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    let mut n = 0u64;
    c.bench_function("editor_keystroke_10k_bank", |b| {
        b.iter(|| {
            n += 1;
            let event = if n.is_multiple_of(2) {
                backspace.clone()
            } else {
                egui::Event::Text("a".into())
            };
            black_box(frame(&mut app, vec![event]))
        })
    });
    if let quizdesk::ui::Screen::Editor(e) = &app.screen {
        assert!(
            e.buffer.version() >= n,
            "every keystroke was typed into the text ({} of {n})",
            e.buffer.version()
        );
        c.bench_function("editor_join_text_for_check_10k_bank", |b| {
            b.iter(|| black_box(e.buffer.text().len()))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = question_frame, summary_frame, stats_screen, presenter_frame, editor_keystroke
}
criterion_main!(benches);
