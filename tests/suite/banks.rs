use std::path::Path;

use quizdesk::bank::{KindName, load_file};
use quizdesk::bundled;

#[test]
fn every_bank_in_quizzes_is_bundled_and_checks_clean_with_no_warnings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes");
    let files = quizdesk::cli::collect_quiz_files(&dir).unwrap();
    assert!(!files.is_empty());
    for file in &files {
        let report = load_file(file).unwrap();
        assert!(report.diagnostics.is_empty(), "{}", report.render());
        let rel = format!("quizzes/{}", file.file_name().unwrap().to_string_lossy());
        let bundled = bundled::BANKS
            .iter()
            .chain([&bundled::TEMPLATE])
            .find(|b| b.path == rel);
        let bundled = bundled.unwrap_or_else(|| panic!("{rel} is not in bundled::BANKS"));
        assert_eq!(bundled.text, std::fs::read_to_string(file).unwrap());
    }
    assert_eq!(bundled::BANKS.len() + 1, files.len());
}

#[test]
fn bundled_banks_load_from_the_binary_with_their_sources() {
    for report in bundled::load_all() {
        assert!(report.diagnostics.is_empty(), "{}", report.render());
        let bank = report.bank.unwrap();
        let source = bank.source().expect("the bundled banks cite the article");
        assert!(source.text.len() >= 10, "the article has ten paragraphs");
        for q in bank.questions() {
            if let Some(c) = &q.citation {
                assert!(
                    source
                        .text
                        .paragraph(c.paragraph)
                        .unwrap()
                        .contains(&c.quote)
                );
            }
        }
    }
}

#[test]
fn the_bundled_article_is_the_shared_source_text() {
    let shipped = bundled::SOURCES
        .iter()
        .find(|s| s.path == "assets/article.txt")
        .unwrap();
    let on_disk =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/article.txt"))
            .unwrap();
    assert_eq!(shipped.text, on_disk);
}

#[test]
fn the_sample_bank_has_every_kind() {
    let sample = bundled::load_all()
        .into_iter()
        .find(|r| r.path.ends_with("sample.ron"))
        .unwrap();
    assert_eq!(sample.bank.unwrap().kinds(), KindName::ALL);
}
