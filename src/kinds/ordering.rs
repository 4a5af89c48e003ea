//! Ordering: put the items in order. Scored by the share of item pairs in the right relative
//! order, so one item out of place costs little and a reversed list scores 0.

use std::fmt::{self, Write as _};

use super::Form;
use super::check::distinct_texts;
use super::ron::string;
use super::{Block, GiftAnswer, GiftNote, Graded, Kind, Response, ResponseError, Shown, Shuffler};
use crate::diag::findings::Findings;

pub const SKELETON: &str = r#"Ordering(items: ["First", "Second", "Third"])"#;

pub(super) fn check(f: &mut Findings, path: &dyn fmt::Display, items: Vec<String>) -> Option<Kind> {
    if items.len() < 2 {
        f.error(
            format!("{path}.items"),
            format!(
                "an ordering question needs at least two items; it has {}",
                items.len()
            ),
            "too few items",
        );
        return None;
    }
    distinct_texts(
        f,
        || format!("{path}.items"),
        items.iter().map(String::as_str),
        "item",
    )
    .then_some(Kind::Ordering(items))
}

pub(super) fn grade(items: &[String], order: &[usize]) -> Result<Graded, ResponseError> {
    let n = items.len();
    let mut seen = vec![false; n];
    if order.len() != n
        || order
            .iter()
            .any(|&i| i >= n || std::mem::replace(&mut seen[i], true))
    {
        return Err(ResponseError::NotAPermutation);
    }
    let pairs = n * (n - 1) / 2;
    let concordant = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .filter(|&(a, b)| order[a] < order[b])
        .count();
    let in_place = order
        .iter()
        .enumerate()
        .filter(|(pos, i)| pos == *i)
        .count();
    let feedback = format!("{in_place} of {n} items in the right place.");
    Ok(Graded::new(
        concordant as f64 / pairs.max(1) as f64,
        vec![feedback],
        Vec::new(),
    ))
}

pub(super) fn correct_answer(items: &[String]) -> String {
    items.join(" → ")
}

pub(super) fn describe(items: &[String], response: &Response) -> Option<String> {
    let Response::Order(order) = response else {
        return None;
    };
    Some(
        order
            .iter()
            .map(|&i| items.get(i).map_or("?", String::as_str))
            .collect::<Vec<_>>()
            .join(" → "),
    )
}

/// Always scrambled, or the answer is on screen.
pub(super) fn presentation_order(n: usize, rng: &mut dyn Shuffler) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    if order.iter().enumerate().all(|(pos, i)| pos == *i) {
        order.rotate_left(1);
    }
    order
}

pub(super) fn shown(items: &[String], order: &[usize]) -> Shown {
    Shown::Order {
        items: order
            .iter()
            .filter_map(|&i| items.get(i).cloned())
            .collect(),
    }
}

pub(super) fn worksheet(items: &[String], order: &[usize]) -> Vec<Block> {
    vec![
        Block::Note("Number the items in order, 1 for the first.".into()),
        Block::List(
            order
                .iter()
                .filter_map(|&i| items.get(i).map(|t| format!("___ {t}")))
                .collect(),
        ),
    ]
}

/// The number each shown item should get.
pub(super) fn key(items: &[String], order: &[usize]) -> Vec<Block> {
    let answer = order
        .iter()
        .filter_map(|&i| items.get(i).map(|t| format!("{t} = {}", i + 1)))
        .collect::<Vec<_>>()
        .join("; ");
    vec![Block::Para(format!("Answer: {answer}"))]
}

pub(super) fn write_ron(out: &mut String, items: &[String], indent: &str) {
    let _ = writeln!(out, "{indent}answer: Ordering(items: [");
    for item in items {
        let _ = writeln!(out, "{indent}    {},", string(item));
    }
    let _ = writeln!(out, "{indent}]),");
}

/// GIFT has no ordering questions: the question is written as comments.
pub(super) fn gift(items: &[String], id: &str, prompt: &str) -> GiftAnswer {
    let mut comments = vec![
        format!("Ordering question `{id}`, not exported (GIFT has none):"),
        prompt.to_owned(),
    ];
    comments.extend(
        items
            .iter()
            .enumerate()
            .map(|(n, item)| format!("  {}. {item}", n + 1)),
    );
    GiftAnswer {
        body: None,
        comments,
        notes: vec![GiftNote {
            field: "answer",
            message: format!(
                "ordering question `{id}` is not exported: GIFT has no ordering questions; it is written as a comment"
            ),
            hint: Some(
                "to keep it in Moodle, rewrite it as a matching question (item -> position)".into(),
            ),
        }],
    }
}

pub(super) fn canonical(form: &mut Form, items: &[String]) {
    form.texts(items.iter().map(String::as_str));
}

/// Answer tests name texts, which cannot say an order or a pairing: none for this kind.
pub(super) fn response_for() -> Result<super::Response, super::expect::ExpectError> {
    Err(super::expect::not_for("an ordering question"))
}

/// What the question holds, for loss reports.
pub(crate) fn contents(items: &[String]) -> Vec<String> {
    vec![format!(
        "{} in order",
        crate::format::plural(items.len(), "item", "items")
    )]
}
