use std::path::Path;

use quizdesk::bank::load_file;
use quizdesk::bundled;

#[test]
fn every_bank_in_quizzes_is_bundled_and_checks_clean_with_no_warnings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes");
    let files = quizdesk::files::walk::collect_quiz_files(&dir).unwrap();
    assert!(!files.is_empty());
    for file in &files {
        let mut report = load_file(file).unwrap();
        quizdesk::bank::lint::add_lints(&mut report);
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

/// The article's banks (issue 3): enough questions, every kind, every paragraph cited.
mod coverage {
    use std::collections::{BTreeMap, BTreeSet};

    use quizdesk::bank::{Bank, Kind, KindName};
    use quizdesk::bundled;

    fn bundled_bank(id: &str) -> Bank {
        bundled::load_all()
            .into_iter()
            .filter_map(|r| r.bank)
            .find(|b| b.id() == id)
            .unwrap_or_else(|| panic!("no bundled bank {id}"))
    }

    #[test]
    fn the_factual_bank_uses_every_kind_twice_and_has_forty_questions() {
        let facts = bundled_bank("pact-facts");
        assert!(
            facts.questions().len() >= 40,
            "{} questions",
            facts.questions().len()
        );
        let mut counts: BTreeMap<KindName, usize> = BTreeMap::new();
        for q in facts.questions() {
            *counts.entry(q.kind.name()).or_default() += 1;
        }
        for kind in KindName::ALL
            .into_iter()
            .filter(|k| *k != KindName::Discussion)
        {
            assert!(
                counts.get(&kind).copied().unwrap_or(0) >= 2,
                "{kind}: {counts:?}"
            );
        }
    }

    #[test]
    fn every_paragraph_of_the_article_is_cited_by_a_factual_question() {
        let facts = bundled_bank("pact-facts");
        let source = facts.source().unwrap();
        let cited: BTreeSet<usize> = facts
            .questions()
            .iter()
            .filter_map(|q| q.citation.as_ref().map(|c| c.paragraph))
            .collect();
        let all: BTreeSet<usize> = (1..=source.text.len()).collect();
        assert_eq!(cited, all);
        assert!(
            facts.questions().iter().all(|q| q.citation.is_some()),
            "every question cites"
        );
    }

    #[test]
    fn every_question_teaches_and_every_wrong_choice_says_why() {
        for bank in [bundled_bank("pact-facts"), bundled_bank("pact-discussion")] {
            for q in bank.questions() {
                assert!(q.explanation.len() > 40, "{}: explanation too thin", q.id);
                if let Kind::SingleChoice(choices) | Kind::MultipleSelect(choices) = &q.kind {
                    for c in choices.iter().filter(|c| !c.correct) {
                        assert!(
                            !c.feedback.trim().is_empty(),
                            "{}: `{}` has no feedback",
                            q.id,
                            c.text
                        );
                    }
                    let text = |c: &quizdesk::bank::Choice| c.text.to_lowercase();
                    assert!(
                        !choices.iter().any(|c| text(c).contains("all of the above")
                            || text(c).contains("none of the above")),
                        "{}",
                        q.id
                    );
                }
                if let Kind::TrueFalse(tf) = &q.kind {
                    assert!(
                        !tf.feedback_true.is_empty() && !tf.feedback_false.is_empty(),
                        "{}",
                        q.id
                    );
                }
            }
        }
    }

    #[test]
    fn correct_answers_are_spread_over_positions() {
        let facts = bundled_bank("pact-facts");
        let mut positions: BTreeMap<usize, usize> = BTreeMap::new();
        let mut total = 0;
        for q in facts.questions() {
            if let Kind::SingleChoice(choices) = &q.kind {
                let at = choices.iter().position(|c| c.correct).unwrap();
                *positions.entry(at).or_default() += 1;
                total += 1;
            }
        }
        let most = positions.values().copied().max().unwrap();
        assert!(
            most * 100 <= total * 40,
            "correct answers pile up: {positions:?}"
        );
        assert!(positions.len() >= 4, "{positions:?}");
    }

    #[test]
    fn the_discussion_bank_has_eight_rubric_backed_prompts() {
        let discussion = bundled_bank("pact-discussion");
        let prompts: Vec<_> = discussion
            .questions()
            .iter()
            .filter_map(|q| match &q.kind {
                Kind::Discussion(d) => Some((q, d)),
                _ => None,
            })
            .collect();
        assert!(prompts.len() >= 8, "{} prompts", prompts.len());
        for (q, d) in prompts {
            assert!(
                (3..=6).contains(&d.rubric.len()),
                "{}: {} rubric points",
                q.id,
                d.rubric.len()
            );
            assert!(
                d.rubric.iter().any(|r| r.citation.is_some()),
                "{}: no rubric point cites the article",
                q.id
            );
            assert!(d.minutes.is_some(), "{}: no suggested minutes", q.id);
            assert!(d.model_answer.len() > 100, "{}: thin model answer", q.id);
        }
    }

    #[test]
    fn the_bundled_banks_together_have_every_kind() {
        let mut kinds = BTreeSet::new();
        for bank in bundled::load_all().into_iter().filter_map(|r| r.bank) {
            kinds.extend(bank.kinds());
        }
        assert_eq!(kinds.into_iter().collect::<Vec<_>>(), KindName::ALL);
    }
}
