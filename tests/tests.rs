//! quizdesk's integration tests, one binary with a module per subject (ripgrep's layout).
#![allow(clippy::unwrap_used)] // a panic is how a test fails

/// Shared helpers: loading banks from text.
#[path = "suite/common.rs"]
mod common;

/// Answer tests in quiz files (`expect`): passing, failing at their line, unknown choices,
/// kinds that cannot take them.
#[path = "suite/answer_tests.rs"]
mod answer_tests;
/// The application layer without a window: recording, exports, the editor's document, the
/// history load; and that it imports no UI crate.
#[path = "suite/app.rs"]
mod app;
/// The crate's shape read from its source: the core never uses the frontends (`cli`, `ui`),
/// never prints, parses arguments or exits, and no top-level modules depend on each other in a
/// circle.
#[path = "suite/architecture.rs"]
mod architecture;
/// Authoring: live reload of changed bank files.
#[path = "suite/authoring.rs"]
mod authoring;
/// The bundled banks: all check clean, all are compiled in, citations verify.
#[path = "suite/banks.rs"]
mod banks;
/// Presenter mode: the lesson core and the presenter screen (countdown, tally, reveal, teams).
#[path = "suite/classroom.rs"]
mod classroom;
/// `quizdesk check` and `quizdesk` as a user runs them: output, JSON, exit codes.
#[path = "suite/cli.rs"]
mod cli;
/// GIFT and Aiken files as Moodle's importer reads them (issue 16): empty answers, choices told
/// apart as written, catch-all feedback, categories, HTML and images, id and tag comments,
/// non-Latin titles, old Mac line endings.
#[path = "suite/gift_moodle.rs"]
mod gift_moodle;
/// Loss reports of conversions: per question, what was kept and what was lost, on import and
/// (measured by reading the file back) on export.
#[path = "suite/loss_report.rs"]
mod loss_report;
/// Moodle XML import and export: every question type, the losses located, malformed XML,
/// round trips of the bundled banks and of every field.
#[path = "suite/moodle_xml.rs"]
mod moodle_xml;
/// The presenter fits the window at projector sizes: every stage of every bundled question.
#[path = "suite/presenter_fit.rs"]
mod presenter_fit;

/// The Cloze kind in every place a kind works: checking, grading, sessions, presenter,
/// handouts, results, writers, the question screen.
#[path = "suite/cloze.rs"]
mod cloze;
/// Every CSV quizdesk writes guards formulas typed as names, teams and answers.
#[path = "suite/csv_guard.rs"]
mod csv_guard;
/// Pinned question and choice orders for fixed seeds: these must never change.
#[path = "suite/golden.rs"]
mod golden;
/// Every grading rule, right, wrong and partly right.
#[path = "suite/grading.rs"]
mod grading;
/// Printable handouts: golden files, byte-identical per seed, version A = the session's order.
#[path = "suite/handout.rs"]
mod handout;
/// GIFT and Aiken import, GIFT export: real-world style samples in `tests/interop/`, broken
/// files with their lines, round trips, the command line, and fuzzing of the parsers.
#[path = "suite/interop.rs"]
mod interop;
/// Quality lints (answer position, distractor length, missing feedback and citations, near
/// duplicates), silencing them, and the coverage report.
#[path = "suite/lints.rs"]
mod lints;
/// The corpus of broken quiz files in `tests/malformed/`, each with the place and message it
/// must produce.
#[path = "suite/malformed.rs"]
mod malformed;
/// The progress store: journals, profiles, crash safety (a writer killed hundreds of times).
#[path = "suite/progress.rs"]
mod progress;
/// Property tests: sessions are subsets without repeats, deterministic, and shuffling never
/// changes what is correct.
#[path = "suite/properties.rs"]
mod properties;
/// One test per reported defect (issue 13, hardening: FIFOs, paths escaping their folder,
/// outputs over inputs, size caps, hidden save failures, …), each pointing at its item.
#[path = "suite/regression.rs"]
mod regression;
/// Students' results files (CSV): writing, strict reading, and the class gradebook.
#[path = "suite/results.rs"]
mod results;
/// The session engine: modes, navigation, timing, summaries.
#[path = "suite/session.rs"]
mod session;
/// `quizdesk import sheet`: CSV, .xlsx and .ods read alike, every diagnostic at its cell,
/// corrupt files, zip bombs and far-away cells, the command line.
#[path = "suite/sheet.rs"]
mod sheet;
/// Image snapshots of key screens (wgpu; software rendering in CI).
#[path = "suite/snapshots.rs"]
mod snapshots;
/// The desktop app driven through its accessibility tree (egui_kittest), no display needed.
#[path = "suite/ui.rs"]
mod ui;
