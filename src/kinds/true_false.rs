//! True/false: all or nothing, with feedback for each answer.

use std::fmt::Write as _;

use super::Form;
use super::ron::string;
use super::{GiftAnswer, GiftText, Graded, Response, TallyRow};

#[derive(Clone, Debug, serde::Serialize)]
pub struct TrueFalse {
    pub answer: bool,
    /// Shown when the learner answers "true".
    pub feedback_true: String,
    /// Shown when the learner answers "false".
    pub feedback_false: String,
    /// The confusion behind the wrong answer.
    pub misconception: Option<String>,
}

pub const SKELETON: &str = r#"TrueFalse(
                answer: true,
                feedback_true: "Why it is true.",
                feedback_false: "Why it is not false.",
            )"#;

fn word(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

pub(super) fn grade(tf: &TrueFalse, b: bool) -> Graded {
    let feedback = if b {
        &tf.feedback_true
    } else {
        &tf.feedback_false
    };
    let right = b == tf.answer;
    let misconceptions = tf
        .misconception
        .iter()
        .filter(|_| !right)
        .cloned()
        .collect();
    Graded::all_or_nothing(right, vec![feedback.clone()], misconceptions)
}

pub(super) fn correct_answer(tf: &TrueFalse) -> String {
    word(tf.answer).into()
}

pub(super) fn describe(response: &Response) -> Option<String> {
    let Response::Bool(b) = response else {
        return None;
    };
    Some(word(*b).into())
}

pub(super) fn tally_rows(tf: &TrueFalse) -> Vec<TallyRow> {
    vec![
        TallyRow::new("True", Some(tf.answer)),
        TallyRow::new("False", Some(!tf.answer)),
    ]
}

pub(super) fn write_ron(out: &mut String, tf: &TrueFalse, indent: &str) {
    if tf.feedback_true.is_empty() && tf.feedback_false.is_empty() && tf.misconception.is_none() {
        let _ = writeln!(out, "{indent}answer: TrueFalse(answer: {}),", tf.answer);
        return;
    }
    let inner = format!("{indent}    ");
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

pub(super) fn gift(tf: &TrueFalse, prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    let (right, wrong) = if tf.answer {
        (&tf.feedback_true, &tf.feedback_false)
    } else {
        (&tf.feedback_false, &tf.feedback_true)
    };
    let mut b = String::from(if tf.answer { "{TRUE" } else { "{FALSE" });
    if !wrong.is_empty() {
        let _ = write!(b, "#{}", (g.text)(wrong));
    } else if !right.is_empty() {
        b.push('#');
    }
    if !right.is_empty() {
        let _ = write!(b, "#{}", (g.text)(right));
    }
    if !explanation.is_empty() {
        let _ = write!(b, "####{}", (g.text)(explanation));
    }
    b.push('}');
    GiftAnswer::block(prompt, b, Vec::new())
}

pub(super) fn wrong_without_feedback(tf: &TrueFalse) -> Vec<(String, String)> {
    let (field, text) = if tf.answer {
        ("feedback_false", &tf.feedback_false)
    } else {
        ("feedback_true", &tf.feedback_true)
    };
    if text.trim().is_empty() {
        vec![(String::new(), format!("the wrong answer ({field})"))]
    } else {
        Vec::new()
    }
}

pub(super) fn canonical(form: &mut Form, tf: &TrueFalse) {
    form.flag(tf.answer);
}

/// The response an answer test describes: `chosen: ["True"]` or `chosen: ["False"]`.
pub(super) fn response_for(
    e: &super::expect::Expectation,
) -> Result<Response, super::expect::ExpectError> {
    let chosen = super::expect::chosen(e, "a true/false question")?;
    let answer = match chosen {
        [one] => match crate::text::fold(one).as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    };
    answer.map(Response::Bool).ok_or_else(|| {
        super::expect::ExpectError::new(
            "chosen",
            format!(
                "a true/false question is answered `True` or `False`, not `{}`",
                chosen.join("; ")
            ),
            Some("write `chosen: [\"True\"]` or `chosen: [\"False\"]`".into()),
        )
    })
}

/// What the question holds, for loss reports.
pub(crate) fn contents(tf: &TrueFalse) -> Vec<String> {
    let mut out = vec![format!(
        "the answer ({})",
        if tf.answer { "true" } else { "false" }
    )];
    let feedback = [&tf.feedback_true, &tf.feedback_false]
        .iter()
        .filter(|f| !f.trim().is_empty())
        .count();
    if feedback > 0 {
        out.push(format!("feedback on {feedback} of 2 answers"));
    }
    if tf.misconception.is_some() {
        out.push("a misconception tag".to_owned());
    }
    out
}
