//! RON literals as bank files write them, shared by the kinds' writers and
//! the bank writer of interop.

use std::fmt::Write as _;

use crate::source::Citation;

/// A number as RON reads it back exactly (Rust's shortest round-tripping form: `24`, `0.1`).
pub fn number(x: f64) -> String {
    format!("{x}")
}

/// A RON string literal: `"` and `\` escaped, line breaks and tabs as `\n`, `\r`, `\t`, other
/// control characters as `\u{…}`; everything else as it is.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A list of strings on one line: `["a", "b"]`.
pub fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A citation: `(paragraph: 3, quote: "…")`.
pub fn cite(c: &Citation) -> String {
    format!("(paragraph: {}, quote: {})", c.paragraph, string(&c.quote))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_for_ron() {
        assert_eq!(string(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(string("x\ny\t\u{1}"), r#""x\ny\t\u{1}""#);
        assert_eq!(string("Putin’s"), "\"Putin’s\"");
    }

    #[test]
    fn numbers_round_trip() {
        for x in [24.0, 0.1, -3.5, 1e-9, 123_456_789.125, 1e300] {
            assert_eq!(number(x).parse::<f64>().ok(), Some(x));
        }
        assert_eq!(number(24.0), "24");
    }
}
