//! Syntax highlighting for RON, one line at a time.
//!
//! A line is read with the state the previous line ended in (inside a string or a block
//! comment), so only the lines on screen need reading, and after an edit only the lines from the
//! edit down to the screen. [`Highlighter`] keeps those states.

use std::ops::Range;

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    Plain,
    Comment,
    Str,
    Number,
    /// `name:` in a struct.
    Field,
    /// A type or variant name (`Bank`, `SingleChoice`, `Easy`).
    Name,
    /// `true`, `false`, `Some`, `None`.
    Keyword,
    Punct,
}

/// Where a line starts: in plain text, inside a string, or inside a block comment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum State {
    #[default]
    Normal,
    InString,
    InComment(u32),
}

/// Splits `line` into tokens (byte ranges), starting in `state`; returns the state at its end.
pub fn line(text: &str, mut state: State) -> (Vec<(Range<usize>, Token)>, State) {
    let b = text.as_bytes();
    let mut out: Vec<(Range<usize>, Token)> = Vec::new();
    let mut i = 0;
    let push = |r: Range<usize>, t: Token, out: &mut Vec<(Range<usize>, Token)>| {
        if r.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((last, lt)) if *lt == t && last.end == r.start => last.end = r.end,
            _ => out.push((r, t)),
        }
    };
    while i < b.len() {
        match state {
            State::InString => {
                let start = i;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            state = State::Normal;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                i = i.min(b.len());
                push(start..i, Token::Str, &mut out);
            }
            State::InComment(depth) => {
                let start = i;
                let mut d = depth;
                while i < b.len() && d > 0 {
                    if b[i..].starts_with(b"*/") {
                        d -= 1;
                        i += 2;
                    } else if b[i..].starts_with(b"/*") {
                        d += 1;
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                state = if d == 0 {
                    State::Normal
                } else {
                    State::InComment(d)
                };
                push(start..i, Token::Comment, &mut out);
            }
            State::Normal => {
                let c = b[i];
                if b[i..].starts_with(b"//") {
                    push(i..b.len(), Token::Comment, &mut out);
                    i = b.len();
                } else if b[i..].starts_with(b"/*") {
                    push(i..i + 2, Token::Comment, &mut out);
                    i += 2;
                    state = State::InComment(1);
                } else if c == b'"' {
                    push(i..i + 1, Token::Str, &mut out);
                    i += 1;
                    state = State::InString;
                } else if c.is_ascii_digit()
                    || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                {
                    let start = i;
                    i += 1;
                    while i < b.len()
                        && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_')
                    {
                        i += 1;
                    }
                    push(start..i, Token::Number, &mut out);
                } else if c.is_ascii_alphabetic() || c == b'_' {
                    let start = i;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                    let word = &text[start..i];
                    let rest = text[i..].trim_start();
                    let token = if rest.starts_with(':') && !rest.starts_with("::") {
                        Token::Field
                    } else if matches!(word, "true" | "false" | "Some" | "None") {
                        Token::Keyword
                    } else if c.is_ascii_uppercase() {
                        Token::Name
                    } else {
                        Token::Plain
                    };
                    push(start..i, token, &mut out);
                } else if matches!(c, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':') {
                    push(i..i + 1, Token::Punct, &mut out);
                    i += 1;
                } else {
                    let start = i;
                    // One character (which may be several bytes).
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                    push(start..i, Token::Plain, &mut out);
                }
            }
        }
    }
    (out, state)
}

/// The state each line starts in, computed lazily and kept across frames.
#[derive(Clone, Debug, Default)]
pub struct Highlighter {
    /// `starts[i]` is the state line `i` starts in; valid for `i < starts.len()`.
    starts: Vec<State>,
}

impl Highlighter {
    /// Forgets everything from line `line` on (after an edit there).
    pub fn invalidate_from(&mut self, line: usize) {
        self.starts.truncate(line + 1);
    }

    /// The state line `i` starts in, reading lines above it as needed.
    pub fn start_of(&mut self, i: usize, line_text: impl Fn(usize) -> String) -> State {
        if self.starts.is_empty() {
            self.starts.push(State::Normal);
        }
        while self.starts.len() <= i {
            let n = self.starts.len() - 1;
            let (_, end) = line(&line_text(n), self.starts[n]);
            self.starts.push(end);
        }
        self.starts[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, state: State) -> Vec<(&str, Token)> {
        let (tokens, _) = line(text, state);
        tokens
            .into_iter()
            .filter(|(r, _)| !text[r.clone()].trim().is_empty())
            .map(|(r, t)| (&text[r], t))
            .collect()
    }

    #[test]
    fn fields_names_strings_numbers_and_comments() {
        assert_eq!(
            kinds(
                r#"(id: "a \"b\"", points: 2, answer: TrueFalse(answer: true)), // end"#,
                State::Normal
            ),
            vec![
                ("(", Token::Punct),
                ("id", Token::Field),
                (":", Token::Punct),
                (r#""a \"b\"""#, Token::Str),
                (",", Token::Punct),
                ("points", Token::Field),
                (":", Token::Punct),
                ("2", Token::Number),
                (",", Token::Punct),
                ("answer", Token::Field),
                (":", Token::Punct),
                ("TrueFalse", Token::Name),
                ("(", Token::Punct),
                ("answer", Token::Field),
                (":", Token::Punct),
                ("true", Token::Keyword),
                (")),", Token::Punct),
                ("// end", Token::Comment),
            ]
        );
    }

    #[test]
    fn strings_and_comments_carry_over_lines() {
        let (_, s) = line(r#"prompt: "two"#, State::Normal);
        assert_eq!(s, State::InString);
        assert_eq!(kinds(r#"lines", x: 1"#, s)[0], (r#"lines""#, Token::Str));
        let (_, s) = line("/* a /* b */", State::Normal);
        assert_eq!(s, State::InComment(1));
        let (_, s) = line("still */ id:", s);
        assert_eq!(s, State::Normal);
        let mut h = Highlighter::default();
        let lines = ["a: \"x", "y\"", "/*", "*/"];
        assert_eq!(h.start_of(2, |i| lines[i].to_owned()), State::Normal);
        assert_eq!(h.start_of(1, |i| lines[i].to_owned()), State::InString);
        assert_eq!(h.start_of(3, |i| lines[i].to_owned()), State::InComment(1));
    }
}
