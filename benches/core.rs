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
    targets = load_10k, lint_10k, session_100k
}
criterion_main!(benches);
