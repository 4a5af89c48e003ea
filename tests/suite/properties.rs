use std::collections::HashSet;
use std::fmt::Write;

use proptest::prelude::*;
use quizdesk::bank::{Bank, Kind};
use quizdesk::session::{Filter, Response, SessionConfig, Verdict, grade, plan};

/// A bank of `n` choice questions, question `i` with `2 + i % 5` choices of which the ones
/// with `(i + j) % 3 == 0` are correct (at least one), some pinned.
fn generated_bank(n: usize) -> Bank {
    let mut text =
        String::from("Bank(format: 1, id: \"gen\", title: \"Generated\", questions: [\n");
    for i in 0..n {
        let choices = 2 + i % 5;
        let multi = i % 2 == 1;
        let kind = if multi {
            "MultipleSelect"
        } else {
            "SingleChoice"
        };
        let _ = write!(
            text,
            "(id: \"q{i}\", prompt: \"Q{i}\", explanation: \"E\", section: \"s{}\", answer: {kind}(choices: [",
            i % 3
        );
        for j in 0..choices {
            let correct = if multi {
                (i + j) % 3 == 0 || j == 0
            } else {
                j == i % choices
            };
            let pinned = j == choices - 1 && i % 4 == 0;
            let _ = write!(
                text,
                "(text: \"c{j}\", correct: {correct}, pinned: {pinned}),"
            );
        }
        text.push_str("])),\n");
    }
    text.push_str("])");
    let report = quizdesk::bank::load_str(
        std::path::Path::new("gen.ron"),
        &text,
        &crate::common::NoSources,
    );
    report.bank.expect("generated bank is valid")
}

fn config_strategy() -> impl Strategy<Value = SessionConfig> {
    (
        any::<u64>(),
        proptest::option::of(0usize..40),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(0usize..3),
    )
        .prop_map(
            |(seed, count, shuffle_questions, shuffle_choices, section)| SessionConfig {
                seed,
                count: count.map(|c| c.max(1)),
                shuffle_questions,
                shuffle_choices,
                filter: Filter {
                    sections: section.map(|s| vec![format!("s{s}")]).unwrap_or_default(),
                    ..Filter::default()
                },
                ..SessionConfig::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_session_is_a_subset_of_matching_questions_without_repeats(n in 1usize..30, config in config_strategy()) {
        let bank = generated_bank(n);
        let Ok((items, _)) = plan(&bank, &config) else {
            // Only possible when the filter matches nothing.
            prop_assert!(bank.questions().iter().all(|q| !config.filter.accepts(q)));
            return Ok(());
        };
        let matching = bank.questions().iter().filter(|q| config.filter.accepts(q)).count();
        prop_assert_eq!(items.len(), config.count.unwrap_or(matching).min(matching));
        let unique: HashSet<usize> = items.iter().map(|it| it.question).collect();
        prop_assert_eq!(unique.len(), items.len());
        for it in &items {
            prop_assert!(config.filter.accepts(&bank.questions()[it.question]));
        }
    }

    #[test]
    fn a_session_is_deterministic_per_seed(n in 1usize..30, config in config_strategy()) {
        let bank = generated_bank(n);
        prop_assert_eq!(plan(&bank, &config), plan(&bank, &config));
    }

    #[test]
    fn shuffling_choices_never_changes_which_are_correct(n in 1usize..30, config in config_strategy()) {
        let bank = generated_bank(n);
        let Ok((items, _)) = plan(&bank, &config) else { return Ok(()) };
        for it in &items {
            let q = &bank.questions()[it.question];
            let (Kind::SingleChoice(choices) | Kind::MultipleSelect(choices)) = &q.kind else { continue };
            // The order is a permutation of the choices, pinned ones in place.
            let mut sorted = it.order.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..choices.len()).collect::<Vec<_>>());
            for (pos, &idx) in it.order.iter().enumerate() {
                if choices[idx].pinned { prop_assert_eq!(pos, idx); }
            }
            // Choosing what is shown as correct, through the presented order, scores full marks.
            let shown_correct: Vec<usize> = it.order.iter().copied().filter(|&i| choices[i].correct).collect();
            let response = match &q.kind {
                Kind::SingleChoice(_) => Response::Choice(shown_correct[0]),
                _ => Response::Choices(shown_correct.clone()),
            };
            prop_assert_eq!(grade(q, &response).unwrap().verdict, Verdict::Correct);
            let correct_in_bank: HashSet<usize> = (0..choices.len()).filter(|&i| choices[i].correct).collect();
            prop_assert_eq!(shown_correct.into_iter().collect::<HashSet<_>>(), correct_in_bank);
        }
    }

    #[test]
    fn different_seeds_usually_give_different_orders(seed in any::<u64>()) {
        let bank = generated_bank(20);
        let a = plan(&bank, &SessionConfig { seed, ..SessionConfig::default() }).unwrap().0;
        let b = plan(&bank, &SessionConfig { seed: seed.wrapping_add(1), ..SessionConfig::default() }).unwrap().0;
        // 20! orders: a collision would mean the seed is ignored.
        prop_assert_ne!(a, b);
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let _ = crate::common::report(&text);
    }

    #[test]
    fn the_loader_never_panics_on_mutated_banks(cut in 0usize..2000, insert in "[\\[\\](){}\",:a-z0-9 ]{0,5}") {
        let base = crate::common::ALL_KINDS;
        let mut cut = cut.min(base.len());
        while !base.is_char_boundary(cut) { cut -= 1; }
        let text = format!("{}{insert}{}", &base[..cut], &base[cut..]);
        let report = crate::common::report(&text);
        for d in &report.diagnostics {
            prop_assert!(d.line >= 1 && d.column >= 1);
            prop_assert!(d.range.end <= report.text.len());
        }
        let _ = report.render();
    }
}
