//! Files on disk, done one way everywhere: finding quiz files below a folder ([`walk`]), and
//! writing files so a crash never leaves a broken one, setting unreadable ones aside
//! ([`atomic`]), reading only regular files, never more than a cap ([`read`]), and keeping
//! names taken from data inside their folder ([`names`]). Every module that saves or reads a
//! user's file goes through here.
//!
//! Plain functions that return values and `io::Error`s; no printing, no UI.

pub mod atomic;
pub mod names;
pub mod read;
pub mod walk;
