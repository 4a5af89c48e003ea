//! Discussion: an open prompt with a model answer and a rubric the learner self-assesses
//! against; the score is the weight of the rubric points ticked over the total weight.

use std::fmt::{self, Write as _};

use super::Form;
use super::check::non_empty;
use super::ron::{cite, string};
use super::{
    Block, GiftAnswer, GiftBody, GiftNote, GiftText, Graded, Kind, Response, ResponseError,
};
use crate::diag::findings::Findings;
use crate::source::cite::{self as citation, SourceState};
use crate::source::{Citation, RawCite};

#[derive(Clone, Debug, serde::Serialize)]
pub struct Discussion {
    pub model_answer: String,
    /// At least one point; every weight ≥ 1.
    pub rubric: Vec<RubricPoint>,
    pub minutes: Option<u32>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct RubricPoint {
    pub point: String,
    pub weight: u32,
    pub citation: Option<Citation>,
}

/// A rubric point as written in a quiz file.
#[derive(Debug, serde::Deserialize)]
#[serde(rename = "Rubric", deny_unknown_fields)]
pub struct RawRubricPoint {
    pub point: String,
    #[serde(default = "one")]
    pub weight: u32,
    #[serde(default)]
    pub cite: Option<RawCite>,
}

fn one() -> u32 {
    1
}

pub const SKELETON: &str = r#"Discussion(
                model_answer: "What a strong answer says.",
                rubric: [
                    (point: "A point a good answer makes", weight: 2),
                    (point: "Another point", weight: 1),
                ],
                minutes: 5,
            )"#;

pub(super) fn check(
    f: &mut Findings,
    path: &dyn fmt::Display,
    model_answer: String,
    rubric: Vec<RawRubricPoint>,
    minutes: Option<u32>,
    source: SourceState<'_>,
) -> Option<Kind> {
    let mut ok = non_empty(
        f,
        || format!("{path}.model_answer"),
        &model_answer,
        "the model answer",
    );
    if rubric.is_empty() {
        f.error(
            format!("{path}.rubric"),
            "a discussion needs at least one rubric point to self-assess against",
            "empty rubric",
        );
        ok = false;
    }
    let mut points = Vec::with_capacity(rubric.len());
    for (i, r) in rubric.iter().enumerate() {
        let rp = format!("{path}.rubric[{i}]");
        ok &= non_empty(f, || format!("{rp}.point"), &r.point, "the rubric point");
        if r.weight == 0 {
            f.error(
                format!("{rp}.weight"),
                "a rubric weight must be at least 1",
                "zero weight",
            );
            ok = false;
        }
        if r.weight > super::check::MAX_POINTS {
            f.error(
                format!("{rp}.weight"),
                format!(
                    "a rubric weight must be at most {}, not {}",
                    super::check::MAX_POINTS,
                    r.weight
                ),
                "weight too large",
            );
            ok = false;
        }
        let checked = r
            .cite
            .as_ref()
            .and_then(|c| citation::check(f, &format!("{rp}.cite"), c, source));
        ok &= r.cite.is_none() || checked.is_some();
        points.push(RubricPoint {
            point: r.point.clone(),
            weight: r.weight,
            citation: checked,
        });
    }
    if minutes == Some(0) {
        f.error(
            format!("{path}.minutes"),
            "suggested minutes must be at least 1",
            "zero minutes",
        )
        .hint("leave `minutes` out for no suggested time");
        ok = false;
    }
    ok.then_some(Kind::Discussion(Discussion {
        model_answer,
        rubric: points,
        minutes,
    }))
}

pub(super) fn grade(d: &Discussion, ticks: &[bool]) -> Result<Graded, ResponseError> {
    if ticks.len() != d.rubric.len() {
        return Err(ResponseError::WrongLength {
            expected: d.rubric.len(),
            found: ticks.len(),
        });
    }
    let total: u32 = d.rubric.iter().map(|r| r.weight).sum();
    let got: u32 = d
        .rubric
        .iter()
        .zip(ticks)
        .filter(|(_, t)| **t)
        .map(|(r, _)| r.weight)
        .sum();
    let feedback = format!("Self-assessed: {got} of {total} rubric points.");
    Ok(Graded::new(
        f64::from(got) / f64::from(total.max(1)),
        vec![feedback],
        Vec::new(),
    ))
}

pub(super) fn describe(d: &Discussion, response: &Response) -> Option<String> {
    let Response::Rubric(ticks) = response else {
        return None;
    };
    let got: Vec<&str> = d
        .rubric
        .iter()
        .zip(ticks)
        .filter(|(_, t)| **t)
        .map(|(r, _)| r.point.as_str())
        .collect();
    Some(if got.is_empty() {
        "(no rubric point ticked)".into()
    } else {
        format!("Ticked: {}", got.join("; "))
    })
}

pub(super) fn worksheet(d: &Discussion) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(min) = d.minutes {
        blocks.push(Block::Note(format!("About {min} minutes.")));
    }
    blocks.push(Block::Lines(6));
    blocks
}

pub(super) fn key(d: &Discussion) -> Vec<Block> {
    vec![
        Block::Para(format!("Answer: {}", d.model_answer)),
        Block::List(
            d.rubric
                .iter()
                .map(|r| format!("{} ({} pt)", r.point, r.weight))
                .collect(),
        ),
    ]
}

pub(super) fn write_ron(out: &mut String, d: &Discussion, indent: &str) {
    let inner = format!("{indent}    ");
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

/// An essay in GIFT: the model answer is the general feedback; rubric, minutes and explanation
/// become comments.
pub(super) fn gift(d: &Discussion, prompt: &str, explanation: &str, g: GiftText) -> GiftAnswer {
    let mut comments: Vec<String> = d
        .rubric
        .iter()
        .map(|p| format!("rubric ({}): {}", p.weight, p.point))
        .collect();
    if let Some(m) = d.minutes {
        comments.push(format!("minutes: {m}"));
    }
    if !explanation.is_empty() {
        comments.push(format!("explanation: {explanation}"));
    }
    GiftAnswer {
        body: Some(GiftBody::Block {
            prompt: prompt.to_owned(),
            block: format!("{{\n{}}}", g.general(&d.model_answer)),
        }),
        comments,
        notes: vec![GiftNote {
            field: "answer.rubric",
            message: "GIFT essays have no rubric: the model answer is the general feedback, and the rubric and explanation are written as comments".into(),
            hint: None,
        }],
    }
}

/// The model answer and each rubric point with its weight (not its citation, not the minutes).
pub(super) fn canonical(form: &mut Form, d: &Discussion) {
    form.text(&d.model_answer);
    form.count(d.rubric.len());
    for point in &d.rubric {
        form.text(&point.point);
        form.text(&point.weight.to_string());
    }
}

/// Discussions are self-assessed: there is no key to test.
pub(super) fn response_for() -> Result<super::Response, super::expect::ExpectError> {
    Err(super::expect::not_for("a discussion question"))
}

/// What the question holds, for loss reports.
pub(crate) fn contents(d: &Discussion) -> Vec<String> {
    let mut out = Vec::new();
    if !d.model_answer.trim().is_empty() {
        out.push("a model answer".to_owned());
    }
    if !d.rubric.is_empty() {
        out.push(format!(
            "a rubric of {}",
            crate::format::plural(d.rubric.len(), "point", "points")
        ));
    }
    let cited = d.rubric.iter().filter(|p| p.citation.is_some()).count();
    if cited > 0 {
        out.push(format!("citations on {cited} rubric points"));
    }
    if let Some(minutes) = d.minutes {
        out.push(crate::format::plural(minutes as usize, "minute", "minutes"));
    }
    out
}
