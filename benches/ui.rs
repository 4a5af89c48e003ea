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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = question_frame, summary_frame
}
criterion_main!(benches);
