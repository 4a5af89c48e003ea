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
    let answer = kind.skeleton();
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
        assert_eq!(
            report.bank.map(|b| b.questions().len()),
            Some(KindName::ALL.len())
        );
        assert_eq!(
            fresh_id(KindName::TrueFalse, "id: \"new-true-false-1\""),
            "new-true-false-2"
        );
    }
}
