//! A bank's source text, split into numbered paragraphs that citations point at.
//!
//! The rule, documented in `quizzes/FORMAT.md`: if the text has blank lines, paragraphs are
//! separated by blank lines (line breaks inside a paragraph become spaces); otherwise every
//! non-empty line is a paragraph. Paragraphs are numbered from 1.

pub mod cite;

pub use cite::{Citation, RawCite};

/// The source text's paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    paragraphs: Vec<String>,
    /// The paragraphs with white space folded, for checking quotes.
    folded: Vec<String>,
}

impl SourceText {
    pub fn parse(text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let is_blank = |l: &&str| l.trim().is_empty();
        let first = lines.iter().position(|l| !is_blank(l));
        let last = lines.iter().rposition(|l| !is_blank(l));
        let has_blank_separator = match (first, last) {
            (Some(a), Some(b)) => lines[a..b].iter().any(is_blank),
            _ => false,
        };
        let paragraphs = if has_blank_separator {
            let mut paragraphs = Vec::new();
            let mut current = String::new();
            for line in lines {
                if line.trim().is_empty() {
                    if !current.is_empty() {
                        paragraphs.push(std::mem::take(&mut current));
                    }
                } else {
                    if !current.is_empty() {
                        current.push(' ');
                    }
                    current.push_str(line.trim());
                }
            }
            if !current.is_empty() {
                paragraphs.push(current);
            }
            paragraphs
        } else {
            lines
                .into_iter()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let folded = paragraphs.iter().map(|p| fold_space(p)).collect();
        Self { paragraphs, folded }
    }

    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Paragraph `number`, counted from 1.
    pub fn paragraph(&self, number: usize) -> Option<&str> {
        number
            .checked_sub(1)
            .and_then(|i| self.paragraphs.get(i))
            .map(String::as_str)
    }

    /// Whether paragraph `number` contains `quote` verbatim (white space folded).
    pub fn paragraph_contains(&self, number: usize, quote: &str) -> bool {
        let Some(folded) = number.checked_sub(1).and_then(|i| self.folded.get(i)) else {
            return false;
        };
        // Most quotes are copied exactly: no need to fold them.
        let plain = !quote.contains(|c: char| c.is_whitespace() && c != ' ')
            && !quote.contains("  ")
            && quote.trim() == quote;
        if plain {
            folded.contains(quote)
        } else {
            folded.contains(&fold_space(quote))
        }
    }

    /// Numbers of the paragraphs that contain `quote` verbatim (white space folded).
    pub fn find(&self, quote: &str) -> Vec<usize> {
        let quote = fold_space(quote);
        self.folded
            .iter()
            .enumerate()
            .filter(|(_, p)| p.contains(&quote))
            .map(|(i, _)| i + 1)
            .collect()
    }
}

/// Collapses runs of white space to one space and trims, so a quote that wraps differently
/// from the source still counts as verbatim.
pub fn fold_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds typographic quotes, apostrophes and dashes to ASCII, to tell an author that a quote
/// differs from the source only in those characters.
pub fn fold_typography(text: &str) -> String {
    fold_space(text)
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let s = SourceText::parse("First line.\nSecond line.\n\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s.paragraph(1), Some("First line."));
        assert_eq!(s.paragraph(2), Some("Second line."));
        assert_eq!(s.paragraph(0), None);
        assert_eq!(s.paragraph(3), None);
    }

    #[test]
    fn blank_lines_separate_wrapped_paragraphs() {
        let s = SourceText::parse("\u{feff}One\nstill one.\n\n\nTwo.\n");
        assert_eq!(s.paragraphs(), ["One still one.", "Two."]);
        assert_eq!(s.find("one still"), Vec::<usize>::new());
        assert_eq!(s.find("One  still\none"), vec![1]);
    }

    #[test]
    fn typography_folds_to_ascii() {
        assert_eq!(
            fold_typography("Putin\u{2019}s \u{201c}very close\u{201d}"),
            "Putin's \"very close\""
        );
    }
}
