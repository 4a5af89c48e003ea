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

/// The article's banks at an examiner's standard (issue 15): answer tests on every typed
/// question, balanced citations, few date and number questions, and no session that holds two
/// questions of which one gives the other away.
mod standard {
    use std::collections::{BTreeMap, HashSet};
    use std::sync::Arc;

    use quizdesk::bank::lint::answer_leaks;
    use quizdesk::bank::raw::{RawAnswer, RawBank};
    use quizdesk::bank::{Bank, Kind, KindName};
    use quizdesk::bundled;
    use quizdesk::session::{ManualClock, Session, SessionConfig};

    fn bundled_banks() -> Vec<Arc<Bank>> {
        bundled::load_all()
            .into_iter()
            .filter_map(|r| r.bank)
            .map(Arc::new)
            .collect()
    }

    fn facts() -> Arc<Bank> {
        bundled_banks()
            .into_iter()
            .find(|b| b.id() == "pact-facts")
            .unwrap()
    }

    #[test]
    fn every_typed_question_carries_at_least_five_answer_tests() {
        for bank in bundled::BANKS {
            let raw: RawBank = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str(bank.text)
                .unwrap();
            for q in &raw.questions {
                let typed = matches!(
                    q.answer,
                    RawAnswer::ShortAnswer { .. }
                        | RawAnswer::Numeric { .. }
                        | RawAnswer::Cloze { .. }
                );
                if typed {
                    assert!(
                        q.expect.len() >= 5,
                        "{}: {} answer tests",
                        q.id,
                        q.expect.len()
                    );
                    let verdicts: HashSet<_> = q.expect.iter().map(|e| e.verdict).collect();
                    assert!(
                        verdicts.len() >= 2,
                        "{}: test right and wrong answers",
                        q.id
                    );
                }
            }
        }
    }

    #[test]
    fn pact_facts_is_balanced_across_paragraphs_kinds_and_dates() {
        let facts = facts();
        let factual: Vec<_> = facts
            .questions()
            .iter()
            .filter(|q| !matches!(q.kind, Kind::Discussion(_)))
            .collect();
        assert!(factual.len() >= 53, "{} factual questions", factual.len());
        let mut per_paragraph: BTreeMap<usize, usize> = BTreeMap::new();
        for q in facts.questions() {
            *per_paragraph
                .entry(q.citation.as_ref().unwrap().paragraph)
                .or_default() += 1;
        }
        assert!(
            per_paragraph.values().all(|&n| n <= 8),
            "no paragraph cited by more than 8 questions: {per_paragraph:?}"
        );
        let dated = facts
            .questions()
            .iter()
            .filter(|q| q.tags.iter().any(|t| t == "dates" || t == "numbers"))
            .count();
        assert!(
            dated * 100 <= facts.questions().len() * 15,
            "{dated} of {} questions are about dates or numbers",
            facts.questions().len()
        );
        let mut kinds: BTreeMap<KindName, usize> = BTreeMap::new();
        for q in &factual {
            *kinds.entry(q.kind.name()).or_default() += 1;
        }
        for kind in KindName::ALL
            .into_iter()
            .filter(|k| *k != KindName::Discussion)
        {
            assert!(
                kinds.get(&kind).copied().unwrap_or(0) >= 2,
                "{kind}: {kinds:?}"
            );
        }
    }

    /// Sessions of 10, of 20 and of the whole bank, over 10,000 seeds each, never hold two
    /// questions that the `answer-leak` lint or `apart_from` marks as a pair.
    #[test]
    fn no_session_of_any_size_holds_a_leaking_pair() {
        // Picking only (no presentation orders, no UI): about 2.5 s in a debug build.
        for bank in bundled_banks() {
            let n = bank.questions().len();
            let mut pairs: HashSet<(usize, usize)> = answer_leaks(&bank)
                .iter()
                .map(|l| (l.from.min(l.answers), l.from.max(l.answers)))
                .collect();
            for a in 0..n {
                for &b in bank.apart_from(a) {
                    pairs.insert((a.min(b as usize), a.max(b as usize)));
                }
            }
            if bank.id() == "pact-facts" {
                assert!(
                    pairs.len() >= 20,
                    "the leaks found are kept apart: {}",
                    pairs.len()
                );
            }
            if pairs.is_empty() {
                continue;
            }
            let mut in_session = vec![false; n];
            for count in [Some(10), Some(20), None] {
                for seed in 0..10_000 {
                    let config = SessionConfig {
                        seed,
                        count,
                        ..SessionConfig::default()
                    };
                    let s =
                        Session::new(bank.clone(), config, Box::new(ManualClock::new())).unwrap();
                    let picked = s.question_indices();
                    if let Some(count) = count {
                        assert_eq!(picked.len(), count.min(n), "seed {seed}");
                    }
                    for &i in picked {
                        in_session[i] = true;
                    }
                    for &(a, b) in &pairs {
                        assert!(
                            !(in_session[a] && in_session[b]),
                            "{}: seed {seed}, {count:?}: `{}` and `{}` together",
                            bank.id(),
                            bank.questions()[a].id,
                            bank.questions()[b].id
                        );
                    }
                    for &i in picked {
                        in_session[i] = false;
                    }
                }
            }
        }
    }
}
