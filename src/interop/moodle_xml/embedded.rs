//! Moodle's embedded answers (the Cloze question type, `multianswer`): subquestions such as
//! `{1:MULTICHOICE:=Paris#Right~London#No}` written inside the question text. This module only
//! reads and writes that syntax; what quizdesk can keep of it is decided in `import.rs`.
//!
//! The syntax, as Moodle reads it: `{`, an optional weight (digits, default 1), `:`, a type name,
//! `:`, answers separated by `~`. Each answer is `=` (full credit) or `%N%` (N percent) or
//! nothing (no credit), its text, and `#feedback`. `\}`, `\#`, `\~`, `\/`, `\"` and `\\` stand
//! for the character itself. A `{` that does not start this pattern is text.

use std::ops::Range;

/// The kinds of subquestion Moodle knows, by what quizdesk makes of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubKind {
    /// `SHORTANSWER`, `SA`, `MW`; `case_sensitive` for `SHORTANSWER_C`, `SAC`, `MWC`.
    Short { case_sensitive: bool },
    /// `NUMERICAL`, `NM`.
    Numerical,
    /// `MULTICHOICE` and its layouts (`MC`, `MCV`, `MCH`, `MCS`, `MCVS`, `MCHS`, …): `layout`
    /// names a layout other than the drop-down, `shuffled` the `_S` forms.
    Choice {
        layout: Option<&'static str>,
        shuffled: bool,
    },
    /// `MULTIRESPONSE` and its forms (`MR`, `MRH`, `MRS`, `MRHS`): several right answers.
    MultiResponse,
}

/// One answer of a subquestion.
#[derive(Clone, Debug, PartialEq)]
pub struct SubAnswer {
    /// Credit in percent (100 for `=`).
    pub percent: f64,
    pub text: String,
    pub feedback: String,
}

/// One subquestion, with its byte range in the text it was found in.
#[derive(Clone, Debug, PartialEq)]
pub struct Sub {
    pub range: Range<usize>,
    /// The type name as written (`SA`, `MULTICHOICE_V`).
    pub type_name: String,
    pub kind: SubKind,
    /// The weight before the first `:` (1 when none is written).
    pub weight: u32,
    pub answers: Vec<SubAnswer>,
}

/// A piece of an embedded-answer text.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    Sub(Sub),
}

fn sub_kind(name: &str) -> Option<SubKind> {
    let short = |case_sensitive| Some(SubKind::Short { case_sensitive });
    let choice = |layout, shuffled| Some(SubKind::Choice { layout, shuffled });
    match name {
        "SHORTANSWER" | "SA" | "MW" => short(false),
        "SHORTANSWER_C" | "SAC" | "MWC" => short(true),
        "NUMERICAL" | "NM" => Some(SubKind::Numerical),
        "MULTICHOICE" | "MC" => choice(None, false),
        "MULTICHOICE_S" | "MCS" => choice(None, true),
        "MULTICHOICE_V" | "MCV" => choice(Some("vertical radio buttons"), false),
        "MULTICHOICE_VS" | "MCVS" => choice(Some("vertical radio buttons"), true),
        "MULTICHOICE_H" | "MCH" => choice(Some("horizontal radio buttons"), false),
        "MULTICHOICE_HS" | "MCHS" => choice(Some("horizontal radio buttons"), true),
        "MULTIRESPONSE" | "MR" | "MULTIRESPONSE_H" | "MRH" | "MULTIRESPONSE_S" | "MRS"
        | "MULTIRESPONSE_HS" | "MRHS" => Some(SubKind::MultiResponse),
        _ => None,
    }
}

/// A `{…}` that looks like a subquestion but is not one Moodle reads.
#[derive(Clone, Debug, PartialEq)]
pub struct BadSub {
    pub range: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// The text cut into plain pieces and subquestions. A `{` followed by an optional weight, `:` and
/// a capitalised name and `:` is a subquestion; an unknown type name there, or no closing `}`,
/// is a [`BadSub`] (Moodle would refuse the question).
pub fn parse(text: &str) -> Result<Vec<Piece>, BadSub> {
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while let Some(rel) = text.get(i..).and_then(|t| t.find('{')) {
        let open = i + rel;
        plain.push_str(text.get(i..open).unwrap_or(""));
        match header(text, open) {
            Some((weight, name, body_start)) => {
                let Some(kind) = sub_kind(name) else {
                    return Err(BadSub {
                        range: open..body_start,
                        message: format!("`{name}` is not a type of embedded answer"),
                        hint: "Moodle reads SHORTANSWER (SA, MW), SHORTANSWER_C (SAC, MWC), NUMERICAL (NM), MULTICHOICE (MC, MCV, MCH, MCS…) and MULTIRESPONSE (MR, MRH…)".into(),
                    });
                };
                let Some(close) = closing_brace(text, body_start) else {
                    return Err(BadSub {
                        range: open..body_start,
                        message: "the embedded answer is not closed: expected `}`".into(),
                        hint: "close it with `}`; a `}` inside an answer is written `\\}`".into(),
                    });
                };
                if !plain.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut plain)));
                }
                let body = text.get(body_start..close).unwrap_or("");
                pieces.push(Piece::Sub(Sub {
                    range: open..close + 1,
                    type_name: name.to_owned(),
                    kind,
                    weight,
                    answers: answers(body),
                }));
                i = close + 1;
            }
            None => {
                plain.push('{');
                i = open + 1;
            }
        }
    }
    plain.push_str(text.get(i..).unwrap_or(""));
    if !plain.is_empty() {
        pieces.push(Piece::Text(plain));
    }
    Ok(pieces)
}

/// `{weight:NAME:` at `open`: the weight, the name and where the answers start.
fn header(text: &str, open: usize) -> Option<(u32, &str, usize)> {
    let rest = text.get(open + 1..)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(digits..)?.strip_prefix(':')?;
    let name_len = after
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || *b == b'_')
        .count();
    if name_len == 0 {
        return None;
    }
    after.get(name_len..)?.strip_prefix(':')?;
    let name = after.get(..name_len)?;
    let weight = if digits == 0 {
        1
    } else {
        rest.get(..digits)?.parse().ok()?
    };
    Some((weight, name, open + 1 + digits + 1 + name_len + 1))
}

/// The first `}` at or after `from` that is not escaped.
fn closing_brace(text: &str, from: usize) -> Option<usize> {
    let mut escaped = false;
    for (k, c) in text.get(from..)?.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '}' => return Some(from + k),
            _ => {}
        }
    }
    None
}

/// Splits at unescaped `sep`, keeping escapes for later.
fn split_unescaped(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (k, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            _ if c == sep => {
                out.push(s.get(start..k).unwrap_or(""));
                start = k + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(s.get(start..).unwrap_or(""));
    out
}

/// Drops the backslash before a character it escapes.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n @ ('}' | '#' | '~' | '/' | '"' | '\\' | '{')) => out.push(n),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn answers(body: &str) -> Vec<SubAnswer> {
    split_unescaped(body, '~')
        .into_iter()
        .filter(|a| !a.trim().is_empty())
        .map(|a| {
            let mut parts = split_unescaped(a, '#').into_iter();
            let head = parts.next().unwrap_or("");
            let feedback = parts.collect::<Vec<_>>().join("#");
            let (percent, text) = if let Some(rest) = head.strip_prefix('=') {
                (100.0, rest)
            } else if let Some(rest) = head.strip_prefix('%')
                && let Some(end) = rest.find('%')
                && let Ok(p) = rest.get(..end).unwrap_or("").trim().parse::<f64>()
            {
                (p, rest.get(end + 1..).unwrap_or(""))
            } else {
                (0.0, head)
            };
            SubAnswer {
                percent,
                text: unescape(text).trim().to_owned(),
                feedback: unescape(&feedback).trim().to_owned(),
            }
        })
        .collect()
}

/// Escapes what Moodle reads as syntax inside an embedded answer.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '}' | '#' | '~' | '/' | '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One subquestion written back: `{1:SHORTANSWER:=a~=b~%0%c#why}` (1 is the `weight`).
pub fn write(weight: u32, type_name: &str, answers: &[SubAnswer]) -> String {
    let mut out = format!("{{{weight}:{type_name}:");
    for (k, a) in answers.iter().enumerate() {
        if k > 0 {
            out.push('~');
        }
        if a.percent >= 100.0 {
            out.push('=');
        } else {
            out.push_str(&format!(
                "%{}%",
                crate::kinds::multiple_select::percent(a.percent)
            ));
        }
        out.push_str(&escape(&a.text));
        if !a.feedback.is_empty() {
            out.push('#');
            out.push_str(&escape(&a.feedback));
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_of_subquestion() {
        let pieces = parse("A {1:SA:=Paris#yes~%50%paris\\}x} b {2:MCV:Rome~=Oslo} {x} c").unwrap();
        assert_eq!(pieces.len(), 5);
        let Piece::Sub(s) = &pieces[1] else { panic!() };
        assert_eq!(
            s.kind,
            SubKind::Short {
                case_sensitive: false
            }
        );
        assert_eq!(s.answers[1].text, "paris}x");
        assert_eq!(s.answers[1].percent, 50.0);
        assert_eq!(s.answers[0].feedback, "yes");
        let Piece::Sub(s) = &pieces[3] else { panic!() };
        assert_eq!(
            s.kind,
            SubKind::Choice {
                layout: Some("vertical radio buttons"),
                shuffled: false
            }
        );
        assert_eq!(pieces[4], Piece::Text(" {x} c".into()));
    }

    #[test]
    fn unknown_types_and_open_braces_are_errors() {
        assert!(parse("{1:FOO:=a}").is_err());
        assert!(parse("{1:SA:=a").is_err());
        assert!(parse("{no colon} {:x}").is_ok());
    }

    #[test]
    fn written_answers_read_back() {
        let answers = vec![
            SubAnswer {
                percent: 100.0,
                text: "a}b#c~d/e\"f\\".into(),
                feedback: "f#g".into(),
            },
            SubAnswer {
                percent: 0.0,
                text: "x".into(),
                feedback: String::new(),
            },
        ];
        let text = write(1, "SHORTANSWER", &answers);
        let Ok(pieces) = parse(&text) else { panic!() };
        let [Piece::Sub(s)] = pieces.as_slice() else {
            panic!("{pieces:?}")
        };
        assert_eq!(s.answers, answers);
    }
}
