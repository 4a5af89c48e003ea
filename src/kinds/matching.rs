//! Matching: give each left item its partner among the right-hand options (the pairs' right
//! sides, then distractors that match nothing). Scored by the share of left items matched.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use super::Form;
use super::check::distinct_texts;
use super::ron::{list, string};
use super::{
    Block, GiftAnswer, GiftNote, GiftText, Graded, Kind, Response, ResponseError, Shown, Shuffler,
};
use crate::diag::findings::Findings;
use crate::text::fold;

#[derive(Clone, Debug, serde::Serialize)]
pub struct Matching {
    /// (left, right) pairs; lefts distinct, rights distinct, at least two.
    pub pairs: Vec<(String, String)>,
    /// Extra right-hand options that match nothing.
    pub distractors: Vec<String>,
}

impl Matching {
    /// All right-hand options: the pairs' right sides, then the distractors.
    pub fn options(&self) -> impl Iterator<Item = &str> {
        self.pairs
            .iter()
            .map(|(_, r)| r.as_str())
            .chain(self.distractors.iter().map(String::as_str))
    }

    pub fn option_count(&self) -> usize {
        self.pairs.len() + self.distractors.len()
    }
}

pub const SKELETON: &str = r#"Matching(
                pairs: [("Left one", "Right one"), ("Left two", "Right two"), ("Left three", "Right three")],
                distractors: ["A right-hand option that matches nothing"],
            )"#;

pub(super) fn check(
    f: &mut Findings,
    path: &dyn fmt::Display,
    pairs: Vec<(String, String)>,
    distractors: Vec<String>,
) -> Option<Kind> {
    if pairs.len() < 2 {
        f.error(
            format!("{path}.pairs"),
            format!(
                "a matching question needs at least two pairs; it has {}",
                pairs.len()
            ),
            "too few pairs",
        );
        return None;
    }
    let lefts_ok = distinct_texts(
        f,
        || format!("{path}.pairs"),
        pairs.iter().map(|p| p.0.as_str()),
        "left item",
    );
    let rights: Vec<&str> = pairs
        .iter()
        .map(|p| p.1.as_str())
        .chain(distractors.iter().map(String::as_str))
        .collect();
    let rights_ok = distinct_right_options(f, path, pairs.len(), &rights);
    (lefts_ok && rights_ok).then_some(Kind::Matching(Matching { pairs, distractors }))
}

fn distinct_right_options(
    f: &mut Findings,
    path: &dyn fmt::Display,
    pair_count: usize,
    rights: &[&str],
) -> bool {
    let place = |i: usize| {
        if i < pair_count {
            format!("{path}.pairs[{i}][1]")
        } else {
            format!("{path}.distractors[{}]", i - pair_count)
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut ok = true;
    for (i, t) in rights.iter().enumerate() {
        let key = fold(t);
        if key.is_empty() {
            f.error(place(i), "a right-hand option is empty", "empty option");
            ok = false;
        } else if let Some(&first) = seen.get(&key) {
            f.error(
                place(i),
                format!("duplicate right-hand option `{t}`"),
                "same option again",
            )
            .related(place(first), "first here")
            .hint(
                "each left item needs its own partner, and a distractor must not repeat a partner",
            );
            ok = false;
        } else {
            seen.insert(key, i);
        }
    }
    ok
}

pub(super) fn grade(m: &Matching, chosen: &[Option<usize>]) -> Result<Graded, ResponseError> {
    let n = m.pairs.len();
    if chosen.len() != n {
        return Err(ResponseError::WrongLength {
            expected: n,
            found: chosen.len(),
        });
    }
    if let Some(bad) = chosen.iter().flatten().find(|&&o| o >= m.option_count()) {
        return Err(ResponseError::NoSuchChoice(*bad));
    }
    let right = chosen
        .iter()
        .enumerate()
        .filter(|(i, c)| **c == Some(*i))
        .count();
    let feedback = m
        .pairs
        .iter()
        .enumerate()
        .filter(|(i, _)| chosen[*i] != Some(*i))
        .map(|(_, (l, r))| format!("{l} goes with {r}."))
        .collect();
    Ok(Graded::new(right as f64 / n as f64, feedback, Vec::new()))
}

pub(super) fn correct_answer(m: &Matching) -> String {
    m.pairs
        .iter()
        .map(|(l, r)| format!("{l} — {r}"))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn describe(m: &Matching, response: &Response) -> Option<String> {
    let Response::Matches(chosen) = response else {
        return None;
    };
    let options: Vec<&str> = m.options().collect();
    Some(
        m.pairs
            .iter()
            .zip(chosen)
            .map(|((left, _), c)| {
                let right = c.and_then(|c| options.get(c).copied()).unwrap_or("(none)");
                format!("{left} — {right}")
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// The right-hand options, always scrambled.
pub(super) fn presentation_order(m: &Matching, rng: &mut dyn Shuffler) -> Vec<usize> {
    let mut order: Vec<usize> = (0..m.option_count()).collect();
    rng.shuffle(&mut order);
    order
}

pub(super) fn shown(m: &Matching, order: &[usize]) -> Shown {
    let options: Vec<&str> = m.options().collect();
    Shown::Matching {
        lefts: m.pairs.iter().map(|(l, _)| l.clone()).collect(),
        options: order
            .iter()
            .filter_map(|&o| options.get(o).map(|t| (*t).to_owned()))
            .collect(),
    }
}

pub(super) fn worksheet(m: &Matching, order: &[usize]) -> Vec<Block> {
    let options: Vec<&str> = m.options().collect();
    vec![
        Block::Note("Write the letter of the matching option next to each item.".into()),
        Block::List(
            m.pairs
                .iter()
                .enumerate()
                .map(|(i, (left, _))| format!("({}) {left} ___", i + 1))
                .collect(),
        ),
        Block::List(
            order
                .iter()
                .enumerate()
                .filter_map(|(i, &o)| {
                    options
                        .get(o)
                        .map(|t| format!("{}) {t}", super::choice::lower(i)))
                })
                .collect(),
        ),
    ]
}

pub(super) fn key(m: &Matching, order: &[usize]) -> Vec<Block> {
    let letter_of = |option: usize| {
        order
            .iter()
            .position(|&o| o == option)
            .map_or('?', super::choice::lower)
    };
    let answer = m
        .pairs
        .iter()
        .enumerate()
        .map(|(i, (left, _))| format!("({}) {left} = {}", i + 1, letter_of(i)))
        .collect::<Vec<_>>()
        .join("; ");
    vec![Block::Para(format!("Answer: {answer}"))]
}

pub(super) fn write_ron(out: &mut String, m: &Matching, indent: &str) {
    let inner = format!("{indent}    ");
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

pub(super) fn gift(m: &Matching, prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    let mut notes = Vec::new();
    if m.option_count() < 3 {
        notes.push(GiftNote {
            field: "answer.pairs",
            message: format!(
                "Moodle needs at least three answers in a matching question; this one has {}",
                m.option_count()
            ),
            hint: Some("add a pair or a distractor".into()),
        });
    }
    let mut b = String::from("{\n");
    for (left, right) in &m.pairs {
        let left = if left.contains("->") {
            notes.push(GiftNote {
                field: "answer.pairs",
                message: format!(
                    "`->` in the left item `{left}` is written `→`: GIFT cannot escape it"
                ),
                hint: None,
            });
            left.replace("->", "→")
        } else {
            left.clone()
        };
        let _ = writeln!(b, "\t={} -> {}", (g.text)(&left), (g.escape)(right));
    }
    // An answer with no question is an extra wrong answer in Moodle.
    for d in &m.distractors {
        let _ = writeln!(b, "\t= -> {}", (g.escape)(d));
    }
    b.push_str(&g.general(explanation));
    b.push('}');
    GiftAnswer::block(prompt, b, notes)
}

pub(super) fn canonical(form: &mut Form, m: &Matching) {
    form.count(m.pairs.len());
    for (left, right) in &m.pairs {
        form.text(left);
        form.text(right);
    }
    form.texts(m.distractors.iter().map(String::as_str));
}

/// Answer tests name texts, which cannot say an order or a pairing: none for this kind.
pub(super) fn response_for() -> Result<super::Response, super::expect::ExpectError> {
    Err(super::expect::not_for("a matching question"))
}

/// What the question holds, for loss reports.
pub(crate) fn contents(m: &Matching) -> Vec<String> {
    let mut out = vec![crate::format::plural(m.pairs.len(), "pair", "pairs")];
    if !m.distractors.is_empty() {
        out.push(crate::format::plural(
            m.distractors.len(),
            "distractor",
            "distractors",
        ));
    }
    out
}
