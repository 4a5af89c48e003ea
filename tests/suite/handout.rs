use std::path::Path;
use std::process::Command;

use quizdesk::handout::{Format, handouts, version_seed};
use quizdesk::session::{SessionConfig, plan};

use crate::common::{ALL_KINDS, bank};

/// Compares with `tests/golden/<name>`; `UPDATE_GOLDEN=1` writes it instead (look at the diff!).
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no golden file {}", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn handouts_match_their_golden_files() {
    let b = bank(ALL_KINDS);
    let files = handouts(&b, 4711, 2, Format::Markdown).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "kinds-seed4711-A.md",
            "kinds-seed4711-A-key.md",
            "kinds-seed4711-B.md",
            "kinds-seed4711-B-key.md"
        ]
    );
    golden("kinds-seed4711-A.md", &files[0].contents);
    golden("kinds-seed4711-A-key.md", &files[1].contents);
    let html = handouts(&b, 4711, 1, Format::Html).unwrap();
    golden("kinds-seed4711-A.html", &html[0].contents);
    golden("kinds-seed4711-A-key.html", &html[1].contents);
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_versions_differ() {
    let b = bank(ALL_KINDS);
    assert_eq!(
        handouts(&b, 99, 3, Format::Html).unwrap(),
        handouts(&b, 99, 3, Format::Html).unwrap()
    );
    let files = handouts(&b, 99, 3, Format::Markdown).unwrap();
    assert_ne!(
        files[0].contents, files[2].contents,
        "version B is ordered differently from A"
    );
    assert_ne!(version_seed(99, 1), version_seed(99, 2));
}

#[test]
fn version_a_follows_the_session_with_the_same_seed() {
    let b = bank(ALL_KINDS);
    let (items, _) = plan(
        &b,
        &SessionConfig {
            seed: 4711,
            ..SessionConfig::default()
        },
    )
    .unwrap();
    let sheet = &handouts(&b, 4711, 1, Format::Markdown).unwrap()[0].contents;
    let mut last = 0;
    for (n, it) in items.iter().enumerate() {
        let heading = format!("## {}. {}", n + 1, b.questions()[it.question].prompt);
        let at = sheet
            .find(&heading)
            .unwrap_or_else(|| panic!("missing {heading}"));
        assert!(at >= last, "questions in session order");
        last = at;
    }
}

#[test]
fn html_is_escaped_and_prints_one_question_per_block() {
    let b = bank(&ALL_KINDS.replace("prompt: \"Capital?\"", "prompt: \"Capital <b>&</b>?\""));
    let sheet = &handouts(&b, 1, 1, Format::Html).unwrap()[0].contents;
    assert!(sheet.contains("Capital &lt;b&gt;&amp;&lt;/b&gt;?"));
    assert!(!sheet.contains("<b>&"));
    assert_eq!(
        sheet.matches("<section class=\"q\">").count(),
        b.questions().len()
    );
    assert!(sheet.contains("break-inside: avoid") && sheet.contains("@page"));
    // "(1 point)" stays on one line after a long prompt (issue 12, item 9).
    assert!(sheet.contains("<span class=\"pts\">(1 point)</span>"));
    assert!(sheet.contains(".pts { font-weight: normal; font-size: 10pt; white-space: nowrap; }"));
}

#[test]
fn the_export_command_writes_files_and_refuses_broken_banks() {
    let dir = std::env::temp_dir().join(format!("quizdesk-handout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quizdesk"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let out = dir.to_str().unwrap();
    let o = run(&[
        "export",
        "handout",
        "pact-facts",
        "--seed",
        "4711",
        "--versions",
        "2",
        "--format",
        "html",
        "--out",
        out,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "pact-facts-seed4711-A-key.html",
            "pact-facts-seed4711-A.html",
            "pact-facts-seed4711-B-key.html",
            "pact-facts-seed4711-B.html"
        ]
    );
    let first = std::fs::read(dir.join("pact-facts-seed4711-A.html")).unwrap();
    run(&[
        "export",
        "handout",
        "quizzes/pact-facts.ron",
        "--seed",
        "4711",
        "--out",
        out,
    ]);
    assert_eq!(
        std::fs::read(dir.join("pact-facts-seed4711-A.html")).unwrap(),
        first,
        "a file path and the bundled id give the same handout"
    );
    let o = run(&[
        "export",
        "handout",
        "tests/malformed/two_correct_choices.ron",
        "--out",
        out,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("two_correct_choices.ron:12:38"));
    assert_eq!(
        run(&["export", "handout", "no-such-bank", "--out", out])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["export", "handout", "pact-facts", "--versions", "27"])
            .status
            .code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_whole_bank_handout_holds_questions_kept_apart_and_its_key_says_so() {
    let b = bank(
        r#"Bank(format: 1, id: "apart", title: "Apart", questions: [
        (id: "a", prompt: "First?", explanation: "x", apart_from: ["c"], answer: TrueFalse(answer: true)),
        (id: "b", prompt: "Second?", explanation: "x", answer: TrueFalse(answer: true)),
        (id: "c", prompt: "Third?", explanation: "x", answer: TrueFalse(answer: true)),
    ])"#,
    );
    let files = handouts(&b, 5, 1, Format::Markdown).unwrap();
    let (sheet, key) = (&files[0].contents, &files[1].contents);
    for prompt in ["First?", "Second?", "Third?"] {
        assert!(sheet.contains(prompt), "{prompt} on the sheet:\n{sheet}");
    }
    assert!(
        key.contains("kept apart in sessions (apart\\_from): one gives away another's answer."),
        "{key}"
    );
    assert_eq!(
        key.matches("Kept apart in sessions from question").count(),
        2,
        "{key}"
    );
    assert!(
        key.contains("question 1 (id c)") && key.contains("question 2 (id a)"),
        "{key}"
    );
    // The session with the seed asks the handout's questions in its order, less one of the two.
    let s = quizdesk::session::Session::new(
        b.clone(),
        SessionConfig {
            seed: 5,
            ..SessionConfig::default()
        },
        Box::new(quizdesk::session::ManualClock::new()),
    )
    .unwrap();
    assert_eq!(s.len(), 2);
    let mut last = 0;
    for &i in s.question_indices() {
        let at = sheet.find(&b.questions()[i].prompt).unwrap();
        assert!(at >= last);
        last = at;
    }
}
