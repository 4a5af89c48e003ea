//! quizdesk: a desktop quiz and study aid.
//!
//! The core is plain Rust with no UI in it: [`bank`] (the quiz format, loading and checking),
//! [`diag`] (diagnostics and their rendering), [`source`] (the source text a bank cites),
//! [`session`] (seeded, reproducible sessions and grading) and [`text`] (answer folding).
//! [`bundled`] holds the banks compiled into the binary, [`files`] finds quiz files on disk.
//! [`results`] writes and reads students' results files and merges them into a class gradebook.
//!
//! Two frontends sit on top and nothing in the core uses them: [`cli`] (the command line:
//! arguments, terminal output, exit codes) and [`ui`] (the desktop app). `main.rs` starts one.
//! [`app`] is the application layer under the desktop UI ([`ui`]): the library, the learners,
//! and every side effect the UI asks for, with no egui in it.

pub mod app;
pub mod bank;
pub mod bundled;
pub mod classroom;
pub mod cli;
pub mod csvio;
pub mod diag;
pub mod editor;
pub mod files;
pub mod format;
pub mod handout;
pub mod interop;
pub mod kinds;
pub mod library;
pub mod progress;
pub mod results;
pub mod session;
pub mod source;
pub mod text;
pub mod ui;
pub mod watch;
