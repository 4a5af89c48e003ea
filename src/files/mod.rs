//! Files on disk, done one way everywhere: finding quiz files below a folder ([`walk`]), and
//! writing files so a crash never leaves a broken one, setting unreadable ones aside
//! ([`atomic`]). Every module that saves a file goes through here.
//!
//! Plain functions that return values and `io::Error`s; no printing, no UI.

pub mod atomic;
pub mod walk;
