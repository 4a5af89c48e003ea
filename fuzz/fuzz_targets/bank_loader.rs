//! The bank loader on any bytes: loading, lints and rendering the report never panic or hang,
//! and a bank that loads exports to GIFT.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use quizdesk::bank::lint::add_lints;
use quizdesk::bank::load_bytes;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut report = load_bytes(Path::new("fuzz.ron"), data, &common::MemorySources);
    let _ = report.render();
    if report.bank.is_some() {
        // Lints place their warnings by scanning the text again: where offsets can go wrong.
        add_lints(&mut report);
        let _ = report.render();
    }
    if let Some(bank) = &report.bank {
        let _ = quizdesk::interop::gift::export(bank);
    }
});
