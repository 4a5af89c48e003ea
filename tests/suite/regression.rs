//! One test per reported defect, each named after what it guards and pointing at the item of
//! issue 13 (hardening) it comes from (ripgrep's `tests/regression.rs` habit). Commands that
//! used to hang run the real binary under a timeout, so a regression fails instead of hanging.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::temp_dir;

/// Runs `quizdesk args` in `dir`, killing it after `secs` seconds; `None` if it had to be
/// killed (it hung).
fn quizdesk_within(dir: &Path, args: &[&str], secs: u64) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `quizdesk args` in `dir`, failing the test if it takes more than 20 s.
fn run(dir: &Path, args: &[&str]) -> Output {
    quizdesk_within(dir, args, 20)
        .unwrap_or_else(|| panic!("`quizdesk {}` hung and was killed", args.join(" ")))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Makes a FIFO at `path`; `false` (and the test is skipped) where `mkfifo` is missing.
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        _ => {
            eprintln!("mkfifo is not available: skipping");
            false
        }
    }
}

/// Runs `f` on a thread and fails the test if it does not return within 20 s (the thread is
/// left behind: it is stuck, which is the failure).
fn within_20s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("hung for 20 s")
}

const GOOD_BANK: &str = r#"Bank(format: 1, id: "g", title: "G", questions: [(id: "q", prompt: "P", explanation: "E.", answer: TrueFalse(answer: true))])"#;

// Issue 13, item 1: `mkfifo x.ron; quizdesk check x.ron` blocked in `open()` forever.
#[test]
fn fifo_check_file_is_refused_not_hung() {
    let dir = temp_dir("reg-fifo-file");
    if !mkfifo(&dir.join("x.ron")) {
        return;
    }
    let o = run(&dir, &["check", "x.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot read x.ron: it is a named pipe (FIFO), not a regular file"),
        "{}",
        stderr(&o)
    );
}

// Issue 13, item 1: `quizdesk check DIR` hung on a FIFO inside the folder; the other files are
// still checked.
#[test]
fn fifo_inside_checked_folder_is_refused_not_hung() {
    let dir = temp_dir("reg-fifo-dir");
    std::fs::write(dir.join("good.ron"), GOOD_BANK).unwrap();
    if !mkfifo(&dir.join("pipe.ron")) {
        return;
    }
    let o = run(&dir, &["check", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("pipe.ron: it is a named pipe (FIFO)"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("checked 1 file: 1 warning, no errors; 1 file could not be read"),
        "{}",
        stdout(&o)
    );
}

// Issue 13, item 1: a bank whose `source.file` is a FIFO hung while reading its source.
#[test]
fn fifo_as_bank_source_is_refused_not_hung() {
    let dir = temp_dir("reg-fifo-source");
    if !mkfifo(&dir.join("source.txt")) {
        return;
    }
    std::fs::write(
        dir.join("b.ron"),
        r#"Bank(format: 1, id: "b", title: "B", source: (title: "S", file: "source.txt"), questions: [(id: "q", prompt: "P", explanation: "E.", answer: TrueFalse(answer: true))])"#,
    )
    .unwrap();
    let o = run(&dir, &["check", "b.ron"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("named pipe (FIFO)"), "{}", stdout(&o));
}

// Issue 13, item 1: the GUI never opened its window when a FIFO `*.ron` was in the user's quiz
// folder (the library loads that folder before the first frame).
#[test]
fn fifo_in_user_quiz_folder_is_listed_as_a_problem_not_hung() {
    let dir = temp_dir("reg-fifo-library");
    std::fs::write(dir.join("good.ron"), GOOD_BANK).unwrap();
    if !mkfifo(&dir.join("pipe.ron")) {
        return;
    }
    let folder = dir.clone();
    let library = within_20s(move || quizdesk::library::Library::load(Some(&folder)));
    assert!(
        library
            .entries
            .iter()
            .any(|e| e.path == dir.join("good.ron")),
        "the readable bank is still loaded"
    );
    assert_eq!(library.problems.len(), 1, "{:?}", library.problems);
    assert!(
        library.problems[0].contains("named pipe"),
        "{:?}",
        library.problems
    );
}

// Issue 13, item 1: the gradebook and the importers opened FIFOs too.
#[test]
fn fifo_given_to_gradebook_or_import_is_refused_not_hung() {
    let dir = temp_dir("reg-fifo-readers");
    if !mkfifo(&dir.join("r.csv")) || !mkfifo(&dir.join("q.gift")) || !mkfifo(&dir.join("a.txt")) {
        return;
    }
    let o = run(&dir, &["gradebook", "r.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("named pipe (FIFO)"), "{}", stderr(&o));
    for (format, file) in [("gift", "q.gift"), ("aiken", "a.txt")] {
        let o = run(&dir, &["import", format, file]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("named pipe (FIFO)"), "{}", stderr(&o));
    }
}

// Issue 13, item 1: a FIFO in place of a learner's history (or of `profiles.json`) must not
// stop the app from starting.
#[test]
fn fifo_in_place_of_history_or_profiles_is_an_error_not_a_hang() {
    let dir = temp_dir("reg-fifo-store");
    std::fs::create_dir_all(dir.join("profiles/ana")).unwrap();
    if !mkfifo(&dir.join("profiles/ana/history.jsonl")) || !mkfifo(&dir.join("profiles.json")) {
        return;
    }
    let root = dir.clone();
    let (history, profiles) = within_20s(move || {
        let store = quizdesk::progress::Store::new(root);
        let now = std::time::SystemTime::now();
        (
            store
                .history("ana", now)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            store.profiles(now).map(|_| ()).map_err(|e| e.to_string()),
        )
    });
    assert!(history.unwrap_err().contains("named pipe"));
    assert!(profiles.unwrap_err().contains("named pipe"));
}

// Issue 13, item 4: `gradebook` read a symlink to /dev/zero until memory ran out (10 GB in 30 s).
#[cfg(unix)]
#[test]
fn gradebook_of_a_link_to_dev_zero_stops_at_once() {
    let dir = temp_dir("reg-dev-zero");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.csv")).unwrap();
    let o = run(&dir, &["gradebook", "zero.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("zero.csv: cannot read the file: it is a device, not a regular file"),
        "{}",
        stderr(&o)
    );
}

// Issue 13, item 4: a 2 GB sparse CSV took 4.1 GB of memory; it is refused from its size.
#[test]
fn gradebook_of_a_sparse_2_gb_file_is_refused_at_the_cap() {
    let dir = temp_dir("reg-sparse");
    let big: PathBuf = dir.join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    let o = run(&dir, &["gradebook", "big.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("big.csv: cannot read the file: it is larger than the 16 MiB limit"),
        "{}",
        stderr(&o)
    );
    // The importers and `check` say the same from the file's size.
    std::fs::File::create(dir.join("big.gift"))
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    let o = run(&dir, &["import", "gift", "big.gift"]);
    assert!(
        stderr(&o).contains("larger than the 16 MiB limit"),
        "{}",
        stderr(&o)
    );
}

// Issue 13, item 11: `check /proc/self/mem` printed "no problems found" after an I/O error.
#[cfg(target_os = "linux")]
#[test]
fn check_after_an_io_error_never_says_no_problems() {
    let o = run(Path::new("."), &["check", "/proc/self/mem"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read /proc/self/mem"),
        "{}",
        stderr(&o)
    );
    assert!(!stdout(&o).contains("no problems"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("1 file could not be read"),
        "{}",
        stdout(&o)
    );
}

// Issue 13, item 2: a `profiles.json` whose last learner had the id `../../../../tmp/elsewhere`
// made the app write that learner's history outside the data folder.
#[test]
fn profile_id_escaping_the_data_folder_is_refused() {
    use quizdesk::app::Learners;
    use quizdesk::progress::Store;
    let dir = temp_dir("reg-escape");
    let root = dir.join("data");
    std::fs::create_dir_all(&root).unwrap();
    let bad = "../../elsewhere";
    std::fs::write(
        root.join("profiles.json"),
        format!(
            r#"{{"version": 1, "profiles": [{{"id": "{bad}", "name": "Eve"}}, {{"id": "ada", "name": "Ada"}}], "last": "{bad}"}}"#
        ),
    )
    .unwrap();
    let store = Store::new(&root);
    let mut learners = Learners::open(store.clone());
    assert!(learners.current.is_none(), "the bad learner is not picked");
    assert_eq!(
        learners.messages,
        [
            "A learner listed in profiles.json cannot be used: `../../elsewhere` cannot be used as \
             a file or folder name: it contains a path separator"
        ]
    );
    let e = learners.choose(bad).unwrap_err();
    assert!(e.to_string().contains("cannot be used"), "{e}");
    assert!(learners.current.is_none());
    let e = store.journal(bad).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    assert!(store.history(bad, std::time::SystemTime::now()).is_err());
    // The good learner still works, and nothing was made outside the data folder.
    learners.choose("ada").unwrap();
    assert_eq!(learners.current.as_ref().unwrap().id, "ada");
    assert!(!dir.join("elsewhere").exists());
    assert!(
        !root
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join("elsewhere")
            .exists()
    );
}

// Issue 13, item 7: `check` printed a raw ESC from the file verbatim (in the source line and the
// message), so a quiz file could clear the screen or retitle the terminal of whoever checked it.
#[test]
fn terminal_escapes_in_a_checked_file_are_masked() {
    let dir = temp_dir("reg-escapes");
    std::fs::write(
        dir.join("e.ron"),
        "Bank(format: 1, id: \"e\", title: \"E\", questions: [(id: \"q\u{1b}]0;pwned\u{7}\", \
         prompt: \"\u{1b}[2J\u{202e}gnp.exe\", answer: TrueFalse(answer: true))])",
    )
    .unwrap();
    for args in [
        &["check", "e.ron"][..],
        &["check", "--color", "always", "e.ron"][..],
    ] {
        let o = run(&dir, args);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert!(out.contains("q\u{fffd}]0;pwned\u{fffd}"), "{out}");
        for raw in ["\u{1b}]", "\u{1b}[2J", "\u{7}", "\u{202e}"] {
            assert!(!out.contains(raw), "{raw:?} printed raw: {out:?}");
        }
    }
}

/// A finished session of the bundled `pact-facts` bank, every question skipped.
fn skipped_session() -> quizdesk::session::Session {
    let report = quizdesk::bundled::resolve("pact-facts").unwrap();
    let bank = std::sync::Arc::new(report.bank.unwrap());
    let clock = quizdesk::session::ManualClock::new();
    let mut s = quizdesk::session::Session::new(
        bank,
        quizdesk::session::SessionConfig::default(),
        Box::new(clock),
    )
    .unwrap();
    for _ in 0..s.len() {
        s.skip();
    }
    s.finish();
    s
}

/// A student's results file for the bundled `pact-facts` bank, every question skipped.
fn results_csv(student: &str) -> String {
    quizdesk::results::session_csv(student, &skipped_session(), std::time::UNIX_EPOCH)
}

// Issue 13, item 3: `gradebook in.csv --out in.csv` replaced the student's file with the report
// (exit 0), and `gradebook results/ --out results/results-ana.csv` left Ana out and overwrote her
// file.
#[test]
fn gradebook_out_over_an_input_is_refused() {
    let dir = temp_dir("reg-out-gradebook");
    std::fs::create_dir_all(dir.join("results")).unwrap();
    let ana = results_csv("Ana");
    std::fs::write(dir.join("in.csv"), &ana).unwrap();
    std::fs::write(dir.join("results/results-ana.csv"), &ana).unwrap();
    std::fs::write(dir.join("results/results-ben.csv"), results_csv("Ben")).unwrap();
    for args in [
        &["gradebook", "in.csv", "--out", "in.csv"][..],
        &["gradebook", "in.csv", "--out", "./in.csv"][..],
        &["gradebook", "results/", "--out", "results/results-ana.csv"][..],
        &[
            "gradebook",
            "results",
            "--out",
            "results/../results/results-ana.csv",
        ][..],
    ] {
        let o = run(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("is one of the results files read: it would be overwritten"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read_to_string(dir.join("in.csv")).unwrap(), ana);
    assert_eq!(
        std::fs::read_to_string(dir.join("results/results-ana.csv")).unwrap(),
        ana
    );
    // A report into the folder (not a results file) is still fine, and replaced on a re-run.
    for _ in 0..2 {
        let o = run(
            &dir,
            &["gradebook", "results", "--out", "results/class.csv"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("2 students"), "{}", stderr(&o));
    }
}

// Issue 13, item 3: `import gift q.gift --out q.gift` overwrote the GIFT source (and `export gift
// b.ron --out b.ron` the bank).
#[test]
fn import_or_export_out_over_its_input_is_refused() {
    let dir = temp_dir("reg-out-import");
    let gift = "::q1:: The pact was signed in 2024 {T}\n";
    std::fs::write(dir.join("q.gift"), gift).unwrap();
    std::fs::write(dir.join("g.ron"), GOOD_BANK).unwrap();
    std::fs::hard_link(dir.join("q.gift"), dir.join("same.gift")).unwrap();
    for args in [
        &["import", "gift", "q.gift", "--out", "q.gift"][..],
        &["import", "gift", "q.gift", "--out", "same.gift"][..],
        &["export", "gift", "g.ron", "--out", "./g.ron"][..],
    ] {
        let o = run(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("is the input file") && stderr(&o).contains("would be overwritten"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read_to_string(dir.join("q.gift")).unwrap(), gift);
    assert_eq!(
        std::fs::read_to_string(dir.join("g.ron")).unwrap(),
        GOOD_BANK
    );
}

// Issue 13, item 5 (save failures shown at once on the question screen) is guarded by
// `ui::save_failures_show_on_the_question_screen_at_once`, beside the other kittest tests.

// Issue 13, item 8: rubric weights `4294967295` and `1` gave "4294967295 of 0 rubric points",
// and two questions of `points: 4294967295` "4294967295 of 4294967294 points". Points and
// weights are now limited to 1000 (FORMAT.md §7), checked where they are written.
#[test]
fn points_and_weights_over_the_limit_are_refused_where_written() {
    let r = crate::common::report(
        r#"Bank(format: 1, id: "o", title: "O", questions: [
    (id: "a", prompt: "P", points: 4294967295, answer: TrueFalse(answer: true)),
    (id: "d", prompt: "P", answer: Discussion(model_answer: "M", rubric: [
        (point: "x", weight: 4294967295),
        (point: "y", weight: 1),
    ])),
])"#,
    );
    assert!(r.bank.is_none());
    let errors: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.one_line())
        .collect();
    assert_eq!(
        errors,
        [
            "test.ron:2:36: error: points must be at most 1000, not 4294967295",
            "test.ron:4:30: error: a rubric weight must be at most 1000, not 4294967295",
        ]
    );
    // At the limit, every total fits.
    let b = crate::common::bank(
        r#"Bank(format: 1, id: "o", title: "O", questions: [(id: "a", prompt: "P", points: 1000, explanation: "E.", answer: TrueFalse(answer: true, feedback_false: "F."))])"#,
    );
    assert_eq!(b.questions()[0].points, quizdesk::bank::MAX_POINTS);
}

// Issue 13, item 9: a 100k-question Aiken file became a 27.7 MB bank, over the 16 MiB limit,
// and the import said "no problems" (then nothing could load the bank).
#[test]
fn import_of_a_bank_over_the_size_limit_is_an_error() {
    let dir = temp_dir("reg-import-big");
    // Few questions, but quotes double in RON: 9 MB of Aiken become an 18 MB bank.
    let one = format!(
        "Which {} is it?\nA. the first option\nB. the second option\nANSWER: A\n\n",
        "\"".repeat(100_000)
    );
    std::fs::write(dir.join("big.txt"), one.repeat(90)).unwrap();
    // A debug build takes seconds over 9 MB: a longer timeout than for hangs.
    let o = quizdesk_within(
        &dir,
        &["import", "aiken", "big.txt", "--out", "big.ron"],
        120,
    )
    .expect("the import hung");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("over the 16 MiB limit of a bank file, so it could not be loaded"),
        "{}",
        stderr(&o)
    );
    assert!(
        !dir.join("big.ron").exists(),
        "no bank that cannot load is written"
    );
}

// Issue 13, item 10: a UTF-8 byte-order mark at the start of `history.jsonl`, or a missing
// header line, set the file aside and carried over 0 of its readable records.
#[test]
fn history_with_a_bom_or_without_its_header_keeps_every_record() {
    use quizdesk::progress::{Journal, Problem, Recorder};
    let dir = temp_dir("reg-history-header");
    let path = dir.join("history.jsonl");
    let now = std::time::UNIX_EPOCH + Duration::from_secs(1_780_000_000);
    let session = skipped_session();
    let mut recorder = Recorder::start(Journal::new(&path), &session, now).unwrap();
    recorder.end(&session, true, now).unwrap();
    drop(recorder);
    let good = std::fs::read_to_string(&path).unwrap();
    let records = good.lines().count() - 1;
    assert!(records > 3, "{good}");
    let header_end = good.find('\n').unwrap() + 1;

    // A byte-order mark: read as it is, nothing set aside.
    std::fs::write(&path, format!("\u{feff}{good}")).unwrap();
    let loaded = Journal::new(&path).load(now).unwrap();
    assert!(loaded.problem.is_none(), "{:?}", loaded.problem);
    assert_eq!(loaded.events.len(), records);

    // No header: set aside (it is not a history file as written), every record carried over.
    let headless = &good[header_end..];
    std::fs::write(&path, headless).unwrap();
    let loaded = Journal::new(&path).load(now).unwrap();
    let Some(Problem::SetAside {
        moved_to,
        reason,
        kept,
    }) = loaded.problem
    else {
        panic!("not reported")
    };
    assert_eq!(reason, "line 1 is not a quizdesk history header");
    assert_eq!(kept, records);
    assert_eq!(loaded.events.len(), records);
    assert_eq!(std::fs::read_to_string(moved_to).unwrap(), headless);
    let again = Journal::new(&path).load(now).unwrap();
    assert!(again.problem.is_none());
    assert_eq!(again.events.len(), records);
}

// Issue 13, item 11: emoji-only choices were rejected as "empty" (folding drops symbols); they
// are answers, still compared for duplicates. Issue 16: choices are compared as written, so
// punctuation alone (`...`, Moodle's `~` and `=` choices) is a choice too; only blank is empty.
#[test]
fn emoji_only_choices_are_not_empty() {
    let bank = crate::common::bank(
        r#"Bank(format: 1, id: "e", title: "E", questions: [(id: "q", prompt: "How do you feel?", explanation: "E.", answer: SingleChoice(choices: [(text: "🙂", correct: true), (text: "🙁", feedback: "F."), (text: "😐", feedback: "F.")]))])"#,
    );
    assert_eq!(bank.questions().len(), 1);
    let r = crate::common::report(
        r#"Bank(format: 1, id: "e", title: "E", questions: [(id: "q", prompt: "P", answer: SingleChoice(choices: [(text: "🙂", correct: true), (text: " 🙂 "), (text: "...")]))])"#,
    );
    let errors: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(errors, ["duplicate choice ` 🙂 `"]);
}

// Issue 13, item 11: a `profiles.json` that could not be read was reported as "your history
// file could not be read".
#[test]
fn unreadable_profiles_are_reported_as_the_list_of_learners() {
    let dir = temp_dir("reg-profiles-message");
    std::fs::write(dir.join("profiles.json"), "{ not json").unwrap();
    let store = quizdesk::progress::Store::new(&dir);
    let (_, problem) = store.profiles(std::time::SystemTime::now()).unwrap();
    let message = problem.unwrap().to_string();
    assert!(
        message.starts_with("your list of learners (profiles.json) could not be read"),
        "{message}"
    );
    assert!(!message.contains("history file"), "{message}");
}

// Issue 13, item 11: a UTF-16 file without a byte-order mark was reported only as "NUL byte".
#[test]
fn utf16_without_bom_is_named_as_utf16() {
    let text = r#"Bank(format: 1, id: "u", title: "U", questions: [])"#;
    for bytes in [
        text.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
        text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    ] {
        let r = quizdesk::bank::load_bytes(Path::new("u.ron"), &bytes, &crate::common::NoSources);
        let hint = r.diagnostics[0].hint.clone().unwrap_or_default();
        assert!(hint.contains("looks like UTF-16"), "{hint}");
    }
}

/// Like [`quizdesk_within`], for commands that print megabytes: standard output and error go
/// to files in `dir` (a pipe nobody reads while waiting would fill up and block the command).
fn quizdesk_to_files_within(dir: &Path, args: &[&str], secs: u64) -> Option<(String, String)> {
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Some((
        std::fs::read_to_string(out_path).unwrap(),
        std::fs::read_to_string(err_path).unwrap(),
    ))
}

/// A bank written on one line, with `n` questions whose prompts are empty: two diagnostics each
/// (an error and a missing-explanation warning), all on line 1.
fn one_line_bank(n: usize) -> String {
    let questions: Vec<String> = (0..n)
        .map(|i| format!(r#"(id: "q{i}", prompt: "", answer: TrueFalse(answer: true))"#))
        .collect();
    format!(
        "Bank(format: 1, id: \"long\", title: \"Long\", questions: [{}])\n",
        questions.join(", ")
    )
}

// Issue 13, item 6: `check --json` rebuilt the line index for every diagnostic, and counted each
// column from the start of its line: one line with 100k errors took 288 s. 20,000 diagnostics on
// one 600 KB line did not finish in 60 s before the fix; they take about a second now.
#[test]
fn check_json_of_many_diagnostics_on_one_line_is_linear() {
    let dir = temp_dir("json-one-line");
    std::fs::write(dir.join("long.ron"), one_line_bank(10_000)).unwrap();
    let (out, _) = quizdesk_to_files_within(&dir, &["check", "--json", "long.ron"], 30)
        .expect("check --json of 20,000 diagnostics on one line took over 30 s");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 20_000);
    // The last one is still placed exactly: its column is its character offset on the line.
    let text = one_line_bank(10_000);
    let last_prompt = text.rfind(r#"prompt: """#).unwrap() + "prompt: ".len();
    let last = lines
        .iter()
        .rev()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(last["line"], 1);
    assert_eq!(last["column"], last_prompt + 1);
}

// Issue 13, item 6: the text renderer printed the whole source line under every diagnostic:
// 3,000 errors on an 89 KB line took 34.8 s and hundreds of megabytes. A long line is now shown
// as a window around the caret, with the file's own line and column.
#[test]
fn diagnostics_on_a_long_line_show_a_window_of_it() {
    let dir = temp_dir("render-one-line");
    let text = one_line_bank(3_000);
    assert!(text.len() > 150_000);
    std::fs::write(dir.join("long.ron"), &text).unwrap();
    let (err, _) = quizdesk_to_files_within(&dir, &["check", "long.ron"], 30)
        .expect("check of 6,000 diagnostics on one line took over 30 s");
    let longest = err.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 600, "a rendered line of {longest} characters");
    assert_eq!(err.matches("error: the prompt is empty").count(), 3_000);
    // The window is marked as cut, and the location is the file's.
    let last_prompt = text.rfind(r#"prompt: """#).unwrap() + "prompt: ".len();
    assert!(
        err.contains(&format!("long.ron:1:{}", last_prompt + 1)),
        "{}",
        &err[err.len().saturating_sub(2000)..]
    );
    assert!(err.contains("1 │ …"), "{}", &err[..2000]);
}

// Issue 13, item 6: the `distractor-length` lint sorted the other choices again for every
// choice: 370k choices took 159 s. 200k choices would take hours that way; now well under a
// second in a release build.
#[test]
fn distractor_length_lint_of_a_huge_question_is_fast() {
    let choices: Vec<String> = (0..200_000)
        .map(|i| match i {
            0 => r#"(text: "choice 0", correct: true)"#.to_owned(),
            7 => r#"(text: "a choice very much longer than every other choice of this question")"#
                .to_owned(),
            i => format!(r#"(text: "choice {i}")"#),
        })
        .collect();
    let text = format!(
        r#"Bank(format: 1, id: "huge", title: "Huge", questions: [(id: "q", prompt: "Which?", explanation: "E.", answer: SingleChoice(choices: [{}]))])"#,
        choices.join(",\n")
    );
    let bank = crate::common::bank(&text);
    let findings = within_20s(move || quizdesk::bank::lint::lint(&bank));
    let long: Vec<_> = findings
        .iter()
        .filter(|f| f.path.ends_with("choices[7].text"))
        .collect();
    assert_eq!(long.len(), 1, "{} findings", findings.len());
}

// Issue 13, item 6: the gradebook looked up every misconception tag of a row in a list of the
// tags seen so far: 100k tags in one row took 7.45 s.
#[test]
fn gradebook_of_a_row_with_100k_misconceptions_is_linear() {
    use quizdesk::results::{ResultRow, ResultsFile, StudentResults, gradebook::Gradebook};
    let row = ResultRow {
        position: 1,
        question: "q".into(),
        section: String::new(),
        answer: "Seoul".into(),
        verdict: quizdesk::session::Verdict::Wrong,
        score: 0.0,
        points: 0.0,
        max_points: 1,
        time_ms: 1000,
        // Every tag twice: each is counted once per answer.
        misconceptions: (0..200_000)
            .map(|i| format!("tag-{}", i % 100_000))
            .collect(),
        correct_answer: "Pyongyang".into(),
    };
    let file = ResultsFile {
        file: "ana.csv".into(),
        results: StudentResults {
            student: "Ana".into(),
            bank: "b".into(),
            bank_title: "B".into(),
            bank_hash: String::new(),
            seed: 1,
            version: String::new(),
            mode: "test".into(),
            date_utc: "2026-12-02T10:00:00Z".into(),
            rows: vec![row],
        },
        lines: vec![2],
    };
    let book = within_20s(move || Gradebook::build(vec![Ok(file)], None));
    let distractor = &book.questions[0].distractors[0];
    assert_eq!(distractor.misconceptions.len(), 100_000);
    assert_eq!(distractor.misconceptions[0], "tag-0");
    assert_eq!(book.misconceptions.len(), 100_000);
}

/// The first error of a bank given as text, as `(line, column, message, hint)`.
fn first_error(text: &str) -> (usize, usize, String, String) {
    let report = crate::common::report(text);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("no error in {text}"));
    (
        d.line,
        d.column,
        d.message.clone(),
        d.hint.clone().unwrap_or_default(),
    )
}

fn with_field(field: &str) -> String {
    format!(
        r#"Bank(format: 1, id: "b", title: "B", questions: [(id: "q", prompt: "P", explanation: "E.", {field}, answer: TrueFalse(answer: true))])"#
    )
}

// Issue 13, item 11: `points: 1.5`, `format: 1.0` and `answer: 0x10` were "expected `,`", and
// out-of-range numbers "expected a whole number".
#[test]
fn numbers_a_field_cannot_take_are_named_with_what_it_takes() {
    let (_, column, message, hint) = first_error(&with_field("points: 1.5"));
    assert_eq!(message, "`1.5` is not a whole number for `points`");
    assert_eq!(hint, "`points` takes a whole number from 1 to 1000");
    assert_eq!(column, with_field("points: 1.5").find("1.5").unwrap() + 1);

    let format = r#"Bank(format: 1.0, id: "b", title: "B", questions: [])"#;
    let (_, _, message, hint) = first_error(format);
    assert_eq!(message, "`1.0` is not a whole number for `format`");
    assert!(hint.contains("the whole number 1"), "{hint}");

    let hex = r#"Bank(format: 1, id: "b", title: "B", questions: [(id: "q", prompt: "P", answer: Numeric(answer: 0x10))])"#;
    let (_, _, message, _) = first_error(hex);
    assert_eq!(
        message,
        "`0x10` is a hexadecimal number for `answer`: numbers in a bank are written in decimal"
    );

    let (_, _, message, hint) = first_error(&with_field("points: 99999999999999999999"));
    assert_eq!(message, "`99999999999999999999` is too large for `points`");
    assert_eq!(hint, "`points` takes a whole number from 1 to 1000");
    let (_, _, message, _) = first_error(&with_field("points: -1"));
    assert_eq!(message, "`-1` is below zero for `points`");
}

// Issue 13, item 11: `pro<U+200B>mpt:` was "unknown field `pro`", and an id with a zero-width
// or bidi-override character only "has characters ids cannot have".
#[test]
fn invisible_characters_in_names_and_ids_are_named() {
    let text = "Bank(format: 1, id: \"b\", title: \"B\", questions: [(id: \"q\", pro\u{200B}mpt: \"P\", answer: TrueFalse(answer: true))])";
    assert!(text.contains('\u{200b}'));
    let (_, _, message, _) = first_error(text);
    assert_eq!(
        message,
        "the name `prompt` has an invisible character after `pro`: U+200B ZERO WIDTH SPACE, which cannot be seen"
    );
    for (id, named) in [
        ("q\u{202e}q", "character 2 is U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("q\u{200d}", "character 2 is U+200D ZERO WIDTH JOINER"),
        (
            "\u{feff}q",
            "character 1 is U+FEFF ZERO WIDTH NO-BREAK SPACE",
        ),
    ] {
        let text = format!(
            r#"Bank(format: 1, id: "b", title: "B", questions: [(id: "{id}", prompt: "P", explanation: "E.", answer: TrueFalse(answer: true))])"#
        );
        let (_, _, message, _) = first_error(&text);
        assert!(message.contains(named), "{message}");
        // The message itself never carries the override to the terminal.
        assert!(!message.contains('\u{202e}'), "{message}");
    }
}

// Issue 13, item 11: a file with old Mac line endings (CR only) was one line: every
// diagnostic on line 1.
#[test]
fn cr_only_files_have_their_lines() {
    let text = "Bank(\r  format: 1,\r  id: \"b\",\r  title: \"B\",\r  questions: [(id: \"q\", prompt: \"\", explanation: \"E.\", answer: TrueFalse(answer: true))],\r)\r";
    let (line, column, message, _) = first_error(text);
    assert_eq!((line, column), (5, 33), "{message}");
    assert_eq!(message, "the prompt is empty");
    // Windows line endings are left as they are.
    let crlf = text.replace('\r', "\r\n");
    let (line, column, _, _) = first_error(&crlf);
    assert_eq!((line, column), (5, 33));
}

// Issue 13, speed: one question with a million choices without feedback gave a million
// warnings, 1.1 GB and 10 s to print. A lint lists 200 findings per bank and sums up the rest
// in one warning placed at the first left out, and the counts stay true.
#[test]
fn a_lint_found_thousands_of_times_lists_200_and_counts_the_rest() {
    let dir = temp_dir("lint-cap");
    let choices: Vec<String> = (0..5_000)
        .map(|i| format!("(text: \"wrong {i}\")"))
        .collect();
    let text = format!(
        "Bank(format: 1, id: \"cap\", title: \"Cap\", questions: [(id: \"q\", prompt: \"Which?\", explanation: \"E.\", answer: SingleChoice(choices: [(text: \"right\", correct: true),\n{}]))])\n",
        choices.join(",\n")
    );
    std::fs::write(dir.join("cap.ron"), &text).unwrap();
    let (out, _) = quizdesk_to_files_within(&dir, &["check", "--json", "cap.ron"], 60)
        .expect("check --json took over 60 s");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let listed: Vec<_> = lines
        .iter()
        .filter(|d| d.get("stands_for").is_none())
        .collect();
    assert_eq!(listed.len(), 200);
    let summary: Vec<_> = lines
        .iter()
        .filter(|d| d.get("stands_for").is_some())
        .collect();
    assert_eq!(summary.len(), 1, "{out}");
    assert_eq!(summary[0]["stands_for"], 4_800);
    assert!(
        summary[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("4800 more [missing-feedback] warnings"),
        "{}",
        summary[0]["message"]
    );
    // At the 201st wrong choice: line 202 of the file.
    assert_eq!(summary[0]["line"], 202);
    let (text_out, _) =
        quizdesk_to_files_within(&dir, &["check", "cap.ron"], 60).expect("check took over 60 s");
    assert!(
        text_out.contains("checked 1 file: 5000 warnings, no errors"),
        "{}",
        &text_out[text_out.len().saturating_sub(500)..]
    );
}

// Issue 13, speed: the answer-leak lint kept every word in hash sets of strings (one 16 MiB
// prompt: 600 MB, 5 s). Now words are numbered once; the one answer named for a question whose
// answers leak several ways was whichever a hash set met first, and is now the first written.
#[test]
fn the_answer_named_by_an_answer_leak_is_the_first_written() {
    let bank = crate::common::bank(
        r#"Bank(format: 1, id: "l", title: "L", questions: [
            (id: "who", prompt: "Who leads the alliance?", explanation: "E.", answer: ShortAnswer(accept: ["Stoltenberg", "Jens Stoltenberg"])),
            (id: "said", prompt: "What did Jens Stoltenberg say about the treaty?", explanation: "E.", answer: TrueFalse(answer: true)),
            (id: "x", prompt: "An unrelated question about the weather", explanation: "E.", answer: TrueFalse(answer: true)),
            (id: "y", prompt: "Another unrelated question on rivers", explanation: "E.", answer: TrueFalse(answer: true)),
        ])"#,
    );
    for _ in 0..20 {
        let leaks = quizdesk::bank::lint::answer_leaks(&bank);
        assert_eq!(leaks.len(), 1, "{leaks:?}");
        assert_eq!((leaks[0].from, leaks[0].answers), (1, 0));
        assert_eq!(leaks[0].answer, "Stoltenberg");
    }
}

/// Issue 13, item 4: a bank with 100k errors took 3 GB and 6.5 s to open in
/// the GUI, because its library card laid out every diagnostic each frame.
/// The card lists the first ones and counts the rest.
#[test]
fn a_bank_with_thousands_of_problems_lists_the_first_on_its_card_and_counts_the_rest() {
    use egui_kittest::kittest::Queryable as _;
    let mut text = String::from("Bank(format: 1, id: \"x\", title: \"y\", questions: [\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "    (id: \"q{i}\", prompt: \"\", answer: TrueFalse(answer: true)),\n"
        ));
    }
    text.push_str("])\n");
    let report = quizdesk::bank::load_str(
        std::path::Path::new("many.ron"),
        &text,
        &crate::common::NoSources,
    );
    let (errors, warnings) = quizdesk::diag::count(&report.diagnostics);
    assert!(errors >= 5000, "{errors} errors");
    let mut library = quizdesk::library::Library::default();
    library.add_report(quizdesk::library::Origin::Opened, report);
    let app = quizdesk::ui::QuizApp::new(library, quizdesk::ui::theme::Prefs::default());
    let mut h = egui_kittest::Harness::builder()
        .with_size([1000.0, 3000.0])
        .build_ui_state(|ui, app: &mut quizdesk::ui::QuizApp| app.ui(ui), app);
    h.run();
    let listed_errors = h.get_all_by_label_contains(": error: ").count();
    let listed_warnings = h.get_all_by_label_contains(": warning: ").count();
    assert_eq!(
        listed_errors + listed_warnings,
        quizdesk::ui::library::LISTED_PROBLEMS
    );
    h.get_by_label_contains(&format!(
        "… and {} more errors and {} more warnings: open the file in the editor",
        errors - listed_errors,
        warnings - listed_warnings
    ));
}
