use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use quizdesk::progress::{
    AnswerRecord, Event, History, Journal, Problem, Profiles, Recorder, SessionEnd, SessionStart,
    Store,
};
use quizdesk::session::{ManualClock, Response, Session, SessionConfig, Verdict};

use crate::common::{ALL_KINDS, bank};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quizdesk-progress-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_780_000_000)
}

fn start(session: &str) -> Event {
    Event::Start(SessionStart {
        session: session.into(),
        at_ms: 1,
        bank: "b".into(),
        bank_title: "B".into(),
        bank_hash: "00".into(),
        config: SessionConfig::default(),
        questions: vec!["q1".into(), "q2".into()],
    })
}

fn answer(session: &str, question: &str, n: u32) -> Event {
    Event::Answer(AnswerRecord {
        session: session.into(),
        at_ms: u64::from(n),
        question: question.into(),
        question_hash: "ab".into(),
        section: Some("S".into()),
        response: Some(Response::Matches(vec![Some(1), None])),
        verdict: Verdict::Partial,
        score: 0.5,
        points: 0.5,
        max_points: 1,
        time_ms: 1200,
        misconceptions: vec!["who-said-what".into()],
        self_rating: None,
    })
}

#[test]
fn every_stored_type_round_trips() {
    let responses = [
        Response::Choice(2),
        Response::Choices(vec![0, 3]),
        Response::Bool(false),
        Response::Text("Pyŏngyang \"quoted\"".into()),
        Response::Number("1,961".into()),
        Response::Order(vec![2, 0, 1]),
        Response::Matches(vec![Some(0), None]),
        Response::Rubric(vec![true, false]),
    ];
    let mut events = vec![start("s1")];
    for (i, r) in responses.into_iter().enumerate() {
        let Event::Answer(mut a) = answer("s1", &format!("q{i}"), 3) else {
            unreachable!()
        };
        a.response = Some(r);
        events.push(Event::Answer(a));
    }
    events.push(Event::End(SessionEnd {
        session: "s1".into(),
        at_ms: 9,
        finished: true,
    }));
    for event in &events {
        let line = serde_json::to_string(event).unwrap();
        assert!(!line.contains('\n'));
        assert_eq!(
            &serde_json::from_str::<Event>(&line).unwrap(),
            event,
            "{line}"
        );
    }
    let profiles = Profiles {
        last: Some("ada".into()),
        ..Profiles::default()
    };
    let json = serde_json::to_string(&profiles).unwrap();
    assert_eq!(serde_json::from_str::<Profiles>(&json).unwrap(), profiles);
}

#[test]
fn a_journal_appends_and_reads_back_sessions() {
    let dir = temp("basic");
    let journal = Journal::new(dir.join("h.jsonl"));
    journal.append(&start("s1")).unwrap();
    journal.append(&answer("s1", "q1", 1)).unwrap();
    journal.append(&answer("s1", "q1", 2)).unwrap(); // changed answer replaces
    journal.append(&answer("s1", "q2", 3)).unwrap();
    journal.append(&answer("nope", "q2", 3)).unwrap(); // no such session: dropped
    journal
        .append(&Event::End(SessionEnd {
            session: "s1".into(),
            at_ms: 4,
            finished: true,
        }))
        .unwrap();
    let loaded = journal.load(now()).unwrap();
    assert!(loaded.problem.is_none() && !loaded.torn_tail);
    let history = History::from_events(loaded.events);
    assert_eq!(history.sessions.len(), 1);
    let s = &history.sessions[0];
    assert!(s.finished());
    assert_eq!(s.answers.len(), 2);
    assert_eq!(s.answers[0].at_ms, 2);
    let text = std::fs::read_to_string(dir.join("h.jsonl")).unwrap();
    assert!(
        text.starts_with("{\"quizdesk_history\":1}\n"),
        "human-readable, versioned: {text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_torn_last_line_is_ignored_and_repaired_by_the_next_append() {
    let dir = temp("torn");
    let path = dir.join("h.jsonl");
    let journal = Journal::new(&path);
    journal.append(&start("s1")).unwrap();
    journal.append(&answer("s1", "q1", 1)).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let whole = bytes.len();
    bytes.extend_from_slice(b"{\"answer\":{\"session\":\"s1\",\"at_"); // the crash
    std::fs::write(&path, &bytes).unwrap();
    let loaded = journal.load(now()).unwrap();
    assert!(loaded.torn_tail);
    assert!(
        loaded.problem.is_none(),
        "a torn tail is not a corrupt file"
    );
    assert_eq!(loaded.events.len(), 2);
    journal.append(&answer("s1", "q2", 2)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.len() > whole && !text.contains("\"at_{"),
        "the torn bytes are gone: {text}"
    );
    let loaded = journal.load(now()).unwrap();
    assert!(!loaded.torn_tail);
    assert_eq!(loaded.events.len(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_history_is_set_aside_never_overwritten_and_what_can_be_read_is_kept() {
    let dir = temp("corrupt");
    let path = dir.join("h.jsonl");
    let journal = Journal::new(&path);
    journal.append(&start("s1")).unwrap();
    journal.append(&answer("s1", "q1", 1)).unwrap();
    let good = std::fs::read_to_string(&path).unwrap();
    let bad = format!(
        "{good}this line was hand-edited badly\n{}\n",
        serde_json::to_string(&answer("s1", "q2", 2)).unwrap()
    );
    std::fs::write(&path, &bad).unwrap();
    let loaded = journal.load(now()).unwrap();
    let Some(Problem::SetAside {
        moved_to,
        reason,
        kept,
    }) = &loaded.problem
    else {
        panic!("not reported")
    };
    assert_eq!(*kept, 3);
    assert!(reason.contains("line 4"), "{reason}");
    assert_eq!(
        std::fs::read_to_string(moved_to).unwrap(),
        bad,
        "the original is kept as it was"
    );
    assert!(
        loaded
            .problem
            .as_ref()
            .unwrap()
            .to_string()
            .contains(&moved_to.display().to_string())
    );
    // The fresh file has the readable records, and the app goes on appending.
    journal.append(&answer("s1", "q3", 3)).unwrap();
    let again = journal.load(now()).unwrap();
    assert!(again.problem.is_none());
    assert_eq!(again.events.len(), 4);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_history_from_a_newer_quizdesk_is_set_aside_untouched() {
    let dir = temp("newer");
    let path = dir.join("h.jsonl");
    let newer = "{\"quizdesk_history\":7}\n{\"something_new\":{}}\n";
    std::fs::write(&path, newer).unwrap();
    let loaded = Journal::new(&path).load(now()).unwrap();
    let Some(Problem::SetAside {
        moved_to,
        reason,
        kept,
    }) = loaded.problem
    else {
        panic!()
    };
    assert!(reason.contains("newer quizdesk"), "{reason}");
    assert_eq!(kept, 0);
    assert_eq!(std::fs::read_to_string(moved_to).unwrap(), newer);
    assert!(!path.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_writers_on_one_profile_lose_nothing() {
    let dir = temp("writers");
    let path = dir.join("h.jsonl");
    Journal::new(&path).append(&start("s1")).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let journal = Journal::new(path);
                for n in 0..50 {
                    journal
                        .append(&answer("s1", &format!("w{w}-{n}"), n))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let loaded = Journal::new(&path).load(now()).unwrap();
    assert!(loaded.problem.is_none() && !loaded.torn_tail);
    assert_eq!(History::from_events(loaded.events).answer_count(), 200);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Profile ids follow the one slug rule (`format::slug`), with `learner` when nothing is left.
#[test]
fn profile_ids_are_folder_safe_slugs_of_the_name() {
    let dir = temp("profile-ids");
    let store = Store::new(&dir);
    let id = |name: &str| store.add_profile(name, now()).unwrap().id;
    assert_eq!(id("Zoë O'Neil"), "zoe-oneil");
    assert_eq!(id("  ../Ana  María\\ "), "ana-maria");
    assert_eq!(id("Юлия"), "learner");
    assert_eq!(id("東京"), "learner-2", "a second one gets a number");
    assert!(id(&"very long name ".repeat(10)).len() <= 60);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn profiles_are_kept_and_a_corrupt_profiles_file_is_recovered_from_the_histories() {
    let dir = temp("profiles");
    let store = Store::new(&dir);
    let ada = store.add_profile("Ada Lovelace", now()).unwrap();
    let ben = store.add_profile("Ben", now()).unwrap();
    let ada2 = store.add_profile("Ada Lovelace", now()).unwrap();
    assert_eq!(ada, ada2);
    assert_eq!(ada.id, "ada-lovelace");
    let (profiles, problem) = store.profiles(now()).unwrap();
    assert!(problem.is_none());
    assert_eq!(profiles.last.as_deref(), Some("ada-lovelace"));
    assert_eq!(profiles.profiles.len(), 2);
    store.set_last(&ben.id, now()).unwrap();
    assert_eq!(
        store.profiles(now()).unwrap().0.last.as_deref(),
        Some("ben")
    );
    store
        .journal(&ada.id)
        .unwrap()
        .append(&start("s1"))
        .unwrap();
    std::fs::write(dir.join("profiles.json"), "{ not json").unwrap();
    let (profiles, problem) = store.profiles(now()).unwrap();
    let Some(Problem::SetAside { moved_to, .. }) = problem else {
        panic!("not reported")
    };
    assert_eq!(std::fs::read_to_string(moved_to).unwrap(), "{ not json");
    assert!(
        profiles.profiles.iter().any(|p| p.id == "ada-lovelace"),
        "recovered from the history folder"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_recorded_session_reads_back_with_its_answers_and_edited_questions_are_flagged() {
    let dir = temp("recorder");
    let store = Store::new(&dir);
    let b = bank(ALL_KINDS);
    let config = SessionConfig {
        shuffle_questions: false,
        shuffle_choices: false,
        mode: quizdesk::session::Mode::Review {
            ids: vec!["single".into(), "multi".into(), "tf".into()],
        },
        ..SessionConfig::default()
    };
    let clock = ManualClock::new();
    let mut session = Session::new(b.clone(), config, Box::new(clock.clone())).unwrap();
    let mut recorder = Recorder::start(store.journal("ada").unwrap(), &session, now()).unwrap();
    clock.advance_ms(3_000);
    session.answer(Response::Choice(1)).unwrap();
    recorder.answer(&session, 0, now()).unwrap();
    session.next_question();
    session.answer(Response::Choices(vec![0])).unwrap();
    recorder.answer(&session, 1, now()).unwrap();
    // The third is shown and left unanswered: skipped (one never shown would not be asked).
    session.next_question();
    session.finish();
    recorder.end(&session, true, now()).unwrap();
    let (history, problem) = store.history("ada", now()).unwrap();
    assert!(problem.is_none());
    let s = &history.sessions[0];
    assert!(s.finished());
    assert_eq!(s.start.bank, "kinds");
    assert_eq!(s.start.questions, ["single", "multi", "tf"]);
    let verdicts: Vec<Verdict> = s.answers.iter().map(|a| a.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::Correct, Verdict::Partial, Verdict::Skipped]
    );
    assert_eq!(s.answers[0].time_ms, 3_000);
    assert_eq!(s.score(), (1.0 + 1.0, 5));
    assert!(history.changed_questions(&b).is_empty());
    // A session left without finishing is recorded as abandoned when its recorder goes.
    let other = Session::new(
        b.clone(),
        SessionConfig::default(),
        Box::new(ManualClock::new()),
    )
    .unwrap();
    drop(Recorder::start(store.journal("ada").unwrap(), &other, now()).unwrap());
    let (history, _) = store.history("ada", now()).unwrap();
    assert_eq!(history.sessions.len(), 2);
    assert!(
        history.sessions[1]
            .end
            .as_ref()
            .is_some_and(|e| !e.finished)
    );
    // The same bank with an edited question: history for it is flagged, not mixed.
    let edited = bank(&ALL_KINDS.replace("prompt: \"Capital?\"", "prompt: \"Which capital?\""));
    assert_eq!(history.changed_questions(&edited), ["single"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The crash test's child: appends answers forever, printing how many are committed (on disk)
/// after each, and replaces `profiles.json` atomically every few answers. Does nothing unless
/// started by `killing_the_writer_never_loses_a_committed_answer`.
#[test]
fn crash_test_child() {
    let Ok(dir) = std::env::var("QUIZDESK_CRASH_CHILD_DIR") else {
        return;
    };
    let store = Store::new(&dir);
    let journal = store.journal("kid").unwrap();
    let session = format!("s{}", std::process::id());
    journal.append(&start(&session)).unwrap();
    println!("committed 0");
    for n in 1.. {
        journal
            .append(&answer(&session, &format!("q{n}"), n))
            .unwrap();
        if n % 3 == 0 {
            store
                .add_profile(&format!("learner {}", n % 7), now())
                .unwrap();
        }
        println!("committed {n}");
    }
}

#[test]
fn killing_the_writer_never_loses_a_committed_answer() {
    let dir = temp("crash");
    let exe = std::env::current_exe().unwrap();
    let mut seed = 0x9e37_79b9_u64;
    let mut rounds = 0;
    let mut committed_total = 0u64;
    while rounds < 200 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let stop_after = (seed >> 33) % 12; // kill after this many committed answers, ...
        let extra_us = (seed >> 20) % 3_000; // ... plus up to 3 ms into the next write
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "progress::crash_test_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("QUIZDESK_CRASH_CHILD_DIR", &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut committed: Option<u64> = None;
        for line in lines.by_ref() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("committed ") {
                let n: u64 = n.trim().parse().unwrap();
                committed = Some(n);
                if n >= stop_after {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_micros(extra_us));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        rounds += 1;
        let Some(committed) = committed else { continue };
        committed_total += committed;
        // The history and the profiles are always readable, and every committed answer is there.
        let store = Store::new(&dir);
        let (history, problem) = store.history("kid", now()).unwrap();
        assert!(problem.is_none(), "round {rounds}: {problem:?}");
        let session = history.sessions.last().unwrap();
        let found = session.answers.len() as u64;
        assert!(
            found >= committed,
            "round {rounds}: {found} answers on disk, {committed} committed"
        );
        let (_, problem) = store.profiles(now()).unwrap();
        assert!(problem.is_none(), "round {rounds}: profiles {problem:?}");
        assert_no_temporary_files_left_unreadable(&dir);
    }
    assert!(
        committed_total > 200,
        "the child did write ({committed_total} answers)"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A kill during an atomic write may leave a temporary file, never a broken target.
fn assert_no_temporary_files_left_unreadable(dir: &Path) {
    let profiles = dir.join("profiles.json");
    if profiles.exists() {
        let text = std::fs::read_to_string(&profiles).unwrap();
        serde_json::from_str::<Profiles>(&text).unwrap();
    }
}

mod review {
    use std::time::{Duration, SystemTime};

    use quizdesk::progress::review::{SelfRating, due, forecast, memory};
    use quizdesk::progress::{Event, History};
    use quizdesk::session::Verdict;

    use crate::common::{ALL_KINDS, answer_event, bank, start_event};

    const DAY: u64 = 86_400_000;
    const T0: u64 = 1_780_000_000_000;

    fn history(answers: &[(&str, u64, Verdict, Option<SelfRating>)]) -> History {
        let b = bank(ALL_KINDS);
        let mut events = Vec::new();
        // One session per answer, so repeated answers to a question are all kept.
        for (n, (q, at, verdict, own)) in answers.iter().enumerate() {
            let session = format!("s{n}");
            events.push(start_event(&session, *at, "kinds"));
            let mut answer = answer_event(&session, *at, b.question(q).unwrap(), *verdict, None);
            if let Event::Answer(a) = &mut answer {
                a.self_rating = *own;
            }
            events.push(answer);
        }
        History::from_events(events)
    }

    fn days_until_due(h: &History, q: &str, from_ms: u64) -> f64 {
        let m = memory(h, &bank(ALL_KINDS));
        let due = m[q]
            .due()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        (due as f64 - from_ms as f64) / DAY as f64
    }

    #[test]
    fn first_reviews_follow_fsrs_default_stabilities() {
        // FSRS-5 default initial stabilities: again 0.41, hard 1.18, good 3.13, easy 15.47 days;
        // at 90% requested retention the interval is the stability rounded, at least 1 day, and
        // the four grades' intervals are kept strictly increasing (so hard is 2, not 1).
        for (verdict, own, days) in [
            (Verdict::Wrong, None, 1.0),
            (Verdict::Partial, None, 2.0),
            (Verdict::Correct, None, 3.0),
            (Verdict::Correct, Some(SelfRating::Easy), 15.0),
        ] {
            let h = history(&[("single", T0, verdict, own)]);
            assert_eq!(
                days_until_due(&h, "single", T0),
                days,
                "{verdict:?} {own:?}"
            );
        }
    }

    #[test]
    fn intervals_grow_with_success_and_shrink_after_a_lapse() {
        let first = T0;
        let second = T0 + 3 * DAY;
        let good_twice = history(&[
            ("single", first, Verdict::Correct, None),
            ("single", second, Verdict::Correct, None),
        ]);
        let next = days_until_due(&good_twice, "single", second);
        assert!(next > 3.0, "a second success spaces further: {next} days");
        let lapse = history(&[
            ("single", first, Verdict::Correct, None),
            ("single", second, Verdict::Wrong, None),
        ]);
        assert!(days_until_due(&lapse, "single", second) < next);
        // Skips are not reviews.
        let skipped = history(&[("single", first, Verdict::Skipped, None)]);
        assert!(memory(&skipped, &bank(ALL_KINDS)).is_empty());
    }

    #[test]
    fn due_lists_and_forecast_move_with_the_clock() {
        let h = history(&[
            ("single", T0, Verdict::Wrong, None),
            ("multi", T0, Verdict::Correct, None),
            ("tf", T0, Verdict::Correct, Some(SelfRating::Easy)),
        ]);
        let m = memory(&h, &bank(ALL_KINDS));
        let at = |ms: u64| SystemTime::UNIX_EPOCH + Duration::from_millis(ms);
        assert!(due(&m, at(T0)).is_empty());
        assert_eq!(due(&m, at(T0 + DAY)), ["single"]);
        assert_eq!(due(&m, at(T0 + 3 * DAY)), ["single", "multi"]);
        assert_eq!(due(&m, at(T0 + 30 * DAY)).len(), 3);
        let f = forecast(&m, at(T0), 7);
        assert_eq!(f, [0, 1, 0, 1, 0, 0, 0]);
    }

    #[test]
    fn an_edited_question_starts_its_memory_afresh() {
        let h = history(&[("single", T0, Verdict::Correct, None)]);
        let edited = bank(&ALL_KINDS.replace("prompt: \"Capital?\"", "prompt: \"Which capital?\""));
        assert!(memory(&h, &edited).is_empty());
    }
}

mod statistics {
    use std::time::{Duration, UNIX_EPOCH};

    use quizdesk::progress::stats::{history_csv, stats};
    use quizdesk::progress::{Event, History};
    use quizdesk::session::{Response, Verdict};

    use crate::common::{ALL_KINDS, answer_event, bank, end_event, start_event};

    const DAY: u64 = 86_400_000;

    fn session(id: &str, at: u64, answers: &[(&str, Verdict, Option<Response>)]) -> Vec<Event> {
        let b = bank(ALL_KINDS);
        let mut events = vec![start_event(id, at, "kinds")];
        for (q, verdict, response) in answers {
            events.push(answer_event(
                id,
                at,
                b.question(q).unwrap(),
                *verdict,
                response.clone(),
            ));
        }
        events.push(end_event(id, at));
        events
    }

    #[test]
    fn stats_show_scores_mastery_missed_streak_and_forecast() {
        let today = 20_000 * DAY + 3_600_000;
        let now = UNIX_EPOCH + Duration::from_millis(today);
        let mut events = Vec::new();
        events.extend(session(
            "a",
            today - 2 * DAY,
            &[
                ("single", Verdict::Wrong, Some(Response::Choice(0))),
                ("tf", Verdict::Correct, Some(Response::Bool(true))),
            ],
        ));
        events.extend(session(
            "b",
            today - DAY,
            &[("single", Verdict::Wrong, Some(Response::Choice(0)))],
        ));
        events.extend(session(
            "c",
            today,
            &[
                ("single", Verdict::Correct, Some(Response::Choice(1))),
                (
                    "short",
                    Verdict::Wrong,
                    Some(Response::Text("Blinken, A.".into())),
                ),
            ],
        ));
        let history = History::from_events(events);
        let s = stats(&history, &bank(ALL_KINDS), now);
        assert_eq!((s.sessions, s.answers), (3, 5));
        let percents: Vec<f64> = s.scores.iter().map(|p| p.percent).collect();
        assert_eq!(percents, [50.0, 0.0, 50.0]);
        assert_eq!(s.streak_days, 3);
        let a = s.sections.iter().find(|m| m.section == "A").unwrap();
        assert_eq!(
            (a.questions, a.answered, a.mastery),
            (2, 1, 1.0),
            "latest answer to single was right"
        );
        let b = s.sections.iter().find(|m| m.section == "B").unwrap();
        assert_eq!((b.answered, b.mastery), (2, 0.5));
        assert_eq!(s.missed[0].question, "single");
        assert_eq!((s.missed[0].wrong, s.missed[0].answered), (2, 3));
        assert_eq!(s.missed[0].chosen, [("Seoul".to_owned(), 2)]);
        assert_eq!(s.forecast.len(), 7);
        assert_eq!(
            s.forecast.iter().sum::<usize>(),
            3,
            "three reviewed questions, all due within a week"
        );
        assert!(s.changed.is_empty());
        // An edited question: its old answers leave mastery and misses, and it is flagged.
        let edited = bank(&ALL_KINDS.replace("prompt: \"Capital?\"", "prompt: \"Which capital?\""));
        let e = stats(&history, &edited, now);
        assert_eq!(e.changed, ["single"]);
        assert!(e.missed.iter().all(|m| m.question != "single"));
        assert_eq!(
            e.sections
                .iter()
                .find(|m| m.section == "A")
                .unwrap()
                .answered,
            0
        );
        // A day without study breaks the streak.
        let later = stats(
            &history,
            &bank(ALL_KINDS),
            now + Duration::from_millis(2 * DAY),
        );
        assert_eq!(later.streak_days, 0);
    }

    #[test]
    fn history_exports_as_csv_with_quoting() {
        let history = History::from_events(session(
            "a",
            1_780_000_000_000,
            &[(
                "short",
                Verdict::Wrong,
                Some(Response::Text("Blinken, \"A.\"".into())),
            )],
        ));
        let b = bank(ALL_KINDS);
        let csv = history_csv(&history, &[&b]);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "date_utc,session,bank,seed,mode,question,verdict,score,points,max_points,time_ms,answer"
        );
        assert_eq!(
            lines[1],
            "2026-05-28T20:26:40Z,a,kinds,4711,practice,short,Wrong,0,0,1,2000,\"Blinken, \"\"A.\"\"\""
        );
    }
}

/// A question's identity (`progress::identity`): cosmetic edits keep a learner's memory and
/// statistics, a changed key resets them, histories from before the canonical form still count,
/// and the hashes are pinned.
mod identity {
    use std::time::{Duration, UNIX_EPOCH};

    use quizdesk::progress::identity::{
        Identity, bank_hash, bank_hash_matches, canonical_form, legacy_bank_hash,
        legacy_question_hash, question_hash,
    };
    use quizdesk::progress::review::memory;
    use quizdesk::progress::stats::stats;
    use quizdesk::progress::{Event, History};
    use quizdesk::session::Verdict;

    use crate::common::{ALL_KINDS, answer_event, bank, end_event, start_event};

    const T0: u64 = 1_780_000_000_000;

    /// `ALL_KINDS` with each `(from, to)` replaced once (each `from` must be there).
    fn edited(edits: &[(&str, &str)]) -> String {
        let mut text = ALL_KINDS.to_owned();
        for (from, to) in edits {
            assert!(text.contains(from), "{from} is not in ALL_KINDS");
            text = text.replacen(from, to, 1);
        }
        text
    }

    fn hashes(text: &str) -> Vec<(String, String)> {
        bank(text)
            .questions()
            .iter()
            .map(|q| (q.id.clone(), question_hash(q)))
            .collect()
    }

    /// One finished session answering every question of `ALL_KINDS`, right, recording the
    /// hash `hash` gives.
    fn history_with(hash: fn(&quizdesk::bank::Question) -> String) -> History {
        let b = bank(ALL_KINDS);
        let mut events = vec![start_event("s", T0, "kinds")];
        for q in b.questions() {
            let mut answer = answer_event("s", T0, q, Verdict::Correct, None);
            if let Event::Answer(a) = &mut answer {
                a.question_hash = hash(q);
            }
            events.push(answer);
        }
        events.push(end_event("s", T0));
        History::from_events(events)
    }

    #[test]
    fn cosmetic_edits_keep_every_questions_identity() {
        let before = hashes(ALL_KINDS);
        let cosmetic = edited(&[
            (
                "explanation: \"Pyongyang.\"",
                "explanation: \"Pyongyang, the capital.\"",
            ),
            ("feedback: \"South.\"", "feedback: \"The South's capital.\""),
            (
                "misconception: \"two-koreas\"",
                "misconception: \"korea-mixup\"",
            ),
            (
                "section: \"A\", difficulty: Easy",
                "section: \"B\", difficulty: Hard, hint: \"North.\", tags: [\"geo\"]",
            ),
            (
                "(text: \"Moscow\", feedback: \"Russia.\")",
                "(text: \"Moscow\", feedback: \"Russia.\", pinned: true)",
            ),
            (
                "points: 3, explanation: \"Three.\"",
                "points: 5, explanation: \"Three years.\"",
            ),
            (
                "feedback_true: \"said true\"",
                "feedback_true: \"He said so.\"",
            ),
            (
                "He is the US Secretary of State.",
                "He was the US Secretary of State.",
            ),
            (
                "misconception: \"who-said-what\"",
                "misconception: \"speaker\"",
            ),
            ("explanation: \"24.\"", "explanation: \"Twenty-four.\""),
            (
                "explanation: \"Chronology.\"",
                "explanation: \"In time order.\"",
            ),
            ("minutes: 5", "minutes: 10"),
        ]);
        assert_eq!(hashes(&cosmetic), before);
        // Whitespace and layout of the file are not the question either.
        assert_eq!(hashes(&ALL_KINDS.replace(", ", ",\n  ")), before);
    }

    #[test]
    fn a_changed_key_changes_the_identity_of_that_question_only() {
        let before = hashes(ALL_KINDS);
        for (question, edits) in [
            (
                "single",
                &[
                    (
                        "(text: \"Pyongyang\", correct: true",
                        "(text: \"Pyongyang\"",
                    ),
                    ("(text: \"Seoul\",", "(text: \"Seoul\", correct: true,"),
                ][..],
            ),
            (
                "single",
                &[("prompt: \"Capital?\"", "prompt: \"Capital city?\"")],
            ),
            ("single", &[("text: \"Moscow\"", "text: \"Beijing\"")]),
            (
                "multi",
                &[(
                    "(text: \"1950\", feedback",
                    "(text: \"1950\", correct: true, feedback",
                )],
            ),
            ("tf", &[("answer: true", "answer: false")]),
            ("short", &[("\"Jens Stoltenberg\"", "\"J. Stoltenberg\"")]),
            ("short", &[("typos: 1", "typos: 2")]),
            ("short", &[("(text: \"Blinken\"", "(text: \"Stoltenburg\"")]),
            ("num", &[("answer: 24", "answer: 25")]),
            ("num", &[("tolerance: 1", "tolerance: 2")]),
            ("num", &[("unit: \"years\"", "unit: \"months\"")]),
            ("range", &[("max: 2001", "max: 2002")]),
            ("order", &[("\"2001\", \"2024\"", "\"2024\", \"2001\"")]),
            (
                "match",
                &[("(\"Blinken\", \"US\")", "(\"Blinken\", \"USA\")")],
            ),
            (
                "match",
                &[("distractors: [\"UN\"]", "distractors: [\"EU\"]")],
            ),
            ("discuss", &[("weight: 3", "weight: 2")]),
            (
                "discuss",
                &[(
                    "model_answer: \"A model.\"",
                    "model_answer: \"Another model.\"",
                )],
            ),
        ] {
            let after = hashes(&edited(edits));
            for ((id, old), (_, new)) in before.iter().zip(&after) {
                assert_eq!(
                    id == question,
                    old != new,
                    "{question} after {edits:?}: {id}"
                );
            }
        }
    }

    #[test]
    fn a_typo_fixed_in_feedback_explanation_or_hint_keeps_review_memory_and_statistics() {
        let history = history_with(question_hash);
        let now = UNIX_EPOCH + Duration::from_millis(T0);
        let fixed = bank(&edited(&[
            ("feedback: \"Yes.\"", "feedback: \"Yes: Pyongyang.\""),
            (
                "explanation: \"Stoltenberg.\"",
                "explanation: \"Jens Stoltenberg.\"",
            ),
            (
                "difficulty: Hard, explanation",
                "difficulty: Hard, hint: \"NATO's head.\", explanation",
            ),
        ]));
        let original = bank(ALL_KINDS);
        assert_eq!(
            memory(&history, &fixed).len(),
            memory(&history, &original).len()
        );
        assert!(memory(&history, &fixed).contains_key("single"));
        assert!(memory(&history, &fixed).contains_key("short"));
        let s = stats(&history, &fixed, now);
        assert!(s.changed.is_empty(), "{:?}", s.changed);
        let a = s.sections.iter().find(|m| m.section == "A").unwrap();
        assert_eq!((a.answered, a.mastery), (2, 1.0));
        assert!(history.changed_questions(&fixed).is_empty());
        // A changed key starts afresh: the answer moved to another choice.
        let rekeyed = bank(&edited(&[
            (
                "(text: \"Pyongyang\", correct: true",
                "(text: \"Pyongyang\"",
            ),
            ("(text: \"Moscow\",", "(text: \"Moscow\", correct: true,"),
        ]));
        assert!(!memory(&history, &rekeyed).contains_key("single"));
        assert!(memory(&history, &rekeyed).contains_key("short"));
        assert_eq!(stats(&history, &rekeyed, now).changed, ["single"]);
        assert_eq!(history.changed_questions(&rekeyed), ["single"]);
    }

    #[test]
    fn a_history_written_with_the_legacy_hash_still_counts_after_the_upgrade() {
        let legacy = history_with(legacy_question_hash);
        let current = history_with(question_hash);
        let b = bank(ALL_KINDS);
        let now = UNIX_EPOCH + Duration::from_millis(T0);
        assert_ne!(
            legacy.sessions[0].answers[0].question_hash,
            current.sessions[0].answers[0].question_hash
        );
        assert_eq!(memory(&legacy, &b), memory(&current, &b));
        assert_eq!(memory(&legacy, &b).len(), b.questions().len());
        assert_eq!(stats(&legacy, &b, now), stats(&current, &b, now));
        assert!(stats(&legacy, &b, now).changed.is_empty());
        assert!(legacy.changed_questions(&b).is_empty());
        // As the old version wrote it, line for line: the legacy hash of `single` is pinned, so
        // a change to the question's serde form (which would orphan old histories) shows here.
        let line = r#"{"answer":{"session":"s","at_ms":1780000000000,"question":"single","question_hash":"LEGACY","section":"A","response":{"Choice":1},"verdict":"Correct","score":1.0,"points":1.0,"max_points":1,"time_ms":2000,"misconceptions":[]}}"#;
        let single = b.question("single").unwrap();
        assert_eq!(legacy_question_hash(single), LEGACY_SINGLE);
        let old: Event = serde_json::from_str(&line.replace("LEGACY", LEGACY_SINGLE)).unwrap();
        let history =
            History::from_events([start_event("s", T0, "kinds"), old, end_event("s", T0)]);
        assert!(memory(&history, &b).contains_key("single"));
        assert!(history.changed_questions(&b).is_empty());
        // An edit after the upgrade still resets it.
        let edited = bank(&ALL_KINDS.replace("prompt: \"Capital?\"", "prompt: \"Which capital?\""));
        assert_eq!(history.changed_questions(&edited), ["single"]);
        // The bank hash: the new one and the one recorded before both name this bank.
        assert!(bank_hash_matches(&b, &bank_hash(&b)));
        assert!(bank_hash_matches(&b, &legacy_bank_hash(&b)));
        assert!(!bank_hash_matches(&edited, &legacy_bank_hash(&b)));
    }

    #[test]
    fn a_results_file_with_the_legacy_bank_hash_is_not_from_another_version() {
        use quizdesk::results::gradebook::Gradebook;
        use quizdesk::results::{ResultsFile, from_session};
        use quizdesk::session::{ManualClock, Session, SessionConfig};

        let b = bank(ALL_KINDS);
        let mut session = Session::new(
            b.clone(),
            SessionConfig::default(),
            Box::new(ManualClock::new()),
        )
        .unwrap();
        session.finish();
        let file = |student: &str, bank_hash: String| {
            let mut results = from_session(student, &session, UNIX_EPOCH);
            results.bank_hash = bank_hash;
            let lines = (2..2 + results.rows.len()).collect();
            Ok(ResultsFile {
                file: format!("{student}.csv"),
                results,
                lines,
            })
        };
        let inputs = vec![
            file("Ana", bank_hash(&b)),
            file("Ben", legacy_bank_hash(&b)),
            file("Eda", "0000000000000000".into()),
        ];
        let book = Gradebook::build(inputs, Some(&b));
        assert_eq!(book.students.len(), 3);
        let warned: Vec<&str> = book.warnings.iter().map(|w| w.file.as_str()).collect();
        assert_eq!(warned, ["Eda.csv"], "{:?}", book.warnings);
    }

    /// [`legacy_question_hash`] of `single` in `ALL_KINDS`, as quizdesk recorded it before the
    /// canonical form (checked by hand: FNV-1a 64 of the question's serde JSON).
    const LEGACY_SINGLE: &str = "70ecf4d17751b47e";

    #[test]
    fn the_canonical_form_and_hashes_are_pinned() {
        let b = bank(ALL_KINDS);
        let single = b.question("single").unwrap();
        assert_eq!(
            canonical_form(single),
            "2:q2,8:Capital?,12:SingleChoice,1:3,5:Seoul,5:false,9:Pyongyang,4:true,6:Moscow,5:false,"
        );
        // These values must never change: a change resets every learner's memory of every
        // question. Change the form only with a new `VERSION`, accepting the old hashes.
        let golden = [
            ("single", "dbf88019199e02e7"),
            ("multi", "6f44277a045b0550"),
            ("tf", "f42d4f5075dffbcd"),
            ("short", "3c747c2543ac4bee"),
            ("num", "53c9e853f6185fea"),
            ("range", "be3b00354dfc4b07"),
            ("order", "e1bce27f5a1c3f3d"),
            ("match", "ae3523d11071d9b1"),
            ("discuss", "ba2e6224dba2e856"),
        ];
        let golden: Vec<(String, String)> = golden
            .iter()
            .map(|(id, hash)| ((*id).to_owned(), (*hash).to_owned()))
            .collect();
        assert_eq!(hashes(ALL_KINDS), golden);
        assert_eq!(Identity::of(single).hash(), question_hash(single));
        assert_eq!(bank_hash(&b), "b5e5d5739d207f94");
        assert_eq!(legacy_bank_hash(&b), "2fa3ef01b3e539bc");
    }
}
