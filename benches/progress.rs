//! Progress benchmarks (issue 5): loading a history of 100,000 answers, and recording one answer
//! (append and flush to disk, not a rewrite).

use std::hint::black_box;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{Criterion, criterion_group, criterion_main};
use quizdesk::progress::{AnswerRecord, Event, SessionEnd, SessionStart, Store};
use quizdesk::session::{Response, SessionConfig, Verdict};

fn start(session: &str) -> Event {
    Event::Start(SessionStart {
        session: session.into(),
        at_ms: 1_780_000_000_000,
        bank: "pact-facts".into(),
        bank_title: "Russia and North Korea's defence pact: the facts".into(),
        bank_hash: "0123456789abcdef".into(),
        config: SessionConfig::default(),
        questions: (0..50).map(|q| format!("question-{q}")).collect(),
    })
}

fn answer(session: &str, q: usize) -> Event {
    Event::Answer(AnswerRecord {
        session: session.into(),
        at_ms: 1_780_000_000_000 + q as u64,
        question: format!("question-{q}"),
        question_hash: "fedcba9876543210".into(),
        section: Some("The UN and sanctions".into()),
        response: Some(Response::Choice(q % 4)),
        verdict: if q.is_multiple_of(3) {
            Verdict::Wrong
        } else {
            Verdict::Correct
        },
        score: if q.is_multiple_of(3) { 0.0 } else { 1.0 },
        points: if q.is_multiple_of(3) { 0.0 } else { 1.0 },
        max_points: 1,
        time_ms: 4_200,
        misconceptions: Vec::new(),
        self_rating: None,
    })
}

fn store_with_100k_answers() -> (Store, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("quizdesk-bench-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::new(&dir);
    let journal = store.journal("learner").expect("a safe id");
    for s in 0..2_000 {
        let id = format!("session-{s}");
        let mut events = vec![start(&id)];
        events.extend((0..50).map(|q| answer(&id, q)));
        events.push(Event::End(SessionEnd {
            session: id,
            at_ms: 1,
            finished: true,
        }));
        journal.append_all(&events).expect("write");
    }
    (store, dir)
}

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_780_000_000)
}

fn load_history(c: &mut Criterion) {
    let (store, dir) = store_with_100k_answers();
    let size = std::fs::metadata(store.journal("learner").expect("a safe id").path())
        .map(|m| m.len())
        .unwrap_or(0);
    eprintln!("history of 100,000 answers: {size} bytes");
    let (history, _) = store.history("learner", now()).expect("load");
    assert_eq!(history.answer_count(), 100_000);
    c.bench_function("load_history_100k_answers", |b| {
        b.iter_with_large_drop(|| store.history("learner", now()).expect("load"))
    });
    c.bench_function("record_one_answer_append_and_flush", |b| {
        let journal = store.journal("learner").expect("a safe id");
        b.iter(|| {
            journal
                .append(black_box(&answer("session-1999", 7)))
                .expect("append")
        })
    });
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = load_history
}
criterion_main!(benches);
