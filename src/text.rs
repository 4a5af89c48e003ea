//! Text folding for comparing answers: case, white space, punctuation and diacritics.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text so that answers a person would call the same compare equal:
/// lower case; diacritics dropped (`Pyŏngyang` → `pyongyang`); apostrophes dropped
/// (`Putin's` → `putins`); other punctuation treated as space (`Jong-un` → `jong un`);
/// white space collapsed and trimmed.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        fold_ascii(text)
    } else {
        fold_unicode(text)
    }
}

fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd() {
        if is_combining_mark(c) || matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`') {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// [`fold`] for ASCII text, which decomposition leaves unchanged (most answers).
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else if !matches!(b, b'\'' | b'`') {
            pending_space = true;
        }
    }
    out
}

/// Whether `given` matches `accepted` after folding, forgiving up to `typos` edits. Typos are
/// only forgiven on answers of at least four characters per forgiven edit, so `US` never
/// matches `UN`.
pub fn matches_with_typos(given: &str, accepted: &str, typos: u8) -> bool {
    let given = fold(given);
    let accepted = fold(accepted);
    if given == accepted {
        return true;
    }
    if typos == 0 || given.is_empty() {
        return false;
    }
    let allowed = usize::from(typos).min(accepted.chars().count() / 4);
    allowed > 0 && strsim::osa_distance(&given, &accepted) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_space_punctuation_and_diacritics() {
        assert_eq!(fold("  Kim   Jong-Un! "), "kim jong un");
        assert_eq!(fold("Pyŏngyang"), "pyongyang");
        assert_eq!(fold("Putin\u{2019}s"), "putins");
        assert_eq!(fold("Putin's"), "putins");
        assert_eq!(fold("ＮＡＴＯ"), "nato");
        assert_eq!(fold("..."), "");
        // The ASCII fast path and the general path agree.
        for t in ["Kim Jong-Un!", "  a  b ", "it's", "`x`", "A1-b2", ""] {
            assert_eq!(fold_ascii(t), fold_unicode(t));
        }
    }

    #[test]
    fn typo_tolerance_is_bounded_by_length() {
        assert!(matches_with_typos("Pyongyng", "Pyongyang", 1));
        assert!(
            matches_with_typos("Pyonygang", "Pyongyang", 1),
            "a swap is one edit"
        );
        assert!(!matches_with_typos("Pyngyng", "Pyongyang", 1));
        assert!(matches_with_typos("Pyngyng", "Pyongyang", 2));
        assert!(!matches_with_typos("US", "UN", 2));
        assert!(!matches_with_typos("Pyongyng", "Pyongyang", 0));
        assert!(!matches_with_typos("", "abcd", 1));
    }
}
