//! Files on disk, done one way everywhere: finding quiz files below a folder ([`walk`]).
//!
//! Plain functions that return values and `io::Error`s; no printing, no UI.

pub mod walk;
