//! Results benchmarks (issue 6): the class gradebook of 30 students × 53 questions (a class) and
//! of 1,000 students (a year group), from their results files' text to the printable report.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use criterion::{Criterion, criterion_group, criterion_main};
use quizdesk::bank::{Bank, Kind};
use quizdesk::results::gradebook::{Gradebook, ReportFormat};
use quizdesk::results::{parse_results, session_csv};
use quizdesk::session::{ManualClock, Response, Session, SessionConfig};

/// Student `n`'s results file: a whole session of `bank` with their own seed, answering the
/// first choice shown (right or wrong), and skipping now and then.
fn student_file(bank: &Arc<Bank>, n: usize) -> (String, String) {
    let config = SessionConfig {
        seed: 1 + n as u64,
        ..SessionConfig::default()
    };
    let clock = ManualClock::new();
    let mut s = Session::new(bank.clone(), config, Box::new(clock.clone())).expect("session");
    for i in 0..s.len() {
        clock.advance_ms(2_000 + (n * 31 + i * 17) as u64 % 5_000);
        let Some(q) = s.current_question() else {
            break;
        };
        let order = s.current_order().to_vec();
        let first = order.first().copied().unwrap_or(0);
        let response = match &q.kind {
            _ if (n + i).is_multiple_of(7) => None,
            Kind::SingleChoice(_) => Some(Response::Choice(first)),
            Kind::MultipleSelect(_) => Some(Response::Choices(vec![first])),
            Kind::TrueFalse(_) => Some(Response::Bool((n + i).is_multiple_of(2))),
            Kind::ShortAnswer(sa) => Some(Response::Text(if n.is_multiple_of(3) {
                "no idea".into()
            } else {
                sa.accept[0].clone()
            })),
            Kind::Numeric(_) => Some(Response::Number(format!("{}", 2020 + n % 5))),
            Kind::Ordering(_) => Some(Response::Order(order)),
            Kind::Matching(m) => Some(Response::Matches(
                (0..m.pairs.len()).map(|k| order.get(k).copied()).collect(),
            )),
            Kind::Discussion(d) => {
                Some(Response::Rubric(vec![n.is_multiple_of(2); d.rubric.len()]))
            }
            Kind::Cloze(c) => Some(Response::Gaps(c.key_response())),
        };
        match response {
            Some(r) => {
                s.answer(r).expect("valid response");
                s.next_question();
            }
            None => s.skip(),
        }
    }
    s.finish();
    let at = UNIX_EPOCH + Duration::from_secs(1_795_883_302);
    (
        format!("student-{n:04}.csv"),
        session_csv(&format!("Student {n:04}"), &s, at),
    )
}

fn gradebook(files: &[(String, String)], bank: &Bank) -> String {
    let inputs = files
        .iter()
        .map(|(name, text)| parse_results(name, text))
        .collect();
    let book = Gradebook::build(inputs, Some(bank));
    assert!(book.rejected.is_empty());
    book.render(ReportFormat::Html)
}

fn bench(c: &mut Criterion) {
    let bank = Arc::new(
        quizdesk::bundled::load_all()
            .into_iter()
            .filter_map(|r| r.bank)
            .find(|b| b.id() == "pact-facts")
            .expect("bundled pact-facts"),
    );
    assert_eq!(bank.questions().len(), 53);
    let year: Vec<(String, String)> = (0..1_000).map(|n| student_file(&bank, n)).collect();
    let bytes: usize = year.iter().map(|(_, t)| t.len()).sum();
    eprintln!("1,000 results files: {bytes} bytes");
    let mut group = c.benchmark_group("gradebook");
    group.bench_function("30_students_53_questions", |b| {
        b.iter(|| gradebook(black_box(&year[..30]), &bank))
    });
    group.bench_function("1000_students_53_questions", |b| {
        b.iter(|| gradebook(black_box(&year), &bank))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
