//! quizdesk: a desktop quiz and study aid.
//!
//! The core is plain Rust with no UI in it: [`bank`] (the quiz format, loading and checking),
//! [`diag`] (diagnostics and their rendering), [`source`] (the source text a bank cites),
//! [`session`] (seeded, reproducible sessions and grading) and [`text`] (answer folding).
//! [`bundled`] holds the banks compiled into the binary, and [`cli`] the command line.
//! [`results`] writes and reads students' results files and merges them into a class gradebook.

pub mod bank;
pub mod bundled;
pub mod classroom;
pub mod cli;
pub mod diag;
pub mod editor;
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
