//! Writes a [`DraftBank`] as a bank file in the documented format: indented like
//! `quizzes/template.ron`, one choice per line, defaults left out, and comments saying where each
//! question came from and what could not be carried over.

use std::fmt::Write as _;

use super::DraftBank;
use super::text::one_line;
use crate::bank::{Citation, Difficulty, Kind, NumericTarget, Question};

/// The bank as RON text.
pub fn bank(draft: &DraftBank) -> String {
    let mut out = String::new();
    for line in &draft.header {
        comment(&mut out, "", line);
    }
    out.push_str("Bank(\n");
    let _ = writeln!(out, "    format: {},", crate::bank::FORMAT_VERSION);
    let _ = writeln!(out, "    id: {},", string(&draft.id));
    let _ = writeln!(out, "    title: {},", string(&draft.title));
    if !draft.sections.is_empty() {
        let one_line = list(&draft.sections);
        if one_line.chars().count() <= 80 {
            let _ = writeln!(out, "    sections: {one_line},");
        } else {
            out.push_str("    sections: [\n");
            for s in &draft.sections {
                let _ = writeln!(out, "        {},", string(s));
            }
            out.push_str("    ],\n");
        }
    }
    out.push_str("    questions: [\n");
    for (i, d) in draft.questions.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(origin) = &d.origin {
            comment(&mut out, "        ", origin);
        }
        for note in &d.notes {
            comment(&mut out, "        ", &format!("note: {note}"));
        }
        question(&mut out, &d.question, "        ");
    }
    out.push_str("    ],\n)\n");
    out
}

fn comment(out: &mut String, indent: &str, text: &str) {
    let text = one_line(text);
    if text.is_empty() {
        let _ = writeln!(out, "{indent}//");
    } else {
        let _ = writeln!(out, "{indent}// {text}");
    }
}

/// One question, `(` … `),` at `indent`.
pub fn question(out: &mut String, q: &Question, indent: &str) {
    let inner = format!("{indent}    ");
    let _ = writeln!(out, "{indent}(");
    let field = |out: &mut String, name: &str, value: &str| {
        let _ = writeln!(out, "{inner}{name}: {value},");
    };
    field(out, "id", &string(&q.id));
    field(out, "prompt", &string(&q.prompt));
    if let Some(section) = &q.section {
        field(out, "section", &string(section));
    }
    if !q.tags.is_empty() {
        field(out, "tags", &list(&q.tags));
    }
    if q.difficulty != Difficulty::Medium {
        field(out, "difficulty", &format!("{:?}", q.difficulty));
    }
    if q.points != 1 {
        field(out, "points", &q.points.to_string());
    }
    if let Some(hint) = &q.hint {
        field(out, "hint", &string(hint));
    }
    if !q.explanation.is_empty() {
        field(out, "explanation", &string(&q.explanation));
    }
    if let Some(c) = &q.citation {
        field(out, "cite", &cite(c));
    }
    answer(out, &q.kind, &inner);
    let _ = writeln!(out, "{indent}),");
}

fn answer(out: &mut String, kind: &Kind, indent: &str) {
    let inner = format!("{indent}    ");
    match kind {
        Kind::SingleChoice(choices) | Kind::MultipleSelect(choices) => {
            let name = if matches!(kind, Kind::SingleChoice(_)) {
                "SingleChoice"
            } else {
                "MultipleSelect"
            };
            let _ = writeln!(out, "{indent}answer: {name}(choices: [");
            for c in choices {
                let mut fields = vec![format!("text: {}", string(&c.text))];
                if c.correct {
                    fields.push("correct: true".into());
                }
                if !c.feedback.is_empty() {
                    fields.push(format!("feedback: {}", string(&c.feedback)));
                }
                if let Some(m) = &c.misconception {
                    fields.push(format!("misconception: {}", string(m)));
                }
                if c.pinned {
                    fields.push("pinned: true".into());
                }
                let _ = writeln!(out, "{inner}({}),", fields.join(", "));
            }
            let _ = writeln!(out, "{indent}]),");
        }
        Kind::TrueFalse(tf) => {
            if tf.feedback_true.is_empty()
                && tf.feedback_false.is_empty()
                && tf.misconception.is_none()
            {
                let _ = writeln!(out, "{indent}answer: TrueFalse(answer: {}),", tf.answer);
                return;
            }
            let _ = writeln!(out, "{indent}answer: TrueFalse(");
            let _ = writeln!(out, "{inner}answer: {},", tf.answer);
            if !tf.feedback_true.is_empty() {
                let _ = writeln!(out, "{inner}feedback_true: {},", string(&tf.feedback_true));
            }
            if !tf.feedback_false.is_empty() {
                let _ = writeln!(
                    out,
                    "{inner}feedback_false: {},",
                    string(&tf.feedback_false)
                );
            }
            if let Some(m) = &tf.misconception {
                let _ = writeln!(out, "{inner}misconception: {},", string(m));
            }
            let _ = writeln!(out, "{indent}),");
        }
        Kind::ShortAnswer(sa) => {
            let _ = writeln!(out, "{indent}answer: ShortAnswer(");
            let _ = writeln!(out, "{inner}accept: {},", list(&sa.accept));
            if sa.typos != 0 {
                let _ = writeln!(out, "{inner}typos: {},", sa.typos);
            }
            if !sa.wrong.is_empty() {
                let _ = writeln!(out, "{inner}wrong: [");
                for w in &sa.wrong {
                    let mut fields = vec![format!("text: {}", string(&w.text))];
                    if !w.feedback.is_empty() {
                        fields.push(format!("feedback: {}", string(&w.feedback)));
                    }
                    if let Some(m) = &w.misconception {
                        fields.push(format!("misconception: {}", string(m)));
                    }
                    let _ = writeln!(out, "{inner}    ({}),", fields.join(", "));
                }
                let _ = writeln!(out, "{inner}],");
            }
            let _ = writeln!(out, "{indent}),");
        }
        Kind::Numeric(n) => {
            let mut fields = match n.target {
                NumericTarget::Near { value, tolerance } if tolerance != 0.0 => vec![
                    format!("answer: {}", number(value)),
                    format!("tolerance: {}", number(tolerance)),
                ],
                NumericTarget::Near { value, .. } => vec![format!("answer: {}", number(value))],
                NumericTarget::Range { min, max } => vec![
                    format!("min: {}", number(min)),
                    format!("max: {}", number(max)),
                ],
            };
            if let Some(unit) = &n.unit {
                fields.push(format!("unit: {}", string(unit)));
            }
            let _ = writeln!(out, "{indent}answer: Numeric({}),", fields.join(", "));
        }
        Kind::Ordering(items) => {
            let _ = writeln!(out, "{indent}answer: Ordering(items: [");
            for item in items {
                let _ = writeln!(out, "{inner}{},", string(item));
            }
            let _ = writeln!(out, "{indent}]),");
        }
        Kind::Matching(m) => {
            let _ = writeln!(out, "{indent}answer: Matching(");
            let _ = writeln!(out, "{inner}pairs: [");
            for (left, right) in &m.pairs {
                let _ = writeln!(out, "{inner}    ({}, {}),", string(left), string(right));
            }
            let _ = writeln!(out, "{inner}],");
            if !m.distractors.is_empty() {
                let _ = writeln!(out, "{inner}distractors: {},", list(&m.distractors));
            }
            let _ = writeln!(out, "{indent}),");
        }
        Kind::Discussion(d) => {
            let _ = writeln!(out, "{indent}answer: Discussion(");
            let _ = writeln!(out, "{inner}model_answer: {},", string(&d.model_answer));
            let _ = writeln!(out, "{inner}rubric: [");
            for p in &d.rubric {
                let mut fields = vec![format!("point: {}", string(&p.point))];
                if p.weight != 1 {
                    fields.push(format!("weight: {}", p.weight));
                }
                if let Some(c) = &p.citation {
                    fields.push(format!("cite: {}", cite(c)));
                }
                let _ = writeln!(out, "{inner}    ({}),", fields.join(", "));
            }
            let _ = writeln!(out, "{inner}],");
            if let Some(minutes) = d.minutes {
                let _ = writeln!(out, "{inner}minutes: {minutes},");
            }
            let _ = writeln!(out, "{indent}),");
        }
    }
}

fn cite(c: &Citation) -> String {
    format!("(paragraph: {}, quote: {})", c.paragraph, string(&c.quote))
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

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
