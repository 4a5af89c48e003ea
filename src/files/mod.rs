//! Files on disk: writing them so a crash never leaves a broken one, and setting unreadable ones
//! aside. Every module that saves a file goes through here.

pub mod atomic;
