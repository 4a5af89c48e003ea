//! Core benchmarks (issue 2): loading and validating a 10,000-question bank, and building a
//! session from a 100,000-question bank.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use quizdesk::bank::{SourceError, SourceResolver, load_str};
use quizdesk::session::{ManualClock, Session, SessionConfig};

#[path = "support/gen_bank.rs"]
mod gen_bank;

struct Article;

impl SourceResolver for Article {
    fn read(&self, _file: &str) -> Result<String, SourceError> {
        Ok(include_str!("../assets/article.txt").to_owned())
    }
}

fn load_10k(c: &mut Criterion) {
    let text = gen_bank::generate(10_000);
    eprintln!("10k bank: {} bytes", text.len());
    let report = load_str(Path::new("big.ron"), &text, &Article);
    assert!(report.diagnostics.is_empty(), "{}", report.render());
    // The bank is kept by whoever loads it, so dropping it is not part of loading.
    c.bench_function("load_and_validate_10k_questions", |b| {
        b.iter_with_large_drop(|| load_str(Path::new("big.ron"), black_box(&text), &Article))
    });
}

/// The quality lints on the generated 10,000-question bank. Its prompts are one template with
/// a number, so every question after the first is a near-duplicate: the worst case for the
/// near-duplicate search and for placing findings in the file.
fn lint_10k(c: &mut Criterion) {
    let text = gen_bank::generate(10_000);
    let report = load_str(Path::new("big.ron"), &text, &Article);
    let bank = report.bank.clone().expect("valid");
    eprintln!(
        "10k bank: {} lint findings",
        quizdesk::bank::lint::lint(&bank).len()
    );
    c.bench_function("lint_10k_questions", |b| {
        b.iter(|| quizdesk::bank::lint::lint(black_box(&bank)))
    });
    c.bench_function("lint_and_place_findings_10k_questions", |b| {
        b.iter_batched(
            || report.clone(),
            |mut r| {
                quizdesk::bank::lint::add_lints(&mut r);
                r
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

/// What the editor's worker does after a pause in typing, on the 10,000-question bank: load,
/// validate, lint, place the findings and find each question's extent.
fn editor_check_10k(c: &mut Criterion) {
    let text = gen_bank::generate(10_000);
    let dir = std::env::temp_dir().join(format!("quizdesk-bench-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("article.txt"),
        include_str!("../assets/article.txt"),
    )
    .expect("article");
    let text = text.replace("../assets/article.txt", "article.txt");
    let path = dir.join("big.ron");
    let checked = quizdesk::editor::check::check(0, &path, &text, None);
    assert_eq!(
        checked.report.error_count(),
        0,
        "{}",
        checked.report.render()
    );
    assert_eq!(checked.questions.len(), 10_000);
    c.bench_function("editor_check_10k_questions", |b| {
        b.iter_with_large_drop(|| quizdesk::editor::check::check(0, &path, black_box(&text), None))
    });
}

fn session_100k(c: &mut Criterion) {
    let text = gen_bank::generate(100_000);
    let bank = std::sync::Arc::new(
        load_str(Path::new("huge.ron"), &text, &Article)
            .bank
            .expect("valid"),
    );
    let mut group = c.benchmark_group("session_from_100k_bank");
    group.bench_function("20_questions", |b| {
        b.iter(|| {
            let config = SessionConfig {
                seed: 4711,
                count: Some(20),
                ..SessionConfig::default()
            };
            Session::new(bank.clone(), config, Box::new(ManualClock::new())).expect("session")
        })
    });
    group.bench_function("all_questions", |b| {
        b.iter(|| {
            let config = SessionConfig {
                seed: 4711,
                ..SessionConfig::default()
            };
            Session::new(bank.clone(), config, Box::new(ManualClock::new())).expect("session")
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = load_10k, lint_10k, editor_check_10k, session_100k
}
criterion_main!(benches);
