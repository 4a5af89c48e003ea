use quizdesk::bank::{Bank, Question};
use quizdesk::session::grade::describe_response;
use quizdesk::session::{Outcome, Response, ResponseError, Verdict, grade};

use crate::common::{ALL_KINDS, bank};

fn q<'b>(b: &'b Bank, id: &str) -> &'b Question {
    b.question(id).expect("question exists")
}

fn g(id: &str, r: Response) -> Outcome {
    let b = bank(ALL_KINDS);
    grade(q(&b, id), &r).expect("gradable")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn single_choice_is_all_or_nothing_with_feedback_and_misconception() {
    let right = g("single", Response::Choice(1));
    assert_eq!(right.verdict, Verdict::Correct);
    assert_eq!(right.points, 1.0);
    assert_eq!(right.feedback, ["Yes."]);
    assert!(right.misconceptions.is_empty());
    let wrong = g("single", Response::Choice(0));
    assert_eq!(wrong.verdict, Verdict::Wrong);
    assert_eq!(wrong.score, 0.0);
    assert_eq!(wrong.correct_answer, "Pyongyang");
    assert_eq!(wrong.feedback, ["South."]);
    assert_eq!(wrong.misconceptions, ["two-koreas"]);
    assert_eq!(wrong.explanation, "Pyongyang.");
    let b = bank(ALL_KINDS);
    assert_eq!(
        grade(q(&b, "single"), &Response::Choice(3)),
        Err(ResponseError::NoSuchChoice(3))
    );
}

#[test]
fn multiple_select_partial_credit_follows_the_documented_rule() {
    // 3 correct choices (0, 1, 3): each right tick +1/3, each wrong tick -1/3, floor 0.
    let all_right = g("multi", Response::Choices(vec![0, 1, 3]));
    assert_eq!(all_right.verdict, Verdict::Correct);
    assert!(close(all_right.points, 3.0));
    let two = g("multi", Response::Choices(vec![0, 1]));
    assert_eq!(two.verdict, Verdict::Partial);
    assert!(close(two.score, 2.0 / 3.0));
    assert!(close(two.points, 2.0));
    assert!(
        two.feedback.iter().any(|f| f.starts_with("Missed: 2001")),
        "{:?}",
        two.feedback
    );
    let with_wrong = g("multi", Response::Choices(vec![0, 1, 3, 2]));
    assert!(close(with_wrong.score, 2.0 / 3.0));
    assert_eq!(with_wrong.misconceptions, ["date-mixup"]);
    let everything = g("multi", Response::Choices(vec![0, 1, 2, 3, 4]));
    assert!(close(everything.score, 1.0 / 3.0));
    let mostly_wrong = g("multi", Response::Choices(vec![0, 2, 4]));
    assert_eq!(mostly_wrong.score, 0.0, "never below zero");
    assert_eq!(mostly_wrong.verdict, Verdict::Wrong);
    let duplicates = g("multi", Response::Choices(vec![0, 0, 0]));
    assert!(
        close(duplicates.score, 1.0 / 3.0),
        "a choice ticked twice counts once"
    );
    let none = g("multi", Response::Choices(vec![]));
    assert_eq!(none.score, 0.0);
}

#[test]
fn true_false_gives_the_feedback_for_the_answer_given() {
    let right = g("tf", Response::Bool(true));
    assert_eq!(
        (right.verdict, right.feedback.as_slice()),
        (Verdict::Correct, ["said true".to_owned()].as_slice())
    );
    let wrong = g("tf", Response::Bool(false));
    assert_eq!(wrong.verdict, Verdict::Wrong);
    assert_eq!(wrong.feedback, ["said false"]);
    assert_eq!(wrong.misconceptions, ["doubt"]);
    assert_eq!(wrong.correct_answer, "True");
}

#[test]
fn short_answer_folds_and_forgives_one_typo() {
    for typed in [
        "Stoltenberg",
        "  stoltenberg ",
        "JENS  STOLTENBERG",
        "Jens-Stoltenberg!",
        "Stoltenbreg",
        "Stoltenber",
    ] {
        assert_eq!(
            g("short", Response::Text(typed.into())).verdict,
            Verdict::Correct,
            "{typed}"
        );
    }
    let typo = g("short", Response::Text("Stoltenburg".into()));
    assert!(
        typo.feedback[0].contains("Stoltenberg"),
        "tells the right spelling: {:?}",
        typo.feedback
    );
    assert_eq!(
        g("short", Response::Text("Stoltnbrg".into())).verdict,
        Verdict::Wrong,
        "two edits is too many"
    );
    let known = g("short", Response::Text("blinken".into()));
    assert_eq!(known.verdict, Verdict::Wrong);
    assert_eq!(known.feedback, ["He is the US Secretary of State."]);
    assert_eq!(known.misconceptions, ["who-said-what"]);
    assert_eq!(
        known.correct_answer,
        "Stoltenberg (also accepted: Jens Stoltenberg)"
    );
    let b = bank(ALL_KINDS);
    assert_eq!(
        grade(q(&b, "short"), &Response::Text(" ?! ".into())),
        Err(ResponseError::Empty)
    );
}

#[test]
fn numeric_tolerance_range_and_units() {
    for typed in ["24", "23", "25", "24.9", "24 years", "23,5"] {
        assert_eq!(
            g("num", Response::Number(typed.into())).verdict,
            Verdict::Correct,
            "{typed}"
        );
    }
    let low = g("num", Response::Number("22".into()));
    assert_eq!(
        (low.verdict, low.feedback.as_slice()),
        (Verdict::Wrong, ["Too low.".to_owned()].as_slice())
    );
    assert_eq!(
        g("num", Response::Number("26".into())).feedback,
        ["Too high."]
    );
    assert_eq!(low.correct_answer, "24 years (± 1)");
    assert_eq!(
        g("range", Response::Number("2000".into())).verdict,
        Verdict::Correct
    );
    assert_eq!(
        g("range", Response::Number("2001".into())).verdict,
        Verdict::Correct
    );
    assert_eq!(
        g("range", Response::Number("2000.5".into())).verdict,
        Verdict::Correct
    );
    assert_eq!(
        g("range", Response::Number("1999".into())).verdict,
        Verdict::Wrong
    );
    assert_eq!(
        g("range", Response::Number("1,999".into())).correct_answer,
        "between 2000 and 2001"
    );
    let b = bank(ALL_KINDS);
    assert_eq!(
        grade(q(&b, "num"), &Response::Number("twenty".into())),
        Err(ResponseError::NotANumber("twenty".into()))
    );
}

#[test]
fn ordering_scores_pairs_in_the_right_relative_order() {
    assert_eq!(
        g("order", Response::Order(vec![0, 1, 2, 3])).verdict,
        Verdict::Correct
    );
    // One swap of neighbours: 5 of 6 pairs right.
    let swapped = g("order", Response::Order(vec![1, 0, 2, 3]));
    assert!(close(swapped.score, 5.0 / 6.0));
    assert_eq!(swapped.verdict, Verdict::Partial);
    assert_eq!(swapped.feedback, ["2 of 4 items in the right place."]);
    assert_eq!(g("order", Response::Order(vec![3, 2, 1, 0])).score, 0.0);
    // Everything shifted by one: only the pairs with the moved item are wrong.
    assert!(close(
        g("order", Response::Order(vec![1, 2, 3, 0])).score,
        3.0 / 6.0
    ));
    assert_eq!(
        g("order", Response::Order(vec![0, 1, 2, 3])).correct_answer,
        "1961 → 2000 → 2001 → 2024"
    );
    let b = bank(ALL_KINDS);
    for bad in [vec![0, 1, 2], vec![0, 1, 2, 2], vec![0, 1, 2, 9]] {
        assert_eq!(
            grade(q(&b, "order"), &Response::Order(bad)),
            Err(ResponseError::NotAPermutation)
        );
    }
}

#[test]
fn matching_scores_the_share_of_right_partners() {
    assert_eq!(
        g("match", Response::Matches(vec![Some(0), Some(1), Some(2)])).verdict,
        Verdict::Correct
    );
    let one_wrong = g("match", Response::Matches(vec![Some(0), Some(3), None]));
    assert!(close(one_wrong.score, 1.0 / 3.0));
    assert_eq!(
        one_wrong.feedback,
        ["Blinken goes with US.", "Kim goes with DPRK."]
    );
    let b = bank(ALL_KINDS);
    assert_eq!(
        grade(q(&b, "match"), &Response::Matches(vec![Some(0)])),
        Err(ResponseError::WrongLength {
            expected: 3,
            found: 1
        })
    );
    assert_eq!(
        grade(
            q(&b, "match"),
            &Response::Matches(vec![Some(0), Some(1), Some(4)])
        ),
        Err(ResponseError::NoSuchChoice(4))
    );
}

#[test]
fn discussion_is_self_assessed_by_rubric_weight() {
    let three = g("discuss", Response::Rubric(vec![false, true]));
    assert!(close(three.score, 0.75));
    assert!(close(three.points, 3.0));
    assert_eq!(three.feedback, ["Self-assessed: 3 of 4 rubric points."]);
    assert_eq!(three.correct_answer, "A model.");
    assert_eq!(
        g("discuss", Response::Rubric(vec![true, true])).verdict,
        Verdict::Correct
    );
    assert_eq!(
        g("discuss", Response::Rubric(vec![false, false])).verdict,
        Verdict::Wrong
    );
}

#[test]
fn a_response_of_the_wrong_kind_is_refused() {
    let b = bank(ALL_KINDS);
    assert!(matches!(
        grade(q(&b, "tf"), &Response::Choice(0)),
        Err(ResponseError::WrongKind { .. })
    ));
    assert!(matches!(
        grade(q(&b, "single"), &Response::Bool(true)),
        Err(ResponseError::WrongKind { .. })
    ));
}

#[test]
fn responses_are_described_in_the_learners_terms() {
    let b = bank(ALL_KINDS);
    let d = |id: &str, r: Response| describe_response(q(&b, id), &r);
    assert_eq!(d("single", Response::Choice(0)), "Seoul");
    assert_eq!(d("multi", Response::Choices(vec![3, 0, 0])), "1961; 2001");
    assert_eq!(d("multi", Response::Choices(vec![])), "(nothing ticked)");
    assert_eq!(d("tf", Response::Bool(false)), "False");
    assert_eq!(d("short", Response::Text(" Blinken ".into())), "Blinken");
    assert_eq!(
        d("order", Response::Order(vec![1, 0, 2, 3])),
        "2000 → 1961 → 2001 → 2024"
    );
    assert_eq!(
        d("match", Response::Matches(vec![Some(3), None, Some(2)])),
        "Stoltenberg — UN; Blinken — (none); Kim — DPRK"
    );
    assert_eq!(
        d("discuss", Response::Rubric(vec![false, true])),
        "Ticked: three"
    );
}
