//! quizdesk: a desktop quiz and study aid.
//!
//! The core is plain Rust with no UI in it: [`bank`] (the quiz format, loading and checking),
//! [`diag`] (diagnostics and their rendering), [`source`] (the source text a bank cites),
//! [`session`] (seeded, reproducible sessions and grading) and [`text`] (answer folding).
//! [`bundled`] holds the banks compiled into the binary, and [`cli`] the command line.

pub mod bank;
pub mod bundled;
pub mod cli;
pub mod diag;
pub mod handout;
pub mod interop;
pub mod library;
pub mod progress;
pub mod session;
pub mod source;
pub mod text;
pub mod ui;
