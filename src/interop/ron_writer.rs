//! Writes a [`DraftBank`] as a bank file in the documented format: indented like
//! `quizzes/template.ron`, one choice per line, defaults left out, and comments saying where each
//! question came from and what could not be carried over.

use std::fmt::Write as _;

use super::DraftBank;
use super::text::one_line;
use crate::bank::{Difficulty, Question};

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
    q.kind.write_ron(out, &inner);
    let _ = writeln!(out, "{indent}),");
}

pub use crate::kinds::ron::{cite, list, number, string};
