//! The results reader and the class gradebook: the input is up to four results files separated
//! by NUL bytes (a NUL never occurs in a results file). Each is read; the files read are merged
//! into a gradebook, once without a bank and once with the bundled bank most files are for (as
//! `quizdesk gradebook` does), and every report format is rendered. Nothing may panic or hang.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use quizdesk::bank::Bank;
use quizdesk::results::gradebook::{Gradebook, ReportFormat, majority_bank};
use quizdesk::results::parse_results_bytes;

fn bundled() -> &'static [Bank] {
    static BANKS: OnceLock<Vec<Bank>> = OnceLock::new();
    BANKS.get_or_init(|| {
        quizdesk::bundled::load_all()
            .into_iter()
            .filter_map(|r| r.bank)
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let inputs: Vec<_> = data
        .splitn(4, |&b| b == 0)
        .enumerate()
        .map(|(i, bytes)| parse_results_bytes(&format!("student-{i}.csv"), bytes))
        .collect();
    let bank = majority_bank(inputs.iter().filter_map(|i| i.as_ref().ok()))
        .and_then(|id| bundled().iter().find(|b| b.id() == id));
    let books = [
        Gradebook::build(inputs.clone(), None),
        Gradebook::build(inputs, bank),
    ];
    for book in &books {
        for format in [ReportFormat::Text, ReportFormat::Csv, ReportFormat::Html] {
            let _ = book.render(format);
        }
        let _ = book.notice_lines();
        let _ = book.summary();
    }
});
