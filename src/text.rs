//! Text folding for comparing answers (case, white space, punctuation and diacritics), and
//! masking what a terminal would obey in text that came from a file.

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

/// The key two texts of one list (choices, items) are compared by: the [`fold`]ed text, or,
/// for a text that folding empties but that holds more than punctuation and spaces (emoji or
/// other symbols: `🙂`, `→ ←`), the trimmed text itself, so that such choices are neither
/// "empty" nor all alike. `None` for a text that is empty or only punctuation.
pub fn answer_key(text: &str) -> Option<String> {
    let folded = fold(text);
    if !folded.is_empty() {
        return Some(folded);
    }
    let is_punctuation = |c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '\u{a1}'..='\u{bf}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}')
    };
    let trimmed = text.trim();
    // A leading NUL keeps these keys apart from folded ones (which never hold one).
    (!trimmed.chars().all(is_punctuation)).then(|| format!("\0{trimmed}"))
}

/// Whether a terminal would act on `c` rather than show it: control characters (C0, DEL, C1;
/// `ESC` starts escape sequences that clear the screen or retitle the window) other than line
/// feed and tab, and the bidirectional overrides and isolates that make text read in another
/// order than it is stored.
pub fn is_terminal_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The name of a character that cannot be seen (zero-width, joiners, direction marks and
/// overrides, the byte-order mark, the soft hyphen), for messages that must say what is there.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00ad}' => "SOFT HYPHEN",
        '\u{180e}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
        _ => return None,
    })
}

/// A character as a message names it: `U+202E RIGHT-TO-LEFT OVERRIDE` for an invisible one,
/// `U+0007 (a control character)`, or `` `é` (U+00E9) `` for one that can be seen.
pub fn describe_char(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    match invisible_name(c) {
        Some(name) => format!("{code} {name}, which cannot be seen"),
        None if c.is_control() => format!("{code} (a control character)"),
        None if c.is_whitespace() => format!("{code} (a space)"),
        None => format!("`{c}` ({code})"),
    }
}

/// `text` with every [`is_terminal_control`] character shown as `�` (a carriage return right
/// before a line feed is kept): for text from files printed on a terminal. Borrowed when there is
/// nothing to mask.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    // Every masked character starts with one of these bytes: an ASCII control, or the lead
    // byte of the C1 controls (U+0080–U+009F) and of the bidi controls (U+202A…, U+2066…).
    // Characters are only decoded from the first of them on.
    let may_start_control =
        |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2 || b == 0xe2;
    let Some(first) = text.bytes().position(may_start_control) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut chars = text
        .char_indices()
        .skip_while(|&(i, _)| i < first)
        .peekable();
    let mut out: Option<String> = None;
    while let Some((i, c)) = chars.next() {
        let masked = is_terminal_control(c)
            && !(c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n'));
        match (&mut out, masked) {
            (Some(out), true) => out.push('\u{fffd}'),
            (Some(out), false) => out.push(c),
            (None, true) => {
                let mut fresh = String::with_capacity(text.len() + 8);
                fresh.push_str(text.get(..i).unwrap_or_default());
                fresh.push('\u{fffd}');
                out = Some(fresh);
            }
            (None, false) => {}
        }
    }
    out.map_or(std::borrow::Cow::Borrowed(text), std::borrow::Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_answers_but_punctuation_is_not() {
        assert_eq!(answer_key(" Kim Jong-Un "), Some("kim jong un".into()));
        assert_eq!(answer_key("🙂"), Some("\0🙂".into()));
        assert_ne!(answer_key("🙂"), answer_key("🙁"));
        assert_eq!(answer_key(" → "), answer_key("→"));
        for empty in ["", "   ", "...", "—", "¿?"] {
            assert_eq!(answer_key(empty), None, "{empty:?}");
        }
    }

    #[test]
    fn terminal_safe_masks_escapes_c1_controls_and_bidi_overrides_only() {
        assert_eq!(
            terminal_safe("a\x1b[2J\x1b]0;pwned\x07b"),
            "a\u{fffd}[2J\u{fffd}]0;pwned\u{fffd}b"
        );
        assert_eq!(
            terminal_safe("x\u{9b}y\u{202e}z\u{2066}"),
            "x\u{fffd}y\u{fffd}z\u{fffd}"
        );
        assert_eq!(terminal_safe("lone\rcr\r\n"), "lone\u{fffd}cr\r\n");
        assert!(matches!(
            terminal_safe("plain\ttext\nzoë 🙂"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

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
