//! The Aiken importer on any text (bytes read as UTF-8, invalid sequences replaced): it never
//! panics or hangs, and the bank it writes loads with no error.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use quizdesk::interop::aiken;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let c = aiken::import(Path::new("fuzz.txt"), &text, &common::options());
    common::check_converted(&c);
});
