use std::path::Path;
use std::process::{Command, Output};

use crate::common::{quizdesk, temp_dir};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_on_the_bundled_quizzes_is_clean() {
    let o = quizdesk(&["check", "quizzes/"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("no problems found"), "{}", stdout(&o));
}

#[test]
fn check_exit_codes_clean_warnings_errors_and_trouble() {
    let dir = temp_dir("codes");
    let warn = dir.join("warn.ron");
    std::fs::write(
        &warn,
        r#"Bank(format: 1, id: "w", title: "W", questions: [(id: "q", prompt: "P", answer: TrueFalse(answer: true, feedback_false: "No."))])"#,
    )
    .unwrap();
    let o = quizdesk(&["check", warn.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "warnings alone pass: {}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("warning: question `q` has no explanation"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("checked 1 file: 1 warning, no errors"),
        "{}",
        stdout(&o)
    );

    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed/unknown_field.ron");
    let o = quizdesk(&["check", warn.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("checked 2 files: 1 error and 1 warning (1 file with errors)"),
        "{}",
        stdout(&o)
    );

    let o = quizdesk(&["check", "no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read no/such/file.ron"),
        "{}",
        stderr(&o)
    );

    let empty = temp_dir("empty");
    let o = quizdesk(&["check", empty.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a folder without quiz files is a usage problem"
    );

    assert_eq!(
        quizdesk(&["check"]).status.code(),
        Some(2),
        "no path is a usage error"
    );
    assert_eq!(
        quizdesk(&["check", "--frobnicate", "x"]).status.code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn check_json_prints_one_object_per_diagnostic() {
    let o = quizdesk(&[
        "check",
        "--json",
        "tests/malformed/unknown_field.ron",
        "tests/malformed/duplicate_ids.ron",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "tests/malformed/unknown_field.ron");
    assert_eq!(lines[0]["line"], 9);
    assert_eq!(lines[0]["column"], 13);
    assert_eq!(lines[0]["end_column"], 23);
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(
        lines[0]["message"],
        "unknown field `explnation` in `Question`"
    );
    assert_eq!(lines[0]["hint"], "did you mean `explanation`?");
    assert_eq!(lines[1]["line"], 16);
    assert!(
        stderr(&o).contains("checked 2 files"),
        "the summary goes to stderr"
    );
}

#[test]
fn check_walks_folders_for_ron_files_only() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    let ok = r#"Bank(format: 1, id: "w", title: "W", questions: [(id: "q", prompt: "P", explanation: "E", answer: TrueFalse(answer: true, feedback_false: "F"))])"#;
    std::fs::write(dir.join("a.ron"), ok).unwrap();
    std::fs::write(dir.join("sub/b.ron"), ok).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a bank").unwrap();
    std::fs::write(dir.join(".hidden/broken.ron"), "(").unwrap();
    let o = quizdesk(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("checked 2 files: no problems found"),
        "{}",
        stdout(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn quizdesk_without_a_display_says_so_instead_of_crashing() {
    let elsewhere = temp_dir("elsewhere");
    let o = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .current_dir(&elsewhere)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot open a window"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    std::fs::remove_dir_all(&elsewhere).unwrap();
}

/// Every command reports a failure once, on standard error, as `quizdesk: …`, and exits with
/// the status of its kind: 1 for input with errors, 2 for usage and I/O trouble.
#[test]
fn each_command_reports_a_failure_once_with_its_exit_status() {
    let dir = temp_dir("failures");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let broken = dir.join("broken.ron");
    std::fs::write(&broken, "Bank(format: 1)").unwrap();
    let not_utf8 = dir.join("latin1.gift");
    std::fs::write(&not_utf8, b"::q:: Caf\xe9? {T}").unwrap();
    let (empty, broken, not_utf8) = (
        empty.to_str().unwrap(),
        broken.to_str().unwrap(),
        not_utf8.to_str().unwrap(),
    );
    // Below a file, where no folder can be made.
    let unwritable = dir.join("broken.ron").join("out.gift");
    let unwritable = unwritable.to_str().unwrap();
    let cases: [(&[&str], i32, String); 6] = [
        (
            &["gradebook", empty],
            2,
            format!("quizdesk: no .csv files in {empty}\nquizdesk: no results files to merge\n"),
        ),
        (
            &["gradebook", empty, "--out", "report.txt"],
            2,
            "quizdesk: --out report.txt must end in .csv or .html\n".into(),
        ),
        (
            &["export", "gift", "pact-facts", "--out", unwritable],
            2,
            format!("quizdesk: cannot write {unwritable}: "),
        ),
        (
            &["export", "handout", "no-such-bank"],
            2,
            "quizdesk: cannot read no-such-bank: ".into(),
        ),
        (
            &["export", "handout", broken],
            1,
            format!("quizdesk: {broken} has errors; fix them first\n"),
        ),
        (
            &["import", "gift", not_utf8, "--color", "never"],
            1,
            format!(
                "quizdesk: {not_utf8}: the file is not UTF-8 text (invalid byte at offset 9); re-save it as UTF-8\n"
            ),
        ),
    ];
    for (args, status, message) in cases {
        let o = quizdesk(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(status), "{args:?}: {err}");
        assert!(err.contains(&message), "{args:?}: {err}");
        let reported = err.lines().filter(|l| l.starts_with("quizdesk: ")).count();
        assert_eq!(
            reported,
            message.matches("quizdesk: ").count(),
            "{args:?}: {err}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
