//! Text an author starts from: a new bank from the template, and a correct skeleton of a
//! question of each kind.

use crate::bank::KindName;

/// The file name the bundled article is saved under next to a new bank.
pub const ARTICLE_FILE: &str = "article.txt";

/// The title a new bank starts with.
pub const NEW_TITLE: &str = "My bank";

/// A new bank: the bundled template with its own id and title, citing the article saved next
/// to it.
pub fn new_bank(id: &str) -> String {
    crate::bundled::TEMPLATE
        .text
        .replacen("id: \"template\"", &format!("id: \"{id}\""), 1)
        .replacen(
            "title: \"Template: the Russia–North Korea pact\"",
            &format!("title: \"{NEW_TITLE}\""),
            1,
        )
        .replacen(
            "file: \"../assets/article.txt\"",
            &format!("file: \"{ARTICLE_FILE}\""),
            1,
        )
}

/// A question of `kind` with id `id`, as it sits in a bank's `questions: [ … ]` list (indented
/// eight spaces, ending with a comma and a new line). It loads without errors; its
/// placeholders are plain enough to spot.
pub fn question(kind: KindName, id: &str) -> String {
    let answer = match kind {
        KindName::SingleChoice => {
            r#"SingleChoice(choices: [
                (text: "The right answer", correct: true, feedback: "Why it is right."),
                (text: "A wrong answer", feedback: "Why it is wrong."),
                (text: "Another wrong answer", feedback: "Why it is wrong."),
            ])"#
        }
        KindName::MultipleSelect => {
            r#"MultipleSelect(choices: [
                (text: "A right answer", correct: true, feedback: "Why it is right."),
                (text: "Another right answer", correct: true, feedback: "Why it is right."),
                (text: "A wrong answer", feedback: "Why it is wrong."),
            ])"#
        }
        KindName::TrueFalse => {
            r#"TrueFalse(
                answer: true,
                feedback_true: "Why it is true.",
                feedback_false: "Why it is not false.",
            )"#
        }
        KindName::ShortAnswer => {
            r#"ShortAnswer(
                accept: ["The answer", "Another accepted form"],
                typos: 1,
                wrong: [(text: "A likely wrong answer", feedback: "Why it is wrong.")],
            )"#
        }
        KindName::Numeric => r#"Numeric(answer: 24, tolerance: 0, unit: "years")"#,
        KindName::Ordering => r#"Ordering(items: ["First", "Second", "Third"])"#,
        KindName::Matching => {
            r#"Matching(
                pairs: [("Left one", "Right one"), ("Left two", "Right two"), ("Left three", "Right three")],
                distractors: ["A right-hand option that matches nothing"],
            )"#
        }
        KindName::Discussion => {
            r#"Discussion(
                model_answer: "What a strong answer says.",
                rubric: [
                    (point: "A point a good answer makes", weight: 2),
                    (point: "Another point", weight: 1),
                ],
                minutes: 5,
            )"#
        }
    };
    format!(
        r#"        (
            id: "{id}",
            prompt: "The question ({label})?",
            explanation: "Why the answer is right.",
            answer: {answer},
        ),
"#,
        label = kind.label()
    )
}

/// An id like `new-single-choice-2` that `text` does not use yet.
pub fn fresh_id(kind: KindName, text: &str) -> String {
    let base = format!("new-{}", kind.label().replace([' ', '/'], "-"));
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !text.contains(&format!("\"{id}\"")))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::load_str;

    struct NoSources;
    impl crate::bank::SourceResolver for NoSources {
        fn read(&self, file: &str) -> Result<String, crate::bank::SourceError> {
            Err(crate::bank::SourceError::NotFound(file.into()))
        }
    }

    struct Article;
    impl crate::bank::SourceResolver for Article {
        fn read(&self, _file: &str) -> Result<String, crate::bank::SourceError> {
            Ok(crate::bundled::SOURCES[0].text.to_owned())
        }
    }

    #[test]
    fn a_new_bank_has_its_own_id_and_title_and_loads_clean() {
        let report = load_str(std::path::Path::new("n.ron"), &new_bank("mine"), &Article);
        assert!(report.diagnostics.is_empty(), "{}", report.render());
        let bank = report.bank.expect("loads");
        assert_eq!((bank.id(), bank.title()), ("mine", NEW_TITLE));
        assert_eq!(bank.source().map(|s| s.file.as_str()), Some(ARTICLE_FILE));
    }

    #[test]
    fn every_skeleton_loads_without_problems() {
        let mut questions = String::new();
        for kind in KindName::ALL {
            questions.push_str(&question(kind, &fresh_id(kind, &questions)));
        }
        let text = format!("Bank(format: 1, id: \"s\", title: \"S\", questions: [\n{questions}])");
        let report = load_str(std::path::Path::new("s.ron"), &text, &NoSources);
        assert!(report.diagnostics.is_empty(), "{}", report.render());
        assert_eq!(report.bank.map(|b| b.questions().len()), Some(8));
        assert_eq!(
            fresh_id(KindName::TrueFalse, "id: \"new-true-false-1\""),
            "new-true-false-2"
        );
    }
}
