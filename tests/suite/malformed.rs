use std::path::{Path, PathBuf};
use std::process::Command;

use quizdesk::bank::{MAX_FILE_BYTES, load_file};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed")
}

struct Expected {
    file: String,
    line: usize,
    column: usize,
    message: String,
    hint: Option<String>,
}

fn expectations() -> Vec<Expected> {
    let text = std::fs::read_to_string(corpus().join("expected.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "bad line in expected.tsv: {l}");
            let (line, column) = f[1].split_once(':').unwrap();
            Expected {
                file: f[0].into(),
                line: line.parse().unwrap(),
                column: column.parse().unwrap(),
                message: f[2].into(),
                hint: (f[3] != "-").then(|| f[3].into()),
            }
        })
        .collect()
}

#[test]
fn the_corpus_is_large_and_every_file_has_an_expectation() {
    let expected = expectations();
    assert!(
        expected.len() >= 30,
        "only {} malformed files",
        expected.len()
    );
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = expected.iter().map(|e| e.file.clone()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_malformed_file_reports_the_expected_place_message_and_hint() {
    let mut failures = Vec::new();
    for e in expectations() {
        let report = load_file(&corpus().join(&e.file)).unwrap();
        assert!(report.bank.is_none(), "{} loaded", e.file);
        let Some(first) = report.diagnostics.iter().find(|d| d.is_error()) else {
            failures.push(format!("{}: no error", e.file));
            continue;
        };
        let got = (
            first.line,
            first.column,
            first.message.as_str(),
            first.hint.as_deref().unwrap_or("-"),
        );
        let hint_ok = e.hint.as_deref().is_none_or(|h| got.3.starts_with(h));
        if (got.0, got.1) != (e.line, e.column) || got.2 != e.message || !hint_ok {
            failures.push(format!(
                "{}: expected {}:{} {:?} hint {:?}, got {got:?}",
                e.file, e.line, e.column, e.message, e.hint
            ));
        }
        // Every diagnostic renders with the location and a caret or an underline.
        let rendered = report.render();
        assert!(
            rendered.contains(&format!(
                "{}:{}:{}",
                report.path.display(),
                e.line,
                e.column
            )),
            "{rendered}"
        );
        assert!(rendered.contains('^'), "{rendered}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn check_prints_a_caret_diagnostic_and_exits_1_for_each_malformed_file() {
    for e in expectations() {
        let out = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
            .args(["check", "--color", "never"])
            .arg(corpus().join(&e.file))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{}: {stdout}", e.file);
        assert!(
            stdout.contains(&format!(":{}:{}", e.line, e.column)),
            "{}: {stdout}",
            e.file
        );
        assert!(stdout.contains('^'), "{}: {stdout}", e.file);
        assert!(stdout.contains(&e.message), "{}: {stdout}", e.file);
        assert!(
            !stdout.contains('\0'),
            "no control bytes reach the terminal"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it_all() {
    let dir = std::env::temp_dir().join(format!("quizdesk-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 10).unwrap();
    let report = load_file(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(report.diagnostics.len(), 1);
    assert!(
        report.diagnostics[0]
            .message
            .contains("larger than the 16 MiB limit")
    );
    assert!(report.text.len() <= 1024);
}

#[test]
fn very_deep_nesting_is_refused_without_overflowing_the_stack() {
    let prefix = "Bank(format: 1, id: \"x\", title: ";
    let text = format!("{prefix}{}", "[".repeat(1_000_000));
    let report = crate::common::report(&text);
    assert_eq!(
        report.diagnostics[0].message,
        "the file nests values more than 64 levels deep"
    );
    // `Bank(` is level 1, so the 64th `[` is the first too deep.
    assert_eq!(
        (report.diagnostics[0].line, report.diagnostics[0].column),
        (1, prefix.len() + 64)
    );
}

#[test]
fn a_byte_order_mark_is_fine() {
    let text = format!("\u{feff}{}", crate::common::ALL_KINDS);
    let report = quizdesk::bank::load_bytes(
        Path::new("bom.ron"),
        text.as_bytes(),
        &crate::common::NoSources,
    );
    assert!(report.bank.is_some(), "{}", report.render());
}

#[test]
fn one_pass_reports_every_semantic_problem() {
    let report = crate::common::report(
        r#"Bank(format: 1, id: "x", title: "", questions: [
            (id: "a", prompt: "", explanation: "x", answer: SingleChoice(choices: [(text: "1"), (text: "2")])),
            (id: "a", prompt: "p", explanation: "x", answer: Numeric(min: 3, max: 1)),
            (id: "c", prompt: "p", answer: Ordering(items: ["x"])),
        ])"#,
    );
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(report.error_count(), 6, "{messages:#?}");
    assert_eq!(report.warning_count(), 1, "{messages:#?}");
    let lines: Vec<usize> = report.diagnostics.iter().map(|d| d.line).collect();
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "sorted by place: {lines:?}"
    );
}
